"""Drawing maps: coverage, how strongly each municipality is involved, and the regions.

Every municipality carries its name, on tiles and on boundaries alike, and every
map comes with alternative text made from the same values.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path as MplPath

from ..common.atomic import atomic_write
from ..common.dutch import capitalise, count, listing, number
from ..common.errors import BoundaryError
from ..common.names import name_key
from ..common.palette import OKABE_ITO
from ..figures.style import TEXT_AS_WRITTEN, Chart, apply_style
from ..geography.boundaries import ring_centroid
from ..geography.reference import Reference
from .base import MapBase, choose_map

__all__ = ["COVERAGE_CLASSES", "coverage_map_figure", "intensity_map_figure", "region_map_figure",
           "write_map_pngs"]

UNREACHED = "#e3e3e3"
RAMP = ("#e3e3e3", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c", "#08306b")  # ColorBrewer Blues
REGION_COLOURS = (OKABE_ITO["green"], OKABE_ITO["purple"], OKABE_ITO["yellow"], OKABE_ITO["vermillion"],
                  OKABE_ITO["black"], OKABE_ITO["grey"])
"""Colours for regions that the coverage map does not use (blue and orange mean "reached" there)."""
POSSIBLY_REACHED = "#f6d9a0"  # a light orange, as in the bar charts: only when the whole region counts
DARK = {*RAMP[4:], OKABE_ITO["blue"], OKABE_ITO["purple"], OKABE_ITO["green"], OKABE_ITO["vermillion"],
        OKABE_ITO["black"]}
COVERAGE_CLASSES = (
    ("named_active", OKABE_ITO["blue"], "bij naam genoemd, in een actieve rol"),
    ("named", OKABE_ITO["sky"], "bij naam genoemd, alleen in een lichte rol"),
    ("named_and_regions", POSSIBLY_REACHED, "mogelijk bereikt: alleen als de hele regio meetelt"),
)
"""The coverage readings are nested (active ⊆ named ⊆ named plus regions), so one map shows all three."""


def _wrap(label: str, width: int = 10) -> str:
    if len(label) <= width:
        return label
    for separator in (" ", "-"):
        cut = label.rfind(separator, 0, width + 2)
        if cut > 0:
            keep = label[:cut + (1 if separator == "-" else 0)]
            return keep + "\n" + _wrap(label[cut + 1:], width)
    return label


def _rings(base: MapBase, code: str):
    scale = base.x_scale
    for polygon in base.polygons[code]:
        yield [[(x * scale, y) for x, y in ring] for ring in polygon]


def _shapes(base: MapBase, code: str) -> list:
    """Fresh patches for one municipality: its tile, or its polygons."""
    if base.mode == "tiles":
        tile = base.tiles.set_index("cbs_code").loc[code]
        return [Rectangle((tile["column"], -tile["row"]), 0.94, 0.94)]
    patches = []
    for rings in _rings(base, code):
        vertices, codes = [], []
        for points in rings:
            vertices += points
            codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(points) - 2) + [MplPath.CLOSEPOLY]
        patches.append(PathPatch(MplPath(vertices, codes)))
    return patches


def _label_point(base: MapBase, code: str) -> tuple[float, float]:
    """Where a municipality's name goes: the centroid of the outer ring of its largest polygon."""
    best, best_area = (0.0, 0.0), -1.0
    for rings in _rings(base, code):
        area, x, y = ring_centroid(rings[0])
        if area and abs(area) > best_area:
            best, best_area = (x, y), abs(area)
    return best


