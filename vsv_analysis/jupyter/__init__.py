"""The report notebooks as Jupyter and papermill see them.

- :mod:`.catalogue`: which report notebooks there are, and their titles;
- :mod:`.parameters`: their shared parameters, and checking values before any kernel starts;
- :mod:`.kernel`: the project's kernel ``vsv-analysis``;
- :mod:`.lab`: JupyterLab's pre-save hook that keeps report notebooks free of outputs, and the folder a
  relative path in a notebook is read from.

:func:`strip_outputs` is named here because Jupyter configurations name it as
``vsv_analysis.jupyter.strip_outputs``.
"""

from .lab import strip_outputs

__all__ = ["strip_outputs"]
