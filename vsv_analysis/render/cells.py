"""Run a notebook's code cells in this process, as a Jupyter kernel would, and keep their outputs.

The render executes each notebook in a process of its own, forked from a warm
worker that has the libraries imported already (see ``worker``). In it,
:func:`execute_cells` runs the cells in an IPython shell made for that notebook:
a fresh namespace, ``display()``, ``print`` and errors captured as nbformat
outputs (``display_data``, ``execute_result``, ``stream``, ``error``), as
nbclient would write them. Like papermill, it stops at the first error (a cell
tagged ``raises-exception`` may fail), skips empty cells, counts executions
from 1, and notes each cell's duration in ``metadata.papermill``; the notebook
gets the ``language_info`` an IPython kernel reports (the export highlights code by it).

Printed text is buffered per stream and written as an output before the next
display or error and at the end of the cell, as ipykernel does, so output reads
the same as from a kernel.

The notebooks need none of this: they run unchanged under papermill and in
JupyterLab.
"""

from __future__ import annotations

import io
import signal
import sys
import time
from contextlib import contextmanager

import nbformat
from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.interactiveshell import InteractiveShell
from traitlets.config import Config

from ..common.dutch import short_number

__all__ = ["LANGUAGE_INFO", "CellTimeout", "execute_cells", "make_shell"]

LANGUAGE_INFO = {"name": "python", "version": sys.version.split()[0], "mimetype": "text/x-python",
                 "codemirror_mode": {"name": "ipython", "version": 3}, "pygments_lexer": "ipython3",
                 "nbconvert_exporter": "python", "file_extension": ".py"}
"""What ipykernel reports about its language, and nbclient writes into an executed notebook."""


class CellTimeout(Exception):  # noqa: N818 - shown to readers as the cell's error, like TimeoutError
    """A cell ran past its time limit."""


class _Outputs:
    """The outputs of the cell being run, with printed text held back until something else is shown.

    ``displays`` maps a display id to the outputs shown under it so far (in any cell), which
    ``update_display`` changes in place.
    """

    def __init__(self, displays: dict | None = None):
        self.outputs: list = []
        self.pending = {"stdout": [], "stderr": []}
        self.clear_before_next = False
        self.displays = {} if displays is None else displays

    def write(self, name: str, text: str) -> None:
        if text:
            self.pending[name].append(text)

    def flush(self) -> None:
        for name in ("stdout", "stderr"):
            if self.pending[name]:
                self.add({"output_type": "stream", "name": name, "text": "".join(self.pending[name])})
                self.pending[name] = []

    def add(self, output: dict):
        if self.clear_before_next:
            self.outputs.clear()
            self.clear_before_next = False
        node = nbformat.from_dict(output)
        self.outputs.append(node)
        return node

    def clear(self, wait: bool) -> None:
        self.flush()
        if wait:
            self.clear_before_next = True
        else:
            self.outputs.clear()


_current = _Outputs()


class _Stream(io.TextIOBase):
    """``sys.stdout`` or ``sys.stderr`` while a cell runs."""

    def __init__(self, name: str):
        self.name_ = name

    @property
    def encoding(self) -> str:
        return "utf-8"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        _current.write(self.name_, text)
        return len(text)


class _Publisher(DisplayPublisher):
    """``display()``: a ``display_data`` output."""

    def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs) -> None:
        _current.flush()
        display_id = (transient or {}).get("display_id")
        output = {"output_type": "display_data", "data": dict(data), "metadata": dict(metadata or {})}
        if update:
            for shown in _current.displays.get(display_id, []):
                shown.update(nbformat.from_dict(output))
            return
        node = _current.add(output)
        if display_id:
            _current.displays.setdefault(display_id, []).append(node)

    def clear_output(self, wait=False) -> None:
        _current.clear(wait)


class _DisplayHook(DisplayHook):
    """The value of a cell's last expression: an ``execute_result`` output."""

    def write_output_prompt(self) -> None:
        pass

    def write_format_data(self, format_dict, md_dict=None) -> None:
        _current.flush()
        _current.add({"output_type": "execute_result", "execution_count": self.prompt_count,
                      "data": dict(format_dict), "metadata": dict(md_dict or {})})

    def finish_displayhook(self) -> None:
        self._is_active = False


class _Shell(InteractiveShell):
    display_pub_class = _Publisher
    displayhook_class = _DisplayHook

    def _showtraceback(self, etype, evalue, stb) -> None:
        _current.flush()
        _current.add({"output_type": "error", "ename": etype.__name__, "evalue": str(evalue), "traceback": stb})

    def init_io(self) -> None:  # the streams are set per cell
        pass


def make_shell() -> InteractiveShell:
    """The IPython shell the notebook of this process runs in (made once per process; no history file)."""
    config = Config()
    config.HistoryManager.enabled = False
    config.HistoryManager.hist_file = ":memory:"
    config.InteractiveShell.colors = "neutral"  # as ipykernel shows tracebacks
    return _Shell.instance(config=config)


@contextmanager
def _captured():
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Stream("stdout"), _Stream("stderr")
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


@contextmanager
def _time_limit(seconds: float | None):
    """Raise :class:`CellTimeout` in the cell after ``seconds`` (SIGALRM; this process runs one notebook)."""
    if not seconds:
        yield
        return

    def stop(signum, frame):
        raise CellTimeout(f"de cel was na {short_number(seconds)} seconden niet klaar (tijdgrens per cel)")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def execute_cells(nb, cell_timeout: float | None = None) -> bool:
    """Run the code cells of ``nb`` (an nbformat notebook) in order, filling in their outputs.

    Returns ``True`` when a cell failed (execution then stopped there).
    """
    global _current
    shell = make_shell()
    nb.metadata["language_info"] = dict(LANGUAGE_INFO)
    displays: dict = {}
    failed = False
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.outputs, cell.execution_count = [], None
        if failed or not cell.source.strip():
            continue
        _current = _Outputs(displays)
        started = time.perf_counter()
        try:
            with _captured(), _time_limit(cell_timeout):
                result = shell.run_cell(cell.source, store_history=True)
            success, count = result.success, result.execution_count
        except CellTimeout as stop:  # the limit struck outside the cell's own code
            _current.add({"output_type": "error", "ename": "CellTimeout", "evalue": str(stop), "traceback": []})
            success, count = False, shell.execution_count - 1
        _current.flush()
        cell.outputs = _current.outputs
        cell.execution_count = count
        cell.metadata["papermill"] = {"duration": time.perf_counter() - started, "exception": not success}
        if not success and "raises-exception" not in cell.metadata.get("tags", []):
            failed = True
    return failed

