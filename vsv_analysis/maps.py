"""Maps of Brabant: a tile map that always works, and real boundaries when they are at hand.

Two ways to draw a municipality:

- **tiles**: one equal square per municipality, placed so the province stays
  recognisable (``data/reference/tiles_<year>.csv``, made by
  ``scripts/make_tile_layout.py`` from CBS boundaries). Needs nothing else.
- **boundaries**: the CBS/Kadaster municipal polygons (CC BY 4.0), from a cache
  that ``vsv-analysis boundaries fetch`` fills once from PDOK, or from a GeoJSON
  file you point at.

:func:`choose_map` picks between them (``auto`` uses boundaries when cached). The
figure functions colour each municipality by a value and always add a legend
and a source line. Colours are colour-blind safe.
"""

from __future__ import annotations

import json
import math
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path as MplPath

from .atomic import atomic_write
from .cache import cache_dir
from .csvfiles import Column, TableSpec, read_table
from .dutch import SCENARIO_NL
from .errors import BoundaryError, DataError, DataProblem, display_path
from .figures import OKABE_ITO
from .reference import Reference

__all__ = [
    "MAP_MODES", "PDOK_WFS", "BoundaryError", "MapBase", "boundaries_cache_path", "cache_dir", "choose_map",
    "coverage_maps_figure", "fetch_boundaries", "intensity_map_figure", "load_boundaries", "load_tiles",
    "region_map_figure", "write_map_pngs",
]

MAP_MODES = ("auto", "tiles", "boundaries")
PDOK_WFS = ("https://service.pdok.nl/cbs/gebiedsindelingen/{year}/wfs/v1_0?service=WFS&version=2.0.0"
            "&request=GetFeature&typeNames=gebiedsindelingen:gemeente_gegeneraliseerd"
            "&outputFormat=application/json&srsName=EPSG:4326")
"""Where CBS publishes generalised municipal boundaries per year (PDOK WFS, CC BY 4.0)."""

