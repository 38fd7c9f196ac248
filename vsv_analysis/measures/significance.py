"""Which pairs share more partners than chance allows: the validated projection against the BiCM.

Two municipalities that take part in many initiatives share some of them by chance
alone. Saracco et al. (*New Journal of Physics* 19, 053022, 2017) test every pair
against the bipartite configuration model (:mod:`~vsv_analysis.measures.bicm`),
which keeps every degree on average: under it the number of shared initiatives
``V`` of two municipalities is a sum of independent coin flips, one per initiative,
with probability ``p_ia p_ja``, so its p-value ``P(V ≥ observed)`` is exact
(Poisson-binomial). With many pairs tested at once, some are small by chance; the
p-values are corrected over *all* pairs of the side (Benjamini & Hochberg's false
discovery rate, or Bonferroni), as the ``bicm`` package does.

Examples
--------
>>> import networkx as nx
>>> G = nx.Graph()
>>> G.add_nodes_from(["a", "b", "c"], bipartite=0)
>>> G.add_nodes_from(["x", "y", "z"], bipartite=1)
>>> G.add_edges_from([("a", "x"), ("a", "y"), ("b", "x"), ("b", "y"), ("c", "z")])
>>> pairs = validated_pairs(G, "municipality")
>>> pairs[["name_a", "name_b", "shared", "is_significant"]].values.tolist()
[['x', 'y', 2, False]]
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from .bicm import BiCM, fit_bicm
from .projection import biadjacency
from .pvalues import class_tails, correct

__all__ = ["LIST_ALL_MAX_PAIRS", "initiatives_needed", "validated_graph", "validated_pairs"]

def _side_matrix(G: nx.Graph, side: str):
    B, rows, columns = biadjacency(G)
    if side == "municipality":
        return B.T.tocsr(), columns
    if side == "initiative":
        return B.tocsr(), rows
    raise ValueError(f"side must be 'initiative' or 'municipality', not {side!r}")


def _pair_tails(model: BiCM, first: np.ndarray, second: np.ndarray, shared: np.ndarray, replicas: int = 1):
    """p-values of pairs of rows (by index) sharing ``shared`` columns, under the fitted model.

    Pairs of rows with the same two degree classes share one distribution, so it
    is computed once per class pair, up to the largest ``shared`` among them.
    ``replicas`` repeats every column that many times (for :func:`initiatives_needed`).
    """
    classes = len(model.row_counts)
    low = np.minimum(model.row_class[first], model.row_class[second])
    high = np.maximum(model.row_class[first], model.row_class[second])
    key, index = np.unique(low * classes + high, return_inverse=True)
    q = model.class_probability[key // classes] * model.class_probability[key % classes]
    counts = model.column_counts * replicas
    mean = (q @ counts)[index]
    tails, exact = class_tails(q, counts, index, np.asarray(shared, dtype=np.int64))
    return tails, exact, mean


LIST_ALL_MAX_PAIRS = 2_000_000
"""Above this many pairs through shared partners (counted per partner), only pairs with p ≤ alpha are kept."""

_BLOCK_CELLS = 4_000_000


def _candidates(R, model: BiCM, alpha: float):
    """Sharing pairs with p ≤ alpha, found a block of rows at a time; and how many pairs share anything at all."""
    rows = R.shape[0]
    block = max(1, _BLOCK_CELLS // max(rows, 1))
    RT = R.T.tocsr()
    kept, sharing = [], 0
    for start in range(0, rows, block):
        co = (R[start:start + block] @ RT).tocoo()
        upper = co.row + start < co.col
        first, second = co.row[upper] + start, co.col[upper]
        shared = co.data[upper].round().astype(np.int64)
        sharing += len(shared)
        tails, exact, mean = _pair_tails(model, first, second, shared)
        small = tails <= alpha
        kept.append((first[small], second[small], shared[small], tails[small], exact[small], mean[small]))
    parts = [np.concatenate(column) for column in zip(*kept)] if kept else [np.zeros(0)] * 6
    return (*parts, sharing)


def validated_pairs(G: nx.Graph, side: str = "municipality", alpha: float = 0.05, correction: str = "bh"):
    """Pairs of one side that share more partners than the BiCM allows, corrected for testing every pair.

    For every pair of ``side`` (``municipality`` or ``initiative``) that shares
    at least one partner: the number shared, the number the BiCM expects, the
    exact p-value ``P(V ≥ shared)`` (see :func:`~vsv_analysis.measures.pvalues.shared_tail`), the corrected
    p-value and whether it is significant at ``alpha`` after ``correction``
    (see :func:`correct`) over all pairs of nodes with at least one link.

    Returns
    -------
    DataFrame
        ``node_a``, ``node_b``, ``name_a``, ``name_b``, ``shared``,
        ``expected_shared``, ``p_value``, ``p_adjusted``, ``is_significant``,
        ``p_value_method`` (``exact`` or ``normal approximation``); most
        significant first. ``table.attrs`` holds ``tests`` (pairs tested),
        ``significant``, ``alpha``, ``correction``, ``side``, ``nodes`` (with
        links), ``model_error`` (largest gap between an expected and an
        observed degree in the fitted BiCM), ``sharing`` (pairs that share a
        partner) and ``listed``: ``all``, or, when more than
        :data:`LIST_ALL_MAX_PAIRS` pairs could share a partner (thousands of
        initiatives), ``p <= alpha``: then the pairs are found a block of rows
        at a time and only those that a correction could pass are kept, so the
        memory stays bounded; the correction itself still counts every pair.
    """
    R, nodes = _side_matrix(G, side)
    R.data[:] = 1.0
    degree = np.asarray(R.sum(axis=1)).ravel()
    column_degree = np.asarray(R.sum(axis=0)).ravel()
    model = fit_bicm(degree, column_degree)
    active = int((degree > 0).sum())
    tests = active * (active - 1) // 2
    if (column_degree * (column_degree - 1) / 2).sum() <= LIST_ALL_MAX_PAIRS:
        co = (R @ R.T).tocoo()
        upper = co.row < co.col
        first, second, shared = co.row[upper], co.col[upper], co.data[upper].round().astype(np.int64)
        tails, exact, mean = _pair_tails(model, first, second, shared)
        sharing, listed = len(shared), "all"
    else:
        first, second, shared, tails, exact, mean, sharing = _candidates(R, model, alpha)
        listed = "p <= alpha"
    adjusted, significant = correct(tails, tests, alpha, correction)
    names = np.array([G.nodes[n].get("name", str(n)) for n in nodes], dtype=object)
    ids = np.array(nodes, dtype=object)
    table = pd.DataFrame({
        "node_a": ids[first], "node_b": ids[second], "name_a": names[first], "name_b": names[second],
        "shared": shared, "expected_shared": mean, "p_value": tails, "p_adjusted": adjusted,
        "is_significant": significant, "p_value_method": np.where(exact, "exact", "normal approximation"),
    })
    order = np.lexsort((names[second], names[first], -shared, tails))
    table = table.iloc[order].reset_index(drop=True)
    table.attrs.update(tests=tests, significant=int(significant.sum()), alpha=alpha, correction=correction,
                       side=side, nodes=active, model_error=model.max_error, sharing=sharing, listed=listed)
    return table


def _pair_means(model: BiCM, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """The number of shared columns the BiCM expects for each pair of rows."""
    P = model.class_probability
    return np.einsum("pg,pg,g->p", P[model.row_class[first]], P[model.row_class[second]], model.column_counts)


def _could_pass(model: BiCM, degree: np.ndarray, linked: np.ndarray, tests: int, alpha: float,
                correction: str) -> bool:
    """Whether some pair always together (sharing the smaller one's every partner) would pass the correction.

    The pairs of the most linked rows are tried first: one of them passing below
    ``alpha / tests`` settles it (the correction passes at least that one), so
    large networks need not test every pair.
    """
    top = linked[np.argsort(-degree[linked], kind="stable")[:20]]
    for candidates in (top, linked):
        first, second = np.triu_indices(len(candidates), k=1)
        first, second = candidates[first], candidates[second]
        best, _, _ = _pair_tails(model, first, second, np.minimum(degree[first], degree[second]))
        if np.any(best <= alpha / tests):
            return True
        if len(candidates) == len(linked):
            return bool(correct(best, tests, alpha, correction)[1].any())
    return False


def validated_graph(G: nx.Graph, side: str = "municipality", alpha: float = 0.05,
                    correction: str = "bh") -> nx.Graph:
    """The validated projection as a network: the nodes of ``side`` with links, an edge for each significant pair.

    Edges carry ``shared``, ``expected_shared``, ``p_value`` and ``p_adjusted``
    (see :func:`validated_pairs`); the graph carries the network's own
    attributes and ``validated`` (what was tested), for the export.
    """
    pairs = validated_pairs(G, side, alpha, correction)
    value = 1 if side == "municipality" else 0
    P = nx.Graph(**G.graph, validated=f"{side} pairs against the BiCM, {correction} correction over "
                                     f"{pairs.attrs['tests']} pairs, alpha {alpha:g}")
    P.add_nodes_from((n, d) for n, d in G.nodes(data=True) if d.get("bipartite") == value and G.degree(n) > 0)
    significant = pairs[pairs["is_significant"]]
    P.add_edges_from((row.node_a, row.node_b, {"shared": int(row.shared), "expected_shared": float(row.expected_shared),
                                               "p_value": float(row.p_value), "p_adjusted": float(row.p_adjusted)})
                     for row in significant.itertuples())
    return P


def initiatives_needed(G: nx.Graph, alpha: float = 0.05, correction: str = "bh", limit: int = 100_000,
                       pairs: pd.DataFrame | None = None) -> dict:
    """Could any pair of municipalities be significant, and how many initiatives would make one so?

    - ``possible``: whether any pattern of the observed degrees could make a
      pair significant: even two municipalities that always appear together
      (sharing the smaller one's every initiative) would need a p-value below
      the corrected threshold.
    - ``needed``: the programme repeated ``t`` times over (every initiative
      ``t`` times, with the same municipalities: the BiCM's probabilities stay
      the same), the smallest number of initiatives with municipalities,
      ``t`` times the present number, at which the first pair is significant;
      ``None`` when no pair shares more than the model expects
      (``above_expected`` is then false: more of the same never helps) or
      not below ``limit``.

    Given ``pairs`` (:func:`validated_pairs` of the municipalities) with a
    significant pair, the answer is known (the present number suffices) and
    nothing is computed.
    """
    R, _ = _side_matrix(G, "municipality")
    R.data[:] = 1.0
    degree = np.asarray(R.sum(axis=1)).ravel().astype(np.int64)
    initiatives = int((np.asarray(R.sum(axis=0)).ravel() > 0).sum())
    model = fit_bicm(degree, np.asarray(R.sum(axis=0)).ravel())
    linked = np.flatnonzero(degree > 0)
    tests = len(linked) * (len(linked) - 1) // 2
    result = {"tests": tests, "initiatives": initiatives, "possible": False, "needed": None, "above_expected": False,
              "limit": limit}
    if pairs is not None and pairs.attrs.get("significant"):
        return {**result, "possible": True, "needed": initiatives, "above_expected": True}
    if tests == 0:
        return result
    result["possible"] = _could_pass(model, degree, linked, tests, alpha, correction)
    co = (R @ R.T).tocoo()
    upper = co.row < co.col
    first, second, shared = co.row[upper], co.col[upper], co.data[upper].round().astype(np.int64)
    above = shared > _pair_means(model, first, second) + 1e-9
    result["above_expected"] = bool(above.any())
    if not above.any() or not initiatives:
        return result
    first, second, shared = first[above], second[above], shared[above]

    def significant_at(replicas: int) -> bool:
        tails, _, _ = _pair_tails(model, first, second, shared * replicas, replicas)
        return bool(correct(tails, tests, alpha, correction)[1].any())

    low, high = (1, 2) if pairs is not None else (0, 1)  # given the pairs, none passes at the present number
    while not significant_at(high):
        low, high = high, high * 2
        if high * initiatives > limit:
            return result
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if significant_at(middle) else (middle, high)
    result["needed"] = high * initiatives
    return result
