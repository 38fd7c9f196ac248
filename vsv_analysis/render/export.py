"""HTML export of an executed notebook with the ``vsv`` nbconvert template: Dutch, self-contained, with a
table of contents and a provenance footer."""

from __future__ import annotations

import functools
from collections.abc import Callable
from html.parser import HTMLParser

from markupsafe import Markup

from ..common.dutch import dutch_day, now_stamp  # now_stamp: the time of a page, as the log lines write it
from ..common.locations import TEMPLATE_DIR
from .provenance import when

__all__ = ["add_toc", "export_html", "now_stamp", "page_context", "page_title"]


class _Headings(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[int, str, str]] = []
        self._open: tuple[int, str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3") and dict(attrs).get("id"):
            self._open, self._text = (int(tag[1]), dict(attrs)["id"]), []

    def handle_data(self, data):
        if self._open and data != "¶":
            self._text.append(data)

    def handle_endtag(self, tag):
        if self._open and tag == f"h{self._open[0]}":
            self.found.append((self._open[0], self._open[1], "".join(self._text).strip()))
            self._open = None


def add_toc(page: str) -> str:
    """Put a table of contents of the h2/h3 headings just before the first h2 (after the title and intro)."""
    page = page.replace("<!-- vsv:toc -->", "", 1)
    parser = _Headings()
    parser.feed(page)
    entries = [(level, anchor, text) for level, anchor, text in parser.found if level > 1 and text]
    if not entries:
        return page
    items = Markup("\n").join(Markup('<li class="level-{}"><a href="#{}">{}</a></li>').format(level, anchor, text)
                               for level, anchor, text in entries)
    toc = Markup('<nav class="vsv-toc" aria-label="Inhoud"><p>Inhoud</p><ul>\n{}\n</ul></nav>\n').format(items)
    first_h2 = page.find("<h2 id=")
    cell_start = page.rfind('<div class="jp-Cell ', 0, first_h2)
    at = cell_start if cell_start != -1 else first_h2
    return page[:at] + str(toc) + page[at:]  # the page is markup already: joined as text, not escaped again


def page_title(title: str, programme: str, stamp: str) -> str:
    """What a browser tab, a bookmark and a saved PDF are called: the report, the programme and the day it was made.

    Examples
    --------
    >>> page_title("Samenvatting", "Programma B", "2026-12-03T10:00:00+01:00")
    'Samenvatting · Programma B · 3 december 2026'
    >>> page_title("Samenvatting", "", "")
    'Samenvatting'
    """
    try:
        day = dutch_day(stamp) if stamp else ""
    except ValueError:  # not an ISO time stamp
        day = ""
    return " · ".join(part for part in (title, programme, day) if part)


def page_context(title: str, error: str, parameters: dict, provenance: dict, stamp: str) -> dict:
    """What the template shows around the notebook: the header line, the failure notice, and the footer.

    ``provenance`` holds the run's ``header`` line, the reader's ``footer``
    lines (sources, reference data, settings in words) and the technical
    ``details`` (fingerprint, version, commit), shown smaller.
    """
    return {
        "title": title, "failed": bool(error), "error": error,
        "page_title": page_title(title + (" (mislukt)" if error else ""), provenance.get("programme", ""), stamp),
        "css": (TEMPLATE_DIR / "report.css").read_text(encoding="utf-8"),
        "header": provenance.get("header", ""),
        "footer": [*map(tuple, provenance.get("footer", [])), ("Gemaakt op", when(stamp))],
        "details": [*map(tuple, provenance.get("details", [])),
                    ("Tijdstempel", stamp)],
    }


@functools.cache
def _exporter():
    """One exporter per process: its templates are compiled once (the warm worker does it before any notebook)."""
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="vsv", extra_template_basedirs=[str(TEMPLATE_DIR)])


def export_html(nb, with_code: bool, context: dict, scrub_text: Callable[[str], str]) -> str:
    """The page of an executed notebook; stderr is left out unless the code is shown."""
    exporter = _exporter()
    exporter.exclude_input = not with_code
    exporter.exclude_input_prompt = not with_code
    exporter.exclude_output_prompt = True
    exporter.language_code = "nl"
    if not with_code:
        for cell in nb.cells:
            cell["outputs"] = [o for o in cell.get("outputs", [])
                               if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
    nb.metadata["title"] = context.get("page_title") or context["title"]
    page, _ = exporter.from_notebook_node(nb, resources={"vsv": context})
    return str(scrub_text(Markup(add_toc(page))))  # the template's page is markup: paths are replaced escaped
