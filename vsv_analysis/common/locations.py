"""Where the files that come with vsv-analysis are: the built-in data, the notebooks, the templates, the vocabularies.

This module is the one place that answers that question; every other module asks it.

Two layouts are known:

- **a checkout** (``make setup``: an editable install): ``data/`` and ``notebooks/`` are folders at the top of
  the project, beside ``vsv_analysis/``, where evaluators and the documentation expect them;
- **an installed package** (a plain ``pip install``): the same folders travel inside the package, as
  ``vsv_analysis/data/`` and ``vsv_analysis/notebooks/`` (``pyproject.toml`` maps them there), so that every
  command works from any folder.

The package's own folder is found with :mod:`importlib.resources`. A package imported from a zip file is not
supported: papermill, nbconvert and the data readers need real files.

Examples
--------
>>> (DATA_DIR / "reference" / "municipalities.csv").is_file()
True
>>> sorted(path.name for path in NOTEBOOK_DIR.glob("0*.ipynb"))[0]
'00_samenvatting.ipynb'
>>> DEFAULTS_FILE.name, (TEMPLATE_DIR / "vsv" / "index.html.j2").is_file()
('parameters.yaml', True)
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

__all__ = ["CHECKOUT_DIR", "DATA_DIR", "DEFAULTS_FILE", "FILES_ENVIRONMENT", "FILES_SUFFIX", "NOTEBOOK_DIR",
           "PACKAGE_DIR", "TEMPLATE_DIR", "VOCABULARY_DIR", "default_data_dir", "is_checkout", "reference_dir"]

FILES_ENVIRONMENT = "VSV_ANALYSIS_FILES"
"""Names the folder for the files of the notebook that runs (``<run>/<report>-bestanden``), set by the render in
the notebook's own process (see :mod:`vsv_analysis.report.files`)."""
FILES_SUFFIX = "-bestanden"
"""A report's folder of files is named after its page: ``02_netwerk.html`` links into ``02_netwerk-bestanden/``."""

PACKAGE_DIR = Path(str(resources.files("vsv_analysis"))).resolve()
"""The folder of the ``vsv_analysis`` package."""


def is_checkout(folder: Path) -> bool:
    """Whether ``folder`` is a project checkout: ``pyproject.toml``, ``data/`` and ``notebooks/`` beside the package."""
    return ((folder / "pyproject.toml").is_file() and (folder / "data").is_dir() and (folder / "notebooks").is_dir()
            and (folder / "vsv_analysis").resolve() == PACKAGE_DIR)


CHECKOUT_DIR: Path | None = PACKAGE_DIR.parent if is_checkout(PACKAGE_DIR.parent) else None
"""The project checkout the package runs from, or ``None`` for an installed package."""

_SHIPPED_ROOT = CHECKOUT_DIR if CHECKOUT_DIR is not None else PACKAGE_DIR

DATA_DIR = _SHIPPED_ROOT / "data"
"""The built-in data: the VSV evidence and, in ``reference/``, the Brabant reference geography (read-only)."""

NOTEBOOK_DIR = _SHIPPED_ROOT / "notebooks"
"""The report notebooks and their shared defaults."""

DEFAULTS_FILE = NOTEBOOK_DIR / "parameters.yaml"
"""The shared defaults of the report parameters."""

TEMPLATE_DIR = PACKAGE_DIR / "templates"
"""The nbconvert template ``vsv`` and the style sheets of the reports and the index."""

VOCABULARY_DIR = PACKAGE_DIR / "vocabularies"
"""The shipped default vocabularies (roles, party kinds, initiative kinds)."""


def default_data_dir() -> Path:
    """The built-in VSV data: ``data/`` of the checkout, or of the installed package (see :data:`DATA_DIR`)."""
    return DATA_DIR


def reference_dir(data_dir: Path | None = None) -> Path:
    """The reference folder for ``data_dir``: its own ``reference/``, else the built-in one.

    An evaluator who points the tool at another programme's data need only
    supply the evidence files; the Brabant reference comes with the project.
    """
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    own = data_dir / "reference"
    # anything named reference counts as the folder's own, also a file or a broken link or a loop of links: reading
    # it then says what is wrong, rather than silently taking the built-in reference instead
    return own if os.path.lexists(own) else default_data_dir() / "reference"
