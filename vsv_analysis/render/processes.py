"""Processes that end with their parent, and signals that end a render cleanly.

A killed render must leave no process behind. The warm worker calls
:func:`die_with_parent` when it starts, with the render's pid; each notebook
process it forks calls it again with the worker's pid (the setting does not
survive a fork). :func:`stop_on_signals` turns Ctrl-C, SIGTERM and SIGHUP into
:class:`~.errors.RenderInterrupted`, so that the run can clean up;
:func:`signals_held` holds them back while a run is published. Only the standard
library here.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
from collections.abc import Iterator

from .errors import RenderInterrupted

__all__ = ["SIGNALS", "die_with_parent", "signals_held", "stop_on_signals"]

PR_SET_PDEATHSIG = 1

SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))
"""The signals that stop a render: Ctrl-C, and those a scheduler or a closed terminal sends."""


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


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """Turn Ctrl-C, SIGTERM and SIGHUP into :class:`RenderInterrupted`; later ones wait for the clean-up."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    chosen = [s for s in SIGNALS if signal.getsignal(s) is not signal.SIG_IGN]  # respect nohup and the like

    def stop(signum, frame):
        for s in chosen:
            signal.signal(s, signal.SIG_IGN)
        raise RenderInterrupted(signum)

    previous = {s: signal.signal(s, stop) for s in chosen}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold signals back for a few steps that belong together; they arrive right after."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
