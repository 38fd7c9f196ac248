"""Resolving the mentions: every municipality and region name of the evidence looked up in the reference geography.

:func:`resolve_mentions` returns problems instead of raising, so that
:func:`vsv_analysis.evidence.dataset.load_dataset` can report all problems of a
data folder at once.
"""

from __future__ import annotations

import pandas as pd

from ..common.errors import DataProblem
from ..files.csvfiles import FALSE_WORDS, records
from ..geography.reference import Reference

__all__ = ["resolve_mentions"]


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
