"""Time the report suite five ways in one run, as whole processes, and print Markdown for benchmarks/README.md.

    .venv/bin/python benchmarks/bench_render.py [--repeat 3]

1. naive: ``papermill NB out.ipynb`` then ``jupyter nbconvert --to html --no-input out.ipynb``, one notebook
   after another, as a user would type them;
2. ``vsv-analysis render --force`` into a new output folder (cold);
3. ``vsv-analysis render`` again with nothing changed;
4. ``vsv-analysis render`` after one data change: a copy of the data folder that gets one mention more each time;
5. the floor: the code of all six notebooks run once in one Python process (imports once, no kernel, no export).

Each is the median of ``--repeat`` whole-process runs. The script also checks what the cache must do: nothing
rendered when nothing changed; every report rendered again after the data change, and the summary and the index
saying what changed. Targets: cold at most 1.5 times the floor and at most 0.2 times naive; nothing changed at
most 0.1 times cold.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NOTEBOOKS = sorted((PROJECT / "notebooks").glob("*.ipynb"))

FLOOR = """
import contextlib, json, os, sys
import yaml
defaults = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
with open(os.devnull, "w") as null, contextlib.redirect_stdout(null):
    for path in sys.argv[2:]:
        cells = [c for c in json.load(open(path, encoding="utf-8"))["cells"] if c["cell_type"] == "code"]
        namespace = dict(defaults)
        for cell in cells:
            if "parameters" not in cell["metadata"].get("tags", []):
                exec(compile("".join(cell["source"]), path, "exec"), namespace)
"""


def timed(command: list, **options) -> tuple[float, str]:
    """Seconds the command took as a whole process, and what it printed (its status lines on standard error
    included, where vsv-analysis writes them)."""
    start = time.perf_counter()
    done = subprocess.run([str(part) for part in command], check=True, capture_output=True, text=True, **options)
    return time.perf_counter() - start, done.stdout + done.stderr


def naive(scratch: Path) -> float:
    start = time.perf_counter()
    for notebook in NOTEBOOKS:
        executed = scratch / notebook.name
        timed([BIN / "papermill", "--no-progress-bar", "-k", "python3", notebook, executed], cwd=PROJECT)
        timed([BIN / "jupyter", "nbconvert", "--to", "html", "--no-input", executed])
    return time.perf_counter() - start


def render(output: Path, *options) -> tuple[float, str]:
    return timed([BIN / "vsv-analysis", "render", "--output-dir", output, *options], cwd=PROJECT)


def floor() -> float:
    return timed([sys.executable, "-c", FLOOR, PROJECT / "notebooks" / "parameters.yaml", *NOTEBOOKS],
                 cwd=PROJECT)[0]


def add_mention(data: Path, number: int) -> None:
    path = data / "involvements.csv"
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    row = {**rows[-1], "mention_id": f"B{number:02d}", "name_as_written": "Tilburg", "note": "benchmark"}
    with path.open("a", encoding="utf-8", newline="") as file:
        csv.DictWriter(file, fieldnames=list(row), lineterminator="\n").writerow(row)


def manifest(output: Path) -> dict:
    return json.loads((output / "latest" / "manifest.json").read_text(encoding="utf-8"))


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    memory = ""
    if Path("/proc/meminfo").exists():
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 2**20:.0f} GiB"
    versions = ", ".join(f"{name} {metadata.version(name)}" for name in
                         ("pandas", "networkx", "matplotlib", "papermill", "nbconvert", "ipykernel"))
    load = f", load average at start {os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else ""
    return (f"{os.cpu_count()} cores ({model}){memory}, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, {versions}{load}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="whole-process runs of each way (default 3)")
    repeat = parser.parse_args().repeat
    about = machine()
    times: dict[str, list[float]] = {name: [] for name in ("naive", "cold", "unchanged", "changed", "floor")}
    checks = {"nothing changed: no report made again": True, "one data change: every report made again": True,
              "the index says what changed": True, "the summary says what changed": True}
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        data = scratch / "data"
        shutil.copytree(PROJECT / "data", data)
        render(scratch / "changed", "-p", "data_dir", data)  # the run the first change is compared with
        for turn in range(repeat):
            (scratch / f"naive-{turn}").mkdir()
            times["naive"].append(naive(scratch / f"naive-{turn}"))
            seconds, _ = render(scratch / f"cold-{turn}", "--force")
            times["cold"].append(seconds)
            made = manifest(scratch / f"cold-{turn}")
            seconds, printed = render(scratch / f"cold-{turn}")
            times["unchanged"].append(seconds)
            checks["nothing changed: no report made again"] &= (
                manifest(scratch / f"cold-{turn}") == made and "nothing to render" in printed)
            before = manifest(scratch / "changed")
            add_mention(data, turn)
            seconds, printed = render(scratch / "changed", "-p", "data_dir", data)
            times["changed"].append(seconds)
            after = manifest(scratch / "changed")
            checks["one data change: every report made again"] &= (
                f"rendering {len(NOTEBOOKS)} notebook(s)" in printed
                and all(after[name]["rendered_at"] != entry["rendered_at"] for name, entry in before.items()))
            latest = scratch / "changed" / "latest"
            checks["the index says what changed"] &= "▲ 1 vermelding erbij" in (
                latest / "index.html").read_text(encoding="utf-8")
            checks["the summary says what changed"] &= "▲ 1 vermelding erbij" in (
                latest / "00_samenvatting.html").read_text(encoding="utf-8")
            times["floor"].append(floor())
            cold = made
    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"{len(NOTEBOOKS)} notebooks; {about}; medians of {repeat} whole-process runs\n")
    print("| way | seconds (median) | runs | ratio | target |")
    print("|---|---:|---|---:|---|")
    rows = [
        ("naive: `papermill` + `jupyter nbconvert --to html --no-input`, one notebook after another", "naive", "", ""),
        ("`vsv-analysis render --force`, new output folder (cold)", "cold",
         f"{median['cold'] / median['floor']:.2f} × floor, {median['cold'] / median['naive']:.2f} × naive",
         "≤ 1.5 × floor, ≤ 0.2 × naive"),
        ("`vsv-analysis render`, nothing changed", "unchanged", f"{median['unchanged'] / median['cold']:.2f} × cold",
         "≤ 0.1 × cold"),
        ("`vsv-analysis render`, one mention added to a copy of the data", "changed",
         f"{median['changed'] / median['cold']:.2f} × cold", "every report made again"),
        ("floor: the six notebooks' code in one Python process, no kernel, no export", "floor", "", ""),
    ]
    for label, name, ratio, target in rows:
        runs = ", ".join(f"{value:.1f}" for value in times[name])
        print(f"| {label} | {median[name]:.2f} | {runs} | {ratio} | {target} |")
    print("\n| check | result |\n|---|---|")
    for check, good in checks.items():
        print(f"| {check} | {'yes' if good else 'NO'} |")
    print("\n| notebook | own code (s) | whole notebook (s) |\n|---|---:|---:|")
    for name, entry in sorted(cold.items()):
        print(f"| {name} | {entry['code_seconds']:.2f} | {entry['seconds']:.2f} |")


if __name__ == "__main__":
    main()
