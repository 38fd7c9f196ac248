"""Test documents for ``extract``, made from the sources in tests/fixtures/intake/: a Word file with heading
styles and a PDF with a real text layer (fpdf2), running headers and footers, page numbers, a footnote address
and the line breaks the source file gives (inside names, hyphenated words). The tests and the extraction
benchmark use the same documents."""

from __future__ import annotations

import csv
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "intake"
SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / "000_c496a21ee49fb5b4.txt"


def make_docx(source: Path, target: Path) -> Path:
    """A Word document from Markdown-like ``source``: ``#`` Heading 1, ``##`` Heading 2, other lines paragraphs."""
    import docx

    document = docx.Document()
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            document.add_heading(line[3:], level=2)
        elif line.startswith("# "):
            document.add_heading(line[2:], level=1)
        elif line.strip():
            document.add_paragraph(line)
    document.save(target)
    return target


def _font() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def make_pdf(source: Path, target: Path, repeat: int = 1) -> Path:
    """A PDF from ``source``: ``@header``/``@footer`` on every page, ``#`` title, ``##`` section, ``@page`` a new
    page, other lines one line of text each (so a name broken over two lines stays broken). ``repeat`` writes the
    body that many times (for the 50-page benchmark)."""
    from fpdf import FPDF

    lines = source.read_text(encoding="utf-8").splitlines()
    header = next((line[8:] for line in lines if line.startswith("@header ")), "")
    footer = next((line[8:] for line in lines if line.startswith("@footer ")), "")
    body = [line for line in lines if not line.startswith(("@header ", "@footer "))]

    class Document(FPDF):
        def header(self):
            self.set_font("dejavu", "", 8)
            self.cell(0, 6, header, new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

        def footer(self):
            self.set_y(-15)
            self.set_font("dejavu", "", 8)
            self.cell(0, 5, f"{footer}    {self.page_no()}", align="C")

    pdf = Document()
    fonts = _font()
    pdf.add_font("dejavu", "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font("dejavu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    for copy in range(repeat):
        for line in body:
            if line == "@page":
                pdf.add_page()
            elif line.startswith("##"):
                pdf.ln(4)
                pdf.set_font("dejavu", "B", 14)
                pdf.cell(0, 8, line[2:] if copy == 0 else f"{line[2:]} ({copy + 1})", new_x="LMARGIN", new_y="NEXT")
            elif line.startswith("#"):
                if copy:
                    continue
                pdf.set_font("dejavu", "B", 18)
                pdf.cell(0, 10, line[1:], new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.set_font("dejavu", "", 11)
                pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(target))
    return target


def expected(name: str) -> tuple[list[dict], list[dict]]:
    """The expected mentions and counts of the fixture ``name`` (its stem)."""
    with (FIXTURES / f"{name}.expected.csv").open(encoding="utf-8") as handle:
        mentions = list(csv.DictReader(handle))
    with (FIXTURES / f"{name}.counts.csv").open(encoding="utf-8") as handle:
        counts = list(csv.DictReader(handle))
    return mentions, counts
