"""The whole run: check, lock the output folder, render what changed, carry the rest, publish.

A run is a transaction: it renders into a staging folder of its own and is
published in one step (see ``publish``), or not at all. Ctrl-C, SIGTERM and
SIGHUP end the worker and its notebook processes, remove the staging folder and raise
:class:`RenderInterrupted`; SIGKILL leaves a staging folder that the next render
removes. The last published run is intact either way.
"""

from __future__ import annotations

import datetime
import os
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from ..geography.cache import skipped_cache
from ..jupyter.catalogue import report_notebooks
from ..jupyter.parameters import ParameterError, check_parameters, load_defaults
from .errors import RenderInterrupted, environment_error
from .execute import RenderResult
from .export import now_stamp
from .index import carry_reports, read_manifest, run_folder_problems, write_index
from .inputs import RunInputs, key_of
from .jobs import longest_first, render_notebooks
from .memory import default_memory_limit
from .notebooks import notebook_parameters
from .pool import WorkerPool
from .processes import signals_held, stop_on_signals
from .provenance import git_commit, package_version
from .publish import KEEP_RUNS, OutputFolder, Run
from .reuse import carry_run_files, changed_parts, expects_work, read_run_record, reused_result, write_run_record
from .scrub import Scrubber, private_paths, scrub_data

__all__ = ["NOTEBOOK_TIMEOUT_SECONDS", "add_run_files", "render"]

NOTEBOOK_TIMEOUT_SECONDS = 600


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


