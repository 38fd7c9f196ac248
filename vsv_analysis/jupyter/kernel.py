"""The project's Jupyter kernel ``vsv-analysis``: the Python this package is installed in.

The report notebooks name it in their metadata, so JupyterLab, VS Code and ``papermill -k vsv-analysis`` run them
where ``vsv_analysis`` imports, whatever environment Jupyter itself lives in.

- A plain ``pip install`` (a wheel) brings the kernelspec along, as ipykernel brings its own: the data file
  ``share/jupyter/kernels/vsv-analysis/kernel.json`` (from ``jupyter/kernels/`` in the checkout), whose command
  is ``python``: Jupyter starts it with its own Python, so a Jupyter or papermill of the same environment finds
  and runs it at once.
- An editable install does not install data files, so ``make setup`` runs ``vsv-analysis kernel install``
  (:func:`install_kernel`), which writes the spec with this Python's absolute path: it then also runs from a
  Jupyter in another environment.
- ``vsv-analysis kernel install --user`` makes it known to a user's own Jupyter elsewhere.
"""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["KERNEL_DISPLAY_NAME", "KERNEL_NAME", "install_kernel"]

KERNEL_NAME = "vsv-analysis"
"""The name of the project's kernel, as the notebooks' metadata gives it."""

KERNEL_DISPLAY_NAME = "vsv-analysis"
"""The name JupyterLab and VS Code show for it."""


def install_kernel(user: bool = False) -> Path:
    """Install the kernel ``vsv-analysis``, running this very Python; return the folder of its kernelspec.

    Into this environment (``<sys.prefix>/share/jupyter/kernels``), where Jupyter in the same environment
    finds it; with ``user``, into the user's Jupyter data folder (``~/.local/share/jupyter/kernels``, or
    ``$JUPYTER_DATA_DIR/kernels``), where every Jupyter of that user finds it. An existing kernelspec of the
    same name is replaced.

    Raises
    ------
    OSError
        When the folder cannot be written (such as a system Python without ``user``).
    """
    from ipykernel.kernelspec import install

    folder = install(kernel_name=KERNEL_NAME, display_name=KERNEL_DISPLAY_NAME, user=user,
                     prefix=None if user else sys.prefix)
    return Path(folder)
