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
  vocabulary in its Dutch labels (``deelnemer``, ``waterschap``), other values
  refused by Excel as by ``validate``; the codes stay beside the labels in a
  hidden column of ``lijsten``, and reading the workbook turns each label back
  into its code (:class:`vsv_analysis.files.csvfiles.Column` ``labels``);
- ``expand_to_members``, ``date_is_inferred``, ``is_uncertain``: ``ja`` or ``nee``;
- ``name_as_written``, ``initiative_id``, ``source_id``: a list to pick from,
  without refusing anything else (a name is kept as the source writes it, and
  an id may be typed before its row exists); the ids as far as the other sheet
  has them.

The lists reach every row of the sheet, so that they hold however many rows the
evidence takes. Text columns are formatted as text, so that Excel keeps
``2021-03`` or ``01`` as typed instead of turning them into a date or a number.
With ``with_data`` the sheets hold the data folder's current evidence, to edit:
counts as numbers, kinds and roles in their labels, yes and no as ``ja`` and
``nee``, a full date as a date cell shown the Dutch way (``1-1-2019``; a year
alone stays text), and its text with the same formula-injection safety as every
output table.

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
from ..files.spreadsheet import DUTCH_DATE_FORMAT, YES_NO_NL, add_sheet, save_workbook, text_cell
from ..files.textfiles import check_folder
from ..geography.reference import Reference, load_reference
from .layout import EVIDENCE_FILES, empty_columns, evidence_files, sheet_name
from .specs import evidence_specs
from .templatetexts import COLUMN_HELP_NL, EXTRA_COLUMN_NL, LIST_ERROR_NL, NAME_PROMPT_NL, VOCABULARY_HEADERS_NL
from .vocabulary import Vocabulary, load_vocabulary

__all__ = ["LAST_ROW", "LISTS_SHEET", "add_drop_downs", "with_labels", "write_template"]

LAST_ROW = 1_048_576
"""The last row of a sheet (Excel's limit): the drop-down lists reach it, so they hold as many rows as the data."""

LISTS_SHEET = "lijsten"

_DATE_KINDS = ("date", "year_or_date", "partial_date")
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
        shown = with_labels(_shown(frame, specs[name]), vocabulary)
        sheet = add_sheet(workbook, sheet_name(name), shown, _cell_formats(list(shown.columns), specs[name]))
        _describe_columns(sheet, sheet_name(name), list(shown.columns), specs[name], vocabulary)
    lists, id_ranges = _add_lists(workbook, vocabulary, reference), _id_ranges(frames)
    for name, frame in frames.items():
        _add_validations(workbook[sheet_name(name)], list(frame.columns), LAST_ROW, lists, id_ranges, vocabulary)
    save_workbook(workbook, target)
    return {sheet_name(name): len(frame) for name, frame in frames.items()}


def add_drop_downs(workbook, sheet, columns: list[str], last_row: int, vocabulary: Vocabulary,
                   reference: Reference, id_ranges: dict[str, str] | None = None) -> None:
    """The template's drop-down lists (and its hidden sheet of values) on ``sheet`` of another workbook.

    For the review workbook of ``vsv-analysis extract``: its columns named as the evidence columns
    (``party_kind``, ``role``, ``expand_to_members``, ``name_as_written``…) get the same lists.
    """
    lists = _add_lists(workbook, vocabulary, reference)
    _add_validations(sheet, columns, last_row, lists, id_ranges or {}, vocabulary)


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
            frame[column.name] = [YES_NO_NL[0] if v.casefold() in TRUE_WORDS else
                                  YES_NO_NL[1] if v.casefold() in FALSE_WORDS else v for v in values]
    return frame


def with_labels(frame: pd.DataFrame, vocabulary: Vocabulary) -> pd.DataFrame:
    """Kinds and roles in the Dutch labels the drop-down lists offer (reading the workbook turns them back)."""
    frame = frame.copy()
    for column, table in _VOCABULARY_COLUMNS.items():
        if column in frame:
            labels = vocabulary.labels(table)
            frame[column] = [labels.get(value, value) for value in frame[column]]
    return frame


def _cell_formats(columns: list[str], spec: TableSpec) -> list[str | None]:
    """A Dutch date format for the date columns, so that a full date is a date cell (a year alone stays text)."""
    kinds = {column.name: column.kind for column in spec.columns}
    return [DUTCH_DATE_FORMAT if kinds.get(column) in _DATE_KINDS else None for column in columns]


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
            text += "\nKeuzes: " + "; ".join(label if label == value else f"{label} ({value})"
                                             for value, label in labels.items()) + "."
        comment = Comment(text, "vsv-analysis")
        comment.width, comment.height = 320, 40 + 15 * (len(text) // 48 + text.count("\n"))
        sheet.cell(row=1, column=index).comment = comment
        if column is None or column.kind not in ("count", "number"):
            sheet.column_dimensions[get_column_letter(index)].number_format = "@"


def _add_lists(workbook, vocabulary: Vocabulary, reference: Reference) -> dict[str, tuple[str, tuple[str, ...]]]:
    """The hidden, protected sheet of drop-down values; returns each list's range (as a formula) and values.

    A vocabulary's list holds its Dutch labels, with the codes in the hidden column beside them, the
    mapping reading the workbook applies.
    """
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    names = sorted(reference.municipalities["name"], key=str.casefold)
    names += sorted(reference.regions["short_name"].drop_duplicates(), key=str.casefold)
    lists = [(key, VOCABULARY_HEADERS_NL[key], tuple(vocabulary.labels(key).values()), vocabulary.values(key))
             for key in ("kind", "party_kind", "role")]
    lists += [("ja_nee", "ja of nee", YES_NO_NL, ()),
              ("naam", f"gemeente of regio ({reference.year})", tuple(names), ())]
    sheet = workbook.create_sheet(LISTS_SHEET)
    ranges, index = {}, 1
    for key, header, values, codes in lists:
        letter = get_column_letter(index)
        _write_list(sheet, index, header, values)
        ranges[key] = (f"{LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}", values)
        if codes:  # the code of each label, hidden beside it
            _write_list(sheet, index + 1, f"{key} (code)", codes)
            sheet.column_dimensions[get_column_letter(index + 1)].hidden = True
        index += 2 if codes else 1
    sheet.sheet_state = "hidden"
    sheet.protection.sheet = True  # the lists come from the data folder: change them there, not here
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    return ranges


def _write_list(sheet, column: int, header: str, values: tuple[str, ...]) -> None:
    from openpyxl.utils import get_column_letter

    text_cell(sheet, 1, column, header)
    for row, value in enumerate(values, 2):  # labels from the data's vocabularies: text that is never run
        text_cell(sheet, row, column, value)
    sheet.column_dimensions[get_column_letter(column)].width = max(len(header), *(len(v) for v in values)) + 2


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
        elif column_name in _ID_COLUMNS and _ID_COLUMNS[column_name] != sheet.title and column_name in id_ranges:
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
    """The ids of each kind on their own sheet, as a formula: from row 2 down to the last filled cell of the column.

    ``OFFSET`` with ``COUNTA`` keeps the list as long as the ids there are, however many rows are added
    (Excel and LibreOffice both take it as a list's source).
    """
    from openpyxl.utils import get_column_letter

    ranges = {}
    for column_name, target in _ID_COLUMNS.items():
        frame = frames[f"{target}.csv"]
        letter = get_column_letter(list(frame.columns).index(column_name) + 1)
        ranges[column_name] = f"OFFSET({target}!${letter}$2,0,0,MAX(1,COUNTA({target}!${letter}:${letter})-1),1)"
    return ranges
