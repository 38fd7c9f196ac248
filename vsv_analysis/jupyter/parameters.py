"""Report parameters: the shared defaults, and checking values before any kernel starts.

The defaults live in ``notebooks/parameters.yaml``. A value given on the command
line (``-p NAME VALUE``) is read as YAML, so ``2021``, ``true``, ``[partner,
observer]`` and ``{observer: 0}`` mean what they look like. Inside a notebook,
:func:`vsv_analysis.report.setup` checks its values the same way, so plain
``papermill -p roles '[partner]'`` works too.

A relative path (``data_dir``, ``boundaries_file``) is read from the folder
the command works in, and made absolute here, before any kernel starts: the
current folder of ``render`` or ``papermill``; in JupyterLab, the folder Lab
was started in (see :func:`vsv_analysis.jupyter.lab.working_folder`).

Examples
--------
>>> check_parameters({"year": "2021", "expand_regions": "true"})
{'year': 2021, 'expand_regions': True}
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Mapping
from pathlib import Path

import yaml

from ..common.errors import DataError, display_path
from ..common.locations import DEFAULTS_FILE, default_data_dir
from ..common.names import closest
from ..files.yamlfiles import parse_value, read_mapping

__all__ = ["BOUNDS", "DEFAULTS_FILE", "PATH_PARAMETERS", "SHARES", "ParameterError", "check_parameters",
           "describe_parameters", "load_defaults", "load_parameter_file", "parameters_cell", "resolve_path"]

BOUNDS = {
    "null_models": (0, 10_000),  # each random matrix costs a NODF computation; 10,000 gives p-values to 1e-4
    "seed": (0, 2**32 - 1),  # the range every random generator in use accepts
}
"""Smallest and largest value of the whole-number parameters that set work or seed randomness."""

SHARES = {"alpha": (0.0, 1.0)}
"""Parameters that are a share: strictly between the two bounds."""

PATH_PARAMETERS = ("data_dir", "boundaries_file", "changes_file")
"""Parameters that name a file or folder: a relative one is made absolute against the working folder."""


class ParameterError(ValueError):
    """A report parameter with an unknown name or a value of the wrong kind; ``name`` is the parameter's."""

    def __init__(self, message: str, name: str | None = None):
        super().__init__(message)
        self.name = name


def load_defaults(path: Path = DEFAULTS_FILE) -> dict:
    """The shared defaults, in the file's order."""
    return load_parameter_file(path, check=False)


def describe_parameters(path: Path = DEFAULTS_FILE) -> list[tuple[str, str, str]]:
    """``(name, default as YAML, comment)`` for each parameter in the defaults file, in its order.

    The comment is the text after ``#`` on the parameter's line.

    >>> name, default, comment = describe_parameters()[0]
    >>> name, comment.startswith("geography year")
    ('year', True)
    """
    defaults = load_defaults(path)
    comments = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z_]\w*)\s*:.*?\s#\s*(.*)$", line)
        if match:
            comments[match.group(1)] = match.group(2).strip()
    shown = {name: '""' if value == "" else yaml.safe_dump(value, default_flow_style=True).splitlines()[0]
             for name, value in defaults.items()}
    return [(name, shown[name], comments.get(name, "")) for name in defaults]


def parameters_cell(path: Path = DEFAULTS_FILE) -> str:
    """The parameters cell of every report notebook: one typed line with its comment per shared default.

    Every notebook declares every parameter, so that ``papermill -f notebooks/parameters.yaml`` passes no
    name a notebook does not know (papermill warns about those).

    >>> print(parameters_cell().splitlines()[0])
    year: int = 2026  # geography year (municipal division on 1 January): 2021, or 2022-2026
    """
    lines = []
    for (name, _, comment), value in zip(describe_parameters(path), load_defaults(path).values(), strict=True):
        literal = json.dumps(value, ensure_ascii=False) if isinstance(value, str) else repr(value)
        lines.append(f"{name}: {type(value).__name__} = {literal}  # {comment}")
    return "\n".join(lines)


def resolve_path(value: str, base: Path | None = None) -> str:
    """``value`` as an absolute path: a relative one is read from ``base`` (default: the current folder).

    >>> resolve_path("mijn_data", Path("/srv/evaluatie"))
    '/srv/evaluatie/mijn_data'
    >>> resolve_path("../gedeeld/data", Path("/srv/evaluatie")), resolve_path("/data", Path("/srv"))
    ('/srv/gedeeld/data', '/data')
    """
    path = Path(value)
    if value.startswith("~"):
        with contextlib.suppress(RuntimeError):  # no such user, or no home: then it is a name like any other
            path = path.expanduser()
    if path.is_absolute():
        return str(path)
    return os.path.normpath(Path(base if base is not None else Path.cwd()).absolute() / path)


