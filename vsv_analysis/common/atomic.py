"""Writing output files so that a failure never replaces the last good one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

__all__ = ["atomic_write"]


def atomic_write(path: Path, write: Callable[[str], object]) -> Path:
    """Call ``write(temporary_path)``, then rename the result onto ``path``.

    The temporary file lies beside ``path`` (same file system, so the rename is
    atomic) and keeps its suffix, which writers such as Excel's choose their
    format by. If ``write`` raises, ``path`` is untouched and the temporary
    file is removed. The file gets the usual permissions (mkstemp would leave
    it readable by its owner only).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
    os.close(handle)
    try:
        write(temporary)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return path