def _draw(ax, base: MapBase, colours: dict[str, str], labels: bool = True) -> None:
    """Draw every municipality in its colour (grey when it has none), with its name."""
    if base.mode == "boundaries":
        for code in base.polygons:
            for patch in _shapes(base, code):
                patch.set(facecolor=colours.get(code, UNREACHED), edgecolor="white", linewidth=0.5)
                ax.add_patch(patch)
            if labels:
                x, y = _label_point(base, code)
                ax.text(x, y, _wrap(base.names.get(code, code), 12), ha="center", va="center", fontsize=5.2,
                        linespacing=0.85, color="white" if colours.get(code, UNREACHED) in DARK else "black")
        ax.autoscale_view()
    else:
        for row in base.tiles.itertuples():
            colour = colours.get(row.cbs_code, UNREACHED)
            # add_artist, not add_patch: the limits are set below, so the data limits need no update per tile
            ax.add_artist(Rectangle((row.column, -row.row), 0.94, 0.94, facecolor=colour, edgecolor="white",
                                    linewidth=0.5))
            if labels:
                text = _wrap(row.label, 9)
                longest = max(len(line) for line in text.split("\n"))
                # sized to fit inside its tile, so the layout need not measure it
                ax.text(row.column + 0.47, -row.row + 0.47, text, ha="center", va="center",
                        fontsize=min(7.4, 7.4 * 9 / longest), color="white" if colour in DARK else "black",
                        linespacing=1.05, in_layout=False)
        ax.set_xlim(-0.1, base.tiles["column"].max() + 1.04)
        ax.set_ylim(-base.tiles["row"].max() - 0.1, 1.04)
    ax.set_aspect("equal")
    ax.axis("off")


def _hatch(ax, base: MapBase, colours: dict[str, str]) -> None:
    for code, colour in colours.items():
        for patch in _shapes(base, code):
            patch.set(facecolor="none", edgecolor=colour, hatch="////", linewidth=0)
            ax.add_patch(patch)


def _legend(ax, entries: list[tuple[str, str]], **options) -> None:
    handles = [Rectangle((0, 0), 1, 1, facecolor=colour, edgecolor="#999999") for colour, _ in entries]
    ax.legend(handles, [label for _, label in entries], frameon=False, fontsize=10, **options)


def _figure(base: MapBase, title: str):
    apply_style()
    fig, ax = plt.subplots(figsize=(10, 7.2))
    ax.set_title(title, loc="left", fontsize=13)
    return fig, ax


def _finish(fig, base: MapBase) -> None:
    fig.text(0.01, 0.01, base.source, fontsize=8.5, color="#555555")
    fig.tight_layout(rect=(0, 0.03, 1, 1))


def _names(base: MapBase, codes, limit: int = 60) -> str:
    names = sorted((base.names.get(c, c) for c in codes), key=name_key)
    return listing(names) if len(names) <= limit else f"{', '.join(names[:limit])} en {len(names) - limit} andere"


def coverage_map_figure(base: MapBase, reached: dict[str, set[str]]) -> Chart:
    """One map for the three readings: each municipality in the colour of the narrowest reading that reaches it."""
    if not any(reached.values()):
        return Chart(None, f"Er is geen kaart: in geen enkele lezing is een gemeente in {base.area} bereikt.")
    fig, ax = _figure(base, f"Welke gemeenten in {base.area} bereikt het programma?")
    colours, groups, seen = {}, [], set()
    for scenario, colour, label in COVERAGE_CLASSES:
        if scenario not in reached:
            continue
        codes = set(reached[scenario]) - seen
        seen |= codes
        colours.update(dict.fromkeys(codes, colour))
        if codes:
            groups.append((colour, label, codes))
    _draw(ax, base, colours)
    total = len(base.names)
    _legend(ax, [*((c, f"{label} ({len(codes)})") for c, label, codes in groups),
                 (UNREACHED, f"niet bereikt ({total - len(seen)})")],
            loc="upper left", bbox_to_anchor=(0.0, 0.0), ncol=2)
    _finish(fig, base)
    alt = f"Kaart van {base.area} met alle {total} gemeenten. "
    alt += " ".join(f"{capitalise(label)}: {_names(base, codes)}." for _, label, codes in groups)
    alt += f" Niet bereikt: {count(total - len(seen), 'gemeente', 'gemeenten')}, in grijs."
    return Chart(fig, alt)


