"""Bipartite modularity, LPAwb+, connectance, H2' and d': hand values and the R bipartite examples."""

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from helpers import bipartite

from vsv_analysis.common.locations import PACKAGE_DIR
from vsv_analysis.measures.modularity import (
    barber_modularity,
    bipartite_communities,
    compare_with_projection,
    lpa_wb_plus,
    rows_for_columns,
)
from vsv_analysis.measures.overlap import municipality_communities
from vsv_analysis.measures.specialisation import (
    connectance,
    d_prime,
    h2_prime,
    network_specialisation,
    node_specialisation,
)

SAFARILAND = PACKAGE_DIR.parent / "tests" / "fixtures" / "ecology" / "safariland.csv"


@pytest.fixture(scope="module")
def safariland():
    return pd.read_csv(SAFARILAND, index_col=0).to_numpy()


def test_barber_modularity_by_hand():
    blocks = [[1, 1, 0, 0], [1, 1, 0, 0], [0, 0, 1, 1], [0, 0, 1, 1]]
    # m = 8; each block holds 4 links and degree sums 4 and 4: (4 - 16/8) * 2 / 8 = 0.5.
    assert barber_modularity(blocks, [0, 0, 1, 1], [0, 0, 1, 1]) == 0.5
    assert barber_modularity(blocks, [0, 0, 0, 0], [0, 0, 0, 0]) == 0.0  # one group: what the degrees give
    # Row i with column i: 4 links inside, each of the 4 groups expects 2 * 2 / 8: (4 - 2) / 8.
    assert barber_modularity(blocks, [0, 1, 2, 3], [0, 1, 2, 3]) == pytest.approx(0.25)
    assert barber_modularity(blocks, [0, 0, 1, None], [0, 0, 1, -1]) == pytest.approx((4 - 2) / 8 + (1 - 2 * 2 / 8) / 8)


def test_rows_follow_their_columns():
    blocks = np.array([[1, 1, 0, 0], [1, 1, 0, 0], [0, 0, 1, 1], [0, 0, 0, 0]])
    assert rows_for_columns(blocks, np.array([0, 0, 1, 1])).tolist() == [0, 0, 1, -1]


def test_lpawb_finds_the_blocks():
    blocks = np.kron(np.eye(3), np.ones((3, 2)))  # three separate groups of 3 rows and 2 columns
    rows, columns, quality, _ = lpa_wb_plus(blocks, seed=1)
    assert quality == pytest.approx(1 - 3 * (6 * 6) / 18**2)
    assert rows.tolist() == [0, 0, 0, 1, 1, 1, 2, 2, 2] and columns.tolist() == [0, 0, 1, 1, 2, 2]


def test_safariland_modules_as_r_bipartite_finds_them(safariland):
    # R bipartite, set.seed(1); DIRT_LPA_wb_plus(Safariland): these labels, modularity 0.4301558462.
    rows = [5, 4, 1, 4, 4, 6, 1, 4, 1]
    columns = [5, 4, 5, 1, 4, 4, 1, 4, 4, 5, 4, 6, 6, 4, 1, 6, 1, 4, 6, 4, 4, 4, 4, 4, 4, 4, 5]
    assert barber_modularity(safariland, rows, columns) == pytest.approx(0.4301558462, abs=1e-10)
    # bipartite's own notes: LPAwb+ 0.427, computeModules 0.429, DIRTLPAwb+ 0.430. Ours finds at least that.
    assert lpa_wb_plus(safariland, seed=1)[2] >= 0.4301558462


def test_southern_women_as_barber_analysed_them():
    # Davis's Southern Women (networkx's copy), the example of Barber (2007). R bipartite's DIRT_LPA_wb_plus,
    # seeds 1 to 20: at most 0.3455371796, in four groups.
    G = nx.davis_southern_women_graph()
    M = nx.bipartite.biadjacency_matrix(G, G.graph["top"], G.graph["bottom"])
    rows, columns, quality, _ = lpa_wb_plus(M, seed=3)
    assert quality == pytest.approx(0.3455371796, abs=1e-10)
    assert len(set(rows.tolist())) == 4


def test_vsv_groups_on_the_bipartite_graph_and_beside_louvain(vsv):
    table = bipartite_communities(vsv)
    linked = table.dropna(subset=["community"])
    assert set(linked["node"]) == {n for n in vsv if vsv.degree(n) > 0}
    assert table.attrs["modularity"] == pytest.approx(barber_modularity(
        *_labels(vsv, table)), abs=1e-12)
    assert table.equals(bipartite_communities(vsv))  # seeded
    comparison = compare_with_projection(vsv, municipality_communities(vsv), table).set_index("method")
    assert comparison.loc["lpawb+", "modularity"] >= comparison.loc["louvain", "modularity"] - 1e-12
    assert 0 <= comparison.loc["louvain", "agreement"] <= 1


