"""Reading input files: what is normalised, what is warned about, and what the messages show."""

import csv
import os
from pathlib import Path

import pytest
from conftest import INVOLVEMENTS_HEADER

from vsv_analysis.common.errors import DataError, DataProblem, display_path
from vsv_analysis.evidence.dataset import load_dataset
from vsv_analysis.files.csvfiles import MAX_CELL_CHARS, Column, TableSpec, read_table

DATE_COLUMN = next(name for name in INVOLVEMENTS_HEADER.split(",") if name.endswith("_date"))


def test_dutch_dates_are_read_as_iso(tmp_path):
    path = tmp_path / "dates.csv"
    path.write_text("when,year_or_when\n1-1-2019,2019\n01-02-2019,3-12-2021\n2019-01-31,31-1-2020\n",
                    encoding="utf-8")
    table = read_table(path, TableSpec((Column("when", "date"), Column("year_or_when", "year_or_date"))))
    assert list(table["when"]) == ["2019-01-01", "2019-02-01", "2019-01-31"]
    assert list(table["year_or_when"]) == ["2019", "2021-12-03", "2020-01-31"]


def test_dutch_dates_in_the_evidence_reach_the_dataset_as_iso(data_copy):
    path = data_copy / "involvements.csv"
    text = path.read_text(encoding="utf-8")
    assert "2019-01-01" in text
    path.write_text(text.replace("2019-01-01", "1-1-2019"), encoding="utf-8")
    dates = set(load_dataset(data_copy, year=2022).involvements[DATE_COLUMN])
    assert "2019-01-01" in dates and "1-1-2019" not in dates


def test_the_built_in_data_has_no_warnings():
    assert load_dataset(year=2022).warnings == ()


def test_evidence_without_rows_is_a_warning(data_copy, monkeypatch):
    monkeypatch.chdir(data_copy.parent)
    (data_copy / "involvements.csv").write_text(INVOLVEMENTS_HEADER + "\n", encoding="utf-8")
    (data_copy / "interpretations.csv").unlink()  # its reading choices point at the mentions just removed
    data = load_dataset(data_copy, year=2022)
    assert data.warnings == ("data/involvements.csv has a header but no rows: there are no mentions, so the network "
                             "has no edges and no municipality is reached.",)
    assert len(data.involvements) == 0 and len(data.named_municipalities()) == 0


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file; needs POSIX permissions")
def test_a_file_without_read_permission(data_copy):
    (data_copy / "sources.csv").chmod(0)
    with pytest.raises(DataError) as caught:
        load_dataset(data_copy, year=2022)
    assert [problem.expected for problem in caught.value.problems] == [
        "a file this user may read (permission denied); check the file's permissions"]


def test_reading_a_large_cell_leaves_the_csv_module_as_it_was(tmp_path):
    limit = csv.field_size_limit()
    path = tmp_path / "big.csv"
    path.write_text("name\n" + "x" * (MAX_CELL_CHARS - 1) + "\n", encoding="utf-8")
    assert len(read_table(path, TableSpec((Column("name"),)))["name"][0]) == MAX_CELL_CHARS - 1
    assert csv.field_size_limit() == limit


def test_long_values_are_shortened_in_messages():
    problem = DataProblem("f.csv", 2, "note", "a" * 150 + "b" * 150, "something shorter")
    assert str(problem) == ("f.csv, row 2, column 'note': found '" + "a" * 100 + "' … '" + "b" * 20
                            + "' (300 characters); expected something shorter.")


def test_paths_in_messages_are_full_outside_the_working_directory(tmp_path, monkeypatch):
    inside = tmp_path / "work" / "data" / "sources.csv"
    outside = tmp_path / "elsewhere" / "data" / "sources.csv"
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    assert display_path(inside) == "data/sources.csv"
    assert display_path(outside) == str(outside)
    assert display_path(Path("../elsewhere/data/sources.csv")) == str(outside)