def prepare_evidence(parameters: dict):
    """Load the run's data (see ``evidence``); imported here, since a run in which nothing changed needs none of it.

    Loading the data imports the report layer (matplotlib, IPython), which a render that reuses every report
    never pays for.
    """
    from .evidence import prepare_evidence as prepare

    return prepare(parameters)


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
    force: bool = False,
    memory_limit: int | None = None,
) -> list[RenderResult]:
    """Render ``notebooks`` (default: all in ``notebooks/``) into a new run folder and publish it.

    A report whose inputs (see ``inputs``) have not changed since the last
    published run, and which rendered well there, is not made again: its page
    is carried into the new run, unchanged.

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
        Seconds for one notebook, from the moment it is handed to the worker
        (default 600); one that runs out fails with a Dutch notice. Also the limit per cell.
    wait : bool
        Wait for another render in ``output_dir`` to end, instead of raising :class:`RenderBusyError`.
    keep_runs : int
        Run folders kept besides those a link points at (default 10).
    force : bool
        Render every notebook, also those whose inputs have not changed.
    memory_limit : int, optional
        Bytes of memory one notebook process may use (default: half of the
        machine's memory, shared by the ``jobs`` that run at once; 0: no limit).
        A notebook that needs more fails with a Dutch page that says so.

    Returns
    -------
    list of RenderResult
        The notebooks asked for, by name: rendered in this run, or reused
        (``reused`` true) from the run before. Reports carried over from the
        previous run that were not asked for are not in it.

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
    run_inputs = RunInputs.gather(merged, with_code)
    guess = output.previous_run() if output.path.is_dir() else None  # before the lock: checked again under it
    record = None if force else read_run_record(guess, run_inputs.run_key())
    details = [["Kenmerk van de gegevens", run_inputs.evidence[:12]], ["vsv-analysis", package_version()]]
    commit = git_commit()
    if commit:
        details.append(["Git-commit", commit])
    options = {"with_code": with_code, "notebook_timeout": notebook_timeout, "timeout": timeout, "deadline": deadline,
               "force": force, "keep_runs": keep_runs, "details": details}
    jobs = min(max(1, jobs or os.cpu_count() or 1), len(plans))
    options["memory_limit"] = default_memory_limit(jobs) if memory_limit is None else (memory_limit or None)
    with stop_on_signals(), WorkerPool(jobs, output.path, [n for n, _ in plans], report=merged) as pool:
        if force or expects_work(plans, guess, record, run_inputs):
            pool.start()  # it warms up while the evidence is read
        evidence = None if record is not None else prepare_evidence(merged)
        try:
            output.lock(wait, deadline, progress)
            try:
                output.clean(progress)
                previous = output.previous_run()
                if previous != guess and not force:  # another render published in between
                    record = read_run_record(previous, run_inputs.run_key())
                if record is None and evidence is None:
                    evidence = prepare_evidence(merged)
                run = output.start_run()
                try:
                    results = _render_run(run, previous, output, day_name, plans, merged, run_inputs,
                                          (record, evidence), pool, options, progress)
                finally:
                    output.discard(run)
            finally:
                output.unlock()
        except OSError as error:
            raise environment_error(error, output.path) from None
    return sorted(results.values(), key=lambda r: r.name)


def _run_files(run: Run, previous: Path | None, merged: dict, run_inputs: RunInputs, known: tuple,
               scrub_text) -> tuple[Path, dict, dict]:
    """The snapshot, ``changes.json`` and ``run.json`` of the run; the changes file, index opening and colophon."""
    record, evidence = known
    if record is not None:  # nothing the run files rest on changed: take them over, the data need not be read
        changes_file, opening, colophon = carry_run_files(previous, run.staging), record["index"], record["colophon"]
    else:
        from .evidence import index_text, write_run_files

        changes_file, changes = write_run_files(run.staging, previous, evidence)
        opening = scrub_data(index_text(evidence, changes), scrub_text)
        colophon = scrub_data({"header": evidence.colophon["header"], "footer": evidence.colophon["footer"],
                               "size": evidence.colophon.get("size", ""),
                               "programme": evidence.colophon.get("programme", "")}, scrub_text)
    write_run_record(run.staging, {"key": run_inputs.run_key(), "parts": run_inputs.run_parts()}, opening, colophon)
    return changes_file, opening, colophon


def _render_run(run: Run, previous: Path | None, output: OutputFolder, day_name: str, plans: list, merged: dict,
                run_inputs: RunInputs, known: tuple, pool: WorkerPool, options: dict,
                progress) -> dict[str, RenderResult]:
    """Fill the staging folder: run files, reports rendered or reused, index; then publish."""
    scrub_pairs = private_paths(output.path, merged)
    changes_file, opening, colophon = _run_files(run, previous, merged, run_inputs, known, Scrubber(scrub_pairs))
    for warning in skipped_cache():  # an optional cache that could not be read: one line, never an error
        progress(f"warning: {warning}")
    changes_text = changes_file.read_text(encoding="utf-8")
    plans = [(notebook, {**params, "changes_file": str(changes_file)} if "changes_file" in params else params)
             for notebook, params in plans]
    manifest = read_manifest(previous)
    parts = {notebook.stem: run_inputs.report_parts(notebook, params, changes_text) for notebook, params in plans}
    reused = {} if options["force"] else {
        notebook.stem: result for notebook, params in plans
        if (result := reused_result(previous, manifest.get(notebook.stem), key_of(parts[notebook.stem]), params))}
    if reused:
        progress(f"reusing {len(reused)} report(s) of run {previous.name}, unchanged since: {', '.join(reused)}")
    to_render = longest_first([(notebook, params) for notebook, params in plans if notebook.stem not in reused],
                               manifest)
    for notebook, _ in to_render:
        changed = changed_parts(manifest.get(notebook.stem), parts[notebook.stem])
        if changed:
            progress(f"{notebook.stem}: changed since run {previous.name}: {', '.join(changed)}")
    provenance = {**colophon, "details": options["details"]}
    results = render_notebooks(pool, to_render, run, output, day_name, options, provenance, scrub_pairs,
                               progress) if to_render else {}
    if not to_render:
        progress(f"nothing to render for {day_name} into {output.path} (run {run.name}): every report is unchanged")
    for name, result in results.items():
        result.inputs = {"key": key_of(parts[name]), "parts": parts[name]}
    _publish(run, previous, manifest, output, day_name, results, provenance, scrub_pairs, options["keep_runs"],
             progress, opening, frozenset(reused))
    return {**results, **reused}


def _publish(run: Run, previous: Path | None, manifest: dict, output: OutputFolder, day_name: str, results: dict,
             provenance: dict, scrub_pairs: list, keep_runs: int, progress, index_opening: dict,
             reused: frozenset) -> None:
    rendered = {name: {k: v for k, v in asdict(result).items() if k != "reused"} for name, result in results.items()}
    carried = carry_reports(previous, manifest, run.staging, rendered, progress)
    for name, entry in rendered.items():
        results[name].last_good = entry["last_good"]
    add_run_files(run.staging, previous)
    write_index(run.staging, {**carried, **rendered}, day_name,
                {**provenance, "details": [*provenance["details"], ["Run", run.name]], **index_opening,
                 "made_at": now_stamp()},
                Scrubber(scrub_pairs), reused)
    problems = run_folder_problems(run.staging)
    if problems:
        raise RuntimeError(f"run {run.name} is inconsistent, not published: {'; '.join(problems)}")
    failed_now = sorted(name for name, entry in rendered.items() if entry["status"] != "ok")
    failed_before = sorted(name for name, entry in carried.items() if entry.get("status") != "ok")
    complete = not failed_now and not failed_before
    dated, latest = output.path / day_name, output.path / "latest"
    try:
        with signals_held():
            output.publish(run, day_name, complete, progress)
        if complete:
            progress(f"all reports {'rendered' if rendered else 'unchanged'}; {dated} and {latest} -> runs/{run.name}")
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
