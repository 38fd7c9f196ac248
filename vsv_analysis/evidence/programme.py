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

from ..common.errors import DataError, DataProblem, display_path
from ..common.locations import default_data_dir
from ..common.names import closest
from ..files.yamlfiles import read_mapping

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
MAX_TEXT_CHARS = 1_000
"""The longest value of a key (a programme's name runs to tens of characters; reports print it in their header)."""


def load_programme(data_dir: Path | None = None) -> Programme:
    """Read ``<data_dir>/programme.yaml``; a folder without one gets a neutral :class:`Programme`.

    The file is read strictly (see :mod:`vsv_analysis.files.yamlfiles`): no anchors, aliases or tags, each key
    once, and every value one line of text exactly as written (``short_name: ON`` is the text ``ON``).

    Raises
    ------
    DataError
        When the file is a folder, a dangling or looping link, or not YAML; when it is not a mapping, has an
        unknown key, a value that is not one line of text, or no ``name``. Every problem names the file, the
        line, the key and the value.
    """
    path = Path(data_dir if data_dir is not None else default_data_dir()) / PROGRAMME_FILE
    if not path.exists() and not path.is_symlink():
        return Programme(is_described=False)
    shown = display_path(path)
    problems, values, lines = [], {}, {}
    for entry in read_mapping(path, root=path.parent, what="YAML file"):
        lines[entry.key] = entry.line
        if entry.key not in _KEYS:
            problems.append(DataProblem(shown, None, None, None, "one of the keys " + ", ".join(_KEYS),
                                        closest(entry.key, _KEYS), line=entry.line, key=entry.key))
            continue
        text = "" if entry.value is None else (entry.text or "").strip()
        if entry.text is None or "\n" in text or "\r" in text:
            shown_value = text if entry.text is not None else str(entry.value)
            problems.append(DataProblem(shown, None, None, shown_value, "a single line of text",
                                        line=entry.line, key=entry.key))
        elif len(text) > MAX_TEXT_CHARS:
            problems.append(DataProblem(shown, None, None, text, (
                f"a single line of at most {MAX_TEXT_CHARS:,} characters; this one has {len(text):,}"),
                line=entry.line, key=entry.key))
        else:
            values[entry.key] = text
    if not values.get("name") and not any(problem.key == "name" for problem in problems):
        problems.append(DataProblem(shown, None, None, "" if "name" in lines else None, "the programme's name",
                                    line=lines.get("name"), key="name"))
    if problems:
        raise DataError(problems)
    return Programme(**{key: value for key, value in values.items() if value})
