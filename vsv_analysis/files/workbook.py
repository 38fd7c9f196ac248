"""Reading the evidence from one Excel workbook, a sheet per evidence file.

A data folder may hold its evidence as one workbook (``.xlsx``) instead of the
CSV files: the sheets ``initiatives``, ``involvements`` and ``sources`` (and
optionally ``interpretations``), each with the columns of the CSV file of that
name, the header in its first row that is not empty. ``vsv-analysis template``
writes such a workbook (:mod:`vsv_analysis.evidence.template`); which folder uses which
is decided in :mod:`vsv_analysis.evidence.layout`.

Each sheet becomes the same DataFrame of text, with ``_row``, that
:func:`vsv_analysis.files.csvfiles.read_table` gives for the CSV file, checked by the
same code, so the messages are the same; they name the workbook and the sheet
(``data/evidence.xlsx, sheet 'involvements', row 7, column 'role'``), rows as
Excel numbers them. Cells Excel stores as other types than text become the text
the CSV file would hold (:func:`cell_text`): a whole number without a decimal
point, a date as ``YYYY-MM-DD``, TRUE and FALSE as ``yes`` and ``no``. A formula
is refused (the evidence is typed in, and a formula is how a spreadsheet is
made to run something), and so is an error value such as ``#N/A``.

Examples
--------
>>> import datetime
>>> cell_text(2021), cell_text(2021.0), cell_text(0.5), cell_text(datetime.datetime(2022, 1, 1)), cell_text(True)
('2021', '2021', '0.5', '2022-01-01', 'yes')
"""

from __future__ import annotations

import datetime
import math
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..common.errors import DataError, DataProblem, display_path
from ..common.names import closest
from .csvfiles import TableSpec, check_header, checked_table, row_problems
from .textfiles import check_file

__all__ = ["Workbook", "cell_text", "open_workbook", "sheet_label"]


def cell_text(value) -> str:
    """The text a CSV file would hold for a cell value as openpyxl reads it.

    Whole numbers lose the ``.0`` Excel's floating point gives them; other
    numbers keep at most the 15 significant digits Excel shows; a date (with
    no time of day) is ``YYYY-MM-DD``; booleans are ``yes`` and ``no``.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.15g}"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def sheet_label(path: Path, sheet: str) -> str:
    """How messages name one sheet of a workbook: ``data/evidence.xlsx, sheet 'involvements'``."""
    return f"{display_path(path)}, sheet '{sheet}'"


@dataclass(frozen=True)
class Workbook:
    """The cells of an evidence workbook's sheets, read once.

    ``rows`` maps each sheet's title to its rows as ``(Excel row number,
    [(value, openpyxl data type), ...])``, empty rows included.
    """

    path: Path
    rows: dict[str, list[tuple[int, list[tuple[object, str]]]]]

    def find_sheet(self, name: str) -> str | None:
        """The title of the sheet called ``name``, ignoring case and surrounding spaces as Excel does."""
        wanted = name.strip().casefold()
        return next((title for title in self.rows if title.strip().casefold() == wanted), None)

    def read_sheet(self, name: str, spec: TableSpec) -> pd.DataFrame:
        """Sheet ``name`` as a DataFrame of text with ``_row``, checked against ``spec``.

        Raises
        ------
        DataError
            When the sheet is missing or has no header, and for every bad cell,
            as :func:`vsv_analysis.files.csvfiles.read_table` does for a CSV file.
        """
        title = self.find_sheet(name)
        if title is None:
            others = list(self.rows)
            has = f"its sheets are {', '.join(repr(t) for t in others)}" if others else "it has no other sheets"
            raise DataError(DataProblem(display_path(self.path), None, None, None,
                                        f"a sheet named '{name}' ({has})", closest(name, others)))
        shown = sheet_label(self.path, name)
        rows = [(number, cells) for number, cells in self.rows[title] if any(_filled(c) for c in cells)]
        if not rows:
            raise DataError(DataProblem(shown, None, None, None, "a header row with the columns "
                                        + ", ".join(spec.required_names) + " (the sheet is empty)"))
        (header_row, header_cells), body = rows[0], rows[1:]
        width = max(len(cells) for _, cells in rows)
        header = [cell_text(value).strip() for value, _ in header_cells] + [""] * (width - len(header_cells))
        check_header(header, header_row, spec, shown)
        problems: list[DataProblem] = []
        records = []
        unnamed_reported: set[int] = set()
        for number, cells in body:
            fields = [cell_text(value) for value, _ in cells]
            found = row_problems(number, fields, header, shown, unnamed_reported)
            found += [_typed_problem(shown, number, header, index, value, kind)
                      for index, (value, kind) in enumerate(cells) if kind in ("f", "e")]
            if found:
                problems.extend(found)
                continue
            record = {name: value.strip() for name, value in zip(header, fields) if name}
            record["_row"] = number
            records.append(record)
        return checked_table(header, records, spec, shown, problems)


def _filled(cell: tuple[object, str]) -> bool:
    return cell_text(cell[0]).strip() != ""


def _typed_problem(shown: str, row: int, header: list[str], index: int, value, kind: str) -> DataProblem:
    column = header[index] if index < len(header) and header[index] else None
    if kind == "e":
        return DataProblem(shown, row, column, str(value),
                           "a value, not a spreadsheet error; correct or empty the cell")
    return DataProblem(shown, row, column, str(value), (
        "a value typed in, not a formula: type the value itself (text that must start with '=' is typed "
        "with an apostrophe in front, '=…, so that Excel keeps it as text)"))


def open_workbook(path: Path, root: Path | None = None) -> Workbook:
    """Read the cells of every sheet of the workbook at ``path``.

    Parameters
    ----------
    path : path
        The ``.xlsx`` file.
    root : path, optional
        The data folder: the file must lie inside it after following symbolic
        links, as for the CSV files.

    Raises
    ------
    DataError
        With one problem naming the file when it leads out of ``root``, is no
        regular file, is larger than the CSV files may be, or cannot be opened
        as an XLSX workbook.
    """
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    path = Path(path)
    shown = display_path(path)
    check_file(path, shown, root, what="workbook file")
    try:
        with warnings.catch_warnings():  # openpyxl warns about extensions it drops (such as Excel's slicers)
            warnings.simplefilter("ignore")
            book = load_workbook(path, read_only=True, data_only=False)
            try:
                rows = {sheet.title: _sheet_rows(sheet) for sheet in book.worksheets}
            finally:
                book.close()
    except PermissionError:
        raise DataError(DataProblem(shown, None, None, None, "a file this user may read (permission denied)")) from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise DataError(DataProblem(shown, None, None, None, (
            f"an Excel workbook (.xlsx) that can be opened ({reason}); save it from Excel as "
            f"'Excel Workbook (*.xlsx)', without a password"))) from None
    return Workbook(path, rows)


def _sheet_rows(sheet) -> list[tuple[int, list[tuple[object, str]]]]:
    sheet.reset_dimensions()  # the size a writer records may be wrong; read every row there is
    return [(number, [(cell.value, cell.data_type) for cell in row])
            for number, row in enumerate(sheet.iter_rows(), start=1)]
