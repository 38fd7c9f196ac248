"""Computed text and tables for the detailed reports (data, network, centrality, overlap, coverage).

Each function takes the :class:`~vsv_analysis.report.context.Report` (and the
measure it describes) and returns Dutch text or a table with Dutch label
columns; wording that depends on the data is chosen from the data.
"""

from __future__ import annotations

import html

import networkx as nx
import pandas as pd

from ..coverage import count_year, municipalities_in
from ..dutch import SCENARIO_NL, SIZE_CLASS_NL, count, date_text, listing, number, of, percent
from ..network import build_party_network
from .context import Report
from .prose import date_phrase, mention_links

__all__ = [
    "bridges_text", "component_note", "concentration_text", "count_readings", "counts_paragraph", "dataset_sentence",
    "centrality_details", "initiatives_with_counts", "interpretation_items", "labelled", "nestedness_details",
    "nestedness_verdict", "network_text", "node_values",
    "other_parties_text", "parts_text", "party_table", "population_text", "rank_text", "readable_centrality",
    "reference_text", "role_weight_text", "scope_table", "secondary_members_text", "sources_table",
    "unresolved_table",
]


def _e(value) -> str:
    return html.escape(str(value))


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
        if column in frame:
            frame[label] = frame[column].map(lambda value, c=column: vocabulary.label(c, value))
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
    from ..tables import initiatives_table

    return initiatives_table(report.data)


def reference_text(report: Report) -> str:
    """Where the reference geography comes from, its population date and division."""
    reference = report.data.reference
    publishers = listing(list(dict.fromkeys(p for p in reference.sources.get("publisher", []) if p))[:4])
    text = f"Gemeenten, inwoners en regio’s komen uit de referentiegegevens van {report.area}"
    text += f" (bronnen: {publishers})." if publishers else "."
    return text + f" Inwoners volgens peildatum {date_text(reference.population_date)}; {report.division}."


def dataset_sentence(report: Report) -> str:
    """One sentence on what the evidence holds (the Dutch twin of :meth:`Dataset.summary`)."""
    data = report.data
    named = data.named_municipalities()
    counted = int(data.initiatives["reported_municipalities"].notna().sum())
    text = (f"{report.Source} {report.verb('beschrijft', 'beschrijven')} "
            f"{count(len(data.initiatives), 'initiatief', 'initiatieven')} met "
            f"{count(data.involvements['mention_id'].nunique(), 'vermelding', 'vermeldingen')} van partijen, en "
            f"{report.verb('noemt', 'noemen')} {of(len(named), len(data.reference.municipalities))} gemeenten bij naam "
            f"({report.division}).")
    if counted:
        text += f" Bij {count(counted, 'initiatief', 'initiatieven')} staat alleen een aantal gemeenten, zonder namen."
    unresolved = sorted(set(data.unresolved()["name_as_written"]))
    if unresolved:
        text += f" Niet te herleiden: {listing(unresolved)}."
    return text


def count_readings(report: Report) -> str:
    """What happens to counts given without names; empty when there are none."""
    counted = report.data.initiatives.dropna(subset=["reported_municipalities"])
    if counted.empty:
        return ""
    parts = listing(f"{count(int(r.reported_municipalities), 'gemeente', 'gemeenten')} bij {r.initiative_name}"
                    for r in counted.itertuples())
    return (f"Waar {report.source} alleen een aantal {report.verb('noemt', 'noemen')} ({parts}), blijft het bij dat "
            f"aantal: er is geen gemeente aan toegevoegd.")


def unresolved_table(report: Report) -> pd.DataFrame:
    """Names that cannot be placed, one row per mention, with the reason in Dutch where the data give one."""
    table = report.data.unresolved().drop_duplicates("mention_id").copy()
    reasons = {i: text for ids, text in zip(report.data.interpretations["mention_ids"],
                                            report.data.interpretations["explanation"]) for i in ids}
    table["reden"] = [reasons.get(m, "Hoort bij geen bekende gemeente of regio.") for m in table["mention_id"]]
    return labelled(table, report)


