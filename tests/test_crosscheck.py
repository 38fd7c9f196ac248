"""The measures against networkx on random bipartite graphs, wherever networkx has the same measure."""

import networkx as nx
import numpy as np
import pytest

from vsv_analysis.measures.centrality import centrality_table, pagerank
from vsv_analysis.measures.overlap import municipality_pairs
from vsv_analysis.measures.paths import bipartite_betweenness, bipartite_closeness
from vsv_analysis.measures.projection import biadjacency, projection_matrix

SEEDS = range(6)


def random_bipartite(seed: int, initiatives: int = 14, municipalities: int = 9, p: float = 0.25) -> nx.Graph:
    """A random bipartite graph (often disconnected) with the project's node attributes."""
    G = nx.bipartite.random_graph(initiatives, municipalities, p, seed=seed)
    nx.set_node_attributes(G, {n: f"n{n:02d}" for n in G}, "name")
    rng = np.random.default_rng(seed)
    nx.set_edge_attributes(G, {e: float(rng.choice([1.0, 0.5, 0.25])) for e in G.edges}, "weight")
    return G


def sides(G):
    return [n for n, b in G.nodes(data="bipartite") if b == 0], [n for n, b in G.nodes(data="bipartite") if b == 1]


@pytest.mark.parametrize("seed", SEEDS)
def test_betweenness_is_networkx_bipartite_betweenness(seed):
    G = random_bipartite(seed)
    top, _ = sides(G)
    assert bipartite_betweenness(G) == pytest.approx(nx.bipartite.betweenness_centrality(G, top), abs=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_closeness_is_networkx_with_its_normalisation(seed):
    G = random_bipartite(seed)
    top, _ = sides(G)
    theirs = nx.bipartite.closeness_centrality(G, top, normalized=True)
    assert bipartite_closeness(G, normalisation="networkx") == pytest.approx(theirs, abs=1e-12)
    # Per component the optimum is smaller, so no value exceeds 1; on the largest part of a connected graph both agree.
    ours = bipartite_closeness(G)
    assert max(ours.values()) <= 1 + 1e-12
    H = G.subgraph(max(nx.connected_components(G), key=len)).copy()
    assert bipartite_closeness(H) == pytest.approx(
        nx.bipartite.closeness_centrality(H, [n for n in H if H.nodes[n]["bipartite"] == 0]), abs=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_degree_centrality_is_networkx(seed):
    G = random_bipartite(seed)
    top, _ = sides(G)
    table = centrality_table(G)
    assert dict(zip(table["node"], table["degree_centrality"])) == pytest.approx(nx.bipartite.degree_centrality(G, top))


@pytest.mark.parametrize("seed", SEEDS)
def test_projections_are_networkx_projections(seed):
    G = random_bipartite(seed)
    _, bottom = sides(G)
    for weighting, theirs in (("count", nx.bipartite.weighted_projected_graph(G, bottom)),
                              ("jaccard", nx.bipartite.overlap_weighted_projected_graph(G, bottom)),
                              ("newman", nx.bipartite.collaboration_weighted_projected_graph(G, bottom))):
        names = {n: G.nodes[n]["name"] for n in bottom}
        expected = {tuple(sorted((names[u], names[v]))): d["weight"] for u, v, d in theirs.edges(data=True)}
        if weighting == "newman":  # networkx keeps pairs whose shared neighbours all have degree 1 at weight 0
            expected = {k: w for k, w in expected.items() if w > 0}
        table = municipality_pairs(G, weighting)
        ours = {tuple(sorted((a, b))): w for a, b, w in zip(table["municipality_a"], table["municipality_b"],
                                                            table["weight"]) if w > 0}
        assert ours == pytest.approx(expected), weighting


@pytest.mark.parametrize("seed", SEEDS)
def test_pagerank_of_the_projection_is_networkx_pagerank(seed):
    G = random_bipartite(seed)
    B, rows, _ = biadjacency(G)
    W = projection_matrix(B, "newman")
    P = nx.from_scipy_sparse_array(W)
    P.add_nodes_from(range(len(rows)))
    theirs = nx.pagerank(P, weight="weight", tol=1e-12)
    assert dict(enumerate(pagerank(W))) == pytest.approx(theirs, abs=1e-9)


@pytest.mark.parametrize("seed", SEEDS)
def test_louvain_modularity_is_networkx_modularity(seed):
    from vsv_analysis.measures.overlap import municipality_communities
    from vsv_analysis.measures.projection import project

    G = random_bipartite(seed)
    table = municipality_communities(G, seed=seed)
    P = project(G, "municipality", "newman")
    if P.number_of_edges():
        groups = [set(part["node"]) for _, part in table.groupby("community")]
        assert table.attrs["modularity"] == pytest.approx(nx.community.modularity(P, groups, weight="weight"))
