"""Command-line conventions: --version, python -m, notebook names, help with exit codes, results on standard output
and timed status lines on standard error for every command, -q and -v, maps and latest."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from vsv_analysis import __version__, render
from vsv_analysis.cli import main, status
from vsv_analysis.cli.commands import maps_folder as _maps_folder
from vsv_analysis.cli.parser import COMMANDS
from vsv_analysis.cli.rendering import resolve_notebooks as _resolve_notebooks
from vsv_analysis.common.locations import default_data_dir
from vsv_analysis.jupyter import kernel
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


def test_render_passes_resolved_notebooks_prints_timed_lines_and_the_run_it_published(monkeypatch, tmp_path, capsys):
    seen = {}

    def fake_render(notebooks, output_dir, parameters, with_code, jobs, progress, day, **limits):
        seen["notebooks"] = notebooks
        progress("rendering 1 notebook(s)")
        progress("[1/1] 05_dekking: ok in 1.0 s")
        (output_dir / "runs" / "2026-01-05T063001-3fa9c1").mkdir(parents=True)
        (output_dir / day.isoformat()).symlink_to("runs/2026-01-05T063001-3fa9c1", target_is_directory=True)
        return []

    monkeypatch.setattr(render, "render", fake_render)
    assert main(["render", "05_dekking", "--output-dir", str(tmp_path)]) == 0
    assert seen["notebooks"] == [render.NOTEBOOK_DIR / "05_dekking.ipynb"]
    out, err = capsys.readouterr()
    assert out == f"{tmp_path}/runs/2026-01-05T063001-3fa9c1\n"  # the result: the run folder it published
    lines = err.splitlines()
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


ACTIONS = {"boundaries": ["fetch"], "reference": ["update"], "kernel": ["install"]}


@pytest.mark.parametrize("command", [[name, *ACTIONS.get(name, [])] for name in COMMANDS])
def test_every_commands_help_ends_with_its_exit_codes_and_offers_quiet_and_verbose(command, capsys):
    with pytest.raises(SystemExit) as stopped:
        main([*command, "--help"])
    assert stopped.value.code == 0
    text = capsys.readouterr().out
    assert "-q, --quiet" in text and "-v, --verbose" in text
    codes = text[text.index("exit codes:"):]
    assert re.search(r"^  0 +\S", codes, flags=re.MULTILINE) and re.search(r"^  2 +wrong use", codes, re.MULTILINE)
    assert re.search(r"^  130", codes, flags=re.MULTILINE)


def _memo() -> Path:
    path = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_c496a21ee49fb5b4.txt"
    if not path.is_file():
        pytest.skip("the seed memo is read from ../shared/seeds/")
    return path


def _boundaries_file() -> Path:
    path = Path(__file__).resolve().parents[2] / "shared" / "reference" / "boundaries_noord_brabant_2022.geojson"
    if not path.is_file():
        pytest.skip("no reference boundaries in ../shared/reference")
    return path


# Each command, run on the built-in data into a fresh folder, and what its standard output must be: the result.
RUNS = {
    "validate": (lambda tmp: ["validate", "--year", "2026"],
                 lambda tmp: ["OK: 9 initiatives, 49 mentions; 13 of 56 municipalities named (geography 2026); "
                              "2 initiatives report counts without names; 2 unresolved: Galderen, M7"]),
    "table": (lambda tmp: ["table", "unreached", "--output", f"{tmp}/niet-bereikt.csv"],
              lambda tmp: [f"{tmp}/niet-bereikt.csv"]),
    "changes": (lambda tmp: ["changes", str(default_data_dir()), str(default_data_dir()), "--output",
                             f"{tmp}/wijzigingen.csv"], lambda tmp: [f"{tmp}/wijzigingen.csv"]),
    "template": (lambda tmp: ["template", "--output", f"{tmp}/invoer.xlsx"], lambda tmp: [f"{tmp}/invoer.xlsx"]),
    "init": (lambda tmp: ["init", f"{tmp}/nieuw"], lambda tmp: [f"{tmp}/nieuw"]),
    "export-graph": (lambda tmp: ["export-graph", "--output", f"{tmp}/vsv.gexf"], lambda tmp: [f"{tmp}/vsv.gexf"]),
    "maps": (lambda tmp: ["maps", "--output-dir", f"{tmp}/kaarten"], lambda tmp: [f"{tmp}/kaarten/kaart_tegels.png"]),
    "boundaries": (lambda tmp: ["boundaries", "fetch", "--year", "2022", "--from-file", str(_boundaries_file()),
                                "--cache-dir", f"{tmp}/cache"],
                   lambda tmp: [f"{tmp}/cache/boundaries_noord_brabant_2022.geojson"]),
    "kernel": (lambda tmp: ["kernel", "install"], lambda tmp: [f"{tmp}/kernels/vsv-analysis"]),
    "extract": (lambda tmp: ["extract", str(_memo()), "--output-dir", f"{tmp}/voorstel", "--year", "2021"],
                lambda tmp: [f"{tmp}/voorstel"]),
}


@pytest.fixture
def fake_kernel_install(tmp_path, monkeypatch):
    def install(user):
        (tmp_path / "kernels" / "vsv-analysis").mkdir(parents=True)
        return tmp_path / "kernels" / "vsv-analysis"

    monkeypatch.setattr(kernel, "install_kernel", install)


@pytest.mark.parametrize("name", sorted(RUNS))
def test_every_command_prints_its_result_on_stdout_and_timed_status_on_stderr(name, tmp_path, capsys,
                                                                                fake_kernel_install):
    argv, expected = RUNS[name]
    assert main(argv(tmp_path)) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == expected(tmp_path)
    assert err and all(TIMED.match(line) for line in err.splitlines()), err  # how it went, each line timed
    for written in out.splitlines()[0 if name != "validate" else 1:]:
        assert Path(written).exists()


@pytest.mark.parametrize("name", sorted(RUNS))
def test_quiet_keeps_the_result_and_nothing_else(name, tmp_path, capsys, fake_kernel_install):
    argv, expected = RUNS[name]
    assert main([*argv(tmp_path), "-q"]) == 0
    out, err = capsys.readouterr()
    assert (out.splitlines(), err) == (expected(tmp_path), "")


def test_verbose_names_the_version_the_data_and_the_exit_code(tmp_path, capsys):
    assert main(["-v", "validate", "--year", "2026"]) == 0  # before the command, as after it
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert out.startswith("OK: 9 initiatives") and all(TIMED.match(line) for line in lines)
    assert TIMED.sub("", lines[0]).startswith(f"vsv-analysis {__version__} (Python ")
    assert TIMED.sub("", lines[0]).endswith("): vsv-analysis -v validate --year 2026")
    assert TIMED.sub("", lines[1]) == f"data folder: {default_data_dir()} (the built-in data)"
    assert re.fullmatch(r"finished in \d+\.\d s with exit code 0", TIMED.sub("", lines[-1]))
    assert any("note: population of 2022-01-01 used for geography year 2026" in line for line in lines)
    assert status.verbosity() == status.VERBOSE
    assert main(["validate", "--year", "2026", "-q"]) == 0
    assert capsys.readouterr().err == "" and status.verbosity() == status.QUIET


def test_warnings_and_errors_stay_with_quiet(make_data, capsys):
    folder = make_data([], [])  # evidence files without rows, no programme.yaml: valid, with a warning each
    assert main(["validate", "-q", "--data-dir", str(folder), "--year", "2022"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("OK: 0 initiatives") and err.count("warning: ") == 3
    assert all(TIMED.match(line) for line in err.splitlines()) and "no programme.yaml" in err
    assert main(["validate", "-q", "--data-dir", str(folder / "nergens")]) == 2
    err = capsys.readouterr().err
    assert TIMED.match(err) and "does not exist" in err


def test_usage_errors_are_timed_status_lines_with_exit_2(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["table", "nodes", "-q"])
    assert stopped.value.code == 2
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert out == "" and TIMED.sub("", lines[0]).startswith("usage: vsv-analysis table [-h] [-q | -v] [--year YEAR]")
    assert all(TIMED.match(line) for line in lines) and "invalid choice: 'nodes'" in lines[-1]


def test_a_quiet_render_in_which_a_report_failed_says_which_in_one_line(monkeypatch, tmp_path, capsys):
    from types import SimpleNamespace

    def fake_render(notebooks, output_dir, parameters, with_code, jobs, progress, day, **limits):
        progress("[1/2] 04_overlap: ok in 1.0 s")
        progress("[2/2] 05_dekking: failed in 1.0 s")
        return [SimpleNamespace(name="04_overlap", status="ok"), SimpleNamespace(name="05_dekking", status="failed")]

    monkeypatch.setattr(render, "render", fake_render)
    assert main(["render", "-q", "--output-dir", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and TIMED.sub("", err) == "vsv-analysis: failed: 05_dekking\n"
    assert main(["render", "--output-dir", str(tmp_path)]) == 1  # not quiet: the progress lines said it already
    assert "vsv-analysis: failed" not in capsys.readouterr().err
