"""Helpers for the render tests: a tiny notebook that waits at a gate, renders in a subprocess, process checks.

The gate notebook writes ``started-<kernel pid>`` into the folder named by
``VSV_TEST_GATE`` and then waits while ``hold`` exists there, so a test knows
when a notebook is running and decides when it ends. Renders started with
:func:`start_render` also pause before publishing while ``hold-publish`` exists
(after writing ``publishing``), through the render's extension point.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from conftest import untimed  # noqa: F401 (the render tests use rh.untimed)

from vsv_analysis.render.index import run_folder_problems

GATE_CODE = """\
gate = os.environ.get("VSV_TEST_GATE")
if gate:
    pathlib.Path(gate, f"started-{os.getpid()}").write_text(str(os.getppid()))
    while pathlib.Path(gate, "hold").exists():
        time.sleep(0.05)
print("jaar", year)"""

WRAPPER = """\
import os, pathlib, sys, time
import vsv_analysis.render.run as run

def pause_before_publishing(staging, previous):
    gate = pathlib.Path(os.environ["VSV_TEST_GATE"])
    (gate / "publishing").write_text(str(staging))
    while (gate / "hold-publish").exists():
        time.sleep(0.05)

run.add_run_files = pause_before_publishing
from vsv_analysis.cli import main
sys.exit(main(sys.argv[1:]))
"""


def gate_notebook(folder: Path, name: str = "poort", code: str = GATE_CODE) -> Path:
    """A notebook that takes a second at most, unless its gate holds it (or one that runs ``code`` instead)."""
    nb = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell('year: int = 2026  # geography year\ndata_dir: str = ""')
    parameters.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# Poort\n\n## Deel"),
                nbformat.v4.new_code_cell("import os, pathlib, time"), parameters, nbformat.v4.new_code_cell(code)]
    nb.metadata["vsv"] = {"title": "Poort", "description": "Wacht zolang de test dat wil"}
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = Path(folder) / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


def start_render(output: Path, notebooks: list[Path], gate: Path, *options: str) -> subprocess.Popen:
    """``vsv-analysis render --force`` in a session of its own (as a terminal's foreground job would be);
    its output goes to ``gate/<pid>.out`` and ``.err``. Forced, so that the gate notebook runs also when an earlier
    render made its report from the same inputs."""
    gate.mkdir(exist_ok=True)
    out, err = gate / "next.out", gate / "next.err"
    with out.open("w") as stdout, err.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-c", WRAPPER, "render", *map(str, notebooks), "--output-dir", str(output),
             "--jobs", "1", "--force", *options],
            env={**os.environ, "VSV_TEST_GATE": str(gate)}, stdout=stdout, stderr=stderr, start_new_session=True)
    out.rename(gate / f"{process.pid}.out")
    err.rename(gate / f"{process.pid}.err")
    return process


def output_of(process: subprocess.Popen, gate: Path) -> tuple[str, str]:
    return untimed((gate / f"{process.pid}.out").read_text()), untimed((gate / f"{process.pid}.err").read_text())


def wait_for(condition, what: str, seconds: float = 120, process: subprocess.Popen | None = None,
             gate: Path | None = None) -> None:
    """Poll ``condition`` until it holds; fail naming ``what`` after ``seconds`` (a bound, not a measure),
    with the output of the render ``process`` if given."""
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end or (process is not None and process.poll() is not None):
            told = f"; the render said: {output_of(process, gate)}" if process is not None and gate else ""
            raise AssertionError(f"gave up waiting for {what}{told}")
        time.sleep(0.05)


def live_processes(marker: str) -> list[str]:
    """Processes (not zombies) whose command line mentions ``marker``, as "pid command" lines."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marker in command and state not in ("Z", "X"):
            found.append(f"{proc.name} {command}")
    return found


def no_processes_left(marker: str, seconds: float = 20) -> None:
    wait_for(lambda: not live_processes(marker), f"processes of {marker} to end: {live_processes(marker)}", seconds)


def published(output: Path) -> dict[str, tuple[str, dict[str, str]]]:
    """Each link of the output folder: the run folder it points at, and a digest of every file in it."""
    state = {}
    for link in sorted(Path(output).iterdir()):
        if link.is_symlink():
            target = link.resolve()
            state[link.name] = (target.name, {str(p.relative_to(target)): hashlib.sha256(p.read_bytes()).hexdigest()
                                              for p in sorted(target.rglob("*")) if p.is_file()})
    return state


def assert_consistent(output: Path) -> None:
    """Every link points at a run folder whose manifest describes exactly its HTML files."""
    for link in Path(output).iterdir():
        if link.is_symlink():
            assert link.resolve().parent.name == "runs", link
            assert run_folder_problems(link.resolve()) == [], link


def leftovers(output: Path) -> list[str]:
    runs = Path(output) / "runs"
    return sorted(p.name for p in runs.iterdir() if p.name.startswith(".")) if runs.is_dir() else []


def fake_published_run(output: Path, name: str = "2026-01-01T000000-abcdef") -> Path:
    """A published run without rendering: an index, an empty manifest, and the links to it."""
    folder = Path(output) / "runs" / name
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text("{}", encoding="utf-8")
    (folder / "index.html").write_text("<!DOCTYPE html><title>leeg</title>", encoding="utf-8")
    for link in (name[:10], "latest"):
        (Path(output) / link).symlink_to(Path("runs") / name)
    return folder


def tiny_notebook(folder: Path, name: str, parameters: dict, code: str = "print(year)") -> Path:
    """A notebook that declares ``parameters`` (name: default) in its parameters cell and runs ``code``."""
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("\n".join(f"{key}: {type(value).__name__} = {value!r}  # {key}"
                                               for key, value in parameters.items()))
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {name}\n\n## Deel"), nbformat.v4.new_code_cell("import os"), cell,
                nbformat.v4.new_code_cell(code)]
    nb.metadata["vsv"] = {"title": name, "description": f"Klein rapport {name}"}
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = Path(folder) / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


def add_mention(data: Path, mention_id: str = "M99", name: str = "Tilburg") -> None:
    """Append one mention of ``name`` to ``data/involvements.csv``, a copy of the file's last row otherwise."""
    import csv

    path = Path(data) / "involvements.csv"
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    row = {**rows[-1], "mention_id": mention_id, "name_as_written": name, "note": "added by a test"}
    with path.open("a", encoding="utf-8", newline="") as file:
        csv.DictWriter(file, fieldnames=list(row), lineterminator="\n").writerow(row)
