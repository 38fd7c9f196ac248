"""Computed text and tables for the measure reports: centrality, overlap and coverage.

Each function takes a measure's table (and the
:class:`~vsv_analysis.report.context.Report` where the data matter) and returns
Dutch text, markup for analysts, or a table for readers; wording that depends on
the data is chosen from the data.
"""

from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from ..common.dutch import (
    NAMED_AT_MOST,
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
from ..measures.coverage import count_year
from .context import Report
from .prose import counted_when

__all__ = [
    "PAIRS_KEPT", "alone_text", "bridges_text", "centrality_details", "component_note", "concentration_text",
    "counts_paragraph", "nestedness_details", "nestedness_verdict", "node_values", "pairs_text", "parts_text",
    "population_text", "projection_text", "rank_text",
    "readable_centrality", "scope_table", "secondary_members_text",
]




BRIDGES_NAMED = 3
"""Municipalities the text names as the only link between initiatives before it counts the others."""


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
    return (f"Deel 1 is het grootste deel. {count(len(alone), 'initiatief ligt', 'initiatieven liggen')} in een "
            "ander deel: ze delen geen gemeente met de rest. Dat maakt ze niet minder waardevol.")


def projection_text(P) -> str:
    """When the co-involvement drawing shows only the strongest ties (see
    :func:`vsv_analysis.figures.projection.strongest_ties`), why; empty otherwise. ``P`` is the projection drawn."""
    from ..figures.projection import PROJECTION_TIES, strongest_ties

    linked = P.subgraph([n for n in P if P.degree(n) > 0])
    if strongest_ties(linked) is linked:
        return ""
    pairs = len(linked) * (len(linked) - 1) // 2
    return (f"Van de {number(pairs)} mogelijke paren van deze {len(linked)} gemeenten zitten er "
            f"{number(linked.number_of_edges())} samen in een initiatief. Zoveel lijnen zijn niet te volgen. Daarom "
            f"toont de tekening per gemeente alleen haar {PROJECTION_TIES} sterkste banden. De groepen zijn wel met "
            "alle banden berekend.")


def alone_text(report: Report) -> str:
    """The municipalities left out of the co-involvement drawing: named only where no other municipality is."""
    G = report.graph
    alone = sorted(G.nodes[m]["name"] for m, b in G.nodes(data="bipartite")
                   if b == 1 and G.degree(m) > 0 and all(G.degree(i) == 1 for i in G[m]))
    if not alone:
        return ""
    if len(alone) == 1:
        return (f"{alone[0]} deelt geen initiatief met een andere gemeente. Daarom staat {alone[0]} niet in de "
                "tekening.")
    return (f"{some(alone, OTHER_MUNICIPALITIES)} delen geen initiatief met een andere gemeente. Daarom staan ze niet "
            "in de tekening.")


def component_note(report: Report, table: pd.DataFrame) -> str:
    """Which municipalities lie outside the main part of the network, where nabijheid and PageRank mislead."""
    outside = table[(table["node_kind"] == "municipality") & (table["component"] > 1) & (table["degree"] > 0)]
    if outside.empty:
        return "Alle genoemde gemeenten liggen in één samenhangend deel van het netwerk."
    G = report.graph
    groups = []
    for _, part in outside.groupby("component"):
        initiatives = sorted({G.nodes[i]["name"] for n in part["node"] for i in G[n]})
        groups.append(f"{some(sorted(part['name']), OTHER_MUNICIPALITIES)} "
                      f"(met {some(initiatives, OTHER_INITIATIVES)})")
    shown = some(groups, ("ander deel", "andere delen"))
    return (f"Niet alle gemeenten liggen in het grootste deel van het netwerk. Apart "
            f"{'ligt' if len(groups) == 1 and len(outside) == 1 else 'liggen'}: {shown}. Nabijheid meet alleen "
            "binnen het eigen deel. PageRank is over alle gemeenten samen berekend, maar een apart deel heeft geen "
            "verbinding met de rest. Voor een gemeente in een apart deel zijn beide waarden daarom niet te vergelijken "
            "met die van de rest. In de tabel staan ze leeg.")


def bridges_text(bridges: pd.DataFrame) -> str:
    """Which municipalities link initiatives, and whether any is the only link between two."""
    if bridges.empty:
        return "Geen gemeente zit in meer dan één initiatief; er zijn dus geen gemeenten die initiatieven verbinden."
    sole = bridges[bridges["separated_initiative_pairs"] > 0]
    text = (f"{count(len(bridges), 'gemeente zit', 'gemeenten zitten')} in meer dan één initiatief. Zo "
            f"{'verbindt zij' if len(bridges) == 1 else 'verbinden ze'} die initiatieven met elkaar.")
    if sole.empty:
        text += (" Geen enkele gemeente is de enige schakel: tussen elk paar verbonden initiatieven loopt ook een "
                 "andere weg.")
    else:
        parts = [f"zonder {name} {'is' if pairs == 1 else 'zijn'} {count(pairs, 'paar', 'paren')} initiatieven niet "
                 "meer via gemeenten met elkaar verbonden" for name, pairs in
                 zip(sole["name"].head(BRIDGES_NAMED + 1), sole["separated_initiative_pairs"].head(BRIDGES_NAMED + 1))]
        if len(sole) > BRIDGES_NAMED + 1:  # the clauses are long: a few, and the others counted
            others = count(len(sole) - BRIDGES_NAMED, "andere gemeente", "andere gemeenten")
            parts = [*parts[:BRIDGES_NAMED], f"bij {others} is dat ook zo"]
        text += " " + ". ".join(capitalise(part) for part in parts) + " (zie de laatste kolom)."
    return text


# -- 04 overlap ------------------------------------------------------------------------------------------


PAIRS_KEPT = 20_000
"""Initiative pairs the overlap report keeps, those with the most overlap: its table shows the first, its file
holds them all. More pairs than this (12 million at 9,000 initiatives) fit in no file a reader can open."""


def pairs_text(pairs: pd.DataFrame) -> str:
    """How many initiative pairs share a municipality and, when there are more than the report keeps, which it
    keeps; empty otherwise. ``pairs`` is :func:`~vsv_analysis.measures.overlap.initiative_overlap` with ``top``."""
    total = int(pairs.attrs.get("pairs", len(pairs)))
    if total <= len(pairs):
        return ""
    return (f"Alle {number(total)} paren zijn te veel voor één bestand; de tabel en het bestand hieronder geven de "
            f"{number(len(pairs))} paren met de meeste overlap.")


def nestedness_verdict(nested: pd.DataFrame) -> str:
    """The nestedness result in plain words, with the caveat when the data are too few for the test."""
    row = nested.iloc[0]
    if not row["rows"] or row["nodf"] != row["nodf"]:
        return "Genestheid is niet te berekenen: er zijn te weinig initiatieven met gemeenten."
    if not row["enough_data"]:
        return (f"Er zijn {count(row['rows'], 'initiatief', 'initiatieven')} en "
                f"{count(row['columns'], 'gemeente', 'gemeenten')} met verbindingen. Dat is te weinig om te toetsen of "
                "kleine initiatieven vooral naar de gemeenten van grote gaan. Met zo weinig gegevens kan de toets "
                "genestheid en toeval nauwelijks uit elkaar houden.")
    if row["p_value"] < 0.05:
        return ("Kleine initiatieven gaan vaker dan bij toeval naar gemeenten die de grote initiatieven al bereiken. "
                "Het netwerk is dus meer genest dan toeval verklaart.")
    return ("Kleine initiatieven gaan niet vaker dan bij toeval naar gemeenten die de grote initiatieven al bereiken. "
            "Het netwerk is dus niet meer genest dan toeval verklaart.")


def nestedness_details(nested: pd.DataFrame) -> Markup:
    """The test in numbers, for analysts (markup): NODF, the null model's draws and what they are worth."""
    row = nested.iloc[0]
    if row["nodf"] != row["nodf"]:
        return Markup("<p>NODF is niet gedefinieerd voor deze matrix.</p>")
    empty = ("initiatieven zonder bij naam genoemde gemeenten tellen niet mee (dat een bron geen namen noemt, betekent "
             "niet dat het initiatief geen gemeenten bereikt)" if row["empty"] == "drop" else
             "initiatieven zonder bij naam genoemde gemeenten tellen mee als lege rijen, zoals vegan (nestednodf) "
             "rekent")
    effective = row["effective_null_models"]
    worth = (f"samen zoveel waard als {number(effective, 0)} onafhankelijke (effectieve steekproefgrootte), dus "
             f"p = {number(row['p_value'], 3)} ± {number(row['p_value_se'], 3)}" if effective == effective else
             f"alle gelijk, dus p = {number(row['p_value'], 3)}")
    return Markup("<p>{}</p>").format(
        f"NODF {number(row['nodf'], 1)} (rijen {number(row['nodf_rows'], 1)}, kolommen "
        f"{number(row['nodf_columns'], 1)}); {empty}. {row['null_models']} toevalsnetwerken uit één "
        f"curveball-keten (startwaarde {row['seed']}; eerst {row['burn_in']} ronden waarin alle initiatieven "
        f"twee aan twee ruilen, dan {row['thin']} ronden tussen twee toevalsnetwerken): gemiddeld "
        f"{number(row['null_mean'], 1)}, standaardafwijking {number(row['null_sd'], 2)}; "
        f"z = {number(row['z_score'], 2)}. Opeenvolgende toevalsnetwerken lijken op elkaar; ze zijn "
        f"{worth}. Matrix: {row['rows']} initiatieven × {row['columns']} gemeenten met "
        f"verbindingen, vulling {percent(100 * row['fill'], 0)}.") + Markup(
        "<p>De figuur toont de NODF van de toevalsnetwerken en die van dit netwerk.</p>")


def centrality_details(table: pd.DataFrame) -> Markup:
    """How the centrality measures were computed, for analysts (markup)."""
    methods = sorted(set(table["betweenness_method"])) if len(table) else ["exact"]
    normalisation = set(table["closeness_normalisation"]) if len(table) else {"component"}
    closeness = ("Nabijheid is berekend binnen het eigen deel van het netwerk en geschaald naar het aandeel van het "
                 "netwerk dat een knoop bereikt, zodat geen waarde boven 1 komt." if normalisation == {"component"}
                 else "Nabijheid is berekend zoals networkx dat doet: met het optimum van het hele netwerk, geschaald "
                      "naar het aandeel dat een knoop bereikt; in een klein los deel kan zij boven 1 komen.")
    return Markup("<p>{}</p>").format(
        "Tussenpositie en nabijheid zijn genormaliseerd voor een netwerk met twee soorten knopen (Borgatti en "
        "Halgin, 2011): gedeeld door het maximum dat een knoop kan halen gegeven de grootte van de andere kant. "
        f"{closeness} PageRank is berekend op de projectie van elke kant, met Newman-gewichten. "
        f"Tussenpositie: {', '.join(methods)}, over alle kortste wegen.")


# -- 05 coverage -----------------------------------------------------------------------------------------


def scope_table(coverage: pd.DataFrame, scope_kind: str) -> pd.DataFrame:
    """Coverage of one scope kind with "x van de y" per reading, for a table beside the bars."""
    rows = coverage[coverage["scope_kind"] == scope_kind]
    table = rows[rows["scenario"] == "named"][["scope", "total"]].reset_index(drop=True)
    table["naam"] = table["scope"].map(scope_name)
    for scenario, column in (("named", "genoemd"), ("named_active", "actief"), ("named_and_regions", "met_regios")):
        part = rows[rows["scenario"] == scenario].set_index("scope")
        table[column] = [of(part.loc[s, "reached"], part.loc[s, "total"]) for s in table["scope"]]
        table[column + "_pct"] = [part.loc[s, "share_pct"] for s in table["scope"]]
    return table


def counts_paragraph(report: Report, coverage: pd.DataFrame) -> Markup:
    """The counts without names, when each was made, and the range they allow with what it rests on (markup)."""
    from .uncertainty import bounds_sentence

    data = report.data
    counted = data.initiatives.dropna(subset=["reported_municipalities"])
    if counted.empty:
        return Markup("{} {} geen aantallen gemeenten zonder namen. Onder- en bovengrens zijn daarom gelijk aan de "
                      "gemeenten die bij naam genoemd worden.").format(report.Source, report.verb("noemt", "noemen"))
    shown = counted.head(NAMED_AT_MOST + 1) if len(counted) <= NAMED_AT_MOST + 1 else counted.head(NAMED_AT_MOST)
    numbers = [f"{count(int(row.reported_municipalities), 'gemeente', 'gemeenten')} bij {row.initiative_name}"
               for row in shown.itertuples()]
    if len(shown) < len(counted):
        numbers.append(count(len(counted) - len(shown), "ander initiatief", "andere initiatieven"))
    text = Markup("{} {} ook aantallen zonder namen: {}.").format(report.Source, report.verb("noemt", "noemen"),
                                                                 listing(numbers))
    whens = [counted_when(report, source_id) for source_id in shown["source_id"]]
    if len(set(whens)) == 1:
        text += Markup(" {} {}.").format("Het aantal is" if len(counted) == 1 else "Ze zijn", whens[0])
    else:
        text += Markup("").join(Markup(" {}: {}.").format(name, when)
                                for name, when in zip(shown["initiative_name"], whens))
    text += Markup(" {}").format(bounds_sentence(report, coverage))
    older = [r for r in counted.itertuples() if (count_year(data, r.source_id) or data.reference.earliest_year)
             < data.reference.division_year]
    if older:
        text += Markup(" Door fusies kan een aantal uit een oudere indeling nu kleiner zijn; de ondergrens houdt daar "
                       "rekening mee.")
    return text + Markup(" Welke gemeenten het zijn, raden we niet.")


def population_text(report: Report) -> str:
    """Which population figures the resident counts use."""
    reference = report.data.reference
    return (f"Inwoners volgens het CBS op {date_text(reference.population_date)}. Gemeenten volgens de indeling van "
            f"{report.data.year}: {count(len(reference.municipalities), 'gemeente', 'gemeenten')}.")


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


def concentration_text(spread: pd.DataFrame) -> str:
    """How the links are spread: the municipalities in more than one initiative and their share, ties as ties.

    ``spread`` is :func:`vsv_analysis.measures.coverage.involvement_per_municipality`.
    """
    links = int(spread["initiatives"].sum())
    if not links:
        return "Er zijn geen verbindingen met bij naam genoemde gemeenten; er valt niets te verdelen."
    recurring = spread[spread["initiatives"] > 1]
    named = int((spread["initiatives"] > 0).sum())
    if recurring.empty:
        return (f"Elke genoemde gemeente hoort bij één initiatief. De {links} verbindingen zijn dus gelijk verdeeld "
                f"over {of(named, len(spread))} gemeenten. De andere gemeenten hebben er geen.")
    held = int(recurring["initiatives"].sum())
    return (f"{count(len(recurring), 'gemeente hoort', 'gemeenten horen')} bij meer dan één initiatief: "
            f"{some(recurring['name'], OTHER_MUNICIPALITIES)}. "
            f"{'Zij heeft' if len(recurring) == 1 else 'Samen hebben zij'} "
            f"{of(held, links)} verbindingen ({percent(100 * held / links, 0)}). Van de {len(spread)} gemeenten "
            f"{'heeft' if len(spread) - named == 1 else 'hebben'} er {len(spread) - named} geen enkele verbinding.")


def readable_centrality(table: pd.DataFrame, node_kind: str) -> pd.DataFrame:
    """One side of the centrality table for readers: ranks with ties, and nabijheid and PageRank left empty
    outside the main part of the network, where they cannot be compared."""
    rows = table[(table["node_kind"] == node_kind) & table["is_resolved"]].copy()
    outside = rows["component"] > 1
    rows.loc[outside, ["closeness", "pagerank"]] = float("nan")
    for measure in ("degree", "betweenness"):
        rows[f"rank_{measure}_text"] = rank_text(rows[f"rank_{measure}"])
    return rows
