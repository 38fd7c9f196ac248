"""Evidence in an Excel workbook: the input template, reading it back, and its messages."""

import datetime
import functools
import shutil
import subprocess

import openpyxl
import pandas as pd
import pytest
from conftest import INITIATIVES_HEADER, INVOLVEMENTS_HEADER, untimed

from vsv_analysis.cli import main
from vsv_analysis.common.errors import DataError
from vsv_analysis.common.locations import default_data_dir
from vsv_analysis.evidence.dataset import load_dataset
from vsv_analysis.evidence.layout import empty_columns
from vsv_analysis.evidence.specs import evidence_specs
from vsv_analysis.evidence.template import write_template
from vsv_analysis.evidence.templatetexts import COLUMN_HELP_NL
from vsv_analysis.evidence.vocabulary import load_vocabulary
from vsv_analysis.files.csvfiles import TRUE_WORDS
from vsv_analysis.files.workbook import cell_text

SHEETS = ["initiatives", "involvements", "sources", "interpretations"]


@pytest.fixture(scope="module")
def empty_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "invoer.xlsx"
    assert write_template(path, year=2022) == dict.fromkeys(SHEETS, 0)
    return path


def header(sheet) -> list:
    return [cell.value for cell in sheet[1]]


def validations(sheet) -> dict[str, tuple[str, str, bool]]:
    """Each validated column's header → (its cells, the list's formula, whether other values are refused)."""
    names = header(sheet)
    found = {}
    for validation in sheet.data_validations.dataValidation:
        (cells,) = validation.sqref.ranges
        assert validation.type == "list"
        # Excel repairs (drops) a validation whose title exceeds 32 characters or whose message exceeds 255
        assert all(len(text or "") <= 32 for text in (validation.errorTitle, validation.promptTitle))
        assert all(len(text or "") <= 255 for text in (validation.error, validation.prompt))
        found[names[cells.min_col - 1]] = (cells.coord, validation.formula1, bool(validation.showErrorMessage))
    return found


def fill_rows(book, sheet_name: str, rows: list[dict]) -> None:
    """Type ``rows`` (column → value) into a sheet from row 2 on, as an evaluator would."""
    sheet = book[sheet_name]
    columns = header(sheet)
    for row_number, row in enumerate(rows, 2):
        for column, value in row.items():
            sheet.cell(row=row_number, column=columns.index(column) + 1, value=value)


def list_values(book, formula: str) -> list[str]:
    title, cells = formula.split("!")
    return [row[0].value for row in book[title][cells.replace("$", "")]]


def problems(folder) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(folder, year=2022)
    return [str(problem) for problem in caught.value.problems]


# -- the template --------------------------------------------------------------------------------------------


def test_template_has_a_sheet_per_evidence_file_with_the_csv_headers(empty_template):
    book = openpyxl.load_workbook(empty_template)
    assert book.sheetnames == [*SHEETS, "lijsten"]
    specs = evidence_specs(load_vocabulary())
    for sheet_name in SHEETS:
        sheet = book[sheet_name]
        assert header(sheet) == empty_columns(f"{sheet_name}.csv", specs[f"{sheet_name}.csv"])
        assert sheet.max_row == 1 and all(cell.font.bold for cell in sheet[1])
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:{sheet[1][-1].column_letter}1"
    assert header(book["initiatives"]) == INITIATIVES_HEADER.split(",")[:5] + ["source_heading"] + \
        INITIATIVES_HEADER.split(",")[5:8] + ["period", "description"]  # the column order of data/README.md
    assert set(INVOLVEMENTS_HEADER.split(",")) <= set(header(book["involvements"]))
    lists = book["lijsten"]
    assert lists.sheet_state == "hidden" and lists.protection.sheet


