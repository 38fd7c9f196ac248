"""CBS tables as rows, checked: from the OData API's answers or from a file saved from CBS's open data portal.

Both give the rows of a ``TypedDataSet`` as dicts, keyed by the API's column
names (``RegioS``, ``Perioden``, ``TotaleBevolking_1``; ``Code_1``, ``Naam_2``,
…). A file may be

- **OData JSON**, as the API answers (``<base>/<table>/TypedDataSet?$format=json``
  saved from a browser): an object with the rows under ``value``;
- **CSV**, as the open data portal downloads a table raw ("onbewerkte dataset"):
  a header row with the same column names, ``;`` or ``,`` between the values,
  values in double quotes or not, padded with spaces or not; a value that is
  empty or ``.`` is not published.

Which table a file holds is told by its columns: ``TotaleBevolking_1`` for the
population (70072NED), ``Code_1`` and ``Naam_2`` for a "Gebieden in Nederland"
table. Every value is checked before anything is written: codes look like
codes, names are one line of text, a population is a whole number (as a JSON
number from the API, as digits in a CSV file) and each municipality appears
once. Messages name the address or the file, and the row.

Examples
--------
>>> rows = csv_rows('"ID";"RegioS";"Perioden";"TotaleBevolking_1"\\n"0";"GM0796  ";"2022JJ00";"  157486"\\n', "p.csv")
>>> population_of(rows, 2022, "p.csv", typed=False)
{'GM0796': 157486}
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pandas as pd

from ..common.errors import display_path
from ..files.csvrecords import sniff_delimiter
from ..files.textfiles import read_text

__all__ = ["MAX_POPULATION", "CbsError", "csv_rows", "division_of", "file_rows", "json_rows", "population_of",
           "table_kind"]

MAX_POPULATION = 100_000_000
"""More residents than any municipality could have: a value above it is no population figure."""
MAX_FILE_BYTES = 64 * 1024 * 1024
_CODE = re.compile(r"^GM\d{4}$")
_PROVINCE = re.compile(r"^PV\d{2}$")
_DIGITS = re.compile(r"^\s*\d+\s*$")
_NOT_PUBLISHED = ("", ".")


class CbsError(RuntimeError):
    """CBS open data could not be had (network, server or content); the message says what to do."""


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def json_rows(raw: bytes | str, shown: str) -> tuple[list[dict], str | None]:
    """The rows of one OData JSON answer and the link to its next page (``None`` on the last page)."""
    try:
        answer = json.loads(raw)
        page = answer["value"]
        if not isinstance(page, list) or not all(isinstance(row, dict) for row in page):
            raise TypeError("value is not a list of rows")
    except (ValueError, KeyError, TypeError, RecursionError) as error:
        raise CbsError(f"{shown} is not OData JSON ({error}): expected an object with the table's rows under "
                       f"'value'") from None
    following = answer.get("odata.nextLink") or answer.get("@odata.nextLink")
    return page, following if isinstance(following, str) and following else None


def csv_rows(text: str, shown: str) -> list[dict]:
    """The rows of a CSV file saved from CBS's open data portal, keyed by the header's column names."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise CbsError(f"{shown} is empty: expected CBS's table as CSV, with a header row of column names")
    delimiter = sniff_delimiter(lines[0], ["ID", "RegioS", "Perioden", "TotaleBevolking_1", "Code_1", "Naam_2"])
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    header = [name.strip() for name in next(reader)]
    rows = []
    for number, values in enumerate(reader, start=2):
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(header):
            raise CbsError(f"{shown}, row {number}: found {len(values)} values; expected {len(header)}, as in the "
                           f"header row")
        rows.append(dict(zip(header, values)))
    return rows


def file_rows(path: Path) -> tuple[list[dict], bool]:
    """The rows of a file saved from CBS: OData JSON or the portal's CSV (see the module docstring), and whether
    it was JSON (whose figures are numbers; a CSV file's are digits)."""
    from ..common.errors import DataError

    shown = display_path(path)
    try:
        text = read_text(Path(path), what="CBS file (OData JSON or CSV)", max_bytes=MAX_FILE_BYTES)
    except DataError as error:
        raise CbsError(str(error.problems[0])) from None
    if text.lstrip("\ufeff \t\r\n").startswith("{"):
        return json_rows(text, shown)[0], True
    return csv_rows(text, shown), False