def interpretation_items(report: Report) -> list[str]:
    """The reading choices, each with the evidence it concerns (markup)."""
    data = report.data
    names = data.initiatives.set_index("initiative_id")["initiative_name"]
    items = []
    for row in data.interpretations.itertuples():
        concerns = []
        if row.initiative_id and row.initiative_id in names.index:
            concerns.append(_e(names[row.initiative_id]))
        kept = [m for m in row.mention_ids if m in set(data.involvements["mention_id"])]
        if kept:
            concerns.append("vermeldingen " + mention_links(kept))
        tail = f' <span class="vsv-evidence">(betreft {"; ".join(concerns)})</span>' if concerns else ""
        items.append(f"<strong>{_e(row.topic)}.</strong> {_e(row.explanation)}{tail}")
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
    parts = [f"{listing(labels)}: {number(weight, 2)}" for weight, labels in sorted(by_weight.items(), reverse=True)]
    return ("Niet elke rol weegt even zwaar bij de gewogen betrokkenheid: " + "; ".join(parts) + ". De gewichten zijn "
            "een keuze, geen gegeven uit de bronnen, en zijn als parameter aan te passen.")


# -- 02 network ---------------------------------------------------------------------------------------


def network_text(report: Report) -> str:
    """The network's size and parts, and what the drawing leaves out."""
    G = report.graph
    initiatives = [n for n, b in G.nodes(data="bipartite") if b == 0]
    municipalities = [n for n, b in G.nodes(data="bipartite") if b == 1]
    parts = nx.number_connected_components(G) if len(G) else 0
    text = (f"Het netwerk heeft {count(len(initiatives), 'initiatief', 'initiatieven')}, "
            f"{count(len(municipalities), 'gemeente', 'gemeenten')} en "
            f"{count(G.number_of_edges(), 'verbinding', 'verbindingen')}.")
    if parts > 1:
        text += (f" Het valt uiteen in {parts} losse delen: initiatieven zonder gedeelde gemeente staan los van de "
                 "rest.")
    if len(report.data.unresolved()):
        text += " Namen die niet tot een gemeente te herleiden zijn, staan niet in de tekening."
    return text


def party_table(report: Report) -> pd.DataFrame:
    """The other parties (not municipalities), with their kind and the initiatives that name them."""
    P = build_party_network(report.data)
    rows = [{"party": d["name"], "party_kind": d["party_kind"],
             "initiatives": "; ".join(sorted(P.nodes[i]["name"] for i in P[n]))}
            for n, d in P.nodes(data=True) if d["node_kind"] == "party"]
    table = pd.DataFrame(rows, columns=["party", "party_kind", "initiatives"])
    order = {k: i for i, k in enumerate(report.data.vocabulary.values("party_kind"))}
    table = table.assign(order=table["party_kind"].map(order)).sort_values(["order", "party"], ignore_index=True)
    return labelled(table.drop(columns="order"), report)


def other_parties_text(report: Report, parties: pd.DataFrame) -> str:
    """Which other kinds of party the evidence names, with examples."""
    if parties.empty:
        return f"{report.Source} {report.verb('noemt', 'noemen')} geen andere partijen dan gemeenten."
    vocabulary = report.data.vocabulary
    groups = []
    for kind, group in parties.groupby("party_kind", sort=False):
        names = list(group["party"])
        label = vocabulary.label("party_kind", kind, plural=len(names) > 1)
        groups.append(f"{label} ({listing(names[:4]) + (' en meer' if len(names) > 4 else '')})")
    return (f"Naast gemeenten {report.verb('noemt', 'noemen')} {report.source} "
            f"{count(len(parties), 'andere partij', 'andere partijen')}: {listing(groups)}. Zij horen niet in het "
            "netwerk van initiatieven en gemeenten, maar staan hier.")


