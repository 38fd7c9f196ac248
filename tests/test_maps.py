"""Maps: tile layouts, boundary files, fetching into the cache, and map figures in both modes."""

import http.server
import json
import socket
import threading

import matplotlib.pyplot as plt
import numpy as np
import pytest
from conftest import SHARED
from scipy.stats import spearmanr

from vsv_analysis import maps
from vsv_analysis.cli import main
from vsv_analysis.common.errors import BoundaryError, DataError
from vsv_analysis.evidence.dataset import load_dataset
from vsv_analysis.geography.boundaries import fetch_boundaries, load_boundaries
from vsv_analysis.geography.cache import boundaries_cache_path
from vsv_analysis.geography.reference import load_reference
from vsv_analysis.geography.tiles import load_tiles
from vsv_analysis.measures.coverage import reached_by_scenario


def square_geojson(reference, extra=True) -> dict:
    """A small GeoJSON made here: one square per municipality at its tile, inside the area's bounding box, plus
    one outside Brabant."""
    tiles = load_tiles(reference)
    west, south, east, north = reference.bounds
    step_x, step_y = (east - west) / (tiles["column"].max() + 1), (north - south) / (tiles["row"].max() + 1)
    features = []
    for tile in tiles.itertuples():
        x, y = west + tile.column * step_x, north - (tile.row + 1) * step_y
        ring = [[x, y], [x + 0.9 * step_x, y], [x + 0.9 * step_x, y + 0.9 * step_y], [x, y + 0.9 * step_y], [x, y]]
        features.append({"type": "Feature", "properties": {"statcode": tile.cbs_code, "statnaam": tile.name},
                         "geometry": {"type": "Polygon", "coordinates": [ring]}})
    if extra:
        features.append({"type": "Feature", "properties": {"statcode": "GM0363", "statnaam": "Amsterdam"},
                         "geometry": {"type": "Polygon", "coordinates": [[[5, 53], [5.1, 53], [5.1, 53.1], [5, 53]]]}})
    return {"type": "FeatureCollection", "features": features}


@pytest.fixture(scope="module")
def ref2022():
    return load_reference(year=2022)


@pytest.mark.parametrize("year, count", [(2021, 61), (2022, 56), (2026, 56)])
def test_tiles_cover_exactly_the_municipalities_without_overlap(year, count):
    reference = load_reference(year=year)
    tiles = load_tiles(reference)
    assert set(tiles["cbs_code"]) == set(reference.municipalities["cbs_code"])
    assert len(tiles) == count
    assert not tiles.duplicated(["column", "row"]).any()


@pytest.mark.parametrize("year", [2021, 2022])
def test_tile_layout_keeps_brabant_recognisable(year):
    """Tiles keep the east-west and north-south order of the real municipalities."""
    path = SHARED / "reference" / f"boundaries_noord_brabant_{year}.geojson"
    if not path.exists():
        pytest.skip(f"{path} not present")
    reference = load_reference(year=year)
    polygons = load_boundaries(path, reference)
    tiles = load_tiles(reference).set_index("cbs_code")
    centre = {code: np.mean([pt for poly in polys for pt in poly[0]], axis=0) for code, polys in polygons.items()}
    codes = sorted(centre)
    assert spearmanr([centre[c][0] for c in codes], tiles.loc[codes, "column"])[0] > 0.9
    assert spearmanr([-centre[c][1] for c in codes], tiles.loc[codes, "row"])[0] > 0.85


def test_boundary_loader_accepts_a_small_geojson(tmp_path, ref2022):
    path = tmp_path / "b.geojson"
    path.write_text(json.dumps(square_geojson(ref2022)), encoding="utf-8")
    polygons = load_boundaries(path, ref2022)
    assert len(polygons) == 56 and "GM0363" not in polygons


