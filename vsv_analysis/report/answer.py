"""One answer of the summary: Dutch paragraphs (markup), an optional list, and the line naming its evidence."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

__all__ = ["CENTRALITY", "COVERAGE", "DATA", "OVERLAP", "Answer", "escape"]

COVERAGE, CENTRALITY, OVERLAP, DATA = "05_dekking", "03_centraliteit", "04_overlap", "01_gegevens"
"""The reports an answer points to for the working-out."""


def escape(value) -> str:
    """``value`` as text, escaped for markup."""
    return html.escape(str(value))


@dataclass
class Answer:
    """Paragraphs (markup) answering one question, and the evidence line under them."""

    paragraphs: list[str]
    evidence: str = ""
    items: list[str] = field(default_factory=list)

    def markup(self) -> str:
        body = "".join(f"<p>{p}</p>" for p in self.paragraphs)
        if self.items:
            body += "<ul>" + "".join(f"<li>{item}</li>" for item in self.items) + "</ul>"
        return f'<div class="vsv-answer">{body}{self.evidence}</div>'
