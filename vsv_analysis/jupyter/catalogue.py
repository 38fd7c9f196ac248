"""The report notebooks and what each is called: one list for the render, the index and the links.

Notebooks are read as plain JSON here, so that the main process of a render
does not pay for importing nbformat.

Each notebook names its title and a one-line description in its metadata
(``metadata.vsv.title``, ``metadata.vsv.description``), in Dutch.

Examples
--------
>>> [entry.stem for entry in report_catalogue()][:2]
['00_samenvatting', '01_gegevens']
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from ..common.locations import NOTEBOOK_DIR

__all__ = ["NOTEBOOK_DIR", "ReportEntry", "notebook_info", "read_notebook_json", "report_catalogue",
           "report_notebooks", "report_title"]


@dataclass(frozen=True)
class ReportEntry:
    """One report: the notebook's file stem, its title and description."""

    stem: str
    title: str
    description: str


def report_notebooks(folder: Path = NOTEBOOK_DIR) -> list[Path]:
    """The report notebooks, in file-name order."""
    return sorted(p for p in Path(folder).glob("*.ipynb") if not p.name.startswith("."))


def read_notebook_json(path: Path) -> dict:
    """The notebook as a version-4 dictionary (older versions are converted by nbformat).

    Raises ``ValueError`` when the file is not a notebook.
    """
    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{path} is not a notebook (not JSON text: {error})") from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells", []), list):
        raise ValueError(f"{path} is not a notebook (no list of cells)")
    if "cells" not in nb:
        import nbformat

        nb = nbformat.read(path, as_version=4)
    return nb


def notebook_info(path: Path, nb: dict | None = None) -> tuple[str, str]:
    """Title and description from the notebook's ``vsv`` metadata; ``nb`` is the notebook when it is read already."""
    meta = (read_notebook_json(path) if nb is None else nb).get("metadata", {}).get("vsv", {})
    return meta.get("title", Path(path).stem), meta.get("description", "")


@functools.cache
def report_catalogue(folder: Path = NOTEBOOK_DIR) -> tuple[ReportEntry, ...]:
    """The report notebooks in file-name order, with their titles."""
    return tuple(ReportEntry(path.stem, *notebook_info(path)) for path in report_notebooks(folder))


def report_title(stem: str) -> str:
    """The title of the report ``stem`` (the stem itself when there is no such report)."""
    return next((entry.title for entry in report_catalogue() if entry.stem == stem), stem)
