"""The tidy tables behind ``vsv-analysis table``, and writing them safely.

Each table is a function of the checked dataset (data folder and geography
year) that returns a DataFrame; :data:`TABLES` maps the command-line names onto them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from .atomic import atomic_write
from .centrality import centrality_table
from .coverage import coverage_table, unreached
from .dataset import INVOLVEMENT_COLUMNS, Dataset, load_dataset
from .network import build_network
from .overlap import initiative_overlap

__all__ = ["TABLES", "build_table", "write_table"]


def involvements_table(data: Dataset, expand_regions: bool = False) -> pd.DataFrame:
    """One row per mention, with the municipality or region it resolves to in the year."""
    return data.involvements[INVOLVEMENT_COLUMNS]


def municipalities_table(data: Dataset, expand_regions: bool = False) -> pd.DataFrame:
    """The reference municipalities of the year, with population and regions."""
    table = data.reference.municipalities.copy()
    table.insert(0, "geography_year", data.year)
    return table


def initiatives_table(data: Dataset, expand_regions: bool = False) -> pd.DataFrame:
    """One row per initiative, with counts reported without names and the number of named municipalities."""
    named = (data.involvements[(data.involvements["party_kind"] == "municipality")
                               & (data.involvements["is_resolved"] == True)]  # noqa: E712 (nullable boolean)
             .groupby("initiative_id")["municipality_code"].nunique())
    table = data.initiatives.copy()
    table["named_municipalities"] = table["initiative_id"].map(named).fillna(0).astype(int)
    return table


def centrality_measures_table(data: Dataset, expand_regions: bool = False) -> pd.DataFrame:
    """Centrality of every initiative and municipality (see :func:`centrality.centrality_table`)."""
    return centrality_table(build_network(data, expand_regions=expand_regions))


def overlap_pairs_table(data: Dataset, expand_regions: bool = False) -> pd.DataFrame:
    """Every pair of initiatives, with shared municipalities, Jaccard and overlap coefficient."""
    return initiative_overlap(build_network(data, expand_regions=expand_regions), min_shared=0)


def coverage_scenarios_table(data: Dataset, expand_regions: bool = False) -> pd.DataFrame:
    """Coverage per scenario and scope (region expansion is one of the scenarios)."""
    return coverage_table(data)


def unreached_table(data: Dataset, expand_regions: bool = False) -> pd.DataFrame:
    """Municipalities not reached by name (or, with region expansion, not even through a region)."""
    return unreached(data, "named_and_regions" if expand_regions else "named")


TABLES: dict[str, Callable[..., pd.DataFrame]] = {
    "involvements": involvements_table,
    "municipalities": municipalities_table,
    "initiatives": initiatives_table,
    "centrality": centrality_measures_table,
    "overlap": overlap_pairs_table,
    "coverage": coverage_scenarios_table,
    "unreached": unreached_table,
}


def build_table(name: str, data_dir: Path | None = None, year: int | None = None,
                expand_regions: bool = False) -> pd.DataFrame:
    """Build table ``name`` (a key of :data:`TABLES`) for the data folder and year."""
    if name not in TABLES:
        raise ValueError(f"unknown table {name!r}; choose one of {', '.join(sorted(TABLES))}")
    return TABLES[name](load_dataset(data_dir, year), expand_regions=expand_regions)


def write_table(frame: pd.DataFrame, output: Path | None, fmt: str = "csv") -> None:
    """Write ``frame`` as CSV (to ``output`` or standard output) or XLSX.

    A file is written to a temporary name beside it and then renamed, so an
    interrupted run never leaves half a table where the last good one was.
    """
    if output is None:
        frame.to_csv(sys.stdout, index=False, lineterminator="\n")
        return
    if fmt == "xlsx":
        atomic_write(Path(output), lambda temporary: frame.to_excel(temporary, index=False, engine="openpyxl"))
    else:
        atomic_write(Path(output), lambda temporary: frame.to_csv(temporary, index=False, lineterminator="\n"))
