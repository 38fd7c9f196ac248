"""Dutch words and number formats for the reports (the code itself speaks English)."""

from __future__ import annotations

import math

__all__ = [
    "KIND_NL", "date_text", "PARTY_KIND_NL", "ROLE_NL", "SCENARIO_NL", "SIZE_CLASS_NL",
    "number", "percent",
]

ROLE_NL = {
    "partner": "partner", "participant": "deelnemer", "co-designer": "mede-ontwerper",
    "applied-in": "toegepast in", "initiator": "initiatiefnemer", "executor": "uitvoerder",
    "funder": "financier", "member": "lid", "exploring": "verkent", "requester": "vroeg erom",
    "observer": "toehoorder",
}
KIND_NL = {
    "pilot": "pilot", "proeftuin": "proeftuin", "method": "methode", "programme": "programma",
    "network": "netwerk", "fund": "fonds", "exchange": "uitwisseling",
}
PARTY_KIND_NL = {
    "municipality": "gemeente", "region": "regio of groep gemeenten", "province": "provincie",
    "water-board": "waterschap", "foundation": "stichting", "company": "bedrijf",
    "residents-group": "inwoners",
}
SCENARIO_NL = {
    "named": "Genoemde gemeenten, alle rollen",
    "named_active": "Genoemde gemeenten die echt meedoen",
    "named_and_regions": "Genoemd plus alle leden van genoemde regio's",
    "counts_lower": "Ondergrens met de aantallen zonder namen",
    "counts_upper": "Bovengrens met de aantallen zonder namen",
}
SIZE_CLASS_NL = {
    "<20000": "minder dan 20.000 inwoners", "20000-49999": "20.000 tot 50.000 inwoners",
    "50000-99999": "50.000 tot 100.000 inwoners", ">=100000": "100.000 inwoners of meer",
}


def number(value, decimals: int = 0) -> str:
    """A number the Dutch way: 2.592.874 and 23,2."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")


def date_text(value: str) -> str:
    """An ISO date or timestamp in Dutch words ("1 januari 2022", "27 november 2026, 18:31"); a bare year stays."""
    value = str(value)
    if len(value) < 10 or value[4] != "-":
        return value
    year, month, day = int(value[:4]), int(value[5:7]), int(value[8:10])
    text = f"{day} {MONTHS[month - 1]} {year}"
    if len(value) >= 16 and value[10] == "T":
        text += f", {value[11:16]}"
    return text


def percent(value, decimals: int = 1) -> str:
    """A percentage the Dutch way: 23,2%."""
    return number(value, decimals) + "%" if value == value else "–"
