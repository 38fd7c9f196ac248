"""``vsv-analysis render``: the command around :func:`vsv_analysis.render.render`, with a status line per event.

Every status line starts with the time, for the logs of scheduled runs (see :mod:`.status`); standard output
gets the run folder that was published.
"""

from __future__ import annotations

import datetime
import os
import signal
from pathlib import Path

from . import status

__all__ = ["render_command", "resolve_notebooks"]


def resolve_notebooks(given: list[Path]) -> list[Path]:
    """Paths as given when they exist; else a name in the notebooks folder, with or without ``.ipynb``."""
    from ..common.locations import NOTEBOOK_DIR
    from ..common.names import closest
    from ..jupyter.catalogue import report_notebooks
    from ..jupyter.parameters import ParameterError

    resolved = []
    for path in given:
        if path.is_dir():  # render says what is wrong with a folder
            resolved.append(path)
            continue
        candidates = [path] if path.suffix == ".ipynb" else [path, path.with_name(path.name + ".ipynb")]
        if len(path.parts) == 1:
            candidates += [NOTEBOOK_DIR / candidate.name for candidate in candidates]
        found = next((candidate for candidate in candidates if candidate.is_file()), None)
        if found is None:
            names = [notebook.stem for notebook in report_notebooks()]
            hint = closest(path.stem, names, n=1)
            raise ParameterError(f"notebook {str(path)!r} not found, neither as a file nor in {NOTEBOOK_DIR}; "
                                 f"the reports are {', '.join(names)}"
                                 + (f" (did you mean {hint[0]!r}?)" if hint else ""))
        resolved.append(found)
    return resolved


class _Stopped(BaseException):
    """A signal that came before the render took over its signals: nothing was written yet."""


def _stop(signum, frame):
    raise _Stopped(signum)


def render_command(args) -> int:
    """Until the render takes over the signals, SIGTERM and SIGHUP stop it with one line too."""
    early = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {signum: signal.signal(signum, _stop) for signum in early if signal.getsignal(signum) is signal.SIG_DFL}
    try:
        return _render_run(args)
    except (KeyboardInterrupt, _Stopped) as stop:
        signum = stop.args[0] if isinstance(stop, _Stopped) else signal.SIGINT
        what = "interrupted" if signum == signal.SIGINT else f"stopped by {signal.Signals(signum).name}"
        status.error(f"vsv-analysis: {what}; the last published run is unchanged")
        return 128 + signum
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _render_run(args) -> int:
    from ..jupyter.parameters import load_parameter_file
    from ..render import RenderError, RenderInterrupted, render

    parameters = load_parameter_file(args.parameters_file) if args.parameters_file else {}
    parameters.update({name: value for name, value in args.parameter})
    if args.as_of:
        parameters["as_of"] = args.as_of
    if args.jobs is not None and args.jobs < 1:
        raise ValueError("--jobs must be 1 or more")
    if args.keep_runs < 0:
        raise ValueError("--keep-runs must be 0 or more")
    notebooks = resolve_notebooks(args.notebooks) if args.notebooks else None
    day = datetime.date.today()  # the dated link the run is published under, even when it ends after midnight
    try:
        results = render(notebooks, output_dir=args.output_dir, parameters=parameters,
                         with_code=args.with_code, jobs=args.jobs, progress=status.info, day=day,
                         timeout=args.timeout, notebook_timeout=args.notebook_timeout, wait=args.wait,
                         keep_runs=args.keep_runs, force=args.force)
    except RenderInterrupted as stop:
        status.error(f"vsv-analysis: {stop}")
        return stop.exit_code
    except RenderError as error:
        status.error(f"vsv-analysis: {error}")
        return error.exit_code
    failed = [result.name for result in results if result.status != "ok"]
    if failed and status.verbosity() == status.QUIET:  # the progress lines that said so were not shown
        status.error(f"vsv-analysis: failed: {', '.join(failed)}")
    dated = Path(args.output_dir) / day.isoformat()
    if dated.is_symlink():
        status.result(str(Path(args.output_dir) / os.readlink(dated)))
    return 1 if failed else 0
