"""Mending what a PDF (or a copy of one as text) does to text, before any name is looked for.

- characters: ligatures and compatibility forms (NFKC), soft hyphens, non-breaking spaces, and a
  space a PDF puts inside an apostrophe name (``’ s-Hertogenbosch``);
- lines that are no part of the text: a footnote that is only a web address, and running page
  headers and footers (a line that comes back at the top or bottom of several pages, page numbers
  folded);
- line ends: a word hyphenated across lines is joined (``Sint-Oeden-`` / ``rode`` gives
  ``Sint-Oedenrode``) and a hyphen before a capital kept (``Geldrop-`` / ``Mierlo`` gives
  ``Geldrop-Mierlo``); every other line break becomes a space, so a name split over two lines
  (``Land van`` / ``Cuijk``) is one name again.

Examples
--------
>>> join_lines(["de gemeenten Geldrop-", "Mierlo en Sint-Oeden-", "rode, Land van", "Cuijk en de B5-", "gemeenten"])
'de gemeenten Geldrop-Mierlo en Sint-Oedenrode, Land van Cuijk en de B5-gemeenten'
>>> clean_text("het \\u2019 s-Hertogenbosch\\u00a0en\\u00adzo")
'het \\u2019s-Hertogenbosch enzo'
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import replace

from .lines import Line

__all__ = ["clean_text", "drop_page_furniture", "join_lines", "repair_lines"]

_URL_LINE = re.compile(r"^\s*(\d{1,3}\s*)?(https?://|www\.)\S+\s*$", re.IGNORECASE)
_SPLIT_APOSTROPHE = re.compile(r"([’'‘`´])\s+(s[-\s])")
_PAGE_NUMBER = re.compile(r"^\W*(pagina|page|blz\.?)?\s*\d+(\s*(van|of|/)\s*\d+)?\W*$", re.IGNORECASE)
_ELLIPSIS_WORDS = ("en", "of", "tot")  # "zorg- en welzijnspartners": the hyphen stands for a word left out
_EDGE = 0.1  # the top and bottom tenth of a page, where running headers and footers stand


def clean_text(text: str) -> str:
    """``text`` with compatibility characters, soft hyphens and odd spaces mended, and spaces collapsed."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = _SPLIT_APOSTROPHE.sub(r"\1\2", text)
    return " ".join(text.split())


def _folded(text: str) -> str:
    return re.sub(r"\d+", "#", text.casefold()).strip()


def drop_page_furniture(lines: list[Line]) -> list[Line]:
    """``lines`` without footnote web addresses, page numbers and running headers and footers."""
    pages = len({line.page for line in lines})
    at_edge = [line.position is not None and (line.position < _EDGE or line.position > 1 - _EDGE) for line in lines]
    repeated = Counter(_folded(line.text) for line, edge in zip(lines, at_edge) if edge)
    pages_of: dict[str, set[int]] = {}
    for line, edge in zip(lines, at_edge):
        if edge:
            pages_of.setdefault(_folded(line.text), set()).add(line.page)
    kept = []
    for line, edge in zip(lines, at_edge):
        if _URL_LINE.match(line.text):
            continue
        key = _folded(line.text)
        if edge and (_PAGE_NUMBER.match(line.text) or (pages > 1 and len(pages_of.get(key, ())) >= 2
                                                         and repeated[key] >= max(2, pages // 3))):
            continue
        kept.append(line)
    return kept


def repair_lines(lines: list[Line]) -> list[Line]:
    """The lines of a document with their characters mended and page furniture dropped."""
    mended = [replace(line, text=clean_text(line.text)) for line in lines]
    return drop_page_furniture([line for line in mended if line.text])


def join_lines(texts: list[str]) -> str:
    """One text from consecutive lines: hyphenation across a line end undone, other line ends a space."""
    joined = ""
    for text in texts:
        text = text.strip()
        if not text:
            continue
        if not joined:
            joined = text
            continue
        first = text.split(" ", 1)[0]
        if re.search(r"\w-$", joined) and first[:1].isalpha() and first.casefold() not in _ELLIPSIS_WORDS:
            # a lower-case word broken by hyphenation loses the hyphen; before a capital, or after a digit or
            # an abbreviation (B5-gemeenten, DVG-netwerk), the hyphen is part of the word
            keep = first[:1].isupper() or not joined[-2].islower()
            joined = joined + text if keep else joined[:-1] + text
        else:
            joined = f"{joined} {text}"
    return joined
