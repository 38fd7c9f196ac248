"""A plain (non-editable) install works from any folder: the data, notebooks and templates travel in the package.

The fresh virtual environment reuses the dependencies of the test's own environment (a ``.pth`` file naming its
site-packages), so the test needs no package registry; the project itself is built into a wheel from a copy of
the sources and installed into it. A ``.pth`` file in a folder named by another ``.pth`` file is not read, so the
editable install of the checkout stays invisible there.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest
from conftest import PROJECT

from vsv_analysis.common import locations
from vsv_analysis.jupyter.kernel import KERNEL_DISPLAY_NAME, KERNEL_NAME

REPORTS = ["00_samenvatting", "01_gegevens", "02_netwerk", "03_centraliteit", "04_overlap", "05_dekking"]


def test_the_checkout_reads_its_own_top_level_folders():
    assert locations.CHECKOUT_DIR == PROJECT
    assert locations.DATA_DIR == PROJECT / "data"
    assert locations.NOTEBOOK_DIR == PROJECT / "notebooks"
    assert locations.DEFAULTS_FILE == PROJECT / "notebooks" / "parameters.yaml"
    assert locations.TEMPLATE_DIR == PROJECT / "vsv_analysis" / "templates"


def test_every_folder_of_the_package_is_packaged():
    """``pyproject.toml`` lists the packages by hand (two of them are mapped from the top-level folders)."""
    config = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    folders = {".".join(path.relative_to(PROJECT).parts) for path in (PROJECT / "vsv_analysis").rglob("*")
               if path.is_dir() and path.name != "__pycache__" and any(path.iterdir())}
    mapped = {name: folder for name, folder in config["package-dir"].items()}
    assert mapped == {"vsv_analysis.data": "data", "vsv_analysis.notebooks": "notebooks"}
    expected = {"vsv_analysis", *folders, *mapped, "vsv_analysis.data.reference", "vsv_analysis.notebooks.review"}
    assert set(config["packages"]) == expected
    for name, patterns in config["package-data"].items():
        folder = PROJECT / name.replace(".", "/")
        for top, inside in mapped.items():
            if name == top or name.startswith(top + "."):
                folder = PROJECT / inside / name[len(top) + 1:].replace(".", "/")
        assert all(list(folder.glob(pattern)) for pattern in patterns), name


def test_the_wheel_ships_the_kernelspec_that_ipykernel_would_write_with_python_as_its_command():
    """As ipykernel ships ``python3``: argv[0] ``python``, which Jupyter runs as its own Python, the environment's."""
    from ipykernel.kernelspec import get_kernel_dict

    config = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    shipped_file = f"jupyter/kernels/{KERNEL_NAME}/kernel.json"
    assert config["data-files"] == {f"share/jupyter/kernels/{KERNEL_NAME}": [shipped_file]}
    shipped = json.loads((PROJECT / shipped_file).read_text(encoding="utf-8"))
    assert shipped["argv"] == ["python", "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    assert shipped["display_name"] == KERNEL_DISPLAY_NAME
    written = get_kernel_dict()  # what 'vsv-analysis kernel install' writes, with this Python's absolute path
    assert written["argv"][-4:] == shipped["argv"][1:] and shipped["language"] == written["language"]
    assert shipped["metadata"].items() <= written["metadata"].items()


def _nbconvert_templates() -> Path:
    """The folder of nbconvert's own templates in this environment (a real install puts them in its own)."""
    from jupyter_core.paths import jupyter_path

    return next(Path(p) for p in jupyter_path("nbconvert") if (Path(p) / "templates" / "lab").is_dir())


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict:
    """A fresh virtual environment with the project installed from a wheel; returns its paths and environment."""
    root = tmp_path_factory.mktemp("install")
    source = root / "source"
    shutil.copytree(PROJECT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "*.egg-info", "__pycache__", ".pytest_cache", ".ruff_cache", ".ipynb_checkpoints",
        "reports", "tests"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--no-index", "--wheel-dir", str(root / "dist"), str(source)],
                   check=True, capture_output=True, cwd=root)
    wheel = next((root / "dist").glob("vsv_analysis-*.whl"))
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    python = venv / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "dependencies-of-the-tests.pth").write_text("\n".join(sorted(ours)) + "\n", encoding="utf-8")
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True)
    jupyter = root / "jupyter"  # what pip would have put in the new environment's share/jupyter
    jupyter.mkdir()
    (jupyter / "nbconvert").symlink_to(_nbconvert_templates(), target_is_directory=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "JUPYTER_PATH")}
    env["JUPYTER_PATH"] = str(jupyter)
    env["JUPYTER_DATA_DIR"] = str(root / "user-jupyter")  # no kernel of the user's own (--user) hides the new one
    elsewhere = root / "elsewhere"
    elsewhere.mkdir()
    return {"venv": venv, "python": python, "env": env, "elsewhere": elsewhere, "source": source}


