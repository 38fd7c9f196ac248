"""What a run knows about the evidence before its notebooks run: the snapshot, the changes, the colophon.

Every run writes, beside its reports, the tidy tables it rests on
(``snapshot/``) and ``changes.json`` against the previous published run. When
nothing changed since that run and that run itself compared with one before
it, its ``changes.json`` is kept as it was: "what changed since <date>" stays
true, and a report that depends on it need not be made again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..common.atomic import atomic_write
from ..common.errors import DataError
from ..outputs.changes import compare, load_changes
from ..outputs.snapshot import Snapshot, read_snapshot, take_snapshot, write_snapshot
from ..report.colophon import colophon
from ..report.context import Report, build_report
from .reuse import CHANGES_FILE, SNAPSHOT_FOLDER

__all__ = ["RunEvidence", "index_text", "prepare_evidence", "write_run_files"]


@dataclass
class RunEvidence:
    """The report data of a run, its colophon (header, footer, index opening) and its snapshot."""

    report: Report
    colophon: dict
    snapshot: Snapshot


def prepare_evidence(parameters: dict) -> RunEvidence:
    """Load the data for the run's parameters (a :class:`DataError` stops the run before anything is written)."""
    report = build_report(**parameters)
    return RunEvidence(report, colophon(report, parameters), take_snapshot(report.data, parameters))


def _previous_snapshot(previous: Path | None) -> Snapshot | None:
    if previous is None or not (previous / SNAPSHOT_FOLDER / "meta.json").is_file():
        return None
    try:
        return read_snapshot(previous / SNAPSHOT_FOLDER)
    except (DataError, ValueError, KeyError, OSError):  # a snapshot from an older version, or damaged
        return None


def _kept_changes(previous: Path) -> dict | None:
    """The previous run's changes when they compare with a run before it (so "since" stays true), else None."""
    try:
        changes = load_changes(previous / CHANGES_FILE)
    except (OSError, ValueError):
        return None
    return changes if isinstance(changes, dict) and changes.get("baseline") else None


def write_run_files(staging: Path, previous: Path | None, evidence: RunEvidence) -> tuple[Path, dict]:
    """Write ``snapshot/`` and ``changes.json`` into ``staging``; return the changes file and its content."""
    write_snapshot(evidence.snapshot, staging / SNAPSHOT_FOLDER)
    before = _previous_snapshot(previous)
    kept = _kept_changes(previous) if before is not None and evidence.snapshot.same_evidence_as(before) else None
    changes = kept if kept is not None else compare(before, evidence.snapshot)
    text = json.dumps(changes, indent=2, ensure_ascii=False)
    target = staging / CHANGES_FILE
    atomic_write(target, lambda t: Path(t).write_text(text, encoding="utf-8"))
    return target, changes


def index_text(evidence: RunEvidence, changes: dict) -> dict:
    """The index page's opening: title, introduction, headline findings and what changed (markup, escaped)."""
    from ..report.summary import headlines
    from ..report.whatchanged import changes_heading, changes_markup

    return {"title": evidence.colophon["title"], "intro": evidence.colophon["intro"],
            "headlines": headlines(evidence.report),
            "changes_heading": changes_heading(changes),
            "changes": changes_markup(changes, evidence.report.data.vocabulary)}
