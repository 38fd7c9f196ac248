"""The mentions a notebook's page links to, so that a long table of mentions shows those rows on the page.

:func:`~vsv_analysis.report.prose.mention_links` notes each link here as it makes it, and
:func:`~vsv_analysis.report.display.show_table` asks which there were. One notebook is one page,
and each runs in a process of its own, so the set lives as long as the page does.

Examples
--------
>>> note_link("M08"); "M08" in linked_mentions()
True
"""

from __future__ import annotations

__all__ = ["linked_mentions", "note_link"]

_LINKED: set[str] = set()


def note_link(mention_id: str) -> None:
    """Remember that the page links to ``mention_id``."""
    _LINKED.add(mention_id)


def linked_mentions() -> frozenset[str]:
    """The mention ids this notebook's page has linked to so far (the first of each run)."""
    return frozenset(_LINKED)
