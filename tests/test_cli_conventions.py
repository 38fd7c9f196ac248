"""Command-line conventions: --version, python -m, notebook names, render --help, timed log lines, maps and latest."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from vsv_analysis import __version__, render
from vsv_analysis.cli import main
from vsv_analysis.cli.commands import maps_folder as _maps_folder
from vsv_analysis.cli.rendering import resolve_notebooks as _resolve_notebooks
from vsv_analysis.jupyter.parameters import ParameterError, load_defaults

TIMED = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d ")


def test_version(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out == f"vsv-analysis {__version__}\n"


def test_python_dash_m_runs_the_command():
    done = subprocess.run([sys.executable, "-m", "vsv_analysis", "--version"], capture_output=True, text=True,
                          timeout=60)
    assert (done.returncode, done.stdout) == (0, f"vsv-analysis {__version__}\n")
    done = subprocess.run([sys.executable, "-m", "vsv_analysis", "table", "nodes"], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2 and "invalid choice: 'nodes'" in done.stderr


@pytest.mark.parametrize("given", ["05_dekking", "05_dekking.ipynb"])
def test_bare_notebook_names_resolve_to_the_notebooks_folder(given, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # not the project folder: the name alone must find the notebook
    assert _resolve_notebooks([Path(given)]) == [render.NOTEBOOK_DIR / "05_dekking.ipynb"]


def test_a_path_that_exists_is_taken_as_given(tmp_path):
    notebook = tmp_path / "mine.ipynb"
    notebook.write_text("{}", encoding="utf-8")
    assert _resolve_notebooks([notebook]) == [notebook]
    assert _resolve_notebooks([tmp_path / "mine"]) == [notebook]


def test_an_unknown_notebook_name_suggests_the_closest(tmp_path, capsys):
    with pytest.raises(ParameterError, match="notebook '05_dekkin' not found.*did you mean '05_dekking'"):
        _resolve_notebooks([Path("05_dekkin")])
    assert main(["render", "05_dekkin", "--output-dir", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert TIMED.match(err) and "00_samenvatting, 01_gegevens" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_render_passes_resolved_notebooks_and_prints_timed_lines(monkeypatch, tmp_path, capsys):
    seen = {}

    def fake_render(notebooks, output_dir, parameters, with_code, jobs, progress, **limits):
        seen["notebooks"] = notebooks
        progress("rendering 1 notebook(s)")
        progress("[1/1] 05_dekking: ok in 1.0 s")
        return []

    monkeypatch.setattr(render, "render", fake_render)
    assert main(["render", "05_dekking", "--output-dir", str(tmp_path)]) == 0
    assert seen["notebooks"] == [render.NOTEBOOK_DIR / "05_dekking.ipynb"]
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and all(TIMED.match(line) for line in lines)
    assert lines[1].endswith(" [1/1] 05_dekking: ok in 1.0 s")


def test_render_errors_are_timed_too(tmp_path, capsys):
    assert main(["render", "--output-dir", str(tmp_path), "-p", "year", "2019"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and TIMED.match(err[0]) and "2019 is not covered" in err[0]


def test_render_help_lists_parameters_with_defaults_and_exit_codes(capsys):
    with pytest.raises(SystemExit):
        main(["render", "--help"])
    text = capsys.readouterr().out
    defaults = load_defaults()
    for name in defaults:
        assert re.search(rf"^  {name} = \S", text, flags=re.MULTILINE), name
    assert re.search(r"^  year = 2026 +geography year", text, flags=re.MULTILINE)
    assert re.search(r'^  data_dir = "" +folder with the evidence', text, flags=re.MULTILINE)
    assert "exit codes:" in text and "  0  success" in text and "  2  wrong use" in text


def test_maps_writes_into_the_folder_latest_points_at(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert _maps_folder(None) == Path("reports") / "maps"  # before any render
    (tmp_path / "reports" / "2026-01-05").mkdir(parents=True)
    (tmp_path / "reports" / "latest").symlink_to("2026-01-05", target_is_directory=True)
    assert _maps_folder(None) == (tmp_path / "reports" / "2026-01-05").resolve()
    assert _maps_folder(Path("reports/latest")) == (tmp_path / "reports" / "2026-01-05").resolve()
    assert _maps_folder(Path("elsewhere")) == Path("elsewhere")


def test_maps_never_makes_latest_a_folder(tmp_path, capsys):
    latest = tmp_path / "reports" / "latest"
    assert main(["maps", "--output-dir", str(latest)]) == 2
    assert "render first, or choose another --output-dir" in capsys.readouterr().err
    assert not latest.exists() and not latest.is_symlink()
