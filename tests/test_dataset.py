"""Exact facts from the VSV memo, as the evidence dataset records them."""

import pytest
from conftest import SHARED

from vsv_analysis.evidence.dataset import load_dataset
from vsv_analysis.outputs.tables import build_table

MEMO = SHARED / "seeds" / "000_c496a21ee49fb5b4.txt"

NAMED_2022 = {"Zundert", "Bernheze", "Breda", "'s-Hertogenbosch", "Altena", "Maashorst", "Meierijstad", "Tilburg",
              "Oosterhout", "Land van Cuijk", "Helmond", "Bergeijk", "Eindhoven"}
NAMED_2021 = NAMED_2022 - {"Maashorst", "Land van Cuijk"} | {"Landerd", "Uden", "Boxmeer"}


@pytest.fixture(scope="module")
def data2022():
    return load_dataset(year=2022)


@pytest.fixture(scope="module")
def data2021():
    return load_dataset(year=2021)


def test_thirteen_municipalities_named_in_2022(data2022):
    assert set(data2022.named_municipalities()["municipality_name"]) == NAMED_2022
    assert len(NAMED_2022) == 13


def test_fourteen_municipalities_named_in_2021(data2021):
    assert set(data2021.named_municipalities()["municipality_name"]) == NAMED_2021
    assert len(NAMED_2021) == 14


def test_initiatives_per_municipality(data2022):
    counts = data2022.named_municipalities().set_index("municipality_name")["initiatives"]
    assert counts["'s-Hertogenbosch"] == 4
    assert counts["Breda"] == 3
    assert counts["Tilburg"] == 3
    assert (counts.drop(["'s-Hertogenbosch", "Breda", "Tilburg"]) == 1).all()


def test_galderen_present_and_unresolved(data2022):
    row = data2022.involvements.set_index("name_as_written").loc["Galderen"]
    assert row["party_kind"] == "municipality"
    assert not row["is_resolved"]
    assert row["municipality_code"] == ""
    assert set(data2022.unresolved()["name_as_written"]) == {"Galderen", "M7"}


def test_all_nine_memo_sections_are_initiatives(data2022):
    initiatives = data2022.initiatives.set_index("source_section")
    assert list(initiatives.index) == [str(n) for n in range(1, 10)]
    assert initiatives["kind"].to_dict() == {
        "1": "pilot", "2": "pilot", "3": "pilot", "4": "proeftuin", "5": "method", "6": "programme",
        "7": "network", "8": "fund", "9": "exchange"}


def test_counts_without_names_stay_counts(data2022):
    counts = data2022.initiatives.set_index("initiative_id")["reported_municipalities"]
    assert counts["dementievriendelijk_brabant"] == 57
    assert counts["sterk_brabant"] == 12
    assert counts.notna().sum() == 2
    named = build_table("initiatives", year=2022).set_index("initiative_id")["named_municipalities"]
    assert named["dementievriendelijk_brabant"] == 0 and named["sterk_brabant"] == 0


def test_regions_are_parties_not_municipalities(data2022):
    regions = data2022.involvements[data2022.involvements["party_kind"] == "region"].set_index("name_as_written")
    assert set(regions.index) == {"Regio Zuidoost-Brabant (Bizob)", "B5-gemeenten", "gemeenten in West-Brabant", "M7"}
    assert regions.loc["B5-gemeenten", "expand_to_members"] == False  # noqa: E712 (the memo names which B5 cities)
    assert regions.loc["gemeenten in West-Brabant", "expand_to_members"] == True  # noqa: E712
    assert regions.loc["M7", "region_id"] == ""


def test_boxmeer_is_observer_and_merges(data2022, data2021):
    row = data2022.involvements.set_index("name_as_written").loc["Boxmeer"]
    assert (row["role"], row["municipality_name"]) == ("observer", "Land van Cuijk")
    assert data2021.involvements.set_index("name_as_written").loc["Boxmeer", "municipality_name"] == "Boxmeer"


def test_memo_dates(data2022):
    dates = data2022.involvements.groupby("name_as_written")["event_date"].first()
    assert dates["Altena"] == "2019-01-01"
    assert dates["Landerd"] == dates["Uden"] == "2022-01-01"
    merger = data2022.reference.mergers.set_index("old_name")["effective_date"]
    assert merger["Aalburg"] == "2019-01-01" and merger["Uden"] == "2022-01-01"
    assert data2022.sources.set_index("source_id").loc["memo-vsv-2021", "date"] == "2021"


def test_involvements_table_columns(data2022):
    table = build_table("involvements", year=2022)
    for column in ("initiative_id", "initiative_name", "name_as_written", "party_kind", "role",
                   "municipality_code", "municipality_name", "is_resolved"):
        assert column in table.columns
    assert len(table) == 49


def test_every_name_as_written_occurs_in_the_memo(data2022):
    """True to the source: no party, least of all a municipality, that the memo does not name."""
    if not MEMO.exists():
        pytest.skip(f"memo not present at {MEMO}")
    text = " ".join(MEMO.read_text(encoding="utf-8").split())
    missing = [name for name in data2022.involvements["name_as_written"] if name not in text]
    assert missing == []


def test_no_memo_sentence_is_quoted():
    """Descriptions and notes are in our own words: no run of eight memo words appears in the data."""
    if not MEMO.exists():
        pytest.skip(f"memo not present at {MEMO}")
    from vsv_analysis.common.locations import default_data_dir

    memo_words = " ".join(MEMO.read_text(encoding="utf-8").split()).casefold().split()
    shingles = {" ".join(memo_words[i:i + 8]) for i in range(len(memo_words) - 7)}
    for name in ("initiatives.csv", "involvements.csv"):
        words = " ".join((default_data_dir() / name).read_text(encoding="utf-8").split()).casefold().split()
        quoted = [" ".join(words[i:i + 8]) for i in range(len(words) - 7) if " ".join(words[i:i + 8]) in shingles]
        assert quoted == [], name
