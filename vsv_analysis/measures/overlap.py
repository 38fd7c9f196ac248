"""Do initiatives reach the same municipalities? Overlap, co-involvement, communities.

The nestedness test is in :mod:`vsv_analysis.measures.nestedness`; :func:`nestedness`, :func:`nodf`,
:func:`curveball` and :func:`curveball_chain` are available from here too.

Examples
--------
>>> import networkx as nx
>>> G = nx.Graph()
>>> G.add_nodes_from(["a", "b"], bipartite=0)
>>> G.add_nodes_from(["x", "y", "z"], bipartite=1)
>>> G.add_edges_from([("a", "x"), ("a", "y"), ("b", "y"), ("b", "z")])
>>> initiative_overlap(G)[["initiative_a", "initiative_b", "shared", "jaccard", "overlap_coefficient"]].values.tolist()
[['a', 'b', 1, 0.3333333333333333, 0.5]]
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from .nestedness import NESTEDNESS_MIN_SIZE, curveball, curveball_chain, nestedness, nodf
from .projection import biadjacency, project

__all__ = [
    "NESTEDNESS_MIN_SIZE",
    "initiative_overlap",
    "municipality_communities",
    "municipality_pairs",
    "municipality_recurrence",
    "nestedness",
    "nodf",
    "overlap_matrix",
    "curveball",
    "curveball_chain",
]


def _name(G: nx.Graph, node) -> str:
    return G.nodes[node].get("name", str(node))


LIST_SHARED_MAX_PAIRS = 20_000
"""Above this many pairs, ``initiative_overlap`` leaves out the names of shared municipalities."""


def initiative_overlap(G: nx.Graph, min_shared: int = 1) -> pd.DataFrame:
    """Pairs of initiatives and the municipalities they share.

    For initiatives A and B with municipality sets ``N(A)`` and ``N(B)``:
    ``shared = |N(A) ∩ N(B)|``, Jaccard ``= shared / |N(A) ∪ N(B)|`` (1 when
    the sets are equal) and the overlap coefficient (Szymkiewicz–Simpson)
    ``= shared / min(|N(A)|, |N(B)|)`` (1 when the smaller set lies inside the
    larger). Computed on the sparse biadjacency matrix, without pairwise loops.

    Parameters
    ----------
    min_shared : int
        Leave out pairs sharing fewer municipalities (default 1: only pairs that
        overlap at all; 0 lists every pair, with empty measures where a set is empty).

    Returns
    -------
    DataFrame
        ``initiative_a``, ``initiative_b`` (node ids), ``name_a``, ``name_b``,
        ``size_a``, ``size_b``, ``shared``, ``union``, ``jaccard``,
        ``overlap_coefficient`` and, up to :data:`LIST_SHARED_MAX_PAIRS` pairs,
        ``shared_municipalities`` (names, "; "); sorted by Jaccard, then
        shared, descending, then by initiative id.
    """
    B, rows, columns = biadjacency(G)
    B = sp.csr_matrix(B)
    size = np.asarray(B.sum(axis=1)).ravel().astype(int)
    if min_shared > 0:
        shared = sp.triu(B @ B.T, k=1).tocoo()
        keep = shared.data >= min_shared
        first, second, count = shared.row[keep], shared.col[keep], shared.data[keep].astype(int)
    else:
        first, second = np.triu_indices(len(rows), k=1)
        count = np.asarray((B @ B.T).toarray()[first, second]).astype(int)
    union = size[first] + size[second] - count
    smaller = np.minimum(size[first], size[second])
    names = np.array([_name(G, n) for n in rows], dtype=object)
    ids = np.array(rows, dtype=object)
    with np.errstate(divide="ignore", invalid="ignore"):
        table = pd.DataFrame({
            "initiative_a": ids[first], "initiative_b": ids[second],
            "name_a": names[first], "name_b": names[second],
            "size_a": size[first], "size_b": size[second],
            "shared": count, "union": union,
            "jaccard": np.where(union > 0, count / union, np.nan),
            "overlap_coefficient": np.where(smaller > 0, count / smaller, np.nan),
        })
    if len(table) <= LIST_SHARED_MAX_PAIRS:
        members = [set(B.indices[B.indptr[i]:B.indptr[i + 1]]) for i in range(len(rows))]
        table["shared_municipalities"] = [
            "; ".join(sorted(_name(G, columns[c]) for c in members[i] & members[j])) for i, j in zip(first, second)]
    # Numeric sort keys (ties in node-id order): sorting millions of names would dominate the run time.
    order = np.lexsort((second, first, -count, -np.nan_to_num(table["jaccard"].to_numpy(), nan=-1.0)))
    return table.iloc[order].reset_index(drop=True)


def overlap_matrix(G: nx.Graph, measure: str = "jaccard") -> pd.DataFrame:
    """Initiative × initiative matrix of ``shared``, ``jaccard`` or ``overlap_coefficient``, indexed by name.

    The diagonal holds each initiative's own number of municipalities for
    ``shared``, and 1 for the ratios (empty for an initiative without municipalities).
    """
    if measure not in ("shared", "jaccard", "overlap_coefficient"):
        raise ValueError(f"measure must be shared, jaccard or overlap_coefficient, not {measure!r}")
    B, rows, _ = biadjacency(G)
    shared = (B @ B.T).toarray()
    size = np.diag(shared).copy()
    with np.errstate(divide="ignore", invalid="ignore"):
        if measure == "shared":
            values = shared
        elif measure == "jaccard":
            values = shared / (size[:, None] + size[None, :] - shared)
        else:
            values = shared / np.minimum(size[:, None], size[None, :])
    names = [_name(G, n) for n in rows]
    return pd.DataFrame(values, index=names, columns=names)


def municipality_pairs(G: nx.Graph, weighting: str = "count") -> pd.DataFrame:
    """Pairs of municipalities named together in at least one initiative (the co-involvement projection).

    ``weighting`` is ``count``, ``jaccard``, ``newman`` or ``role`` (see
    :mod:`vsv_analysis.measures.projection`). Columns: ``municipality_a``,
    ``municipality_b`` (names), ``shared_initiatives``, ``weight``; heaviest first.
    """
    P = project(G, "municipality", weighting)
    rows = [{"municipality_a": _name(P, u), "municipality_b": _name(P, v), "shared_initiatives": d["shared"],
             "weight": d["weight"]} for u, v, d in P.edges(data=True)]
    table = pd.DataFrame(rows, columns=["municipality_a", "municipality_b", "shared_initiatives", "weight"])
    ordered = table.apply(lambda r: sorted([r["municipality_a"], r["municipality_b"]]), axis=1, result_type="expand")
    if len(table):
        table[["municipality_a", "municipality_b"]] = ordered
    return table.sort_values(["weight", "municipality_a", "municipality_b"], ascending=[False, True, True],
                             ignore_index=True)


def municipality_recurrence(G: nx.Graph) -> pd.DataFrame:
    """How often each municipality recurs across initiatives.

    ``initiatives`` is the number of initiatives naming it and
    ``share_of_initiatives_pct`` that number as a percentage of the
    initiatives that name any municipality at all.
    """
    B, rows, columns = biadjacency(G)
    active = int((np.asarray(B.sum(axis=1)).ravel() > 0).sum())
    degree = np.asarray(B.sum(axis=0)).ravel().astype(int)
    table = pd.DataFrame({
        "node": columns,
        "name": [_name(G, n) for n in columns],
        "initiatives": degree,
        "share_of_initiatives_pct": 100 * degree / active if active else np.nan,
        "initiative_names": ["; ".join(sorted(_name(G, i) for i in G[n])) for n in columns],
    })
    return table.sort_values(["initiatives", "name"], ascending=[False, True], ignore_index=True)


def municipality_communities(G: nx.Graph, weighting: str = "newman", seed: int = 42,
                             resolution: float = 1.0) -> pd.DataFrame:
    """Groups of municipalities that are often involved together (Louvain on the projection).

    Louvain (Blondel et al., 2008, as in networkx) maximises modularity; with a
    fixed ``seed`` the result repeats. Community 1 is the largest. Columns:
    ``node``, ``name``, ``community``, ``community_size``; the modularity of the
    partition is in ``table.attrs["modularity"]``.
    """
    P = project(G, "municipality", weighting)
    if P.number_of_nodes() == 0:
        return pd.DataFrame(columns=["node", "name", "community", "community_size"])
    communities = nx.community.louvain_communities(P, weight="weight", seed=seed, resolution=resolution)
    communities = sorted(communities, key=lambda c: (-len(c), min(_name(P, n) for n in c)))
    rows = [{"node": n, "name": _name(P, n), "community": number, "community_size": len(members)}
            for number, members in enumerate(communities, 1) for n in members]
    table = pd.DataFrame(rows).sort_values(["community", "name"], ignore_index=True)
    table.attrs["modularity"] = (nx.community.modularity(P, communities, weight="weight")
                                 if P.number_of_edges() else 0.0)
    return table
