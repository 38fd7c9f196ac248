"""Tables for spreadsheets: CSV dialects, XLSX workbooks, Dutch headings, and no formula injection.

Two CSV dialects:

- ``plain`` (the default, for programs): comma, decimal point, UTF-8 without
  BOM, ``\\n`` line ends, ``True``/``False``;
- ``excel-nl`` (for Excel and LibreOffice with Dutch settings): semicolon,
  decimal comma, UTF-8 with BOM (so "coördinatie" survives), ``\\r\\n`` line
  ends, ``ja``/``nee``.

An XLSX workbook holds one named sheet per table with a bold, frozen header,
a filter, fitted column widths, number formats (whole numbers, three
decimals, percentages) and empty cells where a value is missing. Cells are
what an Excel user expects (:func:`excel_value`): numbers are numbers, and a
full date in a date column (``date``, ``*_date``) is a date cell, shown
``2022-01-01`` or, under Dutch headings, ``1-1-2022``; a year or a month alone
stays text. Under Dutch headings yes and no are the words ``ja`` and ``nee``
(:func:`yes_no_nl`), as in the Dutch CSV dialect: Excel shows a boolean cell
as WAAR or ONWAAR whatever its number format, and a 1 or 0 formatted to look
like ``ja`` would not equal the ``ja`` a user types in a filter or formula.

Text that a spreadsheet would run as a formula (a value that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return, also after leading
spaces, and also with the full-width or small forms ``＝ ＋ － ＠`` that Excel
reads as those; OWASP's "CSV injection") is neutralised: in CSV it gets a
leading apostrophe, which Excel and LibreOffice read as "this is text"; in XLSX
it is written as a text cell (and marked as quoted text, so editing it does not
turn it into a formula either). Numbers are never touched: a negative number
stays a number, and so does text that is nothing but a number, such as ``-12``.
Column names are data too (an evidence file may carry extra columns), and get
the same treatment. A value that already starts with an apostrophe before such
a character gets one more, so that :func:`restore` (dropping one apostrophe)
gives every value back exactly; :func:`read_csv` reads a CSV file written here.

This module is the one writer of every CSV and XLSX file the tool makes: the
``table`` and ``changes`` commands, a render's ``snapshot/``, the CBS figures
in the cache, ``init`` and the input template.

Examples
--------
>>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-12"), neutralise("Breda")
('\\'=HYPERLINK("http://x")', '-12', 'Breda')
>>> neutralise("  ＝1+1"), neutralise("'=x"), restore(neutralise("'=x")), restore("'s-Hertogenbosch")
("'  ＝1+1", "''=x", "'=x", "'s-Hertogenbosch")
"""

from __future__ import annotations

import csv
import datetime
import io
import math
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from ..common.atomic import atomic_write

__all__ = ["DATE_FORMATS", "DIALECTS", "DUTCH_DATE_FORMAT", "FORMULA_TRIGGERS", "ISO_DATE_FORMAT", "YES_NO_NL",
           "add_sheet", "csv_lines", "excel_value", "is_date_column", "is_formula_like", "neutralise", "number_formats",
           "read_csv", "restore", "save_workbook", "text_cell", "write_csv", "write_workbook", "yes_no_nl"]

