"""The one error type for bad input files, and the problems it carries.

Every problem names the file, the row (as Excel numbers it: the header is row 1),
the column, the value found and what was expected, with close matches where a
near-miss is likely. The command line prints these messages without a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["BoundaryError", "DataError", "DataProblem"]


@dataclass(frozen=True)
class DataProblem:
    """One thing wrong with one input file.

    ``row`` is the spreadsheet row (header = 1, first data row = 2) and may be
    ``None`` for a problem with the whole file; ``column`` likewise.
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    expected: str
    suggestions: tuple[str, ...] = field(default=())

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        text = ", ".join(where) + ": "
        if self.value is not None:
            text += f"found {self.value!r}; "
        text += f"expected {self.expected}."
        if self.suggestions:
            text += " Did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?"
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


class BoundaryError(RuntimeError):
    """Map boundaries could not be had (network, server or content); the message says what to do."""


def display_path(path: Path) -> str:
    """Show a path relative to the working directory when it lies below it.

    Keeps messages short and keeps user names out of logs and reports.
    """
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(Path(*path.parts[-2:])) if path.is_absolute() else str(path)
