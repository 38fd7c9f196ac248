"""What a render writes is safe to share and whole, and every mistake around the output folder is one message:
scrubbing (never inside base64), run folders and links, folders from older versions, the extension point,
a read-only folder and a full disk."""

from __future__ import annotations

import base64
import datetime
import json
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
import render_helpers as rh

import vsv_analysis.render.run as render_run
from vsv_analysis.cli import main
from vsv_analysis.common.locations import default_data_dir
from vsv_analysis.render import render
from vsv_analysis.render.index import run_folder_problems
from vsv_analysis.render.scrub import Scrubber, scrub

TODAY = datetime.date.today().isoformat()


def quiet(line: str) -> None:
    pass


def test_the_scrubber_never_touches_base64():
    private = "/srv/evaluatie"
    payload = base64.b64encode(bytes(range(40))).decode()
    payload = payload[:8] + private + "AA" + payload[8:]  # still valid base64, with the path inside it
    assert len(base64.b64decode(payload)) > 40
    text = (f'<p>read {private}/data</p><img src="data:image/svg+xml;base64,{payload}" alt="x">'
            f"<style>a{{background:url(data:image/png;charset=x;base64,{payload})}}</style> {private}/b")
    scrubbed = Scrubber([(private, "…")])(text)
    assert scrubbed.count(payload) == 2
    assert scrubbed.replace(payload, "") == text.replace(payload, "").replace(private, "…")
    home = str(Path.home())
    scrubbed = scrub(f"{home}/x data:image/png;base64,AA{home}==")
    assert not scrubbed.startswith(home) and scrubbed.endswith(f" data:image/png;base64,AA{home}==")


@pytest.fixture
def private_data():
    """A copy of the evidence in a folder that none of the usual rules (project, home, temporary folder) hides."""
    root = Path("/var/tmp")
    if not os.access(root, os.W_OK):
        pytest.skip("needs a writable /var/tmp")
    folder = root / f"vsv-scrub-{uuid.uuid4().hex[:8]}"
    (folder / "data").mkdir(parents=True)
    for name in ("initiatives.csv", "involvements.csv", "sources.csv"):
        shutil.copy(default_data_dir() / name, folder / "data" / name)
    yield folder / "data"
    shutil.rmtree(folder)


def test_index_manifest_and_reports_hold_no_local_path(tmp_path, private_data):
    notebook = rh.gate_notebook(tmp_path)
    output = tmp_path / "out"
    results = render([notebook], output_dir=output, parameters={"data_dir": str(private_data)}, jobs=1,
                     progress=quiet)
    assert results[0].parameters["data_dir"] == str(private_data)  # the caller gets its own paths back
    run = (output / "latest").resolve()
    for name in ("index.html", "manifest.json", "poort.html"):
        text = (run / name).read_text(encoding="utf-8")
        assert str(private_data.parent) not in text and str(output) not in text and str(tmp_path) not in text, name
        assert ("…/data" in text) == (name == "manifest.json"), name  # the pages give the settings in words
    record = (run / "run.json").read_text(encoding="utf-8")  # what the next render takes over when nothing changed
    assert str(private_data.parent) not in record and str(output) not in record and str(tmp_path) not in record
    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["poort"]["parameters"] == {"year": 2026, "data_dir": "…/data"}


