"""Reference geography of Noord-Brabant: municipalities, mergers, population and regions.

All tables live in ``<data dir>/reference/`` as CSV, each row with a ``source_id``
that ``sources.csv`` explains. A *geography year* is the municipal division on
1 January of that year: 61 municipalities in 2021, 56 from 2022 on. Names and
codes of any municipality that existed from 2016 on are carried through the
mergers to the chosen year, so an older name such as Boxmeer lands on
Land van Cuijk in 2022.

Examples
--------
>>> ref = load_reference(year=2022)
>>> len(ref.municipalities)
56
>>> ref.resolve_municipality("Boxmeer").codes
('GM1982',)
>>> ref.resolve_municipality("’s-Hertogenbosch").label
"'s-Hertogenbosch"
"""

from __future__ import annotations

import datetime
from functools import cached_property
from pathlib import Path

import pandas as pd

from ..common.errors import display_path
from ..common.locations import reference_dir
from ..common.names import name_key
from .cache import cached_population
from .checks import check_reference
from .referencefiles import read_reference_tables, years_covered
from .resolve import NameResolver

__all__ = ["Reference", "load_reference"]



def load_reference(data_dir: Path | None = None, year: int | None = None) -> Reference:
    """Load and check the reference tables for one geography year.

    Parameters
    ----------
    data_dir : path, optional
        Data folder; its ``reference/`` subfolder is used when present, the
        built-in reference otherwise.
    year : int, optional
        Geography year (municipal division on 1 January). Default: the latest
        year the reference covers.

    Raises
    ------
    DataError
        When a reference file is malformed or inconsistent.
    ValueError
        When the year is not covered.
    """
    directory = reference_dir(data_dir)
    tables = read_reference_tables(directory)
    years = years_covered(tables["population.csv"])
    if year is None:
        year = years[-1]
    if int(year) not in years:
        raise ValueError(f"geography year {year} is not covered by the reference in "
                         f"{display_path(directory)}; choose a year from {years[0]} to {years[-1]}")
    reference = Reference(int(year), directory, tables)
    reference.check()
    return reference


