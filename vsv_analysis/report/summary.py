"""The summary's answers to a Statenlid's six questions, each computed and traceable.

Every function returns an :class:`Answer`: paragraphs of Dutch markup (data values
escaped) and a line naming the passages the answer rests on and the report that
works it out. Where a sentence depends on the data ("vooral grotere gemeenten"),
the condition is computed and the wording chosen from the outcome.

1. :func:`reach`: how many municipalities and residents the programme reaches;
2. :func:`lagging`: which regions and size classes lag behind;
3. :func:`carriers`: which municipalities carry the programme;
4. :func:`recurrence`: whether initiatives keep returning to the same municipalities;
5. :func:`uncertainty`: what the evidence leaves uncertain, and why;
6. :func:`evidence_appendix`: where every number can be checked.

The last two live in :mod:`.uncertainty`, :class:`Answer` in :mod:`.answer`; all are
available from here.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from ..common.dutch import (
    OTHER_INITIATIVES,
    OTHER_MUNICIPALITIES,
    capitalise,
    count,
    date_text,
    listing,
    number,
    of,
    percent,
    scope_name,
    some,
)
from ..common.names import name_key
from ..measures.coverage import bound_basis
from ..network import degree_table, initiative_nodes, municipality_nodes
from .answer import CENTRALITY, COVERAGE, OVERLAP, Answer, Markup
from .context import Report
from .opening import about, further_reading, lead
from .prose import counted_when, evidence_note
from .uncertainty import bounds_sentence, evidence_appendix, source_documents, uncertainty

__all__ = ["Answer", "about", "carriers", "evidence_appendix", "further_reading", "headlines", "lagging",
           "lagging_table", "lead", "reach", "recurrence", "source_documents", "uncertainty"]




def _province(coverage: pd.DataFrame) -> pd.DataFrame:
    return coverage[coverage["scope_kind"] == "province"].set_index("scenario")


def _municipality_mentions(report: Report, codes=None) -> list[str]:
    rows = report.data.involvements
    rows = rows[(rows["party_kind"] == "municipality") & (rows["is_resolved"] == True)]  # noqa: E712
    if codes is not None:
        rows = rows[rows["municipality_code"].isin(set(codes))]
    return list(dict.fromkeys(rows["mention_id"]))


def _has_bounds(province: pd.DataFrame) -> bool:
    """Whether counts without names widen the reach beyond the municipalities named (``province``: see _province)."""
    named = province.loc["named", "reached"]
    return (province.loc["counts_lower", "reached"], province.loc["counts_upper", "reached"]) != (named, named)


def reach(report: Report, coverage: pd.DataFrame) -> Answer:
    """Question 1: municipalities and residents reached, absolute and as a share, under each reading."""
    rows = _province(coverage)
    named, active, regions = rows.loc["named"], rows.loc["named_active"], rows.loc["named_and_regions"]
    source, verb = report.Source, report.verb("noemt", "noemen")
    area, total = report.area, int(named["total"])
    paragraphs = []
    if named["reached"] == 0:
        paragraphs.append(Markup("{} {} geen enkele gemeente in {} bij naam.").format(source, verb, area))
    else:
        text = Markup("{} {} <strong>{} gemeenten</strong> in {} bij naam ({}). Daar wonen <strong>{} "
                      "inwoners</strong> ({}; CBS, {}).").format(
            source, verb, of(named["reached"], total), area, percent(named["share_pct"]),
            of(named["population_reached"], named["population_total"]), percent(named["population_share_pct"]),
            date_text(named["population_date"]))
        ratio = named["population_share_pct"] / named["share_pct"]
        if ratio >= 1.25:
            text += " Het zijn dus vooral grotere gemeenten."
        elif ratio <= 0.8:
            text += " Het zijn dus vooral kleinere gemeenten."
        else:
            text += " Grote en kleine gemeenten zijn naar verhouding ongeveer even vaak genoemd."
        paragraphs.append(text)
    if _has_bounds(rows):
        paragraphs.append(_bounds_paragraph(report, coverage))
    readings = []
    if active["reached"] != named["reached"]:
        light = _light_roles_present(report)
        readings.append(Markup("Tellen we alleen gemeenten die zelf meewerken, dan zijn het er {} ({}).").format(
            of(active["reached"], total), percent(active["share_pct"])))
        if light:
            readings.append(Markup("{} tellen dan niet mee.").format(capitalise(listing(light))))
    if regions["reached"] != named["reached"]:
        readings.append(Markup("Tellen genoemde regio's mee voor al hun gemeenten, dan zijn het er {} ({}).").format(
            number(regions["reached"]), percent(regions["share_pct"])))
        readings.append(Markup("Dat is een bovengrens: {} {} niet welke gemeenten van die regio's meedoen.").format(
            report.source, report.verb("zegt", "zeggen")))
    if readings:
        paragraphs.append(Markup(" ").join(readings))
    counted = report.data.initiatives.dropna(subset=["reported_municipalities"])["initiative_id"]
    return Answer(paragraphs, evidence_note(report, _municipality_mentions(report), counted,
                                            [(COVERAGE, "Lezingen naast elkaar")]))


def _bounds_paragraph(report: Report, coverage: pd.DataFrame) -> Markup:
    """The range the counts without names allow, what it rests on, and when that count was made."""
    province = _province(coverage)
    basis = bound_basis(report.data, int(province.loc["named", "reached"]))
    text = Markup("Die {} zijn alleen de gemeenten die {} bij naam {}. {}").format(
        number(province.loc["named", "reached"]), report.source, report.verb("noemt", "noemen"),
        bounds_sentence(report, coverage))
    if len(basis) == 1:
        source_id = report.data.initiatives.set_index("initiative_id").loc[basis[0], "source_id"]
        text += Markup(" Dat aantal is {}.").format(counted_when(report, source_id))
    return text + Markup(" Welke gemeenten het zijn, is niet bekend.")


def _light_roles_present(report: Report) -> list[str]:
    vocabulary = report.data.vocabulary
    present = set(report.data.involvements.loc[report.data.involvements["party_kind"] == "municipality", "role"])
    return [vocabulary.label("role", r, plural=True) for r in vocabulary.light_roles if r in present]


def lagging_table(coverage: pd.DataFrame) -> pd.DataFrame:
    """Regions and size classes with "x van de y" reached by name, for the summary's table."""
    rows = coverage[(coverage["scenario"] == "named") & coverage["scope_kind"].isin(["regio_4", "size_class"])]
    table = rows[["scope_kind", "scope", "reached", "total", "share_pct", "population_share_pct"]].copy()
    table["indeling"] = table["scope_kind"].map({"regio_4": "regio", "size_class": "grootte"})
    table["naam"] = table["scope"].map(scope_name)
    table["bereikt"] = [of(r, t) for r, t in zip(table["reached"], table["total"])]
    return table.reset_index(drop=True)