@pytest.mark.parametrize(("arguments", "message"), [
    (["--output-dir", "{tmp}/file"], "vsv-analysis: --output-dir {tmp}/file is a file, not a folder; choose a folder"),
    (["--output-dir", "{tmp}/out"], "vsv-analysis: {tmp}/out/{today} is a file, where the render puts a link to a "
                                    "run folder; move the file away or choose another --output-dir"),
    (["--output-dir", "{tmp}/out2"], "vsv-analysis: {tmp}/out2/latest is a file, where the render puts a link to a "
                                     "run folder; move the file away or choose another --output-dir"),
    (["-f", "{tmp}"], "vsv-analysis: parameter file {tmp} is a folder; give a YAML file of NAME: VALUE lines"),
    (["-p", "data_dir", "/tmp/" + "d" * 256], "vsv-analysis: parameter 'data_dir': the name 'dddddddddddddddddddd"
                                              "dddddddddddddddddddd'... is 256 bytes long; file systems allow 255 at "
                                              "most"),
    (["-p", "data_dir", "/tmp/\udcff"], "vsv-analysis: parameter 'data_dir': '/tmp/\\udcff' is not valid UTF-8; "
                                        "rename the file or folder, or give the name in UTF-8"),
    (["{tmp}"], "vsv-analysis: {tmp} is a folder; name notebook files (.ipynb), or none for every report"),
    (["{tmp}/file"], "vsv-analysis: {tmp}/file is not a notebook (not JSON text: Expecting value: line 1 column 1 "
                     "(char 0))"),
])
def test_mistakes_around_the_output_are_one_message(tmp_path, capsys, arguments, message):
    (tmp_path / "file").write_text("not a folder\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / TODAY).write_text("a file where the dated link goes\n", encoding="utf-8")
    (tmp_path / "out2").mkdir()
    (tmp_path / "out2" / "latest").write_text("a file where latest goes\n", encoding="utf-8")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    arguments = [a.format(tmp=tmp_path) for a in arguments]
    assert main(["render", *arguments]) == 2
    assert rh.untimed(capsys.readouterr().err) == message.format(tmp=tmp_path, today=TODAY) + "\n"
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before  # nothing written


@pytest.mark.parametrize("option", ["--timeout", "--notebook-timeout"])
@pytest.mark.parametrize("value", ["0", "-5", "soon", "inf"])
def test_time_limits_must_be_seconds(option, value, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["render", option, value])
    assert stop.value.code == 2
    assert f"argument {option}: must be a number of seconds above 0, not '{value}'" in capsys.readouterr().err


def test_older_folders_are_moved_aside_runs_pruned_and_extra_files_published(tmp_path, monkeypatch):
    output = tmp_path / "out"
    (output / "latest").mkdir(parents=True)  # as `vsv-analysis maps` makes it before any render
    (output / "latest" / "kaart_tegels.png").write_bytes(b"png")
    (output / "2026-05-01").mkdir()  # a dated folder of an older version
    (output / "2026-05-01" / "index.html").write_text("oud", encoding="utf-8")
    (output / ".latest.4242").symlink_to("2026-05-01")  # a link switch an older version left half done
    calls = []

    def extra_files(staging: Path, previous: Path | None) -> None:
        calls.append((staging.parent, staging.name.startswith(".staging-"), previous))
        (staging / "extra.txt").write_text("extra", encoding="utf-8")

    monkeypatch.setattr(render_run, "add_run_files", extra_files)
    notebook = rh.gate_notebook(tmp_path)
    lines = []
    render([notebook], output_dir=output, jobs=1, day=datetime.date(2026, 5, 1), progress=lines.append)
    first = (output / "latest").resolve()
    moved = sorted(p.name for p in output.iterdir() if ".moved-" in p.name)
    assert [name.split(".moved-")[0] for name in moved] == ["2026-05-01", "latest"]
    assert (output / moved[1] / "kaart_tegels.png").read_bytes() == b"png"
    assert (output / moved[0] / "index.html").read_text(encoding="utf-8") == "oud"
    assert sum("made by an older version of vsv-analysis" in line for line in lines) == 2
    assert not (output / ".latest.4242").is_symlink()
    assert (output / "2026-05-01").resolve() == first and (first / "extra.txt").is_file()
    assert calls == [(output / "runs", True, None)]

    render([notebook], output_dir=output, jobs=1, day=datetime.date(2026, 5, 1), progress=lines.append,
           keep_runs=1)
    second = (output / "latest").resolve()
    assert calls[1] == (output / "runs", True, first)
    assert second != first and not first.exists()  # no link points at the first run any more
    assert lines[-1] == f"removed the old run folder {first}"
    assert sorted(p.name for p in second.iterdir()) == ["changes.json", "extra.txt", "index.html", "manifest.json",
                                                        "poort.html", "run.json", "snapshot"]


def _mount(*arguments: str) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    return subprocess.run(["mount", *arguments], capture_output=True).returncode == 0


@pytest.fixture
def output_and_notebook(tmp_path):
    notebook = rh.gate_notebook(tmp_path)
    output = tmp_path / "out"
    output.mkdir()
    return output, notebook


def test_a_read_only_output_folder_is_one_message(output_and_notebook, capsys):
    output, notebook = output_and_notebook
    rh.fake_published_run(output)
    before = rh.published(output)
    if os.geteuid() == 0:  # root writes through permissions: make the folder read-only for real
        if not (_mount("--bind", str(output), str(output))):
            pytest.skip("running as root without permission to mount: cannot make a folder read-only")
        try:
            assert _mount("-o", "remount,bind,ro", str(output), str(output))
            code = main(["render", str(notebook), "--output-dir", str(output)])
        finally:
            subprocess.run(["umount", "-l", str(output)], check=True)
        expected = f"{output} is on a read-only file system; mount it writable or choose another --output-dir"
    else:
        for folder in (output, output / "runs"):
            folder.chmod(0o555)
        try:
            code = main(["render", str(notebook), "--output-dir", str(output)])
        finally:
            for folder in (output, output / "runs"):
                folder.chmod(0o755)
        expected = f"no permission to write {output}"
    assert code == 1
    err = rh.untimed(capsys.readouterr().err)
    err = err[err.index("vsv-analysis: "):]  # after the progress lines before it
    assert err.startswith(f"vsv-analysis: {expected}") and err.endswith("the last published run is unchanged\n")
    assert "Traceback" not in err
    assert rh.published(output) == before and rh.leftovers(output) == []


def test_a_full_disk_is_one_message_and_publishes_nothing(output_and_notebook, capsys):
    output, notebook = output_and_notebook
    if not _mount("-t", "tmpfs", "-o", "size=4m", "tmpfs", str(output)):
        pytest.skip("needs root and permission to mount a small tmpfs")
    try:
        rh.fake_published_run(output)
        before = rh.published(output)
        stat = os.statvfs(output)
        with open(output / "filler", "wb") as filler:
            filler.write(b"\0" * (stat.f_bavail * stat.f_frsize - 64 * 1024))
        code = main(["render", str(notebook), "--output-dir", str(output), "--jobs", "1"])
        err = rh.untimed(capsys.readouterr().err)
        err = err[err.index("vsv-analysis: "):]  # after the progress lines before it
        assert code == 1
        assert err.startswith(f"vsv-analysis: no space left on the disk that holds {output}")
        assert err.endswith(f"free some space (older run folders in {output / 'runs'} may go) and render again; "
                            "the last published run is unchanged\n")
        assert rh.published(output) == before and rh.leftovers(output) == []
        rh.no_processes_left(str(output))
    finally:
        subprocess.run(["umount", "-l", str(output)], check=True)


def test_the_report_run_is_a_whole_run_folder(rendered):
    folder, results = rendered
    assert folder.is_symlink() and folder.resolve().parent.name == "runs"
    assert run_folder_problems(folder.resolve()) == []
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest) == [r.name for r in results]
