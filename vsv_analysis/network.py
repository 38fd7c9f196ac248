"""The bipartite network of initiatives and municipalities.

Initiatives are nodes with ``bipartite=0`` (node id: ``initiative_id``),
municipalities nodes with ``bipartite=1`` (node id: CBS code of the geography
year). An edge means the evidence names the municipality in the initiative; it
carries the role, a role weight and the mentions it rests on, so every edge
traces back to rows of ``involvements.csv``.

Parties that are neither initiative nor municipality (the province, foundations,
companies, water boards, residents' groups, and regions that are not expanded)
stay out of this graph; :func:`build_party_network` gives them as a separate
layer.

Examples
--------
>>> from vsv_analysis.evidence.dataset import load_dataset
>>> G = build_network(load_dataset(year=2022))
>>> len(municipality_nodes(G, resolved_only=True))
13
>>> G.edges["brabant_outcomes_fund", "GM0772"]["role"]
'co-designer'
"""

from __future__ import annotations

import reprlib
from collections.abc import Iterable, Mapping

import networkx as nx
import numpy as np
import pandas as pd

from .common.names import normalise_name
from .evidence.dataset import Dataset
from .evidence.roles import check_roles, role_weights
from .evidence.vocabulary import default_vocabulary
from .files.csvfiles import records

__all__ = [
    "DEFAULT_ROLE_WEIGHTS",
    "build_network",
    "build_party_network",
    "degree_table",
    "check_roles",
    "edge_table",
    "initiative_nodes",
    "municipality_nodes",
    "role_weights",
]

DEFAULT_ROLE_WEIGHTS: dict[str, float] = default_vocabulary().role_weights
"""How much one involvement counts, by role, in the shipped vocabulary (``roles.csv``).

1.0: the party does part of the work (partner, participant, co-designer, the
method applied in it, initiator, executor, funder). 0.5: involved without doing
the work (yet): network member, exploring, requester. 0.25: observer, who only
listens in. These are judgements, not facts: a data folder's own
``vocabularies/roles.csv`` changes them for its data, and ``role_weights``
overrides them for one analysis.
"""

UNRESOLVED_PREFIX = "unresolved:"


def _check_flag(name: str, value) -> bool:
    if not isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be True or False, not {reprlib.repr(value)}")
    return bool(value)