def _labels(G, table):
    from vsv_analysis.measures.projection import biadjacency

    B, rows, columns = biadjacency(G)
    community = dict(zip(table["node"], table["community"]))
    label = [-1 if pd.isna(community[n]) else int(community[n]) for n in rows]
    return B, label, [-1 if pd.isna(community[n]) else int(community[n]) for n in columns]


def test_connectance_by_hand(vsv):
    assert connectance([[1, 1, 0], [0, 1, 0], [0, 0, 0]]) == 0.75  # 3 links, 2 x 2 possible among linked nodes
    # The built-in network: 20 links among 6 initiatives and 13 municipalities with links.
    assert connectance(nx.bipartite.biadjacency_matrix(
        vsv, [n for n, b in vsv.nodes(data="bipartite") if b == 0])) == pytest.approx(20 / 78)
    row = network_specialisation(vsv).iloc[0]
    assert (row["initiatives"], row["municipalities"], row["links"], row["possible_links"]) == (6, 13, 20, 78)


def test_h2_prime_by_hand_and_on_safariland(safariland):
    assert h2_prime([[2, 0], [0, 2]])["h2_prime"] == pytest.approx(1.0)
    assert h2_prime([[1, 1], [1, 1]])["h2_prime"] == pytest.approx(0.0)
    # [[3, 1], [1, 3]]: H2 = -(2 * 3/8 ln 3/8 + 2 * 1/8 ln 1/8); H2max = ln 4; H2min = -(2 * 1/2 ln 1/2) = ln 2.
    h2 = -(2 * 3 / 8 * np.log(3 / 8) + 2 * 1 / 8 * np.log(1 / 8))
    assert h2_prime([[3, 1], [1, 3]])["h2_prime"] == pytest.approx((np.log(4) - h2) / (np.log(4) - np.log(2)))
    # R bipartite: H2fun(Safariland, H2_integer = FALSE): H2' 0.8579642576, H2min 1.451, H2max 2.379.
    result = h2_prime(safariland)
    assert result["h2_prime"] == pytest.approx(0.8579642576, abs=1e-10)
    assert (round(result["h2_min"], 3), round(result["h2_max"], 3)) == (1.451, 2.379)


def test_d_prime_by_hand_and_on_safariland(safariland):
    assert d_prime([[2, 0], [0, 2]])["d_prime"].tolist() == [1.0, 1.0]  # each row monopolises its partner
    assert d_prime([[1, 1], [1, 1]])["d_prime"].tolist() == [0.0, 0.0]  # each row uses partners as available
    # [[3, 1], [1, 3]]: q = (1/2, 1/2); row 0: d = 3/4 ln 3/2 + 1/4 ln 1/2; d_max = ln(8/4).
    d = 3 / 4 * np.log(1.5) + 1 / 4 * np.log(0.5)
    assert d_prime([[3, 1], [1, 3]])["d_prime"].tolist() == pytest.approx([d / np.log(2)] * 2)
    # R bipartite: dfun(Safariland) (counts, so whole interactions) and dfun(t(Safariland)), first values.
    plants = d_prime(safariland, integer=True)["d_prime"]
    assert plants.tolist() == pytest.approx([0.9613967842, 0.8043229409, 0.9846607457, 0.5619797590, 0.5590405135,
                                             1.0, 0.9036838718, 0.6625751675, 0.9106927951], abs=1e-9)
    visitors = d_prime(safariland.T, integer=True)["d_prime"]
    assert visitors[:4].tolist() == pytest.approx([0.6905693333, 0.8581793588, 0.1554289146, 0.8474065843], abs=1e-9)
    assert (visitors[9], visitors[26]) == (0.0, 0.0)


def test_vsv_node_specialisation_uses_role_weights(vsv):
    table = node_specialisation(vsv).set_index("name")
    assert set(table["node_kind"]) == {"initiative", "municipality"}
    # The Altena pilot's two municipalities take part in nothing else: as exclusive as it gets.
    assert table.loc["Pilot Altena", "d_prime"] == pytest.approx(1.0)
    assert (table["d_prime"].dropna().between(0, 1 + 1e-12)).all()
    weighted = table.loc["Proeftuin Sociaal Inkopen"]
    assert (weighted["degree"], weighted["weighted_degree"]) == (6, 5.25)
    # 's-Hertogenbosch, in 4 of the 6 initiatives with municipalities, is the least specialised municipality.
    municipalities = table[table["node_kind"] == "municipality"]
    assert municipalities["d_prime"].idxmin() == "'s-Hertogenbosch"


def test_an_isolated_pair_is_fully_specialised():
    G = bipartite(["a", "b"], ["x", "y"], [("a", "x"), ("b", "y")])
    assert node_specialisation(G)["d_prime"].tolist() == [1.0, 1.0, 1.0, 1.0]
    assert network_specialisation(G).iloc[0]["h2_prime"] == pytest.approx(1.0)
