"""vsv-analysis: the network of initiatives and municipalities in Versterken Sociale Veerkracht.

Data flows one way through the package:

``textfiles``/``csvrecords``/``csvfiles``/``errors`` (opening, splitting and checking
files) → ``reference`` (municipalities,
mergers, population, regions per geography year) → ``dataset`` (the evidence,
resolved for a year) → ``network`` (the bipartite graph) → ``measures`` (sparse
projections; centrality, overlap, nestedness, coverage) → ``export``, ``tables``,
``figures``, ``maps``, ``report`` → the notebooks → ``render`` → ``cli``.

The names below are imported on first use (PEP 562), so that ``import vsv_analysis``
and commands that need no data, such as a render in which nothing changed, do not
load pandas and networkx.
"""

import importlib
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("vsv-analysis")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0+unknown"

_LAZY = {
    "DEFAULT_ROLE_WEIGHTS": "network",
    "DataError": "errors",
    "DataProblem": "errors",
    "Dataset": "dataset",
    "Reference": "reference",
    "build_network": "network",
    "build_party_network": "network",
    "load_dataset": "dataset",
    "load_reference": "reference",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
