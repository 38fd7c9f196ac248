"""The manifest and index page of a run folder, and the reports a run carries over from the run before.

``manifest.json`` maps each report's name to its :class:`RenderResult` fields;
``index.html`` is built from it. Both describe exactly the HTML files beside
them: a run that renders only some notebooks, or in which one fails, brings the
other pages of the previous run into its own folder (hard links, so no space is
used), with their manifest entries unchanged.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from markupsafe import Markup

from ..common.atomic import atomic_write
from ..common.dutch import FIRST_VERSION, date_text, number
from ..common.locations import FILES_SUFFIX, TEMPLATE_DIR
from .provenance import when
from .scrub import scrub_data

__all__ = ["carry_reports", "index_page", "link_or_copy", "opening_markup", "page_files", "read_manifest",
           "run_folder_problems", "write_index"]

MANIFEST = "manifest.json"


def read_manifest(folder: Path | None) -> dict[str, dict]:
    """The manifest of a run folder; empty when there is none (or no folder)."""
    if folder is None or not (Path(folder) / MANIFEST).is_file():
        return {}
    manifest = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
    return manifest if isinstance(manifest, dict) else {}


def _plain(name) -> bool:
    return isinstance(name, str) and bool(name) and "/" not in name and "\\" not in name and not name.startswith(".")


def _linked_files(entry: dict, page: str) -> list[str]:
    """The files a page links to, each ``<report>-bestanden/<plain name>`` (nothing that reaches elsewhere)."""
    files = entry.get("files")
    folder = page.removesuffix(".html").removesuffix(".failed") + FILES_SUFFIX
    if not isinstance(files, list):
        return []
    return [f for f in files if isinstance(f, str) and f.count("/") == 1 and f.split("/")[0] == folder
            and _plain(f.split("/")[1])]


def page_files(entry: dict) -> list[str]:
    """The files a manifest entry stands for: its HTML pages and the files they link to; plain names only, so an
    entry cannot reach outside."""
    found = []
    for part in (entry, entry.get("last_good") or {}):
        page = part.get("html_file") if isinstance(part, dict) else None
        if _plain(page) and page.endswith(".html"):
            found += [page, *_linked_files(part, page)]
    return found


def link_or_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)  # a page's folder of files
    try:
        os.link(source, target)
    except OSError:  # another file system, or one without hard links
        shutil.copy2(source, target)


def carry_reports(previous: Path | None, manifest: dict, staging: Path, rendered: dict[str, dict],
                  progress: Callable[[str], None]) -> dict[str, dict]:
    """Bring the pages of ``previous`` that this run does not replace into ``staging``.

    ``manifest`` is that run's manifest (:func:`read_manifest`). ``rendered``
    maps the names rendered in this run to their results (as dictionaries). A
    report not rendered now keeps its page and manifest entry; a report that
    failed now gets its last good page back beside the ``.failed.html``, noted
    as ``last_good`` in its result. Returns the entries carried unchanged.
    """
    carried = {}
    for name, entry in manifest.items():
        if not isinstance(entry, dict):
            continue
        files = page_files(entry)
        if name in rendered:
            good = entry if entry.get("status") == "ok" else entry.get("last_good")
            result = rendered[name]
            kept = page_files({"html_file": good.get("html_file"), "files": good.get("files")}) if good else []
            if result["status"] != "ok" and kept and all((previous / f).is_file() for f in kept):
                for file in kept:
                    link_or_copy(previous / file, staging / file)
                result["last_good"] = {"html_file": good["html_file"], "rendered_at": good.get("rendered_at", ""),
                                       "files": kept[1:]}
            continue
        if not files or not all((previous / f).is_file() for f in files):
            progress(f"{name}: not carried over from {previous.name}, its page is missing there")
            continue
        for file in files:
            link_or_copy(previous / file, staging / file)
        carried[name] = entry
    return carried


def run_folder_problems(folder: Path) -> list[str]:
    """What keeps the manifest of a run folder from describing exactly the HTML files in it ([] if nothing)."""
    manifest = read_manifest(folder)
    listed = {f for entry in manifest.values() if isinstance(entry, dict) for f in page_files(entry)}
    present = {p.name for p in Path(folder).glob("*.html")} - {"index.html"}
    present |= {p.relative_to(folder).as_posix() for place in Path(folder).glob(f"*{FILES_SUFFIX}")
                for p in place.rglob("*") if p.is_file()}
    problems = [f"{f} is in the manifest but not in the folder" for f in sorted(listed - present)]
    problems += [f"{f} is in the folder but not in the manifest" for f in sorted(present - listed)]
    if not (Path(folder) / "index.html").is_file():
        problems.append("index.html is missing")
    return problems


def write_index(folder: Path, entries: dict[str, dict], folder_name: str, provenance: dict,
                scrub_text: Callable[[str], str], reused: frozenset[str] = frozenset()) -> None:
    """Write ``manifest.json`` and ``index.html`` into ``folder``, local paths scrubbed from both.

    ``reused`` names the reports that were not made again because nothing they rest on changed.
    """
    entries = {name: scrub_data(entries[name], scrub_text) for name in sorted(entries)}
    text = json.dumps(entries, indent=2, ensure_ascii=False)
    atomic_write(Path(folder) / MANIFEST, lambda t: Path(t).write_text(text, encoding="utf-8"))
    page = scrub_text(Markup(index_page(list(entries.values()), folder_name,
                                        scrub_data(opening_markup(provenance), scrub_text),
                                        {name for name in reused if name in entries})))
    atomic_write(Path(folder) / "index.html", lambda t: Path(t).write_text(page, encoding="utf-8"))


READING_GUIDE = (
    "Begin met de samenvatting. Zij beantwoordt zes vragen in gewone taal. Onder elk antwoord staat waarop het "
    "rust. In de bijlage staat elke vermelding uit de bronnen. De andere rapporten werken elk één vraag verder uit. "
    "Wat een begrip betekent, staat onderaan elk rapport onder ‘Begrippen’. Onderdelen ‘Voor analisten’ kunt u "
    "overslaan.")
MARKUP_PARTS = ("intro", "changes")
"""The parts of the index's opening that the report layer made as markup (the headline answers too)."""


