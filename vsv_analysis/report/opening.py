"""The summary's opening: for whom and from what it is written, what the evidence describes, where to read on."""

from __future__ import annotations

import pandas as pd

from ..common.dutch import NAMED_AT_MOST, capitalise, count, date_text, listing, number, of
from ..evidence.sources import source_year
from ..measures.coverage import municipalities_in
from ..network import initiative_nodes
from .answer import Markup
from .context import Report
from .prose import LIKELY, date_is_inferred, date_phrase

__all__ = ["about", "further_reading", "lead", "year_sentence"]


def lead(report: Report) -> Markup:
    """The opening paragraph: for whom, about which programme, from which sources, counted in which division and
    why that division (markup)."""
    data, programme = report.data, report.data.programme
    name = programme.name + (f" ({programme.short_name})" if programme.short_name else "")
    text = (Markup("Deze samenvatting is voor {}. Ze").format(programme.audience) if programme.audience else
            Markup("Deze samenvatting"))
    text += Markup(" beantwoordt zes vragen over de betrokkenheid van gemeenten bij {}. Elk antwoord is berekend "
                   "uit de gegevens.").format(name)
    sources = data.used_sources
    if len(sources):
        dated_by_year = len(sources) == 1 and bool(sources.iloc[0].get("date"))
        described = [_source_citation(row, with_date=not dated_by_year)
                     for _, row in sources.head(NAMED_AT_MOST + 1).iterrows()]
        if len(sources) > NAMED_AT_MOST + 1:
            described = [*described[:NAMED_AT_MOST],
                         Markup("en {} (onderaan, bij ‘Verantwoording’, staan ze allemaal)").format(
                             count(len(sources) - NAMED_AT_MOST, "andere bron", "andere bronnen"))]
        text += Markup(" {} {}.").format("De bron is" if len(sources) == 1 else "De bronnen zijn:",
                                         Markup("; ").join(described))
    text += Markup(" {}").format(year_sentence(report))
    if programme.commissioned_by:
        text += Markup(" De evaluatie is gedaan in opdracht van {}.").format(programme.commissioned_by)
    if data.as_of is not None:
        text += Markup(" Alleen bronnen tot en met {} tellen mee.").format(date_text(data.as_of.isoformat()))
        if len(data.excluded_sources):
            text += Markup(" {} niet meegenomen.").format(
                capitalise(count(len(data.excluded_sources), "bron is", "bronnen zijn")))
    return Markup('<p class="vsv-lead">{}</p>').format(text)


def year_sentence(report: Report) -> Markup:
    """Which division the municipalities are counted in and, when the sources are of another year, in one sentence
    why; then how many municipalities there were in the sources' year, when that differs (markup).

    Examples: "Het memo is vermoedelijk van 2021, maar we tellen de 56 gemeenten van 2026, omdat dat de nieuwste
    indeling in de gegevens is. In 2021 had Noord-Brabant nog 61 gemeenten."
    """
    data, reference = report.data, report.data.reference
    total, year = len(reference.municipalities), data.year
    sources = data.used_sources
    years = sorted({source_year(d) for d in sources["date"] if source_year(d) is not None}) if len(sources) else []
    counted = Markup("we tellen de {} gemeenten van {}").format(number(total), year)
    if not years or years == [year]:
        undated = (Markup("{} {} geen datum. ").format(report.Source, report.verb("heeft", "hebben"))
                   if len(sources) and not years else Markup())
        return undated + Markup("{} volgens de indeling van {}.").format(capitalise(counted), year)
    if len(sources) == 1:
        likely = f"{LIKELY} " if date_is_inferred(sources.iloc[0]) else ""
        when = Markup("{} is {}van {}").format(report.Source, likely, years[0])
    else:
        span = str(years[0]) if len(years) == 1 else f"{years[0]} tot {years[-1]}"
        when = Markup("De bronnen zijn van {}").format(span)
    why = ("omdat dat de nieuwste indeling in de gegevens is" if year == reference.latest_year else
           "omdat die indeling voor deze rapporten gekozen is")
    text = Markup("{}, maar {}, {}.").format(when, counted, why)
    earlier = [y for y in years if municipalities_in(data, y) != total]
    if len(earlier) == 1:
        then = municipalities_in(data, earlier[0])
        text += Markup(" In {} had {} {}{} gemeenten.").format(earlier[0], report.area,
                                                              "nog " if then > total else "", number(then))
    return text


def _source_citation(row: pd.Series, with_date: bool = True) -> Markup:
    details = [f"van {row['author']}" if row.get("author") else "", date_phrase(row) if with_date else ""]
    return Markup("<em>{}</em>").format(row["title"]) + Markup().join(Markup(", {}").format(d) for d in details if d)


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
    items = [Markup("<li>{} ({})</li>").format(name, vocabulary.label("kind", kind))
             for name, kind in zip(shown["initiative_name"], shown["kind"])]
    if len(shown) < len(data.initiatives):
        items.append(Markup("<li>en {}</li>").format(count(len(data.initiatives) - len(shown), "ander initiatief",
                                                            "andere initiatieven")))
    which = ("Het is:" if len(data.initiatives) == 1 else
             "Het zijn onder meer de grootste:" if len(shown) < len(data.initiatives) else "Het zijn:")
    text = Markup("{} {} {}: {}. {}").format(
        report.Source, report.verb("beschrijft", "beschrijven"), count(len(data.initiatives), "initiatief",
                                                                        "initiatieven"), listing(parts), which)
    after = (Markup("Bij {} staat minstens één gemeente bij naam.").format(of(with_names, len(data.initiatives)))
             if with_names else Markup("Bij geen van de initiatieven staat een gemeente bij naam."))
    counts = report.counts_phrase()
    if counts:
        after += Markup(" {}.").format(capitalise(counts))
    after += Markup(" Daaruit is een netwerk gemaakt. Het zegt welke gemeente bij welk initiatief hoort, en in welke "
                    "rol. De antwoorden hieronder rekenen met dat netwerk.")
    return Markup("<p>{}</p><ul>{}</ul><p>{}</p>").format(text, Markup().join(items), after)


def further_reading(current: str = "00_samenvatting") -> Markup:
    """The other reports, each with what it works out; links that still say what they are when broken (markup)."""
    from ..jupyter.catalogue import report_catalogue

    item = Markup('<li><a href="{0}.html">{1}</a> <span class="vsv-file">({0}.html)</span>: {2}</li>')
    items = Markup().join(item.format(e.stem, e.title, e.description) for e in report_catalogue() if e.stem != current)
    return Markup("<ul>{}</ul>").format(items)
