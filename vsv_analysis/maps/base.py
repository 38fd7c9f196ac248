"""The base map a report draws on: tiles or boundaries, chosen once per report."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from ..common.errors import BoundaryError, display_path
from ..geography.boundaries import load_boundaries
from ..geography.cache import boundaries_cache_path, cached_boundaries
from ..geography.reference import Reference
from ..geography.tiles import load_tiles

__all__ = ["MAP_MODES", "MapBase", "choose_map"]

MAP_MODES = ("auto", "tiles", "boundaries")
SOURCE_BOUNDARIES = "Bron: CBS/Kadaster, CC BY 4.0 (gemeentegrenzen)"
SOURCE_TILES = "Tegelkaart: elke gemeente is één vak, ligging bij benadering (afgeleid van CBS-gemeentegrenzen)"


@dataclass
class MapBase:
    """What a report draws its maps on.

    ``mode`` is ``tiles`` or ``boundaries``; ``note`` tells the reader, in Dutch,
    which map this is; ``area`` is the name of the area and ``names`` maps each
    CBS code to the municipality's name.
    """

    mode: str
    tiles: pd.DataFrame
    polygons: dict | None
    note: str
    area: str = ""
    names: dict = field(default_factory=dict)

    @cached_property
    def x_scale(self) -> float:
        """cos(mean latitude): longitude degrees to the length of latitude degrees, so shapes are not stretched."""
        latitudes = [pt[1] for polygons in (self.polygons or {}).values() for poly in polygons for pt in poly[0]]
        return math.cos(math.radians(sum(latitudes) / len(latitudes))) if latitudes else 1.0

    @property
    def source(self) -> str:
        return SOURCE_BOUNDARIES if self.mode == "boundaries" else SOURCE_TILES


def choose_map(reference: Reference, mode: str = "auto", boundaries_file: str | Path = "") -> MapBase:
    """Pick the base map: ``tiles``, ``boundaries``, or ``auto`` (boundaries when available, else tiles).

    Boundaries come from ``boundaries_file`` when given, else from the cache.
    ``boundaries`` without any boundaries available raises :class:`BoundaryError`.
    """
    if mode not in MAP_MODES:
        raise ValueError(f"map mode must be one of {', '.join(MAP_MODES)}, not {mode!r}")
    tiles = load_tiles(reference)
    path = Path(boundaries_file) if boundaries_file else cached_boundaries(reference)
    common = {"area": reference.area["name"], "names": dict(zip(reference.municipalities["cbs_code"],
                                                                reference.municipalities["name"]))}
    tile_note = ("Over de kaarten: elke gemeente is een vak van gelijke grootte, ongeveer op haar plaats. Zo wegen "
                 "grote en kleine gemeenten even zwaar.")
    if mode == "tiles":
        return MapBase("tiles", tiles, None, tile_note, **common)
    if path is None or not path.is_file():
        if mode == "boundaries":
            shown = display_path(path or boundaries_cache_path(reference))
            raise BoundaryError(f"no boundaries for {reference.year} at {shown}; run "
                                f"'vsv-analysis boundaries fetch --year {reference.year}' or pass boundaries_file")
        return MapBase("tiles", tiles, None, tile_note, **common)
    polygons = load_boundaries(path, reference)
    return MapBase("boundaries", tiles, polygons, "Over de kaarten: ze tonen de gemeentegrenzen van CBS en Kadaster.",
                   **common)
