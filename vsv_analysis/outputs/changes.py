"""What changed between two states of the evidence: mentions, links, initiatives, coverage, ranks.

:func:`compare` takes two :class:`~vsv_analysis.outputs.snapshot.Snapshot` objects (the
previous complete run's and this one's) and returns a plain dict, written as
``changes.json`` beside the reports and shown at the top of the summary and the
index. :func:`changes_table` turns it into one tidy table for CSV or Excel
(``vsv-analysis changes OLD NEW``), and :func:`load_side` reads either side from
a snapshot folder, a run folder or a data folder.

Examples
--------
>>> from vsv_analysis.evidence.dataset import load_dataset
>>> from vsv_analysis.outputs.snapshot import take_snapshot
>>> now = take_snapshot(load_dataset(year=2022))
>>> compare(now, now)["is_unchanged"], compare(None, now)["baseline"]
(True, None)
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ..common.errors import DataError, DataProblem, display_path
from .snapshot import Snapshot, as_text, read_snapshot, take_snapshot

__all__ = ["changes_table", "compare", "load_changes", "load_side"]

KEYS = {
    "mentions": ["mention_id"],
    "links": ["initiative_id", "municipality_node"],
    "initiatives": ["initiative_id"],
}
SUMMARY_SCOPES = ("province", "regio_4", "size_class")


def _records(frame: pd.DataFrame) -> list[dict]:
    return json.loads(frame.to_json(orient="records", force_ascii=False))


def _diff(old: pd.DataFrame, new: pd.DataFrame, key: list[str]) -> dict:
    """Rows added, removed and changed (same key, other values), as records."""
    before = {tuple(r[k] for k in key): r for r in _records(as_text(old))}
    after = {tuple(r[k] for k in key): r for r in _records(as_text(new))}
    changed = [{**dict(zip(key, k)), "before": before[k], "after": after[k]}
               for k in sorted(set(before) & set(after)) if before[k] != after[k]]
    return {"added": [after[k] for k in sorted(set(after) - set(before))],
            "removed": [before[k] for k in sorted(set(before) - set(after))], "changed": changed}


def _coverage(old: pd.DataFrame, new: pd.DataFrame) -> list[dict]:
    key = ["scenario", "scope_kind", "scope"]
    merged = new.merge(old, on=key, how="outer", suffixes=("_after", "_before"))
    merged = merged[merged["scope_kind"].isin(SUMMARY_SCOPES)]
    rows = []
    for row in merged.itertuples(index=False):
        record = row._asdict()
        rows.append({
            "scenario": record["scenario"], "scope_kind": record["scope_kind"], "scope": record["scope"],
            "reached_before": _int(record["reached_before"]), "reached_after": _int(record["reached_after"]),
            "total_before": _int(record["total_before"]), "total_after": _int(record["total_after"]),
            "share_pct_before": _float(record["share_pct_before"]),
            "share_pct_after": _float(record["share_pct_after"]),
            "population_share_pct_before": _float(record["population_share_pct_before"]),
            "population_share_pct_after": _float(record["population_share_pct_after"]),
        })
    return rows


def _int(value):
    return None if pd.isna(value) else int(value)


def _float(value):
    return None if pd.isna(value) else round(float(value), 6)


def _names_in(reached: pd.DataFrame, scenario: str) -> dict[str, str]:
    rows = reached[reached["scenario"] == scenario]
    return dict(zip(rows["cbs_code"], rows["name"]))


def _reached(old: pd.DataFrame, new: pd.DataFrame) -> dict:
    result = {}
    for scenario in dict.fromkeys([*new["scenario"], *old["scenario"]]):
        before = _names_in(old, scenario)
        after = _names_in(new, scenario)
        result[scenario] = {"newly_reached": sorted(after[c] for c in set(after) - set(before)),
                            "no_longer_reached": sorted(before[c] for c in set(before) - set(after))}
    return result


def _ranks(old: pd.DataFrame, new: pd.DataFrame) -> list[dict]:
    merged = new.merge(old, on=["node", "name"], how="outer", suffixes=("_after", "_before"))
    rows = []
    for row in merged.itertuples(index=False):
        record = row._asdict()
        before, after = _int(record["rank_degree_before"]), _int(record["rank_degree_after"])
        degree_before, degree_after = _int(record["degree_before"]), _int(record["degree_after"])
        if (before, degree_before) != (after, degree_after):
            rows.append({"name": record["name"], "rank_before": before, "rank_after": after,
                         "initiatives_before": degree_before, "initiatives_after": degree_after})
    return sorted(rows, key=lambda r: (r["rank_after"] or 10**9, r["name"]))


def compare(old: Snapshot | None, new: Snapshot) -> dict:
    """What changed from ``old`` (the previous run; ``None`` for none) to ``new``.

    Returns a JSON-ready dict: ``baseline`` (``made_at`` and parameters of the
    old snapshot, or ``None``), ``current`` (the same of the new one),
    ``parameters_changed``, ``is_unchanged``, ``mentions``, ``links`` and
    ``initiatives`` (each ``added``, ``removed``, ``changed``), ``coverage``
    (before and after per reading and scope: province, regions, size classes),
    ``reached`` (per reading, the municipalities newly and no longer reached)
    and ``ranks`` (municipalities whose rank or number of initiatives changed).
    """
    current = {"made_at": new.meta.get("made_at", ""), "parameters": new.meta.get("parameters", {})}
    if old is None:
        return {"baseline": None, "current": current, "parameters_changed": False, "is_unchanged": False}
    result = {
        "baseline": {"made_at": old.meta.get("made_at", ""), "parameters": old.meta.get("parameters", {})},
        "current": current,
        "parameters_changed": old.meta.get("parameters") != new.meta.get("parameters"),
    }
    for name, key in KEYS.items():
        result[name] = _diff(old.tables[name], new.tables[name], key)
    result["coverage"] = _coverage(old.tables["coverage"], new.tables["coverage"])
    result["reached"] = _reached(old.tables["reached"], new.tables["reached"])
    result["ranks"] = _ranks(old.tables["centrality"], new.tables["centrality"])
    result["is_unchanged"] = (not result["parameters_changed"]
                              and not any(result[n][k] for n in KEYS for k in ("added", "removed", "changed"))
                              and all(r["reached_before"] == r["reached_after"] for r in result["coverage"])
                              and not result["ranks"])
    return result


def load_changes(path: Path | str) -> dict | None:
    """Read a ``changes.json``; ``None`` for an empty path."""
    if not path:
        return None
    return json.loads(Path(path).read_text(encoding="utf-8"))


def changes_table(changes: dict) -> pd.DataFrame:
    """The changes as one tidy table: ``part``, ``change``, ``subject``, ``before``, ``after``."""
    rows = []
    for part in KEYS:
        for change in ("added", "removed"):
            for record in changes.get(part, {}).get(change, []):
                rows.append({"part": part, "change": change, "subject": _subject(part, record),
                             "before": "" if change == "added" else _describe(part, record),
                             "after": _describe(part, record) if change == "added" else ""})
        for record in changes.get(part, {}).get("changed", []):
            rows.append({"part": part, "change": "changed", "subject": _subject(part, record["after"]),
                         "before": _describe(part, record["before"]), "after": _describe(part, record["after"])})
    for record in changes.get("coverage", []):
        if record["reached_before"] != record["reached_after"]:
            rows.append({"part": "coverage", "change": "changed",
                         "subject": f"{record['scenario']} / {record['scope']}",
                         "before": f"{record['reached_before']} of {record['total_before']}",
                         "after": f"{record['reached_after']} of {record['total_after']}"})
    for scenario, lists in changes.get("reached", {}).items():
        for name in lists["newly_reached"]:
            rows.append({"part": "reached", "change": "added", "subject": f"{scenario} / {name}", "before": "",
                         "after": "reached"})
        for name in lists["no_longer_reached"]:
            rows.append({"part": "reached", "change": "removed", "subject": f"{scenario} / {name}",
                         "before": "reached", "after": ""})
    for record in changes.get("ranks", []):
        rows.append({"part": "ranks", "change": "changed", "subject": record["name"],
                     "before": _rank(record, "before"), "after": _rank(record, "after")})
    return pd.DataFrame(rows, columns=["part", "change", "subject", "before", "after"])


def _subject(part: str, record: dict) -> str:
    if part == "mentions":
        return (f"{record.get('mention_id', '')}: {record.get('name_as_written', '')} "
                f"({record.get('initiative_name', '')})")
    if part == "links":
        return f"{record.get('initiative_name', '')} – {record.get('municipality_name', '')}"
    return f"{record.get('initiative_id', '')}: {record.get('initiative_name', '')}"


def _describe(part: str, record: dict) -> str:
    if part == "mentions":
        return f"{record.get('party_kind', '')}, {record.get('role', '')}, resolves to {record.get('resolves_to', '')}"
    if part == "links":
        return f"{record.get('role', '')}{', via a region' if str(record.get('is_indirect')) == 'True' else ''}"
    return f"{record.get('kind', '')}, source {record.get('source_id', '')}"


def _rank(record: dict, side: str) -> str:
    rank, initiatives = record[f"rank_{side}"], record[f"initiatives_{side}"]
    return "" if rank is None else f"rank {rank} ({initiatives} initiatives)"


def load_side(path: Path | str, year: int | None = None, as_of=None, parameters: dict | None = None) -> Snapshot:
    """A snapshot from a snapshot folder, a run folder (holding ``snapshot/``) or a data folder.

    A data folder is loaded for ``year`` and ``as_of`` and snapshotted with ``parameters``.
    """
    from ..evidence.dataset import load_dataset
    from ..evidence.layout import holds_evidence

    path = Path(path)
    if (path / "meta.json").is_file():
        return read_snapshot(path)
    if (path / "snapshot" / "meta.json").is_file():
        return read_snapshot(path / "snapshot")
    if holds_evidence(path):  # CSV files or a workbook
        return take_snapshot(load_dataset(path, year, as_of=as_of), {"year": year, **(parameters or {})})
    raise DataError(DataProblem(display_path(path), None, None, None,
                                "a snapshot folder, a report run folder or a data folder"))
