"""The document's own date: the day or month it carries, found in its text or given with ``--date``; never guessed.

A date counts as the document's own when it stands on a line of its own in the text before the first
heading, in the title or in the closing: a line that starts with a date cue (``cue_document.csv``:
``Datum``), a short line that is a date ("12 mei 2024", "april 2025"), or a place and a date
("'s-Hertogenbosch, 12 mei 2024"). A date inside a sentence (a meeting, a merger) is not the document's.
Without such a line the source stays undated, and the review says so.

Examples
--------
>>> document_date(["Aan de leden van Provinciale Staten", "Datum: 12 mei 2024"], ("Datum",))
('2024-05-12', 'Datum: 12 mei 2024')
>>> document_date(["Eindhoven, april 2025"], ())
('2025-04', 'Eindhoven, april 2025')
>>> document_date(["Op 22 februari 2021 heb ik uw Staten in de bijeenkomst toegezegd een overzicht te sturen."], ())
('', '')
"""

from __future__ import annotations

import re

from ..common.dutch import MONTHS
from .gazetteer import fold

__all__ = ["document_date", "parse_dutch_date"]

_MONTHS = "|".join(MONTHS)
_DAY = re.compile(rf"(?<!\d)(\d{{1,2}})\s+({_MONTHS})\s+(\d{{4}})(?!\d)")
_MONTH = re.compile(rf"(?<![\w])({_MONTHS})\s+(\d{{4}})(?!\d)")
_NUMERIC = re.compile(r"(?<![\d-])(\d{1,2})-(\d{1,2})-(\d{4})(?![\d-])")
_SHORT_WORDS = 8


def parse_dutch_date(text: str) -> str:
    """The first date in ``text`` as ``YYYY-MM-DD`` or ``YYYY-MM`` ("12 mei 2024", "april 2025"), else ``''``."""
    folded = fold(text)
    day = _DAY.search(folded)
    if day:
        return f"{day.group(3)}-{MONTHS.index(day.group(2)) + 1:02d}-{int(day.group(1)):02d}"
    numeric = _NUMERIC.search(folded)
    if numeric and 1 <= int(numeric.group(2)) <= 12 and 1 <= int(numeric.group(1)) <= 31:
        return f"{numeric.group(3)}-{int(numeric.group(2)):02d}-{int(numeric.group(1)):02d}"
    month = _MONTH.search(folded)
    if month:
        return f"{month.group(2)}-{MONTHS.index(month.group(1)) + 1:02d}"
    return ""


def document_date(lines: list[str], cues: tuple[str, ...]) -> tuple[str, str]:
    """``(date, the line it stands in)`` for the first line of ``lines`` that carries the document's own date."""
    folded_cues = tuple(fold(cue) for cue in cues)
    for line in lines:
        date = parse_dutch_date(line)
        if not date:
            continue
        starts_with_cue = bool(folded_cues) and fold(line).lstrip().startswith(folded_cues)
        if starts_with_cue or len(line.split()) <= _SHORT_WORDS:
            return date, line.strip()
    return "", ""
