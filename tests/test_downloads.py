"""Downloads that end and check what they got, against a local HTTP server that stalls, lies and breaks off.

`reference update` and `boundaries fetch` keep to one time limit (`--timeout`) however slowly a server sends,
check every answer before anything is written (figures that are text, codes twice, boundaries in the wrong
coordinates or twice for one municipality), write all files of an update together or none, and name the address
or the file in every message. `reference update --from-file` imports the CBS figures from files saved from the
open data portal (OData JSON or CSV).
"""

from __future__ import annotations

import http.server
import json
import socket
import threading
import time
import urllib.parse

import pytest
from render_helpers import untimed
from test_cbs import gebieden_2026, made_up_2026, recorded
from test_maps import square_geojson

from vsv_analysis.cli import main
from vsv_analysis.geography.reference import load_reference

SLOW_BYTE_SECONDS = 0.2
GIVE_UP_SECONDS = 30  # the stalling server stops by itself then, so a broken time limit fails instead of hanging


class Hostile(http.server.BaseHTTPRequestHandler):
    """Serves ``routes``: path → (behaviour, body). Behaviours: ok, trickle (a byte at a time), silent (never
    answers), short (announces more than it sends, then closes), reset (closes after the headers)."""

    routes: dict = {}
    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802 (the http.server API)
        path = urllib.parse.urlsplit(self.path).path
        behaviour, body = self.routes.get(path, ("missing", b""))
        if behaviour == "missing":
            self.send_error(404, "Not Found")
            return
        if behaviour == "silent":
            time.sleep(GIVE_UP_SECONDS)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body) + (1000 if behaviour == "short" else 0)))
        self.end_headers()
        if behaviour == "trickle":
            end = time.monotonic() + GIVE_UP_SECONDS
            for byte in body:
                if time.monotonic() > end:
                    break
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(SLOW_BYTE_SECONDS)
        elif behaviour != "reset":
            self.wfile.write(body)
        self.close_connection = True

    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # a client that gave up (the time limit) is expected here
        pass


@pytest.fixture
def hostile():
    Hostile.routes = {
        "/odata/85067NED/TypedDataSet": ("ok", json.dumps(gebieden_2026()).encode()),
        "/odata/70072NED/TypedDataSet": ("ok", json.dumps(recorded("70072NED_TypedDataSet_2022JJ00.json")).encode()),
        "/wfs": ("ok", json.dumps(square_geojson(load_reference(year=2022))).encode()),
    }
    httpd = QuietServer(("127.0.0.1", 0), Hostile)
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def update(base: str, cache, *options: str) -> list[str]:
    return ["reference", "update", "--year", "2022", "--base-url", f"{base}/odata", "--boundaries-url",
            f"{base}/wfs", "--cache-dir", str(cache), *options]


def run(capsys, arguments) -> tuple[int, str]:
    code = main(arguments)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, err


def cache_files(cache) -> list[str]:
    return sorted(str(p.relative_to(cache)) for p in cache.rglob("*") if p.is_file()) if cache.exists() else []


def test_a_good_update_writes_all_three_files(hostile, tmp_path, capsys):
    code, err = run(capsys, update(hostile, tmp_path))
    assert code == 0, err
    assert cache_files(tmp_path) == ["boundaries_noord_brabant_2022.geojson", "cbs/municipalities_2022.csv",
                                     "cbs/population_2022-01-01.csv"]


@pytest.mark.parametrize("behaviour", ["trickle", "silent"])
def test_a_server_that_stalls_meets_the_time_limit(hostile, tmp_path, capsys, behaviour):
    Hostile.routes["/odata/70072NED/TypedDataSet"] = (behaviour, Hostile.routes["/odata/70072NED/TypedDataSet"][1])
    code, err = run(capsys, update(hostile, tmp_path, "--timeout", "5"))
    assert code == 1
    assert f"vsv-analysis: {hostile}/odata/70072NED/TypedDataSet?$format=json&$filter=" in err
    assert "did not answer within the time limit of 5 s (--timeout); try again later, or give more time" in err
    assert cache_files(tmp_path) == []  # the division fetched before is not written alone


def test_boundaries_fetch_has_a_time_limit_too(hostile, tmp_path, capsys):
    Hostile.routes["/wfs"] = ("trickle", Hostile.routes["/wfs"][1])
    code, err = run(capsys, ["boundaries", "fetch", "--year", "2022", "--url", f"{hostile}/wfs", "--cache-dir",
                             str(tmp_path), "--timeout", "5"])
    assert code == 1 and f"vsv-analysis: {hostile}/wfs did not answer within the time limit of 5 s" in err
    assert cache_files(tmp_path) == []


