"""The tidy tables behind ``vsv-analysis table``, and writing them safely.

Each table is a function of the data folder and the geography year that returns
a DataFrame; :data:`TABLES` maps the command-line names onto them.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from .dataset import INVOLVEMENT_COLUMNS, Dataset, load_dataset

__all__ = ["TABLES", "build_table", "write_table"]


def involvements_table(data: Dataset) -> pd.DataFrame:
    """One row per mention, with the municipality or region it resolves to in the year."""
    return data.involvements[INVOLVEMENT_COLUMNS]


def municipalities_table(data: Dataset) -> pd.DataFrame:
    """The reference municipalities of the year, with population and regions."""
    table = data.reference.municipalities.copy()
    table.insert(0, "geography_year", data.year)
    return table


def initiatives_table(data: Dataset) -> pd.DataFrame:
    """One row per initiative, with counts reported without names and the number of named municipalities."""
    named = (data.involvements[(data.involvements["party_kind"] == "municipality")
                               & (data.involvements["is_resolved"] == True)]  # noqa: E712 (nullable boolean)
             .groupby("initiative_id")["municipality_code"].nunique())
    table = data.initiatives.copy()
    table["named_municipalities"] = table["initiative_id"].map(named).fillna(0).astype(int)
    return table


TABLES: dict[str, Callable[[Dataset], pd.DataFrame]] = {
    "involvements": involvements_table,
    "municipalities": municipalities_table,
    "initiatives": initiatives_table,
}


def build_table(name: str, data_dir: Path | None = None, year: int | None = None) -> pd.DataFrame:
    """Build table ``name`` (a key of :data:`TABLES`) for the data folder and year."""
    if name not in TABLES:
        raise ValueError(f"unknown table {name!r}; choose one of {', '.join(sorted(TABLES))}")
    return TABLES[name](load_dataset(data_dir, year))


def write_table(frame: pd.DataFrame, output: Path | None, fmt: str = "csv") -> None:
    """Write ``frame`` as CSV (to ``output`` or standard output) or XLSX.

    A file is written to a temporary name beside it and then renamed, so an
    interrupted run never leaves half a table where the last good one was.
    """
    if output is None:
        frame.to_csv(sys.stdout, index=False, lineterminator="\n")
        return
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{output.stem}.", suffix=output.suffix, dir=output.parent)
    os.close(handle)
    try:
        if fmt == "xlsx":
            frame.to_excel(temporary, index=False, engine="openpyxl")
        else:
            frame.to_csv(temporary, index=False, lineterminator="\n")
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp creates owner-only files; a report is for sharing
        os.replace(temporary, output)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
