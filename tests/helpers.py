"""Tiny hand-checkable bipartite graphs for the measure tests."""

import networkx as nx


def bipartite(initiatives, municipalities, edges) -> nx.Graph:
    """A graph with initiatives on side 0, municipalities on side 1, and weight-1 edges."""
    G = nx.Graph()
    G.add_nodes_from(initiatives, bipartite=0)
    G.add_nodes_from(municipalities, bipartite=1)
    G.add_edges_from(edges, weight=1.0)
    return G
