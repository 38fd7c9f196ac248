"""A snapshot: the tidy tables a run of the reports rests on, kept beside them.

Every complete render writes one into ``snapshot/`` of its run folder, so the
next run can say what changed (:mod:`vsv_analysis.outputs.changes`). A snapshot is plain
CSV plus ``meta.json`` (parameters, geography year, ``as_of``, when it was made):
readable in Excel, comparable with :func:`vsv_analysis.outputs.changes.compare`. The CSV is
written as every table for spreadsheets is (:func:`vsv_analysis.files.spreadsheet.write_csv`), so
that a name from the data that looks like a formula is text in Excel too.

==================== ==============================================================
``mentions.csv``     one row per mention: initiative, source, name as written,
                     kind, role and what it resolves to
``links.csv``        one row per edge of the network: initiative, municipality, role
``initiatives.csv``  one row per initiative, with any count given without names
``coverage.csv``     coverage per reading (scenario) and scope
``reached.csv``      the municipalities each named-based reading reaches
``centrality.csv``   municipalities with their number of initiatives and ranks
==================== ==============================================================

Examples
--------
>>> from vsv_analysis.evidence.dataset import load_dataset
>>> snapshot = take_snapshot(load_dataset(year=2022))
>>> len(snapshot.tables["mentions"]), len(snapshot.tables["links"])
(49, 20)
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..common.atomic import atomic_write
from ..common.errors import DataError, DataProblem, display_path
from ..evidence.dataset import Dataset
from ..files.spreadsheet import read_csv, write_csv
from ..measures.coverage import coverage_table, reached_by_scenario
from ..measures.paths import bipartite_betweenness
from ..network import build_network, degree_table, edge_table

__all__ = ["EVIDENCE_PARAMETERS", "SNAPSHOT_TABLES", "Snapshot", "as_text", "read_snapshot", "take_snapshot",
           "write_snapshot"]

SNAPSHOT_TABLES = ("mentions", "links", "initiatives", "coverage", "reached", "centrality")
EVIDENCE_PARAMETERS = ("year", "roles", "role_weights", "expand_regions", "as_of")
"""The report parameters that shape the tables; others (maps, seeds, the data folder's path) do not."""


@dataclass
class Snapshot:
    """The tables of one state of the evidence, and ``meta`` (parameters, year, as_of, made_at)."""

    tables: dict[str, pd.DataFrame]
    meta: dict = field(default_factory=dict)

    def same_evidence_as(self, other: Snapshot | None) -> bool:
        """Whether ``other`` holds the same tables made with the same parameters."""
        if other is None or self.meta.get("parameters") != other.meta.get("parameters"):
            return False
        return all(_canonical(self.tables[name]).equals(_canonical(other.tables[name])) for name in SNAPSHOT_TABLES)


def as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """The table as text, missing values empty: how it reads back from CSV, whatever its dtypes were."""
    return frame.astype(object).where(frame.notna(), "").astype(str)


def _canonical(frame: pd.DataFrame) -> pd.DataFrame:
    """The table as text, sorted, so that two snapshots compare equal whatever their row order or dtypes."""
    text = as_text(frame)
    return text.sort_values(list(text.columns), ignore_index=True) if len(text.columns) else text


def take_snapshot(data: Dataset, parameters: dict | None = None) -> Snapshot:
    """The tables of ``data`` under the report ``parameters`` (roles, role_weights, expand_regions)."""
    parameters = {k: v for k, v in (parameters or {}).items() if k in EVIDENCE_PARAMETERS}
    graph = build_network(data, roles=parameters.get("roles") or None, weights=parameters.get("role_weights") or None,
                          expand_regions=bool(parameters.get("expand_regions", False)))
    mentions = data.mentions()[["mention_id", "initiative_id", "initiative_name", "source_id", "name_as_written",
                                "party_kind", "role", "resolves_to"]]
    links = edge_table(graph)[["initiative_id", "initiative_name", "municipality_node", "municipality_name", "role",
                               "is_indirect"]]
    initiatives = data.initiatives[["initiative_id", "initiative_name", "kind", "source_id",
                                    "reported_municipalities"]].copy()
    reached_codes = reached_by_scenario(data)
    coverage = coverage_table(data, reached=reached_codes)[[
        "scenario", "scope_kind", "scope", "reached", "total", "share_pct", "population_reached", "population_total",
        "population_share_pct"]]
    names = data.reference.municipalities.set_index("cbs_code")["name"]
    reached = pd.DataFrame([{"scenario": s, "cbs_code": c, "name": names[c]}
                            for s, codes in reached_codes.items() for c in sorted(codes)],
                           columns=["scenario", "cbs_code", "name"])
    centrality = _municipality_ranks(graph)
    meta = {"parameters": {k: parameters[k] for k in sorted(parameters)}, "year": data.year,
            "as_of": data.as_of.isoformat() if data.as_of else "",
            "made_at": datetime.datetime.now().astimezone().isoformat(timespec="seconds")}
    tables = {"mentions": mentions, "links": links.reset_index(drop=True), "initiatives": initiatives,
              "coverage": coverage.reset_index(drop=True), "reached": reached,
              "centrality": centrality.reset_index(drop=True)}
    return Snapshot(tables, meta)


def _municipality_ranks(graph) -> pd.DataFrame:
    """The municipalities' degree and betweenness with their ranks, as :func:`centrality_table` gives them.

    Computed without the closeness and PageRank the snapshot does not keep: closeness is three quarters of the
    centrality table's time at 9,000 initiatives, and this runs before any report. Betweenness is exact, as
    the table's default is.
    """
    table = degree_table(graph)
    table = table[table["node_kind"] == "municipality"].copy()
    table["betweenness"] = table["node"].map(bipartite_betweenness(graph))
    for measure in ("degree", "betweenness"):
        table[f"rank_{measure}"] = table[measure].round(12).rank(method="min", ascending=False).astype(int)
    return table.loc[table["is_resolved"].astype(bool), ["node", "name", "degree", "rank_degree", "weighted_degree",
                                                          "betweenness", "rank_betweenness"]]


def write_snapshot(snapshot: Snapshot, folder: Path) -> Path:
    """Write the snapshot's CSV files and ``meta.json`` into ``folder`` (each file atomically)."""
    folder = Path(folder)
    for name, table in snapshot.tables.items():
        write_csv(table, folder / f"{name}.csv")  # names from the data are neutralised: Excel opens these files
    atomic_write(folder / "meta.json", lambda t: Path(t).write_text(
        json.dumps(snapshot.meta, indent=2, ensure_ascii=False), encoding="utf-8"))
    return folder


def read_snapshot(folder: Path) -> Snapshot:
    """Read a snapshot written by :func:`write_snapshot`.

    Raises
    ------
    DataError
        When the folder is not a snapshot (a file or ``meta.json`` missing).
    """
    folder = Path(folder)
    missing = [f"{name}.csv" for name in SNAPSHOT_TABLES if not (folder / f"{name}.csv").is_file()]
    if not (folder / "meta.json").is_file():
        missing.append("meta.json")
    if missing:
        raise DataError(DataProblem(display_path(folder), None, None, None,
                                    "a snapshot folder with " + ", ".join(missing)))
    tables = {name: read_csv(folder / f"{name}.csv") for name in SNAPSHOT_TABLES}
    for name, columns in (("coverage", ("reached", "total", "population_reached", "population_total")),
                          ("centrality", ("degree", "rank_degree", "rank_betweenness"))):
        for column in columns:
            tables[name][column] = pd.to_numeric(tables[name][column]).astype(int)
    for name, columns in (("coverage", ("share_pct", "population_share_pct")),
                          ("centrality", ("weighted_degree", "betweenness"))):
        for column in columns:
            tables[name][column] = pd.to_numeric(tables[name][column])
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    return Snapshot(tables, meta)
