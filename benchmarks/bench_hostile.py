"""Time and memory for hostile input: YAML alias bombs refused, a stalling server cut off. Prints Markdown.

    .venv/bin/python benchmarks/bench_hostile.py

Each case runs ``vsv-analysis`` in a process of its own, so the peak resident memory of that process
(``ru_maxrss`` of the child) is what the command needed, imports included; the time is wall-clock time of the
whole process. Cases:

1. ``validate`` on a data folder whose ``programme.yaml`` is an alias bomb of 8 and of 9 levels (380 bytes that
   expand to 9**8 and 9**9 strings under a YAML loader that follows aliases);
2. ``render -p role_weights`` with the same bomb as a value (refused before any notebook starts);
3. ``validate`` on the plain built-in data, for comparison (what the imports and the reading cost anyway);
4. ``reference update --timeout 5`` against a local server that sends one byte every second;
5. for comparison, what the reader before did with the 8-level bomb: ``yaml.safe_load``, which follows aliases,
   and then ``str()`` of the value for its message ("found …; expected a single line of text").

and, in this process, the reading alone: ``load_programme`` and a ``-p`` value on the 9-level bomb, timed with
``time.perf_counter`` and their allocations measured with ``tracemalloc``.

Targets: a bomb refused in under 1 s with under 100 MB; the stalled download ended at its time limit.
"""

from __future__ import annotations

import http.server
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def bomb(levels: int) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, levels):
        previous, name = chr(ord("a") + level - 1), chr(ord("a") + level)
        lines.append(f"{name}: &{name} [" + ",".join(f"*{previous}" for _ in range(9)) + "]")
    return "\n".join(lines) + "\n"


PEAK = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
lines = (done.stderr or done.stdout).strip().splitlines()
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, done.returncode, lines[-1] if lines else "")
"""
"""Runs one command and prints its own peak memory (its only child's), exit code and last line."""


def measure(arguments: list[str], cwd: Path, program: list[str] | None = None) -> tuple[float, float, int, str]:
    """Seconds, peak MiB, exit code and the last line of standard error of one ``vsv-analysis`` process."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PEAK, *(program or [str(BIN / "vsv-analysis")]), *arguments],
                          cwd=cwd,
                          capture_output=True, text=True, env={**os.environ, "VSV_ANALYSIS_CACHE": str(cwd / "cache")})
    seconds = time.perf_counter() - start
    peak, code, message = done.stdout.strip().split(" ", 2)
    return seconds, int(peak) / 1024, int(code), message


def measure_python(code: str, cwd: Path) -> tuple[float, float, int, str]:
    """The same for a piece of Python run in a process of its own."""
    return measure(["-c", code], cwd, [sys.executable])


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # the client gave up at its time limit: expected
        pass


class Trickle(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (the http.server API)
        self.send_response(200)
        self.send_header("Content-Length", "100000")
        self.end_headers()
        for _ in range(60):
            self.wfile.write(b" ")
            self.wfile.flush()
            time.sleep(1)

    def log_message(self, *args):
        pass


def in_process() -> list[tuple]:
    """The reading alone, in this process: seconds and peak MiB allocated (tracemalloc) to refuse the bomb."""
    import tracemalloc

    from vsv_analysis.evidence.programme import load_programme
    from vsv_analysis.jupyter.parameters import ParameterError, check_parameters

    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        (Path(scratch) / "programme.yaml").write_text(bomb(9), encoding="utf-8")
        cases = (("`load_programme` on the 9-level bomb (reading alone)", lambda: load_programme(Path(scratch))),
                 ("`check_parameters` on the bomb as a value (reading alone)",
                  lambda: check_parameters({"role_weights": "{" + bomb(9).replace("\n", ", ").rstrip(", ") + "}"})))
        for case, call in cases:
            tracemalloc.start()
            start = time.perf_counter()
            try:
                call()
                message = "accepted"
            except (ValueError, ParameterError) as error:
                message = str(error).splitlines()[-1]
            seconds = time.perf_counter() - start
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            rows.append((case, seconds, peak / 2**20, 1, message))
    return rows


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        for levels in (8, 9):
            data = root / f"bomb{levels}"
            shutil.copytree(PROJECT / "data", data, ignore=shutil.ignore_patterns("reference"))
            (data / "programme.yaml").write_text(bomb(levels), encoding="utf-8")
            size = len(bomb(levels).encode())
            rows.append((f"`validate`, programme.yaml an alias bomb of {levels} levels ({size} bytes)",
                         *measure(["validate", "--data-dir", str(data)], root)))
        value = "{" + bomb(9).replace("\n", ", ").rstrip(", ") + "}"
        rows.append(("`render -p role_weights` an alias bomb of 9 levels", *measure(
            ["render", "-p", "role_weights", value, "--output-dir", str(root / "out")], root)))
        rows.append(("`validate`, the built-in data (for comparison)", *measure(["validate"], root)))
        (root / "bomb8.yaml").write_text(bomb(8), encoding="utf-8")
        rows.append(("for comparison: `yaml.safe_load` on the 8-level bomb (the reader before)", *measure_python(
            "import yaml, sys; value = yaml.safe_load(open('bomb8.yaml')); "
            "print(f'expanded to {len(str(value)):,} characters', file=sys.stderr)",
            root)))
        server = QuietServer(("127.0.0.1", 0), Trickle)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        rows.append(("`reference update --timeout 5`, a server sending a byte a second", *measure(
            ["reference", "update", "--year", "2022", "--no-boundaries", "--timeout", "5", "--base-url",
             f"http://127.0.0.1:{server.server_port}/odata", "--cache-dir", str(root / "cache")], root)))
        server.shutdown()
    rows += in_process()
    print(f"Result on {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores ({platform.machine()}), "
          f"Python {platform.python_version()}:\n")
    print("| case | seconds | peak MiB | exit | message |")
    print("|---|---:|---:|---:|---|")
    for case, seconds, mib, code, message in rows:
        print(f"| {case} | {seconds:.3f} | {mib:.1f} | {code} | {message[:110].replace('|', '/')} |")


if __name__ == "__main__":
    main()
