"""Render the report notebooks to HTML: papermill executes, nbconvert exports, in parallel.

For each notebook, :func:`render` executes it with papermill under a kernel that
runs this very Python, then exports it to HTML in the same process with the
``vsv`` nbconvert template: code hidden (unless ``with_code``), no script or
style from any other host, a table of contents, and a provenance footer.

Output goes to a dated folder, ``<output_dir>/<YYYY-MM-DD>/``:

- ``<notebook>.html`` for a report that rendered;
- ``<notebook>.failed.html`` for one that did not, with the error at the top
  and the failing cell marked; its last good ``<notebook>.html`` stays as it was;
- ``index.html`` listing every report with status, parameters, render time and
  description, built from ``manifest.json``, so partial runs add up;
- ``<output_dir>/latest`` points at the folder, updated only when every report
  of the run rendered.

Every file is written under a temporary name and renamed, so an interrupted
run never leaves half a report.

Modules: ``notebooks`` (where they are, what they declare), ``execute`` (one
notebook), ``scrub`` (safe to share), ``provenance``, ``index``, ``publish``
(the ``latest`` link) and ``run`` (the whole run).
"""

from .execute import RenderResult
from .notebooks import NOTEBOOK_DIR, notebook_parameters, report_notebooks
from .run import render

__all__ = ["NOTEBOOK_DIR", "RenderResult", "notebook_parameters", "render", "report_notebooks"]
