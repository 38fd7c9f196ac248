"""Making output safe to share: local paths and the user name are replaced in every file a render writes.

Replacement is textual, so it skips embedded binary data: the payload of a
``data:...;base64,`` URI (an embedded figure) is left exactly as it is, since a
local path could occur in it by chance and replacing it would break the figure.
In markup (:class:`~markupsafe.Markup`: a page, or markup the report layer made)
the replacement is escaped, so ``<project>`` shows as text and never becomes an
element that hides what follows it.

Examples
--------
>>> scrub_text = Scrubber([("/srv/evaluatie", "…")])
>>> scrub_text("read /srv/evaluatie/data/initiatives.csv")
'read …/data/initiatives.csv'
>>> scrub_text('<img src="data:image/png;base64,AA/srv/evaluatieBB=">')
'<img src="data:image/png;base64,AA/srv/evaluatieBB=">'
>>> scrub_data({"data_dir": "/srv/evaluatie/data", "year": 2026}, scrub_text)
{'data_dir': '…/data', 'year': 2026}
>>> Scrubber([("/srv/x", "<project>")])(Markup("<p>/srv/x/data</p>"))
Markup('<p>&lt;project&gt;/data</p>')
"""

from __future__ import annotations

import functools
import re
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from markupsafe import Markup, escape

from .notebooks import PROJECT_ROOT

__all__ = ["Scrubber", "private_paths", "scrub", "scrub_data", "scrub_notebook"]

# A data URI with a base64 payload: media type, optional parameters, the payload up to its padding.
BASE64_URI = re.compile(r"data:[\w.+-]+/[\w.+-]+(?:;[\w.+-]+=[\w.+-]*)*;base64,[A-Za-z0-9+/]*={0,2}", re.IGNORECASE)


@functools.cache
def _private_strings() -> tuple[tuple[str, str], ...]:
    """Local paths and the user name, with what to show instead."""
    pairs = [(str(PROJECT_ROOT), "<project>"), (str(Path(sys.prefix)), "<python>"),
             (str(Path(sys.base_prefix)), "<python>"), (str(Path.home()), "~"),
             (tempfile.gettempdir(), "<tmp>")]
    try:
        import getpass

        user = getpass.getuser()
        if len(user) > 2:
            pairs.append((f"/{user}/", "/<user>/"))
    except (OSError, KeyError):
        pass
    return tuple(pairs)


def private_paths(output_dir: Path, parameters: dict) -> list[tuple[str, str]]:
    """The paths of one run to hide besides the usual ones: the output folder, and the folders around
    path parameters such as ``data_dir`` (shown as ``…/<name>``, so a reader still sees which data)."""
    pairs = []
    for path in {Path(output_dir).absolute(), Path(output_dir).resolve()}:
        pairs.append((str(path), "<output>"))
    for value in parameters.values():
        if isinstance(value, str) and value and ("/" in value or "\\" in value):
            for path in {Path(value), Path(value).absolute(), Path(value).resolve()}:
                if path.is_absolute() and len(path.parent.parts) > 1:
                    pairs.append((str(path.parent), "…"))
    return pairs


class Scrubber:
    """Replace local paths in text, longest first, outside base64 payloads."""

    def __init__(self, extra: Iterable[tuple[str, str]] = ()):
        pairs = {(private, shown) for private, shown in [*_private_strings(), *extra] if private not in ("", "/")}
        self.pairs = sorted(pairs, key=lambda pair: (-len(pair[0]), pair))
        # in markup, a path is written escaped (an apostrophe as &#39;) and its replacement must be escaped too
        self.markup_pairs = sorted({(str(escape(private)), str(escape(shown))) for private, shown in self.pairs},
                                   key=lambda pair: (-len(pair[0]), pair))

    @staticmethod
    def _replace(text: str, pairs) -> str:
        for private, shown in pairs:
            if private in text:
                text = text.replace(private, shown)
        return text

    def __call__(self, text: str) -> str:
        """``text`` without local paths; :class:`~markupsafe.Markup` in, ``Markup`` out, replacements escaped."""
        is_markup = isinstance(text, Markup)
        pairs = self.markup_pairs if is_markup else self.pairs
        pieces, start = [], 0
        for match in BASE64_URI.finditer(text):
            pieces.append(self._replace(str(text[start:match.start()]), pairs))
            pieces.append(match.group())
            start = match.end()
        pieces.append(self._replace(str(text[start:]), pairs))
        return Markup("".join(pieces)) if is_markup else "".join(pieces)


def scrub(text: str) -> str:
    """Replace the usual local paths (project, Python, home, temporary folder, user name) in ``text``."""
    return _default()(text)


@functools.cache
def _default() -> Scrubber:
    return Scrubber()


def scrub_data(value, scrub_text: Callable[[str], str] = scrub):
    """``value`` (JSON-like: dicts, lists, strings) with every string scrubbed, keys included; markup stays markup."""
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, dict):
        return {scrub_data(k, scrub_text): scrub_data(v, scrub_text) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [scrub_data(v, scrub_text) for v in value]
    return value


def scrub_notebook(nb, scrub_text: Callable[[str], str] = scrub) -> None:
    """Scrub the text outputs and errors of an executed notebook, and drop papermill's metadata."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if "traceback" in output:
                output["traceback"] = [scrub_text(line) for line in output["traceback"]]
            if "evalue" in output:
                output["evalue"] = scrub_text(output["evalue"])
            if "text" in output:
                output["text"] = scrub_text(output["text"])
        cell.metadata.pop("papermill", None)
    nb.metadata.pop("papermill", None)
