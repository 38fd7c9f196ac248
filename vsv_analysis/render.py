"""Render the report notebooks to HTML: papermill executes, nbconvert exports, in parallel.

For each notebook, :func:`render` executes it with papermill under a kernel that
runs this very Python, then exports it to HTML in the same process with the
``vsv`` nbconvert template: code hidden (unless ``with_code``), no script or
style from any other host, a table of contents, and a provenance footer.

Output goes to a dated folder, ``<output_dir>/<YYYY-MM-DD>/``:

- ``<notebook>.html`` for a report that rendered;
- ``<notebook>.failed.html`` for one that did not, with the error at the top
  and the failing cell marked; its last good ``<notebook>.html`` stays as it was;
- ``index.html`` listing every report with status, parameters, render time and
  description, built from ``manifest.json``, so partial runs add up;
- ``<output_dir>/latest`` points at the folder, updated only when every report
  of the run rendered.

Every file is written under a temporary name and renamed, so an interrupted
run never leaves half a report.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import html
import json
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import nbformat

from .atomic import atomic_write
from .params import ParameterError, check_parameters, load_defaults
from .reference import default_data_dir, reference_dir

__all__ = ["NOTEBOOK_DIR", "RenderResult", "notebook_parameters", "render", "report_notebooks"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = PROJECT_ROOT / "notebooks"
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
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


def report_notebooks(folder: Path = NOTEBOOK_DIR) -> list[Path]:
    """The report notebooks, in file-name order."""
    return sorted(p for p in Path(folder).glob("*.ipynb") if not p.name.startswith("."))


def notebook_parameters(path: Path) -> list[str]:
    """Names assigned in the cell tagged ``parameters`` of a notebook."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if "parameters" in cell.metadata.get("tags", []):
            return re.findall(r"^([A-Za-z_]\w*)\s*(?::[^=]+)?=", cell.source, flags=re.MULTILINE)
    return []


def _notebook_info(path: Path) -> tuple[str, str]:
    meta = nbformat.read(path, as_version=4).metadata.get("vsv", {})
    return meta.get("title", path.stem), meta.get("description", "")


# -- provenance ---------------------------------------------------------------------------