SOURCE_BOUNDARIES = "Bron: CBS/Kadaster, CC BY 4.0 (gemeentegrenzen)"
SOURCE_TILES = "Tegelkaart: elke gemeente is één vak, ligging bij benadering (afgeleid van CBS-gemeentegrenzen)"
UNREACHED = "#e3e3e3"
RAMP = ("#e3e3e3", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c", "#08306b")  # ColorBrewer Blues
REGION_COLOURS = (OKABE_ITO["blue"], OKABE_ITO["orange"], OKABE_ITO["green"], OKABE_ITO["purple"])

TILE_SPEC = TableSpec((Column("cbs_code", "cbs_code", unique=True), Column("name"), Column("label"),
                       Column("column", "count"), Column("row", "count")))


# -- the two kinds of base map -------------------------------------------------------------


def load_tiles(reference: Reference) -> pd.DataFrame:
    """The tile layout for the reference's geography year: the newest ``tiles_<year>.csv`` not after it.

    Raises :class:`DataError` when the layout does not cover exactly the
    municipalities of that year.
    """
    files = sorted(reference.directory.glob("tiles_*.csv"))
    usable = [f for f in files if f.stem[6:].isdigit() and int(f.stem[6:]) <= reference.year]
    if not usable:
        raise DataError(DataProblem(display_path(reference.directory), None, None, None,
                                    f"a tiles_<year>.csv for {reference.year} or earlier"))
    path = usable[-1]
    tiles = read_table(path, TILE_SPEC)
    tiles[["column", "row"]] = tiles[["column", "row"]].astype(int)
    expected = set(reference.municipalities["cbs_code"])
    problems = [DataProblem(display_path(path), row, "cbs_code", code, f"a municipality of {reference.year}")
                for code, row in zip(tiles["cbs_code"], tiles["_row"]) if code not in expected]
    problems += [DataProblem(display_path(path), None, "cbs_code", code, "a tile for this municipality")
                 for code in sorted(expected - set(tiles["cbs_code"]))]
    doubled = tiles[tiles.duplicated(["column", "row"], keep=False)]
    problems += [DataProblem(display_path(path), row, "column/row", f"{c}/{r}", "a place no other tile takes")
                 for c, r, row in zip(doubled["column"], doubled["row"], doubled["_row"])]
    if problems:
        raise DataError(problems)
    return tiles.drop(columns="_row")


def _feature_code(properties: dict) -> str | None:
    for key in ("statcode", "gemeentecode", "code"):
        if properties.get(key):
            return str(properties[key])
    if properties.get("regiocode"):  # some CBS copies write G0796 for GM0796
        return "GM" + str(properties["regiocode"])[1:]
    return None


def load_boundaries(path: Path, reference: Reference, keep_only_reference: bool = True) -> dict[str, list]:
    """Read municipal polygons from GeoJSON (longitude/latitude) and check them against the reference.

    Returns a dict from CBS code to a list of polygons, each a list of rings
    (lists of ``(lon, lat)``). Features of municipalities outside the
    reference year (other provinces) are skipped; a municipality of the year
    without a polygon, or a file that is not GeoJSON, raises :class:`DataError`.
    """
    path = Path(path)
    shown = display_path(path)
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
        features = collection["features"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise DataError(DataProblem(shown, None, None, None, f"a GeoJSON FeatureCollection ({error})")) from None
    expected = set(reference.municipalities["cbs_code"])
    polygons: dict[str, list] = {}
    problems = []
    for index, feature in enumerate(features):
        code = _feature_code(feature.get("properties") or {})
        geometry = feature.get("geometry") or {}
        if code is None:
            problems.append(DataProblem(shown, None, f"features[{index}].properties", None,
                                        "a statcode (such as GM0796) or regiocode property"))
            continue
        if code not in expected and keep_only_reference:
            continue
        if geometry.get("type") == "Polygon":
            parts = [geometry["coordinates"]]
        elif geometry.get("type") == "MultiPolygon":
            parts = geometry["coordinates"]
        else:
            problems.append(DataProblem(shown, None, f"features[{index}].geometry", str(geometry.get("type")),
                                        "a Polygon or MultiPolygon"))
            continue
        polygons.setdefault(code, []).extend(parts)
    for code in sorted(expected - set(polygons)):
        problems.append(DataProblem(shown, None, "statcode", code,
                                    f"a polygon for every municipality of {reference.year}; this one has none "
                                    f"(is the file for another year?)"))
    if problems:
        raise DataError(problems)
    return polygons


def boundaries_cache_path(reference: Reference, directory: Path | None = None) -> Path:
    """The cached boundaries file for the reference's municipal division (it may not exist yet).

    Named after the division's first year, so boundaries fetched for 2022 serve 2022-2026.
    """
    return Path(directory or cache_dir()) / f"boundaries_noord_brabant_{reference.division_year}.geojson"


def fetch_boundaries(reference: Reference, url: str | None = None, directory: Path | None = None,
                     source_file: Path | None = None, timeout: float = 60.0) -> Path:
    """Download the province's municipal boundaries once into the cache, checked against the reference.

    ``url`` defaults to :data:`PDOK_WFS` for the reference year; ``source_file``
    takes a local GeoJSON instead of downloading. Only the features of the
    year's Brabant municipalities are kept (with ``statcode`` and ``statnaam``).

    Raises
    ------
    BoundaryError
        When the server cannot be reached or does not answer with GeoJSON.
    DataError
        When the GeoJSON misses municipalities of the year.
    """
    target = boundaries_cache_path(reference, directory)
    if source_file is not None:
        raw = Path(source_file).read_bytes()
        origin = display_path(Path(source_file))
    else:
        url = url or PDOK_WFS.format(year=reference.year)
        origin = urllib.parse.urlsplit(url).netloc or url
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (a URL the user chose)
                raw = response.read()
        except urllib.error.HTTPError as error:
            raise BoundaryError(f"the boundary server {origin} answered {error.code} {error.reason}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise BoundaryError(f"cannot reach the boundary server {origin}: {reason}. Without internet, pass "
                                f"a GeoJSON file with --from-file, or use map mode 'tiles'") from None
    scratch = target.with_suffix(".download")
    scratch.parent.mkdir(parents=True, exist_ok=True)
    scratch.write_bytes(raw)
    try:
        try:
            polygons = load_boundaries(scratch, reference)
        except DataError as error:
            if not raw.lstrip().startswith(b"{"):
                raise BoundaryError(f"{origin} did not answer with GeoJSON") from None
            raise error
    finally:
        scratch.unlink(missing_ok=True)
    names = reference.municipalities.set_index("cbs_code")["name"]
    collection = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"statcode": code, "statnaam": names[code], "jaar": reference.year},
         "geometry": {"type": "MultiPolygon", "coordinates": polygons[code]}}
        for code in sorted(polygons)]}
    atomic_write(target, lambda t: Path(t).write_text(json.dumps(collection), encoding="utf-8"))
    return target


