"""Notebooks start warm yet fresh: nothing one notebook sets reaches the next, and a notebook's outputs, errors and
time limits behave as under a Jupyter kernel. The notebooks still run under plain papermill."""

from __future__ import annotations

import datetime
import json
import re
import subprocess
import sys

import nbformat
import render_helpers as rh
from conftest import PROJECT

from vsv_analysis.render import render
from vsv_analysis.render.export import export_html, page_context
from vsv_analysis.render.scrub import scrub, scrub_notebook

LEAVES_STATE = """\
import matplotlib, matplotlib.pyplot as plt
import vsv_analysis.common.dutch as dutch
left_behind = "uit het eerste rapport"
matplotlib.rcParams["lines.linewidth"] = 9.5
figure = plt.figure()
dutch.LEFT_BEHIND = True
os.environ["VSV_LEFT_BEHIND"] = "1"
print("gezet", plt.get_fignums())"""

FINDS_NOTHING = """\
import matplotlib, matplotlib.pyplot as plt
import vsv_analysis.common.dutch as dutch
assert "left_behind" not in globals(), "a global of the first notebook"
assert matplotlib.rcParams["lines.linewidth"] != 9.5, "an rcParam of the first notebook"
assert plt.get_fignums() == [], "a figure of the first notebook"
assert not hasattr(dutch, "LEFT_BEHIND"), "a module attribute of the first notebook"
assert "VSV_LEFT_BEHIND" not in os.environ, "an environment variable of the first notebook"
print("schoon")"""


def test_nothing_one_notebook_sets_is_visible_in_the_next(tmp_path):
    first = rh.tiny_notebook(tmp_path, "a_zet", {"year": 2026}, LEAVES_STATE)
    second = rh.tiny_notebook(tmp_path, "b_vindt", {"year": 2026}, FINDS_NOTHING)
    results = render([first, second], output_dir=tmp_path / "out", jobs=1, with_code=True,
                     progress=lambda line: None)
    assert [(r.name, r.status, r.error) for r in results] == [("a_zet", "ok", ""), ("b_vindt", "ok", "")]
    pages = {name: (tmp_path / "out" / "latest" / f"{name}.html").read_text(encoding="utf-8")
             for name in ("a_zet", "b_vindt")}
    assert "gezet [1]" in pages["a_zet"] and "schoon" in pages["b_vindt"]


PROBE = [
    'print("uit", year)\nprint("fout", file=sys.stderr)\nprint("nog")',
    'display(HTML("<b>vet</b>"))\n1 + 1',
    'shown = display(HTML("<i>eerst</i>"), display_id=True)',
    'shown.update(HTML("<i>later</i>"))',  # changes the output of the cell before, as in a kernel
    "",
    'raise ValueError("mag mislukken")',  # tagged raises-exception: the run goes on
    'assert year != 2021, "met opzet mislukt voor 2021"',
    'print("na de fout")',
]


def probe_notebook(folder):
    nb = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell("year: int = 2026  # geography year")
    parameters.metadata["tags"] = ["parameters"]
    cells = [nbformat.v4.new_code_cell(code) for code in PROBE]
    cells[5].metadata["tags"] = ["raises-exception"]
    nb.cells = [nbformat.v4.new_markdown_cell("# Proef\n\n## Deel"),
                nbformat.v4.new_code_cell("import sys\nfrom IPython.display import HTML, display"), parameters, *cells]
    nb.metadata["vsv"] = {"title": "Proef", "description": "Uitvoer van elke soort"}
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "proef.ipynb"
    nbformat.write(nb, path)
    return path


def test_outputs_and_errors_as_under_a_kernel(tmp_path):
    notebook = probe_notebook(tmp_path)
    for with_code in (False, True):
        output = tmp_path / f"out-{with_code}"
        render([notebook], output_dir=output, parameters={"year": 2021}, with_code=with_code,
               day=datetime.date(2026, 1, 1), progress=lambda line: None)
        page = (output / "2026-01-01" / "proef.failed.html").read_text(encoding="utf-8")
        assert "<pre>uit 2021\nnog\n</pre>" in page  # printed text kept together, as ipykernel sends it
        assert "<b>vet</b>" in page and "<pre>2</pre>" in page  # display() and the cell's value
        assert "<i>later</i>" in page and "<i>eerst</i>" not in page  # a display updated later
        assert "mag mislukken" in page and "met opzet mislukt voor 2021" in page
        assert "<pre>na de fout" not in page  # stopped at the first error
        assert page.count('id="vsv-fout"') == 1  # the cell that stopped the run is marked, not the one allowed to fail
        assert page.index("mag mislukken") < page.index('id="vsv-fout"') < page.rindex("met opzet mislukt")
        assert ("<pre>fout\n</pre>" in page) is with_code  # stderr only with the code
        assert ('class="highlight hl-ipython3"' in page) is with_code  # highlighted as a kernel's notebook
    manifest = json.loads((output / "2026-01-01" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["proef"]["error"] == "AssertionError: met opzet mislukt voor 2021"


CELL_LIMIT = """\
import sys
from papermill.iorw import load_notebook_node
from vsv_analysis.render.cells import execute_cells

nb = load_notebook_node(sys.argv[1])
failed = execute_cells(nb, cell_timeout=0.5)
error = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
print(failed, error[0].ename, error[0].evalue, [c.execution_count for c in nb.cells if c.cell_type == "code"])
"""


def test_a_cell_past_its_time_limit_fails_there(tmp_path):
    notebook = rh.tiny_notebook(tmp_path, "traag", {"year": 2026}, "time.sleep(30)")
    nb = nbformat.read(notebook, as_version=4)
    nb.cells[1].source = "import time"
    nb.cells.append(nbformat.v4.new_code_cell("print('daarna')"))
    nbformat.write(nb, notebook)
    done = subprocess.run([sys.executable, "-c", CELL_LIMIT, str(notebook)], capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stdout == "True CellTimeout de cel was na 0,5 seconden niet klaar (tijdgrens per cel) [1, 2, 3, None]\n"


def _cells_part(page: str) -> str:
    """The notebook's part of a page (after the table of contents, before the footer), papermill's cell id left out."""
    body = page[page.index('<nav class="vsv-toc"'):page.index('<footer class="vsv-footer"')]
    return re.sub(r'(celltag_injected-parameters" id="cell-id=)[0-9a-f-]+', r"\1…", body)


def test_the_notebooks_run_unchanged_under_plain_papermill_with_the_same_page(tmp_path):
    notebook = PROJECT / "notebooks" / "01_gegevens.ipynb"
    executed = tmp_path / "01_gegevens.ipynb"
    subprocess.run([sys.executable, "-m", "papermill", "--no-progress-bar", "-k", "python3", str(notebook),
                    str(executed), "-p", "year", "2022"], check=True, capture_output=True, timeout=300, cwd=tmp_path)
    nb = nbformat.read(executed, as_version=4)
    outputs = [output for cell in nb.cells for output in cell.get("outputs", [])]
    assert len(outputs) >= 8 and not [o for o in outputs if o.output_type in ("error", "stream")]
    scrub_notebook(nb)
    by_papermill = export_html(nb, False, page_context("Gegevens", "", {"year": 2022}, {}, ""), scrub)
    render([notebook], output_dir=tmp_path / "out", parameters={"year": 2022}, progress=lambda line: None)
    page = (tmp_path / "out" / "latest" / "01_gegevens.html").read_text(encoding="utf-8")
    assert _cells_part(page) == _cells_part(by_papermill)  # what papermill's kernel showed, the render shows