def load_parameter_file(path: Path, check: bool = True) -> dict:
    """Read a YAML file of parameters (a mapping of name to value) and check it.

    The file is read strictly (see :mod:`vsv_analysis.files.yamlfiles`): at most 1 MiB, no anchors, aliases or
    tags, each name once, values by the YAML 1.2 core schema (``yes`` is text, ``true`` a boolean). A value of
    the wrong kind is refused with the file and the line it is on.
    """
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        raise ParameterError(f"parameter file {path} does not exist")
    if path.is_dir():
        raise ParameterError(f"parameter file {path} is a folder; give a YAML file of NAME: VALUE lines")
    try:
        entries = read_mapping(path, what="parameter file (YAML)", shape="NAME: VALUE lines, such as 'year: 2021'")
    except DataError as error:
        raise ParameterError("; ".join(str(problem) for problem in error.problems)) from None
    values = {entry.key: entry.value for entry in entries}
    if not check:
        return values
    lines = {entry.key: entry.line for entry in entries}
    try:
        return check_parameters(values)
    except ParameterError as error:
        if error.name in lines:
            raise ParameterError(f"{display_path(path)}, line {lines[error.name]}: {error}", error.name) from None
        raise


def _read(name: str, value, expected: type):
    """A value given as text read as YAML where the default is not text; text parameters stay as written."""
    if not isinstance(value, str) or expected is str or not value.strip():
        return value
    try:
        return parse_value(value, f"parameter {name!r}")
    except DataError as error:
        raise ParameterError("; ".join(str(problem) for problem in error.problems), name) from None


def check_parameters(values: Mapping, defaults: Mapping | None = None, base: Path | None = None) -> dict:
    """Check parameter names and values; return them with their proper types.

    A string is read as YAML where the default is not text. A relative path
    parameter (:data:`PATH_PARAMETERS`) comes back absolute, read from
    ``base`` (default: the current folder). Only the values given are
    checked; the data folder is read only for those that need it (``roles``,
    ``role_weights``, ``year``), so that a render given none of them starts
    without pandas.

    Raises
    ------
    ParameterError
        For an unknown name (with the closest known one), or a value of the
        wrong type or outside what the data allow (an uncovered year, an
        unknown role, a missing data folder).
    """
    defaults = load_defaults() if defaults is None else defaults
    checked = {}
    for name, raw in values.items():
        if name not in defaults:
            hint = closest(name, defaults, n=1)
            raise ParameterError(f"unknown parameter {name!r}; known: {', '.join(defaults)}"
                                 + (f" (did you mean {hint[0]!r}?)" if hint else ""))
        expected = type(defaults[name])
        value = _read(name, raw, expected)
        if expected is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise ParameterError(f"parameter {name!r} must be a whole number, not {raw!r}", name)
        if expected is float and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise ParameterError(f"parameter {name!r} must be a number such as 0.05, not {raw!r}", name)
        if expected is float:
            value = float(value)
        if expected is bool and not isinstance(value, bool):
            raise ParameterError(f"parameter {name!r} must be true or false, not {raw!r}", name)
        if expected is str:
            value = "" if value is None else str(value)
        if expected is list and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise ParameterError(f"parameter {name!r} must be a list of names such as [partner, observer], "
                                 f"not {raw!r}", name)
        if expected is dict and not isinstance(value, dict):
            raise ParameterError(f"parameter {name!r} must be a mapping such as {{observer: 0.0}}, not {raw!r}",
                                 name)
        _check_text(name, value)
        checked[name] = value
    given = dict(checked)
    for name in PATH_PARAMETERS:
        if checked.get(name):
            checked[name] = resolve_path(checked[name], base)
    _check_meaning(checked, given)
    _check_against_data(checked)
    return checked