def test_every_header_has_a_dutch_comment_saying_whether_it_is_required(empty_template):
    book = openpyxl.load_workbook(empty_template)
    involvements = {cell.value: cell.comment.text for cell in book["involvements"][1]}
    assert involvements["mention_id"] == "Verplicht. Korte, unieke code van deze vermelding (bijvoorbeeld M01)."
    assert involvements["event_date"].startswith("Niet verplicht. Een datum die het document bij deze vermelding")
    assert involvements["role"].startswith("Verplicht. De rol van de partij in het initiatief; kies uit de lijst.\n"
                                           "Keuzes: partner; deelnemer (participant); mede-ontwerper (co-designer);")
    assert involvements["role"].endswith("; toehoorder (observer).")  # the label the list shows, and its code
    initiatives = {cell.value: cell.comment.text for cell in book["initiatives"][1]}
    assert initiatives["reported_municipalities_role"].startswith("Niet verplicht. De rol van die gemeenten")
    assert initiatives["source_heading"] == "Niet verplicht. De kop van het onderdeel, zoals het document hem schrijft."
    assert all(cell.comment.author == "vsv-analysis" for name in SHEETS for cell in book[name][1])
    specs = evidence_specs(load_vocabulary())
    missing = [(file_name, column) for file_name, spec in specs.items() for column in spec.names
               if (file_name.removesuffix(".csv"), column) not in COLUMN_HELP_NL]
    assert missing == []  # a column added to a spec needs its Dutch help text


def test_drop_down_lists_for_coded_columns_and_help_lists_for_names(empty_template):
    book = openpyxl.load_workbook(empty_template)
    vocabulary = load_vocabulary()
    involvements = validations(book["involvements"])
    columns = header(book["involvements"])
    letter = {name: openpyxl.utils.get_column_letter(columns.index(name) + 1) for name in columns}
    assert involvements["role"][0] == f"{letter['role']}2:{letter['role']}1048576"  # every row a sheet can have
    assert involvements["role"][2] and involvements["party_kind"][2] and involvements["expand_to_members"][2]
    assert list_values(book, involvements["role"][1]) == list(vocabulary.labels("role").values())  # Dutch words
    assert list_values(book, involvements["party_kind"][1])[4] == "waterschap"
    assert list_values(book, involvements["expand_to_members"][1]) == ["ja", "nee"]
    cells, formula, refuses = involvements["name_as_written"]
    assert not refuses  # any spelling may be right: a help, not a limit
    names = list_values(book, formula)
    assert len(names) == 56 + 9 and names[0] == "'s-Hertogenbosch" and "Land van Cuijk" in names
    assert names[-9:] == sorted(["West-Brabant", "Hart van Brabant", "Noordoost-Brabant", "Zuidoost-Brabant",
                                 "West-Noord-Brabant", "Midden-Noord-Brabant", "Noordoost-Noord-Brabant",
                                 "Zuidoost-Noord-Brabant", "B5"], key=str.casefold)
    assert involvements["initiative_id"][1:] == ("OFFSET(initiatives!$A$2,0,0,MAX(1,COUNTA(initiatives!$A:$A)-1),1)",
                                                 False)  # as many ids as the sheet initiatives has
    assert involvements["source_id"][1:] == ("OFFSET(sources!$A$2,0,0,MAX(1,COUNTA(sources!$A:$A)-1),1)", False)
    initiatives = validations(book["initiatives"])
    assert initiatives["kind"][1] == f"lijsten!$A$2:$A${len(vocabulary.values('kind')) + 1}"
    assert initiatives["reported_municipalities_role"][1] == involvements["role"][1]
    assert set(initiatives) == {"kind", "source_id", "reported_municipalities_role"}
    assert set(validations(book["sources"])) == {"date_is_inferred"}
    assert set(validations(book["interpretations"])) == {"initiative_id", "is_uncertain"}


def test_text_columns_keep_what_is_typed_and_counts_are_numbers(empty_template):
    sheet = openpyxl.load_workbook(empty_template)["initiatives"]
    formats = {cell.value: sheet.column_dimensions[cell.column_letter].number_format for cell in sheet[1]}
    assert formats["source_section"] == "@" and formats["initiative_id"] == "@"  # 3.2 stays 3.2, not 3 Feb
    assert formats["reported_municipalities"] == "General"


