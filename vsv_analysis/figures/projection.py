"""The municipality projection drawn: which municipalities take part in initiatives together, by group.

Laid out in points: Kamada-Kawai within each connected part, then dots pushed
apart until none covers another, then each name put beside its dot where it
covers no other name and no dot. A name that finds no such place is numbered,
and the numbers are listed under the drawing.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from ..common.dutch import OTHER_MUNICIPALITIES, count, listing, number, some
from ..common.palette import OKABE_ITO, text_colour
from .labels import LabelPlacer, legend_height, text_height, wrap_text
from .style import NARROW, TEXT_PT, TITLE_PT, WIDE, Chart, Width, apply_style

__all__ = ["PROJECTION_TIES", "projection_figure", "strongest_ties"]

PROJECTION_DEGREE_SCALE = 12
"""In the projection, a dot grows with its number of partners up to this many; beyond, sizes are scaled down."""
GROUP_COLOURS = tuple(OKABE_ITO[c] for c in ("blue", "orange", "green", "purple", "sky", "vermillion", "yellow",
                                             "grey"))


def _component_layout(P: nx.Graph) -> dict:
    """Kamada-Kawai within each connected part, parts side by side (largest first).

    Laying out the parts apart keeps a small separate pair from squeezing the
    main part into a corner; Kamada-Kawai is deterministic.
    """
    position, left = {}, 0.0
    parts = sorted(nx.connected_components(P), key=lambda c: (-len(c), min(map(str, c))))
    for part in parts:
        sub = P.subgraph(part)
        size = math.sqrt(len(part))
        layout = nx.kamada_kawai_layout(sub, scale=size) if len(part) > 2 else \
            {n: ((-1) ** i * 0.5 * size, 0.0) for i, n in enumerate(sorted(part, key=str))}
        shift = left - min(x for x, _ in layout.values())
        position.update({node: (x + shift, y) for node, (x, y) in layout.items()})
        left = max(x for x, _ in position.values()) + 1.5
    return position


def _in_points(position: dict, radius: dict, width: float, height: float, margin: tuple[float, float]) -> dict:
    """``position`` scaled (the same in x and y) into a box of ``width`` × ``height`` points, within ``margin``
    (x, y); then dots pushed apart until no two overlap (at most a few hundred small steps)."""
    nodes = list(position)
    xy = np.array([position[n] for n in nodes], dtype=float)
    low, span = xy.min(axis=0), np.maximum(np.ptp(xy, axis=0), 1e-9)
    room = np.array([width - 2 * margin[0], height - 2 * margin[1]])
    scale = min(room / span)
    xy = (xy - low) * scale + margin + (room - span * scale) / 2
    r = np.array([radius[n] for n in nodes])
    for _ in range(300):
        moved = False
        for i in range(len(nodes)):
            for j in range(i + 1, len(nodes)):
                gap = r[i] + r[j] + 4
                delta = xy[j] - xy[i]
                distance = math.hypot(*delta)
                if distance < gap:
                    direction = delta / distance if distance > 1e-9 else np.array([1.0, 0.0])
                    push = (gap - distance) / 2 + 0.1
                    xy[i] -= direction * push
                    xy[j] += direction * push
                    moved = True
        xy = np.clip(xy, margin, (width - margin[0], height - margin[1]))
        if not moved:
            break
    return {n: tuple(p) for n, p in zip(nodes, xy)}


def projection_figure(P: nx.Graph, communities: pd.DataFrame, title: str) -> Chart:
    """The municipality projection: who is involved together, coloured by group (Kamada-Kawai layout).

    Each group gets a colour and a legend entry listing its members, so the
    reader need not match colours to names.
    """
    apply_style()
    if P.number_of_edges() == 0:
        return Chart(None, "Er is geen tekening: geen twee gemeenten zitten samen in een initiatief.")
    alone = sorted(str(P.nodes[n].get("name", n)) for n in P if P.degree(n) == 0)
    P = strongest_ties(P.subgraph([n for n in P if P.degree(n) > 0]).copy())
    community = dict(zip(communities["node"], communities["community"]))
    layout = _component_layout(P)
    # Widths and sizes grow with weight and degree up to a cap, so that hundreds of shared initiatives or
    # dozens of partners do not turn lines into bands and dots into discs that cover each other.
    heaviest = max(1.0, max(d["weight"] for _, _, d in P.edges(data=True)))
    widest = max(PROJECTION_DEGREE_SCALE, max(d for _, d in P.degree()))
    widths = [0.8 + 2.5 * d["weight"] / heaviest for _, _, d in P.edges(data=True)]
    area = {n: 120 + 80 * P.degree(n) * PROJECTION_DEGREE_SCALE / widest for n in P}
    radius = {n: math.sqrt(a) / 2 for n, a in area.items()}
    colour = {n: GROUP_COLOURS[(community.get(n, 1) - 1) % len(GROUP_COLOURS)] for n in P}
    groups: dict[int, list[str]] = {}
    for node in P:
        groups.setdefault(community.get(node, 1), []).append(P.nodes[node].get("name", node))
    name = {n: str(P.nodes[n].get("name", n)) for n in P}
    order = sorted(P, key=lambda n: (-P.degree(n), name[n]))

    def draw(width: Width, numbers: str = "") -> tuple[plt.Figure, str]:
        """The drawing, with room under it for ``numbers``; and the list of numbers it needed (empty: none)."""
        entries = [wrap_text(f"groep {c}: {listing(sorted(groups[c]))}", width.inches * 72 - 40)
                   for c in sorted(groups)]
        legend = legend_height(entries)
        heading = wrap_text(title, width.inches * 72 - 20, TITLE_PT)
        top = text_height(heading, TITLE_PT) + 14
        plot_width, plot_height = width.inches * 72, (3.6 if width.narrow else 4.4) * 72
        numbers_room = text_height(numbers) + 6 if numbers else 0.0
        total = top + plot_height + legend + numbers_room
        fig = plt.figure(figsize=(width.inches, total / 72))
        ax = fig.add_axes((0, (legend + numbers_room) / total, 1, plot_height / total))
        ax.set_xlim(0, plot_width)
        ax.set_ylim(0, plot_height)
        ax.axis("off")
        fig.text(0.01, 1 - 6 / total, heading, ha="left", va="top", fontsize=TITLE_PT)
        spots = _in_points(layout, radius, plot_width, plot_height, (45.0 if width.narrow else 70.0, 18.0))
        nx.draw_networkx_edges(P, spots, ax=ax, width=widths, edge_color="#888888", alpha=0.7)
        nx.draw_networkx_nodes(P, spots, ax=ax, node_color=[colour[n] for n in P], edgecolors="black",
                               linewidths=0.6, node_size=[area[n] for n in P])
        placer = LabelPlacer(ax)
        for node in P:
            placer.block(spots[node], radius[node] + 1)
        box = {"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "boxstyle": "square,pad=0.1"}
        numbered = []
        for node in order:
            if placer.place(spots[node], name[node], radius[node], bbox=box):
                continue
            numbered.append(node)
            if not placer.place(spots[node], str(len(numbered)), radius[node], bbox=box):
                ax.text(*spots[node], str(len(numbered)), ha="center", va="center", fontsize=TEXT_PT,
                        color=text_colour(colour[node]))  # on its own dot, in a colour that stands out there
        needed = wrap_text("Nummers: " + "; ".join(f"{k} {name[n]}" for k, n in enumerate(numbered, 1)),
                           width.inches * 72 - 16) if numbered else ""
        if numbers:
            fig.text(0.01, (legend + numbers_room - 2) / total, numbers, ha="left", va="top", fontsize=TEXT_PT)
        handles = [Line2D([], [], marker="o", linestyle="", color=GROUP_COLOURS[(c - 1) % len(GROUP_COLOURS)],
                          markeredgecolor="black", label=entry) for c, entry in zip(sorted(groups), entries)]
        fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.005, legend / total), frameon=False,
                   fontsize=TEXT_PT, borderaxespad=0.2)
        return fig, needed

    def drawn(width: Width) -> plt.Figure:
        """Drawn once; again with room for the numbers when some names found no place (the same places)."""
        fig, numbers = draw(width)
        if numbers:
            plt.close(fig)
            fig, _ = draw(width, numbers)
        return fig

    described = "; ".join(f"groep {c}: {listing(sorted(groups[c]))}" for c in sorted(groups))
    thinned = P.graph.get("all_ties")
    lines = (f"door de {count(P.number_of_edges(), 'sterkste band', 'sterkste banden')} (voor elke gemeente haar "
             f"{PROJECTION_TIES} sterkste, van de {number(thinned)} paren die samen in een initiatief zitten)"
             if thinned else f"door {count(P.number_of_edges(), 'lijn', 'lijnen')}")
    alt = (f"Netwerk van {count(len(P), 'gemeente', 'gemeenten')} die samen in minstens één initiatief zitten, "
           f"verbonden {lines}; hoe dikker een lijn, hoe meer initiatieven ze delen. "
           f"{count(len(groups), 'groep', 'groepen')}: {described}.")
    if alone:  # in the groups the text counts, each is a group of its own: the alt says why they are not drawn
        alt += (f" Niet getekend: {some(alone, OTHER_MUNICIPALITIES)}. "
                + ("Die gemeente deelt geen initiatief met een andere gemeente en is een groep op zich."
                   if len(alone) == 1 else
                   f"Die {number(len(alone))} gemeenten delen geen initiatief met een andere gemeente en zijn "
                   "elk een groep op zich."))
    return Chart(drawn(WIDE), alt, narrow=drawn(NARROW))


PROJECTION_TIES = 3
"""Above this many ties per municipality on average, the projection draws only each municipality's strongest
ties, this many: a line for every pair of 56 municipalities is one grey mass in which no group can be seen."""


def strongest_ties(P: nx.Graph, ties: int = PROJECTION_TIES) -> nx.Graph:
    """``P`` while it has at most ``ties`` edges per node on average; otherwise the graph of each node's ``ties``
    heaviest edges (ties broken by name), with ``graph["all_ties"]`` the number of edges of ``P``."""
    if P.number_of_edges() <= ties * P.number_of_nodes():
        return P
    kept = set()
    for node in P:
        heaviest = sorted(P[node].items(), key=lambda item: (-item[1]["weight"], str(item[0])))[:ties]
        kept.update(tuple(sorted((node, other), key=str)) for other, _ in heaviest)
    H = nx.Graph(**P.graph, all_ties=P.number_of_edges())
    H.add_nodes_from(P.nodes(data=True))
    H.add_edges_from((u, v, P.edges[u, v]) for u, v in sorted(kept, key=lambda edge: (str(edge[0]), str(edge[1]))))
    return H
