"""Showing things in a report: paragraphs, lists, tables and figures, with every data value escaped.

Markup is escaped by construction, with one builder, :class:`markupsafe.Markup`:
markup the package makes is a ``Markup`` (built with ``Markup("<p>{}</p>").format(value)``,
which escapes every value that is not itself ``Markup``), and everything else
is text. :func:`show_html` escapes whatever it is given that is not ``Markup``,
so a name typed as ``<script>`` shows as text even where a caller forgot that it
came from the data. An empty table or a figure with nothing to draw is replaced
by a sentence that says so: a reader never meets a table with only a header or
an empty chart.

Examples
--------
>>> str(paragraph("{name} doet mee", name="<b>Dorp</b>"))
'<p>&lt;b&gt;Dorp&lt;/b&gt; doet mee</p>'
"""

from __future__ import annotations

import base64
import io
import math
import re

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, display
from markupsafe import Markup, escape
from matplotlib.layout_engine import PlaceHolderLayoutEngine
from matplotlib.text import Text

from ..common.dutch import listing, number
from ..figures import Chart
from ..figures.style import PRINT_INCHES, TEXT_AS_WRITTEN, TEXT_PT
from .pagelinks import linked_mentions

__all__ = ["LIST_NAMES", "TABLE_ROWS", "Markup", "analyst_details", "figure_markup", "paragraph", "say", "show_figure",
           "show_html", "show_list", "show_paragraph", "show_table", "table_html"]


def show_html(markup: Markup | str) -> None:
    """Show ``markup`` made by the package; anything that is not :class:`Markup` is shown as text (escaped)."""
    display(HTML(str(escape(markup))))


def paragraph(template: str, **values) -> Markup:
    """One paragraph: ``values`` (text, escaped; or :class:`Markup`, kept) filled into ``template`` (``{name}``).

    ``template`` is the package's own wording; empty when the filled-in paragraph is (a sentence that does not
    apply).
    """
    text = Markup(template).format(**values)
    return Markup("<p>{}</p>").format(text) if text.strip() else Markup()


def say(template: str, **values) -> None:
    """Show one paragraph (see :func:`paragraph`); nothing when it is empty."""
    text = paragraph(template, **values)
    if text:
        show_html(text)


def show_paragraph(markup: Markup | str) -> None:
    """Show one paragraph of :class:`Markup` made by the package (text that is not is escaped); nothing when empty."""
    if markup.strip():
        show_html(Markup("<p>{}</p>").format(markup))


def show_list(items, markup: bool = False, empty: str = "") -> None:
    """Show a bulleted list; ``empty`` when there are none.

    Items are text (escaped) unless they are :class:`Markup`; ``markup`` is kept for notebooks that say their
    items are markup, and changes nothing (text is never taken for markup).
    """
    items = list(items)
    if not items:
        if empty:
            say("{e}", e=empty)
        return
    show_html(Markup("<ul>{}</ul>").format(Markup().join(Markup("<li>{}</li>").format(item) for item in items)))


_PAGE_MARGIN_PX = 30
"""A screen is this much wider than the report's column (a 375 px phone has a column of 345 px)."""
_READABLE_PX = 9
"""The smallest text a screen may show; below it, a figure that has a narrow drawing shows that instead."""


