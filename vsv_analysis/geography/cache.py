"""The user cache: where downloaded boundaries and CBS reference data are kept (never in ``data/``), and reading it.

The downloads themselves (:mod:`.cbs`, :mod:`.boundaries`) are run by the command
line; the reference only reads what they left here, through
:func:`cached_population` and :func:`cached_boundaries`, so that loading the data
never reaches the network.

The cache is optional: a cache that cannot be read (a folder without permission,
a home folder that is not there, a name the file system refuses) is skipped,
with one warning per place (:func:`skipped_cache`, which ``validate`` prints and
``render`` logs), and the built-in figures and tile maps are used, as if nothing
had been fetched. It is never an error.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["boundaries_cache_path", "cache_dir", "cached_boundaries", "cached_population", "cbs_cache_dir",
           "population_path", "readable_cache_file", "skipped_cache"]

_SKIPPED: dict[str, str] = {}  # absolute path of a place → the warning for it, once per process


def skipped_cache(directory: Path | None = None) -> list[str]:
    """The warnings about places in the cache ``directory`` (default: :func:`cache_dir`) that could not be read and
    were skipped, each once, in order."""
    folder = os.path.abspath(directory or cache_dir())
    return [message for place, message in _SKIPPED.items() if place == folder or place.startswith(folder + os.sep)]


def _skip(path: Path, error: OSError) -> None:
    from ..common.errors import display_path

    place = display_path(path)
    _SKIPPED.setdefault(os.path.abspath(path), (
        f"the cache {place} cannot be read ({error.strerror or error}); it is skipped, so the built-in population "
        f"figures and tile maps are used (set VSV_ANALYSIS_CACHE to a folder this user may read to use fetched ones)"))


def readable_cache_file(path: Path) -> bool:
    """Whether the optional cache file ``path`` is there and can be read; one that cannot be looked at or opened
    is skipped with a warning (:func:`skipped_cache`)."""
    try:
        if not path.is_file():
            return False
        with open(path, "rb"):
            return True
    except OSError as error:
        _skip(path, error)
        return False


def cache_dir() -> Path:
    """Where downloads go: ``$VSV_ANALYSIS_CACHE``, else the user cache folder the system keeps for programs.

    That folder is platformdirs' ``user_cache_dir``: ``$XDG_CACHE_HOME/vsv-analysis`` or
    ``~/.cache/vsv-analysis`` on Linux, ``~/Library/Caches/vsv-analysis`` on macOS,
    ``%LOCALAPPDATA%\\vsv-analysis\\Cache`` on Windows.
    """
    if os.environ.get("VSV_ANALYSIS_CACHE"):
        return Path(os.environ["VSV_ANALYSIS_CACHE"])
    from platformdirs import user_cache_dir  # here: a render in which nothing changed needs it only now

    return Path(user_cache_dir("vsv-analysis", appauthor=False))


def cbs_cache_dir(directory: Path | None = None) -> Path:
    """Where the CBS figures go: ``cbs/`` in ``directory``, else in the user cache."""
    return Path(directory or cache_dir()) / "cbs"


def population_path(year: int, directory: Path | None = None) -> Path:
    """The cached population file for 1 January of ``year`` (it may not exist)."""
    return cbs_cache_dir(directory) / f"population_{year}-01-01.csv"


def boundaries_cache_path(reference, directory: Path | None = None) -> Path:
    """The cached boundaries file for the reference's municipal division (it may not exist yet).

    Named after the division's first year, so boundaries fetched for 2022 serve 2022-2026.
    """
    return Path(directory or cache_dir()) / f"boundaries_noord_brabant_{reference.division_year}.geojson"


def cached_population(year: int, codes: list[str], directory: Path | None = None) -> pd.DataFrame | None:
    """The fetched population of 1 January ``year`` for exactly ``codes``, or ``None``.

    ``None`` when nothing was fetched for the year, the file cannot be read,
    or it lacks one of ``codes`` (the caller then keeps its own figures).
    Columns: ``cbs_code``, ``population``, ``population_date``.
    """
    import pandas as pd  # here, not at the top: a render in which nothing changed asks this module only for cache_dir

    path = population_path(year, directory)
    if not readable_cache_file(path):
        return None
    try:
        table = pd.read_csv(path, dtype={"cbs_code": str, "reference_date": str})
        table = table.set_index("cbs_code").loc[list(codes)]
        values = table["population"].astype(int)
    except OSError as error:
        _skip(path, error)
        return None
    except (ValueError, KeyError, pd.errors.ParserError):
        return None
    return pd.DataFrame({"cbs_code": list(codes), "population": values.to_numpy(),
                         "population_date": table["reference_date"].to_numpy()})


def cached_boundaries(reference, directory: Path | None = None) -> Path | None:
    """The cached boundaries file of the reference's division when it is there and can be read, else ``None``."""
    path = boundaries_cache_path(reference, directory)
    return path if readable_cache_file(path) else None
