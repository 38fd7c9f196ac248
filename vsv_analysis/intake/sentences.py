"""Sentences and clauses: the text a mention's role is read from, and the words around a name.

A sentence ends at ``.``, ``!`` or ``?`` before a capital, but not after an abbreviation written with
points (``j.l.``, ``B.V.``, ``H.A.J.M.``) or a single letter. A clause is the part of a sentence between
semicolons outside brackets: ``(gemeenten Landerd en Uden; fusie op 1 januari 2022)`` stays in its clause.

Examples
--------
>>> split_sentences("Enpuls B.V. doet mee. Oss ook; Uden (en Boekel; later) niet.")
['Enpuls B.V. doet mee.', 'Oss ook; Uden (en Boekel; later) niet.']
>>> clause_bounds("Oss ook; Uden (en Boekel; later) niet.", 10)
(8, 38)
>>> capitalised_before("bij de Stichting Welzijn Oss", 25)
(7, 'Stichting Welzijn')
"""

from __future__ import annotations

import re

__all__ = ["PARTICLES", "capitalised_after", "capitalised_before", "clause_bounds", "is_sentence_start",
           "split_sentences", "words_lower"]

_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[\"'“‘(]?[A-Z0-9À-Ý’'])")
_ABBREVIATION = re.compile(r"(?:^|\s)(?:\w\.){1,}\w?\.?$|(?:^|\s)\w\.$")
_WORD = re.compile(r"[\w’'][\w’'.&-]*")
PARTICLES = frozenset({"van", "de", "der", "den", "het", "voor", "op", "aan", "in", "'t", "’t", "la", "le"})
"""Small words that may stand inside a proper name between capitalised words (Hart van Brabant)."""


def split_sentences(text: str) -> list[str]:
    """The sentences of a paragraph."""
    sentences, start = [], 0
    for match in _BOUNDARY.finditer(text):
        if _ABBREVIATION.search(text[start:match.start()]):
            continue
        sentences.append(text[start:match.start()].strip())
        start = match.end()
    sentences.append(text[start:].strip())
    return [sentence for sentence in sentences if sentence]


def clause_bounds(sentence: str, at: int) -> tuple[int, int]:
    """``(start, end)`` of the clause of ``sentence`` that holds position ``at``."""
    depth, cuts = 0, [0]
    for index, char in enumerate(sentence):
        depth += (char in "([") - (char in ")]")
        if char == ";" and depth <= 0:
            cuts.append(index + 1)
    cuts.append(len(sentence) + 1)
    for begin, end in zip(cuts, cuts[1:]):
        if begin <= at < end:
            return begin, end - 1
    return 0, len(sentence)


def is_sentence_start(sentence: str, at: int) -> bool:
    """Whether position ``at`` is the sentence's first word (after any opening quote or bracket)."""
    return not re.search(r"\w", sentence[:at])


def words_lower(texts) -> frozenset[str]:
    """The words that the texts write in lower case somewhere: ordinary words, not names."""
    found = set()
    for text in texts:
        found.update(word for word in _WORD.findall(text) if word[:1].islower())
    return frozenset(found)


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit() or (word[:1] in "’'" and word[1:2] == "s")


def capitalised_before(text: str, at: int) -> tuple[int, str]:
    """The capitalised words directly before position ``at`` (no punctuation between): ``(start, words)``.

    Small words (:data:`PARTICLES`) count only between capitalised words.
    """
    words = list(_WORD.finditer(text[:at]))
    taken: list[re.Match] = []
    edge = at
    for match in reversed(words):
        if text[match.end():edge].strip():  # punctuation between
            break
        word = match.group(0)
        if _is_capitalised(word) or (taken and word in PARTICLES):
            taken.insert(0, match)
            edge = match.start()
        else:
            break
    while taken and taken[0].group(0) in PARTICLES:
        taken.pop(0)
    if not taken:
        return at, ""
    return taken[0].start(), text[taken[0].start():taken[-1].end()]


def capitalised_after(text: str, at: int) -> tuple[int, str]:
    """The capitalised words directly after position ``at`` (no punctuation between): ``(end, words)``."""
    taken: list[tuple[int, str]] = []
    edge = at
    for match in _WORD.finditer(text, at):
        if text[edge:match.start()].strip():
            break
        word = match.group(0)
        if not re.fullmatch(r"(\w\.)+", word):
            word = word.rstrip(".")  # a sentence's full stop is no part of the name
        if _is_capitalised(word) or (taken and word in PARTICLES):
            taken.append((match.start(), word))
            edge = match.start() + len(word)
        else:
            break
    while taken and taken[-1][1] in PARTICLES:
        taken.pop()
    if not taken:
        return at, ""
    end = taken[-1][0] + len(taken[-1][1])
    return end, text[taken[0][0]:end]
