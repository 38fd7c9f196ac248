"""The command line: tables to stdout, CSV and XLSX files, and usage errors."""

import csv
import io

import pandas as pd
import pytest

from vsv_analysis.cli import main


def test_table_involvements_to_stdout(capsys):
    assert main(["table", "involvements", "--year", "2022"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 49
    boxmeer = next(row for row in rows if row["name_as_written"] == "Boxmeer")
    assert (boxmeer["municipality_code"], boxmeer["municipality_name"], boxmeer["is_resolved"]) == (
        "GM1982", "Land van Cuijk", "True")
    galderen = next(row for row in rows if row["name_as_written"] == "Galderen")
    assert (galderen["municipality_code"], galderen["is_resolved"]) == ("", "False")


def test_table_municipalities_2021_to_xlsx(tmp_path):
    output = tmp_path / "out" / "municipalities.xlsx"
    assert main(["table", "municipalities", "--year", "2021", "--output", str(output)]) == 0
    table = pd.read_excel(output)
    assert len(table) == 61 and set(table["geography_year"]) == {2021}
    assert not list(output.parent.glob(".*"))  # no temporary file left behind


def test_table_initiatives_csv_file(tmp_path):
    output = tmp_path / "initiatives.csv"
    assert main(["table", "initiatives", "--output", str(output)]) == 0
    table = pd.read_csv(output)
    assert table.set_index("initiative_id").loc["dementievriendelijk_brabant", "reported_municipalities"] == 57


@pytest.mark.parametrize("argv, message", [
    (["table", "involvements", "--year", "2019"], "choose a year from 2021 to 2026"),
    (["table", "involvements", "--output", "x.txt"], "pass --format csv or xlsx"),
])
def test_usage_errors_exit_2_without_traceback(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_unknown_table_name_is_refused(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["table", "nodes"])
    assert caught.value.code == 2
    assert "invalid choice: 'nodes'" in capsys.readouterr().err


@pytest.mark.parametrize("name, columns, rows", [
    ("centrality", ["node_kind", "name", "degree", "degree_centrality", "betweenness", "closeness"], 22),
    ("overlap", ["initiative_a", "initiative_b", "shared", "jaccard", "overlap_coefficient"], 36),
    ("coverage", ["scenario", "scope", "reached", "total", "share_pct", "population_reached", "population_total",
                  "population_share_pct"], 65),
    ("unreached", ["cbs_code", "name", "population"], 43),
])
def test_analysis_tables_keep_their_column_contract(name, columns, rows, capsys):
    assert main(["table", name, "--year", "2022"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert [c for c in columns if c not in table.columns] == []
    assert len(table) == rows


def test_export_graph(tmp_path, capsys):
    output = tmp_path / "vsv.graphml"
    assert main(["export-graph", "--format", "graphml", "--output", str(output), "--year", "2021"]) == 0
    assert "wrote 23 nodes and 21 edges" in capsys.readouterr().err
    assert output.read_text(encoding="utf-8").startswith("<?xml")
