"""Bar charts: rankings, coverage per reading of the evidence, and coverage per region or size class."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from ..common.dutch import SCENARIO_NL, count, listing, number, of, percent, scope_name
from ..common.palette import OKABE_ITO
from .style import Chart, apply_style

__all__ = ["SCENARIO_COLOURS", "coverage_by_scope_figure", "coverage_scenarios_figure", "ranking_figure"]

SCENARIO_COLOURS = {
    "named": OKABE_ITO["blue"], "named_active": OKABE_ITO["sky"], "named_and_regions": "#f6d9a0",
    "counts_lower": OKABE_ITO["grey"], "counts_upper": OKABE_ITO["grey"],
}
NAMED_SCENARIOS = ("named", "named_active", "named_and_regions")


def ranking_figure(values: pd.Series, title: str, unit: tuple[str, str], highlight: int = 3) -> Chart:
    """Horizontal bars, largest on top, each with its value; the leaders stand out.

    ``values`` maps a name to a value; ``unit`` is the singular and plural
    noun of the value ("initiatief", "initiatieven"). Ties share the colour of
    the leaders when they tie with the last leader.
    """
    apply_style()
    values = values[values > 0]
    if values.empty:
        return Chart(None, f"Er is geen staafdiagram: geen enkele waarde is groter dan 0 ({title.lower()}).")
    values = values.sort_index(ascending=False).sort_values(ascending=True, kind="stable")  # ties: alphabetical
    threshold = values.iloc[max(0, len(values) - highlight)]
    fig, ax = plt.subplots(figsize=(8, max(2.5, 0.3 * len(values) + 1)))
    colours = [OKABE_ITO["blue"] if v >= threshold else OKABE_ITO["sky"] for v in values.values]
    bars = ax.barh(list(values.index), list(values.values), color=colours)
    integer = all(float(v).is_integer() for v in values.values)
    ax.bar_label(bars, labels=[number(v, 0 if integer else 2) for v in values.values], padding=3, fontsize=8)
    if integer:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(0, values.max() * 1.12)
    ax.set_xlabel(unit[1])
    ax.set_title(title, loc="left", fontsize=12)
    fig.tight_layout()
    top = values.max()
    leaders = sorted(values.index[values == top])
    rest = values[values < top]
    alt = (f"Staafdiagram: {title[:1].lower() + title[1:]} Bovenaan {'staat' if len(leaders) == 1 else 'staan'} "
           f"{listing(leaders)} met {count(top, *unit) if integer else number(top, 2)}.")
    if len(rest):
        alt += f" Daarna {listing(f'{name} ({number(v, 0 if integer else 2)})' for name, v in rest[::-1].items())}."
    return Chart(fig, alt)


def coverage_scenarios_figure(coverage: pd.DataFrame, scope: str) -> Chart:
    """Share of municipalities and of residents reached, per reading; the count bounds drawn as a range.

    The bound bar is left out when the counts without names change nothing (or there are none).
    """
    apply_style()
    rows = coverage[coverage["scope"] == scope].set_index("scenario")
    plain = [s for s in NAMED_SCENARIOS if s in rows.index]
    has_bounds = "counts_upper" in rows.index and any(
        rows.loc[bound, "reached"] != rows.loc["named", "reached"] for bound in ("counts_lower", "counts_upper"))
    labels = [SCENARIO_NL[s] for s in plain] + (["Onder- en bovengrens met de aantallen zonder namen"]
                                                 if has_bounds else [])
    fig, axes = plt.subplots(1, 2, figsize=(11, 1.0 + 0.75 * len(labels)), sharey=True)
    for ax, column, heading in ((axes[0], "share_pct", "gemeenten bereikt (%)"),
                                (axes[1], "population_share_pct", "inwoners in een bereikte gemeente (%)")):
        values = [rows.loc[s, column] for s in plain]
        ax.barh(range(len(plain)), values, color=[SCENARIO_COLOURS[s] for s in plain], edgecolor="#b07800",
                linewidth=[0.8 if s == "named_and_regions" else 0 for s in plain])
        for i, value in enumerate(values):
            ax.text(value + 1, i, percent(value, 0), va="center", fontsize=9)
        if has_bounds:
            low, high = rows.loc["counts_lower", column], rows.loc["counts_upper", column]
            ax.barh([len(plain)], [max(high - low, 0.6)], left=[low], color=OKABE_ITO["grey"], hatch="//",
                    edgecolor="white")
            ax.text(high + 1, len(plain), f"{number(low, 0)}–{percent(high, 0)}", va="center", fontsize=9)
        ax.set_xlim(0, 118)
        ax.set_xlabel(heading)
    axes[0].set_yticks(range(len(labels)), labels)
    axes[0].invert_yaxis()  # same order as the list in the text, top to bottom
    fig.suptitle(f"Bereik in {scope}, per lezing van de bronnen", x=0.01, ha="left", fontsize=12)
    fig.tight_layout()
    parts = [f"{SCENARIO_NL[s].lower()}: {of(rows.loc[s, 'reached'], rows.loc[s, 'total'])} gemeenten "
             f"({percent(rows.loc[s, 'share_pct'])}) met {percent(rows.loc[s, 'population_share_pct'])} van de "
             f"inwoners" for s in plain]
    if has_bounds:
        parts.append(f"met de aantallen zonder namen tussen {rows.loc['counts_lower', 'reached']} en "
                     f"{rows.loc['counts_upper', 'reached']} gemeenten")
    alt = f"Staafdiagram van het bereik in {scope}, per lezing: " + "; ".join(parts) + "."
    return Chart(fig, alt, uses_population=True)


def coverage_by_scope_figure(coverage: pd.DataFrame, scope_kinds, titles) -> Chart:
    """Municipalities reached per region (or size class), three readings side by side, each bar with "x/y".

    Several scope kinds (such as ``["regio_4", "corop"]``) give one panel each, stacked.
    """
    apply_style()
    scope_kinds = [scope_kinds] if isinstance(scope_kinds, str) else list(scope_kinds)
    titles = [titles] if isinstance(titles, str) else list(titles)
    panels = [coverage[coverage["scope_kind"] == kind] for kind in scope_kinds]
    panels = [(rows, title) for rows, title in zip(panels, titles) if len(rows)]
    if not panels:
        return Chart(None, "Er is geen staafdiagram: de referentiegegevens hebben geen regio's of klassen.")
    sizes = [len(set(rows["scope"])) for rows, _ in panels]
    fig, axes = plt.subplots(len(panels), 1, figsize=(10, sum(0.8 * n + 1.6 for n in sizes) + 0.6),
                             height_ratios=[n + 1.5 for n in sizes], squeeze=False)
    scenarios = ["named_active", "named", "named_and_regions"]
    height = 0.26
    alt_parts = []
    for ax, (rows, title) in zip(axes[:, 0], panels):
        scopes = list(dict.fromkeys(rows["scope"]))
        for k, scenario in enumerate(scenarios):
            table = rows[rows["scenario"] == scenario].set_index("scope").loc[scopes]
            bars = ax.barh(np.arange(len(scopes)) + (k - 1) * height, table["share_pct"], height=height,
                           color=SCENARIO_COLOURS[scenario], label=SCENARIO_NL[scenario], edgecolor="#b07800",
                           linewidth=0.8 if scenario == "named_and_regions" else 0)
            labels = ax.bar_label(bars, labels=[f"{r}/{t}" for r, t in zip(table["reached"], table["total"])],
                                  padding=2, fontsize=7)
            for label in labels:  # inside the axes (they end at 112 %), so the layout need not measure them
                label.set_in_layout(False)
        named = rows[rows["scenario"] == "named"].set_index("scope").loc[scopes]
        ax.set_yticks(range(len(scopes)), [scope_name(s) for s in scopes])
        ax.invert_yaxis()
        ax.set_xlim(0, 112)
        ax.set_xlabel("gemeenten bereikt (%)")
        ax.set_title(title, loc="left", fontsize=12)
        alt_parts.append(f"{title}: " + "; ".join(f"{scope_name(s)} {of(r, t)}" for s, r, t in
                                                  zip(scopes, named["reached"], named["total"])))
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, frameon=False, fontsize=8, loc="lower center", ncol=3)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    alt = ("Staafdiagram van het aandeel bereikte gemeenten, voor drie lezingen. Bij naam genoemd, alle rollen: "
           + ". ".join(alt_parts) + ".")
    return Chart(fig, alt, uses_population="size_class" in scope_kinds)
