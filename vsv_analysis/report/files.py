"""Files a report offers beside its page: the whole of a long table as CSV, the whole network as GEXF.

A page stays readable and light at any size by showing the first rows of a long
table; the rest goes into a file the page links to, so that nothing is left out.
The render gives each notebook a folder for those files through the environment
variable :data:`FILES_ENVIRONMENT` (``<run>/<notebook>-bestanden``), publishes the
folder with the page, and carries it over with the page when the report is not made
again. Without the variable (a notebook in JupyterLab, plain papermill) nothing is
written, and the page says where the file will be.

Links are relative (``02_netwerk-bestanden/verbindingen.csv``), so the run folder
works offline and moved as a whole.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from markupsafe import Markup

from ..common.dutch import number
from ..common.locations import FILES_ENVIRONMENT

__all__ = ["files_folder", "offer_file", "size_text"]


def files_folder() -> Path | None:
    """The folder this notebook's files go to, or ``None`` when it runs outside a render."""
    value = os.environ.get(FILES_ENVIRONMENT, "")
    return Path(value) if value else None


def size_text(size: int) -> str:
    """A file size as Dutch readers see it: "850 kB", "3,1 MB".

    >>> size_text(850_000), size_text(3_140_000), size_text(120)
    ('850 kB', '3,1 MB', '1 kB')
    """
    if size >= 1_000_000:
        return f"{number(size / 1_000_000, 1)} MB"
    return f"{number(max(1, round(size / 1000)))} kB"


def offer_file(name: str, write: Callable[[Path], object], kind: str) -> Markup:
    """Write the file ``name`` with ``write(path)`` into this report's folder, and return a link to it (markup).

    ``kind`` says in Dutch what sort of file it is ("CSV voor Excel"). Outside a render nothing is
    written, and the text says so instead of linking.
    """
    folder = files_folder()
    if folder is None:
        return Markup("het bestand {} ({}), dat naast dit rapport komt te staan wanneer de rapporten gemaakt "
                      "worden").format(name, kind)
    folder.mkdir(parents=True, exist_ok=True)
    write(folder / name)
    size = (folder / name).stat().st_size
    href = f"{quote(folder.name)}/{quote(name)}"
    return Markup('het bestand <a href="{}" download>{}</a> ({}, {})').format(href, name, kind, size_text(size))
