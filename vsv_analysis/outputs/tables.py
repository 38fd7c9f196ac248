"""The tidy tables behind ``vsv-analysis table``, and writing them safely.

Each table is a function of the checked dataset (data folder and geography
year) that returns a DataFrame; :data:`TABLES` maps the command-line names onto them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from ..evidence.dataset import Dataset, load_dataset
from ..evidence.specs import INVOLVEMENT_COLUMNS
from ..files.spreadsheet import write_csv, write_workbook
from ..measures.centrality import centrality_table
from ..measures.coverage import coverage_table, unreached
from ..measures.modularity import bipartite_communities
from ..measures.overlap import initiative_overlap
from ..measures.significance import validated_pairs
from ..measures.specialisation import node_specialisation
from ..network import build_network
from .labels import LABELS, dutch_sheets, to_dutch

__all__ = ["TABLES", "build_table", "build_tables", "tables_of", "write_tables"]


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


def co_involvement_table(data: Dataset, expand_regions: bool = False) -> pd.DataFrame:
    """Every pair of municipalities in a shared initiative, tested against the BiCM (Benjamini-Hochberg, 0.05)."""
    pairs = validated_pairs(build_network(data, expand_regions=expand_regions), "municipality")
    return pairs.rename(columns={"node_a": "code_a", "node_b": "code_b", "name_a": "municipality_a",
                                 "name_b": "municipality_b", "shared": "shared_initiatives"})


def groups_table(data: Dataset, expand_regions: bool = False) -> pd.DataFrame:
    """Groups of initiatives and municipalities on the bipartite network (DIRTLPAwb+, seed 42)."""
    return bipartite_communities(build_network(data, expand_regions=expand_regions))


def specialisation_table(data: Dataset, expand_regions: bool = False) -> pd.DataFrame:
    """Blüthgen's d' of every initiative and municipality with links, on the role weights."""
    return node_specialisation(build_network(data, expand_regions=expand_regions))


TABLES: dict[str, Callable[..., pd.DataFrame]] = {
    "involvements": involvements_table,
    "municipalities": municipalities_table,
    "initiatives": initiatives_table,
    "centrality": centrality_measures_table,
    "overlap": overlap_pairs_table,
    "coverage": coverage_scenarios_table,
    "unreached": unreached_table,
    "co_involvement": co_involvement_table,
    "groups": groups_table,
    "specialisation": specialisation_table,
}


def build_table(name: str, data_dir: Path | None = None, year: int | None = None,
                expand_regions: bool = False) -> pd.DataFrame:
    """Build table ``name`` (a key of :data:`TABLES`) for the data folder and year."""
    return build_tables([name], data_dir, year, expand_regions)[name]


def build_tables(names: list[str], data_dir: Path | None = None, year: int | None = None,
                 expand_regions: bool = False, as_of=None) -> dict[str, pd.DataFrame]:
    """Build several tables from one load of the data (as it stood on ``as_of``), in the order given."""
    _check_names(names)  # before the data are loaded
    return tables_of(load_dataset(data_dir, year, as_of=as_of), names, expand_regions)


def tables_of(data: Dataset, names: list[str], expand_regions: bool = False) -> dict[str, pd.DataFrame]:
    """The tables ``names`` (keys of :data:`TABLES`) of a dataset already loaded, in the order given."""
    _check_names(names)
    return {name: TABLES[name](data, expand_regions=expand_regions) for name in names}


def _check_names(names: list[str]) -> None:
    unknown = [name for name in names if name not in TABLES]
    if unknown:
        raise ValueError(f"unknown table {unknown[0]!r}; choose one of {', '.join(sorted(TABLES))}")


def write_tables(tables: dict[str, pd.DataFrame], output: Path | None, fmt: str = "csv", dialect: str = "plain",
                 labels: str = "en", vocabulary=None) -> None:
    """Write tables (name → frame) as CSV (one table) or XLSX (a sheet each) to ``output`` or standard output.

    ``dialect`` is a CSV dialect and ``labels`` the language of the headings
    (see :mod:`vsv_analysis.files.spreadsheet`); Dutch labels of roles and kinds come
    from ``vocabulary`` (the data's). Files are written to a temporary
    name and renamed, so an interrupted run never leaves half a table where
    the last good one was.
    """
    target = Path(output) if output is not None else sys.stdout.buffer
    if output is None:
        sys.stdout.flush()
    if labels not in LABELS:
        raise ValueError(f"labels must be one of {', '.join(LABELS)}, not {labels!r}")
    if fmt == "xlsx":
        sheets, formats = dutch_sheets(tables, vocabulary) if labels == "nl" else (tables, None)
        write_workbook(sheets, target, formats)
    elif len(tables) != 1:
        raise ValueError("a CSV file holds one table; name one table, or write XLSX (a sheet per table)")
    else:
        (name, frame), = tables.items()
        write_csv(to_dutch(frame, name, vocabulary) if labels == "nl" else frame, target, dialect)
    if output is None:
        sys.stdout.buffer.flush()
