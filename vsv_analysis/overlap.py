"""Do initiatives reach the same municipalities? Overlap, co-involvement, communities, nestedness.

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
    :mod:`vsv_analysis.projection`). Columns: ``municipality_a``,
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