@pytest.mark.parametrize("behaviour, message", [
    ("short", "broke off the answer after"),
    ("reset", "broke off the answer after 0 bytes"),
])
def test_a_server_that_breaks_off_is_a_message(hostile, tmp_path, capsys, behaviour, message):
    Hostile.routes["/wfs"] = (behaviour, Hostile.routes["/wfs"][1])
    code, err = run(capsys, update(hostile, tmp_path))
    assert code == 1 and f"vsv-analysis: {hostile}/wfs {message}" in err, err
    assert cache_files(tmp_path) == []  # the figures, fetched well, wait for the boundaries: all or nothing


def _lying_population(change) -> bytes:
    answer = recorded("70072NED_TypedDataSet_2022JJ00.json")
    change(answer["value"])
    return json.dumps(answer).encode()


def _as_text(rows):
    for row in rows:
        row["TotaleBevolking_1"] = str(row["TotaleBevolking_1"])


def _twice(rows):
    rows.append(dict(rows[0]))


def _negative(rows):
    rows[3]["TotaleBevolking_1"] = -5


@pytest.mark.parametrize("change, message", [
    (_as_text, "row 1: found TotaleBevolking_1 '17068' (text) for 'GM0743'; expected a whole number of inhabitants"),
    (_twice, "found GM0743 for 2022JJ00 again (row 1 has it); expected each municipality once"),
    (_negative, "row 4: found TotaleBevolking_1 -5 for 'GM0753'; expected a whole number of inhabitants"),
])
def test_figures_that_are_no_figures_are_refused(hostile, tmp_path, capsys, change, message):
    Hostile.routes["/odata/70072NED/TypedDataSet"] = ("ok", _lying_population(change))
    code, err = run(capsys, update(hostile, tmp_path))
    assert code == 1 and f"vsv-analysis: {hostile}/odata/70072NED/TypedDataSet?" in err and message in err, err
    assert "has no population" not in err
    assert cache_files(tmp_path) == []


def test_a_division_with_a_code_twice_is_refused(hostile, tmp_path, capsys):
    answer = gebieden_2026()
    answer["value"].append(dict(answer["value"][0]))
    Hostile.routes["/odata/85067NED/TypedDataSet"] = ("ok", json.dumps(answer).encode())
    code, err = run(capsys, update(hostile, tmp_path))
    assert code == 1 and "found GM0796 again (row 1 has it); expected each municipality once" in err
    assert cache_files(tmp_path) == []


def _swapped(collection):
    for feature in collection["features"]:
        feature["geometry"]["coordinates"] = [[[y, x] for x, y in ring] for ring in feature["geometry"]["coordinates"]]


def _in_metres(collection):
    for feature in collection["features"]:  # roughly where RD New puts Brabant: 150 km east, 400 km north
        feature["geometry"]["coordinates"] = [[[150_000 + 60_000 * (x - 5), 400_000 + 110_000 * (y - 51.5)]
                                               for x, y in ring] for ring in feature["geometry"]["coordinates"]]


def _twice_a_municipality(collection):
    collection["features"].append(dict(collection["features"][0]))


def _one_far_away(collection):
    collection["features"][0]["geometry"]["coordinates"][0][1] = [5.0, 53.2]


@pytest.mark.parametrize("change, message", [
    (_swapped, "; expected longitude and latitude in WGS84 degrees inside Noord-Brabant (4.18 to 6.06 east, 51.21 "
               "to 51.84 north); these are latitude first, then longitude: save the file with longitude first "
               "(GeoJSON's order)."),
    (_in_metres, "these are metres (such as RD New, EPSG:28992): save the file in WGS84 (EPSG:4326)."),
    (_twice_a_municipality, "column 'features[56].properties': found '"),
    (_one_far_away, "column 'features[0].geometry': found '5, 53.2'; expected points inside Noord-Brabant"),
])
def test_boundaries_in_the_wrong_place_are_refused(hostile, tmp_path, capsys, change, message):
    collection = square_geojson(load_reference(year=2022), extra=False)
    change(collection)
    Hostile.routes["/wfs"] = ("ok", json.dumps(collection).encode())
    code, err = run(capsys, update(hostile, tmp_path))
    assert code == 1 and f"- {hostile}/wfs, " in err and message in err, err
    assert cache_files(tmp_path) == []
    path = tmp_path / "b.geojson"  # the same file given to boundaries fetch: named as given, no scratch name
    path.write_text(json.dumps(collection), encoding="utf-8")
    code, err = run(capsys, ["boundaries", "fetch", "--year", "2022", "--from-file", str(path), "--cache-dir",
                             str(tmp_path / "cache")])
    assert code == 1 and f"- {path}, " in err and message in err and ".download" not in err
    assert cache_files(tmp_path / "cache") == []


def test_a_broken_boundaries_file_is_named_as_given(tmp_path, capsys):
    path = tmp_path / "grenzen.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    code, err = run(capsys, ["boundaries", "fetch", "--year", "2022", "--from-file", str(path), "--cache-dir",
                             str(tmp_path / "cache")])
    assert code == 1 and f"1 problem in the input data:\n- {path}: expected a GeoJSON FeatureCollection (not " \
                         f"JSON: " in untimed(err)
    assert not (tmp_path / "cache").exists()


