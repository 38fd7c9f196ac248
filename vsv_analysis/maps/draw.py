"""Drawing maps: coverage, how strongly each municipality is involved, and the regions.

Every municipality carries its name, on tiles and on boundaries alike, and every
map comes with alternative text made from the same values.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path as MplPath

from ..common.atomic import atomic_write
from ..common.dutch import capitalise, count, listing, number
from ..common.errors import BoundaryError
from ..common.names import name_key
from ..common.palette import OKABE_ITO, text_colour
from ..figures.labels import legend_height, text_height, wrap_text
from ..figures.style import MAP, NARROW, TEXT_AS_WRITTEN, TEXT_PT, TITLE_PT, Chart, Width, apply_style
from ..geography.reference import Reference
from .base import MapBase, choose_map
from .layout import LABEL_PT, TILE, map_layout, numbers_note, rings, shape_labels

__all__ = ["COVERAGE_CLASSES", "coverage_map_figure", "intensity_map_figure", "region_map_figure",
           "write_map_pngs"]

UNREACHED = "#e3e3e3"
RAMP = ("#e3e3e3", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c", "#08306b")  # ColorBrewer Blues
REGION_COLOURS = (OKABE_ITO["green"], OKABE_ITO["purple"], OKABE_ITO["yellow"], OKABE_ITO["vermillion"],
                  OKABE_ITO["black"], OKABE_ITO["grey"])
"""Colours for regions that the coverage map does not use (blue and orange mean "reached" there)."""
POSSIBLY_REACHED = "#f6d9a0"  # a light orange, as in the bar charts: only when the whole region counts
SOURCE_COLOUR = "#555555"  # 7.5:1 on white
COVERAGE_CLASSES = (
    ("named_active", OKABE_ITO["blue"], "bij naam genoemd, in een actieve rol"),
    ("named", OKABE_ITO["sky"], "bij naam genoemd, alleen in een lichte rol"),
    ("named_and_regions", POSSIBLY_REACHED, "mogelijk bereikt: alleen als de hele regio meetelt"),
)
"""The coverage readings are nested (active ⊆ named ⊆ named plus regions), so one map shows all three."""


def _shapes(base: MapBase, code: str) -> list:
    """Fresh patches for one municipality: its tile, or its polygons."""
    if base.mode == "tiles":
        tile = base.tiles.set_index("cbs_code").loc[code]
        return [Rectangle((tile["column"], -tile["row"]), TILE, TILE)]
    patches = []
    for polygon in rings(base, code):
        vertices, codes = [], []
        for points in polygon:
            vertices += points
            codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(points) - 2) + [MplPath.CLOSEPOLY]
        patches.append(PathPatch(MplPath(vertices, codes)))
    return patches


def _names(base: MapBase, codes, limit: int = 60) -> str:
    names = sorted((base.names.get(c, c) for c in codes), key=name_key)
    return listing(names) if len(names) <= limit else f"{', '.join(names[:limit])} en {len(names) - limit} andere"


@dataclass(frozen=True)
class _Entry:
    """One entry of a map's legend: a colour, what it means, and the municipalities in it (listed when narrow)."""

    colour: str
    label: str
    codes: frozenset = frozenset()


