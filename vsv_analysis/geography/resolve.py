"""Resolving a name as written onto the reference: municipalities of any year, regions, aliases.

A written name is looked up under a normalised key (:func:`~vsv_analysis.common.names.normalise_name`),
through official names and CBS codes of any year from 2016, and ``name_aliases.csv``. A
name that cannot be placed gives a :class:`Resolution` with status ``unresolved``
(known, with the reason) or ``unknown`` (a data error, with near-misses).
:class:`NameResolver` holds the lookups; :class:`~vsv_analysis.geography.reference.Reference`
inherits them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..common.names import closest, normalise_name

__all__ = ["NameResolver", "Resolution"]


@dataclass(frozen=True)
class Resolution:
    """How one written name maps onto the reference in the chosen year.

    ``status`` is ``resolved`` (``codes`` holds the CBS codes or region id),
    ``unresolved`` (known, but cannot be placed: ``note`` says why) or
    ``unknown`` (not in the reference at all: a data error; ``suggestions``
    holds near-misses).
    """

    status: str
    codes: tuple[str, ...] = ()
    label: str = ""
    note: str = ""
    suggestions: tuple[str, ...] = ()

    @property
    def is_resolved(self) -> bool:
        return self.status == "resolved"



class NameResolver:
    """Resolving written names; needs ``history``, ``aliases``, ``regions``, ``year``, ``codes_in_year`` and
    ``_history_by_code`` from the class it is mixed into (:class:`~vsv_analysis.geography.reference.Reference`)."""

    @cached_property
    def _municipality_index(self) -> dict[str, str]:
        index = {normalise_name(name): code for code, name in zip(self.history["cbs_code"], self.history["name"])}
        index.update({normalise_name(code): code for code in self.history["cbs_code"]})
        return index

    def _aliases_for(self, kind: str) -> dict[str, dict]:
        return self._alias_index.get(kind, {})

    @cached_property
    def _alias_index(self) -> dict[str, dict[str, dict]]:
        index: dict[str, dict[str, dict]] = {}
        for row in self.aliases.to_dict("records"):
            index.setdefault(row["party_kind"], {})[normalise_name(row["alias"])] = row
        return index

    def resolve_municipality(self, name: str) -> Resolution:
        """Resolve a municipality name as written (any year from 2016, alias or code).

        Examples
        --------
        >>> from vsv_analysis.geography.reference import load_reference
        >>> ref = load_reference(year=2021)
        >>> ref.resolve_municipality("Meijerijstad").label
        'Meierijstad'
        >>> ref.resolve_municipality("Galderen").status
        'unresolved'
        """
        key = normalise_name(name)
        note = ""
        alias = self._aliases_for("municipality").get(key)
        if alias is not None and key not in self._municipality_index:
            if not alias["canonical"]:
                return Resolution("unresolved", note=alias["note"] or "listed as unresolved in name_aliases.csv")
            note = f"read as {alias['canonical']}"
            key = normalise_name(alias["canonical"])
        code = self._municipality_index.get(key)
        if code is None:
            candidates = list(self.history["name"]) + list(self.aliases["alias"])
            return Resolution("unknown", suggestions=closest(name, candidates))
        codes, how = self.codes_in_year(code)
        old_name = self._history_by_code[code]["name"]
        names = [self._history_by_code[c]["name"] for c in codes]
        if how == "split":
            return Resolution("unresolved", note=f"{old_name} was split over {', '.join(names)} before "
                                                 f"{self.year}; the share cannot be known")
        if how == "merged":
            note = _join(note, f"{old_name} merged into {names[0]}")
        elif how == "predecessors":
            note = _join(note, f"{old_name} did not exist yet in {self.year}; counted for {', '.join(names)}")
        return Resolution("resolved", codes, " / ".join(names), note)

    @cached_property
    def _region_index(self) -> dict[str, str]:
        index = {}
        for column in ("region_id", "name", "short_name"):
            pairs = zip(self.regions[column], self.regions["region_id"])
            index.update({normalise_name(value): region_id for value, region_id in pairs})
        return index

    def canonical_party_name(self, name: str, party_kind: str) -> str:
        """The canonical name of any party (an alias's target, else the name as written).

        Lets "Stichting Zet" and "ZET" meet as one organisation in the party layer.
        """
        alias = self._aliases_for(party_kind).get(normalise_name(name))
        return alias["canonical"] if alias is not None and alias["canonical"] else name

    def resolve_region(self, name: str) -> Resolution:
        """Resolve a region or group of municipalities as written to a region id."""
        key = normalise_name(name)
        note = ""
        alias = self._aliases_for("region").get(key)
        if alias is not None and key not in self._region_index:
            if not alias["canonical"]:
                return Resolution("unresolved", note=alias["note"] or "listed as unresolved in name_aliases.csv")
            key = normalise_name(alias["canonical"])
            note = alias["note"]
        region_id = self._region_index.get(key)
        if region_id is None:
            region_aliases = self.aliases.loc[self.aliases["party_kind"] == "region", "alias"]
            candidates = list(self.regions["short_name"]) + list(region_aliases)
            return Resolution("unknown", suggestions=closest(name, candidates))
        label = self.regions.set_index("region_id").loc[region_id, "short_name"]
        return Resolution("resolved", (region_id,), label, note)


def _join(*parts: str) -> str:
    return "; ".join(part for part in parts if part)
