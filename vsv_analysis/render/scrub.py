"""Making output safe to share: local paths and the user name are replaced before anything is written."""

from __future__ import annotations

import functools
import sys
import tempfile
from pathlib import Path

from .notebooks import PROJECT_ROOT

__all__ = ["scrub", "scrub_notebook"]


@functools.cache
def _private_strings() -> list[tuple[str, str]]:
    """Local paths and the user name, longest first, with what to show instead."""
    pairs = [(str(PROJECT_ROOT), "<project>"), (str(Path(sys.prefix)), "<python>"),
             (str(Path(sys.base_prefix)), "<python>"), (str(Path.home()), "~"),
             (tempfile.gettempdir(), "<tmp>")]
    try:
        import getpass

        user = getpass.getuser()
        if len(user) > 2:
            pairs.append((f"/{user}/", "/<user>/"))
    except (OSError, KeyError):
        pass
    return sorted({p for p in pairs if p[0] not in ("", "/")}, key=lambda p: -len(p[0]))


def scrub(text: str) -> str:
    """Replace local paths and the user name in ``text``."""
    for private, shown in _private_strings():
        text = text.replace(private, shown)
    return text


def scrub_notebook(nb) -> None:
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if "traceback" in output:
                output["traceback"] = [scrub(line) for line in output["traceback"]]
            if "evalue" in output:
                output["evalue"] = scrub(output["evalue"])
            if "text" in output:
                output["text"] = scrub(output["text"])
        cell.metadata.pop("papermill", None)
    nb.metadata.pop("papermill", None)

