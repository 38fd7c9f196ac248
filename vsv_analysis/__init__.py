"""vsv-analysis: the network of initiatives and municipalities in Versterken Sociale Veerkracht.

Data flows one way through the package:

``textfiles``/``csvrecords``/``csvfiles``/``errors`` (opening, splitting and checking
files) → ``reference`` (municipalities,
mergers, population, regions per geography year) → ``dataset`` (the evidence,
resolved for a year) → ``network`` (the bipartite graph) → ``projection`` (sparse
matrices) → ``centrality``, ``overlap``, ``coverage`` (the measures) → ``export``,
``tables`` → ``cli``.
"""

from importlib.metadata import PackageNotFoundError, version

from .dataset import Dataset, load_dataset
from .errors import DataError, DataProblem
from .network import DEFAULT_ROLE_WEIGHTS, build_network, build_party_network
from .reference import Reference, load_reference

try:
    __version__ = version("vsv-analysis")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0+unknown"

__all__ = [
    "DEFAULT_ROLE_WEIGHTS",
    "DataError",
    "DataProblem",
    "Dataset",
    "Reference",
    "build_network",
    "build_party_network",
    "load_dataset",
    "load_reference",
]
