"""The reference as a gazetteer: every name of a municipality, region or known party, found in running text.

Names come from the reference (official names of every year from 2016, region names and short
names, ``name_aliases.csv`` with its misspellings, short names and names no source can place) and,
for ``--into``, the other parties the evidence already names. Text and names are compared
*folded*: case, accents and typographic apostrophes ignored, a hyphen or a line break the same as a
space, an apostrophe optional (``’s-Hertogenbosch``, ``'s Hertogenbosch``, ``s-Hertogenbosch``). Folding
keeps every character in its place, so a match points at the words as the document writes them.

A word that looks like a municipality's name without being one the reference knows is a *close
misspelling* when rapidfuzz's ratio to a known name reaches :data:`CLOSE_SCORE`; it is proposed as
written and flagged, never replaced by the name it resembles.

Examples
--------
>>> from vsv_analysis.geography.reference import load_reference
>>> gazetteer = Gazetteer(load_reference(year=2021))
>>> found = gazetteer.finditer("met Den Bosch en GELDROP- MIERLO")
>>> [(m.group(0), gazetteer.entry(m.group(0)).kind) for m in found]
[('Den Bosch', 'municipality'), ('GELDROP- MIERLO', 'municipality')]
>>> gazetteer.close_misspelling("Eindhovn")
('Eindhoven', 94)
>>> fold("Stérk ’s-Hertogenbosch") == "sterk 's-hertogenbosch"
True
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from ..geography.reference import Reference

__all__ = ["CLOSE_SCORE", "Entry", "Gazetteer", "fold", "name_key"]

CLOSE_SCORE = 85
"""The least rapidfuzz ratio (0-100) at which an unknown word counts as a close misspelling of a known name."""

_APOSTROPHES = "’‘ʼ`´′"


def _fold_char(char: str) -> str:
    if char in _APOSTROPHES:
        return "'"
    if char in "‐‑‒–—":
        return "-"
    base = unicodedata.normalize("NFD", char)[0]
    lower = base.lower()
    return lower if len(lower) == 1 else base


class _FoldTable(dict):
    """``str.translate``'s table, filled as characters are met (folding each character once, not once per text)."""

    def __missing__(self, code: int) -> str:
        self[code] = _fold_char(chr(code))
        return self[code]


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """``text`` in lower case without accents, with one apostrophe and one hyphen: the same length, char by char."""
    return text.translate(_FOLD_TABLE)


def name_key(text: str) -> str:
    """The key a name is known under: folded, without apostrophes, hyphens and line breaks as single spaces."""
    return " ".join(re.sub(r"[\s\-]+", " ", fold(text).replace("'", "")).split())


@dataclass(frozen=True)
class Entry:
    """A name the gazetteer knows: ``kind`` is ``municipality``, ``region`` or ``party`` (with its ``party_kind``)."""

    name: str
    kind: str
    party_kind: str
    how: str  # official name, region name, or the alias type of name_aliases.csv


def _pattern(name: str) -> str:
    parts = []
    for token in re.split(r"[\s\-]+", fold(name).strip()):
        parts.append(re.escape(token).replace("'", "'?"))
    return r"(?:\s*-\s*|\s+)".join(parts)


class Gazetteer:
    """The names of ``reference`` (and ``parties``: ``{name as written: party kind}``) to find in text."""

    def __init__(self, reference: Reference, parties: dict[str, str] | None = None):
        self.reference = reference
        entries: dict[str, Entry] = {}

        def add(name: str, entry: Entry) -> None:
            key = name_key(name)
            if key and key not in entries:
                entries[key] = entry

        for name in reference.history["name"]:
            add(name, Entry(name, "municipality", "municipality", "official name"))
        for column in ("name", "short_name"):
            for name in reference.regions[column]:
                add(name, Entry(name, "region", "region", "region name"))
        for row in reference.aliases.to_dict("records"):
            kind = row["party_kind"] if row["party_kind"] in ("municipality", "region") else "party"
            add(row["alias"], Entry(row["alias"], kind, row["party_kind"], row.get("alias_type", "") or "alias"))
        for name, party_kind in (parties or {}).items():
            kind = party_kind if party_kind in ("municipality", "region") else "party"
            if kind == "party":
                add(name, Entry(name, kind, party_kind, "named in the evidence"))
        self._entries = entries
        alternatives = sorted({_pattern(entry_name) for entry_name in
                               [*reference.history["name"], *reference.regions["name"],
                                *reference.regions["short_name"], *reference.aliases["alias"], *(parties or {})]},
                              key=len, reverse=True)
        self._regex = re.compile(r"(?<![\w'-])(?:" + "|".join(alternatives) + r")(?![\w]|-\w)")

    def finditer(self, text: str):
        """The matches of known names in ``text`` (positions in ``text``; ``group(0)`` as written)."""
        folded = fold(text)
        for match in self._regex.finditer(folded):
            yield _Match(text, match.start(), match.end())

    def entry(self, written: str) -> Entry | None:
        """What a name as written is, or ``None`` when the gazetteer does not know it."""
        return self._entries.get(name_key(written))

    @cached_property
    def _municipality_names(self) -> dict[str, str]:
        names = {name_key(name): name for name in self.reference.history["name"]}
        for row in self.reference.aliases.to_dict("records"):
            if row["party_kind"] == "municipality" and row["canonical"]:
                names.setdefault(name_key(row["alias"]), row["canonical"])
        return names

    def close_misspelling(self, written: str) -> tuple[str, int] | None:
        """``(known municipality name, score)`` when ``written`` is close to one, else ``None``."""
        from rapidfuzz import fuzz, process

        key = name_key(written)
        found = process.extractOne(key, list(self._municipality_names), scorer=fuzz.ratio, score_cutoff=CLOSE_SCORE)
        if found is None or found[0] == key:
            return None
        return self._municipality_names[found[0]], round(found[1])


@dataclass(frozen=True)
class _Match:
    text: str
    begin: int
    finish: int

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self, _: int = 0) -> str:
        return self.text[self.begin:self.finish]
