"""The input workbook an evaluator fills in Excel: ``vsv-analysis template``.

One sheet per evidence file (``initiatives``, ``involvements``, ``sources``,
``interpretations``) with the columns of the CSV file, formatted as the output
workbooks are (:func:`vsv_analysis.files.spreadsheet.add_sheet`: bold frozen header,
filter, fitted widths). Each header carries a comment in Dutch saying what goes
in the column and whether it is required. Coded columns get a drop-down list
(data validation) fed from the hidden, protected sheet ``lijsten``, which holds
the vocabularies of the data folder (its ``vocabularies/`` additions included)
and the municipality and region names of the chosen year's reference:

- ``kind``, ``party_kind``, ``role``, ``reported_municipalities_role``: the
  vocabulary, other values refused by Excel as by ``validate``;
- ``expand_to_members``, ``date_is_inferred``: ``ja`` or ``nee``;
- ``name_as_written``, ``initiative_id``, ``source_id``: a list to pick from,
  without refusing anything else (a name is kept as the source writes it, and
  an id may be typed before its row exists).

Text columns are formatted as text, so that Excel keeps ``2021-03`` or ``01``
as typed instead of turning them into a date or a number. With ``with_data``
the sheets hold the data folder's current evidence, to edit; its text is
written with the same formula-injection safety as every output table.

Examples
--------
>>> import io, openpyxl
>>> buffer = io.BytesIO()
>>> write_template(buffer)["involvements"]
0
>>> openpyxl.load_workbook(buffer).sheetnames
['initiatives', 'involvements', 'sources', 'interpretations', 'lijsten']
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import pandas as pd

from ..common.errors import DataError
from ..common.locations import default_data_dir
from ..files.csvfiles import FALSE_WORDS, TRUE_WORDS, TableSpec
from ..files.spreadsheet import add_sheet, save_workbook, text_cell
from ..files.textfiles import check_folder
from ..geography.reference import Reference, load_reference
from .layout import EVIDENCE_FILES, empty_columns, evidence_files, sheet_name
from .specs import evidence_specs
from .templatetexts import COLUMN_HELP_NL, EXTRA_COLUMN_NL, LIST_ERROR_NL, NAME_PROMPT_NL
from .vocabulary import Vocabulary, load_vocabulary

__all__ = ["EMPTY_ROWS", "LISTS_SHEET", "write_template"]

EMPTY_ROWS = 1000
"""How many rows below the last filled one the drop-down lists reach."""

LISTS_SHEET = "lijsten"

_YES_NO = ("ja", "nee")
_VOCABULARY_COLUMNS = {"kind": "kind", "party_kind": "party_kind", "role": "role",
                       "reported_municipalities_role": "role"}
_BOOL_COLUMNS = ("expand_to_members", "date_is_inferred", "is_uncertain")
_ID_COLUMNS = {"initiative_id": "initiatives", "source_id": "sources"}  # an id that points at another sheet

def write_template(target: Path | BinaryIO, data_dir: Path | str | None = None, year: int | None = None,
                   with_data: bool = False) -> dict[str, int]:
    """Write the input workbook to an ``.xlsx`` path or a binary stream; return the rows per sheet.

    Parameters
    ----------
    target : path or binary stream
        A path is written under a temporary name and renamed.
    data_dir : path, optional
        Data folder whose vocabularies, reference and (``with_data``) evidence
        are used; default the built-in data.
    year : int, optional
        Geography year of the municipality and region names; default the latest.
    with_data : bool
        Fill the sheets with the folder's evidence (from its CSV files or its
        workbook), so that the existing records can be edited.

    Raises
    ------
    DataFolderError, DataError
        When the data folder is missing, or (``with_data``) its evidence cannot be read.
    ValueError
        When ``year`` is not covered, or the target path does not end in
        ``.xlsx``, exists already (it may be a filled-in workbook), or lies
        inside the data folder (which the tool never writes into).
    """
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    check_folder(data_dir, "initiatives.csv, involvements.csv and sources.csv")
    if isinstance(target, str | Path):
        _check_target(Path(target), data_dir)
    vocabulary = load_vocabulary(data_dir)
    reference = load_reference(data_dir, year)
    specs = evidence_specs(vocabulary)
    frames = _evidence(data_dir, specs) if with_data else {name: _empty(name, spec) for name, spec in specs.items()}

    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, frame in frames.items():
        shown = _shown(frame, specs[name])
        sheet = add_sheet(workbook, sheet_name(name), shown, [None] * len(shown.columns))
        _describe_columns(sheet, sheet_name(name), list(shown.columns), specs[name], vocabulary)
    lists, id_ranges = _add_lists(workbook, vocabulary, reference), _id_ranges(frames)
    for name, frame in frames.items():
        _add_validations(workbook[sheet_name(name)], list(frame.columns), len(frame) + 1 + EMPTY_ROWS, lists,
                         id_ranges, vocabulary)
    save_workbook(workbook, target)
    return {sheet_name(name): len(frame) for name, frame in frames.items()}


def _check_target(path: Path, data_dir: Path) -> None:
    if path.suffix.casefold() != ".xlsx":
        raise ValueError(f"the template is an Excel workbook: give it a name ending in .xlsx, such as invoer.xlsx, "
                         f"not {path.name!r}")
    if path.exists() or path.is_symlink():
        raise ValueError(f"{path} exists already; the template never replaces a file, which may hold filled-in "
                         f"evidence: remove it first, or choose another name")
    folder = data_dir.resolve()
    if folder == path.parent.resolve() or folder in path.parent.resolve().parents:
        raise ValueError(f"{path} lies inside the data folder {data_dir}, and the tool never writes into a data "
                         f"folder: write the template elsewhere, and move it in yourself when it is to replace "
                         f"the CSV files")


def _empty(name: str, spec: TableSpec) -> pd.DataFrame:
    return pd.DataFrame(columns=empty_columns(name, spec), dtype=object)


def _evidence(data_dir: Path, specs: dict[str, TableSpec]) -> dict[str, pd.DataFrame]:
    """Each evidence file as read, its columns in the file's order (optional ones it lacks at the end)."""
    files = evidence_files(data_dir)
    frames, problems = {}, []
    for name in EVIDENCE_FILES:
        try:
            frames[name] = files[name].read(specs[name], root=data_dir).drop(columns="_row")
        except DataError as error:
            problems.extend(error.problems)
    if problems:
        raise DataError(problems)
    return frames


