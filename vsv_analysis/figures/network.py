"""Drawings of the network itself: initiatives (or kinds of initiative) left, municipalities right.

Laid out in points, so that every name keeps its line: rows are as far apart as
the tallest name (wrapped) or dot needs, and the columns stand where the names
beside them end. Narrow, for a phone, the initiatives are numbered, with their
names in a list under the drawing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D

from ..common.dutch import count, listing, number, some
from ..common.palette import MUNICIPALITY_COLOUR, OKABE_ITO, UNRESOLVED_COLOUR, kind_colours, node_marker_area
from ..evidence.vocabulary import Vocabulary
from .labels import LINE_SPACING, legend_height, text_height, text_width, wrap_text
from .style import NARROW, TEXT_PT, TITLE_PT, WIDE, Chart, Width, apply_style

__all__ = ["DRAWING_MAX_INITIATIVES", "is_drawn_by_kind", "kind_links", "kind_network_figure", "network_figure"]


LINE_ACTIVE, LINE_LIGHT, LINE_INDIRECT = "#333333", "#8a8a8a", "#b07800"
"""Lines in greys and a dark ochre, so that they are not mistaken for the colours of the kinds of initiative."""
NOTE_COLOUR = "#444444"  # the count under an initiative: 9.7:1 on white


def _line_style(role: str, is_indirect: bool, light_roles) -> tuple[str, str, float]:
    if is_indirect:
        return LINE_INDIRECT, ":", 1.0
    if role in light_roles:
        return LINE_LIGHT, "--", 1.3
    return LINE_ACTIVE, "-", 1.5


def _most_linked(G: nx.Graph, side: int) -> tuple[list[str], int]:
    degrees = {n: G.degree(n) for n, b in G.nodes(data="bipartite") if b == side}
    top = max(degrees.values(), default=0)
    return sorted(G.nodes[n]["name"] for n, d in degrees.items() if d == top and top > 0), top


DRAWING_MAX_INITIATIVES = 40
"""Up to this many initiatives the network is drawn with a dot and a name per initiative; above it, a name would
get less than a line's height in a drawing of readable height, so :func:`network_figure` draws the kinds."""


def is_drawn_by_kind(G: nx.Graph) -> bool:
    """Whether :func:`network_figure` draws ``G`` by kind of initiative rather than initiative by initiative."""
    return sum(1 for _, side in G.nodes(data="bipartite") if side == 0) > DRAWING_MAX_INITIATIVES


def _lines(ax, segments: list, colour, style: str, widths, alpha: float = 0.8) -> None:
    """All lines of one kind in one collection: one artist, however many lines."""
    if segments:
        ax.add_collection(LineCollection(segments, colors=colour, linestyles=style, linewidths=widths, alpha=alpha,
                                         zorder=1))


@dataclass(frozen=True)
class _Side:
    """One column of a two-column drawing: its labels (wrapped), the height each needs and its dots' areas."""

    labels: list[str]
    heights: list[float]
    areas: list[float]
    notes_width: float = 0.0  # the widest note under a label (in italics)

    @property
    def pitch(self) -> float:
        """Points from one row to the next: the tallest label or dot, and a little air."""
        return max([*self.heights, *(math.sqrt(a) for a in self.areas), TEXT_PT]) + 5

    @property
    def label_width(self) -> float:
        return max([self.notes_width, *(text_width(label) for label in self.labels)])

    @property
    def radius(self) -> float:
        return max((math.sqrt(a) / 2 for a in self.areas), default=0.0)


def _two_columns(width: Width, title: str, left: _Side, right: _Side, below: float):
    """A figure and axes measured in points for two columns of rows; returns them and each side's (x, ys).

    ``below`` is the room, in points, kept under the drawing for the legend and lists.
    """
    height = max(len(left.labels) * left.pitch, len(right.labels) * right.pitch, 72.0)
    heading = wrap_text(title, width.inches * 72 - 20, TITLE_PT)
    top = text_height(heading, TITLE_PT) + 14
    total = top + height + below
    fig = plt.figure(figsize=(width.inches, total / 72))
    ax = fig.add_axes((0, below / total, 1, height / total))
    ax.set_xlim(0, width.inches * 72)
    ax.set_ylim(0, height)
    ax.axis("off")
    fig.text(0.01, 1 - 6 / total, heading, ha="left", va="top", fontsize=TITLE_PT)
    left_x = 6 + left.label_width + 6 + left.radius
    right_x = width.inches * 72 - 6 - right.label_width - 6 - right.radius

    def spread(n: int) -> list[float]:
        return [height - (i + 0.5) * height / n for i in range(n)]

    return fig, ax, (left_x, spread(len(left.labels))), (right_x, spread(len(right.labels)))


