"""Against the evidence already there (``--into``): per proposed mention new, already there, or in conflict.

An initiative is the same when its heading or name matches one in the evidence (``source_heading`` or
``initiative_name``; case, accents, hyphens and a trailing remark in brackets ignored; rapidfuzz's ratio
:data:`SAME_INITIATIVE_SCORE` or more). A mention is already there when that initiative names the same party:
the same municipalities in the geography year, the same region, the same name when it cannot be placed, the
same organisation under its canonical name. With another role it is a conflict, which the evaluator decides;
only new mentions become rows, with ids the evidence does not use yet.

Examples
--------
>>> fresh_ids(["M01", "M49"], 2)
['M50', 'M51']
>>> fresh_ids([], 2, prefix="P")
['P01', 'P02']
"""

from __future__ import annotations

import re

import pandas as pd

from ..common.names import normalise_name
from ..evidence.dataset import Dataset
from ..geography.reference import Reference
from .gazetteer import name_key
from .proposal import InitiativeProposal, MentionProposal, initiative_name

__all__ = ["SAME_INITIATIVE_SCORE", "compare_with", "fresh_ids", "slug"]

SAME_INITIATIVE_SCORE = 90
"""The least rapidfuzz ratio between two headings or names for the same initiative."""


def slug(text: str, taken: set[str]) -> str:
    """An id made of ``text`` (letters, digits and ``_``) that is not in ``taken``.

    >>> slug("Pilot Vitaal Buitengebied, Zundert", set())
    'pilot_vitaal_buitengebied_zundert'
    """
    base = re.sub(r"[^a-z0-9]+", "_", name_key(text)).strip("_")[:60] or "initiatief"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}_{number}", number + 1
    return candidate


def fresh_ids(existing, count: int, prefix: str = "M") -> list[str]:
    """``count`` mention ids after the highest of ``existing`` with the same prefix and width."""
    numbers, width = [0], 2
    for mention_id in existing:
        match = re.fullmatch(rf"{re.escape(prefix)}(\d+)", str(mention_id))
        if match:
            numbers.append(int(match.group(1)))
            width = max(width, len(match.group(1)))
    start = max(numbers) + 1
    taken = set(map(str, existing))
    ids, number = [], start
    while len(ids) < count:
        candidate = f"{prefix}{number:0{width}d}"
        if candidate not in taken:
            ids.append(candidate)
        number += 1
    return ids


def _same_initiative(initiative: InitiativeProposal, existing: pd.DataFrame) -> tuple[str, str]:
    """``(initiative_id, how)`` of the evidence's initiative that ``initiative`` is, or ``('', '')``."""
    from rapidfuzz import fuzz

    wanted = {name_key(initiative_name(initiative.section.heading)), name_key(initiative.name)}
    best = ("", "", 0.0)
    for row in existing.to_dict("records"):
        names = {name_key(initiative_name(str(row.get(column, "") or ""))) for column in
                 ("source_heading", "initiative_name")} - {""}
        if wanted & names:
            return row["initiative_id"], "same heading or name"
        score = max((fuzz.ratio(a, b) for a in wanted for b in names), default=0.0)
        if score >= SAME_INITIATIVE_SCORE and score > best[2]:
            best = (row["initiative_id"], f"heading or name {score:.0f}% alike", score)
    return best[0], best[1]


def _party(kind: str, name: str, reference: Reference) -> tuple:
    """What a mention names, comparable across spellings."""
    if kind == "municipality":
        resolution = reference.resolve_municipality(name)
        return (kind, resolution.codes) if resolution.is_resolved else (kind, normalise_name(name))
    if kind == "region":
        resolution = reference.resolve_region(name)
        return (kind, resolution.codes) if resolution.is_resolved else (kind, normalise_name(name))
    return (kind, name_key(reference.canonical_party_name(name, kind)))


def compare_with(initiatives: list[InitiativeProposal], mentions: list[MentionProposal], data: Dataset) -> None:
    """Mark each initiative and mention with its status against ``data``, in place."""
    existing = data.initiatives
    by_section = {}
    for initiative in initiatives:
        initiative.existing_id, how = _same_initiative(initiative, existing)
        initiative.status = f"already there ({initiative.existing_id}: {how})" if initiative.existing_id else "new"
        by_section[id(initiative.section)] = initiative
        if initiative.existing_id and initiative.count is not None:
            row = existing.set_index("initiative_id").loc[initiative.existing_id]
            given = str(row.get("reported_municipalities", "") or "")
            initiative.status += ("; count already there" if given == str(initiative.count.value) else
                                  f"; count conflict: the evidence gives {given or 'none'}")
    evidence = data.involvements.drop_duplicates("mention_id")
    known: dict[tuple, list[tuple[str, str]]] = {}
    places: dict[tuple[str, str], list[tuple[str, str]]] = {}  # (initiative, CBS code): the mentions that place it
    for row in evidence.to_dict("records"):
        party = _party(row["party_kind"], row["name_as_written"], data.reference)
        known.setdefault((row["initiative_id"], party), []).append((row["mention_id"], row["role"]))
        if row["party_kind"] == "municipality" and isinstance(party[1], tuple):
            for code in party[1]:
                places.setdefault((row["initiative_id"], code), []).append((row["mention_id"], row["role"]))
    for mention in mentions:
        initiative = by_section[id(mention.section)]
        if not initiative.existing_id:
            mention.status = "new"
            continue
        party = _party(mention.finding.party_kind, mention.finding.name, data.reference)
        there = known.get((initiative.existing_id, party), [])
        if not there and party[0] == "municipality" and isinstance(party[1], tuple) and all(
                (initiative.existing_id, code) in places for code in party[1]):
            # a merged municipality whose parts the evidence names (Maashorst: Landerd and Uden)
            there = [item for code in party[1] for item in places[(initiative.existing_id, code)]]
        if not there:
            mention.status = "new"
        elif any(role == mention.finding.role.role for _, role in there):
            mention.status, mention.existing = "already there", ", ".join(m for m, _ in there)
        else:
            mention.status = "conflict"
            mention.existing = "; ".join(f"{m} has role {role}" for m, role in there)
