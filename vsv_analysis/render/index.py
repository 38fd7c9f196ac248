"""The manifest and index page of a run folder, and the reports a run carries over from the run before.

``manifest.json`` maps each report's name to its :class:`RenderResult` fields;
``index.html`` is built from it. Both describe exactly the HTML files beside
them: a run that renders only some notebooks, or in which one fails, brings the
other pages of the previous run into its own folder (hard links, so no space is
used), with their manifest entries unchanged.
"""

from __future__ import annotations

import html
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from ..common.atomic import atomic_write
from ..common.dutch import FIRST_VERSION, date_text, number
from ..common.locations import FILES_SUFFIX, TEMPLATE_DIR
from .provenance import show_parameters, when
from .scrub import scrub_data

__all__ = ["carry_reports", "index_page", "link_or_copy", "page_files", "read_manifest", "run_folder_problems",
           "write_index"]

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
    page = scrub_text(index_page(list(entries.values()), folder_name, scrub_data(provenance, scrub_text),
                                 {name for name in reused if name in entries}))
    atomic_write(Path(folder) / "index.html", lambda t: Path(t).write_text(page, encoding="utf-8"))


READING_GUIDE = (
    "Begin met de samenvatting: zij beantwoordt zes vragen in gewone taal, met onder elk antwoord waarop het rust, "
    "en een bijlage met elke vermelding uit de bronnen. De andere rapporten werken elk één vraag verder uit. Wat "
    "een begrip betekent, staat onderaan elk rapport onder ‘Begrippen’. Onderdelen ‘Voor analisten’ kunt u "
    "overslaan.")


def _pairs(pairs) -> str:
    return "".join(f"<dt>{html.escape(str(a))}</dt><dd>{html.escape(str(b))}</dd>" for a, b in pairs)


def index_page(results: list[dict], folder_name: str, provenance: dict, reused=frozenset()) -> str:
    """The index of a run folder: what changed, the headline findings, a reading guide, the reports, the footer.

    ``provenance`` holds the run's ``title``, ``intro``, ``headlines``,
    ``changes_heading`` and ``changes`` (markup made by the report layer), and
    the footer's ``footer`` and ``details`` lines. A report named in ``reused``
    shows as unchanged since it was made.
    """
    rows, details = [], []
    with_status = any(r["status"] != "ok" or r["name"] in reused for r in results)
    for r in results:
        good = r.get("last_good")
        link = f'<a href="{html.escape(r["html_file"])}">{html.escape(r["title"])}</a>'
        cells = f"<td>{link}<br><span class=\"desc\">{html.escape(r['description'])}</span></td>"
        if with_status:
            status = "gereed" if r["status"] == "ok" else "mislukt"
            if r["status"] == "ok" and r["name"] in reused:
                status = f"ongewijzigd sinds {html.escape(when(r['rendered_at']))}"
            if r["status"] != "ok" and good:
                status += (f'<br><a href="{html.escape(good["html_file"])}">vorige geslaagde versie</a> '
                           f'({html.escape(when(good["rendered_at"]))})')
            error = f'<br><span class="vsv-error">{html.escape(r["error"])}</span>' if r["error"] else ""
            cells += f"<td>{status}{error}</td><td>{html.escape(when(r['rendered_at']))}</td>"
        rows.append(f"<tr class=\"{r['status']}\">{cells}</tr>")
        details.append((r["title"], f"gemaakt {when(r['rendered_at'])}; {number(r['seconds'], 1)} s; "
                                    f"{show_parameters(r['parameters'])}"))
    head = "<th>Rapport</th>" + ("<th>Status</th><th>Gemaakt</th>" if with_status else "")
    title = html.escape(provenance.get("title") or "Rapporten")
    changes = (f'<section class="vsv-changes"><h2>{html.escape(provenance["changes_heading"])}</h2>'
               f'{provenance["changes"]}</section>') if provenance.get("changes") else ""
    first_version = FIRST_VERSION in changes
    summary = next((r for r in results if r["name"].startswith("00")), None)
    start = (f'<p class="start">Begin hier: <a href="{html.escape(summary["html_file"])}">'
             f'{html.escape(summary["title"])}</a>, in vijf minuten te lezen.</p>') if summary else ""
    headlines = "".join(f"<li><strong>{html.escape(question)}</strong> {answer}</li>"
                        for question, answer in provenance.get("headlines", []))
    findings = (f"<h2>De belangrijkste uitkomsten</h2><ul>{headlines}</ul><p>Waarop elke uitkomst rust en wat "
                f"onzeker is, staat in de samenvatting.</p>") if headlines else ""
    footer = _pairs([*provenance.get("footer", []), ("Gemaakt op", when(provenance.get("made_at", "")))]
                    if provenance.get("made_at") else provenance.get("footer", []))
    technical = _pairs([*details, *provenance.get("details", [])])
    css = (TEMPLATE_DIR / "index.css").read_text(encoding="utf-8")
    return f"""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{title} ({html.escape(folder_name)})</title>
<style>{css}</style>
</head>
<body>
<main>
<h1>{title}</h1>
<p>{provenance.get("intro", "")} Deze versie is gemaakt op {html.escape(date_text(folder_name))}. Elk rapport is een
los bestand dat ook zonder internet opent en zich laat afdrukken.</p>
{start}
{"" if first_version else changes}
{findings}
<h2>Leeswijzer</h2>
<p>{html.escape(READING_GUIDE)}</p>
<h2>De rapporten</h2>
<div class="wrap"><table>
<thead><tr>{head}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table></div>
{changes if first_version else ""}
<footer><h2>Verantwoording</h2><dl>{footer}</dl>
<details class="vsv-run"><summary>Technische gegevens van deze versie</summary><dl>{technical}</dl></details>
</footer>
</main>
</body>
</html>
"""
