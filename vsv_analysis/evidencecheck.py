"""Checking the evidence files against each other, and resolving the names in them.

:func:`check_links` checks that every id points at a row of another evidence
file (and a few rules that join two columns); :func:`resolve_mentions` looks
every municipality and region name up in the reference geography of the year.
Both return problems instead of raising, so that :func:`vsv_analysis.dataset.load_dataset`
can report all problems of a data folder at once.
"""

from __future__ import annotations

import re

import pandas as pd

from .csvfiles import FALSE_WORDS, records
from .errors import DataProblem
from .names import closest
from .reference import Reference

__all__ = ["check_links", "resolve_mentions"]


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


def resolve_mentions(involvements: pd.DataFrame, initiatives: pd.DataFrame, reference: Reference,
                     shown: str) -> tuple[list[dict], list[DataProblem]]:
    """Each mention as a row with its initiative's fields and its municipality or region resolved.

    A name that resolves to several municipalities (a merged one, read back) gives a row for each.
    An unknown name, or a region to expand that has no members, is a problem; ``shown`` names the file.
    """
    initiative_fields = {row["initiative_id"]: row for row in
                         records(initiatives, ["initiative_name", "initiative_id", "source_id", "source_section"])}
    region_names = reference.regions.set_index("region_id")["short_name"]
    municipality_names = reference.municipalities.set_index("cbs_code")["name"]
    rows, problems, resolved = [], [], {}
    for row in records(involvements):
        is_expanded_region = row["party_kind"] == "region" and row["expand_to_members"].casefold() not in FALSE_WORDS
        initiative = initiative_fields.get(row["initiative_id"], {})
        base = {
            **row,
            **initiative,
            "source_id": row["source_id"] or initiative.get("source_id", ""),
            "municipality_code": "", "municipality_name": "", "region_id": "", "region_name": "",
            "is_resolved": None, "resolution_note": "",
            "expand_to_members": is_expanded_region and bool(row["expand_to_members"]),
        }
        kind = row["party_kind"]
        if kind not in ("municipality", "region"):
            rows.append(base)
            continue
        key = (kind, row["name_as_written"])
        if key not in resolved:  # names repeat; resolve each spelling once
            resolve = reference.resolve_municipality if kind == "municipality" else reference.resolve_region
            resolved[key] = resolve(row["name_as_written"])
        result = resolved[key]
        if result.status == "unknown":
            expected = (f"a {kind} name known to the reference (municipalities.csv, regions.csv or "
                        f"name_aliases.csv); add an alias there if this spelling is right")
            problems.append(DataProblem(shown, row["_row"], "name_as_written", row["name_as_written"], expected,
                                        result.suggestions))
            continue
        base["is_resolved"] = result.is_resolved
        base["resolution_note"] = result.note
        if result.is_resolved and base["expand_to_members"] and not reference.members_of(result.codes[0]):
            problems.append(DataProblem(
                shown, row["_row"], "expand_to_members", row["expand_to_members"],
                f"'no' or an empty cell: region {region_names[result.codes[0]]!r} has no member municipalities "
                f"in {reference.year} (region_members.csv), so there is nothing to expand it to"))
            continue
        if not result.is_resolved:
            rows.append(base)
        elif kind == "region":
            rows.append({**base, "region_id": result.codes[0], "region_name": region_names[result.codes[0]]})
        else:
            for code in result.codes:
                rows.append({**base, "municipality_code": code, "municipality_name": municipality_names[code]})
    return rows, problems
