"""Finding the parties a sentence names, and deciding which are mentions to propose.

In each sentence, in this order:

1. **organisations** (``cue_organisations.csv``): a cue such as ``Waterschap`` or ``GGD`` with the
   capitalised words after it, ``B.V.`` or ``University`` with those before it, or a word that is a party by
   itself (``omwonenden``). The whole name is one party of the cue's kind (none: not proposed), and a
   place inside it ("GGD West-Brabant", "Avans Hogeschool Breda") is no mention of that place;
2. **known names** (:class:`~.gazetteer.Gazetteer`): a municipality, region or party of the reference.
   Left out, with the reason, when it lies inside an organisation's name, inside a longer run of
   capitalised words ("Rabobank Breda"; a ``title`` noun such as "Gemeente" does not count), when it is
   an ordinary word (``cue_places.csv`` kind ``word``: "best") not written as a name, or when its clause
   says the party withdrew or is only compared with (``cue_exclusions.csv``);
3. **groups** the reference does not know: a capitalised word joined to a count noun ("Kempengemeenten"),
   proposed as written as a region that cannot be placed;
4. **close misspellings**: a capitalised word in a list of municipalities or after "gemeente(n)", not at
   the start of a sentence, that is no village or district of ``cue_places.csv`` and is close to a
   municipality's name: proposed as written and flagged (never replaced); an unknown word there is listed;
5. **counts** (:mod:`.counts`).

Every finding carries the sentence and the span of the name, for the review.

Examples
--------
>>> from vsv_analysis.geography.reference import load_reference
>>> from vsv_analysis.intake.cues import load_cues
>>> reader = SentenceReader(Gazetteer(load_reference(year=2022)), load_cues())
>>> findings, _ = reader.read("Samen met GGD West-Brabant, Waterschap De Dommel en de gemeenten Breda en Eindhovn.")
>>> [(f.name, f.party_kind, f.status) for f in findings]  # doctest: +NORMALIZE_WHITESPACE
[('GGD West-Brabant', '', 'left out'), ('West-Brabant', 'region', 'left out'),
 ('Waterschap De Dommel', 'water-board', 'proposed'), ('Breda', 'municipality', 'proposed'),
 ('Eindhovn', 'municipality', 'proposed')]
>>> findings[-1].how
'close misspelling of Eindhoven (94%)'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .counts import Count, find_counts
from .cues import Cues
from .gazetteer import Gazetteer, fold, name_key
from .roles import RoleProposal, excluded, propose_role
from .sentences import PARTICLES, capitalised_after, capitalised_before, is_sentence_start

__all__ = ["Finding", "SentenceReader"]

_LIST_GAP = re.compile(r"^\s*(,|\ben\b|\bof\b|\(|\))?\s*$")
_CAPITAL_WORD = re.compile(r"(?<![\w'’-])[A-Z][\w’'-]*[\w]")


@dataclass
class Finding:
    """A party a sentence names: proposed as a mention, or left out with the reason.

    ``how`` says how the name was recognised (official name, an alias type, close misspelling, group,
    organisation); ``role`` is the proposal for a mention; ``expand_to_members`` is ``yes``/``no`` for a
    region, empty otherwise.
    """

    name: str
    party_kind: str
    sentence: str
    start: int
    end: int
    status: str = "proposed"
    how: str = ""
    reason: str = ""
    role: RoleProposal | None = None
    expand_to_members: str = ""
    is_known: bool = True
    suggestion: str = ""
    flags: list[str] = field(default_factory=list)


class SentenceReader:
    """Reads sentences with one gazetteer and one set of cues; ``lower_words`` are the document's ordinary words."""

    def __init__(self, gazetteer: Gazetteer, cues: Cues, lower_words: frozenset[str] = frozenset()):
        self.gazetteer, self.cues, self.lower_words = gazetteer, cues, lower_words
        self.titles = {name_key(word) for word in cues.noun_words("title")}
        self.count_nouns = cues.noun_words("count")
        self.places = {name_key(row["name"]): row for row in cues.places.to_dict("records")}
        self.organisation_cues = cues.organisations.to_dict("records")

    # -- helpers -----------------------------------------------------------------------------

    def _before(self, sentence: str, at: int) -> tuple[int, str]:
        """The capitalised words directly before ``at``, less a sentence's first word that is an ordinary word."""
        start, words = capitalised_before(sentence, at)
        parts = words.split(" ") if words else []
        if parts and is_sentence_start(sentence, start) and parts[0].lower() in self.lower_words:
            parts.pop(0)
            while parts and parts[0] in PARTICLES:
                parts.pop(0)
            words = " ".join(parts)
            start = at - len(sentence[:at]) + sentence.index(words, start) if words else at
        return start, words

    def _organisations(self, sentence: str) -> list[Finding]:
        spans = []
        folded = fold(sentence)
        for row in self.organisation_cues:
            if fold(row["cue"]) not in folded:
                continue
            for match in re.finditer(rf"(?<![\w-]){re.escape(fold(row['cue']))}(?![\w-])", folded):
                begin, end = match.start(), match.end()
                if row["position"] == "before":
                    end, after = capitalised_after(sentence, end)
                    if not after:
                        continue
                    left, before = self._before(sentence, begin)
                    if before:
                        begin = left
                elif row["position"] == "after":
                    begin, before = self._before(sentence, begin)
                    if not before:
                        continue
                spans.append(Finding(sentence[begin:end], row["party_kind"], sentence, begin, end,
                                     how=f"organisation ({row['cue']})"))
        spans.sort(key=lambda f: (f.start, -(f.end - f.start)))
        kept: list[Finding] = []
        for span in spans:
            if kept and span.start < kept[-1].end:
                continue  # a cue inside an organisation's name already found
            kept.append(span)
        for span in kept:
            if not span.party_kind:
                span.status, span.reason = "left out", "an organisation or person the vocabulary gives no party kind"
        return kept

    def _decide(self, finding: Finding) -> Finding:
        """Role, or the reason to leave it out, for a finding that is to be proposed."""
        if finding.status != "proposed":
            return finding
        exclusion = excluded(finding.sentence, finding.start, finding.end, self.cues)
        if exclusion is not None:
            reason, cue = exclusion
            finding.status = "left out"
            finding.reason = (f"{'withdrew' if reason == 'withdrawn' else 'only compared with'} "
                              f"(cue '{cue}'): flagged, not proposed as involved")
            return finding
        finding.role = propose_role(finding.sentence, finding.start, finding.end, self.cues)
        return finding

    # -- the steps ---------------------------------------------------------------------------

    def _known(self, sentence: str, organisations: list[Finding]) -> list[Finding]:
        found = []
        for match in self.gazetteer.finditer(sentence):
            start, end, written = match.start(), match.end(), match.group(0)
            entry = self.gazetteer.entry(written)
            if entry is None:
                continue
            inside = next((o for o in organisations if o.start <= start and end <= o.end
                           and (o.end - o.start) > (end - start)), None)
            if entry.kind == "party":
                if inside is None and not any(o.start < end and start < o.end for o in organisations):
                    found.append(Finding(written, entry.party_kind, sentence, start, end, how=entry.how))
                continue
            finding = Finding(written, entry.kind, sentence, start, end, how=entry.how)
            place = self.places.get(name_key(written))
            before_start, before = self._before(sentence, start)
            if inside is not None:
                finding.status, finding.reason = "left out", f"part of the name '{inside.name}'"
            elif place is not None and place["kind"] == "word" and (
                    not written[:1].isupper() or is_sentence_start(sentence, start)):
                if not written[:1].isupper():
                    continue  # the ordinary word, written as one
                finding.status = "left out"
                finding.reason = f"could be the ordinary word '{place['name']}' at the start of a sentence"
            elif before and name_key(before.split(" ")[-1]) not in self.titles:
                finding.status, finding.reason = "left out", f"part of a longer name '{sentence[before_start:end]}'"
            elif before and name_key(before.split(" ")[-1]) == "gemeente" and entry.kind == "municipality":
                finding.name, finding.start = sentence[before_start:end], before_start  # Gemeente Zundert
            if entry.kind == "region" and finding.status == "proposed" and self._places_region(written):
                finding.expand_to_members = self._expansion(sentence, end)
            found.append(finding)
        return found

    def _places_region(self, written: str) -> bool:
        return self.gazetteer.reference.resolve_region(written).is_resolved

    def _expansion(self, sentence: str, end: int) -> str:
        """``no`` when the members follow in brackets (the document names them), else ``yes``."""
        rest = sentence[end:]
        if rest.lstrip().startswith("("):
            inner = rest[rest.index("(") + 1:rest.find(")") if ")" in rest else None]
            named = [m for m in self.gazetteer.finditer(inner)
                     if (e := self.gazetteer.entry(m.group(0))) is not None and e.kind == "municipality"]
            if named:
                return "no"
        return "yes"

    def _groups(self, sentence: str, taken: list[Finding]) -> list[Finding]:
        nouns = "|".join(re.escape(noun) for noun in self.count_nouns)
        if not nouns:
            return []
        found = []
        for match in re.finditer(rf"(?<![\w-])([A-Z][\w'’]*-?)({nouns})(?!\w)", sentence):
            start, end = match.start(), match.end()
            if any(t.start < end and start < t.end for t in taken) or self.gazetteer.entry(match.group(0)):
                continue
            note = "a group no source in the reference defines: stays as written, not counted for any municipality"
            found.append(Finding(match.group(0), "region", sentence, start, end,
                                 how="group the reference does not know", is_known=False, flags=[note]))
        return found

    def _close(self, sentence: str, taken: list[Finding]) -> list[Finding]:
        municipalities = [t for t in taken if t.party_kind == "municipality"]
        found: list[Finding] = []
        for match in _CAPITAL_WORD.finditer(sentence):
            start = match.start()
            if any(t.start <= start < t.end for t in [*taken, *found]) or is_sentence_start(sentence, start):
                continue
            end, words = capitalised_after(sentence, start)
            if not words or any(t.start < end and start < t.end for t in taken):
                end, words = match.end(), match.group(0)
            _, before = self._before(sentence, start)
            if before:
                continue  # inside a longer run of capitalised words
            preceding = fold(sentence[:start]).rstrip(" (")
            after_noun = any(preceding.endswith(fold(noun)) for noun in (*self.count_nouns, *self.titles))
            neighbours = [n for n in [*municipalities, *found] if n.status == "proposed"]
            in_list = any((n.end <= start and _LIST_GAP.match(sentence[n.end:start]))
                          or (n.start >= end and _LIST_GAP.match(sentence[end:n.start])) for n in neighbours)
            if not (after_noun or in_list):
                continue
            finding = Finding(words, "municipality", sentence, start, end, is_known=False)
            place = self.places.get(name_key(words))
            close = self.gazetteer.close_misspelling(words)
            if place is not None:
                where = f" in {place['municipality']}" if place["municipality"] else ""
                finding.status, finding.reason = "left out", f"a {place['kind']}{where}, not a municipality"
            elif close is not None:
                finding.how, finding.suggestion = f"close misspelling of {close[0]} ({close[1]}%)", close[0]
                finding.flags.append(f"not a name the reference knows; close to {close[0]}: check, and write "
                                     f"{close[0]} as its canonical name in reference/name_aliases.csv if it is meant")
            elif " " in words:
                continue  # a run of capitalised words that resembles no name: a title, not a party
            else:
                finding.status = "left out"
                finding.reason = ("not a name the reference knows; if it is a municipality, add it to "
                                  "reference/name_aliases.csv")
            found.append(finding)
        return found

    def read(self, sentence: str) -> tuple[list[Finding], list[tuple[Count, RoleProposal | None, str]]]:
        """The findings of one sentence, and its counts with their role (or the reason to leave them out)."""
        organisations = self._organisations(sentence)
        known = self._known(sentence, organisations)
        taken = [*organisations, *known]
        groups = self._groups(sentence, taken)
        close = self._close(sentence, [*taken, *groups])
        findings = sorted([*organisations, *known, *groups, *close], key=lambda f: f.start)
        findings = [self._decide(finding) for finding in findings]
        counts = []
        for count in find_counts(sentence, self.count_nouns):
            named_after = [f for f in findings if f.party_kind == "municipality" and f.start >= count.end]
            if len(named_after) >= count.value:
                counts.append((count, None, "the sentence names them"))
            else:
                counts.append((count, propose_role(sentence, count.start, count.end, self.cues), ""))
        return findings, counts
