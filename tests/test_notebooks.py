"""The notebooks as files: no outputs, one typed parameters cell in step with the shared defaults, no logic,
the project's kernel."""

import ast
import json
import re
from pathlib import Path

import nbformat
import pytest
from conftest import PROJECT

from vsv_analysis.jupyter.kernel import KERNEL_DISPLAY_NAME, KERNEL_NAME
from vsv_analysis.jupyter.parameters import load_defaults, parameters_cell
from vsv_analysis.render import NOTEBOOK_DIR, notebook_parameters, report_notebooks

NOTEBOOKS = report_notebooks()


def test_there_are_six_report_notebooks():
    assert [p.stem for p in NOTEBOOKS] == ["00_samenvatting", "01_gegevens", "02_netwerk", "03_centraliteit",
                                           "04_overlap", "05_dekking"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, cell["source"][:60]


def test_the_shared_parameters_cell_is_typed_commented_and_holds_the_defaults():
    defaults = load_defaults()
    lines = parameters_cell().splitlines()
    assert len(lines) == len(defaults) == 15
    for line, (name, value) in zip(lines, defaults.items(), strict=True):
        assert "  # " in line, f"parameter without a comment: {line}"
        statement = ast.parse(line).body[0]
        assert isinstance(statement, ast.AnnAssign), f"parameter without a type: {line}"
        assert statement.target.id == name and statement.annotation.id == type(value).__name__
        assert ast.literal_eval(statement.value) == value, name
    assert lines[2] == 'role_weights: dict = {}  # override default role weights, such as {"observer": 0.0}'


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_notebook_has_the_shared_parameters_cell(path):
    """The same cell everywhere (scripts/write_parameters_cells.py writes it), so that papermill -f
    notebooks/parameters.yaml passes no name a notebook does not declare."""
    nb = nbformat.read(path, as_version=4)
    cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1
    assert cells[0].source == parameters_cell()
    assert notebook_parameters(path) == list(load_defaults())


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_stay_thin(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        defined = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.Lambda | ast.ClassDef)]
        assert defined == [], f"{path.name}: logic belongs in vsv_analysis, not in a notebook"
        loops = [n for n in ast.walk(tree) if isinstance(n, ast.For | ast.While)]
        assert loops == [], f"{path.name}: loops belong in vsv_analysis"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_metadata_for_the_index(path):
    meta = nbformat.read(path, as_version=4).metadata
    assert meta["vsv"]["title"] and meta["vsv"]["description"]
    assert meta["kernelspec"] == {"name": KERNEL_NAME, "display_name": KERNEL_DISPLAY_NAME, "language": "python"}
    assert KERNEL_NAME == "vsv-analysis"


def test_defaults_file_lives_beside_the_notebooks():
    assert (NOTEBOOK_DIR / "parameters.yaml").is_file()


def _names_from_the_data() -> set[str]:
    from vsv_analysis.evidence.dataset import load_dataset

    data = load_dataset()
    names = set(data.initiatives["initiative_name"]) | set(data.reference.history["name"])
    names |= {n for n in data.involvements["name_as_written"] if len(n) > 3}
    names |= {data.programme.name, data.programme.short_name, *data.sources["title"]}
    return {n for n in names if n}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_name_from_the_data_is_typed_into_a_notebook(path):
    """Names in a notebook go stale when the data change: every one must be computed."""
    nb = nbformat.read(path, as_version=4)
    text = "\n".join(cell.source for cell in nb.cells) + json.dumps(nb.metadata, ensure_ascii=False)
    typed = sorted(n for n in _names_from_the_data() if re.search(rf"(?<![\w']){re.escape(n)}(?!\w)", text))
    assert typed == [], f"{path.name} types names from the data: {typed}"


def test_no_name_from_the_data_in_the_templates_or_the_report_code():
    from vsv_analysis import render, report

    files = [*Path(report.__file__).parent.glob("*.py"), *Path(render.__file__).parent.glob("*.py"),
             *(PROJECT / "vsv_analysis" / "templates").rglob("*.*")]
    names = _names_from_the_data() - {"Noord-Brabant", "Brabant"}  # the area is the reference's, in docstrings
    for file in files:
        text = file.read_text(encoding="utf-8")
        typed = sorted(n for n in names if re.search(rf"(?<![\w']){re.escape(n)}(?!\w)", text))
        assert typed == [], f"{file.name} types names from the data: {typed}"
