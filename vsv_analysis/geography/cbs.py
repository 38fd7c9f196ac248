"""Current reference data from CBS open data: municipal divisions and populations, kept in the user cache.

``vsv-analysis reference update --year YEAR`` fetches, for the reference's province:

- the municipalities of the year, from CBS's table "Gebieden in Nederland" of
  that year (:data:`GEBIEDEN_TABLES`, such as 85067NED for 2022);
- their inhabitants on 1 January of the year, from "Regionale kerncijfers
  Nederland" (70072NED, column ``TotaleBevolking_1``, period ``<year>JJ00``);
- their boundaries, from PDOK (:func:`vsv_analysis.geography.boundaries.fetch_boundaries`).

Both tables are read through CBS's OData API (``<base>/<table>/TypedDataSet``,
JSON with the rows under ``value``; CBS pads codes with spaces, which are
stripped), or, on a machine without internet, from files saved from CBS's open
data portal (``--from-file``; OData JSON or the portal's CSV, see
:mod:`.cbsrows`). The whole update keeps to one time limit (``--timeout``), and
every answer is checked (:mod:`.cbsrows`, :func:`.boundaries.check_boundaries`)
before anything is written; then all files of the update are written together,
or none. Everything goes into ``<cache>/cbs/`` (see :func:`vsv_analysis.geography.cache.cache_dir`),
never into ``data/``, as CSV whose every row names its source table, the day it
was fetched and the licence (CC BY 4.0); the GeoJSON gets a ``source`` member.

:func:`cached_population` is what the reference reads: the population of a
geography year when it has been fetched, so a report of 2026 counts 2026's
residents, not those of 2022.
"""

from __future__ import annotations

import datetime
import json
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..common.atomic import write_together
from ..common.errors import display_path
from ..files.spreadsheet import write_csv
from .cache import boundaries_cache_path, cbs_cache_dir, population_path
from .cbsrows import CbsError, division_of, file_rows, json_rows, population_of, table_kind
from .download import DEFAULT_TIMEOUT_SECONDS, Deadline, download

__all__ = [
    "DEFAULT_BASE_URL", "GEBIEDEN_TABLES", "KERNCIJFERS_TABLE", "LICENCE", "CbsError", "UpdateResult",
    "fetch_division", "fetch_population", "update_reference",
]

DEFAULT_BASE_URL = "https://opendata.cbs.nl/ODataApi/odata"
GEBIEDEN_TABLES = {2021: "84929NED", 2022: "85067NED", 2023: "85385NED", 2024: "85755NED", 2025: "86059NED",
                   2026: "86247NED"}
"""CBS "Gebieden in Nederland <year>": the municipal division on 1 January, with each municipality's province."""
KERNCIJFERS_TABLE = "70072NED"
"""CBS "Regionale kerncijfers Nederland": ``TotaleBevolking_1`` is the population on 1 January of the period."""
LICENCE = "CC BY 4.0"
SOURCE_COLUMNS = ["table_id", "retrieved_on", "licence"]
MAX_PAGES = 50


@dataclass
class UpdateResult:
    """What ``update_reference`` wrote, and what the user should know about it."""

    written: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _get_rows(url: str, deadline: Deadline) -> list[dict]:
    """All rows of an OData answer, following next links (``odata.nextLink`` in v3, ``@odata.nextLink`` in v4)."""
    rows: list[dict] = []
    for _ in range(MAX_PAGES):
        try:
            answer = download(url, deadline, CbsError)
        except CbsError as error:
            raise CbsError(f"{error}. The reports keep using the reference data they have; without internet, "
                           f"import the figures with --from-file") from None
        page, following = json_rows(answer, url)
        rows += page
        if following is None:
            return rows
        url = following
    raise CbsError(f"{url} kept sending pages; stopped after {MAX_PAGES}")


def _gebieden_table(year: int) -> str:
    if year not in GEBIEDEN_TABLES:
        raise ValueError(f"no CBS 'Gebieden in Nederland' table is known for {year}; "
                         f"choose a year from {min(GEBIEDEN_TABLES)} to {max(GEBIEDEN_TABLES)}")
    return GEBIEDEN_TABLES[year]


def fetch_division(year: int, base_url: str = DEFAULT_BASE_URL, timeout: float = DEFAULT_TIMEOUT_SECONDS,
                   deadline: Deadline | None = None) -> pd.DataFrame:
    """Every municipality of ``year``: ``cbs_code``, ``name``, ``province_code``, ``province_name``."""
    table = _gebieden_table(year)
    url = f"{base_url.rstrip('/')}/{table}/TypedDataSet?$format=json"
    return division_of(_get_rows(url, deadline or Deadline(timeout)), table, url)


def fetch_population(year: int, base_url: str = DEFAULT_BASE_URL, timeout: float = DEFAULT_TIMEOUT_SECONDS,
                     deadline: Deadline | None = None) -> dict[str, int]:
    """Inhabitants on 1 January of ``year`` per municipality code (those CBS has published)."""
    query = urllib.parse.urlencode({
        "$format": "json",
        "$filter": f"Perioden eq '{year}JJ00' and startswith(RegioS,'GM')",
        "$select": "RegioS,Perioden,TotaleBevolking_1",
    }, quote_via=urllib.parse.quote, safe="$,'()")
    url = f"{base_url.rstrip('/')}/{KERNCIJFERS_TABLE}/TypedDataSet?{query}"
    return population_of(_get_rows(url, deadline or Deadline(timeout)), year, url)


def _with_source(frame: pd.DataFrame, table: str, day: datetime.date) -> pd.DataFrame:
    return frame.assign(table_id=table, retrieved_on=day.isoformat(), licence=LICENCE)


