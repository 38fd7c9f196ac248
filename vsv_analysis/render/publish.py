"""Publishing a run: the ``latest`` link."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["update_latest"]


def update_latest(output_dir: Path, folder: Path) -> None:
    link = output_dir / "latest"
    temporary = output_dir / f".latest.{os.getpid()}"
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(folder.name, target_is_directory=True)
    os.replace(temporary, link)
