"""A report is made again exactly when something it rests on changed, and never when nothing did.

Three small notebooks stand for the three kinds of report. All three declare every parameter, as the reports do;
``a_gewoon`` reads only what every report reads, ``b_kaart`` also the map parameters, ``c_samen`` also ``seed`` and
``changes_file`` (as the summary does). One run
of all three is rendered once; each test copies that output folder, changes one input, renders again, and checks
which reports were made again and which were carried over unchanged. A few cases use the real notebooks.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
import render_helpers as rh
from conftest import PROJECT

import vsv_analysis.render.inputs as inputs
import vsv_analysis.render.run as render_run
from vsv_analysis.common.locations import default_data_dir
from vsv_analysis.render import render
from vsv_analysis.render.provenance import when

NAMES = ("a_gewoon", "b_kaart", "c_samen")
COMMON = {"year": 2026, "data_dir": ""}


def quiet(line: str) -> None:
    pass


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """The three notebooks, a data folder of their own (with reference and vocabularies), a user cache of their own,
    and an output folder with one run of all three made from them."""
    root = tmp_path_factory.mktemp("cache")
    pristine = root / "pristine"
    shutil.copytree(default_data_dir(), pristine, ignore=shutil.ignore_patterns("README.md"))
    (pristine / "vocabularies").mkdir()
    (pristine / "vocabularies" / "README.md").write_text("Eigen rollen en soorten.\n", encoding="utf-8")
    data = root / "data"
    shutil.copytree(pristine, data)
    notebooks = root / "notebooks"
    notebooks.mkdir()
    declared = {**COMMON, "map_mode": "auto", "boundaries_file": "", "seed": 42, "changes_file": ""}
    paths = [rh.tiny_notebook(notebooks, "a_gewoon", declared, "print(year, data_dir)"),
             rh.tiny_notebook(notebooks, "b_kaart", declared, "print(year, data_dir, map_mode, boundaries_file)"),
             rh.tiny_notebook(notebooks, "c_samen", declared, "print(year, data_dir, seed, changes_file)")]
    cache = root / "user-cache"
    cache.mkdir()
    before = os.environ.get("VSV_ANALYSIS_CACHE")
    os.environ["VSV_ANALYSIS_CACHE"] = str(cache)
    template = root / "template"
    render(paths, output_dir=template, parameters={"data_dir": str(data)}, jobs=2, progress=quiet)
    yield {"root": root, "data": data, "pristine": pristine, "notebooks": paths, "cache": cache,
           "template": template}
    os.environ["VSV_ANALYSIS_CACHE"] = before or ""
    if before is None:
        del os.environ["VSV_ANALYSIS_CACHE"]


@pytest.fixture
def case(base, tmp_path):
    """A fresh copy of the output folder with the run of all three, and the shared inputs as they were."""
    shutil.rmtree(base["data"])
    shutil.copytree(base["pristine"], base["data"])
    for path in base["cache"].iterdir():
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    output = tmp_path / "out"
    shutil.copytree(base["template"], output, symlinks=True)
    notebooks = tmp_path / "notebooks"
    shutil.copytree(base["notebooks"][0].parent, notebooks)
    return {**base, "output": output, "notebooks": [notebooks / p.name for p in base["notebooks"]],
            "before": (output / "latest").resolve()}


def again(case, progress=quiet, **options) -> dict[str, bool]:
    """Render the three again into the case's output folder; for each report, whether it was made again."""
    parameters = {"data_dir": str(case["data"]), **options.pop("parameters", {})}
    results = render(case["notebooks"], output_dir=case["output"], parameters=parameters, jobs=2, progress=progress,
                     **options)
    assert [r.status for r in results] == ["ok"] * 3
    return {r.name: not r.reused for r in results}


def only(*names: str) -> dict[str, bool]:
    return {name: name in names for name in NAMES}


def test_nothing_changed_nothing_is_made_again_and_the_data_are_not_read(case, monkeypatch):
    def no_loading(parameters):
        raise AssertionError("the data were read although nothing changed")

    monkeypatch.setattr(render_run, "prepare_evidence", no_loading)
    lines = []
    assert again(case, lines.append) == only()
    assert not any(line.startswith("rendering ") for line in lines)
    run = (case["output"] / "latest").resolve()
    assert run != case["before"]
    before = json.loads((case["before"] / "manifest.json").read_text(encoding="utf-8"))
    assert json.loads((run / "manifest.json").read_text(encoding="utf-8")) == before  # as the run that made them
    for name in NAMES:
        assert (run / f"{name}.html").samefile(case["before"] / f"{name}.html")  # the same page, provenance included
    for name in ("changes.json", "snapshot/meta.json"):
        assert (run / name).read_bytes() == (case["before"] / name).read_bytes()
    index = (run / "index.html").read_text(encoding="utf-8")
    assert index.count("ongewijzigd sinds ") == 3
    assert f"ongewijzigd sinds {when(before['a_gewoon']['rendered_at'])}" in index


