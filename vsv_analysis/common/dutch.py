"""Dutch words and number formats for the reports (the code itself speaks English)."""

from __future__ import annotations

import datetime
import math

__all__ = [
    "COLUMN_LABELS_NL", "FIRST_VERSION", "NAMED_AT_MOST", "NODE_KIND_NL", "OTHER_INITIATIVES", "OTHER_MUNICIPALITIES",
    "SCENARIO_NL", "SCOPE_KIND_NL", "SIZE_CLASS_NL", "TABLE_COLUMN_LABELS_NL", "TABLE_NAMES_NL", "capitalise",
    "column_labels", "count", "date_text", "dutch_day", "dutch_time", "listing", "now_stamp", "number", "of", "percent",
    "scope_name", "short_number", "some",
]

FIRST_VERSION = "Dit is de eerste versie van deze rapporten; er is nog niets om mee te vergelijken."
"""What a first run says instead of its changes; the index looks for it to tell a first run from a later one."""

SCENARIO_NL = {
    "named": "Bij naam genoemd, alle rollen",
    "named_active": "Bij naam genoemd, alleen actieve rollen",
    "named_and_regions": "Bij naam genoemd plus alle leden van genoemde regio's",
    "counts_lower": "Ondergrens met de aantallen zonder namen",
    "counts_upper": "Bovengrens met de aantallen zonder namen",
}
"""The coverage scenarios (readings of the evidence) in Dutch; the words are the method's, not the data's."""
SIZE_CLASS_NL = {
    "<20000": "minder dan 20.000 inwoners", "20000-49999": "20.000 tot 50.000 inwoners",
    "50000-99999": "50.000 tot 100.000 inwoners", ">=100000": "100.000 inwoners of meer",
}

NODE_KIND_NL = {"initiative": "initiatief", "municipality": "gemeente"}
SCOPE_KIND_NL = {"province": "provincie", "regio_4": "regio", "corop": "COROP-gebied", "size_class": "grootteklasse"}

# Column headings for spreadsheets (``vsv-analysis table --labels nl``), in the reports' words.
# TABLE_COLUMN_LABELS_NL overrides a heading where one column name means something else in one table.
COLUMN_LABELS_NL = {
    "mention_id": "vermelding", "initiative_id": "id initiatief", "initiative_name": "initiatief",
    "source_id": "bron", "source_section": "onderdeel", "source_heading": "kop in de bron",
    "name_as_written": "naam zoals geschreven", "party_kind": "soort partij", "role": "rol",
    "municipality_code": "gemeentecode", "municipality_name": "gemeente", "region_id": "id regio",
    "region_name": "regio", "is_resolved": "herleid", "resolution_note": "toelichting herleiding",
    "expand_to_members": "telt voor de leden", "source_date": "datum", "event_date": "datum", "note": "opmerking",
    "geography_year": "indelingsjaar", "cbs_code": "CBS-code", "name": "naam", "population": "inwoners",
    "population_date": "peildatum inwoners", "regio_4": "regio", "corop": "COROP-gebied", "b5": "B5",
    "size_class": "grootte", "kind": "soort", "themes": "thema's", "reported_municipalities": "aantal zonder namen",
    "reported_municipalities_role": "rol bij het aantal zonder namen", "period": "periode",
    "description": "omschrijving", "named_municipalities": "gemeenten bij naam",
    "node": "id", "node_kind": "soort", "component": "deel van het netwerk", "degree": "aantal verbindingen",
    "weighted_degree": "gewogen", "degree_centrality": "genormaliseerde graad", "betweenness": "tussenpositie",
    "closeness": "nabijheid", "pagerank": "PageRank", "betweenness_method": "berekening tussenpositie",
    "rank_degree": "rang aantal verbindingen", "rank_weighted_degree": "rang gewogen",
    "rank_betweenness": "rang tussenpositie", "rank_closeness": "rang nabijheid", "rank_pagerank": "rang PageRank",
    "initiative_a": "id initiatief", "initiative_b": "id en initiatief", "name_a": "initiatief",
    "name_b": "en initiatief", "size_a": "gemeenten initiatief", "size_b": "gemeenten en initiatief",
    "shared": "gedeeld", "union": "samen", "jaccard": "Jaccard", "overlap_coefficient": "overlapcoëfficiënt",
    "shared_municipalities": "gedeelde gemeenten",
    "scenario": "code lezing", "scenario_label": "lezing", "scope_kind": "soort gebied", "scope": "gebied",
    "reached": "gemeenten bereikt", "total": "van", "share_pct": "% van de gemeenten",
    "population_reached": "inwoners bereikt", "population_total": "inwoners totaal",
    "population_share_pct": "% van de inwoners", "is_bound": "grens",
    "closeness_normalisation": "normalisatie nabijheid",
    "code_a": "gemeentecode", "code_b": "en gemeentecode", "municipality_a": "gemeente",
    "municipality_b": "en gemeente",
    "shared_initiatives": "samen in initiatieven", "expected_shared": "bij toeval verwacht", "p_value": "p",
    "p_adjusted": "kans bij toeval (na correctie)", "is_significant": "valt op", "p_value_method": "berekening p",
    "community": "groep", "community_size": "grootte groep", "d_prime": "specialisatie d′ (0 tot 1)",
    "d": "d", "d_max": "d maximaal",
}
TABLE_COLUMN_LABELS_NL = {
    "municipalities": {"name": "gemeente"},
    "unreached": {"name": "gemeente"},
}
TABLE_NAMES_NL = {
    "involvements": "vermeldingen", "initiatives": "initiatieven", "municipalities": "gemeenten",
    "centrality": "centraliteit", "overlap": "overlap", "coverage": "bereik", "unreached": "niet bereikt",
    "co_involvement": "samen meer dan toeval", "groups": "groepen", "specialisation": "specialisatie",
}


