"""The reading choices made in recording the evidence: ``interpretations.csv`` (optional) in the data folder.

One row per reading choice, in Dutch, with the mentions or initiative it
concerns, so that each choice can be traced to the evidence and shown where
that evidence is used.
"""

from __future__ import annotations

import pandas as pd

from ..files.csvfiles import TRUE_WORDS, Column, TableSpec

__all__ = ["INTERPRETATION_SPEC", "interpretation_for", "split_mention_ids"]

INTERPRETATION_SPEC = TableSpec((
    Column("interpretation_id", "id", unique=True),
    Column("is_uncertain", "bool", required=False),
    Column("topic"),
    Column("explanation"),
    Column("mention_ids", required=False),
    Column("initiative_id", required=False),
))
"""Columns of ``interpretations.csv``: ``is_uncertain`` is ``yes`` for what the evidence
leaves open (the summary lists these) and ``no`` or empty for a choice of how to read it; ``topic`` and
``explanation`` are Dutch text for readers; ``mention_ids`` lists the mentions it
concerns, separated by ``;``."""


def split_mention_ids(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` (interpretations as read) with ``mention_ids`` as a tuple of ids (they are separated by ``;``)."""
    table = table.copy()
    table["mention_ids"] = [tuple(i.strip() for i in value.split(";") if i.strip()) for value in table["mention_ids"]]
    table["is_uncertain"] = table["is_uncertain"].str.casefold().isin(TRUE_WORDS)
    return table


def interpretation_for(interpretations: pd.DataFrame, mention_id: str) -> pd.Series | None:
    """The reading choice that concerns ``mention_id`` most specifically (the one naming fewest mentions), or None."""
    matches = [(len(ids), index) for index, ids in zip(interpretations.index, interpretations["mention_ids"])
               if mention_id in ids]
    return interpretations.loc[min(matches)[1]] if matches else None
