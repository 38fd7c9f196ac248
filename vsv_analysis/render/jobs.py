"""The notebooks a run renders: tasks for the warm worker, its answers turned into results, one log line each."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..common.dutch import short_number
from .execute import RenderResult, write_failure_page
from .memory import memory_error, memory_notice
from .pool import WorkerPool
from .publish import OutputFolder, Run
from .scrub import Scrubber

__all__ = ["longest_first", "render_notebooks"]


def _unfinished(task: dict, answer: dict, seconds: float, limits: tuple, scrub_text) -> RenderResult:
    """The failed result, with its page, of a notebook that timed out or whose process died."""
    notebook_limit, run_limit = limits
    if answer.get("timeout") == "notebook":
        error = f"tijdgrens overschreden: het rapport was na {short_number(notebook_limit)} seconden niet klaar"
        notice = (f"De berekening is afgebroken omdat ze langer duurde dan de tijdgrens van "
                  f"{short_number(notebook_limit)} seconden per rapport. De resultaten van dit rapport ontbreken.")
    elif answer.get("timeout") == "run":
        error = f"tijdgrens overschreden: de hele run was na {short_number(run_limit)} seconden niet klaar"
        notice = (f"De berekening is afgebroken of niet begonnen omdat alle rapporten samen langer duurden dan "
                  f"de tijdgrens van {short_number(run_limit)} seconden. De resultaten van dit rapport ontbreken.")
    elif "memory" in answer:
        size = task["provenance"].get("size", "")
        error = memory_error(Path(task["notebook"]).stem, answer["memory"], size)
        notice = memory_notice(answer["memory"], size)
    else:
        error = answer.get("crash", "onbekende fout")
        notice = "De berekening stopte onverwacht. De resultaten van dit rapport ontbreken."
    result = write_failure_page(Path(task["notebook"]), Path(task["folder"]), task["parameters"], task["with_code"],
                                task["provenance"], scrub_text, error, notice, seconds)
    result.peak_memory_mb = answer.get("peak_memory_mb")
    return result


def longest_first(plans: list, manifest: dict) -> list:
    """The notebooks in the order to start them: the slowest first, so that parallel jobs end together.

    Slowest by the time each took in the previous run when all are known there, else by file size.
    """
    seconds = {}
    for notebook, _ in plans:
        entry = manifest.get(notebook.stem)
        if isinstance(entry, dict) and isinstance(entry.get("seconds"), int | float):
            seconds[notebook.stem] = entry["seconds"]
    if len(seconds) < len(plans):
        return sorted(plans, key=lambda plan: -plan[0].stat().st_size)
    return sorted(plans, key=lambda plan: -seconds[plan[0].stem])


def render_notebooks(pool: WorkerPool, plans: list[tuple[Path, dict]], run: Run, output: OutputFolder,
                     day_name: str, options: dict, provenance: dict, scrub_pairs: list,
                     progress: Callable[[str], None]) -> dict[str, RenderResult]:
    """Render each ``(notebook, parameters)`` of ``plans`` into the run's staging folder; the results by name.

    ``options`` holds ``with_code``, ``notebook_timeout``, ``timeout``, ``deadline`` and ``memory_limit``
    (bytes per notebook process, or ``None``).
    An :class:`OSError` of the machine in a notebook process is raised here: the run stops.
    """
    (run.work / "tmp").mkdir(exist_ok=True)  # temporary files of the notebooks: they go with the run
    tasks = [{"notebook": str(Path(notebook).absolute()), "folder": str(run.staging.absolute()),
              "parameters": params, "with_code": options["with_code"], "provenance": provenance,
              "private": scrub_pairs, "scratch_dir": str(run.work.absolute()),
              "cell_timeout": options["notebook_timeout"], "memory_limit": options.get("memory_limit")}
             for notebook, params in plans]
    progress(f"rendering {len(tasks)} notebook(s) for {day_name} into {output.path} (run {run.name}) "
             f"with {min(pool.jobs, len(tasks))} job(s)")
    scrub_text = Scrubber(scrub_pairs)
    results: dict[str, RenderResult] = {}
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
