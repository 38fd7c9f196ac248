"""Centrality on graphs small enough to check by hand, and on the VSV network."""

import networkx as nx
import pytest
from helpers import bipartite

from vsv_analysis.evidence.dataset import load_dataset
from vsv_analysis.measures.centrality import (
    bipartite_betweenness,
    bipartite_closeness,
    bridging_municipalities,
    centrality_table,
    pagerank,
)
from vsv_analysis.network import build_network


def by_node(table, column):
    return dict(zip(table["node"], table[column]))


def test_k23_by_hand():
    G = nx.complete_bipartite_graph(2, 3)  # 0, 1 on side 0; 2, 3, 4 on side 1
    table = centrality_table(G)
    assert by_node(table, "degree") == {0: 3, 1: 3, 2: 2, 3: 2, 4: 2}
    assert set(by_node(table, "degree_centrality").values()) == {1.0}  # everyone linked to all of the other side
    # Each of the 3 pairs on side 1 has 2 shortest paths, one through each side-0 node: 3 x 1/2 = 1.5,
    # over the two-mode maximum 5 for n=2, m=3. Side 1: the one pair on side 0 has 3 paths: 1/3, maximum 4.
    betweenness = by_node(table, "betweenness")
    assert betweenness[0] == pytest.approx(0.3) and betweenness[2] == pytest.approx(1 / 12)
    # Distance sums equal the two-mode optimum (5 for side 0, 6 for side 1): closeness 1.
    assert list(table["closeness"]) == pytest.approx([1.0] * 5)


def test_path_by_hand():
    G = bipartite(["a", "b"], ["x", "y"], [("a", "x"), ("x", "b"), ("b", "y")])  # a - x - b - y
    betweenness = bipartite_betweenness(G)
    assert betweenness == {"a": 0.0, "b": 1.0, "x": 1.0, "y": 0.0}
    closeness = bipartite_closeness(G)
    assert closeness == pytest.approx({"a": 4 / 6, "b": 1.0, "x": 1.0, "y": 4 / 6})


def test_matches_networkx_on_connected_graphs():
    G = build_network(load_dataset(year=2022))
    H = G.subgraph(max(nx.connected_components(G), key=len)).copy()
    top = {n for n, b in H.nodes(data="bipartite") if b == 0}
    assert bipartite_closeness(H) == pytest.approx(nx.bipartite.closeness_centrality(H, top))
    assert bipartite_betweenness(H) == pytest.approx(nx.bipartite.betweenness_centrality(H, top))


def test_disconnected_pair_does_not_crash_and_stays_below_one():
    G = bipartite(["a", "b"], ["x", "y"], [("a", "x"), ("b", "y")])
    table = centrality_table(G)
    assert set(by_node(table, "betweenness").values()) == {0.0}
    # Within its component each node is optimal (1), and it reaches 1 of the 3 other nodes.
    assert by_node(table, "closeness") == pytest.approx(dict.fromkeys("abxy", 1 / 3))
    assert set(table["component"]) == {1, 2}
    # networkx's whole-graph optimum would rate these nodes above 1:
    assert nx.bipartite.closeness_centrality(G, {"a", "b"})["a"] > 1


def test_isolated_nodes_score_zero():
    G = bipartite(["a", "b"], ["x"], [("a", "x")])
    table = centrality_table(G)
    row = table.set_index("node").loc["b"]
    assert (row["degree"], row["betweenness"], row["closeness"], row["degree_centrality"]) == (0, 0.0, 0.0, 0.0)


def test_pagerank_matches_networkx():
    P = nx.Graph()
    P.add_weighted_edges_from([("p", "q", 2.0), ("q", "r", 1.0), ("r", "p", 0.5), ("r", "s", 1.0)])
    P.add_node("t")  # dangling
    order = sorted(P)
    mine = pagerank(nx.to_scipy_sparse_array(P, nodelist=order, weight="weight", format="csr"))
    theirs = nx.pagerank(P, weight="weight", tol=1e-12)
    assert dict(zip(order, mine)) == pytest.approx(theirs, abs=1e-9)


def test_sampled_betweenness_says_so_and_repeats():
    G = build_network(load_dataset(year=2022))
    first = centrality_table(G, betweenness_sample=5, seed=3)
    again = centrality_table(G, betweenness_sample=5, seed=3)
    assert set(first["betweenness_method"]) == {"sampled (k=5, seed=3)"}
    assert list(first["betweenness"]) == list(again["betweenness"])
    assert set(centrality_table(G)["betweenness_method"]) == {"exact"}


def test_bridging_on_a_chain():
    G = bipartite(["a", "b", "c"], ["x", "y", "z"], [("a", "x"), ("b", "x"), ("b", "y"), ("c", "y"), ("c", "z")])
    table = bridging_municipalities(G)
    assert table[["node", "initiatives", "is_cut_vertex", "separated_initiative_pairs"]].values.tolist() == [
        ["x", 2, True, 1], ["y", 2, True, 1]]


def test_vsv_centrality_facts():
    table = centrality_table(build_network(load_dataset(year=2022)))
    municipalities = table[table["node_kind"] == "municipality"].set_index("name")
    initiatives = table[table["node_kind"] == "initiative"].set_index("name")
    assert municipalities["degree"].idxmax() == "'s-Hertogenbosch"
    for measure in ("degree", "betweenness", "closeness", "pagerank"):
        assert municipalities.loc["'s-Hertogenbosch", f"rank_{measure}"] == 1
    # 4 of the 9 initiatives: degree / size of the other side.
    assert municipalities.loc["'s-Hertogenbosch", "degree_centrality"] == pytest.approx(4 / 9)
    assert initiatives.loc["Proeftuin Sociaal Inkopen", "degree"] == 6
    # Proeftuin: 5 participants (1.0) and Boxmeer/Land van Cuijk as observer (0.25).
    assert initiatives.loc["Proeftuin Sociaal Inkopen", "weighted_degree"] == 5.25
    assert initiatives.loc["Proeftuin Sociaal Inkopen", "degree_centrality"] == pytest.approx(6 / 13)
    assert "Galderen" not in municipalities.index  # no municipality, so no place in any measure
    assert initiatives.loc["Stérk Brabant", "degree"] == 0


def test_vsv_bridges_are_the_three_cities_and_none_is_indispensable():
    table = bridging_municipalities(build_network(load_dataset(year=2022)))
    assert table[["name", "initiatives", "is_cut_vertex"]].values.tolist() == [
        ["'s-Hertogenbosch", 4, False], ["Breda", 3, False], ["Tilburg", 3, False]]