# -- 03 centrality ---------------------------------------------------------------------------------


def rank_text(ranks: pd.Series) -> pd.Series:
    """Ranks with ties shown as ties: "1", "2–3 (gedeeld)"."""
    sizes = ranks.map(ranks.value_counts())
    return pd.Series([str(r) if n == 1 else f"{r}–{r + n - 1} (gedeeld)" for r, n in zip(ranks, sizes)],
                     index=ranks.index)


def node_values(frame: pd.DataFrame, column: str, key: str = "node") -> dict:
    """``{node: value}`` from a table (such as the centrality table), for colouring a map."""
    return dict(zip(frame[key], frame[column]))


def parts_text(report: Report, table: pd.DataFrame) -> str:
    """How many separate parts the network has and what that means for the initiatives."""
    initiatives = table[table["node_kind"] == "initiative"]
    if initiatives.empty:
        return "Er zijn geen initiatieven."
    parts = initiatives["component"].nunique()
    if parts == 1:
        return "Alle initiatieven hangen via gedeelde gemeenten samen in één deel van het netwerk."
    alone = initiatives[initiatives["component"] > 1]
    return (f"Deel 1 is het grootste samenhangende deel. {count(len(alone), 'initiatief ligt', 'initiatieven liggen')} "
            "in een ander deel: ze delen geen gemeente met de rest. Ze zijn daarom niet minder waardevol, maar staan "
            "los in het netwerk.")


def component_note(report: Report, table: pd.DataFrame) -> str:
    """Which municipalities lie outside the main part of the network, where nabijheid and PageRank mislead."""
    outside = table[(table["node_kind"] == "municipality") & (table["component"] > 1) & (table["degree"] > 0)]
    if outside.empty:
        return "Alle genoemde gemeenten liggen in één samenhangend deel van het netwerk."
    G = report.graph
    groups = []
    for _, part in outside.groupby("component"):
        initiatives = sorted({G.nodes[i]["name"] for n in part["node"] for i in G[n]})
        groups.append(f"{listing(sorted(part['name']))} (met {listing(initiatives)})")
    return (f"Niet alle gemeenten liggen in het grootste samenhangende deel van het netwerk: {listing(groups)} "
            f"{'ligt' if len(groups) == 1 and len(outside) == 1 else 'liggen'} apart. Nabijheid en PageRank meten "
            "alleen binnen het eigen deel; voor gemeenten in een apart deel zijn die waarden niet te vergelijken met "
            "die van de rest, en in de tabel staan ze daarom leeg.")


def bridges_text(bridges: pd.DataFrame) -> str:
    """Which municipalities link initiatives, and whether any is the only link between two."""
    if bridges.empty:
        return "Geen gemeente zit in meer dan één initiatief; er zijn dus geen gemeenten die initiatieven verbinden."
    sole = bridges[bridges["separated_initiative_pairs"] > 0]
    text = (f"{count(len(bridges), 'gemeente zit', 'gemeenten zitten')} in meer dan één initiatief en "
            f"{'verbindt' if len(bridges) == 1 else 'verbinden'} die initiatieven zo met elkaar.")
    if sole.empty:
        text += (" Tussen elk paar initiatieven dat zo verbonden is, loopt ook een andere weg: geen enkele gemeente is "
                 "de enige schakel.")
    else:
        text += (f" Voor {listing(sole['name'])} geldt: zonder {'deze gemeente' if len(sole) == 1 else 'elk van deze'} "
                 "zouden sommige initiatieven niet meer via gemeenten met elkaar verbonden zijn (zie de laatste "
                 "kolom).")
    return text


# -- 04 overlap ------------------------------------------------------------------------------------------


