"""The whole run: check parameters, render every notebook in parallel, write the manifest and index."""

from __future__ import annotations

import datetime
import json
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict
from pathlib import Path

from ..atomic import atomic_write
from ..params import ParameterError, check_parameters, load_defaults
from .execute import RenderResult, render_one, write_kernelspec
from .index import index_page
from .notebooks import PROJECT_ROOT, notebook_parameters, report_notebooks
from .provenance import data_fingerprint, git_commit, package_version
from .publish import update_latest

__all__ = ["render"]


def render(
    notebooks: list[Path] | None = None,
    output_dir: Path = PROJECT_ROOT / "reports",
    parameters: dict | None = None,
    with_code: bool = False,
    jobs: int | None = None,
    day: datetime.date | None = None,
    progress: Callable[[str], None] = print,
) -> list[RenderResult]:
    """Render ``notebooks`` (default: all in ``notebooks/``) to HTML in a dated folder.

    Parameters
    ----------
    notebooks : list of paths, optional
    output_dir : path
        Reports go to ``output_dir/<day>/``; ``output_dir/latest`` points at it.
    parameters : dict, optional
        Overrides of the shared defaults (``notebooks/parameters.yaml``); each
        notebook receives the names its parameters cell declares. Checked
        before any kernel starts.
    with_code : bool
        Show the code cells (for analysts); hidden by default.
    jobs : int, optional
        Notebooks rendered at once (default: the number of cores).
    day : date, optional
        Name of the dated folder (default: today).
    progress : callable
        Receives one line per event (start, each notebook's result).

    Raises
    ------
    ParameterError
        Before anything runs, for an unknown parameter or a wrong value.
    """
    defaults = load_defaults()
    overrides = check_parameters(parameters or {}, defaults)
    notebooks = [Path(n) for n in notebooks] if notebooks else report_notebooks()
    missing = [str(n) for n in notebooks if not n.is_file()]
    if missing:
        raise ParameterError(f"notebook not found: {', '.join(missing)}")
    merged = {**defaults, **overrides}
    plans = []
    for notebook in notebooks:
        declared = notebook_parameters(notebook)
        plans.append((notebook, {k: merged[k] for k in declared if k in merged}))

    output_dir = Path(output_dir)
    folder = output_dir / (day or datetime.date.today()).isoformat()
    folder.mkdir(parents=True, exist_ok=True)
    provenance = [("Data (vingerafdruk)", data_fingerprint(merged.get("data_dir") or None)),
                  ("vsv-analysis", package_version())]
    commit = git_commit()
    if commit:
        provenance.append(("Git-commit", commit))
    jobs = max(1, jobs or os.cpu_count() or 1)
    progress(f"rendering {len(plans)} notebook(s) into {folder} with {min(jobs, len(plans))} job(s)")
    kernel_dir = Path(tempfile.mkdtemp(prefix="vsv-kernel-"))
    write_kernelspec(kernel_dir)
    results: list[RenderResult] = []

    def report(result: RenderResult) -> None:
        results.append(result)
        progress(f"[{len(results)}/{len(plans)}] {result.name}: {result.status} in {result.seconds:.1f} s"
                 + (f" ({result.error})" if result.error else "") + f" -> {folder / result.html_file}")

    arguments = [(notebook, folder, params, with_code, provenance, kernel_dir) for notebook, params in plans]
    try:
        if jobs == 1 or len(plans) == 1:
            for args in arguments:
                report(render_one(*args))
        else:
            context = multiprocessing.get_context("spawn")  # no fork of a process that may hold kernels or threads
            with ProcessPoolExecutor(max_workers=min(jobs, len(plans)), mp_context=context) as pool:
                for future in as_completed([pool.submit(render_one, *args) for args in arguments]):
                    report(future.result())
    finally:
        shutil.rmtree(kernel_dir, ignore_errors=True)

    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    for result in results:
        manifest[result.name] = asdict(result)
    atomic_write(manifest_path, lambda t: Path(t).write_text(json.dumps(manifest, indent=2, ensure_ascii=False),
                                                             encoding="utf-8"))
    page = index_page([manifest[k] for k in sorted(manifest)], folder.name, provenance)
    atomic_write(folder / "index.html", lambda t: Path(t).write_text(page, encoding="utf-8"))
    if all(r.status == "ok" for r in results):
        update_latest(output_dir, folder)
        progress(f"all reports rendered; {output_dir / 'latest'} -> {folder.name}")
    else:
        failed = ", ".join(r.name for r in results if r.status != "ok")
        progress(f"FAILED: {failed}; {output_dir / 'latest'} left unchanged")
    return sorted(results, key=lambda r: r.name)
