"""Where the report notebooks are, and what a notebook declares (title, description, parameters).

Notebooks are read as plain JSON here, so that the main process of a render
does not pay for importing nbformat.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

from ..locations import CHECKOUT_DIR, NOTEBOOK_DIR, PACKAGE_DIR, TEMPLATE_DIR

__all__ = ["NOTEBOOK_DIR", "PROJECT_ROOT", "TEMPLATE_DIR", "names_used", "notebook_info", "notebook_parameters",
           "read_notebook_json", "report_notebooks"]

PROJECT_ROOT = CHECKOUT_DIR or PACKAGE_DIR  # the checkout, or the installed package: local paths hidden in reports


def report_notebooks(folder: Path = NOTEBOOK_DIR) -> list[Path]:
    """The report notebooks, in file-name order."""
    return sorted(p for p in Path(folder).glob("*.ipynb") if not p.name.startswith("."))


def read_notebook_json(path: Path) -> dict:
    """The notebook as a version-4 dictionary (older versions are converted by nbformat).

    Raises ``ValueError`` when the file is not a notebook.
    """
    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{path} is not a notebook (not JSON text: {error})") from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells", []), list):
        raise ValueError(f"{path} is not a notebook (no list of cells)")
    if "cells" not in nb:
        import nbformat

        nb = nbformat.read(path, as_version=4)
    return nb


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def notebook_parameters(path: Path) -> list[str]:
    """Names assigned in the cell tagged ``parameters`` of a notebook."""
    for cell in read_notebook_json(path)["cells"]:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            return re.findall(r"^([A-Za-z_]\w*)\s*(?::[^=]+)?=", _source(cell), flags=re.MULTILINE)
    return []


def names_used(path: Path) -> frozenset[str] | None:
    """Every name the code cells read, the parameters cell left out; ``None`` when a cell is not plain Python.

    Every report declares every shared parameter, so what a report's output can
    depend on is the parameters its code reads, not those it declares.
    """
    names: set[str] = set()
    for cell in read_notebook_json(path)["cells"]:
        if cell.get("cell_type") != "code" or "parameters" in cell.get("metadata", {}).get("tags", []):
            continue
        try:
            tree = ast.parse(_source(cell))
        except SyntaxError:  # IPython syntax (a magic): it may read anything
            return None
        names.update(node.id for node in ast.walk(tree) if isinstance(node, ast.Name))
    return frozenset(names)


def notebook_info(path: Path) -> tuple[str, str]:
    """Title and description from the notebook's ``vsv`` metadata."""
    meta = read_notebook_json(path).get("metadata", {}).get("vsv", {})
    return meta.get("title", Path(path).stem), meta.get("description", "")