# -- importing CBS figures from files saved from the open data portal ------------------------------


def _portal_csv(answer: dict) -> str:
    """The population as the portal's raw CSV download writes it: ';', every value quoted, codes padded."""
    lines = ['"ID";"RegioS";"Perioden";"TotaleBevolking_1"']
    lines += [f'"{row["ID"]}";"{row["RegioS"]:<10}";"{row["Perioden"]}";"{row["TotaleBevolking_1"]:>9}"'
              for row in answer["value"]]
    return "\r\n".join(lines) + "\r\n"


@pytest.mark.parametrize("form", ["json", "csv"])
def test_reference_update_from_a_file(tmp_path, capsys, monkeypatch, form):
    answer = made_up_2026()
    path = tmp_path / f"70072NED.{form}"
    path.write_text(json.dumps(answer) if form == "json" else _portal_csv(answer), encoding="utf-8")
    cache = tmp_path / "cache"
    code, err = run(capsys, ["reference", "update", "--from-file", str(path), "--cache-dir", str(cache)])
    assert code == 0, err
    assert "no 'Gebieden in Nederland' file given: the division is the reference's own (56 municipalities)" in err
    assert cache_files(cache) == ["cbs/population_2026-01-01.csv"]
    monkeypatch.setenv("VSV_ANALYSIS_CACHE", str(cache))
    reference = load_reference(year=2026)
    assert reference.population_date == "2026-01-01"
    assert reference.municipalities["population"].sum() == 2_592_874 + 56


def test_reference_update_from_files_with_the_division(tmp_path, capsys):
    population, division = tmp_path / "bevolking.json", tmp_path / "gebieden.json"
    population.write_text(json.dumps(made_up_2026()), encoding="utf-8")
    division.write_text(json.dumps(gebieden_2026()), encoding="utf-8")
    code, err = run(capsys, ["reference", "update", "--from-file", str(population), "--from-file", str(division),
                             "--cache-dir", str(tmp_path / "cache")])
    assert code == 0, err
    assert cache_files(tmp_path / "cache") == ["cbs/municipalities_2026.csv", "cbs/population_2026-01-01.csv"]


@pytest.mark.parametrize("content, message", [
    ('{"value": [{"a": 1}]}', "{path} holds neither CBS's population (a column TotaleBevolking_1, table "
                              "70072NED) nor a 'Gebieden in Nederland' table (columns Code_1 and Naam_2); its "
                              "columns are a"),
    ('"RegioS";"Perioden";"TotaleBevolking_1"\n"GM0796";"2026JJ00";"veel"\n',
     "{path}, row 1: found TotaleBevolking_1 'veel' for 'GM0796'; expected a whole number of inhabitants"),
    ('"RegioS";"Perioden";"TotaleBevolking_1"\n"GM0796";"2026JJ00";"157486"\n',
     "{path}: the population for 1 January 2026 lacks GM0743, GM0744, GM0748, GM0753, GM0755, GM0757, GM0758, "
     "GM0762, GM0766, GM0770 and 45 more; nothing was saved"),
    ('"RegioS";"Perioden";"TotaleBevolking_1"\n"GM0796";"2021JJ00";"157486"\n',
     "{path} holds no population for 1 January 2026 (period 2026JJ00)"),
    ("", "{path} is empty: expected CBS's table as CSV"),
])
def test_a_wrong_file_is_a_message_naming_it(tmp_path, capsys, content, message):
    path = tmp_path / "cbs.csv"
    path.write_text(content, encoding="utf-8")
    code, err = run(capsys, ["reference", "update", "--from-file", str(path), "--cache-dir", str(tmp_path / "c")])
    assert code == 1 and message.format(path=path) in err, err
    assert not (tmp_path / "c").exists()


def test_a_missing_file_is_named(tmp_path, capsys):
    code, err = run(capsys, ["reference", "update", "--from-file", str(tmp_path / "nergens.json")])
    assert code == 1 and f"{tmp_path / 'nergens.json'}: expected a CBS file (OData JSON or CSV) at this path (it " \
                         f"does not exist)" in err


@pytest.mark.parametrize("command", [["reference", "update"], ["boundaries", "fetch"]])
def test_the_time_limit_must_be_seconds(capsys, command):
    with pytest.raises(SystemExit) as stop:
        main([*command, "--timeout", "0"])
    assert stop.value.code == 2
    assert "argument --timeout: must be a number of seconds above 0, not '0'" in capsys.readouterr().err


def test_nothing_listens(tmp_path, capsys):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code, err = run(capsys, update(f"http://127.0.0.1:{port}", tmp_path))
    assert code == 1 and f"cannot reach http://127.0.0.1:{port}/odata/85067NED/TypedDataSet?$format=json" in err
    assert cache_files(tmp_path) == []
