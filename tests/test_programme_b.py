"""A second, made-up programme: the reports say only what its data say, and nothing about VSV.

The fixture in ``tests/fixtures/programme_b`` has other municipalities, a role the
defaults lack (``host``), an initiative with no parties, a region party, an
undated source, a count from a dated and one from an undated source, and names
with commas. The whole suite is rendered on it once.
"""

from __future__ import annotations

import datetime
import html
import re
from pathlib import Path

import pytest
from conftest import PROJECT

from vsv_analysis.cli import main
from vsv_analysis.common.locations import default_data_dir
from vsv_analysis.evidence.dataset import load_dataset
from vsv_analysis.measures.coverage import reached_by_scenario
from vsv_analysis.render import render

FIXTURE = PROJECT / "tests" / "fixtures" / "programme_b"
VSV_WORDS = ["VSV", "Versterken", "Veerkracht", "memo", "Swinkels", "Stérk", "Dementievriendelijk", "Zet", "PON",
             "Galderen", "Bizob", "M7", "Provinciale Staten", "gedeputeerde", "Outcomes", "Proeftuin",
             "Veerkrachtdialoog", "Enpuls", "Zorgbelang", "DVG"]
IMAGE_DATA = re.compile(r"data:image/[a-z+]+;base64,[A-Za-z0-9+/=]+")


def visible(page: str) -> str:
    """The page without embedded image data (text inside figures is checked through their alt text)."""
    return IMAGE_DATA.sub("", page)


