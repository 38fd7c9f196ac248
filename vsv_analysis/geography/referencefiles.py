"""The reference files: what each table of ``<data dir>/reference/`` holds, read and checked once.

Every table is CSV with a ``source_id`` that the reference's ``sources.csv``
explains (see ``data/README.md``). :func:`read_reference_tables` reads all of them
and reports every problem at once; :func:`supported_years` answers which geography
years a data folder covers without reading the rest.

Examples
--------
>>> supported_years()[:2]
[2021, 2022]
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..common.errors import DataError
from ..common.locations import reference_dir
from ..files.csvfiles import Column, TableSpec, read_table
from ..files.textfiles import check_subfolder

__all__ = ["REFERENCE_SPECS", "read_reference_tables", "supported_years", "years_covered"]

REFERENCE_SPECS = {
    "municipalities.csv": TableSpec((
        Column("cbs_code", "cbs_code", unique=True),
        Column("name"),
        Column("valid_from", "date", required=False),
        Column("valid_to", "date", required=False),
        Column("source_id"),
    )),
    "mergers.csv": TableSpec((
        Column("effective_date", "date"),
        Column("event", choices=("merger", "split")),
        Column("old_code", "cbs_code"),
        Column("old_name"),
        Column("new_code", "cbs_code"),
        Column("new_name"),
        Column("source_id"),
    )),
    "population.csv": TableSpec((
        Column("cbs_code", "cbs_code"),
        Column("population", "count"),
        Column("first_year", "year"),
        Column("last_year", "year"),
        Column("reference_date", "year_or_date"),
        Column("source_id"),
    )),
    "regions.csv": TableSpec((
        Column("region_id", "id", unique=True),
        Column("grouping", "id"),
        Column("name"),
        Column("short_name"),
        Column("source_id"),
    )),
    "region_members.csv": TableSpec((
        Column("region_id", "id"),
        Column("cbs_code", "cbs_code"),
        Column("membership", required=False, choices=("primary", "secondary")),
        Column("source_id"),
    )),
    "name_aliases.csv": TableSpec((
        Column("alias", unique=True),
        Column("party_kind", "id"),
        Column("canonical", required=False),
        Column("note", required=False),
    )),
    "sources.csv": TableSpec((
        Column("source_id", "id", unique=True),
        Column("title"),
    )),
    "area.csv": TableSpec((
        Column("name"),
        Column("short_name"),
        Column("adjective"),
        Column("source_id"),
        Column("west", "degrees", required=False),
        Column("south", "degrees", required=False),
        Column("east", "degrees", required=False),
        Column("north", "degrees", required=False),
        Column("bounds_source_id", required=False),
    )),
}

_HOLDS = "the reference tables (municipalities.csv, population.csv, …)"


def read_reference_tables(directory: Path) -> dict[str, pd.DataFrame]:
    """Every reference table of ``directory``, read and checked once; every problem of every file at once."""
    check_subfolder(directory, directory.parent, _HOLDS)
    tables, problems = {}, []
    for file_name, spec in REFERENCE_SPECS.items():
        try:
            tables[file_name] = read_table(directory / file_name, spec, root=directory.parent)
        except DataError as error:
            problems.extend(error.problems)
    if problems:
        raise DataError(problems)
    return tables


def supported_years(data_dir: Path | None = None) -> list[int]:
    """Geography years for which the reference of ``data_dir`` has municipalities and population.

    Reads only ``population.csv``: for checking a ``year`` parameter before any data are loaded.
    """
    directory = reference_dir(data_dir)
    check_subfolder(directory, directory.parent, _HOLDS)
    return years_covered(read_table(directory / "population.csv", REFERENCE_SPECS["population.csv"],
                                    root=directory.parent))


def years_covered(population: pd.DataFrame) -> list[int]:
    """The geography years the rows of ``population.csv`` (as read) cover, in order."""
    years: set[int] = set()
    for first, last in zip(population["first_year"], population["last_year"]):
        years.update(range(int(first), int(last) + 1))
    return sorted(years)
