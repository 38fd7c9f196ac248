"""Who holds the network together: centrality of initiatives and municipalities.

All measures treat the graph as two-mode (Borgatti & Halgin, "Analyzing
affiliation networks", 2011): normalised degree, betweenness and closeness are
divided by the maximum a node can reach *given the size of the other side*, as
networkx's ``bipartite`` module does. The node sets are always passed
explicitly (``bipartite=0`` initiatives, ``bipartite=1`` municipalities).

A disconnected graph is normal here: an initiative with no named
municipality is a component of its own. Betweenness counts only shortest paths
that exist, so a node in a small component scores low because it connects
little, not because of an error. Closeness is computed within each node's
component and scaled by the share of the graph it can reach (Wasserman & Faust),
so nodes in small components are not rated as central (or, as a parameter, as
networkx normalises it). ``component`` in the table tells which part of the
network a node is in (1 = the largest). Betweenness and closeness are in
:mod:`~vsv_analysis.measures.paths`; betweenness is exact at every size.

Examples
--------
>>> import networkx as nx
>>> G = nx.complete_bipartite_graph(2, 3)
>>> table = centrality_table(G)
>>> table[["node", "degree", "degree_centrality", "betweenness"]].round(3).to_dict("list")
{'node': [0, 1, 2, 3, 4], 'degree': [3, 3, 2, 2, 2], 'degree_centrality': [1.0, 1.0, 1.0, 1.0, 1.0], \
'betweenness': [0.3, 0.3, 0.083, 0.083, 0.083]}
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from .paths import betweenness_and_closeness, bipartite_betweenness, bipartite_closeness
from .projection import biadjacency, projection_matrix, side_nodes

__all__ = [
    "bipartite_betweenness",
    "bipartite_closeness",
    "bridging_municipalities",
    "centrality_table",
    "pagerank",
]


def _sides(G: nx.Graph) -> tuple[list, list]:
    return side_nodes(G, "initiative"), side_nodes(G, "municipality")


def pagerank(W: sp.csr_matrix, alpha: float = 0.85, tol: float = 1e-10, max_iter: int = 1000) -> np.ndarray:
    """PageRank of a weighted, undirected one-mode network given as a sparse matrix.

    The same definition as ``networkx.pagerank`` (dangling nodes spread their
    score evenly), computed by power iteration on the sparse matrix.
    """
    size = W.shape[0]
    if size == 0:
        return np.zeros(0)
    out = np.asarray(W.sum(axis=1)).ravel()
    dangling = out == 0
    M = sp.diags(np.divide(1.0, out, out=np.zeros_like(out), where=~dangling)) @ W
    scores = np.full(size, 1.0 / size)
    for _ in range(max_iter):
        updated = alpha * (M.T @ scores + scores[dangling].sum() / size) + (1 - alpha) / size
        if np.abs(updated - scores).sum() < size * tol:
            return updated
        scores = updated
    return scores


def centrality_table(
    G: nx.Graph,
    *,
    projection_weighting: str = "newman",
    betweenness_sample: int | None = None,
    seed: int = 0,
    closeness_normalisation: str = "component",
) -> pd.DataFrame:
    """Centrality of every node, one row each, with a rank per measure.

    Parameters
    ----------
    G : networkx.Graph
        Bipartite graph from :func:`vsv_analysis.network.build_network`.
    projection_weighting : str
        Weighting of the one-mode projection on which PageRank runs (see
        :mod:`vsv_analysis.measures.projection`); default Newman's collaboration weights.
    betweenness_sample : int or None
        None (default): exact betweenness, which takes seconds even at national
        scale (see benchmarks/README.md); a number: estimated from that many
        sampled sources (Brandes & Pich, 2007). ``betweenness_method`` in the
        table says which was used.
    seed : int
        Seed for sampling, so estimates repeat.
    closeness_normalisation : str
        ``component`` (default) or ``networkx``; see
        :func:`~vsv_analysis.measures.paths.bipartite_closeness`.

    Returns
    -------
    DataFrame
        ``node``, ``node_kind`` (initiative or municipality), ``name``,
        ``is_resolved``, ``component`` (1 = largest connected part),
        ``degree`` (number of links), ``weighted_degree`` (sum of role
        weights), ``degree_centrality`` (degree / size of the other side),
        ``betweenness``, ``closeness``, ``pagerank`` (on the projection of the
        node's own side, so comparable within a side only),
        ``betweenness_method``, ``closeness_normalisation``, and ``rank_<measure>`` (1 = highest, ties
        share the best rank) within each side. Sorted by side, then degree.
    """
    top, bottom = _sides(G)
    if betweenness_sample is not None and betweenness_sample >= len(G):
        betweenness_sample = None
    betweenness, closeness = betweenness_and_closeness(G, betweenness_sample, seed, closeness_normalisation)
    degree_centrality = nx.bipartite.degree_centrality(G, top) if top and bottom else dict.fromkeys(G, 0.0)

    B, rows, columns = biadjacency(G)
    weighted_B = biadjacency(G, weight="weight")[0] if projection_weighting == "role" else None
    ranks = {}
    ranks.update(zip(rows, pagerank(projection_matrix(B, projection_weighting, weighted_B))))
    ranks.update(zip(columns, pagerank(projection_matrix(
        B.T.tocsr(), projection_weighting, weighted_B.T.tocsr() if weighted_B is not None else None))))

    component_of = {}
    for number, members in enumerate(sorted(nx.connected_components(G), key=lambda c: (-len(c), min(map(str, c)))), 1):
        component_of.update(dict.fromkeys(members, number))

    method = "exact" if betweenness_sample is None else f"sampled (k={betweenness_sample}, seed={seed})"
    rows_out = []
    for node in top + bottom:
        data = G.nodes[node]
        rows_out.append({
            "node": node,
            "node_kind": "initiative" if data["bipartite"] == 0 else "municipality",
            "name": data.get("name", str(node)),
            "is_resolved": data.get("is_resolved", True),
            "component": component_of[node],
            "degree": G.degree(node),
            "weighted_degree": float(G.degree(node, weight="weight")),
            "degree_centrality": degree_centrality[node],
            "betweenness": betweenness[node],
            "closeness": closeness[node],
            "pagerank": float(ranks[node]),
            "betweenness_method": method,
            "closeness_normalisation": closeness_normalisation,
        })
    columns = ["node", "node_kind", "name", "is_resolved", "component", "degree", "weighted_degree",
               "degree_centrality", "betweenness", "closeness", "pagerank", "betweenness_method",
               "closeness_normalisation"]
    table = pd.DataFrame(rows_out, columns=columns)
    for measure in ("degree", "weighted_degree", "betweenness", "closeness", "pagerank"):
        rounded = table[measure].round(12)  # ties that differ only by floating-point noise share a rank
        table[f"rank_{measure}"] = rounded.groupby(table["node_kind"]).rank(method="min", ascending=False).astype(int)
    return table.sort_values(["node_kind", "degree", "weighted_degree", "name"],
                             ascending=[True, False, False, True], ignore_index=True)


def bridging_municipalities(G: nx.Graph) -> pd.DataFrame:
    """Municipalities that link initiatives, and which of them no other path links.

    One row per municipality in two or more initiatives: ``node``, ``name``,
    ``initiatives`` (count), ``initiative_names``, ``is_cut_vertex`` (removing
    it splits its part of the network) and ``separated_initiative_pairs``: pairs
    of its initiatives that would have no connection at all without it.
    Sorted by separated pairs, then initiatives.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_nodes_from(["a", "b", "c"], bipartite=0)
    >>> G.add_nodes_from(["x", "y"], bipartite=1)
    >>> G.add_edges_from([("a", "x"), ("b", "x"), ("b", "y"), ("c", "y")])
    >>> bridging_municipalities(G)[["node", "initiatives", "separated_initiative_pairs"]].values.tolist()
    [['x', 2, 1], ['y', 2, 1]]
    """
    # Two neighbours of a node stay connected without it exactly when they share a
    # biconnected block with it, so one pass over the blocks (linear time) gives every count.
    block_share: dict = {}
    for block in nx.biconnected_component_edges(G):
        nodes_in_block = {n for edge in block for n in edge}
        for node in nodes_in_block:
            if G.nodes[node].get("bipartite") == 1:
                block_share.setdefault(node, []).append(len(nodes_in_block & set(G[node])))
    rows = []
    for node in side_nodes(G, "municipality"):
        initiatives = sorted(G[node], key=str)
        if len(initiatives) < 2:
            continue
        together = sum(k * (k - 1) // 2 for k in block_share.get(node, []))
        separated = len(initiatives) * (len(initiatives) - 1) // 2 - together
        rows.append({
            "node": node,
            "name": G.nodes[node].get("name", str(node)),
            "initiatives": len(initiatives),
            "initiative_names": "; ".join(G.nodes[i].get("name", str(i)) for i in initiatives),
            "is_cut_vertex": len(block_share.get(node, [])) > 1,
            "separated_initiative_pairs": separated,
        })
    columns = ["node", "name", "initiatives", "initiative_names", "is_cut_vertex", "separated_initiative_pairs"]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["separated_initiative_pairs", "initiatives", "name"], ascending=[False, False, True],
                             ignore_index=True)