def _shown(frame: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
    """The cells as the workbook holds them: counts as numbers, yes and no as ``ja`` and ``nee``."""
    frame = frame.copy()
    for column in spec.columns:
        values = frame[column.name]
        if column.kind in ("count", "number"):
            frame[column.name] = [float(v) if "." in v else int(v) if v else "" for v in values]
        elif column.kind == "bool":
            frame[column.name] = ["ja" if v.casefold() in TRUE_WORDS else "nee" if v.casefold() in FALSE_WORDS
                                  else v for v in values]
    return frame


def _describe_columns(sheet, name: str, columns: list[str], spec: TableSpec, vocabulary: Vocabulary) -> None:
    """A Dutch comment on each header cell, and text format on the text columns (so Excel keeps what is typed)."""
    from openpyxl.comments import Comment
    from openpyxl.utils import get_column_letter

    by_name = {column.name: column for column in spec.columns}
    for index, column_name in enumerate(columns, 1):
        column = by_name.get(column_name)
        if column is None:
            text = COLUMN_HELP_NL.get((name, column_name), EXTRA_COLUMN_NL)
            text = f"Niet verplicht. {text}"
        else:
            text = f"{'Verplicht' if column.required else 'Niet verplicht'}. {COLUMN_HELP_NL[(name, column_name)]}"
        if column_name in _VOCABULARY_COLUMNS:
            labels = vocabulary.labels(_VOCABULARY_COLUMNS[column_name])
            text += "\nKeuzes: " + "; ".join(f"{value} ({label})" for value, label in labels.items()) + "."
        comment = Comment(text, "vsv-analysis")
        comment.width, comment.height = 320, 40 + 15 * (len(text) // 48 + text.count("\n"))
        sheet.cell(row=1, column=index).comment = comment
        if column is None or column.kind not in ("count", "number"):
            sheet.column_dimensions[get_column_letter(index)].number_format = "@"


def _add_lists(workbook, vocabulary: Vocabulary, reference: Reference) -> dict[str, tuple[str, tuple[str, ...]]]:
    """The hidden, protected sheet of drop-down values; returns each list's range (as a formula) and values."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    names = sorted(reference.municipalities["name"], key=str.casefold)
    names += sorted(reference.regions["short_name"].drop_duplicates(), key=str.casefold)
    lists = [("kind", "kind", vocabulary.values("kind")), ("party_kind", "party_kind", vocabulary.values("party_kind")),
             ("role", "role", vocabulary.values("role")), ("ja_nee", "ja of nee", _YES_NO),
             ("naam", f"gemeente of regio ({reference.year})", tuple(names))]
    sheet = workbook.create_sheet(LISTS_SHEET)
    ranges = {}
    for index, (key, header, values) in enumerate(lists, 1):
        letter = get_column_letter(index)
        sheet.cell(row=1, column=index, value=header).font = Font(bold=True)
        for row, value in enumerate(values, 2):
            text_cell(sheet, row, index, value)
        sheet.column_dimensions[letter].width = max(len(header), *(len(v) for v in values)) + 2
        ranges[key] = (f"{LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}", values)
    sheet.sheet_state = "hidden"
    sheet.protection.sheet = True  # the lists come from the data folder: change them there, not here
    return ranges


def _add_validations(sheet, columns: list[str], last_row: int, lists: dict, id_ranges: dict[str, str],
                     vocabulary: Vocabulary) -> None:
    """Drop-down lists on the rows of every coded column, and on names and ids as a help only."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    for index, column_name in enumerate(columns, 1):
        letter = get_column_letter(index)
        values: tuple[str, ...] = ()
        if column_name in _VOCABULARY_COLUMNS:
            table = _VOCABULARY_COLUMNS[column_name]
            formula, values = lists[table]
            validation = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                                        errorTitle="Niet in de lijst",
                                        error=LIST_ERROR_NL.format(file=vocabulary.extension_file(table).name))
        elif column_name in _BOOL_COLUMNS:
            formula, values = lists["ja_nee"]
            validation = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                                        errorTitle="Ja of nee", error="Kies ja of nee, of laat de cel leeg.")
        elif column_name == "name_as_written":  # any spelling may be right: a help, never a limit
            formula, values = lists["naam"]
            validation = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=False,
                                        showInputMessage=True, promptTitle="Naam zoals geschreven",
                                        prompt=NAME_PROMPT_NL)
        elif column_name in _ID_COLUMNS and _ID_COLUMNS[column_name] != sheet.title:
            validation = DataValidation(type="list", formula1=id_ranges[column_name], allow_blank=True,
                                        showErrorMessage=False)
        else:
            continue
        validation.add(f"{letter}2:{letter}{last_row}")
        sheet.add_data_validation(validation)
        if values:
            dimension = sheet.column_dimensions[letter]
            dimension.width = min(max(dimension.width or 0, max(map(len, values)) + 4), 60)  # room for the arrow


def _id_ranges(frames: dict[str, pd.DataFrame]) -> dict[str, str]:
    """The cells holding each kind of id, on its own sheet, as far as the drop-down lists reach."""
    from openpyxl.utils import get_column_letter

    ranges = {}
    for column_name, target in _ID_COLUMNS.items():
        frame = frames[f"{target}.csv"]
        letter = get_column_letter(list(frame.columns).index(column_name) + 1)
        ranges[column_name] = f"{target}!${letter}$2:${letter}${len(frame) + 1 + EMPTY_ROWS}"
    return ranges