class Reference(NameResolver):
    """The reference geography for one year; build it with :func:`load_reference`."""

    def __init__(self, year: int, directory: Path, tables: dict[str, pd.DataFrame]):
        self.year = year
        self.directory = directory
        self._tables = tables

    def __repr__(self) -> str:
        return f"Reference(year={self.year}, municipalities={len(self.municipalities)})"

    def _file(self, name: str) -> str:
        return display_path(self.directory / name)

    # -- raw tables -------------------------------------------------------------------

    @property
    def history(self) -> pd.DataFrame:
        """Every municipality from 2016 on, with ``valid_from``/``valid_to`` dates."""
        return self._tables["municipalities.csv"]

    @property
    def mergers(self) -> pd.DataFrame:
        """Mergers and splits: one row per old code and new code."""
        return self._tables["mergers.csv"]

    @property
    def regions(self) -> pd.DataFrame:
        """Regional groupings (``grouping`` such as regio_4, corop, b5)."""
        return self._tables["regions.csv"]

    @property
    def sources(self) -> pd.DataFrame:
        return self._tables["sources.csv"]

    @property
    def aliases(self) -> pd.DataFrame:
        return self._tables["name_aliases.csv"]

    @property
    def area(self) -> dict[str, str]:
        """The area the reference covers: ``name`` (Noord-Brabant), ``short_name`` (Brabant), ``adjective``."""
        row = self._tables["area.csv"].iloc[0]
        return {key: row[key] for key in ("name", "short_name", "adjective")}

    @property
    def bounds(self) -> tuple[float, float, float, float] | None:
        """The area's bounding box in WGS84 degrees, ``(west, south, east, north)``; ``None`` when not given.

        Boundaries must lie inside it (:mod:`.boundaries`), which also catches a file in other coordinates.

        >>> load_reference(year=2022).bounds
        (4.18, 51.21, 6.06, 51.84)
        """
        row = self._tables["area.csv"].iloc[0]
        values = [row.get(side, "") for side in ("west", "south", "east", "north")]
        return tuple(float(value) for value in values) if all(values) else None

    # -- the chosen year --------------------------------------------------------------

    def exists(self, code: str, year: int | None = None) -> bool:
        """Whether municipality ``code`` existed on 1 January of ``year``."""
        day = datetime.date(self.year if year is None else year, 1, 1).isoformat()
        row = self._history_by_code.get(code)
        if row is None:
            return False
        return (not row["valid_from"] or row["valid_from"] <= day) and (not row["valid_to"] or row["valid_to"] >= day)

    @cached_property
    def _history_by_code(self) -> dict[str, dict]:
        return {row["cbs_code"]: row for row in self.history.to_dict("records")}

    def codes_in_year(self, code: str) -> tuple[tuple[str, ...], str]:
        """Carry a municipality code of any year to the chosen geography year.

        Returns the codes and how they were reached: ``same``, ``merged`` (the
        municipality merged into its successor), ``predecessors`` (the
        municipality did not exist yet; its territory is that of the listed
        predecessors) or ``split`` (it was divided over several successors).
        """
        if self.exists(code):
            return (code,), "same"
        row = self._history_by_code[code]
        day = datetime.date(self.year, 1, 1).isoformat()
        mergers = self.mergers
        if row["valid_to"] and row["valid_to"] < day:
            successors = mergers[mergers["old_code"] == code]
            codes = sorted({c for new in successors["new_code"] for c in self.codes_in_year(new)[0]})
            how = "split" if (successors["event"] == "split").any() else "merged"
            return tuple(codes), how
        predecessors = mergers[(mergers["new_code"] == code) & (mergers["event"] == "merger")]
        codes = sorted({c for old in predecessors["old_code"] for c in self.codes_in_year(old)[0]})
        return tuple(codes), "predecessors"

    @cached_property
    def region_members(self) -> pd.DataFrame:
        """One row per region and member municipality, in the codes of the chosen year.

        ``is_primary`` is false for a secondary membership (a municipality that
        also takes part in a second region of the same grouping, such as
        Heusden): per-region figures count only primary members, so the
        regions of a grouping add up to the province.
        """
        members = self._tables["region_members.csv"]
        rows = []
        for region_id, code, membership in zip(members["region_id"], members["cbs_code"], members["membership"]):
            for year_code in self.codes_in_year(code)[0]:
                rows.append({"region_id": region_id, "cbs_code": year_code, "is_primary": membership != "secondary"})
        table = (pd.DataFrame(rows, columns=["region_id", "cbs_code", "is_primary"])
                 .drop_duplicates(["region_id", "cbs_code"], ignore_index=True))
        return table.merge(self.regions[["region_id", "grouping", "short_name"]], on="region_id", how="left")

    @cached_property
    def municipalities(self) -> pd.DataFrame:
        """The municipalities of the chosen year with population and regions.

        Columns: ``cbs_code``, ``name``, ``population``, ``population_date``,
        then one column per regional grouping (``regio_4``, ``corop``, ``b5``…)
        holding the name of the municipality's primary region in it (empty
        when it is in none).
        """
        table = self.history.set_index("cbs_code").loc[self._year_codes, ["name"]].reset_index()
        table = table.merge(self._population_for_year, on="cbs_code", how="left")
        members = self.region_members[self.region_members["is_primary"]]
        for grouping in dict.fromkeys(self.regions["grouping"]):
            names = (members[members["grouping"] == grouping]
                     .groupby("cbs_code")["short_name"].agg(lambda s: "; ".join(sorted(s))))
            table[grouping] = table["cbs_code"].map(names).fillna("")
        return table.sort_values("name", key=lambda names: names.map(name_key), ignore_index=True)

    @cached_property
    def _year_codes(self) -> list[str]:
        """The CBS codes of the municipalities that exist in the year, in the order of ``municipalities.csv``."""
        return [code for code in self.history["cbs_code"] if self.exists(code)]

    @cached_property
    def population_rows(self) -> pd.DataFrame:
        """The rows of ``population.csv`` that cover the year, as read (with their ``source_id``)."""
        population = self._tables["population.csv"]
        return population[(population["first_year"].astype(int) <= self.year)
                          & (population["last_year"].astype(int) >= self.year)]

    @cached_property
    def _population_for_year(self) -> pd.DataFrame:
        in_year = self.population_rows
        own = pd.DataFrame({
            "cbs_code": in_year["cbs_code"],
            "population": in_year["population"].astype(int),
            "population_date": in_year["reference_date"],
        })
        if own["population_date"].astype(str).str.startswith(str(self.year)).all():
            return own
        fetched = self._fetched_population()
        return own if fetched is None else fetched

    # -- population of the year fetched from CBS (`vsv-analysis reference update`) ----------

    def _fetched_population(self) -> pd.DataFrame | None:
        """The year's population from the user cache, if fetched for every municipality (see :mod:`.cbs`)."""
        return cached_population(self.year, self._year_codes)

    @property
    def population_note(self) -> str:
        """Empty when the population is of the geography year; else which date is used instead, and why.

        Examples
        --------
        >>> load_reference(year=2022).population_note
        ''
        """
        if all(date.startswith(str(self.year)) for date in self.population_date.split("; ")):
            return ""
        return (f"population of {self.population_date} used for geography year {self.year}: no figures for "
                f"1 January {self.year} in {display_path(self.directory / 'population.csv')} or the cache; "
                f"'vsv-analysis reference update --year {self.year}' fetches them from CBS")

    @cached_property
    def division_year(self) -> int:
        """First year of the municipal division in force in the geography year (2022 for 2022-2026)."""
        codes = set(self.municipalities["cbs_code"])
        year = self.year
        while year > 2016 and {c for c in self.history["cbs_code"] if self.exists(c, year - 1)} == codes:
            year -= 1
        return year

    @cached_property
    def latest_year(self) -> int:
        """The latest geography year the reference covers: the default year.

        >>> load_reference(year=2022).latest_year
        2026
        """
        return years_covered(self._tables["population.csv"])[-1]

    @cached_property
    def earliest_year(self) -> int:
        """The first year whose division the history describes: the year before its first recorded change."""
        changes = [int(date[:4]) for date in self.mergers["effective_date"]]
        return min(changes) - 1 if changes else self.year

    @property
    def population_date(self) -> str:
        """Reference date of the population figures used for this year."""
        dates = sorted(set(self.municipalities["population_date"]))
        return "; ".join(dates)

    def members_of(self, region_id: str) -> tuple[str, ...]:
        """CBS codes (chosen year) of a region's member municipalities."""
        members = self.region_members
        return tuple(sorted(members.loc[members["region_id"] == region_id, "cbs_code"]))

    def check(self) -> None:
        """Raise :class:`DataError` if the reference tables disagree with each other (see :mod:`.checks`)."""
        check_reference(self)
