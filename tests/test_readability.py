"""Plain Dutch at B1 on every rendered page of the built-in data, measured (tests/readability.py).

- reading ease (Flesch-Douma, textstat with language ``nl``) of at least 60 and at most 15 words a sentence on
  average, for the reader prose of the index and of every report;
- every abbreviation or technical word explained where a page first uses it, not only under "Begrippen":
  the explanation a reader needs stands in the same block of text (paragraph, list item);
- every figure introduced by the text before it;
- the uncertainty of a count without names worded the same on every page that gives it.
"""

from __future__ import annotations

import re

import pytest
from readability import prose_blocks, readability, reader_prose

from vsv_analysis.evidence.dataset import load_dataset
from vsv_analysis.report.context import build_report
from vsv_analysis.report.prose import counted_when

MINIMUM_EASE = 60.0
MAXIMUM_WORDS = 15.0
REPORTS = {"index.html", "00_samenvatting.html", "01_gegevens.html", "02_netwerk.html", "03_centraliteit.html",
           "04_overlap.html", "05_dekking.html"}

EXPLAINED = {
    # a word or abbreviation (a pattern): what its first block must also say (a pattern, in any case)
    "DVG": r"dementievriendelijke gemeente",
    "B5": r"vijf grote steden",
    "PON": r"Stérk Brabant|organisatie|stichting",
    "Zet": r"stichting",
    "Enpuls": r"bedrijf|BV",
    "Bizob": r"inkoopbureau",
    "M7": r"niet bekend welke gemeenten|te koppelen",
    "Gini": r"ongelijk",
    "COROP": r"indeling in regio",
    "knoop|knopen": r"initiatieven en de gemeenten",
    "PageRank": r"hoog scorende gemeenten",
    "[Tt]ussenpositie": r"kortste weg",
    "[Nn]abijheid": r"hoe dicht",
    "NODF": r"genest",
    "BiCM": r"toeval",
    "Jaccard": r"deel dat door",
    "Louvain": r"groepen",
    "Newman": r"telt zwaarder",
    "[Mm]odulariteit": r"hoe scherp",
    "H2′": r"eigen gemeenten",
    "[Vv]erbondenheid": r"kunnen \d+ verbindingen|mogelijke verbindingen",
    "Lorenzcurve": r"op volgorde",
    "p-waarde": r"de kans",
}
"""Each word, and a pattern the block of its first use must match: its explanation."""

FIGURE_WORDS = re.compile(r"\b(figuur|figuren|kaart|kaarten|tekening|curve|diagram|grafiek)\b", re.I)


