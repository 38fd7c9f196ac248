"""Text in figures: contrast against what it stands on, names inside their own tile, alt text for every series.

Contrast is WCAG 2.1's (1.4.3: 4.5:1 for small text), computed over every colour
a figure fills a shape with that may carry text. Map labels are measured with
matplotlib's renderer on the real tile maps of every year and of the made-up
second programme. The browser tests (test_accessibility.py) measure the same
figures as a reader's browser shows them.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from conftest import PROJECT, SHARED
from matplotlib.colors import to_hex

from vsv_analysis import figures, maps
from vsv_analysis.common.dutch import SCENARIO_NL
from vsv_analysis.common.palette import KIND_PALETTE, MIN_CONTRAST, OKABE_ITO, contrast_ratio, text_colour
from vsv_analysis.evidence.dataset import load_dataset
from vsv_analysis.figures.bars import BY_SCOPE_SCENARIOS, SCENARIO_COLOURS
from vsv_analysis.figures.network import LINE_INDIRECT, NOTE_COLOUR
from vsv_analysis.figures.projection import GROUP_COLOURS
from vsv_analysis.maps.draw import COVERAGE_CLASSES, RAMP, REGION_COLOURS, SOURCE_COLOUR, UNREACHED
from vsv_analysis.measures import coverage

FIXTURE = PROJECT / "tests" / "fixtures" / "programme_b"
FILLS = sorted({*OKABE_ITO.values(), *KIND_PALETTE, *RAMP, *REGION_COLOURS, UNREACHED, *GROUP_COLOURS,
                *(colour for _, colour, _ in COVERAGE_CLASSES), *SCENARIO_COLOURS.values(),
                *(to_hex(plt.get_cmap("cividis")(x)) for x in np.linspace(0, 1, 101))}, key=str.lower)
"""Every colour a tile, dot or heat-map cell is filled with (the heat map's colour scale in steps of 1%)."""


def test_contrast_ratio_by_hand():
    # #777777: relative luminance ((0x77/255 + 0.055) / 1.055) ** 2.4 = 0.1845; (1.05) / (0.2345) = 4.48
    assert round(contrast_ratio("#777777", "#ffffff"), 2) == 4.48
    assert contrast_ratio("#777777", "#ffffff") < MIN_CONTRAST  # the grey that just fails
    assert contrast_ratio("#ffffff", "#ffffff") == 1.0


@pytest.mark.parametrize("fill", FILLS)
def test_a_label_on_any_fill_has_a_contrast_of_at_least_4_5(fill):
    assert contrast_ratio(text_colour(fill), fill) >= MIN_CONTRAST


@pytest.mark.parametrize("colour", [SOURCE_COLOUR, NOTE_COLOUR, "#000000", "#1d1d1d"])
def test_grey_text_on_white_has_a_contrast_of_at_least_4_5(colour):
    assert contrast_ratio(colour, "#ffffff") >= MIN_CONTRAST


def test_the_region_line_is_told_from_white_by_more_than_colour():
    # a line is no text (1.4.11 asks 3:1 of graphics); the dotted style tells it from the others as well
    assert contrast_ratio(LINE_INDIRECT, "#ffffff") >= 3


def _tile_maps():
    for year in (2021, 2022, 2026):
        data = load_dataset(year=year)
        yield f"{year}", data
    yield "programme_b", load_dataset(FIXTURE)


@pytest.mark.parametrize("name, data", list(_tile_maps()), ids=lambda v: v if isinstance(v, str) else "")
def test_map_names_stay_inside_their_tile_and_stand_out_on_it(name, data):
    base = maps.choose_map(data.reference, "tiles")
    chart = maps.coverage_map_figure(base, coverage.reached_by_scenario(data))
    fig = chart.figure
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    tiles = {}
    for patch in ax.patches:
        box = patch.get_window_extent(renderer)
        tiles[(round(box.x0), round(box.y0))] = (box, to_hex(patch.get_facecolor()))
    boxes = []
    for text in ax.texts:
        box = text.get_window_extent(renderer)
        tile, face = next(((t, f) for t, f in tiles.values() if t.x0 <= box.x0 and box.x1 <= t.x1
                           and t.y0 <= box.y0 and box.y1 <= t.y1), (None, None))
        assert tile is not None, f"{name}: {text.get_text()!r} leaves its tile"
        assert contrast_ratio(text.get_color(), face) >= MIN_CONTRAST, f"{name}: {text.get_text()!r} on {face}"
        assert text.get_fontsize() >= 9
        boxes.append(box)
    assert len(boxes) == len(base.names)  # every municipality: its name, or a number listed under the map
    assert not any(a.overlaps(b) for k, a in enumerate(boxes) for b in boxes[k + 1:])
    plt.close(fig)
    plt.close(chart.narrow)


def test_names_on_a_boundary_map_stay_inside_their_municipality():
    path = SHARED / "reference" / "boundaries_noord_brabant_2022.geojson"
    if not path.exists():
        pytest.skip(f"{path} not present")
    data = load_dataset(year=2022)
    base = maps.choose_map(data.reference, "boundaries", path)
    chart = maps.coverage_map_figure(base, coverage.reached_by_scenario(data))
    fig, ax = chart.figure, chart.figure.axes[0]
    renderer = fig.canvas.get_renderer()
    shapes = [patch.get_transform().transform_path(patch.get_path()) for patch in ax.patches]
    boxes = []
    for text in ax.texts:
        box = text.get_window_extent(renderer)
        corners = [(x, y) for x in (box.x0, box.x1) for y in (box.y0, box.y1)]
        assert any(shape.contains_points(corners).all() for shape in shapes), f"{text.get_text()!r} leaves its shape"
        boxes.append(box)
    assert len(boxes) == 56
    assert not any(a.overlaps(b) for k, a in enumerate(boxes) for b in boxes[k + 1:])
    plt.close(fig)
    plt.close(chart.narrow)


def test_bar_chart_alt_texts_name_every_reading_they_draw():
    data = load_dataset()
    table = coverage.coverage_table(data, reached=coverage.reached_by_scenario(data))
    by_scope = figures.coverage_by_scope_figure(table, ["regio_4"], ["Per regio"])
    drawn = {container.get_label() for container in by_scope.figure.axes[0].containers}
    assert drawn == {SCENARIO_NL[s] for s in BY_SCOPE_SCENARIOS}
    for reading in drawn:
        assert reading.lower() in by_scope.alt
    # and every region with its three counts: "West-Brabant: bij naam genoemd, alleen actieve rollen 3 van de 16, …"
    assert by_scope.alt.count("van de 16") == 3
    scenarios = figures.coverage_scenarios_figure(table, data.reference.area["name"])
    ticks = [tick.get_text().replace("\n", " ") for tick in scenarios.figure.axes[0].get_yticklabels()]
    assert len(ticks) >= 3
    for tick in ticks:
        if tick.startswith("Onder- en bovengrens"):
            assert "aantallen zonder namen tussen" in scenarios.alt
        else:
            assert tick.lower() in scenarios.alt
    for chart in (by_scope, scenarios):
        plt.close(chart.figure)
        plt.close(chart.narrow)


@pytest.mark.parametrize("alone, sentence", [
    (["c"], "Niet getekend: c. Die gemeente deelt geen initiatief met een andere gemeente en is een groep op zich."),
    (["c", "d"], "Niet getekend: c en d. Die 2 gemeenten delen geen initiatief met een andere gemeente en zijn elk "
                 "een groep op zich."),
])
def test_the_projection_alt_text_names_the_municipalities_it_leaves_out(alone, sentence):
    from helpers import bipartite

    from vsv_analysis.figures.projection import projection_figure
    from vsv_analysis.measures.overlap import municipality_communities
    from vsv_analysis.measures.projection import project

    initiatives = ["i1", *(f"j{k}" for k in range(len(alone)))]
    G = bipartite(initiatives, ["a", "b", *alone],
                  [("i1", "a"), ("i1", "b"), *((f"j{k}", m) for k, m in enumerate(alone))])
    groups = municipality_communities(G)
    assert groups["community"].nunique() == 1 + len(alone)  # each left-out municipality is a group of its own
    chart = projection_figure(project(G, "municipality", "newman"), groups, "Samen in initiatieven")
    plt.close("all")
    assert chart.alt.startswith("Netwerk van 2 gemeenten die samen in minstens één initiatief zitten")
    assert "1 groep: groep" in chart.alt and chart.alt.endswith(sentence)


def test_dark_blue_means_an_active_role_in_the_bars_as_on_the_map():
    active_on_map = next(colour for scenario, colour, _ in COVERAGE_CLASSES if scenario == "named_active")
    assert SCENARIO_COLOURS["named_active"] == active_on_map == OKABE_ITO["blue"]
    assert SCENARIO_COLOURS["named"] == OKABE_ITO["sky"]
