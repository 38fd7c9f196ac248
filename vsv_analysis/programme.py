"""The programme the evidence is about, and the reading choices made in recording it.

Both are data in the data folder, so that the reports never name a programme, a
document or an interpretation that the data do not hold:

- ``programme.yaml``: the programme's name and short name, who runs it, who
  commissioned the evaluation and for whom the reports are written (Dutch text,
  as the reports print it);
- ``interpretations.csv`` (optional): one row per reading choice, in Dutch, with
  the mentions or initiative it concerns, so that each choice can be traced to
  the evidence and shown where that evidence is used.

Examples
--------
>>> programme = load_programme()
>>> programme.short_name
'VSV'
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd
import yaml

from .csvfiles import TRUE_WORDS, Column, TableSpec
from .errors import DataError, DataProblem, display_path
from .locations import default_data_dir
from .names import closest
from .textfiles import read_text

__all__ = [
    "INTERPRETATION_SPEC",
    "PROGRAMME_FILE",
    "Programme",
    "interpretation_for",
    "load_programme",
    "split_mention_ids",
]

PROGRAMME_FILE = "programme.yaml"

INTERPRETATION_SPEC = TableSpec((
    Column("interpretation_id", "id", unique=True),
    Column("is_uncertain", "bool", required=False),
    Column("topic"),
    Column("explanation"),
    Column("mention_ids", required=False),
    Column("initiative_id", required=False),
))
"""Columns of ``interpretations.csv``: ``is_uncertain`` is ``yes`` for what the evidence
leaves open (the summary lists these) and ``no`` or empty for a choice of how to read it; ``topic`` and
``explanation`` are Dutch text for readers; ``mention_ids`` lists the mentions it
concerns, separated by ``;``."""


@dataclass(frozen=True)
class Programme:
    """What the reports call the programme and whom they address (all Dutch text).

    ``is_described`` is false when the data folder has no ``programme.yaml``;
    the reports then speak of "het programma".
    """

    name: str = "het programma"
    short_name: str = ""
    owner: str = ""
    commissioned_by: str = ""
    audience: str = ""
    is_described: bool = True

    @property
    def label(self) -> str:
        """The short name where there is one, else the name (for figure legends)."""
        return self.short_name or self.name


_KEYS = tuple(f.name for f in fields(Programme) if f.name != "is_described")


def load_programme(data_dir: Path | None = None) -> Programme:
    """Read ``<data_dir>/programme.yaml``; a folder without one gets a neutral :class:`Programme`.

    Raises
    ------
    DataError
        When the file is not YAML, is not a mapping, has an unknown key, a
        value that is not text, or no ``name``.
    """
    path = Path(data_dir if data_dir is not None else default_data_dir()) / PROGRAMME_FILE
    if not path.is_file():
        return Programme(is_described=False)
    shown = display_path(path)
    try:
        values = yaml.safe_load(read_text(path, root=path.parent))
    except yaml.YAMLError as error:
        reason = str(error).splitlines()[0]
        raise DataError(DataProblem(shown, None, None, None, f"a YAML file of 'key: value' lines ({reason})")) from None
    if not isinstance(values, dict):
        raise DataError(DataProblem(shown, None, None, None, "'key: value' lines, such as 'name: ...'"))
    problems = []
    for key, value in values.items():
        if key not in _KEYS:
            problems.append(DataProblem(shown, None, str(key), None, "one of the keys " + ", ".join(_KEYS),
                                        closest(str(key), _KEYS)))
        elif value is not None and not isinstance(value, str | int | float):
            problems.append(DataProblem(shown, None, str(key), str(value), "a single line of text"))
    if not str(values.get("name") or "").strip():
        problems.append(DataProblem(shown, None, "name", None, "the programme's name"))
    if problems:
        raise DataError(problems)
    return Programme(**{key: str(values[key]).strip() for key in _KEYS if values.get(key) is not None})


def split_mention_ids(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` (interpretations as read) with ``mention_ids`` as a tuple of ids (they are separated by ``;``)."""
    table = table.copy()
    table["mention_ids"] = [tuple(i.strip() for i in value.split(";") if i.strip()) for value in table["mention_ids"]]
    table["is_uncertain"] = table["is_uncertain"].str.casefold().isin(TRUE_WORDS)
    return table


def interpretation_for(interpretations: pd.DataFrame, mention_id: str) -> pd.Series | None:
    """The reading choice that concerns ``mention_id`` most specifically (the one naming fewest mentions), or None."""
    matches = [(len(ids), index) for index, ids in zip(interpretations.index, interpretations["mention_ids"])
               if mention_id in ids]
    return interpretations.loc[min(matches)[1]] if matches else None
