"""Render the report suite at four sizes and print Markdown for benchmarks/README.md.

    .venv/bin/python benchmarks/bench_scale.py [--sizes builtin 900 4500 9000] [--keep FOLDER]

For each size (``builtin``: the data in ``data/``; the others made by ``generate_programme.py``: 900 initiatives
and 5,000 mentions, 4,500 and 25,000, 9,000 and 50,000), as whole processes:

- ``vsv-analysis render --force`` into a new output folder: wall time, and the peak memory of the largest
  process of the render (main process, warm worker or a notebook; ``RUSAGE_CHILDREN`` of a wrapper process);
  per notebook, its time and peak memory (the manifest) and the size of its page and of the files beside it;
- the floor: the code of all six notebooks run once in one Python process (imports once, no kernel, no
  export), with its wall time and peak memory;
- each page opened in headless Chromium (``/usr/bin/chromium``, offline) at 1280 px: the time until it and its
  figures are loaded, and its height;
- the words a reader reads in the summary (:func:`reader_words`).

The load average is noted before each run: the machine may be shared. Targets (issue 20): at 9,000 initiatives
the whole suite in at most 90 s, at most 2 GB for the largest process, every page at most 5 MB and open in
Chromium in at most 2 s; at every size the render at most 1.5 times the floor and the summary at most 1,500
words.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_render import FLOOR  # noqa: E402 (the floor is the one bench_render times: six notebooks, one process)

PROJECT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NOTEBOOKS = sorted((PROJECT / "notebooks").glob("*.ipynb"))
SIZES = {"builtin": None, "900": (900, 5_000), "4500": (4_500, 25_000), "9000": (9_000, 50_000)}
TARGETS = {"seconds": 90, "largest_gb": 2.0, "page_mb": 5.0, "open_s": 2.0, "floor_ratio": 1.5, "words": 1_500}

MEASURED = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(json.dumps({"seconds": time.perf_counter() - start, "code": done.returncode, "tail": done.stdout[-2000:]
                  + done.stderr[-2000:], "largest_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""
"""Runs a command and reports its wall time and the peak memory of the largest process it left behind."""

def visible_text(page: str) -> str:
    """The text a reader sees: no styles or scripts, no alternative texts, no markup."""
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S | re.I)
    page = re.sub(r'alt="[^"]*"', " ", page)
    page = re.sub(r"<[^>]+>", " ", page)
    return " ".join(html.unescape(page).split())


def reader_words(page: str) -> int:
    """Words a reader reads in a report page: its prose, answers and tables, without what is there to look things
    up in (the table of contents, the lines naming the evidence, the links to the other reports, "Begrippen",
    the appendix) and without the footer."""
    page = re.sub(r'<nav class="vsv-toc".*?</nav>', " ", page, flags=re.S)
    page = re.sub(r'<p class="vsv-evidence">.*?</p>', " ", page, flags=re.S)
    page = re.split(r'<h2 id="(?:Meer-lezen|Begrippen|Bijlage)', page)[0]
    page = page.split('<footer class="vsv-footer"')[0]
    return len(visible_text(page).split())


def measured(command: list, **options) -> dict:
    done = subprocess.run([sys.executable, "-c", MEASURED, *map(str, command)], capture_output=True, text=True,
                          check=True, **options)
    return json.loads(done.stdout)


def load() -> str:
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


def open_pages(folder: Path) -> dict[str, tuple[float, int]]:
    """Each page's time to open in Chromium (with its figures decoded), and its height in pixels."""
    from playwright.sync_api import sync_playwright

    found = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        page = browser.new_context(offline=True, viewport={"width": 1280, "height": 900}).new_page()
        for path in sorted(folder.glob("*.html")):
            start = time.perf_counter()
            page.goto(path.as_uri(), wait_until="load")
            page.evaluate("() => Promise.all(Array.from(document.images).map(i => i.decode().catch(() => null)))")
            found[path.stem] = (time.perf_counter() - start, page.evaluate("document.documentElement.scrollHeight"))
        browser.close()
    return found


