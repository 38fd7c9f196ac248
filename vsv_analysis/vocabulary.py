"""The controlled vocabularies of the evidence files, in one place.

``data/README.md`` documents the same lists for people editing the CSV files;
a test keeps the two in step.
"""

__all__ = ["INITIATIVE_KINDS", "PARTY_KINDS", "ROLES"]

INITIATIVE_KINDS = ("pilot", "proeftuin", "method", "programme", "network", "fund", "exchange")
"""Kinds of initiative: ``proeftuin`` is a testbed, ``exchange`` knowledge exchange without a fixed project."""

PARTY_KINDS = ("municipality", "region", "province", "water-board", "foundation", "company", "residents-group")
"""Kinds of party. ``region`` covers regions and named groups of municipalities (B5, M7)."""

ROLES = {
    "partner": "works on the initiative as a named partner",
    "participant": "has joined the initiative",
    "co-designer": "helps shape or work out the initiative",
    "applied-in": "the method or approach was used in or with this party",
    "initiator": "started the initiative, alone or jointly",
    "executor": "carries out the work",
    "funder": "pays for the initiative or commissioned it",
    "member": "member of a network",
    "exploring": "is exploring a similar approach",
    "requester": "asked for the initiative or method",
    "observer": "listens in without taking part (toehoorder)",
}
"""The role vocabulary, with what each role means."""
