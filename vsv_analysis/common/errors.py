"""The one error type for bad input files, and the problems it carries.

Every problem names the file, the row (as Excel numbers it: the header is row 1),
the column, the value found and what was expected, with close matches where a
near-miss is likely. The command line prints these messages without a traceback.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["BoundaryError", "DataError", "DataFolderError", "DataProblem", "display_path"]

MAX_SHOWN_VALUE = 200
"""Values longer than this many characters are shortened in messages (start, end and length)."""


@dataclass(frozen=True)
class DataProblem:
    """One thing wrong with one input file.

    ``row`` is the spreadsheet row (header = 1, first data row = 2) and may be
    ``None`` for a problem with the whole file; ``column`` likewise. A file that
    is not a table (a YAML file) names the ``line`` of the file and the ``key``
    instead.

    >>> print(DataProblem("data/programme.yaml", None, None, "ON", "text", line=2, key="short_name"))
    data/programme.yaml, line 2, key 'short_name': found 'ON'; expected text.
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    expected: str
    suggestions: tuple[str, ...] = field(default=())
    line: int | None = None
    key: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.key is not None:
            where.append(f"key '{self.key}'")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        text = ", ".join(where) + ": "
        if self.value is not None:
            text += f"found {_shorten(self.value)}; "
        text += f"expected {self.expected}."
        if self.suggestions:
            text += " Did you mean " + " or ".join(_shorten(s) for s in self.suggestions) + "?"
        return text


class DataError(ValueError):
    """Raised when input data cannot be used; ``problems`` lists every reason."""

    def __init__(self, problems: list[DataProblem] | DataProblem):
        if isinstance(problems, DataProblem):
            problems = [problems]
        self.problems: list[DataProblem] = list(problems)
        super().__init__(self.message)

    @property
    def message(self) -> str:
        count = len(self.problems)
        head = "1 problem in the input data:" if count == 1 else f"{count} problems in the input data:"
        return "\n".join([head, *(f"- {problem}" for problem in self.problems)])


class DataFolderError(DataError):
    """The data folder itself is missing or is no folder: a wrong argument rather than bad data.

    The command line exits 2 for it (wrong use), as ``render`` does for a
    ``data_dir`` parameter that names no folder.
    """


def _shorten(value: str) -> str:
    if len(value) <= MAX_SHOWN_VALUE:
        return repr(value)
    half = MAX_SHOWN_VALUE // 2
    return f"{value[:half]!r} … {value[-20:]!r} ({len(value):,} characters)"


class BoundaryError(RuntimeError):
    """Map boundaries could not be had (network, server or content); the message says what to do."""


def display_path(path: Path) -> str:
    """Show a path relative to the working directory when it lies below it, else in full.

    A full path lets the reader find the file from anywhere (a scheduler's log,
    another terminal); reports remove local paths when they are rendered.
    Symbolic links are not followed, so the path shown is the one the user gave.

    Examples
    --------
    >>> display_path("/no/such/folder/../data/initiatives.csv")
    '/no/such/data/initiatives.csv'
    """
    absolute = os.path.abspath(path)
    try:
        return str(Path(absolute).relative_to(os.getcwd()))
    except (ValueError, OSError):  # outside the working directory, or the working directory is gone
        return absolute
