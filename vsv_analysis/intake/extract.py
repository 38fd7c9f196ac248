"""``vsv-analysis extract``: a document in, a proposal out, through every layer of this stage.

:func:`extract_document` reads and proposes without writing anything (the review notebook calls it);
:func:`write_proposal` writes the proposal's data folder and review workbook, checked before they appear.

Examples
--------
>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "brief.txt").write_text(
...     "Datum: 12 mei 2024\\n\\nPilot Oss\\nDe gemeenten Oss en Uden werken samen; Boekel als toehoorder.\\n",
...     encoding="utf-8")
>>> proposal = extract_document(folder / "brief.txt", year=2022)
>>> proposal.date, proposal.date_basis
('2024-05-12', "found in the text: 'Datum: 12 mei 2024'")
>>> [(m.finding.name, m.finding.role.role) for m in proposal.mentions]
[('Oss', 'partner'), ('Uden', 'partner'), ('Boekel', 'observer')]
>>> result = write_proposal(proposal, folder / "voorstel")
>>> sorted(path.name for path in (folder / "voorstel").iterdir())
['initiatives.csv', 'interpretations.csv', 'involvements.csv', 'review', 'sources.csv']
>>> import shutil; shutil.rmtree(folder)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..evidence.dataset import Dataset, load_dataset
from ..evidence.vocabulary import Vocabulary, load_vocabulary
from ..geography.reference import Reference, load_reference
from ..geography.referencefiles import supported_years
from .compare import compare_with, fresh_ids, slug
from .cues import Cues, load_cues
from .dates import document_date, parse_dutch_date
from .documents import document_format, read_document
from .folder import ALIAS_COLUMNS, apply_to, check_staged, check_target, publish_folder, stage_folder
from .gazetteer import Gazetteer, name_key
from .mentions import SentenceReader
from .proposal import Proposal, propose
from .repair import repair_lines
from .review import write_review
from .sections import find_sections

__all__ = ["Extraction", "WrittenProposal", "extract_document", "write_proposal"]

_PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


@dataclass
class Extraction(Proposal):
    """A :class:`~.proposal.Proposal` with what it was made against: reference, vocabulary, cues, source id."""

    reference: Reference | None = None
    vocabulary: Vocabulary | None = None
    cues: Cues | None = None
    into: Dataset | None = None
    source_id: str = ""
    source_is_new: bool = True
    pages: int = 0


@dataclass
class WrittenProposal:
    """What :func:`write_proposal` wrote: the folder, the review workbook, the rows, and the files applied to."""

    folder: Path
    review: Path
    rows: dict[str, int]
    applied: list[Path] = field(default_factory=list)


def _check_date(date: str | None) -> str:
    if not date:
        return ""
    if _PARTIAL_DATE.match(date):
        return date
    parsed = parse_dutch_date(date)
    if parsed:
        return parsed
    raise ValueError(f"--date must be a year (2024), a month (2024-05) or a day (2024-05-12 or '12 mei 2024'), "
                     f"not {date!r}")


def _year(year: int | None, date: str, data_dir: Path | None) -> int | None:
    if year is not None:
        return year
    covered = supported_years(data_dir)
    return int(date[:4]) if date and int(date[:4]) in covered else None


def _source_id(wanted: str | None, document: Path, into: Dataset | None) -> tuple[str, bool]:
    existing = set(into.sources["source_id"]) if into is not None else set()
    if wanted:
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.\-]*", wanted):
            raise ValueError(f"--source-id must be letters, digits, '_', '-' or '.', not {wanted!r}")
        return wanted, wanted not in existing
    base = re.sub(r"[^A-Za-z0-9_.-]+", "-", document.stem).strip("-.") or "document"
    candidate, number = base, 2
    while candidate in existing:
        candidate, number = f"{base}-{number}", number + 1
    return candidate, True


def extract_document(document: Path | str, *, into: Path | str | None = None, year: int | None = None,
                     date: str | None = None, source_id: str | None = None) -> Extraction:
    """Read ``document`` and propose its evidence; nothing is written.

    Parameters
    ----------
    document : path
        A PDF (its text layer), Word ``.docx``, plain text or Markdown file.
    into : path, optional
        A data folder to compare with: its reference, vocabularies and cues are used, its other parties
        are known names, and each mention is marked new, already there or conflict.
    year : int, optional
        Geography year the names are resolved in; default the document's year when the reference covers
        it, else the latest.
    date : str, optional
        The document's date, when it carries none of its own (``--date``); wins over one found.
    source_id : str, optional
        The id of the document in ``sources.csv`` (default: made from the file name).

    Raises
    ------
    DocumentError
        When the document cannot be read (the message names it).
    DataError, DataFolderError, ValueError
        For a bad ``into`` folder, cue file or argument.
    """
    document = Path(document)
    document_format(document)
    into_dir = Path(into) if into is not None else None
    given = _check_date(date)
    lines = read_document(document)
    fmt = document_format(document)
    vocabulary = load_vocabulary(into_dir)
    cues = load_cues(into_dir, vocabulary)
    outline = find_sections(repair_lines(lines), fmt, cues.document_cues("closing"), cues.document_cues("date"))
    found, line = document_date([*outline.preamble_lines, outline.title, *outline.closing],
                                cues.document_cues("date"))
    if given:
        source_date, basis = given, "given with --date" + (f" (the text gives '{line}')" if line else "")
    elif found:
        source_date, basis = found, f"found in the text: '{line}'"
    else:
        source_date, basis = "", "the document gives no date of its own: give one with --date"
    geography_year = _year(year, source_date, into_dir)
    data = load_dataset(into_dir, geography_year) if into_dir is not None else None
    reference = data.reference if data is not None else load_reference(None, geography_year)
    parties = {}
    if data is not None:
        others = data.involvements[~data.involvements["party_kind"].isin(["municipality", "region"])]
        parties = dict(zip(others["name_as_written"], others["party_kind"]))
    reader = SentenceReader(Gazetteer(reference, parties), cues)
    initiatives, mentions, left_out = propose(outline, reader, reference, cues)
    if data is not None:
        compare_with(initiatives, mentions, data)
    identifier, is_new = _source_id(source_id, document, data)
    return Extraction(str(document), fmt, outline.title or document.stem, initiatives, mentions, left_out,
                      source_date, basis, reference.year, reference, vocabulary, cues, data, identifier, is_new,
                      len({line.page for line in lines}))


def _rows(extraction: Extraction) -> tuple[dict[str, list[dict]], list[dict]]:
    """The new rows of each evidence file (ids given in place), and the aliases the reference must learn."""
    data = extraction.into
    taken_ids = set(data.initiatives["initiative_id"]) if data is not None else set()
    initiative_rows, mention_rows, aliases = [], [], {}
    new_mentions = [m for m in extraction.mentions if m.status in ("", "new")]
    existing_ids = list(data.involvements["mention_id"].unique()) if data is not None else []
    for mention, mention_id in zip(new_mentions, fresh_ids(existing_ids, len(new_mentions))):
        mention.mention_id = mention_id
    initiative_of = {}
    for initiative in extraction.initiatives:
        if initiative.existing_id:
            initiative.initiative_id = initiative.existing_id
        else:
            initiative.initiative_id = slug(initiative.name, taken_ids)
            taken_ids.add(initiative.initiative_id)
            count = initiative.count
            initiative_rows.append({
                "initiative_id": initiative.initiative_id, "initiative_name": initiative.name,
                "kind": initiative.kind, "source_id": extraction.source_id,
                "source_section": initiative.section.number, "source_heading": initiative.section.heading,
                "reported_municipalities": str(count.value) if count else "",
                "reported_municipalities_role": initiative.count_role.role if count else "",
                "description": initiative.description})
        initiative_of[id(initiative.section)] = initiative
    for mention in new_mentions:
        finding, initiative = mention.finding, initiative_of[id(mention.section)]
        basis = (f"role from the cue '{finding.role.cue}'" if finding.role.basis == "cue"
                 else "default role: no cue decides")
        mention_rows.append({
            "mention_id": mention.mention_id, "initiative_id": initiative.initiative_id,
            "source_id": extraction.source_id if initiative.existing_id else "",
            "name_as_written": finding.name, "party_kind": finding.party_kind, "role": finding.role.role,
            "expand_to_members": finding.expand_to_members, "note": f"proposed by extract: {finding.how or 'name'}; "
                                                                    f"{basis}"})
        if not finding.is_known and name_key(finding.name) not in aliases:
            aliases[name_key(finding.name)] = dict(zip(ALIAS_COLUMNS, (
                finding.name, finding.party_kind, "", "unresolved", "; ".join(finding.flags), "")))
    tables = {"initiatives.csv": initiative_rows, "involvements.csv": mention_rows, "sources.csv": []}
    if (initiative_rows or mention_rows) and extraction.source_is_new:
        tables["sources.csv"] = [{
            "source_id": extraction.source_id, "title": extraction.title, "date": extraction.date,
            "date_is_inferred": "no" if extraction.date else "",
            "note": f"file {Path(extraction.document).name}; proposed by vsv-analysis extract; date "
                    f"{extraction.date_basis}"}]
    return tables, list(aliases.values())


def write_proposal(extraction: Extraction, output_dir: Path | str, apply: bool = False) -> WrittenProposal:
    """Write the proposal's data folder and review workbook to ``output_dir`` (and, with ``apply``, the new rows
    into the ``into`` folder's own files), each only after the result has passed validation.

    Raises
    ------
    ValueError
        When ``output_dir`` holds files already, or ``apply`` is asked without a CSV data folder.
    DataError
        When the result would not validate (nothing is written then).
    """
    output_dir = Path(output_dir)
    into = Path(extraction.into.data_dir) if extraction.into is not None else None
    check_target(output_dir, into, apply)
    tables, aliases = _rows(extraction)
    if apply and aliases and not (into / "reference").is_dir():
        names = ", ".join(alias["alias"] for alias in aliases)
        raise ValueError(f"the new rows name {names}, which the reference does not know, and {into} uses the "
                         f"built-in reference: review the proposal without --apply, and add those names to a "
                         f"reference of the data folder's own first")
    staging = stage_folder(output_dir, tables, aliases, extraction.vocabulary, into)
    check_staged(staging, extraction.year)
    review = write_review(extraction, staging / "review" / "review.xlsx")
    applied = []
    if apply:
        changed = [name for name, rows in tables.items() if rows]
        changed += ["reference/name_aliases.csv"] if aliases else []
        applied = apply_to(staging, into, changed)
    publish_folder(staging, output_dir)
    return WrittenProposal(output_dir, output_dir / review.relative_to(staging),
                           {name: len(rows) for name, rows in tables.items()}, applied)
