"""Tiny hand-checkable bipartite graphs for the measure tests, and the modules of ``benchmarks/`` for the tests."""

import importlib.util
from pathlib import Path

import networkx as nx

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def benchmark(name: str):
    """A module of ``benchmarks/`` (not a package): the programme generator, or the benchmark's measures of a page."""
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def bipartite(initiatives, municipalities, edges) -> nx.Graph:
    """A graph with initiatives on side 0, municipalities on side 1, and weight-1 edges."""
    G = nx.Graph()
    G.add_nodes_from(initiatives, bipartite=0)
    G.add_nodes_from(municipalities, bipartite=1)
    G.add_edges_from(edges, weight=1.0)
    return G
