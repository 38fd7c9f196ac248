"""Shortest paths in the bipartite network: two-mode betweenness and closeness from one search.

Both measures are normalised for a two-mode network (Borgatti & Halgin, "Analyzing
affiliation networks", 2011): divided by the maximum a node can reach given the
size of the other side, as networkx's ``bipartite`` module does. The breadth-first
searches run level by level for a batch of sources at once, as sparse-matrix
products, and one pass gives both measures.

Examples
--------
>>> import networkx as nx
>>> G = nx.path_graph(4)  # 0 - 1 - 2 - 3, sides 0 and 1 alternating
>>> nx.set_node_attributes(G, {0: 0, 1: 1, 2: 0, 3: 1}, "bipartite")
>>> bipartite_betweenness(G)
{0: 0.0, 2: 1.0, 1: 1.0, 3: 0.0}
>>> {node: round(value, 3) for node, value in bipartite_closeness(G).items()}
{0: 0.667, 2: 1.0, 1: 1.0, 3: 0.667}
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from .projection import side_nodes

__all__ = ["CLOSENESS_NORMALISATIONS", "bipartite_betweenness", "bipartite_closeness", "betweenness_and_closeness"]

CLOSENESS_NORMALISATIONS = ("component", "networkx")
"""Closeness: the two-mode optimum within a node's own component, or within the whole graph (networkx)."""

_BATCH_CELLS = 4_000_000
"""Sources per batch are chosen so that a batch's arrays hold about this many cells (some 32 MB each)."""


def _max_betweenness(n: int, m: int) -> float:
    """Largest possible betweenness of a node whose side has n nodes, the other side m (Borgatti & Halgin)."""
    if m == 0:
        return 0.0
    s, t = divmod(n - 1, m)
    return ((m**2) * ((s + 1) ** 2) + m * (s + 1) * (2 * t - s - 1) - t * (2 * s - t + 3)) / 2.0