def test_nothing_changed_the_command_never_imports_the_data_libraries(case):
    """What makes such a run fast: no pandas, networkx, matplotlib or IPython is imported (checked in a new process)."""
    check = ("import sys\n"
             "from vsv_analysis.cli import main\n"
             "code = main(sys.argv[1:])\n"
             "heavy = ('pandas', 'networkx', 'matplotlib', 'IPython', 'nbformat')\n"
             "heavy = sorted(name for name in heavy if name in sys.modules)\n"
             "print(code, heavy)\n")
    command = [sys.executable, "-c", check, "render", *map(str, case["notebooks"]), "--output-dir",
               str(case["output"]), "-p", "data_dir", str(case["data"])]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "VSV_ANALYSIS_CACHE": str(case["cache"])})
    assert done.stdout.splitlines()[-1] == "0 []", done.stderr
    assert "every report is unchanged" in done.stderr + done.stdout


@pytest.mark.parametrize("path", [".~lock.involvements.csv#", "~$bewijs.xlsx", "bronnen/memo.txt"])
def test_a_file_the_tool_never_reads_changes_nothing(case, path):
    (case["data"] / path).parent.mkdir(exist_ok=True)
    (case["data"] / path).write_text("niet gelezen", encoding="utf-8")
    assert again(case) == only()


def test_force_makes_every_report_again(case):
    assert again(case, force=True) == only(*NAMES)
    run = (case["output"] / "latest").resolve()
    assert "ongewijzigd sinds" not in (run / "index.html").read_text(encoding="utf-8")


def test_a_notebook_that_changed_is_made_again_alone(case):
    path = case["notebooks"][0]
    path.write_text(path.read_text(encoding="utf-8").replace("## Deel", "## Ander deel"), encoding="utf-8")
    lines = []
    assert again(case, lines.append) == only("a_gewoon")
    assert f"a_gewoon: changed since run {case['before'].name}: notebook" in lines


@pytest.mark.parametrize(("parameters", "made_again"), [
    ({"seed": 7}, ("c_samen",)),
    ({"map_mode": "tiles"}, ("b_kaart",)),
    ({"year": 2022}, NAMES),
], ids=["seed", "map_mode", "year"])
def test_a_parameter_makes_again_the_reports_that_read_it(case, parameters, made_again):
    assert again(case, parameters=parameters) == only(*made_again)


def test_with_code_makes_every_report_again(case):
    assert again(case, with_code=True) == only(*NAMES)


def test_other_changes_json_makes_again_only_the_report_that_reads_it(case):
    changes = case["before"] / "changes.json"  # as if the run before had been compared with another one
    text = changes.read_text(encoding="utf-8")
    changes.unlink()  # a carried file is a hard link; the template must not change
    changes.write_text(text.replace("{", '{"note": "elsewhere",', 1), encoding="utf-8")
    assert again(case) == only("c_samen")


@pytest.mark.parametrize("change", ["mention", "programme", "interpretations", "reference", "vocabularies",
                                    "cbs-cache"])
def test_a_change_in_the_evidence_makes_every_report_again(case, change):
    data = case["data"]
    if change == "mention":
        rh.add_mention(data)
    elif change == "programme":
        text = (data / "programme.yaml").read_text(encoding="utf-8")
        (data / "programme.yaml").write_text(text.replace("leden van Provinciale Staten", "de lezer", 1),
                                             encoding="utf-8")
    elif change == "interpretations":
        (data / "interpretations.csv").write_text(
            (data / "interpretations.csv").read_text(encoding="utf-8").replace("memo", "notitie", 1), encoding="utf-8")
    elif change == "reference":
        path = data / "reference" / "regions.csv"
        path.write_text(path.read_text(encoding="utf-8").replace("Regio", "regio", 1), encoding="utf-8")
    elif change == "vocabularies":
        (data / "vocabularies" / "README.md").write_text("Andere tekst.\n", encoding="utf-8")
    else:
        (case["cache"] / "cbs").mkdir()
        (case["cache"] / "cbs" / "population_2026-01-01.csv").write_text("cbs_code,population\nGM0758,1\n",
                                                                        encoding="utf-8")
    lines = []
    assert again(case, lines.append) == only(*NAMES)
    assert f"b_kaart: changed since run {case['before'].name}: evidence" in lines
    if change == "mention":  # the index says what changed
        index = ((case["output"] / "latest") / "index.html").read_text(encoding="utf-8")
        assert "▲ 1 vermelding erbij" in index