def test_boundary_loader_names_a_missing_municipality(tmp_path, ref2022):
    collection = square_geojson(ref2022)
    collection["features"] = [f for f in collection["features"] if f["properties"]["statcode"] != "GM0796"]
    path = tmp_path / "b.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    with pytest.raises(DataError, match="statcode.*GM0796.*another year"):
        load_boundaries(path, ref2022)
    path.write_text("<html>not json</html>", encoding="utf-8")
    with pytest.raises(DataError, match="GeoJSON FeatureCollection"):
        load_boundaries(path, ref2022)


def test_shared_boundaries_2022(ref2022):
    path = SHARED / "reference" / "boundaries_noord_brabant_2022.geojson"
    if not path.exists():
        pytest.skip(f"{path} not present")
    base = maps.choose_map(ref2022, "boundaries", path)
    assert base.mode == "boundaries" and len(base.polygons) == 56
    chart = maps.coverage_map_figure(base, reached_by_scenario(load_dataset(year=2022)))
    assert len(chart.figure.axes) == 1
    labels = [text.get_text().replace("\n", " ").replace("- ", "-") for text in chart.figure.axes[0].texts]
    assert len(labels) == 56 and {"Zundert", "Land van Cuijk", "Tilburg"} <= set(labels)
    # a name that does not fit inside its municipality is a number there, and the list under the map says whose
    numbers = sorted(int(label) for label in labels if label.isdigit())
    assert numbers == list(range(1, len(numbers) + 1)) and 0 < len(numbers) < 40
    note = next(t.get_text().replace("\n", " ") for t in chart.figure.texts if "met een nummer" in t.get_text())
    assert "1 Alphen-Chaam; 2 Baarle-Nassau; 3 Bergen op Zoom;" in note
    assert not {"Alphen-Chaam", "Baarle-Nassau", "Bergen op Zoom"} & set(labels)
    assert chart.alt.startswith("Kaart van Noord-Brabant met alle 56 gemeenten.")
    assert ("Bij naam genoemd, in een actieve rol: Altena, Bergeijk, Bernheze, Breda, Eindhoven, Helmond, Meierijstad, "
            "Oosterhout, 's-Hertogenbosch, Tilburg en Zundert. Bij naam genoemd, alleen in een lichte rol: Land van "
            "Cuijk en Maashorst. Mogelijk bereikt: alleen als de hele regio meetelt:") in chart.alt
    assert "Niet genoemd, ook niet via een regio: 13 gemeenten, in grijs." in chart.alt
    plt.close(chart.figure)


@pytest.mark.parametrize("mode", ["tiles", "boundaries"])
def test_map_figures_build_in_both_modes(tmp_path, ref2022, mode):
    path = tmp_path / "b.geojson"
    path.write_text(json.dumps(square_geojson(ref2022)), encoding="utf-8")
    base = maps.choose_map(ref2022, mode, path)
    assert base.mode == mode
    data = load_dataset(year=2022)
    charts = [maps.coverage_map_figure(base, reached_by_scenario(data)),
              maps.intensity_map_figure(base, {"GM0796": 4, "GM0758": 3, "GM0879": 1}, "Titel", "initiatieven"),
              maps.region_map_figure(base, ref2022)]
    source = "CBS/Kadaster, CC BY 4.0" if mode == "boundaries" else "Tegelkaart"
    for chart in charts:
        assert any(source in text.get_text() for text in chart.figure.texts)
        plt.close(chart.figure)
    assert charts[1].alt.startswith("Kaart van Noord-Brabant; hoe donkerder de gemeente, hoe hoger de waarde "
                                    "(initiatieven). Het donkerst is 's-Hertogenbosch (4). 3 gemeenten hebben een "
                                    "waarde boven 0; 53 gemeenten niet.")
    assert (charts[2].figure.axes[0].get_title(loc="left") == "De 4 regio's van Noord-Brabant"
            and "Hart van Brabant (9 gemeenten); Noordoost-Brabant (10 gemeenten); West-Brabant (16 gemeenten); "
                "Zuidoost-Brabant (21 gemeenten)" in charts[2].alt
            and "Heusden (ook Noordoost-Brabant)" in charts[2].alt)


