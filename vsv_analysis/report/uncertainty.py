"""Questions 5 and 6 of the summary: what the evidence leaves uncertain and why, and the evidence appendix.

:func:`uncertainty` lists counts given without names, names that cannot be
placed, reading choices marked as uncertain, regions and how they count, and
inferred or missing source dates; :func:`evidence_appendix` is the table of every
mention, with anchors the other answers link to.
"""

from __future__ import annotations

import pandas as pd

from ..common.dutch import NAMED_AT_MOST, OTHER_INITIATIVES, capitalise, count, date_text, number, percent, some
from ..evidence.interpretations import interpretation_for
from ..measures.coverage import bound_basis
from .answer import DATA, Answer, Markup
from .context import Report
from .datatext import labelled
from .prose import LIKELY, counted_when, date_is_inferred, date_phrase, evidence_note, mention_links

__all__ = ["bounds_sentence", "evidence_appendix", "source_documents", "uncertainty"]

EXAMPLES = 3
"""Initiatives an item of "Wat is onzeker?" names as examples of many; six items of eight names are a page."""



def _count_item(report: Report, row) -> Markup:
    data = report.data
    source = data.sources.set_index("source_id").loc[row.source_id]
    role = data.vocabulary.label("role", row.reported_municipalities_role, plural=True)
    return Markup("<strong>{}</strong>: {} ({}), {}. {} zegt niet welke. Ze tellen alleen mee in de onder- en "
                  "bovengrens.").format(row.initiative_name, count(row.reported_municipalities, "gemeente",
                                                                   "gemeenten"),
                                        role, counted_when(report, row.source_id),
                                        capitalise(source.get("referred_to_as") or "de bron"))


def bounds_sentence(report: Report, coverage: pd.DataFrame) -> Markup:
    """The range the counts without names allow, with what it rests on in the same sentence: "Tellen we één aantal
    zonder namen mee, 57 gemeenten bij X, dan zijn het er 52 tot 56 van de 56 (93% tot 100%)." (markup).

    ``coverage`` is :func:`~vsv_analysis.measures.coverage.coverage_table`. Never bold: the range is a reading
    of one or a few numbers, not a finding by name.
    """
    data = report.data
    province = coverage[coverage["scope_kind"] == "province"].set_index("scenario")
    low, high = province.loc["counts_lower"], province.loc["counts_upper"]
    basis = bound_basis(data, int(province.loc["named", "reached"]))
    counts = data.initiatives.set_index("initiative_id")
    numbers = [f"{count(int(counts.loc[i, 'reported_municipalities']), 'gemeente', 'gemeenten')} bij "
               f"{counts.loc[i, 'initiative_name']}" for i in basis]
    which = (Markup("één aantal zonder namen mee, {},").format(numbers[0]) if len(basis) == 1 else
             Markup("de aantallen zonder namen bij {} mee ({}),").format(
                 count(len(basis), "initiatief", "initiatieven"), some(numbers, OTHER_INITIATIVES, EXAMPLES)))
    span = (number(low["reached"]) if low["reached"] == high["reached"] else
            f"{number(low['reached'])} tot {number(high['reached'])}")
    shares = (percent(low["share_pct"], 0) if low["reached"] == high["reached"] else
              f"{percent(low['share_pct'], 0)} tot {percent(high['share_pct'], 0)}")
    return Markup("Tellen we {} dan zijn het er {} van de {} ({}).").format(which, span, number(low["total"]), shares)


def _links(mention_ids) -> Markup:
    return (Markup(' <span class="vsv-evidence">({})</span>').format(mention_links(mention_ids)) if len(mention_ids)
            else Markup())


def _where(initiatives: list[str]) -> str:
    """ "Pilot X" for one initiative, "bij 3 initiatieven: A, B en C", "bij 31 initiatieven, zoals A, B, C en 28
    andere initiatieven" for more (text, escaped where it is used)."""
    names = list(dict.fromkeys(initiatives))
    if len(names) == 1:
        return names[0]
    which = ", zoals " if len(names) > EXAMPLES + 1 else ": "
    return f"bij {count(len(names), 'initiatief', 'initiatieven')}{which}{some(names, OTHER_INITIATIVES, EXAMPLES)}"


