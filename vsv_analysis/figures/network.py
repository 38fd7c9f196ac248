"""Drawings of the network itself: the two-column bipartite drawing and the municipality projection."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from matplotlib.lines import Line2D

from ..common.dutch import count, listing
from ..common.palette import MUNICIPALITY_COLOUR, OKABE_ITO, UNRESOLVED_COLOUR, kind_colours, node_marker_area
from ..evidence.vocabulary import Vocabulary
from .style import Chart, apply_style

__all__ = ["network_figure", "projection_figure"]


LINE_ACTIVE, LINE_LIGHT, LINE_INDIRECT = "#333333", "#8a8a8a", "#b07800"
"""Lines in greys and a dark ochre, so that they are not mistaken for the colours of the kinds of initiative."""


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


def network_figure(G: nx.Graph, vocabulary: Vocabulary, title: str = "Initiatieven en gemeenten") -> Chart:
    """The bipartite network in two columns: initiatives left, municipalities right.

    Initiatives are coloured by kind; lines by role (solid: takes part; dashed:
    a role of interest only, such as observer; dotted: only through a region).
    Municipalities are ordered to sit near their initiatives. A count the
    evidence gives without names is written under its initiative.
    """
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
    rows = max(len(initiatives), len(municipalities), 2)
    scale_left = (rows - 1) / max(len(initiatives) - 1, 1)
    scale_right = (rows - 1) / max(len(municipalities) - 1, 1)
    position = {n: (0.0, rows - 1 - i * scale_left) for i, n in enumerate(initiatives)}
    position.update({n: (1.0, rows - 1 - i * scale_right) for i, n in enumerate(municipalities)})
    light = set(vocabulary.light_roles)
    colours = kind_colours(vocabulary.values("kind"))

    fig, ax = plt.subplots(figsize=(10, max(4.0, 0.36 * rows + 1.6)))
    for u, v, d in G.edges(data=True):
        colour, style, width = _line_style(d["role"], d.get("is_indirect", False), light)
        (x1, y1), (x2, y2) = position[u], position[v]
        ax.plot([x1, x2], [y1, y2], color=colour, linestyle=style, linewidth=width, alpha=0.8, zorder=1)
    for node in initiatives:
        data = G.nodes[node]
        x, y = position[node]
        ax.scatter([x], [y], s=node_marker_area("initiative", G.degree(node)),
                   color=colours.get(data.get("kind"), OKABE_ITO["grey"]),
                   edgecolor="black", linewidth=0.6, zorder=3)
        ax.text(x - 0.07, y, data["name"], ha="right", va="center", fontsize=9)
        if data.get("reported_municipalities"):
            ax.text(x - 0.07, y - 0.42, f"+ {count(data['reported_municipalities'], 'gemeente', 'gemeenten')}, "
                    "niet bij naam genoemd", ha="right", va="center", fontsize=8, color="#444444", style="italic")
    for node in municipalities:
        data = G.nodes[node]
        x, y = position[node]
        resolved = data.get("is_resolved", True)
        ax.scatter([x], [y], s=node_marker_area("municipality", G.degree(node)), marker="s",
                   color=MUNICIPALITY_COLOUR if resolved else UNRESOLVED_COLOUR,
                   edgecolor="black", linewidth=0.6, zorder=3)
        ax.text(x + 0.05, y, data["name"] + ("" if resolved else "  (geen bekende gemeente)"), ha="left",
                va="center", fontsize=9)
    ax.set_xlim(-1.25, 1.8)
    ax.set_ylim(-1.2, rows)
    ax.axis("off")
    ax.set_title(title, loc="left", fontsize=12)
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
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.45, 0.0), ncol=4, frameon=False, fontsize=9)
    fig.tight_layout()

    names, top = _most_linked(G, 1)
    alt = (f"Netwerktekening met links {count(len(initiatives), 'initiatief', 'initiatieven')} en rechts "
           f"{count(len(municipalities), 'gemeente', 'gemeenten')}, verbonden door "
           f"{count(G.number_of_edges(), 'lijn', 'lijnen')}. ")
    alt += (f"De meeste lijnen ({top}) {'heeft' if len(names) == 1 else 'hebben'} {listing(names)}." if top > 1 else
            "Elke gemeente heeft één lijn.")
    return Chart(fig, alt)


def _component_layout(P: nx.Graph) -> tuple[dict, dict]:
    """Kamada-Kawai within each connected part, parts side by side (largest first), and each node's part centre.

    Laying out the parts apart keeps a small separate pair from squeezing the
    main part into a corner; Kamada-Kawai is deterministic.
    """
    position, centre_of, left = {}, {}, 0.0
    parts = sorted(nx.connected_components(P), key=lambda c: (-len(c), min(map(str, c))))
    for part in parts:
        sub = P.subgraph(part)
        size = math.sqrt(len(part))
        layout = nx.kamada_kawai_layout(sub, scale=size) if len(part) > 2 else \
            {n: ((-1) ** i * 0.5 * size, 0.0) for i, n in enumerate(sorted(part, key=str))}
        xs = [x for x, _ in layout.values()]
        shift = left - min(xs)
        centre = (sum(x + shift for x in xs) / len(xs), sum(y for _, y in layout.values()) / len(xs))
        for node, (x, y) in layout.items():
            position[node] = (x + shift, y)
            centre_of[node] = centre
        left = max(x for x, _ in position.values()) + 1.5
    return position, centre_of


def projection_figure(P: nx.Graph, communities: pd.DataFrame, title: str) -> Chart:
    """The municipality projection: who is involved together, coloured by group (Kamada-Kawai layout).

    Each group gets a colour and a legend entry listing its members, so the
    reader need not match colours to names.
    """
    apply_style()
    if P.number_of_edges() == 0:
        return Chart(None, "Er is geen tekening: geen twee gemeenten zitten samen in een initiatief.")
    P = P.subgraph([n for n in P if P.degree(n) > 0]).copy()
    community = dict(zip(communities["node"], communities["community"]))
    palette = [OKABE_ITO[c] for c in ("blue", "orange", "green", "purple", "sky", "vermillion", "yellow", "grey")]
    position, centre_of = _component_layout(P)
    fig, ax = plt.subplots(figsize=(10, 6.5))
    widths = [0.8 + 2.5 * d["weight"] for _, _, d in P.edges(data=True)]
    nx.draw_networkx_edges(P, position, ax=ax, width=widths, edge_color="#888888", alpha=0.7)
    colours = [palette[(community.get(n, 1) - 1) % len(palette)] for n in P]
    nx.draw_networkx_nodes(P, position, ax=ax, node_color=colours, edgecolors="black", linewidths=0.6,
                           node_size=[120 + 80 * P.degree(n) for n in P])
    for node, (x, y) in position.items():
        cx, cy = centre_of[node]
        dx, dy = x - cx, y - cy
        length = math.hypot(dx, dy) or 1.0
        ax.annotate(P.nodes[node].get("name", node), (x, y), xytext=(14 * dx / length, 14 * dy / length),
                    textcoords="offset points", fontsize=9, ha="left" if dx >= 0 else "right",
                    va="bottom" if dy >= 0 else "top",
                    bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 0.6})
    groups = {}
    for node in P:
        groups.setdefault(community.get(node, 1), []).append(P.nodes[node].get("name", node))
    handles = [Line2D([], [], marker="o", linestyle="", color=palette[(c - 1) % len(palette)], markeredgecolor="black",
                      label=f"groep {c}: {listing(sorted(groups[c]))}") for c in sorted(groups)]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, -0.02), frameon=False, fontsize=8)
    ax.set_title(title, loc="left", fontsize=12)
    ax.axis("off")
    ax.margins(0.12)
    fig.tight_layout()
    described = "; ".join(f"groep {c}: {listing(sorted(groups[c]))}" for c in sorted(groups))
    alt = (f"Netwerk van {count(len(P), 'gemeente', 'gemeenten')} die samen in minstens één initiatief zitten, "
           f"verbonden door {count(P.number_of_edges(), 'lijn', 'lijnen')}. "
           f"{count(len(groups), 'groep', 'groepen')}: {described}.")
    return Chart(fig, alt)