def nestedness_verdict(nested: pd.DataFrame) -> str:
    """The nestedness result in plain words, with the caveat when the data are too few for the test."""
    row = nested.iloc[0]
    if not row["rows"] or row["nodf"] != row["nodf"]:
        return "Genestheid is niet te berekenen: er zijn te weinig initiatieven met gemeenten."
    if not row["enough_data"]:
        return (f"Met {count(row['rows'], 'initiatief', 'initiatieven')} en "
                f"{count(row['columns'], 'gemeente', 'gemeenten')} met verbindingen zijn de gegevens te weinig om te "
                "concluderen of kleine initiatieven vooral naar dezelfde gemeenten gaan als grote: zo'n toets kan dan "
                "nauwelijks onderscheiden tussen genestheid en toeval.")
    if row["p_value"] < 0.05:
        return ("Kleine initiatieven gaan vaker dan bij toeval naar gemeenten die de grote initiatieven al bereiken: "
                "het netwerk is meer genest dan toeval verklaart.")
    return ("Kleine initiatieven gaan niet vaker dan bij toeval naar gemeenten die de grote initiatieven al bereiken: "
            "het netwerk is niet meer genest dan toeval verklaart.")


def nestedness_details(nested: pd.DataFrame) -> str:
    """The test in numbers, for analysts (markup)."""
    row = nested.iloc[0]
    if row["nodf"] != row["nodf"]:
        return "<p>NODF is niet gedefinieerd voor deze matrix.</p>"
    return (f"<p>NODF {number(row['nodf'], 1)} (rijen {number(row['nodf_rows'], 1)}, kolommen "
            f"{number(row['nodf_columns'], 1)}); {row['null_models']} toevalsnetwerken (curveball, startwaarde "
            f"{row['seed']}): gemiddeld {number(row['null_mean'], 1)}, standaardafwijking {number(row['null_sd'], 2)}; "
            f"z = {number(row['z_score'], 2)}, p = {number(row['p_value'], 3)}. Matrix: {row['rows']} initiatieven × "
            f"{row['columns']} gemeenten met verbindingen, vulling {percent(100 * row['fill'], 0)}.</p>")


def centrality_details(table: pd.DataFrame) -> str:
    """How the centrality measures were computed, for analysts (markup)."""
    methods = sorted(set(table["betweenness_method"])) if len(table) else ["exact"]
    return ("<p>Tussenpositie en nabijheid zijn genormaliseerd voor een netwerk met twee soorten knopen (Borgatti en "
            "Halgin, 2011): gedeeld door het maximum dat een knoop kan halen gegeven de grootte van de andere kant. "
            "Nabijheid is berekend binnen het eigen deel van het netwerk en geschaald naar het aandeel van het "
            "netwerk dat een knoop bereikt. PageRank is berekend op de projectie van elke kant, met Newman-gewichten. "
            f"Tussenpositie: {html.escape(', '.join(methods))}.</p>")


# -- 05 coverage -----------------------------------------------------------------------------------------


def scope_table(coverage: pd.DataFrame, scope_kind: str) -> pd.DataFrame:
    """Coverage of one scope kind with "x van de y" per reading, for a table beside the bars."""
    rows = coverage[coverage["scope_kind"] == scope_kind]
    table = rows[rows["scenario"] == "named"][["scope", "total"]].reset_index(drop=True)
    table["naam"] = table["scope"].map(lambda s: SIZE_CLASS_NL.get(s, s))
    for scenario, column in (("named", "genoemd"), ("named_active", "actief"), ("named_and_regions", "met_regios")):
        part = rows[rows["scenario"] == scenario].set_index("scope")
        table[column] = [of(part.loc[s, "reached"], part.loc[s, "total"]) for s in table["scope"]]
        table[column + "_pct"] = [part.loc[s, "share_pct"] for s in table["scope"]]
    return table


