"""Reading YAML as strictly as the CSV files: ``programme.yaml``, parameter files and ``-p`` values.

YAML can do much more than the tool needs, and some of it is dangerous or
surprising: an alias bomb of a few hundred bytes (anchors ``&a`` referred to by
aliases ``*a``, nested) fills the memory; a tag (``!!python/…``, ``!!str``)
asks the reader to build a type; under YAML 1.1 ``ON``, ``yes`` and ``n``
become booleans and ``2022-06-30`` a date; a key given twice silently loses
its first value. So this reader

- refuses a text larger than :data:`MAX_YAML_BYTES` before parsing it;
- builds the values from the parser's events itself, and refuses every anchor,
  alias and tag at the first one it meets (an alias bomb is refused after
  reading a few bytes), a key given twice, a key that is not text, a merge key
  ``<<`` and nesting deeper than :data:`MAX_DEPTH`;
- reads plain scalars by the YAML 1.2 core schema: ``true`` and ``false`` are
  booleans, whole numbers are integers, ``~``, ``null`` and nothing are
  empty, and everything else (``ON``, ``yes``, ``2022-06-30``) is text as
  written. Every :class:`Entry` also keeps the scalar exactly as written, for
  keys whose value is always text.

Every problem is a :class:`~vsv_analysis.common.errors.DataProblem` naming the
file, the line, the key and the value.

Examples
--------
>>> [(e.key, e.value, e.text, e.line) for e in parse_mapping("a: ON\\nb: 2021\\nc: [x, y]\\n", "p.yaml")]
[('a', 'ON', 'ON', 1), ('b', 2021, '2021', 2), ('c', ['x', 'y'], None, 3)]
>>> parse_value("{observer: 0.5}", "parameter 'role_weights'")
{'observer': 0.5}
>>> parse_mapping("a: &x [1]\\nb: *x\\n", "p.yaml")
Traceback (most recent call last):
...
vsv_analysis.common.errors.DataError: 1 problem in the input data:
- p.yaml, line 1, key 'a': found '&x'; expected a value written out: anchors (&name) and aliases (*name) are not \
allowed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml import events

from ..common.errors import DataError, DataProblem, display_path
from .textfiles import read_text

__all__ = ["MAX_DEPTH", "MAX_YAML_BYTES", "Entry", "parse_mapping", "parse_value", "read_mapping"]

MAX_YAML_BYTES = 1_048_576
"""The largest YAML text read (1 MiB); the tool's own YAML files are a few hundred bytes."""
MAX_DEPTH = 32
"""How deeply lists and mappings may nest."""
KEY_VALUE = "'key: value' lines, such as 'name: ...'"

_NULL = re.compile(r"^(~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT, _HEX = re.compile(r"^0o[0-7]+$"), re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_SPECIAL_FLOAT = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"), ".nan": float("nan")}


@dataclass(frozen=True)
class Entry:
    """One ``key: value`` of a mapping: the value (core schema), the scalar as written (``None`` for a list or
    mapping), and the line of the file it starts on."""

    key: str
    value: object
    text: str | None
    line: int
    key_value: object = None  # the key by the core schema (the 1 of "1: x"), as nested mappings hold it


class _Refused(Exception):
    def __init__(self, mark, value: str | None, expected: str, key: str | None = None):
        super().__init__(expected)
        self.line = mark.line + 1 if mark is not None else None
        self.value, self.expected, self.key = value, expected, key


def core_scalar(text: str):
    """A plain scalar by the YAML 1.2 core schema: empty, a boolean, a whole or decimal number, or text.

    >>> core_scalar("true"), core_scalar("yes"), core_scalar("0x1F"), core_scalar("1e3"), core_scalar("~")
    (True, 'yes', 31, 1000.0, None)
    """
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        return int(text)
    if _OCT.match(text) or _HEX.match(text):
        return int(text, 0)
    if _FLOAT.match(text):
        return float(text)
    lowered = text.lower()
    if lowered in _SPECIAL_FLOAT:
        return _SPECIAL_FLOAT[lowered]
    return text


