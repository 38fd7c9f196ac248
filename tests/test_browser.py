"""Open every rendered report in headless Chromium with the network off, as a reader would.

Needs Debian's Chromium (``apt-get install chromium``; `.ci/run` installs it) and the
``playwright`` Python package (in the ``dev`` extra), which drives that Chromium and
downloads no browser of its own.
"""

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def test_reports_open_offline_without_errors(rendered):
    if CHROMIUM is None:
        message = "Chromium not found; install it with `apt-get install chromium` (Debian) to run the browser test"
        if os.environ.get("VSV_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    sync_api = pytest.importorskip("playwright.sync_api", reason="install the dev extra: pip install -e '.[dev]'")
    folder, _ = rendered
    problems, figures = [], 0

    def only_local(route):
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            problems.append(f"request to {route.request.url}")
            route.abort()

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(offline=True, viewport={"width": 1200, "height": 900})
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
            for complete, width, alt in images:
                assert complete and width > 0, f"{path.name}: a figure did not render"
                assert alt, f"{path.name}: a figure without alt text"
            if path.name == "index.html":
                links = page.evaluate("() => Array.from(document.links).map(a => a.getAttribute('href'))")
                assert all((folder / link).is_file() for link in links)
                assert len(links) == 6
            if path.name == "00_samenvatting.html":
                assert "1. Hoeveel gemeenten en inwoners bereikt het programma?" in page.inner_text("body")
                page.screenshot(path=str(folder / "00_samenvatting.png"), full_page=True)
            page.close()
        browser.close()
    assert problems == []
    assert figures >= 10
    assert (folder / "00_samenvatting.png").stat().st_size > 10_000
