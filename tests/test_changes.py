"""What changed between two states of the evidence: the comparison, the table, and a run that shows it."""

from __future__ import annotations

import datetime
import json
import shutil

from conftest import PROJECT

from vsv_analysis.cli import main
from vsv_analysis.common.locations import default_data_dir
from vsv_analysis.evidence.dataset import load_dataset
from vsv_analysis.outputs.changes import changes_table, compare, load_side
from vsv_analysis.outputs.snapshot import read_snapshot, take_snapshot, write_snapshot
from vsv_analysis.render import render

OSS = "M50,veerkrachtdialoog,Oss,municipality,applied-in,,,Added for the test,"


def add_oss(folder):
    with open(folder / "involvements.csv", "a", encoding="utf-8") as handle:
        handle.write(OSS + "\n")


def test_one_mention_more(data_copy):
    before = take_snapshot(load_dataset(data_copy, 2022))
    add_oss(data_copy)
    after = take_snapshot(load_dataset(data_copy, 2022))
    changes = compare(before, after)
    assert not changes["is_unchanged"] and not changes["parameters_changed"]
    assert [m["mention_id"] for m in changes["mentions"]["added"]] == ["M50"]
    assert [(link["initiative_name"], link["municipality_name"]) for link in changes["links"]["added"]] == [
        ("Veerkrachtdialoog", "Oss")]
    province = {r["scenario"]: r for r in changes["coverage"] if r["scope_kind"] == "province"}
    assert (province["named"]["reached_before"], province["named"]["reached_after"]) == (13, 14)
    region = {r["scope"]: r for r in changes["coverage"] if r["scenario"] == "named" and r["scope_kind"] == "regio_4"}
    assert (region["Noordoost-Brabant"]["reached_before"], region["Noordoost-Brabant"]["reached_after"]) == (5, 6)
    assert changes["reached"]["named"] == {"newly_reached": ["Oss"], "no_longer_reached": []}
    table = changes_table(changes)
    assert ("mentions", "added", "M50: Oss (Veerkrachtdialoog)") in set(zip(table["part"], table["change"],
                                                                             table["subject"]))
    assert ("coverage", "named / Noord-Brabant", "13 of 56", "14 of 56") in set(
        zip(table["part"], table["subject"], table["before"], table["after"]))


def test_the_same_evidence_is_unchanged_also_through_csv(tmp_path):
    snapshot = take_snapshot(load_dataset(year=2022), {"year": 2022})
    write_snapshot(snapshot, tmp_path / "snapshot")
    again = read_snapshot(tmp_path / "snapshot")
    assert snapshot.same_evidence_as(again)
    assert compare(again, snapshot)["is_unchanged"]
    assert compare(None, snapshot)["baseline"] is None


def test_changes_command_on_two_data_folders(data_copy, tmp_path, capsys):
    old = tmp_path / "old"
    shutil.copytree(data_copy, old)
    add_oss(data_copy)
    assert main(["changes", str(old), str(data_copy), "--year", "2022"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "part,change,subject,before,after"
    assert "mentions,added,M50: Oss (Veerkrachtdialoog),," in out
    assert "reached,added,named / Oss,,reached" in out
    assert load_side(old, 2022).meta["parameters"] == {"year": 2022}


def test_a_run_after_one_more_mention_says_what_changed(data_copy, tmp_path):
    summary = PROJECT / "notebooks" / "00_samenvatting.ipynb"
    output = tmp_path / "reports"
    options = {"output_dir": output, "parameters": {"data_dir": str(data_copy), "null_models": 19}, "jobs": 1,
               "progress": lambda line: None}
    render([summary], day=datetime.date(2026, 4, 1), **options)
    first = (output / "latest").resolve()
    assert json.loads((first / "changes.json").read_text(encoding="utf-8"))["baseline"] is None
    add_oss(data_copy)
    render([summary], day=datetime.date(2026, 4, 8), **options)
    second = (output / "latest").resolve()
    changes = json.loads((second / "changes.json").read_text(encoding="utf-8"))
    assert changes["baseline"]["made_at"] and changes["reached"]["named"]["newly_reached"] == ["Oss"]
    for page in ("00_samenvatting.html", "index.html"):
        text = (second / page).read_text(encoding="utf-8")
        assert "Wat is er veranderd sinds de versie van " in text, page
        assert "▲ 1 vermelding erbij" in text, page
        assert "Nieuwe verbindingen: Oss bij Veerkrachtdialoog (gebruiker van de methode)." in text, page
        assert "Bij naam genoemd, alle rollen: van 13 van de 56 naar 14 van de 56 gemeenten (▲ 1)" in text, page
        assert "Nieuw bereikt: Oss." in text, page
    # nothing changed since: the changes of the run before are kept, so "since" stays true
    render([summary], day=datetime.date(2026, 4, 15), **options)
    third = (output / "latest").resolve()
    assert (third / "changes.json").read_text(encoding="utf-8") == (second / "changes.json").read_text(
        encoding="utf-8")
    assert default_data_dir() != data_copy
