"""A data folder with an attack in every free-text field: markup, script, comments, links, templates, formulas.

Every free-text field the data have gets :data:`PAYLOAD`, after a label that says which field it is and after a
formula trigger (``=``, ``+``, ``-``, ``@``, also after spaces or a tab, also full-width), so one folder serves the
browser test (nothing may run or hide on any page) and the spreadsheet test (no formula in any file written). The
folder is otherwise valid: it validates and renders.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from conftest import INITIATIVES_HEADER, INVOLVEMENTS_HEADER

from vsv_analysis.common.locations import default_data_dir

PAYLOAD = ("<script>alert('s')</script><img src=x onerror=alert('i')><svg onload=alert('v')></svg>"
           "<xss-marker>m</xss-marker><b class=\"vsv-injected\">b</b>\"'><a href=\"javascript:alert('a')\">a</a>"
           "</script><!-- [klik](javascript:alert('m')) {{7*7}} ${7*7} US$ 100% US$ $x^2_\\%$ ~~~")
"""What every field carries; ``{{7*7}}`` must show as written, and so must the dollar signs in figures."""
TEMPLATE_MARK = "{{7*7}}"
TRIGGERS = ("=", "+", "-", "@", " =", "\t=", "＝", "＋", "－", "＠", "  @")
"""What a field starts with, one after the other: every form of a formula a spreadsheet would run."""

def hostile(label: str) -> str:
    """The payload for one field, after a formula trigger (chosen by the label, so always the same) and ``label``."""
    return f"{TRIGGERS[sum(map(ord, label)) % len(TRIGGERS)]}{label} {PAYLOAD}"


def _write(path: Path, header: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _rows(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames), list(reader)


def _change(path: Path, change) -> None:
    header, rows = _rows(path)
    change(rows)
    _write(path, header, rows)


RENAMED = "GM0879"  # Zundert: a municipality of the reference named with the payload (the evidence names others)


def make_hostile_folder(folder: Path, extra_mention: bool = True) -> Path:
    """Write the hostile data folder at ``folder``; without ``extra_mention`` one mention less (for changes)."""
    folder.mkdir(parents=True)
    programme = {key: hostile(f"programme.{key}") for key in ("name", "short_name", "owner", "commissioned_by",
                                                                "audience")}
    (folder / "programme.yaml").write_text("".join(f"{key}: {json.dumps(value)}\n" for key, value in
                                                   programme.items()), encoding="utf-8")
    _write(folder / "sources.csv", ["source_id", "title", "referred_to_as", "author", "date", "date_is_inferred",
                                    "date_basis", "note"], [
        {"source_id": "doc", "title": hostile("sources.title"), "referred_to_as": hostile("sources.referred_to_as"),
         "author": hostile("sources.author"), "date": "2021", "date_is_inferred": "yes",
         "date_basis": hostile("sources.date_basis"), "note": hostile("sources.note")},
        {"source_id": "later", "title": hostile("sources.title 2"), "referred_to_as": "", "author": "",
         "date": "", "date_is_inferred": "", "date_basis": "", "note": ""}])
    initiative = {name: "" for name in INITIATIVES_HEADER.split(",")}
    header = [*INITIATIVES_HEADER.split(","), "source_heading", "period", hostile("extra column")]
    rows = []
    for number, (identifier, kind) in enumerate((("a", "pilot"), ("b", "method"), ("c", "network")), start=1):
        rows.append({**initiative, "initiative_id": identifier, "initiative_name": hostile(f"initiative {identifier}"),
                     "kind": kind, "source_id": "doc", "source_section": hostile(f"section {number}"),
                     "source_heading": hostile(f"heading {number}"),
                     "themes": f"{hostile('theme 1')}|{hostile('theme 2')}", "period": hostile("period"),
                     "description": hostile(f"description {identifier}"), header[-1]: hostile("extra value")})
    rows[2].update(reported_municipalities="5", reported_municipalities_role="member")
    _write(folder / "initiatives.csv", header, rows)
    mention = {name: "" for name in INVOLVEMENTS_HEADER.split(",")}
    involvements = [
        {**mention, "mention_id": "M1", "initiative_id": "a", "name_as_written": "Breda", "party_kind": "municipality",
         "role": "partner", "note": hostile("involvements.note")},
        {**mention, "mention_id": "M2", "initiative_id": "a", "name_as_written": "Tilburg",
         "party_kind": "municipality", "role": "observer"},
        {**mention, "mention_id": "M3", "initiative_id": "b", "name_as_written": "Breda", "party_kind": "municipality",
         "role": "partner"},
        {**mention, "mention_id": "M4", "initiative_id": "b", "name_as_written": ALIAS_TO_OSS,
         "party_kind": "municipality", "role": "partner"},
        {**mention, "mention_id": "M5", "initiative_id": "b", "name_as_written": UNRESOLVED,
         "party_kind": "municipality", "role": "partner"},
        {**mention, "mention_id": "M6", "initiative_id": "a", "name_as_written": hostile("party"),
         "party_kind": "foundation", "role": "partner"},
        {**mention, "mention_id": "M7", "initiative_id": "c", "name_as_written": "Regio West-Brabant",
         "party_kind": "region", "role": "member", "expand_to_members": "yes"},
    ]
    if extra_mention:
        involvements.append({**mention, "mention_id": "M8", "initiative_id": "c", "name_as_written": "Eindhoven",
                             "party_kind": "municipality", "role": "partner"})
    _write(folder / "involvements.csv", INVOLVEMENTS_HEADER.split(","), involvements)
    _write(folder / "interpretations.csv", ["interpretation_id", "is_uncertain", "topic", "explanation",
                                            "mention_ids", "initiative_id"], [
        {"interpretation_id": "i1", "is_uncertain": "yes", "topic": hostile("interpretation.topic"),
         "explanation": hostile("interpretation.explanation"), "mention_ids": "M1;M2", "initiative_id": "a"},
        {"interpretation_id": "i2", "is_uncertain": "no", "topic": hostile("interpretation.topic 2"),
         "explanation": hostile("interpretation.explanation 2"), "mention_ids": "M5", "initiative_id": ""}])
    _vocabularies(folder / "vocabularies")
    _reference(folder / "reference")
    return folder


ALIAS_TO_OSS = "@Oss " + PAYLOAD
UNRESOLVED = "=Nergenshuizen " + PAYLOAD


def _vocabularies(folder: Path) -> None:
    folder.mkdir()
    shipped = Path(default_data_dir()).parent / "vsv_analysis" / "vocabularies"
    for name, column, values in (("roles.csv", "role", ("partner", "observer", "member")),
                                 ("party_kinds.csv", "party_kind", ("foundation",)),
                                 ("initiative_kinds.csv", "kind", ("pilot", "method", "network"))):
        header, rows = _rows(shipped / name)
        kept = [{**row, "label_nl": hostile(f"{name} label {row[column]}"),  # labels tell values apart
                 "plural_nl": hostile(f"{name} plural {row[column]}"),
                 "description": hostile(f"{name} description")} for row in rows if row[column] in values]
        _write(folder / name, header, kept)


def _reference(folder: Path) -> None:
    shutil.copytree(default_data_dir() / "reference", folder)
    renamed = hostile("municipality name")
    _change(folder / "area.csv", lambda rows: rows[0].update(name=hostile("area.name"),
                                                             short_name=hostile("area.short_name"),
                                                             adjective=hostile("area.adjective")))

    def regions(rows):
        for row in rows:
            row.update(name=hostile(f"region {row['region_id']}"), short_name=hostile(f"region {row['region_id']} s"))

    _change(folder / "regions.csv", regions)

    def aliases(rows):
        rows.append({"alias": ALIAS_TO_OSS, "party_kind": "municipality", "canonical": "Oss", "alias_type": "",
                     "note": hostile("alias.note"), "source_id": "cbs-indeling"})
        rows.append({"alias": UNRESOLVED, "party_kind": "municipality", "canonical": "", "alias_type": "",
                     "note": hostile("alias.note unresolved"), "source_id": "cbs-indeling"})

    _change(folder / "name_aliases.csv", aliases)
    for name in ("municipalities.csv", "tiles_2021.csv", "tiles_2022.csv"):
        def rename(rows, name=name):
            for row in rows:
                if row["cbs_code"] == RENAMED:
                    row["name"] = renamed
                    if "label" in row:
                        row["label"] = renamed
        _change(folder / name, rename)