def test_lists_follow_the_year_and_the_data_folders_vocabularies(make_data, tmp_path):
    folder = make_data(["a,Alpha,pilot,doc,1,,,,First"], ["m1,a,Boxmeer,municipality,host,,,"])
    (folder / "vocabularies").mkdir()
    (folder / "vocabularies" / "roles.csv").write_text(
        "role,label_nl,plural_nl,default_weight,takes_part,description\nhost,gastheer,gastheren,1.0,yes,hosts it\n",
        encoding="utf-8")
    path = tmp_path / "invoer-2021.xlsx"
    write_template(path, folder, year=2021)
    book = openpyxl.load_workbook(path)
    involvements = validations(book["involvements"])
    assert list_values(book, involvements["role"][1])[-1] == "gastheer"
    names = list_values(book, involvements["name_as_written"][1])
    assert len(names) == 61 + 9 and "Boxmeer" in names and "Land van Cuijk" not in names
    role_comment = book["involvements"].cell(row=1, column=header(book["involvements"]).index("role") + 1).comment
    assert role_comment.text.endswith("; gastheer (host).")


def test_template_refuses_to_replace_a_file_or_write_into_the_data_folder(data_copy, tmp_path, capsys):
    existing = tmp_path / "ingevuld.xlsx"
    existing.write_bytes(b"filled in")
    assert main(["template", "--output", str(existing)]) == 2
    assert existing.read_bytes() == b"filled in"
    assert main(["template", "--output", str(data_copy / "invoer.xlsx"), "--data-dir", str(data_copy)]) == 2
    assert not (data_copy / "invoer.xlsx").exists()
    assert main(["template", "--output", str(tmp_path / "invoer.csv")]) == 2
    err = untimed(capsys.readouterr().err).splitlines()
    assert err == [
        f"vsv-analysis: {existing} exists already; the template never replaces a file, which may hold filled-in "
        "evidence: remove it first, or choose another name",
        f"vsv-analysis: {data_copy}/invoer.xlsx lies inside the data folder {data_copy}, and the tool never writes "
        "into a data folder: write the template elsewhere, and move it in yourself when it is to replace the CSV "
        "files",
        "vsv-analysis: the template is an Excel workbook: give it a name ending in .xlsx, such as invoer.xlsx, "
        "not 'invoer.csv'",
    ]


# -- the round trip ------------------------------------------------------------------------------------------


def test_template_with_data_validates_as_the_csv_files(tmp_path, capsys):
    folder = tmp_path / "uit-excel"
    assert main(["template", "--with-data", "--year", "2022", "--output", str(folder / "evidence.xlsx")]) == 0
    out, err = capsys.readouterr()
    assert (out, untimed(err)) == (f"{folder}/evidence.xlsx\n", "wrote the input workbook (rows: initiatives 9, "
                                                                  "involvements 49, sources 1, interpretations 17)\n")
    shutil.copy(default_data_dir() / "programme.yaml", folder)
    assert main(["validate", "--year", "2022", "--data-dir", str(folder)]) == 0
    from_workbook = capsys.readouterr()
    assert main(["validate", "--year", "2022"]) == 0
    from_csv = capsys.readouterr()
    assert from_workbook.out == from_csv.out
    assert from_workbook.out.startswith("OK: 9 initiatives, 49 mentions; 13 of 56 municipalities named")
    assert untimed(from_workbook.err) == untimed(from_csv.err)

    ours, theirs = load_dataset(year=2022), load_dataset(folder, year=2022)
    for table in ("initiatives", "involvements", "interpretations"):
        pd.testing.assert_frame_equal(getattr(theirs, table), getattr(ours, table))
    # yes and no become ja and nee, the words of the workbook's drop-down list; they mean the same
    inferred = [value.casefold() in TRUE_WORDS for value in theirs.sources["date_is_inferred"]]
    assert theirs.sources["date_is_inferred"].tolist() == ["ja"] and inferred == [True]
    pd.testing.assert_frame_equal(theirs.sources.drop(columns="date_is_inferred"),
                                  ours.sources.drop(columns="date_is_inferred"))


