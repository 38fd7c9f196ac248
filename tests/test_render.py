"""The report pipeline end to end: every notebook executes, HTML a reader can trust, failures that lose nothing."""

import datetime
import json
import re
import shutil
from pathlib import Path

import nbformat
from conftest import PROJECT

from vsv_analysis.cli import main
from vsv_analysis.common.locations import default_data_dir
from vsv_analysis.render import render

EXTERNAL = re.compile(r"""<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)


def pages(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.html"))}


def test_every_notebook_renders_with_defaults(rendered):
    folder, results = rendered
    assert [(r.name, r.status) for r in results] == [
        ("00_samenvatting", "ok"), ("01_gegevens", "ok"), ("02_netwerk", "ok"), ("03_centraliteit", "ok"),
        ("04_overlap", "ok"), ("05_dekking", "ok")]
    assert (folder.parent / "latest").resolve() == folder.resolve()
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert index.count('class="ok"') == 6 and ">Samenvatting<" in index
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["00_samenvatting"]["parameters"]["year"] == 2026


def test_html_is_self_contained_and_safe_to_share(rendered):
    folder, _ = rendered
    for name, page in pages(folder).items():
        assert not EXTERNAL.search(page), name
        assert "<script src" not in page and '<link rel="stylesheet"' not in page, name
        assert str(PROJECT) not in page and str(Path.home()) + "/" not in page, name
        assert len(page.encode()) < 2_000_000, name
        for img in re.findall(r"<img\b[^>]*>", page):
            assert re.search(r'alt="[^"]{10,}"', img), f"{name}: figure without alt text"


def test_reports_are_dutch_without_code_with_toc_and_provenance(rendered):
    folder, _ = rendered
    for name, page in pages(folder).items():
        if name == "index.html":
            continue
        assert '<html lang="nl">' in page, name
        assert 'class="vsv-toc"' in page, name
        assert "hl-ipython3" not in page and "report.setup(" not in page, name  # code hidden
        assert "Kenmerk van de gegevens" in page and "vsv-analysis" in page, name
        assert "Parameters" not in page and "seed = " not in page, name  # the settings are in words, above
    summary = pages(folder)["00_samenvatting.html"]
    assert "Het memo noemt <strong>13 van de 56 gemeenten</strong> in Noord-Brabant bij naam (23,2%)" in summary
    assert ("Tellen we één aantal zonder namen mee, 57 gemeenten bij Dementievriendelijk Brabant, dan zijn het er "
            "52 tot 56 van de 56 (93% tot 100%).") in summary  # what the range rests on, in its sentence, not bold
    assert "<strong>52" not in summary and "<strong>tussen 52" not in summary


def test_other_parameter_set_2021_with_regions(tmp_path):
    results = render(output_dir=tmp_path, parameters={"year": 2021, "expand_regions": True}, jobs=2,
                     day=datetime.date(2026, 1, 6), progress=lambda line: None)
    assert {r.status for r in results} == {"ok"}
    summary = (tmp_path / "2026-01-06" / "00_samenvatting.html").read_text(encoding="utf-8")
    assert "Het memo noemt <strong>14 van de 61 gemeenten</strong> in Noord-Brabant bij naam" in summary
    assert "Een genoemde regio telt mee voor al haar gemeenten." in summary  # the settings, in words


def test_with_code_shows_the_code(tmp_path):
    render([PROJECT / "notebooks" / "02_netwerk.ipynb"], output_dir=tmp_path, with_code=True, jobs=1,
           day=datetime.date(2026, 1, 7), progress=lambda line: None)
    page = (tmp_path / "2026-01-07" / "02_netwerk.html").read_text(encoding="utf-8")
    assert "hl-ipython3" in page


def failing_notebook(folder: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell("year: int = 2026  # geography year")
    parameters.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# Proef\n\n## Deel"), nbformat.v4.new_code_cell("import math"),
                parameters, nbformat.v4.new_code_cell('assert year != 2021, "met opzet mislukt voor 2021"'),
                nbformat.v4.new_markdown_cell("## Na de fout")]
    nb.metadata["vsv"] = {"title": "Proef", "description": "Faalt voor 2021"}
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "proef.ipynb"
    nbformat.write(nb, path)
    return path


def test_failure_keeps_the_last_good_report(tmp_path, capsys, monkeypatch):
    notebook = failing_notebook(tmp_path)
    reports = tmp_path / "reports"
    good = render([notebook], output_dir=reports, day=datetime.date(2026, 2, 1), progress=lambda line: None)
    assert good[0].status == "ok"
    good_page = (reports / "2026-02-01" / "proef.html").read_bytes()
    good_run = (reports / "latest").resolve()

    # Same day, now failing: the good page stays, the failure goes beside it, the CLI exits 1.
    import vsv_analysis.render.run as render_module

    monkeypatch.setattr(render_module.datetime, "date", type("FixedDate", (datetime.date,), {
        "today": classmethod(lambda cls: datetime.date(2026, 2, 1))}))
    assert main(["render", str(notebook), "--output-dir", str(reports), "-p", "year", "2021"]) == 1
    out, err = capsys.readouterr()
    assert "proef: failed" in err and "left unchanged" in err
    run = (reports / "2026-02-01").resolve().name
    assert out == f"{reports}/runs/{run}\n"  # published, though latest was not moved
    assert (reports / "2026-02-01" / "proef.html").read_bytes() == good_page
    failed = (reports / "2026-02-01" / "proef.failed.html").read_text(encoding="utf-8")
    assert "Dit rapport is niet volledig" in failed and 'id="vsv-fout"' in failed
    assert "met opzet mislukt voor 2021" in failed
    assert "papermill" not in failed.lower().replace("papermill-error", "")
    assert str(tmp_path) not in failed and str(PROJECT) not in failed
    index = (reports / "2026-02-01" / "index.html").read_text(encoding="utf-8")
    assert "mislukt" in index and "proef.failed.html" in index
    assert 'href="proef.html">vorige geslaagde versie</a>' in index
    assert not list((reports / "2026-02-01").glob(".*"))  # no temporary files left

    # Another day, failing: latest keeps pointing at the last complete run.
    render([notebook], output_dir=reports, parameters={"year": 2021}, day=datetime.date(2026, 2, 2),
           progress=lambda line: None)
    assert (reports / "latest").resolve() == good_run
    assert (reports / "2026-02-02" / "proef.html").read_bytes() == good_page  # carried into the new run
    assert (good_run / "proef.html").read_bytes() == good_page and not (good_run / "proef.failed.html").exists()


def test_data_values_are_escaped(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for name in ("initiatives.csv", "involvements.csv", "sources.csv"):
        shutil.copy(default_data_dir() / name, data / name)
    text = (data / "involvements.csv").read_text(encoding="utf-8")
    (data / "involvements.csv").write_text(text.replace("Enpuls B.V.", "<script>alert(1)</script> B.V."),
                                           encoding="utf-8")
    results = render([PROJECT / "notebooks" / "02_netwerk.ipynb"], output_dir=tmp_path / "out",
                     parameters={"data_dir": str(data)}, day=datetime.date(2026, 3, 1), progress=lambda line: None)
    assert results[0].status == "ok"
    page = (tmp_path / "out" / "2026-03-01" / "02_netwerk.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; B.V." in page
    assert "<script>alert(1)</script>" not in page


def test_maps_on_real_boundaries_when_given(tmp_path):
    from test_maps import square_geojson

    from vsv_analysis.geography.reference import load_reference

    geojson = tmp_path / "grenzen.geojson"
    geojson.write_text(json.dumps(square_geojson(load_reference(year=2026))), encoding="utf-8")
    results = render([PROJECT / "notebooks" / "05_dekking.ipynb"], output_dir=tmp_path / "out",
                     parameters={"map_mode": "boundaries", "boundaries_file": str(geojson)},
                     day=datetime.date(2026, 3, 2), progress=lambda line: None)
    assert results[0].status == "ok"
    page = (tmp_path / "out" / "2026-03-02" / "05_dekking.html").read_text(encoding="utf-8")
    assert "Over de kaarten: ze tonen de gemeentegrenzen van CBS en Kadaster." in page


def test_maps_default_to_tiles_without_boundaries(rendered):
    folder, _ = rendered
    page = (folder / "05_dekking.html").read_text(encoding="utf-8")
    assert "Over de kaarten: elke gemeente is een vak van gelijke grootte" in page
    assert page.count('alt="Kaart van Noord-Brabant met alle 56 gemeenten.') == 1
