"""Real municipal boundaries: reading and checking GeoJSON, the user's cache, and fetching from the CBS/PDOK service.

Boundaries are the CBS/Kadaster generalised municipal polygons (CC BY 4.0), in
longitude and latitude (WGS84). They are optional: the tile map needs none of this.

Every GeoJSON is checked before it is used or written (:func:`check_boundaries`):
a FeatureCollection of Polygons or MultiPolygons whose rings are pairs of
numbers, exactly one feature per municipality of the year, and every point
inside the area's bounding box (``area.csv``), so that a file with latitude and
longitude swapped, or in RD metres, is refused with a message that says so
instead of being drawn as a wrong map. Messages name the file given or the
address fetched, never a scratch file.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from ..common.atomic import atomic_write
from ..common.errors import BoundaryError, DataError, DataProblem, display_path
from ..files.textfiles import check_file
from .cache import boundaries_cache_path
from .download import DEFAULT_TIMEOUT_SECONDS, MAX_DOWNLOAD_BYTES, Deadline, download
from .reference import Reference

__all__ = ["BOUNDS_TOLERANCE", "PDOK_WFS", "boundaries_collection", "check_boundaries", "fetch_boundaries",
           "get_boundaries", "load_boundaries", "ring_centroid"]

PDOK_WFS = ("https://service.pdok.nl/cbs/gebiedsindelingen/{year}/wfs/v1_0?service=WFS&version=2.0.0"
            "&request=GetFeature&typeNames=gebiedsindelingen:gemeente_gegeneraliseerd"
            "&outputFormat=application/json&srsName=EPSG:4326")
"""Where CBS publishes generalised municipal boundaries per year (PDOK WFS, CC BY 4.0)."""
BOUNDS_TOLERANCE = 0.02
"""Degrees a point may lie outside the area's bounding box (another generalisation of the same lines)."""
_MAX_PROBLEMS = 10


def _feature_code(properties: dict) -> str | None:
    for key in ("statcode", "gemeentecode", "code"):
        if properties.get(key):
            return str(properties[key])
    if properties.get("regiocode"):  # some CBS copies write G0796 for GM0796
        return "GM" + str(properties["regiocode"])[1:]
    return None


def _number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _polygons(geometry) -> list | None:
    """The polygons of a Polygon or MultiPolygon as lists of rings of ``(lon, lat)``; ``None`` when malformed."""
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return None
    parts = geometry.get("coordinates")
    parts = [parts] if geometry["type"] == "Polygon" else parts
    polygons = []
    for rings in parts if isinstance(parts, list) else [None]:
        if not isinstance(rings, list) or not rings:
            return None
        polygon = []
        for ring in rings:
            if not isinstance(ring, list) or len(ring) < 4 or not all(
                    isinstance(p, list) and len(p) >= 2 and _number(p[0]) and _number(p[1]) for p in ring):
                return None
            polygon.append([(float(p[0]), float(p[1])) for p in ring])
        polygons.append(polygon)
    return polygons or None


def _outside(polygons: list, bounds: tuple[float, float, float, float]) -> tuple[float, float] | None:
    west, south, east, north = bounds
    for polygon in polygons:
        for ring in polygon:
            for x, y in ring:
                if not (west - BOUNDS_TOLERANCE <= x <= east + BOUNDS_TOLERANCE
                        and south - BOUNDS_TOLERANCE <= y <= north + BOUNDS_TOLERANCE):
                    return x, y
    return None


