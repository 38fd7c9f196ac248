"""What every figure shares: colour-blind-safe colours, the text style, the sizes it is drawn in, and :class:`Chart`.

Sizes are chosen for the reader, on every medium. A figure's text is never
smaller than :data:`TEXT_PT` at the figure's own size, and a figure is drawn at
most :data:`WIDE_INCHES` wide, so that it is shown at its own size in the
column of a 1280 px screen (930 px: text 12 px) and on A4 (186 mm between the
margins: text 9 pt). A phone's column (345 px at 375 px) would shrink such a
figure to half, so every figure wider than :data:`NARROW_INCHES` comes with a
narrow drawing of its own (:attr:`Chart.narrow`: panels stacked, long names
wrapped or numbered with a list below), which the page shows on narrow screens.
Maps are :data:`MAP_INCHES` wide: a municipality's name needs that much room,
and they are printed turned a quarter, at their own size, on a page of their own.
"""

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

__all__ = ["KIND_PALETTE", "MAP", "MAP_INCHES", "MUNICIPALITY_COLOUR", "NARROW", "NARROW_INCHES", "OKABE_ITO",
           "PRINT_INCHES", "TEXT_AS_WRITTEN", "TEXT_PT", "TITLE_PT", "UNRESOLVED_COLOUR", "WIDE", "WIDE_INCHES",
           "Chart", "Width", "apply_style", "kind_colours", "node_marker_area"]

TEXT_PT = 9.0
"""The smallest text in any figure, in points at the figure's own size (9 pt on paper, 12 px on a screen)."""
TITLE_PT = 11.0
"""A figure's title."""
WIDE_INCHES = 7.0
"""The width of a figure: A4 holds 7.17 inches between its margins, so a figure prints at its own size."""
NARROW_INCHES = 4.4
"""The width of a figure's narrow drawing: in the 345 px column of a 375 px phone, 9 pt text is 9.8 px."""
MAP_INCHES = 9.6
"""The width of a map: its own size in the column of a 1280 px screen (922 px of 930)."""
PRINT_INCHES = 186 / 25.4
"""The width between the margins of A4 portrait (210 mm less twice 12 mm, as report.css sets them); a wider
figure prints turned a quarter, on a page of its own."""


@dataclass(frozen=True)
class Width:
    """The width a figure is drawn at, and whether it is the narrow drawing for a phone."""

    inches: float
    narrow: bool = False


WIDE = Width(WIDE_INCHES)
NARROW = Width(NARROW_INCHES, narrow=True)
MAP = Width(MAP_INCHES)

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
    the caption can name them. ``narrow`` is the same figure drawn for a
    phone (see :data:`NARROW`), or ``None`` when ``figure`` serves there too.
    """

    figure: plt.Figure | None
    alt: str
    uses_population: bool = False
    narrow: plt.Figure | None = None


def apply_style() -> None:
    """The text style of every figure and map, mathtext off (see :data:`TEXT_AS_WRITTEN`)."""
    plt.rcParams.update({"font.size": 10, "axes.spines.top": False, "axes.spines.right": False,
                         "axes.titlesize": TITLE_PT, "legend.fontsize": TEXT_PT, "legend.title_fontsize": TEXT_PT,
                         "xtick.labelsize": TEXT_PT, "ytick.labelsize": TEXT_PT, "axes.labelsize": TEXT_PT + 1,
                         "figure.dpi": 100, "savefig.dpi": 100, "svg.fonttype": "none", **TEXT_AS_WRITTEN})
