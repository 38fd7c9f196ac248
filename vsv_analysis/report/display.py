"""Showing things in a report: paragraphs, lists, tables and figures, with every data value escaped.

Templates and markup made by the package are trusted; every value from the data
is HTML-escaped on the way in, so a name typed as ``<script>`` shows as text.
An empty table or a figure with nothing to draw is replaced by a sentence that
says so: a reader never meets a table with only a header or an empty chart.
"""

from __future__ import annotations

import base64
import html
import io
import re

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, display
from matplotlib.layout_engine import PlaceHolderLayoutEngine

from ..common.dutch import number
from ..figures import Chart

__all__ = ["LIST_NAMES", "TABLE_ROWS", "analyst_details", "figure_markup", "say", "show_figure", "show_html",
           "show_list", "show_paragraph", "show_table", "table_html"]


def show_html(markup: str) -> None:
    """Show markup made by the package (values in it already escaped)."""
    display(HTML(markup))


def say(template: str, **values) -> None:
    """Show one paragraph; ``values`` are escaped and filled into ``template`` (``{name}``).

    Nothing is shown when the filled-in paragraph is empty (a sentence that does not apply).
    """
    text = template.format(**{k: html.escape(str(v)) for k, v in values.items()})
    if not text.strip():
        return
    show_html("<p>" + text + "</p>")


def show_paragraph(markup: str) -> None:
    """Show one paragraph of markup made by the package (values in it already escaped); nothing when empty."""
    if markup.strip():
        show_html(f"<p>{markup}</p>")


def show_list(items, markup: bool = False, empty: str = "") -> None:
    """Show a bulleted list; items are plain text (escaped) unless ``markup``; ``empty`` when there are none."""
    items = list(items)
    if not items:
        if empty:
            say("{e}", e=empty)
        return
    show_html("<ul>" + "".join(f"<li>{item if markup else html.escape(str(item))}</li>" for item in items) + "</ul>")


def figure_markup(chart: Chart, caption: str = "") -> str:
    """A chart as an embedded SVG image with its alternative text and caption (markup); closes the figure.

    A chart without a figure gives its sentence instead. SVG keeps text as
    text (sharp at any zoom, small files) and, inside an ``<img>``, can run no
    script; the data URI keeps the report one file.
    """
    if chart.figure is None:
        return f'<p class="vsv-empty">{html.escape(chart.alt)}</p>'
    buffer = io.BytesIO()
    if isinstance(chart.figure.get_layout_engine(), PlaceHolderLayoutEngine):
        chart.figure.set_layout_engine(None)  # laid out by tight_layout already: savefig need not draw it twice
    with plt.rc_context({"svg.fonttype": "none", "svg.hashsalt": "vsv"}):
        chart.figure.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(chart.figure)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    caption_markup = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
    return (f'<figure class="vsv-figure"><div class="vsv-figure-wrap"><img src="data:image/svg+xml;base64,{data}" '
            f'alt="{html.escape(chart.alt)}"></div>{caption_markup}</figure>')


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


def _keep_together(text: str) -> str:
    """Keep short cells ("1 van de 9") on one line, and a name such as 's-Gravenhage from breaking after "'s-"."""
    if len(html.unescape(text)) <= 16:
        return f'<span class="vsv-nowrap">{text}</span>' if " " in text or "-" in text else text
    return re.sub(r"&#x27;s-[^\s<]+", lambda m: f'<span class="vsv-nowrap">{m.group(0)}</span>', text)


def table_html(frame: pd.DataFrame, columns: dict[str, str], decimals: dict[str, int] | None = None,
               row_ids: str | None = None, wide: tuple[str, ...] = ()) -> str:
    """An escaped HTML table of ``columns`` (name → Dutch heading); numbers the Dutch way.

    ``row_ids`` names a column whose values become the rows' anchors
    (``vermelding-<value>``); columns in ``wide`` get room for long text.
    """
    decimals = decimals or {}
    numeric = {c: pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
               for c in columns}

    def css(column: str) -> str:
        return " ".join(filter(None, ["num" if numeric[column] else "", "wide" if column in wide else ""]))

    heads = "".join(f'<th scope="col" class="{css(c)}">{html.escape(h)}</th>' for c, h in columns.items())
    body = []
    for index, row in enumerate(frame[list(columns)].itertuples(index=False)):
        anchor = (f' id="vermelding-{html.escape(str(frame[row_ids].iloc[index]))}"' if row_ids else "")
        cells = "".join(f'<td class="{css(c)}">{_keep_together(html.escape(_cell(v, numeric[c], decimals.get(c, 0))))}'
                        f'</td>' for c, v in zip(columns, row))
        body.append(f"<tr{anchor}>{cells}</tr>")
    return (f'<div class="vsv-table-wrap"><table class="vsv-table"><thead><tr>{heads}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>')


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
        show_html(f'<p class="vsv-empty">{html.escape(empty)}</p>')
        return
    if file and len(frame) > TABLE_ROWS:
        from ..files.spreadsheet import write_csv
        from .files import offer_file
        from .prose import linked_mentions

        whole = frame[list(columns)].rename(columns=columns)
        link = offer_file(file, lambda path: write_csv(whole, path, "excel-nl"), "CSV voor Excel")
        linked = frame[options["row_ids"]].isin(linked_mentions()) if options.get("row_ids") else None
        if linked is not None and linked.any():  # the rows this page links to first, so that every link lands
            keep = linked & (linked.cumsum() <= TABLE_ROWS)
            keep |= ~linked & ((~linked).cumsum() <= TABLE_ROWS - int(keep.sum()))
            which = f"{number(int(keep.sum()))} van de {number(len(frame))} {html.escape(rows)}: die waar deze " \
                    "pagina naar verwijst, en verder de eerste"
            frame = frame[keep]
        else:
            which = f"de eerste {TABLE_ROWS} van de {number(len(frame))} {html.escape(rows)}"
            frame = frame.head(TABLE_ROWS)
        show_html(f'<p class="vsv-table-note">Hieronder staan {which}. De hele tabel staat in {link}.</p>')
    show_html(table_html(_shorten_lists(frame, lists), columns, decimals, **options))


def analyst_details(summary: str, markup: str) -> None:
    """A collapsed part "Voor analisten" with technical detail a reader may skip; ``markup`` is trusted."""
    show_html(f'<details class="vsv-analysts"><summary>{html.escape(summary)}</summary>{markup}</details>')
