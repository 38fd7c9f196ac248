"""Do initiatives reach the same municipalities? Overlap, co-involvement, communities.

The nestedness test is in :mod:`vsv_analysis.measures.nestedness`; :func:`nestedness`, :func:`nodf`,
:func:`curveball` and :func:`curveball_chain` are available from here too.

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

from .nestedness import NESTEDNESS_MIN_SIZE, curveball, curveball_chain, nestedness, nodf
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


PAIR_BLOCK_CELLS = 4_000_000
"""Initiative pairs compared at once: a block of rows against all rows, so memory stays bounded at any size."""


def _pair_blocks(B: sp.csr_matrix, size: np.ndarray, min_shared: int):
    """``(first, second, shared, jaccard)`` of the pairs ``first < second`` sharing ``min_shared`` or more, per block
    of rows; ``jaccard`` is a float32 sort key here, -1 where both sets are empty.

    Each block multiplies a few rows of the (dense, initiatives × municipalities) matrix with the rows from
    there on, so no initiative × initiative matrix is ever held whole. ``floor`` (sent into the generator)
    drops pairs whose Jaccard is below it before they are listed.
    """
    rows = B.shape[0]
    dense = B.astype(np.float32).toarray()  # n × municipalities: small, and BLAS multiplies it fastest
    sizes = size.astype(np.float32)
    step = max(1, PAIR_BLOCK_CELLS // max(rows, 1))
    floor = -np.inf
    for start in range(0, rows, step):
        end = min(start + step, rows)
        shared = dense[start:end] @ dense[start:].T
        union = sizes[start:end, None] + sizes[None, start:] - shared
        jaccard = np.divide(shared, union, out=np.full_like(shared, -1.0), where=union > 0)
        wanted = np.triu(shared >= min_shared, k=1)  # column j of the block is row start + j
        total = int(wanted.sum())
        if floor > -np.inf:
            wanted &= jaccard >= floor - 1e-6  # float32 keys: a tie with the floor stays, the exact order decides
        first, second = np.nonzero(wanted)
        sent = yield total, (first + start, second + start, shared[first, second].astype(np.int64))
        floor = floor if sent is None else sent


def _ordered(jaccard: np.ndarray, shared: np.ndarray, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Positions in the table's order: Jaccard, then shared, descending, then by initiative id."""
    return np.lexsort((second, first, -shared, -np.nan_to_num(jaccard, nan=-1.0)))


def _best_pairs(B: sp.csr_matrix, size: np.ndarray, min_shared: int, top: int | None):
    """The pairs ``first < second`` in table order, all of them or the ``top`` first; and how many there are."""
    kept: list[tuple] = []
    total, held, floor = 0, 0, None
    blocks = _pair_blocks(B, size, min_shared)
    try:
        count, part = next(blocks)
        while True:
            total += count
            union = size[part[0]] + size[part[1]] - part[2]
            with np.errstate(divide="ignore", invalid="ignore"):
                kept.append((*part, np.where(union > 0, part[2] / union, np.nan)))
            held += len(part[0])
            if top is not None and held > 2 * top:
                kept = [_take(kept, top)]
                held = len(kept[0][0])
                floor = float(np.nan_to_num(kept[0][3][-1], nan=-1.0)) if held >= top else None
            count, part = blocks.send(floor)
    except StopIteration:
        pass
    return _take(kept, top), total


def _take(parts: list[tuple], top: int | None) -> tuple:
    first, second, shared, jaccard = (np.concatenate([p[i] for p in parts]) if parts else
                                      np.array([], dtype=float if i == 3 else np.int64) for i in range(4))
    order = _ordered(jaccard, shared, first, second)[:top]
    return first[order], second[order], shared[order], jaccard[order]


def _shared_names(G: nx.Graph, B: sp.csr_matrix, columns: list, first: np.ndarray, second: np.ndarray,
                  chunk: int = 200_000) -> list[str]:
    """The names of the municipalities each pair shares, in name order, "; "-joined (pairs a chunk at a time)."""
    names = [_name(G, c) for c in columns]
    order = sorted(range(len(columns)), key=lambda c: names[c])
    member = B.toarray()[:, order] > 0  # initiatives × municipalities, the columns in name order
    ordered = np.array([names[c] for c in order], dtype=object)
    joined: list[str] = []
    for start in range(0, len(first), chunk):
        both = member[first[start:start + chunk]] & member[second[start:start + chunk]]
        pair, column = np.nonzero(both)
        bounds = np.searchsorted(pair, np.arange(both.shape[0] + 1)).tolist()
        values = ordered[column].tolist()
        joined += ["; ".join(values[a:b]) for a, b in zip(bounds[:-1], bounds[1:])]
    return joined


def initiative_overlap(G: nx.Graph, min_shared: int = 1, top: int | None = None) -> pd.DataFrame:
    """Pairs of initiatives and the municipalities they share.

    For initiatives A and B with municipality sets ``N(A)`` and ``N(B)``:
    ``shared = |N(A) ∩ N(B)|``, Jaccard ``= shared / |N(A) ∪ N(B)|`` (1 when
    the sets are equal) and the overlap coefficient (Szymkiewicz–Simpson)
    ``= shared / min(|N(A)|, |N(B)|)`` (1 when the smaller set lies inside the
    larger). Computed in blocks of initiatives against all others, without
    pairwise loops and without an initiative × initiative matrix: memory grows
    with the pairs kept, not with the pairs compared.

    Parameters
    ----------
    min_shared : int
        Leave out pairs sharing fewer municipalities (default 1: only pairs that
        overlap at all; 0 lists every pair, with empty measures where a set is empty).
    top : int, optional
        Keep only the first ``top`` pairs of the order below (the largest overlap);
        default all. The number of pairs in all is ``table.attrs["pairs"]`` either way.

    Returns
    -------
    DataFrame
        ``initiative_a``, ``initiative_b`` (node ids), ``name_a``, ``name_b``,
        ``size_a``, ``size_b``, ``shared``, ``union``, ``jaccard``,
        ``overlap_coefficient`` and ``shared_municipalities`` (names, "; "); sorted
        by Jaccard, then shared, descending, then by initiative id.

    Examples
    --------
    >>> from vsv_analysis.evidence.dataset import load_dataset
    >>> from vsv_analysis.network import build_network
    >>> best = initiative_overlap(build_network(load_dataset(year=2022)), top=1)
    >>> best.attrs["pairs"], best[["shared", "union"]].values.tolist()
    (6, [[3, 8]])
    """
    B, rows, columns = biadjacency(G)
    B = sp.csr_matrix(B)
    size = np.asarray(B.sum(axis=1)).ravel().astype(np.int64)
    (first, second, count, jaccard), total = _best_pairs(B, size, min_shared, top)
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
            "jaccard": jaccard,
            "overlap_coefficient": np.where(smaller > 0, count / smaller, np.nan),
            "shared_municipalities": _shared_names(G, B, columns, first, second),
        })
    table.attrs["pairs"] = int(total)
    return table


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
    :mod:`vsv_analysis.measures.projection`). Columns: ``municipality_a``,
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
