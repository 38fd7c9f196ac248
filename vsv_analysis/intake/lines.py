"""What every reader gives: the :class:`Line`, and the :class:`DocumentError` for a document that cannot be read."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["DocumentError", "Line"]


class DocumentError(Exception):
    """A document that cannot be read; the message names the file and says why."""

    def __init__(self, path: Path | str, problem: str):
        self.path = Path(path)
        super().__init__(f"{self.path}: {problem}")


@dataclass(frozen=True)
class Line:
    """One line of a document as its format gives it.

    ``size`` and ``bold``: the font of a PDF line (``None`` and ``False`` elsewhere); ``level``: the
    heading level the format itself states (a Word heading style, a Markdown ``#``), else ``None``;
    ``gap_before``: the blank space above the line, in blank lines (text) or line heights (PDF);
    ``page`` and ``position``: the page, and where on it the line stands (0 top, 1 bottom; PDF only).
    """

    text: str
    page: int = 1
    size: float | None = None
    bold: bool = False
    level: int | None = None
    gap_before: float = 0.0
    position: float | None = None
