"""Reports that need not be made again, and the record that lets the next render decide without loading the data.

A report of the previous published run is reused when it rendered well and its
key (see ``inputs``) is the same now: its page is carried into the new run
(as any report the run does not render) with its manifest entry, provenance
and time unchanged, and the index says since when it is unchanged. A failed
report is never reused.

Every run writes ``run.json`` beside its reports: the key of what the run's own
files rest on (evidence, parameters, code, library versions), the texts its
index opens with and the header and footer of its pages, all scrubbed. When
that key has not changed, the next render carries the snapshot and
``changes.json`` over and takes those texts from here, so it need not load the
data at all.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from ..common.atomic import atomic_write
from .execute import RenderResult
from .index import link_or_copy, page_files, read_manifest
from .inputs import key_of

__all__ = ["RUN_RECORD", "SNAPSHOT_FOLDER", "carry_run_files", "changed_parts", "expects_work", "read_run_record",
           "reusable", "reused_result", "write_run_record"]

RUN_RECORD = "run.json"
SNAPSHOT_FOLDER = "snapshot"
"""Where a run keeps the tidy tables it rests on (written by ``evidence``)."""

CHANGES_FILE = "changes.json"
"""What changed since the run before (:func:`vsv_analysis.outputs.changes.compare`, written by ``evidence``)."""


def write_run_record(staging: Path, run_inputs: dict, index_opening: dict, colophon: dict) -> None:
    """Write ``run.json``: ``run_inputs`` (``key`` and ``parts``), the index's opening texts, the pages' colophon."""
    text = json.dumps({"inputs": run_inputs, "index": index_opening, "colophon": colophon}, indent=2,
                      ensure_ascii=False)
    atomic_write(Path(staging) / RUN_RECORD, lambda t: Path(t).write_text(text, encoding="utf-8"))


def read_run_record(folder: Path | None, run_key: str) -> dict | None:
    """The record of run ``folder`` when its inputs had key ``run_key`` and its run files are there; else ``None``."""
    if folder is None:
        return None
    try:
        record = json.loads((Path(folder) / RUN_RECORD).read_text(encoding="utf-8"))
        matches = record["inputs"]["key"] == run_key
        texts = isinstance(record["index"], dict) and isinstance(record["colophon"], dict)
    except (OSError, ValueError, KeyError, TypeError):  # none (an older version made the run), or damaged
        return None
    files = (Path(folder) / CHANGES_FILE).is_file() and (Path(folder) / SNAPSHOT_FOLDER / "meta.json").is_file()
    return record if matches and texts and files else None


def carry_run_files(previous: Path, staging: Path) -> Path:
    """Bring the snapshot and ``changes.json`` of ``previous`` into ``staging`` (hard links); the changes file."""
    for path in sorted((previous / SNAPSHOT_FOLDER).rglob("*")):
        target = staging / path.relative_to(previous)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(path, target)
    link_or_copy(previous / CHANGES_FILE, staging / CHANGES_FILE)
    return staging / CHANGES_FILE


def reusable(previous: Path | None, entry, key: str) -> bool:
    """Whether the manifest ``entry`` of run ``previous`` is a good report made from inputs with ``key``."""
    if previous is None or not isinstance(entry, dict) or entry.get("status") != "ok":
        return False
    inputs = entry.get("inputs")
    files = page_files(entry)
    return (isinstance(inputs, dict) and inputs.get("key") == key and bool(files)
            and all((previous / name).is_file() for name in files))


def reused_result(previous: Path | None, entry, key: str, parameters: dict) -> RenderResult | None:
    """The result of a report that is reused (``parameters`` as passed now), or ``None`` if it is not reusable."""
    if not reusable(previous, entry, key):
        return None
    known = {f.name for f in dataclasses.fields(RenderResult)}
    try:
        return RenderResult(**{**{k: v for k, v in entry.items() if k in known}, "parameters": parameters,
                               "reused": True})
    except TypeError:  # an entry that lacks a field: make the report again
        return None


def changed_parts(entry, parts: dict) -> list[str]:
    """The names of the inputs in ``parts`` that differ from those recorded in a manifest ``entry``."""
    before = entry.get("inputs", {}).get("parts", {}) if isinstance(entry, dict) else {}
    if not isinstance(before, dict) or not before:
        return []
    return sorted(name for name in {*parts, *before} if parts.get(name) != before.get(name))


def expects_work(plans: list, guess: Path | None, record: dict | None, run_inputs) -> bool:
    """Whether some notebook of ``plans`` will likely be made again, judged before the lock (so only a guess).

    ``guess`` is the run published last, ``record`` its ``run.json`` when the run's inputs are unchanged, and
    ``run_inputs`` the :class:`~.inputs.RunInputs` of this run.
    """
    if guess is None:
        return True
    manifest = read_manifest(guess)
    changes = (guess / CHANGES_FILE).read_text(encoding="utf-8") if record is not None else None
    for notebook, params in plans:
        if "changes_file" in params and changes is None:
            return True
        if not reusable(guess, manifest.get(notebook.stem), key_of(run_inputs.report_parts(notebook, params,
                                                                                             changes))):
            return True
    return False
