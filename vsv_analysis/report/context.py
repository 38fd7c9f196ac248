"""What one report notebook works on: the data, the network and the parameters that made them."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import networkx as nx

from ..dataset import Dataset, load_dataset
from ..dutch import capitalise
from ..network import build_network

__all__ = ["Report", "setup"]


@dataclass
class Report:
    """The data and network one notebook works on, with the parameters that made them.

    Besides the data, it knows how a sentence names the evidence: ``source``
    is "het memo" when all evidence comes from one document that says so, and
    "de bronnen" otherwise; :meth:`verb` picks the matching verb form.
    """

    data: Dataset
    graph: nx.Graph
    parameters: dict = field(default_factory=dict)

    @property
    def division(self) -> str:
        """The geography in words, such as "gemeentelijke indeling 2026 (56 gemeenten)"."""
        return f"gemeentelijke indeling {self.data.year} ({len(self.data.reference.municipalities)} gemeenten)"

    @property
    def area(self) -> str:
        """The area the reference covers ("Noord-Brabant")."""
        return self.data.reference.area["name"]

    @functools.cached_property
    def _single_source(self):
        used = self.data.used_sources
        if len(used) == 0:
            used = self.data.sources[self.data.sources["is_available"]]
        return used.iloc[0] if len(used) == 1 else None

    @property
    def source(self) -> str:
        """How a sentence names the evidence: "het memo", "de bron" or "de bronnen"."""
        single = self._single_source
        if single is None:
            return "de bronnen"
        return single.get("referred_to_as") or "de bron"

    @property
    def Source(self) -> str:  # noqa: N802 (the capitalised form, for the start of a sentence)
        return capitalise(self.source)

    def verb(self, singular: str, plural: str) -> str:
        """The verb form that goes with :attr:`source` ("noemt" or "noemen")."""
        return singular if self._single_source is not None else plural


def setup(year: int, roles: list | None = None, role_weights: dict | None = None, expand_regions: bool = False,
          data_dir: str = "", as_of: str = "", **_unused) -> Report:
    """Load the data for the notebook's parameters and build the network."""
    data = load_dataset(data_dir or None, year, as_of=as_of or None)
    graph = build_network(data, roles=roles or None, weights=role_weights or None, expand_regions=expand_regions)
    parameters = {"year": year, "roles": roles or [], "role_weights": role_weights or {},
                  "expand_regions": expand_regions, "data_dir": data_dir, "as_of": as_of}
    return Report(data, graph, parameters)
