"""Text that fits: measuring a label, wrapping it to a width, and placing labels where they cover nothing else.

Measured with the figure's own font (matplotlib's DejaVu Sans, among the widest
of common sans-serif fonts, so a label that fits here fits in the font a reader's
browser falls back to as well).

Examples
--------
>>> round(text_width("Tilburg", 9))
31
>>> wrap_text("Brabant Outcomes Fund en nog wat", 90, 9)
'Brabant Outcomes\\nFund en nog wat'
"""

from __future__ import annotations

import math
from functools import lru_cache

from matplotlib.font_manager import FontProperties
from matplotlib.textpath import text_to_path

from .style import TEXT_PT, TITLE_PT

__all__ = ["LINE_SPACING", "LabelPlacer", "figure_title", "legend_height", "text_height", "text_width", "wrap_text"]

LINE_SPACING = 1.2
"""The height of a line of text, in font sizes (matplotlib's own spacing)."""


@lru_cache(maxsize=4096)
def _line_width(line: str, size: float, weight: str, style: str) -> float:
    font = FontProperties(size=size, weight=weight, style=style)
    width, _, _ = text_to_path.get_text_width_height_descent(line, font, ismath=False)
    return width


def text_width(text: str, size: float = TEXT_PT, weight: str = "normal", style: str = "normal") -> float:
    """The width of ``text`` in points (its longest line); ``style`` "italic" for slanted text."""
    return max((_line_width(line, size, weight, style) for line in str(text).split("\n")), default=0.0)


def text_height(text: str, size: float = TEXT_PT) -> float:
    """The height of ``text`` in points, every line counted."""
    return (str(text).count("\n") + 1) * size * LINE_SPACING


def _pieces(word: str) -> list[str]:
    """A word cut after its hyphens ("Geldrop-Mierlo" → "Geldrop-", "Mierlo"), where a line may end.

    >>> _pieces("'s-Hertogenbosch"), _pieces("Geldrop-Mierlo")
    (["'s-Hertogenbosch"], ['Geldrop-', 'Mierlo'])
    """
    pieces, start = [], 0
    for i, char in enumerate(word[:-1]):
        if char == "-" and i - start > 2:  # not after a short piece such as the "'s" of 's-Hertogenbosch
            pieces.append(word[start:i + 1])
            start = i + 1
    return [*pieces, word[start:]]


def wrap_text(text: str, width: float, size: float = TEXT_PT, weight: str = "normal") -> str:
    """``text`` in lines of at most ``width`` points, broken between words or after a hyphen.

    A piece that is wider than ``width`` on its own stays whole on its line (see
    :func:`text_width` to find out).
    """
    lines: list[str] = []
    for paragraph in str(text).split("\n"):
        line = ""
        for word in paragraph.split(" "):
            for k, piece in enumerate(_pieces(word)):
                glue = " " if line and k == 0 else ""
                if line and text_width(line + glue + piece, size, weight) > width:
                    lines.append(line)
                    line = piece
                else:
                    line += glue + piece
        lines.append(line)
    return "\n".join(lines)


def figure_title(fig, title: str) -> None:
    """``title`` at the figure's left edge, wrapped to its width. (An axes title starts where the axes start, after
    the tick labels, and would run past the figure's right edge.)"""
    fig.suptitle(wrap_text(title, fig.get_figwidth() * 72 - 20, TITLE_PT), x=0.01, ha="left", fontsize=TITLE_PT)


def legend_height(entries: list[str], columns: int = 1, title: str = "") -> float:
    """The height in points of a legend of ``entries`` (text at :data:`TEXT_PT`) in ``columns``, with its ``title``."""
    rows = [entries[i::columns] for i in range(columns)]
    tallest = max((sum(text_height(e) + 0.5 * TEXT_PT for e in column) for column in rows if column), default=0.0)
    return tallest + (text_height(title) + 4 if title else 0) + 8


class LabelPlacer:
    """Labels around points of one axes, each where it overlaps no other label, no marker and no edge.

    Made after the axes have their final size and limits. Each label is tried at
    eight places around its point, beside the marker (``radius`` points): right,
    left, above, below and the corners. :meth:`place` says whether it found one.
    """

    def __init__(self, ax, size: float = TEXT_PT):
        self.ax, self.size = ax, size
        figure = ax.figure
        self._to_points = ax.transData + figure.dpi_scale_trans.inverted()
        box = ax.get_position()
        width, height = figure.get_size_inches()
        self.bounds = (box.x0 * width * 72, box.y0 * height * 72, box.x1 * width * 72, box.y1 * height * 72)
        self.taken: list[tuple[float, float, float, float]] = []

    def point(self, xy) -> tuple[float, float]:
        """A data point in points from the figure's lower left corner."""
        x, y = self._to_points.transform(xy)
        return x * 72, y * 72

    def block(self, xy, radius: float) -> None:
        """Keep labels off a marker of ``radius`` points at data point ``xy``."""
        x, y = self.point(xy)
        self.taken.append((x - radius, y - radius, x + radius, y + radius))

    def _free(self, box) -> bool:
        left, bottom, right, top = self.bounds
        if box[0] < left or box[1] < bottom or box[2] > right or box[3] > top:
            return False
        return not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in self.taken)

    def place(self, xy, text: str, radius: float, pad: float = 1.0, **style) -> bool:
        """Write ``text`` beside the marker at ``xy`` where it is free, and keep that place; False when none is.

        ``pad`` is the room, in points, kept around the text (its box, when ``style`` gives it one).
        """
        x, y = self.point(xy)
        width, height = text_width(text, self.size) + 2 * pad, text_height(text, self.size) + 2 * pad
        gap = radius + 2
        for angle in (0, 180, 90, 270, 45, 135, 315, 225):
            dx, dy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
            cx = x + dx * (gap + width / 2)
            cy = y + dy * (gap + height / 2)
            box = (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)
            if self._free(box):
                self.taken.append(box)
                self.ax.annotate(text, xy, xytext=(cx - x, cy - y), textcoords="offset points", ha="center",
                                 va="center", fontsize=self.size, annotation_clip=False, **style)
                return True
        return False