def test_pre_filled_cells_are_typed_and_formula_safe(make_data, tmp_path):
    hostile = "=HYPERLINK(\"http://evil.example\",\"klik\")"
    folder = make_data(["a,Alpha,pilot,doc,1,,57,member,First"],
                       [f'm1,a,"{hostile.replace(chr(34), chr(34) * 2)}",company,funder,,,@SUM(1+1)',
                        "m2,a,West-Brabant,region,requester,yes,2021,"])
    path = tmp_path / "bewerken.xlsx"
    write_template(path, folder, year=2022, with_data=True)
    book = openpyxl.load_workbook(path)
    involvements = book["involvements"]
    columns = header(involvements)
    name = involvements.cell(row=2, column=columns.index("name_as_written") + 1)
    assert name.value == hostile and name.data_type == "s" and name.quotePrefix  # text, never a formula
    note = involvements.cell(row=2, column=columns.index("note") + 1)
    assert note.value == "@SUM(1+1)" and note.quotePrefix
    assert involvements.cell(row=3, column=columns.index("expand_to_members") + 1).value == "ja"
    assert involvements.cell(row=3, column=columns.index("event_date") + 1).value == "2021"  # a year stays text
    assert [involvements.cell(row=row, column=columns.index("role") + 1).value for row in (2, 3)] == [
        "financier", "aanvrager"]  # the labels of the drop-down list
    initiatives = book["initiatives"]
    count = initiatives.cell(row=2, column=header(initiatives).index("reported_municipalities") + 1)
    assert count.value == 57 and count.data_type == "n"
    assert validations(involvements)["role"][0] == "E2:E1048576"  # below the data's 2 rows too

    moved = tmp_path / "werkmap"
    moved.mkdir()
    shutil.copy(path, moved)
    data = load_dataset(moved, year=2022)
    assert data.involvements["name_as_written"].tolist() == [hostile, "West-Brabant"]
    assert data.involvements["note"].tolist() == ["@SUM(1+1)", ""]
    assert data.involvements["expand_to_members"].tolist() == [False, True]
    assert data.initiatives["reported_municipalities"].tolist() == [57]


def test_a_template_filled_in_from_scratch_validates(empty_template, tmp_path, capsys):
    book = openpyxl.load_workbook(empty_template)  # as an evaluator would: open, type, save

    fill = functools.partial(fill_rows, book)
    fill("sources", [{"source_id": "jaarverslag", "title": "Jaarverslag 2023", "date": 2023.0,
                      "date_is_inferred": "nee"}])
    fill("initiatives", [
        {"initiative_id": "buurt", "initiative_name": "Buurtaanpak", "kind": "pilot", "source_id": "jaarverslag",
         "source_section": 3.2, "description": "Een aanpak in buurten."},
        {"initiative_id": "netwerk", "initiative_name": "Lerend netwerk", "kind": "network",
         "source_id": "jaarverslag", "source_section": 4, "reported_municipalities": 12,
         "reported_municipalities_role": "member", "description": "Een netwerk van gemeenten."}])
    fill("involvements", [
        {"mention_id": "M1", "initiative_id": "buurt", "name_as_written": "Breda", "party_kind": "municipality",
         "role": "partner", "event_date": datetime.datetime(2023, 3, 15)},
        {"mention_id": "M2", "initiative_id": "buurt", "name_as_written": "Gemeente Tilburg",
         "party_kind": "municipality", "role": "observer"},
        {"mention_id": "M3", "initiative_id": "netwerk", "name_as_written": "West-Brabant", "party_kind": "region",
         "role": "member", "expand_to_members": True, "event_date": 2023}])
    folder = tmp_path / "nieuw-programma"
    folder.mkdir()
    book.save(folder / "invoer.xlsx")

    assert main(["validate", "--year", "2022", "--data-dir", str(folder)]) == 0
    assert capsys.readouterr().out == ("OK: 2 initiatives, 3 mentions; 2 of 56 municipalities named (geography "
                                       "2022); 1 initiatives report counts without names\n")
    data = load_dataset(folder, year=2022)
    assert data.sources["date"].tolist() == ["2023"]  # the number 2023, not "2023.0"
    assert data.initiatives["source_section"].tolist() == ["3.2", "4"]
    assert data.involvements["event_date"].tolist() == ["2023-03-15", "", "2023"]  # a date cell as YYYY-MM-DD
    assert data.involvements["expand_to_members"].tolist() == [False, False, True]  # TRUE read as yes
    assert data.interpretations.empty and data.programme.name == "het programma"


