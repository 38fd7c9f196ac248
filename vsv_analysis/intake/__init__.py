"""Evidence intake: a memo, letter or report in, a proposal of evidence out, for an evaluator to review.

The stage between :mod:`vsv_analysis.evidence` and the network, its layers one module each:

- reading a document: :mod:`.documents` (plain text, Markdown, Word) and :mod:`.pdf` (a PDF's text layer);
- repairing text: :mod:`.repair` (page headers and footers, footnote addresses, hyphenation, line breaks);
- finding sections: :mod:`.sections` (headings become initiatives) and :mod:`.sentences`;
- finding and resolving mentions: :mod:`.gazetteer` (the reference as names in text), :mod:`.mentions`
  (organisations, villages, ordinary words, close misspellings, groups) and :mod:`.counts`;
- proposing roles: :mod:`.roles`, from the cue vocabularies of :mod:`.cues`;
- dates: :mod:`.dates`, the document's own date, never guessed;
- a proposal: :mod:`.proposal`; writing it: :mod:`.folder` (a data folder that validates) and :mod:`.review`
  (the review workbook, the notebook's table);
- comparing with existing evidence: :mod:`.compare`; all of it in order: :mod:`.extract`.
"""

from .documents import DocumentError
from .extract import Extraction, extract_document, write_proposal
from .review import review_html, review_tables

__all__ = ["DocumentError", "Extraction", "extract_document", "review_html", "review_tables", "write_proposal"]
