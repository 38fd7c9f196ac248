"""Nothing gets in: an attack in every free-text field of the data runs nowhere, hides nothing, and is no formula.

The data folder of :mod:`hostile` carries script, handlers, a comment opener, quote breaks, ``javascript:``
links, a markdown link, ``{{7*7}}`` and formula triggers in every free-text field (programme, sources,
initiatives, themes, party names, notes, reading choices, aliases, area, regions, a municipality's name, the
vocabularies' labels). It is rendered twice (so that the summary and the index say what changed, by name),
together with a notebook that fails with the payload in its error and its title. Then, in Chromium, every page
(the reports, the index and the failed page) has no script, no handler, no dialog, no ``javascript:`` address,
no element from the data and no comment that hides what follows, and shows the payload as text. Every CSV and
XLSX file the tool writes holds no cell a spreadsheet would run. Figure text is drawn as written.
"""

from __future__ import annotations

import ast
import csv
import datetime
import io
import json
import re
import unicodedata
import zipfile

import openpyxl
import pytest
import render_helpers as rh
from conftest import PROJECT
from hostile import PAYLOAD, TEMPLATE_MARK, hostile, make_hostile_folder
from markupsafe import escape

from vsv_analysis.cli import main
from vsv_analysis.common.locations import PACKAGE_DIR
from vsv_analysis.jupyter.catalogue import report_notebooks
from vsv_analysis.render import render

DAY = datetime.date(2026, 3, 2)
LIVE = """() => {
  const all = Array.from(document.querySelectorAll('*'));
  const attributes = all.flatMap(e => Array.from(e.attributes));
  const walker = document.createTreeWalker(document, NodeFilter.SHOW_COMMENT);
  const comments = [];
  while (walker.nextNode()) comments.push(walker.currentNode.data);
  return {
    scripts: document.scripts.length,
    handlers: attributes.filter(a => a.name.toLowerCase().startsWith('on')).length,
    javascript_urls: attributes.filter(a => /^\\s*javascript:/i.test(a.value)).length,
    elements_from_the_data: document.querySelectorAll(
        'xss-marker, .vsv-injected, body svg, iframe, object, embed, form, input, base, meta[http-equiv]').length,
    images_not_embedded: Array.from(document.images).filter(i => !i.src.startsWith('data:image/')).length,
    comments: comments.length,
  };
}"""
HTML_TAG = re.compile(r"<(/?(a|b|br|code|dd|details|div|dl|dt|em|figcaption|figure|footer|h[1-6]|header|i|img|li|"
                      r"main|nav|ol|p|pre|script|section|span|strong|style|summary|table|tbody|td|th|thead|tr|ul)"
                      r"[\s>/]|!--)")
NOTHING_LIVE = {"scripts": 0, "handlers": 0, "javascript_urls": 0, "elements_from_the_data": 0,
                "images_not_embedded": 0, "comments": 0}


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """The hostile folder rendered twice, the second time with one mention more and a notebook that fails."""
    root = tmp_path_factory.mktemp("hostile")
    data = make_hostile_folder(root / "data", extra_mention=False)
    output = root / "out"
    parameters = {"data_dir": str(data), "year": 2022, "null_models": 19}
    first = render([report_notebooks()[1]], output_dir=output, parameters=parameters, jobs=2,
                   day=DAY - datetime.timedelta(days=7), progress=lambda line: None)
    assert [r.status for r in first] == ["ok"]
    (data / "involvements.csv").unlink()
    later = make_hostile_folder(root / "later")
    (later / "involvements.csv").rename(data / "involvements.csv")
    failing = rh.tiny_notebook(root, "99_fout", {"year": 2026, "data_dir": ""},
                               f"raise ValueError({hostile('error')!r})")
    notebook = json.loads(failing.read_text(encoding="utf-8"))
    notebook["metadata"]["vsv"] = {"title": hostile("title"), "description": hostile("description")}
    failing.write_text(json.dumps(notebook), encoding="utf-8")
    results = render([*report_notebooks(), failing], output_dir=output, parameters=parameters, jobs=2, day=DAY,
                     progress=lambda line: None)
    assert {r.name: r.status for r in results} == {**{n.stem: "ok" for n in report_notebooks()}, "99_fout": "failed"}
    return root, output / DAY.isoformat()


