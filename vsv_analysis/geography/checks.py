"""Checking that the reference tables of a geography year agree with each other.

Every code in mergers, population and region members must be a known
municipality; every region member's region must exist; every ``source_id`` must
be listed; every alias must point at an official name; and every municipality of
the year must have exactly one population figure.
"""

from __future__ import annotations

from ..common.errors import DataError, DataProblem
from ..common.names import closest, normalise_name

__all__ = ["check_reference"]


def check_reference(reference) -> None:
    """Raise :class:`DataError` if the tables of ``reference`` (a Reference) disagree with each other."""
    problems = []
    if len(reference._tables["area.csv"]) != 1:
        rows = str(len(reference._tables["area.csv"]))
        problems.append(DataProblem(reference._file("area.csv"), None, None, rows,
                                    "exactly one row: the area the reference covers"))
    else:
        problems.extend(_bounds_problems(reference))
    known = set(reference.history["cbs_code"])
    for file_name, columns in (("mergers.csv", ("old_code", "new_code")),
                               ("population.csv", ("cbs_code",)),
                               ("region_members.csv", ("cbs_code",))):
        table = reference._tables[file_name]
        for column in columns:
            for value, row in zip(table[column], table["_row"]):
                if value not in known:
                    problems.append(DataProblem(reference._file(file_name), row, column, value,
                                                "a code listed in municipalities.csv"))
    region_ids = set(reference.regions["region_id"])
    members = reference._tables["region_members.csv"]
    for value, row in zip(members["region_id"], members["_row"]):
        if value not in region_ids:
            problems.append(DataProblem(reference._file("region_members.csv"), row, "region_id", value,
                                        "a region_id listed in regions.csv", closest(value, region_ids)))
    source_ids = set(reference.sources["source_id"])
    for file_name, table in reference._tables.items():
        if file_name == "sources.csv" or "source_id" not in table:
            continue
        for column in (c for c in ("source_id", "bounds_source_id") if c in table):
            for value, row in zip(table[column], table["_row"]):
                if value and value not in source_ids:
                    problems.append(DataProblem(reference._file(file_name), row, column, value,
                                                "a source_id listed in sources.csv", closest(value, source_ids)))
    for row in reference.aliases.to_dict("records"):
        if not row["canonical"] or row["party_kind"] not in ("municipality", "region"):
            continue
        index = reference._municipality_index if row["party_kind"] == "municipality" else reference._region_index
        found = normalise_name(row["canonical"]) in index
        if not found:
            problems.append(DataProblem(reference._file("name_aliases.csv"), row["_row"], "canonical", row["canonical"],
                                        f"an official {row['party_kind']} name or id from the reference"))
    population = reference._population_for_year
    counts = population["cbs_code"].value_counts()
    for code in (c for c in known if reference.exists(c)):
        if counts.get(code, 0) != 1:
            problems.append(DataProblem(
                reference._file("population.csv"), None, "cbs_code", code,
                f"exactly one population row for {reference._history_by_code[code]['name']} covering {reference.year} "
                f"(found {counts.get(code, 0)})"))
    for code in population["cbs_code"]:
        if not reference.exists(code):
            expected = f"only municipalities that exist in {reference.year} in rows covering that year"
            problems.append(DataProblem(reference._file("population.csv"), None, "cbs_code", code, expected))
    if problems:
        raise DataError(problems)




_SIDES = ("west", "south", "east", "north")


def _bounds_problems(reference) -> list[DataProblem]:
    """The area's bounding box: all four sides or none, west of east and south of north, on the globe."""
    row = reference._tables["area.csv"].iloc[0]
    given = [side for side in _SIDES if row.get(side, "")]
    shown = reference._file("area.csv")
    if not given:
        return []
    if len(given) < 4:
        missing = [side for side in _SIDES if side not in given]
        return [DataProblem(shown, int(row["_row"]), missing[0], "", "all four of west, south, east and north, or "
                                                                     "none (the area's bounding box)")]
    west, south, east, north = (float(row[side]) for side in _SIDES)
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        return [DataProblem(shown, int(row["_row"]), "west", f"{west}, {south}, {east}, {north}", (
            "a bounding box in WGS84 degrees with west < east (-180 to 180) and south < north (-90 to 90)"))]
    return []
