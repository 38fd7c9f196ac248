"""The "what changed" block at the top of the summary and the index, from ``changes.json``."""

from __future__ import annotations

from ..common.dutch import (
    FIRST_VERSION,
    OTHER_INITIATIVES,
    OTHER_MUNICIPALITIES,
    SCENARIO_NL,
    count,
    date_text,
    dutch_time,
    of,
    percent,
    some,
)
from .answer import Markup

__all__ = ["FIRST_VERSION", "changes_heading", "changes_markup"]

LINKS = ("andere verbinding", "andere verbindingen")
EXAMPLES = 3
"""Links or initiatives a line names before it counts the rest: a line of the block stays one short sentence."""



def _when(stamp: str) -> str:
    try:
        return dutch_time(stamp)
    except ValueError:
        return date_text(stamp[:10])


def _arrow(before, after) -> str:
    if before is None or after is None or before == after:
        return ""
    return f" ({'▲' if after > before else '▼'} {abs(after - before)})"


def changes_heading(changes: dict | None) -> str:
    """ "Wat is er veranderd sinds 22 november 2026?" or, without a baseline, "Wat is er veranderd?"."""
    baseline = (changes or {}).get("baseline")
    if not baseline:
        return "Wat is er veranderd?"
    return f"Wat is er veranderd sinds de versie van {_when(baseline['made_at'])}?"


def changes_markup(changes: dict | None, vocabulary=None) -> Markup:
    """The block's body: ▲/▼ figures and the new links by name, or one sentence when nothing changed.

    Every line is text (names from the data among it), escaped as it goes into the list.
    """
    if changes is None:
        return Markup()
    if not changes.get("baseline"):
        return Markup("<p>{}</p>").format(FIRST_VERSION)
    since = _when(changes["baseline"]["made_at"])
    if changes.get("is_unchanged"):
        return Markup("<p>Sinds de versie van {} is er niets veranderd in de gegevens of de uitkomsten.</p>").format(
            since)
    items: list[str] = []
    if changes.get("parameters_changed"):
        items.append("De vorige versie is met andere instellingen gemaakt; een deel van de verschillen komt daardoor.")
    label = (lambda role: vocabulary.label("role", role)) if vocabulary is not None else str
    mentions = changes["mentions"]
    if mentions["added"] or mentions["removed"] or mentions["changed"]:
        parts = []
        if mentions["added"]:
            parts.append(f"▲ {count(len(mentions['added']), 'vermelding', 'vermeldingen')} erbij")
        if mentions["removed"]:
            parts.append(f"▼ {count(len(mentions['removed']), 'vermelding', 'vermeldingen')} eraf")
        if mentions["changed"]:
            parts.append(f"{count(len(mentions['changed']), 'vermelding', 'vermeldingen')} gewijzigd")
        items.append("Vermeldingen: " + ", ".join(parts) + ".")
    links = changes["links"]
    if links["added"]:
        items.append("Nieuwe verbindingen: " + some(
            [f"{r['municipality_name']} bij {r['initiative_name']} ({label(r['role'])})" for r in links["added"]],
            LINKS, EXAMPLES) + ".")
    if links["removed"]:
        items.append("Vervallen verbindingen: " + some(
            [f"{r['municipality_name']} bij {r['initiative_name']}" for r in links["removed"]], LINKS, EXAMPLES) + ".")
    initiatives = changes["initiatives"]
    if initiatives["added"]:
        items.append("Nieuwe initiatieven: " + some([r["initiative_name"] for r in initiatives["added"]],
                                                    OTHER_INITIATIVES, EXAMPLES) + ".")
    if initiatives["removed"]:
        items.append("Vervallen initiatieven: " + some([r["initiative_name"] for r in initiatives["removed"]],
                                                       OTHER_INITIATIVES, EXAMPLES) + ".")
    for row in changes["coverage"]:
        if row["scope_kind"] != "province" or row["scenario"] not in ("named", "named_active", "named_and_regions"):
            continue
        if row["reached_before"] == row["reached_after"]:
            continue
        items.append(f"{SCENARIO_NL[row['scenario']]}: van {of(row['reached_before'], row['total_before'])} naar "
                     f"{of(row['reached_after'], row['total_after'])} gemeenten"
                     f"{_arrow(row['reached_before'], row['reached_after'])}; inwoners van "
                     f"{percent(row['population_share_pct_before'])} naar "
                     f"{percent(row['population_share_pct_after'])}.")
    regions = [r for r in changes["coverage"] if r["scope_kind"] == "regio_4" and r["scenario"] == "named"
               and r["reached_before"] != r["reached_after"]]
    if regions:
        items.append("Per regio (bij naam): " + "; ".join(
            f"{r['scope']} van {r['reached_before']} naar {r['reached_after']}" for r in regions) + ".")
    named = changes["reached"].get("named", {})
    if named.get("newly_reached"):
        items.append("Nieuw bereikt: " + some(named["newly_reached"], OTHER_MUNICIPALITIES) + ".")
    if named.get("no_longer_reached"):
        items.append("Niet meer bereikt: " + some(named["no_longer_reached"], OTHER_MUNICIPALITIES) + ".")
    moved = [r for r in changes["ranks"] if r["rank_before"] is not None and r["rank_after"] is not None
             and r["rank_before"] != r["rank_after"]]
    if moved:
        items.append("Andere plaats in de rangorde naar aantal initiatieven: " + "; ".join(
            f"{r['name']} van {r['rank_before']} naar {r['rank_after']}" for r in moved[:8]) + ".")
    return Markup("<ul>{}</ul>").format(Markup().join(Markup("<li>{}</li>").format(item) for item in items))
