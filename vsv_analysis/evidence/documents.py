"""The source documents themselves: the optional ``file`` column of ``sources.csv``.

A data folder may hold a copy of a source document (the memo as PDF or text, an annual report), and
``sources.csv`` may name it in its column ``file``: a path relative to the data folder, such as
``bronnen/memo.pdf``. The file is checked as every input file is (:func:`document_problems`): it lies inside
the data folder (a symbolic link out of it is refused), exists, is a regular file this user may read, of at
most 256 MiB, and its name does not start with a full stop. The summary links to it, and a render copies it
beside the page, so that the link works offline.

:func:`listed_documents` reads the column without loading the data (standard library only, and the workbook
read-only), for the digest that decides whether a report must be made again: a document's bytes are part of
the evidence it rests on.

Examples
--------
>>> from vsv_analysis.common.locations import default_data_dir
>>> listed_documents(default_data_dir())
[]
"""

from __future__ import annotations

import csv
import io
import os
import posixpath
from pathlib import Path, PurePosixPath, PureWindowsPath

from ..common.errors import DataError, DataProblem, display_path

__all__ = ["DOCUMENT_COLUMN", "document_kind", "document_path", "document_problems", "is_workbook_file",
           "listed_documents"]

DOCUMENT_COLUMN = "file"
"""The column of ``sources.csv`` that names the source document's file, relative to the data folder."""

KINDS_NL = {".pdf": "PDF-document", ".txt": "tekstbestand", ".md": "tekstbestand", ".docx": "Word-document",
            ".doc": "Word-document", ".odt": "tekstdocument", ".html": "webpagina", ".htm": "webpagina",
            ".xlsx": "Excel-werkmap", ".csv": "CSV-bestand"}


def is_workbook_file(path: Path) -> bool:
    """Whether ``path`` counts as a data folder's workbook: ``*.xlsx``, not a lock file (``~$…``) or hidden."""
    return path.suffix.casefold() == ".xlsx" and not path.name.startswith(("~$", "."))


def document_kind(name: str) -> str:
    """What sort of file a document is, in Dutch, from its name: "PDF-document", "tekstbestand", "document".

    >>> document_kind("memo.PDF"), document_kind("memo")
    ('PDF-document', 'document')
    """
    return KINDS_NL.get(Path(name).suffix.casefold(), "document")


def _csv_values(path: Path) -> list[str]:
    from ..files.csvrecords import sniff_delimiter

    text = path.read_bytes().decode("utf-8-sig")
    header = text.splitlines()[0] if text else ""
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(header, [DOCUMENT_COLUMN])))
    names = [name.strip() for name in rows[0]] if rows else []
    if DOCUMENT_COLUMN not in names:
        return []
    at = names.index(DOCUMENT_COLUMN)
    return [row[at].strip() for row in rows[1:] if len(row) > at and row[at].strip()]


def _workbook_values(path: Path) -> list[str]:
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        sheets = [sheet for sheet in workbook.worksheets if sheet.title.strip().casefold() == "sources"]
        rows = [[("" if cell is None else str(cell)).strip() for cell in row]
                for row in sheets[0].iter_rows(values_only=True)] if sheets else []
    finally:
        workbook.close()
    rows = [row for row in rows if any(row)]
    if not rows or DOCUMENT_COLUMN not in rows[0]:
        return []
    at = rows[0].index(DOCUMENT_COLUMN)
    return [row[at] for row in rows[1:] if len(row) > at and row[at]]


def listed_documents(data_dir: Path) -> list[str]:
    """The values of the ``file`` column, as written, without checking or loading anything else.

    Read from ``sources.csv``, or from the ``sources`` sheet of the folder's workbook; empty when there is
    neither, the column is absent, or the file cannot be read (loading the data says what is wrong).
    """
    folder = Path(data_dir)
    try:
        if (folder / "sources.csv").is_file():
            return _csv_values(folder / "sources.csv")
        workbooks = sorted(p for p in folder.iterdir() if is_workbook_file(p) and p.is_file())
        return [value for workbook in workbooks for value in _workbook_values(workbook)]
    except Exception:  # noqa: BLE001 (any unreadable file: the key still forms, and the load names the problem)
        return []


def _is_relative(value: str) -> bool:
    return not (PurePosixPath(value).is_absolute() or PureWindowsPath(value).is_absolute()
                or PureWindowsPath(value).drive)


def document_path(data_dir: Path, value: str) -> Path | None:
    """The file a ``file`` value names in ``data_dir`` (``None`` for an empty value). Not checked: see
    :func:`document_problems`."""
    return Path(data_dir) / PurePosixPath(value.replace("\\", "/")) if value else None


def document_problems(sources, data_dir: Path, shown: str) -> list:
    """A problem for each source whose ``file`` names no readable file inside ``data_dir``.

    ``sources`` is ``sources.csv`` as read (with ``_row``); ``shown`` names it in the messages. Each
    problem names the file, row, column ``file`` and value, says what is wrong, and suggests files of the
    data folder with a close name.
    """
    from ..common.names import closest
    from ..files.textfiles import check_file

    if DOCUMENT_COLUMN not in sources:
        return []
    problems = []
    for row, value in zip(sources["_row"], sources[DOCUMENT_COLUMN]):
        if not value:
            continue
        path = document_path(data_dir, value)
        expected = None
        if not _is_relative(value):
            expected = "a path relative to the data folder, such as bronnen/memo.pdf"
        elif posixpath.normpath(value.replace("\\", "/")).split("/")[0] == "..":
            expected = "a file inside the data folder (this path leads out of it with ..)"
        elif path.name.startswith("."):
            expected = "a file whose name does not start with a full stop"
        else:
            try:
                check_file(path, value, Path(data_dir), what="source document")
                if not os.access(path, os.R_OK):
                    expected = "a source document this user may read (permission denied)"
            except DataError as error:
                expected = error.problems[0].expected
        if expected is not None:
            problems.append(DataProblem(shown, int(row), DOCUMENT_COLUMN, value,
                                        f"{expected}, relative to the data folder {display_path(data_dir)}",
                                        closest(value, _folder_files(data_dir))))
    return problems


def _folder_files(data_dir: Path, limit: int = 10_000) -> list[str]:
    """Paths of the files in the data folder, relative to it, for suggestions (hidden files left out)."""
    found = []
    for top, folders, files in os.walk(data_dir):
        folders[:] = [f for f in folders if not f.startswith(".")]
        for name in files:
            if not name.startswith(".") and len(found) < limit:
                found.append(Path(top, name).relative_to(data_dir).as_posix())
    return found
