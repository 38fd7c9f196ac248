"""Figures for the reports, with Dutch labels, colour-blind-safe colours and computed alternative text.

Every function takes the tidy tables or graphs the measures return and gives
back a :class:`Chart`: the matplotlib figure and the alternative text made from
the same values (or no figure and a sentence, when there is nothing to draw).
Nothing is computed here that a reader cannot trace to a measure.
"""

from ..common.palette import (
    KIND_PALETTE,
    MUNICIPALITY_COLOUR,
    OKABE_ITO,
    UNRESOLVED_COLOUR,
    kind_colours,
    node_marker_area,
)
from .bars import SCENARIO_COLOURS, coverage_by_scope_figure, coverage_scenarios_figure, ranking_figure
from .distributions import lorenz_figure, null_model_figure
from .matrix import HEATMAP_MAX_INITIATIVES, heatmap_figure, overlap_figure
from .network import DRAWING_MAX_INITIATIVES, is_drawn_by_kind, kind_network_figure, network_figure
from .projection import projection_figure
from .style import Chart

__all__ = [
    "DRAWING_MAX_INITIATIVES", "HEATMAP_MAX_INITIATIVES", "KIND_PALETTE", "MUNICIPALITY_COLOUR", "OKABE_ITO",
    "SCENARIO_COLOURS", "UNRESOLVED_COLOUR", "Chart", "coverage_by_scope_figure", "coverage_scenarios_figure",
    "heatmap_figure", "is_drawn_by_kind", "kind_colours", "kind_network_figure", "lorenz_figure", "network_figure",
    "node_marker_area", "null_model_figure", "overlap_figure", "projection_figure", "ranking_figure",
]
