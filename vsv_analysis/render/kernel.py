"""Processes that end with their parent, and the kernel launcher that uses it.

A killed render must leave no worker or kernel behind. Workers call
:func:`die_with_parent` when they start. Kernels are started by jupyter_client
in a session of their own, with their parent's pid in ``JPY_PARENT_PID``; the
render's kernelspec runs this file as a script (``python .../kernel.py -f
CONNECTION_FILE``), which ties the kernel to its worker and then runs ipykernel
as ``ipykernel_launcher`` would. Run as a file, not as ``-m``, so that the kernel
does not import the package before the notebook does; hence only the standard
library here.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

__all__ = ["die_with_parent", "main"]

PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int) -> None:
    """Have this process killed when ``parent_pid`` ends; end it now if that parent is already gone.

    On Linux this is ``prctl(PR_SET_PDEATHSIG, SIGKILL)``; elsewhere only the
    check is made, and the caller relies on its other signs of a dead parent
    (a closed pipe, IPython's parent poller).
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:  # the parent died before the request took effect
        os._exit(1)


def main() -> None:
    """Tie this process to its parent, then run ipykernel."""
    if sys.path and os.path.abspath(sys.path[0] or ".") == os.path.dirname(os.path.abspath(__file__)):
        del sys.path[0]  # this folder's modules must not shadow others; IPython puts the working folder back
    parent = os.environ.get("JPY_PARENT_PID", "")
    if parent.isdigit():
        die_with_parent(int(parent))
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()


if __name__ == "__main__":
    main()