def _from_files(files: list[Path], reference) -> tuple[pd.DataFrame | None, dict[str, int], str, datetime.date]:
    """The division (``None`` when no file holds one) and population in ``files``, the population's file, its day."""
    division, population, origin, day = None, None, "", None
    for path in files:
        shown = display_path(Path(path))
        rows, typed = file_rows(Path(path))
        kind = table_kind(rows, shown)
        if kind == "division":
            division = division_of(rows, GEBIEDEN_TABLES.get(reference.year, "Gebieden in Nederland"), shown)
        else:
            population = population_of(rows, reference.year, shown, typed=typed)
            origin = shown
            day = datetime.date.fromtimestamp(Path(path).stat().st_mtime)  # when it was saved from the portal
            if not population:
                raise CbsError(f"{shown} holds no population for 1 January {reference.year} (period "
                               f"{reference.year}JJ00); save the figures of that year from the portal")
    if population is None:
        raise CbsError("none of the files given holds CBS's population (table 70072NED, column TotaleBevolking_1); "
                       "give that table too")
    return division, population, origin, day


def update_reference(reference, base_url: str | None = None, directory: Path | None = None,
                     boundaries_url: str | None = None, with_boundaries: bool = True,
                     today: datetime.date | None = None, timeout: float = DEFAULT_TIMEOUT_SECONDS,
                     from_files: list[Path] = ()) -> UpdateResult:
    """Fetch the division, population and boundaries of ``reference.year`` for its province into the cache.

    The province is the one CBS puts the reference's municipalities in. When
    CBS's division differs from the reference's (a merger the reference does
    not know yet), the files are still written and a note says what differs;
    the reports then keep their own population, which must cover exactly the
    reference's municipalities. Everything is fetched within ``timeout``
    seconds and checked first; then every file is written, or none.

    ``from_files`` reads the figures from files saved from CBS's open data
    portal instead (see :mod:`.cbsrows`): the population, and optionally the
    year's "Gebieden in Nederland" table (without it the reference's own
    municipalities are the division, and no municipalities file is written);
    boundaries are then not fetched (``vsv-analysis boundaries fetch
    --from-file`` imports them).

    Raises
    ------
    CbsError
        When CBS cannot be reached, breaks off, takes longer than ``timeout``, answers with something else
        than OData JSON or with figures that are not figures, or has no population for 1 January of the year
        yet; the message names the address or the file. Nothing is written then.
    """
    base_url = base_url or DEFAULT_BASE_URL
    year = reference.year
    table = _gebieden_table(year)
    deadline = Deadline(timeout)
    result = UpdateResult()
    folder = cbs_cache_dir(directory)
    ours = set(reference.municipalities["cbs_code"])
    if from_files:
        division, population, origin, day = _from_files(list(from_files), reference)
        today = today or day
        if division is None:
            result.notes.append(f"no 'Gebieden in Nederland' file given: the division is the reference's own "
                                f"({len(ours)} municipalities)")
            division = reference.municipalities[["cbs_code", "name"]].assign(province_code="", province_name="")
        with_boundaries = False
    else:
        today = today or datetime.date.today()
        division, origin = fetch_division(year, base_url, deadline=deadline), f"CBS ({base_url})"
    provinces = Counter(division.loc[division["cbs_code"].isin(ours), "province_code"])
    if not provinces:
        raise CbsError(f"none of the reference's municipalities is in CBS table {table}")
    province = provinces.most_common(1)[0][0]
    division = division[division["province_code"] == province].sort_values("cbs_code", ignore_index=True)
    theirs = set(division["cbs_code"])
    if theirs != ours:
        result.notes.append(f"CBS's division of {year} differs from the reference: new {sorted(theirs - ours)}, "
                            f"gone {sorted(ours - theirs)}; update the reference's municipalities.csv and "
                            f"mergers.csv before using these figures")
    if not from_files:
        population = fetch_population(year, base_url, deadline=deadline)
    missing = sorted(theirs - set(population))
    if len(missing) == len(theirs):
        raise CbsError(f"{origin} has no population for 1 January {year} yet ({KERNCIJFERS_TABLE}, period "
                       f"{year}JJ00); it appears during that year. The reports keep using "
                       f"{reference.population_date}")
    if missing:
        more = f" and {len(missing) - 10} more" if len(missing) > 10 else ""
        raise CbsError(f"{origin}: the population for 1 January {year} lacks {', '.join(missing[:10])}{more}; "
                       f"nothing was saved")
    frame = division[["cbs_code", "name"]].assign(population=division["cbs_code"].map(population),
                                                  reference_date=f"{year}-01-01")
    writes = {}
    if province:  # CBS's division; a file-only update without one has the reference's, with no province
        writes[folder / f"municipalities_{year}.csv"] = _csv(_with_source(division, table, today))
    writes[population_path(year, directory)] = _csv(_with_source(frame, KERNCIJFERS_TABLE, today))
    if with_boundaries:
        writes[boundaries_cache_path(reference, directory)] = _boundaries(reference, boundaries_url, today, deadline)
    result.written = write_together(writes)
    return result


def _csv(frame: pd.DataFrame):
    return lambda temporary: write_csv(frame, Path(temporary))


def _boundaries(reference, url: str | None, today: datetime.date, deadline: Deadline):
    from .boundaries import PDOK_WFS, boundaries_collection, get_boundaries  # only when boundaries are asked for

    polygons = get_boundaries(reference, url=url, deadline=deadline)
    source = {"publisher": "CBS/Kadaster via PDOK", "url": url or PDOK_WFS.format(year=reference.year),
              "retrieved_on": today.isoformat(), "licence": LICENCE}
    text = json.dumps(boundaries_collection(reference, polygons, source))
    return lambda temporary: Path(temporary).write_text(text, encoding="utf-8")
