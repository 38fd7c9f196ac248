"""Overlap, co-involvement and communities: hand values and independent computations (nestedness: test_nestedness)."""

import itertools

import numpy as np
import pytest
from helpers import bipartite

from vsv_analysis.measures.overlap import (
    initiative_overlap,
    municipality_communities,
    municipality_pairs,
    municipality_recurrence,
    overlap_matrix,
)
from vsv_analysis.network import edge_table


def test_jaccard_of_outcomes_fund_and_social_procurement_is_three_eighths(vsv):
    row = initiative_overlap(vsv).set_index(["name_a", "name_b"]).loc[
        ("Brabant Outcomes Fund", "Proeftuin Sociaal Inkopen")]
    assert (row["shared"], row["union"]) == (3, 8)
    assert row["jaccard"] == 3 / 8
    assert row["overlap_coefficient"] == 3 / 5
    assert row["shared_municipalities"] == "'s-Hertogenbosch; Breda; Tilburg"


def test_overlap_agrees_with_set_arithmetic(vsv):
    edges = edge_table(vsv)
    sets = {i: set(group["municipality_node"]) for i, group in edges.groupby("initiative_id")}
    for initiative in {n for n, b in vsv.nodes(data="bipartite") if b == 0} - set(sets):
        sets[initiative] = set()
    table = initiative_overlap(vsv, min_shared=0)
    assert len(table) == len(list(itertools.combinations(sets, 2))) == 36
    for row in table.to_dict("records"):
        a, b = sets[row["initiative_a"]], sets[row["initiative_b"]]
        assert row["shared"] == len(a & b)
        assert row["jaccard"] == pytest.approx(len(a & b) / len(a | b)) if a | b else np.isnan(row["jaccard"])
        if a and b:
            assert row["overlap_coefficient"] == pytest.approx(len(a & b) / min(len(a), len(b)))
    assert len(initiative_overlap(vsv)) == 6  # pairs that share anything at all


def test_overlap_matrix(vsv):
    matrix = overlap_matrix(vsv, "jaccard")
    assert matrix.loc["Brabant Outcomes Fund", "Proeftuin Sociaal Inkopen"] == 3 / 8
    assert np.allclose(matrix.fillna(-1), matrix.T.fillna(-1))
    assert matrix.loc["Veerkrachtdialoog", "Veerkrachtdialoog"] == 1.0
    assert np.isnan(matrix.loc["Stérk Brabant", "Stérk Brabant"])
    assert overlap_matrix(vsv, "shared").loc["Proeftuin Sociaal Inkopen", "Proeftuin Sociaal Inkopen"] == 6


def test_projection_weightings_by_hand():
    # A names x, y, z; B names y, z.
    G = bipartite(["A", "B"], ["x", "y", "z"], [("A", "x"), ("A", "y"), ("A", "z"), ("B", "y"), ("B", "z")])
    weights = {w: {(r["municipality_a"], r["municipality_b"]): r["weight"] for r in
                   municipality_pairs(G, w).to_dict("records")} for w in ("count", "jaccard", "newman")}
    assert weights["count"] == {("y", "z"): 2, ("x", "y"): 1, ("x", "z"): 1}
    assert weights["jaccard"] == {("y", "z"): 1.0, ("x", "y"): 0.5, ("x", "z"): 0.5}
    # Newman: a shared initiative with k municipalities adds 1/(k-1): A adds 1/2, B adds 1.
    assert weights["newman"] == {("y", "z"): 1.5, ("x", "y"): 0.5, ("x", "z"): 0.5}


def test_role_weighting_uses_edge_weights():
    G = bipartite(["A"], ["x", "y"], [("A", "x"), ("A", "y")])
    G.edges["A", "y"]["weight"] = 0.25
    assert municipality_pairs(G, "role")["weight"].tolist() == [0.25]


def test_communities_split_disjoint_groups_and_repeat():
    G = bipartite(["A", "B"], ["p", "q", "r", "s", "t"],
                  [("A", "p"), ("A", "q"), ("A", "r"), ("B", "s"), ("B", "t")])
    table = municipality_communities(G, seed=1)
    groups = table.groupby("community")["node"].apply(set).to_dict()
    assert groups == {1: {"p", "q", "r"}, 2: {"s", "t"}}
    assert table.equals(municipality_communities(G, seed=1))


def test_vsv_communities_are_stable(vsv):
    first = municipality_communities(vsv)
    assert first.equals(municipality_communities(vsv))
    community = dict(zip(first["name"], first["community"]))
    assert community["Altena"] == community["Maashorst"]
    assert first.attrs["modularity"] > 0


def test_recurrence(vsv):
    table = municipality_recurrence(vsv).set_index("name")
    assert table.loc["'s-Hertogenbosch", "initiatives"] == 4
    # 6 initiatives name at least one municipality.
    assert table.loc["'s-Hertogenbosch", "share_of_initiatives_pct"] == pytest.approx(100 * 4 / 6)


def test_top_pairs_are_the_head_of_all_pairs_and_every_pair_names_its_municipalities(monkeypatch):
    """Blocks of any size give the same pairs; ``top`` keeps the first of them and counts all; above the 20,000
    pairs at which the names were once left out, every pair still names what it shares."""
    import vsv_analysis.measures.overlap as overlap

    rng = np.random.default_rng(7)
    initiatives, municipalities = [f"i{n:03d}" for n in range(300)], [f"m{n:02d}" for n in range(16)]
    edges = [(i, municipalities[m]) for i in initiatives
             for m in rng.choice(len(municipalities), size=int(rng.integers(1, 7)), replace=False)]
    G = bipartite(initiatives, municipalities, edges)
    everything = initiative_overlap(G)
    assert len(everything) > 20_000 and everything.attrs["pairs"] == len(everything)
    sets = {i: {m for _, m in edges if _ == i} for i in initiatives}
    for row in everything.sample(500, random_state=1).itertuples():
        assert row.shared_municipalities == "; ".join(sorted(sets[row.initiative_a] & sets[row.initiative_b]))
    monkeypatch.setattr(overlap, "PAIR_BLOCK_CELLS", 3_000)  # a dozen rows per block
    assert initiative_overlap(G).equals(everything)
    for top in (1, 37, 5_000):
        best = initiative_overlap(G, top=top)
        assert best.equals(everything.head(top)) and best.attrs["pairs"] == len(everything)
