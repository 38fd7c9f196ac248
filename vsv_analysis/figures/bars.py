"""Bar charts: rankings, coverage per reading of the evidence, and coverage per region or size class.

Each is drawn twice (see :mod:`.style`): at the width of a page, and narrow for a
phone, where side-by-side panels are stacked and long names wrapped.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from ..common.dutch import SCENARIO_NL, count, listing, number, of, percent, scope_name
from ..common.palette import OKABE_ITO
from .labels import figure_title, text_width, wrap_text
from .style import NARROW, TEXT_PT, TITLE_PT, WIDE, Chart, Width, apply_style

__all__ = ["SCENARIO_COLOURS", "coverage_by_scope_figure", "coverage_scenarios_figure", "ranking_figure"]

# Dark blue is an active role in every figure, as on the coverage map (maps.draw.COVERAGE_CLASSES): the reading
# of all roles, which adds the light ones, is the lighter blue.
SCENARIO_COLOURS = {
    "named": OKABE_ITO["sky"], "named_active": OKABE_ITO["blue"], "named_and_regions": "#f6d9a0",
    "counts_lower": OKABE_ITO["grey"], "counts_upper": OKABE_ITO["grey"],
}
NAMED_SCENARIOS = ("named", "named_active", "named_and_regions")
BY_SCOPE_SCENARIOS = ("named_active", "named", "named_and_regions")
"""The readings drawn per region or size class, in the order of their bars (narrowest reading first)."""
PERCENT_TICKS = (0, 25, 50, 75, 100)


def _room(values, labels, axis_inches: float, top: float) -> float:
    """The upper limit of a value axis that leaves room right of the longest bar for its label."""
    room = max((text_width(label) + 6 for label in labels), default=0) / 72
    share = min(room / max(axis_inches, 0.5), 0.6)
    return max(top, max(values, default=0) / (1 - share))


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
    integer = all(float(v).is_integer() for v in values.values)
    shown = [number(v, 0 if integer else 2) for v in values.values]
    colours = [OKABE_ITO["blue"] if v >= threshold else OKABE_ITO["sky"] for v in values.values]

    def draw(width: Width) -> plt.Figure:
        names = [wrap_text(str(name), 1.5 * 72 if width.narrow else 2.4 * 72) for name in values.index]
        lines = max(name.count("\n") + 1 for name in names)
        fig, ax = plt.subplots(figsize=(width.inches, max(2.5, (0.22 + 0.16 * lines) * len(values) + 1.2)))
        bars = ax.barh(names, list(values.values), color=colours)
        ax.bar_label(bars, labels=shown, padding=3, fontsize=TEXT_PT)
        if integer:
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        axis = width.inches - max(text_width(n) for n in names) / 72 - 0.5
        ax.set_xlim(0, _room(values.values, shown, axis, values.max() * 1.12))
        ax.set_xlabel(unit[1])
        figure_title(fig, title)
        fig.tight_layout()
        return fig

    top = values.max()
    leaders = sorted(values.index[values == top])
    rest = values[values < top]
    alt = (f"Staafdiagram: {title[:1].lower() + title[1:]} Bovenaan {'staat' if len(leaders) == 1 else 'staan'} "
           f"{listing(leaders)} met {count(top, *unit) if integer else number(top, 2)}.")
    if len(rest):
        alt += f" Daarna {listing(f'{name} ({number(v, 0 if integer else 2)})' for name, v in rest[::-1].items())}."
    return Chart(draw(WIDE), alt, narrow=draw(NARROW))


def coverage_scenarios_figure(coverage: pd.DataFrame, scope: str) -> Chart:
    """Share of municipalities and of residents reached, per reading; the count bounds drawn as a range.

    The bound bar is left out when the counts without names change nothing (or there are none). Wide, the two
    panels stand side by side; narrow, one above the other.
    """
    apply_style()
    rows = coverage[coverage["scope"] == scope].set_index("scenario")
    plain = [s for s in NAMED_SCENARIOS if s in rows.index]
    has_bounds = "counts_upper" in rows.index and any(
        rows.loc[bound, "reached"] != rows.loc["named", "reached"] for bound in ("counts_lower", "counts_upper"))
    labels = [SCENARIO_NL[s] for s in plain] + (["Onder- en bovengrens met de aantallen zonder namen"]
                                                 if has_bounds else [])
    panels = (("share_pct", "gemeenten bereikt (%)"), ("population_share_pct", "inwoners in een bereikte gemeente (%)"))

    def panel_labels(column: str) -> list[str]:
        shown = [percent(rows.loc[s, column], 0) for s in plain]
        if has_bounds:
            low, high = rows.loc["counts_lower", column], rows.loc["counts_upper", column]
            shown.append(f"{number(low, 0)}–{percent(high, 0)}")
        return shown

    def panel(ax, column: str, heading: str, axis: float) -> None:
        values = [rows.loc[s, column] for s in plain]
        shown = panel_labels(column)
        ax.barh(range(len(plain)), values, color=[SCENARIO_COLOURS[s] for s in plain], edgecolor="#b07800",
                linewidth=[0.8 if s == "named_and_regions" else 0 for s in plain])
        ends = list(values)
        if has_bounds:
            low, high = rows.loc["counts_lower", column], rows.loc["counts_upper", column]
            ax.barh([len(plain)], [max(high - low, 0.6)], left=[low], color=OKABE_ITO["grey"], hatch="//",
                    edgecolor="white")
            ends.append(high)
        for i, (end, label) in enumerate(zip(ends, shown)):
            ax.text(end + 1, i, label, va="center", fontsize=TEXT_PT)
        ax.set_xlim(0, _room(ends, shown, axis, 110))
        ax.set_xticks(PERCENT_TICKS)  # the room right of 100% is for the labels, not for more of the scale
        ax.set_xlabel(wrap_text(heading, axis * 72, TEXT_PT + 1))

    def draw(width: Width) -> plt.Figure:
        wrapped = [wrap_text(label, (1.5 if width.narrow else 1.7) * 72) for label in labels]
        lines = sum(label.count("\n") + 1 for label in wrapped)
        height = 0.5 + 0.19 * lines + 0.12 * len(labels)
        if width.narrow:  # one panel above the other, each with the names of the readings
            fig, axes = plt.subplots(2, 1, figsize=(width.inches, 2 * height + 1.0))
        else:
            fig, axes = plt.subplots(1, 2, figsize=(width.inches, height + 0.9), sharey=True)
        label_inches = max(text_width(label) for label in wrapped) / 72
        axis = (width.inches - label_inches - 0.4) / (1 if width.narrow else 2)
        for ax, (column, heading) in zip(axes, panels):
            panel(ax, column, heading, axis)
            if width.narrow or ax is axes[0]:
                ax.set_yticks(range(len(labels)), wrapped)
        axes[0].invert_yaxis()  # same order as the list in the text, top to bottom
        if width.narrow:
            axes[1].invert_yaxis()
        figure_title(fig, f"Bereik in {scope}, per lezing van de bronnen")
        fig.tight_layout()
        return fig

    parts = [f"{SCENARIO_NL[s].lower()}: {of(rows.loc[s, 'reached'], rows.loc[s, 'total'])} gemeenten "
             f"({percent(rows.loc[s, 'share_pct'])}) met {percent(rows.loc[s, 'population_share_pct'])} van de "
             f"inwoners" for s in plain]
    if has_bounds:
        parts.append(f"met de aantallen zonder namen tussen {rows.loc['counts_lower', 'reached']} en "
                     f"{rows.loc['counts_upper', 'reached']} gemeenten (van "
                     f"{percent(rows.loc['counts_lower', 'share_pct'])} tot "
                     f"{percent(rows.loc['counts_upper', 'share_pct'])}) en tussen "
                     f"{percent(rows.loc['counts_lower', 'population_share_pct'])} en "
                     f"{percent(rows.loc['counts_upper', 'population_share_pct'])} van de inwoners")
    alt = f"Staafdiagram van het bereik in {scope}, per lezing: " + "; ".join(parts) + "."
    return Chart(draw(WIDE), alt, uses_population=True, narrow=draw(NARROW))


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
    tables = []
    for rows, title in panels:
        scopes = list(dict.fromkeys(rows["scope"]))
        tables.append((title, scopes, {s: rows[rows["scenario"] == s].set_index("scope").loc[scopes]
                                       for s in BY_SCOPE_SCENARIOS}))

    def draw(width: Width) -> plt.Figure:
        names = [[wrap_text(scope_name(s), (1.3 if width.narrow else 2.0) * 72) for s in scopes]
                 for _, scopes, _ in tables]
        label_inches = max(text_width(n) for panel in names for n in panel) / 72
        axis = width.inches - label_inches - 0.4
        sizes = [len(scopes) for _, scopes, _ in tables]
        fig, axes = plt.subplots(len(tables), 1, figsize=(width.inches, sum(0.62 * n + 1.3 for n in sizes) + 0.9),
                                 height_ratios=[n + 1.8 for n in sizes], squeeze=False)
        height = 0.27
        for ax, (title, scopes, by_scenario), panel_names in zip(axes[:, 0], tables, names):
            ends, shown = [], []
            for k, scenario in enumerate(BY_SCOPE_SCENARIOS):
                table = by_scenario[scenario]
                labels = [f"{r}/{t}" for r, t in zip(table["reached"], table["total"])]
                bars = ax.barh(np.arange(len(scopes)) + (k - 1) * height, table["share_pct"], height=height,
                               color=SCENARIO_COLOURS[scenario], label=SCENARIO_NL[scenario], edgecolor="#b07800",
                               linewidth=0.8 if scenario == "named_and_regions" else 0)
                ax.bar_label(bars, labels=labels, padding=2, fontsize=TEXT_PT)
                ends += list(table["share_pct"])
                shown += labels
            ax.set_yticks(range(len(scopes)), panel_names)
            ax.invert_yaxis()
            ax.set_xlim(0, _room(ends, shown, axis, 100))
            ax.set_xticks(PERCENT_TICKS)
            ax.set_xlabel("gemeenten bereikt (%)")
            # over the bars only (it starts where they start): wrapped to the room they leave
            ax.set_title(wrap_text(title, axis * 72 - 24, TITLE_PT), loc="left", fontsize=TITLE_PT)
        handles, labels = axes[0, 0].get_legend_handles_labels()
        columns = 1 if width.narrow else 2
        room = ((width.inches - 0.2) / columns - 0.6) * 72  # less the marker and the gap between columns
        legend = fig.legend(handles, [wrap_text(label, room) for label in labels],
                            frameon=False, fontsize=TEXT_PT, loc="lower center", ncol=columns)
        share = (legend.get_window_extent(fig.canvas.get_renderer()).height + 6) / (fig.get_figheight() * fig.dpi)
        fig.tight_layout(rect=(0, min(share, 0.5), 1, 1))
        return fig

    parts = []
    for title, scopes, by_scenario in tables:
        per_scope = []
        for k, scope in enumerate(scopes):
            readings = [f"{SCENARIO_NL[s].lower()} {of(table['reached'].iloc[k], table['total'].iloc[k])}"
                        for s, table in by_scenario.items()]
            per_scope.append(f"{scope_name(scope)}: {', '.join(readings)}")
        parts.append(f"{title}. " + "; ".join(per_scope))
    alt = ("Staafdiagram van het aandeel bereikte gemeenten, voor drie lezingen naast elkaar (" +
           listing([SCENARIO_NL[s].lower() for s in BY_SCOPE_SCENARIOS]) + "). " + ". ".join(parts) + ".")
    return Chart(draw(WIDE), alt, uses_population="size_class" in scope_kinds, narrow=draw(NARROW))