def _svg_data(figure) -> str:
    buffer = io.BytesIO()
    if isinstance(figure.get_layout_engine(), PlaceHolderLayoutEngine):
        figure.set_layout_engine(None)  # laid out by tight_layout already: savefig need not draw it twice
    with plt.rc_context({"svg.fonttype": "none", "svg.hashsalt": "vsv", **TEXT_AS_WRITTEN}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(figure)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _narrowest_screen(figure) -> int:
    """The narrowest screen, in CSS pixels, on which the smallest text of ``figure`` is still :data:`_READABLE_PX`."""
    sizes = [text.get_fontsize() for text in figure.findobj(Text) if text.get_visible() and text.get_text().strip()]
    smallest_px = min(sizes, default=TEXT_PT) * 96 / 72
    return math.ceil(figure.get_figwidth() * 96 * _READABLE_PX / smallest_px + _PAGE_MARGIN_PX)


def figure_markup(chart: Chart, caption: str = "") -> Markup:
    """A chart as an embedded SVG image with its alternative text and caption (markup); closes the figure.

    A chart without a figure gives its sentence instead. SVG keeps text as
    text (sharp at any zoom, small files) and, inside an ``<img>``, can run no
    script; the data URI keeps the report one file. Text is drawn as written:
    mathtext is off (a ``$`` in a name is a dollar sign). A chart with a narrow
    drawing becomes a ``<picture>``: screens on which the wide drawing's text
    would be smaller than 9 px show the narrow one, without any script (paper
    always gets the wide one). A figure wider than A4 portrait allows is printed
    turned a quarter, at its own size, on a page of its own (``vsv-turn``: its size
    goes to the style sheet as ``--w`` and ``--h``).
    """
    if chart.figure is None:
        return Markup('<p class="vsv-empty">{}</p>').format(chart.alt)
    landscape = chart.figure.get_figwidth() > PRINT_INCHES
    narrow = Markup()
    if chart.narrow is not None:
        narrow = Markup('<source media="screen and (max-width: {}px)" srcset="{}" type="image/svg+xml">').format(
            _narrowest_screen(chart.figure) - 1, _svg_data(chart.narrow))
    image = Markup('<img src="{}" alt="{}">').format(_svg_data(chart.figure), chart.alt)
    if narrow:
        image = Markup("<picture>{}{}</picture>").format(narrow, image)
    if landscape:
        width, height = chart.figure.get_size_inches()
        image = Markup('<div class="vsv-turn" style="--w: {:.3f}in; --h: {:.3f}in">{}</div>').format(
            width, height, image)
    caption_markup = Markup("<figcaption>{}</figcaption>").format(caption) if caption else Markup()
    return Markup('<figure class="{}">{}{}</figure>').format(
        "vsv-figure vsv-figure-landscape" if landscape else "vsv-figure", image, caption_markup)


def show_figure(chart: Chart, caption: str = "") -> None:
    """Show a chart (see :func:`figure_markup`)."""
    show_html(figure_markup(chart, caption))


def _cell(value, is_numeric: bool, decimals: int) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if is_numeric:
        return number(value, decimals)
    return str(value)


_SHORT_CELL = 16
_ARTICLE_NAME = re.compile(r"'s-\S+")  # such as 's-Gravenhage


def _keep_together(text: str) -> Markup:
    """A cell's text, escaped; a short count ("1 van de 9", "2021-06") on one line, and a name such as
    's-Gravenhage not broken after "'s-". Short words ("lid van de regio") may wrap: kept whole, they would make
    a table of many columns wider than the page."""
    nowrap = Markup('<span class="vsv-nowrap">{}</span>')
    if len(text) <= _SHORT_CELL and any(char.isdigit() for char in text):
        return nowrap.format(text) if " " in text or "-" in text else escape(text)
    pieces, start = [], 0
    for match in _ARTICLE_NAME.finditer(text):
        pieces += [escape(text[start:match.start()]), nowrap.format(match.group(0))]
        start = match.end()
    return Markup().join([*pieces, escape(text[start:])])


def table_html(frame: pd.DataFrame, columns: dict[str, str], decimals: dict[str, int] | None = None,
               row_ids: str | None = None, wide: tuple[str, ...] = ()) -> Markup:
    """An escaped HTML table of ``columns`` (name → Dutch heading); numbers the Dutch way.

    ``row_ids`` names a column whose values become the rows' anchors
    (``vermelding-<value>``); columns in ``wide`` get room for long text.
    """
    decimals = decimals or {}
    numeric = {c: pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
               for c in columns}

    def css(column: str) -> str:
        return " ".join(filter(None, ["num" if numeric[column] else "", "wide" if column in wide else ""]))

    heads = Markup().join(Markup('<th scope="col" class="{}">{}</th>').format(css(c), h) for c, h in columns.items())
    body = []
    for index, row in enumerate(frame[list(columns)].itertuples(index=False)):
        anchor = (Markup(' id="vermelding-{}"').format(frame[row_ids].iloc[index]) if row_ids else Markup())
        texts = [(c, _cell(v, numeric[c], decimals.get(c, 0))) for c, v in zip(columns, row)]
        # "long": text that, on paper, may break inside a word, so that short words elsewhere stay whole
        cells = Markup().join(Markup('<td class="{}">{}</td>').format(
            " ".join(filter(None, [css(c), "long" if len(text) > _SHORT_CELL else ""])), _keep_together(text))
            for c, text in texts)
        body.append(Markup("<tr{}>{}</tr>").format(anchor, cells))
    # a box that scrolls sideways where the table is wider than the screen: reachable by keyboard, and named
    label = f"Tabel met de kolommen {listing(list(columns.values()))}"
    return Markup('<div class="vsv-table-wrap" tabindex="0" role="region" aria-label="{}"><table class="vsv-table">'
                  '<thead><tr>{}</tr></thead><tbody>{}</tbody></table></div>').format(label, heads, Markup().join(body))


TABLE_ROWS = 50
"""Rows a long table shows on the page; the whole table goes into a file beside it (see :func:`show_table`)."""
LIST_NAMES = 5
"""Names a cell that lists names shows on the page before it counts the rest."""


def _shorten_lists(frame: pd.DataFrame, lists: tuple[str, ...]) -> pd.DataFrame:
    """Cells of ``lists`` columns ("a; b; c; ...") cut to :data:`LIST_NAMES` names and the count of the rest."""
    def shorten(value):
        if not isinstance(value, str):
            return value
        names = value.split("; ")
        return value if len(names) <= LIST_NAMES + 1 else \
            "; ".join(names[:LIST_NAMES]) + f" en {number(len(names) - LIST_NAMES)} andere"

    return frame.assign(**{column: frame[column].map(shorten) for column in lists}) if lists else frame


def show_table(frame: pd.DataFrame, columns: dict[str, str], decimals: dict[str, int] | None = None,
               empty: str = "Er is niets om in deze tabel te zetten.", file: str = "",
               rows: str = "rijen", lists: tuple[str, ...] = (), **options) -> None:
    """Show ``frame`` as a table with Dutch headings (see :func:`table_html`), or ``empty`` when it has no rows.

    With a ``file`` name, a table longer than :data:`TABLE_ROWS` shows its first rows on the page, with a
    sentence saying so (``rows``: what the rows are, in Dutch, plural), and the whole table, with the
    same headings, goes into that CSV file for Excel beside the page (:func:`.files.offer_file`). Cells of the
    ``lists`` columns name at most :data:`LIST_NAMES` names on the page; the file has them all. A table with
    ``row_ids`` (mentions) shows first the rows the page links to, so that its links land on the page.
    """
    if frame.empty:
        show_html(Markup('<p class="vsv-empty">{}</p>').format(empty))
        return
    if file and len(frame) > TABLE_ROWS:
        from ..files.spreadsheet import write_csv
        from .files import offer_file

        whole = frame[list(columns)].rename(columns=columns)
        link = offer_file(file, lambda path: write_csv(whole, path, "excel-nl"), "CSV voor Excel")
        linked = frame[options["row_ids"]].isin(linked_mentions()) if options.get("row_ids") else None
        if linked is not None and linked.any():  # the rows this page links to first, so that every link lands
            keep = linked & (linked.cumsum() <= TABLE_ROWS)
            keep |= ~linked & ((~linked).cumsum() <= TABLE_ROWS - int(keep.sum()))
            which = (f"{number(int(keep.sum()))} van de {number(len(frame))} {rows}: die waar deze pagina naar "
                     "verwijst, en verder de eerste")
            frame = frame[keep]
        else:
            which = f"de eerste {TABLE_ROWS} van de {number(len(frame))} {rows}"
            frame = frame.head(TABLE_ROWS)
        show_html(Markup('<p class="vsv-table-note">Hieronder staan {}. De hele tabel staat in {}.</p>').format(
            which, link))
    show_html(table_html(_shorten_lists(frame, lists), columns, decimals, **options))


def analyst_details(summary: str, markup: Markup | str) -> None:
    """A collapsed part "Voor analisten" with technical detail a reader may skip; ``markup`` that is not
    :class:`Markup` is shown as text."""
    show_html(Markup('<details class="vsv-analysts"><summary>{}</summary>{}</details>').format(summary, markup))
