"""Computed text and tables for the data and network reports: sources, initiatives, mentions, parties.

Each function takes the :class:`~vsv_analysis.report.context.Report` and returns
Dutch text or a table with Dutch label columns; wording that depends on the data
is chosen from the data.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from ..common.dutch import SCENARIO_NL, SIZE_CLASS_NL, capitalise, count, date_text, listing, of, short_number, some
from ..evidence.interpretations import interpretation_for
from ..network import build_party_network, initiative_nodes, municipality_nodes
from .answer import Markup
from .context import Report
from .prose import date_phrase, mention_links

__all__ = [
    "count_readings", "dataset_sentence", "drawing_text", "initiatives_with_counts", "interpretation_items", "labelled",
    "network_file_text", "network_text", "other_parties_text", "party_table", "reference_text", "role_weight_text",
    "sources_table", "unresolved_table",
]


def labelled(frame: pd.DataFrame, report: Report) -> pd.DataFrame:
    """A copy of ``frame`` with Dutch label columns for the coded columns it has.

    ``role`` → ``rol``, ``party_kind`` → ``soort_partij``, ``kind`` → ``soort``
    (from the data's vocabularies), ``scenario`` → ``lezing``, ``size_class``
    → ``klasse``, ``is_indirect`` → ``hoe``; with ``municipality_name`` and
    ``region_name``, ``herleid_tot`` (what the name resolved to).
    """
    vocabulary = report.data.vocabulary
    frame = frame.copy()
    for column, label in (("role", "rol"), ("party_kind", "soort_partij"), ("kind", "soort")):
        if column in frame:  # each value looked up once: a table can have 50,000 rows and a dozen roles
            codes = pd.Series(pd.unique(frame[column]))
            words = dict(zip(codes, codes.map(lambda value, c=column: vocabulary.label(c, value))))
            frame[label] = [words.get(value, value) for value in frame[column]]
    for column, label, words in (("scenario", "lezing", SCENARIO_NL), ("size_class", "klasse", SIZE_CLASS_NL)):
        if column in frame:
            frame[label] = frame[column].map(words).fillna(frame[column])
    if "themes" in frame:
        frame["themes"] = frame["themes"].str.replace("|", ", ", regex=False)
    if "is_indirect" in frame:
        frame["hoe"] = frame["is_indirect"].map({True: "via een regio", False: "bij naam"})
    if "municipality_name" in frame and "region_name" in frame:
        frame["herleid_tot"] = frame["municipality_name"].where(frame["municipality_name"] != "", frame["region_name"])
    return frame


# -- 01 data and sources ------------------------------------------------------------------------


def sources_table(report: Report) -> pd.DataFrame:
    """Every source with its author, date in words and whether it counts on the ``as_of`` date."""
    table = report.data.sources.copy()
    table["datum"] = [date_phrase(row) for _, row in table.iterrows()]
    table["gebruikt"] = ["ja" if ok else ("nee: van na de peildatum" if because.startswith("dated") else
                                          "nee: zonder datum")
                         for ok, because in zip(table["is_available"], table["excluded_because"])]
    return table


def initiatives_with_counts(report: Report) -> pd.DataFrame:
    """One row per initiative with the number of municipalities named in it."""
    from ..outputs.tables import initiatives_table

    return initiatives_table(report.data)


def reference_text(report: Report) -> str:
    """Where the reference geography comes from, its population date and division."""
    reference = report.data.reference
    publishers = list(dict.fromkeys(p for p in reference.sources.get("publisher", []) if p))
    text = f"Gemeenten, inwoners en regio’s komen uit de referentiegegevens van {report.area}."
    if publishers:
        text += f" De bronnen daarvan zijn {some(publishers, ('andere bron', 'andere bronnen'), 4)}."
    return text + (f" De inwoners zijn van {date_text(reference.population_date)}, de peildatum. De gemeenten volgen "
                   f"de {report.division}.")


def dataset_sentence(report: Report) -> str:
    """One sentence on what the evidence holds (the Dutch twin of :meth:`Dataset.summary`)."""
    data = report.data
    named = data.named_municipalities()
    counted = int(data.initiatives["reported_municipalities"].notna().sum())
    text = (f"{report.Source} {report.verb('beschrijft', 'beschrijven')} "
            f"{count(len(data.initiatives), 'initiatief', 'initiatieven')} met "
            f"{count(data.involvements['mention_id'].nunique(), 'vermelding', 'vermeldingen')} van partijen. Bij naam "
            f"genoemd: {of(len(named), len(data.reference.municipalities))} gemeenten, in de indeling van "
            f"{data.year}.")
    if counted:
        text += f" {capitalise(report.counts_phrase())}."
    unresolved = sorted(set(data.unresolved()["name_as_written"]))
    if unresolved:
        text += f" Niet aan een gemeente of regio te koppelen: {some(unresolved, ('andere naam', 'andere namen'))}."
    return text


def count_readings(report: Report) -> str:
    """What happens to counts given without names; empty when there are none."""
    counted = report.data.initiatives.dropna(subset=["reported_municipalities"])
    if counted.empty:
        return ""
    parts = some([f"{count(int(r.reported_municipalities), 'gemeente', 'gemeenten')} bij {r.initiative_name}"
                  for r in counted.itertuples()], ("ander initiatief", "andere initiatieven"))
    return (f"Soms {report.verb('noemt', 'noemen')} {report.source} alleen een aantal: {parts}. Dan blijft het bij "
            "dat aantal; er is geen gemeente aan toegevoegd.")


def unresolved_table(report: Report) -> pd.DataFrame:
    """Names that cannot be placed, one row per mention, with the reason in Dutch where the data give one."""
    table = report.data.unresolved().drop_duplicates("mention_id").copy()
    matches = [interpretation_for(report.data.interpretations, m) for m in table["mention_id"]]
    table["reden"] = [m["explanation"] if m is not None else "Hoort bij geen bekende gemeente of regio."
                      for m in matches]
    return labelled(table, report)


def interpretation_items(report: Report) -> list[Markup]:
    """The reading choices, each with the evidence it concerns (markup)."""
    data = report.data
    names = data.initiatives.set_index("initiative_id")["initiative_name"]
    items = []
    for row in data.interpretations.itertuples():
        concerns = []
        if row.initiative_id and row.initiative_id in names.index:
            concerns.append(names[row.initiative_id])
        kept = [m for m in row.mention_ids if m in set(data.involvements["mention_id"])]
        if kept:
            concerns.append(Markup("{} {}").format("vermelding" if len(kept) == 1 else "vermeldingen",
                                                   mention_links(kept)))
        tail = (Markup(' <span class="vsv-evidence">(betreft {})</span>').format(Markup("; ").join(concerns))
                if concerns else Markup())
        items.append(Markup("<strong>{}.</strong> {}{}").format(row.topic, row.explanation, tail))
    return items


def role_weight_text(report: Report) -> str:
    """How the roles are weighted, from the vocabulary (a judgement, and a parameter)."""
    vocabulary = report.data.vocabulary
    weights = report.graph.graph.get("role_weights", vocabulary.role_weights)
    present = [r for r in vocabulary.values("role") if r in set(report.data.involvements["role"])]
    by_weight: dict[float, list[str]] = {}
    for role in present:
        by_weight.setdefault(weights[role], []).append(vocabulary.label("role", role))
    if len(by_weight) <= 1:
        return "Alle rollen in de gegevens wegen even zwaar."
    parts = [f"{capitalise(listing(labels))} {'telt' if len(labels) == 1 else 'tellen'} {short_number(weight)}."
             for weight, labels in sorted(by_weight.items(), reverse=True)]
    return ("Niet elke rol weegt even zwaar bij de gewogen betrokkenheid. " + " ".join(parts) + " Die gewichten zijn "
            "een keuze, geen gegeven uit de bronnen. Andere gewichten geven andere uitkomsten.")


# -- 02 network ---------------------------------------------------------------------------------------


def network_text(report: Report) -> str:
    """The network's size and parts, and what the drawing leaves out."""
    G = report.graph
    initiatives, municipalities = initiative_nodes(G), municipality_nodes(G)
    parts = nx.number_connected_components(G) if len(G) else 0
    text = (f"Het netwerk heeft {count(len(initiatives), 'initiatief', 'initiatieven')}, "
            f"{count(len(municipalities), 'gemeente', 'gemeenten')} en "
            f"{count(G.number_of_edges(), 'verbinding', 'verbindingen')}.")
    if parts > 1:
        text += (f" Het valt uiteen in {parts} losse delen. Initiatieven zonder gedeelde gemeente staan los van de "
                 "rest.")
    if len(report.data.unresolved()):
        text += " Namen die we niet aan een gemeente kunnen koppelen, staan niet in de tekening."
    return text


def drawing_text(report: Report) -> str:
    """How to read the network drawing, naming only the kinds of line that it holds; for a drawing by kind of
    initiative (:func:`vsv_analysis.figures.is_drawn_by_kind`), why it is drawn so and how to read it."""
    from ..figures.network import DRAWING_MAX_INITIATIVES, is_drawn_by_kind

    G, vocabulary = report.graph, report.data.vocabulary
    if is_drawn_by_kind(G):
        return (f"Met {count(len(initiative_nodes(G)), 'initiatief', 'initiatieven')} is een tekening met een stip en "
                f"een naam voor elk initiatief niet meer te lezen. Dat kan tot {DRAWING_MAX_INITIATIVES} initiatieven. "
                "Daarom staan in de tekening links de soorten initiatieven, met hun aantal. Rechts staan de gemeenten, "
                "met het aantal "
                "initiatieven dat hen noemt; de meest genoemde staat bovenaan. Een lijn betekent dat minstens één "
                "initiatief van die soort de gemeente noemt. Hoe dikker de lijn, hoe meer initiatieven. De rol van een "
                "gemeente is in deze tekening niet te zien. De tabel hieronder geeft de rol bij elke verbinding.")
    roles = {d["role"] for _, _, d in G.edges(data=True) if not d.get("is_indirect")}
    light = [vocabulary.label("role", r) for r in vocabulary.light_roles if r in roles]
    text = ("In de tekening staan links de initiatieven, rechts de gemeenten. Een lijn betekent dat een bron de "
            "gemeente bij dat initiatief noemt. De lijn is doorgetrokken als de gemeente zelf meewerkt.")
    if light:
        text += f" Bij een lichte rol ({listing(light)}) is ze gestreept."
    if any(d.get("is_indirect") for _, _, d in G.edges(data=True)):
        text += " Ze is gestippeld als de gemeente alleen via een genoemde regio meetelt."
    text += " Hoe groter de stip of het vierkantje, hoe meer lijnen."
    if report.data.initiatives["reported_municipalities"].notna().any():
        text += " Onder een initiatief staat het aantal gemeenten dat een bron zonder namen noemt."
    return text


def network_file_text(report: Report) -> Markup:
    """For a network drawn by kind: the whole network, every initiative apart, as a GEXF file beside the page
    (markup, for :func:`~vsv_analysis.report.show_paragraph`); empty when the drawing shows every initiative."""
    from ..figures.network import is_drawn_by_kind
    from ..outputs.graphfiles import write_graph
    from .files import offer_file

    if not is_drawn_by_kind(report.graph):
        return Markup()
    link = offer_file("netwerk.gexf", lambda path: write_graph(report.graph, path, "gexf"), "GEXF-netwerkbestand")
    return Markup("Het hele netwerk, met elk initiatief en elke verbinding apart, staat in {}. Dat bestand opent in "
                  "een programma voor netwerken, zoals Gephi.").format(link)


def party_table(report: Report) -> pd.DataFrame:
    """The other parties (not municipalities), with their kind, the initiatives that name them, and, for a region
    the reference knows, how many municipalities it has (``members``; 0 for one that cannot be placed)."""
    P = build_party_network(report.data)
    involvements = report.data.involvements
    regions = dict(zip(involvements["region_name"], involvements["region_id"]))
    reference = report.data.reference
    rows = [{"party": d["name"], "party_kind": d["party_kind"],
             "initiatives": "; ".join(sorted(P.nodes[i]["name"] for i in P[n])),
             "members": len(reference.members_of(regions[d["name"]])) if regions.get(d["name"]) else 0}
            for n, d in P.nodes(data=True) if d["node_kind"] == "party"]
    table = pd.DataFrame(rows, columns=["party", "party_kind", "initiatives", "members"])
    order = {k: i for i, k in enumerate(report.data.vocabulary.values("party_kind"))}
    table = table.assign(order=table["party_kind"].map(order)).sort_values(["order", "party"], ignore_index=True)
    return labelled(table.drop(columns="order"), report)


PARTIES_NAMED = 4
UNPLACED = "niet bekend welke gemeenten"
"""What the list of other parties says of a region or group the reference cannot place (such as an unknown name)."""
"""Parties of one kind the list of other parties names before it counts the rest."""


def other_parties_text(report: Report, parties: pd.DataFrame, lead: str = "") -> Markup:
    """Who the other parties are: a short list by kind, each party by name (a region with its number of
    municipalities), so that a name such as an abbreviation is explained where the page first uses it (markup).

    ``lead`` replaces the sentence before the list.
    """
    if parties.empty:
        return Markup("<p>{} {} geen andere partijen dan gemeenten.</p>").format(report.Source,
                                                                               report.verb("noemt", "noemen"))
    vocabulary = report.data.vocabulary
    explained = _region_explanations(report)
    items = []
    for kind, group in parties.groupby("party_kind", sort=False):
        names = [f"{name} ({'; '.join(filter(None, [explained.get(name), count(members, 'gemeente', 'gemeenten')]))})"
                 if members else f"{name} ({UNPLACED})" if kind == "region" else name
                 for name, members in zip(group["party"], group["members"])]
        label = vocabulary.label("party_kind", kind, plural=len(names) > 1)
        items.append(Markup("<li>{}: {}</li>").format(capitalise(label),
                                                      some(names, ("andere", "andere"), PARTIES_NAMED)))
    lead = lead or (f"Naast gemeenten {report.verb('noemt', 'noemen')} {report.source} "
                    f"{count(len(parties), 'andere partij', 'andere partijen')}:")
    return Markup("<p>{}</p><ul>{}</ul>").format(lead, Markup().join(items))


def _region_explanations(report: Report) -> dict[str, str]:
    """What a region named by its short name is, from the reference's full name: "vijf grote steden van
    Noord-Brabant" for the B5, whose name is "B5 (vijf grote steden van Noord-Brabant)"."""
    involvements = report.data.involvements
    named = dict(zip(involvements["region_name"], involvements["region_id"]))
    full = dict(zip(report.data.reference.regions["region_id"], report.data.reference.regions["name"]))
    explained = {}
    for name, region in named.items():
        whole = full.get(region) if isinstance(region, str) else None
        if whole and whole.startswith(f"{name} (") and whole.endswith(")"):
            explained[name] = whole[len(name) + 2:-1]
    return explained

