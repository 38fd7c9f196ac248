"""One notebook: papermill executes it under a kernel that runs this very Python, nbconvert exports HTML."""

from __future__ import annotations

import datetime
import html
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import nbformat

from ..atomic import atomic_write
from .notebooks import TEMPLATE_DIR, notebook_info
from .provenance import show_parameters, when
from .scrub import scrub, scrub_notebook

__all__ = ["CELL_TIMEOUT_SECONDS", "KERNEL_NAME", "RenderResult", "render_one", "write_kernelspec"]

KERNEL_NAME = "vsv-analysis-render"
CELL_TIMEOUT_SECONDS = 600


@dataclass
class RenderResult:
    """What happened to one notebook."""

    name: str
    title: str
    description: str
    status: str  # "ok" or "failed"
    html_file: str  # relative to the dated folder
    seconds: float
    code_seconds: float  # time spent in the notebook's own cells, imports excluded
    parameters: dict = field(default_factory=dict)
    error: str = ""
    rendered_at: str = ""


class _Headings(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[int, str, str]] = []
        self._open: tuple[int, str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3") and dict(attrs).get("id"):
            self._open, self._text = (int(tag[1]), dict(attrs)["id"]), []

    def handle_data(self, data):
        if self._open and data != "¶":
            self._text.append(data)

    def handle_endtag(self, tag):
        if self._open and tag == f"h{self._open[0]}":
            self.found.append((self._open[0], self._open[1], "".join(self._text).strip()))
            self._open = None


def _add_toc(page: str) -> str:
    """Put a table of contents of the h2/h3 headings just before the first h2 (after the title and intro)."""
    page = page.replace("<!-- vsv:toc -->", "", 1)
    parser = _Headings()
    parser.feed(page)
    entries = [(level, anchor, text) for level, anchor, text in parser.found if level > 1 and text]
    if not entries:
        return page
    items = "\n".join(f'<li class="level-{level}"><a href="#{html.escape(anchor)}">{html.escape(text)}</a></li>'
                      for level, anchor, text in entries)
    toc = f'<nav class="vsv-toc" aria-label="Inhoud"><p>Inhoud</p><ul>\n{items}\n</ul></nav>\n'
    first_h2 = page.find("<h2 id=")
    cell_start = page.rfind('<div class="jp-Cell ', 0, first_h2)
    at = cell_start if cell_start != -1 else first_h2
    return page[:at] + toc + page[at:]


def write_kernelspec(folder: Path) -> None:
    """A kernelspec in ``folder`` that runs this very Python, so reports never pick up another environment."""
    spec = folder / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}",
                 "--IPKernelApp.log_level=CRITICAL"],
        "display_name": "vsv-analysis", "language": "python"}), encoding="utf-8")


def _failed_cell(nb) -> tuple[int | None, str]:
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return index, f"{output.get('ename', 'Error')}: {output.get('evalue', '')}".strip()
    return None, "onbekende fout"


def _mark_failure(nb) -> str:
    """Drop papermill's English error cells, add a Dutch marker before the failing cell; return the error."""
    nb.cells = [c for c in nb.cells if "papermill-error-cell-tag" not in c.metadata.get("tags", [])]
    index, error = _failed_cell(nb)
    if index is not None:
        marker = nbformat.v4.new_markdown_cell(
            '<span id="vsv-fout">De berekening stopte hier met een fout. Hieronder staat de foutmelding; '
            "de resultaten na deze plek ontbreken.</span>")
        nb.cells.insert(index, marker)
    return scrub(error)


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


def _export_html(nb, with_code: bool, context: dict) -> str:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="vsv", extra_template_basedirs=[str(TEMPLATE_DIR)])
    exporter.exclude_input = not with_code
    exporter.exclude_input_prompt = not with_code
    exporter.exclude_output_prompt = True
    exporter.language_code = "nl"
    if not with_code:
        for cell in nb.cells:
            cell["outputs"] = [o for o in cell.get("outputs", [])
                               if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
    nb.metadata["title"] = context["title"]
    resources = {"vsv": context}
    page, _ = exporter.from_notebook_node(nb, resources=resources)
    return scrub(_add_toc(page))


def render_one(notebook: Path, folder: Path, parameters: dict, with_code: bool, provenance: list,
               kernel_dir: Path) -> RenderResult:
    """Execute one notebook and write its HTML (or its failed HTML) into ``folder``."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(kernel_dir), os.environ.get("JUPYTER_PATH")]))
    notebook = Path(notebook)
    title, description = notebook_info(notebook)
    started = time.perf_counter()
    stamp = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    status, error = "ok", ""
    with tempfile.TemporaryDirectory(prefix="vsv-render-") as scratch:
        executed = Path(scratch) / notebook.name
        try:
            papermill.execute_notebook(
                str(notebook), str(executed), parameters=parameters, kernel_name=KERNEL_NAME,
                progress_bar=False, request_save_on_cell_execute=False, execution_timeout=CELL_TIMEOUT_SECONDS)
        except PapermillExecutionError:
            status = "failed"
        except Exception as exc:  # the kernel could not start, or papermill itself failed
            status, error = "failed", scrub(f"{type(exc).__name__}: {exc}")
        nb = nbformat.read(executed if executed.exists() else notebook, as_version=4)
        if status == "failed" and not error:
            error = _mark_failure(nb)
        code_seconds = _code_seconds(nb)
        scrub_notebook(nb)
    shown_parameters = [("Parameters", show_parameters(parameters))]
    context = {
        "title": title, "failed": status == "failed", "error": error,
        "css": (TEMPLATE_DIR / "report.css").read_text(encoding="utf-8"),
        "provenance": [*shown_parameters, *provenance, ("Gemaakt op", when(stamp))],
    }
    page = _export_html(nb, with_code, context)
    target = folder / (f"{notebook.stem}.html" if status == "ok" else f"{notebook.stem}.failed.html")
    atomic_write(target, lambda temporary: Path(temporary).write_text(page, encoding="utf-8"))
    if status == "ok":
        (folder / f"{notebook.stem}.failed.html").unlink(missing_ok=True)
    return RenderResult(notebook.stem, title, description, status, target.name, time.perf_counter() - started,
                        code_seconds, parameters, error, stamp)
