"""Checking the evidence files against each other: every id points at a row of another evidence file.

:func:`check_links` also checks a few rules that join two columns. It returns
problems instead of raising, so that :func:`vsv_analysis.evidence.dataset.load_dataset`
can report all problems of a data folder at once.
"""

from __future__ import annotations

import re

import pandas as pd

from ..common.errors import DataProblem
from ..common.names import closest
from ..files.csvfiles import TRUE_WORDS, records

__all__ = ["check_links"]


def check_links(initiatives: pd.DataFrame, involvements: pd.DataFrame, sources: pd.DataFrame,
                interpretations: pd.DataFrame, shown: dict[str, str]) -> list[DataProblem]:
    """Ids that must point at rows of another evidence file; ``shown`` names each file for the messages."""
    problems = []
    ini_file, inv_file = shown["initiatives.csv"], shown["involvements.csv"]
    source_ids = set(sources["source_id"])
    for row in records(initiatives):
        if row["source_id"] not in source_ids:
            problems.append(DataProblem(ini_file, row["_row"], "source_id", row["source_id"],
                                        "a source_id listed in sources.csv", closest(row["source_id"], source_ids)))
        if re.fullmatch(r"GM\d{4}", row["initiative_id"]):
            problems.append(DataProblem(ini_file, row["_row"], "initiative_id", row["initiative_id"],
                                        "an id that is not a CBS municipality code"))
        if bool(row["reported_municipalities"]) != bool(row["reported_municipalities_role"]):
            problems.append(DataProblem(ini_file, row["_row"], "reported_municipalities_role",
                                        row["reported_municipalities_role"],
                                        "a role exactly when reported_municipalities holds a count"))
    for row in records(sources):
        if row["date_is_inferred"].casefold() in TRUE_WORDS and not row["date"]:
            problems.append(DataProblem(shown["sources.csv"], row["_row"], "date", "", (
                "the inferred date, since date_is_inferred says the date is inferred (or date_is_inferred "
                "left empty for an undated source)")))
    initiative_ids = set(initiatives["initiative_id"])
    for row in records(involvements):
        if row["initiative_id"] not in initiative_ids:
            problems.append(DataProblem(inv_file, row["_row"], "initiative_id", row["initiative_id"],
                                        "an initiative_id listed in initiatives.csv",
                                        closest(row["initiative_id"], initiative_ids)))
        if row["source_id"] and row["source_id"] not in source_ids:
            problems.append(DataProblem(inv_file, row["_row"], "source_id", row["source_id"],
                                        "a source_id listed in sources.csv, or empty for the initiative's source",
                                        closest(row["source_id"], source_ids)))
        if row["expand_to_members"] and row["party_kind"] != "region":
            problems.append(DataProblem(inv_file, row["_row"], "expand_to_members", row["expand_to_members"],
                                        "an empty cell: expand_to_members applies to region parties only"))
    mention_ids = set(involvements["mention_id"])
    int_file = shown["interpretations.csv"]
    for row in records(interpretations):
        for mention in row["mention_ids"]:
            if mention not in mention_ids:
                problems.append(DataProblem(int_file, row["_row"], "mention_ids", mention,
                                            "mention ids listed in involvements.csv, separated by ';'",
                                            closest(mention, mention_ids)))
        if row["initiative_id"] and row["initiative_id"] not in initiative_ids:
            problems.append(DataProblem(int_file, row["_row"], "initiative_id", row["initiative_id"],
                                        "an initiative_id listed in initiatives.csv, or empty",
                                        closest(row["initiative_id"], initiative_ids)))
    return problems
