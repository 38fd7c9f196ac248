"""Graceful emptiness: little or no evidence still renders every report, and each says so in a sentence.

No table is shown with only a header, and no figure is drawn with nothing in it:
a sentence takes their place.
"""

from __future__ import annotations

import datetime
import re
import shutil

import pytest
from conftest import INITIATIVES_HEADER, INVOLVEMENTS_HEADER, PROJECT

from vsv_analysis.render import render

FIXTURE = PROJECT / "tests" / "fixtures" / "programme_b"
INITIATIVES = {
    "moestuin": "moestuin,Buurtmoestuinen,pilot,jaarverslag-2023,2.1,,,,Moestuinen",
    "taalcafe": "taalcafe,Taalcafé,method,jaarverslag-2023,2.2,,,,Taal",
    "kennisdag": "kennisdag,Kennisdag,exchange,jaarverslag-2023,3,,,,Een dag",
    "fietsmaatjes": "fietsmaatjes,Fietsmaatjes,programme,jaarverslag-2023,2.3,,7,member,Fietsen",
}
VARIANTS = {
    "no-initiatives": ([], []),
    "no-mentions": (["moestuin", "taalcafe"], []),
    "one-initiative-without-parties": (["kennisdag"], []),
    "only-counts": (["fietsmaatjes", "kennisdag"], ["B1,fietsmaatjes,Provincie Noord-Brabant,province,funder,,,"]),
    "no-overlap": (["moestuin", "taalcafe"], ["B1,moestuin,Oss,municipality,partner,,,",
                                             "B2,taalcafe,Roosendaal,municipality,partner,,,"]),
}
NOTICE = {
    "no-initiatives": "Let op: er zijn geen initiatieven in de bronnen.",
    "no-mentions": "Let op: het jaarverslag noemt geen enkele gemeente bij naam.",
    "one-initiative-without-parties": "Let op: het jaarverslag noemt geen enkele gemeente bij naam.",
    "only-counts": "Let op: het jaarverslag noemt geen enkele gemeente bij naam, alleen aantallen gemeenten zonder "
                   "namen.",
}


def make_folder(root, name):
    initiatives, involvements = VARIANTS[name]
    folder = root / name
    folder.mkdir()
    for item in ("programme.yaml", "sources.csv"):
        shutil.copy(FIXTURE / item, folder / item)
    shutil.copytree(FIXTURE / "vocabularies", folder / "vocabularies")
    (folder / "initiatives.csv").write_text(
        "\n".join([INITIATIVES_HEADER, *(INITIATIVES[i] for i in initiatives)]) + "\n", encoding="utf-8")
    (folder / "involvements.csv").write_text("\n".join([INVOLVEMENTS_HEADER, *involvements]) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module", params=list(VARIANTS))
def rendered_variant(request, tmp_path_factory):
    root = tmp_path_factory.mktemp("empty")
    folder = make_folder(root, request.param)
    results = render(output_dir=root / "out", parameters={"data_dir": str(folder), "null_models": 19}, jobs=2,
                     day=datetime.date(2026, 2, 5), progress=lambda line: None)
    pages = {p.name: p.read_text(encoding="utf-8") for p in (root / "out" / "2026-02-05").glob("*.html")}
    return request.param, results, pages


def test_every_report_renders_and_says_so(rendered_variant):
    name, results, pages = rendered_variant
    assert [(r.name, r.status) for r in results if r.status != "ok"] == []
    if name in NOTICE:
        for page_name, page in pages.items():
            if page_name != "index.html":
                assert NOTICE[name] in page, page_name


def test_no_table_with_only_a_header(rendered_variant):
    _, _, pages = rendered_variant
    for page_name, page in pages.items():
        for table in re.findall(r'<table class="vsv-table">.*?</table>', page, flags=re.S):
            assert "<tbody><tr" in table, page_name


def test_no_empty_figure(rendered_variant):
    name, _, pages = rendered_variant
    if name == "no-overlap":
        assert "Er is geen kleurentabel: geen twee initiatieven delen een gemeente." in pages["04_overlap.html"]
        assert "Geen twee initiatieven delen een gemeente." in pages["04_overlap.html"]
        return
    empty = [page.count('class="vsv-empty"') for page in pages.values()]
    assert sum(empty) >= 8
    # the only figures left are the regions of the reference, which do not depend on the evidence
    for page_name, page in pages.items():
        alts = re.findall(r'<img [^>]*alt="([^"]*)"', page)
        assert all(alt.startswith("Kaart van Noord-Brabant in 4 kleuren") or "Staafdiagram" in alt
                   for alt in alts), (page_name, alts)