def _searches(A: sp.csr_matrix, sources: np.ndarray, dependencies: bool = True) -> tuple[np.ndarray, np.ndarray,
                                                                                          np.ndarray]:
    """Brandes' dependency sums over ``sources``, and each source's distance sum and number of nodes reached.

    For an unweighted, undirected graph: shortest paths are counted forward,
    level by level, and dependencies accumulated backward (Brandes, 2001), for
    a batch of sources at once.
    """
    n = A.shape[0]
    total = np.zeros(n)
    distance_sum = np.zeros(len(sources))
    reached = np.zeros(len(sources), dtype=np.int64)
    batch = max(1, _BATCH_CELLS // max(n, 1))
    for start in range(0, len(sources), batch):
        chunk = sources[start:start + batch]
        columns = np.arange(len(chunk))
        sigma = np.zeros((n, len(chunk)))
        sigma[chunk, columns] = 1.0
        depth = np.full((n, len(chunk)), -1, dtype=np.int32)
        depth[chunk, columns] = 0
        frontier, level = sigma.copy(), 0
        while True:
            paths = A @ frontier
            new = (depth < 0) & (paths > 0)
            if not new.any():
                break
            level += 1
            depth[new] = level
            distance_sum[start:start + len(chunk)] += level * new.sum(axis=0)
            reached[start:start + len(chunk)] += new.sum(axis=0)
            frontier = np.where(new, paths, 0.0)
            sigma += frontier
        if not dependencies:
            continue
        delta = np.zeros_like(sigma)
        safe_sigma = np.where(sigma > 0, sigma, 1.0)
        for current in range(level, 0, -1):
            share = np.where(depth == current, (1.0 + delta) / safe_sigma, 0.0)
            delta += np.where(depth == current - 1, sigma * (A @ share), 0.0)
        delta[chunk, columns] = 0.0
        total += delta.sum(axis=1)
    return total, distance_sum, reached


def _setup(G: nx.Graph):
    top, bottom = side_nodes(G, "initiative"), side_nodes(G, "municipality")
    order = top + bottom
    A = sp.csr_matrix(nx.to_scipy_sparse_array(G, nodelist=order, weight=None, format="csr"), dtype=float) \
        if order else sp.csr_matrix((0, 0))
    return top, bottom, order, A


def _betweenness_scores(raw: np.ndarray, top: list, bottom: list) -> dict:
    scores = {}
    for own, other, offset in ((top, bottom, 0), (bottom, top, len(top))):
        maximum = _max_betweenness(len(own), len(other))
        for index, node in enumerate(own, start=offset):
            scores[node] = float(raw[index] / maximum) if maximum > 0 else 0.0
    return scores


def _closeness_scores(A: sp.csr_matrix, top: list, bottom: list, distance_sum: np.ndarray, reached: np.ndarray,
                      normalisation: str) -> dict:
    if normalisation not in CLOSENESS_NORMALISATIONS:
        raise ValueError(f"normalisation must be one of {', '.join(CLOSENESS_NORMALISATIONS)}, "
                         f"not {normalisation!r}")
    order = top + bottom
    total = len(order)
    is_top = np.array([True] * len(top) + [False] * len(bottom))
    if normalisation == "component":
        _, labels = connected_components(A, directed=False)
        top_in = np.bincount(labels, weights=is_top)[labels]
        bottom_in = np.bincount(labels, weights=~is_top)[labels]
    else:  # networkx: the optimum of the whole graph, whatever a node can reach
        top_in, bottom_in = np.full(total, float(len(top))), np.full(total, float(len(bottom)))
    own, other = np.where(is_top, top_in, bottom_in), np.where(is_top, bottom_in, top_in)
    with np.errstate(divide="ignore", invalid="ignore"):
        values = np.where(distance_sum > 0, (other + 2 * (own - 1)) / distance_sum * reached / max(total - 1, 1), 0.0)
    return dict(zip(order, values.tolist()))


def betweenness_and_closeness(G: nx.Graph, k: int | None = None, seed: int = 0,
                              normalisation: str = "component") -> tuple[dict, dict]:
    """:func:`bipartite_betweenness` and :func:`bipartite_closeness` together, from one search when exact."""
    top, bottom, order, A = _setup(G)
    n = len(order)
    if n < 2:
        return dict.fromkeys(order, 0.0), dict.fromkeys(order, 0.0)
    everyone = np.arange(n)
    raw, distance_sum, reached = _searches(A, everyone, dependencies=k is None and n >= 3)
    closeness = _closeness_scores(A, top, bottom, distance_sum, reached, normalisation)
    if n < 3:
        return dict.fromkeys(order, 0.0), closeness
    if k is None:
        return _betweenness_scores(raw / 2, top, bottom), closeness
    sampled = np.random.default_rng(seed).choice(n, size=k, replace=False)
    scale = np.full(n, (n - 1) / (2 * k))
    scale[sampled] = (n - 1) / (2 * (k - 1)) if k > 1 else 0.0
    return _betweenness_scores(_searches(A, sampled)[0] * scale, top, bottom), closeness


def bipartite_betweenness(G: nx.Graph, k: int | None = None, seed: int = 0) -> dict:
    """Betweenness, normalised for a two-mode network.

    The share of shortest paths between other nodes that pass through a node,
    divided by the largest value possible for its side (Borgatti & Halgin).
    Equal to ``networkx.bipartite.betweenness_centrality`` when ``k`` is None
    (exact, the default), but computed with vectorised breadth-first search.
    With ``k``, an unbiased estimate from ``k`` randomly chosen source nodes
    (seeded; scaled as networkx scales its own sampled betweenness). A side
    whose maximum is 0 (a single node facing one node) scores 0 instead of
    dividing by zero.
    """
    top, bottom, order, A = _setup(G)
    n = len(order)
    if n < 3:
        return dict.fromkeys(order, 0.0)
    if k is None:
        return _betweenness_scores(_searches(A, np.arange(n))[0] / 2, top, bottom)
    return betweenness_and_closeness(G, k, seed)[0]


def bipartite_closeness(G: nx.Graph, normalisation: str = "component") -> dict:
    """Closeness, normalised for a two-mode network, and fair on a disconnected graph.

    For a node with distance sum ``d`` to the ``r`` other nodes it reaches:
    ``(m + 2 (n - 1)) / d`` (the two-mode optimum over the actual sum; Borgatti
    & Halgin), times ``r / (N - 1)``, the share of the whole graph it reaches
    (Wasserman & Faust). ``n`` and ``m`` count the nodes of its own side and of
    the other side:

    - ``normalisation="component"`` (default): within the node's component.
      Every value lies in [0, 1], and a node in a small separate pilot is not
      rated the most central.
    - ``normalisation="networkx"``: in the whole graph, as
      ``networkx.bipartite.closeness_centrality(G, nodes, normalized=True)``;
      in a small component the values then exceed 1.

    On a connected graph the two agree. A node that reaches nothing scores 0.
    """
    top, bottom, order, A = _setup(G)
    if len(order) < 2:
        return dict.fromkeys(order, 0.0)
    _, distance_sum, reached = _searches(A, np.arange(len(order)), dependencies=False)
    return _closeness_scores(A, top, bottom, distance_sum, reached, normalisation)
