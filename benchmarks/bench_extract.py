"""Extraction benchmark: how much of the evidence ``vsv-analysis extract`` finds, and how fast.

1. The seed memo (../shared/seeds/) against data/, which was transcribed by hand: recall and precision of
   (initiative, municipality) pairs per section and in all, of regions and of counts, and the share of the
   matched mentions whose role is the one in data/.
2. Two documents of our own the extractor was not tuned on (tests/fixtures/intake/): a Word letter of another
   programme and a PDF with names broken over lines, against their expected mentions.
3. Time per page and peak memory for a 50-page PDF (the PDF document repeated).

Run: ``.venv/bin/python benchmarks/bench_extract.py`` (results in benchmarks/README.md).
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import pandas as pd  # noqa: E402
from intake_documents import FIXTURES, SEED, expected, make_docx, make_pdf  # noqa: E402

from vsv_analysis.evidence.dataset import load_dataset  # noqa: E402
from vsv_analysis.intake import extract_document, write_proposal  # noqa: E402


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def score(found: set, truth: set) -> tuple[float, float]:
    hits = len(found & truth)
    return ratio(hits, len(truth)), ratio(hits, len(found))


def entity(mention, kind: str) -> str:
    return mention.finding.suggestion or mention.resolves_to.split(" (")[0] if kind == "municipality" else \
        mention.finding.name


def seed_memo() -> None:
    extraction = extract_document(SEED, year=2021)
    data = load_dataset(ROOT / "data", 2021)
    sections = dict(zip(data.initiatives["initiative_id"], data.initiatives["source_section"]))
    truth = data.involvements.assign(section=data.involvements["initiative_id"].map(sections))
    municipal = truth[truth["party_kind"] == "municipality"]
    truth_pairs = {(s, code or name) for s, code, name in
                   zip(municipal["section"], municipal["municipality_code"], municipal["name_as_written"])}
    found_pairs = set()
    for mention in extraction.mentions:
        if mention.finding.party_kind != "municipality":
            continue
        resolution = data.reference.resolve_municipality(mention.finding.name)
        for code in resolution.codes or (mention.finding.name,):
            found_pairs.add((mention.section.number, code))
    print("seed memo (data/ transcribed by hand), geography 2021")
    print("| section | pairs in data/ | found | recall | precision |\n|---|---:|---:|---:|---:|")
    for section in sorted({s for s, _ in truth_pairs | found_pairs}, key=int):
        t = {p for p in truth_pairs if p[0] == section}
        f = {p for p in found_pairs if p[0] == section}
        recall, precision = score(f, t)
        print(f"| {section} | {len(t)} | {len(f)} | {recall:.2f} | {precision:.2f} |")
    recall, precision = score(found_pairs, truth_pairs)
    print(f"| all | {len(truth_pairs)} | {len(found_pairs)} | {recall:.2f} | {precision:.2f} |")
    regions_truth = {(s, n) for s, n, k in zip(truth["section"], truth["name_as_written"], truth["party_kind"])
                     if k == "region"}
    regions_found = {(m.section.number, m.finding.name) for m in extraction.mentions
                     if m.finding.party_kind == "region"}
    counts_truth = {(s, int(c)) for s, c in zip(data.initiatives["source_section"],
                                                data.initiatives["reported_municipalities"]) if not pd.isna(c) and c}
    counts_found = {(i.section.number, i.count.value) for i in extraction.initiatives if i.count}
    print("regions: recall {:.2f}, precision {:.2f}; counts: recall {:.2f}, precision {:.2f}".format(
        *score(regions_found, regions_truth), *score(counts_found, counts_truth)))
    roles_truth = {(s, n.replace("Gemeente ", "")): r for s, n, r, k in
                   zip(truth["section"], truth["name_as_written"], truth["role"], truth["party_kind"])
                   if k in ("municipality", "region")}
    matched = [(roles_truth[key], m.finding.role.role) for m in extraction.mentions
               if (key := (m.section.number, m.finding.name.replace("Gemeente ", ""))) in roles_truth]
    same = sum(a == b for a, b in matched)
    print(f"roles as in data/: {same} of {len(matched)} matched municipality and region mentions "
          f"({ratio(same, len(matched)):.0%})")
    with tempfile.TemporaryDirectory() as folder:
        write_proposal(extraction, Path(folder) / "voorstel")  # raises if the proposal does not validate
    print("the proposal validates as it is")


def own_document(name: str, document: Path) -> None:
    extraction = extract_document(document, year=2022)
    wanted, counts = expected(name)
    for kind in ("municipality", "region"):
        truth = {(w["section"], w["name"]) for w in wanted if w["party_kind"] == kind}
        found = {(m.section.number, entity(m, kind)) for m in extraction.mentions if m.finding.party_kind == kind}
        if kind == "region":
            truth = {(s, n) for s, n in truth}
            found = {(m.section.number, m.resolves_to.split(" (")[0] if m.finding.is_known else m.finding.name)
                     for m in extraction.mentions if m.finding.party_kind == kind}
        recall, precision = score(found, truth)
        false = sorted(found - truth)
        print(f"{document.name}: {kind} pairs recall {recall:.2f}, precision {precision:.2f} "
              f"({len(truth)} expected, {len(found)} found; not expected: {false or 'none'})")
    roles = {(w["section"], w["name"]): w["role"] for w in wanted}
    matched = [(roles[key], m.finding.role.role) for m in extraction.mentions
               if (key := (m.section.number, entity(m, m.finding.party_kind) if m.finding.party_kind == "municipality"
                           else (m.resolves_to.split(" (")[0] if m.finding.is_known else m.finding.name))) in roles]
    found_counts = {(i.section.number, i.count.value) for i in extraction.initiatives if i.count}
    print(f"  roles as expected: {sum(a == b for a, b in matched)} of {len(matched)}; counts: recall "
          "{:.2f}, precision {:.2f}".format(*score(found_counts, {(c['section'], int(c['count'])) for c in counts})))


def fifty_pages(folder: Path) -> None:
    """Time without tracing (tracemalloc slows Python several times over), then peak memory for 10 and 50 pages."""
    document = make_pdf(FIXTURES / "wijkaanpak_verslag.txt", folder / "lang.pdf", repeat=50)
    start = time.perf_counter()
    extraction = extract_document(document, year=2022)
    seconds = time.perf_counter() - start
    print(f"{extraction.pages}-page PDF: {seconds:.1f} s ({seconds / extraction.pages * 1000:.0f} ms per page), "
          f"{len(extraction.initiatives)} sections, {len(extraction.mentions)} mentions")
    for repeat in (10, 50):
        document = make_pdf(FIXTURES / "wijkaanpak_verslag.txt", folder / f"lang{repeat}.pdf", repeat=repeat)
        tracemalloc.start()
        pages = extract_document(document, year=2022).pages
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"  {pages} pages: peak Python memory {peak / 2**20:.1f} MiB")


if __name__ == "__main__":
    seed_memo()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        own_document("kempen_brief", make_docx(FIXTURES / "kempen_brief.md", folder / "kempen_brief.docx"))
        own_document("wijkaanpak_verslag", make_pdf(FIXTURES / "wijkaanpak_verslag.txt", folder / "verslag.pdf"))
        fifty_pages(folder)
