"""The bipartite graph: nodes, edges, roles, weights, region expansion and the geography year."""

import networkx as nx
import pytest

from vsv_analysis.evidence.dataset import load_dataset
from vsv_analysis.network import (
    DEFAULT_ROLE_WEIGHTS,
    build_network,
    build_party_network,
    edge_table,
    initiative_nodes,
    municipality_nodes,
    role_weights,
)

INITIATIVES = [
    "alpha,Alpha,pilot,doc,1,Energie|Water,,,First",
    "beta,Beta,network,doc,2,,12,member,Second",
]
INVOLVEMENTS = [
    "m1,alpha,Breda,municipality,partner,,,",
    "m2,alpha,Landerd,municipality,exploring,,,",
    "m3,alpha,Uden,municipality,observer,,,",
    "m4,beta,Breda,municipality,observer,,,",
    "m5,beta,B5-gemeenten,region,participant,yes,,",
    "m6,beta,Galderen,municipality,applied-in,,,",
    "m7,beta,Stichting Zet,foundation,executor,,,",
    "m8,alpha,Zet,foundation,initiator,,,",
]


@pytest.fixture
def mini(make_data):
    return make_data(INITIATIVES, INVOLVEMENTS)


def test_nodes_and_sides(mini):
    G = build_network(load_dataset(mini, year=2022), include_unresolved=True)
    assert initiative_nodes(G) == {"alpha", "beta"}
    assert municipality_nodes(G) == {"GM0758", "GM1991", "unresolved:Galderen"}
    assert municipality_nodes(G, resolved_only=True) == {"GM0758", "GM1991"}
    assert nx.is_bipartite(G)
    assert G.nodes["alpha"]["themes"] == ["Energie", "Water"]
    assert G.nodes["beta"]["reported_municipalities"] == 12
    breda = G.nodes["GM0758"]
    assert (breda["bipartite"], breda["population"], breda["regio_4"], breda["b5"]) == (1, 184702, "West-Brabant", "B5")
    assert "B5" in breda["regions"]


def test_merged_municipalities_collapse_into_one_edge_in_2022(mini):
    G = build_network(load_dataset(mini, year=2022))
    edge = G.edges["alpha", "GM1991"]  # Landerd (exploring, 0.5) and Uden (observer, 0.25) are Maashorst
    assert edge["mention_ids"] == ["m2", "m3"]
    assert edge["roles"] == ["exploring", "observer"]
    assert (edge["role"], edge["weight"]) == ("exploring", 0.5)


def test_merged_municipalities_stay_apart_in_2021(mini):
    G = build_network(load_dataset(mini, year=2021))
    assert set(G["alpha"]) == {"GM0758", "GM1685", "GM0856"}
    assert G.edges["alpha", "GM0856"]["weight"] == 0.25


def test_role_filter(mini):
    G = build_network(load_dataset(mini, year=2022), roles=["partner", "exploring"])
    assert set(G.edges()) == {("alpha", "GM0758"), ("alpha", "GM1991")}
    assert G.graph["roles"] == ["partner", "exploring"]
    assert "beta" in G  # initiatives stay, even without edges


def test_unknown_role_is_refused_with_suggestion(mini):
    with pytest.raises(ValueError, match="did you mean 'observer'"):
        build_network(load_dataset(mini, year=2022), roles=["obsrever"])


def test_role_weight_override(mini):
    G = build_network(load_dataset(mini, year=2022), weights={"observer": 0.0, "exploring": 2})
    assert G.edges["alpha", "GM1991"]["weight"] == 2.0
    assert G.edges["beta", "GM0758"]["weight"] == 0.0
    assert DEFAULT_ROLE_WEIGHTS["observer"] == 0.25  # defaults untouched
    with pytest.raises(ValueError, match="number of 0 or more"):
        role_weights({"observer": -1})


def test_region_expansion_marks_indirect_edges_and_keeps_direct_ones(mini):
    data = load_dataset(mini, year=2022)
    assert len(build_network(data).edges("beta")) == 1  # Breda; B5 not expanded by default
    G = build_network(data, expand_regions=True)
    assert set(G["beta"]) == {"GM0758", "GM0772", "GM0794", "GM0796", "GM0855"}
    assert G.edges["beta", "GM0772"]["is_indirect"] and G.edges["beta", "GM0772"]["via_region"] == "b5"
    breda = G.edges["beta", "GM0758"]  # named directly as observer: the direct mention wins
    assert (breda["is_indirect"], breda["role"], breda["mention_ids"]) == (False, "observer", ["m4"])


def test_unresolved_names_are_left_out_unless_asked_for(mini):
    data = load_dataset(mini, year=2022)
    assert "unresolved:Galderen" not in build_network(data)
    assert not build_network(data, include_unresolved=True).nodes["unresolved:Galderen"]["is_resolved"]


def test_edge_table_traces_every_edge_to_mentions(mini):
    table = edge_table(build_network(load_dataset(mini, year=2022), include_unresolved=True))
    assert list(table["mention_ids"]) == ["m1", "m2; m3", "m4", "m6"]  # Breda before Galderen


def test_party_layer_merges_spellings(mini):
    P = build_party_network(load_dataset(mini, year=2022))
    assert set(P["party:zet"]) == {"alpha", "beta"}
    assert P.nodes["party:b5"]["name"] == "B5"


def test_vsv_network_facts():
    data = load_dataset(year=2022)
    G = build_network(data)
    named = municipality_nodes(G, resolved_only=True)
    assert len(named) == 13
    assert G.degree("GM0796") == 4 and G.degree("GM0758") == 3 and G.degree("GM0855") == 3
    assert G.number_of_edges() == 20
    expanded = build_network(data, expand_regions=True)
    # West-Brabant (16) and Zuidoost-Brabant (21) added; 7 of them were named already.
    assert len(municipality_nodes(expanded, resolved_only=True)) == 43
    assert build_network(load_dataset(year=2021)).number_of_edges() == 21
