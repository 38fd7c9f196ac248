"""Reports that grow with the evidence: each size-dependent form is chosen from the data and said in the text.

A programme of 60 initiatives (made by ``benchmarks/generate_programme.py``) is large enough for every form to
change at the thresholds the reports use: the network drawn by kind of initiative, the whole network as a GEXF
file, the colour table of overlaps replaced by the ranked pairs, long tables cut to their first rows with the
whole table beside the page, sentences that name a few and count the rest. The built-in data (9 initiatives)
keep the small forms. The files beside a page are published, carried over and kept with the last good page as
the page itself is; a notebook that runs out of its memory budget gets a Dutch page that says so.
"""

from __future__ import annotations

import datetime
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import render_helpers as rh
from conftest import PROJECT
from helpers import benchmark
from test_browser import OUTSIDE, WIDTHS

from vsv_analysis.cli import main
from vsv_analysis.common.dutch import NAMED_AT_MOST, number
from vsv_analysis.evidence.dataset import load_dataset
from vsv_analysis.figures import DRAWING_MAX_INITIATIVES, HEATMAP_MAX_INITIATIVES
from vsv_analysis.figures.projection import PROJECTION_TIES
from vsv_analysis.measures.overlap import initiative_overlap
from vsv_analysis.measures.projection import project
from vsv_analysis.network import build_network, initiative_nodes
from vsv_analysis.render import render
from vsv_analysis.render.index import run_folder_problems
from vsv_analysis.report.display import TABLE_ROWS
from vsv_analysis.report.measuretext import PAIRS_KEPT

DAY = datetime.date(2026, 3, 2)
SUMMARY_WORDS = 1_500
"""Five minutes of reading at about 300 words a minute."""


reader_words, visible_text = benchmark("bench_scale").reader_words, benchmark("bench_scale").visible_text


@pytest.fixture(scope="module")
def programme(tmp_path_factory) -> Path:
    return benchmark("generate_programme").generate(tmp_path_factory.mktemp("programme") / "data", 60, 330, seed=1)


@pytest.fixture(scope="module")
def network(programme):
    data = load_dataset(programme)
    return data, build_network(data)


