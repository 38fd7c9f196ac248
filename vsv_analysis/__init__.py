"""vsv-analysis: the network of initiatives and municipalities in Versterken Sociale Veerkracht.

Data flows one way through the package, a folder per stage (``common`` beneath them all):

``files`` (opening and checking files, tables out) → ``geography`` (the reference:
municipalities, mergers, regions, population, boundaries) and ``evidence`` (the
evidence, checked and resolved for a year) → ``network`` (the bipartite graph) →
``measures`` (sparse projections; centrality, overlap, nestedness, coverage) →
``outputs`` (tables, graph files, snapshots, changes) → ``figures`` → ``maps`` →
``jupyter`` (the notebooks' catalogue, parameters, kernel) → ``report`` (what the
notebooks call) → ``render`` → ``cli``. No module imports from a later stage.

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
    "DataError": "common.errors",
    "DataProblem": "common.errors",
    "Dataset": "evidence.dataset",
    "Reference": "geography.reference",
    "build_network": "network",
    "build_party_network": "network",
    "load_dataset": "evidence.dataset",
    "load_reference": "geography.reference",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
