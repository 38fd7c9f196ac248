"""Plain papermill runs every report notebook with the project's kernel, from a Jupyter without the package.

The "user's own Jupyter" is a bare virtual environment that sees this environment's packages (papermill,
jupyter_client) but not vsv_analysis: a ``.pth`` file names this environment's site-packages, and the editable
install's own ``.pth`` file in there is not read. The kernel ``vsv-analysis`` is installed with
``vsv-analysis kernel install --user`` into a temporary Jupyter data folder; it runs this environment's Python,
so the notebooks import the package although papermill's environment cannot. ``vsv-analysis export`` then
turns an executed notebook into the render's offline page.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from conftest import PROJECT, untimed

from vsv_analysis.cli import main
from vsv_analysis.common.locations import NOTEBOOK_DIR, TEMPLATE_DIR

REPORTS = ["00_samenvatting", "01_gegevens", "02_netwerk", "03_centraliteit", "04_overlap", "05_dekking"]
LIST_AND_DICT = ["-p", "roles", "[partner]", "-p", "role_weights", '{"observer": 0}']


@pytest.fixture(scope="module")
def jupyter(tmp_path_factory) -> dict:
    """A Jupyter environment without vsv_analysis, and the project's kernel installed for its user."""
    root = tmp_path_factory.mktemp("papermill")
    user_env = root / "user-jupyter"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(user_env)], check=True, capture_output=True)
    python = user_env / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    (site / "this-environment.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "JUPYTER_PATH")}
    env["JUPYTER_DATA_DIR"] = str(root / "jupyter-data")
    work = root / "work"
    work.mkdir()
    return {"root": root, "python": python, "env": env, "work": work}


def _papermill(jupyter: dict, notebook: Path, output: str, *options: str) -> subprocess.Popen:
    return subprocess.Popen([str(jupyter["python"]), "-m", "papermill", str(notebook), output, "-k", "vsv-analysis",
                             "--no-progress-bar", *options], cwd=jupyter["work"], env=jupyter["env"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _texts(path: Path) -> str:
    """Every text and HTML output of an executed notebook, joined."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    texts = []
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            for text in (output.get("text"), data.get("text/html"), data.get("text/plain")):
                if text:
                    texts.append("".join(text) if isinstance(text, list) else text)
    return "\n".join(texts)


@pytest.fixture(scope="module")
def executed(jupyter, tmp_path_factory) -> dict:
    """Every report notebook run by plain papermill, with the shared defaults file and list and dict parameters."""
    mp = pytest.MonkeyPatch()
    mp.setenv("JUPYTER_DATA_DIR", jupyter["env"]["JUPYTER_DATA_DIR"])
    try:
        assert main(["kernel", "install", "--user"]) == 0
    finally:
        mp.undo()
    runs = {}
    pending = list(REPORTS)
    while pending:  # two at a time: the machine has two cores
        batch, pending = pending[:2], pending[2:]
        started = {name: _papermill(jupyter, NOTEBOOK_DIR / f"{name}.ipynb", f"{name}.ipynb", "-f",
                                    str(NOTEBOOK_DIR / "parameters.yaml"), *LIST_AND_DICT, "-p", "null_models", "19")
                   for name in batch}
        for name, process in started.items():
            out, err = process.communicate(timeout=600)
            runs[name] = (process.returncode, err)
    return runs


def test_the_user_jupyter_cannot_import_the_package(jupyter):
    result = subprocess.run([str(jupyter["python"]), "-c", "import vsv_analysis"], env=jupyter["env"],
                            cwd=jupyter["work"], capture_output=True, text=True)
    assert "No module named 'vsv_analysis'" in result.stderr


def test_kernel_install_for_the_user(jupyter, executed):
    spec = json.loads((Path(jupyter["env"]["JUPYTER_DATA_DIR"]) / "kernels" / "vsv-analysis" / "kernel.json")
                      .read_text(encoding="utf-8"))
    assert spec["argv"][0] == sys.executable and spec["display_name"] == "vsv-analysis"
    assert spec["argv"][-4:] == ["-m", "ipykernel_launcher", "-f", "{connection_file}"]


@pytest.mark.parametrize("name", REPORTS)
def test_plain_papermill_runs_every_notebook_with_the_project_kernel(jupyter, executed, name):
    code, err = executed[name]
    assert code == 0, err
    assert "Executing notebook with kernel: vsv-analysis" in err
    assert "unknown parameter" not in err  # papermill's warning for a name the notebook does not declare
    nb = json.loads((jupyter["work"] / f"{name}.ipynb").read_text(encoding="utf-8"))
    assert nb["metadata"]["papermill"]["parameters"]["roles"] == "[partner]"  # given as text, read as YAML inside
    errors = [o for c in nb["cells"] for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert errors == []


def test_the_list_and_dict_parameters_took_effect(jupyter, executed):
    network = _texts(jupyter["work"] / "02_netwerk.ipynb")
    assert "Het netwerk heeft 9 initiatieven, 5 gemeenten en 5 verbindingen." in network  # all roles: 13 and 20
    data = _texts(jupyter["work"] / "01_gegevens.ipynb")
    assert "Verkenner en aanvrager tellen 0,5. Toehoorder telt 0." in data  # observer weighs 0 instead of 0.25


def test_a_wrong_list_parameter_gets_the_render_message(jupyter):
    process = _papermill(jupyter, NOTEBOOK_DIR / "02_netwerk.ipynb", "fout.ipynb", "-p", "roles", "[partnr]")
    _, err = process.communicate(timeout=600)
    assert process.returncode == 1
    assert "ParameterError: unknown role 'partnr'" in err and "did you mean 'partner'?" in err


def test_a_relative_data_dir_is_read_from_the_folder_papermill_runs_in(jupyter, make_data):
    folder = make_data(["init1,Eigen initiatief,pilot,doc,,,,,Een eigen pilot"],
                       ["m1,init1,Tilburg,municipality,partner,,,"], name="mijn_data")
    target = jupyter["work"] / "mijn_data"
    folder.rename(target)
    process = _papermill(jupyter, NOTEBOOK_DIR / "02_netwerk.ipynb", "eigen.ipynb", "-p", "data_dir", "mijn_data")
    _, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    texts = _texts(jupyter["work"] / "eigen.ipynb")
    assert "Het netwerk heeft 1 initiatief, 1 gemeente en 1 verbinding." in texts and "Eigen initiatief" in texts


def test_export_makes_the_render_page_of_an_executed_notebook(jupyter, executed, capsys, monkeypatch):
    monkeypatch.chdir(jupyter["work"])
    assert main(["export", "02_netwerk.ipynb", "--output", "netwerk.html"]) == 0
    out, err = capsys.readouterr()
    assert (out, untimed(err)) == ("netwerk.html\n", "wrote the page\n")
    page = (jupyter["work"] / "netwerk.html").read_text(encoding="utf-8")
    # the tab and a saved PDF name the report, the programme and the day it was made
    assert re.search(r"<title>Het netwerk van initiatieven en gemeenten · Versterken Sociale Veerkracht · "
                     r"\d{1,2} \w+ \d{4}</title>", page)
    assert (TEMPLATE_DIR / "report.css").read_text(encoding="utf-8") in page
    assert 'class="vsv-toc"' in page and "Het netwerk heeft 9 initiatieven, 5 gemeenten en 5 verbindingen." in page
    assert "Alleen de rol partner telt mee. Eigen gewichten: toehoorder telt 0." in page  # the footer, in words
    assert 'roles = \\"[partner]\\"' not in page and "import " not in page  # code hidden
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=\"http|mathjax|require\.js", page, re.IGNORECASE)
    assert 'href="index.html"' not in page  # a page on its own: no index to go back to
    for private in (str(jupyter["root"]), str(PROJECT), str(Path.home())):
        assert private not in page


def test_export_of_a_failed_notebook_gives_the_failed_page(jupyter, capsys, monkeypatch):
    process = _papermill(jupyter, NOTEBOOK_DIR / "01_gegevens.ipynb", "mislukt.ipynb", "-p", "year", "2019")
    process.communicate(timeout=600)
    monkeypatch.chdir(jupyter["work"])
    assert main(["export", "mislukt.ipynb"]) == 1
    out, err = capsys.readouterr()
    assert out == "mislukt.failed.html\n"  # the page was written, and says the notebook failed
    assert untimed(err) == (
        "note: the page names no sources: the data of the notebook's parameters could not be read (parameter "
        "'year': 2019 is not covered; choose a year from 2021 to 2026)\n"
        "vsv-analysis: the notebook stopped with an error (ParameterError: parameter 'year': 2019 is not covered; "
        "choose a year from 2021 to 2026); the page says so\n")
    page = (jupyter["work"] / "mislukt.failed.html").read_text(encoding="utf-8")
    assert "Dit rapport is niet volledig." in page and "De berekening stopte hier met een fout." in page
    assert "De vorige geslaagde versie" not in page


def test_export_refuses_a_notebook_that_was_not_executed(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(NOTEBOOK_DIR / "02_netwerk.ipynb")]) == 2
    err = untimed(capsys.readouterr().err)
    assert err == (f"vsv-analysis: {NOTEBOOK_DIR / '02_netwerk.ipynb'} has no outputs: it was not executed. Run it "
                   f"first, such as with 'papermill -k vsv-analysis 02_netwerk.ipynb executed.ipynb', or use "
                   f"'vsv-analysis render'\n")
    assert main(["export", "nergens.ipynb"]) == 2
    assert untimed(capsys.readouterr().err) == "vsv-analysis: notebook nergens.ipynb does not exist\n"
    assert list(tmp_path.iterdir()) == []


def test_export_never_replaces_a_page_unless_forced(jupyter, executed, capsys, monkeypatch):
    monkeypatch.chdir(jupyter["work"])
    (jupyter["work"] / "pagina").mkdir()
    assert main(["export", "02_netwerk.ipynb", "-q"]) == 0  # NAME.html in the current folder, as documented
    assert main(["export", "02_netwerk.ipynb", "-q", "--output", "pagina"]) == 0  # a folder: NAME.html in it
    assert capsys.readouterr() == ("02_netwerk.html\npagina/02_netwerk.html\n", "")
    for page in (jupyter["work"] / "02_netwerk.html", jupyter["work"] / "pagina" / "02_netwerk.html"):
        page.write_text("mijn eigen aantekeningen", encoding="utf-8")
    for where, shown in (([], "02_netwerk.html"), (["--output", "pagina"], "pagina/02_netwerk.html"),
                         (["--output", "pagina/02_netwerk.html"], "pagina/02_netwerk.html")):
        assert main(["export", "02_netwerk.ipynb", *where]) == 2
        out, err = capsys.readouterr()
        assert (out, untimed(err)) == ("", f"vsv-analysis: {shown} exists already; pass --force to replace it, or "
                                           "choose another --output\n")
    assert (jupyter["work"] / "02_netwerk.html").read_text(encoding="utf-8") == "mijn eigen aantekeningen"
    assert main(["export", "02_netwerk.ipynb", "--force", "--output", "pagina"]) == 0
    assert "<title>Het netwerk" in (jupyter["work"] / "pagina" / "02_netwerk.html").read_text(encoding="utf-8")
    assert not list(jupyter["work"].glob(".*")) and not list((jupyter["work"] / "pagina").glob(".*"))
