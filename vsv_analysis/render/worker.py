"""The warm worker of a render: imports once, then forks a fresh process for each notebook.

``python -m vsv_analysis.render.worker RENDER_PID OUTPUT_DIR`` (the folder only
names the render on the worker's command line, which its notebook processes share).

The worker imports what the export needs (IPython, nbformat, papermill,
nbconvert) and every module the run's notebooks import (for the reports: this
package, and so pandas, networkx, scipy and matplotlib), makes the IPython shell
and warms the HTML exporter up, and then runs nothing itself: for
each notebook it forks a process that executes the notebook (``cells``),
exports its HTML (``execute``) and ends. So every notebook starts warm, yet sees a
fresh namespace and the matplotlib state of a fresh import, and nothing one
notebook does reaches the next.

It reads JSON lines on standard input: first ``{"preload": [MODULE, ...], "report": PARAMETERS}``
(given the run's parameters, it also loads the data once for all notebooks:
:func:`vsv_analysis.report.context.prepare`), then ``{"run": ID, "task": TASK}`` and
``{"kill": ID}``; the end of its input ends it, and any notebook still running.
It answers ``{"done": ID, "answer": ANSWER}`` on what was standard output, which
is then pointed at standard error, so a stray print cannot garble an answer.
ANSWER is ``{"result": RenderResult}``, ``{"os_error": [errno, text, filename]}``
(the machine stopped it: the run stops) or ``{"crash": text}`` (the report fails).
The worker dies with the render, and each notebook process with the worker
(``processes``); a notebook process is in a process group of its own, which a
kill ends whole.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import json
import os
import select
import signal
import sys
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .memory import NEAR_LIMIT, ended_text, limit_memory
from .processes import die_with_parent

__all__ = ["MACHINERY", "ON_FIRST_USE", "main", "prepare_report", "run_task", "warm_up"]

MACHINERY = ("IPython.core.interactiveshell", "IPython.display", "nbformat", "papermill.iorw", "papermill.parameterize",
             "nbconvert.exporters.html")
"""What running and exporting a notebook needs, imported by the worker before any notebook."""
ON_FIRST_USE = {"networkx": ("scipy.optimize",)}
"""Modules a library imports only when first used (networkx's Kamada-Kawai layout: scipy.optimize, 0.3 s),
imported ahead when that library is."""


def run_task(task: dict) -> dict:
    """Render the notebook of one task; the answer to send back."""
    from .execute import ENVIRONMENT_ERRNOS, render_one
    from .scrub import Scrubber

    scrub_text = Scrubber([tuple(pair) for pair in task["private"]])
    try:
        result = render_one(Path(task["notebook"]), Path(task["folder"]), task["parameters"], task["with_code"],
                            task["provenance"], scrub_text, task["cell_timeout"], task.get("memory_limit"))
        return {"result": asdict(result)}
    except OSError as error:
        if error.errno in ENVIRONMENT_ERRNOS:
            return {"os_error": [error.errno, error.strerror or str(error), str(error.filename or "")]}
        return {"crash": scrub_text(f"{type(error).__name__}: {error}")}
    except Exception as error:
        traceback.print_exc()
        return {"crash": scrub_text(f"{type(error).__name__}: {error}")}


def warm_up(modules: list[str]) -> None:
    """Import :data:`MACHINERY` and ``modules``, make the shell, and export a small page once (templates compiled).

    Leaves matplotlib's settings as a fresh import has them, and no figure open.
    A module that cannot be imported (``from a import b`` where ``b`` is no
    module, or a module that fails) is left for the notebook, so that its error
    shows in the report.
    """
    # jsonschema (under nbformat) imports rfc3987_syntax, when installed, for IRI formats that notebook
    # validation never checks; building its grammar costs more than all other imports together.
    sys.modules.setdefault("rfc3987_syntax", None)
    for name in [*MACHINERY, *modules]:
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    for library, later in ON_FIRST_USE.items():
        for name in later if library in sys.modules else ():
            with contextlib.suppress(Exception):
                importlib.import_module(name)
    with contextlib.suppress(Exception):
        from .cells import make_shell

        make_shell()
    with contextlib.suppress(Exception):
        _export_once()


def prepare_report(parameters: dict | None) -> None:
    """Load the run's data and build its network once, here, for every notebook process to start from.

    Only when the notebooks use the report layer (it was imported with them) and the render sent the
    parameters. A problem is left for the notebooks, which then load the data themselves and show it.
    """
    report = sys.modules.get("vsv_analysis.report.context")
    if parameters is None or report is None:
        return
    with contextlib.suppress(Exception):
        report.prepare(parameters)


def _export_once() -> None:
    import nbformat

    from .export import export_html, page_context

    matplotlib = sys.modules.get("matplotlib")
    before = dict(matplotlib.rcParams) if matplotlib else None
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Titel\n\n## Deel\n\nTekst met *nadruk*."),
                nbformat.v4.new_code_cell("print(1)", outputs=[
                    nbformat.v4.new_output("display_data", {"text/html": "<p>p</p>", "text/plain": "p"}),
                    nbformat.v4.new_output("stream", name="stdout", text="1\n"),
                    nbformat.v4.new_output("error", ename="E", evalue="e", traceback=["\x1b[31mE\x1b[39m: e"])])]
    nb.metadata["language_info"] = {"name": "python"}
    for with_code in (False, True):
        export_html(nbformat.from_dict(nb), with_code, page_context("Titel", "", {}, {}, ""), str)
    if matplotlib and dict(matplotlib.rcParams) != before:  # nothing should touch them; notebooks get them fresh
        matplotlib.rcParams.update(before)


@dataclass
class _Child:
    task_id: str
    pid: int
    memory_limit: int | None = None
    chunks: list = field(default_factory=list)
    reaped: bool = False


def _write_all(fd: int, data: bytes) -> None:
    while data:
        data = data[os.write(fd, data):]


def _child(task: dict, write_fd: int, worker_pid: int, close: list[int]) -> None:
    """In the forked process: render the notebook, write the answer, end. Never returns."""
    code = 1
    try:
        with contextlib.suppress(OSError):
            os.setpgid(0, 0)
        die_with_parent(worker_pid)
        limit_memory(task.get("memory_limit"))
        for fd in close:
            with contextlib.suppress(OSError):
                os.close(fd)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        scratch = Path(task["scratch_dir"]) / "tmp"
        if scratch.is_dir():  # the run's temporary files stay in its work folder
            import tempfile

            os.environ["TMPDIR"] = str(scratch)
            tempfile.tempdir = None
        answer = run_task(task)
        _write_all(write_fd, (json.dumps(answer, default=str) + "\n").encode())
        code = 0
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def _answer(child: _Child, status: int, peak: int) -> dict:
    """The notebook process's answer, with its peak memory (``peak`` bytes); a process that ended without one
    near its memory budget ran out of memory."""
    text = b"".join(child.chunks)
    answer = None
    if text.endswith(b"\n"):
        try:
            answer = json.loads(text)
        except json.JSONDecodeError:
            answer = {"crash": "het rekenproces gaf een onleesbaar antwoord"}
    if answer is None and child.memory_limit and peak >= NEAR_LIMIT * child.memory_limit:
        answer = {"memory": child.memory_limit}
    if answer is None:
        answer = {"crash": ended_text(os.waitstatus_to_exitcode(status), round(peak / 2**20, 1))}
    if isinstance(answer.get("result"), dict):
        answer["result"]["peak_memory_mb"] = round(peak / 2**20, 1)
    answer["peak_memory_mb"] = round(peak / 2**20, 1)
    return answer


class _Worker:
    def __init__(self, answers):
        self.answers = answers
        self.children: dict[int, _Child] = {}  # by the read end of its answer pipe
        self.input = b""

    def send(self, message: dict) -> None:
        self.answers.write(json.dumps(message, default=str) + "\n")
        self.answers.flush()

    def start(self, task_id: str, task: dict) -> None:
        read_fd, write_fd = os.pipe()
        close = [0, self.answers.fileno(), read_fd, *self.children]
        pid = os.fork()
        if pid == 0:
            _child(task, write_fd, os.getppid(), close)
        os.close(write_fd)
        with contextlib.suppress(OSError):
            os.setpgid(pid, pid)
        self.children[read_fd] = _Child(task_id, pid, task.get("memory_limit"))

    def kill(self, task_id: str) -> None:
        for child in self.children.values():
            if child.task_id == task_id:
                _kill(child)

    def collect(self, fd: int) -> None:
        """Read what a notebook process wrote; at its end, reap it and send its answer on."""
        chunk = os.read(fd, 1 << 16)
        child = self.children[fd]
        if chunk:
            child.chunks.append(chunk)
            return
        _, status, usage = os.wait4(child.pid, 0)
        child.reaped = True
        os.close(fd)
        del self.children[fd]
        self.send({"done": child.task_id, "answer": _answer(child, status, usage.ru_maxrss * 1024)})

    def read_input(self) -> bool:
        """Act on the messages that arrived; ``False`` at the end of the input."""
        chunk = os.read(0, 1 << 16)
        if not chunk:
            return False
        self.input += chunk
        while b"\n" in self.input:
            line, self.input = self.input.split(b"\n", 1)
            message = json.loads(line)
            if "run" in message:
                self.start(message["run"], message["task"])
            elif "kill" in message:
                self.kill(message["kill"])
        return True

    def serve(self) -> None:
        reading = True
        while reading or self.children:
            ready, _, _ = select.select(([0] if reading else []) + list(self.children), [], [])
            for fd in ready:
                if fd == 0 and reading:
                    reading = self.read_input()
                    if not reading:  # the render ended or let go of us: no notebook outlives it
                        for child in self.children.values():
                            _kill(child)
                elif fd in self.children:
                    self.collect(fd)


def _kill(child: _Child) -> None:
    if not child.reaped:  # not reaped, so its pid is still this child's
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(child.pid, signal.SIGKILL)


def _first_line() -> bytes:
    line = b""
    while not line.endswith(b"\n"):
        chunk = os.read(0, 1)
        if not chunk:
            break
        line += chunk
    return line


def main(argv: list[str]) -> None:
    """Warm up, then serve notebooks from standard input until it closes."""
    die_with_parent(int(argv[0]))
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    first = json.loads(_first_line().strip() or b"{}")
    warm_up(first.get("preload", []))
    prepare_report(first.get("report"))
    gc.freeze()  # what the worker made stays shared with the notebook processes, unvisited by their collector
    _Worker(answers).serve()


if __name__ == "__main__":
    main(sys.argv[1:])
