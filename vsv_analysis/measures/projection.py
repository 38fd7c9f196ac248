"""Matrices and one-mode projections of the bipartite network, on sparse matrices.

The biadjacency matrix ``B`` has one row per initiative and one column per
municipality. Projections multiply it with itself, so they scale to thousands of
initiatives without pairwise Python loops.

Weightings of a projection onto one side (two nodes ``u``, ``v`` of that side;
``N(u)`` their neighbours on the other side; ``k_x`` the degree of a node ``x``
on the other side):

- ``count``: number of shared neighbours, ``|N(u) ∩ N(v)|``;
- ``jaccard``: ``|N(u) ∩ N(v)| / |N(u) ∪ N(v)|``;
- ``newman``: Newman's collaboration weight ``Σ_{x ∈ N(u) ∩ N(v)} 1 / (k_x - 1)``
  (M. E. J. Newman, *Phys. Rev. E* 64, 016132, 2001): a shared initiative with
  many municipalities says less about any one pair than a small one;
- ``role``: ``Σ_x w(u, x) · w(v, x)`` with the role weights of the edges.

Examples
--------
>>> import networkx as nx
>>> G = nx.Graph()
>>> G.add_nodes_from(["a", "b"], bipartite=0)
>>> G.add_nodes_from([1, 2, 3], bipartite=1)
>>> G.add_edges_from([("a", 1), ("a", 2), ("b", 2), ("b", 3)])
>>> P = project(G, "initiative", weighting="jaccard")
>>> round(P.edges["a", "b"]["weight"], 4)
0.3333
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import scipy.sparse as sp

__all__ = ["WEIGHTINGS", "biadjacency", "project", "projection_matrix", "side_nodes"]

WEIGHTINGS = ("count", "jaccard", "newman", "role")


def side_nodes(G: nx.Graph, side: str) -> list:
    """Nodes of one side, sorted: ``initiative`` (``bipartite=0``) or ``municipality`` (``bipartite=1``)."""
    if side not in ("initiative", "municipality"):
        raise ValueError(f"side must be 'initiative' or 'municipality', not {side!r}")
    value = 0 if side == "initiative" else 1
    return sorted((n for n, b in G.nodes(data="bipartite") if b == value), key=str)


def biadjacency(G: nx.Graph, weight: str | None = None):
    """The initiative × municipality matrix as CSR, with its row and column node lists.

    With ``weight=None`` the entries are 1; otherwise the edge attribute ``weight``.
    """
    rows, columns = side_nodes(G, "initiative"), side_nodes(G, "municipality")
    if not rows or not columns:  # networkx refuses an empty side; the matrix is simply empty
        return sp.csr_matrix((len(rows), len(columns))), rows, columns
    B = nx.bipartite.biadjacency_matrix(G, row_order=rows, column_order=columns, weight=weight, format="csr",
                                        dtype=float)
    return B, rows, columns


def projection_matrix(B: sp.csr_matrix, weighting: str = "count", weighted_B: sp.csr_matrix | None = None):
    """Project the rows of ``B`` onto each other; returns a square CSR matrix with zero diagonal.

    ``B`` must be binary; ``weighted_B`` (same pattern, role weights) is needed
    for the ``role`` weighting only.
    """
    if weighting not in WEIGHTINGS:
        raise ValueError(f"weighting must be one of {', '.join(WEIGHTINGS)}, not {weighting!r}")
    if weighting == "count":
        P = B @ B.T
    elif weighting == "jaccard":
        shared = (B @ B.T).tocoo()
        degree = np.asarray(B.sum(axis=1)).ravel()
        union = degree[shared.row] + degree[shared.col] - shared.data
        P = sp.csr_matrix((shared.data / union, (shared.row, shared.col)), shape=shared.shape)
    elif weighting == "newman":
        column_degree = np.asarray(B.sum(axis=0)).ravel()
        scale = np.divide(1.0, column_degree - 1, out=np.zeros_like(column_degree), where=column_degree > 1)
        P = B @ sp.diags(scale) @ B.T
    else:
        if weighted_B is None:
            raise ValueError("the 'role' weighting needs the weighted biadjacency matrix")
        P = weighted_B @ weighted_B.T
    P = sp.csr_matrix(P)
    P.setdiag(0)
    P.eliminate_zeros()
    return P


def project(G: nx.Graph, side: str = "municipality", weighting: str = "count") -> nx.Graph:
    """One-mode projection onto ``side`` as a weighted graph.

    Every node of that side is kept (also one without shared neighbours), with
    its attributes. Edges carry ``weight`` (by ``weighting``) and ``shared``
    (the number of shared neighbours).
    """
    B, rows, columns = biadjacency(G)
    weighted_B = biadjacency(G, weight="weight")[0] if weighting == "role" else None
    if side == "municipality":
        B, nodes = B.T.tocsr(), columns
        weighted_B = weighted_B.T.tocsr() if weighted_B is not None else None
    else:
        nodes = rows
    shared = sp.triu(projection_matrix(B, "count"), k=1).tocoo()
    weights = np.asarray(projection_matrix(B, weighting, weighted_B).tocsr()[shared.row, shared.col]).ravel()
    P = nx.Graph(side=side, weighting=weighting)
    P.add_nodes_from((n, G.nodes[n]) for n in nodes)
    P.add_edges_from((nodes[i], nodes[j], {"weight": float(w), "shared": int(c)})
                     for i, j, c, w in zip(shared.row, shared.col, shared.data, weights))
    return P
