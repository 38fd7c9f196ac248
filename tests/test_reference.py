"""The reference geography: municipality lists per year, mergers, aliases, population, regions."""

import csv
import re

import pytest
from conftest import PROJECT, SHARED

from vsv_analysis.common.names import normalise_name
from vsv_analysis.geography.reference import load_reference
from vsv_analysis.geography.referencefiles import supported_years


@pytest.fixture(scope="module")
def ref2021():
    return load_reference(year=2021)


@pytest.fixture(scope="module")
def ref2022():
    return load_reference(year=2022)


def test_municipality_counts_per_division(ref2021, ref2022):
    assert len(ref2021.municipalities) == 61
    assert len(ref2022.municipalities) == 56
    assert len(load_reference(year=2026).municipalities) == 56


def test_history_counts_match_cbs_for_earlier_years(ref2022):
    # CBS: 66 Brabant municipalities in 2016, 64 in 2017, 62 in 2019 and 2020.
    counts = {year: sum(ref2022.exists(code, year) for code in ref2022.history["cbs_code"])
              for year in (2016, 2017, 2019, 2020)}
    assert counts == {2016: 66, 2017: 64, 2019: 62, 2020: 62}


def test_supported_years_and_default_is_latest():
    assert supported_years() == [2021, 2022, 2023, 2024, 2025, 2026]
    assert load_reference().year == 2026


def test_unsupported_year_is_refused():
    with pytest.raises(ValueError, match="2021 to 2026"):
        load_reference(year=2019)


def test_boxmeer_2021_becomes_land_van_cuijk_2022(ref2021, ref2022):
    assert ref2021.resolve_municipality("Boxmeer").codes == ("GM0756",)
    result = ref2022.resolve_municipality("Boxmeer")
    assert result.codes == ("GM1982",) and result.label == "Land van Cuijk"
    assert "merged into Land van Cuijk" in result.note


def test_all_2022_mergers(ref2022):
    for name in ("Boxmeer", "Cuijk", "Grave", "Mill en Sint Hubert", "Sint Anthonis"):
        assert ref2022.resolve_municipality(name).codes == ("GM1982",)
    for name in ("Landerd", "Uden"):
        assert ref2022.resolve_municipality(name).codes == ("GM1991",)
    for name in ("Schijndel", "Sint-Oedenrode", "Veghel"):
        assert ref2022.resolve_municipality(name).codes == ("GM1948",)
    for name in ("Aalburg", "Werkendam", "Woudrichem"):
        assert ref2022.resolve_municipality(name).codes == ("GM1959",)


def test_later_municipality_in_earlier_geography_counts_for_its_predecessors(ref2021):
    result = ref2021.resolve_municipality("Maashorst")
    assert result.is_resolved and set(result.codes) == {"GM1685", "GM0856"}


def test_haaren_split_is_not_guessed(ref2022):
    result = ref2022.resolve_municipality("Haaren")
    assert result.status == "unresolved"
    assert "Boxtel, Oisterwijk, Tilburg, Vught" in result.note
    assert ref2022.codes_in_year("GM0788") == (("GM0757", "GM0824", "GM0855", "GM0865"), "split")


@pytest.mark.parametrize("written", ["’s-Hertogenbosch", "'s-Hertogenbosch", "‘s-Hertogenbosch", "Den Bosch",
                                     "'s Hertogenbosch", "Gemeente ’s-Hertogenbosch", "GM0796", " 's-hertogenbosch "])
def test_spellings_of_s_hertogenbosch(ref2022, written):
    result = ref2022.resolve_municipality(written)
    assert result.codes == ("GM0796",) and result.label == "'s-Hertogenbosch"


def test_alias_meijerijstad(ref2022):
    result = ref2022.resolve_municipality("Meijerijstad")
    assert result.codes == ("GM1948",) and result.note == "read as Meierijstad"


def test_galderen_is_known_but_unresolved(ref2022):
    result = ref2022.resolve_municipality("Galderen")
    assert result.status == "unresolved" and result.codes == ()
    assert "Galder" in result.note and "Alphen-Chaam" in result.note


def test_unknown_name_gets_suggestions(ref2022):
    result = ref2022.resolve_municipality("Eindhovn")
    assert result.status == "unknown" and result.suggestions[0] == "Eindhoven"


def test_normalise_name_folds_typography():
    assert normalise_name("Gemeente  ’s-Hertogenbosch ") == normalise_name("'s Hertogenbosch")
    assert normalise_name("ZET") == normalise_name("Zet")


def test_population_totals_equal_cbs_province_totals(ref2021, ref2022):
    assert ref2022.municipalities["population"].sum() == 2_592_874  # CBS 70072ned, 1 January 2022
    assert ref2022.population_date == "2022-01-01"
    assert ref2021.municipalities["population"].sum() == 2_574_362  # CBS 37230ned, a month in 2021
    assert ref2021.population_date == "2021"


