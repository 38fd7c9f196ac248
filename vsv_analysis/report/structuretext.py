"""Computed text for the structure measures: significant co-involvement, groups on the bipartite network,
specialisation and connectance.

Each function takes a measure's result and returns Dutch text (plain, for
:func:`~vsv_analysis.report.display.say`), markup for analysts (values escaped),
or a table for readers; every number and every choice of words comes from the result.
"""

from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from ..common.dutch import OTHER_INITIATIVES, count, listing, number, percent, some

__all__ = [
    "connectance_text", "group_members", "groups_comparison_details", "groups_comparison_text", "p_text",
    "significance_details", "significance_verdict", "significant_table", "specialisation_details",
    "specialisation_table", "specialisation_text",
]

CORRECTION_NL = {
    "bh": "Benjamini-Hochberg: van de paren die opvallen, is naar verwachting hoogstens {a} toeval",
    "bonferroni": "Bonferroni: de kans dat ook maar één paar door toeval opvalt, is hoogstens {a}",
}

SHOWN_PAIRS = 10
"""Pairs the analysts' part shows with their p-values."""
NAMED_PAIRS = 3
"""Pairs the verdict names before it points to the table; each comes with two numbers."""


def p_text(value: float) -> str:
    """A p-value the Dutch way, small ones as a bound: "0,225", "0,0031", "kleiner dan 0,0001"."""
    if value != value:
        return "–"
    if value < 0.0001:
        return "kleiner dan 0,0001"
    return number(value, 3 if value >= 0.01 else 4)


def _share(alpha: float) -> str:
    return percent(100 * alpha, 0 if (100 * alpha) == int(100 * alpha) else 1)


def _pair(row) -> str:
    return (f"{row.name_a} en {row.name_b} (samen in {count(row.shared, 'initiatief', 'initiatieven')}, bij toeval "
            f"verwacht {number(row.expected_shared, 1)})")


def significance_verdict(pairs: pd.DataFrame, needed: dict) -> str:
    """Which pairs of municipalities take part together more often than chance explains; or why none can be said to.

    ``pairs`` is :func:`~vsv_analysis.measures.significance.validated_pairs` for
    municipalities, ``needed`` :func:`~vsv_analysis.measures.significance.initiatives_needed`.
    """
    attrs = pairs.attrs
    if attrs["tests"] == 0:
        return ("Er zijn te weinig gemeenten met initiatieven om paren te toetsen: er is hoogstens één gemeente bij "
                "naam genoemd.")
    significant = pairs[pairs["is_significant"]]
    if len(significant):
        shown = [_pair(row) for row in significant.head(NAMED_PAIRS + 1 if len(significant) <= NAMED_PAIRS + 1
                                                         else NAMED_PAIRS).itertuples()]
        more = len(significant) - len(shown)
        text = (f"{count(len(significant), 'paar gemeenten zit', 'paren gemeenten zitten')} vaker samen in "
                "initiatieven dan toeval verklaart.")
        text += (f" Het is {shown[0]}." if len(significant) == 1 else
                 f" {'Het sterkst zijn' if more else 'Het zijn'} {listing(shown)}.")
        return text + (f" De tabel geeft ook de {count(more, 'andere', 'andere')}." if more else "")
    if not needed["possible"]:
        text = ("Geen paar gemeenten zit vaker samen in initiatieven dan toeval verklaart, maar met zo weinig "
                f"gegevens kan dat ook niet. Er {'is' if needed['initiatives'] == 1 else 'zijn'} maar "
                f"{count(needed['initiatives'], 'initiatief', 'initiatieven')} met gemeenten bij naam. Zelfs twee "
                "gemeenten die altijd samen meedoen, vallen dan niet op.")
    else:
        text = "Geen paar gemeenten zit vaker samen in initiatieven dan toeval verklaart."
    return text + " " + _needed_text(needed)


def _needed_text(needed: dict) -> str:
    if needed["needed"] is not None:
        return (f"Met hetzelfde patroon valt het eerste paar pas op bij ongeveer {number(needed['needed'])} "
                f"initiatieven met gemeenten bij naam (nu {number(needed['initiatives'])}).")
    if not needed.get("above_expected", False):
        return ("Geen paar gemeenten zit nu vaker samen dan het toevalsmodel verwacht. Meer initiatieven met hetzelfde "
                "patroon zouden daar niets aan veranderen.")
    return (f"Ook bij {number(needed['limit'])} initiatieven met hetzelfde patroon zou nog geen paar gemeenten "
            "opvallen.")


