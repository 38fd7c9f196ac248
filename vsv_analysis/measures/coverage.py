"""How much of Brabant does the programme reach: municipalities, residents, regions, concentration.

Coverage is measured against every municipality of the geography year, under
scenarios that show the range the evidence allows:

===================== ==========================================================
``named``             municipalities the memo names, any role
``named_active``      the same without the light roles (observer, exploring,
                      requester): municipalities that take part
``named_and_regions`` named, plus every member of a region party marked
                      ``expand_to_members`` (an upper reading of "the region")
``counts_lower``      the fewest municipalities consistent with the names *and*
                      the counts the memo gives without names (57 in the DVG
                      network, 12 Stérk Brabant members)
``counts_upper``      the most municipalities consistent with them
===================== ==========================================================

The count bounds never say *which* municipalities the counts are: they bound
how many, and how many residents, the reached set can hold. A count made in
an older division shrinks by at most the number of municipalities lost to
mergers since then.

Examples
--------
>>> from vsv_analysis.evidence.dataset import load_dataset
>>> table = coverage_table(load_dataset(year=2022))
>>> row = table[(table["scenario"] == "named") & (table["scope"] == "Noord-Brabant")].iloc[0]
>>> int(row["reached"]), int(row["total"]), round(float(row["share_pct"]), 1)
(13, 56, 23.2)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..evidence.dataset import Dataset
from ..evidence.sources import source_year
from ..network import build_network

__all__ = [
    "SCENARIOS",
    "SIZE_CLASSES",
    "bound_basis",
    "concentration",
    "count_year",
    "coverage_table",
    "gini",
    "involvement_per_municipality",
    "lorenz_curve",
    "municipalities_in",
    "reached_by_scenario",
    "reached_municipalities",
    "size_class",
    "unreached",
]

SCENARIOS = {
    "named": "Named municipalities, all roles",
    "named_active": "Named municipalities, without observer, exploring and requester",
    "named_and_regions": "Named municipalities plus members of region parties",
    "counts_lower": "Lower bound from names and counts given without names",
    "counts_upper": "Upper bound from names and counts given without names",
}
"""Scenario id → what it counts."""

SIZE_CLASSES = ((0, 20_000, "<20000"), (20_000, 50_000, "20000-49999"), (50_000, 100_000, "50000-99999"),
                (100_000, None, ">=100000"))
"""Population bands (residents): small (under 20,000), mid-sized, large, and the cities of 100,000 or more."""


def size_class(population: int) -> str:
    """The :data:`SIZE_CLASSES` label for a population."""
    for low, high, label in SIZE_CLASSES:
        if population >= low and (high is None or population < high):
            return label
    raise ValueError(f"population must be 0 or more, not {population}")


def _scenario_network(data: Dataset, scenario: str, weights=None):
    if scenario == "named":
        return build_network(data, weights=weights)
    if scenario == "named_active":
        return build_network(data, roles=data.vocabulary.taking_part_roles, weights=weights)
    if scenario == "named_and_regions":
        return build_network(data, expand_regions=True, weights=weights)
    raise ValueError(f"scenario {scenario!r} has no single set of municipalities; "
                     f"choose named, named_active or named_and_regions")


def reached_municipalities(data: Dataset, scenario: str = "named") -> set[str]:
    """CBS codes of the municipalities reached in a named-based scenario (unresolved names never count).

    The municipalities the scenario's network (:func:`_scenario_network`) links to, read from the mentions
    directly: building the network only to list its municipalities costs a second at 50,000 mentions.
    """
    if scenario not in ("named", "named_active", "named_and_regions"):
        _scenario_network(data, scenario)  # raises the message for a scenario without one set of municipalities
    rows = data.involvements[data.involvements["is_resolved"] == True]  # noqa: E712 (nullable boolean)
    if scenario == "named_active":
        rows = rows[rows["role"].isin(data.vocabulary.taking_part_roles)]
    reached = set(rows.loc[rows["party_kind"] == "municipality", "municipality_code"])
    if scenario == "named_and_regions":
        regions = rows.loc[(rows["party_kind"] == "region") & rows["expand_to_members"], "region_id"]
        for region in set(regions):
            reached.update(data.reference.members_of(region))
    return reached


def reached_by_scenario(data: Dataset) -> dict[str, set[str]]:
    """The reached municipalities of each named-based scenario, in :data:`SCENARIOS` order."""
    return {s: reached_municipalities(data, s) for s in ("named", "named_active", "named_and_regions")}


def _scopes(data: Dataset) -> list[tuple[str, str, set[str]]]:
    """(scope_kind, scope, member codes): the province, each regio_4 and COROP region, each size class."""
    municipalities = data.reference.municipalities
    scopes = [("province", data.reference.area["name"], set(municipalities["cbs_code"]))]
    members = data.reference.region_members[data.reference.region_members["is_primary"]]
    for grouping in ("regio_4", "corop"):
        in_grouping = members[members["grouping"] == grouping]
        for name, group in in_grouping.groupby("short_name", sort=True):
            scopes.append((grouping, name, set(group["cbs_code"])))
    classes = municipalities["population"].map(size_class)
    for _, _, label in SIZE_CLASSES:
        scopes.append(("size_class", label, set(municipalities.loc[classes == label, "cbs_code"])))
    return scopes


def count_year(data: Dataset, source_id: str) -> int | None:
    """The year a source made its counts in (the year of its date), or ``None`` for an undated source."""
    dates = data.sources.set_index("source_id")["date"]
    return source_year(dates.get(source_id, ""))


def municipalities_in(data: Dataset, year: int) -> int:
    """How many municipalities the province had on 1 January of ``year``."""
    return sum(data.reference.exists(code, year) for code in data.reference.history["cbs_code"])


def _count_floors(data: Dataset) -> list[tuple[str, int, int]]:
    """Per count given without names: its initiative, the count, and the fewest municipalities of the
    geography year it can stand for (an older count can have shrunk by the municipalities merged away since;
    an undated one, since the oldest division the reference knows)."""
    total = len(data.reference.municipalities)
    floors = []
    for row in data.initiatives.dropna(subset=["reported_municipalities"]).to_dict("records"):
        count = int(row["reported_municipalities"])
        year = count_year(data, row["source_id"])
        lost_since = max(0, municipalities_in(data, year if year is not None else data.reference.earliest_year) - total)
        floors.append((row["initiative_id"], count, min(total, max(0, count - lost_since))))
    return floors


def _count_bounds(data: Dataset, named: int) -> tuple[int, int]:
    """Province-wide (lower, upper) number of reached municipalities implied by ``named`` municipalities named
    and the counts."""
    total = len(data.reference.municipalities)
    floors = _count_floors(data)
    lower = max([named, *(floor for _, _, floor in floors)])
    return min(lower, total), min(total, named + sum(min(count, total) for _, count, _ in floors))


def bound_basis(data: Dataset, named: int) -> list[str]:
    """The initiatives whose counts without names the bounds rest on: the one count that sets both the lower and
    the upper bound, when one does; otherwise every count that widens either bound. Empty when the counts
    widen neither.

    Examples
    --------
    >>> from vsv_analysis.evidence.dataset import load_dataset
    >>> data = load_dataset()
    >>> bound_basis(data, len(reached_municipalities(data)))
    ['dementievriendelijk_brabant']
    """
    total = len(data.reference.municipalities)
    floors = _count_floors(data)
    lower, upper = _count_bounds(data, named)
    if (lower, upper) == (named, named):
        return []
    largest = max(floors, key=lambda f: (f[2], f[1]))
    if largest[2] == lower and min(total, named + min(largest[1], total)) == upper:
        return [largest[0]]
    return [initiative for initiative, count, floor in floors if count > 0]


def coverage_table(data: Dataset, weights=None, reached: dict[str, set[str]] | None = None) -> pd.DataFrame:
    """Coverage per scenario and scope, side by side.

    ``reached`` is :func:`reached_by_scenario` of ``data``, for a caller that has it already.

    Returns
    -------
    DataFrame
        One row per scenario (see :data:`SCENARIOS`) and scope: ``scenario``,
        ``scenario_label``, ``scope_kind`` (province, regio_4, corop,
        size_class), ``scope``, ``reached``, ``total``, ``share_pct``,
        ``population_reached``, ``population_total``, ``population_share_pct``,
        ``population_date``, ``is_bound``. For the bound scenarios, ``reached``
        and ``population_reached`` are the bound: the fewest (or most)
        municipalities, and the fewest (or most) residents, that any reached set
        consistent with the evidence can have.
    """
    population = data.reference.municipalities.set_index("cbs_code")["population"]
    total_count = len(population)
    rows = []

    def add(scenario, kind, scope, members, reached, residents, is_bound=False):
        population_total = int(population[list(members)].sum())
        rows.append({
            "scenario": scenario, "scenario_label": SCENARIOS[scenario], "scope_kind": kind, "scope": scope,
            "reached": reached, "total": len(members),
            "share_pct": 100 * reached / len(members) if members else np.nan,
            "population_reached": int(residents), "population_total": population_total,
            "population_share_pct": 100 * residents / population_total if population_total else np.nan,
            "population_date": data.reference.population_date, "is_bound": is_bound,
        })

    scopes = _scopes(data)
    reached = reached_by_scenario(data) if reached is None else reached
    for scenario, codes in reached.items():
        for kind, scope, members in scopes:
            inside = codes & members
            add(scenario, kind, scope, members, len(inside), population[list(inside)].sum())

    named = reached["named"]
    lower, upper = _count_bounds(data, len(named))
    bounds = {"counts_lower": [], "counts_upper": []}
    for kind, scope, members in scopes:
        named_in = named & members
        others = np.sort(population[list(members - named)].to_numpy())  # residents of the unnamed, ascending
        base = int(population[list(named_in)].sum())
        # At most (total - scope size) reached municipalities can lie outside the scope.
        fewest = max(len(named_in), lower - (total_count - len(members)))
        most = min(len(members), len(named_in) + (upper - len(named)))
        bounds["counts_lower"].append((kind, scope, members, fewest, base + others[:fewest - len(named_in)].sum()))
        largest = others[len(others) - (most - len(named_in)):] if most > len(named_in) else others[:0]
        bounds["counts_upper"].append((kind, scope, members, most, base + largest.sum()))
    for scenario, scope_rows in bounds.items():
        for kind, scope, members, count, residents in scope_rows:
            add(scenario, kind, scope, members, count, residents, is_bound=True)
    return pd.DataFrame(rows)


def unreached(data: Dataset, scenario: str = "named") -> pd.DataFrame:
    """Municipalities of the year not reached in ``scenario``, with population and regions."""
    codes = reached_municipalities(data, scenario)
    municipalities = data.reference.municipalities
    table = municipalities[~municipalities["cbs_code"].isin(codes)].copy()
    table["size_class"] = table["population"].map(size_class)
    return table.reset_index(drop=True)


def involvement_per_municipality(data: Dataset, scenario: str = "named", weights=None) -> pd.DataFrame:
    """Every municipality of the year with its number of initiatives and role-weighted involvement (0 if none)."""
    G = _scenario_network(data, scenario, weights)
    table = data.reference.municipalities[["cbs_code", "name", "population"]].copy()
    table["initiatives"] = [G.degree(c) if c in G else 0 for c in table["cbs_code"]]
    table["weighted_involvement"] = [float(G.degree(c, weight="weight")) if c in G else 0.0
                                     for c in table["cbs_code"]]
    return table.sort_values(["initiatives", "weighted_involvement", "name"], ascending=[False, False, True],
                             ignore_index=True)


def gini(values) -> float:
    """Gini coefficient: 0 when everyone has the same, (n-1)/n when one has everything.

    Mean absolute difference over all ordered pairs divided by twice the mean:
    ``G = Σ_i Σ_j |x_i - x_j| / (2 n² x̄)``.

    Examples
    --------
    >>> gini([1, 1, 1, 1]), gini([0, 0, 0, 1]), gini([1, 2, 3, 4])
    (0.0, 0.75, 0.25)
    """
    x = np.sort(np.asarray(values, dtype=float))
    n = len(x)
    if n == 0 or x.sum() == 0:
        return float("nan")
    # Σ_i Σ_j |x_i - x_j| = 2 Σ_i (2i - n - 1) x_(i) for sorted x, i = 1..n
    index = np.arange(1, n + 1)
    return float(2 * ((2 * index - n - 1) * x).sum() / (2 * n * n * x.mean()))


def lorenz_curve(values) -> pd.DataFrame:
    """Lorenz curve points from (0, 0) to (100, 100), in percent.

    ``municipalities_pct``: the share of municipalities, least involved first;
    ``involvement_pct``: the share of all involvement they hold together.
    """
    x = np.sort(np.asarray(values, dtype=float))
    total = x.sum()
    cumulative = np.concatenate([[0.0], np.cumsum(x)]) / total * 100 if total else np.full(len(x) + 1, np.nan)
    return pd.DataFrame({"municipalities_pct": np.linspace(0, 100, len(x) + 1), "involvement_pct": cumulative})


def concentration(data: Dataset, scenario: str = "named", measure: str = "initiatives", top: int = 5,
                  weights=None) -> pd.DataFrame:
    """How unevenly involvement is spread over all municipalities of the year.

    ``measure`` is ``initiatives`` (count) or ``weighted_involvement`` (role
    weights). Municipalities not reached count as 0. One row: ``measure``,
    ``municipalities``, ``municipalities_involved``, ``total_involvement``,
    ``gini``, ``gini_among_involved`` (only municipalities with any involvement),
    ``top_share_pct`` (share of all involvement held by the ``top``
    municipalities), ``top_n`` and ``top_names``.
    """
    if measure not in ("initiatives", "weighted_involvement"):
        raise ValueError(f"measure must be initiatives or weighted_involvement, not {measure!r}")
    table = involvement_per_municipality(data, scenario, weights)
    values = table[measure].to_numpy(dtype=float)
    ordered = table.sort_values([measure, "name"], ascending=[False, True])
    top_rows = ordered.head(top)
    total = values.sum()
    return pd.DataFrame([{
        "measure": measure,
        "municipalities": len(values),
        "municipalities_involved": int((values > 0).sum()),
        "total_involvement": float(total),
        "gini": gini(values),
        "gini_among_involved": gini(values[values > 0]),
        "top_share_pct": 100 * top_rows[measure].sum() / total if total else np.nan,
        "top_n": top,
        "top_names": "; ".join(top_rows["name"]),
    }])