def _legend(fig, handles, below_top: float, total: float, columns: int, **options) -> None:
    """The legend of a two-column drawing, under it, from ``below_top`` points above the figure's foot."""
    fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.005, below_top / total), ncol=columns,
               frameon=False, fontsize=TEXT_PT, borderaxespad=0.2, **options)


def network_figure(G: nx.Graph, vocabulary: Vocabulary, title: str = "Initiatieven en gemeenten") -> Chart:
    """The bipartite network in two columns: initiatives left, municipalities right.

    Initiatives are coloured by kind; lines by role (solid: takes part; dashed:
    a role of interest only, such as observer; dotted: only through a region).
    Municipalities are ordered to sit near their initiatives. A count the
    evidence gives without names is written under its initiative. Above
    :data:`DRAWING_MAX_INITIATIVES` initiatives the kinds of initiative take
    their place (:func:`kind_network_figure`). Each kind of line and of dot is
    one matplotlib artist, so the drawing takes as long for a thousand lines as for ten.
    """
    if is_drawn_by_kind(G):
        return kind_network_figure(G, vocabulary)
    apply_style()
    initiatives = sorted((n for n, b in G.nodes(data="bipartite") if b == 0),
                         key=lambda n: (-G.degree(n), G.nodes[n]["name"]))
    municipalities = [n for n, b in G.nodes(data="bipartite") if b == 1]
    if not municipalities:
        return Chart(None, "Er is geen tekening: geen enkel initiatief noemt een gemeente bij naam.")
    left = {n: i for i, n in enumerate(initiatives)}

    def barycentre(node):
        positions = [left[i] for i in G[node]]
        return (sum(positions) / len(positions) if positions else len(initiatives), G.nodes[node]["name"])

    municipalities.sort(key=barycentre)
    light = set(vocabulary.light_roles)
    colours = kind_colours(vocabulary.values("kind"))
    notes = {n: f"+ {count(G.nodes[n]['reported_municipalities'], 'gemeente', 'gemeenten')}, niet bij naam genoemd"
             for n in initiatives if G.nodes[n].get("reported_municipalities")}
    town_names = [G.nodes[n]["name"] + ("" if G.nodes[n].get("is_resolved", True) else " (geen bekende gemeente)")
                  for n in municipalities]
    roles_present = {d["role"] for _, _, d in G.edges(data=True)}
    handles = [Line2D([], [], color=LINE_ACTIVE, linewidth=1.5, label="werkt zelf mee")]
    light_present = [vocabulary.label("role", r) for r in vocabulary.light_roles if r in roles_present]
    if light_present:
        handles.append(Line2D([], [], color=LINE_LIGHT, linestyle="--", linewidth=1.3,
                              label=listing(light_present, "of")))
    if any(d.get("is_indirect") for _, _, d in G.edges(data=True)):
        handles.append(Line2D([], [], color=LINE_INDIRECT, linestyle=":", label="alleen via een regio"))
    kinds = [k for k in vocabulary.values("kind") if any(G.nodes[n].get("kind") == k for n in initiatives)]
    handles += [Line2D([], [], marker="o", linestyle="", color=colours[k], markeredgecolor="black",
                       label=vocabulary.label("kind", k)) for k in kinds]

    def draw(width: Width) -> plt.Figure:
        names = [G.nodes[n]["name"] for n in initiatives]
        if width.narrow:  # numbers beside the dots, the names in a list below
            labels = [str(i + 1) for i in range(len(initiatives))]
            listed = wrap_text("\n".join(f"{i + 1} {name}" + (f" ({notes[n]})" if n in notes else "")
                                          for i, (n, name) in enumerate(zip(initiatives, names))),
                               width.inches * 72 - 16)
            note_lines = {}
        else:
            labels = [wrap_text(name, 2.3 * 72) for name in names]
            listed = ""
            note_lines = {n: wrap_text(note, 2.3 * 72) for n, note in notes.items()}
        heights = [text_height(label) + (text_height(note_lines[n]) if n in note_lines else 0)
                   for n, label in zip(initiatives, labels)]
        left_side = _Side(labels, heights, [node_marker_area("initiative", G.degree(n)) for n in initiatives],
                          max((text_width(note, style="italic") for note in note_lines.values()), default=0.0))
        towns = [wrap_text(name, (1.5 if width.narrow else 1.9) * 72) for name in town_names]
        right_side = _Side(towns, [text_height(t) for t in towns],
                           [node_marker_area("municipality", G.degree(n)) for n in municipalities])
        columns = 1 if width.narrow else 2
        legend = legend_height([h.get_label() for h in handles], columns)
        below = legend + (text_height(listed) + 10 if listed else 0)
        fig, ax, (lx, ly), (rx, ry) = _two_columns(width, title, left_side, right_side, below)
        position = {n: (lx, y) for n, y in zip(initiatives, ly)}
        position.update({n: (rx, y) for n, y in zip(municipalities, ry)})
        by_style: dict[tuple, list] = {}
        for u, v, d in G.edges(data=True):
            by_style.setdefault(_line_style(d["role"], d.get("is_indirect", False), light), []).append(
                [position[u], position[v]])
        for (colour, style, line_width), segments in by_style.items():
            _lines(ax, segments, colour, style, line_width)
        ax.scatter([lx] * len(initiatives), ly, s=left_side.areas, edgecolor="black", linewidth=0.6, zorder=3,
                   color=[colours.get(G.nodes[n].get("kind"), OKABE_ITO["grey"]) for n in initiatives])
        ax.scatter([rx] * len(municipalities), ry, s=right_side.areas, marker="s", edgecolor="black", linewidth=0.6,
                   color=[MUNICIPALITY_COLOUR if G.nodes[n].get("is_resolved", True) else UNRESOLVED_COLOUR
                          for n in municipalities], zorder=3)
        for node, label, y in zip(initiatives, labels, ly):
            note = note_lines.get(node)
            centre = y + (text_height(note) / 2 if note else 0)
            ax.text(lx - left_side.radius - 6, centre, label, ha="right", va="center", fontsize=TEXT_PT)
            if note:
                ax.text(lx - left_side.radius - 6, centre - text_height(label) / 2, note, ha="right", va="top",
                        fontsize=TEXT_PT, color=NOTE_COLOUR, style="italic")
        for label, y in zip(towns, ry):
            ax.text(rx + right_side.radius + 6, y, label, ha="left", va="center", fontsize=TEXT_PT)
        total = fig.get_figheight() * 72
        if listed:
            fig.text(0.01, (below - 4) / total, listed, ha="left", va="top", fontsize=TEXT_PT,
                     linespacing=LINE_SPACING)
        _legend(fig, handles, legend, total, columns)
        return fig

    names, top = _most_linked(G, 1)
    alt = (f"Netwerktekening met links {count(len(initiatives), 'initiatief', 'initiatieven')} en rechts "
           f"{count(len(municipalities), 'gemeente', 'gemeenten')}, verbonden door "
           f"{count(G.number_of_edges(), 'lijn', 'lijnen')}. ")
    alt += (f"De meeste lijnen ({top}) {'heeft' if len(names) == 1 else 'hebben'} {listing(names)}." if top > 1 else
            "Elke gemeente heeft één lijn.")
    styles = {}
    for _, _, d in G.edges(data=True):
        key = ("alleen via een regio" if d.get("is_indirect") else
               listing(light_present, "of") if d["role"] in light else "werkt zelf mee")
        styles[key] = styles.get(key, 0) + 1
    if len(styles) > 1:
        alt += " Soorten lijnen: " + "; ".join(f"{label}: {number(n)}" for label, n in styles.items()) + "."
    per_kind = [(vocabulary.label("kind", k, plural=True), sum(1 for n in initiatives if G.nodes[n].get("kind") == k))
                for k in kinds]
    if len(per_kind) > 1:
        alt += " De kleur van een stip is de soort initiatief: " + "; ".join(f"{label} {number(n)}"
                                                                            for label, n in per_kind) + "."
    return Chart(draw(WIDE), alt, narrow=draw(NARROW))


