"""The controlled vocabularies of the evidence files: roles, kinds of party, kinds of initiative.

They are data, not code. The package ships defaults in ``vsv_analysis/vocabularies/``;
a data folder extends them with files of the same name and columns in its own
``vocabularies/`` folder. A row there with a new id adds a value (another programme
can add the role ``host``); a row with an existing id replaces that value's labels,
weight or meaning.

=================== ============================================================
``roles.csv``       ``role``, ``label_nl``, ``plural_nl``, ``default_weight``
                    (how much one involvement counts), ``takes_part`` (yes: the
                    party does part of the work; no: interest only, such as an
                    observer), ``description``
``party_kinds.csv`` ``party_kind``, ``label_nl``, ``plural_nl``, ``description``;
                    ``municipality`` and ``region`` are always there, because the
                    tool resolves them against the reference geography
``initiative_kinds.csv`` ``kind``, ``label_nl``, ``plural_nl``, ``description``
=================== ============================================================

Examples
--------
>>> vocabulary = load_vocabulary()
>>> vocabulary.role_weights["observer"], vocabulary.label("role", "observer")
(0.25, 'toehoorder')
>>> vocabulary.light_roles
('exploring', 'requester', 'observer')
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..common.errors import DataError, DataProblem, display_path
from ..common.locations import VOCABULARY_DIR
from ..files.csvfiles import TRUE_WORDS, Column, TableSpec, read_table
from ..files.textfiles import check_subfolder

__all__ = [
    "STRUCTURAL_PARTY_KINDS",
    "VOCABULARY_DIR",
    "Vocabulary",
    "default_vocabulary",
    "load_vocabulary",
]

STRUCTURAL_PARTY_KINDS = ("municipality", "region")
"""Party kinds the tool itself relies on: resolved against the reference geography."""

_LABELS = (Column("label_nl"), Column("plural_nl"), Column("description", required=False))
SPECS = {
    "role": ("roles.csv", TableSpec((Column("role", "id", unique=True), *_LABELS,
                                     Column("default_weight", "number"), Column("takes_part", "bool")))),
    "party_kind": ("party_kinds.csv", TableSpec((Column("party_kind", "id", unique=True), *_LABELS))),
    "kind": ("initiative_kinds.csv", TableSpec((Column("kind", "id", unique=True), *_LABELS))),
}
"""Vocabulary name (the column it governs) → file name and columns."""


@dataclass(frozen=True)
class Vocabulary:
    """The roles, party kinds and initiative kinds in force for one data folder.

    Each table is indexed by its id, in file order (the defaults first, then
    values a data folder adds). ``extension_dir`` is where that data folder's
    own vocabulary files go.
    """

    roles: pd.DataFrame
    party_kinds: pd.DataFrame
    initiative_kinds: pd.DataFrame
    extension_dir: Path

    def table(self, column: str) -> pd.DataFrame:
        """The vocabulary governing ``column``: ``role``, ``party_kind`` or ``kind``."""
        return {"role": self.roles, "party_kind": self.party_kinds, "kind": self.initiative_kinds}[column]

    def values(self, column: str) -> tuple[str, ...]:
        """The allowed values of ``column``, in vocabulary order."""
        return tuple(self.table(column).index)

    def label(self, column: str, value: str, plural: bool = False) -> str:
        """The Dutch label of a value (the value itself when the vocabulary does not know it)."""
        table = self.table(column)
        return str(table.at[value, "plural_nl" if plural else "label_nl"]) if value in table.index else str(value)

    def labels(self, column: str, plural: bool = False) -> dict[str, str]:
        """``{value: Dutch label}`` for every value of ``column``."""
        return {value: self.label(column, value, plural) for value in self.values(column)}

    def extension_file(self, column: str) -> Path:
        """The file in the data folder where a new value of ``column`` is added."""
        return self.extension_dir / SPECS[column][0]

    def hint(self, column: str) -> str:
        """How to add a value, for validation messages."""
        file_name, spec = SPECS[column]
        return (f"to add a new value, add a row to {display_path(self.extension_file(column))} "
                f"(columns {', '.join(spec.names)})")

    @property
    def role_weights(self) -> dict[str, float]:
        """Default weight of each role."""
        return {role: float(weight) for role, weight in self.roles["default_weight"].items()}

    @property
    def taking_part_roles(self) -> tuple[str, ...]:
        """Roles in which a party does part of the work."""
        return tuple(self.roles.index[self.roles["takes_part"]])

    @property
    def light_roles(self) -> tuple[str, ...]:
        """Roles that show interest without taking part (observer, exploring, requester by default)."""
        return tuple(self.roles.index[~self.roles["takes_part"]])


def _read(path: Path, column: str, root: Path | None = None) -> pd.DataFrame:
    table = read_table(path, SPECS[column][1], root=root).drop(columns="_row").set_index(column)
    if column == "role":
        table["default_weight"] = table["default_weight"].astype(float)
        table["takes_part"] = table["takes_part"].str.casefold().isin(TRUE_WORDS)
    return table


def _extend(table: pd.DataFrame, own: pd.DataFrame) -> pd.DataFrame:
    """``table`` with ``own``'s rows: replacing rows with the same id in place, adding new ones at the end."""
    order = [*table.index, *(value for value in own.index if value not in table.index)]
    return pd.concat([table.drop(index=own.index, errors="ignore"), own]).loc[order]


