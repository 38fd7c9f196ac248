"""Malformed input gives one clear error naming file, row, column, value and what was expected."""

from pathlib import Path

import pytest
from conftest import untimed

from vsv_analysis.cli import main
from vsv_analysis.common.errors import DataError
from vsv_analysis.evidence.dataset import load_dataset


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(data_dir: Path) -> list[str]:
    """The messages, with the full path of the data folder's parent cut off to keep the tests short."""
    with pytest.raises(DataError) as caught:
        load_dataset(data_dir, year=2022)
    messages = [str(problem) for problem in caught.value.problems]
    assert all(message.startswith(f"{data_dir.parent}/") for message in messages)  # full paths, not shortened
    return [message.removeprefix(f"{data_dir.parent}/") for message in messages]


def test_built_in_data_is_valid():
    assert load_dataset(year=2022).involvements.shape[0] == 49


def test_missing_column(data_copy):
    edit(data_copy / "involvements.csv", ",role,", ",rol,")
    assert problems(data_copy) == [
        "data/involvements.csv, row 1, column 'role': expected a column named 'role' in the header row. "
        "Did you mean 'rol'?"]


def test_duplicate_id(data_copy):
    edit(data_copy / "involvements.csv", "M02,", "M01,")
    (message,) = problems(data_copy)
    assert message.startswith("data/involvements.csv, row 3, column 'mention_id': found 'M01'")
    assert "row 2 has it too" in message


def test_unknown_role_with_suggestion(data_copy):
    edit(data_copy / "involvements.csv", "Bernheze,municipality,partner", "Bernheze,municipality,partnr")
    (message,) = problems(data_copy)
    assert "row 9, column 'role': found 'partnr'" in message
    assert "expected one of: partner, participant" in message
    assert message.endswith("Did you mean 'partner'?")


def test_unknown_municipality_with_suggestion(data_copy):
    edit(data_copy / "involvements.csv", ",Bernheze,", ",Bernhezee,")
    (message,) = problems(data_copy)
    assert "row 9, column 'name_as_written': found 'Bernhezee'" in message
    assert "Did you mean 'Bernheze'" in message


def test_unknown_party_kind(data_copy):
    edit(data_copy / "involvements.csv", "Enpuls B.V.,company", "Enpuls B.V.,bedrijfje")
    (message,) = problems(data_copy)
    assert "column 'party_kind': found 'bedrijfje'" in message and "company (bedrijf)" in message
    assert message.endswith("Did you mean 'bedrijf'?")


def test_a_kind_or_role_may_be_written_as_its_dutch_label(data_copy):
    """As the workbook's drop-down lists offer them: the label, in any case, is read as the code."""
    edit(data_copy / "involvements.csv", "Enpuls B.V.,company,", "Enpuls B.V.,Bedrijf,")
    edit(data_copy / "involvements.csv", "Bernheze,municipality,partner", "Bernheze,gemeente,mede-ontwerper")
    data = load_dataset(data_copy, year=2022)
    rows = data.involvements.set_index("name_as_written")
    assert rows.loc["Enpuls B.V.", "party_kind"] == "company"
    assert tuple(rows.loc["Bernheze", ["party_kind", "role", "municipality_name"]]) == (
        "municipality", "co-designer", "Bernheze")


def test_empty_file(data_copy):
    (data_copy / "initiatives.csv").write_text("", encoding="utf-8")
    (message,) = problems(data_copy)
    assert message.startswith("data/initiatives.csv: expected a header row with the columns initiative_id")
    assert "(the file is empty)" in message


def test_wrong_delimiter(data_copy):
    path = data_copy / "sources.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",", "|"), encoding="utf-8")
    messages = problems(data_copy)
    assert "sources.csv, row 1, column 'source_id'" in messages[0]
    assert "is the delimiter ',' or ';'?" in messages[0]


def test_bad_encoding(data_copy):
    path = data_copy / "initiatives.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))
    (message,) = problems(data_copy)
    assert message.startswith("data/initiatives.csv, row 3: found 'byte 0xf6'")  # the ö of coördinatie
    assert "CSV UTF-8" in message


def test_utf16_file(data_copy):
    path = data_copy / "sources.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    (message,) = problems(data_copy)
    assert "UTF-16" in message


def test_excel_bom_and_semicolons_are_accepted(data_copy):
    import csv

    for name in ("initiatives.csv", "involvements.csv", "sources.csv"):
        path = data_copy / name
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle, delimiter=";", lineterminator="\r\n").writerows(rows)
    assert (data_copy / "involvements.csv").read_bytes().startswith(b"\xef\xbb\xbfmention_id;")
    data = load_dataset(data_copy, year=2022)
    assert len(data.named_municipalities()) == 13


def test_unknown_initiative_reference(data_copy):
    edit(data_copy / "involvements.csv", "M45,brabant_outcomes_fund", "M45,brabant_outcome_fund")
    (message,) = problems(data_copy)
    assert "column 'initiative_id': found 'brabant_outcome_fund'" in message
    assert "Did you mean 'brabant_outcomes_fund'?" in message


