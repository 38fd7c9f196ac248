"""The evidence dataset: initiatives, and every mention of a party taking part in one.

The data folder (see ``data/README.md`` for the columns):

- ``initiatives.csv``: one row per initiative, with its kind, themes, source
  section and any count the source gives without names;
- ``involvements.csv``: one row per mention of a party in an initiative, with the
  name exactly as written, the kind of party, its role and optionally its own source;
- ``sources.csv``: the documents the rows come from, with their dates;
- or, instead of these CSV files, one workbook with a sheet for each (see
  :mod:`vsv_analysis.evidence.layout`);
- ``programme.yaml``, ``interpretations.csv`` and ``vocabularies/``: see
  :mod:`vsv_analysis.evidence.programme` and :mod:`vsv_analysis.evidence.vocabulary`.

:func:`load_dataset` checks them, resolves every municipality and region name
against the reference geography of the chosen year, and keeps the evidence of
the sources dated on or before ``as_of``.

Examples
--------
>>> data = load_dataset(year=2022)
>>> sorted(data.named_municipalities()["municipality_name"])[:3]
["'s-Hertogenbosch", 'Altena', 'Bergeijk']
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..common.errors import DataError, DataProblem
from ..common.locations import default_data_dir
from ..files.textfiles import check_folder
from ..geography.cache import skipped_cache
from ..geography.reference import Reference, load_reference
from .documents import document_problems
from .interpretations import split_mention_ids
from .layout import evidence_files
from .links import check_links
from .mentions import resolve_mentions
from .programme import Programme, load_programme
from .sources import available_sources, parse_as_of
from .specs import INVOLVEMENT_COLUMNS, evidence_specs
from .vocabulary import Vocabulary, load_vocabulary

__all__ = ["Dataset", "load_dataset"]


@dataclass(frozen=True)
class Dataset:
    """The checked evidence, resolved for one geography year, as it stood on ``as_of``.

    Attributes
    ----------
    initiatives : DataFrame
        One row per initiative; ``reported_municipalities`` is a nullable integer.
    involvements : DataFrame
        One row per mention (a mention of a municipality that did not exist yet
        in the chosen year gives one row per predecessor). ``is_resolved`` is
        true or false for municipalities and regions and empty for other parties.
        ``source_id`` is the mention's own source, else its initiative's.
    sources : DataFrame
        Every source, with ``is_available`` (counts on ``as_of``) and
        ``excluded_because``.
    reference : Reference
    data_dir : Path
    vocabulary : Vocabulary
        Roles, party kinds and initiative kinds in force.
    programme : Programme
        What the reports call the programme.
    interpretations : DataFrame
        The reading choices that concern the evidence kept.
    as_of : date or None
        Only evidence from sources dated on or before this day (None: all).
    warnings : tuple of str
        Things that are allowed but worth saying, in English, one sentence
        each: an evidence file with a header and no rows, no programme
        description, no evidence left on the ``as_of`` date.
    """

    initiatives: pd.DataFrame
    involvements: pd.DataFrame
    sources: pd.DataFrame
    reference: Reference
    data_dir: Path
    vocabulary: Vocabulary = field(default_factory=load_vocabulary)
    programme: Programme = field(default_factory=Programme)
    interpretations: pd.DataFrame = field(default_factory=pd.DataFrame)
    as_of: datetime.date | None = None
    warnings: tuple[str, ...] = ()

    @property
    def year(self) -> int:
        return self.reference.year

    @property
    def used_sources(self) -> pd.DataFrame:
        """The sources the kept evidence rests on (initiatives and mentions), in file order."""
        used = set(self.initiatives["source_id"]) | set(self.involvements["source_id"])
        return self.sources[self.sources["source_id"].isin(used)]

    @property
    def excluded_sources(self) -> pd.DataFrame:
        """Sources left out because of ``as_of``, with ``excluded_because``."""
        return self.sources[~self.sources["is_available"]]

    def named_municipalities(self, roles=None) -> pd.DataFrame:
        """Resolved municipalities named in the evidence, one row each.

        Columns: ``municipality_code``, ``municipality_name``, ``initiatives``
        (how many distinct initiatives name it) and ``mentions``.

        Parameters
        ----------
        roles : iterable of str, optional
            Count only mentions with these roles (default, or empty: all roles).
        """
        rows = self.involvements[(self.involvements["party_kind"] == "municipality")
                                 & (self.involvements["is_resolved"] == True)]  # noqa: E712 (nullable boolean)
        roles = [] if roles is None else list(roles)
        if roles:
            rows = rows[rows["role"].isin(roles)]
        table = (rows.groupby(["municipality_code", "municipality_name"])
                 .agg(initiatives=("initiative_id", "nunique"), mentions=("mention_id", "nunique"))
                 .reset_index())
        return table.sort_values(["initiatives", "municipality_name"], ascending=[False, True], ignore_index=True)

    def mentions(self) -> pd.DataFrame:
        """One row per mention, in file order: its first involvement row, and ``resolves_to``, what it resolves to
        (a municipality or a region; predecessors of one municipality joined with " / "; empty if nothing).

        Vectorised: only the few mentions with more than one row are grouped, so 50,000 mentions take
        milliseconds.
        """
        rows = self.involvements
        resolves = rows["municipality_name"].where(rows["municipality_name"] != "", rows["region_name"]).fillna("")
        first = ~rows["mention_id"].duplicated()
        table = rows[first].assign(resolves_to=resolves[first])
        repeated = rows["mention_id"].duplicated(keep=False)
        if repeated.any():
            joined = (resolves[repeated].groupby(rows.loc[repeated, "mention_id"], sort=False)
                      .agg(lambda values: " / ".join(dict.fromkeys(v for v in values if v))))
            several = table["mention_id"].isin(joined.index)
            table.loc[several, "resolves_to"] = table.loc[several, "mention_id"].map(joined)
        return table.reset_index(drop=True)

    def unresolved(self) -> pd.DataFrame:
        """Mentions of municipalities or regions that could not be placed, with the reason."""
        rows = self.involvements[self.involvements["is_resolved"] == False]  # noqa: E712 (nullable boolean)
        return rows[["mention_id", "initiative_id", "initiative_name", "source_id", "source_section",
                     "name_as_written", "party_kind", "role", "resolution_note"]]

    def summary(self) -> str:
        """A one-line description of the dataset, for logs and the command line."""
        named = self.named_municipalities()
        unresolved = self.unresolved()
        counted = self.initiatives["reported_municipalities"].notna().sum()
        text = (f"{len(self.initiatives)} initiatives, {self.involvements['mention_id'].nunique()} mentions; "
                f"{len(named)} of {len(self.reference.municipalities)} municipalities named "
                f"(geography {self.year}); {counted} initiatives report counts without names")
        if len(unresolved):
            names = ", ".join(sorted(set(unresolved["name_as_written"])))
            text += f"; {len(unresolved)} unresolved: {names}"
        if self.as_of is not None:
            text += f"; as of {self.as_of.isoformat()}, {len(self.excluded_sources)} source(s) left out"
        return text


def load_dataset(data_dir: Path | str | None = None, year: int | None = None, as_of=None) -> Dataset:
    """Load, check and resolve the evidence dataset for one geography year.

    Parameters
    ----------
    data_dir : path, optional
        Folder with ``initiatives.csv``, ``involvements.csv`` and ``sources.csv``,
        or one workbook with those sheets instead (see :mod:`vsv_analysis.evidence.layout`)
        (default: the project's ``data/``), and optionally ``programme.yaml``,
        ``interpretations.csv`` and ``vocabularies/``. Its ``reference/``
        subfolder is used if present, the built-in Brabant reference otherwise.
    year : int, optional
        Geography year; default the latest the reference covers.
    as_of : date or str, optional
        Keep only the evidence from sources dated on or before this day
        (``YYYY-MM-DD``); undated sources are then left out. Default: all.

    Raises
    ------
    DataFolderError
        When ``data_dir`` is missing or no folder (one problem, not one per file).
    DataError
        Listing every problem found, each with file, row, column, value and
        what was expected. Files must lie inside ``data_dir``: a symbolic link
        that leads out of it is refused.
    """
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    as_of = parse_as_of(as_of)
    check_folder(data_dir, "initiatives.csv, involvements.csv and sources.csv")
    problems: list[DataProblem] = []
    tables = {}
    vocabulary = load_vocabulary(data_dir)
    try:
        files = evidence_files(data_dir)  # each file from its CSV file or from the workbook's sheet
    except DataError as error:
        problems.extend(error.problems)
        files = {}
    specs = evidence_specs(vocabulary)
    for name, evidence_file in files.items():
        try:
            tables[name] = evidence_file.read(specs[name], root=data_dir)
        except DataError as error:
            problems.extend(error.problems)
    try:
        reference = load_reference(data_dir, year)
    except DataError as error:
        problems.extend(error.problems)
    try:
        programme = load_programme(data_dir)
    except DataError as error:
        problems.extend(error.problems)
    if problems:
        raise DataError(problems)

    initiatives, involvements, sources = (tables["initiatives.csv"], tables["involvements.csv"], tables["sources.csv"])
    interpretations = tables["interpretations.csv"] = split_mention_ids(tables["interpretations.csv"])
    shown = {name: evidence_file.shown for name, evidence_file in files.items()}
    problems.extend(check_links(initiatives, involvements, sources, interpretations, shown))
    problems.extend(document_problems(sources, data_dir, shown["sources.csv"]))
    rows, resolve_problems = resolve_mentions(involvements, initiatives, reference, shown["involvements.csv"])
    problems.extend(resolve_problems)
    if problems:
        raise DataError(problems)
    resolved = pd.DataFrame(rows, columns=INVOLVEMENT_COLUMNS)
    resolved["is_resolved"] = pd.array(list(resolved["is_resolved"]), dtype="boolean")
    resolved["expand_to_members"] = resolved["expand_to_members"].astype(bool)
    initiatives = initiatives.drop(columns="_row")
    initiatives["reported_municipalities"] = pd.array(
        [int(v) if v else None for v in initiatives["reported_municipalities"]], dtype="Int64")
    sources = available_sources(sources.drop(columns="_row"), as_of)
    kept = set(sources.loc[sources["is_available"], "source_id"])
    initiatives = initiatives[initiatives["source_id"].isin(kept)].reset_index(drop=True)
    resolved = resolved[resolved["source_id"].isin(kept) & resolved["initiative_id"].isin(initiatives["initiative_id"])]
    resolved = resolved.reset_index(drop=True)
    interpretations = _kept_interpretations(interpretations.drop(columns="_row"), initiatives, resolved)
    warnings = (*_empty_file_warnings(tables, shown), *_warnings(tables, initiatives, resolved, programme, as_of),
                *_cache_warnings(reference))
    return Dataset(initiatives, resolved, sources, reference, data_dir, vocabulary, programme, interpretations, as_of,
                   warnings)


_EMPTY_MEANS = {
    "initiatives.csv": "there are no initiatives to analyse",
    "involvements.csv": "there are no mentions, so the network has no edges and no municipality is reached",
    "sources.csv": "no source documents are listed",
}


def _empty_file_warnings(tables: dict[str, pd.DataFrame], shown: dict[str, str]) -> tuple[str, ...]:
    return tuple(f"{shown[name]} has a header but no rows: {meaning}."
                 for name, meaning in _EMPTY_MEANS.items() if tables[name].empty)


def _cache_warnings(reference: Reference) -> list[str]:
    """The population is where the reference reads the user cache: a cache that was skipped is a warning."""
    _ = reference.population_date  # read now, so that the warning is given with the others
    return skipped_cache()


def _kept_interpretations(interpretations, initiatives, involvements) -> pd.DataFrame:
    """Reading choices whose evidence is still there (all of them without ``as_of``)."""
    mentions, kept_initiatives = set(involvements["mention_id"]), set(initiatives["initiative_id"])
    keep = [(not ids and not initiative) or bool(set(ids) & mentions) or initiative in kept_initiatives
            for ids, initiative in zip(interpretations["mention_ids"], interpretations["initiative_id"])]
    return interpretations[pd.Series(keep, index=interpretations.index, dtype=bool)].reset_index(drop=True)


def _warnings(tables, initiatives, involvements, programme: Programme, as_of) -> list[str]:
    warnings = []
    if not programme.is_described:
        warnings.append("there is no programme.yaml in the data folder: the reports call the programme "
                        "'het programma'")
    if as_of is not None:
        if initiatives.empty and not tables["initiatives.csv"].empty:
            warnings.append(f"no initiative comes from a source dated on or before {as_of.isoformat()}")
        elif involvements.empty and not tables["involvements.csv"].empty:
            warnings.append(f"no mention comes from a source dated on or before {as_of.isoformat()}")
    return warnings
