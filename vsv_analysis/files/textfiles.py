"""Opening one input file safely and decoding it, before anything is parsed.

Everything that can be wrong with a file as a whole becomes one
:class:`~vsv_analysis.common.errors.DataProblem` naming the file: it is missing, a
folder, a special file (pipe, device), unreadable, too large, a symbolic link
leading out of the data folder, a workbook or other binary file saved with a
``.csv`` name, or text in another encoding than UTF-8.

Examples
--------
>>> from vsv_analysis.common.locations import default_data_dir
>>> read_text(default_data_dir() / "sources.csv", root=default_data_dir()).startswith("source_id,")
True
"""

from __future__ import annotations

import errno
import io
import os
import re
import stat
import zipfile
from pathlib import Path

from ..common.errors import DataError, DataFolderError, DataProblem, display_path
from .csvrecords import LINE_BREAK

__all__ = ["MAX_FILE_BYTES", "NUL_IN_TEXT", "check_file", "check_folder", "check_inside", "check_subfolder",
           "read_text"]

MAX_FILE_BYTES = 256 * 1024 * 1024
"""The largest input file read (256 MiB); a national evidence set is a few MiB."""

NUL_IN_TEXT = "text without NUL bytes (a NUL byte, \\x00, is no character of a text: delete it)"
SAVE_AS = "Save As > 'CSV UTF-8 (comma delimited)'"
_CONTROL_BYTES = re.compile(rb"[\x01-\x08\x0e-\x1a\x1c-\x1f]")  # bytes no text holds (tab, line ends, ESC aside)


def read_text(path: Path, root: Path | None = None, what: str = "CSV file", max_bytes: int = MAX_FILE_BYTES) -> str:
    """Return the text of one input file, refusing anything that is not a readable UTF-8 text file.

    Parameters
    ----------
    path : path
        The file.
    root : path, optional
        The data folder the file belongs to. When given, the file must lie
        inside it after following symbolic links, so that a link such as
        ``initiatives.csv -> /etc/passwd`` is refused rather than read.
    what : str
        What the file should be, for the messages ("CSV file", "YAML file").
    max_bytes : int
        The largest file read (default :data:`MAX_FILE_BYTES`).

    Raises
    ------
    DataError
        With one problem that names the file and says what is wrong with it.
    """
    path = Path(path)
    shown = display_path(path)
    check_file(path, shown, root, what, max_bytes)
    try:
        raw = path.read_bytes()
    except PermissionError:
        _refuse(shown, "a file this user may read (permission denied); check the file's permissions")
    except OSError as error:
        _refuse(shown, f"a readable file ({error.strerror or error})")
    _refuse_binary(raw, shown, what)
    text = _decode(raw, shown)
    if "\x00" in text and what != "CSV file":  # a CSV file's reader names the row and column of the cell
        line = len(LINE_BREAK.findall(text[:text.index("\x00")])) + 1
        raise DataError(DataProblem(shown, None, None, None, NUL_IN_TEXT, line=line))
    return text


def check_folder(path: Path, holds: str) -> None:
    """Raise :class:`~vsv_analysis.common.errors.DataFolderError` unless ``path`` is a folder one may read.

    ``holds`` says what the folder should hold, for the message. One problem
    for the folder replaces one "does not exist" per file in it.

    Examples
    --------
    >>> check_folder(Path("no/such/folder"), "the evidence files")
    Traceback (most recent call last):
    ...
    vsv_analysis.common.errors.DataFolderError: 1 problem in the input data:
    - no/such/folder: expected a folder with the evidence files (it does not exist).
    """
    path = Path(path)
    shown = display_path(path)
    hints: tuple[str, ...] = ()
    try:
        status = path.stat()
    except FileNotFoundError:
        reason = "it does not exist"
        hints = _sibling_folders_like(path)
    except PermissionError:
        reason = "permission denied on the folder or a folder above it"
    except (OSError, ValueError) as error:  # a name too long for the file system, a NUL character
        reason = getattr(error, "strerror", None) or str(error)
    else:
        if stat.S_ISDIR(status.st_mode):
            if os.access(path, os.R_OK | os.X_OK):
                return
            reason = "this user may not read it"
        else:
            reason = "this is a file, not a folder"
    raise DataFolderError(DataProblem(shown, None, None, None, f"a folder with {holds} ({reason})", hints))


def _sibling_folders_like(path: Path) -> tuple[str, ...]:
    from ..common.names import closest

    parent = path.parent
    try:
        names = [entry.name for entry in parent.iterdir() if entry.is_dir()]
    except OSError:
        return ()
    return tuple(str(parent / name) if str(parent) != "." else name for name in closest(path.name, names, n=1))


def _refuse(shown: str, expected: str, value: str | None = None):
    raise DataError(DataProblem(shown, None, None, value, expected)) from None


def check_subfolder(path: Path, root: Path, holds: str) -> None:
    """Raise :class:`~vsv_analysis.common.errors.DataError` unless ``path``, a subfolder of the data folder ``root``
    that is there, is a folder one may read inside it.

    ``holds`` says what it should hold. A file, a broken link, a loop of links or a link out of ``root`` where the
    folder should be is named as such (never taken for a missing folder).
    """
    path, shown = Path(path), display_path(path)
    check_inside(path, root, what="folder")
    try:
        status = path.stat()
    except FileNotFoundError:
        _refuse(shown, f"a folder with {holds} (it is a symbolic link to {os.readlink(path)}, which does not exist)")
    except OSError as error:
        if error.errno == errno.ELOOP:
            _refuse(shown, f"a folder with {holds} (it is a loop of symbolic links)")
        _refuse(shown, f"a folder with {holds} ({error.strerror or error})")
    if not stat.S_ISDIR(status.st_mode):
        _refuse(shown, f"a folder with {holds}, but this is a file")
    if not os.access(path, os.R_OK | os.X_OK):
        _refuse(shown, f"a folder with {holds} that this user may read (permission denied)")


