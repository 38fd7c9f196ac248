"""The summary's opening: for whom and from what it is written, what the evidence describes, where to read on."""

from __future__ import annotations

import pandas as pd

from ..common.dutch import NAMED_AT_MOST, count, date_text, listing, number, of, some
from ..network import initiative_nodes
from .answer import Markup
from .context import Report
from .prose import date_phrase

__all__ = ["about", "further_reading", "lead"]


def lead(report: Report) -> Markup:
    """The opening paragraph: for whom, about which programme, from which sources, counted how (markup)."""
    data, programme = report.data, report.data.programme
    name = programme.name + (f" ({programme.short_name})" if programme.short_name else "")
    questions = Markup("zes vragen over de betrokkenheid van gemeenten bij {}, elk berekend uit de "
                       "gegevens.").format(name)
    if programme.audience:
        text = Markup("Deze samenvatting is geschreven voor {}. Zij beantwoordt {}").format(programme.audience,
                                                                                         questions)
    else:  # no audience in programme.yaml: the sentence that would name it is left out, not left half
        text = Markup("Deze samenvatting beantwoordt {}").format(questions)
    sources = data.used_sources
    if len(sources):
        described = [_source_citation(row) for _, row in sources.head(NAMED_AT_MOST + 1).iterrows()]
        if len(sources) > NAMED_AT_MOST + 1:
            described = [*described[:NAMED_AT_MOST],
                         Markup("en {} (onderaan, bij ‘Verantwoording’, staan ze allemaal)").format(
                             count(len(sources) - NAMED_AT_MOST, "andere bron", "andere bronnen"))]
        text += Markup(" {}: {}.").format("De bron is" if len(sources) == 1 else "De bronnen zijn",
                                          Markup("; ").join(described))
    text += Markup(" Gemeenten zijn geteld volgens de {}.").format(report.division)
    if programme.commissioned_by:
        text += Markup(" De evaluatie is gedaan in opdracht van {}.").format(programme.commissioned_by)
    if data.as_of is not None:
        left_out = (f"; {count(len(data.excluded_sources), 'bron is', 'bronnen zijn')} niet meegenomen."
                    if len(data.excluded_sources) else ".")
        text += Markup(" Alleen bronnen van tot en met {} tellen mee{}").format(date_text(data.as_of.isoformat()),
                                                                              left_out)
    return Markup('<p class="vsv-lead">{}</p>').format(text)


def _source_citation(row: pd.Series) -> Markup:
    details = ", ".join(filter(None, [f"van {row['author']}" if row.get("author") else "", date_phrase(row)]))
    return Markup("<em>{}</em>, {}").format(row["title"], details)


def about(report: Report) -> Markup:
    """What the evidence describes: the initiatives by kind, and how many name municipalities (markup)."""
    data, G = report.data, report.graph
    if data.initiatives.empty:
        return Markup("<p>{} {} (nog) geen initiatieven; er is dus niets om te tellen.</p>").format(
            report.Source, report.verb("beschrijft", "beschrijven"))
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
    text = Markup("{} {} {}: {}. {} {}. ").format(
        report.Source, report.verb("beschrijft", "beschrijven"), count(len(data.initiatives), "initiatief",
                                                                        "initiatieven"),
        listing(parts), "Het is" if len(data.initiatives) == 1 else "Het zijn", named)
    text += (Markup("Bij {} staat minstens één gemeente bij naam").format(of(with_names, len(data.initiatives)))
             if with_names else Markup("Bij geen van de initiatieven staat een gemeente bij naam"))
    counts = report.counts_phrase()
    text += Markup("; {}.").format(counts) if counts else Markup(".")
    text += Markup(" Daaruit is een netwerk gemaakt: welke gemeente bij welk initiatief hoort, en in welke rol. De "
                   "antwoorden hieronder rekenen met dat netwerk.")
    return Markup("<p>{}</p>").format(text)


def further_reading(current: str = "00_samenvatting") -> Markup:
    """The other reports, each with what it works out; links that still say what they are when broken (markup)."""
    from ..jupyter.catalogue import report_catalogue

    item = Markup('<li><a href="{0}.html">{1}</a> <span class="vsv-file">({0}.html)</span>: {2}</li>')
    items = Markup().join(item.format(e.stem, e.title, e.description) for e in report_catalogue() if e.stem != current)
    return Markup("<ul>{}</ul>").format(items)
