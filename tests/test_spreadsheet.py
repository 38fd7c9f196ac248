"""Tables for Excel: the Dutch CSV dialect, XLSX workbooks, Dutch headings, and formula injection."""

import ast
import datetime
import io
import json
import sys

import openpyxl
import pandas as pd
import pytest
from conftest import PROJECT

from vsv_analysis.cli import main
from vsv_analysis.common.dutch import COLUMN_LABELS_NL, column_labels
from vsv_analysis.files.spreadsheet import neutralise, write_csv, write_workbook
from vsv_analysis.outputs.tables import TABLES, build_tables

HYPERLINK = '=HYPERLINK("http://evil.example/x","klik")'
CMD = "=cmd|' /C calc'!A0"


@pytest.fixture(scope="module")
def all_tables():
    return build_tables(list(TABLES), year=2022)


@pytest.fixture
def hostile_data(make_data):
    """A data folder whose names are formulas, as an attacker (or a careless paste) would write them."""
    return make_data(
        [f'p1,"{HYPERLINK.replace(chr(34), chr(34) * 2)}",pilot,doc,1,Water,,,"+31 coördinatie"'],
        ["M01,p1,Breda,municipality,partner,,,", f"M02,p1,{CMD},company,funder,,,@SUM(1+1)",
         "M03,p1,Tilburg,municipality,observer,,,-12"],
    )


def test_neutralise_follows_owasp_but_keeps_numbers():
    assert [neutralise(v) for v in ("=1+1", "+31 6", "-x", "@SUM(A1)", "\tx", "\rx")] == [
        "'=1+1", "'+31 6", "'-x", "'@SUM(A1)", "'\tx", "'\rx"]
    assert [neutralise(v) for v in ("-12", "+3.5", "-0,25", "Breda", "", 7, -2.5, None)] == [
        "-12", "+3.5", "-0,25", "Breda", "", 7, -2.5, None]


def test_excel_nl_csv_reads_back_with_semicolon_and_decimal_comma(tmp_path):
    path = tmp_path / "coverage.csv"
    assert main(["table", "coverage", "--year", "2022", "--dialect", "excel-nl", "--output", str(path)]) == 0
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == 66 and b"\n" not in raw.replace(b"\r\n", b"")
    back = pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig")
    province = back[(back["scenario"] == "named") & (back["scope_kind"] == "province")].iloc[0]
    assert province["share_pct"] == pytest.approx(23.214285714, abs=1e-9)  # a number, not text
    assert province["population_reached"] == 1315581
    assert province["is_bound"] == "nee"
    assert "23,214285714285715" in raw.decode("utf-8-sig")


def test_excel_nl_csv_with_dutch_labels_keeps_accents(tmp_path):
    path = tmp_path / "initiatives.csv"
    assert main(["table", "initiatives", "--dialect", "excel-nl", "--labels", "nl", "--output", str(path)]) == 0
    back = pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig")
    assert list(back.columns[:3]) == ["id initiatief", "initiatief", "soort"]
    assert set(back["soort"]) >= {"pilot", "methode", "fonds"}
    assert back["omschrijving"].str.contains("coördinatie").any()


