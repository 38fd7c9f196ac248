"""An output folder as a render sees it: its lock, its run folders, and the links readers open.

Layout::

    <output>/.render.lock          held (flock) by the render running in this folder
    <output>/runs/<run>/           one folder per published run, never changed afterwards
    <output>/runs/.staging-<run>/  the run being rendered (becomes runs/<run> when published)
    <output>/runs/.work-<run>/     the temporary files of its notebooks
    <output>/<YYYY-MM-DD>          link to the last run published for that day
    <output>/latest                link to the last run in which every report rendered

A run is named ``<YYYY-MM-DDTHHMMSS>-<6 hex digits>`` after the local time it
started. It is published by renaming its staging folder into ``runs/`` and then
replacing each link by a fresh one (``os.replace``, atomic), so a reader never
sees a mix of two runs, and a run stopped at any moment leaves the links on the
last published run. The next render removes what a killed run left behind.
"""

from __future__ import annotations

import datetime
import errno
import os
import re
import secrets
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import OutputFolderError, RenderBusyError

__all__ = ["KEEP_RUNS", "LOCK_NAME", "OutputFolder", "Run"]

LOCK_NAME = ".render.lock"
KEEP_RUNS = 10
RUN_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{6}-[0-9a-f]{6}$")
_LEFTOVER_LINK = re.compile(r"^\.(?:latest|probe|\d{4}-\d{2}-\d{2})\.\d+(?:\.link)?$")  # a link switch cut short


@dataclass(frozen=True)
class Run:
    """One run: its name, the staging folder it renders into, its work folder, its published folder."""

    name: str
    staging: Path
    work: Path
    folder: Path


