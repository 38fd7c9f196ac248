"""What a Dutch non-programmer reads: the mechanical parts of the reader test, on the rendered reports.

The summary answers its six questions with every region and size class as
"x van de y"; no report tells a reader to run a command; every figure has a
caption naming its source; every technical term that a report uses is explained
in its "Begrippen"; the footer and the index are Dutch.
"""

from __future__ import annotations

import re

import pytest
from helpers import benchmark

from vsv_analysis.common.dutch import SIZE_CLASS_NL
from vsv_analysis.evidence.dataset import load_dataset
from vsv_analysis.measures.coverage import coverage_table

COMMANDS = re.compile(r"\bvsv-analysis\s+[a-z]|\bmake\s+(report|test|setup|lab|tables)\b|\bpip install\b|"
                      r"\bpython -m\b|(?<![\w-])--[a-z][a-z-]+|\bpapermill\b|\bjupyter\b", re.I)
TERMS = {"NODF": "NODF", "PageRank": "PageRank", "Jaccard": "Jaccard", "Gini": "Gini", "Louvain": "Louvain",
         "tussenpositie": "tussenpositie", "nabijheid": "nabijheid", "genest": "genestheid",
         "Newman": "Newman", "COROP": "COROP", "Lorenzcurve": "Lorenzcurve"}


visible_text = benchmark("bench_scale").visible_text  # what a reader sees, as the benchmark counts it


def glossary_of(page: str) -> str:
    found = re.search(r'<dl class="vsv-glossary">(.*?)</dl>', page, flags=re.S)
    return visible_text(found.group(1)) if found else ""


@pytest.fixture(scope="module")
def pages(rendered):
    folder, _ = rendered
    return {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.html")}


def test_every_region_and_size_class_in_the_summary_as_x_van_y(pages):
    summary = visible_text(pages["00_samenvatting.html"])
    table = coverage_table(load_dataset())
    rows = table[(table["scenario"] == "named") & table["scope_kind"].isin(["regio_4", "size_class"])]
    assert len(rows) == 8
    for row in rows.itertuples():
        label = SIZE_CLASS_NL.get(row.scope, row.scope)
        assert f"{label} {row.reached} van de {row.total}" in summary, label
    assert "Per regio wordt Hart van Brabant (1 van de 9) het minst bij naam genoemd" in summary
    assert "Naar inwoners is het aandeel het laagst in Zuidoost-Brabant (44%)" in summary


def test_the_summary_answers_six_questions_each_with_its_evidence(pages):
    page = pages["00_samenvatting.html"]
    for number in range(1, 7):
        assert re.search(rf'<h2 id="{number}\.-', page), number
    assert page.count('class="vsv-evidence"') >= 5
    assert page.count('id="vermelding-M') == 49  # the appendix: every mention, linkable


def test_no_report_tells_the_reader_to_run_a_command(pages):
    for name, page in pages.items():
        text = visible_text(page.split('<details class="vsv-run">')[0])
        found = COMMANDS.search(text)
        assert found is None, f"{name}: …{text[max(0, found.start() - 60):found.end() + 40]}…"


def test_every_figure_has_a_caption(pages):
    for name, page in pages.items():
        figures = re.findall(r'<figure class="vsv-figure[^"]*">.*?</figure>', page, flags=re.S)
        for figure in figures:
            assert re.search(r"<figcaption>Bron: .+</figcaption>", figure), name
        assert len(figures) == page.count("<img "), name


def test_every_technical_term_is_explained(pages):
    for name, page in pages.items():
        if name == "index.html":
            continue
        text, glossary = visible_text(page), glossary_of(page)
        assert glossary, f"{name} has no Begrippen"
        for term, headword in TERMS.items():
            if term in text.replace(glossary, ""):
                assert headword in glossary, f"{name} uses {term} without explaining it"


def test_footer_and_index_are_dutch(pages):
    for name, page in pages.items():
        footer = visible_text(page[page.index("Verantwoording"):])
        for label in ("Bron", "Referentiegegevens", "Instellingen", "Gemaakt op"):
            assert label in footer, (name, label)
        assert "Nederlandse tijd" in footer, name
        assert "Memo aan Provinciale Staten" in footer and "datum afgeleid" in footer, name
        assert "StatLine 70072ned" in footer and "peildatum 1 januari 2022" in footer, name
        assert "Alle rollen tellen mee. Een genoemde regio telt niet mee voor haar gemeenten. Alle bronnen tellen " \
               "mee. Gemeenten volgens de indeling van 2026. Verder is alles standaard." in footer, name
        for code in ("roles = ", "seed = 42", "null_models", "map_mode", "vingerafdruk"):  # words, not code
            assert code not in visible_text(page), (name, code)
    index = visible_text(pages["index.html"])
    assert "De belangrijkste uitkomsten" in index and "Leeswijzer" in index
    assert "Het memo noemt 13 van de 56 gemeenten in Noord-Brabant bij naam (23,2%)" in index
    assert "Rapporten Versterken Sociale Veerkracht" in index
