"""Time the whole report suite: `vsv-analysis render` against the naive way, in one run.

    .venv/bin/python benchmarks/bench_render.py

The naive way is what a user would type per notebook, one after another:
``papermill NB out.ipynb`` and then ``jupyter nbconvert --to html out.ipynb``.
``vsv-analysis render`` runs the notebooks in parallel (one job per core) and exports
HTML in-process. Also reports each notebook's own code time (its cells after the
import cell), from the render manifest. Prints Markdown for benchmarks/README.md.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NOTEBOOKS = sorted((PROJECT / "notebooks").glob("*.ipynb"))


def naive(folder: Path) -> float:
    start = time.perf_counter()
    for notebook in NOTEBOOKS:
        executed = folder / notebook.name
        subprocess.run([BIN / "papermill", "--no-progress-bar", "-k", "python3", notebook, executed], check=True,
                       capture_output=True, cwd=PROJECT)
        subprocess.run([BIN / "jupyter", "nbconvert", "--to", "html", executed], check=True, capture_output=True)
    return time.perf_counter() - start


def ours(folder: Path) -> float:
    start = time.perf_counter()
    subprocess.run([BIN / "vsv-analysis", "render", "--output-dir", folder], check=True, capture_output=True,
                   cwd=PROJECT)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        (scratch / "naive").mkdir()
        naive_seconds = naive(scratch / "naive")
        our_seconds = ours(scratch / "ours")
        manifest = json.loads(next((scratch / "ours").glob("*/manifest.json")).read_text(encoding="utf-8"))
    print(f"{len(NOTEBOOKS)} notebooks on {os.cpu_count()} cores\n")
    print("| way | seconds |")
    print("|---|---:|")
    print(f"| naive: papermill + jupyter nbconvert, one notebook after another | {naive_seconds:.1f} |")
    print(f"| `vsv-analysis render` (parallel, in-process export) | {our_seconds:.1f} |")
    print(f"| ratio | {our_seconds / naive_seconds:.2f} |\n")
    print("| notebook | own code (s) | whole render (s) |")
    print("|---|---:|---:|")
    for name, result in sorted(manifest.items()):
        print(f"| {name} | {result['code_seconds']:.2f} | {result['seconds']:.1f} |")


if __name__ == "__main__":
    main()
