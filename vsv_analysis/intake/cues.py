"""The cue vocabularies of ``extract``: the words around a name that decide what the tool proposes.

They are data, like the roles and kinds (:mod:`vsv_analysis.evidence.vocabulary`): the package ships
them in ``vsv_analysis/vocabularies/cue_*.csv``, and a data folder adds rows in files of the same name
in its own ``vocabularies/`` folder (a row with the same key replaces the shipped one). So an evaluator
who meets a new phrasing adds a row, not code.

======================== =========================================================================
``cue_roles.csv``        ``role``, ``cue``, ``position`` (``before``/``after`` the name in its
                         clause, ``next``: directly after it, ``clause``: anywhere in it,
                         ``default``: the row without a cue, used when no cue decides),
                         ``priority`` (the highest wins, then the nearest), ``note``
``cue_exclusions.csv``   ``cue``, ``position``, ``reason`` (``withdrawn`` or ``compared``): a party
                         flagged for review, not proposed as involved
``cue_organisations.csv`` ``cue``, ``position`` (``before``: the cue starts an organisation's name,
                         ``after``: it ends it, ``self``: the word is a party by itself),
                         ``party_kind`` (empty: not proposed as a party): a place inside such a
                         name is not a mention
``cue_places.csv``       ``name``, ``kind`` (``village``/``district``: never a municipality; ``word``:
                         an ordinary word, a mention only with a capital and not at the start of a
                         sentence), ``municipality``, ``note``
``cue_nouns.csv``        ``word``, ``use``: ``count`` (the noun that makes a number a count of
                         municipalities, and a capitalised word joined to it a group) or ``title``
                         (may stand before a name without making it an organisation's: Gemeente)
``cue_kinds.csv``        ``kind``, ``cue`` (a word of the heading; the row without a cue is the default)
``cue_document.csv``     ``cue``, ``effect``: ``closing`` (a letter's closing line: the signature
                         follows, no part of a section) or ``date`` (a line carrying the
                         document's own date)
======================== =========================================================================

Examples
--------
>>> cues = load_cues()
>>> cues.default_role, cues.default_kind
('partner', 'pilot')
>>> cues.roles.query("cue == 'als toehoorder'")[["role", "position"]].values.tolist()
[['observer', 'next']]
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..common.errors import DataError, DataProblem
from ..common.locations import VOCABULARY_DIR
from ..evidence.vocabulary import Vocabulary, default_vocabulary
from ..files.csvfiles import Column, TableSpec, read_table

__all__ = ["CUE_FILES", "Cues", "load_cues"]

_NOTE = Column("note", required=False)
CUE_FILES = {
    "roles": ("cue_roles.csv", ("role", "cue", "position"), TableSpec((
        Column("role", "id"), Column("cue", required=False),
        Column("position", choices=("before", "after", "next", "clause", "default")),
        Column("priority", "count"), _NOTE))),
    "exclusions": ("cue_exclusions.csv", ("cue", "position"), TableSpec((
        Column("cue"), Column("position", choices=("before", "after", "clause")),
        Column("reason", choices=("withdrawn", "compared")), _NOTE))),
    "organisations": ("cue_organisations.csv", ("cue", "position"), TableSpec((
        Column("cue"), Column("position", choices=("before", "after", "self")),
        Column("party_kind", required=False), _NOTE))),
    "places": ("cue_places.csv", ("name",), TableSpec((
        Column("name"), Column("kind", choices=("village", "district", "word")),
        Column("municipality", required=False), _NOTE))),
    "nouns": ("cue_nouns.csv", ("word",), TableSpec((Column("word"), Column("use", choices=("count", "title")),
                                                     _NOTE))),
    "kinds": ("cue_kinds.csv", ("kind", "cue"), TableSpec((Column("kind", "id"), Column("cue", required=False),
                                                           _NOTE))),
    "document": ("cue_document.csv", ("cue",), TableSpec((Column("cue"), Column("effect", choices=("closing", "date")),
                                                         _NOTE))),
}
"""Each cue table: its file, the columns that identify a row, and its columns."""


@dataclass(frozen=True)
class Cues:
    """The cue tables in force for one data folder (shipped rows first, then the folder's own)."""

    roles: pd.DataFrame
    exclusions: pd.DataFrame
    organisations: pd.DataFrame
    places: pd.DataFrame
    nouns: pd.DataFrame
    kinds: pd.DataFrame
    document: pd.DataFrame

    def records(self, name: str) -> list[dict]:
        """The rows of the cue table ``name`` as dicts (the role cues without the default row), read once."""
        cache = self.__dict__.setdefault("_records", {})
        if name not in cache:
            table = getattr(self, name)
            cache[name] = (table[table["position"] != "default"] if name == "roles" else table).to_dict("records")
        return cache[name]

    def noun_words(self, use: str) -> tuple[str, ...]:
        """The words of ``cue_nouns.csv`` with ``use`` (``count`` or ``title``)."""
        return tuple(self.nouns.loc[self.nouns["use"] == use, "word"])

    def document_cues(self, effect: str) -> tuple[str, ...]:
        """The cues of ``cue_document.csv`` with ``effect`` (``closing`` or ``date``)."""
        return tuple(self.document.loc[self.document["effect"] == effect, "cue"])

    @property
    def default_role(self) -> str:
        """The role proposed when no cue decides (the ``default`` row of ``cue_roles.csv``)."""
        return str(self.roles.loc[self.roles["position"] == "default", "role"].iloc[-1])

    @property
    def default_kind(self) -> str:
        """The initiative kind proposed when no word of the heading decides (the row without a cue)."""
        return str(self.kinds.loc[self.kinds["cue"] == "", "kind"].iloc[-1])


def _read(path: Path, name: str, root: Path | None = None) -> pd.DataFrame:
    return read_table(path, CUE_FILES[name][2], root=root)


def _combine(shipped: pd.DataFrame, own: pd.DataFrame, keys: tuple[str, ...]) -> pd.DataFrame:
    return pd.concat([shipped, own], ignore_index=True).drop_duplicates(list(keys), keep="last", ignore_index=True)


@functools.cache
def _shipped() -> dict[str, pd.DataFrame]:
    return {name: _read(VOCABULARY_DIR / file_name, name) for name, (file_name, _, _) in CUE_FILES.items()}


def load_cues(data_dir: Path | None = None, vocabulary: Vocabulary | None = None) -> Cues:
    """The shipped cue tables, extended by ``<data_dir>/vocabularies/cue_*.csv`` where present.

    Roles, party kinds and initiative kinds named in a cue file must be in ``vocabulary``.

    Raises
    ------
    DataError
        Listing every problem: a malformed file, a value outside the vocabulary, no default role or kind.
    """
    vocabulary = vocabulary or default_vocabulary()
    tables, problems = {}, []
    for name, (file_name, keys, _) in CUE_FILES.items():
        table = _shipped()[name]
        path = Path(data_dir) / "vocabularies" / file_name if data_dir is not None else None
        if path is not None and path.is_file():
            try:
                table = _combine(table, _read(path, name, root=Path(data_dir)), keys)
            except DataError as error:
                problems.extend(error.problems)
        tables[name] = table
    for name, column, allowed in (("roles", "role", "role"), ("organisations", "party_kind", "party_kind"),
                                  ("kinds", "kind", "kind")):
        known = vocabulary.values(allowed)
        file_name = CUE_FILES[name][0]
        for row, value in zip(tables[name]["_row"], tables[name][column]):
            if value and value not in known:
                problems.append(DataProblem(file_name, int(row), column, value,
                                            f"one of {', '.join(known)}; {vocabulary.hint(allowed)}"))
    if not (tables["roles"]["position"] == "default").any():
        problems.append(DataProblem(CUE_FILES["roles"][0], None, "position", None,
                                    "one row with position 'default' and no cue: the role proposed when no cue "
                                    "decides"))
    if not (tables["kinds"]["cue"] == "").any():
        problems.append(DataProblem(CUE_FILES["kinds"][0], None, "cue", None,
                                    "one row without a cue: the initiative kind proposed when no word decides"))
    if problems:
        raise DataError(problems)
    return Cues(**{name: table.drop(columns="_row") for name, table in tables.items()})