@pytest.fixture(scope="module")
def pages(rendered):
    folder, _ = rendered
    return {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.html")}


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


def test_every_page_reads_at_b1(pages):
    assert set(pages) == REPORTS
    for name, page in sorted(pages.items()):
        ease, words = readability(page)
        longest = sorted(_sentences(reader_prose(page)), key=lambda s: -len(s.split()))[:3]
        shown = "\n".join(f"  ({len(s.split())} woorden) {s}" for s in longest)
        assert ease >= MINIMUM_EASE and words <= MAXIMUM_WORDS, (
            f"{name}: Flesch-Douma {ease:.1f} (at least {MINIMUM_EASE:.0f}), {words:.1f} words a sentence (at most "
            f"{MAXIMUM_WORDS:.0f}); the longest sentences:\n{shown}")


def test_the_measure_sees_long_sentences_and_hard_words():
    easy = "<p>Het memo noemt dertien gemeenten. Daar wonen veel mensen. Dat is de helft.</p>"
    hard = ("<p>De genestheidsberekening, gebaseerd op toevalsnetwerken met vaste randtotalen en gecorrigeerd voor "
            "meervoudige toetsing volgens Benjamini-Hochberg, resulteert in een statistisch niet-significante "
            "uitkomst voor de onderzochte bipartiete configuratie van initiatieven en gemeenten.</p>")
    assert readability(easy)[0] >= MINIMUM_EASE and readability(easy)[1] <= MAXIMUM_WORDS
    assert readability(hard)[0] < MINIMUM_EASE and readability(hard)[1] > MAXIMUM_WORDS
    folded = "<p>Kort.</p><details><summary>Voor analisten</summary><p>" + hard[3:]
    assert reader_prose(folded) == "Kort."  # the folded part for analysts is no reader prose


def test_every_word_is_explained_where_a_page_first_uses_it(pages):
    unexplained = []
    for name, page in sorted(pages.items()):
        blocks = prose_blocks(page)
        for word, explanation in EXPLAINED.items():
            first = next((b for b in blocks if re.search(rf"(?<![\w-])(?:{word})(?![\w])", b)), None)
            if first is not None and not re.search(explanation, first, flags=re.I):
                unexplained.append(f"{name}: '{word}' first used without explanation: {first}")
    assert not unexplained, "\n".join(unexplained)


def test_every_figure_is_introduced_by_the_text_before_it(pages):
    bare = []
    for name, page in sorted(pages.items()):
        body = page[page.find("<body"):]
        previous = 0
        for found in re.finditer(r"<figure\b", body):
            before = body[previous:found.start()]
            since_heading = re.split(r"<h[1-4]\b", before)[-1]
            paragraphs = re.findall(r"<p\b[^>]*>(.*?)</p>", since_heading, flags=re.S)
            if not any(FIGURE_WORDS.search(re.sub(r"<[^>]+>", "", p)) for p in paragraphs):
                bare.append(f"{name}: figure at character {found.start()} has no text before it that introduces "
                            f"it; the text before it: {[re.sub(r'<[^>]+>', '', p)[:90] for p in paragraphs]}")
            previous = body.find("</figure>", found.start())
    assert not bare, "\n".join(bare)


def test_a_count_without_names_is_worded_the_same_on_every_page(pages):
    data = load_dataset()
    report = build_report(year=2026)
    counted = data.initiatives.dropna(subset=["reported_municipalities"])
    wording = {counted_when(report, source_id) for source_id in counted["source_id"]}
    assert wording == {"vermoedelijk geteld in 2021, toen Noord-Brabant 61 gemeenten had"}
    (phrase,) = wording
    for name in ("index.html", "00_samenvatting.html", "05_dekking.html"):
        text = reader_prose(pages[name])
        assert phrase in text, name
        for sentence in _sentences(text):  # no other wording of when the count was made
            if re.search(r"\bgeteld in\b", sentence):
                assert phrase in sentence, (name, sentence)


def test_many_changes_stay_short_sentences():
    from vsv_analysis.report.whatchanged import changes_markup

    links = [{"municipality_name": f"Gemeente {i}", "initiative_name": f"Initiatief {i}", "role": "partner"}
             for i in range(20)]
    changes = {"baseline": {"made_at": "2026-11-22T10:00:00+00:00"}, "is_unchanged": False,
               "mentions": {"added": list(range(20)), "removed": [], "changed": []},
               "links": {"added": links, "removed": links[:9]},
               "initiatives": {"added": [{"initiative_name": f"Initiatief {i}"} for i in range(9)], "removed": []},
               "coverage": [], "reached": {}, "ranks": []}
    page = str(changes_markup(changes))
    assert "Nieuwe verbindingen: Gemeente 0 bij Initiatief 0 (partner), Gemeente 1 bij Initiatief 1 (partner), " \
           "Gemeente 2 bij Initiatief 2 (partner) en 17 andere verbindingen." in page
    assert "Nieuwe initiatieven: Initiatief 0, Initiatief 1, Initiatief 2 en 6 andere initiatieven." in page
    lines = prose_blocks(page)
    assert len(lines) == 4 and max(len(line.split()) for line in lines) <= 25, lines  # three examples a line
