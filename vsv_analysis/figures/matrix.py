"""The overlap between initiatives as a colour table, while it stays readable."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter

from ..common.dutch import count, number, some
from .style import Chart, apply_style

__all__ = ["HEATMAP_MAX_INITIATIVES", "heatmap_figure", "overlap_figure"]

HEATMAP_MAX_INITIATIVES = 10
"""Above this many initiatives that share a municipality, the colour table's names and numbers would be shrunk
below about 8 pixels on a page 930 pixels wide: :func:`overlap_figure` then leaves the ranked table to speak."""


def heatmap_figure(matrix: pd.DataFrame, title: str, label: str = "Jaccard-index", left_out=None) -> Chart:
    """A square matrix as a heatmap; values above zero written in the cells, zero and the diagonal left blank.

    Rows and columns without any value above zero (an initiative that shares
    nothing) are left out, and the alternative text says which (``left_out``,
    when given, names them instead: those not in ``matrix`` at all).
    """
    apply_style()
    values = matrix.to_numpy(dtype=float).copy()
    np.fill_diagonal(values, np.nan)
    shares = np.nan_to_num(values, nan=0.0) > 0
    keep = shares.any(axis=1)
    names = list(matrix.index)
    left_out = [name for name, k in zip(names, keep) if not k] + list(left_out or [])
    if keep.sum() < 2:
        return Chart(None, "Er is geen kleurentabel: geen twee initiatieven delen een gemeente.")
    values = values[np.ix_(keep, keep)]
    names = [name for name, k in zip(names, keep) if k]
    size = len(names)
    top = np.nanmax(values)
    fig, ax = plt.subplots(figsize=(max(6, 0.8 * size + 4.5), max(5, 0.6 * size + 2.5)))
    shown = np.where(values > 0, values, np.nan)
    ax.imshow(np.zeros_like(values), cmap="Greys", vmin=0, vmax=20)  # a faint background for empty cells
    image = ax.imshow(np.ma.masked_invalid(shown), cmap="cividis", vmin=0, vmax=top)
    ax.set_xticks(range(size), [textwrap.fill(n, 18) for n in names], rotation=30, ha="right", fontsize=8.5)
    ax.set_yticks(range(size), [textwrap.fill(n, 30) for n in names], fontsize=8.5)
    for i in range(size):
        for j in range(size):
            if i != j and values[i, j] > 0:
                ax.text(j, i, number(values[i, j], 2), ha="center", va="center", fontsize=8,
                        color="black" if values[i, j] > 0.55 * top else "white",
                        in_layout=False)  # inside its cell: the layout need not measure it
    bar = fig.colorbar(image, ax=ax, label=label, shrink=0.8)
    bar.ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: number(v, 2)))
    ax.set_title(title, loc="left", fontsize=12)
    ax.spines[:].set_visible(False)
    fig.tight_layout()
    i, j = np.unravel_index(np.nanargmax(values), values.shape)
    alt = (f"Kleurentabel met de {label} voor elk paar van {size} initiatieven die een gemeente delen. De hoogste "
           f"waarde is {number(values[i, j], 2)}, tussen {names[min(i, j)]} en {names[max(i, j)]}.")
    if left_out:
        alt += (" Niet in de tabel, omdat ze met geen ander initiatief een gemeente delen: "
                f"{some(left_out, ('ander initiatief', 'andere initiatieven'))}.")
    return Chart(fig, alt)


def overlap_figure(pairs: pd.DataFrame, G, title: str, measure: str = "jaccard", label: str = "Jaccard-index",
                   max_initiatives: int = HEATMAP_MAX_INITIATIVES) -> Chart:
    """The colour table of :func:`heatmap_figure` for the initiatives that share a municipality, while there are
    at most ``max_initiatives`` of them; otherwise no figure, and a sentence saying why and what takes its place.

    ``pairs`` is :func:`vsv_analysis.measures.overlap.initiative_overlap` of ``G`` (``top`` may cut it: the table
    is drawn only when every pair is there). Only those initiatives are put in a matrix, never all of them.
    """
    ids = sorted(set(pairs["initiative_a"]) | set(pairs["initiative_b"]), key=str)
    total = int(pairs.attrs.get("pairs", len(pairs)))
    if total > len(pairs) or len(ids) > max_initiatives:
        sharing = sum(1 for n, side in G.nodes(data="bipartite") if side == 0 and any(G.degree(m) > 1 for m in G[n]))
        return Chart(None, f"{count(sharing, 'initiatief deelt', 'initiatieven delen')} minstens één gemeente met "
                           f"een ander initiatief, in {count(total, 'paar', 'paren')}. Een kleurentabel met een "
                           "vakje per paar zou zo klein worden dat de namen en getallen niet meer te lezen zijn. "
                           "Daarom staan de paren met de meeste overlap hieronder op volgorde, in een tabel.")
    position = {node: i for i, node in enumerate(ids)}
    values = np.full((len(ids), len(ids)), np.nan)
    for a, b, value in zip(pairs["initiative_a"], pairs["initiative_b"], pairs[measure]):
        values[position[a], position[b]] = values[position[b], position[a]] = value
    names = [G.nodes[node].get("name", str(node)) for node in ids]
    others = [G.nodes[n].get("name", str(n)) for n in sorted((n for n, side in G.nodes(data="bipartite")
                                                               if side == 0 and n not in position), key=str)]
    return heatmap_figure(pd.DataFrame(values, index=names, columns=names), title, label, left_out=others)
