"""Shared fixtures: the built-in data, and small data folders that tests write themselves."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from vsv_analysis.common.locations import default_data_dir

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]

INITIATIVES_HEADER = ("initiative_id,initiative_name,kind,source_id,source_section,themes,"
                      "reported_municipalities,reported_municipalities_role,description")
INVOLVEMENTS_HEADER = "mention_id,initiative_id,name_as_written,party_kind,role,expand_to_members,event_date,note"
SOURCES = "source_id,title\ndoc,A test document\n"

TIME_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2} ", flags=re.MULTILINE)
"""The time every status line starts with, as `date -Is` writes it."""


@pytest.fixture(scope="module")
def vsv():
    """The network of the built-in evidence in the 2022 geography (a module's tests share one)."""
    from vsv_analysis.evidence.dataset import load_dataset
    from vsv_analysis.network import build_network

    return build_network(load_dataset(year=2022))


def untimed(text: str) -> str:
    """Status lines without the time each starts with (for exact comparison)."""
    return TIME_STAMP.sub("", text)


@pytest.fixture(scope="session", autouse=True)
def empty_user_cache(tmp_path_factory):
    """Tests neither read nor fill the user's own cache (downloaded boundaries, CBS figures)."""
    folder = tmp_path_factory.mktemp("user-cache")
    before = os.environ.get("VSV_ANALYSIS_CACHE")
    os.environ["VSV_ANALYSIS_CACHE"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("VSV_ANALYSIS_CACHE", None)
    else:
        os.environ["VSV_ANALYSIS_CACHE"] = before


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the evidence files and programme description (the built-in reference is used as is)."""
    target = tmp_path / "data"
    target.mkdir()
    for name in ("initiatives.csv", "involvements.csv", "sources.csv", "programme.yaml", "interpretations.csv"):
        shutil.copy(default_data_dir() / name, target / name)
    return target


@pytest.fixture
def make_data(tmp_path: Path):
    """Write a small evidence folder from CSV row strings; returns its path."""

    def make(initiatives: list[str], involvements: list[str], name: str = "mini") -> Path:
        folder = tmp_path / name
        folder.mkdir()
        (folder / "initiatives.csv").write_text("\n".join([INITIATIVES_HEADER, *initiatives]) + "\n", encoding="utf-8")
        (folder / "involvements.csv").write_text("\n".join([INVOLVEMENTS_HEADER, *involvements]) + "\n",
                                                 encoding="utf-8")
        (folder / "sources.csv").write_text(SOURCES, encoding="utf-8")
        return folder

    return make


@pytest.fixture(scope="session")
def rendered(tmp_path_factory):
    """Every report notebook rendered once with the default parameters (shared by the report tests)."""
    import datetime

    from vsv_analysis.render import render

    output = tmp_path_factory.mktemp("reports")
    results = render(output_dir=output, jobs=2, day=datetime.date(2026, 1, 5), progress=lambda line: None)
    return output / "2026-01-05", results


@pytest.fixture(scope="session")
def rendered_programme_b(tmp_path_factory):
    """Every report notebook rendered once on the made-up second programme of ``tests/fixtures/programme_b``."""
    import datetime

    from vsv_analysis.render import render

    output = tmp_path_factory.mktemp("programme_b")
    results = render(output_dir=output, parameters={"data_dir": str(PROJECT / "tests" / "fixtures" / "programme_b")},
                     jobs=2, day=datetime.date(2026, 2, 3), progress=lambda line: None)
    return output / "2026-02-03", results


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium, offline use only: skipped (or, with VSV_REQUIRE_BROWSER, failed) where it is missing."""
    if CHROMIUM is None:
        message = "Chromium not found; install it with `apt-get install chromium` (Debian) to run the browser test"
        if os.environ.get("VSV_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    sync_api = pytest.importorskip("playwright.sync_api", reason="install the dev extra: pip install -e '.[dev]'")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()
