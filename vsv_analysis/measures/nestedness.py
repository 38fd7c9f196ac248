"""Nestedness: are the municipalities of small initiatives a subset of those the big ones reach?

:func:`nodf` measures nestedness (NODF, Almeida-Neto et al., *Oikos* 117, 2008);
:func:`nestedness` compares it with random matrices that keep every row and column
total (:func:`curveball_chain`, Strona et al., *Nature Communications* 5, 2014).

Examples
--------
>>> nodf([[1, 1, 1], [1, 1, 0], [1, 0, 0]])["nodf"]
100.0
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from .projection import biadjacency

__all__ = ["DENSE_NODF_MAX_CELLS", "NESTEDNESS_MIN_SIZE", "curveball", "curveball_chain", "nestedness", "nodf"]


def _paired_sum(M: sp.csr_matrix) -> tuple[float, int]:
    """Sum of the NODF paired-nestedness values over all row pairs, and the number of pairs.

    For row j, the ones it shares with rows of larger total are counted column
    by column (how many rows in that column have a larger total), so the cost
    is that of sorting the ones, not of comparing every pair of rows.
    """
    rows = M.shape[0]
    degree = np.asarray(M.sum(axis=1)).ravel().astype(np.int64)
    entries = M.tocoo()
    key_base = degree.max() + 1 if rows else 1
    keys = entries.col.astype(np.int64) * key_base + degree[entries.row]
    ordered = np.sort(keys)
    column_end = np.searchsorted(ordered, (entries.col.astype(np.int64) + 1) * key_base, side="left")
    larger_in_column = column_end - np.searchsorted(ordered, keys, side="right")
    larger_shared = np.bincount(entries.row, weights=larger_in_column, minlength=rows)
    with np.errstate(divide="ignore", invalid="ignore"):
        total = float(100.0 * np.where(degree > 0, larger_shared / degree, 0.0).sum())
    return total, rows * (rows - 1) // 2


DENSE_NODF_MAX_CELLS = 40_000


def _paired_sum_dense(M: np.ndarray) -> tuple[float, int]:
    """:func:`_paired_sum` for a small dense 0/1 matrix, by the definition: all row pairs at once."""
    rows = M.shape[0]
    degree = M.sum(axis=1)
    shared = M @ M.T
    upper = np.triu(np.ones((rows, rows), dtype=bool), k=1) & (degree[:, None] != degree[None, :])
    low = np.minimum(degree[:, None], degree[None, :])
    total = float((100.0 * shared[upper] / low[upper]).sum())
    return total, rows * (rows - 1) // 2


def nodf(matrix) -> dict:
    """NODF nestedness of a binary matrix (Almeida-Neto et al., *Oikos* 117, 2008).

    For every pair of rows with different totals, the percentage of the smaller
    row's ones that the larger row also has (pairs with equal totals score 0);
    likewise for columns. NODF is the mean over all row and column pairs, from
    0 (no nestedness) to 100 (perfectly nested: every smaller set lies inside
    every larger one). Empty rows and columns are dropped first, as is usual.

    Returns ``{"nodf", "nodf_rows", "nodf_columns", "rows", "columns", "fill"}``.

    Examples
    --------
    >>> nodf([[1, 1, 1], [1, 1, 0], [1, 0, 0]])["nodf"]
    100.0
    >>> nodf([[1, 0], [0, 1]])["nodf"]
    0.0
    """
    shape = matrix.shape if sp.issparse(matrix) else np.shape(matrix)
    if shape[0] * shape[1] <= DENSE_NODF_MAX_CELLS:  # small matrices: dense arithmetic beats sparse overhead
        M = (matrix.toarray() if sp.issparse(matrix) else np.asarray(matrix)) != 0
        M = M[M.any(axis=1)][:, M.any(axis=0)].astype(float)
        (row_sum, row_pairs), (column_sum, column_pairs) = _paired_sum_dense(M), _paired_sum_dense(M.T)
        ones = int(M.sum())
    else:
        M = sp.csr_matrix(matrix, dtype=float)
        M.data[:] = 1.0
        M = M[np.asarray(M.sum(axis=1)).ravel() > 0][:, np.asarray(M.sum(axis=0)).ravel() > 0].tocsr()
        row_sum, row_pairs = _paired_sum(M)
        column_sum, column_pairs = _paired_sum(M.T.tocsr())
        ones = M.nnz
    pairs = row_pairs + column_pairs
    cells = M.shape[0] * M.shape[1]
    return {
        "nodf": (row_sum + column_sum) / pairs if pairs else float("nan"),
        "nodf_rows": row_sum / row_pairs if row_pairs else float("nan"),
        "nodf_columns": column_sum / column_pairs if column_pairs else float("nan"),
        "rows": M.shape[0],
        "columns": M.shape[1],
        "fill": ones / cells if cells else float("nan"),
    }


def curveball_chain(matrix, rng: np.random.Generator, burn_in: int | None = None, thin: int | None = None):
    """Yield random binary matrices with the same row and column totals as ``matrix``.

    The curveball algorithm (Strona et al., *Nat. Commun.* 5, 2014): each trade
    picks two rows and reshuffles the columns that only one of them has, which
    keeps every row and column total. The chain first makes ``burn_in`` trades
    (default five per row), then yields a matrix after every ``thin`` further
    trades (default one per row), so drawing many null matrices costs one
    trade per row each instead of a fresh burn-in.
    """
    M = sp.csr_matrix(matrix)
    rows = [set(M.indices[M.indptr[i]:M.indptr[i + 1]].tolist()) for i in range(M.shape[0])]
    burn_in = 5 * len(rows) if burn_in is None else burn_in
    thin = max(1, len(rows)) if thin is None else thin
    trades = burn_in
    while True:
        if len(rows) >= 2 and trades:
            first = rng.integers(len(rows), size=trades)
            second = rng.integers(len(rows) - 1, size=trades)
            second += second >= first  # two different rows, uniformly
            for a, b in zip(first.tolist(), second.tolist()):
                only_a, only_b = rows[a] - rows[b], rows[b] - rows[a]
                if not only_a or not only_b:
                    continue
                pool = rng.permutation(sorted(only_a | only_b)).tolist()
                common = rows[a] & rows[b]
                rows[a] = common.union(pool[:len(only_a)])
                rows[b] = common.union(pool[len(only_a):])
        indptr = np.cumsum([0] + [len(r) for r in rows])
        indices = np.fromiter((c for r in rows for c in sorted(r)), dtype=np.int64, count=int(indptr[-1]))
        yield sp.csr_matrix((np.ones(len(indices)), indices, indptr), shape=M.shape)
        trades = thin


def curveball(matrix, rng: np.random.Generator, trades: int | None = None) -> sp.csr_matrix:
    """One random binary matrix with the same row and column totals, after ``trades`` curveball trades."""
    return next(curveball_chain(matrix, rng, burn_in=trades))


NESTEDNESS_MIN_SIZE = 10
"""Fewest initiatives, and fewest municipalities, with links for the nestedness test to mean much.

