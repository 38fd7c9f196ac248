"""The summary's opening: for whom and from what it is written, what the evidence describes, where to read on."""

from __future__ import annotations

import pandas as pd

from ..common.dutch import NAMED_AT_MOST, count, date_text, listing, number, of, some
from ..network import initiative_nodes
from .answer import escape as _e
from .context import Report
from .prose import date_phrase

__all__ = ["about", "further_reading", "lead"]


def lead(report: Report) -> str:
    """The opening paragraph: for whom, about which programme, from which sources, counted how (markup)."""
    data, programme = report.data, report.data.programme
    name = _e(programme.name) + (f" ({_e(programme.short_name)})" if programme.short_name else "")
    audience = f" voor {_e(programme.audience)}" if programme.audience else ""
    text = (f"Deze samenvatting is geschreven{audience}. Zij beantwoordt zes vragen over de betrokkenheid van "
            f"gemeenten bij {name}, elk berekend uit de gegevens.")
    sources = data.used_sources
    if len(sources):
        described = [_source_citation(row) for _, row in sources.head(NAMED_AT_MOST + 1).iterrows()]
        if len(sources) > NAMED_AT_MOST + 1:
            described = [*described[:NAMED_AT_MOST],
                         f"en {count(len(sources) - NAMED_AT_MOST, 'andere bron', 'andere bronnen')} (onderaan, bij "
                         "‘Verantwoording’, staan ze allemaal)"]
        text += f" {'De bron is' if len(sources) == 1 else 'De bronnen zijn'}: " + "; ".join(described) + "."
    text += f" Gemeenten zijn geteld volgens de {_e(report.division)}."
    if programme.commissioned_by:
        text += f" De evaluatie is gedaan in opdracht van {_e(programme.commissioned_by)}."
    if data.as_of is not None:
        text += (f" Alleen bronnen van tot en met {_e(date_text(data.as_of.isoformat()))} tellen mee"
                 + (f"; {count(len(data.excluded_sources), 'bron is', 'bronnen zijn')} niet meegenomen."
                    if len(data.excluded_sources) else "."))
    return f'<p class="vsv-lead">{text}</p>'


def _source_citation(row: pd.Series) -> str:
    details = ", ".join(filter(None, [f"van {row['author']}" if row.get("author") else "", date_phrase(row)]))
    return f"<em>{_e(row['title'])}</em>, {_e(details)}"


def about(report: Report) -> str:
    """What the evidence describes: the initiatives by kind, and how many name municipalities (markup)."""
    data, G = report.data, report.graph
    if data.initiatives.empty:
        return (f"<p>{_e(report.Source)} {report.verb('beschrijft', 'beschrijven')} (nog) geen initiatieven; er is "
                "dus niets om te tellen.</p>")
    vocabulary = data.vocabulary
    kinds = data.initiatives["kind"].value_counts()
    parts = [f"{number(n)} {vocabulary.label('kind', k, plural=n > 1)}" for k, n in
             sorted(kinds.items(), key=lambda item: vocabulary.values("kind").index(item[0]))]
    with_names = sum(1 for n in initiative_nodes(G) if G.degree(n) > 0)
    shown = data.initiatives
    if len(shown) > NAMED_AT_MOST + 1:  # the largest by name, in the order of the sources
        largest = sorted(range(len(shown)), key=lambda i: -G.degree(shown["initiative_id"].iloc[i]))[:NAMED_AT_MOST]
        shown = shown.iloc[sorted(largest)]
    named = some([f"{name} ({vocabulary.label('kind', kind)})" for name, kind in
                  zip(shown["initiative_name"], shown["kind"])] + [""] * (len(data.initiatives) - len(shown)),
                 ("ander initiatief", "andere initiatieven"))
    if len(shown) < len(data.initiatives):
        named = "onder meer de grootste: " + named
    text = (f"{_e(report.Source)} {report.verb('beschrijft', 'beschrijven')} "
            f"{count(len(data.initiatives), 'initiatief', 'initiatieven')}: {_e(listing(parts))}. "
            f"{'Het is' if len(data.initiatives) == 1 else 'Het zijn'} {_e(named)}. ")
    text += (f"Bij {of(with_names, len(data.initiatives))} staat minstens één gemeente bij naam" if with_names
             else "Bij geen van de initiatieven staat een gemeente bij naam")
    counts = report.counts_phrase()
    text += f"; {_e(counts)}." if counts else "."
    text += (" Daaruit is een netwerk gemaakt: welke gemeente bij welk initiatief hoort, en in welke rol. De "
             "antwoorden hieronder rekenen met dat netwerk.")
    return f"<p>{text}</p>"


def further_reading(current: str = "00_samenvatting") -> str:
    """The other reports, each with what it works out; links that still say what they are when broken (markup)."""
    from ..jupyter.catalogue import report_catalogue

    items = [f'<li><a href="{_e(e.stem)}.html">{_e(e.title)}</a> ({_e(e.stem)}.html): {_e(e.description)}</li>'
             for e in report_catalogue() if e.stem != current]
    return "<ul>" + "".join(items) + "</ul>"
