"""The reader's prose of a rendered page, and how hard it is to read (Flesch-Douma, words per sentence).

Reader prose is what a Statenlid reads as sentences: paragraphs, list items, the answers, the explanations of
"Begrippen" and the footer's lines. Left out are what a reader looks things up in rather than reads: tables,
the folded parts (``<details>``: "Voor analisten" and the technical run details), the table of contents, the
header line, headings, and the citations: the lines that name the evidence (``vsv-evidence``: passages and
mention numbers), figure captions (the source of a figure) and the footer's lines that cite the sources and the
reference data (titles and publishers, as the data give them). Images are left out too: their alternative text
is read by a screen reader in place of the figure, not as the page's prose.

Each block is one or more sentences: a block that ends without a full stop gets one, so that a list item
is not read as the start of the next. Numbers the Dutch way ("2.592.874") and initials ("H.A.J.M.") hold
full stops that are no sentence ends: they are joined first, so that textstat (which splits sentences at
every full stop) does not take them for short sentences.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import textstat

__all__ = ["prose_blocks", "reader_prose", "readability"]

BLOCKS = {"p", "li", "dd", "figcaption", "h1", "h2", "h3", "h4", "dt", "summary", "td", "th", "div", "ul", "ol",
          "dl", "section"}
"""Elements that end a block of text."""
SKIPPED = {"table", "details", "nav", "header", "style", "script", "h1", "h2", "h3", "h4", "dt", "figcaption",
           "svg", "title", "head"}
"""Elements whose text is no reader prose."""
SKIPPED_CLASSES = {"vsv-evidence", "vsv-toc", "vsv-header", "vsv-table-wrap", "vsv-run"}
CITATION_LABELS = {"Bron", "Bronnen", "Referentiegegevens"}
"""Footer lines that cite documents and tables by title (a ``dd`` after one of these ``dt`` labels)."""
VOID = {"br", "img", "meta", "link", "hr", "input", "wbr", "source", "col", "area", "base", "embed", "param",
        "track"}


class _Prose(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._text: list[str] = []
        self._stack: list[tuple[str, bool]] = []  # open elements, and whether each is skipped
        self._label: list[str] | None = None  # the text of the footer's ``dt`` being read
        self._last_label = ""

    def _skipping(self) -> bool:
        return any(skipped for _, skipped in self._stack)

    def _flush(self):
        text = " ".join("".join(self._text).split())
        if text:
            self.blocks.append(text)
        self._text = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            if tag == "br":
                self._text.append(" ")
            return
        classes = set((dict(attrs).get("class") or "").split())
        if tag in BLOCKS:
            self._flush()
        if tag == "dt":
            self._label = []
        citation = tag == "dd" and self._last_label in CITATION_LABELS
        self._stack.append((tag, tag in SKIPPED or bool(classes & SKIPPED_CLASSES) or citation))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if tag == "dt" and self._label is not None:
            self._last_label, self._label = "".join(self._label).strip(), None
        if tag in BLOCKS:
            if not self._skipping():
                self._flush()
            else:
                self._text = []
        while self._stack:  # close up to the matching element (HTML lets some end tags out)
            open_tag, _ = self._stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self._label is not None:
            self._label.append(data)
        if not self._skipping() and data != "¶":
            self._text.append(data)


def prose_blocks(page: str) -> list[str]:
    """The blocks of reader prose of an HTML page, in order."""
    parser = _Prose()
    parser.feed(page)
    parser.close()
    parser._flush()
    return parser.blocks


_NUMBER = re.compile(r"(?<=\d)\.(?=\d{3}\b)")
_INITIALS = re.compile(r"\b(?:[A-Z]\.){2,}")


def _sentence_ready(block: str) -> str:
    block = _NUMBER.sub("", block)
    block = _INITIALS.sub(lambda m: m.group(0).replace(".", ""), block)
    return block if block[-1] in ".!?" else block + "."


def reader_prose(page: str) -> str:
    """The reader prose of a page as one text, each block a sentence or more (see the module's docstring)."""
    return " ".join(_sentence_ready(block) for block in prose_blocks(page))


def readability(page: str) -> tuple[float, float]:
    """Flesch-Douma reading ease and words per sentence of a page's reader prose (textstat, language ``nl``)."""
    text = reader_prose(page)
    textstat.set_lang("nl")
    return textstat.flesch_reading_ease(text), textstat.words_per_sentence(text)
