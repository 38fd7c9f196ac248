"""Figures for the reports, with Dutch labels and colour-blind-safe colours (Okabe & Ito).

Each function takes the tidy tables or graphs the measures return and gives back a
matplotlib ``Figure``; nothing is computed here that a reader cannot trace to a
measure.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # reports are rendered without a screen

import matplotlib.backends.backend_svg  # noqa: E402, F401 (the reports embed SVG; load it with the other imports)
import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from .dutch import KIND_NL, SCENARIO_NL, SIZE_CLASS_NL, number  # noqa: E402
from .network import DEFAULT_ROLE_WEIGHTS, LIGHT_ROLES  # noqa: E402

__all__ = [
    "KIND_COLOURS", "MUNICIPALITY_COLOUR", "OKABE_ITO", "UNRESOLVED_COLOUR", "coverage_by_scope_figure",
    "coverage_scenarios_figure", "heatmap_figure", "lorenz_figure",
    "network_figure", "node_marker_area", "null_model_figure", "projection_figure", "ranking_figure",
]

OKABE_ITO = {
    "black": "#000000", "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "grey": "#999999",
}
KIND_COLOURS = {
    "pilot": OKABE_ITO["blue"], "proeftuin": OKABE_ITO["green"], "method": OKABE_ITO["purple"],
    "programme": OKABE_ITO["black"], "network": OKABE_ITO["yellow"], "fund": OKABE_ITO["vermillion"],
    "exchange": OKABE_ITO["grey"],
}
MUNICIPALITY_COLOUR = "#d9d9d9"
UNRESOLVED_COLOUR = "#ffffff"  # a name that is no known municipality


def node_marker_area(node_kind: str, degree: int) -> float:
    """Marker area (points squared) of a node in the network figure: larger with more connections."""
    return 80 + 40 * degree if node_kind == "initiative" else 40 + 30 * degree


SCENARIO_COLOURS = {
    "named": OKABE_ITO["blue"], "named_active": OKABE_ITO["sky"], "named_and_regions": OKABE_ITO["orange"],
    "counts_lower": OKABE_ITO["grey"], "counts_upper": OKABE_ITO["grey"],
}


def _style() -> None:
    plt.rcParams.update({"font.size": 10, "axes.spines.top": False, "axes.spines.right": False,
                         "figure.dpi": 100, "savefig.dpi": 100})


def _role_style(role: str, is_indirect: bool) -> tuple[str, str, float]:
    if is_indirect:
        return OKABE_ITO["orange"], ":", 0.8
    if role == "observer":
        return "#666666", "--", 1.2
    if role in LIGHT_ROLES or DEFAULT_ROLE_WEIGHTS.get(role, 1.0) < 1.0:
        return OKABE_ITO["vermillion"], "--", 1.2
    return OKABE_ITO["blue"], "-", 1.6


def network_figure(G: nx.Graph, title: str = "Initiatieven en gemeenten") -> plt.Figure:
    """The bipartite network in two columns: initiatives left, municipalities right.

    Initiatives are coloured by kind; lines by role (solid: takes part; dashed:
    light role; dotted: only through a region). Municipalities are ordered to
    sit near their initiatives. A count the memo gives without names is written
    under its initiative.
    """
    _style()
    initiatives = sorted((n for n, b in G.nodes(data="bipartite") if b == 0),
                         key=lambda n: (-G.degree(n), G.nodes[n]["name"]))
    left = {n: i for i, n in enumerate(initiatives)}
    municipalities = [n for n, b in G.nodes(data="bipartite") if b == 1]

    def barycentre(node):
        positions = [left[i] for i in G[node]]
        return (sum(positions) / len(positions) if positions else len(initiatives), G.nodes[node]["name"])

    municipalities.sort(key=barycentre)
    rows = max(len(initiatives), len(municipalities), 2)
    scale_left = (rows - 1) / max(len(initiatives) - 1, 1)
    scale_right = (rows - 1) / max(len(municipalities) - 1, 1)
    position = {n: (0.0, rows - 1 - i * scale_left) for i, n in enumerate(initiatives)}
    position.update({n: (1.0, rows - 1 - i * scale_right) for i, n in enumerate(municipalities)})

    fig, ax = plt.subplots(figsize=(10, max(4.0, 0.34 * rows + 1.2)))
    for u, v, d in G.edges(data=True):
        colour, style, width = _role_style(d["role"], d.get("is_indirect", False))
        (x1, y1), (x2, y2) = position[u], position[v]
        ax.plot([x1, x2], [y1, y2], color=colour, linestyle=style, linewidth=width, alpha=0.8, zorder=1)
    for node in initiatives:
        data = G.nodes[node]
        x, y = position[node]
        ax.scatter([x], [y], s=node_marker_area("initiative", G.degree(node)),
                   color=KIND_COLOURS.get(data.get("kind"), OKABE_ITO["grey"]),
                   edgecolor="black", linewidth=0.6, zorder=3)
        ax.text(x - 0.07, y, data["name"], ha="right", va="center", fontsize=9)
        if data.get("reported_municipalities"):
            ax.text(x - 0.07, y - 0.42, f"+ {data['reported_municipalities']} gemeenten, niet bij naam genoemd",
                    ha="right", va="center", fontsize=8, color="#444444", style="italic")
    for node in municipalities:
        data = G.nodes[node]
        x, y = position[node]
        resolved = data.get("is_resolved", True)
        ax.scatter([x], [y], s=node_marker_area("municipality", G.degree(node)), marker="s",
                   color=MUNICIPALITY_COLOUR if resolved else UNRESOLVED_COLOUR, edgecolor="black", linewidth=0.6,
                   zorder=3)
        label = data["name"] + ("  (geen bekende gemeente)" if not resolved else "")
        ax.text(x + 0.05, y, label, ha="left", va="center", fontsize=9)
    ax.set_xlim(-1.25, 1.8)
    ax.set_ylim(-1.2, rows)
    ax.axis("off")
    ax.set_title(title, loc="left", fontsize=12)
    handles = [Line2D([], [], color=OKABE_ITO["blue"], linewidth=1.6, label="doet mee"),
               Line2D([], [], color=OKABE_ITO["vermillion"], linestyle="--", label="verkent, vroeg erom of is lid"),
               Line2D([], [], color="#666666", linestyle="--", label="toehoorder")]
    if any(d.get("is_indirect") for _, _, d in G.edges(data=True)):
        handles.append(Line2D([], [], color=OKABE_ITO["orange"], linestyle=":", label="alleen via een regio"))
    kinds = sorted({G.nodes[n].get("kind") for n in initiatives} - {None})
    handles += [Line2D([], [], marker="o", linestyle="", color=KIND_COLOURS[k], markeredgecolor="black",
                       label=KIND_NL[k]) for k in kinds]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.45, 0.0), ncol=4, frameon=False, fontsize=8)
    fig.tight_layout()
    return fig


def ranking_figure(values: pd.Series, title: str, xlabel: str, highlight: int = 3) -> plt.Figure:
    """Horizontal bars, largest on top; the first ``highlight`` bars stand out."""
    _style()
    values = values.sort_index(ascending=False).sort_values(ascending=True, kind="stable")  # ties: alphabetical
    fig, ax = plt.subplots(figsize=(8, max(2.5, 0.3 * len(values) + 1)))
    colours = [OKABE_ITO["blue"] if i >= len(values) - highlight else OKABE_ITO["sky"] for i in range(len(values))]
    ax.barh(list(values.index), list(values.values), color=colours)
    if all(float(v).is_integer() for v in values.values):
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(xlabel)
    ax.set_title(title, loc="left", fontsize=12)
    fig.tight_layout()
    return fig


def heatmap_figure(matrix: pd.DataFrame, title: str, label: str = "Jaccard-index") -> plt.Figure:
    """A square matrix as a heatmap, values in the cells; the diagonal (an initiative with itself) left blank."""
    _style()
    size = len(matrix)
    values = matrix.to_numpy(dtype=float).copy()
    np.fill_diagonal(values, np.nan)
    top = np.nanmax(values) if np.isfinite(values).any() and np.nanmax(values) > 0 else 1.0
    fig, ax = plt.subplots(figsize=(max(6, 0.75 * size + 4), max(5, 0.6 * size + 2)))
    image = ax.imshow(np.ma.masked_invalid(values), cmap="cividis", vmin=0, vmax=top)
    ax.set_xticks(range(size), [_short(n, 24) for n in matrix.columns], rotation=40, ha="right")
    ax.set_yticks(range(size), [_short(n, 24) for n in matrix.index])
    for i in range(size):
        for j in range(size):
            if i != j and not np.isnan(values[i, j]):
                ax.text(j, i, number(values[i, j], 2), ha="center", va="center", fontsize=8,
                        color="black" if values[i, j] > 0.55 * top else "white")
    bar = fig.colorbar(image, ax=ax, label=label, shrink=0.8)
    bar.ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: number(v, 2)))
    ax.set_title(title, loc="left", fontsize=12)
    ax.spines[:].set_visible(False)
    fig.tight_layout()
    return fig


def _short(name: str, width: int = 32) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


def projection_figure(P: nx.Graph, communities: pd.DataFrame, title: str) -> plt.Figure:
    """The municipality projection: who is involved together, coloured by community (Kamada-Kawai layout)."""
    _style()
    community = dict(zip(communities["node"], communities["community"]))
    palette = [OKABE_ITO[c] for c in ("blue", "orange", "green", "purple", "sky", "vermillion", "yellow", "grey")]
    # Kamada-Kawai is deterministic and keeps small separate groups visible next to the main one.
    position = nx.kamada_kawai_layout(P) if len(P) > 1 else {n: (0.0, 0.0) for n in P}
    fig, ax = plt.subplots(figsize=(9, 6.5))
    widths = [0.8 + 2.5 * d["weight"] for _, _, d in P.edges(data=True)]
    nx.draw_networkx_edges(P, position, ax=ax, width=widths, edge_color="#888888", alpha=0.7)
    colours = [palette[(community.get(n, 1) - 1) % len(palette)] for n in P]
    nx.draw_networkx_nodes(P, position, ax=ax, node_color=colours, edgecolors="black", linewidths=0.6,
                           node_size=[120 + 80 * P.degree(n) for n in P])
    label_position = {n: (x, y + 0.07) for n, (x, y) in position.items()}
    nx.draw_networkx_labels(P, label_position, ax=ax, labels={n: P.nodes[n].get("name", n) for n in P}, font_size=9,
                            verticalalignment="bottom",
                            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.75, "pad": 0.5})
    handles = [Line2D([], [], marker="o", linestyle="", color=palette[(c - 1) % len(palette)],
                      markeredgecolor="black", label=f"groep {c}") for c in sorted(set(community.values()))]
    ax.legend(handles=handles, loc="lower left", frameon=False, fontsize=8, ncol=min(len(handles), 5))
    ax.set_title(title, loc="left", fontsize=12)
    ax.axis("off")
    fig.tight_layout()
    return fig


def null_model_figure(result: pd.DataFrame) -> plt.Figure:
    """Histogram of NODF in the random matrices, with the observed value marked."""
    _style()
    row = result.iloc[0]
    null = np.asarray(result.attrs.get("null_nodf", []), dtype=float)
    fig, ax = plt.subplots(figsize=(8, 3.6))
    if len(null):
        ax.hist(null, bins=min(30, max(5, len(null) // 6)), color=OKABE_ITO["sky"], edgecolor="white",
                label=f"{len(null)} toevalsnetwerken met dezelfde aantallen")
    ax.axvline(row["nodf"], color=OKABE_ITO["vermillion"], linewidth=2.5,
               label=f"VSV-netwerk: NODF {number(row['nodf'], 1)}")
    ax.set_xlabel("NODF (0 = niet genest, 100 = volledig genest)")
    ax.set_ylabel("aantal toevalsnetwerken")
    ax.set_title("Gaan kleine initiatieven naar dezelfde gemeenten als grote?", loc="left", fontsize=12)
    ax.legend(frameon=False, fontsize=9)
    fig.tight_layout()
    return fig


def coverage_scenarios_figure(coverage: pd.DataFrame, scope: str = "Noord-Brabant") -> plt.Figure:
    """Share of municipalities and of residents reached, per scenario; the count bounds drawn as a range."""
    _style()
    rows = coverage[coverage["scope"] == scope].set_index("scenario")
    fig, axes = plt.subplots(1, 2, figsize=(11, 3.8), sharey=True)
    plain = [s for s in ("named", "named_active", "named_and_regions") if s in rows.index]
    labels = [SCENARIO_NL[s] for s in plain] + ["Onder- en bovengrens met de aantallen zonder namen"]
    for ax, column, heading in ((axes[0], "share_pct", "gemeenten bereikt (%)"),
                                (axes[1], "population_share_pct", "inwoners in een bereikte gemeente (%)")):
        values = [rows.loc[s, column] for s in plain]
        ax.barh(range(len(plain)), values, color=[SCENARIO_COLOURS[s] for s in plain])
        low, high = rows.loc["counts_lower", column], rows.loc["counts_upper", column]
        ax.barh([len(plain)], [high - low], left=[low], color=OKABE_ITO["grey"], hatch="//", edgecolor="white")
        for i, value in enumerate(values):
            ax.text(value + 1, i, number(value, 0) + "%", va="center", fontsize=9)
        ax.text(high + 1, len(plain), f"{number(low, 0)}–{number(high, 0)}%", va="center", fontsize=9)
        ax.set_xlim(0, 115)
        ax.set_xlabel(heading)
    axes[0].set_yticks(range(len(labels)), labels)
    axes[0].invert_yaxis()  # same order as the list in the text, top to bottom
    fig.suptitle(f"Bereik van het programma in {scope}, per lezing van het memo", x=0.01, ha="left", fontsize=12)
    fig.tight_layout()
    return fig


def coverage_by_scope_figure(coverage: pd.DataFrame, scope_kinds: str | list[str], titles: str | list[str]
                             ) -> plt.Figure:
    """Share of municipalities reached per region (or size class), three scenarios side by side.

    Several scope kinds (such as ``["regio_4", "corop"]``) give one panel each, stacked.
    """
    _style()
    scope_kinds = [scope_kinds] if isinstance(scope_kinds, str) else list(scope_kinds)
    titles = [titles] if isinstance(titles, str) else list(titles)
    panels = [coverage[coverage["scope_kind"] == kind] for kind in scope_kinds]
    sizes = [len(set(rows["scope"])) for rows in panels]
    fig, axes = plt.subplots(len(panels), 1, figsize=(10, sum(0.7 * n + 1.6 for n in sizes) + 0.6),
                             height_ratios=[n + 1.5 for n in sizes], squeeze=False)
    scenarios = ["named_active", "named", "named_and_regions"]
    height = 0.26
    for ax, rows, title in zip(axes[:, 0], panels, titles):
        scopes = list(dict.fromkeys(rows["scope"]))
        for k, scenario in enumerate(scenarios):
            values = rows[rows["scenario"] == scenario].set_index("scope").loc[scopes, "share_pct"]
            ax.barh(np.arange(len(scopes)) + (k - 1) * height, values, height=height,
                    color=SCENARIO_COLOURS[scenario], label=SCENARIO_NL[scenario])
        totals = rows[rows["scenario"] == "named"].set_index("scope").loc[scopes, "total"]
        ax.set_yticks(range(len(scopes)), [f"{SIZE_CLASS_NL.get(s, s)} ({t} gem.)" for s, t in zip(scopes, totals)])
        ax.invert_yaxis()
        ax.set_xlim(0, 105)
        ax.set_xlabel("gemeenten bereikt (%)")
        ax.set_title(title, loc="left", fontsize=12)
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, frameon=False, fontsize=8, loc="lower center", ncol=3)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig


def lorenz_figure(curve: pd.DataFrame, gini: float) -> plt.Figure:
    """Lorenz curve of involvement over all municipalities, with the line of perfect equality."""
    _style()
    fig, ax = plt.subplots(figsize=(5.5, 5))
    ax.plot([0, 100], [0, 100], color=OKABE_ITO["grey"], linestyle="--", label="iedere gemeente even vaak")
    ax.plot(curve["municipalities_pct"], curve["involvement_pct"], color=OKABE_ITO["blue"], linewidth=2,
            label=f"VSV (Gini {number(gini, 2)})")
    ax.fill_between(curve["municipalities_pct"], curve["involvement_pct"], curve["municipalities_pct"],
                    color=OKABE_ITO["sky"], alpha=0.3)
    ax.set_xlabel("gemeenten, minst betrokken eerst (%)")
    ax.set_ylabel("aandeel in alle betrokkenheid (%)")
    ax.set_title("Hoe gelijk is de betrokkenheid verdeeld?", loc="left", fontsize=12)
    ax.legend(frameon=False, fontsize=9, loc="upper left")
    fig.tight_layout()
    return fig
