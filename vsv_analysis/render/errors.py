"""What can stop a render, each with the exit code the command line gives it.

Exit codes: 1 the environment (a full disk, a read-only or forbidden folder),
2 wrong use (a file where the output folder should be), 3 another render holds
the output folder, 128 + the signal number when a signal stopped the run
(130 for Ctrl-C, 143 for SIGTERM).

Examples
--------
>>> import errno
>>> error = environment_error(OSError(errno.ENOSPC, "No space left on device", "reports/x"), Path("reports"))
>>> error.exit_code, str(error).startswith("no space left on the disk that holds reports")
(1, True)
>>> RenderInterrupted(2).exit_code
130
"""

from __future__ import annotations

import errno
import signal
from pathlib import Path

__all__ = ["OutputFolderError", "RenderBusyError", "RenderEnvironmentError", "RenderError", "RenderInterrupted",
           "environment_error"]

UNCHANGED = "the last published run is unchanged"


class RenderError(Exception):
    """A render that could not run or finish; the message says what to do."""

    exit_code = 1


class OutputFolderError(RenderError, ValueError):
    """Wrong use: the output folder, or a name in it, cannot be used as given."""

    exit_code = 2


class RenderBusyError(RenderError):
    """Another render holds the lock of the output folder."""

    exit_code = 3


class RenderEnvironmentError(RenderError):
    """The machine stopped the render: a full disk, a read-only or forbidden folder."""

    exit_code = 1


class RenderInterrupted(BaseException):  # noqa: N818 - like KeyboardInterrupt, it is not an error of the run
    """A signal (Ctrl-C, SIGTERM, SIGHUP) stopped the render; everything it started has been ended."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum
        self.exit_code = 128 + signum
        self.published = None  # the run folder, when the signal came after it was published

    def __str__(self) -> str:
        what = "interrupted" if self.signum == signal.SIGINT else f"stopped by {signal.Signals(self.signum).name}"
        if self.published is not None:
            return f"{what} after run {self.published.name} was published"
        return f"{what}; {UNCHANGED}"


def environment_error(error: OSError, folder: Path) -> RenderError:
    """Turn an OSError met while writing into ``folder`` into a message that says what to free or fix."""
    where = error.filename or folder
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        writing = f" (while writing {error.filename})" if error.filename else ""
        return RenderEnvironmentError(
            f"no space left on the disk that holds {folder}{writing}; free some space "
            f"(older run folders in {Path(folder) / 'runs'} may go) and render again; {UNCHANGED}")
    if error.errno == errno.EROFS:
        return RenderEnvironmentError(f"{folder} is on a read-only file system; mount it writable or choose another "
                                      f"--output-dir; {UNCHANGED}")
    if error.errno in (errno.EACCES, errno.EPERM):
        return RenderEnvironmentError(f"no permission to write {where}; make {folder} writable for this user or "
                                      f"choose another --output-dir; {UNCHANGED}")
    if error.errno == errno.ENAMETOOLONG:
        return OutputFolderError(f"the path {str(where)[:80]}... is too long for the file system; "
                                 "choose a shorter --output-dir")
    if error.errno in (errno.ENOTDIR, errno.EEXIST, errno.EISDIR):
        return OutputFolderError(f"{where} is in the way: a file where a folder should be, or the other way round; "
                                 "move it away or choose another --output-dir")
    return RenderEnvironmentError(f"cannot write {where}: {error.strerror or error}; {UNCHANGED}")
