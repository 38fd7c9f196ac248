"""One notebook: papermill parameterises it, its cells run in this process (``cells``), and its HTML is written.

:func:`render_one` runs in a notebook process forked by the render's warm worker
(see ``worker``); a notebook the worker could not finish (a time limit, a crash)
gets its failure page from :func:`write_failure_page` in the main process instead.
"""

from __future__ import annotations

import errno
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..common.atomic import atomic_write
from ..common.locations import FILES_ENVIRONMENT, FILES_SUFFIX
from ..jupyter.catalogue import notebook_info
from .export import export_html, now_stamp, page_context
from .memory import memory_error, memory_notice
from .scrub import scrub_notebook

__all__ = ["ENVIRONMENT_ERRNOS", "RenderResult", "files_folder", "render_one", "write_failure_page"]

# Errors of the machine rather than of the notebook: the run stops, nothing is published.
ENVIRONMENT_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM}


@dataclass
class RenderResult:
    """What happened to one notebook.

    ``last_good`` is set on a failed report whose last good page was carried
    over from an earlier run: ``{"html_file": ..., "rendered_at": ...}``.
    ``inputs`` holds the key of what the report rests on and its parts (see
    ``inputs``). ``reused`` marks a report of an earlier run that was not made
    again because none of its inputs changed; it is not written to the manifest.
    ``files`` lists the files the page links to (``<name>-bestanden/...``, relative
    to the run folder); ``peak_memory_mb`` is the largest the notebook's process grew.
    """

    name: str
    title: str
    description: str
    status: str  # "ok" or "failed"
    html_file: str  # relative to the run folder
    seconds: float
    code_seconds: float  # time spent in the notebook's own cells, imports excluded
    parameters: dict = field(default_factory=dict)
    error: str = ""
    rendered_at: str = ""
    last_good: dict | None = None
    inputs: dict = field(default_factory=dict)
    reused: bool = False
    files: list = field(default_factory=list)
    peak_memory_mb: float | None = None


def _failed_cell(nb) -> tuple[int | None, str]:
    """The cell that stopped the run: the last with an error (one tagged ``raises-exception`` may fail before it)."""
    for index in reversed(range(len(nb.cells))):
        for output in nb.cells[index].get("outputs", []):
            if output.get("output_type") == "error":
                return index, f"{output.get('ename', 'Error')}: {output.get('evalue', '')}".strip()
    return None, "onbekende fout"


def _marker(text: str):
    import nbformat
    from markupsafe import Markup

    return nbformat.v4.new_markdown_cell(str(Markup('<span id="vsv-fout">{}</span>').format(text)))


def _mark_failure(nb, name: str = "", memory_limit: int | None = None, size: str = "") -> str:
    """Add a Dutch marker before the failing cell; return the error (for one out of memory, in Dutch: ``name``
    the report, ``memory_limit`` its budget, ``size`` the data's size in words)."""
    index, error = _failed_cell(nb)
    if error.startswith("MemoryError"):
        notice, error = memory_notice(memory_limit, size), memory_error(name or "dit rapport", memory_limit, size)
    else:
        notice = ("De berekening stopte hier met een fout. Hieronder staat de foutmelding; de resultaten na deze "
                  "plek ontbreken.")
    if index is not None:
        nb.cells.insert(index, _marker(notice))
    return error


def _code_seconds(nb) -> float:
    """Time in the notebook's own cells, without the first code cell (imports) and the parameters."""
    total, first = 0.0, True
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tags = cell.metadata.get("tags", [])
        if "parameters" in tags or "injected-parameters" in tags:
            continue
        if first:
            first = False
            continue
        timing = cell.metadata.get("papermill", {})
        if timing.get("duration") is not None:
            total += float(timing["duration"])
    return total


TEXT_FILES = (".csv", ".gexf", ".graphml", ".json", ".txt")
"""Files of a report that are text, and so scrubbed of local paths as its page is."""


def files_folder(folder: Path, name: str) -> Path:
    """Where the report ``name`` keeps the files its page links to (see :mod:`vsv_analysis.report.files`)."""
    return Path(folder) / f"{name}{FILES_SUFFIX}"


