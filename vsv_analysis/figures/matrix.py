"""The overlap between initiatives as a colour table, while it stays readable."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..common.dutch import count, number, some
from ..common.palette import text_colour
from .labels import text_height, text_width, wrap_text
from .style import NARROW, TEXT_PT, TITLE_PT, WIDE, Chart, Width, apply_style

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
    shown = np.ma.masked_invalid(np.where(values > 0, values, np.nan))
    norm = plt.Normalize(vmin=0, vmax=top)
    cmap = plt.get_cmap("cividis")

    def draw(width: Width) -> plt.Figure:
        """Initiatives numbered along the top; at the left their names (wide) or numbers with a list below."""
        numbers = [str(i + 1) for i in range(size)]
        rows = numbers if width.narrow else [wrap_text(f"{i + 1}  {n}", 2.3 * 72) for i, n in enumerate(names)]
        listed = wrap_text("; ".join(f"{i + 1} {n}" for i, n in enumerate(names)), width.inches * 72 - 20) \
            if width.narrow else ""
        label_inches = max(text_width(r) for r in rows) / 72 + 0.2
        cell = min(0.6, (width.inches - label_inches - 0.3) / size)
        heading = wrap_text(title, width.inches * 72 - 20, TITLE_PT)
        heights = [text_height(heading, TITLE_PT) / 72 + 0.15, 0.3, cell * size, 0.75,
                   text_height(listed) / 72 + 0.1 if listed else 0.0]
        fig = plt.figure(figsize=(width.inches, sum(heights)))
        total = sum(heights)
        left = label_inches / width.inches
        bottom = (heights[3] + heights[4]) / total
        ax = fig.add_axes((left, bottom, cell * size / width.inches, heights[2] / total))
        ax.imshow(np.zeros_like(values), cmap="Greys", vmin=0, vmax=20)  # a faint background for empty cells
        image = ax.imshow(shown, cmap=cmap, norm=norm)
        ax.xaxis.tick_top()
        ax.set_xticks(range(size), numbers, fontsize=TEXT_PT)
        ax.set_yticks(range(size), rows, fontsize=TEXT_PT)
        ax.tick_params(length=0)
        for i in range(size):
            for j in range(size):
                if i != j and values[i, j] > 0:  # in the colour that stands out on its cell
                    ax.text(j, i, number(values[i, j], 2), ha="center", va="center", fontsize=TEXT_PT,
                            color=text_colour(cmap(norm(values[i, j]))))
        ax.spines[:].set_visible(False)
        bar_axes = fig.add_axes((left, (heights[3] * 0.62 + heights[4]) / total, min(cell * size, 3.5) / width.inches,
                                 0.12 / total))
        bar = fig.colorbar(image, cax=bar_axes, orientation="horizontal")
        bar.set_label(label, fontsize=TEXT_PT)
        bar.ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: number(v, 2)))
        bar.ax.xaxis.set_major_locator(MaxNLocator(4))
        fig.text(0.01, 1 - 0.1 / total, heading, ha="left", va="top", fontsize=TITLE_PT)
        if listed:
            fig.text(0.01, (heights[4] - 0.05) / total, listed, ha="left", va="top", fontsize=TEXT_PT)
        return fig

    pairs = sorted(((values[i, j], names[i], names[j]) for i in range(size) for j in range(i + 1, size)
                    if values[i, j] > 0), key=lambda pair: -pair[0])
    alt = (f"Kleurentabel met de {label} voor elk paar van {size} initiatieven die een gemeente delen, genummerd "
           f"1 tot {size}: " + "; ".join(f"{a} en {b} {number(v, 2)}" for v, a, b in pairs) + ".")
    if left_out:
        alt += (" Niet in de tabel, omdat ze met geen ander initiatief een gemeente delen: "
                f"{some(left_out, ('ander initiatief', 'andere initiatieven'))}.")
    return Chart(draw(WIDE), alt, narrow=draw(NARROW))


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
