"""vsv-analysis in JupyterLab: report notebooks saved without outputs, and the folder relative paths are read from.

- **Saving without outputs**: :func:`strip_outputs` is a pre-save hook for the Jupyter server. The project's
  Jupyter configuration (``jupyter/jupyter_server_config.json``, which ``make lab`` uses) sets it, so a report
  notebook saved in Lab after "Run All" keeps its code and parameters but no outputs: the notebooks stay as they
  are committed, and the reports are made by ``vsv-analysis render`` (or ``export``).
- **The working folder** (:func:`working_folder`): where a relative path in a notebook's parameters is read
  from. A kernel that a Jupyter server started runs in the notebook's folder, but a user of Lab thinks in the
  folder Lab was started in (the top of its file browser; for ``make lab``, the checkout), so that folder is
  used; everywhere else (papermill, ``render``, a console) the current folder.

Examples
--------
>>> nb = {"cells": [{"cell_type": "code", "source": "1 + 1", "execution_count": 3, "metadata": {},
...                  "outputs": [{"output_type": "execute_result", "data": {"text/plain": "2"}}]}],
...       "metadata": {"language_info": {"name": "python", "version": "3.11.7"}}}
>>> strip_notebook(nb)
>>> nb["cells"][0]["outputs"], nb["cells"][0]["execution_count"], nb["metadata"]
([], None, {'language_info': {'name': 'python'}})
"""

from __future__ import annotations

import json
import os
from pathlib import Path

__all__ = ["strip_notebook", "strip_outputs", "working_folder"]

CELL_METADATA_DROPPED = ("execution", "papermill", "ExecuteTime", "collapsed", "scrolled")
NOTEBOOK_METADATA_DROPPED = ("papermill", "widgets")


def strip_notebook(nb: dict) -> None:
    """Remove outputs, execution counts and run-time metadata from a notebook (a dict in nbformat 4), in place."""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        metadata = cell.get("metadata", {})
        for key in CELL_METADATA_DROPPED:
            metadata.pop(key, None)
    metadata = nb.get("metadata", {})
    for key in NOTEBOOK_METADATA_DROPPED:
        metadata.pop(key, None)
    if isinstance(metadata.get("language_info"), dict):  # the kernel's Python version: a detail of one machine
        metadata["language_info"] = {"name": metadata["language_info"].get("name", "python")}


def strip_outputs(model: dict, **_ignored) -> None:
    """Jupyter pre-save hook: a report notebook is saved without outputs.

    A report notebook is one whose metadata has a ``vsv`` entry (its title and description), wherever it
    lies, so a copy of one is stripped too; other notebooks (an evaluator's own) are saved as they are. Set
    it in a Jupyter server configuration as
    ``{"ContentsManager": {"pre_save_hook": "vsv_analysis.jupyter.strip_outputs"}}``.
    """
    content = model.get("content")
    if model.get("type") == "notebook" and isinstance(content, dict) and "vsv" in content.get("metadata", {}):
        strip_notebook(content)


def working_folder() -> Path:
    """The folder a relative path in a notebook's parameters is read from.

    A kernel started by a Jupyter server (JupyterLab, Jupyter Notebook) knows the server by its process id
    (``JPY_PARENT_PID``); the server's information file in the Jupyter runtime folder
    (``jpserver-<pid>.json``) names the folder it serves, which is returned. Anywhere else (papermill,
    ``render``, a console, VS Code's own kernels) it is the current folder.
    """
    parent = os.environ.get("JPY_PARENT_PID", "")
    if parent.isdigit():
        try:
            from jupyter_core.paths import jupyter_runtime_dir

            info = json.loads((Path(jupyter_runtime_dir()) / f"jpserver-{parent}.json").read_text(encoding="utf-8"))
            root = Path(info["root_dir"]).expanduser()
            if root.is_dir():
                return root
        except (ImportError, OSError, ValueError, KeyError, TypeError):
            pass
    return Path.cwd()