def column_labels(table: str | None = None) -> dict[str, str]:
    """Dutch headings for the columns of ``table`` (a name of ``vsv-analysis table``).

    >>> column_labels("unreached")["name"], column_labels("centrality")["name"]
    ('gemeente', 'naam')
    """
    return {**COLUMN_LABELS_NL, **TABLE_COLUMN_LABELS_NL.get(table or "", {})}


def scope_name(scope: str) -> str:
    """A scope of the coverage table as a reader reads it: a size class in words, a region by its own name.

    >>> scope_name(">=100000"), scope_name("Hart van Brabant")
    ('100.000 inwoners of meer', 'Hart van Brabant')
    """
    return SIZE_CLASS_NL.get(scope, scope)


def number(value, decimals: int = 0) -> str:
    """A number the Dutch way: 2.592.874 and 23,2."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def short_number(value: float) -> str:
    """A number in as few digits as it needs, the Dutch way: 600, 0,5, 2,25."""
    return f"{value:g}".replace(".", ",")


MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")


def date_text(value: str) -> str:
    """An ISO date, month or timestamp in Dutch words ("1 januari 2022", "maart 2021", "27 november 2026, 18:31").

    A bare year stays as it is.

    Examples
    --------
    >>> date_text("2022-01-01"), date_text("2021-03"), date_text("2021")
    ('1 januari 2022', 'maart 2021', '2021')
    """
    value = str(value)
    if len(value) == 7 and value[4] == "-":
        return f"{MONTHS[int(value[5:7]) - 1]} {value[:4]}"
    if len(value) < 10 or value[4] != "-":
        return value
    year, month, day = int(value[:4]), int(value[5:7]), int(value[8:10])
    text = f"{day} {MONTHS[month - 1]} {year}"
    if len(value) >= 16 and value[10] == "T":
        text += f", {value[11:16]}"
    return text


DUTCH_TIME = "Europe/Amsterdam"


def now_stamp() -> str:
    """The local time now, ISO 8601 to the second with its offset, as `date -Is` writes it (read by :func:`dutch_time`).

    Every status line of the command line starts with it, and the reports' footers are made from it.
    """
    return datetime.datetime.now().astimezone().isoformat(timespec="seconds")


def dutch_time(stamp: str) -> str:
    """An ISO time stamp as Dutch date and time in Dutch local time: "29 november 2026, 16:30 (Nederlandse tijd)".

    Examples
    --------
    >>> dutch_time("2026-11-29T15:30:00+00:00")
    '29 november 2026, 16:30 (Nederlandse tijd)'
    """
    moment, zone = _dutch_moment(stamp)
    return f"{date_text(moment.date().isoformat())}, {moment.strftime('%H:%M')} ({zone})"


def dutch_day(stamp: str) -> str:
    """The day of an ISO time stamp in Dutch local time, in words: "29 november 2026".

    Examples
    --------
    >>> dutch_day("2026-11-29T23:30:00+00:00")
    '30 november 2026'
    """
    return date_text(_dutch_moment(stamp)[0].date().isoformat())


def _dutch_moment(stamp: str) -> tuple[datetime.datetime, str]:
    """The moment of ``stamp`` in Dutch local time, and the name of that time (the offset without time zones)."""
    moment = datetime.datetime.fromisoformat(stamp)
    try:
        from zoneinfo import ZoneInfo

        return moment.astimezone(ZoneInfo(DUTCH_TIME)), "Nederlandse tijd"
    except (ImportError, KeyError, ValueError, OSError):  # no time-zone data on this machine
        zone = f"UTC{moment.strftime('%z')[:3]}:{moment.strftime('%z')[3:]}" if moment.utcoffset() is not None \
            else "lokale tijd"
        return moment, zone


def percent(value, decimals: int = 1) -> str:
    """A percentage the Dutch way: 23,2%."""
    return number(value, decimals) + "%" if value == value else "–"


def listing(items, conjunction: str = "en") -> str:
    """Items as Dutch prose: "a", "a en b", "a, b en c".

    Examples
    --------
    >>> listing(["Breda", "Tilburg", "Oss"]), listing(["Breda"]), listing([])
    ('Breda, Tilburg en Oss', 'Breda', '')
    """
    items = [str(item) for item in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


NAMED_AT_MOST = 8
"""How many names a sentence gives before it counts the rest ("en 312 andere initiatieven")."""
OTHER_INITIATIVES = ("ander initiatief", "andere initiatieven")
OTHER_MUNICIPALITIES = ("andere gemeente", "andere gemeenten")
"""What :func:`some` counts the rest as, most often."""


def some(items, other: tuple[str, str], limit: int = NAMED_AT_MOST, conjunction: str = "en") -> str:
    """The first ``limit`` items by name and the rest counted with ``other`` (singular, plural), as prose.

    All items are named when there are at most ``limit + 1`` of them: "en 1 andere" would save nothing.

    Examples
    --------
    >>> some(["Breda", "Tilburg", "Oss"], ("andere gemeente", "andere gemeenten"))
    'Breda, Tilburg en Oss'
    >>> some(list("abcdefgh"), ("ander initiatief", "andere initiatieven"), limit=3)
    'a, b, c en 5 andere initiatieven'
    """
    items = [str(item) for item in items]
    if len(items) <= limit + 1:
        return listing(items, conjunction)
    return listing([*items[:limit], count(len(items) - limit, *other)], conjunction)


def count(n: int, singular: str, plural: str, zero: str | None = None) -> str:
    """A number with its noun: "1 initiatief", "3 initiatieven", and ``zero`` (default "0 <plural>") for none.

    Examples
    --------
    >>> count(1, "gemeente", "gemeenten"), count(4, "gemeente", "gemeenten"), count(0, "x", "xen", "geen xen")
    ('1 gemeente', '4 gemeenten', 'geen xen')
    """
    n = int(n)
    if n == 0 and zero is not None:
        return zero
    return f"{number(n)} {singular if n == 1 else plural}"


def of(part: int, whole: int) -> str:
    """ "5 van de 11" """
    return f"{number(part)} van de {number(whole)}"


def capitalise(text: str) -> str:
    """The first letter in upper case, the rest as it is ("het memo" → "Het memo")."""
    return text[:1].upper() + text[1:]