def _coordinates_problem(shown: str, reference: Reference, found: dict[str, list]) -> DataProblem | None:
    """One message when no feature lies in the area: swapped axes, metres, or another area."""
    west, south, east, north = reference.bounds
    where = (f"longitude and latitude in WGS84 degrees inside {reference.area['name']} ({west:g} to {east:g} east, "
             f"{south:g} to {north:g} north)")
    points = [point for polygons in found.values() for polygon in polygons for point in polygon[0][:1]]
    if not points:
        return None
    x, y = points[0]
    if all(_outside([[[(b, a)]]], reference.bounds) is None for a, b in points):
        return DataProblem(shown, None, "coordinates", f"{x:g}, {y:g}", (
            f"{where}; these are latitude first, then longitude: save the file with longitude first (GeoJSON's order)"))
    if max(abs(x), abs(y)) > 360:
        return DataProblem(shown, None, "coordinates", f"{x:g}, {y:g}", (
            f"{where}; these are metres (such as RD New, EPSG:28992): save the file in WGS84 (EPSG:4326)"))
    return DataProblem(shown, None, "coordinates", f"{x:g}, {y:g}", f"{where}, but no feature lies there: the "
                                                                   f"file seems to be of another area")


def check_boundaries(collection, shown: str, reference: Reference, keep_only_reference: bool = True) -> dict:
    """The polygons of a GeoJSON FeatureCollection (already parsed), checked against the reference.

    Returns a dict from CBS code to a list of polygons, each a list of rings
    of ``(lon, lat)``. Features of municipalities outside the reference year
    (other provinces) are skipped. ``shown`` names the file or address in messages.

    Raises
    ------
    DataError
        For a collection that is not GeoJSON, a feature without a code or
        with a geometry that is not a Polygon or MultiPolygon of numbers, two
        features for one municipality, a municipality of the year without a
        feature, and points outside the area's bounding box (latitude and
        longitude swapped, metres instead of degrees).
    """
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(features, list):
        raise DataError(DataProblem(shown, None, None, None, "a GeoJSON FeatureCollection (it has no list 'features')"))
    expected = set(reference.municipalities["cbs_code"])
    polygons: dict[str, list] = {}
    first: dict[str, int] = {}
    seen: set[str] = set()
    problems = []
    for index, feature in enumerate(features):
        properties = feature.get("properties") if isinstance(feature, dict) else None
        code = _feature_code(properties if isinstance(properties, dict) else {})
        if code is None:
            problems.append(DataProblem(shown, None, f"features[{index}].properties", None,
                                        "a statcode (such as GM0796) or regiocode property"))
            continue
        if code not in expected and keep_only_reference:
            continue
        seen.add(code)
        parts = _polygons(feature.get("geometry"))
        if parts is None:
            kind = (feature.get("geometry") or {}).get("type") if isinstance(feature.get("geometry"), dict) else None
            problems.append(DataProblem(shown, None, f"features[{index}].geometry", str(kind), (
                "a Polygon or MultiPolygon whose rings are lists of [longitude, latitude] numbers")))
            continue
        if code in polygons:
            problems.append(DataProblem(shown, None, f"features[{index}].properties", code, (
                f"one feature per municipality; features[{first[code]}] is {code} too")))
            continue
        polygons[code], first[code] = parts, index
    for code in sorted(expected - seen):
        problems.append(DataProblem(shown, None, "statcode", code,
                                    f"a polygon for every municipality of {reference.year}; this one has none "
                                    f"(is the file for another year?)"))
    if not problems and reference.bounds is not None:
        outside = {code: point for code, parts in polygons.items() if (point := _outside(parts, reference.bounds))}
        if outside and len(outside) == len(polygons):
            problems.append(_coordinates_problem(shown, reference, polygons))
        for code, (x, y) in list(outside.items())[:_MAX_PROBLEMS] if len(outside) < len(polygons) else []:
            problems.append(DataProblem(shown, None, f"features[{first[code]}].geometry", f"{x:g}, {y:g}", (
                f"points inside {reference.area['name']} (longitude {reference.bounds[0]:g} to "
                f"{reference.bounds[2]:g}, latitude {reference.bounds[1]:g} to {reference.bounds[3]:g}); this "
                f"point of {code} is not")))
    if problems:
        raise DataError(problems)
    return polygons


