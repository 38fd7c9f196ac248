"""Render workers, seen from the main process: start them, hand out notebooks, enforce time limits, end them.

Each worker (``worker``) is a process of this Python in a process group of its
own, so Ctrl-C in a terminal reaches only the main process, which then ends the
workers itself. Workers die with the main process, and their kernels with them
(``kernel``), so a killed render leaves no process behind.
A notebook that runs past its time limit is stopped by killing its worker's
group; the worker's kernel follows.
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

__all__ = ["WorkerPool"]


class _Worker:
    def __init__(self, env: dict, work_dir: Path):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "vsv_analysis.render.worker", str(os.getpid()), str(work_dir)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, process_group=0)
        self.fd = self.process.stdout.fileno()
        self.buffer = b""
        self.task: dict | None = None
        self.started = 0.0
        self.deadline: float | None = None

    def give(self, task: dict, limit: float | None) -> None:
        self.task, self.started = task, time.monotonic()
        self.deadline = self.started + limit if limit else None
        self.process.stdin.write((json.dumps(task, default=str) + "\n").encode())
        self.process.stdin.flush()

    def answer(self) -> dict | None:
        """The answer once a whole line has arrived; ``{"crash": ...}`` when the worker died first."""
        chunk = os.read(self.fd, 1 << 16)
        if not chunk:
            code = self.process.wait()
            return {"crash": f"het rekenproces stopte onverwacht (code {code})"}
        self.buffer += chunk
        if b"\n" not in self.buffer:
            return None
        line, self.buffer = self.buffer.split(b"\n", 1)
        try:
            return json.loads(line)
        except json.JSONDecodeError:
            return {"crash": "het rekenproces gaf een onleesbaar antwoord"}

    def kill(self) -> None:
        if self.process.returncode is None:  # not reaped yet, so its pid (and group) is still this worker's
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def finish(self, grace: float) -> None:
        """Close its input so it ends by itself; kill it if it has not within ``grace`` seconds."""
        try:
            self.process.stdin.close()
            self.process.wait(timeout=grace)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.kill()
        self.process.stdout.close()


class WorkerPool:
    """Up to ``jobs`` workers; use as a context manager, which ends every worker on leaving.

    ``env`` is the environment of the workers (and so of their kernels). On an
    exception, a signal included, the workers are killed at once; otherwise
    they are asked to end and given a few seconds.
    """

    def __init__(self, jobs: int, env: dict, work_dir: Path):
        self.jobs, self.env, self.work_dir = max(1, jobs), env, work_dir
        self.workers: list[_Worker] = []

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, kind, value, trace) -> None:
        for worker in self.workers:
            if kind is None:
                worker.finish(grace=10)
            else:
                worker.kill()
                worker.process.stdout.close()
        self.workers = []

    def _spawn(self) -> _Worker:
        worker = _Worker(self.env, self.work_dir)
        self.workers.append(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        worker.kill()
        worker.process.stdout.close()
        self.workers.remove(worker)

    def run(self, tasks: list[dict], notebook_limit: float | None,
            run_deadline: float | None) -> Iterator[tuple[dict, dict, float]]:
        """Yield ``(task, answer, seconds)`` as tasks finish.

        A task past ``notebook_limit`` seconds (counted from when a worker took
        it) gets ``{"timeout": "notebook"}``; at ``run_deadline`` (a
        ``time.monotonic()`` value) every unfinished task gets ``{"timeout": "run"}``.
        """
        pending = collections.deque(tasks)
        idle: list[_Worker] = []
        busy: dict[int, _Worker] = {}
        while pending or busy:
            now = time.monotonic()
            if run_deadline is not None and now >= run_deadline:
                for worker in list(busy.values()):
                    self._retire(worker)
                    yield worker.task, {"timeout": "run"}, now - worker.started
                for task in pending:
                    yield task, {"timeout": "run"}, 0.0
                return
            while pending and len(busy) < self.jobs:
                fresh = not idle
                worker = idle.pop() if idle else self._spawn()
                try:
                    worker.give(pending[0], notebook_limit)
                except BrokenPipeError:  # it died: an idle one passes the task on, a fresh one fails it
                    self._retire(worker)
                    if fresh:
                        yield pending.popleft(), {"crash": "het rekenproces kon niet starten"}, 0.0
                    continue
                pending.popleft()
                busy[worker.fd] = worker
            if not busy:
                continue
            deadlines = [w.deadline for w in busy.values() if w.deadline is not None]
            deadlines += [run_deadline] if run_deadline is not None else []
            wait = max(0.0, min(deadlines) - now) if deadlines else None
            ready, _, _ = select.select(list(busy), [], [], wait)
            for fd in ready:
                worker = busy[fd]
                answer = worker.answer()
                if answer is None:
                    continue
                del busy[fd]
                if "crash" in answer and worker.process.poll() is not None:
                    self._retire(worker)
                else:
                    idle.append(worker)
                yield worker.task, answer, time.monotonic() - worker.started
            now = time.monotonic()
            for fd, worker in list(busy.items()):
                if worker.deadline is not None and now >= worker.deadline:
                    del busy[fd]
                    self._retire(worker)
                    yield worker.task, {"timeout": "notebook"}, now - worker.started
