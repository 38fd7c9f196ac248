"""Where a report comes from: a fingerprint of the data, the package version, the git commit, the time."""

from __future__ import annotations

import subprocess
from pathlib import Path

from ..common.locations import CHECKOUT_DIR
from .inputs import evidence_digest

__all__ = ["data_fingerprint", "git_commit", "package_version", "when"]


def data_fingerprint(data_dir: Path | str | None) -> str:
    """The digest of every file the data are read from (:func:`.inputs.evidence_digest`), shortened to 12 characters."""
    return evidence_digest(str(data_dir or ""))[:12]


def git_commit() -> str:
    """Short commit of the project checkout, with "+ changes" if the tree is dirty; "" outside git or installed."""
    if CHECKOUT_DIR is None:  # an installed package: a git repository around it would be someone else's
        return ""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=CHECKOUT_DIR, capture_output=True,
                                text=True, timeout=10, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=CHECKOUT_DIR,
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return commit + (" + lokale wijzigingen" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return ""


def package_version() -> str:
    """The installed version of vsv-analysis."""
    from .. import __version__

    return __version__


def when(stamp: str) -> str:
    """An ISO time stamp as a Dutch date and time in Dutch time ("29 november 2026, 16:30 (Nederlandse tijd)")."""
    from ..common.dutch import dutch_time

    try:
        return dutch_time(stamp)
    except ValueError:  # not an ISO time stamp
        return stamp
