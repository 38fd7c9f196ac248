"""A render is a transaction: kills, interrupts, two renders at once and time limits never leave a mix of runs,
half a run, or a process behind. Renders run `vsv-analysis render` in a subprocess on a tiny notebook that waits
at a gate (render_helpers), so each test decides where the render is when it strikes."""

from __future__ import annotations

import datetime
import os
import signal

import pytest
import render_helpers as rh

from vsv_analysis.cli import main
from vsv_analysis.render import render


@pytest.fixture(scope="module")
def published_output(tmp_path_factory):
    """An output folder with one published run of the gate notebook, and that notebook."""
    folder = tmp_path_factory.mktemp("kills")
    notebook = rh.gate_notebook(folder)
    render([notebook], output_dir=folder / "out", jobs=1, day=datetime.date(2026, 4, 1), progress=lambda line: None)
    return folder / "out", notebook


@pytest.fixture
def gate(tmp_path):
    folder = tmp_path / "gate"
    folder.mkdir()
    (folder / "hold").touch()
    return folder


@pytest.fixture
def background(gate):
    """Start renders in a subprocess at ``gate``; one still running when the test ends is killed, so a test that
    fails half-way leaves no render behind (its workers and kernels end with it)."""
    processes = []

    def start(output, notebooks, *options):
        processes.append(rh.start_render(output, notebooks, gate, *options))
        return processes[-1]

    yield start
    for process in processes:
        if process.poll() is None:
            process.kill()
            process.wait()


def strike_at(point: str, output, gate, process, left_before=()):
    """Wait until the render is at ``point``; the processes of the render alive then."""
    if point == "staging":
        rh.wait_for(lambda: any(n.startswith(".staging-") and n not in left_before for n in rh.leftovers(output)),
                    "a staging folder", process=process, gate=gate)
    elif point == "notebook":
        rh.wait_for(lambda: any(gate.glob("started-*")), "the notebook to start", process=process, gate=gate)
    else:
        (gate / "hold-publish").touch()
        (gate / "hold").unlink()
        rh.wait_for(lambda: (gate / "publishing").exists(), "the run to be about to publish", process=process,
                    gate=gate)
    return rh.live_processes(str(output))


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
@pytest.mark.parametrize("point", ["staging", "notebook", "publish"])
def test_a_killed_render_leaves_the_published_run_intact_and_no_process(published_output, gate, background, point,
                                                                         signum):
    output, notebook = published_output
    before, left_before = rh.published(output), rh.leftovers(output)
    process = background(output, [notebook])
    running = strike_at(point, output, gate, process, left_before)
    if point == "notebook":  # the notebook's own process is one of the render's
        notebook_pid = next(gate.glob("started-*")).name.split("-")[1]
        assert any(line.split()[0] == notebook_pid for line in running), running
    process.send_signal(signum)
    code = process.wait(timeout=60)
    rh.no_processes_left(str(output))
    assert rh.published(output) == before
    rh.assert_consistent(output)
    out, err = rh.output_of(process, gate)
    if signum == signal.SIGTERM:
        assert code == 143
        assert err.splitlines()[-1] == "vsv-analysis: stopped by SIGTERM; the last published run is unchanged"
        assert out == ""  # nothing was published, so there is no run folder to name
        assert rh.leftovers(output) == []  # temporary folders go on SIGTERM
    else:
        assert code == -signal.SIGKILL
        left = [name.split("-")[0] for name in rh.leftovers(output) if name not in left_before]
        assert left == [".staging", ".work"] or (point == "staging" and left == [".staging"])  # for the next render


def test_ctrl_c_stops_at_once_with_one_line(published_output, gate, background, tmp_path):
    output, notebook = published_output
    before = rh.published(output)
    process = background(output, [notebook, rh.gate_notebook(tmp_path, "poort2")], "--jobs", "2")
    rh.wait_for(lambda: len(list(gate.glob("started-*"))) == 2, "both notebooks to start", process=process, gate=gate)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal does: to the whole foreground process group
    assert process.wait(timeout=30) == 130
    out, err = rh.output_of(process, gate)
    assert err.splitlines()[-1] == "vsv-analysis: interrupted; the last published run is unchanged"
    assert "[1/2]" not in err and out == ""  # no notebook went on to finish, nothing was published
    rh.no_processes_left(str(output))
    assert rh.published(output) == before and rh.leftovers(output) == []


