"""Reading a document into lines: plain text, Markdown and Word here, PDF in :mod:`.pdf`.

Every reader gives the same thing, a list of :class:`Line`: the text of one line (a paragraph for
Word), with what the format says about it (font size and weight in a PDF, the heading level of a
Word style or a Markdown ``#``, the blank space before it). :mod:`.sections` decides from that which
lines are headings; :mod:`.repair` mends what a PDF does to text. A document that cannot be read gives
a :class:`DocumentError` whose message names the file and says what to do.

Examples
--------
>>> import tempfile
>>> path = Path(tempfile.mkdtemp()) / "brief.md"
>>> _ = path.write_text("# Pilot Oss\\n\\nOss doet mee.\\n", encoding="utf-8")
>>> [(line.text, line.level) for line in read_document(path)]
[('Pilot Oss', 1), ('Oss doet mee.', None)]
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from .lines import DocumentError, Line

__all__ = ["FORMATS", "DocumentError", "Line", "document_format", "read_document"]

FORMATS = {".pdf": "pdf", ".docx": "docx", ".txt": "text", ".text": "text", ".md": "markdown",
           ".markdown": "markdown"}
"""File name endings the tool reads, and the format each stands for."""

_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_WORD_HEADING = re.compile(r"^(?:heading|kop)\s*(\d)$", re.IGNORECASE)


def document_format(path: Path) -> str:
    """The format of ``path`` by its name; a :class:`DocumentError` for one the tool does not read."""
    fmt = FORMATS.get(Path(path).suffix.casefold())
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        hint = " (an old Word file: save it as .docx)" if Path(path).suffix.casefold() == ".doc" else ""
        raise DocumentError(path, f"cannot read this kind of file{hint}; the tool reads {known}")
    return fmt


def read_document(path: Path | str) -> list[Line]:
    """The lines of a PDF, Word (.docx), plain text or Markdown document.

    Raises
    ------
    DocumentError
        For an unknown format, a file that is not there or cannot be read, a damaged or
        password-protected file, a PDF without a text layer (a scan), or a document without text.
    """
    path = Path(path)
    fmt = document_format(path)
    if not path.is_file():
        raise DocumentError(path, "no such file" if not path.exists() else "is not a file")
    if fmt == "pdf":
        from .pdf import read_pdf

        lines = read_pdf(path)
    elif fmt == "docx":
        lines = _read_docx(path)
    else:
        lines = _read_text(path, markdown=fmt == "markdown")
    if not any(line.text.strip() for line in lines):
        raise DocumentError(path, "holds no text; nothing to propose")
    return lines


def _decode(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise DocumentError(path, "is not a text file (it holds binary data); is it damaged, or another format "
                                  "with a .txt name?")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DocumentError(path, "is neither UTF-8 nor Windows-1252 text")


def _read_text(path: Path, markdown: bool) -> list[Line]:
    lines, blanks = [], 0
    for raw in _decode(path).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        text = raw.strip()
        if not text:
            blanks += 1
            continue
        level = None
        heading = _MARKDOWN_HEADING.match(text) if markdown else None
        if heading:
            level, text = len(heading.group(1)), heading.group(2)
        elif markdown:
            text = re.sub(r"(\*\*|__|`)", "", text).lstrip("*-+ ").strip() if text[:2] in ("* ", "- ", "+ ") \
                else re.sub(r"(\*\*|__|`)", "", text)
        lines.append(Line(text, level=level, gap_before=float(blanks)))
        blanks = 0
    return lines


def _read_docx(path: Path) -> list[Line]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        encrypted = _is_ole(path)
        raise DocumentError(path, "is protected by a password; save it without one" if encrypted else
                            f"is damaged or not a Word document ({type(error).__name__}); open and save it in "
                            f"Word again") from None
    lines = []
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(element, document)
            text = paragraph.text.strip()
            if text:
                lines.append(Line(text, level=_style_level(paragraph), gap_before=1.0))
        elif tag == "tbl":  # a table's rows as lines: letters list parties in tables too
            table = Table(element, document)
            for row in table.rows:
                cells = list(dict.fromkeys(cell.text.strip() for cell in row.cells if cell.text.strip()))
                if cells:
                    lines.append(Line(", ".join(cells), gap_before=1.0))
    return lines


def _style_level(paragraph) -> int | None:
    name = paragraph.style.name if paragraph.style is not None else ""
    match = _WORD_HEADING.match(name.strip())
    if match:
        return int(match.group(1))
    if name.strip().casefold() in ("title", "titel"):
        return 0
    return None


def _is_ole(path: Path) -> bool:
    """Whether the file is an OLE container: how Word stores a document with a password (or an old .doc)."""
    with path.open("rb") as handle:
        return handle.read(8) == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
