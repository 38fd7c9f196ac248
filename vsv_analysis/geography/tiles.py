"""The tile map: one equal square per municipality, placed so the province stays recognisable.

Layouts live in the reference folder as ``tiles_<year>.csv`` (made by
``scripts/make_tile_layout.py`` from CBS boundaries); a layout serves every year
from its own until the next one.
"""

from __future__ import annotations

import pandas as pd

from ..common.errors import DataError, DataProblem, display_path
from ..files.csvfiles import Column, TableSpec, read_table
from .reference import Reference

__all__ = ["TILE_SPEC", "load_tiles"]

TILE_SPEC = TableSpec((Column("cbs_code", "cbs_code", unique=True), Column("name"), Column("label"),
                       Column("column", "count"), Column("row", "count")))


def load_tiles(reference: Reference) -> pd.DataFrame:
    """The tile layout for the reference's geography year: the newest ``tiles_<year>.csv`` not after it.

    Raises :class:`DataError` when the layout does not cover exactly the
    municipalities of that year.
    """
    files = sorted(reference.directory.glob("tiles_*.csv"))
    usable = [f for f in files if f.stem[6:].isdigit() and int(f.stem[6:]) <= reference.year]
    if not usable:
        raise DataError(DataProblem(display_path(reference.directory), None, None, None,
                                    f"a tiles_<year>.csv for {reference.year} or earlier"))
    path = usable[-1]
    tiles = read_table(path, TILE_SPEC)
    tiles[["column", "row"]] = tiles[["column", "row"]].astype(int)
    expected = set(reference.municipalities["cbs_code"])
    problems = [DataProblem(display_path(path), row, "cbs_code", code, f"a municipality of {reference.year}")
                for code, row in zip(tiles["cbs_code"], tiles["_row"]) if code not in expected]
    problems += [DataProblem(display_path(path), None, "cbs_code", code, "a tile for this municipality")
                 for code in sorted(expected - set(tiles["cbs_code"]))]
    doubled = tiles[tiles.duplicated(["column", "row"], keep=False)]
    problems += [DataProblem(display_path(path), row, "column/row", f"{c}/{r}", "a place no other tile takes")
                 for c, r, row in zip(doubled["column"], doubled["row"], doubled["_row"])]
    if problems:
        raise DataError(problems)
    return tiles.drop(columns="_row")
