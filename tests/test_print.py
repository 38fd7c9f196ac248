"""Every page printed on A4, as Chromium prints it with the reports' print style.

No page of the PDF is blank, the footer ("Verantwoording") is whole on the last
page, links to other reports print as the report's title and never as a file
name, no table is wider than the paper allows, and the text of every figure is 9
pt or more on paper (maps print turned a quarter, at their own size). The
PDFs are read with pdfplumber. Uses the ``browser`` fixture of ``conftest.py``.
"""

from __future__ import annotations

import io
import re

import pdfplumber
import pytest
from test_accessibility import _smallest_font, _svg

CONTENT_PX = round(186 / 25.4 * 96)
"""The width between the margins of A4 portrait in CSS pixels (210 mm less the 12 mm margins of report.css)."""
PRINTED = """() => ({
    tables: Array.from(document.querySelectorAll('table'))
        .filter(t => t.getBoundingClientRect().width > document.documentElement.clientWidth + 1)
        .map(t => t.querySelector('th') ? t.querySelector('th').textContent : 'a table'),
    figures: Array.from(document.querySelectorAll('figure.vsv-figure img'))
        .map(i => ({alt: i.alt.slice(0, 60), src: i.currentSrc, shown: i.offsetWidth})),
    links: Array.from(document.querySelectorAll('a[href$=".html"]'))
        .filter(a => a.getClientRects().length).map(a => [a.getAttribute('href'), a.textContent.trim()]),
})"""


@pytest.fixture(scope="module", params=["vsv", "programme_b"])
def folder(request):
    fixture = "rendered" if request.param == "vsv" else "rendered_programme_b"
    return request.getfixturevalue(fixture)[0]


def _titles(folder) -> dict[str, str]:
    """Each report's title, from its page's <h1>."""
    titles = {}
    for path in folder.glob("0*.html"):
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", path.read_text(encoding="utf-8"), flags=re.S).group(1)
        titles[path.name] = re.sub(r"<[^>]+>|¶", "", heading).strip()
    return titles


def test_every_page_prints_whole_on_a4(folder, browser):
    page = browser.new_page(viewport={"width": CONTENT_PX, "height": 1100})
    laid_out = browser.new_page(viewport={"width": CONTENT_PX, "height": 1100})  # in print style, to measure
    laid_out.emulate_media(media="print")  # (page.pdf would print in the style a page emulates: not on ``page``)
    problems, titles = [], _titles(folder)
    for path in sorted(folder.glob("*.html")):
        page.goto(path.as_uri(), wait_until="load")
        with pdfplumber.open(io.BytesIO(page.pdf(format="A4", print_background=True))) as pdf:
            texts = [p.extract_text() or "" for p in pdf.pages]
        problems += [f"{path.name}: page {k} of {len(texts)} is blank" for k, t in enumerate(texts, 1) if not t.strip()]
        if "Gemaakt op" not in texts[-1] or "Verantwoording" not in texts[-1]:
            problems.append(f"{path.name}: the footer is not whole on the last page: {texts[-1][-200:]!r}")
        problems += [f"{path.name}: page {k} prints a file name" for k, t in enumerate(texts, 1) if ".html" in t]
        laid_out.goto(path.as_uri(), wait_until="load")
        printed = laid_out.evaluate(PRINTED)
        problems += [f"{path.name}: the table with {head!r} is wider than the paper" for head in printed["tables"]]
        for href, text in printed["links"]:
            if href in titles and text != titles[href]:
                problems.append(f"{path.name}: the link to {href} prints as {text!r}, not as its title")
        for figure in printed["figures"]:
            drawn_width, font = _smallest_font(_svg(figure["src"]))
            on_paper = font * figure["shown"] / (drawn_width * 96 / 72)
            if on_paper < 8.95:
                problems.append(f"{path.name}, {figure['alt']!r}: text of {on_paper:.1f} pt on paper")
    page.close()
    laid_out.close()
    assert problems == [], "\n".join(problems)