class _Builder:
    """Values from the parser's events, one at a time, refusing what the tool does not read."""

    def __init__(self, text: str):
        self._events = yaml.parse(text, Loader=yaml.SafeLoader)  # the pure-Python parser: events, no objects

    def next(self):
        return next(self._events)

    def document(self, top_is_mapping: bool, shape: str = ""):
        """The single document: its entries (a mapping expected) or its value; nothing for a text without one."""
        self.next()  # StreamStartEvent
        if isinstance(self.next(), events.StreamEndEvent):
            return [] if top_is_mapping else None  # nothing but comments
        top = self.next()
        if not top_is_mapping:
            value = self.node(top, 0)
        elif isinstance(top, events.MappingStartEvent) and top.anchor is None and top.tag is None:
            value = self.mapping_entries(1)
        else:
            raise _Refused(top.start_mark, None, shape)
        self.next()  # DocumentEndEvent
        after = self.next()
        if not isinstance(after, events.StreamEndEvent):
            raise _Refused(after.start_mark, None, "one YAML document (this text holds a second one after '---')")
        return value

    def node(self, event, depth: int, key: str | None = None):
        if isinstance(event, events.AliasEvent) or getattr(event, "anchor", None) is not None:
            sign = "*" if isinstance(event, events.AliasEvent) else "&"
            raise _Refused(event.start_mark, f"{sign}{event.anchor}", (
                "a value written out: anchors (&name) and aliases (*name) are not allowed"), key)
        if getattr(event, "tag", None) is not None:
            tag = event.tag.replace("tag:yaml.org,2002:", "!!", 1)
            raise _Refused(event.start_mark, tag, "a value without a tag (such as !!str or !!python/...)", key)
        if depth > MAX_DEPTH:
            raise _Refused(event.start_mark, None, f"lists and mappings nested at most {MAX_DEPTH} deep", key)
        if isinstance(event, events.ScalarEvent):
            return core_scalar(event.value) if event.style is None else event.value
        if isinstance(event, events.SequenceStartEvent):
            items = []
            while not isinstance(item := self.next(), events.SequenceEndEvent):
                items.append(self.node(item, depth + 1, key))
            return items
        return {entry.key_value: entry.value for entry in self.mapping_entries(depth, key)}

    def mapping_entries(self, depth: int, outer: str | None = None) -> list[Entry]:
        entries: dict[str, Entry] = {}
        while not isinstance(key_event := self.next(), events.MappingEndEvent):
            line = key_event.start_mark.line + 1
            if not isinstance(key_event, events.ScalarEvent) or getattr(key_event, "anchor", None) is not None \
                    or key_event.tag is not None:
                raise _Refused(key_event.start_mark, None, "a key of plain text before the colon", outer)
            key = key_event.value if outer is None else f"{outer}.{key_event.value}"
            if key_event.value == "<<" and key_event.style is None:
                raise _Refused(key_event.start_mark, "<<", "a key of plain text (merge keys are not allowed)", key)
            value_event = self.next()
            value = self.node(value_event, depth + 1, key)
            text = value_event.value if isinstance(value_event, events.ScalarEvent) else None
            if key in entries:
                raise _Refused(key_event.start_mark, text, (
                    f"each key once (line {entries[key].line} has it too; the tool never picks one)"), key)
            key_value = core_scalar(key_event.value) if key_event.style is None else key_event.value
            entries[key] = Entry(key_event.value, value, text, line, key_value)
        return list(entries.values())


def _problem(shown: str, refused: _Refused) -> DataError:
    return DataError(DataProblem(shown, None, None, refused.value, refused.expected, line=refused.line,
                                 key=refused.key))


def _parse(text: str, shown: str, top_is_mapping: bool, shape: str = ""):
    if len(text.encode("utf-8", "surrogatepass")) > MAX_YAML_BYTES:
        raise DataError(DataProblem(shown, None, None, None, (
            f"YAML of at most {MAX_YAML_BYTES // 2**20} MiB (this one has {len(text.encode('utf-8', 'replace')):,} "
            f"bytes)")))
    try:
        return _Builder(text).document(top_is_mapping, shape)
    except _Refused as refused:
        raise _problem(shown, refused) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = error.problem or error.context or "not YAML"
        raise DataError(DataProblem(shown, None, None, None, f"YAML of 'key: value' lines ({reason})",
                                    line=mark.line + 1 if mark is not None else None)) from None
    except yaml.YAMLError as error:  # a character YAML does not allow, such as a control character
        raise DataError(DataProblem(shown, None, None, None, f"YAML text ({str(error).splitlines()[0]})")) from None


def parse_mapping(text: str, shown: str, shape: str = KEY_VALUE) -> list[Entry]:
    """The ``key: value`` entries of a YAML text, in order (none for a text of comments only).

    ``shown`` names the text in messages (a file, or ``parameter 'x'``); ``shape`` says what the text should
    hold, for the message when it is not a mapping.

    Raises
    ------
    DataError
        With one problem naming ``shown``, the line, the key and the value.
    """
    return _parse(text, shown, True, shape)


def parse_value(text: str, shown: str):
    """One YAML value, such as a ``-p`` value: ``[partner]``, ``{observer: 0}``, ``2021``, ``true``."""
    return _parse(text, shown, top_is_mapping=False)


def read_mapping(path: Path, root: Path | None = None, what: str = "YAML file", shape: str = KEY_VALUE) -> list[Entry]:
    """The entries of the YAML file at ``path`` (see :func:`parse_mapping`), read as safely as a CSV file.

    The file must be a regular, readable UTF-8 text file of at most :data:`MAX_YAML_BYTES`, inside
    ``root`` when given (see :func:`vsv_analysis.files.textfiles.read_text`).
    """
    path = Path(path)
    text = read_text(path, root, what=what, max_bytes=MAX_YAML_BYTES)
    return parse_mapping(text, display_path(path), shape)