def significant_table(pairs: pd.DataFrame) -> pd.DataFrame:
    """The significant pairs for readers, with shared and expected initiatives and the corrected p-value (as text)."""
    table = pairs[pairs["is_significant"]].rename(columns={"name_a": "municipality_a", "name_b": "municipality_b",
                                                           "shared": "shared_initiatives"})
    return table.assign(p_adjusted=table["p_adjusted"].map(p_text))


def significance_details(municipalities: pd.DataFrame, initiatives: pd.DataFrame, needed: dict) -> Markup:
    """The test in numbers, for analysts (markup): model, correction, counts, and the strongest pairs."""
    from .display import table_html

    attrs = municipalities.attrs
    alpha = attrs["alpha"]
    approximated = "normal approximation" in set(municipalities["p_value_method"])
    method = "exact (Poisson-binomiaal)" + (", boven 400 gedeelde initiatieven met de verfijnde normale benadering"
                                            if approximated else "")
    error = ("minder dan een miljoenste" if attrs["model_error"] < 1e-6
             else number(attrs["model_error"], 6))
    correction = CORRECTION_NL[attrs["correction"]].format(a=_share(alpha))
    text = Markup("<p>{}</p>").format(
        "Toevalsmodel: het bipartiete configuratiemodel (BiCM; Saracco e.a., 2015), dat elke gemeente "
        "gemiddeld even vaak laat meedoen en elk initiatief gemiddeld evenveel gemeenten geeft (grootste "
        f"afwijking van een werkelijk aantal: {error}). Per paar de kans dat het toeval minstens "
        f"zoveel gedeelde initiatieven geeft: de p-waarde, {method}. Correctie over alle "
        f"{number(attrs['tests'])} paren van de {number(attrs['nodes'])} gemeenten met initiatieven: "
        f"{correction}. Zo valt het eerste paar pas op bij een p-waarde van hoogstens "
        f"{p_text(alpha / max(attrs['tests'], 1))}.")
    shared = count(initiatives.attrs["sharing"], "paar initiatieven deelt", "paren initiatieven delen")
    passing = count(initiatives.attrs["significant"], "daarvan valt", "daarvan vallen", "geen daarvan valt")
    text += Markup("<p>{}</p>").format(f"Initiatieven, op dezelfde manier: {shared} een gemeente; {passing} op na "
                                       f"correctie over {number(initiatives.attrs['tests'])} paren.")
    if len(municipalities):
        top = municipalities.head(SHOWN_PAIRS).assign(p=lambda t: t["p_value"].map(p_text),
                                                      p_corr=lambda t: t["p_adjusted"].map(p_text))
        text += (Markup("<p>De {} gemeenten met de kleinste p-waarde:</p>").format(count(len(top), "paar", "paren"))
                 + table_html(top, {"name_a": "gemeente", "name_b": "en gemeente", "shared": "samen in",
                                    "expected_shared": "bij toeval verwacht", "p": "p", "p_corr": "p na correctie"},
                              decimals={"expected_shared": 2}))
    return text


def groups_comparison_text(comparison: pd.DataFrame) -> str:
    """Louvain on the projection beside the groups found on the bipartite network, in plain words."""
    rows = comparison.set_index("method")
    louvain, direct = rows.loc["louvain"], rows.loc["lpawb+"]
    if not louvain["groups"]:
        return "Er zijn geen gemeenten met initiatieven, dus ook geen groepen."
    text = (f"In het hele netwerk, met initiatieven én gemeenten, komen er "
            f"{count(direct['groups'], 'groep', 'groepen')} uit. Met de Louvain-methode op de gemeenten alleen zijn "
            f"het er {number(louvain['groups'])}. ")
    if direct["modularity"] > louvain["modularity"] + 0.005:
        text += "De indeling op het hele netwerk scheidt de groepen scherper"
    else:
        text += "Beide indelingen scheiden de groepen ongeveer even scherp"
    text += (f": modulariteit {number(direct['modularity'], 2)} tegen {number(louvain['modularity'], 2)}. Beide "
             f"methoden delen {percent(100 * louvain['agreement'], 0)} van alle paren gemeenten op dezelfde manier "
             "in: samen of apart.")
    return text


