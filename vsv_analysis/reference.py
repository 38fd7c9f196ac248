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
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from .csvfiles import Column, TableSpec, closest, read_table
from .errors import DataError, DataProblem, display_path
from .locations import DATA_DIR
from .textfiles import check_inside

__all__ = [
    "Reference",
    "Resolution",
    "default_data_dir",
    "load_reference",
    "normalise_name",
    "reference_dir",
    "supported_years",
]

REFERENCE_SPECS = {
    "municipalities.csv": TableSpec((
        Column("cbs_code", "cbs_code", unique=True),
        Column("name"),
        Column("valid_from", "date", required=False),
        Column("valid_to", "date", required=False),
        Column("source_id"),
    )),
    "mergers.csv": TableSpec((
        Column("effective_date", "date"),
        Column("event", choices=("merger", "split")),
        Column("old_code", "cbs_code"),
        Column("old_name"),
        Column("new_code", "cbs_code"),
        Column("new_name"),
        Column("source_id"),
    )),
    "population.csv": TableSpec((
        Column("cbs_code", "cbs_code"),
        Column("population", "count"),
        Column("first_year", "year"),
        Column("last_year", "year"),
        Column("reference_date", "year_or_date"),
        Column("source_id"),
    )),
    "regions.csv": TableSpec((
        Column("region_id", "id", unique=True),
        Column("grouping", "id"),
        Column("name"),
        Column("short_name"),
        Column("source_id"),
    )),
    "region_members.csv": TableSpec((
        Column("region_id", "id"),
        Column("cbs_code", "cbs_code"),
        Column("membership", required=False, choices=("primary", "secondary")),
        Column("source_id"),
    )),
    "name_aliases.csv": TableSpec((
        Column("alias", unique=True),
        Column("party_kind", "id"),
        Column("canonical", required=False),
        Column("note", required=False),
    )),
    "sources.csv": TableSpec((
        Column("source_id", "id", unique=True),
        Column("title"),
    )),
    "area.csv": TableSpec((
        Column("name"),
        Column("short_name"),
        Column("adjective"),
        Column("source_id"),
    )),
}

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "–": "-", "—": "-", "‐": "-"})


def normalise_name(name: str) -> str:
    """Return the key under which a written name is looked up.

    Folds case, typographic apostrophes, hyphens (to spaces), repeated spaces
    and a leading "gemeente", so that "Gemeente ’s-Hertogenbosch" and
    "'s Hertogenbosch" meet.

    Examples
    --------
    >>> normalise_name("Gemeente  ’s-Hertogenbosch ")
    "'s hertogenbosch"
    """
    text = unicodedata.normalize("NFKC", str(name)).translate(_APOSTROPHES).replace("-", " ")
    text = " ".join(text.split()).casefold()
    if text.startswith("gemeente "):
        text = text[len("gemeente "):]
    return text


def default_data_dir() -> Path:
    """The built-in VSV data: ``data/`` of the checkout, or of the installed package (see :mod:`.locations`)."""
    return DATA_DIR


def reference_dir(data_dir: Path | None = None) -> Path:
    """The reference folder for ``data_dir``: its own ``reference/``, else the built-in one.

    An evaluator who points the tool at another programme's data need only
    supply the evidence files; the Brabant reference comes with the project.
    """
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    own = data_dir / "reference"
    return own if own.is_dir() else default_data_dir() / "reference"


@dataclass(frozen=True)
class Resolution:
    """How one written name maps onto the reference in the chosen year.

    ``status`` is ``resolved`` (``codes`` holds the CBS codes or region id),
    ``unresolved`` (known, but cannot be placed: ``note`` says why) or
    ``unknown`` (not in the reference at all: a data error; ``suggestions``
    holds near-misses).
    """

    status: str
    codes: tuple[str, ...] = ()
    label: str = ""
    note: str = ""
    suggestions: tuple[str, ...] = ()

    @property
    def is_resolved(self) -> bool:
        return self.status == "resolved"


def _read_reference_tables(directory: Path) -> dict[str, pd.DataFrame]:
    check_inside(directory, directory.parent, what="folder")
    tables, problems = {}, []
    for file_name, spec in REFERENCE_SPECS.items():
        try:
            tables[file_name] = read_table(directory / file_name, spec, root=directory.parent)
        except DataError as error:
            problems.extend(error.problems)
    if problems:
        raise DataError(problems)
    return tables


