"""The source document within reach: ``sources.csv``'s column ``file``, checked, linked from the summary, copied
into the run so that the link works offline, and part of the evidence a report rests on.

The document is the test's own small text, written into a copy of the built-in data; the memo itself is never
copied into the project.
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest

from vsv_analysis.common.errors import DataError
from vsv_analysis.common.locations import PACKAGE_DIR
from vsv_analysis.evidence.dataset import load_dataset
from vsv_analysis.evidence.documents import listed_documents
from vsv_analysis.render import render
from vsv_analysis.render.inputs import evidence_digest

DOCUMENT_TEXT = "Een klein eigen testdocument, in plaats van de bron zelf.\n"


def with_document(folder: Path, value: str = "bronnen/bron.txt", write: bool = True) -> Path:
    """``folder`` (a copy of the built-in data) with a column ``file`` in sources.csv naming ``value``."""
    path = folder / "sources.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, [*(name for name in rows[0] if name != "file"), "file"])
        writer.writeheader()
        writer.writerows({**row, "file": value} for row in rows)
    if write:
        (folder / value).parent.mkdir(parents=True, exist_ok=True)
        (folder / value).write_text(DOCUMENT_TEXT, encoding="utf-8")
    return folder


def test_the_column_is_read_and_the_built_in_data_names_no_document(data_copy):
    assert listed_documents(data_copy) == []
    assert listed_documents(with_document(data_copy)) == ["bronnen/bron.txt"]
    assert load_dataset(data_copy).sources["file"].tolist() == ["bronnen/bron.txt"]


def test_a_missing_document_is_named_by_file_row_column_and_value(data_copy):
    with_document(data_copy, "bronnen/memo.pdf", write=False)
    (data_copy / "bronnen").mkdir()
    (data_copy / "bronnen" / "memo.txt").write_text(DOCUMENT_TEXT, encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_dataset(data_copy)
    message = str(raised.value)
    assert re.search(r"sources\.csv, row 2, column 'file': found 'bronnen/memo\.pdf'; expected a source document at "
                     r"this path \(it does not exist\)", message), message
    assert "bronnen/memo.txt" in message  # the close name in the folder, suggested
    assert "Traceback" not in message


def test_a_document_outside_the_data_folder_is_refused(data_copy, tmp_path):
    outside = tmp_path / "elders.txt"
    outside.write_text(DOCUMENT_TEXT, encoding="utf-8")
    for value in ("../elders.txt", str(outside)):
        with_document(data_copy, value, write=False)
        with pytest.raises(DataError) as raised:
            load_dataset(data_copy)
        assert f"column 'file': found '{value}'" in str(raised.value), value


def test_a_changed_document_changes_the_evidence_key(data_copy):
    folder = with_document(data_copy)
    before = evidence_digest(str(folder))
    assert evidence_digest(str(folder)) == before
    (folder / "bronnen" / "bron.txt").write_text(DOCUMENT_TEXT + "Een regel erbij.\n", encoding="utf-8")
    assert evidence_digest(str(folder)) != before
    (folder / "bronnen" / "ander.txt").write_text("niet genoemd", encoding="utf-8")  # a file no row names
    changed = evidence_digest(str(folder))
    (folder / "bronnen" / "ander.txt").write_text("nog steeds niet genoemd", encoding="utf-8")
    assert evidence_digest(str(folder)) == changed


def test_the_summary_links_to_the_document_copied_into_the_run(data_copy, tmp_path):
    folder = with_document(data_copy)
    shutil.copytree(PACKAGE_DIR.parent / "notebooks", tmp_path / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    notebook = tmp_path / "notebooks" / "00_samenvatting.ipynb"
    results = render([notebook], output_dir=tmp_path / "out", parameters={"data_dir": str(folder)}, jobs=1,
                     progress=lambda line: None)
    assert [r.status for r in results] == ["ok"]
    run = (tmp_path / "out" / "latest").resolve()
    page = (run / "00_samenvatting.html").read_text(encoding="utf-8")
    links = re.findall(r'<a [^>]*href="([^"]+)"[^>]*>bron\.txt</a>', page)
    assert len(links) == 1, "the summary links to the document once"
    assert re.search(r'<h2 id="6\.-', page).start() < page.index(links[0]), "under question 6, where to check"
    assert "Het memo zelf staat naast deze samenvatting, in het bestand" in page
    copied = run / links[0]  # a relative link: it works from the run folder, offline
    assert not links[0].startswith(("/", "http")) and copied.read_text(encoding="utf-8") == DOCUMENT_TEXT
    assert str(folder) not in page
