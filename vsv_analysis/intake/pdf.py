"""Reading a PDF's text layer with pdfplumber, one page at a time, into :class:`~.documents.Line` objects.

Each line keeps its font size and weight (for the headings) and where it stands on the page (for the
running headers and footers, which :mod:`.repair` drops). A page's objects are released before the
next page is read, so memory follows one page, not the document.
"""

from __future__ import annotations

from pathlib import Path

from .lines import DocumentError, Line

__all__ = ["read_pdf"]

_BOLD_WORDS = ("bold", "black", "heavy", "semibold", "demi")


def read_pdf(path: Path) -> list[Line]:
    """The lines of a PDF's text layer, page by page.

    Raises
    ------
    DocumentError
        For a damaged file, a password, or a PDF whose pages have no text (a scan without OCR).
    """
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        document = pdfplumber.open(path)
    except Exception as error:  # pdfminer raises many kinds for a damaged file; all mean the same to the reader
        cause = getattr(error, "args", [None])[0] if error.args else None
        if isinstance(error, PDFPasswordIncorrect) or isinstance(cause, PDFPasswordIncorrect) \
                or "password" in str(error).casefold():
            raise DocumentError(path, "is protected by a password; save a copy without one and extract that") \
                from None
        raise DocumentError(path, f"is damaged or not a PDF ({type(error).__name__}); ask for the file again, "
                                  f"or print it to a new PDF") from None
    lines: list[Line] = []
    try:
        with document:
            if not document.pages:
                raise DocumentError(path, "has no pages")
            for number, page in enumerate(document.pages, 1):
                lines.extend(_page_lines(page, number))
                page.close()
    except DocumentError:
        raise
    except Exception as error:
        raise DocumentError(path, f"is damaged: page text cannot be read ({type(error).__name__})") from None
    if not lines:
        raise DocumentError(path, "has no text layer (a scanned document?); run text recognition (OCR) on it first, "
                                  "or ask for the original file")
    return lines


def _page_lines(page, number: int) -> list[Line]:
    words = page.extract_words(extra_attrs=["size", "fontname"], use_text_flow=True, keep_blank_chars=False)
    rows: list[list[dict]] = []
    for word in words:
        if rows and abs(word["top"] - rows[-1][0]["top"]) < max(2.0, 0.3 * word["size"]):
            rows[-1].append(word)
        else:
            rows.append([word])
    lines, previous_bottom = [], None
    height = float(page.height) or 1.0
    for row in rows:
        row.sort(key=lambda word: word["x0"])
        text = " ".join(word["text"] for word in row)
        size = max(word["size"] for word in row)
        bold = all(any(mark in word["fontname"].casefold() for mark in _BOLD_WORDS) for word in row)
        top = min(word["top"] for word in row)
        gap = 0.0 if previous_bottom is None else max(0.0, (top - previous_bottom) / size)
        lines.append(Line(text, page=number, size=round(size, 1), bold=bold, gap_before=round(gap, 2),
                          position=top / height))
        previous_bottom = max(word["bottom"] for word in row)
    return lines
