"""The ``vsv-analysis`` command: argument parsing only; the work is done by library functions.

Every command writes its result to standard output and its status lines, each
starting with the time, to standard error; ``-q`` keeps only warnings and
errors, ``-v`` adds details (see :mod:`.status`). Every command's ``--help``
ends with its exit codes: 0 success, 1 bad input data (the messages say what
and where), a report that failed to render (an error or a time limit), a file
that cannot be read or written, or a machine that stopped the render (full
disk, read-only folder), 2 wrong use of the command (unknown option, unknown
table or parameter, unsupported year, a file where the output folder should
be, a page that exists already), 3 another render is running in the output
folder, 130 interrupted by Ctrl-C, 143 stopped by SIGTERM (129 by SIGHUP).

Also runs as ``python -m vsv_analysis``. ``export`` and ``kernel install`` connect the package to
Jupyter (see :mod:`vsv_analysis.jupyter` and :mod:`vsv_analysis.render.page`).

The grammar is in :mod:`.parser`, ``render`` in :mod:`.rendering`, the other
commands in :mod:`.commands`, how they report in :mod:`.status`; each imports
its libraries when it runs.
"""

from __future__ import annotations

import os
import platform
import shlex
import sys
import time

from ..common.errors import BoundaryError, DataError, DataFolderError
from . import status
from .commands import HANDLERS
from .parser import build_parser
from .rendering import render_command

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    started = time.monotonic()
    args = build_parser(argv).parse_args(argv)
    status.set_verbosity(args.verbosity)
    _describe_run(args, argv)
    code = _run(args)
    status.detail(f"finished in {time.monotonic() - started:.1f} s with exit code {code}")
    return code


def _run(args) -> int:
    try:
        if args.command == "render":
            return render_command(args)
        return HANDLERS[args.command](args)
    except DataFolderError as error:
        status.error(error.message)
        return 2
    except DataError as error:
        status.error(error.message)
        return 1
    except ValueError as error:
        status.error(f"vsv-analysis: {error}")
        return 2
    except BoundaryError as error:
        status.error(f"vsv-analysis: {error}")
        return 1
    except BrokenPipeError:
        # The reader (such as `head`) closed the pipe early: not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:  # a file that cannot be written or read: the machine's, not the data's
        where = f"{error.filename}: " if error.filename else ""
        status.error(f"vsv-analysis: {where}{error.strerror or error}")
        return 1
    except KeyboardInterrupt:  # render says more (see .rendering); every file is written atomically
        status.error("vsv-analysis: interrupted; no file was left half written")
        return 130


def _describe_run(args, argv: list[str]) -> None:
    """With ``-v``: what runs, and on which data."""
    from .. import __version__

    status.detail(f"vsv-analysis {__version__} (Python {platform.python_version()}, {sys.executable}): "
                  f"{shlex.join(['vsv-analysis', *argv])}")
    if hasattr(args, "data_dir"):
        from ..common.locations import default_data_dir

        folder = args.data_dir if args.data_dir is not None else f"{default_data_dir()} (the built-in data)"
        status.detail(f"data folder: {folder}")