def _run(installed: dict, *command: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(installed["venv"] / "bin" / command[0]), *command[1:]], cwd=installed["elsewhere"],
                          env=installed["env"], capture_output=True, text=True, timeout=600)


def test_the_installed_package_is_the_one_in_the_new_environment(installed):
    shown = _run(installed, "python", "-c", "import json, vsv_analysis, vsv_analysis.common.locations as l; "
                                            "print(json.dumps([vsv_analysis.__file__, str(l.CHECKOUT_DIR), "
                                            "str(l.DATA_DIR), str(l.NOTEBOOK_DIR), str(l.TEMPLATE_DIR)]))")
    assert shown.returncode == 0, shown.stderr
    package, checkout, data, notebooks, templates = json.loads(shown.stdout)
    inside = installed["venv"] / "lib"
    assert Path(package).is_relative_to(inside) and checkout == "None"
    assert Path(data).is_relative_to(inside) and Path(data).name == "data"
    assert (Path(data) / "reference" / "municipalities.csv").is_file()
    assert sorted(p.stem for p in Path(notebooks).glob("*.ipynb")) == REPORTS
    assert (Path(notebooks) / "parameters.yaml").is_file() and (Path(templates) / "vsv" / "index.html.j2").is_file()
    assert not Path(PROJECT).is_relative_to(installed["venv"])


def test_validate_from_an_unrelated_folder(installed):
    result = _run(installed, "vsv-analysis", "validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: 9 initiatives, 49 mentions; 13 of 56 municipalities named (geography 2026)")


def test_plain_install_renders_every_report_from_an_unrelated_folder(installed):
    before = sorted(p.name for p in (PROJECT / "reports").iterdir())
    result = _run(installed, "vsv-analysis", "render", "-p", "null_models", "19")
    assert result.returncode == 0, result.stdout + result.stderr
    latest = installed["elsewhere"] / "reports" / "latest"  # the current folder, as nothing else was asked for
    assert sorted(p.stem for p in latest.glob("*.html")) == sorted([*REPORTS, "index"])
    manifest = json.loads((latest / "manifest.json").read_text(encoding="utf-8"))
    assert {name: entry["status"] for name, entry in manifest.items() if isinstance(entry, dict)} == {
        name: "ok" for name in REPORTS}
    page = (latest / "01_gegevens.html").read_text(encoding="utf-8")
    assert "Galderen" in page and "Git-commit" not in page  # no checkout, so no commit to name
    assert sorted(p.name for p in (PROJECT / "reports").iterdir()) == before


def test_jupyter_finds_the_kernel_right_after_pip_install_and_runs_it_with_the_new_environment(installed):
    """No 'vsv-analysis kernel install': the wheel put the kernelspec where this environment's Jupyter looks."""
    listed = _run(installed, "python", "-m", "jupyter_client.kernelspecapp", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    found = json.loads(listed.stdout)["kernelspecs"][KERNEL_NAME]
    assert Path(found["resource_dir"]) == installed["venv"] / "share" / "jupyter" / "kernels" / KERNEL_NAME
    assert found["spec"]["argv"][0] == "python" and found["spec"]["display_name"] == KERNEL_DISPLAY_NAME
    import nbformat

    notebook = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": KERNEL_NAME, "language": "python",
                                                                 "display_name": KERNEL_DISPLAY_NAME}})
    notebook.cells = [nbformat.v4.new_code_cell("import sys, vsv_analysis\nprint(sys.prefix)\n"
                                                "print(vsv_analysis.__file__)")]
    nbformat.write(notebook, installed["elsewhere"] / "where.ipynb")
    ran = _run(installed, "python", "-m", "papermill", "where.ipynb", "where-run.ipynb")  # the notebook names it
    assert ran.returncode == 0, ran.stderr
    output = nbformat.read(installed["elsewhere"] / "where-run.ipynb", as_version=4).cells[0].outputs[0]["text"]
    prefix, package = output.splitlines()
    assert Path(prefix) == installed["venv"] and Path(package).is_relative_to(installed["venv"] / "lib")
