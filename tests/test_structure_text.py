"""The Dutch sentences of the structure measures: chosen from the results, every number computed."""

import networkx as nx
import numpy as np
import pandas as pd
from helpers import bipartite

from vsv_analysis.measures.modularity import bipartite_communities, compare_with_projection
from vsv_analysis.measures.nestedness import nestedness
from vsv_analysis.measures.overlap import municipality_communities
from vsv_analysis.measures.significance import initiatives_needed, validated_pairs
from vsv_analysis.measures.specialisation import network_specialisation, node_specialisation
from vsv_analysis.report import sections


def planted():
    rng = np.random.default_rng(4)
    M = (rng.random((150, 15)) < np.linspace(0.05, 0.5, 15)).astype(int)
    M[:40, 3] = M[:40, 4] = 1
    M[40:, 4] = 0
    M = M[M.sum(axis=1) > 0]
    G = nx.Graph()
    G.add_nodes_from((f"i{r:03d}" for r in range(M.shape[0])), bipartite=0)
    G.add_nodes_from(((f"m{c:02d}", {"name": f"Gemeente {c}"}) for c in range(M.shape[1])), bipartite=1)
    G.add_edges_from((f"i{r:03d}", f"m{c:02d}") for r, c in zip(*np.nonzero(M)))
    return G


def test_too_few_data_is_said_plainly_with_the_number_needed(vsv):
    text = sections.significance_verdict(validated_pairs(vsv), initiatives_needed(vsv))
    assert text == ("Geen paar gemeenten zit vaker samen in initiatieven dan toeval verklaart, maar met zo weinig "
                    "gegevens kan dat ook niet. Er zijn maar 6 initiatieven met gemeenten bij naam. Zelfs twee "
                    "gemeenten die altijd samen meedoen, vallen dan niet op. Met hetzelfde patroon valt het eerste "
                    "paar pas op bij ongeveer 36 initiatieven met gemeenten bij naam (nu 6).")


def test_a_significant_pair_is_named_with_its_numbers():
    G = planted()
    pairs = validated_pairs(G)
    text = sections.significance_verdict(pairs, initiatives_needed(G))
    expected = pairs.iloc[0]["expected_shared"]
    assert text == ("1 paar gemeenten zit vaker samen in initiatieven dan toeval verklaart. Het is Gemeente 3 en "
                    "Gemeente 4 (samen in 40 initiatieven, bij toeval verwacht "
                    + f"{expected:.1f}".replace(".", ",") + ").")
    table = sections.significant_table(pairs)
    assert table[["municipality_a", "municipality_b", "shared_initiatives", "p_adjusted"]].values.tolist() == [
        ["Gemeente 3", "Gemeente 4", 40, "kleiner dan 0,0001"]]


def test_nothing_above_expectation_says_more_of_the_same_never_helps():
    G = bipartite(["a", "b"], ["x", "y"], [("a", "x"), ("a", "y"), ("b", "x"), ("b", "y")])
    text = sections.significance_verdict(validated_pairs(G), initiatives_needed(G))
    assert text.endswith("Meer initiatieven met hetzelfde patroon zouden daar niets aan veranderen.")
    lonely = bipartite(["a"], ["x"], [("a", "x")])
    assert sections.significance_verdict(validated_pairs(lonely), initiatives_needed(lonely)).startswith(
        "Er zijn te weinig gemeenten met initiatieven om paren te toetsen")


def test_details_state_model_correction_and_threshold(vsv):
    details = sections.significance_details(validated_pairs(vsv), validated_pairs(vsv, "initiative"),
                                            initiatives_needed(vsv))
    assert "Correctie over alle 78 paren van de 13 gemeenten met initiatieven: Benjamini-Hochberg" in details
    assert "hoogstens 0,0006" in details  # 0.05 / 78
    assert "6 paren initiatieven delen een gemeente; geen daarvan valt op na correctie over 15 paren" in details
    bonferroni = sections.significance_details(validated_pairs(vsv, correction="bonferroni"),
                                               validated_pairs(vsv, "initiative"), initiatives_needed(vsv))
    assert "Bonferroni: de kans dat ook maar één paar door toeval opvalt, is hoogstens 5%" in bonferroni


def test_groups_comparison_in_words(vsv):
    direct = bipartite_communities(vsv)
    comparison = compare_with_projection(vsv, municipality_communities(vsv), direct)
    text = sections.groups_comparison_text(comparison)
    rows = comparison.set_index("method")
    assert (f"komen er {rows.loc['lpawb+', 'groups']} groepen uit. Met de Louvain-methode op de gemeenten alleen zijn "
            f"het er {rows.loc['louvain', 'groups']}.") in text
    assert "modulariteit 0,48 tegen 0,41" in text
    members = sections.group_members(direct)
    assert members.iloc[0].to_dict() == {"community": 1, "initiatieven": "Proeftuin Sociaal Inkopen",
                                         "gemeenten": "Land van Cuijk; Meierijstad; Oosterhout"}


def test_connectance_and_specialisation_in_words(vsv):
    row = network_specialisation(vsv).iloc[0]
    assert sections.connectance_text(row) == (
        "Er zijn 6 initiatieven en 13 gemeenten met verbindingen. Daartussen kunnen 78 verbindingen bestaan. Er zijn "
        "er 20: een verbondenheid van 26%.")
    text = sections.specialisation_text(row, node_specialisation(vsv))
    assert text.startswith(f"Initiatieven hebben deels hun eigen gemeenten: de maat H2′ is "
                           f"{row['h2_prime']:.2f}.".replace(".", ",", 1))
    assert "Pilot Altena en Pilot Vitaal Buitengebied delen geen gemeente met andere initiatieven." in text
    empty = pd.Series({"possible_links": 0})
    assert sections.connectance_text(empty) == "Er zijn geen verbindingen tussen initiatieven en bij naam genoemde " \
                                               "gemeenten."


def test_nestedness_details_give_the_effective_sample_size(vsv):
    nested = nestedness(vsv, null_models=99, seed=7)
    row = nested.iloc[0]
    details = sections.nestedness_details(nested)
    assert f"samen zoveel waard als {row['effective_null_models']:.0f} onafhankelijke" in details
    assert "initiatieven zonder bij naam genoemde gemeenten tellen niet mee" in details
    assert "eerst 50 ronden" in details and "dan 5 ronden" in details
    kept = sections.nestedness_details(nestedness(vsv, null_models=19, seed=7, empty="keep"))
    assert "zoals vegan (nestednodf) rekent" in kept and "NODF 21,3" in kept
