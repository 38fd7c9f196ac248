"""Drawings of the network itself: the two-column bipartite drawing and the municipality projection."""

from __future__ import annotations

import math
import textwrap

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D

from ..common.dutch import count, listing, number, some
from ..common.palette import MUNICIPALITY_COLOUR, OKABE_ITO, UNRESOLVED_COLOUR, kind_colours, node_marker_area
from ..evidence.vocabulary import Vocabulary
from .style import Chart, apply_style

__all__ = ["DRAWING_MAX_INITIATIVES", "PROJECTION_TIES", "is_drawn_by_kind", "kind_links", "kind_network_figure",
           "network_figure", "projection_figure", "strongest_ties"]


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


DRAWING_MAX_INITIATIVES = 40
"""Up to this many initiatives the network is drawn with a dot and a name per initiative; above it, a name would
get less than a line's height in a drawing of readable height, so :func:`network_figure` draws the kinds."""


def is_drawn_by_kind(G: nx.Graph) -> bool:
    """Whether :func:`network_figure` draws ``G`` by kind of initiative rather than initiative by initiative."""
    return sum(1 for _, side in G.nodes(data="bipartite") if side == 0) > DRAWING_MAX_INITIATIVES


def _two_columns(left: list, right: list) -> tuple[dict, int]:
    """Positions for two columns of nodes, each spread over the height of the longer one; and that height."""
    rows = max(len(left), len(right), 2)
    scale_left = (rows - 1) / max(len(left) - 1, 1)
    scale_right = (rows - 1) / max(len(right) - 1, 1)
    position = {n: (0.0, rows - 1 - i * scale_left) for i, n in enumerate(left)}
    position.update({n: (1.0, rows - 1 - i * scale_right) for i, n in enumerate(right)})
    return position, rows


def _lines(ax, segments: list, colour, style: str, widths, alpha: float = 0.8) -> None:
    """All lines of one kind in one collection: one artist, however many lines."""
    if segments:
        ax.add_collection(LineCollection(segments, colors=colour, linestyles=style, linewidths=widths, alpha=alpha,
                                         zorder=1))


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
    position, rows = _two_columns(initiatives, municipalities)
    light = set(vocabulary.light_roles)
    colours = kind_colours(vocabulary.values("kind"))

    fig, ax = plt.subplots(figsize=(10, max(4.0, 0.36 * rows + 1.6)))
    by_style: dict[tuple, list] = {}
    for u, v, d in G.edges(data=True):
        by_style.setdefault(_line_style(d["role"], d.get("is_indirect", False), light), []).append(
            [position[u], position[v]])
    for (colour, style, width), segments in by_style.items():
        _lines(ax, segments, colour, style, width)
    ax.scatter([position[n][0] for n in initiatives], [position[n][1] for n in initiatives],
               s=[node_marker_area("initiative", G.degree(n)) for n in initiatives],
               color=[colours.get(G.nodes[n].get("kind"), OKABE_ITO["grey"]) for n in initiatives],
               edgecolor="black", linewidth=0.6, zorder=3)
    ax.scatter([position[n][0] for n in municipalities], [position[n][1] for n in municipalities],
               s=[node_marker_area("municipality", G.degree(n)) for n in municipalities], marker="s",
               color=[MUNICIPALITY_COLOUR if G.nodes[n].get("is_resolved", True) else UNRESOLVED_COLOUR
                      for n in municipalities], edgecolor="black", linewidth=0.6, zorder=3)
    for node in initiatives:
        data = G.nodes[node]
        x, y = position[node]
        ax.text(x - 0.07, y, data["name"], ha="right", va="center", fontsize=9)
        if data.get("reported_municipalities"):
            ax.text(x - 0.07, y - 0.42, f"+ {count(data['reported_municipalities'], 'gemeente', 'gemeenten')}, "
                    "niet bij naam genoemd", ha="right", va="center", fontsize=8, color="#444444", style="italic")
    for node in municipalities:
        data = G.nodes[node]
        x, y = position[node]
        ax.text(x + 0.05, y, data["name"] + ("" if data.get("is_resolved", True) else "  (geen bekende gemeente)"),
                ha="left", va="center", fontsize=9)
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
    position, rows = _two_columns([("kind", k) for k in kinds], municipalities)
    colours = kind_colours(vocabulary.values("kind"))
    fig, ax = plt.subplots(figsize=(10, max(4.0, 0.36 * rows + 1.6)))
    largest = links["initiatives"].max()
    for kind in kinds:
        part = links[links["kind"] == kind]
        _lines(ax, [[position[("kind", kind)], position[n]] for n in part["node"]], colours[kind], "-",
               (0.5 + 6.0 * part["initiatives"] / largest).tolist(), alpha=0.55)
    counts = [int(sizes.get(k, 0)) for k in kinds]
    ax.scatter([0.0] * len(kinds), [position[("kind", k)][1] for k in kinds],
               s=[80 + 520 * n / max(counts) for n in counts], color=[colours[k] for k in kinds],
               edgecolor="black", linewidth=0.6, zorder=3)
    degree = {n: G.degree(n) for n in municipalities}
    ax.scatter([1.0] * len(municipalities), [position[n][1] for n in municipalities],
               s=[40 + 260 * degree[n] / max(degree.values()) for n in municipalities], marker="s",
               color=MUNICIPALITY_COLOUR, edgecolor="black", linewidth=0.6, zorder=3)
    for kind, n in zip(kinds, counts):
        ax.text(-0.09, position[("kind", kind)][1], f"{vocabulary.label('kind', kind, plural=n != 1)} ({number(n)})",
                ha="right", va="center", fontsize=10)
    for node in municipalities:
        ax.text(1.05, position[node][1], f"{G.nodes[node]['name']} ({number(degree[node])})", ha="left",
                va="center", fontsize=9)
    ax.set_xlim(-1.25, 1.8)
    ax.set_ylim(-1.2, rows)
    ax.axis("off")
    ax.set_title(title, loc="left", fontsize=12)
    ax.legend(handles=[Line2D([], [], color="#555555", linewidth=w, label=f"{number(n)} "
                              f"{'initiatief' if n == 1 else 'initiatieven'}")
                       for n, w in ((1, 0.5 + 6.0 / largest), (largest, 6.5))] if largest > 1 else
              [Line2D([], [], color="#555555", linewidth=3, label="1 initiatief")],
              loc="upper center", bbox_to_anchor=(0.45, 0.0), ncol=2, frameon=False, fontsize=9,
              title="Dikte van een lijn: initiatieven van die soort die de gemeente noemen", title_fontsize=9)
    fig.tight_layout()
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
    return Chart(fig, alt)