@pytest.fixture(scope="module")
def run(programme, tmp_path_factory):
    output = tmp_path_factory.mktemp("reports-60")
    results = render(output_dir=output, parameters={"data_dir": str(programme)}, jobs=2, day=DAY,
                     progress=lambda line: None)
    assert {r.name: r.status for r in results} == dict.fromkeys(
        ["00_samenvatting", "01_gegevens", "02_netwerk", "03_centraliteit", "04_overlap", "05_dekking"], "ok")
    folder = output / DAY.isoformat()
    return output, folder.resolve(), {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.html")}


def test_the_network_is_drawn_by_kind_above_a_few_dozen_initiatives_and_the_text_says_so(run, network, rendered):
    _, folder, pages = run
    data, G = network
    initiatives = len(initiative_nodes(G))
    assert initiatives == 60 > DRAWING_MAX_INITIATIVES
    page = pages["02_netwerk.html"]
    assert (f"Met {initiatives} initiatieven is een tekening met een stip en een naam voor elk initiatief niet meer te "
            f"lezen. Dat kan tot {DRAWING_MAX_INITIATIVES} initiatieven.") in visible_text(page)
    kinds = data.initiatives["kind"].nunique()
    assert re.search(rf'alt="Netwerktekening per soort initiatief: links {kinds} soorten \(', page)
    # the whole network, every initiative apart, in the file the page links to
    assert 'href="02_netwerk-bestanden/netwerk.gexf"' in page
    graph = ET.parse(folder / "02_netwerk-bestanden" / "netwerk.gexf").getroot()
    namespace = {"g": graph.tag.split("}")[0].strip("{")}
    assert len(graph.findall(".//g:node", namespace)) == len(G)
    assert len(graph.findall(".//g:edge", namespace)) == G.number_of_edges()
    small = (rendered[0] / "02_netwerk.html").read_text(encoding="utf-8")
    assert 'alt="Netwerktekening met links 9 initiatieven en rechts 13 gemeenten' in small
    assert "netwerk.gexf" not in small and "per soort" not in small


def test_the_colour_table_gives_way_to_the_ranked_pairs_and_says_why(run, network, rendered):
    _, _, pages = run
    _, G = network
    pairs = initiative_overlap(G)
    sharing = len(set(pairs["initiative_a"]) | set(pairs["initiative_b"]))
    assert sharing > HEATMAP_MAX_INITIATIVES
    page = pages["04_overlap.html"]
    assert (f"{sharing} initiatieven delen minstens één gemeente met een ander initiatief, in {number(len(pairs))} "
            "paren. Een kleurentabel met een vakje per paar zou zo klein worden dat de namen en getallen niet meer "
            "te lezen zijn.") in visible_text(page)
    assert 'alt="Kleurentabel' not in page
    # the ranked table: the pair with the most overlap first, as initiative_overlap orders them
    first = re.search(r'<tbody><tr><td class="[^"]*">(.*?)</td><td class="[^"]*">(.*?)</td>', page)
    assert (first.group(1), first.group(2)) == (pairs.iloc[0]["name_a"], pairs.iloc[0]["name_b"])
    assert len(pairs) < PAIRS_KEPT and "te veel voor één bestand" not in page
    assert 'alt="Kleurentabel met de Jaccard-index' in (rendered[0] / "04_overlap.html").read_text(encoding="utf-8")


def test_the_co_involvement_drawing_keeps_the_strongest_ties_when_nearly_all_are_tied(run, network, rendered):
    _, _, pages = run
    _, G = network
    P = project(G, "municipality", "newman")
    linked = [n for n in P if P.degree(n) > 0]
    assert P.number_of_edges() > PROJECTION_TIES * len(linked)
    text = visible_text(pages["04_overlap.html"])
    assert (f"Van de {number(len(linked) * (len(linked) - 1) // 2)} mogelijke paren van deze {len(linked)} gemeenten "
            f"zitten er {number(P.number_of_edges())} samen in een initiatief. Zoveel lijnen zijn niet te volgen. "
            f"Daarom toont de tekening per gemeente alleen haar {PROJECTION_TIES} sterkste banden.") in text
    assert "sterkste banden" not in visible_text((rendered[0] / "04_overlap.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("page", "file", "what"), [
    ("00_samenvatting", "vermeldingen.csv", "vermeldingen"), ("01_gegevens", "initiatieven.csv", "initiatieven"),
    ("01_gegevens", "vermeldingen.csv", "vermeldingen"), ("02_netwerk", "verbindingen.csv", "verbindingen"),
    ("03_centraliteit", "initiatieven.csv", "initiatieven"), ("04_overlap", "overlap.csv", "paren")])
def test_a_long_table_shows_its_first_rows_and_links_the_whole_table(run, network, page, file, what):
    _, folder, pages = run
    data, G = network
    total = {"vermeldingen": data.involvements["mention_id"].nunique(), "initiatieven": len(data.initiatives),
             "verbindingen": G.number_of_edges(), "paren": len(initiative_overlap(G))}[what]
    assert total > TABLE_ROWS
    html = pages[f"{page}.html"]
    note = re.search(rf'<p class="vsv-table-note">Hieronder staan ([^<]*) van de {number(total)} {what}[:.][^<]*'
                     rf'De hele tabel staat in het bestand <a download="" href="{page}-bestanden/{file}">{file}</a> '
                     r"\(CSV voor Excel, [\d,]+ [kM]B\)\.</p>(.*?)</table>", html, flags=re.S)
    assert note, f"{page}: no note before the table of {what}"
    assert note.group(2).count("<tr") == TABLE_ROWS + 1  # the heading and the rows shown
    lines = (folder / f"{page}-bestanden" / file).read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == total + 1 and lines[0].count(";") >= 1  # every row, in the Dutch Excel dialect


def test_every_mention_the_summary_links_to_is_on_its_page(run):
    _, _, pages = run
    page = pages["00_samenvatting.html"]
    targets = set(re.findall(r'href="#(vermelding-[^"]+)"', page))
    assert targets and all(f'id="{target}"' in page for target in targets)
    assert "die waar deze pagina naar verwijst, en verder de eerste" in page


def test_the_summary_names_a_few_counts_the_rest_and_stays_five_minutes(run, network, rendered):
    _, _, pages = run
    data, _ = network
    text = visible_text(pages["00_samenvatting.html"])
    assert ("Het zijn onder meer de grootste: " in text
            and f"en {len(data.initiatives) - NAMED_AT_MOST} andere initiatieven " in text)  # the list's last item
    assert reader_words(pages["00_samenvatting.html"]) <= SUMMARY_WORDS
    assert reader_words((rendered[0] / "00_samenvatting.html").read_text(encoding="utf-8")) <= SUMMARY_WORDS


def test_the_files_are_in_the_manifest_and_carried_over_with_an_unchanged_report(run, programme):
    output, folder, _ = run
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["02_netwerk"]["files"] == ["02_netwerk-bestanden/netwerk.gexf",
                                               "02_netwerk-bestanden/verbindingen.csv"]
    assert manifest["05_dekking"]["files"] == []
    assert all(entry["peak_memory_mb"] > 0 for entry in manifest.values())
    again = render(output_dir=output, parameters={"data_dir": str(programme)}, jobs=2, day=DAY,
                   progress=lambda line: None)
    assert all(result.reused for result in again)
    latest = (output / "latest").resolve()
    assert latest != folder and run_folder_problems(latest) == []
    for entry in manifest.values():
        for name in entry["files"]:
            assert (latest / name).samefile(folder / name)


def test_a_failed_report_keeps_its_last_good_page_with_its_files(run, programme):
    output, folder, _ = run
    results = render([PROJECT / "notebooks" / "02_netwerk.ipynb"], output_dir=output, force=True,
                     parameters={"data_dir": str(programme)}, jobs=1, day=DAY, notebook_timeout=0.5,
                     progress=lambda line: None)
    assert [(r.status, r.last_good["files"]) for r in results] == [
        ("failed", ["02_netwerk-bestanden/netwerk.gexf", "02_netwerk-bestanden/verbindingen.csv"])]
    run_folder = output / DAY.isoformat()
    assert run_folder_problems(run_folder) == []
    assert (run_folder / "02_netwerk-bestanden" / "netwerk.gexf").samefile(folder / "02_netwerk-bestanden" /
                                                                           "netwerk.gexf")
    assert (run_folder / "02_netwerk.failed.html").is_file()


def test_a_notebook_past_its_memory_budget_fails_with_a_dutch_page_and_exit_1(tmp_path, capsys):
    notebook = rh.gate_notebook(tmp_path, "geheugen", code="import numpy\nbuffer = numpy.ones(2**29)  # 4 GiB")
    code = main(["render", str(notebook), "--output-dir", str(tmp_path / "out"), "--memory-limit", "1"])
    assert code == 1
    day = next(p for p in (tmp_path / "out").iterdir() if p.is_symlink() and p.name != "latest")
    page = visible_text((day / "geheugen.failed.html").read_text(encoding="utf-8"))
    size = "9 initiatieven, 49 vermeldingen en 13 genoemde gemeenten"
    assert ("Te weinig geheugen: de berekening had meer geheugen nodig dan de grens van 1,0 GB per rapport, bij deze "
            f"maat van de gegevens ({size}).") in page
    manifest = json.loads((day / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["geheugen"]["error"] == f"te weinig geheugen voor geheugen (grens 1,0 GB per rapport), maat: {size}"
    assert f"te weinig geheugen voor geheugen (grens 1,0 GB per rapport), maat: {size}" in capsys.readouterr().err


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_larger_reports_open_offline_and_their_files_are_there(run, browser, width):
    """At desktop and phone width the pages of the larger programme open without an error or a request away,
    nothing sticks out sideways, and every link to a file beside a page finds that file."""
    _, folder, _ = run
    problems = []
    context = browser.new_context(offline=True, viewport={"width": WIDTHS[width], "height": 900})
    for path in sorted(folder.glob("0*.html")):
        page = context.new_page()
        page.on("pageerror", lambda error, name=path.name: problems.append(f"{name}: {error}"))
        page.goto(path.as_uri(), wait_until="load")
        assert page.evaluate(OUTSIDE) == [], f"{path.name} sticks out at {WIDTHS[width]} px"
        links = page.evaluate("() => Array.from(document.links).map(a => a.getAttribute('href'))")
        files = [link for link in links if "-bestanden/" in link]
        assert all((folder / link).is_file() for link in files), path.name
        problems.extend(f"{path.name}: a figure did not render" for complete, width_px in page.evaluate(
            "() => Array.from(document.images).map(i => [i.complete, i.naturalWidth])") if not (complete and width_px))
        page.close()
    context.close()
    assert problems == []


def test_more_pairs_than_the_report_keeps_are_counted_and_said():
    import pandas as pd

    from vsv_analysis.report.measuretext import pairs_text

    kept = pd.DataFrame({"initiative_a": ["a", "b"], "initiative_b": ["c", "d"]})
    kept.attrs["pairs"] = 128_559
    assert pairs_text(kept) == ("Alle 128.559 paren zijn te veel voor één bestand; de tabel en het bestand hieronder "
                                "geven de 2 paren met de meeste overlap.")
    kept.attrs["pairs"] = 2
    assert pairs_text(kept) == ""


def test_outside_a_render_a_file_is_not_written_and_the_page_says_where_it_will_be(tmp_path, monkeypatch):
    from vsv_analysis.common.locations import FILES_ENVIRONMENT
    from vsv_analysis.report.files import offer_file

    monkeypatch.delenv(FILES_ENVIRONMENT, raising=False)
    monkeypatch.chdir(tmp_path)
    text = offer_file("x.csv", lambda path: path.write_text("a"), "CSV voor Excel")
    assert text == ("het bestand x.csv (CSV voor Excel), dat naast dit rapport komt te staan wanneer de rapporten "
                    "gemaakt worden") and list(tmp_path.iterdir()) == []
    monkeypatch.setenv(FILES_ENVIRONMENT, str(tmp_path / "05_dekking-bestanden"))
    assert offer_file("x y.csv", lambda path: path.write_text("a" * 1500), "CSV voor Excel") == (
        'het bestand <a href="05_dekking-bestanden/x%20y.csv" download>x y.csv</a> (CSV voor Excel, 2 kB)')


def test_a_manifest_entry_names_only_files_in_its_own_folder():
    from vsv_analysis.render.index import page_files

    entry = {"html_file": "02_netwerk.html", "files": ["02_netwerk-bestanden/netwerk.gexf", "02_netwerk-bestanden/..",
                                                       "03_centraliteit-bestanden/x.csv", "/etc/passwd",
                                                       "02_netwerk-bestanden/a/b.csv", "../x.csv"],
             "last_good": None}
    assert page_files(entry) == ["02_netwerk.html", "02_netwerk-bestanden/netwerk.gexf"]
    failed = {"html_file": "02_netwerk.failed.html", "files": [],
              "last_good": {"html_file": "02_netwerk.html", "files": ["02_netwerk-bestanden/verbindingen.csv"]}}
    assert page_files(failed) == ["02_netwerk.failed.html", "02_netwerk.html", "02_netwerk-bestanden/verbindingen.csv"]
