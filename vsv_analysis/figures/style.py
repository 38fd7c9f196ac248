"""What every figure shares: colour-blind-safe colours, the text style, and :class:`Chart`."""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")  # reports are rendered without a screen

import matplotlib.backends.backend_svg  # noqa: E402, F401 (the reports embed SVG; load it with the other imports)
import matplotlib.pyplot as plt  # noqa: E402

from ..common.palette import (
    KIND_PALETTE,
    MUNICIPALITY_COLOUR,
    OKABE_ITO,
    UNRESOLVED_COLOUR,
    kind_colours,
    node_marker_area,
)

__all__ = ["KIND_PALETTE", "MUNICIPALITY_COLOUR", "OKABE_ITO", "TEXT_AS_WRITTEN", "UNRESOLVED_COLOUR", "Chart",
           "apply_style", "kind_colours", "node_marker_area"]

TEXT_AS_WRITTEN = {"text.parse_math": False, "text.usetex": False}
"""Every text a figure draws is drawn as written: names from the data are never read as mathtext or TeX, so
``US$ 100% US$`` shows its dollar signs instead of failing or turning into formula type. Set by
:func:`apply_style` for every figure and map, and again while a figure is saved (tick labels are made then)."""


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
    """The text style of every figure and map, mathtext off (see :data:`TEXT_AS_WRITTEN`)."""
    plt.rcParams.update({"font.size": 10, "axes.spines.top": False, "axes.spines.right": False,
                         "figure.dpi": 100, "savefig.dpi": 100, "svg.fonttype": "none", **TEXT_AS_WRITTEN})