def test_count_that_is_not_a_number(data_copy):
    edit(data_copy / "initiatives.csv", ",57,member,", ",zevenenvijftig,member,")
    (message,) = problems(data_copy)
    assert "row 7, column 'reported_municipalities': found 'zevenenvijftig'; expected a whole number" in message


def test_impossible_date(data_copy):
    edit(data_copy / "involvements.csv", "2019-01-01", "2019-02-30")
    (message,) = problems(data_copy)
    assert "column 'event_date': found '2019-02-30'; expected an existing calendar date" in message


def test_too_many_values_in_a_row(data_copy):
    edit(data_copy / "involvements.csv", "M08,energietransitie_smalle_beurs,Bernheze,",
         "M08,energietransitie_smalle_beurs,Bernheze,extra,")
    (message,) = problems(data_copy)
    assert "row 9" in message and "must be put in double quotes" in message


def test_empty_required_cell(data_copy):
    edit(data_copy / "involvements.csv", ",Bernheze,municipality,", ",,municipality,")
    (message,) = problems(data_copy)
    assert "row 9, column 'name_as_written': found ''; expected a value (the cell is empty)" in message


def test_expansion_flag_on_a_municipality(data_copy):
    edit(data_copy / "involvements.csv", "Bernheze,municipality,partner,,", "Bernheze,municipality,partner,yes,")
    (message,) = problems(data_copy)
    assert "column 'expand_to_members': found 'yes'; expected an empty cell" in message


def test_count_without_role(data_copy):
    edit(data_copy / "initiatives.csv", ",12,member,", ",12,,")
    (message,) = problems(data_copy)
    assert "row 8, column 'reported_municipalities_role'" in message


def test_missing_file(data_copy):
    (data_copy / "sources.csv").unlink()
    (message,) = problems(data_copy)
    assert message.startswith("data/sources.csv: expected a CSV file at this path")


def test_several_problems_are_reported_together(data_copy):
    edit(data_copy / "involvements.csv", "Bernheze,municipality,partner", "Bernheze,municipality,partnr")
    edit(data_copy / "involvements.csv", "Enpuls B.V.,company", "Enpuls B.V.,bedrijfje")
    edit(data_copy / "initiatives.csv", ",57,member,", ",zevenenvijftig,member,")
    messages = problems(data_copy)
    assert [message.split(":")[0] for message in messages] == [
        "data/initiatives.csv, row 7, column 'reported_municipalities'",
        "data/involvements.csv, row 8, column 'party_kind'",
        "data/involvements.csv, row 9, column 'role'",
    ]


def test_cli_validate_reports_without_traceback(data_copy, capsys, monkeypatch):
    monkeypatch.chdir(data_copy.parent)
    edit(data_copy / "involvements.csv", ",Bernheze,", ",Bernhezee,")
    assert main(["validate", "--data-dir", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert untimed(err).splitlines() == [
        "1 problem in the input data:",
        "- data/involvements.csv, row 9, column 'name_as_written': found 'Bernhezee'; expected a municipality name "
        "known to the reference (municipalities.csv, regions.csv or name_aliases.csv); add an alias there if this "
        "spelling is right. Did you mean 'Bernheze'?",
    ]


def test_cli_validate_good_data(capsys):
    assert main(["validate", "--year", "2022"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK: 9 initiatives, 49 mentions; 13 of 56 municipalities named (geography 2022)")
    assert "2 unresolved: Galderen, M7" in out


def test_optional_columns_may_be_left_out(make_data):
    folder = make_data(["a,Alpha,pilot,doc,1,,,,First"], ["m1,a,Breda,municipality,partner,,,"])
    path = folder / "involvements.csv"
    path.write_text("mention_id,initiative_id,name_as_written,party_kind,role\nm1,a,Breda,municipality,partner\n",
                    encoding="utf-8")
    data = load_dataset(folder, year=2022)
    assert data.involvements.loc[0, "note"] == "" and data.involvements.loc[0, "municipality_name"] == "Breda"


def test_a_label_must_tell_the_values_apart(data_copy, monkeypatch):
    """A label two roles share, or that is another role's code, would be read as the wrong role: refused."""
    from vsv_analysis.evidence.vocabulary import default_vocabulary, load_vocabulary

    monkeypatch.chdir(data_copy.parent)
    for column in ("role", "party_kind", "kind"):  # the shipped labels do tell them apart
        labels = [label.casefold() for label in default_vocabulary().labels(column).values()]
        assert len(set(labels)) == len(labels)
    (data_copy / "vocabularies").mkdir()
    (data_copy / "vocabularies" / "roles.csv").write_text(
        "role,label_nl,plural_nl,default_weight,takes_part\n"
        "host,Deelnemer,gastheren,1.0,yes\nguest,partner,gasten,0.5,no\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_vocabulary(data_copy)
    assert [str(problem) for problem in caught.value.problems] == [
        "data/vocabularies/roles.csv, column 'label_nl': found 'Deelnemer'; expected a label for 'host' that no "
        "other value uses; 'participant' has it already (as its label or code), so the label cannot tell them apart.",
        "data/vocabularies/roles.csv, column 'label_nl': found 'partner'; expected a label for 'guest' that no "
        "other value uses; 'partner' has it already (as its label or code), so the label cannot tell them apart.",
    ]
