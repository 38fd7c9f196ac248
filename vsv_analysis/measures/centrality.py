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
so nodes in small components are not rated as central. ``component`` in the
table tells which part of the network a node is in (1 = the largest).

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
from scipy.sparse.csgraph import connected_components, shortest_path

from .projection import biadjacency, projection_matrix, side_nodes

__all__ = [
    "EXACT_BETWEENNESS_MAX_NODES",
    "BETWEENNESS_SAMPLE_SIZE",
    "bipartite_betweenness",
    "bipartite_closeness",
    "bridging_municipalities",
    "centrality_table",
    "pagerank",
]

EXACT_BETWEENNESS_MAX_NODES = 2000
"""Above this many nodes, betweenness is estimated from a sample of source nodes."""

BETWEENNESS_SAMPLE_SIZE = 500
"""Number of sampled source nodes for estimated betweenness (Brandes & Pich, 2007)."""


def _sides(G: nx.Graph) -> tuple[list, list]:
    return side_nodes(G, "initiative"), side_nodes(G, "municipality")


def _max_betweenness(n: int, m: int) -> float:
    """Largest possible betweenness of a node whose side has n nodes, the other side m (Borgatti & Halgin)."""
    if m == 0:
        return 0.0
    s, t = divmod(n - 1, m)
    return ((m**2) * ((s + 1) ** 2) + m * (s + 1) * (2 * t - s - 1) - t * (2 * s - t + 3)) / 2.0


def _path_dependencies(A: sp.csr_matrix, sources: np.ndarray, batch: int = 64) -> np.ndarray:
    """Brandes' dependency sums over ``sources`` for an unweighted, undirected graph.

    Breadth-first search runs level by level for a batch of sources at once, as
    sparse-matrix products (counting shortest paths forward, accumulating
    dependencies backward), instead of node by node in Python.
    """
    n = A.shape[0]
    total = np.zeros(n)
    for start in range(0, len(sources), batch):
        chunk = sources[start:start + batch]
        columns = np.arange(len(chunk))
        sigma = np.zeros((n, len(chunk)))
        sigma[chunk, columns] = 1.0
        depth = np.full((n, len(chunk)), -1, dtype=np.int32)
        depth[chunk, columns] = 0
        frontier, level = sigma.copy(), 0
        while True:
            reached = A @ frontier
            new = (depth < 0) & (reached > 0)
            if not new.any():
                break
            level += 1
            depth[new] = level
            frontier = np.where(new, reached, 0.0)
            sigma += frontier
        delta = np.zeros_like(sigma)
        safe_sigma = np.where(sigma > 0, sigma, 1.0)
        for current in range(level, 0, -1):
            share = np.where(depth == current, (1.0 + delta) / safe_sigma, 0.0)
            delta += np.where(depth == current - 1, sigma * (A @ share), 0.0)
        delta[chunk, columns] = 0.0
        total += delta.sum(axis=1)
    return total


def bipartite_betweenness(G: nx.Graph, k: int | None = None, seed: int = 0) -> dict:
    """Betweenness, normalised for a two-mode network.

    The share of shortest paths between other nodes that pass through a node,
    divided by the largest value possible for its side (Borgatti & Halgin).
    Equal to ``networkx.bipartite.betweenness_centrality`` when ``k`` is None,
    but computed with vectorised breadth-first search. With ``k``, an unbiased
    estimate from ``k`` randomly chosen source nodes (seeded; scaled as
    networkx scales its own sampled betweenness). A side whose maximum is 0
    (a single node facing one node) scores 0 instead of dividing by zero.
    """
    top, bottom = _sides(G)
    order = top + bottom
    n = len(order)
    if n < 3:
        return dict.fromkeys(order, 0.0)
    A = sp.csr_matrix(nx.to_scipy_sparse_array(G, nodelist=order, weight=None, format="csr"), dtype=float)
    if k is None:
        raw = _path_dependencies(A, np.arange(n)) / 2
    else:
        sampled = np.random.default_rng(seed).choice(n, size=k, replace=False)
        scale = np.full(n, (n - 1) / (2 * k))
        scale[sampled] = (n - 1) / (2 * (k - 1)) if k > 1 else 0.0
        raw = _path_dependencies(A, sampled) * scale
    scores = {}
    for own, other, offset in ((top, bottom, 0), (bottom, top, len(top))):
        maximum = _max_betweenness(len(own), len(other))
        for index, node in enumerate(own, start=offset):
            scores[node] = float(raw[index] / maximum) if maximum > 0 else 0.0
    return scores