def intensity_map_figure(base: MapBase, values: dict[str, float], title: str, unit: str) -> Chart:
    """How strongly each municipality is involved (a count or weight), in steps of one colour."""
    top = max(values.values(), default=0)
    if top <= 0:
        return Chart(None, f"Er is geen kaart: geen enkele gemeente in {base.area} heeft een waarde boven 0 ({unit}).")
    fig, ax = _figure(base, title)
    steps = sorted({v for v in values.values() if v > 0})
    if len(steps) > len(RAMP) - 1:  # more distinct values than colours: equal-width classes
        edges = [top * k / (len(RAMP) - 1) for k in range(1, len(RAMP))]
        colour_of = {v: RAMP[next(i for i, e in enumerate(edges, 1) if v <= e + 1e-9)] for v in steps}
        entries = [(RAMP[i], f"tot {number(edges[i - 1], 1)}") for i in range(1, len(RAMP))]
    else:
        colour_of = {v: RAMP[len(RAMP) - len(steps) + i] for i, v in enumerate(steps)}
        entries = [(colour_of[v], number(v, 0 if float(v).is_integer() else 2)) for v in steps]
    _draw(ax, base, {code: colour_of[v] for code, v in values.items() if v > 0})
    _legend(ax, [(UNREACHED, "0 (niet genoemd)"), *entries], title=unit, loc="upper left", bbox_to_anchor=(1.0, 1.0),
            title_fontsize=8.5)
    _finish(fig, base)
    leaders = [code for code, v in values.items() if v == top]
    zero = sum(1 for code in base.names if values.get(code, 0) <= 0)
    shown_top = number(top, 0 if float(top).is_integer() else 2)
    alt = (f"Kaart van {base.area}; hoe donkerder de gemeente, hoe hoger de waarde ({unit}). Het donkerst "
           f"{'is' if len(leaders) == 1 else 'zijn'} {_names(base, leaders)} ({shown_top}). "
           f"{count(len(base.names) - zero, 'gemeente heeft', 'gemeenten hebben')} een waarde boven 0; "
           f"{count(zero, 'gemeente', 'gemeenten')} niet.")
    return Chart(fig, alt)


def region_map_figure(base: MapBase, reference: Reference, grouping: str = "regio_4") -> Chart:
    """The regions of one grouping in colour; a municipality that also takes part in a second region is hatched."""
    members = reference.region_members[reference.region_members["grouping"] == grouping]
    if members.empty:
        return Chart(None, "Er is geen regiokaart: de referentiegegevens hebben deze indeling niet.")
    regions = sorted(set(members["short_name"]))
    colour = dict(zip(regions, REGION_COLOURS * (len(regions) // len(REGION_COLOURS) + 1)))
    primary = members[members["is_primary"]]
    secondary = members[~members["is_primary"]]
    fig, ax = _figure(base, f"De {len(regions)} regio's van {base.area}")
    _draw(ax, base, {code: colour[name] for code, name in zip(primary["cbs_code"], primary["short_name"])})
    _hatch(ax, base, {code: colour[name] for code, name in zip(secondary["cbs_code"], secondary["short_name"])})
    sizes = primary.groupby("short_name")["cbs_code"].nunique()
    entries = [(colour[r], f"{r} ({sizes.get(r, 0)})") for r in regions]
    _legend(ax, entries, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    also = [f"{base.names.get(code, code)} (ook {name})" for code, name in zip(secondary["cbs_code"],
                                                                            secondary["short_name"])]
    if also:
        ax.text(1.02, 0.45, "Gearceerd: doet ook mee\nin een tweede regio:\n" + "\n".join(also),
                transform=ax.transAxes, fontsize=8, va="top")
    _finish(fig, base)
    alt = (f"Kaart van {base.area} in {len(regions)} kleuren, één per regio: "
           + "; ".join(f"{r} ({count(sizes.get(r, 0), 'gemeente', 'gemeenten')})" for r in regions) + ".")
    if also:
        alt += f" Gearceerd, omdat ze ook aan een tweede regio meedoen: {listing(also)}."
    return Chart(fig, alt)


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
        figure = coverage_map_figure(base, reached).figure
        path = Path(output_dir) / name
        with plt.rc_context(TEXT_AS_WRITTEN):
            atomic_write(path, lambda t, figure=figure: figure.savefig(t, format="png", dpi=150))
        plt.close(figure)
        written.append((mode, path, base.note))
    return written
