"""Where the report notebooks are, and what a notebook declares (title, description, parameters).

Notebooks are read as plain JSON (:func:`vsv_analysis.jupyter.catalogue.read_notebook_json`), so that the main
process of a render does not pay for importing nbformat.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from ..common.locations import CHECKOUT_DIR, NOTEBOOK_DIR, PACKAGE_DIR, TEMPLATE_DIR
from ..jupyter.catalogue import notebook_info, read_notebook_json, report_notebooks

__all__ = ["NOTEBOOK_DIR", "PROJECT_ROOT", "TEMPLATE_DIR", "imported_modules", "names_used", "notebook_info",
           "notebook_parameters", "read_notebook_json", "report_notebooks"]

PROJECT_ROOT = CHECKOUT_DIR or PACKAGE_DIR  # the checkout, or the installed package: local paths hidden in reports


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def notebook_parameters(path: Path) -> list[str]:
    """Names assigned in the cell tagged ``parameters`` of a notebook."""
    for cell in read_notebook_json(path)["cells"]:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            return re.findall(r"^([A-Za-z_]\w*)\s*(?::[^=]+)?=", _source(cell), flags=re.MULTILINE)
    return []


def _code_trees(path: Path, parameters: bool = True):
    """The parsed code cells of a notebook (the parameters cell only if ``parameters``); ``None`` for a cell that
    is not plain Python (IPython syntax such as a magic)."""
    for cell in read_notebook_json(path)["cells"]:
        is_parameters = "parameters" in cell.get("metadata", {}).get("tags", [])
        if cell.get("cell_type") != "code" or (is_parameters and not parameters):
            continue
        try:
            yield ast.parse(_source(cell))
        except SyntaxError:
            yield None


def names_used(path: Path) -> frozenset[str] | None:
    """Every name the code cells read, the parameters cell left out; ``None`` when a cell is not plain Python.

    Every report declares every shared parameter, so what a report's output can
    depend on is the parameters its code reads, not those it declares.
    """
    names: set[str] = set()
    for tree in _code_trees(path, parameters=False):
        if tree is None:  # it may read anything
            return None
        names.update(node.id for node in ast.walk(tree) if isinstance(node, ast.Name))
    return frozenset(names)


def imported_modules(notebooks) -> list[str]:
    """The modules the code cells of ``notebooks`` import (``from a import b`` gives ``a`` and ``a.b``), in order.

    >>> import json, os, tempfile
    >>> cells = [{"cell_type": "markdown", "source": "import this"},
    ...          {"cell_type": "code", "source": ["import os\\n", "from vsv_analysis import report"]}]
    >>> with tempfile.NamedTemporaryFile("w", suffix=".ipynb", delete=False) as file:
    ...     json.dump({"cells": cells}, file)
    >>> imported_modules([file.name])
    ['os', 'vsv_analysis', 'vsv_analysis.report']
    >>> os.remove(file.name)
    """
    found: list[str] = []
    for notebook in notebooks:
        try:
            trees = [tree for tree in _code_trees(notebook) if tree is not None]  # a magic's imports: the notebook's
        except (OSError, ValueError):
            continue
        for tree in trees:
            for node in tree.body:
                if isinstance(node, ast.Import):
                    found += [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    found += [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
    return list(dict.fromkeys(found))