DIALECTS = ("plain", "excel-nl")
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""What a formula starts with; full-width and small forms count as the character they stand for (NFKC)."""
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_MAX_WIDTH = 60


def is_formula_like(value) -> bool:
    """Whether ``value`` is text that a spreadsheet could take for a formula (a number as text is not).

    >>> is_formula_like("=1+1"), is_formula_like(" \\t@SUM(A1)"), is_formula_like("＠x"), is_formula_like("-3")
    (True, True, True, False)
    """
    if not isinstance(value, str) or not value:
        return False
    if value.startswith(("\t", "\r")):
        return True
    start = value.lstrip()
    return (bool(start) and unicodedata.normalize("NFKC", start[0]) in FORMULA_TRIGGERS[:4]
            and _NUMBER.fullmatch(value.strip()) is None)


def neutralise(value):
    """``value`` with a leading apostrophe if a spreadsheet could take it for a formula; else unchanged.

    A value that starts with apostrophes before formula-like text gets one more, so that :func:`restore` is exact.
    """
    if is_formula_like(value) or (isinstance(value, str) and value.startswith("'")
                                  and is_formula_like(value.lstrip("'"))):
        return "'" + value
    return value


def restore(value):
    """A value as it was before :func:`neutralise`: one apostrophe fewer where neutralise added one."""
    if isinstance(value, str) and value.startswith("'") and is_formula_like(value.lstrip("'")):
        return value[1:]
    return value


def _is_missing(value) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def _is_text(series: pd.Series) -> bool:
    return pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series)


# -- CSV ----------------------------------------------------------------------------------------


def write_csv(frame: pd.DataFrame, target: Path | BinaryIO, dialect: str = "plain") -> None:
    """Write ``frame`` as CSV in ``dialect`` (see the module docstring) to a file path or a binary stream.

    A path is written to a temporary name and renamed, so a failure keeps the last good file.
    """
    if dialect not in DIALECTS:
        raise ValueError(f"CSV dialect must be one of {', '.join(DIALECTS)}, not {dialect!r}")
    frame = frame.copy()
    for column in frame.columns:
        series = frame[column]
        if pd.api.types.is_bool_dtype(series) and dialect == "excel-nl":
            frame[column] = yes_no_nl(series)
        elif _is_text(series):
            frame[column] = series.map(neutralise, na_action="ignore")
    frame.columns = [neutralise(str(column)) for column in frame.columns]
    nl = dialect == "excel-nl"
    text = frame.to_csv(index=False, sep=";" if nl else ",", decimal="," if nl else ".",
                        lineterminator="\r\n" if nl else "\n")
    data = text.encode("utf-8-sig" if nl else "utf-8")
    if isinstance(target, str | Path):
        atomic_write(Path(target), lambda temporary: Path(temporary).write_bytes(data))
    else:
        target.write(data)


def csv_lines(rows: list[list], delimiter: str = ",", lineterminator: str = "\n") -> str:
    """Rows (lists of cells) as CSV text with every text cell neutralised, for rows added to a file as it is."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=lineterminator)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue()


