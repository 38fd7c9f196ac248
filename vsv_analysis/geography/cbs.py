"""Current reference data from CBS open data: municipal divisions and populations, kept in the user cache.

``vsv-analysis reference update --year YEAR`` fetches, for the reference's province:

- the municipalities of the year, from CBS's table "Gebieden in Nederland" of
  that year (:data:`GEBIEDEN_TABLES`, such as 85067NED for 2022);
- their inhabitants on 1 January of the year, from "Regionale kerncijfers
  Nederland" (70072NED, column ``TotaleBevolking_1``, period ``<year>JJ00``);
- their boundaries, from PDOK (:func:`vsv_analysis.geography.boundaries.fetch_boundaries`).

Both tables are read through CBS's OData API (``<base>/<table>/TypedDataSet``,
JSON with the rows under ``value``; CBS pads codes with spaces, which are
stripped). Everything goes into ``<cache>/cbs/`` (see :func:`vsv_analysis.geography.cache.cache_dir`),
never into ``data/``, as CSV whose every row names its source table, the day it
was fetched and the licence (CC BY 4.0); the GeoJSON gets a ``source`` member.

:func:`cached_population` is what the reference reads: the population of a
geography year when it has been fetched, so a report of 2026 counts 2026's
residents, not those of 2022.
"""

from __future__ import annotations

import datetime
import json
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..common.atomic import atomic_write
from ..files.spreadsheet import write_csv
from .cache import cbs_cache_dir, population_path

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


class CbsError(RuntimeError):
    """CBS open data could not be had (network, server or content); the message says what to do."""