def _drawing(base: MapBase, width: Width, title: str, colours: dict[str, str], entries: list[_Entry],
             legend_title: str = "", hatched: dict[str, str] | None = None, note: str = "") -> plt.Figure:
    """One map: every municipality in its colour (grey when it has none), the legend and notes below it.

    Wide, every municipality carries its name (or a number, listed below, where the name does not fit); narrow,
    no names on the map, and each legend entry lists its municipalities instead.
    """
    apply_style()
    hatched = hatched or {}
    layout = map_layout(base, width)
    labels, numbered = ([], []) if width.narrow else shape_labels(base, layout)
    line = width.inches * 72 - 20
    if width.narrow:
        texts = [wrap_text(f"{e.label}: {_names(base, e.codes)}" if e.codes else e.label, line - 20)
                 for e in entries]
    else:
        texts = [wrap_text(e.label, line / 2 - 30) for e in entries]
    columns = 1 if width.narrow else 2
    heading = wrap_text(title, line, TITLE_PT)
    notes = wrap_text("\n".join(filter(None, [note, numbers_note(base, numbered)])), line)
    source = wrap_text(base.source, line)
    legend_box = legend_height(texts, columns, wrap_text(legend_title, line))
    notes_box = text_height(notes) + 6 if notes else 0.0
    source_box = text_height(source) + 8
    map_width, map_height = layout.size
    top = text_height(heading, TITLE_PT) + 14
    total = top + map_height + legend_box + notes_box + source_box
    fig = plt.figure(figsize=(width.inches, total / 72))
    bottom = source_box + notes_box + legend_box
    ax = fig.add_axes((6 / (width.inches * 72), bottom / total, map_width / (width.inches * 72), map_height / total))
    ax.set_xlim(layout.x0, layout.x0 + layout.span_x)
    ax.set_ylim(layout.y0, layout.y0 + layout.span_y)
    ax.axis("off")
    ax.set_title(heading, loc="left", fontsize=TITLE_PT)
    codes = list(base.polygons) if base.mode == "boundaries" else list(base.tiles["cbs_code"])
    for code in codes:
        for patch in _shapes(base, code):
            patch.set(facecolor=colours.get(code, UNREACHED), edgecolor="white", linewidth=0.5)
            ax.add_artist(patch)  # the limits are set above: no data limits to update per shape
    for code, colour in hatched.items():
        for patch in _shapes(base, code):
            patch.set(facecolor="none", edgecolor=colour, hatch="////", linewidth=0)
            ax.add_artist(patch)
    for label in labels:
        face = colours.get(label.code, UNREACHED)
        # in black or white, whichever stands out on its own colour; on hatching, on a patch of that colour
        box = {"facecolor": face, "edgecolor": "none", "boxstyle": "square,pad=0.15"} if label.code in hatched \
            else None
        ax.text(label.x, label.y, label.text, ha="center", va="center", fontsize=LABEL_PT, color=text_colour(face),
                bbox=box, in_layout=False)
    handles = [Rectangle((0, 0), 1, 1, facecolor=e.colour, edgecolor="#999999") for e in entries]
    fig.legend(handles, texts, loc="upper left", bbox_to_anchor=(0.005, bottom / total), ncol=columns,
               frameon=False, fontsize=TEXT_PT, title=wrap_text(legend_title, line) or None,
               title_fontsize=TEXT_PT, alignment="left", borderaxespad=0.2)
    if notes:
        fig.text(0.01, (source_box + notes_box - 2) / total, notes, ha="left", va="top", fontsize=TEXT_PT)
    fig.text(0.01, (source_box - 4) / total, source, ha="left", va="top", fontsize=TEXT_PT, color=SOURCE_COLOUR)
    return fig


def _map_chart(base: MapBase, alt: str, **drawing) -> Chart:
    """A map drawn wide (names on it) and narrow (names in the legend), with its alternative text."""
    return Chart(_drawing(base, MAP, **drawing), alt, narrow=_drawing(base, NARROW, **drawing))


def coverage_map_figure(base: MapBase, reached: dict[str, set[str]]) -> Chart:
    """One map for the three readings: each municipality in the colour of the narrowest reading that reaches it."""
    if not any(reached.values()):
        return Chart(None, f"Er is geen kaart: in geen enkele lezing is een gemeente in {base.area} bereikt.")
    colours, groups, seen = {}, [], set()
    for scenario, colour, label in COVERAGE_CLASSES:
        if scenario not in reached:
            continue
        codes = set(reached[scenario]) - seen
        seen |= codes
        colours.update(dict.fromkeys(codes, colour))
        if codes:
            groups.append((colour, label, codes))
    total = len(base.names)
    entries = [*(_Entry(c, f"{label} ({len(codes)})", frozenset(codes)) for c, label, codes in groups),
               _Entry(UNREACHED, f"niet genoemd, ook niet via een regio ({total - len(seen)})",
                      frozenset(set(base.names) - seen))]
    alt = f"Kaart van {base.area} met alle {total} gemeenten. "
    alt += " ".join(f"{capitalise(label)}: {_names(base, codes)}." for _, label, codes in groups)
    alt += f" Niet genoemd, ook niet via een regio: {count(total - len(seen), 'gemeente', 'gemeenten')}, in grijs."
    return _map_chart(base, alt, title=f"Welke gemeenten in {base.area} bereikt het programma?", colours=colours,
                      entries=entries)


