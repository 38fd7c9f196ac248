"""The render's warm worker, seen from the main process: start it early, hand out notebooks, enforce limits, end it.

The worker (``worker``) is a process of this Python in a process group of its
own, so Ctrl-C in a terminal reaches only the main process, which then ends the
worker itself. It forks a process per notebook and runs up to ``jobs`` at once.
The worker dies with the main process and each notebook process with the
worker (``processes``), so a killed render leaves no process behind. A notebook
that runs past its time limit is killed by the worker on request, its whole
process group with it.
"""

from __future__ import annotations

import collections
import contextlib
import json
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from .memory import ended_text
from .notebooks import imported_modules

__all__ = ["WorkerPool"]


class _Worker:
    def __init__(self, marker: Path, preload: list[str], report: dict | None = None):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "vsv_analysis.render.worker", str(os.getpid()), str(Path(marker).absolute())],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, process_group=0)
        self.fd = self.process.stdout.fileno()
        self.buffer = b""
        self.given = 0
        with contextlib.suppress(BrokenPipeError):
            self.send({"preload": preload, "report": report})

    def send(self, message: dict) -> None:
        self.process.stdin.write((json.dumps(message, default=str) + "\n").encode())
        self.process.stdin.flush()

    def messages(self) -> list[dict] | None:
        """The messages that arrived whole; ``None`` when the worker has ended."""
        chunk = os.read(self.fd, 1 << 16)
        if not chunk:
            return None
        self.buffer += chunk
        lines = self.buffer.split(b"\n")
        self.buffer = lines.pop()
        messages = []
        for line in lines:
            with contextlib.suppress(json.JSONDecodeError):  # not an answer (the worker writes nothing else here)
                messages.append(json.loads(line))
        return messages

    def kill(self) -> None:
        if self.process.returncode is None:  # not reaped yet, so its pid (and group) is still this worker's
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def close(self, grace: float | None) -> None:
        """End it: close its input, so it ends by itself within ``grace`` seconds, else kill it."""
        with contextlib.suppress(OSError):
            self.process.stdin.close()
        if grace:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=grace)
        self.kill()
        self.process.stdout.close()


class WorkerPool:
    """A warm worker running up to ``jobs`` notebooks at once; use as a context manager, which ends it on leaving.

    ``marker`` (the output folder) names the render on the worker's command
    line; the worker imports the modules the ``notebooks`` import
    (:func:`~.notebooks.imported_modules`, found when it starts) before any
    notebook, and, given the run's ``report`` parameters, loads the data once
    for all of them. :meth:`start` starts the worker ahead, so that it warms up while
    the main process reads the evidence; :meth:`run` starts it if that was not
    done. On an exception, a signal included, the worker is killed at once, and
    with it every notebook process; otherwise it is asked to end and given a few seconds.
    """

    def __init__(self, jobs: int, marker: Path, notebooks: list[Path] = (), report: dict | None = None):
        self.jobs, self.marker, self.notebooks = max(1, jobs), marker, list(notebooks)
        self.report = report
        self.worker: _Worker | None = None

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, kind, value, trace) -> None:
        if self.worker is not None:  # one that ran nothing may still be warming up: no need to wait for it
            self.worker.close(grace=10 if kind is None and self.worker.given else None)
            self.worker = None

    def start(self) -> _Worker:
        if self.worker is None:
            self.worker = _Worker(self.marker, imported_modules(self.notebooks), self.report)
        return self.worker

    def _retire(self) -> int:
        """Kill the worker (and so its notebook processes); its exit code."""
        worker, self.worker = self.worker, None
        worker.close(grace=None)
        return worker.process.returncode

    def run(self, tasks: list[dict], notebook_limit: float | None,
            run_deadline: float | None) -> Iterator[tuple[dict, dict, float]]:
        """Yield ``(task, answer, seconds)`` as tasks finish.

        A task past ``notebook_limit`` seconds (counted from when it was handed
        to the worker, its start included) gets ``{"timeout": "notebook"}``; at
        ``run_deadline`` (a ``time.monotonic()`` value) every unfinished task
        gets ``{"timeout": "run"}``. When the worker dies, the notebooks it was
        running fail with ``{"crash": ...}`` and a new worker takes the rest.
        """
        pending = collections.deque(enumerate(tasks))
        running: dict[str, tuple[dict, float, float | None]] = {}
        while pending or running:
            now = time.monotonic()
            if run_deadline is not None and now >= run_deadline:
                if self.worker is not None:
                    self._retire()
                for task, started, _ in running.values():
                    yield task, {"timeout": "run"}, now - started
                for _, task in pending:
                    yield task, {"timeout": "run"}, 0.0
                return
            while pending and len(running) < self.jobs:
                worker = self.start()
                number, task = pending[0]
                try:
                    worker.send({"run": str(number), "task": task})
                except BrokenPipeError:  # it died: one that took nothing yet fails the task, else a new one runs it
                    fresh = worker.given == 0
                    yield from self._died(running)
                    if fresh:
                        pending.popleft()
                        yield task, {"crash": "het rekenproces kon niet starten"}, 0.0
                    continue
                worker.given += 1
                pending.popleft()
                running[str(number)] = (task, now, now + notebook_limit if notebook_limit else None)
            if not running:
                continue
            deadlines = [deadline for _, _, deadline in running.values() if deadline is not None]
            deadlines += [run_deadline] if run_deadline is not None else []
            wait = max(0.0, min(deadlines) - now) if deadlines else None
            ready, _, _ = select.select([self.worker.fd], [], [], wait)
            if ready:
                messages = self.worker.messages()
                if messages is None:
                    yield from self._died(running)
                    continue
                for message in messages:
                    if message.get("done") in running:
                        task, started, _ = running.pop(message["done"])
                        yield task, message["answer"], time.monotonic() - started
            now = time.monotonic()
            for number, (task, started, deadline) in list(running.items()):
                if deadline is not None and now >= deadline:
                    del running[number]
                    with contextlib.suppress(BrokenPipeError):
                        self.worker.send({"kill": number})
                    yield task, {"timeout": "notebook"}, now - started

    def _died(self, running: dict) -> Iterator[tuple[dict, dict, float]]:
        code = self._retire()
        now = time.monotonic()
        for task, started, _ in running.values():
            yield task, {"crash": ended_text(code)}, now - started
        running.clear()
