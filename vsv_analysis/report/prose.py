"""Dutch phrases about the evidence: its sources, their dates, and references a reader can follow.

Everything here is made from the data: titles, authors and dates come from
``sources.csv``, sections from ``initiatives.csv``, and the mention ids link to
the evidence appendix of the same page (anchors ``vermelding-<id>``).
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pandas as pd
from markupsafe import Markup

from ..common.dutch import capitalise, date_text, number, some
from ..files.csvfiles import TRUE_WORDS
from .answer import markup_listing
from .context import Report
from .pagelinks import note_link

__all__ = [
    "anchor",
    "LIKELY",
    "caption",
    "counted_when",
    "date_is_inferred",
    "date_phrase",
    "evidence_note",
    "mention_links",
    "report_link",
    "source_line",
]


def anchor(heading: str) -> str:
    """The id nbconvert gives a markdown heading, so other pages can link to it."""
    return quote(heading.replace(" ", "-"), safe="?/:@!$&'()*+,;=")


def date_is_inferred(source: pd.Series) -> bool:
    """Whether ``sources.csv`` says the source's date is inferred, not written in it (the yes-words of the checks)."""
    return str(source.get("date_is_inferred", "")).casefold() in TRUE_WORDS


def date_phrase(source: pd.Series) -> str:
    """A source's date in Dutch: "1 maart 2023", "vermoedelijk 2021 (datum afgeleid)" or "zonder datum"."""
    if not source.get("date"):
        return "zonder datum"
    text = date_text(source["date"])
    return f"{LIKELY} {text} (datum afgeleid)" if date_is_inferred(source) else text


LIKELY = "vermoedelijk"
"""The one word for a date (and so a year) the source does not give but the evaluator inferred."""


def counted_when(report: Report, source_id: str) -> str:
    """When a source counted its municipalities, in the division of that year: "vermoedelijk geteld in 2021, toen
    Noord-Brabant 61 gemeenten had" (an inferred date), "geteld in 2024, toen …", or, undated, that the division
    is not known. The same words on every page that says it."""
    from ..measures.coverage import count_year, municipalities_in

    data = report.data
    year = count_year(data, source_id)
    if year is None:
        return "zonder datum, dus het is niet bekend in welke gemeentelijke indeling is geteld"
    sources = data.sources.set_index("source_id")
    likely = f"{LIKELY} " if source_id in sources.index and date_is_inferred(sources.loc[source_id]) else ""
    return f"{likely}geteld in {year}, toen {report.area} {municipalities_in(data, year)} gemeenten had"


def source_line(source: pd.Series) -> str:
    """A source as a reader cites it, in short sentences: "Title, van author. Vermoedelijk 2021 (datum afgeleid)."."""
    title = source["title"] + (f", van {source['author']}" if source.get("author") else "")
    return f"{title}. {capitalise(date_phrase(source))}."


def caption(report: Report, uses_population: bool = False) -> str:
    """The source line under a figure: the evidence it rests on and, where used, the CBS population."""
    sources = report.data.used_sources
    text = "Bron: " + ("; ".join(f"{row['title']}, {date_phrase(row)}" for _, row in sources.iterrows())
                       if len(sources) else "geen bronnen")
    if uses_population:
        text += f"; inwoners: CBS, peildatum {date_text(report.data.reference.population_date)}"
    return text + "."


def _id_ranges(ids: list[str]) -> list[tuple[str, str]]:
    """Consecutive ids (same prefix, numbers one apart) merged into (first, last) runs."""
    runs: list[list[str]] = []
    for mention in ids:
        match = re.fullmatch(r"(.*?)(\d+)", mention)
        if runs and match:
            last = re.fullmatch(r"(.*?)(\d+)", runs[-1][-1])
            if last and last.group(1) == match.group(1) and int(match.group(2)) == int(last.group(2)) + 1:
                runs[-1].append(mention)
                continue
        runs.append([mention])
    return [(run[0], run[-1]) for run in runs]


def _sort_key(mention: str):
    match = re.fullmatch(r"(.*?)(\d+)", mention)
    return (match.group(1), int(match.group(2)), mention) if match else (mention, 0, mention)


MENTION_RUNS = 8
"""Runs of mention ids ("M08–M10") an evidence line links to before it counts the rest."""


def mention_links(ids, limit: int = MENTION_RUNS) -> Markup:
    """Mention ids as links to the evidence appendix ("M08–M10, M25"), the first ``limit`` runs of them, and the
    rest counted ("en 4.990 andere"); markup."""
    ordered = sorted(set(ids), key=_sort_key)
    runs = _id_ranges(ordered)
    links = []
    for first, last in runs[:limit]:
        note_link(first)
        text = first if first == last else f"{first}–{last}"
        links.append(Markup('<a href="#vermelding-{}">{}</a>').format(first, text))
    if len(runs) > limit:
        shown = sum(ordered.index(last) - ordered.index(first) + 1 for first, last in runs[:limit])
        return Markup(", ").join(links) + Markup(" en {} andere").format(number(len(ordered) - shown))
    return Markup(", ").join(links)


def _sections(report: Report, mention_ids, initiative_ids) -> str:
    """ "het memo, onderdelen 2, 4 en 8" for the evidence behind a finding."""
    data = report.data
    mentions = data.involvements[data.involvements["mention_id"].isin(set(mention_ids))]
    rows = data.initiatives[data.initiatives["initiative_id"].isin(set(initiative_ids) |
                                                                   set(mentions["initiative_id"]))]
    parts, sources = [], data.sources.set_index("source_id")
    for source_id, group in rows.groupby("source_id", sort=False):
        source = sources.loc[source_id]
        name = source.get("referred_to_as") or source["title"]
        sections = sorted({s for s in group["source_section"] if s}, key=lambda s: (len(s), s))
        if sections:
            parts.append(f"{name}, {'onderdeel' if len(sections) == 1 else 'onderdelen'} "
                         f"{some(sections, ('ander', 'andere'))}")
        else:
            parts.append(name)
    return "; ".join(parts)


def report_link(stem: str, section: str = "") -> Markup:
    """A link to another report that says what it points to, also when the file is not at hand; markup."""
    from ..jupyter.catalogue import report_title

    title = report_title(stem)
    target = f"{stem}.html" + (f"#{anchor(section)}" if section else "")
    text = f"het rapport ‘{title}’" + (f", deel ‘{section}’" if section else "")
    return Markup('<a href="{}">{}</a> <span class="vsv-file">({}.html)</span>').format(target, text, stem)


def evidence_note(report: Report, mention_ids=(), initiative_ids=(),
                  worked_out: list[tuple[str, str]] = ()) -> Markup:
    """The line under a finding: which passages it rests on, and where it is worked out; markup.

    ``worked_out`` holds ``(report stem, section heading)`` pairs.
    """
    parts = []
    where = _sections(report, mention_ids, initiative_ids)
    if where:
        parts.append(Markup("Bron: {}").format(where))
    if len(mention_ids):
        noun = "vermelding" if len(set(mention_ids)) == 1 else "vermeldingen"
        parts.append(Markup("{} {} (zie de bijlage)").format(noun, mention_links(mention_ids)))
    if worked_out:
        parts.append(Markup("uitgewerkt in {}").format(markup_listing(report_link(*item) for item in worked_out)))
    if not parts:
        return Markup()
    text = Markup("; ").join(parts)
    return Markup('<p class="vsv-evidence">{}.</p>').format(Markup(capitalise(text)))
