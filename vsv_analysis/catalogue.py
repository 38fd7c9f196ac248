"""The report notebooks and what each is called: one list for the render, the index and the links.

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

from .locations import NOTEBOOK_DIR

__all__ = ["NOTEBOOK_DIR", "ReportEntry", "report_catalogue", "report_title"]


@dataclass(frozen=True)
class ReportEntry:
    """One report: the notebook's file stem, its title and description."""

    stem: str
    title: str
    description: str


@functools.cache
def report_catalogue(folder: Path = NOTEBOOK_DIR) -> tuple[ReportEntry, ...]:
    """The report notebooks in file-name order, with their titles."""
    entries = []
    for path in sorted(Path(folder).glob("*.ipynb")):
        if path.name.startswith("."):
            continue
        meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {}).get("vsv", {})
        entries.append(ReportEntry(path.stem, meta.get("title", path.stem), meta.get("description", "")))
    return tuple(entries)


def report_title(stem: str) -> str:
    """The title of the report ``stem`` (the stem itself when there is no such report)."""
    return next((entry.title for entry in report_catalogue() if entry.stem == stem), stem)