def build_network(
    data: Dataset,
    *,
    roles: Iterable[str] | None = None,
    weights: Mapping[str, float] | None = None,
    expand_regions: bool = False,
    include_unresolved: bool = False,
) -> nx.Graph:
    """Build the initiative × municipality graph for the dataset's geography year.

    Parameters
    ----------
    data : Dataset
        From :func:`vsv_analysis.evidence.dataset.load_dataset`; its year decides the
        municipalities (merged ones are already carried to their successor).
    roles : iterable of str, optional
        Keep only mentions with these roles. None or an empty list means all
        roles, as the notebooks' ``roles: list = []`` parameter does.
    weights : mapping, optional
        Role weights overriding the vocabulary's default weights.
    expand_regions : bool
        If true, a region mention marked ``expand_to_members`` counts for each
        member municipality, as an edge with ``is_indirect=True``. A direct
        mention of the same pair always wins over an indirect one.
    include_unresolved : bool
        Also add municipality names that cannot be placed (such as Galderen)
        as nodes with ``is_resolved=False`` and node id ``"unresolved:<name>"``.
        Off by default: such a name is no municipality, so it must not change
        any measure; it stays in the data, flagged, and the data report lists it.

    Returns
    -------
    networkx.Graph
        Every initiative is a node, also one without municipalities. Node
        attributes: ``bipartite``, ``node_kind``, ``name``; initiatives add
        ``kind``, ``themes`` (list), ``reported_municipalities``,
        ``reported_municipalities_role``, ``source_section``; municipalities add
        ``cbs_code``, ``population``, ``population_date``, ``regions`` (list)
        and one attribute per regional grouping (``regio_4``, ``corop``,
        ``b5``), ``is_resolved``. Edge attributes: ``role`` (of the heaviest
        mention), ``roles`` (list), ``weight``, ``is_indirect``, ``via_region``
        and ``mention_ids`` (list). ``G.graph`` records the options used.

    Raises
    ------
    TypeError
        When ``data`` is not a Dataset, ``roles`` not a list of names,
        ``weights`` not a mapping, or a flag not ``True`` or ``False``.
    ValueError
        For an unknown role, or a weight that is negative, NaN or infinite.
    """
    if not isinstance(data, Dataset):
        raise TypeError(f"data must be a Dataset, as vsv_analysis.load_dataset() returns, "
                        f"not {type(data).__name__}")
    expand_regions = _check_flag("expand_regions", expand_regions)
    include_unresolved = _check_flag("include_unresolved", include_unresolved)
    vocabulary = data.vocabulary
    keep_roles = (check_roles(roles, vocabulary) if roles is not None else []) or list(vocabulary.values("role"))
    weight_of = role_weights(weights, vocabulary)
    reference = data.reference
    G = nx.Graph(year=data.year, roles=keep_roles, role_weights=weight_of, expand_regions=expand_regions,
                 include_unresolved=include_unresolved, population_date=reference.population_date,
                 programme=data.programme.name if data.programme.is_described else "",
                 initiative_kinds=list(vocabulary.values("kind")))

    for row in records(data.initiatives):
        reported = row["reported_municipalities"]
        G.add_node(row["initiative_id"], bipartite=0, node_kind="initiative", name=row["initiative_name"],
                   kind=row["kind"], themes=[t.strip() for t in row["themes"].split("|") if t.strip()],
                   reported_municipalities=None if pd.isna(reported) else int(reported),
                   reported_municipalities_role=row["reported_municipalities_role"],
                   source_section=row["source_section"])

    municipalities = reference.municipalities.set_index("cbs_code")
    groupings = [c for c in municipalities.columns if c not in ("name", "population", "population_date")]

    def add_municipality(code: str) -> None:
        if code in G:
            return
        row = municipalities.loc[code]
        G.add_node(code, bipartite=1, node_kind="municipality", name=row["name"], cbs_code=code,
                   population=int(row["population"]), population_date=row["population_date"],
                   regions=[r for g in groupings for r in row[g].split("; ") if r],
                   **{g: row[g] for g in groupings}, is_resolved=True)

    mentions = data.involvements[data.involvements["role"].isin(keep_roles)]
    direct = mentions[mentions["party_kind"] == "municipality"]
    for row in records(direct, MENTION_FIELDS):
        if row["is_resolved"]:
            node = row["municipality_code"]
            add_municipality(node)
        elif include_unresolved:
            node = UNRESOLVED_PREFIX + row["name_as_written"]
            G.add_node(node, bipartite=1, node_kind="municipality", name=row["name_as_written"], cbs_code="",
                       population=None, population_date="", regions=[], is_resolved=False,
                       resolution_note=row["resolution_note"])
        else:
            continue
        _add_mention(G, row["initiative_id"], node, row, weight_of[row["role"]], via_region="")

    if expand_regions:
        regions = mentions[(mentions["party_kind"] == "region") & mentions["expand_to_members"]
                           & (mentions["is_resolved"] == True)]  # noqa: E712 (nullable boolean)
        for row in records(regions, MENTION_FIELDS + ["region_id"]):
            for code in reference.members_of(row["region_id"]):
                edge = G.get_edge_data(row["initiative_id"], code)
                if edge is not None and not edge["is_indirect"]:
                    continue
                add_municipality(code)
                _add_mention(G, row["initiative_id"], code, row, weight_of[row["role"]], via_region=row["region_id"])
    return G


MENTION_FIELDS = ["mention_id", "initiative_id", "role", "is_resolved", "municipality_code", "name_as_written",
                  "resolution_note"]


def _add_mention(G: nx.Graph, initiative: str, node: str, row: dict, weight: float, via_region: str) -> None:
    edge = G.get_edge_data(initiative, node)
    if edge is None:
        G.add_edge(initiative, node, role=row["role"], roles=[row["role"]], weight=weight,
                   is_indirect=bool(via_region), via_region=via_region, mention_ids=[row["mention_id"]])
        return
    if weight > edge["weight"]:
        edge["role"], edge["weight"] = row["role"], weight
    edge["roles"] = sorted(set(edge["roles"]) | {row["role"]})
    edge["mention_ids"].append(row["mention_id"])
    if via_region and via_region not in edge["via_region"].split("; "):
        edge["via_region"] = "; ".join(filter(None, [edge["via_region"], via_region]))