def data_fingerprint(data_dir: Path | None) -> str:
    """SHA-256 over the evidence and reference files (names and contents), shortened to 12 characters."""
    data_dir = Path(data_dir) if data_dir else default_data_dir()
    digest = hashlib.sha256()
    files = sorted(data_dir.glob("*.csv")) + sorted(reference_dir(data_dir).glob("*.csv"))
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def git_commit() -> str:
    """Short commit of the project checkout, with "+ changes" if the tree is dirty; "" outside git."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_ROOT, capture_output=True,
                                text=True, timeout=10, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=PROJECT_ROOT,
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return commit + (" + lokale wijzigingen" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return ""


def _version() -> str:
    from . import __version__

    return __version__


# -- making output safe to share ------------------------------------------------------------


@functools.cache
def _private_strings() -> list[tuple[str, str]]:
    """Local paths and the user name, longest first, with what to show instead."""
    pairs = [(str(PROJECT_ROOT), "<project>"), (str(Path(sys.prefix)), "<python>"),
             (str(Path(sys.base_prefix)), "<python>"), (str(Path.home()), "~"),
             (tempfile.gettempdir(), "<tmp>")]
    try:
        import getpass

        user = getpass.getuser()
        if len(user) > 2:
            pairs.append((f"/{user}/", "/<user>/"))
    except (OSError, KeyError):
        pass
    return sorted({p for p in pairs if p[0] not in ("", "/")}, key=lambda p: -len(p[0]))


def scrub(text: str) -> str:
    """Replace local paths and the user name in ``text``."""
    for private, shown in _private_strings():
        text = text.replace(private, shown)
    return text


def _scrub_notebook(nb) -> None:
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if "traceback" in output:
                output["traceback"] = [scrub(line) for line in output["traceback"]]
            if "evalue" in output:
                output["evalue"] = scrub(output["evalue"])
            if "text" in output:
                output["text"] = scrub(output["text"])
        cell.metadata.pop("papermill", None)
    nb.metadata.pop("papermill", None)


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


# -- one notebook -------------------------------------------------------------------------------


def _write_kernelspec(folder: Path) -> None:
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
    title, description = _notebook_info(notebook)
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
        _scrub_notebook(nb)
    shown_parameters = [("Parameters", _show_parameters(parameters))]
    context = {
        "title": title, "failed": status == "failed", "error": error,
        "css": (TEMPLATE_DIR / "report.css").read_text(encoding="utf-8"),
        "provenance": [*shown_parameters, *provenance, ("Gemaakt op", _when(stamp))],
    }
    page = _export_html(nb, with_code, context)
    target = folder / (f"{notebook.stem}.html" if status == "ok" else f"{notebook.stem}.failed.html")
    atomic_write(target, lambda temporary: Path(temporary).write_text(page, encoding="utf-8"))
    if status == "ok":
        (folder / f"{notebook.stem}.failed.html").unlink(missing_ok=True)
    return RenderResult(notebook.stem, title, description, status, target.name, time.perf_counter() - started,
                        code_seconds, parameters, error, stamp)


# -- the whole run ------------------------------------------------------------------------------------


def _when(stamp: str) -> str:
    from .dutch import date_text

    return f"{date_text(stamp)} ({stamp[19:] or 'lokale tijd'})"


def _show_parameters(parameters: dict) -> str:
    return ", ".join(f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in parameters.items()) or "standaard"


def _index_page(results: list[dict], folder_name: str, provenance: list) -> str:
    rows = []
    for r in results:
        status = "gereed" if r["status"] == "ok" else "mislukt"
        link = f'<a href="{html.escape(r["html_file"])}">{html.escape(r["title"])}</a>'
        parameters = _show_parameters(r["parameters"])
        error = f'<br><span class="vsv-error">{html.escape(r["error"])}</span>' if r["error"] else ""
        seconds = f"{r['seconds']:.1f}".replace(".", ",")
        rows.append(f"<tr class=\"{r['status']}\"><td>{link}<br><span class=\"desc\">{html.escape(r['description'])}"
                    f"</span></td><td>{status}{error}</td><td>{html.escape(_when(r['rendered_at']))}<br>"
                    f"{seconds} s</td><td>{html.escape(parameters)}</td></tr>")
    footer = "".join(f"<dt>{html.escape(a)}</dt><dd>{html.escape(b)}</dd>" for a, b in provenance)
    css = (TEMPLATE_DIR / "index.css").read_text(encoding="utf-8")
    return f"""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Rapporten Versterken Sociale Veerkracht ({html.escape(folder_name)})</title>
