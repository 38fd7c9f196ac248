"""Counts of municipalities a document does not name: "31 Brabantse gemeenten", "nog 9 andere gemeenten",
"zestien gemeenten".

A number, in digits or in Dutch words (one to ninety-nine), with at most two words between it and a
count noun of ``cue_counts.csv`` is a count. It is proposed as the initiative's
``reported_municipalities`` unless the same sentence names at least as many municipalities after it
(then the number counts the names, and nothing is left unnamed).

Examples
--------
>>> [(count.value, count.text) for count in find_counts("Er doen nog 9 andere gemeenten mee en zestien gemeenten.",
...                                                     ("gemeenten",))]
[(9, '9 andere gemeenten'), (16, 'zestien gemeenten')]
>>> number_value("eenendertig"), number_value("twaalf"), number_value("1.200")
(31, 12, None)
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .gazetteer import fold

__all__ = ["Count", "find_counts", "number_value"]

_UNITS = ("een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen")
_TEENS = ("tien", "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien",
          "negentien")
_TENS = ("twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig")


def _number_words() -> dict[str, int]:
    words = {word: value for value, word in enumerate(_UNITS, 1)}
    words.update({word: value for value, word in enumerate(_TEENS, 10)})
    for tens, word in enumerate(_TENS, 2):
        words[word] = tens * 10
        for unit, unit_word in enumerate(_UNITS, 1):
            joint = "ën" if unit_word.endswith("e") else "en"
            words[f"{unit_word}{joint}{word}"] = tens * 10 + unit
            words[f"{unit_word}en{word}"] = tens * 10 + unit
    return words


_WORDS = _number_words()


def number_value(text: str) -> int | None:
    """The value of a whole number written in digits or Dutch words, or ``None``."""
    text = fold(text)
    if re.fullmatch(r"\d{1,4}", text):
        return int(text)
    return _WORDS.get(text.replace("ë", "e"))


@dataclass(frozen=True)
class Count:
    """A count in a sentence: its value, the words as written and where they stand."""

    value: int
    text: str
    start: int
    end: int


@functools.cache
def _pattern(nouns: tuple[str, ...]) -> re.Pattern:
    numbers = "|".join(sorted((re.escape(fold(word)) for word in _WORDS), key=len, reverse=True))
    nouns_pattern = "|".join(re.escape(fold(noun)) for noun in nouns)
    return re.compile(rf"(?<![\w.,-])(\d{{1,4}}|{numbers})\s+(?:[\w'-]+\s+){{0,2}}?(?:{nouns_pattern})(?!\w)")


def find_counts(sentence: str, nouns: tuple[str, ...]) -> list[Count]:
    """Every count of municipalities in ``sentence``; ``nouns`` are the count nouns (``cue_counts.csv``)."""
    if not nouns:
        return []
    folded = fold(sentence)
    counts = []
    for match in _pattern(nouns).finditer(folded):
        value = number_value(sentence[match.start(1):match.end(1)])
        if value is None or value == 1 and not match.group(1).isdigit():
            continue  # "een gemeente" is an article, not a count
        counts.append(Count(value, sentence[match.start():match.end()], match.start(), match.end()))
    return counts
