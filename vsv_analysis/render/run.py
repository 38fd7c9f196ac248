"""The whole run: check, lock the output folder, render every notebook in workers, carry, publish.

A run is a transaction: it renders into a staging folder of its own and is
published in one step (see ``publish``), or not at all. Ctrl-C, SIGTERM and
SIGHUP end the workers and kernels, remove the staging folder and raise
:class:`RenderInterrupted`; SIGKILL leaves a staging folder that the next render
removes. The last published run is intact either way.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path

from ..params import ParameterError, check_parameters, load_defaults
from .errors import RenderEnvironmentError, RenderInterrupted, environment_error
from .evidence import index_text, prepare_evidence, write_run_files
from .execute import RenderResult, write_failure_page, write_kernelspec
from .export import now_stamp
from .index import carry_reports, run_folder_problems, write_index
from .notebooks import notebook_parameters, report_notebooks
from .pool import WorkerPool
from .provenance import data_fingerprint, git_commit, package_version
from .publish import KEEP_RUNS, OutputFolder, Run
from .scrub import Scrubber, private_paths

__all__ = ["NOTEBOOK_TIMEOUT_SECONDS", "add_run_files", "render"]

NOTEBOOK_TIMEOUT_SECONDS = 600
SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


def add_run_files(staging: Path, previous: Path | None) -> None:
    """Extension point: write extra files into a run before it is published (nothing yet).

    Called once per run, after every report page is in ``staging`` and before
    ``manifest.json`` and ``index.html`` are written and the run is published.
    ``previous`` is the folder of the run published before (``None`` for the
    first run of an output folder); it must not be changed. Files written here
    are published with the run, atomically; if this raises, nothing is
    published. Write plain files under names that are not ``*.html``.
    """


def _plan(notebooks: list[Path] | None, parameters: dict | None) -> tuple[list[tuple[Path, dict]], dict]:
    """Each notebook with the parameters it declares; checked before anything runs."""
    defaults = load_defaults()
    overrides = check_parameters(parameters or {}, defaults)
    notebooks = [Path(n) for n in notebooks] if notebooks else report_notebooks()
    if not notebooks:
        raise ParameterError("there are no notebooks to render")
    for notebook in notebooks:
        if notebook.is_dir():
            raise ParameterError(f"{notebook} is a folder; name notebook files (.ipynb), or none for every report")
        try:
            str(notebook).encode("utf-8")
        except UnicodeEncodeError:
            raise ParameterError(f"the notebook name {str(notebook)!r} is not valid UTF-8; rename it") from None
    missing = [str(n) for n in notebooks if not n.is_file()]
    if missing:
        raise ParameterError(f"notebook not found: {', '.join(missing)}")
    stems = [n.stem for n in notebooks]
    twice = sorted({s for s in stems if stems.count(s) > 1})
    if twice:
        raise ParameterError(f"two notebooks would write the same report: {', '.join(twice)}")
    merged = {**defaults, **overrides}
    plans = []
    for notebook in notebooks:
        try:
            declared = notebook_parameters(notebook)
        except (OSError, ValueError) as error:
            raise ParameterError(str(error)) from None
        plans.append((notebook, {k: merged[k] for k in declared if k in merged}))
    return plans, merged


@contextlib.contextmanager
def _stop_on_signals() -> Iterator[None]:
    """Turn Ctrl-C, SIGTERM and SIGHUP into :class:`RenderInterrupted`; later ones wait for the clean-up."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    chosen = [s for s in SIGNALS if signal.getsignal(s) is not signal.SIG_IGN]  # respect nohup and the like

    def stop(signum, frame):
        for s in chosen:
            signal.signal(s, signal.SIG_IGN)
        raise RenderInterrupted(signum)

    previous = {s: signal.signal(s, stop) for s in chosen}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold signals back for a few steps that belong together; they arrive right after."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _seconds(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _unfinished(task: dict, answer: dict, seconds: float, limits: tuple, scrub_text) -> RenderResult:
    """The failed result, with its page, of a notebook that timed out or whose worker died."""
    notebook_limit, run_limit = limits
    if answer.get("timeout") == "notebook":
        error = f"tijdgrens overschreden: het rapport was na {_seconds(notebook_limit)} seconden niet klaar"
        notice = (f"De berekening is afgebroken omdat ze langer duurde dan de tijdgrens van "
                  f"{_seconds(notebook_limit)} seconden per rapport. De resultaten van dit rapport ontbreken.")
    elif answer.get("timeout") == "run":
        error = f"tijdgrens overschreden: de hele run was na {_seconds(run_limit)} seconden niet klaar"
        notice = (f"De berekening is afgebroken of niet begonnen omdat alle rapporten samen langer duurden dan "
                  f"de tijdgrens van {_seconds(run_limit)} seconden. De resultaten van dit rapport ontbreken.")
    else:
        error = answer.get("crash", "onbekende fout")
        notice = "De berekening stopte onverwacht. De resultaten van dit rapport ontbreken."
    return write_failure_page(Path(task["notebook"]), Path(task["folder"]), task["parameters"], task["with_code"],
                              task["provenance"], scrub_text, error, notice, seconds)


