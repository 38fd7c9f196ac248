"""The programme the evidence is about: ``programme.yaml`` in the data folder.

It is data, so that the reports never name a programme that the data do not
hold: the programme's name and short name, who runs it, who commissioned the
evaluation and for whom the reports are written (Dutch text, as the reports
print it). The reading choices made in recording the evidence are
:mod:`.interpretations`.

Examples
--------
>>> programme = load_programme()
>>> programme.short_name
'VSV'
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

import yaml

from ..common.errors import DataError, DataProblem, display_path
from ..common.locations import default_data_dir
from ..common.names import closest
from ..files.textfiles import read_text

__all__ = ["PROGRAMME_FILE", "Programme", "load_programme"]

PROGRAMME_FILE = "programme.yaml"

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