def bipartite_closeness(G: nx.Graph) -> dict:
    """Closeness, normalised for a two-mode network, and fair on a disconnected graph.

    For a node with distance sum ``d`` to the ``r`` other nodes of its
    component, which holds ``n_c`` nodes of its own side and ``m_c`` of the
    other: ``(m_c + 2 (n_c - 1)) / d`` (the two-mode optimum over the actual
    sum; Borgatti & Halgin), times ``r / (N - 1)``, the share of the whole graph
    it reaches (Wasserman & Faust). On a connected graph this equals
    ``networkx.bipartite.closeness_centrality(G, nodes, normalized=True)``.
    networkx compares every node with the optimum for the *whole* graph, so in a
    small component its values exceed 1 (a pilot with one municipality would
    look the most central); the per-component optimum keeps every value in
    [0, 1]. The searches run in scipy, in chunks, so this scales. A node that
    reaches nothing scores 0.
    """
    top, bottom = _sides(G)
    order = top + bottom
    total = len(order)
    if total < 2:
        return dict.fromkeys(order, 0.0)
    is_top = np.array([True] * len(top) + [False] * len(bottom))
    A = nx.to_scipy_sparse_array(G, nodelist=order, weight=None, format="csr")
    _, labels = connected_components(A, directed=False)
    top_in = np.bincount(labels, weights=is_top, minlength=labels.max() + 1)
    bottom_in = np.bincount(labels, weights=~is_top, minlength=labels.max() + 1)
    scores = {}
    chunk = max(1, 2_000_000 // total)
    for start in range(0, total, chunk):
        indices = np.arange(start, min(start + chunk, total))
        distances = shortest_path(A, method="D", unweighted=True, indices=indices)
        reachable = np.isfinite(distances)
        distance_sum = np.where(reachable, distances, 0).sum(axis=1)
        reached = reachable.sum(axis=1) - 1
        for index, dsum, count in zip(indices, distance_sum, reached):
            if dsum <= 0:
                scores[order[index]] = 0.0
                continue
            own, other = ((top_in, bottom_in) if is_top[index] else (bottom_in, top_in))
            label = labels[index]
            optimum = other[label] + 2 * (own[label] - 1)
            scores[order[index]] = float(optimum / dsum * count / (total - 1))
    return scores


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
    betweenness_sample: int | None | str = "auto",
    seed: int = 0,
) -> pd.DataFrame:
    """Centrality of every node, one row each, with a rank per measure.

    Parameters
    ----------
    G : networkx.Graph
        Bipartite graph from :func:`vsv_analysis.network.build_network`.
    projection_weighting : str
        Weighting of the one-mode projection on which PageRank runs (see
        :mod:`vsv_analysis.measures.projection`); default Newman's collaboration weights.
    betweenness_sample : int, None or "auto"
        Number of sampled sources for betweenness; None is exact; "auto" is
        exact up to :data:`EXACT_BETWEENNESS_MAX_NODES` nodes and samples
        :data:`BETWEENNESS_SAMPLE_SIZE` sources above. ``betweenness_method``
        in the table says which was used.
    seed : int
        Seed for sampling, so estimates repeat.

    Returns
    -------
    DataFrame
        ``node``, ``node_kind`` (initiative or municipality), ``name``,
        ``is_resolved``, ``component`` (1 = largest connected part),
        ``degree`` (number of links), ``weighted_degree`` (sum of role
        weights), ``degree_centrality`` (degree / size of the other side),
        ``betweenness``, ``closeness``, ``pagerank`` (on the projection of the
        node's own side, so comparable within a side only),
        ``betweenness_method``, and ``rank_<measure>`` (1 = highest, ties
        share the best rank) within each side. Sorted by side, then degree.
    """
    top, bottom = _sides(G)
    if betweenness_sample == "auto":
        betweenness_sample = None if len(G) <= EXACT_BETWEENNESS_MAX_NODES else BETWEENNESS_SAMPLE_SIZE
    if betweenness_sample is not None and betweenness_sample >= len(G):
        betweenness_sample = None
    betweenness = bipartite_betweenness(G, k=betweenness_sample, seed=seed)
    closeness = bipartite_closeness(G)
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
        })
    columns = ["node", "node_kind", "name", "is_resolved", "component", "degree", "weighted_degree",
               "degree_centrality", "betweenness", "closeness", "pagerank", "betweenness_method"]
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