def test_two_renders_at_once_one_stops_one_waits_never_a_mix(tmp_path, gate, background, capsys):
    output = tmp_path / "out"
    notebook = rh.gate_notebook(tmp_path)
    first = background(output, [notebook])
    rh.wait_for(lambda: any(gate.glob("started-*")), "the first render's notebook to start", process=first,
                gate=gate)

    assert main(["render", str(notebook), "--output-dir", str(output)]) == 3
    err = rh.untimed(capsys.readouterr().err)
    assert err == (f"vsv-analysis: another render is running in {output} (process {first.pid}); wait for it to end, "
                   "or pass --wait to queue behind it\n")
    assert main(["render", str(notebook), "--output-dir", str(output), "--wait", "--timeout", "1"]) == 3
    assert rh.untimed(capsys.readouterr().err) == (
        f"waiting for the render that is running in {output} (process {first.pid})\n"
        f"vsv-analysis: another render was still running in {output} when the time limit (--timeout) ran out; "
        "nothing was rendered\n")

    second = background(output, [notebook], "--wait")
    rh.wait_for(lambda: "waiting for the render" in rh.output_of(second, gate)[1], "the second render to wait",
                process=second, gate=gate)
    assert rh.leftovers(output) and len(rh.leftovers(output)) == 2  # only the first render's staging and work folders
    (gate / "hold").unlink()
    assert first.wait(timeout=120) == 0 and second.wait(timeout=120) == 0
    (first_out, first_err), (second_out, second_err) = rh.output_of(first, gate), rh.output_of(second, gate)
    first_run = first_err.split("(run ")[1].split(")")[0]
    second_run = second_err.split("(run ")[1].split(")")[0]
    assert first_run != second_run
    assert (first_out, second_out) == (f"{output}/runs/{first_run}\n", f"{output}/runs/{second_run}\n")
    assert (output / "latest").resolve().name == second_run
    assert sorted(p.name for p in (output / "runs").iterdir()) == sorted([first_run, second_run])
    rh.assert_consistent(output)
    for run in (first_run, second_run):
        assert sorted(p.name for p in (output / "runs" / run).iterdir()) == [
            "changes.json", "index.html", "manifest.json", "poort.html", "run.json", "snapshot"]


def test_a_notebook_past_its_time_limit_fails_with_a_dutch_notice(published_output, gate, capsys, monkeypatch):
    output, notebook = published_output
    good_run = (output / "latest").resolve()
    killed = output / "runs" / ".staging-2026-04-01T120000-0badc0"  # as a SIGKILL leaves it, for this render to remove
    (killed / "poort.html").parent.mkdir(parents=True, exist_ok=True)
    (killed / "poort.html").write_text("half", encoding="utf-8")
    (output / "runs" / ".work-2026-04-01T120000-0badc0" / "tmp").mkdir(parents=True, exist_ok=True)
    (output / ".latest.4242.link").symlink_to("runs/.staging-2026-04-01T120000-0badc0")
    monkeypatch.setenv("VSV_TEST_GATE", str(gate))  # the notebook waits for good
    code = main(["render", str(notebook), "--output-dir", str(output), "--notebook-timeout", "3", "--jobs", "1",
                 "--force"])
    assert code == 1
    out = rh.untimed(capsys.readouterr().err)
    assert f"removed {killed}, left by a render that was stopped" in out
    assert not (output / ".latest.4242.link").is_symlink()
    assert "poort: failed" in out and "tijdgrens overschreden: het rapport was na 3 seconden niet klaar" in out
    day = output / datetime.date.today().isoformat()
    failed = (day / "poort.failed.html").read_text(encoding="utf-8")
    assert "De berekening is afgebroken omdat ze langer duurde dan de tijdgrens van 3 seconden per rapport" in failed
    assert (day / "poort.html").read_bytes() == (good_run / "poort.html").read_bytes()
    assert (output / "latest").resolve() == good_run
    rh.no_processes_left(str(output))
    assert rh.leftovers(output) == []


def test_the_whole_run_has_a_time_limit(tmp_path, gate, capsys, monkeypatch):
    output = tmp_path / "out"
    monkeypatch.setenv("VSV_TEST_GATE", str(gate))
    waits, second = rh.gate_notebook(tmp_path, "a_poort"), rh.gate_notebook(tmp_path, "b_poort")
    assert main(["render", str(waits), str(second), "--output-dir", str(output), "--timeout", "4", "--jobs", "1"]) == 1
    out = rh.untimed(capsys.readouterr().err)
    assert "a_poort: failed" in out and "b_poort: failed" in out
    assert "tijdgrens overschreden: de hele run was na 4 seconden niet klaar" in out
    page = (output / datetime.date.today().isoformat() / "b_poort.failed.html").read_text(encoding="utf-8")
    assert "afgebroken of niet begonnen omdat alle rapporten samen langer duurden dan de tijdgrens van 4" in page
    assert not (output / "latest").exists()
    rh.no_processes_left(str(output))


def test_a_worker_that_dies_fails_its_report_and_the_run_goes_on(tmp_path, capsys):
    output = tmp_path / "out"
    dies = rh.gate_notebook(tmp_path, "a_stopt", code="import signal\nos.kill(os.getppid(), signal.SIGKILL)")
    fine = rh.gate_notebook(tmp_path, "b_poort")
    assert main(["render", str(dies), str(fine), "--output-dir", str(output), "--jobs", "1"]) == 1
    out = rh.untimed(capsys.readouterr().err)
    assert "a_stopt: failed" in out and "(het rekenproces stopte onverwacht (code -9))" in out
    assert "b_poort: ok" in out
    day = output / datetime.date.today().isoformat()
    assert "De berekening stopte onverwacht." in (day / "a_stopt.failed.html").read_text(encoding="utf-8")
    assert (day / "b_poort.html").is_file() and not (output / "latest").exists()
    rh.no_processes_left(str(output))