def test_plain_csv_is_unchanged_for_programs(capsys):
    assert main(["table", "unreached", "--year", "2022"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("cbs_code,name,population,population_date,") and "\r" not in out
    assert not out.startswith("\ufeff")


def test_xlsx_sheet_header_filter_widths_formats_and_blanks(tmp_path):
    path = tmp_path / "tables.xlsx"
    assert main(["table", "municipalities", "coverage", "centrality", "--year", "2022", "--output", str(path)]) == 0
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["municipalities", "coverage", "centrality"]
    sheet = book["municipalities"]
    assert [cell.value for cell in sheet[1]][:4] == ["geography_year", "cbs_code", "name", "population"]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:H57"
    breda = next(row for row in sheet.iter_rows(min_row=2) if row[2].value == "Breda")
    assert (breda[0].value, breda[0].number_format) == (2022, "0")
    assert (breda[3].value, breda[3].number_format) == (184702, "#,##0")
    assert breda[7].value == "B5"
    alphen = next(row for row in sheet.iter_rows(min_row=2) if row[2].value == "Alphen-Chaam")
    assert alphen[7].value is None and alphen[7].data_type == "n"  # ...not an empty string
    assert sheet.column_dimensions["C"].width == len("Nuenen, Gerwen en Nederwetten") + 2
    coverage = book["coverage"]
    named = next(row for row in coverage.iter_rows(min_row=2) if row[0].value == "named")
    assert (named[6].value, named[6].number_format) == (pytest.approx(0.23214285714), "0.0%")
    centrality = book["centrality"]
    assert centrality["I2"].number_format == "0.000" and isinstance(centrality["I2"].value, float)


def test_xlsx_with_dutch_labels_uses_the_reports_words(tmp_path):
    path = tmp_path / "vsv.xlsx"
    assert main(["table", "all", "--labels", "nl", "--year", "2022", "--output", str(path)]) == 0
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["vermeldingen", "gemeenten", "initiatieven", "centraliteit", "overlap", "bereik",
                               "niet bereikt", "samen meer dan toeval", "groepen", "specialisatie"]
    pairs = book["samen meer dan toeval"]
    assert [cell.value for cell in pairs[1]][2:6] == ["gemeente", "en gemeente", "samen in initiatieven",
                                                      "bij toeval verwacht"]
    assert pairs.max_row == 1 + 27  # the 27 pairs of municipalities that share an initiative
    bereik = book["bereik"]
    assert [cell.value for cell in bereik[1]][:5] == ["code lezing", "lezing", "soort gebied", "gebied",
                                                     "gemeenten bereikt"]
    assert bereik["B2"].value == "Bij naam genoemd, alle rollen"
    sizes = {row[3].value for row in bereik.iter_rows(min_row=2) if row[2].value == "grootteklasse"}
    assert "100.000 inwoners of meer" in sizes


def test_xlsx_cells_are_dates_and_numbers_and_dutch_yes_and_no_under_dutch_labels(tmp_path):
    """As Excel users expect: a date cell for a day, text for a year alone, ja/nee (not WAAR/ONWAAR) in Dutch."""
    for labels, year in (("nl", "2022"), ("en", "2022"), ("nl", "2021")):
        path = tmp_path / f"{labels}-{year}.xlsx"
        assert main(["table", "municipalities", "involvements", "--labels", labels, "--year", year,
                     "--output", str(path)]) == 0
        municipalities, involvements = openpyxl.load_workbook(path).worksheets
        date, population = municipalities["E2"], municipalities["D2"]
        assert (population.value, population.data_type) == ((10373, "n") if year == "2021" else (10425, "n"))
        if year == "2021":  # an end-of-month figure whose month is not known: the year, as text
            assert (date.value, date.data_type) == ("2021", "s")
        else:
            assert (date.value, date.data_type) == (datetime.datetime(2022, 1, 1), "d")
            assert date.number_format == ("d-m-yyyy" if labels == "nl" else "yyyy-mm-dd")
        columns = [cell.value for cell in involvements[1]]
        resolved = [row[columns.index("herleid" if labels == "nl" else "is_resolved")] for row in
                    involvements.iter_rows(min_row=2)]
        if labels == "nl":
            assert {(cell.value, cell.data_type) for cell in resolved} == {("ja", "s"), ("nee", "s"), (None, "n")}
        else:  # for programs: real booleans
            assert {(cell.value, cell.data_type) for cell in resolved} == {(True, "b"), (False, "b"), (None, "n")}


def test_every_table_column_has_a_unique_dutch_label(all_tables):
    for name, frame in all_tables.items():
        labels = column_labels(name)
        assert [c for c in frame.columns if c not in labels] == [], name
        headings = [labels[c] for c in frame.columns]
        assert len(set(headings)) == len(headings), name


def test_dutch_labels_are_the_words_of_the_reports():
    """Where a notebook shows a table column under a heading, the spreadsheet heading is the same word."""
    context_dependent = {"name", "degree"}  # "gemeente" or "initiatief"; "initiatieven" or "gemeenten"
    checked = 0
    for notebook in sorted((PROJECT / "notebooks").glob("*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        for cell in (c for c in cells if c["cell_type"] == "code"):
            for node in ast.walk(ast.parse("".join(cell["source"]))):
                if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "show_table":
                    for key, heading in ast.literal_eval(node.args[1]).items():
                        if key in COLUMN_LABELS_NL and key not in context_dependent:
                            assert COLUMN_LABELS_NL[key] == heading, (notebook.name, key)
                            checked += 1
    assert checked >= 20


def test_formulas_in_names_stay_text_in_csv(hostile_data, capsys):
    assert main(["table", "involvements", "--data-dir", str(hostile_data), "--year", "2022"]) == 0
    rows = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype=str, keep_default_na=False)
    assert list(rows["initiative_name"].unique()) == ["'" + HYPERLINK]
    assert list(rows["name_as_written"]) == ["Breda", "'" + CMD, "Tilburg"]
    assert list(rows["note"]) == ["", "'@SUM(1+1)", "-12"]  # a number written as text is no formula


def test_formulas_in_names_are_text_cells_in_xlsx(hostile_data, tmp_path):
    path = tmp_path / "hostile.xlsx"
    assert main(["table", "involvements", "initiatives", "--data-dir", str(hostile_data), "--year", "2022",
                 "--output", str(path)]) == 0
    sheet = openpyxl.load_workbook(path)["involvements"]
    header = [cell.value for cell in sheet[1]]
    name = sheet.cell(row=2, column=header.index("initiative_name") + 1)
    party = sheet.cell(row=3, column=header.index("name_as_written") + 1)
    assert (name.value, name.data_type, name.quotePrefix) == (HYPERLINK, "s", True)
    assert (party.value, party.data_type) == (CMD, "s")
    initiative = openpyxl.load_workbook(path)["initiatives"]
    description = [cell.value for cell in initiative[2]][[c.value for c in initiative[1]].index("description")]
    assert description == "+31 coördinatie"  # no apostrophe inside the workbook: the cell type says "text"


def test_negative_numbers_stay_numbers(tmp_path):
    frame = pd.DataFrame({"label": ["-x", "-12"], "change": [-0.5, 2.0], "count": [-3, 4]})
    write_workbook({"t": frame}, tmp_path / "t.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx")["t"]
    assert [(c.value, c.data_type) for c in sheet[2]] == [("-x", "s"), (-0.5, "n"), (-3, "n")]
    assert [(c.value, c.data_type) for c in sheet[3]] == [("-12", "s"), (2, "n"), (4, "n")]
    buffer = io.BytesIO()
    write_csv(frame, buffer, "excel-nl")
    assert buffer.getvalue().decode("utf-8-sig").splitlines() == ["label;change;count", "'-x;-0,5;-3", "-12;2,0;4"]


def test_xlsx_goes_to_standard_output_when_it_is_not_a_terminal(tmp_path, monkeypatch, capsysbinary):
    assert main(["table", "unreached", "--format", "xlsx", "--year", "2022"]) == 0
    data = capsysbinary.readouterr().out
    assert data.startswith(b"PK")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["unreached"] and book["unreached"].max_row == 44


def test_xlsx_refuses_a_terminal(monkeypatch, capsys):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["table", "unreached", "--format", "xlsx"]) == 2
    assert "XLSX cannot go to the terminal" in capsys.readouterr().err


@pytest.mark.parametrize("argv, message", [
    (["table", "unreached", "coverage"], "a CSV file holds one table"),
    (["table", "unreached", "--format", "xlsx", "--dialect", "excel-nl", "--output", "x.xlsx"], "--dialect is for CSV"),
])
def test_table_usage_errors(argv, message, capsys):
    assert main(argv) == 2
    assert message in capsys.readouterr().err