def _render_reports(plans, run: Run, output: OutputFolder, day_name: str, options: dict, provenance: list,
                    scrub_pairs: list, progress) -> dict[str, RenderResult]:
    write_kernelspec(run.work)
    (run.work / "tmp").mkdir()
    # Everything temporary of workers and kernels (connection files included) lies in the work folder,
    # which goes with the run, and which the next render removes if this one was killed.
    work = run.work.absolute()
    env = {**os.environ, "TMPDIR": str(work / "tmp"), "JUPYTER_RUNTIME_DIR": str(work / "runtime"),
           "JUPYTER_PATH": os.pathsep.join(filter(None, [str(work), os.environ.get("JUPYTER_PATH")]))}
    tasks = [{"notebook": str(notebook), "folder": str(run.staging), "parameters": params,
              "with_code": options["with_code"], "provenance": provenance, "private": scrub_pairs,
              "scratch_dir": str(run.work), "cell_timeout": options["notebook_timeout"]} for notebook, params in plans]
    jobs = min(max(1, options["jobs"] or os.cpu_count() or 1), len(tasks))
    progress(f"rendering {len(tasks)} notebook(s) for {day_name} into {output.path} (run {run.name}) "
             f"with {jobs} job(s)")
    scrub_text = Scrubber(scrub_pairs)
    results: dict[str, RenderResult] = {}
    with WorkerPool(jobs, env, run.work) as pool:
        for task, answer, seconds in pool.run(tasks, options["notebook_timeout"], options["deadline"]):
            if "os_error" in answer:
                raise OSError(*answer["os_error"])
            if "result" in answer:
                result = RenderResult(**answer["result"])
            else:
                result = _unfinished(task, answer, seconds, (options["notebook_timeout"], options["timeout"]),
                                     scrub_text)
            results[result.name] = result
            progress(f"[{len(results)}/{len(tasks)}] {result.name}: {result.status} in {result.seconds:.1f} s"
                     + (f" ({result.error})" if result.error else "")
                     + f" -> {output.path / day_name / result.html_file}")
    return results