def test_the_lists_offer_dutch_labels_with_the_codes_hidden_beside_them(empty_template):
    lists = openpyxl.load_workbook(empty_template)["lijsten"]
    vocabulary = load_vocabulary()
    columns = {cell.value: cell.column_letter for cell in lists[1]}
    assert list(columns) == ["soort initiatief", "kind (code)", "soort partij", "party_kind (code)", "rol",
                             "role (code)", "ja of nee", "gemeente of regio (2022)"]
    for label_header, table in (("soort initiatief", "kind"), ("soort partij", "party_kind"), ("rol", "role")):
        labels, codes = columns[label_header], columns[f"{table} (code)"]
        assert lists.column_dimensions[codes].hidden and not lists.column_dimensions[labels].hidden
        pairs = [(row[1].value, row[0].value) for row in lists[f"{labels}2:{codes}{len(vocabulary.values(table)) + 1}"]]
        assert pairs == list(vocabulary.labels(table).items())
    assert lists["F3"].value == "participant" and lists["E3"].value == "deelnemer"


def test_pre_filled_dates_are_date_cells_shown_the_dutch_way(tmp_path):
    write_template(tmp_path / "bewerken.xlsx", year=2022, with_data=True)
    book = openpyxl.load_workbook(tmp_path / "bewerken.xlsx")
    involvements = book["involvements"]
    columns = header(involvements)
    dates = [row[columns.index("event_date")] for row in involvements.iter_rows(min_row=2)]
    filled = [cell for cell in dates if cell.value is not None]
    assert {(cell.value, cell.data_type, cell.number_format) for cell in filled} == {
        (datetime.datetime(2019, 1, 1), "d", "d-m-yyyy"), (datetime.datetime(2022, 1, 1), "d", "d-m-yyyy")}
    source = book["sources"]
    date = source.cell(row=2, column=header(source).index("date") + 1)
    assert (date.value, date.data_type) == ("2021", "s")  # a year alone is no day: it stays as written


def test_a_workbook_filled_in_with_the_lists_words_reads_as_the_codes(empty_template, tmp_path, monkeypatch):
    book = openpyxl.load_workbook(empty_template)

    fill = functools.partial(fill_rows, book)
    fill("sources", [{"source_id": "verslag", "title": "Verslag"}])
    fill("initiatives", [{"initiative_id": "net", "initiative_name": "Netwerk", "kind": "netwerk",
                          "source_id": "verslag", "reported_municipalities": 4,
                          "reported_municipalities_role": "lid", "description": "Een netwerk."}])
    fill("involvements", [
        {"mention_id": "M1", "initiative_id": "net", "name_as_written": "Breda", "party_kind": "gemeente",
         "role": "Deelnemer"},  # Excel's list ignores case, and so does the reader
        {"mention_id": "M2", "initiative_id": "net", "name_as_written": "Aa en Maas", "party_kind": "waterschap",
         "role": "mede-ontwerper"},
        {"mention_id": "M3", "initiative_id": "net", "name_as_written": "Tilburg", "party_kind": "municipality",
         "role": "observer"}])  # a code, as an older workbook or a CSV file holds it, still reads
    folder = tmp_path / "data"
    folder.mkdir()
    book.save(folder / "invoer.xlsx")
    data = load_dataset(folder, year=2022)
    assert data.initiatives[["kind", "reported_municipalities_role"]].values.tolist() == [["network", "member"]]
    assert data.involvements[["party_kind", "role"]].values.tolist() == [
        ["municipality", "participant"], ["water-board", "co-designer"], ["municipality", "observer"]]

    monkeypatch.chdir(tmp_path)
    book["involvements"].cell(row=2, column=header(book["involvements"]).index("role") + 1, value="deelnemr")
    book.save(folder / "invoer.xlsx")
    (message,) = problems(folder)
    assert message.startswith("data/invoer.xlsx, sheet 'involvements', row 2, column 'role': found 'deelnemr'; "
                              "expected one of: partner, participant (deelnemer), co-designer (mede-ontwerper), ")
    assert message.endswith("Did you mean 'deelnemer'?")