@functools.cache
def _template():
    import jinja2

    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)), autoescape=True,
                                     undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    return environment.get_template("index.html.j2")


def opening_markup(opening: dict) -> dict:
    """The index's opening with its markup parts as :class:`~markupsafe.Markup` again, after a trip through JSON.

    ``run.json`` keeps them as plain strings; they are the report layer's markup, in which every value from the
    data was escaped when it was made (and the run's own files are trusted as its pages are).
    """
    opening = dict(opening)
    for part in MARKUP_PARTS:
        if opening.get(part):
            opening[part] = Markup(opening[part])
    opening["headlines"] = [(question, Markup(answer)) for question, answer in opening.get("headlines", [])]
    return opening


def index_page(results: list[dict], folder_name: str, provenance: dict, reused=frozenset()) -> str:
    """The index of a run folder: what changed, the headline findings, a reading guide, the reports, the footer.

    ``provenance`` holds the run's ``title``, ``intro``, ``headlines``,
    ``changes_heading`` and ``changes`` (the intro, the headline answers and the
    changes are markup made by the report layer, see :func:`opening_markup`), and
    the footer's ``footer`` and ``details`` lines. A report named in ``reused``
    shows as unchanged since it was made. The page comes from the autoescaping
    template ``templates/index.html.j2``: every other value is shown as text.
    """
    provenance = opening_markup(provenance)
    rows, details = [], []
    with_status = any(r["status"] != "ok" or r["name"] in reused for r in results)
    for r in results:
        good = r.get("last_good")
        status = "gereed" if r["status"] == "ok" else "mislukt"
        if r["status"] == "ok" and r["name"] in reused:
            status = f"ongewijzigd sinds {when(r['rendered_at'])}"
        rows.append({"status": r["status"], "html_file": r["html_file"], "title": r["title"],
                     "description": r["description"], "status_text": status, "error": r["error"],
                     "when": when(r["rendered_at"]),
                     "last_good": ({"html_file": good["html_file"], "when": when(good["rendered_at"])}
                                   if r["status"] != "ok" and good else None)})
        details.append((r["title"], f"gemaakt {when(r['rendered_at'])}; {number(r['seconds'], 1)} s"))
    footer = [*provenance.get("footer", [])]
    if provenance.get("made_at"):
        footer.append(("Gemaakt op", when(provenance["made_at"])))
    summary = next((r for r in results if r["name"].startswith("00")), None)
    changes = provenance.get("changes") or Markup()
    return _template().render(
        title=provenance.get("title") or "Rapporten", folder_name=folder_name, made_on=date_text(folder_name),
        css=Markup((TEMPLATE_DIR / "index.css").read_text(encoding="utf-8")), intro=provenance.get("intro", ""),
        summary=summary, changes=changes, changes_heading=provenance.get("changes_heading", ""),
        first_version=FIRST_VERSION in changes, headlines=provenance.get("headlines", []),
        reading_guide=READING_GUIDE, rows=rows, with_status=with_status, footer=footer,
        details=[*details, *provenance.get("details", [])])
