"""Begrippen: plain-Dutch explanations of the terms a report uses.

The words are fixed explanations of the method; the examples of roles come
from the data's vocabulary, so they name only roles the data define.
"""

from __future__ import annotations

from markupsafe import Markup

from ..common.dutch import listing
from .context import Report

__all__ = ["TERMS", "glossary"]

TERMS = {
    "initiatief": "Een pilot, proeftuin, methode, netwerk, fonds of ander onderdeel van het programma dat een bron "
                  "beschrijft.",
    "vermelding": "Eén keer dat een bron een partij (een gemeente, regio of organisatie) bij een initiatief noemt. "
                  "Elke vermelding heeft een nummer, zodat zij in de bron terug te vinden is.",
    "verbinding": "De koppeling tussen één initiatief en één bij naam genoemde gemeente; hoe vaak de bron die "
                  "koppeling noemt, telt niet. In de netwerktekening is elke verbinding een lijn.",
    "lezing": "Een manier om de bronnen te tellen. De bronnen laten ruimte, dus staan de lezingen naast elkaar: alleen "
              "gemeenten bij naam, alleen gemeenten in een actieve rol, en genoemde regio's meegeteld voor al hun "
              "gemeenten (als de hele regio meetelt).",
    "grenzen": "Het kleinste en het grootste aantal gemeenten dat kan kloppen met de aantallen die een bron noemt "
               "zonder te zeggen welke gemeenten het zijn.",
    "indeling": "De gemeenten zoals ze op 1 januari van een jaar bestonden. Na een fusie telt de nieuwe gemeente.",
    "peildatum": "De datum waarop de inwonertallen gelden.",
    "netwerk": "Het netwerk bestaat uit knopen (de initiatieven en de gemeenten) en lijnen (de verbindingen tussen "
               "een initiatief en een gemeente).",
    "deel": "Een deel van het netwerk: initiatieven en gemeenten die via lijnen met elkaar verbonden zijn. Een "
            "initiatief dat met geen ander initiatief een gemeente deelt, vormt een los deel.",
    "tussenpositie": "Hoe vaak een gemeente op de kortste weg tussen andere gemeenten en initiatieven ligt. Hoog "
                     "betekent: deze gemeente verbindt delen van het netwerk.",
    "nabijheid": "Hoe dicht een gemeente bij alle andere knopen van haar deel van het netwerk ligt.",
    "pagerank": "PageRank: een gemeente scoort hoger als zij samen met andere hoog scorende gemeenten in "
                "initiatieven zit. Het is de rekenwijze die de zoekmachine Google bedacht om webpagina’s te "
                "ordenen.",
    "jaccard": "Jaccard-index: het aantal gedeelde gemeenten gedeeld door het aantal gemeenten dat bij minstens "
               "één van de twee initiatieven hoort. 0 is geen overlap, 1 is precies dezelfde gemeenten.",
    "overlapcoefficient": "Overlapcoëfficiënt: het aantal gedeelde gemeenten gedeeld door het aantal gemeenten "
                          "van het kleinste initiatief. 1 betekent dat het kleine initiatief helemaal binnen het "
                          "grote valt.",
    "genestheid": "Genestheid: kleine initiatieven bereiken alleen gemeenten die de grote initiatieven ook al "
                  "bereiken. De maat NODF loopt van 0 (niet genest) tot 100 (volledig genest).",
    "toets": "Toets op toeval: de uitkomst wordt vergeleken met toevalsnetwerken waarin elk initiatief evenveel "
             "gemeenten heeft en elke gemeente even vaak meedoet. De p-waarde is de kans dat toeval een netwerk "
             "oplevert dat minstens zo genest is; onder 0,05 heet de uitkomst bijzonder. De z-score zegt hoeveel "
             "standaardafwijkingen de uitkomst van het gemiddelde van het toeval ligt.",
    "louvain": "Louvain-methode: een rekenmethode die groepen gemeenten vindt die vaker met elkaar dan met anderen in "
               "initiatieven zitten. Met een vaste startwaarde geeft zij elke keer dezelfde groepen.",
    "newman": "Newman-gewicht: een gedeeld klein initiatief telt zwaarder dan een gedeeld groot initiatief, omdat "
              "twee gemeenten in een klein initiatief meer met elkaar te maken hebben.",
    "gini": "Gini-coëfficiënt: 0 als elke gemeente even vaak betrokken is, dicht bij 1 als één gemeente alles heeft.",
    "lorenz": "Lorenzcurve: de gemeenten op volgorde van betrokkenheid, met hun opgetelde aandeel. Hoe verder de curve "
              "onder de diagonaal ligt, hoe ongelijker de verdeling.",
    "corop": "COROP-gebied: een indeling van Nederland in regio’s die het CBS voor statistiek gebruikt.",
    "toevalsmodel": "Toevalsmodel (BiCM): alle manieren waarop initiatieven en gemeenten verbonden kunnen zijn, zo "
                    "dat elke gemeente gemiddeld even vaak meedoet en elk initiatief gemiddeld evenveel gemeenten "
                    "heeft als in werkelijkheid. Twee gemeenten vallen op als ze vaker samen meedoen dan dit model "
                    "waarschijnlijk maakt.",
    "correctie": "Correctie voor veel toetsen: wie veel paren tegelijk toetst, vindt bij toeval altijd wel een paar "
                 "kleine p-waarden. De correctie (Benjamini-Hochberg of Bonferroni) legt de lat daarom hoger, "
                 "naarmate er meer paren zijn.",
    "modulariteit": "Modulariteit: hoe scherp een indeling in groepen is. Het aandeel verbindingen binnen de groepen, "
                    "min wat je bij toeval zou verwachten; 0 is niet beter dan toeval, hoe dichter bij 1 hoe scherper.",
    "specialisatie": "Specialisatie (H2′ en d′): in hoeverre initiatieven hun eigen gemeenten hebben in plaats van "
                     "dezelfde gemeenten als de andere initiatieven. 0 is geen specialisatie, 1 de grootste die de "
                     "aantallen toelaten. Lichte rollen tellen minder zwaar.",
    "verbondenheid": "Verbondenheid (connectance): het deel van alle mogelijke verbindingen tussen initiatieven en "
                     "gemeenten dat er werkelijk is.",
}
"""Term key → explanation in Dutch."""

