"""Writing a proposal: a data folder in the project's own format, checked by the same loader as ``validate``.

- **Alone** (no ``--into``): ``sources.csv`` (one row naming the document's file), ``initiatives.csv``,
  ``involvements.csv``, ``interpretations.csv`` (empty), each with the header ``init`` writes.
- **Into a data folder**: that folder's evidence files as they are, with only the new rows added, in the
  file's own dialect (delimiter, byte-order mark and line ends), and its ``programme.yaml``,
  ``vocabularies/`` and ``reference/`` beside them; so ``vsv-analysis changes DATA_DIR DIR`` shows exactly
  the new mentions.
- **reference/**: copied when the data folder has its own, or when a name must be added to
  ``name_aliases.csv``: a close misspelling or a group no source defines is added *unplaced* (empty
  ``canonical``, with a note saying what it is close to), so that the folder validates and nothing is
  counted for a municipality the document does not name.

The folder is made under a temporary name beside the target, loaded with
:func:`~vsv_analysis.evidence.dataset.load_dataset`, and renamed into place only when that passes. With
``apply``, the data folder's own files are replaced from the checked copy: every new file is written in full
beside its target first, and only then are they renamed, in the order the files refer to each other
(:data:`APPLY_ORDER`: the reference, sources, initiatives, interpretations, and the mentions last). Each rename
is atomic, and the folder after any of them is valid evidence (new sources, initiatives or aliases that nothing
refers to yet), so a crash part-way leaves a data folder that validates and lacks only the new mentions.
"""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from ..common.locations import reference_dir
from ..evidence.dataset import load_dataset
from ..evidence.layout import EVIDENCE_FILES, empty_columns, find_workbook
from ..evidence.specs import evidence_specs
from ..evidence.vocabulary import Vocabulary
from ..files.csvrecords import sniff_delimiter
from ..files.spreadsheet import csv_lines, write_csv

__all__ = ["ALIAS_COLUMNS", "APPLY_ORDER", "append_rows", "apply_to", "check_staged", "check_target", "publish_folder",
           "stage_folder"]

ALIAS_COLUMNS = ["alias", "party_kind", "canonical", "alias_type", "note", "source_id"]
_COPIED = ("programme.yaml",)
APPLY_ORDER = ("reference/", "sources.csv", "initiatives.csv", "interpretations.csv", "involvements.csv")
"""The order ``apply`` renames files in: each file only after every file its rows refer to."""


def check_target(output_dir: Path, into: Path | None, apply: bool) -> None:
    """Refuse, before anything is read, an output folder that holds files, or ``apply`` without a CSV data folder.

    Raises
    ------
    ValueError
        (wrong use of the command: exit 2).
    """
    if output_dir.exists() and (not output_dir.is_dir() or any(output_dir.iterdir())):
        raise ValueError(f"{output_dir} exists and is not an empty folder; extract writes a proposal only into a new "
                         f"or empty folder, never into an existing data folder (use --into DATA_DIR --apply for that)")
    if into is not None and output_dir.resolve() == into.resolve():
        raise ValueError(f"--output-dir {output_dir} is the --into folder itself; choose a new folder for the proposal")
    if apply and into is None:
        raise ValueError("--apply needs --into DATA_DIR: the data folder whose files get the new rows")
    if apply and find_workbook(into) is not None:
        raise ValueError(f"{into} holds its evidence as a workbook; --apply adds rows to CSV evidence files only: "
                         f"review the proposal in {output_dir} and copy the new rows into the workbook yourself")


def append_rows(path: Path, rows: list[dict]) -> bytes:
    """The bytes of the CSV file ``path`` with ``rows`` added in its own dialect (columns as its header names them)."""
    data = path.read_bytes()
    bom = data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    header_line = text.splitlines()[0] if text else ""
    newline = "\r\n" if "\r\n" in text[:len(header_line) + 2] else "\n"
    columns = next(csv.reader([header_line], delimiter=sniff_delimiter(header_line, list(rows[0]) if rows else [])))
    delimiter = sniff_delimiter(header_line, columns)
    columns = [column.strip() for column in next(csv.reader([header_line], delimiter=delimiter))]
    added = csv_lines([[row.get(column, "") for column in columns] for row in rows], delimiter, newline)
    if text and not text.endswith(("\n", "\r")):
        text += newline
    return (b"\xef\xbb\xbf" if bom else b"") + (text + added).encode("utf-8")


def stage_folder(output_dir: Path, tables: dict[str, list[dict]], aliases: list[dict], vocabulary: Vocabulary,
                 into: Path | None) -> Path:
    """Write the proposal's data folder under a temporary name beside ``output_dir``; return that folder."""
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}.", dir=output_dir.parent))
    try:
        specs = evidence_specs(vocabulary)
        for name in EVIDENCE_FILES:
            rows = tables.get(name, [])
            source = into / name if into is not None else None
            if source is not None and source.is_file():
                (staging / name).write_bytes(append_rows(source, rows) if rows else source.read_bytes())
            else:
                columns = empty_columns(name, specs[name])
                write_csv(pd.DataFrame(rows, columns=columns, dtype=object).fillna(""), staging / name, "plain")
        if into is not None:
            for name in _COPIED:
                if (into / name).is_file():
                    shutil.copy2(into / name, staging / name)
            if (into / "vocabularies").is_dir():
                shutil.copytree(into / "vocabularies", staging / "vocabularies")
        own_reference = into is not None and (into / "reference").is_dir()
        if own_reference or aliases:
            source_reference = reference_dir(into)
            shutil.copytree(source_reference, staging / "reference",
                            ignore=lambda folder, names: [n for n in names if not n.endswith(".csv")])
            if aliases:
                target = staging / "reference" / "name_aliases.csv"
                target.write_bytes(append_rows(target, aliases))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def check_staged(staging: Path, year: int | None) -> None:
    """Load the staged folder as ``validate`` would; a :class:`DataError` (and no folder) if it does not pass."""
    try:
        load_dataset(staging, year)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def publish_folder(staging: Path, output_dir: Path) -> None:
    """Rename the checked ``staging`` folder to ``output_dir`` (an empty folder there is replaced)."""
    if output_dir.is_dir():
        output_dir.rmdir()
    os.replace(staging, output_dir)


def _apply_rank(name: str) -> int:
    return next((rank for rank, start in enumerate(APPLY_ORDER) if name.startswith(start)), len(APPLY_ORDER))


def apply_to(staging: Path, into: Path, changed: list[str]) -> list[Path]:
    """Replace ``changed`` files of the data folder ``into`` (paths relative to it) by their checked copies.

    All copies are written beside their targets before the first rename, so a full disk or a read-only file
    changes nothing; then they are renamed in :data:`APPLY_ORDER`.
    """
    ordered = sorted(changed, key=_apply_rank)
    written: list[tuple[Path, Path]] = []
    try:
        for name in ordered:
            target = into / name
            handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".apply", dir=target.parent)
            os.close(handle)
            written.append((Path(temporary), target))
            shutil.copyfile(staging / name, temporary)
            if target.exists():  # mkstemp makes the file private; keep the permissions the file had
                shutil.copymode(target, temporary)
        for temporary, target in written:
            os.replace(temporary, target)
    finally:
        for temporary, _ in written:
            temporary.unlink(missing_ok=True)
    return [target for _, target in written]
