"""The ``vsv-analysis`` command: argument parsing only; the work is done by library functions.

Exit codes: 0 success, 1 bad input data (the messages say what and where), a
report that failed to render (an error or a time limit), a file that cannot be
read or written, or a machine that stopped the render (full disk, read-only
folder), 2 wrong use of the command
(unknown option, unknown table or parameter, unsupported year, a file where the
output folder should be), 3 another render is running in the output folder,
130 interrupted by Ctrl-C, 143 stopped by SIGTERM (129 by SIGHUP).

Also runs as ``python -m vsv_analysis``. ``export`` and ``kernel install`` connect the package to
Jupyter (see :mod:`vsv_analysis.jupyter` and :mod:`vsv_analysis.render.page`).

The grammar is in :mod:`.parser`, ``render`` in :mod:`.rendering`, the other
commands in :mod:`.commands`; each imports its libraries when it runs.
"""

from __future__ import annotations

import os
import sys

from ..common.errors import BoundaryError, DataError, DataFolderError
from .commands import HANDLERS
from .parser import build_parser
from .rendering import log, render_command

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(argv).parse_args(argv)
    try:
        if args.command == "render":
            return render_command(args)
        return HANDLERS[args.command](args)
    except DataFolderError as error:
        _error(args, error.message)
        return 2
    except DataError as error:
        _error(args, error.message)
        return 1
    except ValueError as error:
        _error(args, f"vsv-analysis: {error}")
        return 2
    except BoundaryError as error:
        _error(args, f"vsv-analysis: {error}")
        return 1
    except BrokenPipeError:
        # The reader (such as `head`) closed the pipe early: not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:  # a file that cannot be written or read: the machine's, not the data's
        where = f"{error.filename}: " if error.filename else ""
        _error(args, f"vsv-analysis: {where}{error.strerror or error}")
        return 1


def _error(args, message: str) -> None:
    if args.command == "render":  # a scheduled job's log: every line starts with the time
        log(message, sys.stderr)
    else:
        print(message, file=sys.stderr)