<style>{css}</style>
</head>
<body>
<main>
<h1>Rapporten Versterken Sociale Veerkracht</h1>
<p>Analyse van de betrokkenheid van Brabantse gemeenten bij de initiatieven van het programma,
gemaakt op {html.escape(folder_name)}. Elk rapport is een los HTML-bestand dat ook zonder internet opent.</p>
<table>
<thead><tr><th>Rapport</th><th>Status</th><th>Gemaakt</th><th>Parameters</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
<footer><h2>Verantwoording</h2><dl>{footer}</dl></footer>
</main>
</body>
</html>
"""


def _update_latest(output_dir: Path, folder: Path) -> None:
    link = output_dir / "latest"
    temporary = output_dir / f".latest.{os.getpid()}"
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(folder.name, target_is_directory=True)
    os.replace(temporary, link)


def render(
    notebooks: list[Path] | None = None,
    output_dir: Path = PROJECT_ROOT / "reports",
    parameters: dict | None = None,
    with_code: bool = False,
    jobs: int | None = None,
    day: datetime.date | None = None,
    progress: Callable[[str], None] = print,
) -> list[RenderResult]:
    """Render ``notebooks`` (default: all in ``notebooks/``) to HTML in a dated folder.

    Parameters
    ----------
    notebooks : list of paths, optional
    output_dir : path
        Reports go to ``output_dir/<day>/``; ``output_dir/latest`` points at it.
    parameters : dict, optional
        Overrides of the shared defaults (``notebooks/parameters.yaml``); each
        notebook receives the names its parameters cell declares. Checked
        before any kernel starts.
    with_code : bool
        Show the code cells (for analysts); hidden by default.
    jobs : int, optional
        Notebooks rendered at once (default: the number of cores).
    day : date, optional
        Name of the dated folder (default: today).
    progress : callable
        Receives one line per event (start, each notebook's result).

    Raises
    ------
    ParameterError
        Before anything runs, for an unknown parameter or a wrong value.
    """
    defaults = load_defaults()
    overrides = check_parameters(parameters or {}, defaults)
    notebooks = [Path(n) for n in notebooks] if notebooks else report_notebooks()
    missing = [str(n) for n in notebooks if not n.is_file()]
    if missing:
        raise ParameterError(f"notebook not found: {', '.join(missing)}")
    merged = {**defaults, **overrides}
    plans = []
    for notebook in notebooks:
        declared = notebook_parameters(notebook)
        plans.append((notebook, {k: merged[k] for k in declared if k in merged}))

    output_dir = Path(output_dir)
    folder = output_dir / (day or datetime.date.today()).isoformat()
    folder.mkdir(parents=True, exist_ok=True)
    provenance = [("Data (vingerafdruk)", data_fingerprint(merged.get("data_dir") or None)),
                  ("vsv-analysis", _version())]
    commit = git_commit()
    if commit:
        provenance.append(("Git-commit", commit))
    jobs = max(1, jobs or os.cpu_count() or 1)
    progress(f"rendering {len(plans)} notebook(s) into {folder} with {min(jobs, len(plans))} job(s)")
    kernel_dir = Path(tempfile.mkdtemp(prefix="vsv-kernel-"))
    _write_kernelspec(kernel_dir)
    results: list[RenderResult] = []

    def report(result: RenderResult) -> None:
        results.append(result)
        progress(f"[{len(results)}/{len(plans)}] {result.name}: {result.status} in {result.seconds:.1f} s"
                 + (f" ({result.error})" if result.error else "") + f" -> {folder / result.html_file}")

    arguments = [(notebook, folder, params, with_code, provenance, kernel_dir) for notebook, params in plans]
    try:
        if jobs == 1 or len(plans) == 1:
            for args in arguments:
                report(render_one(*args))
        else:
            context = multiprocessing.get_context("spawn")  # no fork of a process that may hold kernels or threads
            with ProcessPoolExecutor(max_workers=min(jobs, len(plans)), mp_context=context) as pool:
                for future in as_completed([pool.submit(render_one, *args) for args in arguments]):
                    report(future.result())
    finally:
        shutil.rmtree(kernel_dir, ignore_errors=True)

    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    for result in results:
        manifest[result.name] = asdict(result)
    atomic_write(manifest_path, lambda t: Path(t).write_text(json.dumps(manifest, indent=2, ensure_ascii=False),
                                                             encoding="utf-8"))
    page = _index_page([manifest[k] for k in sorted(manifest)], folder.name, provenance)
    atomic_write(folder / "index.html", lambda t: Path(t).write_text(page, encoding="utf-8"))
    if all(r.status == "ok" for r in results):
        _update_latest(output_dir, folder)
        progress(f"all reports rendered; {output_dir / 'latest'} -> {folder.name}")
    else:
        failed = ", ".join(r.name for r in results if r.status != "ok")
        progress(f"FAILED: {failed}; {output_dir / 'latest'} left unchanged")
    return sorted(results, key=lambda r: r.name)
