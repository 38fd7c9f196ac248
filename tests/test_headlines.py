"""Headlines that carry their own caveat, on the index and in the summary (built-in data and tiny cases).

A range that rests on one count says so in its own sentence and is never bold; question 4 gives one verdict;
the opening says in one sentence why the municipalities are counted in another year than the memo's; the
PageRank sentence says how PageRank is computed.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest
from helpers import bipartite

from vsv_analysis.measures.centrality import centrality_table
from vsv_analysis.measures.nestedness import nestedness
from vsv_analysis.report import sections
from vsv_analysis.report.context import build_report
from vsv_analysis.report.opening import lead, year_sentence
from vsv_analysis.report.summary import _recurrence_verdict, headlines, recurrence

BOUND = ("Tellen we één aantal zonder namen mee, 57 gemeenten bij Dementievriendelijk Brabant, dan zijn het er 52 "
         "tot 56 van de 56 (93% tot 100%).")


@pytest.fixture(scope="module")
def report():
    return build_report(year=2026)


def test_the_range_says_what_it_rests_on_and_is_not_the_bold_headline(report):
    lines = dict(headlines(report))
    first, caveat = str(lines["Hoeveel gemeenten en inwoners?"]), str(lines["Hoe zeker is dat?"])
    assert "<strong>13 van de 56 gemeenten</strong>" in first and "52" not in first
    assert BOUND in caveat and "<strong>" not in caveat
    assert "Dat aantal is vermoedelijk geteld in 2021, toen Noord-Brabant 61 gemeenten had." in caveat


def test_question_4_gives_one_verdict_chosen_from_the_data(report):
    answer = str(recurrence(report, nestedness(report.graph, null_models=0), None).paragraphs[0])
    assert answer.startswith("Wel herhaling bij 3 gemeenten, maar te weinig gegevens om te toetsen of dat meer is "
                             "dan toeval.")
    assert not answer.startswith(("Ja", "Nee"))
    lines = dict(headlines(report))
    assert str(lines["Steeds dezelfde gemeenten?"]).startswith("Wel herhaling bij 3 gemeenten, maar te weinig")


@pytest.mark.parametrize("test, verdict", [
    ({"enough_data": False, "null_models": 199, "p_value": 0.01},
     "Wel herhaling bij 2 gemeenten, maar te weinig gegevens om te toetsen of dat meer is dan toeval."),
    ({"enough_data": True, "null_models": 199, "p_value": 0.01},
     "Ja: herhaling bij 2 gemeenten, meer dan toeval verklaart. Kleine initiatieven gaan vooral naar gemeenten die "
     "de grote al bereiken."),
    ({"enough_data": True, "null_models": 199, "p_value": 0.30},
     "Wel herhaling bij 2 gemeenten, maar niet meer dan toeval verklaart."),
])
def test_each_verdict_is_one_line(test, verdict):
    assert str(_recurrence_verdict("2 gemeenten", pd.Series(test))) == verdict


def test_the_opening_says_why_the_year_differs_from_the_memo(report):
    sentence = ("Het memo is vermoedelijk van 2021, maar we tellen de 56 gemeenten van 2026, omdat dat de nieuwste "
                "indeling in de gegevens is. In 2021 had Noord-Brabant nog 61 gemeenten.")
    assert str(year_sentence(report)) == sentence
    assert sentence in str(lead(report))
    chosen = str(year_sentence(build_report(year=2022)))
    assert chosen.startswith("Het memo is vermoedelijk van 2021, maar we tellen de 56 gemeenten van 2022, omdat die "
                             "indeling voor deze rapporten gekozen is.")
    assert str(year_sentence(build_report(year=2021))) == "We tellen de 61 gemeenten van 2021 volgens de indeling " \
                                                          "van 2021."


def test_pagerank_is_computed_over_all_municipalities_together_as_the_sentence_says():
    # two separate parts: a–x–y and b–z; PageRank runs on one projection of all municipalities
    G = bipartite(["a", "b"], ["x", "y", "z"], [("a", "x"), ("a", "y"), ("b", "z")])
    for n in ("x", "y", "z"):
        G.nodes[n]["name"] = n.upper()
    for n in ("a", "b"):
        G.nodes[n]["name"] = n.upper()
    table = centrality_table(G)
    municipalities = table[table["node_kind"] == "municipality"].set_index("node")["pagerank"]
    assert municipalities.sum() == pytest.approx(1.0)  # one distribution over all of them, not one per part
    assert municipalities["x"] == pytest.approx(municipalities["y"])
    # by hand: z has no neighbour in the projection, so it spreads its score over all three (z = 0.15/3 + 0.85 z/3);
    # x and y pass theirs to each other only
    assert municipalities["z"] == pytest.approx((0.15 / 3) / (1 - 0.85 / 3))
    assert nx.number_connected_components(G) == 2

def test_the_pagerank_sentence_names_the_parts_apart(report):
    note = sections.component_note(report, centrality_table(report.graph))
    assert "Apart liggen: Altena en Maashorst (met Pilot Altena) en Zundert (met Pilot Vitaal Buitengebied)." in note
    assert "PageRank is over alle gemeenten samen berekend, maar een apart deel heeft geen verbinding met de rest." \
        in note


def test_the_range_first_says_what_the_certain_number_counts(report):
    caveat = str(dict(headlines(report))["Hoe zeker is dat?"])
    assert caveat.startswith("Die 13 zijn alleen de gemeenten die het memo bij naam noemt. " + BOUND)


def test_an_inferred_date_is_said_once_with_its_basis(report):
    from vsv_analysis.report.uncertainty import uncertainty

    text = str(uncertainty(report).markup())
    assert text.count("noemt zelf geen datum") == 1
    assert "Versterken Sociale Veerkracht</strong> is vermoedelijk van 2021. Het memo noemt zelf geen datum." in text