HEADWORDS = {
    "initiatief": "initiatief", "vermelding": "vermelding", "verbinding": "verbinding", "lezing": "lezing",
    "grenzen": "onder- en bovengrens", "indeling": "gemeentelijke indeling", "peildatum": "peildatum",
    "netwerk": "netwerk, knoop", "deel": "deel van het netwerk", "tussenpositie": "tussenpositie",
    "nabijheid": "nabijheid", "pagerank": "PageRank", "jaccard": "Jaccard-index",
    "overlapcoefficient": "overlapcoëfficiënt", "genestheid": "genestheid, NODF", "toets": "toets op toeval, p, z",
    "louvain": "Louvain-methode", "newman": "Newman-gewicht", "gini": "Gini-coëfficiënt", "lorenz": "Lorenzcurve",
    "corop": "COROP-gebied", "rollen": "actieve en lichte rol", "toevalsmodel": "toevalsmodel, BiCM",
    "correctie": "correctie voor veel toetsen", "modulariteit": "modulariteit",
    "specialisatie": "specialisatie, H2′, d′", "verbondenheid": "verbondenheid",
}


def _roles(report: Report) -> str:
    vocabulary = report.data.vocabulary
    active = [vocabulary.label("role", r) for r in vocabulary.taking_part_roles]
    light = [vocabulary.label("role", r) for r in vocabulary.light_roles]
    text = f"Een actieve rol: de partij werkt zelf mee ({listing(active, 'of')})."
    if light:
        text += f" Een lichte rol: belangstelling, zonder zelf mee te werken ({listing(light, 'of')})."
    return text


def glossary(report: Report, terms) -> Markup:
    """A definition list of ``terms`` (keys of :data:`TERMS`, or ``rollen``), as markup."""
    items = []
    for term in terms:
        explanation = _roles(report) if term == "rollen" else TERMS[term]
        items.append(Markup("<dt>{}</dt><dd>{}</dd>").format(HEADWORDS[term], explanation))
    return Markup('<dl class="vsv-glossary">{}</dl>').format(Markup().join(items))
