"""Writing the network for Gephi and other tools: GEXF and GraphML.

networkx refuses to write list-valued attributes and ``None`` to either format
(and GEXF mis-types an attribute whose first value is missing). The graph is
therefore flattened first: lists become "; "-joined text, dicts become
``key=value`` text, and missing values are left out, so an attribute that a node
does not have is simply absent, as both formats allow.

Examples
--------
>>> import networkx as nx
>>> G = nx.Graph(roles=["partner", "observer"])
>>> G.add_node("a", themes=["Energie", "Water"], population=None, bipartite=0)
>>> flatten_attributes(G).nodes["a"]
{'themes': 'Energie; Water', 'bipartite': 0}
"""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx

from .atomic import atomic_write

__all__ = ["FORMATS", "flatten_attributes", "write_graph"]

FORMATS = ("gexf", "graphml")


def _flat(value):
    if isinstance(value, list | tuple | set):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}={v}" for k, v in value.items())
    return value


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def flatten_attributes(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` whose graph, node and edge attributes are all scalars; missing ones dropped."""
    def clean(attributes: dict) -> dict:
        return {k: _flat(v) for k, v in attributes.items() if not _is_missing(v)}

    H = nx.Graph(**clean(G.graph))
    H.add_nodes_from((n, clean(d)) for n, d in G.nodes(data=True))
    H.add_edges_from((u, v, clean(d)) for u, v, d in G.edges(data=True))
    return H


def write_graph(G: nx.Graph, path: Path, fmt: str | None = None) -> Path:
    """Write ``G`` as GEXF or GraphML (from ``fmt`` or the file suffix), atomically.

    Written through :func:`vsv_analysis.atomic.atomic_write`, so a failure never
    leaves a half-written file in place of a good one.
    """
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise ValueError(f"graph format must be gexf or graphml, not {fmt!r}")
    writer = nx.write_gexf if fmt == "gexf" else nx.write_graphml
    flat = flatten_attributes(G)
    if fmt == "gexf":  # Gephi shows the label: the name reads better than a code
        for node, data in flat.nodes(data=True):
            data.setdefault("label", str(data.get("name", node)))
    return atomic_write(path, lambda temporary: writer(flat, temporary))