def _publish_files(folder: Path, name: str, keep: bool, scrub_text: Callable[[str], str]) -> list[str]:
    """The files the notebook wrote for its page, scrubbed of local paths; all removed when ``keep`` is false
    (a failed page links to none: the last good page and its files may be carried over in their place)."""
    import shutil

    place = files_folder(folder, name)
    if not place.is_dir():
        return []
    if not keep:
        shutil.rmtree(place)
        return []
    found = []
    for path in sorted(p for p in place.iterdir() if p.is_file()):  # flat, as offer_file writes them
        if path.suffix in TEXT_FILES:
            encoding = "utf-8-sig" if path.suffix == ".csv" else "utf-8"
            try:
                text = path.read_text(encoding=encoding)
            except UnicodeDecodeError:  # not written by the package (a source document copied as it is)
                text = None
            cleaned = scrub_text(text) if text is not None else None
            if cleaned != text:
                path.write_text(cleaned, encoding=encoding)
        found.append(path.relative_to(folder).as_posix())
    return found


def _write_page(folder: Path, name: str, failed: bool, page: str) -> str:
    target = Path(folder) / (f"{name}.failed.html" if failed else f"{name}.html")
    atomic_write(target, lambda temporary: Path(temporary).write_text(page, encoding="utf-8"))
    return target.name


def render_one(notebook: Path, folder: Path, parameters: dict, with_code: bool, provenance: dict,
               scrub_text: Callable[[str], str], cell_timeout: float | None,
               memory_limit: int | None = None) -> RenderResult:
    """Execute one notebook in this process and write its HTML (or its failed HTML) into ``folder``.

    Run it in a process of its own (the warm worker forks one per notebook):
    the notebook's code runs here, within ``memory_limit`` bytes when the worker
    set one (a cell that asks for more fails as out of memory, see ``memory``). An
    :class:`OSError` of the machine (full disk, read-only folder) is raised, not
    turned into a failed report.
    """
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    from .cells import execute_cells

    notebook = Path(notebook)
    started = time.perf_counter()
    stamp = now_stamp()
    error, cell_failed = "", False
    nb = load_notebook_node(str(notebook))
    title, description = notebook_info(notebook, nb)
    os.environ[FILES_ENVIRONMENT] = str(files_folder(folder, notebook.stem).absolute())  # this process: the notebook
    try:
        if parameters:  # as papermill does: a notebook that declares no parameters gets no injected cell
            nb = parameterize_notebook(nb, parameters)
        cell_failed = execute_cells(nb, cell_timeout)
    except OSError as exc:
        if exc.errno in ENVIRONMENT_ERRNOS:
            raise
        error = f"{type(exc).__name__}: {exc}"
    except Exception as exc:  # papermill could not parameterise it, or running it failed outside its cells
        error = f"{type(exc).__name__}: {exc}"
    if cell_failed:
        error = _mark_failure(nb, notebook.stem, memory_limit, provenance.get("size", ""))
    error = scrub_text(error)
    code_seconds = _code_seconds(nb)
    scrub_notebook(nb, scrub_text)
    page = export_html(nb, with_code, page_context(title, error, parameters, provenance, stamp), scrub_text)
    files = _publish_files(folder, notebook.stem, not error, scrub_text)
    html_file = _write_page(folder, notebook.stem, bool(error), page)
    return RenderResult(notebook.stem, title, description, "failed" if error else "ok", html_file,
                        time.perf_counter() - started, code_seconds, parameters, error, stamp, files=files)


def write_failure_page(notebook: Path, folder: Path, parameters: dict, with_code: bool, provenance: list,
                       scrub_text: Callable[[str], str], error: str, notice: str, seconds: float) -> RenderResult:
    """The failed page of a notebook that did not finish (stopped at a time limit, or its worker died).

    It shows the notebook without results, under a Dutch ``notice`` that says why.
    """
    import nbformat

    notebook = Path(notebook)
    stamp = now_stamp()
    _publish_files(folder, notebook.stem, False, scrub_text)  # what a stopped notebook wrote is not published
    nb = nbformat.read(notebook, as_version=4)
    title, description = notebook_info(notebook, nb)
    first_code = next((i for i, cell in enumerate(nb.cells) if cell.cell_type == "code"), len(nb.cells))
    nb.cells.insert(first_code, _marker(notice))
    page = export_html(nb, with_code, page_context(title, error, parameters, provenance, stamp), scrub_text)
    html_file = _write_page(folder, notebook.stem, True, page)
    return RenderResult(notebook.stem, title, description, "failed", html_file, seconds, 0.0, parameters, error,
                        stamp)
