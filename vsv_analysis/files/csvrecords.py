"""Splitting CSV text into records, each with its spreadsheet row and its lines in the file.

A record is what Excel shows as one row; a quoted cell may hold line breaks, so
a record can span several lines of the file. Messages give the row, and for a
double quote that was never closed also the line where it opens, since that is
where a text editor finds it.

Examples
--------
>>> [(r.row, r.line, r.fields) for r in split_records('a,b\\n"x\\ny",z\\n', ",")]
[(1, 1, ['a', 'b']), (2, 2, ['x\\ny', 'z'])]
>>> column_letter(27)
'AB'
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

__all__ = ["DELIMITERS", "LINE_BREAK", "Record", "column_letter", "quote_left_open", "runaway_cell", "sniff_delimiter",
           "split_records"]

DELIMITERS = (",", ";", "\t")
LINE_BREAK = re.compile(r"\r\n|\r|\n")  # the line ends the csv module counts
_ID_LIKE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")


@dataclass
class Record:
    """One record: its spreadsheet row (Excel's numbering), the file line it starts on, and its fields."""

    row: int
    line: int
    fields: list[str]

    def cell_lines(self, index: int) -> tuple[int, int]:
        """First and last line of the file that cell ``index`` covers."""
        first = self.line + sum(len(LINE_BREAK.findall(field)) for field in self.fields[:index])
        return first, first + len(LINE_BREAK.findall(self.fields[index]))

    @property
    def is_blank(self) -> bool:
        return not any(field.strip() for field in self.fields)


def sniff_delimiter(header_line: str, expected: list[str]) -> str:
    """The delimiter (``,``, ``;`` or tab) that splits the header into most of the ``expected`` names."""
    def score(delimiter: str) -> tuple[int, int]:
        fields = [f.strip() for f in next(csv.reader([header_line], delimiter=delimiter), [])]
        return (len(set(fields) & set(expected)), len(fields))

    return max(DELIMITERS, key=score)


def split_records(text: str, delimiter: str) -> list[Record]:
    """Every record of ``text``, blank ones included (so that rows count as in Excel).

    Cells of any size are read; the caller checks their size, so that a cell
    too large is reported with its row and column.
    """
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        records, line = [], 1
        for row, fields in enumerate(reader, start=1):
            records.append(Record(row, line, fields))
            line = reader.line_num + 1
    finally:
        csv.field_size_limit(limit)
    return records


def quote_left_open(text: str, record: Record, delimiter: str) -> bool:
    """Whether ``text`` ends inside a quoted cell of ``record``, its last record."""
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))
    try:
        for _ in csv.reader(io.StringIO(_text_from_line(text, record.line), newline=""), delimiter=delimiter,
                            strict=True):
            pass
    except csv.Error as error:
        return "unexpected end of data" in str(error)
    finally:
        csv.field_size_limit(limit)
    return False


def _text_from_line(text: str, line: int) -> str:
    if line <= 1:
        return text
    for number, match in enumerate(LINE_BREAK.finditer(text), start=2):
        if number == line:
            return text[match.end():]
    return ""


def runaway_cell(record: Record, width: int, delimiter: str) -> int | None:
    """The index of a cell of ``record`` that swallowed later rows through a quote never closed, if any.

    Such a cell spans lines of which a later one looks like a row of its own:
    it holds as many delimiters as a row of ``width`` cells and starts with an
    id-like word. A real multi-line text (a description) rarely looks like
    that; one that does is better refused than silently taking in rows.
    """
    for index, value in enumerate(record.fields):
        for inner in LINE_BREAK.split(value)[1:]:
            first = inner.split(delimiter, 1)[0].strip()
            if inner.count(delimiter) >= max(2, width - 1) and _ID_LIKE.match(first):
                return index
    return None


def column_letter(index: int) -> str:
    """Excel's letter for the column at 0-based ``index``: A, B, … Z, AA, AB …"""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