def render(
    notebooks: list[Path] | None = None,
    output_dir: Path = Path("reports"),
    parameters: dict | None = None,
    with_code: bool = False,
    jobs: int | None = None,
    day: datetime.date | None = None,
    progress: Callable[[str], None] = print,
    timeout: float | None = None,
    notebook_timeout: float | None = NOTEBOOK_TIMEOUT_SECONDS,
    wait: bool = False,
    keep_runs: int = KEEP_RUNS,
) -> list[RenderResult]:
    """Render ``notebooks`` (default: all in ``notebooks/``) into a new run folder and publish it.

    Parameters
    ----------
    notebooks : list of paths, optional
    output_dir : path
        The run goes to ``output_dir/runs/<run>/``; ``output_dir/<day>`` then
        points at it, and ``output_dir/latest`` too when every report in it rendered.
        Default: ``reports`` in the current folder.
    parameters : dict, optional
        Overrides of the shared defaults (``notebooks/parameters.yaml``); each
        notebook receives the names its parameters cell declares. Checked
        before anything is written.
    with_code : bool
        Show the code cells (for analysts); hidden by default.
    jobs : int, optional
        Notebooks rendered at once (default: the number of cores).
    day : date, optional
        Name of the dated link (default: today).
    progress : callable
        Receives one line per event (start, each notebook's result, publication).
    timeout : float, optional
        Seconds for the whole run, waiting for the lock included; reports not
        done by then fail with a Dutch notice. Default: no limit.
    notebook_timeout : float, optional
        Seconds for one notebook, from the moment a worker takes it (default
        600); one that runs out fails with a Dutch notice. Also the limit per cell.
    wait : bool
        Wait for another render in ``output_dir`` to end, instead of raising :class:`RenderBusyError`.
    keep_runs : int
        Run folders kept besides those a link points at (default 10).

    Returns
    -------
    list of RenderResult
        The notebooks rendered in this run, by name (reports carried over from
        the previous run are not in it).

    Raises
    ------
    ParameterError
        Before anything runs, for an unknown parameter, a wrong value or a missing notebook.
    OutputFolderError
        Before anything runs, when the output folder or a name in it is taken by a file.
    RenderBusyError
        When another render holds the output folder (and ``wait`` is false, or ``timeout`` ran out).
    RenderEnvironmentError
        When the disk is full or the folder read-only or forbidden; nothing is published.
    RenderInterrupted
        On Ctrl-C, SIGTERM or SIGHUP; nothing is published unless it already was.
    """
    deadline = time.monotonic() + timeout if timeout else None
    plans, merged = _plan(notebooks, parameters)
    output = OutputFolder(output_dir)
    day_name = (day or datetime.date.today()).isoformat()
    output.check(day_name)
    evidence = prepare_evidence(merged)
    try:
        details = [["Data (vingerafdruk)", data_fingerprint(merged.get("data_dir") or None)],
                   ["vsv-analysis", package_version()]]
    except OSError as error:
        raise RenderEnvironmentError(f"cannot read the data files: {error}") from None
    commit = git_commit()
    if commit:
        details.append(["Git-commit", commit])
    provenance = {"header": evidence.colophon["header"], "footer": evidence.colophon["footer"], "details": details}
    scrub_pairs = private_paths(output.path, merged)
    options = {"with_code": with_code, "jobs": jobs, "notebook_timeout": notebook_timeout, "timeout": timeout,
               "deadline": deadline}
    with _stop_on_signals():
        try:
            output.lock(wait, deadline, progress)
            try:
                output.clean(progress)
                previous = output.previous_run()
                run = output.start_run()
                try:
                    changes_file, changes = write_run_files(run.staging, previous, evidence)
                    plans = [(notebook, {**params, "changes_file": str(changes_file)} if "changes_file" in params
                              else params) for notebook, params in plans]
                    results = _render_reports(plans, run, output, day_name, options, provenance, scrub_pairs,
                                              progress)
                    _publish(run, previous, output, day_name, results, provenance, scrub_pairs, keep_runs, progress,
                             index_text(evidence, changes, merged))
                finally:
                    output.discard(run)
            finally:
                output.unlock()
        except OSError as error:
            raise environment_error(error, output.path) from None
    return sorted(results.values(), key=lambda r: r.name)


def _publish(run: Run, previous: Path | None, output: OutputFolder, day_name: str, results: dict, provenance: dict,
             scrub_pairs: list, keep_runs: int, progress, index_opening: dict) -> None:
    rendered = {name: asdict(result) for name, result in results.items()}
    carried = carry_reports(previous, run.staging, rendered, progress)
    for name, entry in rendered.items():
        results[name].last_good = entry["last_good"]
    add_run_files(run.staging, previous)
    write_index(run.staging, {**carried, **rendered}, day_name,
                {**provenance, "details": [*provenance["details"], ["Run", run.name]], **index_opening,
                 "made_at": now_stamp()},
                Scrubber(scrub_pairs))
    problems = run_folder_problems(run.staging)
    if problems:
        raise RuntimeError(f"run {run.name} is inconsistent, not published: {'; '.join(problems)}")
    failed_now = sorted(name for name, entry in rendered.items() if entry["status"] != "ok")
    failed_before = sorted(name for name, entry in carried.items() if entry.get("status") != "ok")
    complete = not failed_now and not failed_before
    dated, latest = output.path / day_name, output.path / "latest"
    try:
        with _signals_held():
            output.publish(run, day_name, complete, progress)
        if complete:
            progress(f"all reports rendered; {dated} and {latest} -> runs/{run.name}")
        elif failed_now:
            progress(f"FAILED: {', '.join(failed_now)}; {dated} -> runs/{run.name}; {latest} left unchanged")
        else:
            progress(f"rendered; {dated} -> runs/{run.name}; {latest} left unchanged, because "
                     f"{', '.join(failed_before)} failed in an earlier run and was not rendered again")
        for folder in output.prune(keep_runs):
            progress(f"removed the old run folder {folder}")
    except RenderInterrupted as stop:
        stop.published = run.folder
        raise
