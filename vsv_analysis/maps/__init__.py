"""Drawing maps of the reference area: a tile map that always works, and real boundaries when they are at hand.

The maps only draw; the layouts and boundaries they draw on are reference data,
read by :mod:`vsv_analysis.geography`. Two ways to draw a municipality:

- **tiles** (:mod:`vsv_analysis.geography.tiles`): one equal square per municipality, placed so the
  province stays recognisable (``tiles_<year>.csv`` in the reference folder,
  made by ``scripts/make_tile_layout.py`` from CBS boundaries). Needs nothing else.
- **boundaries** (:mod:`vsv_analysis.geography.boundaries`): the CBS/Kadaster municipal polygons (CC BY
  4.0), from a cache that ``vsv-analysis boundaries fetch`` fills once from PDOK,
  or from a GeoJSON file you point at.

:func:`choose_map` (:mod:`.base`) picks between them (``auto`` uses boundaries when cached). The
figure functions (:mod:`.draw`) colour each municipality by a value, name every
municipality, and add a legend, a source line and alternative text. Colours are
colour-blind safe.
"""

from .base import MAP_MODES, MapBase, choose_map

_DRAWING = ("COVERAGE_CLASSES", "coverage_map_figure", "intensity_map_figure", "region_map_figure", "write_map_pngs")
"""Names of :mod:`.draw`, imported on first use: drawing loads matplotlib, checking a map mode need not."""

__all__ = ["COVERAGE_CLASSES", "MAP_MODES", "MapBase", "choose_map", "coverage_map_figure", "intensity_map_figure",
           "region_map_figure", "write_map_pngs"]


def __getattr__(name: str):
    if name in _DRAWING:
        from . import draw

        return getattr(draw, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