PROJECTION_DEGREE_SCALE = 12
"""In the projection, a dot grows with its number of partners up to this many; beyond, sizes are scaled down."""


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
    P = strongest_ties(P.subgraph([n for n in P if P.degree(n) > 0]).copy())
    community = dict(zip(communities["node"], communities["community"]))
    palette = [OKABE_ITO[c] for c in ("blue", "orange", "green", "purple", "sky", "vermillion", "yellow", "grey")]
    position, centre_of = _component_layout(P)
    fig, ax = plt.subplots(figsize=(10, 6.5))
    # Widths and sizes grow with weight and degree up to a cap, so that hundreds of shared initiatives or
    # dozens of partners do not turn lines into bands and dots into discs that cover each other.
    heaviest = max(1.0, max(d["weight"] for _, _, d in P.edges(data=True)))
    widest = max(PROJECTION_DEGREE_SCALE, max(d for _, d in P.degree()))
    widths = [0.8 + 2.5 * d["weight"] / heaviest for _, _, d in P.edges(data=True)]
    nx.draw_networkx_edges(P, position, ax=ax, width=widths, edge_color="#888888", alpha=0.7)
    colours = [palette[(community.get(n, 1) - 1) % len(palette)] for n in P]
    nx.draw_networkx_nodes(P, position, ax=ax, node_color=colours, edgecolors="black", linewidths=0.6,
                           node_size=[120 + 80 * P.degree(n) * PROJECTION_DEGREE_SCALE / widest for n in P])
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
                      label=textwrap.fill(f"groep {c}: {listing(sorted(groups[c]))}", 150)) for c in sorted(groups)]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, -0.02), frameon=False, fontsize=8)
    ax.set_title(title, loc="left", fontsize=12)
    ax.axis("off")
    ax.margins(0.12)
    fig.tight_layout()
    described = "; ".join(f"groep {c}: {listing(sorted(groups[c]))}" for c in sorted(groups))
    thinned = P.graph.get("all_ties")
    lines = (f"door de {count(P.number_of_edges(), 'sterkste band', 'sterkste banden')} (voor elke gemeente haar "
             f"{PROJECTION_TIES} sterkste, van de {number(thinned)} paren die samen in een initiatief zitten)"
             if thinned else f"door {count(P.number_of_edges(), 'lijn', 'lijnen')}")
    alt = (f"Netwerk van {count(len(P), 'gemeente', 'gemeenten')} die samen in minstens één initiatief zitten, "
           f"verbonden {lines}. {count(len(groups), 'groep', 'groepen')}: {described}.")
    return Chart(fig, alt)


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
