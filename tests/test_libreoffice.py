"""The Dutch CSV dialect and the Dutch workbook opened by a real spreadsheet: LibreOffice Calc, headless, with
Dutch (nl-NL) settings.

Skipped where LibreOffice is not installed (`apt-get install libreoffice-calc-nogui`).
"""

import shutil
import subprocess

import openpyxl
import pytest

from vsv_analysis.cli import main

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")

# CSV import options: separator ';' (59), quote '"' (34), UTF-8 (76), from line 1, no column types,
# language Dutch (Netherlands) (1043), quoted fields not forced to text, special numbers detected.
NL_NL = "CSV:59,34,76,1,,1043,false,true"
EN_US = "CSV:59,34,76,1,,1033,false,true"


def open_in_calc(csv_file, options, tmp_path):
    """Convert with LibreOffice's CSV import as a Dutch user's Calc would read it; return the first sheet."""
    out = tmp_path / f"out-{options[-12:].replace(',', '')}"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    f"--infilter={options}", "--convert-to", "xlsx", "--outdir", str(out), str(csv_file)],
                   check=True, capture_output=True, timeout=120)
    return openpyxl.load_workbook(out / (csv_file.stem + ".xlsx")).active


def test_dutch_csv_opens_as_columns_with_numbers(tmp_path):
    path = tmp_path / "bereik.csv"
    assert main(["table", "coverage", "--year", "2022", "--dialect", "excel-nl", "--labels", "nl",
                 "--output", str(path)]) == 0
    sheet = open_in_calc(path, NL_NL, tmp_path)
    assert [cell.value for cell in sheet[1]][:7] == ["code lezing", "lezing", "soort gebied", "gebied",
                                                    "gemeenten bereikt", "van", "% van de gemeenten"]
    row = [cell.value for cell in sheet[2]]
    assert row[1] == "Bij naam genoemd, alle rollen" and row[4:6] == [13, 56]
    assert row[6] == pytest.approx(23.2142857142857)  # decimal comma read as a number
    assert row[11] == "nee"
    # The same file read with US settings shows why the dialect matters: 23,2142… is no number there.
    us = [cell.value for cell in open_in_calc(path, EN_US, tmp_path)[2]]
    assert not isinstance(us[6], float)


def test_formulas_stay_text_in_calc(make_data, tmp_path):
    folder = make_data(['p1,"=HYPERLINK(""http://evil.example"",""klik"")",pilot,doc,1,,,,Test'],
                       ["M01,p1,Breda,municipality,partner,,,", "M02,p1,=1+1,company,funder,,,"])
    path = tmp_path / "vermeldingen.csv"
    assert main(["table", "involvements", "--data-dir", str(folder), "--year", "2022", "--dialect", "excel-nl",
                 "--output", str(path)]) == 0
    sheet = open_in_calc(path, NL_NL, tmp_path)
    header = [cell.value for cell in sheet[1]]
    name = sheet.cell(row=2, column=header.index("initiative_name") + 1)
    party = sheet.cell(row=3, column=header.index("name_as_written") + 1)
    assert name.data_type == "s" and "HYPERLINK" in name.value
    assert party.data_type == "s" and party.value.endswith("=1+1")
    # Without the apostrophe Calc runs it: the control that shows the check above can fail.
    raw = tmp_path / "raw.csv"
    raw.write_bytes(b"a;b\r\n=1+1;x\r\n")
    assert open_in_calc(raw, NL_NL, tmp_path)["A2"].data_type == "f"


def test_the_dutch_workbook_shows_dates_as_dates_and_yes_as_ja(tmp_path):
    """Calc writes each cell as it shows it: a date cell in the Dutch format, ja and nee, numbers as numbers."""
    path = tmp_path / "tabellen.xlsx"
    assert main(["table", "municipalities", "involvements", "--labels", "nl", "--year", "2022", "--output",
                 str(path)]) == 0
    out = tmp_path / "shown"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):59,34,76,1,,1043,false,true,true,false,false,-1",
                    "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=120)
    municipalities = (out / "tabellen-gemeenten.csv").read_text(encoding="utf-8").splitlines()
    assert municipalities[0].split(";")[4] == "peildatum inwoners"
    assert {line.split(";")[4] for line in municipalities[1:]} == {"1-1-2022"}
    involvements = [line.split(";") for line in (out / "tabellen-vermeldingen.csv").read_text(
        encoding="utf-8").splitlines()]
    column = involvements[0].index("herleid")
    assert {row[column] for row in involvements[1:]} == {"ja", "nee", ""}  # empty: a party that is no place
    sheet = openpyxl.load_workbook(path)["gemeenten"]
    assert (sheet["E2"].data_type, sheet["E2"].number_format, sheet["D2"].data_type) == ("d", "d-m-yyyy", "n")
