"""The columns of each evidence file: what ``initiatives.csv``, ``involvements.csv``, ``sources.csv`` and
``interpretations.csv`` must hold, with the kinds and roles of the data folder's vocabulary. A kind or role may be
written as its code or as its Dutch label (as the input workbook's drop-down lists offer it); it is read as the code.

Examples
--------
>>> from vsv_analysis.evidence.vocabulary import load_vocabulary
>>> involvement_spec(load_vocabulary()).names[:3]
['mention_id', 'initiative_id', 'source_id']
"""

from __future__ import annotations

from ..files.csvfiles import Column, TableSpec
from .interpretations import INTERPRETATION_SPEC
from .sources import SOURCE_SPEC
from .vocabulary import Vocabulary

__all__ = ["INVOLVEMENT_COLUMNS", "evidence_specs", "initiative_spec", "involvement_spec"]


def _coded(name: str, vocabulary: Vocabulary, table: str | None = None, required: bool = True) -> Column:
    """A column of values from the vocabulary ``table`` (default: ``name``), written as codes or Dutch labels."""
    table = table or name
    return Column(name, required=required, choices=vocabulary.values(table), hint=vocabulary.hint(table),
                  labels=tuple(vocabulary.labels(table).items()))


def initiative_spec(vocabulary: Vocabulary) -> TableSpec:
    """Columns of ``initiatives.csv``; kinds and roles come from ``vocabulary``."""
    return TableSpec((
        Column("initiative_id", "id", unique=True),
        Column("initiative_name"),
        _coded("kind", vocabulary),
        Column("source_id", "id"),
        Column("source_section", required=False),
        Column("themes", required=False),
        Column("reported_municipalities", "count", required=False),
        _coded("reported_municipalities_role", vocabulary, "role", required=False),
        Column("description"),
    ))


def involvement_spec(vocabulary: Vocabulary) -> TableSpec:
    """Columns of ``involvements.csv``; party kinds and roles come from ``vocabulary``."""
    return TableSpec((
        Column("mention_id", "id", unique=True),
        Column("initiative_id", "id"),
        Column("source_id", "id", required=False),
        Column("name_as_written"),
        _coded("party_kind", vocabulary),
        _coded("role", vocabulary),
        Column("expand_to_members", "bool", required=False),
        Column("event_date", "year_or_date", required=False),
        Column("note", required=False),
    ))


def evidence_specs(vocabulary: Vocabulary) -> dict[str, TableSpec]:
    """The columns of each evidence file, keyed by its CSV file name."""
    return {"initiatives.csv": initiative_spec(vocabulary), "involvements.csv": involvement_spec(vocabulary),
            "sources.csv": SOURCE_SPEC, "interpretations.csv": INTERPRETATION_SPEC}


INVOLVEMENT_COLUMNS = [
    "mention_id", "initiative_id", "initiative_name", "source_id", "source_section", "name_as_written",
    "party_kind", "role", "municipality_code", "municipality_name", "region_id", "region_name",
    "is_resolved", "resolution_note", "expand_to_members", "event_date", "note",
]
