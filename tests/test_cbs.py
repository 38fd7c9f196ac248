"""Current CBS reference data: `reference update` against a local server serving recorded OData answers."""

import http.server
import json
import socket
import threading
import urllib.parse
from pathlib import Path

import pandas as pd
import pytest

from vsv_analysis.cli import main
from vsv_analysis.geography import cbs
from vsv_analysis.geography.reference import load_reference

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "cbs"


def recorded(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def made_up_2026(published: bool = True) -> dict:
    """Not CBS figures: the 2022 answer relabelled as 2026, each value plus one (or null: not published yet)."""
    answer = recorded("70072NED_TypedDataSet_2022JJ00.json")
    for row in answer["value"]:
        row["Perioden"] = "2026JJ00"
        row["TotaleBevolking_1"] = row["TotaleBevolking_1"] + 1 if published else None
    return answer


class CbsHandler(http.server.BaseHTTPRequestHandler):
    """Answers like CBS: /odata/<table>/TypedDataSet; a table id not in ``routes`` gets 404."""

    routes: dict = {}
    requests: list = []

    def do_GET(self):  # noqa: N802 (the http.server API)
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        CbsHandler.requests.append((url.path, query))
        key = url.path.split("/")[2] if url.path.count("/") >= 3 else ""
        if key == "85067NED" and "$skip" in query:
            key = "85067NED page 2"
        if key == "70072NED":
            key += " " + query.get("$filter", [""])[0].split("'")[1]  # the period asked for
        answer = self.routes.get(key)
        if answer is None:
            self.send_error(404, "Not Found")
            return
        body = answer if isinstance(answer, bytes) else json.dumps(answer).replace(
            "NEXT", f"http://127.0.0.1:{self.server.server_port}/odata").encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    CbsHandler.requests = []
    CbsHandler.routes = {
        "85067NED": recorded("85067NED_TypedDataSet_page1.json"),
        "85067NED page 2": recorded("85067NED_TypedDataSet_page2.json"),
        "70072NED 2022JJ00": recorded("70072NED_TypedDataSet_2022JJ00.json"),
    }
    httpd = http.server.HTTPServer(("127.0.0.1", 0), CbsHandler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/odata"
    httpd.shutdown()
    httpd.server_close()


def gebieden_2026() -> dict:
    """The 2022 division served as 86247NED (Brabant's division did not change from 2022 to 2026), on one page."""
    first, second = recorded("85067NED_TypedDataSet_page1.json"), recorded("85067NED_TypedDataSet_page2.json")
    return {"value": first["value"] + second["value"]}


def test_update_writes_dated_csv_with_its_source(server, tmp_path, capsys):
    code = main(["reference", "update", "--year", "2022", "--base-url", server, "--cache-dir", str(tmp_path),
                 "--no-boundaries"])
    assert code == 0, capsys.readouterr().err
    division = pd.read_csv(tmp_path / "cbs" / "municipalities_2022.csv", dtype=str)
    assert len(division) == 56 and "GM0363" not in set(division["cbs_code"])  # Amsterdam left out
    assert division.set_index("cbs_code").loc["GM0796", "name"] == "'s-Hertogenbosch"  # padding stripped
    assert set(division["province_name"]) == {"Noord-Brabant"}
    assert set(division["table_id"]) == {"85067NED"} and set(division["licence"]) == {"CC BY 4.0"}
    population = pd.read_csv(tmp_path / "cbs" / "population_2022-01-01.csv", dtype={"cbs_code": str})
    assert population["population"].sum() == 2_592_874  # the CBS total for Noord-Brabant on 1 January 2022
    assert population.set_index("cbs_code").loc["GM0758", "population"] == 184702
    assert set(population["reference_date"]) == {"2022-01-01"} and set(population["table_id"]) == {"70072NED"}
    assert len(set(population["retrieved_on"])) == 1
    paths = [path for path, _ in CbsHandler.requests]
    assert paths == ["/odata/85067NED/TypedDataSet", "/odata/85067NED/TypedDataSet", "/odata/70072NED/TypedDataSet"]
    query = CbsHandler.requests[-1][1]
    assert query["$filter"] == ["Perioden eq '2022JJ00' and startswith(RegioS,'GM')"]
    assert query["$select"] == ["RegioS,Perioden,TotaleBevolking_1"]
    out = capsys.readouterr().out.splitlines()  # the result: every file written, and nothing else
    assert out == [f"{tmp_path}/cbs/municipalities_2022.csv", f"{tmp_path}/cbs/population_2022-01-01.csv"]


def test_the_reference_uses_the_population_of_its_year_when_fetched(server, tmp_path, monkeypatch):
    monkeypatch.setenv("VSV_ANALYSIS_CACHE", str(tmp_path))
    before = load_reference(year=2026)
    assert before.population_date == "2022-01-01"
    assert "population of 2022-01-01 used for geography year 2026" in before.population_note
    assert "'vsv-analysis reference update --year 2026'" in before.population_note
    CbsHandler.routes["86247NED"] = gebieden_2026()
    CbsHandler.routes["70072NED 2026JJ00"] = made_up_2026()
    assert main(["reference", "update", "--base-url", server, "--no-boundaries"]) == 0  # 2026: the default year
    after = load_reference(year=2026)
    assert after.population_date == "2026-01-01" and after.population_note == ""
    assert after.municipalities["population"].sum() == 2_592_874 + 56
    assert after.municipalities.set_index("cbs_code").loc["GM0758", "population"] == 184703
    assert load_reference(year=2022).municipalities["population"].sum() == 2_592_874  # 2022 keeps its own


def test_a_year_without_published_figures_says_so(server, tmp_path, capsys):
    CbsHandler.routes["86247NED"] = gebieden_2026()
    CbsHandler.routes["70072NED 2026JJ00"] = made_up_2026(published=False)
    code = main(["reference", "update", "--year", "2026", "--base-url", server, "--cache-dir", str(tmp_path),
                 "--no-boundaries"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert f"CBS ({server}) has no population for 1 January 2026 yet (70072NED, period 2026JJ00)" in err
    assert "The reports keep using 2022-01-01" in err
    assert not cbs.population_path(2026, tmp_path).exists()


def test_update_fetches_boundaries_with_their_source(server, tmp_path):
    reference = load_reference(year=2022)
    tiles = pd.read_csv(reference.directory / "tiles_2022.csv", dtype=str)
    features = [{"type": "Feature", "properties": {"statcode": code},
                 "geometry": {"type": "Polygon", "coordinates": [[[5, 51.5], [5.1, 51.5], [5.1, 51.6], [5, 51.5]]]}}
                for code in tiles["cbs_code"]]
    CbsHandler.routes["wfs"] = {"type": "FeatureCollection", "features": features}
    result = cbs.update_reference(reference, base_url=server, directory=tmp_path,
                                  boundaries_url=server.replace("/odata", "/odata/wfs/x"))
    geojson = json.loads((tmp_path / "boundaries_noord_brabant_2022.geojson").read_text(encoding="utf-8"))
    assert result.written[-1] == tmp_path / "boundaries_noord_brabant_2022.geojson"
    assert len(geojson["features"]) == 56
    assert geojson["source"]["licence"] == "CC BY 4.0" and geojson["source"]["retrieved_on"] == result_day(result)


def result_day(result) -> str:
    return pd.read_csv(result.written[0], dtype=str)["retrieved_on"].iloc[0]


def test_a_division_that_differs_is_noted(server, tmp_path, capsys):
    answer = recorded("85067NED_TypedDataSet_page2.json")
    first = recorded("85067NED_TypedDataSet_page1.json")
    first["value"] = [row for row in first["value"] if row["RegioS"] != "GM0796"]  # as if 's-Hertogenbosch merged
    CbsHandler.routes["85067NED"], CbsHandler.routes["85067NED page 2"] = first, answer
    assert main(["reference", "update", "--year", "2022", "--base-url", server, "--cache-dir", str(tmp_path),
                 "--no-boundaries"]) == 0
    assert "CBS's division of 2022 differs from the reference: new [], gone ['GM0796']" in capsys.readouterr().err


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("route, body, message", [
    ("85067NED", None, "vsv-analysis: {server}/85067NED/TypedDataSet?$format=json answered 404 Not Found. The "
                       "reports keep using the reference data they have; without internet, import the figures with "
                       "--from-file"),
    ("85067NED", b"<html>onderhoud</html>", "{server}/85067NED/TypedDataSet?$format=json is not OData JSON"),
    ("85067NED", b'{"odata.metadata": "x"}', "{server}/85067NED/TypedDataSet?$format=json is not OData JSON "
                                             "('value'): expected an object with the table's rows under 'value'"),
    ("70072NED 2022JJ00", b'{"value": [1, 2]', "{server}/70072NED/TypedDataSet?$format=json&$filter=Perioden"),
])
def test_bad_answers_are_messages_with_exit_1(server, tmp_path, capsys, route, body, message):
    if body is None:
        del CbsHandler.routes[route]
    else:
        CbsHandler.routes[route] = body
    port = server.split(":")[2].split("/")[0]
    code = main(["reference", "update", "--year", "2022", "--base-url", server, "--cache-dir", str(tmp_path),
                 "--no-boundaries"])
    err = capsys.readouterr().err
    assert code == 1 and message.format(port=port, server=server) in err and "Traceback" not in err
    assert not cbs.population_path(2022, tmp_path).exists()


def test_server_down_is_a_message_with_exit_1(tmp_path, capsys):
    port = closed_port()
    code = main(["reference", "update", "--year", "2022", "--base-url", f"http://127.0.0.1:{port}/odata",
                 "--cache-dir", str(tmp_path), "--no-boundaries"])
    err = capsys.readouterr().err
    assert code == 1 and f"cannot reach http://127.0.0.1:{port}/odata/85067NED/TypedDataSet?$format=json" in err
    assert list(tmp_path.iterdir()) == []  # nothing half-written


def test_a_year_without_a_table_is_wrong_use(capsys):
    assert main(["reference", "update", "--year", "2019"]) == 2
    assert "choose a year from 2021 to 2026" in capsys.readouterr().err


def test_nothing_is_written_into_the_data_folder(server, tmp_path):
    from vsv_analysis.common.locations import default_data_dir

    before = {path: path.stat().st_mtime_ns for path in default_data_dir().rglob("*")}
    assert main(["reference", "update", "--year", "2022", "--base-url", server, "--cache-dir", str(tmp_path),
                 "--no-boundaries"]) == 0
    assert {path: path.stat().st_mtime_ns for path in default_data_dir().rglob("*")} == before


def test_the_cache_is_the_systems_user_cache_unless_the_environment_names_one(tmp_path, monkeypatch):
    import platformdirs

    from vsv_analysis.geography.cache import cache_dir

    monkeypatch.setenv("VSV_ANALYSIS_CACHE", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("VSV_ANALYSIS_CACHE")
    assert cache_dir() == Path(platformdirs.user_cache_dir("vsv-analysis", appauthor=False))
    if platformdirs.PlatformDirs.__name__ == "Unix":  # the XDG rule, which platformdirs follows on Linux
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
        assert cache_dir() == tmp_path / "xdg" / "vsv-analysis"