def test_auto_uses_the_cache_when_there_is_one(tmp_path, monkeypatch, ref2022):
    monkeypatch.setenv("VSV_ANALYSIS_CACHE", str(tmp_path))
    assert maps.choose_map(ref2022, "auto").mode == "tiles"
    with pytest.raises(BoundaryError, match="boundaries fetch"):
        maps.choose_map(ref2022, "boundaries")
    boundaries_cache_path(ref2022).write_text(json.dumps(square_geojson(ref2022)), encoding="utf-8")
    assert maps.choose_map(ref2022, "auto").mode == "boundaries"
    assert maps.choose_map(load_reference(year=2026), "auto").mode == "boundaries"  # same division as 2022


class GeoJSONHandler(http.server.BaseHTTPRequestHandler):
    body = b""
    status = 200

    def do_GET(self):  # noqa: N802 (the http.server API)
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.HTTPServer(("127.0.0.1", 0), GeoJSONHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def test_fetch_from_a_local_server(server, tmp_path, ref2022):
    GeoJSONHandler.body, GeoJSONHandler.status = json.dumps(square_geojson(ref2022)).encode(), 200
    url = f"http://127.0.0.1:{server.server_port}/wfs?typeNames=gemeente_gegeneraliseerd"
    path = fetch_boundaries(ref2022, url=url, directory=tmp_path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert path.name == "boundaries_noord_brabant_2022.geojson"
    assert len(saved["features"]) == 56  # Amsterdam left out
    assert {f["properties"]["statcode"] for f in saved["features"]} == set(ref2022.municipalities["cbs_code"])


def test_fetch_reports_a_bad_answer(server, tmp_path, ref2022):
    url = f"http://127.0.0.1:{server.server_port}/wfs"
    GeoJSONHandler.body, GeoJSONHandler.status = b"<html>maintenance</html>", 200
    with pytest.raises(BoundaryError, match="did not answer with GeoJSON"):
        fetch_boundaries(ref2022, url=url, directory=tmp_path)
    GeoJSONHandler.body, GeoJSONHandler.status = b"", 404
    with pytest.raises(BoundaryError, match="answered 404"):
        fetch_boundaries(ref2022, url=url, directory=tmp_path)
    assert list(tmp_path.iterdir()) == []  # nothing half-written in the cache


def test_fetch_fails_cleanly_when_the_server_is_down(tmp_path, capsys):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code = main(["boundaries", "fetch", "--year", "2022", "--url", f"http://127.0.0.1:{port}/wfs",
                 "--cache-dir", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 1 and f"cannot reach http://127.0.0.1:{port}/wfs" in err and "Traceback" not in err
    assert "Without internet, pass a GeoJSON file with --from-file, or use map mode 'tiles'" in err
    assert list(tmp_path.iterdir()) == []


def test_cli_maps_writes_a_png_per_available_mode(tmp_path, monkeypatch, capsys, ref2022):
    monkeypatch.setenv("VSV_ANALYSIS_CACHE", str(tmp_path / "cache"))
    geojson = tmp_path / "b.geojson"
    geojson.write_text(json.dumps(square_geojson(ref2022)), encoding="utf-8")
    assert main(["maps", "--output-dir", str(tmp_path / "out")]) == 0
    out, err = capsys.readouterr()
    assert out == f"{tmp_path}/out/kaart_tegels.png\n" and "boundaries: skipped" in err
    assert main(["boundaries", "fetch", "--year", "2022", "--from-file", str(geojson)]) == 0
    assert main(["maps", "--output-dir", str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["kaart_grenzen.png", "kaart_tegels.png"]
    assert capsys.readouterr().out.splitlines() == [f"{tmp_path}/cache/boundaries_noord_brabant_2022.geojson",
                                                    f"{tmp_path}/out/kaart_tegels.png",
                                                    f"{tmp_path}/out/kaart_grenzen.png"]
