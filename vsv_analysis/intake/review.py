"""The review: every proposal with its sentence, the words that decided it and how sure the tool is.

- :func:`review_tables`: the tables the evaluator reviews (``mentions``, ``initiatives``, ``left_out``,
  ``source``), one row per proposed mention, initiative, name left out and the document;
- :func:`write_review`: those tables as an ``.xlsx`` workbook (``review/review.xlsx`` of the proposal), with
  the input template's drop-down lists on the coded columns (:func:`~vsv_analysis.evidence.template.add_drop_downs`);
- :func:`review_html`: the mentions as an HTML table with each name highlighted in its sentence, for the
  review notebook in JupyterLab (names and sentences escaped).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from markupsafe import Markup

from ..evidence.template import LAST_ROW, add_drop_downs, with_labels
from ..files.spreadsheet import add_sheet, number_formats, save_workbook
from .counts import Count
from .proposal import Proposal, certainty_label

__all__ = ["review_html", "review_tables", "write_review"]


def review_tables(proposal: Proposal) -> dict[str, pd.DataFrame]:
    """The review's tables, keyed by sheet name."""
    mentions = pd.DataFrame([{
        "status": mention.status or "proposed",
        "section": mention.section.number,
        "heading": mention.section.heading,
        "mention_id": mention.mention_id,
        "name_as_written": mention.finding.name,
        "party_kind": mention.finding.party_kind,
        "role": mention.finding.role.role,
        "expand_to_members": {"yes": "ja", "no": "nee"}.get(mention.finding.expand_to_members, ""),
        "resolves_to": mention.resolves_to,
        "recognised_as": mention.finding.how,
        "role_from": (f"cue '{mention.finding.role.cue}'" if mention.finding.role.basis == "cue"
                      else "default: no cue decides"),
        "certainty": round(mention.certainty, 2),
        "certainty_label": certainty_label(mention.certainty),
        "flags": "; ".join(mention.finding.flags),
        "in_evidence": mention.existing,
        "sentence": mention.finding.sentence,
    } for mention in proposal.mentions], columns=_MENTION_COLUMNS)
    initiatives = pd.DataFrame([{
        "status": initiative.status or "proposed",
        "section": initiative.section.number,
        "heading": initiative.section.heading,
        "initiative_id": initiative.initiative_id,
        "initiative_name": initiative.name,
        "kind": initiative.kind,
        "kind_from": initiative.kind_basis,
        "reported_municipalities": initiative.count.value if initiative.count else None,
        "reported_municipalities_role": initiative.count_role.role if initiative.count else "",
        "count_as_written": initiative.count.text if initiative.count else "",
        "count_sentence": initiative.count_sentence,
        "mentions": sum(mention.section is initiative.section for mention in proposal.mentions),
    } for initiative in proposal.initiatives])
    left_out = pd.DataFrame([{
        "section": section.number,
        "as_written": found.text if isinstance(found, Count) else found.name,
        "why": reason,
        "sentence": "" if isinstance(found, Count) else found.sentence,
    } for section, found, reason in proposal.left_out], columns=["section", "as_written", "why", "sentence"])
    source = pd.DataFrame([{"document": Path(proposal.document).name, "format": proposal.fmt,
                            "title": proposal.title, "date": proposal.date, "date_from": proposal.date_basis,
                            "geography_year": proposal.year}])
    return {"mentions": mentions, "initiatives": initiatives, "left_out": left_out, "source": source}


_MENTION_COLUMNS = ["status", "section", "heading", "mention_id", "name_as_written", "party_kind", "role",
                    "expand_to_members", "resolves_to", "recognised_as", "role_from", "certainty",
                    "certainty_label", "flags", "in_evidence", "sentence"]


def write_review(proposal, path: Path) -> Path:
    """Write the review workbook to ``path``; the drop-downs come from the proposal's vocabulary and reference."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    tables = review_tables(proposal)
    tables["mentions"] = with_labels(tables["mentions"], proposal.vocabulary)  # as the drop-downs offer them
    for title, frame in tables.items():
        sheet = add_sheet(workbook, title, frame, number_formats(frame))
        if title == "mentions":
            mentions_sheet = sheet
    add_drop_downs(workbook, mentions_sheet, list(tables["mentions"].columns), LAST_ROW, proposal.vocabulary,
                   proposal.reference)
    path.parent.mkdir(parents=True, exist_ok=True)
    save_workbook(workbook, path)
    return path


def review_html(proposal: Proposal) -> Markup:
    """The proposed mentions as an HTML table: the sentence with the name marked, beside the tool's reading."""
    row = Markup("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>")
    rows = []
    for mention in proposal.mentions:
        finding = mention.finding
        sentence = finding.sentence
        marked = Markup("{}<mark>{}</mark>{}").format(sentence[:finding.start], sentence[finding.start:finding.end],
                                                      sentence[finding.end:])
        reading = (f"{finding.party_kind}, {finding.role.role} "
                   f"({'cue ' + repr(finding.role.cue) if finding.role.basis == 'cue' else 'default'})")
        rows.append(row.format(mention.section.number, marked, reading, mention.resolves_to,
                               certainty_label(mention.certainty), mention.status or "proposed"))
    head = Markup("<tr><th>section</th><th>sentence</th><th>reading</th><th>resolves to</th><th>certainty</th>"
                  "<th>status</th></tr>")
    return Markup("<table>{}{}</table>").format(head, Markup().join(rows))
