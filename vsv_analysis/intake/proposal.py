"""A proposal: the initiatives, mentions and counts one document gives, before anything is written.

:func:`propose` reads an :class:`~.sections.Outline` sentence by sentence (:class:`~.mentions.SentenceReader`)
and keeps, per section, one proposed mention per party (the occurrence whose role a cue decided, else the
first; a name in the heading counts when the text does not name it again), the first count of unnamed
municipalities, and everything left out with its reason. Each mention gets a certainty: how sure the tool is
of the name (an official name more than an alias, an alias more than a close misspelling) and of the role (a
cue more than the default), the lower of the two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..common.names import normalise_name
from ..geography.reference import Reference
from .counts import Count
from .cues import Cues
from .gazetteer import fold, name_key
from .mentions import Finding, SentenceReader
from .roles import RoleProposal
from .sections import Outline, Section
from .sentences import split_sentences, words_lower

__all__ = ["InitiativeProposal", "MentionProposal", "Proposal", "certainty_label", "propose"]

_NAME_CERTAINTY = {"official name": 1.0, "region name": 1.0, "misspelling": 0.75, "unresolved": 0.7,
                   "group the reference does not know": 0.5}
_TRAILING_BRACKETS = re.compile(r"\s*\([^()]*\)\s*$")


@dataclass
class MentionProposal:
    """One proposed mention: the finding, its initiative and how sure the tool is."""

    section: Section
    finding: Finding
    certainty: float
    resolves_to: str
    status: str = ""  # with --into: new, already there, or conflict
    mention_id: str = ""
    existing: str = ""


@dataclass
class InitiativeProposal:
    """One section as an initiative."""

    section: Section
    name: str
    kind: str
    kind_basis: str
    description: str
    count: Count | None = None
    count_role: RoleProposal | None = None
    count_sentence: str = ""
    initiative_id: str = ""
    status: str = ""
    existing_id: str = ""


@dataclass
class Proposal:
    """What one document proposes: its initiatives, their mentions, what was left out, and the source's date."""

    document: str
    fmt: str
    title: str
    initiatives: list[InitiativeProposal]
    mentions: list[MentionProposal]
    left_out: list[tuple[Section, Finding | Count, str]] = field(default_factory=list)
    date: str = ""
    date_basis: str = ""
    year: int = 0


def certainty_label(value: float) -> str:
    """``high``, ``medium`` or ``low``."""
    return "high" if value >= 0.85 else "medium" if value >= 0.6 else "low"


def _name_certainty(finding: Finding) -> float:
    if finding.suggestion:
        return 0.5
    if finding.how.startswith("organisation"):
        return 0.8
    return _NAME_CERTAINTY.get(finding.how, 0.9)


def _resolve(finding: Finding, reference: Reference) -> str:
    if not finding.is_known:
        return f"not placed ({finding.how})"
    if finding.party_kind == "municipality":
        resolution = reference.resolve_municipality(finding.name)
    elif finding.party_kind == "region":
        resolution = reference.resolve_region(finding.name)
    else:
        return reference.canonical_party_name(finding.name, finding.party_kind)
    if not resolution.is_resolved:
        return f"not placed: {resolution.note}"
    return resolution.label + (f" ({resolution.note})" if resolution.note else "")


def _key(finding: Finding, reference: Reference) -> tuple[str, str]:
    if finding.party_kind in ("municipality", "region"):
        return finding.party_kind, normalise_name(finding.name)
    return finding.party_kind, name_key(reference.canonical_party_name(finding.name, finding.party_kind))


def initiative_name(heading: str) -> str:
    """The heading without a trailing remark in brackets: ``Pilot Altena (cross-over …)`` gives ``Pilot Altena``."""
    return _TRAILING_BRACKETS.sub("", heading).strip() or heading


def _kind(section: Section, cues: Cues) -> tuple[str, str]:
    rows = cues.kinds[cues.kinds["cue"] != ""].to_dict("records")
    first = split_sentences(section.paragraphs[0])[0] if section.paragraphs else ""
    for where, text in (("heading", section.heading), ("first sentence", first)):
        words = set(re.findall(r"\w+", fold(text)))
        folded = fold(text)
        for row in rows:
            cue = fold(row["cue"])
            if cue in words or any(word.endswith(cue) for word in words if len(cue) >= 6):
                return row["kind"], f"cue '{row['cue']}' in the {where}" if cue in folded else ""
    return cues.default_kind, "default (no cue in the heading or first sentence)"


def propose(outline: Outline, reader: SentenceReader, reference: Reference, cues: Cues) -> tuple[
        list[InitiativeProposal], list[MentionProposal], list[tuple[Section, Finding | Count, str]]]:
    """The initiatives, mentions and left-out findings of ``outline``."""
    reader.lower_words = words_lower([*outline.preamble, *(p for s in outline.sections for p in s.paragraphs)])
    initiatives, mentions, left_out = [], [], []
    for section in outline.sections:
        chosen: dict[tuple[str, str], Finding] = {}
        section_left: list[tuple[Section, Finding | Count, str]] = []
        count: tuple[Count, RoleProposal, str] | None = None
        sentences = [(True, initiative_name(section.heading))]
        sentences += [(False, sentence) for paragraph in section.paragraphs for sentence in split_sentences(paragraph)]
        for in_heading, sentence in sentences:
            findings, counts = reader.read(sentence)
            for finding in findings:
                if finding.status != "proposed":
                    section_left.append((section, finding, finding.reason))
                    continue
                key = _key(finding, reference)
                if in_heading:
                    finding.flags.append("named in the heading")
                previous = chosen.get(key)
                if previous is None or ("named in the heading" in previous.flags and not in_heading) or (
                        previous.role.basis == "default" and finding.role.basis == "cue"):
                    chosen[key] = finding
            for found, role, reason in counts:
                if role is None:
                    section_left.append((section, found, reason))
                elif count is None:
                    count = (found, role, sentence)
                else:
                    section_left.append((section, found, "another count in the same section (the first is proposed)"))
        proposed_keys = {key[1] for key in chosen}
        left_out.extend(item for item in section_left
                        if not (isinstance(item[1], Finding) and normalise_name(item[1].name) in proposed_keys))
        kind, kind_basis = _kind(section, cues)
        first = split_sentences(section.paragraphs[0])[0]
        initiative = InitiativeProposal(section, initiative_name(section.heading), kind, kind_basis, first)
        if count is not None:
            initiative.count, initiative.count_role, initiative.count_sentence = count
        initiatives.append(initiative)
        for finding in chosen.values():
            role_certainty = 0.9 if finding.role.basis == "cue" else 0.5
            mentions.append(MentionProposal(section, finding, min(_name_certainty(finding), role_certainty),
                                            _resolve(finding, reference)))
    return initiatives, mentions, left_out
