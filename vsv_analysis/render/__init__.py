"""Render the report notebooks to HTML, one whole run at a time.

For each notebook, :func:`render` has papermill parameterise it, runs its cells
in a process of its own forked from a warm worker (the libraries imported once,
a fresh namespace per notebook), then exports it to HTML with the ``vsv``
nbconvert template: code hidden (unless ``with_code``), no script or style from
any other host, a table of contents, and a provenance footer. Notebooks run
``jobs`` at a time, each within a time limit. A report whose inputs (notebook,
parameters, data, boundaries, code, library versions) have not changed since the
last published run is not made again (unless ``force``).

A run renders into a staging folder of its own and is then published at once::

    <output>/runs/<YYYY-MM-DDTHHMMSS>-<id>/   one folder per run, never changed afterwards
        <notebook>.html          a report that rendered
        <notebook>.failed.html   one that did not: the error on top, the failing cell marked;
                                 its last good <notebook>.html lies beside it
        manifest.json, index.html  every report in the folder with status, parameters, time
    <output>/<YYYY-MM-DD>   link to the day's last published run
    <output>/latest         link to the last run in which every report rendered

A run that renders some notebooks carries the other reports of the previous
run into its folder, so each run folder is complete. A lock keeps two renders
out of one output folder. Local paths are scrubbed from every file written.

Modules: ``notebooks`` (where they are, what they declare), ``inputs`` (what a
report rests on, as a key), ``reuse`` (which reports need not be made again;
``run.json``), ``cells`` (running a notebook's cells as a kernel would),
``execute`` (one notebook), ``export`` (its HTML), ``scrub`` (safe to share),
``provenance``, ``evidence`` (snapshot, changes, index texts), ``index``
(manifest, index page, carrying reports over), ``publish`` (lock, run folders,
links), ``worker`` (the warm worker and its notebook processes), ``pool`` and
``jobs`` (the worker and the notebooks, seen from the render), ``processes``
(processes that end with their parent), ``errors`` and ``run`` (the whole run,
and the extension point :func:`run.add_run_files`).
"""

from ..common.locations import NOTEBOOK_DIR
from ..jupyter.catalogue import report_notebooks
from .errors import OutputFolderError, RenderBusyError, RenderEnvironmentError, RenderError, RenderInterrupted
from .execute import RenderResult
from .notebooks import notebook_parameters
from .publish import KEEP_RUNS
from .run import NOTEBOOK_TIMEOUT_SECONDS, render

__all__ = ["KEEP_RUNS", "NOTEBOOK_DIR", "NOTEBOOK_TIMEOUT_SECONDS", "OutputFolderError", "RenderBusyError",
           "RenderEnvironmentError", "RenderError", "RenderInterrupted", "RenderResult", "notebook_parameters",
           "render", "report_notebooks"]
