"""The user cache: where downloaded boundaries and CBS reference data are kept (never in ``data/``)."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["cache_dir"]


def cache_dir() -> Path:
    """Where downloads go: ``$VSV_ANALYSIS_CACHE``, else ``vsv-analysis`` in ``$XDG_CACHE_HOME`` or ``~/.cache``."""
    if os.environ.get("VSV_ANALYSIS_CACHE"):
        return Path(os.environ["VSV_ANALYSIS_CACHE"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "vsv-analysis"