def test_no_page_runs_or_hides_anything(hostile_run, browser):
    _, run = hostile_run
    pages = sorted(run.glob("*.html"))
    assert {p.name for p in pages} >= {"index.html", "99_fout.failed.html", "00_samenvatting.html"}
    dialogs = []
    context = browser.new_context(offline=True)
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    found = {}
    for path in pages:
        page.goto(path.as_uri(), wait_until="load")
        found[path.name] = page.evaluate(LIVE)
        text = page.inner_text("body")
        assert TEMPLATE_MARK in text and "<script>alert('s')</script>" in text, path.name  # shown as text
        assert "Technische gegevens van deze versie" in text.rsplit(TEMPLATE_MARK, 1)[1], path.name  # none hidden
    context.close()
    assert dialogs == []
    assert found == dict.fromkeys(found, NOTHING_LIVE)
    index = (run / "index.html").read_text(encoding="utf-8")
    assert escape(f"Nieuwe verbindingen: Eindhoven bij {hostile('initiative c').strip()}") in index


def test_the_payload_reaches_every_kind_of_field(hostile_run):
    """The browser test means something only if the payload is on the pages: every field that reports show."""
    _, run = hostile_run
    text = "".join(path.read_text(encoding="utf-8") for path in run.glob("*.html"))
    shown = {"programme.name", "programme.short_name", "programme.audience", "programme.commissioned_by",
             "sources.title", "sources.author", "sources.referred_to_as", "sources.date_basis", "initiative a",
             "section 1", "heading 1", "description a", "party", "interpretation.topic",
             "interpretation.explanation", "area.name", "region west-brabant s", "municipality name",
             "roles.csv label partner", "party_kinds.csv label foundation", "initiative_kinds.csv label pilot",
             "Nergenshuizen", "error",
             "title"}
    missing = [label for label in sorted(shown) if f"{label} &lt;script&gt;" not in text]
    assert missing == []


# -- spreadsheets -------------------------------------------------------------------------------------


def _runs(value: str) -> bool:
    """Whether a spreadsheet would run the cell (our own test of it, not the package's)."""
    if value.startswith(("\t", "\r")):
        return True
    start = value.lstrip()
    return bool(start) and unicodedata.normalize("NFKC", start[0]) in "=+-@" and re.fullmatch(
        r"[+-]?\d+([.,]\d*)?([eE][+-]?\d+)?", value.strip()) is None


def _csv_cells(path) -> list[str]:
    text = path.read_bytes().decode("utf-8-sig")
    delimiter = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    return [cell for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) for cell in row]


def _xlsx_problems(path) -> list[str]:
    problems = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and b"<f>" in archive.read(name):
                problems.append(f"{path.name}: a formula in {name}")
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (isinstance(cell.value, str) and _runs(cell.value)
                                             and not cell.quotePrefix):
                    problems.append(f"{path.name}, {sheet.title}!{cell.coordinate}: {cell.value!r}")
    return problems


def test_every_spreadsheet_file_the_tool_writes_is_safe(hostile_run, tmp_path, monkeypatch):
    root, run = hostile_run
    monkeypatch.chdir(tmp_path)
    data = root / "data"
    written = [*(run / "snapshot").glob("*.csv")]
    for arguments in (["table", "all", "--format", "xlsx", "--output", "alles.xlsx"],
                      ["table", "all", "--format", "xlsx", "--labels", "nl", "--output", "alles-nl.xlsx"],
                      *(["table", name, "--dialect", dialect, "--labels", labels, "--output",
                         f"{name}-{dialect}-{labels}.csv"]
                        for name in ("involvements", "initiatives", "municipalities", "centrality", "overlap",
                                     "coverage", "unreached")
                        for dialect in ("plain", "excel-nl") for labels in ("en", "nl")),
                      ["changes", str(run.parent / (DAY - datetime.timedelta(days=7)).isoformat()), str(run),
                       "--output", "changes.csv"],
                      ["changes", str(run.parent / (DAY - datetime.timedelta(days=7)).isoformat()), str(run),
                       "--output", "changes.xlsx"],
                      ["template", "--with-data", "--output", "invoer.xlsx"],
                      ["init", "nieuw"]):
        assert main([*arguments, *(["--data-dir", str(data), "--year", "2022"]
                                   if arguments[0] in ("table", "template") else [])]) == 0, arguments
    written += [p for p in tmp_path.rglob("*") if p.suffix in (".csv", ".xlsx")]
    division = {"value": [{"Code_1": "GM0796", "Naam_2": '\t=HYPERLINK("http://x", "klik")', "Code_3": "PV30",
                           "Naam_4": "＠province"}]}
    population = {"value": [{"RegioS": "GM0796", "Perioden": "2022JJ00", "TotaleBevolking_1": 157_486}]}
    for name, content in (("gebieden.json", division), ("bevolking.json", population)):
        (tmp_path / name).write_text(json.dumps(content), encoding="utf-8")
    assert main(["reference", "update", "--year", "2022", "--from-file", "gebieden.json", "--from-file",
                 "bevolking.json", "--cache-dir", "cache"]) == 0
    written += sorted((tmp_path / "cache" / "cbs").glob("*.csv"))
    assert len(written) >= 40 and len(list((tmp_path / "cache" / "cbs").glob("*.csv"))) == 2
    problems = [f"{path.name}: {cell!r}" for path in written if path.suffix == ".csv"
                for cell in _csv_cells(path) if _runs(cell)]
    problems += [problem for path in written if path.suffix == ".xlsx" for problem in _xlsx_problems(path)]
    assert problems == []
    cells = [_csv_cells(path) for path in written if path.suffix == ".csv"]
    assert sum(cell.startswith("'") and _runs(cell[1:]) for file in cells for cell in file) >= 100  # neutralised


