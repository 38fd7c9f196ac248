"""Nestedness: are the municipalities of small initiatives a subset of those the big ones reach?

:func:`nodf` measures nestedness (NODF, Almeida-Neto et al., *Oikos* 117, 2008);
:func:`nestedness` compares it with random matrices that keep every row and column
total (:func:`~vsv_analysis.measures.nullmodels.curveball_chain`), and reports how
many independent draws those random matrices are worth.

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

from .nullmodels import (
    DEFAULT_BURN_IN,
    DEFAULT_THIN,
    curveball,
    curveball_chain,
    curveball_entries,
    effective_sample_size,
)
from .projection import biadjacency

__all__ = ["EMPTY_CONVENTIONS", "NESTEDNESS_MIN_SIZE", "curveball", "curveball_chain", "nestedness", "nodf"]

EMPTY_CONVENTIONS = ("drop", "keep")
"""What NODF does with rows and columns without ones: leave them out, or count their pairs (vegan's ``nestednodf``)."""


class _PairedNestedness:
    """NODF of any matrix with given row and column totals, from the positions of its ones.

    For row ``j``, the ones it shares with rows of larger total are counted column
    by column: rows are grouped by their total, and per group and column the
    number of ones in rows of a larger total is a suffix sum. The cost is that of
    counting the ones, not of comparing every pair of rows, and it is paid once
    per matrix: the groups depend only on the totals, which null models keep.
    """

    def __init__(self, row_degree: np.ndarray, column_degree: np.ndarray, empty: str = "drop"):
        if empty not in EMPTY_CONVENTIONS:
            raise ValueError(f"empty must be one of {', '.join(EMPTY_CONVENTIONS)}, not {empty!r}")
        self.shape = (len(row_degree), len(column_degree))
        self.rows = self._side(np.asarray(row_degree, dtype=np.int64), empty)
        self.columns = self._side(np.asarray(column_degree, dtype=np.int64), empty)

    @staticmethod
    def _side(degree: np.ndarray, empty: str) -> dict:
        values, group = np.unique(degree, return_inverse=True)
        counted = int((degree > 0).sum()) if empty == "drop" else len(degree)
        with np.errstate(divide="ignore"):
            scale = np.where(values > 0, 100.0 / np.maximum(values, 1), 0.0)
        return {"group": group, "groups": len(values), "scale": scale, "pairs": counted * (counted - 1) // 2,
                "lines": int((degree > 0).sum())}

    @staticmethod
    def _sum(side: dict, own: np.ndarray, other: np.ndarray, others: int) -> float:
        counts = np.bincount(side["group"][own] * others + other,
                             minlength=side["groups"] * others).reshape(side["groups"], others)
        # From the largest total down, the ones already passed are those in lines of a strictly larger total.
        # A loop over the groups (one per distinct total) is faster than numpy's cumsum along the first axis.
        larger, total = np.zeros(others, dtype=np.int64), 0.0
        for group in range(side["groups"] - 1, -1, -1):
            total += float(side["scale"][group]) * float(counts[group] @ larger)
            larger += counts[group]
        return total

    def __call__(self, row: np.ndarray, col: np.ndarray) -> dict:
        rows, columns = self.rows, self.columns
        row_sum = self._sum(rows, row, col, self.shape[1])
        column_sum = self._sum(columns, col, row, self.shape[0])
        pairs = rows["pairs"] + columns["pairs"]
        return {
            "nodf": (row_sum + column_sum) / pairs if pairs else float("nan"),
            "nodf_rows": row_sum / rows["pairs"] if rows["pairs"] else float("nan"),
            "nodf_columns": column_sum / columns["pairs"] if columns["pairs"] else float("nan"),
            "rows": rows["lines"], "columns": columns["lines"],
        }


def _entries(matrix) -> tuple[tuple[int, int], np.ndarray, np.ndarray]:
    M = sp.coo_matrix(matrix)
    keep = M.data != 0
    return M.shape, M.row[keep].astype(np.int64), M.col[keep].astype(np.int64)


def nodf(matrix, empty: str = "drop") -> dict:
    """NODF nestedness of a binary matrix (Almeida-Neto et al., *Oikos* 117, 2008).

    For every pair of rows with different totals, the percentage of the smaller
    row's ones that the larger row also has (pairs with equal totals score 0);
    likewise for columns. NODF is the mean over all row and column pairs, from
    0 (no nestedness) to 100 (perfectly nested: every smaller set lies inside
    every larger one).

    ``empty`` says what happens to rows and columns without ones: ``"drop"``
    (default) leaves them out; ``"keep"`` counts their pairs, which score 0, as
    vegan's ``nestednodf`` does. Here an empty row is an initiative whose
    source names no municipality: what it reaches is unknown, not nothing, and
    which municipalities are columns at all depends on who is named; so the
    default leaves them out. The choice scales the observed value and every
    null value alike, so it does not change the test of :func:`nestedness`.

    Returns ``{"nodf", "nodf_rows", "nodf_columns", "rows", "columns", "fill"}``;
    ``rows`` and ``columns`` count those with ones, ``fill`` is the share of
    their cells that are ones.

    Examples
    --------
    >>> nodf([[1, 1, 1], [1, 1, 0], [1, 0, 0]])["nodf"]
    100.0
    >>> nodf([[1, 0], [0, 1]])["nodf"]
    0.0
    >>> round(nodf([[1, 1], [1, 0], [0, 0]], empty="keep")["nodf"], 2)  # the empty row adds two pairs of 0
    50.0
    """
    shape, row, col = _entries(matrix)
    measure = _PairedNestedness(np.bincount(row, minlength=shape[0]), np.bincount(col, minlength=shape[1]), empty)
    result = measure(row, col)
    cells = result["rows"] * result["columns"]
    return {**result, "fill": len(row) / cells if cells else float("nan")}


NESTEDNESS_MIN_SIZE = 10
"""Fewest initiatives, and fewest municipalities, with links for the nestedness test to mean much.

With fewer, the random matrices that keep every degree are few and alike, so
the p-value is coarse and the test can rarely tell nestedness from chance
(Ulrich, Almeida-Neto & Gotelli, *Oikos* 118, 2009, on the power of null models).
Reports then say that the data are too few to conclude.
"""


def nestedness(G: nx.Graph, null_models: int = 199, seed: int = 42, empty: str = "drop",
               burn_in: int = DEFAULT_BURN_IN, thin: int = DEFAULT_THIN) -> pd.DataFrame:
    """Is the initiative × municipality matrix nested, more than chance allows?

    Nestedness answers the "same usual suspects" question: in a nested
    network the municipalities of small initiatives are a subset of those the
    big initiatives already reach. The observed NODF (see :func:`nodf` for
    ``empty``) is compared with ``null_models`` random matrices that keep every
    initiative's and every municipality's number of links: one seeded curveball
    chain, ``burn_in`` global trades before the first matrix and ``thin``
    between matrices (see :mod:`~vsv_analysis.measures.nullmodels`). Because
    the matrices of one chain are correlated, the table gives their effective
    sample size beside the p-value: the number of independent matrices they
    are worth.

    Returns
    -------
    DataFrame
        One row: ``nodf``, ``nodf_rows`` (initiatives), ``nodf_columns``
        (municipalities), ``null_mean``, ``null_sd``, ``z_score`` (observed
        minus null mean, in null standard deviations), ``p_value`` (share of
        null matrices at least as nested, counting the observed one),
        ``p_value_se`` (its Monte Carlo standard error, from the effective
        sample size), ``null_models``, ``effective_null_models``, ``burn_in``,
        ``thin``, ``seed``, ``empty``, ``rows``, ``columns``, ``fill`` and
        ``enough_data`` (at least :data:`NESTEDNESS_MIN_SIZE` initiatives and
        municipalities with links). The null NODF values themselves are in
        ``table.attrs["null_nodf"]``, for a histogram.
    """
    B, _, _ = biadjacency(G)
    shape, row, col = _entries(B)
    measure = _PairedNestedness(np.bincount(row, minlength=shape[0]), np.bincount(col, minlength=shape[1]), empty)
    observed = nodf(B, empty)
    chain = curveball_entries(B, np.random.default_rng(seed), burn_in, thin)
    null = np.array([measure(*next(chain))["nodf"] for _ in range(null_models)])
    mean = float(null.mean()) if null_models else float("nan")
    sd = float(null.std(ddof=1)) if null_models > 1 else float("nan")
    z_score = (observed["nodf"] - mean) / sd if sd and sd > 0 else float("nan")
    p_value = (1 + int((null >= observed["nodf"] - 1e-9).sum())) / (1 + null_models)
    effective = effective_sample_size(null)
    table = pd.DataFrame([{
        "nodf": observed["nodf"], "nodf_rows": observed["nodf_rows"], "nodf_columns": observed["nodf_columns"],
        "null_mean": mean, "null_sd": sd, "z_score": z_score, "p_value": p_value,
        "p_value_se": float(np.sqrt(p_value * (1 - p_value) / effective)) if effective == effective else float("nan"),
        "null_models": null_models, "effective_null_models": effective, "burn_in": burn_in, "thin": thin,
        "seed": seed, "empty": empty,
        "rows": observed["rows"], "columns": observed["columns"], "fill": observed["fill"],
        "enough_data": min(observed["rows"], observed["columns"]) >= NESTEDNESS_MIN_SIZE,
    }])
    table.attrs["null_nodf"] = null
    return table