def _parse(raw: bytes, shown: str):
    try:
        return json.loads(raw)
    except (ValueError, RecursionError) as error:
        raise DataError(DataProblem(shown, None, None, None,
                                    f"a GeoJSON FeatureCollection (not JSON: {error})")) from None


def load_boundaries(path: Path, reference: Reference, keep_only_reference: bool = True) -> dict[str, list]:
    """Read municipal polygons from a GeoJSON file and check them (see :func:`check_boundaries`)."""
    path = Path(path)
    shown = display_path(path)
    check_file(path, shown, None, "GeoJSON file", MAX_DOWNLOAD_BYTES)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataError(DataProblem(shown, None, None, None, f"a readable file ({error.strerror or error})")) from None
    return check_boundaries(_parse(raw, shown), shown, reference, keep_only_reference)


def ring_centroid(ring: list) -> tuple[float, float, float]:
    """Signed area and centroid ``(area, x, y)`` of one closed ring of points (shoelace formula).

    Examples
    --------
    >>> ring_centroid([(0, 0), (2, 0), (2, 2), (0, 2)])
    (4.0, 1.0, 1.0)
    """
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    area /= 2
    if area == 0:
        return 0.0, ring[0][0], ring[0][1]
    return area, cx / (6 * area), cy / (6 * area)


def get_boundaries(reference: Reference, url: str | None = None, source_file: Path | None = None,
                   deadline: Deadline | None = None) -> dict[str, list]:
    """The province's polygons from ``source_file``, else downloaded from ``url`` (default :data:`PDOK_WFS`),
    checked; nothing is written.

    Raises
    ------
    BoundaryError
        When the server cannot be reached, breaks off, takes longer than the deadline, or does not answer
        with GeoJSON (the message names the address).
    DataError
        When the GeoJSON does not fit the reference (the message names the file or the address).
    """
    if source_file is not None:
        return load_boundaries(source_file, reference)
    url = url or PDOK_WFS.format(year=reference.year)
    try:
        raw = download(url, deadline or Deadline(DEFAULT_TIMEOUT_SECONDS), BoundaryError)
    except BoundaryError as error:
        raise BoundaryError(f"{error}. Without internet, pass a GeoJSON file with --from-file, or use map mode "
                            f"'tiles'") from None
    if not raw.lstrip().startswith(b"{"):
        raise BoundaryError(f"{url} did not answer with GeoJSON")
    return check_boundaries(_parse(raw, url), url, reference)


def boundaries_collection(reference: Reference, polygons: dict[str, list], source: dict | None = None) -> dict:
    """The GeoJSON the cache keeps: the year's municipalities with ``statcode``, ``statnaam`` and ``jaar``."""
    names = reference.municipalities.set_index("cbs_code")["name"]
    collection = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"statcode": code, "statnaam": names[code], "jaar": reference.year},
         "geometry": {"type": "MultiPolygon", "coordinates": polygons[code]}}
        for code in sorted(polygons)]}
    if source is not None:
        collection["source"] = source
    return collection


def fetch_boundaries(reference: Reference, url: str | None = None, directory: Path | None = None,
                     source_file: Path | None = None, timeout: float = DEFAULT_TIMEOUT_SECONDS) -> Path:
    """Download the province's municipal boundaries once into the cache, checked against the reference.

    ``url`` defaults to :data:`PDOK_WFS` for the reference year; ``source_file``
    takes a local GeoJSON instead of downloading. Only the features of the
    year's municipalities are kept (with ``statcode`` and ``statnaam``). The
    download ends within ``timeout`` seconds in all. Nothing is written unless
    the whole answer was checked.

    Raises
    ------
    BoundaryError, DataError
        See :func:`get_boundaries`.
    """
    polygons = get_boundaries(reference, url, source_file, Deadline(timeout))
    target = boundaries_cache_path(reference, directory)
    text = json.dumps(boundaries_collection(reference, polygons))
    atomic_write(target, lambda t: Path(t).write_text(text, encoding="utf-8"))
    return target