def _extremes(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows = rows[rows["total"] > 0]
    return rows[rows["share_pct"] == rows["share_pct"].min()], rows[rows["share_pct"] == rows["share_pct"].max()]


def _scope_text(rows: pd.DataFrame, size: bool = False) -> str:
    return listing(f"{scope_name(s) if size else s} ({of(r, t)})"
                   for s, r, t in zip(rows["scope"], rows["reached"], rows["total"]))


def _least_residents(rows: pd.DataFrame) -> pd.DataFrame:
    rows = rows[rows["total"] > 0]
    return rows[rows["population_share_pct"] == rows["population_share_pct"].min()]


def lagging(report: Report, coverage: pd.DataFrame) -> Answer:
    """Question 2: the regions and size classes named least, as "x van de y", by municipalities and by residents."""
    table = lagging_table(coverage)
    paragraphs = []
    for kind, size in (("regio", False), ("grootte", True)):
        rows = table[table["indeling"] == kind]
        if rows.empty:
            continue
        least, most = _extremes(rows)
        what = "gemeenten met " if size else ""
        lead = "Naar grootte" if size else "Per regio"
        if not rows["reached"].any():
            paragraphs.append(Markup("{}: in geen enkele {} wordt een gemeente bij naam genoemd.").format(
                lead, "grootteklasse" if size else "regio"))
            continue
        if least["share_pct"].iloc[0] == most["share_pct"].iloc[0]:
            paragraphs.append(Markup("{} worden overal even veel gemeenten genoemd: {}.").format(
                lead, _scope_text(rows, size)))
            continue
        text = Markup("{} {} {}{} het minst bij naam genoemd. Het meest: {}{}.").format(
            lead, "worden" if size or len(least) > 1 else "wordt", what, _scope_text(least, size), what,
            _scope_text(most, size))
        by_residents = _least_residents(rows)
        if set(by_residents["scope"]) != set(least["scope"]):
            text += Markup(" Naar inwoners is het aandeel het laagst in {}{}.").format(what, listing(
                f"{scope_name(s) if size else s} ({percent(p, 0)})"
                for s, p in zip(by_residents["scope"], by_residents["population_share_pct"])))
        paragraphs.append(text)
    if not paragraphs:
        paragraphs.append(Markup("De referentiegegevens delen de gemeenten niet in regio's of grootteklassen in."))
    else:
        paragraphs.append(Markup("Niet genoemd wil niet zeggen dat een gemeente niet meedoet."))
        if report.data.initiatives["reported_municipalities"].notna().any():
            paragraphs[-1] += Markup(" {} {} ook gemeenten zonder namen (zie vraag 5).").format(
                report.Source, report.verb("noemt", "noemen"))
    return Answer(paragraphs, evidence_note(report, [], [], [(COVERAGE, "Per regio"),
                                                             (COVERAGE, "Per grootteklasse")]))


def _connected_initiatives(G: nx.Graph) -> list:
    """Initiatives that share at least one municipality with another initiative."""
    return sorted((n for n in initiative_nodes(G) if any(G.degree(m) > 1 for m in G[n])),
                  key=lambda n: G.nodes[n]["name"])


def carriers(report: Report, centrality: pd.DataFrame) -> Answer:
    """Question 3: the municipalities named in most initiatives (ties as ties), and what they connect.

    ``centrality`` is :func:`vsv_analysis.network.degree_table` (or the centrality table, which has its columns).
    """
    G = report.graph
    table = centrality[(centrality["node_kind"] == "municipality") & centrality["is_resolved"]
                       & (centrality["degree"] > 0)]
    initiatives = initiative_nodes(G)
    if table.empty:
        return Answer([Markup("{} {} geen gemeente bij naam, dus geen gemeente draagt het programma "
                              "aantoonbaar.").format(report.Source, report.verb("noemt", "noemen"))])
    levels = sorted(set(table["degree"]), reverse=True)
    if levels[0] == 1:
        paragraphs = [Markup("Geen gemeente wordt bij meer dan één initiatief genoemd. {} elk bij één initiatief "
                             "betrokken.").format(capitalise(count(len(table), "gemeente is", "gemeenten zijn")))]
        return Answer(paragraphs, evidence_note(report, _municipality_mentions(report), [],
                                                [(CENTRALITY, "Gemeenten")]))
    groups = [sorted(table.loc[table["degree"] == level, "name"], key=name_key)
              for level in levels[:2] if level > 1]
    first = groups[0]
    text = Markup("Het vaakst genoemd {} <strong>{}</strong>, {}bij {}.").format(
        "wordt" if len(first) == 1 else "worden", some(first, OTHER_MUNICIPALITIES), "" if len(first) == 1 else "elk ",
        count(levels[0], "initiatief", "initiatieven"))
    if len(groups) > 1:
        text += Markup(" Daarna {} {}, {}bij {}.").format("komt" if len(groups[1]) == 1 else "komen",
                                                          some(groups[1], OTHER_MUNICIPALITIES),
                                                          "" if len(groups[1]) == 1 else "elk ", number(levels[1]))
    paragraphs = [text]
    connected = _connected_initiatives(G)
    leader = table.iloc[0]["node"]
    in_connected = sum(1 for i in connected if G.has_edge(i, leader))
    if connected:
        apart = sorted(G.nodes[n]["name"] for n in initiatives if n not in connected and G.degree(n) > 0)
        nameless = sorted(G.nodes[n]["name"] for n in initiatives if G.degree(n) == 0)
        text = Markup("Via gedeelde gemeenten hangen {} initiatieven samen. {} zit in {} daarvan.").format(
            of(len(connected), len(initiatives)), G.nodes[leader]["name"], number(in_connected))
        if apart:
            text += Markup(" {} {} eigen gemeenten. Die worden bij geen ander initiatief genoemd.").format(
                some(apart, OTHER_INITIATIVES), "heeft" if len(apart) == 1 else "hebben elk")
        if nameless:
            text += Markup(" {} {} geen gemeente bij naam.").format(some(nameless, OTHER_INITIATIVES),
                                                                    "noemt" if len(nameless) == 1 else "noemen")
        paragraphs.append(text)
    codes = table.loc[table["degree"] >= (levels[1] if len(levels) > 1 and levels[1] > 1 else levels[0]), "node"]
    return Answer(paragraphs, evidence_note(report, _municipality_mentions(report, codes), [],
                                            [(CENTRALITY, "Gemeenten")]))


def recurrence(report: Report, nested: pd.DataFrame | None, pairs: pd.DataFrame | None) -> Answer:
    """Question 4: one verdict on whether initiatives return to the same municipalities, caveat included.

    ``nested`` is the nestedness test (:func:`~vsv_analysis.measures.overlap.nestedness`); when it has too few
    initiatives or municipalities to mean much, the verdict says so in the same line ("wel herhaling bij 3
    gemeenten, maar te weinig gegevens om te toetsen …"). A test run without null models (``null_models`` 0,
    as the index does, to know only whether there are data enough) or no ``nested`` gives the facts and says
    where the test is. Without ``pairs`` (:func:`~vsv_analysis.measures.overlap.initiative_overlap`) the answer
    leaves out the largest overlap.
    """
    G = report.graph
    degrees = {n: G.degree(n) for n in municipality_nodes(G) if G.degree(n) > 0}
    links = sum(degrees.values())
    if not degrees:
        return Answer([Markup("Nee: er zijn geen verbindingen tussen initiatieven en bij naam genoemde gemeenten. Er "
                              "zijn dus ook geen gemeenten die terugkomen.")])
    recurring = {n: d for n, d in degrees.items() if d > 1}
    held = sum(recurring.values())
    names = sorted((G.nodes[n]["name"] for n in recurring), key=name_key)
    one = len(recurring) == 1
    if not recurring:
        text = Markup("Nee: geen enkele gemeente wordt bij meer dan één initiatief genoemd.")
    else:
        text = _recurrence_verdict(count(len(recurring), "gemeente", "gemeenten"),
                                   None if nested is None else nested.iloc[0])
        text += Markup(" {} {} bij meer dan één initiatief terug.").format(some(names, OTHER_MUNICIPALITIES),
                                                                         "komt" if one else "komen")
        text += Markup(" {} {} verbindingen ({}).").format("Zij heeft" if one else "Samen hebben ze",
                                                           of(held, links), percent(100 * held / links, 0))
        if held * 2 < links:
            text += Markup(" De meeste verbindingen gaan naar gemeenten die bij maar één initiatief horen.")
    paragraphs = [text + Markup(" Een verbinding koppelt één initiatief aan één gemeente die het bij naam noemt.")]
    if pairs is not None and len(pairs):
        best = pairs.iloc[0]
        both = int(best["shared"])
        paragraphs.append(Markup("De grootste overlap is tussen {} en {}. Van de {} gemeenten die aan een van beide "
                                 "meedoen, {} aan allebei mee.").format(
            best["name_a"], best["name_b"], number(best["union"]),
            "doet er één" if both == 1 else f"doen er {number(both)}"))
    return Answer(paragraphs, evidence_note(report, _municipality_mentions(report, recurring), [],
                                            [(OVERLAP, "Welke gemeenten komen steeds terug?")]))


def _recurrence_verdict(how_many: str, test: pd.Series | None) -> Markup:
    """The first sentence of question 4 when municipalities recur: the verdict, with the test's caveat."""
    if test is not None and not test["enough_data"]:
        return Markup("Wel herhaling bij {}, maar te weinig gegevens om te toetsen of dat meer is dan "
                      "toeval.").format(how_many)
    if test is None or not test["null_models"]:
        return Markup("Herhaling bij {}; of dat meer is dan toeval, toetst de samenvatting (vraag 4).").format(
            how_many)
    if test["p_value"] < 0.05:
        return Markup("Ja: herhaling bij {}, meer dan toeval verklaart. Kleine initiatieven gaan vooral naar "
                      "gemeenten die de grote al bereiken.").format(how_many)
    return Markup("Wel herhaling bij {}, maar niet meer dan toeval verklaart.").format(how_many)


def headlines(report: Report) -> list[tuple[str, Markup]]:
    """Short answers to the summary's questions for the index page: (question, answer markup) pairs."""
    from ..measures.coverage import coverage_table
    from ..measures.nestedness import nestedness

    table = coverage_table(report.data)
    reached = reach(report, table)
    lines = [("Hoeveel gemeenten en inwoners?", reached.paragraphs[0])]
    if _has_bounds(_province(table)):  # the answer's second paragraph gives them
        lines.append(("Hoe zeker is dat?", reached.paragraphs[1]))
    lagged = lagging(report, table)
    lines.append(("Wie blijft achter?", Markup(" ").join(lagged.paragraphs[:2] if len(lagged.paragraphs) > 2
                                                          else lagged.paragraphs[:1])))
    lines.append(("Wie dragen het programma?", carriers(report, degree_table(report.graph)).paragraphs[0]))
    enough = nestedness(report.graph, null_models=0)  # whether there are data enough for the test, not its result
    lines.append(("Steeds dezelfde gemeenten?", recurrence(report, enough, None).paragraphs[0]))
    return lines