# -- reading and its messages --------------------------------------------------------------------------------


@pytest.fixture
def workbook_folder(tmp_path):
    """A data folder holding the built-in evidence as a workbook, and a function to edit one of its cells."""
    folder = tmp_path / "data"
    write_template(tmp_path / "evidence.xlsx", year=2022, with_data=True)
    folder.mkdir()
    shutil.move(tmp_path / "evidence.xlsx", folder / "evidence.xlsx")

    def edit(sheet_name, row, column, value, data_type=None):
        book = openpyxl.load_workbook(folder / "evidence.xlsx")
        sheet = book[sheet_name]
        cell = sheet.cell(row=row, column=header(sheet).index(column) + 1, value=value)
        if data_type:
            cell.data_type = data_type
        book.save(folder / "evidence.xlsx")

    return folder, edit


def test_a_wrong_role_names_the_workbook_sheet_excel_row_and_column(workbook_folder, monkeypatch):
    folder, edit = workbook_folder
    monkeypatch.chdir(folder.parent)
    edit("involvements", 7, "role", "partnr")
    (message,) = problems(folder)
    assert message.startswith("data/evidence.xlsx, sheet 'involvements', row 7, column 'role': found 'partnr'; "
                              "expected one of: ")
    assert message.endswith("Did you mean 'partner'?")


def test_rows_are_numbered_as_excel_numbers_them_blank_rows_included(workbook_folder, monkeypatch):
    folder, edit = workbook_folder
    monkeypatch.chdir(folder.parent)
    book = openpyxl.load_workbook(folder / "evidence.xlsx")
    book["involvements"].insert_rows(3, amount=2)  # two empty rows after the first mention
    book.save(folder / "evidence.xlsx")
    edit("involvements", 9, "party_kind", "firma")  # what was row 7
    assert [message.split(": found")[0] for message in problems(folder)] == [
        "data/evidence.xlsx, sheet 'involvements', row 9, column 'party_kind'"]


def test_formulas_and_error_values_are_refused(workbook_folder, monkeypatch):
    folder, edit = workbook_folder
    monkeypatch.chdir(folder.parent)
    edit("involvements", 3, "name_as_written", "=A2")
    edit("initiatives", 4, "initiative_name", "#N/A", data_type="e")
    assert problems(folder) == [
        "data/evidence.xlsx, sheet 'initiatives', row 4, column 'initiative_name': found '#N/A'; expected a value, "
        "not a spreadsheet error; correct or empty the cell.",
        "data/evidence.xlsx, sheet 'involvements', row 3, column 'name_as_written': found '=A2'; expected a value "
        "typed in, not a formula: type the value itself (text that must start with '=' is typed with an apostrophe "
        "in front, '=…, so that Excel keeps it as text).",
    ]


def test_a_missing_sheet_or_column_is_named(workbook_folder, monkeypatch):
    folder, edit = workbook_folder
    monkeypatch.chdir(folder.parent)
    book = openpyxl.load_workbook(folder / "evidence.xlsx")
    book["sources"].title = "bronnen"
    book["interpretations"].title = "uitleg"  # optional: without it there are no reading choices
    book["initiatives"]["C1"] = "soort"
    book.save(folder / "evidence.xlsx")
    assert problems(folder) == [
        "data/evidence.xlsx, sheet 'initiatives', row 1, column 'kind': expected a column named 'kind' in the "
        "header row.",
        "data/evidence.xlsx: expected a sheet named 'sources' (its sheets are 'initiatives', 'involvements', "
        "'bronnen', 'uitleg', 'lijsten').",
    ]


