"""Processes that end with their parent.

A killed render must leave no process behind. The warm worker calls
:func:`die_with_parent` when it starts, with the render's pid; each notebook
process it forks calls it again with the worker's pid (the setting does not
survive a fork). Only the standard library here.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

__all__ = ["die_with_parent"]

PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int) -> None:
    """Have this process killed when ``parent_pid`` ends; end it now if that parent is already gone.

    On Linux this is ``prctl(PR_SET_PDEATHSIG, SIGKILL)``; elsewhere only the
    check is made, and the caller relies on its other signs of a dead parent
    (a closed pipe).
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:  # the parent died before the request took effect
        os._exit(1)
