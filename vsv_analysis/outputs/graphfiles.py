"""Writing the network for Gephi, yEd and other tools: GEXF 1.2 and GraphML.

networkx refuses to write list-valued attributes and ``None`` to either format
(and GEXF mis-types an attribute whose first value is missing). The graph is
therefore flattened first: lists become "; "-joined text, dicts become
``key=value`` text, and missing values (``None``, NaN, empty text, empty lists)
are left out, so an attribute that a node does not have is simply absent, as
both formats allow.

Both formats give every node a ``label``: its name, which Gephi and yEd show
instead of a code such as GM0796. The GEXF file validates against the GEXF 1.2
schema and carries what the reports' network figure shows: each initiative in
the colour of its kind, municipalities in grey (white for a name that is no
known municipality), and node sizes that grow with the number of connections.
Its ``<meta>`` says which year, roles and role weights made the network; the
GraphML file holds the same as graph attributes.

Examples
--------
>>> import networkx as nx
>>> G = nx.Graph(roles=["partner", "observer"])
>>> G.add_node("a", themes=["Energie", "Water"], population=None, b5="", bipartite=0)
>>> flatten_attributes(G).nodes["a"]
{'themes': 'Energie; Water', 'bipartite': 0}
"""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from ..common.atomic import atomic_write

__all__ = ["FORMATS", "describe_graph", "flatten_attributes", "viz_attributes", "write_graph"]

FORMATS = ("gexf", "graphml")


def _flat(value):
    if isinstance(value, list | tuple | set):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}={v}" for k, v in value.items())
    return value


def _is_missing(value) -> bool:
    return value is None or value == "" or (isinstance(value, float) and math.isnan(value))


def flatten_attributes(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` whose graph, node and edge attributes are all scalars; missing and empty ones dropped."""
    def clean(attributes: dict) -> dict:
        flat = {k: _flat(v) for k, v in attributes.items()}
        return {k: v for k, v in flat.items() if not _is_missing(v)}

    H = nx.Graph(**clean(G.graph))
    H.add_nodes_from((n, clean(d)) for n, d in G.nodes(data=True))
    H.add_edges_from((u, v, clean(d)) for u, v, d in G.edges(data=True))
    return H


def _rgb(colour: str) -> dict:
    colour = colour.lstrip("#")
    return {"r": int(colour[0:2], 16), "g": int(colour[2:4], 16), "b": int(colour[4:6], 16), "a": 1.0}


def viz_attributes(G: nx.Graph, node) -> dict:
    """GEXF ``viz`` colour and size of ``node``, as the reports' network figure draws it.

    The size is the square root of the figure's marker area, so sizes compare as they do on the page.
    """
    from ..common.palette import MUNICIPALITY_COLOUR, OKABE_ITO, UNRESOLVED_COLOUR, kind_colours, node_marker_area
    from ..evidence.vocabulary import default_vocabulary

    data = G.nodes[node]
    kind = data.get("node_kind", "initiative" if data.get("bipartite") == 0 else "municipality")
    if kind == "initiative":
        kinds = G.graph.get("initiative_kinds") or default_vocabulary().values("kind")
        colour = kind_colours(kinds).get(data.get("kind"), OKABE_ITO["grey"])
    else:
        colour = MUNICIPALITY_COLOUR if data.get("is_resolved", True) else UNRESOLVED_COLOUR
    size = round(math.sqrt(node_marker_area(kind, G.degree(node))), 2)
    return {"color": _rgb(colour), "size": size}


def describe_graph(G: nx.Graph) -> str:
    """One line saying what made the network: year, roles, role weights, region expansion, population date;
    for a validated projection (:func:`vsv_analysis.measures.significance.validated_graph`), what was tested."""
    graph = G.graph
    kind = (f"Validated co-involvement network ({graph['validated']}; an edge: the pair shares more initiatives than "
            "chance allows)" if graph.get("validated") else
            "Bipartite network of initiatives (bipartite=0) and municipalities (bipartite=1)")
    parts = [kind + (f" of the programme {graph['programme']}" if graph.get("programme") else "")]
    if "year" in graph:
        parts.append(f"geography year: {graph['year']}")
    if "roles" in graph:
        parts.append("roles: " + ", ".join(graph["roles"]))
    if "role_weights" in graph:
        parts.append("role weights: " + ", ".join(f"{k}={v:g}" for k, v in graph["role_weights"].items()))
    if "expand_regions" in graph:
        parts.append(f"region parties count for their members: {'yes' if graph['expand_regions'] else 'no'}")
    if graph.get("population_date"):
        parts.append(f"population on: {graph['population_date']}")
    return "; ".join(parts) + "."


class _GEXFWriter(GEXFWriter):
    """networkx's writer, without the graph ``name`` (not in GEXF 1.2) and with a full ``<meta>``."""

    def add_graph(self, G):
        super().add_graph(G)
        self.graph_element.attrib.pop("name", None)

    def add_meta(self, creator: str, description: str, keywords: str) -> None:
        from xml.etree.ElementTree import SubElement

        meta = self.xml.find("meta")
        meta.find("creator").text = creator
        SubElement(meta, "description").text = description
        SubElement(meta, "keywords").text = keywords


def _write_gexf(G: nx.Graph, flat: nx.Graph, path: str) -> None:
    from .. import __version__

    for node, data in flat.nodes(data=True):
        data["viz"] = viz_attributes(G, node)
    writer = _GEXFWriter(version="1.2draft")
    keywords = "; ".join(filter(None, [G.graph.get("programme", ""), "gemeenten", "initiatieven"]))
    writer.add_meta(f"vsv-analysis {__version__}", describe_graph(G), keywords)
    writer.add_graph(flat)
    with open(path, "wb") as handle:
        writer.write(handle)


def write_graph(G: nx.Graph, path: Path, fmt: str | None = None) -> Path:
    """Write ``G`` as GEXF or GraphML (from ``fmt`` or the file suffix), atomically.

    Written through :func:`vsv_analysis.common.atomic.atomic_write`, so a failure never
    leaves a half-written file in place of a good one.
    """
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise ValueError(f"graph format must be gexf or graphml, not {fmt!r}")
    flat = flatten_attributes(G)
    for node, data in flat.nodes(data=True):
        data["label"] = str(data.get("name", node))
    if fmt == "gexf":
        return atomic_write(path, lambda temporary: _write_gexf(G, flat, temporary))
    return atomic_write(path, lambda temporary: nx.write_graphml(flat, temporary))
