"""One answer of the summary: Dutch paragraphs (markup), an optional list, and the line naming its evidence."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

__all__ = ["CENTRALITY", "COVERAGE", "DATA", "OVERLAP", "Answer", "Markup", "escape", "markup_listing"]

COVERAGE, CENTRALITY, OVERLAP, DATA = "05_dekking", "03_centraliteit", "04_overlap", "01_gegevens"
"""The reports an answer points to for the working-out."""


def markup_listing(items, conjunction: str = "en") -> Markup:
    """Items as Dutch prose, "a, b en c", as markup: text items escaped, :class:`Markup` items kept.

    >>> str(markup_listing(["<b>", Markup("<i>x</i>"), "c"]))
    '&lt;b&gt;, <i>x</i> en c'
    """
    items = [escape(item) for item in items]
    if len(items) <= 1:
        return Markup().join(items)
    return Markup(", ").join(items[:-1]) + Markup(" {} ").format(conjunction) + items[-1]


@dataclass
class Answer:
    """Paragraphs (markup) answering one question, and the evidence line under them.

    A paragraph, item or evidence line that is not :class:`~markupsafe.Markup` is text, and shown escaped.
    """

    paragraphs: list[Markup]
    evidence: Markup = field(default_factory=Markup)
    items: list[Markup] = field(default_factory=list)

    def markup(self) -> Markup:
        body = Markup().join(Markup("<p>{}</p>").format(p) for p in self.paragraphs)
        if self.items:
            body += Markup("<ul>{}</ul>").format(Markup().join(Markup("<li>{}</li>").format(i) for i in self.items))
        return Markup('<div class="vsv-answer">{}{}</div>').format(body, self.evidence)
