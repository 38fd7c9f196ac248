"""Where a map goes on its figure, and which names fit inside their municipality.

A map is laid out in points: its scale is chosen so that the area fills the
figure's width, and each municipality's name is wrapped to the room its tile (or
polygon) leaves. A name that does not fit at :data:`LABEL_PT` is not shrunk: the
municipality gets a number, and the map lists the numbers with their names.
"""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.path import Path as MplPath

from ..common.names import name_key
from ..figures.labels import text_height, text_width, wrap_text
from ..figures.style import Width
from ..geography.boundaries import ring_centroid
from .base import MapBase

__all__ = ["LABEL_PT", "TILE", "Label", "MapLayout", "map_layout", "numbers_note", "rings", "shape_labels"]

LABEL_PT = 9.0
"""A municipality's name on a wide map: 12 px on a 1280 px screen, and 9 pt on paper, where the map is printed
at its own size, turned a quarter on a page of its own."""
TILE = 0.94
"""The side of a tile, in cells: the rest is the white line between tiles."""
_PAD = 1.2  # points between a name and the edge of its tile


def rings(base: MapBase, code: str):
    """The polygons of one municipality, each a list of rings, in map units (longitude scaled by latitude)."""
    scale = base.x_scale
    for polygon in base.polygons[code]:
        yield [[(x * scale, y) for x, y in ring] for ring in polygon]


@dataclass(frozen=True)
class MapLayout:
    """The part of the area a map shows (``x0``, ``y0`` and its size in map units) and its ``scale`` (points per
    map unit), for a figure of ``width``."""

    width: Width
    x0: float
    y0: float
    span_x: float
    span_y: float
    scale: float

    @property
    def size(self) -> tuple[float, float]:
        """The map's width and height in points."""
        return self.span_x * self.scale, self.span_y * self.scale


def map_layout(base: MapBase, width: Width) -> MapLayout:
    """The layout that fills ``width`` (less a small margin) with the area, at most as tall as it is wide."""
    if base.mode == "tiles":
        x0, y0 = 0.0, -float(base.tiles["row"].max())
        span_x, span_y = base.tiles["column"].max() + TILE, base.tiles["row"].max() + TILE
    else:
        points = [pt for code in base.polygons for polygon in rings(base, code) for pt in polygon[0]]
        xs, ys = [x for x, _ in points], [y for _, y in points]
        x0, y0, span_x, span_y = min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)
    room = width.inches * 72 - 12
    return MapLayout(width, x0, y0, span_x, span_y, min(room / span_x, room / span_y))


@dataclass(frozen=True)
class Label:
    """A municipality's name (or number) where it goes on the map, in map units."""

    code: str
    x: float
    y: float
    text: str


def _label_point(base: MapBase, code: str) -> tuple[float, float, list]:
    """Where a municipality's name goes: the centroid of the outer ring of its largest polygon; and that ring."""
    best, best_area, best_ring = (0.0, 0.0), -1.0, []
    for polygon in rings(base, code):
        area, x, y = ring_centroid(polygon[0])
        if area and abs(area) > best_area:
            best, best_area, best_ring = (x, y), abs(area), polygon[0]
    return best[0], best[1], best_ring


def _fits_polygon(ring: list, x: float, y: float, half_width: float, half_height: float) -> bool:
    corners = [(x + dx * half_width, y + dy * half_height) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
    return bool(MplPath(ring).contains_points(corners).all())


_GRID = 12  # candidate places across a shape's bounding box, each way
_WRAPS = (60.0, 1.0)  # points: names on lines of up to 60 pt, then one word (or hyphenated piece) a line


def _place_in_shape(name: str, ring: list, x: float, y: float, scale: float) -> tuple[float, float, str] | None:
    """The place nearest the centroid ``(x, y)`` where ``name`` fits inside ``ring`` whole, on one line or
    wrapped; None where it fits nowhere."""
    xs, ys = [px for px, _ in ring], [py for _, py in ring]
    grid = [(min(xs) + (max(xs) - min(xs)) * (i + 0.5) / _GRID, min(ys) + (max(ys) - min(ys)) * (j + 0.5) / _GRID)
            for i in range(_GRID) for j in range(_GRID)]
    places = [(x, y)] + sorted(grid, key=lambda p: (p[0] - x) ** 2 + (p[1] - y) ** 2)
    for room in _WRAPS:
        text = wrap_text(name, room, LABEL_PT)
        half = ((text_width(text, LABEL_PT) / 2 + _PAD) / scale, (text_height(text, LABEL_PT) / 2 + _PAD) / scale)
        for px, py in places:
            if _fits_polygon(ring, px, py, *half):
                return px, py, text
    return None


def shape_labels(base: MapBase, layout: MapLayout) -> tuple[list[Label], list[str]]:
    """Every municipality's label: its name where it fits inside its shape, else a number; and the numbered codes,
    in the order of their numbers (alphabetical by name)."""
    names, misfits = {}, []
    if base.mode == "tiles":
        room = TILE * layout.scale - 2 * _PAD
        for row in base.tiles.itertuples():
            text = wrap_text(row.label, room, LABEL_PT)
            centre = (row.column + TILE / 2, -row.row + TILE / 2)
            if text_width(text, LABEL_PT) <= room and text_height(text, LABEL_PT) <= room:
                names[row.cbs_code] = (*centre, text)
            else:
                misfits.append((row.cbs_code, centre, None))
    else:
        for code in base.polygons:
            x, y, ring = _label_point(base, code)
            place = _place_in_shape(base.names.get(code, code), ring, x, y, layout.scale)
            if place:
                names[code] = place
            else:
                misfits.append((code, (x, y), ring))
    numbered = sorted((code for code, _, _ in misfits), key=lambda c: name_key(base.names.get(c, c)))
    labels = [Label(code, x, y, text) for code, (x, y, text) in names.items()]
    where = {code: (centre, ring) for code, centre, ring in misfits}
    for k, code in enumerate(numbered, 1):
        (x, y), ring = where[code]
        # a number, too, goes where it fits inside its shape (a centroid may lie outside a curved one)
        place = _place_in_shape(str(k), ring, x, y, layout.scale) if ring is not None else None
        labels.append(Label(code, *(place[:2] if place else (x, y)), str(k)))
    return labels, numbered


def numbers_note(base: MapBase, numbered: list[str]) -> str:
    """The list under a map of the municipalities that carry a number instead of their name."""
    if not numbered:
        return ""
    return ("Op de kaart met een nummer, omdat de naam niet in het vak past: "
            + "; ".join(f"{k} {base.names.get(code, code)}" for k, code in enumerate(numbered, 1)) + ".")

