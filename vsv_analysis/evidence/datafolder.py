"""A new data folder for another programme: ``vsv-analysis init DIR``.

It holds what :func:`vsv_analysis.evidence.dataset.load_dataset` reads, ready to fill:

- ``initiatives.csv``, ``involvements.csv``, ``sources.csv`` and the optional
  ``interpretations.csv``, each with its header row and no rows, in the Dutch
  Excel dialect (``;``, UTF-8 with byte-order mark, CRLF), so that Dutch Excel
  opens them as columns; every dialect the reader accepts may be saved back;
- ``programme.yaml`` with every key, its value empty and a comment saying what
  to fill in. ``name`` is required, so ``validate`` refuses the folder, with a
  message naming the file and the key, until the programme has a name; the
  other keys may stay empty;
- ``vocabularies/``, empty but for a README on adding roles and kinds;
- ``LEESMIJ.md``, in Dutch, for the evaluator, self-contained (:mod:`.guide`):
  the format of every file and column, the values of the coded columns, the
  workbook alternative (``vsv-analysis template``), how to validate and how to
  render, with the folder named by its own name, never by an absolute path.

No ``reference/`` folder: the built-in Brabant reference is used until the
folder gets one of its own.

Examples
--------
>>> import tempfile
>>> folder = Path(tempfile.mkdtemp()) / "nieuw"
>>> [str(path.relative_to(folder)) for path in init_data_folder(folder)]  # doctest: +NORMALIZE_WHITESPACE
['initiatives.csv', 'involvements.csv', 'sources.csv', 'interpretations.csv', 'programme.yaml',
 'vocabularies/README.md', 'LEESMIJ.md']
>>> (folder / "sources.csv").read_bytes()[:13]
b'\\xef\\xbb\\xbfsource_id;'
>>> import shutil; shutil.rmtree(folder.parent)
"""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pandas as pd

from ..files.spreadsheet import write_csv
from .guide import leesmij
from .layout import EVIDENCE_FILES, empty_columns
from .programme import PROGRAMME_FILE, Programme
from .specs import evidence_specs
from .vocabulary import SPECS, default_vocabulary

__all__ = ["PROGRAMME_KEY_COMMENTS", "init_data_folder"]

PROGRAMME_KEY_COMMENTS = {
    "name": "required: the programme's full name (such as: Versterken Sociale Veerkracht)",
    "short_name": "optional: its abbreviation, used in figure legends (such as: VSV)",
    "owner": "optional: who runs the programme (such as: Provincie Noord-Brabant)",
    "commissioned_by": "optional: who asked for the evaluation (such as: Provinciale Staten van Noord-Brabant)",
    "audience": "optional: for whom the reports are written (such as: leden van Provinciale Staten)",
}
"""The comment ``init`` writes after each key of ``programme.yaml``."""


def init_data_folder(path: Path | str) -> list[Path]:
    """Write a new, empty data folder at ``path``; return the files written.

    Raises
    ------
    ValueError
        When ``path`` is a file, or a folder that is not empty (nothing is written
        then), or cannot be written.
    """
    path = Path(path)
    if path.is_file() or (path.is_symlink() and not path.is_dir()):
        raise ValueError(f"{path} is a file; 'init' writes a new data folder, so give a folder that does not "
                         f"exist yet or is empty")
    if path.is_dir() and any(path.iterdir()):
        raise ValueError(f"{path} exists and is not empty; 'init' writes a new data folder only into a folder "
                         f"that does not exist yet or is empty, so that it never mixes with other files")
    specs = evidence_specs(default_vocabulary())
    written = []
    try:
        (path / "vocabularies").mkdir(parents=True)
        for name in EVIDENCE_FILES:  # a header only, in the CSV dialect of Dutch Excel
            write_csv(pd.DataFrame(columns=empty_columns(name, specs[name])), path / name, "excel-nl")
            written.append(path / name)
        written.append(_write(path / PROGRAMME_FILE, _programme_yaml()))
        written.append(_write(path / "vocabularies" / "README.md", _vocabulary_readme()))
        written.append(_write(path / "LEESMIJ.md", leesmij(path.resolve().name)))
    except OSError as error:
        raise ValueError(f"cannot write the data folder {path}: {error.strerror or error}") from None
    return written


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="")
    return path


def _programme_yaml() -> str:
    keys = [f.name for f in fields(Programme) if f.name != "is_described"]
    width = max(len(key) for key in keys) + 2
    lines = ["# The programme these data describe, as the reports name it. Write the values in Dutch, as the",
             "# reports print them, after the colon on the same line. 'vsv-analysis validate' refuses this file",
             "# until 'name' is filled in; the other keys may stay empty.",
             *(f"{key + ':':<{width}}# {PROGRAMME_KEY_COMMENTS.get(key, 'see vsv_analysis.evidence.programme')}"
               for key in keys)]
    return "\n".join(lines) + "\n"


def _vocabulary_readme() -> str:
    files = "; ".join(f"`{file_name}` ({', '.join(spec.names)})" for file_name, spec in SPECS.values())
    return ("# vocabularies\n\n"
            "To add a role, a kind of party or a kind of initiative, or to change the label or weight of one, "
            f"put a CSV file here with the name and columns of the shipped vocabulary: {files}. "
            "A row with a new id adds a value; a row with an existing id replaces it. The values in force "
            "are listed in `LEESMIJ.md`, one folder up, under *Vaste waarden*.\n")
