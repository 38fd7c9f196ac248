"""What one report notebook works on: the data, the network and the parameters that made them."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field

import networkx as nx

from ..common.dutch import capitalise, count, date_text
from ..evidence.dataset import Dataset, load_dataset
from ..jupyter.lab import working_folder
from ..jupyter.parameters import check_parameters
from ..network import build_network

__all__ = ["Report", "build_report", "emptiness_notice", "prepare", "setup"]


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
        """The geography in words, such as "gemeentelijke indeling van 2026, met 56 gemeenten"."""
        return f"gemeentelijke indeling van {self.data.year}, met {len(self.data.reference.municipalities)} gemeenten"

    def counts_phrase(self) -> str:
        """Which initiatives give a number of municipalities without names, and whether they also name some."""
        counted = self.data.initiatives.dropna(subset=["reported_municipalities"])["initiative_id"]
        if counted.empty:
            return ""
        with_names = [i for i in counted if self.graph.degree(i) > 0]
        text = f"bij {count(len(counted), 'initiatief', 'initiatieven')} staat een aantal gemeenten zonder namen"
        if not with_names:
            return text.replace("staat een aantal", "staat alleen een aantal")
        return text + (f" (bij {len(with_names)} daarvan naast gemeenten die wel bij naam genoemd worden)"
                       if len(with_names) < len(counted) else ", naast gemeenten die wel bij naam genoemd worden")

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


_PREPARED: dict[str, Report] = {}
"""Reports built ahead by :func:`prepare`, by their checked parameters."""


def _key(parameters: dict) -> str:
    return json.dumps(parameters, sort_keys=True, default=str)


def prepare(parameters: dict) -> None:
    """Build the report for ``parameters`` ahead, so that :func:`build_report` with the same values returns it.

    The render's warm worker calls this before it forks a process per notebook: each notebook then starts
    with the data loaded and the network built (shared with the others until it changes them, which it
    does in its own copy), instead of reading 50,000 mentions again. Nothing here changes what a notebook
    computes: the same checked parameters give the same report.
    """
    report = build_report(**parameters)
    _PREPARED[_key(report.parameters)] = report


def build_report(year: int, roles: list | str | None = None, role_weights: dict | str | None = None,
                 expand_regions: bool | str = False, data_dir: str = "", as_of: str = "", **_unused) -> Report:
    """Load the data for the report parameters and build the network (nothing is shown).

    The values are checked as ``render`` checks them (:func:`vsv_analysis.jupyter.parameters.check_parameters`), with
    the same messages: text is read as YAML, so ``roles="[partner]"`` and ``role_weights='{"observer": 0}'``
    from plain ``papermill -p`` work. A relative ``data_dir`` is read from the working folder
    (:func:`vsv_analysis.jupyter.lab.working_folder`). A report :func:`prepare` built for the same values is
    returned as it is.
    """
    parameters = check_parameters({"year": year, "roles": [] if roles is None else roles,
                                   "role_weights": {} if role_weights is None else role_weights,
                                   "expand_regions": expand_regions, "data_dir": data_dir or "",
                                   "as_of": as_of or ""}, base=working_folder())
    if _key(parameters) in _PREPARED:
        return _PREPARED[_key(parameters)]
    data = load_dataset(parameters["data_dir"] or None, parameters["year"], as_of=parameters["as_of"] or None)
    graph = build_network(data, roles=parameters["roles"] or None, weights=parameters["role_weights"] or None,
                          expand_regions=parameters["expand_regions"])
    return Report(data, graph, parameters)


def setup(year: int, roles: list | str | None = None, role_weights: dict | str | None = None,
          expand_regions: bool | str = False, data_dir: str = "", as_of: str = "", **_unused) -> Report:
    """Load the data for the notebook's parameters, build the network, and say so when there is little to show.

    The parameters are checked and read as in :func:`build_report`.

    When the evidence holds no initiatives, or no mention of any municipality,
    a Dutch notice at the top of the report says so, so that empty sections
    further down read as what they are.
    """
    report = build_report(year, roles, role_weights, expand_regions, data_dir, as_of)
    notice = emptiness_notice(report)
    if notice:
        from .display import Markup, show_html

        show_html(Markup('<p class="vsv-notice" role="note">{}</p>').format(notice))
    return report


def emptiness_notice(report: Report) -> str:
    """A Dutch sentence when the evidence is empty or names no municipality; empty otherwise."""
    data = report.data
    when = (f" van tot en met {date_text(data.as_of.isoformat())}" if data.as_of is not None else "")
    if data.initiatives.empty:
        return (f"Let op: er zijn geen initiatieven in de bronnen{when}. Alle uitkomsten hieronder zijn daarom leeg.")
    if data.named_municipalities().empty:
        counted = data.initiatives["reported_municipalities"].notna().any()
        return (f"Let op: {report.source}{when} {report.verb('noemt', 'noemen')} geen enkele gemeente bij naam"
                + (", alleen aantallen gemeenten zonder namen" if counted else "")
                + ". Maten die gemeenten vergelijken blijven daarom leeg.")
    return ""
