"""Where the report notebooks are, and what a notebook declares (title, description, parameters)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

__all__ = ["NOTEBOOK_DIR", "PROJECT_ROOT", "TEMPLATE_DIR", "notebook_info", "notebook_parameters",
           "report_notebooks"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
NOTEBOOK_DIR = PROJECT_ROOT / "notebooks"
TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"


def report_notebooks(folder: Path = NOTEBOOK_DIR) -> list[Path]:
    """The report notebooks, in file-name order."""
    return sorted(p for p in Path(folder).glob("*.ipynb") if not p.name.startswith("."))


def notebook_parameters(path: Path) -> list[str]:
    """Names assigned in the cell tagged ``parameters`` of a notebook."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if "parameters" in cell.metadata.get("tags", []):
            return re.findall(r"^([A-Za-z_]\w*)\s*(?::[^=]+)?=", cell.source, flags=re.MULTILINE)
    return []


def notebook_info(path: Path) -> tuple[str, str]:
    """Title and description from the notebook's ``vsv`` metadata."""
    meta = nbformat.read(path, as_version=4).metadata.get("vsv", {})
    return meta.get("title", path.stem), meta.get("description", "")
