"""Finding a document's sections: its headings, the text under each, and the text before and after them.

How a heading is recognised depends on what the format says:

- **Word and Markdown** state it: a heading style (``Heading 2``, ``Kop 2``) or ``##``;
- **PDF**: a line in a larger font than the body text, or in bold where the body is not, short and
  not ending like a sentence;
- **plain text**: a line that does not end like a sentence, follows a line that does (or starts the
  document, or is a short salutation), is followed by a line that starts with a capital, and stands
  apart: more blank space above than below it, or as much but shorter than the text's lines.

When the largest heading occurs once, above the others, it is the document's title, and the next
level makes the sections. A heading with nothing under it (a chapter above its sections) is no
section. A heading that starts with a number (``2.``, ``3.1``) gives the section number; otherwise
the sections are numbered in order. The text before the first heading is the preamble (it holds the
document's date), not an initiative; a closing line (``cue_document.csv``) ends the last section.

Examples
--------
>>> from vsv_analysis.intake.documents import Line
>>> lines = [Line("Aan de Staten,"), Line("Pilot Oss", gap_before=1), Line("Oss en Uden werken samen."),
...          Line("Proeftuin", gap_before=1), Line("Breda doet mee.")]
>>> outline = find_sections(lines, "text", closings=())
>>> [(s.number, s.heading, s.paragraphs) for s in outline.sections]
[('1', 'Pilot Oss', ['Oss en Uden werken samen.']), ('2', 'Proeftuin', ['Breda doet mee.'])]
>>> outline.preamble
['Aan de Staten,']
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from .lines import Line
from .repair import join_lines

__all__ = ["Outline", "Section", "find_sections"]

_SENTENCE_END = tuple(".,;:!?")
_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(\S.*)$")
_MAX_HEADING_CHARS = 120
_MAX_HEADING_WORDS = 16


@dataclass
class Section:
    """One section: its number (as written, or its place), its heading as written, its paragraphs."""

    number: str
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    page: int = 1


@dataclass
class Outline:
    """A document cut into its title, preamble, sections and closing."""

    title: str
    preamble: list[str]
    sections: list[Section]
    closing: list[str]
    preamble_lines: list[str] = field(default_factory=list)


def _is_date_line(text: str, date_cues: tuple[str, ...]) -> bool:
    from .dates import parse_dutch_date

    folded = text.casefold()
    return (bool(date_cues) and folded.startswith(tuple(cue.casefold() for cue in date_cues))) or (
        len(text.split()) <= 6 and bool(parse_dutch_date(text)))


def _looks_like_heading_text(text: str) -> bool:
    return (bool(text) and not text.endswith(_SENTENCE_END) and len(text) <= _MAX_HEADING_CHARS
            and len(text.split()) <= _MAX_HEADING_WORDS and (text[0].isupper() or text[0].isdigit()))


def _text_levels(lines: list[Line]) -> list[int | None]:
    lengths = sorted(len(line.text) for line in lines)
    wrap = max(40, lengths[int(0.9 * (len(lengths) - 1))])
    levels: list[int | None] = []
    for index, line in enumerate(lines):
        text = line.text
        following = lines[index + 1] if index + 1 < len(lines) else None
        previous = lines[index - 1] if index else None
        candidate = (_looks_like_heading_text(text) and following is not None
                     and (following.text[0].isupper() or following.text[0].isdigit()))
        if candidate:
            short = len(text) < 0.7 * wrap
            after = following.gap_before
            if previous is None:
                candidate = short
            else:
                previous_ends = (previous.text.endswith((".", ":", "!", "?")) or levels[-1] is not None
                                 or (previous.text.endswith(",") and len(previous.text) < 0.7 * wrap))  # Geachte …,
                candidate = previous_ends and (line.gap_before > after or (short and line.gap_before >= after))
        levels.append(1 if candidate else None)
    return levels


def _pdf_levels(lines: list[Line]) -> list[int | None]:
    weights: Counter = Counter()
    for line in lines:
        weights[(line.size, line.bold)] += len(line.text)
    (body_size, body_bold), _ = weights.most_common(1)[0]
    sizes = sorted({line.size for line in lines
                    if line.size and line.size >= 1.12 * body_size and _looks_like_heading_text(line.text)},
                   reverse=True)
    levels: list[int | None] = []
    for line in lines:
        if not _looks_like_heading_text(line.text) or not line.size:
            levels.append(None)
        elif line.size in sizes:
            levels.append(sizes.index(line.size) + 1)
        elif line.bold and not body_bold and line.size >= body_size:
            levels.append(len(sizes) + 1)
        else:
            levels.append(None)
    return levels


def _merge_wrapped_headings(lines: list[Line], levels: list[int | None]) -> tuple[list[Line], list[int | None]]:
    """A PDF heading that wraps onto a second line at the same size and weight is one heading."""
    merged_lines, merged_levels = [], []
    for line, level in zip(lines, levels):
        if (level is not None and merged_levels and merged_levels[-1] == level and line.page == merged_lines[-1].page
                and line.gap_before < 0.6 and line.size == merged_lines[-1].size):
            previous = merged_lines[-1]
            merged_lines[-1] = Line(join_lines([previous.text, line.text]), previous.page, previous.size,
                                    previous.bold, None, previous.gap_before, previous.position)
            continue
        merged_lines.append(line)
        merged_levels.append(level)
    return merged_lines, merged_levels


def _section_level(levels: list[int | None]) -> tuple[int | None, int | None]:
    """``(title level, section level)``: the top level is a title when it occurs once, before the others."""
    counts = Counter(level for level in levels if level is not None)
    if not counts:
        return None, None
    ordered = sorted(counts)
    if len(ordered) > 1 and counts[ordered[0]] == 1 and levels.index(ordered[0]) == min(
            index for index, level in enumerate(levels) if level is not None):
        return ordered[0], ordered[1]
    return None, ordered[0]


def _paragraphs(lines: list[Line], one_per_line: bool) -> list[str]:
    if one_per_line:
        return [line.text for line in lines]
    gaps = [line.gap_before for line in lines[1:]]
    usual = statistics.median(gaps) if gaps else 0.0
    paragraphs, current = [], []
    for line in lines:
        if current and current[-1].endswith((".", ":", "!", "?")) and line.gap_before > usual:
            paragraphs.append(join_lines(current))
            current = []
        current.append(line.text)
    if current:
        paragraphs.append(join_lines(current))
    return paragraphs


def find_sections(lines: list[Line], fmt: str, closings: tuple[str, ...], date_cues: tuple[str, ...] = ()) -> Outline:
    """Cut the (repaired) ``lines`` of a document of format ``fmt`` into an :class:`Outline`.

    ``closings`` are the closing lines of a letter (``cue_document.csv``): the text from the first of
    them on is the signature. A date line (one that starts with a ``date_cues`` word, or a short line that
    is a date) is never a heading.
    """
    folded_closings = tuple(closing.casefold() for closing in closings)
    end = next((index for index, line in enumerate(lines) if line.text.casefold().startswith(folded_closings)
                and folded_closings), len(lines))
    body, closing = lines[:end], [line.text for line in lines[end:]]
    if fmt == "pdf":
        levels = _pdf_levels(body)
        body, levels = _merge_wrapped_headings(body, levels)
    elif any(line.level is not None for line in body):
        levels = [line.level for line in body]
    else:
        levels = _text_levels(body)
    levels = [None if _is_date_line(line.text, date_cues) else level for line, level in zip(body, levels)]
    title_level, section_level = _section_level(levels)
    one_per_line = fmt == "docx"
    title, preamble, sections, pending, preamble_lines = "", [], [], [], []
    for line, level in zip(body, levels):
        if level is not None and level == title_level and not title:
            title = line.text
        elif level is not None and level <= (section_level or 0):
            if sections:
                sections[-1].paragraphs = _paragraphs(pending, one_per_line)
            elif pending:
                preamble = _paragraphs(pending, one_per_line)
                preamble_lines = [line.text for line in pending]
            sections.append(Section("", line.text, page=line.page))
            pending = []
        else:
            pending.append(line if level is None else Line(line.text.rstrip(".") + ".", line.page))
    if sections:
        sections[-1].paragraphs = _paragraphs(pending, one_per_line)
    else:
        preamble = _paragraphs(pending, one_per_line)
        preamble_lines = [line.text for line in pending]
    sections = [section for section in sections if section.paragraphs]
    for place, section in enumerate(sections, 1):
        numbered = _NUMBERED.match(section.heading)
        section.number, section.heading = (numbered.group(1), numbered.group(2)) if numbered else (str(place),
                                                                                                   section.heading)
    return Outline(title, preamble, sections, closing, preamble_lines)