With fewer, the random matrices that keep every degree are few and alike, so
the p-value is coarse and the test can rarely tell nestedness from chance
(Ulrich, Almeida-Neto & Gotelli, *Oikos* 118, 2009, on the power of null models).
Reports then say that the data are too few to conclude.
"""


def nestedness(G: nx.Graph, null_models: int = 199, seed: int = 42) -> pd.DataFrame:
    """Is the initiative × municipality matrix nested, more than chance allows?

    Nestedness answers the "same usual suspects" question: in a nested
    network the municipalities of small initiatives are a subset of those the
    big initiatives already reach. The observed NODF is compared with
    ``null_models`` random matrices that keep every initiative's and every
    municipality's number of links (curveball algorithm, seeded; a chain with
    a burn-in of five trades per row, then one matrix every row's worth of
    trades, see :func:`curveball_chain`).

    Returns
    -------
    DataFrame
        One row: ``nodf``, ``nodf_rows`` (initiatives), ``nodf_columns``
        (municipalities), ``null_mean``, ``null_sd``, ``z_score`` (observed
        minus null mean, in null standard deviations), ``p_value`` (share of
        null matrices at least as nested, counting the observed one),
        ``null_models``, ``seed``, ``rows``, ``columns``, ``fill`` and
        ``enough_data`` (at least :data:`NESTEDNESS_MIN_SIZE` initiatives and
        municipalities with links). The null NODF values themselves are in
        ``table.attrs["null_nodf"]``, for a histogram.
    """
    B, _, _ = biadjacency(G)
    observed = nodf(B)
    chain = curveball_chain(B, np.random.default_rng(seed))
    null = np.array([nodf(next(chain))["nodf"] for _ in range(null_models)])
    mean = float(null.mean()) if null_models else float("nan")
    sd = float(null.std(ddof=1)) if null_models > 1 else float("nan")
    z_score = (observed["nodf"] - mean) / sd if sd and sd > 0 else float("nan")
    p_value = (1 + int((null >= observed["nodf"] - 1e-9).sum())) / (1 + null_models)
    table = pd.DataFrame([{
        "nodf": observed["nodf"], "nodf_rows": observed["nodf_rows"], "nodf_columns": observed["nodf_columns"],
        "null_mean": mean, "null_sd": sd, "z_score": z_score, "p_value": p_value,
        "null_models": null_models, "seed": seed,
        "rows": observed["rows"], "columns": observed["columns"], "fill": observed["fill"],
        "enough_data": min(observed["rows"], observed["columns"]) >= NESTEDNESS_MIN_SIZE,
    }])
    table.attrs["null_nodf"] = null
    return table