def _counts_items(report: Report, counted: pd.DataFrame) -> list[Markup]:
    """One item per initiative with a count without names; one item for all of them when there are many."""
    if len(counted) <= NAMED_AT_MOST + 1:
        return [_count_item(report, row) for row in counted.itertuples()]
    examples = some([f"{row.initiative_name} ({count(row.reported_municipalities, 'gemeente', 'gemeenten')})"
                     for row in counted.sort_values("reported_municipalities", ascending=False,
                                                    kind="stable").itertuples()], OTHER_INITIATIVES, EXAMPLES)
    return [Markup("<strong>Aantallen zonder namen</strong>: bij {} {} {} een aantal gemeenten zonder te zeggen "
                   "welke, zoals bij {}. Ze tellen alleen mee in de onder- en bovengrens.").format(
        count(len(counted), "initiatief", "initiatieven"), report.verb("noemt", "noemen"), report.source, examples)]


def _grouped(rows: pd.DataFrame, key: str) -> list[tuple[str, pd.DataFrame]]:
    """The rows per value of ``key`` (a name), in order of first appearance."""
    return [(name, rows[rows[key] == name]) for name in dict.fromkeys(rows[key])]


def uncertainty(report: Report) -> Answer:
    """Question 5: what the evidence leaves open, each with why: counts without names, names that cannot be
    placed, and the reading choices marked as uncertainties (regions, examples), inferred and missing dates.

    A name that comes back at many initiatives is one item, with the initiatives counted, so that the list
    grows with the kinds of uncertainty, not with the size of the evidence.
    """
    data, items, mentions, covered = report.data, [], [], set()
    interpretations = data.interpretations
    counted = data.initiatives.dropna(subset=["reported_municipalities"])
    items += _counts_items(report, counted)
    covered |= {i for i, ids, initiative in zip(interpretations.index, interpretations["mention_ids"],
                                                interpretations["initiative_id"])
                if not ids and initiative in set(counted["initiative_id"])}
    unresolved = data.unresolved().drop_duplicates("mention_id")
    for name, rows in _grouped(unresolved, "name_as_written"):
        match = interpretation_for(interpretations, rows["mention_id"].iloc[0])
        reason = match["explanation"] if match is not None else "Deze naam hoort bij geen bekende gemeente of regio."
        if match is not None:
            covered.add(match.name)
        items.append(Markup("<strong>{}</strong> ({}): niet aan een gemeente te koppelen. {}{}").format(
            name, _where(list(rows["initiative_name"])), reason, _links(list(rows["mention_id"]))))
        mentions.extend(rows["mention_id"])
    for index, row in interpretations.iterrows():
        if not row["is_uncertain"] or index in covered:
            continue
        links = _links(row["mention_ids"])
        items.append(Markup("<strong>{}</strong>: {}{}").format(row["topic"], row["explanation"], links))
        mentions.extend(row["mention_ids"])
    regions = data.involvements[(data.involvements["party_kind"] == "region")
                                & (data.involvements["is_resolved"] == True)].drop_duplicates("mention_id")  # noqa: E712
    regions = regions[regions["mention_id"].map(lambda m: interpretation_for(interpretations, m) is None)
                      .astype(bool)]
    for (name, expand), rows in regions.groupby(["name_as_written", "expand_to_members"], sort=False):
        reason = ("De regio telt alleen mee als de hele regio meetelt; dat is een bovengrens."
                  if expand else "De regio telt niet mee voor afzonderlijke gemeenten.")
        items.append(Markup("<strong>{}</strong> ({}): {}").format(name, _where(list(rows["initiative_name"])),
                                                                  reason))
        mentions.extend(rows["mention_id"])
    items += _date_items(data)
    if data.as_of is not None and len(data.excluded_sources):
        sources = data.sources.set_index("source_id")
        left_out = some([f"{title} ({date_phrase(sources.loc[i])})" for i, title in
                         zip(data.excluded_sources["source_id"], data.excluded_sources["title"])],
                        ("andere bron", "andere bronnen"))
        items.append(Markup("Alleen bronnen tot en met {} tellen mee; niet meegenomen: {}.").format(
            date_text(data.as_of.isoformat()), left_out))
    paragraphs = [] if items else [Markup("{} {} geen aantallen zonder namen, onbekende namen of regio's open.").format(
        report.Source, report.verb("laat", "laten"))]
    return Answer(paragraphs, evidence_note(report, mentions, counted["initiative_id"],
                                            [(DATA, "Keuzes bij het lezen")]), items=items)


