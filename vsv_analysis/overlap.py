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
    "initiative_overlap",
    "municipality_communities",
    "municipality_pairs",
    "municipality_recurrence",
    "nestedness",
    "nodf",
    "overlap_matrix",
    "curveball",
]


def _name(G: nx.Graph, node) -> str:
    return G.nodes[node].get("name", str(node))


def initiative_overlap(G: nx.Graph, min_shared: int = 1) -> pd.DataFrame:
    """Pairs of initiatives and the municipalities they share.

    For initiatives A and B with municipality sets ``N(A)`` and ``N(B)``:
    ``shared = |N(A) ∩ N(B)|``, Jaccard ``= shared / |N(A) ∪ N(B)|`` (1 when
    the sets are equal) and the overlap coefficient (Szymkiewicz–Simpson)
    ``= shared / min(|N(A)|, |N(B)|)`` (1 when the smaller set lies inside the
    larger). Computed on the sparse biadjacency matrix.

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
        ``overlap_coefficient``, ``shared_municipalities`` (names, "; "),
        sorted by Jaccard, then shared, descending.
    """
    B, rows, columns = biadjacency(G)
    size = np.asarray(B.sum(axis=1)).ravel().astype(int)
    if min_shared > 0:
        shared = sp.triu(B @ B.T, k=1).tocoo()
        pairs = [(i, j, int(s)) for i, j, s in zip(shared.row, shared.col, shared.data) if s >= min_shared]
    else:
        dense = (B @ B.T).toarray()
        pairs = [(i, j, int(dense[i, j])) for i in range(len(rows)) for j in range(i + 1, len(rows))]
    B = sp.csr_matrix(B)
    records = []
    for i, j, s in pairs:
        union = size[i] + size[j] - s
        smaller = min(size[i], size[j])
        common = set(B.indices[B.indptr[i]:B.indptr[i + 1]]) & set(B.indices[B.indptr[j]:B.indptr[j + 1]])
        records.append({
            "initiative_a": rows[i], "initiative_b": rows[j],
            "name_a": _name(G, rows[i]), "name_b": _name(G, rows[j]),
            "size_a": int(size[i]), "size_b": int(size[j]),
            "shared": s, "union": int(union),
            "jaccard": s / union if union else np.nan,
            "overlap_coefficient": s / smaller if smaller else np.nan,
            "shared_municipalities": "; ".join(sorted(_name(G, columns[c]) for c in common)),
        })
    columns_out = ["initiative_a", "initiative_b", "name_a", "name_b", "size_a", "size_b", "shared", "union",
                   "jaccard", "overlap_coefficient", "shared_municipalities"]
    table = pd.DataFrame(records, columns=columns_out)
    return table.sort_values(["jaccard", "shared", "name_a", "name_b"], ascending=[False, False, True, True],
                             ignore_index=True, na_position="last")


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
    """Sum of the NODF paired-nestedness values over all row pairs, and the number of pairs."""
    degree = np.asarray(M.sum(axis=1)).ravel()
    shared = sp.triu(M @ M.T, k=1).tocoo()
    low = np.minimum(degree[shared.row], degree[shared.col])
    unequal = degree[shared.row] != degree[shared.col]
    total = float((100.0 * shared.data[unequal] / low[unequal]).sum())
    rows = M.shape[0]
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
    M = sp.csr_matrix(np.asarray(matrix, dtype=float) if not sp.issparse(matrix) else matrix, dtype=float)
    M.data[:] = 1.0
    M = M[np.asarray(M.sum(axis=1)).ravel() > 0][:, np.asarray(M.sum(axis=0)).ravel() > 0].tocsr()
    row_sum, row_pairs = _paired_sum(M)
    column_sum, column_pairs = _paired_sum(M.T.tocsr())
    pairs = row_pairs + column_pairs
    cells = M.shape[0] * M.shape[1]
    return {
        "nodf": (row_sum + column_sum) / pairs if pairs else float("nan"),
        "nodf_rows": row_sum / row_pairs if row_pairs else float("nan"),
        "nodf_columns": column_sum / column_pairs if column_pairs else float("nan"),
        "rows": M.shape[0],
        "columns": M.shape[1],
        "fill": M.nnz / cells if cells else float("nan"),
    }


def curveball(matrix: sp.csr_matrix, rng: np.random.Generator, trades: int | None = None) -> sp.csr_matrix:
    """A random binary matrix with the same row and column totals (Strona et al., *Nat. Commun.* 5, 2014).

    Each trade picks two rows and reshuffles the columns that only one of them
    has; ``trades`` defaults to five times the number of rows.
    """
    M = sp.csr_matrix(matrix)
    rows = [set(M.indices[M.indptr[i]:M.indptr[i + 1]]) for i in range(M.shape[0])]
    if len(rows) < 2:
        return M.copy()
    for _ in range(trades if trades is not None else 5 * len(rows)):
        a, b = rng.choice(len(rows), size=2, replace=False)
        only_a, only_b = rows[a] - rows[b], rows[b] - rows[a]
        if not only_a or not only_b:
            continue
        pool = np.array(sorted(only_a | only_b))
        rng.shuffle(pool)
        common = rows[a] & rows[b]
        rows[a] = common | set(pool[:len(only_a)].tolist())
        rows[b] = common | set(pool[len(only_a):].tolist())
    indptr = np.cumsum([0] + [len(r) for r in rows])
    indices = np.fromiter((c for r in rows for c in sorted(r)), dtype=np.int64, count=int(indptr[-1]))
    return sp.csr_matrix((np.ones(len(indices)), indices, indptr), shape=M.shape)


def nestedness(G: nx.Graph, null_models: int = 199, seed: int = 42) -> pd.DataFrame:
    """Is the initiative × municipality matrix nested, more than chance allows?

    Nestedness answers the "same usual suspects" question: in a nested
    network the municipalities of small initiatives are a subset of those the
    big initiatives already reach. The observed NODF is compared with
    ``null_models`` random matrices that keep every initiative's and every
    municipality's number of links (curveball algorithm, seeded).

    Returns
    -------
    DataFrame
        One row: ``nodf``, ``nodf_rows`` (initiatives), ``nodf_columns``
        (municipalities), ``null_mean``, ``null_sd``, ``z_score`` (observed
        minus null mean, in null standard deviations), ``p_value`` (share of
        null matrices at least as nested, counting the observed one),
        ``null_models``, ``seed``, ``rows``, ``columns``, ``fill``.
    """
    B, _, _ = biadjacency(G)
    observed = nodf(B)
    rng = np.random.default_rng(seed)
    core = sp.csr_matrix(B)
    null = np.array([nodf(curveball(core, rng))["nodf"] for _ in range(null_models)])
    mean = float(null.mean()) if null_models else float("nan")
    sd = float(null.std(ddof=1)) if null_models > 1 else float("nan")
    z_score = (observed["nodf"] - mean) / sd if sd and sd > 0 else float("nan")
    p_value = (1 + int((null >= observed["nodf"] - 1e-9).sum())) / (1 + null_models)
    return pd.DataFrame([{
        "nodf": observed["nodf"], "nodf_rows": observed["nodf_rows"], "nodf_columns": observed["nodf_columns"],
        "null_mean": mean, "null_sd": sd, "z_score": z_score, "p_value": p_value,
        "null_models": null_models, "seed": seed,
        "rows": observed["rows"], "columns": observed["columns"], "fill": observed["fill"],
    }])
