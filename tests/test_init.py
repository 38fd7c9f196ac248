"""`vsv-analysis init DIR`: a new data folder that validates as documented once it is filled in."""

import re
from dataclasses import fields

import openpyxl
import yaml
from conftest import untimed

from vsv_analysis.cli import main
from vsv_analysis.evidence.datafolder import PROGRAMME_KEY_COMMENTS
from vsv_analysis.evidence.dataset import load_dataset
from vsv_analysis.evidence.layout import empty_columns
from vsv_analysis.evidence.programme import Programme
from vsv_analysis.evidence.specs import evidence_specs
from vsv_analysis.evidence.vocabulary import load_vocabulary


def test_init_writes_headers_programme_vocabularies_and_a_dutch_readme(tmp_path, capsys):
    folder = tmp_path / "nieuw"
    assert main(["init", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert out == f"{folder}\n"  # the result: the folder it made
    assert untimed(err) == (f"wrote a new data folder: fill in programme.yaml and the evidence files (see LEESMIJ.md "
                            f"there), then run 'vsv-analysis validate --data-dir {folder}'\n")
    assert sorted(str(path.relative_to(folder)) for path in folder.rglob("*")) == [
        "LEESMIJ.md", "initiatives.csv", "interpretations.csv", "involvements.csv", "programme.yaml", "sources.csv",
        "vocabularies", "vocabularies/README.md"]
    specs = evidence_specs(load_vocabulary())
    for name, spec in specs.items():
        raw = (folder / name).read_bytes()
        assert raw == b"\xef\xbb\xbf" + ";".join(empty_columns(name, spec)).encode() + b"\r\n"  # Dutch Excel's CSV
    assert (folder / "sources.csv").read_bytes() == (
        b"\xef\xbb\xbfsource_id;title;referred_to_as;author;date;date_is_inferred;date_basis;note;file\r\n")

    programme = (folder / "programme.yaml").read_text(encoding="utf-8")
    keys = [f.name for f in fields(Programme) if f.name != "is_described"]
    assert yaml.safe_load(programme) == dict.fromkeys(keys)  # every key, every value still empty
    assert "name:            # required: the programme's full name" in programme
    assert all(f"# {PROGRAMME_KEY_COMMENTS[key]}" in programme for key in keys)

    assert "`roles.csv` (role, label_nl, plural_nl, description, default_weight, takes_part)" in (
        folder / "vocabularies" / "README.md").read_text(encoding="utf-8")
    leesmij = (folder / "LEESMIJ.md").read_text(encoding="utf-8")
    assert leesmij.startswith("# Gegevensmap voor vsv-analysis\n")
    for command in ("vsv-analysis template --data-dir nieuw --output invoer.xlsx",
                    "vsv-analysis validate --data-dir nieuw",
                    "vsv-analysis render -p data_dir nieuw --output-dir rapporten"):
        assert f"\n    {command}\n" in leesmij  # the folder by its name, typed in the folder that holds it


def test_the_leesmij_is_self_contained_with_relative_paths_only(tmp_path):
    folder = tmp_path / "mijn programma"
    assert main(["init", "-q", str(folder)]) == 0
    leesmij = (folder / "LEESMIJ.md").read_text(encoding="utf-8")
    assert str(tmp_path) not in leesmij and not re.search(r"(^|[\s(`])(/\w|~/|[A-Z]:\\)", leesmij)  # none absolute
    assert 'vsv-analysis validate --data-dir "mijn programma"' in leesmij
    named = set(re.findall(r"`([\w./ -]+\.(?:csv|md|yaml|xlsx))`", leesmij))
    made_by_the_commands = {"invoer.xlsx"}
    assert "data/README.md" not in leesmij and named - made_by_the_commands == {
        str(path.relative_to(folder)) for path in folder.rglob("*.*") if path.name != "LEESMIJ.md"}  # and no other
    specs = evidence_specs(load_vocabulary())
    for name, spec in specs.items():  # the format of every file, column by column
        section = leesmij.split(f"## `{name}`\n")[1].split("\n## ")[0]
        assert [row.split("`")[1] for row in section.splitlines() if row.startswith("| `")] == empty_columns(name,
                                                                                                            spec)
    assert "| `themes` | niet verplicht | Thema's die het document noemt, gescheiden door \\| (bijvoorbeeld " \
           "Energie\\|Water). |" in leesmij
    vocabulary = load_vocabulary()
    for column in ("kind", "party_kind", "role"):
        assert all(f"`{value}` ({label})" in leesmij for value, label in vocabulary.labels(column).items())
    assert all(f"- `{key}`: " in leesmij for key in [f.name for f in fields(Programme) if f.name != "is_described"])
    readme = (folder / "vocabularies" / "README.md").read_text(encoding="utf-8")
    assert "data/README.md" not in readme and "`LEESMIJ.md`, one folder up" in readme


def test_a_fresh_folder_asks_for_the_programme_name_then_warns_it_is_empty(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["init", "nieuw"]) == 0
    capsys.readouterr()
    assert main(["validate", "--year", "2022", "--data-dir", "nieuw"]) == 1
    assert untimed(capsys.readouterr().err) == ("1 problem in the input data:\n"
                                                "- nieuw/programme.yaml, line 4, key 'name': found ''; expected the "
                                                "programme's name.\n")

    programme = tmp_path / "nieuw" / "programme.yaml"
    programme.write_text(programme.read_text(encoding="utf-8").replace("name:  ", "name: Buurtkracht", 1),
                         encoding="utf-8")
    assert main(["validate", "--year", "2022", "--data-dir", "nieuw"]) == 0
    result = capsys.readouterr()
    assert result.out == ("OK: 0 initiatives, 0 mentions; 0 of 56 municipalities named (geography 2022); "
                          "0 initiatives report counts without names\n")
    assert [line for line in untimed(result.err).splitlines() if line.startswith("warning")] == [
        "warning: nieuw/initiatives.csv has a header but no rows: there are no initiatives to analyse.",
        "warning: nieuw/involvements.csv has a header but no rows: there are no mentions, so the network has no "
        "edges and no municipality is reached.",
        "warning: nieuw/sources.csv has a header but no rows: no source documents are listed.",
    ]


def test_a_filled_in_folder_validates(tmp_path):
    folder = tmp_path / "nieuw"
    assert main(["init", str(folder)]) == 0
    (folder / "programme.yaml").write_text("name: Buurtkracht\nshort_name:\n", encoding="utf-8")

    def append(name, line):  # as Dutch Excel saves it: semicolons, after the header
        with open(folder / name, "a", encoding="utf-8", newline="") as handle:
            handle.write(line + "\r\n")

    append("sources.csv", "verslag;Verslag 2024;het verslag;;2024;;;")
    append("initiatives.csv", "buurt;Buurtaanpak;pilot;verslag;1;;;;;;Een aanpak in buurten.")
    append("involvements.csv", "M1;buurt;;Oss;municipality;partner;;1-3-2024;")
    data = load_dataset(folder, year=2022)
    assert data.programme.name == "Buurtkracht" and data.warnings == ()
    assert data.involvements[["municipality_name", "event_date"]].values.tolist() == [["Oss", "2024-03-01"]]


def test_the_template_of_a_fresh_folder_has_its_columns(tmp_path):
    assert main(["init", str(tmp_path / "nieuw")]) == 0
    assert main(["template", "--data-dir", str(tmp_path / "nieuw"), "--output", str(tmp_path / "invoer.xlsx")]) == 0
    book = openpyxl.load_workbook(tmp_path / "invoer.xlsx")
    for name in ("initiatives", "involvements", "sources", "interpretations"):
        header = (tmp_path / "nieuw" / f"{name}.csv").read_text(encoding="utf-8-sig").strip().split(";")
        assert [cell.value for cell in book[name][1]] == header


def test_init_refuses_a_folder_that_is_not_empty_or_a_file(tmp_path, capsys):
    (tmp_path / "bezet").mkdir()
    (tmp_path / "bezet" / "notities.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "bestand").write_text("a file", encoding="utf-8")
    (tmp_path / "leeg").mkdir()
    assert main(["init", str(tmp_path / "bezet")]) == 2
    assert main(["init", str(tmp_path / "bestand")]) == 2
    assert untimed(capsys.readouterr().err).splitlines() == [
        f"vsv-analysis: {tmp_path}/bezet exists and is not empty; 'init' writes a new data folder only into a folder "
        "that does not exist yet or is empty, so that it never mixes with other files",
        f"vsv-analysis: {tmp_path}/bestand is a file; 'init' writes a new data folder, so give a folder that does not "
        "exist yet or is empty",
    ]
    assert sorted(path.name for path in (tmp_path / "bezet").iterdir()) == ["notities.txt"]
    assert main(["init", str(tmp_path / "leeg")]) == 0
    assert (tmp_path / "leeg" / "programme.yaml").is_file()
