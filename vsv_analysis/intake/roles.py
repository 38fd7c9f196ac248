"""Proposing a role from the words around a mention, and flagging a party that withdrew or is only compared.

The cues are data (``cue_roles.csv``, ``cue_exclusions.csv``; see :mod:`.cues`). Only the mention's clause
is read (:func:`~.sentences.clause_bounds`). A cue counts where its ``position`` says: ``before`` the
name, ``after`` it, ``next`` (directly after it, nothing but a space or a comma between) or anywhere in the
``clause``. Of the cues that count, the one with the highest ``priority`` wins, then the one nearest to the
name, then the longest. When none counts, the default role of ``cue_roles.csv`` is proposed, and the review
says so.

Examples
--------
>>> from vsv_analysis.intake.cues import load_cues
>>> cues = load_cues()
>>> sentence = "Bij de proeftuin zijn aangesloten: Oosterhout, kleinere gemeenten: Boxmeer als toehoorder."
>>> [propose_role(sentence, sentence.index(name), sentence.index(name) + len(name), cues)[:2]
...  for name in ("Oosterhout", "Boxmeer")]
[('participant', 'aangesloten'), ('observer', 'als toehoorder')]
>>> propose_role("Breda werkt mee.", 0, 5, cues)
RoleProposal(role='partner', cue='', basis='default')
>>> excluded("Na een jaar heeft Oss zich teruggetrokken.", 18, 21, cues)
('withdrawn', 'zich teruggetrokken')
>>> excluded("Oss heeft zich teruggetrokken.", 0, 3, cues)
('withdrawn', 'heeft zich teruggetrokken')
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from .cues import Cues
from .gazetteer import fold
from .sentences import clause_bounds

__all__ = ["RoleProposal", "excluded", "propose_role"]


class RoleProposal(NamedTuple):
    """The role proposed, the cue that decided it (empty for the default) and ``basis``: ``cue`` or ``default``."""

    role: str
    cue: str
    basis: str


@functools.cache
def _cue_pattern(cue: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(fold(cue))}(?!\w)")


def _occurrences(folded_clause: str, offset: int, cue: str):
    for match in _cue_pattern(cue).finditer(folded_clause):
        yield offset + match.start(), offset + match.end()


def _applies(position: str, begin: int, end: int, start: int, stop: int, sentence: str) -> int | None:
    """The distance from the cue (``begin``-``end``) to the name (``start``-``stop``); ``None``: it does not count."""
    if begin < stop and end > start:
        return None  # the cue is part of the name itself
    before = end <= start
    if position == "before":
        return start - end if before else None
    if position == "after":
        return None if before else begin - stop
    if position == "next":
        return 0 if not before and not sentence[stop:begin].strip(" ,") else None
    return start - end if before else begin - stop


def _best(rows, sentence: str, start: int, stop: int):
    clause_start, clause_end = clause_bounds(sentence, start)
    clause = fold(sentence[clause_start:clause_end])
    found = []
    for row in rows:
        if row["cue"] and fold(row["cue"])[:4] not in clause:
            continue
        for begin, end in _occurrences(clause, clause_start, row["cue"]):
            distance = _applies(row["position"], begin, end, start, stop, sentence)
            if distance is not None:
                found.append((-int(row.get("priority", 1) or 1), distance, -len(row["cue"]), row))
    return min(found, key=lambda item: item[:3])[3] if found else None


def propose_role(sentence: str, start: int, stop: int, cues: Cues) -> RoleProposal:
    """The role for the name at ``sentence[start:stop]``: from the best cue in its clause, else the default."""
    best = _best(cues.records("roles"), sentence, start, stop)
    if best is None:
        return RoleProposal(cues.default_role, "", "default")
    return RoleProposal(best["role"], best["cue"], "cue")


def excluded(sentence: str, start: int, stop: int, cues: Cues) -> tuple[str, str] | None:
    """``(reason, cue)`` when the clause says the party withdrew or is only compared with, else ``None``."""
    best = _best(cues.records("exclusions"), sentence, start, stop)
    return None if best is None else (best["reason"], best["cue"])