def _sync(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some file systems cannot sync a folder; the rename is still atomic
        pass
    finally:
        os.close(fd)


class OutputFolder:
    """The output folder of renders (see the module docstring for its layout)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.runs = self.path / "runs"
        self._lock_fd: int | None = None

    # -- before anything is written ---------------------------------------------------------------

    def check(self, day_name: str) -> None:
        """Refuse, before anything is written, names that are taken by something a render cannot replace."""
        if self.path.exists() and not self.path.is_dir():
            raise OutputFolderError(f"--output-dir {self.path} is a file, not a folder; choose a folder")
        for name in ("runs", day_name, "latest"):
            path = self.path / name
            if (path.exists() or path.is_symlink()) and not (path.is_dir() or path.is_symlink()):
                raise OutputFolderError(f"{path} is a file, where the render puts a "
                                        f"{'folder' if name == 'runs' else 'link to a run folder'}; "
                                        "move the file away or choose another --output-dir")

    # -- the lock ---------------------------------------------------------------------------------

    def lock(self, wait: bool, deadline: float | None, progress: Callable[[str], None]) -> None:
        """Take the folder's lock; raise :class:`RenderBusyError` if another render has it (unless ``wait``)."""
        import fcntl  # POSIX only; imported here so that the package itself imports anywhere

        self.path.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.pread(fd, 32, 0).decode(errors="replace").strip()
                holder = f" (process {holder})" if holder.isdigit() else ""
                if not wait:
                    raise RenderBusyError(f"another render is running in {self.path}{holder}; wait for it to end, "
                                          "or pass --wait to queue behind it") from None
                progress(f"waiting for the render that is running in {self.path}{holder}")
                self._wait_for_lock(fd, deadline)
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        except BaseException:
            os.close(fd)
            raise
        self._lock_fd = fd

    def _wait_for_lock(self, fd: int, deadline: float | None) -> None:
        import fcntl

        if deadline is None:
            fcntl.flock(fd, fcntl.LOCK_EX)
            return
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise RenderBusyError(f"another render was still running in {self.path} when the time "
                                          "limit (--timeout) ran out; nothing was rendered") from None
                time.sleep(0.1)

    def unlock(self) -> None:
        """Release the lock (closing it releases it; the file stays, so that no two renders lock two files)."""
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    # -- runs -------------------------------------------------------------------------------------

    def clean(self, progress: Callable[[str], None]) -> None:
        """Remove what killed runs left: staging and work folders, half-switched links. Call under the lock."""
        if self.runs.is_dir():
            for path in self.runs.iterdir():
                if path.name.startswith((".staging-", ".work-")) and path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path)
                    progress(f"removed {path}, left by a render that was stopped")
        for path in self.path.iterdir():
            if _LEFTOVER_LINK.match(path.name) and path.is_symlink():
                path.unlink()

    def links(self) -> dict[str, Path]:
        """Each link in the folder that points at a run folder, with that folder."""
        found = {}
        for path in self.path.iterdir():
            if path.is_symlink():
                target = (self.path / os.readlink(path))
                if target.parent.resolve() == self.runs.resolve() and RUN_NAME.match(target.name) and target.is_dir():
                    found[path.name] = self.runs / target.name
        return found

    def previous_run(self) -> Path | None:
        """The run published last: the one that the most recently switched link points at."""
        newest = None
        for name, folder in self.links().items():
            switched = (self.path / name).lstat().st_mtime_ns
            if newest is None or (switched, folder.name) > newest[:2]:
                newest = (switched, folder.name, folder)
        return newest[2] if newest else None

    def start_run(self) -> Run:
        """A new run with empty staging and work folders.

        Finds out first whether links can be made in the output folder, so a
        folder that is not writable stops the run before anything is rendered.
        """
        probe = self.path / f".probe.{os.getpid()}.link"
        probe.unlink(missing_ok=True)
        probe.symlink_to(self.runs.name)
        probe.unlink()
        self.runs.mkdir(exist_ok=True)
        name = f"{datetime.datetime.now():%Y-%m-%dT%H%M%S}-{secrets.token_hex(3)}"
        run = Run(name, self.runs / f".staging-{name}", self.runs / f".work-{name}", self.runs / name)
        run.staging.mkdir()
        run.work.mkdir()
        return run

    def discard(self, run: Run) -> None:
        """Remove the run's work folder, and its staging folder if it was not published."""
        shutil.rmtree(run.work, ignore_errors=True)
        shutil.rmtree(run.staging, ignore_errors=True)

    # -- publishing -------------------------------------------------------------------------------

    def publish(self, run: Run, day_name: str, complete: bool, progress: Callable[[str], None]) -> None:
        """Make the staging folder the run folder, point ``<day_name>`` at it, and ``latest`` if ``complete``.

        Call with signals held back: each step is atomic, but the steps belong together.
        """
        for path in run.staging.iterdir():
            _sync(path)
        _sync(run.staging)
        os.rename(run.staging, run.folder)
        _sync(self.runs)
        self._switch(day_name, run, progress)
        if complete:
            self._switch("latest", run, progress)
        _sync(self.path)

    def _switch(self, name: str, run: Run, progress: Callable[[str], None]) -> None:
        link = self.path / name
        if link.is_dir() and not link.is_symlink():
            aside = self.path / f"{name}.moved-{datetime.datetime.now():%Y%m%dT%H%M%S}"
            os.rename(link, aside)
            progress(f"moved the folder {link} (made by an older version of vsv-analysis, or by "
                     f"`vsv-analysis maps` before any render) to {aside}; {link} is now a link to a run folder")
        temporary = self.path / f".{name}.{os.getpid()}.link"
        temporary.unlink(missing_ok=True)
        temporary.symlink_to(Path(self.runs.name) / run.name, target_is_directory=True)
        try:
            os.replace(temporary, link)
        except OSError as error:
            temporary.unlink(missing_ok=True)
            if error.errno in (errno.EISDIR, errno.ENOTEMPTY, errno.EEXIST):
                raise OutputFolderError(f"{link} could not be replaced by a link; move it away") from None
            raise

    def prune(self, keep: int = KEEP_RUNS) -> list[Path]:
        """Remove run folders beyond the newest ``keep``, except those a link points at; return them."""
        if not self.runs.is_dir():
            return []
        linked = set(self.links().values())
        runs = sorted(p for p in self.runs.iterdir() if RUN_NAME.match(p.name) and p.is_dir() and not p.is_symlink())
        removed = [p for p in runs[:max(0, len(runs) - keep)] if p not in linked]
        for path in removed:
            shutil.rmtree(path, ignore_errors=True)
        return removed