# -- figure text -------------------------------------------------------------------------------------------

WIDE_DRAWING = r'<img src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"'
"""The drawing every screen but a phone's shows (a phone's narrow one wraps and numbers names)."""


@pytest.mark.parametrize("name", ["Pilot (US$ 100% US$)", r"$x^2_\alpha$ en \n", "a_b^c 50% $5", "$"])
def test_figure_text_is_drawn_as_written(name):
    import networkx as nx

    from vsv_analysis.evidence.vocabulary import load_vocabulary
    from vsv_analysis.figures import network_figure
    from vsv_analysis.report.display import figure_markup

    G = nx.Graph()
    G.add_node("i", bipartite=0, name=name, kind="pilot", node_kind="initiative")
    G.add_node("GM0796", bipartite=1, name=f"{name} gemeente", node_kind="municipality", is_resolved=True)
    G.add_edge("i", "GM0796", role="partner", weight=1.0, is_indirect=False, mention_ids=["M1"])
    chart = network_figure(G, load_vocabulary())
    markup = figure_markup(chart, caption=name)
    svg = __import__("base64").b64decode(re.search(WIDE_DRAWING, markup).group(1)).decode()
    escaped = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    drawn = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))  # lines of a wrapped name, joined
    assert escaped in drawn and f"{escaped} gemeente" in drawn  # the text itself, not mathtext's glyphs


def test_map_text_is_drawn_as_written():
    from vsv_analysis import maps
    from vsv_analysis.geography.reference import load_reference
    from vsv_analysis.report.display import figure_markup

    reference = load_reference(year=2022)
    base = maps.choose_map(reference, "tiles")
    name = "$a^b$%"  # short and without a space: the label fits its tile on one line
    base.tiles = base.tiles.copy()
    base.tiles.loc[base.tiles["cbs_code"] == "GM0796", "label"] = name
    markup = figure_markup(maps.coverage_map_figure(base, {"named": {"GM0796"}}))
    svg = __import__("base64").b64decode(re.search(WIDE_DRAWING, markup).group(1)).decode()
    assert name in svg


# -- markup by construction --------------------------------------------------------------------------------


def test_no_code_joins_text_into_html_by_hand():
    """Markup is made with markupsafe or a template only: no f-string holds a tag, nothing calls html.escape."""
    found = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                literal = "".join(part.value for part in node.values if isinstance(part, ast.Constant))
                if re.search(HTML_TAG, literal):
                    found.append(f"{path.relative_to(PROJECT)}:{node.lineno}: an f-string with a tag")
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [alias.name for alias in node.names]
                if "html" in names or getattr(node, "module", None) == "html":
                    found.append(f"{path.relative_to(PROJECT)}:{node.lineno}: html.escape by hand")
    assert found == []


def test_the_check_finds_what_it_looks_for(tmp_path, browser):
    """The browser check can fail: the payload unescaped in a page gives live elements and a dialog."""
    page_path = tmp_path / "open.html"
    page_path.write_text(f"<!DOCTYPE html><html><body><p>{PAYLOAD}</p><footer>Verantwoording</footer></body></html>",
                         encoding="utf-8")
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(page_path.as_uri(), wait_until="load")
    found = page.evaluate(LIVE)
    page.close()
    assert all(found[key] > 0 for key in ("scripts", "handlers", "javascript_urls", "elements_from_the_data",
                                          "images_not_embedded", "comments")), found
    assert dialogs