def counts_paragraph(report: Report, coverage: pd.DataFrame) -> str:
    """How the counts without names bound the coverage, with the year each count was made in."""
    data = report.data
    counted = data.initiatives.dropna(subset=["reported_municipalities"])
    if counted.empty:
        return (f"{report.Source} {report.verb('noemt', 'noemen')} geen aantallen gemeenten zonder namen; onder- en "
                "bovengrens vallen daarom samen met de gemeenten die bij naam genoemd worden.")
    province = coverage[coverage["scope_kind"] == "province"].set_index("scenario")
    low, high = province.loc["counts_lower", "reached"], province.loc["counts_upper", "reached"]
    total = len(data.reference.municipalities)
    parts = []
    for row in counted.itertuples():
        year = count_year(data, row.source_id)
        when = (f"geteld in {year}, toen {report.area} {municipalities_in(data, year)} gemeenten had" if year
                else "zonder datum, dus in een onbekende gemeentelijke indeling geteld")
        parts.append(f"{count(int(row.reported_municipalities), 'gemeente', 'gemeenten')} bij {row.initiative_name} "
                     f"({when})")
    text = (f"{report.Source} {report.verb('noemt', 'noemen')} ook aantallen zonder namen: {listing(parts)}. "
            f"Samen met de genoemde gemeenten horen dan minstens {low} en hoogstens {of(high, total)} gemeenten bij "
            "een initiatief. ")
    older = [r for r in counted.itertuples() if (count_year(data, r.source_id) or data.reference.earliest_year)
             < data.reference.division_year]
    if older:
        text += ("Een aantal uit een oudere indeling kan sindsdien door fusies kleiner zijn geworden; de ondergrens "
                 "houdt daar rekening mee. ")
    return text + "Welke gemeenten het zijn, wordt niet geraden."


def population_text(report: Report) -> str:
    """Which population figures the resident counts use."""
    reference = report.data.reference
    return (f"Inwoners volgens CBS, peildatum {date_text(reference.population_date)}; {report.division}.")


def secondary_members_text(report: Report, grouping: str = "regio_4") -> str:
    """The municipalities that take part in a second region, and where they are counted."""
    members = report.data.reference.region_members
    members = members[members["grouping"] == grouping]
    secondary = members[~members["is_primary"]]
    if secondary.empty:
        return "Elke gemeente hoort bij precies één regio; samen tellen de regio’s op tot de hele provincie."
    names = report.data.reference.municipalities.set_index("cbs_code")["name"]
    primary = members[members["is_primary"]].set_index("cbs_code")["short_name"]
    parts = [f"{names.get(c, c)} doet ook mee in {r}, maar telt alleen in {primary.get(c, '?')}"
             for c, r in zip(secondary["cbs_code"], secondary["short_name"])]
    return ("Elke gemeente telt in precies één regio, zodat de regio’s samen optellen tot de hele provincie. "
            + "; ".join(parts) + ".")


def concentration_text(summary: pd.Series) -> str:
    """The share of links held by the most involved municipalities."""
    if not summary["total_involvement"]:
        return "Er zijn geen verbindingen met bij naam genoemde gemeenten; er valt niets te verdelen."
    return (f"De {summary['top_n']} meest betrokken gemeenten ({listing(summary['top_names'].split('; '))}) hebben "
            f"samen {percent(summary['top_share_pct'], 0)} van alle verbindingen tussen initiatieven en gemeenten.")


def readable_centrality(table: pd.DataFrame, node_kind: str) -> pd.DataFrame:
    """One side of the centrality table for readers: ranks with ties, and nabijheid and PageRank left empty
    outside the main part of the network, where they cannot be compared."""
    rows = table[(table["node_kind"] == node_kind) & table["is_resolved"]].copy()
    outside = rows["component"] > 1
    rows.loc[outside, ["closeness", "pagerank"]] = float("nan")
    for measure in ("degree", "betweenness"):
        rows[f"rank_{measure}_text"] = rank_text(rows[f"rank_{measure}"])
    return rows