def test_boundaries_make_again_only_the_reports_with_maps(case, tmp_path):
    (case["cache"] / "boundaries_noord_brabant_2022.geojson").write_text('{"features": []}', encoding="utf-8")
    assert again(case) == only("b_kaart")
    given = tmp_path / "grenzen.geojson"
    given.write_text('{"features": []}', encoding="utf-8")
    assert again(case, parameters={"boundaries_file": str(given)}) == only("b_kaart")
    assert again(case, parameters={"boundaries_file": str(given)}) == only()
    given.write_text('{"features": [], "source": "another"}', encoding="utf-8")
    assert again(case, parameters={"boundaries_file": str(given)}) == only("b_kaart")


def test_the_package_code_and_the_libraries_make_every_report_again(case, monkeypatch):
    monkeypatch.setattr(inputs, "code_digest", lambda: "another version of the package")
    assert again(case) == only(*NAMES)
    versions = {**inputs.library_versions(), "matplotlib": "0.0.1"}
    monkeypatch.setattr(inputs, "library_versions", lambda: versions)
    assert again(case) == only(*NAMES)
    assert again(case) == only()


def test_a_failed_report_is_never_reused(case):
    failing = rh.tiny_notebook(case["notebooks"][0].parent, "d_faalt", COMMON, code="raise ValueError('met opzet')")
    case["notebooks"].append(failing)
    results = render(case["notebooks"], output_dir=case["output"], parameters={"data_dir": str(case["data"])},
                     jobs=2, progress=quiet)
    assert {r.name: (r.status, r.reused) for r in results} == {
        "a_gewoon": ("ok", True), "b_kaart": ("ok", True), "c_samen": ("ok", True), "d_faalt": ("failed", False)}
    results = render(case["notebooks"], output_dir=case["output"], parameters={"data_dir": str(case["data"])},
                     jobs=2, progress=quiet)
    assert [(r.name, r.reused) for r in results if r.name == "d_faalt"] == [("d_faalt", False)]


def test_code_digest_covers_every_file_of_the_package(tmp_path, monkeypatch):
    package = tmp_path / "package"
    (package / "templates").mkdir(parents=True)
    (package / "__pycache__").mkdir()
    (package / "code.py").write_text("x = 1\n", encoding="utf-8")
    (package / "templates" / "page.j2").write_text("{{ x }}", encoding="utf-8")
    monkeypatch.setattr(inputs, "PACKAGE_DIR", package)
    first = inputs.code_digest()
    (package / "__pycache__" / "code.cpython-311.pyc").write_bytes(b"\0")
    assert inputs.code_digest() == first
    for path, text in [(package / "code.py", "x = 2\n"), (package / "templates" / "page.j2", "{{ y }}"),
                       (package / "new.csv", "id\n")]:
        path.write_text(text, encoding="utf-8")
        assert inputs.code_digest() != first, path.name
        first = inputs.code_digest()


@pytest.fixture
def real_data(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    return data


def test_real_reports_a_mention_makes_both_again_and_the_summary_says_what_changed(tmp_path, real_data):
    notebooks = [PROJECT / "notebooks" / "00_samenvatting.ipynb", PROJECT / "notebooks" / "01_gegevens.ipynb"]
    output = tmp_path / "out"
    options = {"output_dir": output, "parameters": {"data_dir": str(real_data)}, "jobs": 2, "progress": quiet}
    render(notebooks, **options)
    rh.add_mention(real_data)
    results = render(notebooks, **options)
    assert [(r.name, r.status, r.reused) for r in results] == [("00_samenvatting", "ok", False),
                                                               ("01_gegevens", "ok", False)]
    summary = ((output / "latest") / "00_samenvatting.html").read_text(encoding="utf-8")
    assert "Wat is er veranderd sinds de versie van" in summary and "▲ 1 vermelding erbij" in summary
    assert [r.reused for r in render(notebooks, **options)] == [True, True]


def test_real_reports_new_boundaries_make_only_the_map_report_again(tmp_path):
    from test_maps import square_geojson

    from vsv_analysis.geography.reference import load_reference

    geojson = tmp_path / "grenzen.geojson"
    collection = square_geojson(load_reference(year=2026))
    geojson.write_text(json.dumps(collection), encoding="utf-8")
    notebooks = [PROJECT / "notebooks" / "01_gegevens.ipynb", PROJECT / "notebooks" / "03_centraliteit.ipynb"]
    options = {"output_dir": tmp_path / "out", "jobs": 2, "progress": quiet,
               "parameters": {"map_mode": "boundaries", "boundaries_file": str(geojson)}}
    render(notebooks, **options)
    collection["source"] = {"publisher": "elders"}
    geojson.write_text(json.dumps(collection), encoding="utf-8")
    results = render(notebooks, **options)
    assert [(r.name, r.status, r.reused) for r in results] == [("01_gegevens", "ok", True),
                                                               ("03_centraliteit", "ok", False)]
    page = (tmp_path / "out" / "latest" / "03_centraliteit.html").read_text(encoding="utf-8")
    assert "gemeentegrenzen" in page
