"""The bipartite configuration model (BiCM): the maximum-entropy null model that keeps every degree on average.

Saracco, Di Clemente, Gabrielli & Squartini (*Scientific Reports* 5, 10595, 2015):
among all random bipartite graphs, the one with the largest entropy whose expected
degrees equal the observed ones gives each link ``(i, a)`` the probability
``p_ia = x_i y_a / (1 + x_i y_a)``, one number ``x`` per row and ``y`` per column,
independently of the other links. :func:`fit_bicm` finds them. Nodes with the same
degree share their number, so the equations are solved per degree, which keeps the
work small at any size; a degree of zero, or a row linked to every column, fixes its
probabilities at 0 or 1 and is taken out first. ``tests/test_significance.py``
compares the probabilities with those of the ``bicm`` package.

Examples
--------
>>> model = fit_bicm([2, 1, 1], [2, 1, 1])
>>> model.probabilities().round(3).tolist()
[[0.863, 0.568, 0.568], [0.568, 0.216, 0.216], [0.568, 0.216, 0.216]]
>>> model.probabilities().sum(axis=1).round(6).tolist()  # the expected degrees are the observed ones
[2.0, 1.0, 1.0]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["BiCM", "fit_bicm"]


@dataclass
class BiCM:
    """A fitted BiCM, per degree class.

    ``row_class`` and ``column_class`` give each row's and column's class;
    ``class_probability[u, v]`` is the probability of a link between a row of
    class ``u`` and a column of class ``v``; ``row_counts`` and
    ``column_counts`` say how many rows and columns each class has.
    ``max_error`` is the largest gap between an expected and an observed degree.
    """

    row_class: np.ndarray
    column_class: np.ndarray
    row_counts: np.ndarray
    column_counts: np.ndarray
    class_probability: np.ndarray
    max_error: float
    iterations: int

    def probabilities(self) -> np.ndarray:
        """The dense row × column matrix of link probabilities (for small matrices and tests)."""
        return self.class_probability[np.ix_(self.row_class, self.column_class)]


def _classes(degree: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    values, inverse, counts = np.unique(np.asarray(degree, dtype=float), return_inverse=True, return_counts=True)
    return values, inverse, counts.astype(float)


def _peel(probability: np.ndarray, k: np.ndarray, n_k: np.ndarray, h: np.ndarray, n_h: np.ndarray):
    """Fix the links that are certain, in turn, and return what is left to fit.

    A class whose remaining degree is 0 has no more links (probability 0); one
    whose remaining degree equals the number of nodes still open on the other
    side is linked to all of them (probability 1). Taking either out changes
    what is left for the other side, so this repeats until nothing changes.
    Returns the masks of the row and column classes still open and their
    remaining degrees.
    """
    open_rows, open_columns = np.ones(len(k), dtype=bool), np.ones(len(h), dtype=bool)
    while True:
        known = np.nan_to_num(probability)
        rows_left, columns_left = k - known @ n_h, h - n_k @ known
        changed = False
        for left, is_open, others_open, others_n, axis in ((rows_left, open_rows, open_columns, n_h, 0),
                                                           (columns_left, open_columns, open_rows, n_k, 1)):
            room = float(others_n[others_open].sum())
            for value, certain in ((0.0, is_open & (left <= 0)), (1.0, is_open & (left >= room))):
                for index in np.flatnonzero(certain):
                    if axis == 0:
                        probability[index, others_open] = value
                    else:
                        probability[others_open, index] = value
                    is_open[index] = False
                    changed = True
            if changed:
                break
        if not changed:
            return open_rows, open_columns, rows_left, columns_left


def fit_bicm(row_degree, column_degree, tol: float = 1e-10, max_iter: int = 100_000) -> BiCM:
    """Fit the BiCM to the given degrees (one per row, one per column of the biadjacency matrix).

    Solves ``Σ_a p_ia = k_i`` and ``Σ_i p_ia = h_a`` by the fixed-point
    iteration ``x_i ← k_i / Σ_a y_a / (1 + x_i y_a)``, ``y_a ← h_a / Σ_i x_i /
    (1 + x_i y_a)`` (as the ``bicm`` package does), on degree classes, until
    every expected degree is within ``tol`` of the observed one (relative to
    the degree), after fixing the links that are certain. Degrees that no
    graph realises still give probabilities; the gap that remains is ``max_error``.
    """
    k, row_class, n_k = _classes(row_degree)
    h, column_class, n_h = _classes(column_degree)
    probability = np.full((len(k), len(h)), np.nan)
    open_rows, open_columns, rows_left, columns_left = _peel(probability, k, n_k, h, n_h)
    iteration = 0
    if open_rows.any() and open_columns.any():
        r, n_r = rows_left[open_rows], n_k[open_rows]
        c, n_c = columns_left[open_columns], n_h[open_columns]
        x, y = r / np.sqrt(r @ n_r), c / np.sqrt(r @ n_r)
        for iteration in range(1, max_iter + 1):  # noqa: B007 (the count is reported)
            x = r / ((n_c * y / (1 + np.outer(x, y))).sum(axis=1))
            y = c / ((n_r[:, None] * x[:, None] / (1 + np.outer(x, y))).sum(axis=0))
            p = np.outer(x, y) / (1 + np.outer(x, y))
            gap = max(float(np.max(np.abs(p @ n_c - r) / r)), float(np.max(np.abs(n_r @ p - c) / c)))
            if gap < tol:
                break
        probability[np.ix_(open_rows, open_columns)] = p
    probability = np.nan_to_num(probability)
    with np.errstate(divide="ignore", invalid="ignore"):
        gaps = np.concatenate([np.abs(probability @ n_h - k) / np.maximum(k, 1),
                               np.abs(n_k @ probability - h) / np.maximum(h, 1)])
    return BiCM(row_class, column_class, n_k, n_h, probability, float(gaps.max()) if len(gaps) else 0.0, iteration)