@dataclass
class MapBase:
    """What a report draws its maps on: ``mode`` is ``tiles`` or ``boundaries``; ``note`` says why, in Dutch."""

    mode: str
    tiles: pd.DataFrame
    polygons: dict | None
    note: str

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
    path = Path(boundaries_file) if boundaries_file else boundaries_cache_path(reference)
    if mode == "tiles":
        return MapBase("tiles", tiles, None, "Kaart: tegelkaart (zo gekozen).")
    if not path.is_file():
        if mode == "boundaries":
            raise BoundaryError(f"no boundaries for {reference.year} at {display_path(path)}; run "
                                f"'vsv-analysis boundaries fetch --year {reference.year}' or pass boundaries_file")
        return MapBase("tiles", tiles, None, "Kaart: tegelkaart, omdat er geen gemeentegrenzen zijn opgeslagen "
                                             "(haal ze op met 'vsv-analysis boundaries fetch').")
    polygons = load_boundaries(path, reference)
    return MapBase("boundaries", tiles, polygons, "Kaart: gemeentegrenzen van CBS/Kadaster.")


# -- drawing ------------------------------------------------------------------------------------


def _wrap(label: str, width: int = 10) -> str:
    if len(label) <= width:
        return label
    for separator in (" ", "-"):
        cut = label.rfind(separator, 0, width + 1)
        if cut > 0:
            keep = label[:cut + (1 if separator == "-" else 0)]
            return keep + "\n" + _wrap(label[cut + 1:], width)
    return label


def _draw(ax, base: MapBase, colours: dict[str, str], labels: bool = True, hatch: bool = False) -> None:
    """Draw every municipality in its colour; with ``hatch``, only ``colours``' municipalities, as hatching on top."""
    if hatch:
        for code, colour in colours.items():
            for patch in _shapes(base, code):
                patch.set(facecolor="none", edgecolor=colour, hatch="////", linewidth=0)
                ax.add_patch(patch)
        return
    if base.mode == "boundaries":
        for code in base.polygons:
            for patch in _shapes(base, code):
                patch.set(facecolor=colours.get(code, UNREACHED), edgecolor="white", linewidth=0.4)
                ax.add_patch(patch)
        ax.autoscale_view()
    else:
        for row in base.tiles.itertuples():
            ax.add_patch(Rectangle((row.column, -row.row), 0.94, 0.94, facecolor=colours.get(row.cbs_code, UNREACHED),
                                   edgecolor="white", linewidth=0.5))
            if labels:
                dark = colours.get(row.cbs_code, UNREACHED) in (*RAMP[4:], OKABE_ITO["blue"],
                                                                 OKABE_ITO["purple"], OKABE_ITO["green"])
                ax.text(row.column + 0.47, -row.row + 0.47, _wrap(row.label), ha="center", va="center",
                        fontsize=4.6, color="white" if dark else "black", linespacing=0.9)
        ax.set_xlim(-0.2, base.tiles["column"].max() + 1.2)
        ax.set_ylim(-base.tiles["row"].max() - 0.3, 1.1)
    ax.set_aspect("equal")
    ax.axis("off")


def _shapes(base: MapBase, code: str) -> list:
    """Fresh patches for one municipality: its tile, or its polygons."""
    if base.mode == "tiles":
        tile = base.tiles.set_index("cbs_code").loc[code]
        return [Rectangle((tile["column"], -tile["row"]), 0.94, 0.94)]
    scale = base.x_scale
    patches = []
    for polygon in base.polygons[code]:
        vertices, codes = [], []
        for ring in polygon:
            points = [(x * scale, y) for x, y in ring]
            vertices += points
            codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(points) - 2) + [MplPath.CLOSEPOLY]
        patches.append(PathPatch(MplPath(vertices, codes)))
    return patches


def _legend(ax, entries: list[tuple[str, str]], **options) -> None:
    handles = [Rectangle((0, 0), 1, 1, facecolor=colour, edgecolor="#999999") for colour, _ in entries]
    ax.legend(handles, [label for _, label in entries], frameon=False, fontsize=8, **options)


