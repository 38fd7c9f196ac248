"""Where each evidence file of a data folder comes from: its CSV file, or a sheet of the folder's workbook.

The rule, in one place: a data folder holds its evidence **either** as CSV files
(``initiatives.csv``, ``involvements.csv``, ``sources.csv`` and optionally
``interpretations.csv``) **or** as one workbook, the only file ending in
``.xlsx`` at the top of the folder, whatever its name (Excel's lock files
``~$…`` and hidden files ``.…`` do not count). Its sheets carry the names of the
CSV files without ``.csv`` (see :mod:`vsv_analysis.files.workbook`). A folder with a
workbook and any of those CSV files, or with two workbooks, is refused with one
message saying which files to move out: the tool never silently prefers one.
The other files of a data folder (``programme.yaml``, ``vocabularies/``,
``reference/``) are the same either way.

Examples
--------
>>> from vsv_analysis.common.locations import default_data_dir
>>> files = evidence_files(default_data_dir())
>>> files["involvements.csv"].shown.endswith("involvements.csv"), files["involvements.csv"].sheet
(True, None)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..common.errors import DataError, DataProblem, display_path
from ..files.csvfiles import TableSpec, read_table
from ..files.workbook import Workbook, open_workbook, sheet_label
from .documents import is_workbook_file

__all__ = ["DOCUMENTED_EXTRA_COLUMNS", "EVIDENCE_FILES", "OPTIONAL_FILES", "EvidenceFile", "empty_columns",
           "evidence_files", "find_workbook", "holds_evidence", "sheet_name"]

EVIDENCE_FILES = ("initiatives.csv", "involvements.csv", "sources.csv", "interpretations.csv")
"""The evidence files, as CSV file names; a workbook has a sheet for each, named without ``.csv``."""

OPTIONAL_FILES = frozenset({"interpretations.csv"})
"""Evidence files a data folder may leave out (then read as a table without rows)."""


DOCUMENTED_EXTRA_COLUMNS = {"initiatives.csv": {"source_heading": "source_section",
                                                "period": "reported_municipalities_role"}}
"""Columns ``data/README.md`` describes that the tool keeps without checking, each with the column it follows."""


def empty_columns(name: str, spec: TableSpec) -> list[str]:
    """The header of a new evidence file ``name``: the columns of ``spec``, the documented extra ones in their place.

    Examples
    --------
    >>> from vsv_analysis.evidence.sources import SOURCE_SPEC
    >>> empty_columns("sources.csv", SOURCE_SPEC)[:3]
    ['source_id', 'title', 'referred_to_as']
    """
    columns = list(spec.names)
    for extra, after in DOCUMENTED_EXTRA_COLUMNS.get(name, {}).items():
        columns.insert(columns.index(after) + 1 if after in columns else len(columns), extra)
    return columns


def sheet_name(file_name: str) -> str:
    """The workbook sheet that stands for an evidence file: ``involvements.csv`` → ``involvements``."""
    return file_name.removesuffix(".csv")


@dataclass(frozen=True)
class EvidenceFile:
    """One evidence file of a data folder: a CSV file, or a sheet of the folder's workbook."""

    name: str
    path: Path
    workbook: Workbook | None = None

    @property
    def sheet(self) -> str | None:
        """The sheet's name when the file comes from the workbook, else ``None``."""
        return sheet_name(self.name) if self.workbook is not None else None

    @property
    def shown(self) -> str:
        """How messages name it: ``data/involvements.csv`` or ``data/evidence.xlsx, sheet 'involvements'``."""
        return sheet_label(self.path, self.sheet) if self.workbook is not None else display_path(self.path)

    def read(self, spec: TableSpec, root: Path | None = None) -> pd.DataFrame:
        """The file as a DataFrame of text with ``_row`` (see :func:`vsv_analysis.files.csvfiles.read_table`).

        An optional file that is not there gives a table with the columns of
        ``spec`` and no rows.
        """
        if self.workbook is not None:
            is_absent = self.workbook.find_sheet(self.sheet) is None
        else:  # a broken link or a loop is there, and its reading says what is wrong with it
            is_absent = not os.path.lexists(self.path)
        if self.name in OPTIONAL_FILES and is_absent:
            return pd.DataFrame(columns=[*spec.names, "_row"])
        if self.workbook is not None:
            return self.workbook.read_sheet(self.sheet, spec)
        return read_table(self.path, spec, root=root)


def find_workbook(data_dir: Path) -> Path | None:
    """The evidence workbook of ``data_dir``: its only ``*.xlsx`` file, or ``None`` when it has none.

    Raises
    ------
    DataError
        When the folder holds more than one workbook.
    """
    data_dir = Path(data_dir)
    try:
        candidates = sorted(path for path in data_dir.iterdir() if is_workbook_file(path))
    except OSError:
        return None  # the folder itself is checked, with its own message, before its files are read
    if len(candidates) > 1:
        names = ", ".join(path.name for path in candidates)
        raise DataError(DataProblem(display_path(data_dir), None, None, None, (
            f"at most one workbook (.xlsx) with the evidence, but it holds {names}: keep the one with "
            f"the evidence and move the others out of the folder")))
    return candidates[0] if candidates else None


def holds_evidence(data_dir: Path) -> bool:
    """Whether ``data_dir`` looks like a data folder: it has ``initiatives.csv`` or a workbook."""
    try:
        return (Path(data_dir) / "initiatives.csv").is_file() or find_workbook(data_dir) is not None
    except DataError:
        return True  # two workbooks: a data folder with a problem that loading it reports


def evidence_files(data_dir: Path) -> dict[str, EvidenceFile]:
    """Each evidence file of ``data_dir`` (keyed by its CSV name), from the CSV files or from the workbook.

    The workbook, when there is one, is opened here, once.

    Raises
    ------
    DataError
        With one problem when the folder holds a workbook and CSV evidence
        files, or two workbooks, or a workbook that cannot be opened.
    """
    data_dir = Path(data_dir)
    workbook_path = find_workbook(data_dir)
    if workbook_path is None:
        return {name: EvidenceFile(name, data_dir / name) for name in EVIDENCE_FILES}
    csv_files = [name for name in EVIDENCE_FILES if (data_dir / name).exists() or (data_dir / name).is_symlink()]
    if csv_files:
        listed = _and(csv_files)
        raise DataError(DataProblem(display_path(data_dir), None, None, None, (
            f"the evidence either as CSV files or as one workbook, not both, but it holds the workbook "
            f"{workbook_path.name} and {listed}: to use the workbook, move {listed} out of the folder; "
            f"to use the CSV files, move {workbook_path.name} out")))
    workbook = open_workbook(workbook_path, root=data_dir)
    return {name: EvidenceFile(name, workbook_path, workbook) for name in EVIDENCE_FILES}


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
