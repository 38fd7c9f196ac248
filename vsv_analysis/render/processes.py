"""Child processes that end with their parent, so that a killed render leaves no worker or kernel behind.

Kept free of heavy imports: the kernel launcher imports it before IPython starts.
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
