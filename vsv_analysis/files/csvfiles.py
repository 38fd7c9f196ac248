"""Reading the project's CSV files the way Excel writes them, and checking their schema.

Excel saves CSV as UTF-8 with a byte-order mark, and in a Dutch locale with ``;``
as delimiter, dates as ``1-1-2019`` and empty unnamed columns at the end of each
line; all of that is accepted. Every value is read as text and checked against
a :class:`Column` spec, so that a mistake is reported with its file, row, column
and value instead of surfacing later as a wrong number. A cell the tool wrote with
an apostrophe before a formula-like text (:func:`vsv_analysis.files.spreadsheet.neutralise`,
so that Excel shows it as text) is read without that apostrophe, as it was meant. A cell may hold up to
:data:`MAX_CELL_CHARS` characters.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..common.errors import DataError, DataProblem, display_path
from ..common.names import closest
from .csvrecords import LINE_BREAK, Record, column_letter, quote_left_open, runaway_cell, sniff_delimiter, split_records
from .spreadsheet import restore
from .textfiles import NUL_IN_TEXT, read_text

__all__ = ["Column", "TableSpec", "read_table", "records", "check_header", "row_problems", "checked_table",
           "MAX_CELL_CHARS", "TRUE_WORDS", "FALSE_WORDS"]

TRUE_WORDS = frozenset({"yes", "true", "1", "ja", "y", "j", "waar"})
FALSE_WORDS = frozenset({"no", "false", "0", "nee", "n", "onwaar"})
MAX_CELL_CHARS = 1_048_576
"""The most characters one cell may hold (1 MiB of plain text; Excel itself stops at 32,767)."""

_DATE_DMY = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")  # as Dutch Excel writes a date back: 1-1-2019
_PATTERNS = {
    "id": (re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"), "an id of letters, digits, '_', '-' or '.'"),
    "cbs_code": (re.compile(r"^GM\d{4}$"), "a CBS municipality code such as GM0796"),
    "date": (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "a date written as YYYY-MM-DD (2019-01-01) or D-M-YYYY (1-1-2019)"),
    "year": (re.compile(r"^\d{4}$"), "a year such as 2022"),
    "year_or_date": (re.compile(r"^\d{4}(-\d{2}-\d{2})?$"),
                     "a year (2021) or a date written as YYYY-MM-DD (2022-01-01) or D-M-YYYY (1-1-2022)"),
    "count": (re.compile(r"^\d+$"), "a whole number of 0 or more"),
    "number": (re.compile(r"^\d+(\.\d+)?$"), "a number of 0 or more, with a decimal point (0.5)"),
    "degrees": (re.compile(r"^-?\d{1,3}(\.\d+)?$"), "degrees of longitude or latitude, with a decimal point (51.2)"),
    "partial_date": (re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-\d{2})?)?$"),
                     "a year (2021), a month (2021-03) or a date written as YYYY-MM-DD (2021-03-15) or D-M-YYYY"),
}


@dataclass(frozen=True)
class Column:
    """What one column must hold.

    ``kind`` is ``text``, ``bool`` or one of the patterned kinds (``id``,
    ``cbs_code``, ``date``, ``year``, ``year_or_date``, ``partial_date``,
    ``count``, ``number``, ``degrees``). ``hint`` is added to the message for a value
    outside ``choices`` (such as where to add a new one). ``labels`` pairs
    choices with the words a reader knows them by (``("participant",
    "deelnemer")``, as the input workbook's drop-down lists offer them): such
    a word, in any case, is read as its choice.
    """

    name: str
    kind: str = "text"
    required: bool = True
    unique: bool = False
    choices: tuple[str, ...] | None = None
    hint: str = ""
    labels: tuple[tuple[str, str], ...] = ()

    def choice_of_label(self, value: str) -> str | None:
        """The choice whose label ``value`` is (ignoring case), unless ``value`` is a choice itself."""
        if self.choices is None or value in self.choices:
            return None
        wanted = value.casefold()
        return next((choice for choice, label in self.labels if label.casefold() == wanted), None)


@dataclass(frozen=True)
class TableSpec:
    """The columns of one file.

    A column whose cells are optional may be missing from the file (it is then
    read as empty); columns not listed are kept as text and not checked.
    """

    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        return [column.name for column in self.columns]

    @property
    def required_names(self) -> list[str]:
        """The columns a file must have (optional ones may be left out)."""
        return [column.name for column in self.columns if column.required]


def records(frame: pd.DataFrame, columns: list[str] | None = None):
    """Yield the rows of ``frame`` as dicts, reading whole columns at once.

    ``DataFrame.to_dict("records")`` boxes every cell and is slow on tables of
    tens of thousands of rows; this is the same, quickly.
    """
    columns = list(frame.columns) if columns is None else list(columns)
    for values in zip(*(frame[c].tolist() for c in columns)):
        yield dict(zip(columns, values))


def read_table(path: Path, spec: TableSpec, root: Path | None = None) -> pd.DataFrame:
    """Read one CSV file into a DataFrame of text, checked against ``spec``.

    The result has every column of the spec, stripped of surrounding spaces,
    with missing values as empty strings, plus a ``_row`` column with the
    spreadsheet row number of each record (the header is row 1). Fully blank
    rows, which spreadsheets often leave at the end, are skipped, and so are
    columns without a name that hold no values (Excel leaves those as ``,,``
    at the end of every line). Dates written ``D-M-YYYY`` are returned as
    ``YYYY-MM-DD``.

    Parameters
    ----------
    path : path
        The CSV file.
    spec : TableSpec
        The columns it must have.
    root : path, optional
        The data folder: the file must lie inside it after following symbolic
        links (see :func:`vsv_analysis.files.textfiles.read_text`).

    Raises
    ------
    DataError
        With one problem per bad cell, or one for the whole file when it cannot
        be read at all (missing, a folder, unreadable, binary, not UTF-8, empty,
        no usable header).
    """
    path = Path(path)
    shown = display_path(path)
    text = read_text(path, root)
    if not text.strip():
        raise DataError(DataProblem(shown, None, None, None, "a header row with the columns "
                                    + ", ".join(spec.required_names) + " (the file is empty)"))
    header_line = next(line for line in LINE_BREAK.split(text) if line.strip())
    delimiter = sniff_delimiter(header_line, spec.names)
    parsed = [record for record in split_records(text, delimiter) if not record.is_blank]
    if not parsed:
        raise DataError(DataProblem(shown, None, None, None, "a header row with the columns "
                                    + ", ".join(spec.required_names) + " (the file holds only empty cells)"))
    header_record, body = parsed[0], parsed[1:]
    header = [field.strip() for field in header_record.fields]
    check_header(header, header_record.row, spec, shown)

    problems: list[DataProblem] = []
    open_at_end = bool(body) and quote_left_open(text, body[-1], delimiter)
    rows = []
    unnamed_reported: set[int] = set()
    for record in body:
        at_end = open_at_end and record is body[-1]
        runaway = len(record.fields) - 1 if at_end else runaway_cell(record, len(header), delimiter)
        if runaway is not None:
            problems.append(_runaway_problem(record, runaway, header, shown, at_end))
            continue
        extra = record.fields[len(header):]
        if extra:  # even empty ones: Excel writes as many fields on every line as in the header
            problems.append(DataProblem(
                shown, record.row, None, delimiter.join(record.fields),
                f"{len(header)} values like the header, not {len(record.fields)} (a value containing "
                f"'{delimiter}' must be put in double quotes)"))
        cell_problems = row_problems(record.row, record.fields[:len(header)], header, shown, unnamed_reported)
        if extra or cell_problems:
            problems.extend(cell_problems)
            continue
        row = {name: restore(value.strip()) for name, value in zip(header, record.fields) if name}
        row["_row"] = record.row
        rows.append(row)
    return checked_table(header, rows, spec, shown, problems)


def checked_table(header: list[str], rows: list[dict], spec: TableSpec, shown: str,
                  problems: list[DataProblem] = ()) -> pd.DataFrame:
    """The DataFrame of text that :func:`read_table` returns, from rows already split into cells.

    ``rows`` are dicts of stripped text by column name, each with its
    spreadsheet row in ``_row``; optional columns the header lacks are added
    empty, and every cell is checked against ``spec``. ``problems`` found
    while splitting the rows are reported together with those of the cells.
    Shared by the CSV files and the sheets of a workbook
    (:mod:`vsv_analysis.files.workbook`), so both give the same table and messages.

    Raises
    ------
    DataError
        With every problem, in row order.
    """
    problems = list(problems)
    names = [name for name in header if name]
    names += [column.name for column in spec.columns if column.name not in names]  # optional columns left out
    frame = pd.DataFrame(rows, columns=[*names, "_row"], dtype=object).fillna("")
    frame["_row"] = frame["_row"].astype(int)
    problems.extend(_check_cells(frame, spec, shown))
    if problems:
        raise DataError(sorted(problems, key=lambda problem: problem.row or 0))
    return frame


def _column_name(header: list[str], index: int) -> str:
    if index < len(header) and header[index]:
        return header[index]
    return f"{column_letter(index)} (no name)"


def _runaway_problem(record: Record, index: int, header: list[str], shown: str, at_end: bool) -> DataProblem:
    first, last = record.cell_lines(index)
    reach = "the end of the file" if at_end else f"line {last}, where a later quote closes it"
    return DataProblem(shown, record.row, _column_name(header, index), LINE_BREAK.split(record.fields[index])[0], (
        f"a closing double quote: the quote that opens this cell on line {first} of the file is never closed, "
        f"so the cell swallows everything up to {reach}"))


def check_header(header: list[str], row: int, spec: TableSpec, shown: str) -> None:
    """Raise :class:`DataError` when ``header`` (the names in spreadsheet row ``row``) lacks a required
    column of ``spec`` or names a column twice."""
    problems = [DataProblem(shown, row, None, name, NUL_IN_TEXT) for name in header if "\x00" in name][:1]
    if problems:  # the names cannot be read as written: no guesses at missing columns
        raise DataError(problems)
    for column in spec.columns:
        if column.required and column.name not in header:  # an optional column may be left out altogether
            hint = closest(column.name, [name for name in header if name], n=1)
            expected = f"a column named '{column.name}' in the header row"
            if len(header) == 1 and any(d in header[0] for d in "|:,;\t"):
                expected += " (the header is one field: is the delimiter ',' or ';'?)"
            problems.append(DataProblem(shown, row, column.name, None, expected, hint))
    for name in sorted({name for name in header if name and header.count(name) > 1}):
        problems.append(DataProblem(shown, row, name, None, "each column name once in the header row"))
    if problems:
        raise DataError(problems)


def row_problems(row: int, fields: list[str], header: list[str], shown: str,
                 unnamed_reported: set[int]) -> list[DataProblem]:
    """Cells of one row that are too large, or hold a value in a column without a name.

    ``unnamed_reported`` collects the columns already reported, so that a
    column without a name is reported once, at its first value.
    """
    problems = []
    for index, value in enumerate(fields):
        name = _column_name(header, index)
        if len(value) > MAX_CELL_CHARS:
            problems.append(DataProblem(shown, row, name, value, (
                f"a cell of at most {MAX_CELL_CHARS:,} characters (1 MiB); this one has {len(value):,}")))
        elif "\x00" in value:
            problems.append(DataProblem(shown, row, name, value, NUL_IN_TEXT))
        elif not (index < len(header) and header[index]) and value.strip() and index not in unnamed_reported:
            unnamed_reported.add(index)
            problems.append(DataProblem(shown, row, name, value, (
                "no value in a column without a name: give the column a name in the header row, or empty it")))
    return problems


def _check_cells(frame: pd.DataFrame, spec: TableSpec, shown: str) -> list[DataProblem]:
    problems = []
    for column in spec.columns:
        seen: dict[str, int] = {}
        values = list(frame[column.name])
        for position, (value, row) in enumerate(zip(values, frame["_row"])):
            if value == "":
                if column.required:
                    expected = _describe(column) + " (the cell is empty)"
                    problems.append(DataProblem(shown, row, column.name, "", expected))
                continue
            normal = _normalise(value, column)
            problem = _check_value(normal, column)
            if problem:
                problems.append(DataProblem(shown, row, column.name, value, *problem))
                continue
            values[position] = normal
            if column.unique:
                if normal in seen:
                    expected = f"a value not used before in this column (row {seen[normal]} has it too)"
                    problems.append(DataProblem(shown, row, column.name, value, expected))
                else:
                    seen[normal] = row
        frame[column.name] = pd.Series(values, index=frame.index, dtype=object)
    return problems


def _normalise(value: str, column: Column) -> str:
    """Write a date as Dutch Excel saves it (``1-1-2019``) the ISO way (``2019-01-01``), a label as its choice."""
    choice = column.choice_of_label(value)
    if choice is not None:
        return choice
    if column.kind in ("date", "year_or_date", "partial_date"):
        match = _DATE_DMY.match(value)
        if match:
            day, month, year = match.groups()
            return f"{year}-{int(month):02d}-{int(day):02d}"
    return value


def _describe(column: Column) -> str:
    if column.choices:
        labels = dict(column.labels)
        shown = [choice if labels.get(choice, choice) == choice else f"{choice} ({labels[choice]})"
                 for choice in column.choices]
        return "one of: " + ", ".join(shown) + (f" ({column.hint})" if column.hint else "")
    if column.kind == "bool":
        return "yes or no"
    if column.kind in _PATTERNS:
        return _PATTERNS[column.kind][1]
    return "a value"


def _check_value(value: str, column: Column) -> tuple[str, tuple[str, ...]] | None:
    if column.choices is not None:
        if value not in column.choices:
            return _describe(column), closest(value, [*column.choices, *(label for _, label in column.labels)])
        return None
    if column.kind == "bool":
        if value.casefold() not in TRUE_WORDS | FALSE_WORDS:
            return _describe(column), ()
        return None
    if column.kind in _PATTERNS:
        pattern, description = _PATTERNS[column.kind]
        if not pattern.match(value):
            return description, ()
        if len(value) == 10 and column.kind in ("date", "year_or_date", "partial_date"):
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                return "an existing calendar date, written as YYYY-MM-DD or D-M-YYYY", ()
    return None