def supported_years(data_dir: Path | None = None) -> list[int]:
    """Geography years for which the reference has municipalities and population."""
    directory = reference_dir(data_dir)
    check_inside(directory, directory.parent, what="folder")
    population = read_table(directory / "population.csv", REFERENCE_SPECS["population.csv"], root=directory.parent)
    years: set[int] = set()
    for first, last in zip(population["first_year"], population["last_year"]):
        years.update(range(int(first), int(last) + 1))
    return sorted(years)


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
    tables = _read_reference_tables(directory)
    years = supported_years(data_dir)
    if year is None:
        year = years[-1]
    if int(year) not in years:
        raise ValueError(f"geography year {year} is not covered by the reference in "
                         f"{display_path(directory)}; choose a year from {years[0]} to {years[-1]}")
    reference = Reference(int(year), directory, tables)
    reference.check()
    return reference


class Reference:
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
        codes = [code for code in self.history["cbs_code"] if self.exists(code)]
        table = self.history.set_index("cbs_code").loc[codes, ["name"]].reset_index()
        population = self._population_for_year()
        table = table.merge(population, on="cbs_code", how="left")
        members = self.region_members[self.region_members["is_primary"]]
        for grouping in dict.fromkeys(self.regions["grouping"]):
            names = (members[members["grouping"] == grouping]
                     .groupby("cbs_code")["short_name"].agg(lambda s: "; ".join(sorted(s))))
            table[grouping] = table["cbs_code"].map(names).fillna("")
        return table.sort_values("name", key=lambda s: s.str.lstrip("'").str.casefold(), ignore_index=True)

    def _population_for_year(self) -> pd.DataFrame:
        population = self._tables["population.csv"]
        in_year = population[(population["first_year"].astype(int) <= self.year)
                             & (population["last_year"].astype(int) >= self.year)]
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
        from .cbs import cached_population

        return cached_population(self.year, [code for code in self.history["cbs_code"] if self.exists(code)])

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
    def earliest_year(self) -> int:
        """The first year whose division the history describes: the year before its first recorded change."""
        changes = [int(date[:4]) for date in self.mergers["effective_date"]]
        return min(changes) - 1 if changes else self.year

    @property
    def population_date(self) -> str:
        """Reference date of the population figures used for this year."""
        dates = sorted(set(self.municipalities["population_date"]))
        return "; ".join(dates)

    # -- resolving written names ------------------------------------------------------

    @cached_property
    def _municipality_index(self) -> dict[str, str]:
        index = {normalise_name(name): code for code, name in zip(self.history["cbs_code"], self.history["name"])}
        index.update({normalise_name(code): code for code in self.history["cbs_code"]})
        return index

    def _aliases_for(self, kind: str) -> dict[str, dict]:
        return self._alias_index.get(kind, {})

    @cached_property
    def _alias_index(self) -> dict[str, dict[str, dict]]:
        index: dict[str, dict[str, dict]] = {}
        for row in self.aliases.to_dict("records"):
            index.setdefault(row["party_kind"], {})[normalise_name(row["alias"])] = row
        return index

    def resolve_municipality(self, name: str) -> Resolution:
        """Resolve a municipality name as written (any year from 2016, alias or code).

        Examples
        --------
        >>> ref = load_reference(year=2021)
        >>> ref.resolve_municipality("Meijerijstad").label
        'Meierijstad'
        >>> ref.resolve_municipality("Galderen").status
        'unresolved'
        """
        key = normalise_name(name)
        note = ""
        alias = self._aliases_for("municipality").get(key)
        if alias is not None and key not in self._municipality_index:
            if not alias["canonical"]:
                return Resolution("unresolved", note=alias["note"] or "listed as unresolved in name_aliases.csv")
            note = f"read as {alias['canonical']}"
            key = normalise_name(alias["canonical"])
        code = self._municipality_index.get(key)
        if code is None:
            candidates = list(self.history["name"]) + list(self.aliases["alias"])
            return Resolution("unknown", suggestions=closest(name, candidates))
        codes, how = self.codes_in_year(code)
        old_name = self._history_by_code[code]["name"]
        names = [self._history_by_code[c]["name"] for c in codes]
        if how == "split":
            return Resolution("unresolved", note=f"{old_name} was split over {', '.join(names)} before "
                                                 f"{self.year}; the share cannot be known")
        if how == "merged":
            note = _join(note, f"{old_name} merged into {names[0]}")
        elif how == "predecessors":
            note = _join(note, f"{old_name} did not exist yet in {self.year}; counted for {', '.join(names)}")
        return Resolution("resolved", codes, " / ".join(names), note)

    @cached_property
    def _region_index(self) -> dict[str, str]:
        index = {}
        for column in ("region_id", "name", "short_name"):
            pairs = zip(self.regions[column], self.regions["region_id"])
            index.update({normalise_name(value): region_id for value, region_id in pairs})
        return index

    def canonical_party_name(self, name: str, party_kind: str) -> str:
        """The canonical name of any party (an alias's target, else the name as written).

        Lets "Stichting Zet" and "ZET" meet as one organisation in the party layer.
        """
        alias = self._aliases_for(party_kind).get(normalise_name(name))
        return alias["canonical"] if alias is not None and alias["canonical"] else name

    def resolve_region(self, name: str) -> Resolution:
        """Resolve a region or group of municipalities as written to a region id."""
        key = normalise_name(name)
        note = ""
        alias = self._aliases_for("region").get(key)
        if alias is not None and key not in self._region_index:
            if not alias["canonical"]:
                return Resolution("unresolved", note=alias["note"] or "listed as unresolved in name_aliases.csv")
            key = normalise_name(alias["canonical"])
            note = alias["note"]
        region_id = self._region_index.get(key)
        if region_id is None:
            region_aliases = self.aliases.loc[self.aliases["party_kind"] == "region", "alias"]
            candidates = list(self.regions["short_name"]) + list(region_aliases)
            return Resolution("unknown", suggestions=closest(name, candidates))
        label = self.regions.set_index("region_id").loc[region_id, "short_name"]
        return Resolution("resolved", (region_id,), label, note)

    def members_of(self, region_id: str) -> tuple[str, ...]:
        """CBS codes (chosen year) of a region's member municipalities."""
        members = self.region_members
        return tuple(sorted(members.loc[members["region_id"] == region_id, "cbs_code"]))

    # -- consistency ------------------------------------------------------------------

    def check(self) -> None:
        """Raise :class:`DataError` if the reference tables disagree with each other."""
        problems = []
        if len(self._tables["area.csv"]) != 1:
            problems.append(DataProblem(self._file("area.csv"), None, None, str(len(self._tables["area.csv"])),
                                        "exactly one row: the area the reference covers"))
        known = set(self.history["cbs_code"])
        for file_name, columns in (("mergers.csv", ("old_code", "new_code")),
                                   ("population.csv", ("cbs_code",)),
                                   ("region_members.csv", ("cbs_code",))):
            table = self._tables[file_name]
            for column in columns:
                for value, row in zip(table[column], table["_row"]):
                    if value not in known:
                        problems.append(DataProblem(self._file(file_name), row, column, value,
                                                    "a code listed in municipalities.csv"))
        region_ids = set(self.regions["region_id"])
        members = self._tables["region_members.csv"]
        for value, row in zip(members["region_id"], members["_row"]):
            if value not in region_ids:
                problems.append(DataProblem(self._file("region_members.csv"), row, "region_id", value,
                                            "a region_id listed in regions.csv", closest(value, region_ids)))
        source_ids = set(self.sources["source_id"])
        for file_name, table in self._tables.items():
            if file_name == "sources.csv" or "source_id" not in table:
                continue
            for value, row in zip(table["source_id"], table["_row"]):
                if value and value not in source_ids:
                    problems.append(DataProblem(self._file(file_name), row, "source_id", value,
                                                "a source_id listed in sources.csv", closest(value, source_ids)))
        for row in self.aliases.to_dict("records"):
            if not row["canonical"] or row["party_kind"] not in ("municipality", "region"):
                continue
            found = (normalise_name(row["canonical"]) in self._municipality_index if row["party_kind"] == "municipality"
                     else normalise_name(row["canonical"]) in self._region_index)
            if not found:
                problems.append(DataProblem(self._file("name_aliases.csv"), row["_row"], "canonical", row["canonical"],
                                            f"an official {row['party_kind']} name or id from the reference"))
        population = self._population_for_year()
        counts = population["cbs_code"].value_counts()
        for code in (c for c in known if self.exists(c)):
            if counts.get(code, 0) != 1:
                problems.append(DataProblem(
                    self._file("population.csv"), None, "cbs_code", code,
                    f"exactly one population row for {self._history_by_code[code]['name']} covering {self.year} "
                    f"(found {counts.get(code, 0)})"))
        for code in population["cbs_code"]:
            if not self.exists(code):
                expected = f"only municipalities that exist in {self.year} in rows covering that year"
                problems.append(DataProblem(self._file("population.csv"), None, "cbs_code", code, expected))
        if problems:
            raise DataError(problems)


def _join(*parts: str) -> str:
    return "; ".join(part for part in parts if part)
