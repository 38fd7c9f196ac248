"""Reading the project's CSV files the way Excel writes them, and checking their schema.

Excel saves CSV as UTF-8 with a byte-order mark, and in a Dutch locale with ``;``
as delimiter. Both are accepted. Every value is read as text and checked against
a :class:`Column` spec, so that a mistake is reported with its file, row, column
and value instead of surfacing later as a wrong number.
"""

from __future__ import annotations

import csv
import datetime
import difflib
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .errors import DataError, DataProblem, display_path

__all__ = ["Column", "TableSpec", "read_table", "records", "closest", "TRUE_WORDS", "FALSE_WORDS"]

DELIMITERS = (",", ";", "\t")
TRUE_WORDS = frozenset({"yes", "true", "1", "ja", "y", "j"})
FALSE_WORDS = frozenset({"no", "false", "0", "nee", "n"})

_PATTERNS = {
    "id": (re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"), "an id of letters, digits, '_', '-' or '.'"),
    "cbs_code": (re.compile(r"^GM\d{4}$"), "a CBS municipality code such as GM0796"),
    "date": (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "a date written as YYYY-MM-DD, such as 2019-01-01"),
    "year": (re.compile(r"^\d{4}$"), "a year such as 2022"),
    "year_or_date": (re.compile(r"^\d{4}(-\d{2}-\d{2})?$"), "a year (2021) or a date (2022-01-01)"),
    "count": (re.compile(r"^\d+$"), "a whole number of 0 or more"),
    "number": (re.compile(r"^\d+(\.\d+)?$"), "a number of 0 or more, with a decimal point (0.5)"),
    "partial_date": (re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$"),
                     "a year (2021), a month (2021-03) or a date (2021-03-15)"),
}


@dataclass(frozen=True)
class Column:
    """What one column must hold.

    ``kind`` is ``text``, ``bool`` or one of the patterned kinds (``id``,
    ``cbs_code``, ``date``, ``year``, ``year_or_date``, ``partial_date``,
    ``count``, ``number``). ``hint`` is added to the message for a value
    outside ``choices`` (such as where to add a new one).
    """

    name: str
    kind: str = "text"
    required: bool = True
    unique: bool = False
    choices: tuple[str, ...] | None = None
    hint: str = ""


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


def closest(value: str, candidates, n: int = 3) -> tuple[str, ...]:
    """Return up to ``n`` candidates that look like ``value`` (case-insensitive)."""
    by_key: dict[str, str] = {}
    for candidate in candidates:
        by_key.setdefault(str(candidate).casefold(), str(candidate))
    keys = difflib.get_close_matches(str(value).casefold(), list(by_key), n=n, cutoff=0.6)
    return tuple(by_key[key] for key in keys)


def records(frame: pd.DataFrame, columns: list[str] | None = None):
    """Yield the rows of ``frame`` as dicts, reading whole columns at once.

    ``DataFrame.to_dict("records")`` boxes every cell and is slow on tables of
    tens of thousands of rows; this is the same, quickly.
    """
    columns = list(frame.columns) if columns is None else list(columns)
    for values in zip(*(frame[c].tolist() for c in columns)):
        yield dict(zip(columns, values))


def _decode(raw: bytes, shown: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError(DataProblem(shown, None, None, None,
                                    "UTF-8 text, but the file is UTF-16 ('Unicode text'); in Excel use "
                                    "Save As > 'CSV UTF-8 (comma delimited)'"))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        bad = raw[exc.start: exc.start + 1]
        raise DataError(DataProblem(shown, line, None, f"byte 0x{bad.hex()}",
                                    "UTF-8 text (this byte is not UTF-8; the file was probably saved as "
                                    "ANSI/Windows-1252). In Excel use Save As > 'CSV UTF-8 (comma delimited)'")
                        ) from None


def _sniff_delimiter(header_line: str, expected: list[str]) -> str:
    def score(delimiter: str) -> tuple[int, int]:
        fields = [f.strip() for f in next(csv.reader([header_line], delimiter=delimiter))]
        return (len(set(fields) & set(expected)), len(fields))

    return max(DELIMITERS, key=score)


def read_table(path: Path, spec: TableSpec) -> pd.DataFrame:
    """Read one CSV file into a DataFrame of text, checked against ``spec``.

    The result has every column of the spec, stripped of surrounding spaces,
    with missing values as empty strings, plus a ``_row`` column with the
    spreadsheet row number of each record (the header is row 1). Fully blank
    rows, which spreadsheets often leave at the end, are skipped.

    Raises
    ------
    DataError
        With one problem per bad cell, or one for the whole file when it cannot
        be read at all (missing, empty, not UTF-8, no usable header).
    """
    path = Path(path)
    shown = display_path(path)
    if not path.is_file():
        raise DataError(DataProblem(shown, None, None, None, "a CSV file at this path (it does not exist)"))
    text = _decode(path.read_bytes(), shown)
    if not text.strip():
        raise DataError(DataProblem(shown, None, None, None,
                                    "a header row with the columns " + ", ".join(spec.names) + " (the file is empty)"))
    header_line = text.lstrip("\r\n").splitlines()[0]
    delimiter = _sniff_delimiter(header_line, spec.names)
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    while records and not any(field.strip() for field in records[0]):
        records.pop(0)
    header = [field.strip() for field in records[0]]
    as_written = list(header)

    problems: list[DataProblem] = []
    for column in spec.columns:  # an optional column may be left out of the file altogether
        if not column.required and column.name not in header:
            header.append(column.name)
            records = [records[0] + [""]] + [record + [""] if any(f.strip() for f in record) else record
                                             for record in records[1:]]
    missing = [name for name in spec.names if name not in header]
    if missing:
        for name in missing:
            hint = closest(name, header, n=1)
            expected = f"a column named '{name}' in the header row"
            if len(as_written) == 1 and any(d in as_written[0] for d in "|:,;\t"):
                expected += " (the header is one field: is the delimiter ',' or ';'?)"
            problems.append(DataProblem(shown, 1, name, None, expected, hint))
        raise DataError(problems)
    duplicates = sorted({name for name in header if header.count(name) > 1 and name})
    for name in duplicates:
        problems.append(DataProblem(shown, 1, name, None, "each column name once in the header row"))

    rows = []
    for index, record in enumerate(records[1:], start=2):
        if not any(field.strip() for field in record):
            continue
        if len(record) > len(header):
            problems.append(DataProblem(
                shown, index, None, delimiter.join(record[len(header):]),
                f"{len(header)} values like the header, not {len(record)} (a value containing "
                f"'{delimiter}' must be put in double quotes)"))
            continue
        record = record + [""] * (len(header) - len(record))
        row = {name: value.strip() for name, value in zip(header, record)}
        row["_row"] = index
        rows.append(row)
    frame = pd.DataFrame(rows, columns=[*header, "_row"], dtype=object)
    frame["_row"] = frame["_row"].astype(int)
    problems.extend(_check_cells(frame, spec, shown))
    if problems:
        raise DataError(problems)
    return frame


def _check_cells(frame: pd.DataFrame, spec: TableSpec, shown: str) -> list[DataProblem]:
    problems = []
    for column in spec.columns:
        seen: dict[str, int] = {}
        for value, row in zip(frame[column.name], frame["_row"]):
            if value == "":
                if column.required:
                    expected = _describe(column) + " (the cell is empty)"
                    problems.append(DataProblem(shown, row, column.name, "", expected))
                continue
            problem = _check_value(value, column)
            if problem:
                problems.append(DataProblem(shown, row, column.name, value, *problem))
            if column.unique:
                if value in seen:
                    expected = f"a value not used before in this column (row {seen[value]} has it too)"
                    problems.append(DataProblem(shown, row, column.name, value, expected))
                else:
                    seen[value] = row
    return problems


def _describe(column: Column) -> str:
    if column.choices:
        return "one of: " + ", ".join(column.choices) + (f" ({column.hint})" if column.hint else "")
    if column.kind == "bool":
        return "yes or no"
    if column.kind in _PATTERNS:
        return _PATTERNS[column.kind][1]
    return "a value"


def _check_value(value: str, column: Column) -> tuple[str, tuple[str, ...]] | None:
    if column.choices is not None:
        if value not in column.choices:
            return _describe(column), closest(value, column.choices)
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
                return "an existing calendar date written as YYYY-MM-DD", ()
    return None
