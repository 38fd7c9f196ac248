"""The overlap between initiatives as a colour table."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter

from ..common.dutch import number
from .style import Chart, apply_style

__all__ = ["heatmap_figure"]


def heatmap_figure(matrix: pd.DataFrame, title: str, label: str = "Jaccard-index") -> Chart:
    """A square matrix as a heatmap; values above zero written in the cells, zero and the diagonal left blank.

    Rows and columns without any value above zero (an initiative that shares
    nothing) are left out, and the alternative text says which.
    """
    apply_style()
    values = matrix.to_numpy(dtype=float).copy()
    np.fill_diagonal(values, np.nan)
    shares = np.nan_to_num(values, nan=0.0) > 0
    keep = shares.any(axis=1)
    names = list(matrix.index)
    left_out = [name for name, k in zip(names, keep) if not k]
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
        alt += f" Niet in de tabel, omdat ze met geen ander initiatief een gemeente delen: {', '.join(left_out)}."
    return Chart(fig, alt)