def group_members(groups: pd.DataFrame) -> pd.DataFrame:
    """One row per group of :func:`~vsv_analysis.measures.modularity.bipartite_communities`: its initiatives and
    municipalities by name."""
    linked = groups.dropna(subset=["community"])
    rows = [{"community": int(community),
             "initiatieven": "; ".join(sorted(part.loc[part["node_kind"] == "initiative", "name"])),
             "gemeenten": "; ".join(sorted(part.loc[part["node_kind"] == "municipality", "name"]))}
            for community, part in linked.groupby("community")]
    return pd.DataFrame(rows, columns=["community", "initiatieven", "gemeenten"])


def groups_comparison_details(comparison: pd.DataFrame, groups: pd.DataFrame) -> Markup:
    """How the two groupings were made and scored, for analysts (markup)."""
    return Markup("<p>{}</p>").format(
            "Beide indelingen zijn gemeten met Barbers modulariteit voor netwerken met twee soorten knopen "
            "(Barber, 2007): het aandeel verbindingen binnen groepen min wat de aantallen verbindingen alleen zouden "
            "geven. Bij de Louvain-groepen (op de projectie met Newman-gewichten) is elk initiatief ingedeeld bij de "
            "groep waar het de modulariteit het meest verhoogt. De indeling op het hele netwerk komt van DIRTLPAwb+ "
            f"(Beckett, 2016; {count(groups.attrs.get('restarts', 0), 'herstart', 'herstarts')}), met vaste "
            "startwaarde.")


def connectance_text(row: pd.Series) -> str:
    """The connectance as a headline: how many of the possible links between the linked nodes exist."""
    if not row["possible_links"]:
        return "Er zijn geen verbindingen tussen initiatieven en bij naam genoemde gemeenten."
    return (f"Er zijn {count(row['initiatives'], 'initiatief', 'initiatieven')} en "
            f"{count(row['municipalities'], 'gemeente', 'gemeenten')} met verbindingen. Daartussen kunnen "
            f"{number(row['possible_links'])} verbindingen bestaan. Er zijn er {number(row['links'])}: een "
            f"verbondenheid van {percent(100 * row['connectance'], 0)}.")


def specialisation_text(row: pd.Series, nodes: pd.DataFrame) -> str:
    """H2' of the network and the most and least specialised initiatives, in plain words."""
    h2 = row["h2_prime"]
    if h2 != h2:
        return ("Hoe eigen de gemeenten van elk initiatief zijn, is hier niet te meten: de aantallen laten geen ruimte "
                "voor verschil.")
    level = "sterk" if h2 >= 0.67 else "deels" if h2 >= 0.33 else "weinig"
    text = (f"Initiatieven hebben {level} hun eigen gemeenten: de maat H2′ is {number(h2, 2)}. Bij 0 verdeelt elk "
            "initiatief zich over de gemeenten zoals ze er zijn. Bij 1 heeft elk initiatief zoveel mogelijk eigen "
            "gemeenten.")
    initiatives = nodes[(nodes["node_kind"] == "initiative")].dropna(subset=["d_prime"])
    own = initiatives[initiatives["d_prime"] >= 1 - 1e-9]
    if len(own):
        text += (f" {some(sorted(own['name']), OTHER_INITIATIVES)} {'deelt' if len(own) == 1 else 'delen'} geen "
                 "gemeente met andere initiatieven.")
    if len(initiatives):
        text += (" De tabel geeft per initiatief de maat d′, van 0 tot 1. Bij 1 deelt het initiatief zijn gemeenten "
                 "met niemand.")
    return text


def specialisation_table(nodes: pd.DataFrame, node_kind: str) -> pd.DataFrame:
    """One side of :func:`~vsv_analysis.measures.specialisation.node_specialisation`, for readers."""
    return nodes[nodes["node_kind"] == node_kind].reset_index(drop=True)


def specialisation_details(row: pd.Series) -> Markup:
    """How H2' and d' were computed, for analysts (markup)."""
    return Markup("<p>{}</p>").format(
            "H2′ en d′ (Blüthgen, Menzel en Blüthgen, 2006) op de rolgewichten van de verbindingen: een partner "
            "telt volledig, een lichte rol minder. Dat zijn sterktes, geen tellingen, dus gelden de grenzen voor "
            f"niet-gehele getallen (zoals R bipartite, H2_integer = FALSE): H2 = {number(row['h2'], 3)}, minimaal "
            f"{number(row['h2_min'], 3)}, maximaal {number(row['h2_max'], 3)}. d′ van een initiatief is 1 als het "
            "zijn gemeenten met niemand deelt; het minimum van d is 0.")