def test_an_empty_sheet_and_a_value_without_a_column_name_are_named(workbook_folder, monkeypatch):
    folder, _ = workbook_folder
    monkeypatch.chdir(folder.parent)
    book = openpyxl.load_workbook(folder / "evidence.xlsx")
    book["sources"].delete_rows(1, 2)
    book["initiatives"].cell(row=5, column=30, value="vergeten")
    book.save(folder / "evidence.xlsx")
    assert problems(folder) == [
        "data/evidence.xlsx, sheet 'initiatives', row 5, column 'AD (no name)': found 'vergeten'; expected no value "
        "in a column without a name: give the column a name in the header row, or empty it.",
        "data/evidence.xlsx, sheet 'sources': expected a header row with the columns source_id, title (the sheet is "
        "empty).",
    ]


def test_csv_files_beside_a_workbook_are_refused(workbook_folder, monkeypatch, capsys):
    folder, _ = workbook_folder
    monkeypatch.chdir(folder.parent)
    shutil.copy(default_data_dir() / "involvements.csv", folder)
    shutil.copy(default_data_dir() / "sources.csv", folder)
    assert main(["validate", "--data-dir", "data"]) == 1
    assert untimed(capsys.readouterr().err).splitlines()[:2] == [
        "1 problem in the input data:",
        "- data: expected the evidence either as CSV files or as one workbook, not both, but it holds the workbook "
        "evidence.xlsx and involvements.csv and sources.csv: to use the workbook, move involvements.csv and "
        "sources.csv out of the folder; to use the CSV files, move evidence.xlsx out."]


def test_two_workbooks_are_refused_and_excel_lock_files_ignored(workbook_folder, monkeypatch):
    folder, _ = workbook_folder
    monkeypatch.chdir(folder.parent)
    (folder / "~$evidence.xlsx").write_bytes(b"Excel's lock file while the workbook is open")
    assert load_dataset(folder, year=2022).involvements.shape[0] == 49
    shutil.copy(folder / "evidence.xlsx", folder / "evidence-oud.xlsx")
    assert problems(folder) == [
        "data: expected at most one workbook (.xlsx) with the evidence, but it holds evidence-oud.xlsx, "
        "evidence.xlsx: keep the one with the evidence and move the others out of the folder."]


def test_a_file_that_is_no_workbook_is_one_message(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "evidence.xlsx").write_text(INITIATIVES_HEADER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert problems(folder) == [
        "data/evidence.xlsx: expected an Excel workbook (.xlsx) that can be opened (File is not a zip file); save it "
        "from Excel as 'Excel Workbook (*.xlsx)', without a password."]


def test_cell_values_become_the_text_of_the_csv_file():
    assert [cell_text(v) for v in (None, 2021, 2021.0, 57.0, 3.2, 0.1 + 0.2, True, False, "  Breda ")] == [
        "", "2021", "2021", "57", "3.2", "0.3", "yes", "no", "  Breda "]
    assert cell_text(datetime.datetime(2019, 1, 1)) == "2019-01-01"
    assert cell_text(datetime.date(2019, 1, 1)) == "2019-01-01"
    assert cell_text(datetime.datetime(2019, 1, 1, 14, 30)) == "2019-01-01 14:30:00"  # refused where a date goes


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_template_saved_by_libreoffice_still_validates(tmp_path):
    """A workbook saved by a real spreadsheet program (not openpyxl) reads the same."""
    write_template(tmp_path / "evidence.xlsx", year=2022, with_data=True)
    subprocess.run([shutil.which("soffice"), f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(tmp_path / "data"), str(tmp_path / "evidence.xlsx")],
                   check=True, capture_output=True, timeout=120)
    data = load_dataset(tmp_path / "data", year=2022)
    assert data.summary() == load_dataset(year=2022).summary()
    book = openpyxl.load_workbook(tmp_path / "data" / "evidence.xlsx")
    assert book["lijsten"].sheet_state == "hidden" and validations(book["involvements"])["role"][2]
    assert validations(book["involvements"])["initiative_id"][1].startswith("OFFSET(initiatives!$A$2,")
    roles = header(book["involvements"]).index("role")
    assert book["involvements"].cell(row=2, column=roles + 1).value == "partner"
    assert "toehoorder" in [row[roles].value for row in book["involvements"].iter_rows(min_row=2)]
