"""Coverage: exact figures on the VSV data, checked against plain set arithmetic, and concentration."""

import numpy as np
import pandas as pd
import pytest

from vsv_analysis.evidence.dataset import load_dataset
from vsv_analysis.measures.coverage import (
    concentration,
    coverage_table,
    gini,
    involvement_per_municipality,
    lorenz_curve,
    size_class,
    unreached,
)


@pytest.fixture(scope="module")
def data2022():
    return load_dataset(year=2022)


@pytest.fixture(scope="module")
def table2022(data2022):
    return coverage_table(data2022).set_index(["scenario", "scope"])


def test_contract_columns(table2022):
    for column in ("reached", "total", "share_pct", "population_reached", "population_total",
                   "population_share_pct"):
        assert column in table2022.columns


def test_thirteen_of_56_reached_with_all_roles(table2022):
    row = table2022.loc[("named", "Noord-Brabant")]
    assert (row["reached"], row["total"]) == (13, 56)
    assert row["share_pct"] == pytest.approx(100 * 13 / 56)
    assert row["population_date"] == "2022-01-01"


def test_fourteen_of_61_in_2021():
    row = coverage_table(load_dataset(year=2021)).set_index(["scenario", "scope"]).loc[("named", "Noord-Brabant")]
    assert (row["reached"], row["total"]) == (14, 61)


def test_residents_agree_with_set_arithmetic(data2022, table2022):
    named = set(data2022.named_municipalities()["municipality_code"])
    municipalities = data2022.reference.municipalities
    population = dict(zip(municipalities["cbs_code"], municipalities["population"]))
    expected = sum(population[c] for c in named)
    row = table2022.loc[("named", "Noord-Brabant")]
    assert row["population_reached"] == expected == 1_315_581
    assert row["population_total"] == 2_592_874
    assert row["population_share_pct"] == pytest.approx(100 * expected / 2_592_874)


def test_strict_roles_drop_observer_and_exploring(table2022):
    # Land van Cuijk (Boxmeer, observer) and Maashorst (exploring) are only there in light roles.
    assert table2022.loc[("named_active", "Noord-Brabant"), "reached"] == 11


def test_region_expansion(table2022):
    assert table2022.loc[("named_and_regions", "Noord-Brabant"), "reached"] == 43
    assert table2022.loc[("named_and_regions", "West-Brabant"), "reached"] == 16
    assert table2022.loc[("named_and_regions", "Hart van Brabant"), "reached"] == 1


def test_per_region_by_set_arithmetic(data2022, table2022):
    named = set(data2022.named_municipalities()["municipality_code"])
    members = data2022.reference.region_members
    members = members[members["is_primary"]]  # Heusden counts in Hart van Brabant only
    for region in ("West-Brabant", "Hart van Brabant", "Noordoost-Brabant", "Zuidoost-Brabant"):
        codes = set(members.loc[members["short_name"] == region, "cbs_code"])
        row = table2022.loc[("named", region)]
        assert (row["reached"], row["total"]) == (len(named & codes), len(codes))


def test_regions_add_up_to_the_province(table2022):
    rows = table2022.xs("named", level="scenario")
    regions = rows[rows["scope_kind"] == "regio_4"]
    assert regions["total"].to_dict() == {"Hart van Brabant": 9, "Noordoost-Brabant": 10, "West-Brabant": 16,
                                          "Zuidoost-Brabant": 21}
    assert regions["total"].sum() == 56 and regions["reached"].sum() == 13


def test_size_classes():
    assert [size_class(p) for p in (0, 19_999, 20_000, 99_999, 100_000)] == [
        "<20000", "<20000", "20000-49999", "50000-99999", ">=100000"]


def test_size_class_rows_partition_the_province(table2022):
    rows = table2022.xs("named", level="scenario")
    sizes = rows[rows["scope_kind"] == "size_class"]
    assert sizes["total"].sum() == 56 and sizes["reached"].sum() == 13
    assert sizes.loc[">=100000", "reached"] == 4  # Eindhoven, Tilburg, Breda, 's-Hertogenbosch


def test_count_bounds_2022(data2022, table2022):
    # DVG's 57 were counted in the 2021 division (61); 5 municipalities merged away by 2022, so at least 52
    # distinct municipalities remain. Upper: all 56.
    low, high = table2022.loc[("counts_lower", "Noord-Brabant")], table2022.loc[("counts_upper", "Noord-Brabant")]
    assert (low["reached"], high["reached"]) == (52, 56)
    assert low["is_bound"] and high["is_bound"]
    # Residents: the named 13 plus the 39 smallest of the other 43, never a guess at which.
    population = data2022.reference.municipalities.set_index("cbs_code")["population"]
    named = set(data2022.named_municipalities()["municipality_code"])
    others = sorted(population[~population.index.isin(named)])
    assert low["population_reached"] == population[list(named)].sum() + sum(others[:39])
    # Pigeonhole: at most 56 - 9 of the 52 can lie outside Hart van Brabant, so at least 5 inside.
    assert table2022.loc[("counts_lower", "Hart van Brabant"), "reached"] == 5


def test_count_bounds_2021():
    table = coverage_table(load_dataset(year=2021)).set_index(["scenario", "scope"])
    assert table.loc[("counts_lower", "Noord-Brabant"), "reached"] == 57
    assert table.loc[("counts_upper", "Noord-Brabant"), "reached"] == 61


def test_unreached(data2022):
    table = unreached(data2022)
    assert len(table) == 43
    assert not set(table["cbs_code"]) & set(data2022.named_municipalities()["municipality_code"])
    assert "Galderen" not in set(table["name"]) and "Alphen-Chaam" in set(table["name"])
    assert len(unreached(data2022, "named_and_regions")) == 13


def test_gini_on_known_distributions():
    assert gini([5, 5, 5]) == 0.0
    assert gini([0, 0, 0, 1]) == 0.75  # one holds everything: (n - 1) / n
    assert gini([1, 2, 3, 4]) == 0.25  # Σ|xi - xj| = 20 over 2 · 4² · 2.5
    assert np.isnan(gini([0, 0]))


def test_lorenz_curve():
    curve = lorenz_curve([0, 0, 0, 1])
    assert curve["municipalities_pct"].tolist() == [0, 25, 50, 75, 100]
    assert curve["involvement_pct"].tolist() == [0, 0, 0, 0, 100]


def test_vsv_concentration(data2022):
    row = concentration(data2022).iloc[0]
    # 20 links over 13 municipalities: 's-Hertogenbosch 4, Breda 3, Tilburg 3, then ten with 1.
    assert (row["municipalities"], row["municipalities_involved"], row["total_involvement"]) == (56, 13, 20)
    assert row["top_share_pct"] == pytest.approx(60.0)  # (4 + 3 + 3 + 1 + 1) / 20
    values = [4, 3, 3] + [1] * 10 + [0] * 43
    expected = sum(abs(a - b) for a in values for b in values) / (2 * 56 * 56 * np.mean(values))
    assert row["gini"] == pytest.approx(expected)
    table = involvement_per_municipality(data2022)
    assert isinstance(table, pd.DataFrame) and table.iloc[0]["name"] == "'s-Hertogenbosch"