@dataclass
class UpdateResult:
    """What ``update_reference`` wrote, and what the user should know about it."""

    written: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _get_rows(url: str, what: str, timeout: float) -> list[dict]:
    """All rows of an OData answer, following next links (``odata.nextLink`` in v3, ``@odata.nextLink`` in v4)."""
    rows: list[dict] = []
    for _ in range(MAX_PAGES):
        host = urllib.parse.urlsplit(url).netloc or url
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (the CBS address or the user's)
                raw = response.read()
        except urllib.error.HTTPError as error:
            raise CbsError(f"CBS ({host}) answered {error.code} {error.reason} for {what}; check the year and "
                           f"--base-url") from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise CbsError(f"cannot reach CBS ({host}) for {what}: {reason}. The reports keep using the "
                           f"reference data they have") from None
        try:
            answer = json.loads(raw)
            page = answer["value"]
            if not isinstance(page, list) or not all(isinstance(row, dict) for row in page):
                raise TypeError("value is not a list of rows")
        except (ValueError, KeyError, TypeError) as error:
            raise CbsError(f"CBS ({host}) did not answer with OData JSON for {what} ({error})") from None
        rows += page
        url = answer.get("odata.nextLink") or answer.get("@odata.nextLink")
        if not url:
            return rows
    raise CbsError(f"CBS ({host}) kept sending pages for {what}; stopped after {MAX_PAGES}")


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _pair(row: dict, prefix: str) -> tuple[str, str] | None:
    """The ``Code_n``/``Naam_n+1`` columns whose code starts with ``prefix`` (PV: province); CBS renumbers them."""
    for key, value in row.items():
        if key.startswith("Code_") and _text(value).startswith(prefix):
            name = f"Naam_{int(key.split('_')[1]) + 1}"
            if name in row:
                return key, name
    return None


def fetch_division(year: int, base_url: str = DEFAULT_BASE_URL, timeout: float = 60.0) -> pd.DataFrame:
    """Every municipality of ``year``: ``cbs_code``, ``name``, ``province_code``, ``province_name``."""
    if year not in GEBIEDEN_TABLES:
        raise ValueError(f"no CBS 'Gebieden in Nederland' table is known for {year}; "
                         f"choose a year from {min(GEBIEDEN_TABLES)} to {max(GEBIEDEN_TABLES)}")
    table = GEBIEDEN_TABLES[year]
    rows = _get_rows(f"{base_url.rstrip('/')}/{table}/TypedDataSet?$format=json", f"table {table}", timeout)
    municipalities = [row for row in rows if _text(row.get("Code_1")).startswith("GM")]
    province = _pair(municipalities[0], "PV") if municipalities else None
    if province is None:
        raise CbsError(f"CBS table {table} has no municipality rows with a province (Code_1 = GM…, a Code_n = PV…)")
    return pd.DataFrame([{"cbs_code": _text(row["Code_1"]), "name": _text(row["Naam_2"]),
                          "province_code": _text(row[province[0]]), "province_name": _text(row[province[1]])}
                         for row in municipalities])


def fetch_population(year: int, base_url: str = DEFAULT_BASE_URL, timeout: float = 60.0) -> dict[str, int]:
    """Inhabitants on 1 January of ``year`` per municipality code (those CBS has published)."""
    query = urllib.parse.urlencode({
        "$format": "json",
        "$filter": f"Perioden eq '{year}JJ00' and startswith(RegioS,'GM')",
        "$select": "RegioS,Perioden,TotaleBevolking_1",
    }, quote_via=urllib.parse.quote, safe="$,'()")
    url = f"{base_url.rstrip('/')}/{KERNCIJFERS_TABLE}/TypedDataSet?{query}"
    rows = _get_rows(url, f"table {KERNCIJFERS_TABLE}", timeout)
    population = {}
    for row in rows:
        value = row.get("TotaleBevolking_1")
        if _text(row.get("Perioden")) == f"{year}JJ00" and isinstance(value, int | float) and value >= 0:
            population[_text(row.get("RegioS"))] = int(value)
    return population


def _with_source(frame: pd.DataFrame, table: str, today: datetime.date) -> pd.DataFrame:
    return frame.assign(table_id=table, retrieved_on=today.isoformat(), licence=LICENCE)


def _write_csv(frame: pd.DataFrame, path: Path) -> Path:
    write_csv(frame, path)
    return path


def update_reference(reference, base_url: str | None = None, directory: Path | None = None,
                     boundaries_url: str | None = None, with_boundaries: bool = True,
                     today: datetime.date | None = None, timeout: float = 60.0) -> UpdateResult:
    """Fetch the division, population and boundaries of ``reference.year`` for its province into the cache.

    The province is the one CBS puts the reference's municipalities in. When
    CBS's division differs from the reference's (a merger the reference does
    not know yet), the files are still written and a note says what differs;
    the reports then keep their own population, which must cover exactly the
    reference's municipalities.

    Raises
    ------
    CbsError
        When CBS cannot be reached or answers with something else than OData
        JSON, or has no population for 1 January of the year yet.
    """
    base_url = base_url or DEFAULT_BASE_URL
    today = today or datetime.date.today()
    year = reference.year
    result = UpdateResult()
    folder = cbs_cache_dir(directory)
    division = fetch_division(year, base_url, timeout)
    ours = set(reference.municipalities["cbs_code"])
    provinces = Counter(division.loc[division["cbs_code"].isin(ours), "province_code"])
    if not provinces:
        raise CbsError(f"none of the reference's municipalities is in CBS table {GEBIEDEN_TABLES[year]}")
    province = provinces.most_common(1)[0][0]
    division = division[division["province_code"] == province].sort_values("cbs_code", ignore_index=True)
    result.written.append(_write_csv(_with_source(division, GEBIEDEN_TABLES[year], today),
                                     folder / f"municipalities_{year}.csv"))
    theirs = set(division["cbs_code"])
    if theirs != ours:
        result.notes.append(f"CBS's division of {year} differs from the reference: new {sorted(theirs - ours)}, "
                            f"gone {sorted(ours - theirs)}; update the reference's municipalities.csv and "
                            f"mergers.csv before using these figures")
    population = fetch_population(year, base_url, timeout)
    missing = sorted(theirs - set(population))
    if len(missing) == len(theirs):
        raise CbsError(f"CBS has no population for 1 January {year} yet ({KERNCIJFERS_TABLE}, period {year}JJ00); "
                       f"it appears during that year. The reports keep using {reference.population_date}")
    if missing:
        raise CbsError(f"CBS's population for 1 January {year} lacks {', '.join(missing)}; nothing was saved")
    frame = division[["cbs_code", "name"]].assign(population=division["cbs_code"].map(population),
                                                  reference_date=f"{year}-01-01")
    result.written.append(_write_csv(_with_source(frame, KERNCIJFERS_TABLE, today), population_path(year, directory)))
    if with_boundaries:
        result.written.append(_boundaries(reference, boundaries_url, directory, today, timeout))
    return result


def _boundaries(reference, url: str | None, directory: Path | None, today: datetime.date, timeout: float) -> Path:
    from .boundaries import PDOK_WFS, fetch_boundaries  # only when boundaries are asked for

    path = fetch_boundaries(reference, url=url, directory=directory, timeout=timeout)
    collection = json.loads(path.read_text(encoding="utf-8"))
    collection["source"] = {"publisher": "CBS/Kadaster via PDOK", "url": url or PDOK_WFS.format(year=reference.year),
                            "retrieved_on": today.isoformat(), "licence": LICENCE}
    return atomic_write(path, lambda t: Path(t).write_text(json.dumps(collection), encoding="utf-8"))
