"""How specialised is the network, and each node in it: connectance, Blüthgen's H2′ and d′.

- **Connectance**: the share of possible links that exist, among initiatives and
  municipalities with at least one link (R ``bipartite``'s ``networklevel``).
- **H2′** (Blüthgen, Menzel & Blüthgen, *BMC Ecology* 6, 9, 2006): how far the
  links keep to their own partners, against what the row and column totals alone
  would give. 0: every initiative spreads over municipalities as the totals
  predict; 1: as exclusive as the totals allow.
- **d′** per node: the same for one initiative (over municipalities) or one
  municipality (over initiatives), as a Kullback–Leibler distance from the
  partners' shares, scaled between its minimum and maximum.

Both use interaction strengths: here the role weights of the links (a partner
counts 1, an observer less), which are not counts of observations. So the bounds
are those for non-integer data: H2max is the entropy of the matrix the totals
predict (R ``H2fun(web, H2_integer = FALSE)``), d′'s minimum is 0. With
``integer=True``, d′ follows R ``dfun`` for counts, whose minimum is reached with
whole interactions.

Examples
--------
>>> round(h2_prime([[2, 0], [0, 2]])["h2_prime"], 6), round(h2_prime([[1, 1], [1, 1]])["h2_prime"], 6)
(1.0, 0.0)
>>> d_prime([[2, 0], [0, 2]])["d_prime"].tolist()
[1.0, 1.0]
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from .projection import biadjacency

__all__ = ["connectance", "d_prime", "h2_prime", "network_specialisation", "node_specialisation"]


def _web(matrix) -> np.ndarray:
    """The matrix without empty rows and columns (R bipartite's ``empty``)."""
    web = matrix.toarray() if sp.issparse(matrix) else np.asarray(matrix, dtype=float)
    web = np.asarray(web, dtype=float)
    return web[web.sum(axis=1) > 0][:, web.sum(axis=0) > 0]


def connectance(matrix) -> float:
    """Links present over links possible, among rows and columns with at least one link.

    >>> connectance([[1, 1, 0], [0, 1, 0], [0, 0, 0]])
    0.75
    """
    M = sp.csr_matrix(matrix)
    rows = int((M.getnnz(axis=1) > 0).sum())
    columns = int((M.getnnz(axis=0) > 0).sum())
    return float(M.count_nonzero() / (rows * columns)) if rows and columns else float("nan")


def _entropy(web: np.ndarray) -> float:
    p = web[web > 0] / web.sum()
    return float(-(p * np.log(p)).sum())


def _minimum_entropy_web(row_totals: np.ndarray, column_totals: np.ndarray) -> np.ndarray:
    """The most aggregated matrix with these totals, as R's H2fun builds it: largest row with largest column first."""
    web = np.zeros((len(row_totals), len(column_totals)))
    rows, columns = row_totals.astype(float).copy(), column_totals.astype(float).copy()
    while round(rows.sum(), 10) > 0:
        i, j = int(np.argmax(rows)), int(np.argmax(columns))
        amount = min(rows[i], columns[j])
        web[i, j] += amount
        rows[i] -= amount
        columns[j] -= amount
    return web


def h2_prime(matrix) -> dict:
    """Blüthgen's H2′ of a weighted matrix: ``(H2max − H2) / (H2max − H2min)``.

    ``H2 = −Σ p_ij ln p_ij`` with ``p_ij`` the share of all weight in cell ij;
    ``H2max`` the entropy of the matrix the row and column totals predict
    (``p_i. p_.j``), the largest possible; ``H2min`` that of the most
    aggregated matrix with the same totals (R's heuristic). Returns
    ``{"h2_prime", "h2", "h2_min", "h2_max"}``; ``h2_prime`` is NaN when the
    totals leave no room (``H2max = H2min``).
    """
    web = _web(matrix)
    if web.size == 0:
        return {"h2_prime": float("nan"), "h2": float("nan"), "h2_min": float("nan"), "h2_max": float("nan")}
    rows, columns = web.sum(axis=1), web.sum(axis=0)
    h2 = _entropy(web)
    h2_max = max(_entropy(np.outer(rows, columns) / web.sum()), h2)
    h2_min = min(_entropy(_minimum_entropy_web(rows, columns)), h2)
    spread = h2_max - h2_min
    return {"h2_prime": (h2_max - h2) / spread if spread > 1e-12 else float("nan"), "h2": h2, "h2_min": h2_min,
            "h2_max": h2_max}


def _kl(x: np.ndarray, q: np.ndarray) -> float:
    p = x / x.sum()
    used = p > 0
    return float((p[used] * np.log(p[used] / q[used])).sum())


def _integer_minimum(x: np.ndarray, q: np.ndarray, column_totals: np.ndarray) -> float:
    """R dfun's ``dminfind``: whole interactions placed one by one where they raise d least."""
    new = np.floor(q * x.sum())
    for _ in range(int(round(x.sum() - new.sum()))):
        open_cells = np.flatnonzero(new < column_totals)
        total = new.sum() + 1
        base = np.where(new > 0, new / total * np.log(np.where(new > 0, new / total, 1) / q), 0.0)
        added = (new[open_cells] + 1) / total
        check = added * np.log(added / q[open_cells]) + base.sum() - base[open_cells]
        new[open_cells[int(np.argmin(check))]] += 1
    return _kl(new, q)


def d_prime(matrix, integer: bool = False) -> pd.DataFrame:
    """Blüthgen's d′ of every row of a weighted matrix: how exclusive its partners are.

    ``d_i = Σ_j p′_ij ln(p′_ij / q_j)``, with ``p′_ij`` row i's share in
    column j and ``q_j`` column j's share of all weight; ``d_max = ln(m /
    A_i)`` (row i monopolising partners that hold exactly its weight) and
    ``d_min`` 0 for strengths, or R ``dfun``'s minimum for whole interactions
    (``integer=True``); ``d′ = (d − d_min) / (d_max − d_min)``, from 0 (uses
    partners as they are available) to 1 (exclusive). Empty rows and columns
    are left out first; a row holding all weight gets NaN. Columns: ``d_prime``,
    ``d``, ``d_min``, ``d_max``, one row per non-empty row of the matrix.
    """
    web = _web(matrix)
    totals, column_totals = web.sum(axis=1), web.sum(axis=0)
    q = column_totals / web.sum() if web.size else column_totals
    d = np.array([_kl(row, q) for row in web])
    d_min = (np.array([_integer_minimum(row, q, column_totals) for row in web]) if integer
             else np.zeros(len(web)))
    d_min = np.minimum(d_min, d)
    with np.errstate(divide="ignore", invalid="ignore"):
        d_max = np.log(web.sum() / totals)
        scaled = np.where(d_max - d_min > 1e-12, (d - d_min) / (d_max - d_min), np.nan)
    return pd.DataFrame({"d_prime": scaled, "d": d, "d_min": d_min, "d_max": d_max})


def node_specialisation(G: nx.Graph, weight: str | None = "weight") -> pd.DataFrame:
    """d′ of every initiative (over municipalities) and every municipality (over initiatives), with role weights.

    Columns: ``node``, ``node_kind``, ``name``, ``degree`` (links),
    ``weighted_degree`` (their role weights), ``d_prime``, ``d``, ``d_max``; nodes without links are left out. Sorted by
    side, then d′ from most to least specialised.
    """
    B, rows, columns = biadjacency(G, weight=weight)
    parts = []
    for kind, matrix, nodes in (("initiative", B, rows), ("municipality", B.T.tocsr(), columns)):
        matrix = sp.csr_matrix(matrix)
        linked = np.flatnonzero(np.asarray(matrix.sum(axis=1)).ravel() > 0)
        values = d_prime(matrix)
        parts.append(pd.DataFrame({
            "node": [nodes[i] for i in linked],
            "node_kind": kind,
            "name": [G.nodes[nodes[i]].get("name", str(nodes[i])) for i in linked],
            "degree": matrix.getnnz(axis=1)[linked],
            "weighted_degree": np.asarray(matrix.sum(axis=1)).ravel()[linked],
            "d_prime": values["d_prime"].to_numpy(), "d": values["d"].to_numpy(), "d_max": values["d_max"].to_numpy(),
        }))
    table = pd.concat(parts, ignore_index=True)
    return table.sort_values(["node_kind", "d_prime", "name"], ascending=[True, False, True], ignore_index=True)


def network_specialisation(G: nx.Graph, weight: str | None = "weight") -> pd.DataFrame:
    """Connectance and H2′ of the whole network, one row.

    Columns: ``initiatives`` and ``municipalities`` (with links), ``links``,
    ``possible_links``, ``connectance``, ``h2_prime``, ``h2``, ``h2_min``,
    ``h2_max`` (H2 on the role weights with ``weight="weight"``, on plain links
    with ``None``).
    """
    B, _, _ = biadjacency(G, weight=weight)
    B = sp.csr_matrix(B)
    rows, columns = int((B.getnnz(axis=1) > 0).sum()), int((B.getnnz(axis=0) > 0).sum())
    return pd.DataFrame([{"initiatives": rows, "municipalities": columns, "links": B.count_nonzero(),
                          "possible_links": rows * columns, "connectance": connectance(B), **h2_prime(B)}])
