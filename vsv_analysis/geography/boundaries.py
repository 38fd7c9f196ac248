"""Real municipal boundaries: reading GeoJSON, the user's cache, and fetching from the CBS/PDOK service.

Boundaries are the CBS/Kadaster generalised municipal polygons (CC BY 4.0), in
longitude and latitude. They are optional: the tile map needs none of this.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from ..common.atomic import atomic_write
from ..common.errors import BoundaryError, DataError, DataProblem, display_path
from .cache import boundaries_cache_path
from .reference import Reference

__all__ = ["PDOK_WFS", "fetch_boundaries", "load_boundaries", "ring_centroid"]

PDOK_WFS = ("https://service.pdok.nl/cbs/gebiedsindelingen/{year}/wfs/v1_0?service=WFS&version=2.0.0"
            "&request=GetFeature&typeNames=gebiedsindelingen:gemeente_gegeneraliseerd"
            "&outputFormat=application/json&srsName=EPSG:4326")
"""Where CBS publishes generalised municipal boundaries per year (PDOK WFS, CC BY 4.0)."""


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
