"""The documents the evidence comes from, their dates, and the evidence as it stood on a date.

``sources.csv`` lists one row per document: its title (as the reports name it), how a
sentence refers to it ("het memo"), its author, its date and whether that date is
inferred. A source date may be a year (``2021``), a month (``2021-03``) or a day
(``2021-03-15``), or empty for an undated document.

Every initiative names its source; a mention names its own source or inherits its
initiative's. :func:`available_sources` decides which sources count on an ``as_of``
date: a source counts when its date, at the precision it is given, is on or before
that date (a source dated ``2021`` counts from any day in 2021 on). An undated
source cannot be placed in time, so it counts only when no ``as_of`` is given.

Examples
--------
>>> is_on_or_before("2021", datetime.date(2021, 1, 1)), is_on_or_before("2021-03", datetime.date(2021, 2, 28))
(True, False)
>>> source_year("2021-03-15"), source_year("")
(2021, None)
"""

from __future__ import annotations

import datetime
import re

import pandas as pd

from ..files.csvfiles import Column, TableSpec

__all__ = [
    "SOURCE_SPEC",
    "available_sources",
    "is_on_or_before",
    "parse_as_of",
    "source_year",
]

SOURCE_SPEC = TableSpec((
    Column("source_id", "id", unique=True),
    Column("title"),
    Column("referred_to_as", required=False),
    Column("author", required=False),
    Column("date", "partial_date", required=False),
    Column("date_is_inferred", "bool", required=False),
    Column("date_basis", required=False),
    Column("note", required=False),
    Column("file", required=False),
))
"""Columns of ``sources.csv``. ``referred_to_as`` is the Dutch noun phrase a report
sentence uses for the document ("het memo", "het jaarverslag 2023"); ``date_basis``
says, in Dutch, how an inferred date was inferred; ``file`` names the document itself,
relative to the data folder, when the folder holds it (see :mod:`.documents`)."""


def parse_as_of(value) -> datetime.date | None:
    """Read an ``as_of`` value: a date, an ISO date text (``2022-06-30``), or empty for none.

    Raises ``ValueError`` with a sentence for anything else.

    Examples
    --------
    >>> parse_as_of("2022-06-30"), parse_as_of("")
    (datetime.date(2022, 6, 30), None)
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            pass
    raise ValueError(f"as_of must be a date written as YYYY-MM-DD (such as 2022-06-30), not {value!r}")


def is_on_or_before(date: str, as_of: datetime.date) -> bool:
    """Whether a source date (year, month or day) is on or before ``as_of``, at its own precision."""
    parts = [int(p) for p in str(date).split("-") if p]
    if not parts:
        return False
    return tuple(parts) <= (as_of.year, as_of.month, as_of.day)[: len(parts)]


def source_year(date: str) -> int | None:
    """The year of a source date, or ``None`` for an undated source."""
    text = str(date or "")
    return int(text[:4]) if text[:4].isdigit() else None


def available_sources(sources: pd.DataFrame, as_of: datetime.date | None) -> pd.DataFrame:
    """``sources`` with ``is_available`` (counts on ``as_of``) and ``excluded_because`` (English, or empty)."""
    table = sources.copy()
    if as_of is None:
        table["is_available"] = True
        table["excluded_because"] = ""
        return table
    dated = table["date"] != ""
    table["is_available"] = [bool(d) and is_on_or_before(d, as_of) for d in table["date"]]
    table["excluded_because"] = [
        "" if ok else (f"dated {d}, after {as_of.isoformat()}" if has_date else "undated")
        for ok, d, has_date in zip(table["is_available"], table["date"], dated)]
    return table
