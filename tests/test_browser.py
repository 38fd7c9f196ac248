"""Open every rendered report in headless Chromium with the network off, as a reader would.

At desktop width (1280 px) and phone width (375 px) every page opens without an
error or a request to another host, every figure renders with its alternative
text, and nothing sticks out sideways (wide tables scroll inside their own box).
Printed on A4, no page is wider than the paper. Screenshots of every page at both
widths, and the summary as a PDF, are kept in ``test-output/browser/`` for a
person to look at (CI keeps that folder).

Needs Debian's Chromium (``apt-get install chromium``; `.ci/run` installs it) and the
``playwright`` Python package (in the ``dev`` extra), which drives that Chromium and
downloads no browser of its own. The browser is the ``browser`` fixture of ``conftest.py``.
"""

import pytest
from conftest import PROJECT

SCREENSHOTS = PROJECT / "test-output" / "browser"
WIDTHS = {"desktop": 1280, "phone": 375}
A4_WIDTH_PX = 794  # 210 mm at 96 px per inch
OUTSIDE = """() => Array.from(document.querySelectorAll('body *'))
    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                 && !e.closest('.vsv-table-wrap, .vsv-figure-wrap, .wrap') && e.getClientRects().length)
    .slice(0, 5).map(e => e.tagName + '.' + e.className)"""


@pytest.mark.parametrize("width", list(WIDTHS))
def test_reports_open_offline_without_errors_at_every_width(rendered, browser, width):
    folder, _ = rendered
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems, figures = [], 0

    def only_local(route):
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            problems.append(f"request to {route.request.url}")
            route.abort()

    context = browser.new_context(offline=True, viewport={"width": WIDTHS[width], "height": 900})
    context.route("**/*", only_local)
    for path in sorted(folder.glob("*.html")):
        page = context.new_page()
        page.on("console", lambda message, name=path.name: problems.append(f"{name}: console {message.text}")
                if message.type == "error" else None)
        page.on("pageerror", lambda error, name=path.name: problems.append(f"{name}: {error}"))
        page.on("requestfailed", lambda request, name=path.name: problems.append(f"{name}: failed {request.url}"))
        page.goto(path.as_uri(), wait_until="load")
        images = page.evaluate("() => Array.from(document.images).map(i => [i.complete, i.naturalWidth, i.alt])")
        figures += len(images)
        for complete, natural_width, alt in images:
            assert complete and natural_width > 0, f"{path.name}: a figure did not render"
            assert alt, f"{path.name}: a figure without alt text"
        assert page.evaluate(OUTSIDE) == [], f"{path.name} sticks out at {WIDTHS[width]} px"
        if path.name == "index.html":
            links = page.evaluate("() => Array.from(document.links).map(a => a.getAttribute('href'))")
            assert all((folder / link).is_file() for link in links)
            assert sorted(set(links)) == sorted(p.name for p in folder.glob("0*.html"))
            assert links[0] == "00_samenvatting.html"  # "Begin hier" comes first
        if path.name == "00_samenvatting.html":
            assert "1. Hoeveel gemeenten en inwoners bereikt het programma?" in page.inner_text("body")
        page.screenshot(path=str(SCREENSHOTS / f"{path.stem}-{WIDTHS[width]}.png"), full_page=True)
        page.close()
    context.close()
    assert problems == []
    assert figures >= 10
    assert (SCREENSHOTS / f"00_samenvatting-{WIDTHS[width]}.png").stat().st_size > 10_000


def test_reports_print_on_a4_without_anything_cut(rendered, browser):
    folder, _ = rendered
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": A4_WIDTH_PX, "height": 1123})
    page.emulate_media(media="print")
    for path in sorted(folder.glob("*.html")):
        page.goto(path.as_uri(), wait_until="load")
        assert page.evaluate(OUTSIDE) == [], f"{path.name} is wider than A4 in print"
        hidden = page.evaluate("() => Array.from(document.querySelectorAll('details.vsv-analysts'))"
                               ".map(d => d.querySelector('p') && d.querySelector('p').getClientRects().length)")
        assert all(hidden), f"{path.name}: a part for analysts does not print"
    page.goto((folder / "00_samenvatting.html").as_uri(), wait_until="load")
    page.pdf(path=str(SCREENSHOTS / "00_samenvatting.pdf"), format="A4", print_background=True)
    page.close()
    assert (SCREENSHOTS / "00_samenvatting.pdf").stat().st_size > 50_000