def _date_items(data) -> list[Markup]:
    """Sources whose date is inferred or missing: one item each, or one for all when there are many."""
    inferred = [source for _, source in data.used_sources.iterrows() if source.get("date") and date_is_inferred(source)]
    undated = [source for _, source in data.used_sources.iterrows() if not source.get("date")]
    if len(inferred) + len(undated) > NAMED_AT_MOST + 1:
        items = []
        for sources, what in ((inferred, "hebben zelf geen datum; de datum is afgeleid"),
                              (undated, "hebben geen datum")):
            if sources:
                titles = some([s["title"] for s in sources], ("andere bron", "andere bronnen"))
                items.append(Markup("{} {}: {}.").format(count(len(sources), "bron", "bronnen"), what, titles))
        return items
    items = []
    for source in inferred:
        basis = source.get("date_basis") or ""
        if basis:  # the basis says why the date is inferred (that the source names none, to begin with)
            items.append(Markup("<strong>{}</strong> is {} van {}. {}").format(
                source["title"], LIKELY, date_text(source["date"]), basis))
        else:
            items.append(Markup("<strong>{}</strong> noemt zelf geen datum; het is {} van {}.").format(
                source["title"], LIKELY, date_text(source["date"])))
    items += [Markup("<strong>{}</strong> heeft geen datum.").format(source["title"]) for source in undated]
    return items


def evidence_appendix(report: Report) -> pd.DataFrame:
    """Every mention the report rests on, one row each, for the appendix (anchors ``vermelding-<id>``)."""
    rows = report.data.involvements
    if rows.empty:
        return rows.assign(herleid_tot="", onderdeel="", rol="", soort_partij="")
    table = report.data.mentions()[["mention_id", "initiative_name", "source_section", "name_as_written",
                                    "party_kind", "role", "source_id", "resolves_to"]]
    table = labelled(table.rename(columns={"resolves_to": "herleid_tot"}), report)
    headings = (report.data.initiatives.set_index("initiative_name")["source_heading"]
                if "source_heading" in report.data.initiatives else pd.Series(dtype=object))
    table["onderdeel"] = [f"{section}. {headings.get(name, '')}".rstrip(". ") if section else headings.get(name, "")
                          for section, name in zip(table["source_section"], table["initiative_name"])]
    return table



def source_documents(report: Report) -> Markup:
    """Question 6: the source documents themselves, where the data folder holds them (``sources.csv``, column
    ``file``), each copied beside the page and linked, so that the link works offline (markup, for
    :func:`~vsv_analysis.report.show_html`; empty when there are none). Every document is copied; the text names
    a few and counts the rest."""
    import shutil

    from ..evidence.documents import document_kind, document_path
    from .files import offer_file

    data = report.data
    documents, taken = [], set()
    for _, row in data.used_sources.iterrows():
        if not row.get("file"):
            continue
        path = document_path(data.data_dir, row["file"])
        name = path.name if path.name not in taken else f"{row['source_id']}-{path.name}"
        taken.add(name)
        link = offer_file(name, lambda target, path=path: shutil.copyfile(path, target), document_kind(name))
        documents.append((capitalise(row.get("referred_to_as") or row["title"]), link))
    if not documents:
        return Markup()
    if len(documents) == 1:
        return Markup("<p>{} zelf staat naast deze samenvatting, in {}.</p>").format(*documents[0])
    shown = documents if len(documents) <= NAMED_AT_MOST + 1 else documents[:NAMED_AT_MOST]
    items = [Markup("<li>{}: {}</li>").format(*document) for document in shown]
    if len(shown) < len(documents):
        items.append(Markup("<li>en {}, in dezelfde map</li>").format(
            count(len(documents) - len(shown), "ander document", "andere documenten")))
    return Markup("<p>De bronnen zelf staan naast deze samenvatting:</p><ul>{}</ul>").format(Markup().join(items))
