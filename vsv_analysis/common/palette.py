"""The colours and marker sizes of the network, shared by the report figures and the GEXF files.

Kept apart from :mod:`vsv_analysis.figures`, which draws with matplotlib, so that
writing a network file (``vsv-analysis export-graph``) does not load it.
"""

from __future__ import annotations

__all__ = ["KIND_PALETTE", "MUNICIPALITY_COLOUR", "OKABE_ITO", "UNRESOLVED_COLOUR", "kind_colours",
           "node_marker_area"]

OKABE_ITO = {
    "black": "#000000", "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "grey": "#999999",
}
"""Okabe & Ito's palette, distinguishable with every common form of colour blindness."""

KIND_PALETTE = tuple(OKABE_ITO[c] for c in ("blue", "green", "purple", "black", "yellow", "vermillion", "grey",
                                            "orange", "sky"))
"""Colours for kinds of initiative, given out in vocabulary order."""

MUNICIPALITY_COLOUR = "#d9d9d9"
UNRESOLVED_COLOUR = "#ffffff"  # a name that is no known municipality


def node_marker_area(node_kind: str, degree: int) -> float:
    """Marker area (points squared) of a node in the network figure: larger with more connections."""
    return 80 + 40 * degree if node_kind == "initiative" else 40 + 30 * degree


def kind_colours(kinds) -> dict[str, str]:
    """A colour per kind of initiative, in the order given (the vocabulary's order)."""
    return {kind: KIND_PALETTE[i % len(KIND_PALETTE)] for i, kind in enumerate(kinds)}