def initiative_nodes(G: nx.Graph) -> set:
    """The initiative node set (``bipartite=0``)."""
    return {n for n, side in G.nodes(data="bipartite") if side == 0}


def municipality_nodes(G: nx.Graph, resolved_only: bool = False) -> set:
    """The municipality node set (``bipartite=1``), optionally without unresolved names."""
    return {n for n, d in G.nodes(data=True)
            if d["bipartite"] == 1 and (d.get("is_resolved", True) or not resolved_only)}


def edge_table(G: nx.Graph) -> pd.DataFrame:
    """One row per edge: initiative, municipality, role, weight, indirectness and mentions."""
    rows = []
    for u, v, d in G.edges(data=True):
        initiative, municipality = (u, v) if G.nodes[u]["bipartite"] == 0 else (v, u)
        rows.append({
            "initiative_id": initiative,
            "initiative_name": G.nodes[initiative]["name"],
            "municipality_node": municipality,
            "municipality_name": G.nodes[municipality]["name"],
            "role": d["role"],
            "roles": "; ".join(d["roles"]),
            "weight": d["weight"],
            "is_indirect": d["is_indirect"],
            "via_region": d["via_region"],
            "mention_ids": "; ".join(d["mention_ids"]),
        })
    columns = ["initiative_id", "initiative_name", "municipality_node", "municipality_name", "role", "roles",
               "weight", "is_indirect", "via_region", "mention_ids"]
    return pd.DataFrame(rows, columns=columns).sort_values(["initiative_id", "municipality_name"], ignore_index=True)


def degree_table(G: nx.Graph) -> pd.DataFrame:
    """Every node with its number of links (``degree``) and their summed role weight, most involved first per side.

    Columns ``node``, ``node_kind``, ``name``, ``is_resolved``, ``degree``, ``weighted_degree``, in the order of
    :func:`vsv_analysis.measures.centrality.centrality_table`, which adds the path measures: counting links is
    all "who is named most" needs, at any size.
    """
    rows = [{"node": node, "node_kind": "initiative" if data["bipartite"] == 0 else "municipality",
             "name": data.get("name", str(node)), "is_resolved": data.get("is_resolved", True),
             "degree": G.degree(node), "weighted_degree": float(G.degree(node, weight="weight"))}
            for node, data in G.nodes(data=True)]
    table = pd.DataFrame(rows, columns=["node", "node_kind", "name", "is_resolved", "degree", "weighted_degree"])
    return table.sort_values(["node_kind", "degree", "weighted_degree", "name"],
                             ascending=[True, False, False, True], ignore_index=True)


def build_party_network(data: Dataset) -> nx.Graph:
    """The third layer: initiatives (``bipartite=0``) and the other parties (``bipartite=1``).

    Other parties are everything that is not a municipality: the province,
    foundations, companies, water boards, residents' groups and regions.
    Spelling variants of one organisation (Zet, ZET, Stichting Zet) meet
    through ``name_aliases.csv`` and case folding; party node ids are
    ``"party:<normalised name>"``.

    Examples
    --------
    >>> from vsv_analysis.evidence.dataset import load_dataset
    >>> P = build_party_network(load_dataset(year=2022))
    >>> sorted(P["party:zet"])
    ['dementievriendelijk_brabant', 'energietransitie_smalle_beurs', 'pilot_altena', 'sterk_brabant']
    """
    P = nx.Graph(year=data.year)
    for row in records(data.initiatives):
        P.add_node(row["initiative_id"], bipartite=0, node_kind="initiative", name=row["initiative_name"],
                   kind=row["kind"])
    others = data.involvements[data.involvements["party_kind"] != "municipality"]
    for row in records(others):
        name = row["region_name"] or data.reference.canonical_party_name(row["name_as_written"], row["party_kind"])
        node = "party:" + normalise_name(name)
        if node not in P:
            P.add_node(node, bipartite=1, node_kind="party", name=name, party_kind=row["party_kind"])
        if P.has_edge(row["initiative_id"], node):
            P.edges[row["initiative_id"], node]["mention_ids"].append(row["mention_id"])
        else:
            P.add_edge(row["initiative_id"], node, role=row["role"], mention_ids=[row["mention_id"]])
    return P
