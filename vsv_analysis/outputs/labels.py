"""Tables in the reports' Dutch words: headings, sheet names and coded values, for people who read them in Excel.

The words live once, in :mod:`vsv_analysis.common.dutch` (headings, table names,
scenarios, size classes) and in the data's vocabulary (roles, party kinds,
initiative kinds); names and free text stay as they are.
"""

from __future__ import annotations

import pandas as pd

from ..common.dutch import (
    NODE_KIND_NL,
    SCENARIO_NL,
    SCOPE_KIND_NL,
    SIZE_CLASS_NL,
    TABLE_NAMES_NL,
    column_labels,
    scope_name,
)
from ..evidence.vocabulary import Vocabulary, default_vocabulary
from ..files.spreadsheet import DUTCH_DATE_FORMAT, number_formats, yes_no_nl

__all__ = ["LABELS", "dutch_sheets", "to_dutch"]

LABELS = ("en", "nl")
"""The languages of headings: ``en`` (the column names, for programs) or ``nl`` (the reports' words)."""


def to_dutch(frame: pd.DataFrame, table: str | None = None, vocabulary: Vocabulary | None = None) -> pd.DataFrame:
    """A copy of ``frame`` with coded values in the reports' Dutch words and Dutch column headings.

    Roles, party kinds and initiative kinds are translated with ``vocabulary``
    (the data's; default: the shipped one), node kinds, scenarios, scope kinds
    and size classes with the method's own words, yes and no as ``ja`` and
    ``nee``; names and free text stay as they are.

    >>> to_dutch(pd.DataFrame({"role": ["observer"], "name": ["Breda"]}), "unreached").to_dict("records")
    [{'rol': 'toehoorder', 'gemeente': 'Breda'}]
    """
    vocabulary = vocabulary or default_vocabulary()
    frame = frame.copy()
    for column, words in (("role", vocabulary.labels("role")), ("party_kind", vocabulary.labels("party_kind")),
                          ("kind", vocabulary.labels("kind")), ("node_kind", NODE_KIND_NL),
                          ("size_class", SIZE_CLASS_NL), ("scope_kind", SCOPE_KIND_NL)):
        if column in frame:
            frame[column] = frame[column].map(lambda v, w=words: w.get(v, v) if isinstance(v, str) else v)
    if "scenario" in frame and "scenario_label" in frame:
        frame["scenario_label"] = frame["scenario"].map(lambda v: SCENARIO_NL.get(v, v))
    if "scope" in frame and "scope_kind" in frame:
        frame["scope"] = frame["scope"].map(lambda v: scope_name(v) if isinstance(v, str) else v)
    if "themes" in frame:
        frame["themes"] = frame["themes"].map(lambda v: v.replace("|", ", ") if isinstance(v, str) else v)
    for column in frame.columns:
        if pd.api.types.is_bool_dtype(frame[column]):
            frame[column] = yes_no_nl(frame[column])
    return frame.rename(columns=column_labels(table))


def dutch_sheets(tables: dict[str, pd.DataFrame], vocabulary: Vocabulary | None = None
                 ) -> tuple[dict[str, pd.DataFrame], dict[str, list]]:
    """The sheets of a Dutch workbook: ``{Dutch table name: table in Dutch words}``, and their number formats.

    The formats are those of the tables before translation, so that a ``*_pct``
    column stays a percentage under its Dutch heading; dates are shown the Dutch
    way (``1-1-2022``).
    """
    sheets, formats = {}, {}
    for name, frame in tables.items():
        title = TABLE_NAMES_NL.get(name, name)
        sheets[title] = to_dutch(frame, name, vocabulary)
        formats[title] = number_formats(frame, date_format=DUTCH_DATE_FORMAT)
    return sheets, formats