def test_region_sizes(ref2021, ref2022):
    sizes = ref2022.region_members.groupby("region_id").size().to_dict()
    assert sizes == {"west-brabant": 16, "hart-van-brabant": 9, "noordoost-brabant": 11, "zuidoost-brabant": 21,
                     "CR33": 13, "CR34": 11, "CR35": 11, "CR36": 21, "b5": 5}
    # In 2021 Land van Cuijk and Maashorst were still seven municipalities.
    assert len(ref2021.members_of("noordoost-brabant")) == 16
    assert len(ref2021.members_of("CR35")) == 16


def test_four_regions_partition_brabant_with_heusden_also_in_a_second(ref2022):
    regio_4 = ref2022.region_members[ref2022.region_members["grouping"] == "regio_4"]
    assert set(regio_4["cbs_code"]) == set(ref2022.municipalities["cbs_code"])
    assert regio_4["cbs_code"].value_counts().to_dict()["GM0797"] == 2
    primary = regio_4[regio_4["is_primary"]]
    assert primary["cbs_code"].is_unique and len(primary) == 56
    secondary = regio_4[~regio_4["is_primary"]]
    assert secondary[["cbs_code", "short_name"]].values.tolist() == [["GM0797", "Noordoost-Brabant"]]
    heusden = ref2022.municipalities.set_index("name").loc["Heusden"]
    assert heusden["regio_4"] == "Hart van Brabant"
    assert "GM0797" in ref2022.members_of("noordoost-brabant")  # region expansion still reaches it


def test_regions_resolve(ref2022):
    assert ref2022.resolve_region("Regio Zuidoost-Brabant (Bizob)").codes == ("zuidoost-brabant",)
    assert ref2022.resolve_region("gemeenten in West-Brabant").codes == ("west-brabant",)
    assert ref2022.resolve_region("B5-gemeenten").codes == ("b5",)
    assert ref2022.resolve_region("M7").status == "unresolved"
    assert ref2022.members_of("b5") == ("GM0758", "GM0772", "GM0794", "GM0796", "GM0855")


@pytest.mark.parametrize("year", [2021, 2022])
def test_agrees_with_shared_reference_material(year):
    """Cross-check codes, names, COROP and regions against the workplace's checked reference files."""
    path = SHARED / "reference" / f"municipalities_noord_brabant_{year}.csv"
    if not path.exists():
        pytest.skip(f"{path} not present")
    with open(path, encoding="utf-8") as handle:
        theirs = {row["statcode"]: row for row in csv.DictReader(handle)}
    ours = load_reference(year=year).municipalities.set_index("cbs_code")
    assert set(ours.index) == set(theirs)
    for code, row in theirs.items():
        assert ours.loc[code, "name"] == row["statnaam"]
        assert ours.loc[code, "corop"] == row["corop_naam"]
        assert row["regio_4"] in ours.loc[code, "regio_4"].split("; ")


def test_the_readmes_give_the_dates_the_reference_files_hold():
    """The data log's reference years are the sources' periods, and the README dates the population as the file."""
    def years(text: str) -> set[int]:
        text = re.sub(r"(\d{4})-\d\d-\d\d", "\\1", text)  # a day counts as its year
        spans = re.findall(r"(\d{4})(?:[-–](\d{4}))?", text)
        return {year for first, last in spans for year in range(int(first), int(last or first) + 1)}

    reference = PROJECT / "data" / "reference"
    with (reference / "sources.csv").open(encoding="utf-8") as file:
        periods = {row["source_id"]: row["reference_period"] for row in csv.DictReader(file)}
    data_readme = (PROJECT / "data" / "README.md").read_text(encoding="utf-8")
    log = [[cell.strip() for cell in line.split(" | ")] for line in data_readme.splitlines()
           if line.startswith("| `reference/")]
    assert len(log) == 8
    checked = 0
    for _, source, year, *_ in log:
        for source_id in re.findall(r"`([a-z0-9-]+)`", source):
            if source_id in periods and year != "–":
                period = periods[source_id]
                assert years(period) <= years(year) and years(period), (source_id, year)
                assert len(period) != 10 or period in year, (source_id, year)  # a day is given as that day
                checked += 1
    assert checked == 14
    with (reference / "population.csv").open(encoding="utf-8") as file:
        dates = {row["reference_date"] for row in csv.DictReader(file)}
    assert dates == {"2021", "2022-01-01"}
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    built_in = readme[readme.index("The built-in population is"):].split("\n\n")[0]
    assert "of 1 January 2022" in built_in and "1 January 2022" in data_readme  # the full date, in words
    assert "end-of-month figure of 2021" in built_in and "end of a month in 2021" in data_readme  # the year only
    assert "1 January 2021 for" not in readme and "population is of 1 January 2021" not in readme
