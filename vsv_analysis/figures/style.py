"""What every figure shares: colour-blind-safe colours, the text style, and :class:`Chart`."""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")  # reports are rendered without a screen

import matplotlib.backends.backend_svg  # noqa: E402, F401 (the reports embed SVG; load it with the other imports)
import matplotlib.pyplot as plt  # noqa: E402

__all__ = ["KIND_PALETTE", "MUNICIPALITY_COLOUR", "OKABE_ITO", "UNRESOLVED_COLOUR", "Chart", "apply_style",
           "kind_colours", "node_marker_area"]

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


@dataclass
class Chart:
    """A figure with the alternative text that describes it, made from the same values.

    ``figure`` is ``None`` when there is nothing to draw; ``alt`` then says why,
    and the report shows that sentence instead of an empty figure.
    ``uses_population`` marks figures that rest on CBS population figures, so
    the caption can name them.
    """

    figure: plt.Figure | None
    alt: str
    uses_population: bool = False


def apply_style() -> None:
    plt.rcParams.update({"font.size": 10, "axes.spines.top": False, "axes.spines.right": False,
                         "figure.dpi": 100, "savefig.dpi": 100, "svg.fonttype": "none"})


def kind_colours(kinds) -> dict[str, str]:
    """A colour per kind of initiative, in the order given (the vocabulary's order)."""
    return {kind: KIND_PALETTE[i % len(KIND_PALETTE)] for i, kind in enumerate(kinds)}