def bench_size(name: str, scratch: Path) -> dict:
    from generate_programme import generate

    data = PROJECT / "data" if SIZES[name] is None else generate(scratch / f"data-{name}", *SIZES[name])
    output = scratch / f"reports-{name}"
    before = load()
    rendered = measured([BIN / "vsv-analysis", "render", "--force", "--output-dir", output, "-p", "data_dir", data],
                        cwd=PROJECT)
    parameters = scratch / f"parameters-{name}.yaml"  # the defaults, with this size's data folder
    parameters.write_text((PROJECT / "notebooks" / "parameters.yaml").read_text(encoding="utf-8")
                          + f"\ndata_dir: {json.dumps(str(data))}\n", encoding="utf-8")
    floor = measured([sys.executable, "-c", FLOOR, parameters, *NOTEBOOKS], cwd=PROJECT / "notebooks")
    folder = (output / "latest").resolve()
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    opened = open_pages(folder)
    notebooks = {}
    for stem, entry in sorted(manifest.items()):
        files = sum((folder / f).stat().st_size for f in entry.get("files", []))
        page = (folder / entry["html_file"]).stat().st_size
        notebooks[stem] = {"status": entry["status"], "seconds": entry["seconds"], "code": entry["code_seconds"],
                           "peak_mb": entry.get("peak_memory_mb"), "page_kb": page / 1000, "files_kb": files / 1000,
                           "open_s": opened[stem][0], "height": opened[stem][1]}
    summary = (folder / "00_samenvatting.html").read_text(encoding="utf-8")
    return {"size": name, "load_before": before, "load_after": load(), "render": rendered, "floor": floor,
            "index_open_s": opened["index"][0], "notebooks": notebooks, "words": reader_words(summary)}


def report(results: list[dict]) -> str:
    lines = ["| size (initiatives / mentions) | render (s) | floor (s) | render / floor | largest process (GB) "
             "| floor process (GB) | largest page (MB) | slowest page to open (s) | summary words "
             "| load before / after |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in results:
        size = "built-in (9 / 49)" if r["size"] == "builtin" else "{:,} / {:,}".format(*SIZES[r["size"]])
        pages = r["notebooks"].values()
        lines.append(f"| {size} | {r['render']['seconds']:.1f} | {r['floor']['seconds']:.1f} | "
                     f"{r['render']['seconds'] / r['floor']['seconds']:.2f} | {r['render']['largest_mb'] / 1024:.2f} | "
                     f"{r['floor']['largest_mb'] / 1024:.2f} | {max(p['page_kb'] for p in pages) / 1000:.2f} | "
                     f"{max(max(p['open_s'] for p in pages), r['index_open_s']):.2f} | {r['words']} | "
                     f"{r['load_before']} → {r['load_after']} |")
    for r in results:
        lines += ["", f"Per notebook, {r['size']}:", "",
                  "| notebook | status | seconds | own code (s) | peak memory (MB) | page (kB) | files beside it (kB) "
                  "| opens in (s) | height (px) |", "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
        for stem, n in r["notebooks"].items():
            lines.append(f"| {stem} | {n['status']} | {n['seconds']:.1f} | {n['code']:.1f} | {n['peak_mb'] or 0:.0f} | "
                         f"{n['page_kb']:.0f} | {n['files_kb']:.0f} | {n['open_s']:.2f} | {n['height']} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=list(SIZES), choices=list(SIZES))
    parser.add_argument("--keep", type=Path, help="keep the data and reports in this folder (default: removed)")
    parser.add_argument("--json", type=Path, help="also write the measurements as JSON to this file")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="vsv-scale-")) if args.keep is None else args.keep
    scratch.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        for size in args.sizes:
            results.append(bench_size(size, scratch))
            done = results[-1]
            print(f"{size}: render {done['render']['seconds']:.1f} s, floor {done['floor']['seconds']:.1f} s",
                  file=sys.stderr, flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(scratch, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"{os.cpu_count()} cores; {time.strftime('%Y-%m-%d %H:%M')}\n")
    print(report(results))


if __name__ == "__main__":
    main()
