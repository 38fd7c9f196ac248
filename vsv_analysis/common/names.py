"""Names as text: the key a written name is looked up under, the order a Dutch reader expects, near-misses.

Every stage uses these: the file checks suggest close column names, the reference
looks municipalities up under :func:`normalise_name`, the reports sort by
:func:`name_key`.

Examples
--------
>>> normalise_name("Gemeente  ’s-Hertogenbosch ")
"'s hertogenbosch"
"""

from __future__ import annotations

import difflib
import unicodedata

__all__ = ["closest", "name_key", "normalise_name"]

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "–": "-", "—": "-", "‐": "-"})


def closest(value: str, candidates, n: int = 3) -> tuple[str, ...]:
    """Return up to ``n`` candidates that look like ``value`` (case-insensitive)."""
    by_key: dict[str, str] = {}
    for candidate in candidates:
        by_key.setdefault(str(candidate).casefold(), str(candidate))
    keys = difflib.get_close_matches(str(value).casefold(), list(by_key), n=n, cutoff=0.6)
    return tuple(by_key[key] for key in keys)


def name_key(name: str) -> str:
    """The key that sorts names as a Dutch reader looks them up: 's-Hertogenbosch under H, case ignored.

    >>> sorted(["Tilburg", "'s-Hertogenbosch", "breda"], key=name_key)
    ['breda', "'s-Hertogenbosch", 'Tilburg']
    """
    return name.lstrip("'").casefold()


def normalise_name(name: str) -> str:
    """Return the key under which a written name is looked up.

    Folds case, typographic apostrophes, hyphens (to spaces), repeated spaces
    and a leading "gemeente", so that "Gemeente ’s-Hertogenbosch" and
    "'s Hertogenbosch" meet.

    """
    text = unicodedata.normalize("NFKC", str(name)).translate(_APOSTROPHES).replace("-", " ")
    text = " ".join(text.split()).casefold()
    if text.startswith("gemeente "):
        text = text[len("gemeente "):]
    return text
