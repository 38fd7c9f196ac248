"""The computed text and tables of the detailed reports, in one namespace for the notebooks.

:mod:`.datatext` covers the data and network reports, :mod:`.measuretext` the
centrality, overlap and coverage reports.
"""

from .datatext import *  # noqa: F403
from .datatext import __all__ as _data_names
from .measuretext import *  # noqa: F403
from .measuretext import __all__ as _measure_names

__all__ = [*_data_names, *_measure_names]
