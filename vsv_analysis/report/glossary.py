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
    "initiatief": "Een onderdeel van het programma dat een bron beschrijft. Bijvoorbeeld een pilot, een proeftuin, "
                  "een methode, een netwerk of een fonds.",
    "vermelding": "Eén keer dat een bron een partij bij een initiatief noemt. Een partij is een gemeente, regio of "
                  "organisatie. Elke vermelding heeft een nummer, zodat u haar in de bron terugvindt.",
    "verbinding": "De koppeling tussen één initiatief en één gemeente die het bij naam noemt. Hoe vaak de bron die "
                  "koppeling noemt, telt niet. In de netwerktekening is elke verbinding een lijn.",
    "lezing": "Een manier om de bronnen te tellen. De bronnen laten ruimte, dus staan de lezingen naast elkaar. Zo "
              "tellen we alleen gemeenten bij naam, of alleen gemeenten in een actieve rol. Of we tellen een genoemde "
              "regio mee voor al haar gemeenten.",
    "grenzen": "Een bron noemt soms een aantal gemeenten zonder te zeggen welke. De ondergrens is het kleinste aantal "
               "gemeenten dat daarmee klopt. De bovengrens is het grootste.",
    "indeling": "De gemeenten zoals ze op 1 januari van een jaar bestonden. Na een fusie telt de nieuwe gemeente.",
    "peildatum": "De dag waarop de inwonertallen gelden.",
    "netwerk": "Het netwerk bestaat uit knopen en lijnen. De knopen zijn de initiatieven en de gemeenten. Een lijn is "
               "een verbinding tussen een initiatief en een gemeente.",
    "deel": "Initiatieven en gemeenten die via lijnen aan elkaar vast zitten. Deelt een initiatief met geen ander "
            "een gemeente, dan is het een los deel.",
    "tussenpositie": "Hoe vaak een gemeente op de kortste weg tussen andere gemeenten en initiatieven ligt. Hoog "
                     "betekent: deze gemeente verbindt delen van het netwerk.",
    "nabijheid": "Hoe dicht een gemeente bij de rest van haar deel van het netwerk ligt.",
    "pagerank": "Een gemeente scoort hoger als zij met andere hoog scorende gemeenten in initiatieven zit. Google "
                "bedacht deze manier van rekenen om webpagina’s te ordenen.",
    "jaccard": "Hoeveel twee initiatieven overlappen. Tel de gemeenten die ze delen. Deel dat door alle gemeenten van "
               "de twee samen. 0 is geen overlap, 1 is precies dezelfde gemeenten.",
    "overlapcoefficient": "Ook een maat voor overlap. Tel de gemeenten die twee initiatieven delen. Deel dat door de "
                          "gemeenten van het kleinste. Bij 1 valt het kleine initiatief helemaal binnen het grote.",
    "genestheid": "Kleine initiatieven bereiken dan alleen gemeenten die de grote ook al bereiken. De maat NODF loopt "
                  "van 0 (niet genest) tot 100 (helemaal genest).",
    "toets": "De uitkomst wordt vergeleken met toevalsnetwerken. Daarin heeft elk initiatief evenveel gemeenten en "
             "doet elke gemeente even vaak mee. De p-waarde is de kans dat toeval een netwerk geeft dat minstens zo "
             "genest is. Onder 0,05 heet de uitkomst bijzonder. De z-score zegt hoe ver de uitkomst van het "
             "gemiddelde van het toeval ligt, in standaardafwijkingen.",
    "louvain": "Een rekenmethode die groepen gemeenten vindt. Gemeenten in een groep zitten vaker met elkaar in "
               "initiatieven dan met anderen. Met een vast startgetal geeft zij elke keer dezelfde groepen.",
    "newman": "Een gedeeld klein initiatief telt zwaarder dan een groot. Twee gemeenten in een klein initiatief "
              "hebben namelijk meer met elkaar te maken.",
    "gini": "Een maat voor ongelijkheid. Bij 0 is elke gemeente even vaak betrokken. Dicht bij 1 heeft één gemeente "
            "bijna alles.",
    "lorenz": "De gemeenten op volgorde van betrokkenheid, met hun opgetelde aandeel. Hoe verder de curve onder de "
              "diagonaal ligt, hoe ongelijker de verdeling.",
    "corop": "Een indeling van Nederland in regio’s. Het CBS gebruikt die voor statistiek.",
    "toevalsmodel": "Een model van toeval. Daarin doet elke gemeente gemiddeld even vaak mee als echt. En elk "
                    "initiatief heeft gemiddeld evenveel gemeenten. Twee gemeenten vallen op als ze vaker samen "
                    "meedoen dan dit model waarschijnlijk maakt. De Engelse afkorting is BiCM.",
    "correctie": "Wie veel paren tegelijk toetst, vindt bij toeval altijd wel een paar kleine p-waarden. Daarom legt "
                 "de correctie de lat hoger als er meer paren zijn. Bekende correcties zijn die van "
                 "Benjamini-Hochberg en van Bonferroni.",
    "modulariteit": "Hoe scherp een indeling in groepen is. Het is het aandeel verbindingen binnen de groepen, min wat "
                    "je bij toeval zou verwachten. 0 is niet beter dan toeval. Hoe dichter bij 1, hoe scherper.",
    "specialisatie": "Of initiatieven hun eigen gemeenten hebben, of dezelfde als de rest. H2′ is de maat voor het "
                     "hele netwerk, d′ die voor één initiatief. Bij 0 is er geen specialisatie. Bij 1 is die zo groot "
                     "als de aantallen toelaten. Lichte rollen tellen minder zwaar.",
    "verbondenheid": "Welk deel van alle mogelijke verbindingen er echt is. In het Engels heet dat connectance.",
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
    """The active and light roles, from the vocabulary: those the evidence uses (all, when it uses none)."""
    vocabulary = report.data.vocabulary
    used = set(report.data.involvements["role"]) if len(report.data.involvements) else set()

    def labels(roles) -> list[str]:
        present = [r for r in roles if r in used] or list(roles)
        return [vocabulary.label("role", r) for r in present]

    text = ("Bij een actieve rol werkt de partij zelf mee. Zo'n rol is bijvoorbeeld "
            f"{listing(labels(vocabulary.taking_part_roles), 'of')}.")
    if vocabulary.light_roles:
        text += (" Bij een lichte rol doet de partij (nog) niet zelf mee aan het initiatief. Zo'n rol is bijvoorbeeld "
                 f"{listing(labels(vocabulary.light_roles), 'of')}.")
    return text


def glossary(report: Report, terms) -> Markup:
    """A definition list of ``terms`` (keys of :data:`TERMS`, or ``rollen``), as markup."""
    items = []
    for term in terms:
        explanation = _roles(report) if term == "rollen" else TERMS[term]
        items.append(Markup("<dt>{}</dt><dd>{}</dd>").format(HEADWORDS[term], explanation))
    return Markup('<dl class="vsv-glossary">{}</dl>').format(Markup().join(items))