def kind_links(G: nx.Graph) -> pd.DataFrame:
    """How many initiatives of each kind name each municipality: ``kind``, ``node``, ``initiatives``; most first."""
    rows = [(G.nodes[i].get("kind"), m) for i, m in
            ((u, v) if G.nodes[u]["bipartite"] == 0 else (v, u) for u, v in G.edges())]
    table = pd.DataFrame(rows, columns=["kind", "node"])
    return (table.groupby(["kind", "node"]).size().rename("initiatives").reset_index()
            .sort_values(["initiatives", "kind", "node"], ascending=[False, True, True], ignore_index=True))


def kind_network_figure(G: nx.Graph, vocabulary: Vocabulary, title: str = "Soorten initiatieven en gemeenten") -> Chart:
    """The network by kind of initiative: one dot per kind left, the municipalities right, and a line wherever
    initiatives of a kind name a municipality, the thicker the more initiatives.

    For networks too large to draw initiative by initiative; the whole network goes in the GEXF file. The
    municipalities stand in the order of how many initiatives name them, most first.
    """
    apply_style()
    links = kind_links(G)
    if links.empty:
        return Chart(None, "Er is geen tekening: geen enkel initiatief noemt een gemeente bij naam.")
    sizes = pd.Series([G.nodes[n].get("kind") for n, side in G.nodes(data="bipartite") if side == 0]).value_counts()
    kinds = [k for k in vocabulary.values("kind") if k in set(links["kind"])]
    municipalities = sorted(set(links["node"]), key=lambda n: (-G.degree(n), G.nodes[n]["name"]))
    colours = kind_colours(vocabulary.values("kind"))
    largest = links["initiatives"].max()
    counts = [int(sizes.get(k, 0)) for k in kinds]
    degree = {n: G.degree(n) for n in municipalities}
    handles = ([Line2D([], [], color="#555555", linewidth=w, label=count(n, "initiatief", "initiatieven"))
                for n, w in ((1, 0.5 + 6.0 / largest), (largest, 6.5))] if largest > 1 else
               [Line2D([], [], color="#555555", linewidth=3, label="1 initiatief")])
    legend_title = "Dikte van een lijn: initiatieven van die soort die de gemeente noemen"

    def draw(width: Width) -> plt.Figure:
        labels = [wrap_text(f"{vocabulary.label('kind', k, plural=n != 1)} ({number(n)})",
                            (1.2 if width.narrow else 2.0) * 72) for k, n in zip(kinds, counts)]
        left_side = _Side(labels, [text_height(label) for label in labels],
                          [80 + 520 * n / max(counts) for n in counts])
        towns = [wrap_text(f"{G.nodes[n]['name']} ({number(degree[n])})", (1.5 if width.narrow else 1.9) * 72)
                 for n in municipalities]
        right_side = _Side(towns, [text_height(t) for t in towns],
                           [40 + 260 * degree[n] / max(degree.values()) for n in municipalities])
        heading = wrap_text(legend_title, width.inches * 72 - 16)
        legend = legend_height([h.get_label() for h in handles], 2, heading)
        fig, ax, (lx, ly), (rx, ry) = _two_columns(width, title, left_side, right_side, legend)
        position = {("kind", k): (lx, y) for k, y in zip(kinds, ly)}
        position.update({n: (rx, y) for n, y in zip(municipalities, ry)})
        for kind in kinds:
            part = links[links["kind"] == kind]
            _lines(ax, [[position[("kind", kind)], position[n]] for n in part["node"]], colours[kind], "-",
                   (0.5 + 6.0 * part["initiatives"] / largest).tolist(), alpha=0.55)
        ax.scatter([lx] * len(kinds), ly, s=left_side.areas, color=[colours[k] for k in kinds], edgecolor="black",
                   linewidth=0.6, zorder=3)
        ax.scatter([rx] * len(municipalities), ry, s=right_side.areas, marker="s", color=MUNICIPALITY_COLOUR,
                   edgecolor="black", linewidth=0.6, zorder=3)
        for label, y in zip(labels, ly):
            ax.text(lx - left_side.radius - 6, y, label, ha="right", va="center", fontsize=TEXT_PT)
        for label, y in zip(towns, ry):
            ax.text(rx + right_side.radius + 6, y, label, ha="left", va="center", fontsize=TEXT_PT)
        _legend(fig, handles, legend, fig.get_figheight() * 72, 2, title=heading, title_fontsize=TEXT_PT)
        return fig

    best = links.iloc[0]
    names, top = _most_linked(G, 1)
    alt = (f"Netwerktekening per soort initiatief: links {count(len(kinds), 'soort', 'soorten')} ("
           + listing(f"{number(n)} {vocabulary.label('kind', k, plural=n != 1)}" for k, n in zip(kinds, counts))
           + f"), rechts {count(len(municipalities), 'gemeente', 'gemeenten')}, verbonden door "
           f"{count(len(links), 'lijn', 'lijnen')}; hoe dikker een lijn, hoe meer initiatieven van die soort de "
           f"gemeente noemen. De dikste lijn ({count(int(best['initiatives']), 'initiatief', 'initiatieven')}) loopt "
           f"van {vocabulary.label('kind', best['kind'], plural=True)} naar {G.nodes[best['node']]['name']}. "
           f"{some(names, ('andere gemeente', 'andere gemeenten'))} {'wordt' if len(names) == 1 else 'worden elk'} "
           f"bij de meeste initiatieven genoemd ({number(top)}).")
    return Chart(draw(WIDE), alt, narrow=draw(NARROW))