def check_inside(path: Path, root: Path, what: str = "file") -> None:
    """Raise :class:`~vsv_analysis.common.errors.DataError` if ``path`` leads out of the folder ``root``.

    Symbolic links are followed, also those of folders on the way; a link that
    stays inside ``root`` is fine. A loop of links is refused as such.
    """
    try:
        target, inside = Path(path).resolve(), Path(root).resolve()
    except RuntimeError:  # Path.resolve in Python 3.11 on a loop of symbolic links
        _refuse(display_path(path), f"a {what} at this path (it is a loop of symbolic links)")
    if target != inside and inside not in target.parents:
        _refuse(display_path(path), f"a {what} inside the data folder, but this is a symbolic link that leads "
                                    f"out of it, to {target}; copy the {what} into the data folder instead")


def check_file(path: Path, shown: str, root: Path | None, what: str = "CSV file",
               max_bytes: int = MAX_FILE_BYTES) -> None:
    """Raise :class:`~vsv_analysis.common.errors.DataError` unless ``path`` is a regular file one may read in ``root``.

    ``shown`` names the file in the message, ``what`` says what was expected there. Files larger than
    ``max_bytes`` (default :data:`MAX_FILE_BYTES`) are refused too.
    """
    try:
        if root is not None:
            check_inside(path, root, what)
        status = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            _refuse(shown, f"a {what} at this path (it is a symbolic link to {os.readlink(path)}, "
                           f"which does not exist)")
        _refuse(shown, f"a {what} at this path (it does not exist)")
    except PermissionError:
        _refuse(shown, "a file this user may open (permission denied on the file or a folder above it)")
    except RuntimeError:  # Path.resolve in Python 3.11 on a loop of symbolic links
        _refuse(shown, f"a {what} at this path (it is a loop of symbolic links)")
    except OSError as error:
        _refuse(shown, f"a {what} at this path ({error.strerror or error})")
    if stat.S_ISDIR(status.st_mode):
        _refuse(shown, f"a {what} at this path, but this is a folder")
    if not stat.S_ISREG(status.st_mode):
        _refuse(shown, f"a {what} at this path, but this is a special file (a pipe, socket or device)")
    if status.st_size > max_bytes:
        size = f"{status.st_size / 2**20:,.0f} MiB" if status.st_size >= 2**20 else f"{status.st_size:,} bytes"
        _refuse(shown, f"a file of at most {max_bytes // 2**20} MiB (this one has {size})")


def _binary_kind(raw: bytes) -> str | None:
    if raw.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        try:
            names = zipfile.ZipFile(io.BytesIO(raw)).namelist()
        except (zipfile.BadZipFile, ValueError, OSError):
            names = []
        if any(name.startswith("xl/") for name in names):
            return "an Excel workbook (XLSX)"
        if "content.xml" in names:
            return "an OpenDocument spreadsheet (ODS)"
        return "a ZIP archive"
    if raw.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "an Excel 97-2003 workbook (XLS)"
    if raw.startswith(b"%PDF"):
        return "a PDF document"
    if raw.startswith(b"\x1f\x8b"):
        return "a gzip-compressed file"
    return None


def _is_text_with_nul(raw: bytes) -> bool:
    """Whether NUL bytes are the only thing that is not text about ``raw`` (a NUL typed or pasted into a text)."""
    sample = raw[:65536].replace(b"\x00", b"")
    if _CONTROL_BYTES.search(sample):
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start >= len(sample) - 3  # only a character cut off at the end of the sample
    return True


def _refuse_binary(raw: bytes, shown: str, what: str) -> None:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        _refuse(shown, f"UTF-8 text, but the file is UTF-16 ('Unicode text'); in Excel use {SAVE_AS}")
    kind = _binary_kind(raw)
    is_csv = what == "CSV file"
    if kind is not None:
        if not is_csv:
            _refuse(shown, f"a {what}, but this is {kind}")
        is_spreadsheet = "workbook" in kind or "spreadsheet" in kind
        advice = f"open it in Excel and use {SAVE_AS}" if is_spreadsheet else "save the table as CSV UTF-8 text"
        _refuse(shown, f"a CSV text file, but this is {kind} with a .csv name; {advice}")
    start = raw[:4096]
    even_bytes, odd_bytes = start[0::2], start[1::2]
    if len(start) >= 8 and max(even_bytes.count(0), odd_bytes.count(0)) >= 0.9 * len(odd_bytes):
        _refuse(shown, f"UTF-8 text, but the file is UTF-16 without a byte-order mark; in Excel use {SAVE_AS}")
    if b"\x00" in raw[:65536] and not _is_text_with_nul(raw):
        expected = "a CSV text file" if is_csv else f"a {what}"
        _refuse(shown, f"{expected}, but this is a binary file (it holds NUL bytes, which text never does); "
                       + ("save the table as CSV UTF-8 text" if is_csv else "save it as UTF-8 text"))


def _decode(raw: bytes, shown: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        bad = raw[exc.start: exc.start + 1]
        raise DataError(DataProblem(shown, line, None, f"byte 0x{bad.hex()}",
                                    "UTF-8 text (this byte is not UTF-8; the file was probably saved as "
                                    f"ANSI/Windows-1252). In Excel use {SAVE_AS}")) from None
