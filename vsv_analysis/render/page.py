"""The report page of a notebook executed elsewhere: ``vsv-analysis export EXECUTED.ipynb``.

A notebook run with plain papermill (or in a Jupyter of one's own) becomes the same offline HTML page that
``vsv-analysis render`` writes: the ``vsv`` nbconvert template (no script, style or font from another host, no
MathJax or require.js from a CDN), code hidden unless asked for, a table of contents, the Dutch header and
footer (sources, reference data, settings in words) made from the data the notebook's parameters name, and
local paths removed. A notebook that stopped with an error gives the failed page, as in a render.

The parameters are the values in the notebook's parameters cell with papermill's injected values on top
(papermill records them in the notebook's metadata). The time on the page is the end of papermill's run, or
else the time the notebook file was last written.
"""

from __future__ import annotations

import ast
import contextlib
import datetime
from dataclasses import dataclass
from pathlib import Path

from ..common.atomic import atomic_write

__all__ = ["ExportedPage", "executed_parameters", "export_notebook"]


@dataclass(frozen=True)
class ExportedPage:
    """What :func:`export_notebook` wrote: the page, whether the notebook had failed, and notes for the user."""

    path: Path
    failed: bool
    error: str = ""
    notes: tuple[str, ...] = ()


def executed_parameters(nb) -> dict:
    """The parameters a notebook ran with: its parameters cell, with papermill's injected values on top."""
    values = {}
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
            try:
                statements = ast.parse(cell.source).body
            except SyntaxError:
                statements = []
            for statement in statements:
                target = statement.target if isinstance(statement, ast.AnnAssign) else (
                    statement.targets[0] if isinstance(statement, ast.Assign) and len(statement.targets) == 1
                    else None)
                if isinstance(target, ast.Name) and statement.value is not None:
                    with contextlib.suppress(ValueError):  # not a literal: nothing to show
                        values[target.id] = ast.literal_eval(statement.value)
            break
    values.update(nb.metadata.get("papermill", {}).get("parameters", {}) or {})
    return values


def _executed_at(nb, path: Path) -> str:
    end = nb.metadata.get("papermill", {}).get("end_time")
    try:
        moment = datetime.datetime.fromisoformat(str(end))
        if moment.tzinfo is None:  # papermill writes UTC without saying so
            moment = moment.replace(tzinfo=datetime.UTC)
    except ValueError:
        moment = datetime.datetime.fromtimestamp(path.stat().st_mtime, datetime.UTC)
    return moment.astimezone().isoformat(timespec="seconds")


def _provenance(parameters: dict) -> tuple[dict, dict, list[str]]:
    """Header, footer and technical details as a render makes them, the parameters as checked, and notes.

    Without the data lines when the data cannot be read (the notebook failed on it, or it is gone).
    """
    from ..common.errors import DataError
    from ..jupyter.parameters import ParameterError, check_parameters, load_defaults
    from ..report.colophon import colophon
    from ..report.context import build_report
    from .provenance import data_fingerprint, git_commit, package_version

    details = [["vsv-analysis", package_version()]]
    commit = git_commit()
    if commit:
        details.append(["Git-commit", commit])
    defaults = load_defaults()
    known = {name: value for name, value in parameters.items() if name in defaults}
    try:
        checked = check_parameters(known, defaults)
        report = build_report(**checked)
        words = colophon(report, checked)
        details.insert(0, ["Kenmerk van de gegevens", data_fingerprint(checked.get("data_dir") or None)])
    except (ParameterError, DataError, OSError, TypeError) as error:
        message = getattr(error, "message", None) or str(error)
        return {"header": "", "footer": [], "details": details}, parameters, [
            f"the page names no sources: the data of the notebook's parameters could not be read ({message})"]
    return ({"header": words["header"], "footer": words["footer"], "details": details,
             "programme": words["programme"]}, {**parameters, **checked},
            [])


def export_notebook(notebook: Path, output: Path | None = None, with_code: bool = False,
                    replace: bool = False) -> ExportedPage:
    """Write the report page of an executed notebook; return what was written.

    ``output`` is the HTML file, or a folder to write ``<name>.html`` into; by default ``<name>.html`` in the
    current folder (``<name>.failed.html`` when the notebook stopped with an error). A file that is there
    already is replaced only with ``replace``.

    Raises
    ------
    ValueError
        When ``notebook`` does not exist, is not a notebook, or has no outputs (it was not executed), when
        the folder of ``output`` does not exist, or when the page exists and ``replace`` is false (nothing
        is written then).
    """
    import nbformat

    from ..jupyter.catalogue import notebook_info, read_notebook_json
    from .execute import _mark_failure
    from .export import export_html, page_context
    from .scrub import Scrubber, private_paths, scrub_notebook

    notebook = Path(notebook)
    if not notebook.is_file():
        raise ValueError(f"notebook {notebook} does not exist" if not notebook.exists() else
                         f"{notebook} is not a file; give an executed notebook (.ipynb)")
    try:
        read_notebook_json(notebook)  # a clear message for a file that is no notebook
        nb = nbformat.read(notebook, as_version=4)
    except OSError as error:
        raise ValueError(f"cannot read {notebook}: {error.strerror or error}") from None
    if not any(cell.get("outputs") for cell in nb.cells if cell.cell_type == "code"):
        raise ValueError(f"{notebook} has no outputs: it was not executed. Run it first, such as with "
                         f"'papermill -k vsv-analysis {notebook.name} executed.ipynb', or use 'vsv-analysis render'")
    title, _ = notebook_info(notebook, nb)
    parameters = executed_parameters(nb)
    stamp = _executed_at(nb, notebook)
    has_error = any(output.get("output_type") == "error" for cell in nb.cells for output in cell.get("outputs", []))
    error = _mark_failure(nb) if has_error else ""
    name = f"{notebook.stem}.failed.html" if error else f"{notebook.stem}.html"
    target = Path(output) if output is not None else Path(name)
    if target.is_dir():
        target = target / name
    if not target.parent.is_dir():
        raise ValueError(f"folder {target.parent} does not exist; make it first, or choose another --output")
    if not replace and (target.exists() or target.is_symlink()):
        raise ValueError(f"{target} exists already; pass --force to replace it, or choose another --output")
    provenance, parameters, notes = _provenance(parameters)
    scrub_text = Scrubber(private_paths(target.absolute().parent, parameters))
    error = scrub_text(error)
    scrub_notebook(nb, scrub_text)
    context = page_context(title, error, parameters, provenance, stamp)
    context["standalone"] = True  # no index page beside it, no earlier version to keep
    page = export_html(nb, with_code, context, scrub_text)
    atomic_write(target, lambda temporary: Path(temporary).write_text(page, encoding="utf-8"))
    return ExportedPage(target, bool(error), error, tuple(notes))