def intensity_map_figure(base: MapBase, values: dict[str, float], title: str, unit: str) -> Chart:
    """How strongly each municipality is involved (a count or weight), in steps of one colour."""
    top = max(values.values(), default=0)
    if top <= 0:
        return Chart(None, f"Er is geen kaart: geen enkele gemeente in {base.area} heeft een waarde boven 0 ({unit}).")
    steps = sorted({v for v in values.values() if v > 0})
    if len(steps) > len(RAMP) - 1:  # more distinct values than colours: equal-width classes
        edges = [top * k / (len(RAMP) - 1) for k in range(1, len(RAMP))]
        colour_of = {v: RAMP[next(i for i, e in enumerate(edges, 1) if v <= e + 1e-9)] for v in steps}
        classes = [(RAMP[i], f"tot {number(edges[i - 1], 1)}") for i in range(1, len(RAMP))]
    else:
        colour_of = {v: RAMP[len(RAMP) - len(steps) + i] for i, v in enumerate(steps)}
        classes = [(colour_of[v], number(v, 0 if float(v).is_integer() else 2)) for v in steps]
    colours = {code: colour_of[v] for code, v in values.items() if v > 0}
    members = {colour: frozenset(code for code, c in colours.items() if c == colour) for colour, _ in classes}
    zero_codes = frozenset(code for code in base.names if values.get(code, 0) <= 0)
    entries = [_Entry(UNREACHED, "0 (niet genoemd)", zero_codes),
               *(_Entry(colour, label, members[colour]) for colour, label in classes)]
    leaders = [code for code, v in values.items() if v == top]
    zero = sum(1 for code in base.names if values.get(code, 0) <= 0)
    shown_top = number(top, 0 if float(top).is_integer() else 2)
    alt = (f"Kaart van {base.area}; hoe donkerder de gemeente, hoe hoger de waarde ({unit}). Het donkerst "
           f"{'is' if len(leaders) == 1 else 'zijn'} {_names(base, leaders)} ({shown_top}). "
           f"{count(len(base.names) - zero, 'gemeente heeft', 'gemeenten hebben')} een waarde boven 0; "
           f"{count(zero, 'gemeente', 'gemeenten')} niet. Per waarde: "
           + "; ".join(f"{label}: {_names(base, members[colour])}" for colour, label in reversed(classes)
                       if members[colour]) + ".")
    return _map_chart(base, alt, title=title, colours=colours, entries=entries, legend_title=unit)


def region_map_figure(base: MapBase, reference: Reference, grouping: str = "regio_4") -> Chart:
    """The regions of one grouping in colour; a municipality that also takes part in a second region is hatched."""
    members = reference.region_members[reference.region_members["grouping"] == grouping]
    if members.empty:
        return Chart(None, "Er is geen regiokaart: de referentiegegevens hebben deze indeling niet.")
    regions = sorted(set(members["short_name"]))
    colour = dict(zip(regions, REGION_COLOURS * (len(regions) // len(REGION_COLOURS) + 1)))
    primary = members[members["is_primary"]]
    secondary = members[~members["is_primary"]]
    sizes = primary.groupby("short_name")["cbs_code"].nunique()
    entries = [_Entry(colour[r], f"{r} ({sizes.get(r, 0)})", frozenset(primary.loc[primary["short_name"] == r,
                                                                                   "cbs_code"]))
               for r in regions]
    also = [f"{base.names.get(code, code)} (ook {name})" for code, name in zip(secondary["cbs_code"],
                                                                            secondary["short_name"])]
    alt = (f"Kaart van {base.area} in {len(regions)} kleuren, één per regio: "
           + "; ".join(f"{r} ({count(sizes.get(r, 0), 'gemeente', 'gemeenten')})" for r in regions) + ".")
    if also:
        alt += f" Gearceerd, omdat ze ook aan een tweede regio meedoen: {listing(also)}."
    return _map_chart(base, alt, title=f"De {len(regions)} regio's van {base.area}",
                      colours={code: colour[name] for code, name in zip(primary["cbs_code"], primary["short_name"])},
                      entries=entries, note=f"Gearceerd: doet ook mee in een tweede regio: {listing(also)}." if also
                      else "", hatched={code: colour[name] for code, name in zip(secondary["cbs_code"],
                                                                                  secondary["short_name"])})


def write_map_pngs(data, output_dir: Path, boundaries_file: str | Path = "") -> list[tuple[str, Path | None, str]]:
    """Write the coverage map as PNG in each map mode that is available.

    Returns ``(mode, path or None, note)`` per mode: ``kaart_tegels.png`` always,
    ``kaart_grenzen.png`` when boundaries are cached or given.
    """
    from ..measures.coverage import reached_by_scenario  # coverage comes before maps in the data flow; a late import

    reached = reached_by_scenario(data)
    written = []
    for mode, name in (("tiles", "kaart_tegels.png"), ("boundaries", "kaart_grenzen.png")):
        try:
            base = choose_map(data.reference, mode, boundaries_file)
        except BoundaryError as error:
            written.append((mode, None, str(error)))
            continue
        chart = coverage_map_figure(base, reached)
        figure = chart.figure
        if chart.narrow is not None:
            plt.close(chart.narrow)
        path = Path(output_dir) / name
        with plt.rc_context(TEXT_AS_WRITTEN):
            atomic_write(path, lambda t, figure=figure: figure.savefig(t, format="png", dpi=150))
        plt.close(figure)
        written.append((mode, path, base.note))
    return written
