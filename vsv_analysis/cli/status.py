"""How every command reports: its result on standard output, how it went on standard error, every such line timed.

One convention for every command, so that a script and a scheduled job read them all alike:

- **Standard output** holds the result and nothing else: the table or the changes when no ``--output`` is
  given, ``validate``'s one-line summary, else the path of every file or folder the command wrote, one per
  line (``render``: the run folder it published). So ``$(vsv-analysis export run.ipynb)`` is the page.
- **Standard error** holds the status lines: progress, notes, warnings and errors. Each line starts with the
  local time as `date -Is` writes it (``2026-01-05T06:30:02+01:00 …``), so that a log reads as a log.
- ``-q`` (quiet) keeps only warnings and errors; ``-v`` (verbose) adds details: the version and Python that
  ran, the data folder, and at the end the time taken and the exit code.

Examples
--------
>>> import contextlib, io
>>> set_verbosity(QUIET)
>>> with contextlib.redirect_stderr(io.StringIO()) as err:
...     info("rendering 6 notebooks"); warning("the evidence file has no rows")
>>> err.getvalue()[25:]
' warning: the evidence file has no rows\\n'
>>> set_verbosity(NORMAL)
"""

from __future__ import annotations

import sys

from ..common.dutch import now_stamp

__all__ = ["NORMAL", "QUIET", "VERBOSE", "detail", "error", "info", "result", "set_verbosity", "verbosity",
           "warning"]

QUIET, NORMAL, VERBOSE = 0, 1, 2
"""``-q``: warnings and errors only; the default: status lines too; ``-v``: details as well."""

_level = NORMAL


def set_verbosity(level: int | None) -> None:
    """Use ``level`` (:data:`QUIET`, :data:`NORMAL` or :data:`VERBOSE`; ``None`` is normal) from now on."""
    global _level
    _level = NORMAL if level is None else level


def verbosity() -> int:
    """The level in force."""
    return _level


def result(text: str) -> None:
    """A line of the result, on standard output, as it is (no time: a script reads it)."""
    print(text, file=sys.stdout, flush=True)


def info(text: str) -> None:
    """A status line (progress, a note), unless ``-q``."""
    if _level >= NORMAL:
        _status(text)


def detail(text: str) -> None:
    """A line only ``-v`` shows."""
    if _level >= VERBOSE:
        _status(text)


def warning(text: str) -> None:
    """Something the user should look at, though the command went on: shown even with ``-q``."""
    _status(f"warning: {text}")


def error(text: str) -> None:
    """Why the command stopped: always shown."""
    _status(text)


def _status(text: str) -> None:
    stamp = now_stamp()
    for line in str(text).splitlines() or [""]:
        print(f"{stamp} {line}", file=sys.stderr, flush=True)
