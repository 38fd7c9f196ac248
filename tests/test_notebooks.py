"""The notebooks as files: no outputs, one typed parameters cell in step with the shared defaults, no logic."""

import ast
import json

import nbformat
import pytest

from vsv_analysis.params import load_defaults
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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_parameters_cell_is_typed_commented_and_matches_the_shared_defaults(path):
    nb = nbformat.read(path, as_version=4)
    cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1
    defaults = load_defaults()
    for line in cells[0].source.splitlines():
        assert "  # " in line, f"parameter without a comment: {line}"
        statement = ast.parse(line).body[0]
        assert isinstance(statement, ast.AnnAssign), f"parameter without a type: {line}"
        name = statement.target.id
        assert name in defaults
        assert ast.literal_eval(statement.value) == defaults[name], name
    assert set(notebook_parameters(path)) >= {"year", "roles", "role_weights", "expand_regions", "data_dir"}


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
    assert meta["kernelspec"]["name"] == "python3"


def test_defaults_file_lives_beside_the_notebooks():
    assert (NOTEBOOK_DIR / "parameters.yaml").is_file()