@pytest.fixture(scope="module")
def programme_b(rendered_programme_b):
    folder, results = rendered_programme_b
    return folder, results, {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.html")}


def test_every_report_renders(programme_b):
    _, results, pages = programme_b
    assert {r.name: r.status for r in results} == dict.fromkeys(
        ["00_samenvatting", "01_gegevens", "02_netwerk", "03_centraliteit", "04_overlap", "05_dekking"], "ok")
    assert len(pages) == 7


@pytest.mark.parametrize("word", VSV_WORDS)
def test_no_word_about_vsv_or_its_memo(programme_b, word):
    _, _, pages = programme_b
    for name, page in pages.items():
        found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", visible(page))
        assert found is None, f"{name}: {word!r} in …{visible(page)[max(0, found.start() - 80):found.end() + 40]}…"


def test_alternative_texts_name_only_this_programmes_municipalities_and_initiatives(programme_b):
    _, _, pages = programme_b
    data = load_dataset(FIXTURE)
    allowed = set().union(*reached_by_scenario(data).values())
    names = data.reference.municipalities.set_index("cbs_code")["name"]
    allowed_names = {names[c] for c in allowed}
    vsv = load_dataset()
    vsv_initiatives = set(vsv.initiatives["initiative_name"])
    alts = [html.unescape(alt) for page in pages.values() for alt in re.findall(r'alt="([^"]*)"', page)]
    assert len(alts) >= 10
    for alt in alts:
        for name in names:
            if re.search(rf"(?<![\w']){re.escape(name)}(?!\w)", alt):
                assert name in allowed_names, f"{name!r} in: {alt}"
        assert not [n for n in vsv_initiatives if n in alt], alt


def test_the_summary_says_what_the_data_say(programme_b):
    _, _, pages = programme_b
    summary = pages["00_samenvatting.html"]
    data = load_dataset(FIXTURE)
    population = data.reference.municipalities.set_index("name")["population"]
    named = ["Cranendonck", "Gemert-Bakel", "Heeze-Leende", "Oss", "Roosendaal", "Waalwijk"]
    residents = int(population[named].sum())
    assert sorted(data.named_municipalities()["municipality_name"]) == named
    shown = f"{residents:,}".replace(",", ".")
    assert ("De bronnen noemen <strong>6 van de 56 gemeenten</strong> in Noord-Brabant bij naam (10,7%). Daar wonen "
            f"<strong>{shown} van de 2.592.874 inwoners</strong>") in summary
    assert residents == 288_072
    assert "Deze samenvatting is voor leden van de stuurgroep." in summary
    assert "Buurtkracht in Balans (BiB)" in summary
    assert "De bronnen beschrijven 5 initiatieven: 1 pilot, 1 methode, 1 programma, 1 netwerk en 1 kennisuitwisseling" \
        in summary
    # the dated count is dated by its source, the undated one is said to be undated
    assert ("<strong>Fietsmaatjes</strong>: 7 gemeenten (leden), geteld in 2024, toen Noord-Brabant 56 gemeenten had. "
            "Het jaarverslag zegt niet welke.") in summary
    assert ("<strong>Buurtteams</strong>: 4 gemeenten (leden), zonder datum, dus het is niet bekend in welke "
            "gemeentelijke indeling is geteld. Het besluit zegt niet welke.") in summary
    assert "<strong>Subsidiebesluit buurtteams, tweede tranche</strong> heeft geen datum." in summary
    assert ("Tellen we de aantallen zonder namen bij 2 initiatieven mee (4 gemeenten bij Buurtteams en 7 gemeenten bij "
            "Fietsmaatjes), dan zijn het er 7 tot 17 van de 56 (12% tot 30%).") in summary  # what the range rests on
    assert "Bij 2 initiatieven staat een aantal gemeenten zonder namen, naast gemeenten die wel bij naam genoemd " \
        "worden." in summary
    # the region party and the reading choice about it, from the data
    assert "<strong>Regio Hart van Brabant</strong>: Het besluit noemt de regio zonder te zeggen" in summary


def test_a_role_the_defaults_lack_is_labelled_from_the_data(programme_b):
    _, _, pages = programme_b
    assert ">gastgemeente<" in pages["02_netwerk.html"]
    assert "Bij een actieve rol werkt de partij zelf mee. Zo'n rol is bijvoorbeeld partner, deelnemer" in \
        pages["00_samenvatting.html"]
    assert "gastgemeente" in pages["00_samenvatting.html"]


def test_every_page_title_names_the_report_this_programme_and_the_day(programme_b):
    _, _, pages = programme_b
    for name, page in pages.items():
        title = html.unescape(re.search(r"<title>(.*?)</title>", page).group(1))
        day = re.search(r"<dt>Gemaakt op</dt><dd>(\d+ \w+ \d{4})", page).group(1)  # the day the footer gives
        heading = re.sub(r"<[^>]+>|¶", "", re.search(r"<h1[^>]*>(.*?)</h1>", page, flags=re.S).group(1)).strip()
        if name == "index.html":  # the day of the run (the fixture's render day), as its folder is named
            assert title == "Rapporten Buurtkracht in Balans · 3 februari 2026" == f"{heading} · 3 februari 2026"
        else:
            assert title == f"{html.unescape(heading)} · Buurtkracht in Balans · {day}", name


def test_an_initiative_without_parties_and_names_with_commas(programme_b):
    _, _, pages = programme_b
    network = pages["02_netwerk.html"]
    assert "Taalcafé: lezen, schrijven en rekenen" in network
    assert "Bibliotheek Zuid, Oost en West" in network
    assert "Bij 4 van de 5 staat minstens één gemeente bij naam" in pages["00_samenvatting.html"]


def test_as_of_leaves_out_a_later_source_and_undated_ones(tmp_path, capsys):
    before = load_dataset(FIXTURE, as_of="2024-03-14")
    assert before.initiatives.empty and before.involvements.empty
    assert set(before.excluded_sources["excluded_because"]) == {"dated 2024-03-15, after 2024-03-14", "undated"}
    on = load_dataset(FIXTURE, as_of="2024-03-15")
    assert sorted(on.initiatives["initiative_id"]) == ["fietsmaatjes", "kennisdag", "moestuin", "taalcafe"]
    assert "B08" not in set(on.involvements["mention_id"])  # Gemert-Bakel rests on the undated decision
    assert main(["table", "involvements", "--data-dir", str(FIXTURE), "--as-of", "2024-03-15"]) == 0
    out = capsys.readouterr().out
    assert "Gemert-Bakel" not in out and "Waalwijk" in out
    assert main(["validate", "--data-dir", str(FIXTURE), "--as-of", "2024-3-15"]) == 2
    assert "as_of must be a date written as YYYY-MM-DD" in capsys.readouterr().err


def test_as_of_in_every_report(tmp_path):
    results = render([PROJECT / "notebooks" / "00_samenvatting.ipynb", PROJECT / "notebooks" / "05_dekking.ipynb"],
                     output_dir=tmp_path, parameters={"data_dir": str(FIXTURE), "as_of": "2024-06-30"}, jobs=2,
                     day=datetime.date(2026, 2, 4), progress=lambda line: None)
    assert {r.status for r in results} == {"ok"}
    summary = (tmp_path / "2026-02-04" / "00_samenvatting.html").read_text(encoding="utf-8")
    assert "Alleen bronnen tot en met 30 juni 2024 tellen mee. 1 bron is niet meegenomen." in summary
    assert "<strong>5 van de 56 gemeenten</strong>" in summary  # Gemert-Bakel rests on the undated source
    assert "Gemert-Bakel" not in visible(summary)


def test_the_built_in_data_are_unchanged_by_the_fixture():
    assert default_data_dir() != FIXTURE and Path(FIXTURE / "programme.yaml").is_file()
