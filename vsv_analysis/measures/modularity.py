"""Groups on the bipartite network itself: Barber's modularity and the LPAwb+ optimiser.

Barber (*Physical Review E* 76, 066102, 2007) defines modularity for a two-mode
network: a group holds initiatives and municipalities, and

    Q_B = (1 / m) Σ_{i, a} (A_ia − k_i d_a / m) δ(g_i, h_a)

compares the links inside groups with what the degrees alone would give
(``m`` links or total weight, ``k_i`` and ``d_a`` the degrees). It runs from
about −0.5 to 1; 0 is what chance gives. :func:`barber_modularity` computes it for
any labelling; :func:`lpa_wb_plus` maximises it on the bipartite graph (Beckett,
*Royal Society Open Science* 3, 140536, 2016: label propagation, then merging
groups while that helps, restarted from fewer labels in DIRTLPAwb+), so that the
groups need not come from the one-mode projection. :func:`bipartite_communities`
gives the groups as a table, and :func:`compare_with_projection` sets them beside
Louvain on the projection (:func:`~vsv_analysis.measures.overlap.municipality_communities`).

Examples
--------
>>> barber_modularity([[1, 1, 0, 0], [1, 1, 0, 0], [0, 0, 1, 1], [0, 0, 1, 1]], [0, 0, 1, 1], [0, 0, 1, 1])
0.5
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from .projection import biadjacency

__all__ = ["barber_modularity", "bipartite_communities", "compare_with_projection", "lpa_wb_plus",
           "rows_for_columns"]


def _labels_matrix(labels: np.ndarray, count: int) -> sp.csr_matrix:
    valid = labels >= 0
    return sp.csr_matrix((np.ones(valid.sum()), (np.flatnonzero(valid), labels[valid])), shape=(len(labels), count))


def _compact(row_labels, column_labels) -> tuple[np.ndarray, np.ndarray, int]:
    """Labels as 0 … n-1 (one numbering for both sides); a missing label (None, NaN, -1) stays -1."""
    values = [v for v in [*row_labels, *column_labels] if v is not None and v == v and v != -1]
    known = {v: i for i, v in enumerate(dict.fromkeys(sorted(values, key=str)))}
    rows = np.array([known.get(v, -1) if v is not None and v == v else -1 for v in row_labels], dtype=np.int64)
    columns = np.array([known.get(v, -1) if v is not None and v == v else -1 for v in column_labels], dtype=np.int64)
    return rows, columns, len(known)


def barber_modularity(matrix, row_labels, column_labels) -> float:
    """Barber's bipartite modularity of a (weighted) biadjacency matrix under a labelling of rows and columns.

    A row and a column are in one group when their labels are equal; a row or
    column without a label (``None``, NaN or -1) is in no group. Computed per
    group from sums, without a dense matrix: ``Q_B = Σ_g (A_g − K_g D_g / m) / m``.

    >>> barber_modularity([[1, 1], [1, 1]], [0, 0], [0, 0])  # one group: exactly what the degrees give
    0.0
    """
    A = sp.csr_matrix(matrix, dtype=float)
    rows, columns, count = _compact(list(row_labels), list(column_labels))
    total = A.sum()
    if total == 0 or count == 0:
        return 0.0
    R, C = _labels_matrix(rows, count), _labels_matrix(columns, count)
    inside = (R.T @ A @ C).diagonal()
    row_weight = R.T @ np.asarray(A.sum(axis=1)).ravel()
    column_weight = C.T @ np.asarray(A.sum(axis=0)).ravel()
    return float((inside - row_weight * column_weight / total).sum() / total)


def rows_for_columns(matrix, column_labels: np.ndarray) -> np.ndarray:
    """Each row's best label given the columns' labels: the one that adds most to Q_B (Barber's BRIM step).

    A row's share in label ``g`` is ``A_ig − k_i D_g / m``; ties go to the
    lowest label, and a row without links gets -1.
    """
    A = sp.csr_matrix(matrix, dtype=float)
    columns = np.asarray(column_labels, dtype=np.int64)
    count = int(columns.max()) + 1 if len(columns) and columns.max() >= 0 else 0
    row_weight = np.asarray(A.sum(axis=1)).ravel()
    if count == 0:
        return np.full(A.shape[0], -1)
    C = _labels_matrix(columns, count)
    score = np.asarray((A @ C).todense()) - np.outer(row_weight, C.T @ np.asarray(A.sum(axis=0)).ravel()) / A.sum()
    return np.where(row_weight > 0, score.argmax(axis=1), -1)


class _Links:
    """The links of a matrix as arrays (row, column, weight) with the degrees: what label propagation reads."""

    def __init__(self, A: sp.csr_matrix):
        entries = A.tocoo()
        self.row, self.col, self.weight = entries.row, entries.col, entries.data
        self.k, self.d = np.asarray(A.sum(axis=1)).ravel(), np.asarray(A.sum(axis=0)).ravel()
        self.total = float(self.weight.sum())

    def quality(self, red: np.ndarray, blue: np.ndarray) -> float:
        """Barber's Q_B for integer labels (>= 0) of every row and column."""
        size = int(max(red.max(), blue.max())) + 1
        inside = self.weight[red[self.row] == blue[self.col]].sum()
        expected = np.bincount(red, self.k, size) @ np.bincount(blue, self.d, size) / self.total
        return float((inside - expected) / self.total)

    def best(self, labels: np.ndarray, of_rows: bool, rng: np.random.Generator) -> np.ndarray:
        """Each row's (or column's) best label among those of the other side, ties broken at random (LPAwb+)."""
        own, other = (self.row, self.col) if of_rows else (self.col, self.row)
        own_degree, other_degree = (self.k, self.d) if of_rows else (self.d, self.k)
        choices, index = np.unique(labels, return_inverse=True)
        nodes = len(own_degree)
        score = np.bincount(own * len(choices) + index[other], self.weight, nodes * len(choices))
        score = score.reshape(nodes, len(choices)) - np.outer(own_degree, np.bincount(index, other_degree,
                                                                                      len(choices))) / self.total
        ties = score >= score.max(axis=1, keepdims=True) - 1e-12
        return choices[np.argmax(ties * rng.random(ties.shape), axis=1)]


def _propagate(links: _Links, red: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, float]:
    """LPAwb+'s first stage: columns take the best red label, then rows the best blue one, while Q_B grows."""
    blue = links.best(red, False, rng)
    quality = links.quality(red, blue)
    while True:
        new_red = links.best(blue, True, rng)
        new_blue = links.best(new_red, False, rng)
        new_quality = links.quality(new_red, new_blue)
        if new_quality <= quality + 1e-12:
            return red, blue, quality
        red, blue, quality = new_red, new_blue, new_quality


def _gains(links: _Links, red: np.ndarray, blue: np.ndarray, divisions: np.ndarray) -> np.ndarray:
    """The change in Q_B from joining division ``a`` into ``b``, for every pair: from per-group sums only.

    With ``E[a, b]`` the weight between rows labelled ``a`` and columns labelled
    ``b``, and ``K``, ``D`` the groups' degree sums: ``(E_ab + E_ba − (K_a D_b +
    K_b D_a) / m) / m``.
    """
    size, total = len(divisions), links.total
    index = np.full(int(max(red.max(), blue.max())) + 1, size)  # labels that are no division go to a spare slot
    index[divisions] = np.arange(size)
    rows, columns = index[red], index[blue]
    E = np.bincount(rows[links.row] * (size + 1) + columns[links.col], links.weight,
                    (size + 1) ** 2).reshape(size + 1, size + 1)[:size, :size]
    K = np.bincount(rows, links.k, size + 1)[:size]
    D = np.bincount(columns, links.d, size + 1)[:size]
    return (E + E.T - (np.outer(K, D) + np.outer(D, K)) / total) / total


def _merge(links: _Links, red: np.ndarray, blue: np.ndarray, quality: float, rng: np.random.Generator):
    """LPAwb+'s second stage: join two groups when that raises Q_B and no other join with either does more.

    Then propagate labels again, and repeat while any groups were joined.
    """
    while True:
        joined = 0
        divisions = np.array(sorted(set(red.tolist()) & set(blue.tolist())))
        alive = set(divisions.tolist())
        gains = _gains(links, red, blue, divisions)
        for i, first in enumerate(divisions):
            for j in range(i + 1, len(divisions)):
                second = divisions[j]
                if first not in alive or second not in alive or gains[i, j] <= 1e-12:
                    continue
                others = [k for k, label in enumerate(divisions) if label in alive]
                if any(gains[k, target] > gains[i, j] + 1e-12 for k in others for target in (i, j) if k != target):
                    continue
                red, blue = np.where(red == first, second, red), np.where(blue == first, second, blue)
                alive.discard(first)
                quality, joined = quality + gains[i, j], joined + 1
                gains = _gains(links, red, blue, divisions)
        red, blue, quality = _propagate(links, red, rng)
        if not joined:
            return red, blue, quality


RESTART_BUDGET = 1_000_000
"""DIRTLPAwb+ restarts are cut so that restarts × links stays below this: a few seconds at any size."""


def lpa_wb_plus(matrix, seed: int = 42, restarts: bool = True, fewest: int = 4, repeats: int = 10):
    """Maximise Barber's modularity: LPAwb+, and with ``restarts`` DIRTLPAwb+ (Beckett, 2016).

    Labels start one per node of the smaller side and spread by label
    propagation; groups are then joined while that helps. DIRTLPAwb+ also
    starts ``repeats`` times from each number of random labels between
    ``fewest`` and the number of groups found, and keeps the best (the
    defaults of R ``bipartite``'s ``DIRT_LPA_wb_plus``); on a large network
    the restarts are spread over those numbers within :data:`RESTART_BUDGET`.
    Seeded, so the result repeats. Returns ``(row_labels, column_labels,
    modularity, restarts made)``; labels are numbered 0, 1, … by group size,
    largest first (-1: no links).
    """
    A = sp.csr_matrix(matrix, dtype=float)
    flipped = A.shape[0] > A.shape[1]
    if flipped:
        A = A.T.tocsr()
    rng = np.random.default_rng(seed)
    linked_rows = np.asarray(A.sum(axis=1)).ravel() > 0
    linked_columns = np.asarray(A.sum(axis=0)).ravel() > 0
    if not linked_rows.any():
        red, blue, quality, made = np.full(A.shape[0], -1), np.full(A.shape[1], -1), 0.0, 0
    else:
        B = A[linked_rows][:, linked_columns].tocsr()
        links = _Links(B)

        def run(start: np.ndarray):
            red, blue, quality = _propagate(links, start, rng)
            return _merge(links, red, blue, quality, rng)

        best = run(np.arange(B.shape[0]))
        guesses = list(range(fewest, len(np.unique(best[0])) + 1)) * repeats if restarts else []
        allowed = max(0, RESTART_BUDGET // max(B.nnz, 1))
        if len(guesses) > allowed:  # evenly over the numbers of labels, within the budget
            guesses = [guesses[i] for i in np.linspace(0, len(guesses) - 1, allowed).round().astype(int)]
        for guess in sorted(guesses):
            candidate = run(rng.integers(guess + 1, size=B.shape[0]))
            if candidate[2] > best[2] + 1e-12:
                best = candidate
        made = len(guesses)
        red, blue = np.full(A.shape[0], -1), np.full(A.shape[1], -1)
        red[linked_rows], blue[linked_columns] = _by_size(best[0], best[1])
        quality = best[2]
    return (blue, red, quality, made) if flipped else (red, blue, quality, made)


def _by_size(red: np.ndarray, blue: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    labels, sizes = np.unique(np.concatenate([red, blue]), return_counts=True)
    number = {label: rank for rank, label in enumerate(labels[np.lexsort((labels, -sizes))])}
    return np.array([number[v] for v in red]), np.array([number[v] for v in blue])


def _weighted(G: nx.Graph, weight: str | None):
    B, rows, columns = biadjacency(G, weight=weight)
    return B, rows, columns


def bipartite_communities(G: nx.Graph, weight: str | None = None, seed: int = 42) -> pd.DataFrame:
    """Groups of initiatives and municipalities found on the bipartite network (DIRTLPAwb+, Barber's modularity).

    ``weight=None`` counts every link once; ``"weight"`` uses the role
    weights. Columns: ``node``, ``node_kind``, ``name``, ``community`` (1 =
    the largest group; empty for a node without links), ``community_size``
    (initiatives and municipalities together). ``table.attrs`` holds
    ``modularity`` (Barber's Q_B of the groups) and ``restarts`` (DIRTLPAwb+
    restarts made).
    """
    B, rows, columns = _weighted(G, weight)
    red, blue, quality, restarts = lpa_wb_plus(B, seed=seed)
    nodes = [*rows, *columns]
    labels = np.concatenate([red, blue])
    sizes = pd.Series(labels[labels >= 0]).value_counts()
    table = pd.DataFrame({
        "node": nodes,
        "node_kind": ["initiative"] * len(rows) + ["municipality"] * len(columns),
        "name": [G.nodes[n].get("name", str(n)) for n in nodes],
        "community": pd.array([label + 1 if label >= 0 else None for label in labels], dtype="Int64"),
        "community_size": pd.array([sizes.get(label) if label >= 0 else None for label in labels], dtype="Int64"),
    })
    table.attrs.update(modularity=quality, restarts=restarts)
    return table.sort_values(["community", "node_kind", "name"], ignore_index=True)


def compare_with_projection(G: nx.Graph, louvain: pd.DataFrame, direct: pd.DataFrame,
                            weight: str | None = None) -> pd.DataFrame:
    """Louvain on the projection beside DIRTLPAwb+ on the bipartite graph, both scored by Barber's Q_B.

    ``louvain`` is :func:`~vsv_analysis.measures.overlap.municipality_communities`;
    its groups hold municipalities only, so each initiative joins the group
    that adds most to Q_B (:func:`rows_for_columns`). ``direct`` is
    :func:`bipartite_communities` (with the same ``weight``). One row per method:
    ``method`` (``louvain`` or ``lpawb+``), ``groups``, ``modularity`` (Q_B),
    and ``agreement``: the share of pairs of municipalities that both methods
    treat alike (together in both, or apart in both; the Rand index).
    """
    B, rows, columns = _weighted(G, weight)
    position = {n: i for i, n in enumerate(columns)}
    projected = np.full(len(columns), -1)
    for node, community in zip(louvain["node"], louvain["community"]):
        projected[position[node]] = int(community) - 1
    linked = np.asarray(B.sum(axis=0)).ravel() > 0
    projected[~linked] = -1
    projected_rows = rows_for_columns(B, projected)
    found = dict(zip(direct["node"], direct["community"]))
    blue = np.array([-1 if pd.isna(found.get(n)) else int(found[n]) for n in columns])
    quality = direct.attrs["modularity"]
    both = np.flatnonzero(linked)
    first, second = np.triu_indices(len(both), k=1)
    same = (projected[both][first] == projected[both][second]) == (blue[both][first] == blue[both][second])
    agreement = float(same.mean()) if len(same) else float("nan")
    return pd.DataFrame([
        {"method": "louvain", "groups": len(set(projected[linked].tolist())),
         "modularity": barber_modularity(B, projected_rows, projected), "agreement": agreement},
        {"method": "lpawb+", "groups": len(set(blue[linked].tolist())), "modularity": quality,
         "agreement": agreement},
    ])
