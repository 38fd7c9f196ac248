"""A render worker: executes the notebooks handed to it, one at a time (``python -m vsv_analysis.render.worker``).

The main process (``pool``) starts it with its own pid and the run's work folder (the
folder only names the worker's run on its command line).
It reads one JSON task per line from standard input and answers one JSON line
per task on what was standard output; standard output itself is pointed at
standard error, so a stray print cannot garble an answer. An answer is one of
``{"result": RenderResult}``, ``{"os_error": [errno, text, filename]}`` (the
machine stopped it: the run stops) and ``{"crash": text}`` (a bug: the report
fails). The worker ends at the end of its input, and with its parent.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from dataclasses import asdict
from pathlib import Path

from .kernel import die_with_parent

__all__ = ["main", "run_task"]


def run_task(task: dict) -> dict:
    """Render the notebook of one task; the answer to send back."""
    from .execute import ENVIRONMENT_ERRNOS, render_one
    from .scrub import Scrubber

    scrub_text = Scrubber([tuple(pair) for pair in task["private"]])
    try:
        result = render_one(Path(task["notebook"]), Path(task["folder"]), task["parameters"], task["with_code"],
                            task["provenance"], scrub_text, Path(task["scratch_dir"]), task["cell_timeout"])
        return {"result": asdict(result)}
    except OSError as error:
        if error.errno in ENVIRONMENT_ERRNOS:
            return {"os_error": [error.errno, error.strerror or str(error), str(error.filename or "")]}
        return {"crash": scrub_text(f"{type(error).__name__}: {error}")}
    except Exception as error:
        traceback.print_exc()
        return {"crash": scrub_text(f"{type(error).__name__}: {error}")}


def main(argv: list[str]) -> None:
    """Serve tasks from standard input until it closes."""
    die_with_parent(int(argv[0]))
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    for line in sys.stdin:
        answers.write(json.dumps(run_task(json.loads(line)), default=str) + "\n")
        answers.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
