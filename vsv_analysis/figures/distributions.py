"""Distributions: how unevenly involvement is spread, and the nestedness test against chance."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..common.dutch import count, listing, number, percent
from ..common.palette import OKABE_ITO
from .labels import figure_title
from .style import NARROW, TEXT_PT, WIDE, Chart, Width, apply_style

__all__ = ["lorenz_figure", "null_model_figure"]


def null_model_figure(result: pd.DataFrame) -> Chart:
    """Histogram of NODF in the random networks, with the observed value marked."""
    apply_style()
    row = result.iloc[0]
    null = np.asarray(result.attrs.get("null_nodf", []), dtype=float)
    if not len(null) or not math.isfinite(row["nodf"]):
        return Chart(None, "Er is geen histogram: met zo weinig initiatieven of gemeenten is genestheid niet te "
                           "vergelijken met toeval.")
    def draw(width: Width) -> plt.Figure:
        fig, ax = plt.subplots(figsize=(width.inches, 3.8 if width.narrow else 3.4))
        ax.hist(null, bins=min(30, max(5, len(null) // 6)), color=OKABE_ITO["sky"], edgecolor="white",
                label=f"{len(null)} toevalsnetwerken met dezelfde aantallen")
        ax.axvline(row["nodf"], color=OKABE_ITO["vermillion"], linewidth=2.5,
                   label=f"dit netwerk: NODF {number(row['nodf'], 1)}")
        ax.set_xlabel("NODF (0 = niet genest, 100 = volledig genest)")
        ax.set_ylabel("aantal toevalsnetwerken")
        figure_title(fig, "Gaan kleine initiatieven naar dezelfde gemeenten als grote?")
        if width.narrow:  # below the axes, where it covers no bar
            ax.legend(frameon=False, fontsize=TEXT_PT, loc="upper left", bbox_to_anchor=(0, -0.25))
        else:
            ax.legend(frameon=False, fontsize=TEXT_PT, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        fig.tight_layout()
        return fig

    higher = int((null >= row["nodf"]).sum())
    alt = (f"Histogram van de genestheid (NODF) in {len(null)} toevalsnetwerken, gemiddeld "
           f"{number(null.mean(), 1)}, van {number(null.min(), 1)} tot {number(null.max(), 1)}. De streep voor dit "
           f"netwerk staat op {number(row['nodf'], 1)}; {count(higher, 'toevalsnetwerk', 'toevalsnetwerken')} "
           f"{'komt' if higher == 1 else 'komen'} even hoog of hoger uit.")
    return Chart(draw(WIDE), alt, narrow=draw(NARROW))


def lorenz_figure(spread: pd.DataFrame, column: str = "initiatives") -> Chart:
    """Lorenz curve of involvement over all municipalities, with the line of perfect equality.

    ``spread`` is :func:`vsv_analysis.measures.coverage.involvement_per_municipality`:
    every municipality of the year, those not involved with 0.
    """
    from ..measures.coverage import gini, lorenz_curve

    apply_style()
    values = spread[column].to_numpy(dtype=float)
    if not values.sum():
        return Chart(None, "Er is geen Lorenzcurve: geen enkele gemeente is bij naam betrokken.")
    curve, coefficient = lorenz_curve(values), gini(values)
    fig, ax = plt.subplots(figsize=(NARROW.inches, 4.6))  # narrow enough for a phone, so drawn once
    ax.plot([0, 100], [0, 100], color=OKABE_ITO["grey"], linestyle="--", label="iedere gemeente even vaak")
    ax.plot(curve["municipalities_pct"], curve["involvement_pct"], color=OKABE_ITO["blue"], linewidth=2,
            label=f"werkelijke verdeling (Gini {number(coefficient, 2)})")
    ax.fill_between(curve["municipalities_pct"], curve["involvement_pct"], curve["municipalities_pct"],
                    color=OKABE_ITO["sky"], alpha=0.3)
    ax.set_xlabel("gemeenten, minst betrokken eerst (%)")
    ax.set_ylabel("aandeel in alle verbindingen (%)")
    figure_title(fig, "Hoe gelijk is de betrokkenheid verdeeld?")
    ax.legend(frameon=False, fontsize=TEXT_PT, loc="upper left")
    fig.tight_layout()
    without = int((values == 0).sum())
    recurring = spread[spread[column] > 1]
    alt = (f"Lorenzcurve over alle {len(values)} gemeenten, met de stippellijn waarop iedere gemeente even vaak "
           f"meedoet. {count(without, 'gemeente heeft', 'gemeenten hebben')} geen enkele verbinding")
    if len(recurring):
        alt += (f"; de gemeenten bij meer dan één initiatief ({listing(recurring['name'])}) hebben samen "
                f"{percent(100 * recurring[column].sum() / values.sum(), 0)} van alle verbindingen")
    return Chart(fig, alt + f". Gini-coëfficiënt {number(coefficient, 2)}.")
