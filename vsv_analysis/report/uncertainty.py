"""Questions 5 and 6 of the summary: what the evidence leaves uncertain and why, and the evidence appendix.

:func:`uncertainty` lists counts given without names, names that cannot be
placed, reading choices marked as uncertain, regions and how they count, and
inferred or missing source dates; :func:`evidence_appendix` is the table of every
mention, with anchors the other answers link to.
"""

from __future__ import annotations

import pandas as pd

from ..common.dutch import count, date_text, listing
from ..evidence.interpretations import interpretation_for
from ..measures.coverage import count_year, municipalities_in
from .answer import DATA, Answer, Markup
from .context import Report
from .datatext import labelled
from .prose import date_is_inferred, date_phrase, evidence_note, mention_links

__all__ = ["evidence_appendix", "uncertainty"]


def _count_item(report: Report, row) -> Markup:
    data = report.data
    year = count_year(data, row.source_id)
    source = data.sources.set_index("source_id").loc[row.source_id]
    guessed = "vermoedelijk " if date_is_inferred(source) else ""
    when = (f"{guessed}geteld in {year}, toen {report.area} {municipalities_in(data, year)} gemeenten had"
            if year is not None else "de bron heeft geen datum, dus het is niet bekend in welke gemeentelijke "
                                     "indeling is geteld")
    role = data.vocabulary.label("role", row.reported_municipalities_role, plural=True)
    return Markup("<strong>{}</strong>: {} ({}); {} zegt niet welke ({}). Ze tellen alleen mee in de onder- en "
                  "bovengrens.").format(row.initiative_name, count(row.reported_municipalities, "gemeente",
                                                                   "gemeenten"),
                                        role, source.get("referred_to_as") or "de bron", when)


def _links(mention_ids) -> Markup:
    return (Markup(' <span class="vsv-evidence">({})</span>').format(mention_links(mention_ids)) if len(mention_ids)
            else Markup())


def uncertainty(report: Report) -> Answer:
    """Question 5: what the evidence leaves open, each with why: counts without names, names that cannot be
    placed, and the reading choices marked as uncertainties (regions, examples), inferred and missing dates."""
    data, items, mentions, covered = report.data, [], [], set()
    interpretations = data.interpretations
    counted = data.initiatives.dropna(subset=["reported_municipalities"])
    for row in counted.itertuples():
        items.append(_count_item(report, row))
    covered |= {i for i, ids, initiative in zip(interpretations.index, interpretations["mention_ids"],
                                                interpretations["initiative_id"])
                if not ids and initiative in set(counted["initiative_id"])}
    for row in data.unresolved().drop_duplicates("mention_id").itertuples():
        match = interpretation_for(interpretations, row.mention_id)
        reason = match["explanation"] if match is not None else "Deze naam hoort bij geen bekende gemeente of regio."
        if match is not None:
            covered.add(match.name)
        items.append(Markup("<strong>{}</strong> ({}): niet aan een gemeente te koppelen. {}{}").format(
            row.name_as_written, row.initiative_name, reason, _links([row.mention_id])))
        mentions.append(row.mention_id)
    for index, row in interpretations.iterrows():
        if not row["is_uncertain"] or index in covered:
            continue
        links = _links(row["mention_ids"])
        items.append(Markup("<strong>{}</strong>: {}{}").format(row["topic"], row["explanation"], links))
        mentions.extend(row["mention_ids"])
    regions = data.involvements[(data.involvements["party_kind"] == "region")
                                & (data.involvements["is_resolved"] == True)].drop_duplicates("mention_id")  # noqa: E712
    for row in regions.itertuples():
        if interpretation_for(interpretations, row.mention_id) is None:
            reason = ("De regio telt alleen mee als de hele regio meetelt; dat is een bovengrens."
                      if row.expand_to_members else "De regio telt niet mee voor afzonderlijke gemeenten.")
            items.append(Markup("<strong>{}</strong> ({}): {}").format(row.name_as_written, row.initiative_name,
                                                                      reason))
            mentions.append(row.mention_id)
    for _, source in data.used_sources.iterrows():
        if source.get("date") and date_is_inferred(source):
            basis = source.get("date_basis") or ""
            items.append(Markup("<strong>{}</strong> heeft zelf geen datum; we gaan uit van {}.{}").format(
                source["title"], date_text(source["date"]), f" {basis}" if basis else ""))
        elif not source.get("date"):
            items.append(Markup("<strong>{}</strong> heeft geen datum.").format(source["title"]))
    if data.as_of is not None and len(data.excluded_sources):
        sources = data.sources.set_index("source_id")
        left_out = listing(f"{title} ({date_phrase(sources.loc[i])})" for i, title in
                           zip(data.excluded_sources["source_id"], data.excluded_sources["title"]))
        items.append(Markup("Alleen bronnen tot en met {} tellen mee; niet meegenomen: {}.").format(
            date_text(data.as_of.isoformat()), left_out))
    paragraphs = [] if items else [Markup("{} {} geen aantallen zonder namen, onbekende namen of regio's open.").format(
        report.Source, report.verb("laat", "laten"))]
    return Answer(paragraphs, evidence_note(report, mentions, counted["initiative_id"],
                                            [(DATA, "Keuzes bij het lezen")]), items=items)


def evidence_appendix(report: Report) -> pd.DataFrame:
    """Every mention the report rests on, one row each, for the appendix (anchors ``vermelding-<id>``)."""
    rows = report.data.involvements
    if rows.empty:
        return rows.assign(herleid_tot="", onderdeel="", rol="", soort_partij="")
    table = (rows.assign(herleid_tot=rows["municipality_name"].where(rows["municipality_name"] != "",
                                                                     rows["region_name"]))
             .groupby("mention_id", sort=False)
             .agg({"initiative_name": "first", "source_section": "first", "name_as_written": "first",
                   "party_kind": "first", "role": "first", "source_id": "first",
                   "herleid_tot": lambda s: " / ".join(dict.fromkeys(v for v in s if v))})
             .reset_index())
    table = labelled(table, report)
    headings = (report.data.initiatives.set_index("initiative_name")["source_heading"]
                if "source_heading" in report.data.initiatives else pd.Series(dtype=object))
    table["onderdeel"] = [f"{section}. {headings.get(name, '')}".rstrip(". ") if section else headings.get(name, "")
                          for section, name in zip(table["source_section"], table["initiative_name"])]
    return table

