"""The computed text and tables of the detailed reports, in one namespace for the notebooks.

:mod:`.datatext` covers the data and network reports, :mod:`.measuretext` the
centrality, overlap and coverage reports, :mod:`.structuretext` significant
co-involvement, groups on the bipartite network, specialisation and connectance.
"""

from .datatext import *  # noqa: F403
from .datatext import __all__ as _data_names
from .measuretext import *  # noqa: F403
from .measuretext import __all__ as _measure_names
from .structuretext import *  # noqa: F403
from .structuretext import __all__ as _structure_names

__all__ = [*_data_names, *_measure_names, *_structure_names]