def table_kind(rows: list[dict], shown: str) -> str:
    """``population`` (70072NED's ``TotaleBevolking_1``) or ``division`` (``Code_1`` and ``Naam_2``)."""
    columns = set(rows[0]) if rows else set()
    if "TotaleBevolking_1" in columns:
        return "population"
    if {"Code_1", "Naam_2"} <= columns:
        return "division"
    raise CbsError(f"{shown} holds neither CBS's population (a column TotaleBevolking_1, table 70072NED) nor a "
                   f"'Gebieden in Nederland' table (columns Code_1 and Naam_2); its columns are "
                   f"{', '.join(sorted(columns)) or 'none'}")


def _pair(row: dict, prefix: str) -> tuple[str, str] | None:
    """The ``Code_n``/``Naam_n+1`` columns whose code starts with ``prefix`` (PV: province); CBS renumbers them."""
    for key, value in row.items():
        if key.startswith("Code_") and _text(value).startswith(prefix) and key.split("_")[1].isdigit():
            name = f"Naam_{int(key.split('_')[1]) + 1}"
            if name in row:
                return key, name
    return None


def _one_line(value, row: int, column: str, shown: str) -> str:
    text = _text(value)
    if not isinstance(value, str) or not text or "\n" in text or "\r" in text or len(text) > 200:
        raise CbsError(f"{shown}, row {row}: found {column} {value!r}; expected a name, one line of text")
    return text


def _once(seen: dict[str, int], code: str, number: int, what: str, shown: str) -> None:
    """Note that row ``number`` holds ``code``; a code held by an earlier row is refused."""
    if code in seen:
        raise CbsError(f"{shown}, row {number}: found {what} again (row {seen[code]} has it); expected each "
                       f"municipality once")
    seen[code] = number


def division_of(rows: list[dict], table: str, shown: str) -> pd.DataFrame:
    """Every municipality of a "Gebieden in Nederland" table: ``cbs_code``, ``name``, ``province_code``,
    ``province_name``; checked (codes, names, one row per municipality)."""
    municipalities = [(number, row) for number, row in enumerate(rows, start=1)
                      if _text(row.get("Code_1")).startswith("GM")]
    province = _pair(municipalities[0][1], "PV") if municipalities else None
    if province is None:
        raise CbsError(f"{shown}: table {table} has no municipality rows with a province (Code_1 = GM…, a "
                       f"Code_n = PV…)")
    records, seen = [], {}
    for number, row in municipalities:
        code, province_code = _text(row["Code_1"]), _text(row.get(province[0]))
        if not _CODE.match(code) or not _PROVINCE.match(province_code):
            raise CbsError(f"{shown}, row {number}: found {row['Code_1']!r}, province {row.get(province[0])!r}; "
                           f"expected a municipality code such as GM0796 and a province code such as PV30")
        _once(seen, code, number, code, shown)
        records.append({"cbs_code": code, "name": _one_line(row.get("Naam_2"), number, "Naam_2", shown),
                        "province_code": province_code,
                        "province_name": _one_line(row.get(province[1]), number, province[1], shown)})
    return pd.DataFrame(records)


def population_of(rows: list[dict], year: int, shown: str, typed: bool = True) -> dict[str, int]:
    """Inhabitants on 1 January of ``year`` per municipality code, for the rows CBS has published.

    ``typed``: the rows come from JSON, where a figure is a number (text there is refused: it is not what the
    API answers); from a CSV file a figure is digits. A figure that is not published (null, empty or ``.``) is
    left out; anything else that is not a whole number from 0 to :data:`MAX_POPULATION` is refused.
    """
    period = f"{year}JJ00"
    population: dict[str, int] = {}
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=1):
        code = _text(row.get("RegioS"))
        if _text(row.get("Perioden")) != period or not code.startswith("GM"):
            continue
        value = row.get("TotaleBevolking_1")
        if value is None or (not typed and _text(value) in _NOT_PUBLISHED):
            continue
        if typed:
            is_whole = isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer()
        else:
            is_whole = isinstance(value, str) and bool(_DIGITS.match(value))
        if not _CODE.match(code) or not is_whole or not 0 <= int(float(_text(value))) <= MAX_POPULATION:
            kind = " (text)" if typed and isinstance(value, str) else ""
            raise CbsError(f"{shown}, row {number}: found TotaleBevolking_1 {value!r}{kind} for {code!r}; expected "
                           f"a whole number of inhabitants for a municipality code such as GM0796")
        _once(seen, code, number, f"{code} for {period}", shown)
        population[code] = int(float(_text(value)))
    return population