def read_csv(path: Path) -> pd.DataFrame:
    """A plain-dialect CSV file written by :func:`write_csv`, every cell as text as it was before neutralising."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.columns = [restore(column) for column in frame.columns]
    for column in frame.columns:
        frame[column] = frame[column].map(restore)
    return frame


# -- cells as Excel users expect ----------------------------------------------------------------

YES_NO_NL = ("ja", "nee")
"""Yes and no as a Dutch reader writes them (and as every reader of the evidence accepts them)."""

ISO_DATE_FORMAT = "yyyy-mm-dd"
DUTCH_DATE_FORMAT = "d-m-yyyy"  # as Dutch Excel shows a short date: 1-1-2022
DATE_FORMATS = (ISO_DATE_FORMAT, DUTCH_DATE_FORMAT)
_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def yes_no_nl(series: pd.Series) -> pd.Series:
    """Booleans as the text ``ja`` and ``nee``; a missing value stays missing.

    >>> yes_no_nl(pd.Series([True, False, None], dtype="boolean")).tolist()
    ['ja', 'nee', nan]
    """
    return series.map(lambda value: YES_NO_NL[0] if value else YES_NO_NL[1], na_action="ignore").astype(object)


def is_date_column(column: str, series: pd.Series) -> bool:
    """Whether a column is named as a date (``date``, ``*_date``) and holds text with at least one full date."""
    return ((column == "date" or column.endswith("_date")) and _is_text(series)
            and any(isinstance(value, str) and _FULL_DATE.fullmatch(value) for value in series))


def excel_value(value, number_format: str | None):
    """A value as its cell should hold it: a full ISO date under a date format becomes a date; else as it is.

    >>> excel_value("2022-01-01", DUTCH_DATE_FORMAT), excel_value("2021", DUTCH_DATE_FORMAT)
    (datetime.date(2022, 1, 1), '2021')
    """
    if number_format in DATE_FORMATS and isinstance(value, str) and _FULL_DATE.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:  # not a day of the calendar: keep the text, as it was given
            return value
    return value


# -- XLSX ---------------------------------------------------------------------------------------


def number_formats(frame: pd.DataFrame, date_format: str = ISO_DATE_FORMAT) -> list[str | None]:
    """The number format of each column of ``frame``: whole numbers, three decimals, percentages for ``*_pct``,
    ``date_format`` for a date column (see :func:`is_date_column`)."""
    return [date_format if is_date_column(str(column), frame[column]) else _number_format(str(column), frame[column])
            for column in frame.columns]


def _number_format(column: str, series: pd.Series) -> str | None:
    if pd.api.types.is_bool_dtype(series) or not pd.api.types.is_numeric_dtype(series):
        return None
    if column.endswith("_pct"):
        return "0.0%"
    if pd.api.types.is_integer_dtype(series):
        largest = series.abs().max()
        return "#,##0" if not _is_missing(largest) and largest >= 10_000 else "0"
    return "0.000"


def _shown_width(value, number_format: str | None) -> int:
    if isinstance(value, str):
        return max((len(line) for line in value.splitlines()), default=0)
    if number_format == "#,##0":
        return len(f"{value:,.0f}")
    if number_format == "0.000":
        return len(f"{value:.3f}")
    if number_format == "0.0%":
        return len(f"{value * 100:.1f}%")
    return len(str(value))


def add_sheet(workbook, title: str, frame: pd.DataFrame, formats: list[str | None]):
    """Add ``frame`` to an openpyxl ``workbook`` as a sheet called ``title``; return the sheet.

    A bold header that stays in view, a filter, fitted widths, a number format
    per column (``formats``, from :func:`number_formats`), real blanks for
    missing values and empty text, and text a spreadsheet could run as a
    formula written as quoted text. Also used for the input template
    (:mod:`vsv_analysis.evidence.template`).
    """
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title=title[:31])
    widths = [len(str(column)) + 3 for column in frame.columns]  # room for the filter button
    for index, column in enumerate(frame.columns, 1):
        text_cell(sheet, 1, index, str(column)).font = Font(bold=True)
    for row_number, row in enumerate(frame.itertuples(index=False, name=None), 2):
        for index, (value, number_format) in enumerate(zip(row, formats), 1):
            if _is_missing(value) or value == "":
                continue  # a real blank, not an empty text
            if hasattr(value, "item"):  # numpy scalar to Python
                value = value.item()
            value = excel_value(value, number_format)
            if isinstance(value, str):
                text_cell(sheet, row_number, index, value)
            else:
                if number_format == "0.0%":
                    value = value / 100
                cell = sheet.cell(row=row_number, column=index, value=value)
                if number_format:
                    cell.number_format = number_format
            widths[index - 1] = max(widths[index - 1], _shown_width(value, number_format) + 2)
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = min(width, _MAX_WIDTH)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    return sheet


def text_cell(sheet, row: int, column: int, value: str):
    """Write ``value`` into a cell of an openpyxl ``sheet`` as text that is never run; return the cell.

    A text cell (openpyxl would make ``=...`` a formula), without the control characters XML cannot hold, and
    marked as quoted text when it looks like a formula, so that it stays text when someone edits the cell.
    """
    value = _ILLEGAL_XML.sub("", value)
    cell = sheet.cell(row=row, column=column, value=value)
    cell.data_type = "s"
    if is_formula_like(value):
        cell.quotePrefix = True
    return cell


def write_workbook(sheets: Mapping[str, pd.DataFrame], target: Path | BinaryIO,
                   formats: Mapping[str, list[str | None]] | None = None) -> None:
    """Write one sheet per frame (keys are sheet titles) to an XLSX file path or a binary stream.

    ``formats`` gives each sheet's number formats (see :func:`number_formats`);
    by default they are worked out from the frame itself. A frame whose
    headings were translated passes the formats of the frame before (a
    ``*_pct`` column keeps its percentage format under a Dutch heading). A path
    is written to a temporary name and renamed.
    """
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, frame in sheets.items():
        add_sheet(workbook, title, frame, (formats or {}).get(title) or number_formats(frame))
    save_workbook(workbook, target)


def save_workbook(workbook, target: Path | BinaryIO) -> None:
    """Save ``workbook`` to a path (atomically: a failure keeps the last good file) or a binary stream."""
    if isinstance(target, str | Path):
        atomic_write(Path(target), workbook.save)
    else:
        buffer = io.BytesIO()
        workbook.save(buffer)
        target.write(buffer.getvalue())
