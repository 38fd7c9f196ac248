"""Writing output files so that a failure never replaces the last good one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

__all__ = ["atomic_write", "write_together"]


def atomic_write(path: Path, write: Callable[[str], object]) -> Path:
    """Call ``write(temporary_path)``, then rename the result onto ``path``.

    The temporary file lies beside ``path`` (same file system, so the rename is
    atomic) and keeps its suffix, which writers such as Excel's choose their
    format by. If ``write`` raises, ``path`` is untouched and the temporary
    file is removed. The file gets the usual permissions (mkstemp would leave
    it readable by its owner only).
    """
    return write_together({Path(path): write})[0]


def write_together(writes: dict[Path, Callable[[str], object]]) -> list[Path]:
    """Write several files as one: each to a temporary name beside it, then all renamed; or none at all.

    ``writes`` maps each target path to its ``write(temporary_path)``. If any
    write raises, no target is touched and every temporary file is removed. The
    renames come last, after everything was written, so an update of several
    files (the CBS figures of a year and its boundaries) is never left half done.
    """
    staged: list[tuple[str, Path]] = []
    umask = os.umask(0)
    os.umask(umask)
    try:
        for path, write in writes.items():
            path = Path(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
            os.close(handle)
            staged.append((temporary, path))
            write(temporary)
            os.chmod(temporary, 0o666 & ~umask)
        for temporary, path in staged:
            os.replace(temporary, path)
    finally:
        for temporary, _ in staged:
            if os.path.exists(temporary):
                os.unlink(temporary)
    return [path for _, path in staged]