def coverage_maps_figure(base: MapBase, reached: dict[str, set[str]]) -> plt.Figure:
    """Small multiples: which municipalities each scenario reaches (one map per scenario)."""
    fig, axes = plt.subplots(1, len(reached), figsize=(4.2 * len(reached), 3.6), squeeze=False)
    for ax, (scenario, codes) in zip(axes[0], reached.items()):
        _draw(ax, base, {code: OKABE_ITO["blue"] for code in codes}, labels=len(reached) == 1)
        ax.set_title(f"{SCENARIO_NL.get(scenario, scenario)}\n({len(codes)} gemeenten)", fontsize=9, loc="left")
    _legend(axes[0][0], [(OKABE_ITO["blue"], "bereikt"), (UNREACHED, "niet bereikt")], loc="upper left",
            bbox_to_anchor=(0, 0), ncol=2)
    fig.text(0.01, 0.01, base.source, fontsize=7, color="#555555")
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig


def intensity_map_figure(base: MapBase, values: dict[str, float], title: str, unit: str) -> plt.Figure:
    """How strongly each municipality is involved (a count or weight), in five steps of one colour."""
    top = max(values.values(), default=0)
    steps = sorted({v for v in values.values() if v > 0})
    if len(steps) > len(RAMP) - 1:  # more distinct values than colours: equal-width classes
        edges = [top * k / (len(RAMP) - 1) for k in range(1, len(RAMP))]
        colour_of = {v: RAMP[next(i for i, e in enumerate(edges, 1) if v <= e + 1e-9)] for v in steps}
        entries = [(RAMP[i], f"tot {edges[i - 1]:.1f}".replace(".", ",")) for i in range(1, len(RAMP))]
    else:
        colour_of = {v: RAMP[len(RAMP) - len(steps) + i] for i, v in enumerate(steps)}
        entries = [(colour_of[v], f"{v:g}".replace(".", ",")) for v in steps]
    fig, ax = plt.subplots(figsize=(8, 5))
    _draw(ax, base, {code: colour_of[v] for code, v in values.items() if v > 0})
    _legend(ax, [(UNREACHED, "0 (niet genoemd)"), *entries], title=unit, loc="upper left",
            bbox_to_anchor=(1.0, 1.0), title_fontsize=8)
    ax.set_title(title, loc="left", fontsize=12)
    fig.text(0.01, 0.01, base.source, fontsize=7, color="#555555")
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return fig


def region_map_figure(base: MapBase, reference: Reference) -> plt.Figure:
    """The four Brabant regions in colour; a municipality in two regions (Heusden) is hatched."""
    members = reference.region_members[reference.region_members["grouping"] == "regio_4"]
    regions = sorted(set(members["short_name"]))
    colour = dict(zip(regions, REGION_COLOURS))
    per_code = members.groupby("cbs_code")["short_name"].apply(sorted)
    fig, ax = plt.subplots(figsize=(8, 5))
    _draw(ax, base, {code: colour[names[0]] for code, names in per_code.items()}, labels=base.mode == "tiles")
    dual = {code: colour[names[1]] for code, names in per_code.items() if len(names) > 1}
    _draw(ax, base, dual, hatch=True)
    if dual:
        names = reference.municipalities.set_index("cbs_code").loc[sorted(dual), "name"]
        ax.text(1.02, 0.55, "Gearceerd: hoort bij twee\nregio's (" + ", ".join(names) + ")", transform=ax.transAxes,
                fontsize=8, va="top")
    _legend(ax, [(colour[r], r) for r in regions], loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title("De vier Brabantse regio's", loc="left", fontsize=12)
    fig.text(0.01, 0.01, base.source, fontsize=7, color="#555555")
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return fig


def write_map_pngs(data, output_dir: Path, boundaries_file: str | Path = "") -> list[tuple[str, Path | None, str]]:
    """Write the coverage maps (three scenarios) as PNG in each map mode that is available.

    Returns ``(mode, path or None, note)`` per mode: ``kaart_tegels.png`` always,
    ``kaart_grenzen.png`` when boundaries are cached or given.
    """
    from .coverage import reached_by_scenario  # coverage comes before maps in the data flow; a late import

    reached = reached_by_scenario(data)
    written = []
    for mode, name in (("tiles", "kaart_tegels.png"), ("boundaries", "kaart_grenzen.png")):
        try:
            base = choose_map(data.reference, mode, boundaries_file)
        except BoundaryError as error:
            written.append((mode, None, str(error)))
            continue
        figure = coverage_maps_figure(base, reached)
        path = Path(output_dir) / name
        atomic_write(path, lambda t, figure=figure: figure.savefig(t, format="png", dpi=150))
        plt.close(figure)
        written.append((mode, path, base.note))
    return written