@functools.cache
def default_vocabulary() -> Vocabulary:
    """The shipped vocabularies, without any data folder's additions."""
    tables = {column: _read(VOCABULARY_DIR / file_name, column) for column, (file_name, _) in SPECS.items()}
    return Vocabulary(tables["role"], tables["party_kind"], tables["kind"], VOCABULARY_DIR)


def load_vocabulary(data_dir: Path | None = None) -> Vocabulary:
    """The default vocabularies, extended by ``<data_dir>/vocabularies/*.csv`` where present.

    Raises
    ------
    DataError
        When an extension file is malformed, or would remove a party kind the
        tool relies on.
    """
    defaults = default_vocabulary()
    if data_dir is None:
        return defaults
    extension_dir = Path(data_dir) / "vocabularies"
    if os.path.lexists(extension_dir):  # a file, a broken link or a loop there is named, not taken for no folder
        check_subfolder(extension_dir, Path(data_dir), "the vocabulary files " + ", ".join(
            file_name for file_name, _ in SPECS.values()))
    tables, problems = {}, []
    for column, (file_name, _) in SPECS.items():
        table = defaults.table(column)
        path = extension_dir / file_name
        if os.path.lexists(path):  # a folder or a link of the wrong kind is refused by the reading, with its name
            try:
                table = _extend(table, _read(path, column, root=Path(data_dir)))
            except DataError as error:
                problems.extend(error.problems)
        tables[column] = table
    if problems:
        raise DataError(problems)
    missing = [kind for kind in STRUCTURAL_PARTY_KINDS if kind not in tables["party_kind"].index]
    if missing:
        raise DataError(DataProblem(display_path(extension_dir / "party_kinds.csv"), None, "party_kind",
                                    ", ".join(missing), "the party kinds municipality and region to stay"))
    problems = [problem for column, table in tables.items()
                for problem in _label_problems(column, table, extension_dir)]
    if problems:
        raise DataError(problems)
    return Vocabulary(tables["role"], tables["party_kind"], tables["kind"], extension_dir)


def _label_problems(column: str, table: pd.DataFrame, extension_dir: Path) -> list[DataProblem]:
    """A label that two values share, or that is another value's code: a reader of the label could not tell them
    apart (the input workbook offers the labels, and a label is read as its value)."""
    shown = display_path(extension_dir / SPECS[column][0])
    problems, seen = [], {}
    for value, label in table["label_nl"].items():
        key = str(label).casefold()
        other = seen.get(key) or next((code for code in table.index if code != value and code.casefold() == key), None)
        if other is not None:
            problems.append(DataProblem(shown, None, "label_nl", label, (
                f"a label for {value!r} that no other value uses; {other!r} has it already (as its label or "
                f"code), so the label cannot tell them apart")))
        seen.setdefault(key, value)
    return problems

