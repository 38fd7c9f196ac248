"""The colours and marker sizes of the network, shared by the report figures and the GEXF files.

Kept apart from :mod:`vsv_analysis.figures`, which draws with matplotlib, so that
writing a network file (``vsv-analysis export-graph``) does not load it.
"""

from __future__ import annotations

__all__ = ["KIND_PALETTE", "MIN_CONTRAST", "MUNICIPALITY_COLOUR", "OKABE_ITO", "UNRESOLVED_COLOUR", "contrast_ratio",
           "kind_colours", "node_marker_area", "text_colour"]

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


MIN_CONTRAST = 4.5
"""The contrast ratio small text needs against its background (WCAG 2.1, success criterion 1.4.3)."""


def _rgb(colour) -> tuple[float, float, float]:
    """``#rrggbb`` (or ``#rgb``) or an (r, g, b[, a]) tuple of 0..1 as three numbers of 0..1."""
    if isinstance(colour, str):
        digits = colour.lstrip("#")
        if len(digits) == 3:
            digits = "".join(d * 2 for d in digits)
        return tuple(int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return tuple(float(c) for c in tuple(colour)[:3])


def _luminance(colour) -> float:
    """Relative luminance as WCAG 2.1 defines it (sRGB)."""
    channels = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in _rgb(colour)]
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def contrast_ratio(foreground, background) -> float:
    """The WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white).

    Examples
    --------
    >>> round(contrast_ratio("#000000", "#ffffff"), 1), round(contrast_ratio("#ffffff", OKABE_ITO["blue"]), 2)
    (21.0, 5.19)
    """
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_colour(background) -> str:
    """Black or white, whichever stands out more on ``background``: at least 4.58:1 on any colour.

    Examples
    --------
    >>> text_colour(OKABE_ITO["blue"]), text_colour(OKABE_ITO["sky"]), text_colour("#e3e3e3")
    ('#ffffff', '#000000', '#000000')
    """
    return max(("#000000", "#ffffff"), key=lambda text: contrast_ratio(text, background))