def _check_text(name: str, value) -> None:
    """Text a notebook can receive: valid UTF-8, and a path whose every name fits the file system (255 bytes)."""
    texts = [*value, *value.values()] if isinstance(value, dict) else value if isinstance(value, list) else [value]
    for text in (t for t in texts if isinstance(t, str)):
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise ParameterError(f"parameter {name!r}: {text!r} is not valid UTF-8; rename the file or folder, "
                                 "or give the name in UTF-8", name) from None
    if name in PATH_PARAMETERS and isinstance(value, str):
        long = [part for part in Path(value).parts if len(part.encode("utf-8")) > 255]
        if long:
            raise ParameterError(f"parameter {name!r}: the name {long[0][:40]!r}... is {len(long[0].encode())} "
                                 "bytes long; file systems allow 255 at most", name)


def _is(test, name: str, value: str) -> bool:
    try:
        return test()
    except OSError as error:
        raise ParameterError(f"parameter {name!r}: cannot look at {value[:80]!r}: {error.strerror or error}",
                             name) from None


def _missing(kind: str, name: str, given: dict, values: dict) -> ParameterError:
    looked = f" (looked for {values[name]})" if values[name] != given[name] else ""
    return ParameterError(f"parameter {name!r}: {kind} {given[name]!r} does not exist{looked}", name)


def _check_meaning(values: dict, given: dict) -> None:
    for name in (n for n in PATH_PARAMETERS if values.get(n)):
        path = Path(values[name])
        kind, exists = ("folder", path.is_dir) if name == "data_dir" else ("file", path.is_file)
        if not _is(exists, name, values[name]):
            raise _missing(kind, name, given, values)
    if values.get("as_of"):
        from ..evidence.sources import parse_as_of  # sources needs pandas: imported only when a date is given

        try:
            parse_as_of(values["as_of"])
        except ValueError as error:
            raise ParameterError(f"parameter 'as_of': {error}", "as_of") from None
    for name, (low, high) in SHARES.items():
        if name in values and not low < values[name] < high:
            raise ParameterError(f"parameter {name!r} must lie between {low:g} and {high:g}, such as 0.05, "
                                 f"not {values[name]:g}", name)
    for name, (low, high) in BOUNDS.items():
        if name in values and values[name] < low:
            raise ParameterError(f"parameter {name!r} must be {low} or more, not {values[name]}", name)
        if name in values and values[name] > high:
            raise ParameterError(f"parameter {name!r} must be at most {high:,}, not {values[name]:,}", name)


def _check_against_data(values: dict) -> None:
    """Roles, role weights and the year against the data folder's vocabularies and reference; the map mode."""
    data_dir = values.get("data_dir") or None
    if "roles" in values or "role_weights" in values:
        from ..evidence.roles import check_roles, role_weights
        from ..evidence.vocabulary import load_vocabulary

        checking = None
        try:
            vocabulary = load_vocabulary(data_dir)
            checking = "roles"
            check_roles(values.get("roles", []), vocabulary)
            checking = "role_weights"
            role_weights(values.get("role_weights", {}), vocabulary)
        except (TypeError, ValueError) as error:  # DataError included: a malformed vocabulary file
            raise ParameterError(str(error), checking) from None
    if "year" in values:
        from ..geography.referencefiles import supported_years

        years = supported_years(data_dir or default_data_dir())
        if values["year"] not in years:
            raise ParameterError(f"parameter 'year': {values['year']} is not covered; "
                                 f"choose a year from {years[0]} to {years[-1]}", "year")
    for name, choices in _choices(values).items():
        if values[name] not in choices:
            raise ParameterError(f"parameter {name!r} must be one of {', '.join(choices)}, not {values[name]!r}",
                                 name)
    if "map_mode" in values:
        from ..maps import MAP_MODES  # maps needs pandas: imported only when a map parameter is checked

        if values["map_mode"] not in MAP_MODES:
            raise ParameterError(f"parameter 'map_mode' must be one of {', '.join(MAP_MODES)}, "
                                 f"not {values['map_mode']!r}", "map_mode")


def _choices(values: dict) -> dict[str, tuple[str, ...]]:
    """The allowed values of the measure conventions given, from the measures that use them (imported only then)."""
    choices = {}
    if "nodf_empty" in values:
        from ..measures.nestedness import EMPTY_CONVENTIONS

        choices["nodf_empty"] = EMPTY_CONVENTIONS
    if "multiple_testing" in values:
        from ..measures.pvalues import CORRECTIONS

        choices["multiple_testing"] = CORRECTIONS
    if "closeness" in values:
        from ..measures.paths import CLOSENESS_NORMALISATIONS

        choices["closeness"] = CLOSENESS_NORMALISATIONS
    return choices
