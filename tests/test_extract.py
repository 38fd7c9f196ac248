"""vsv-analysis extract: a memo, letter or report in, a proposal that validates out; bad documents refused."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from intake_documents import FIXTURES, SEED, expected, make_docx, make_pdf

from vsv_analysis.cli import main
from vsv_analysis.common.locations import DATA_DIR
from vsv_analysis.evidence.dataset import load_dataset
from vsv_analysis.intake import extract_document

pytestmark = pytest.mark.skipif(not SEED.is_file(), reason="the seed memo is read from ../shared/seeds/")


def pairs(extraction) -> set[tuple[str, str]]:
    return {(m.section.number, m.resolves_to.split(" (")[0]) for m in extraction.mentions
            if m.finding.party_kind == "municipality"}


def test_the_memo_gives_its_nine_sections_counts_regions_and_roles():
    extraction = extract_document(SEED, year=2021)
    data = load_dataset(DATA_DIR, 2021)
    assert [i.section.number for i in extraction.initiatives] == list(data.initiatives["source_section"])
    headings = [i.section.heading for i in extraction.initiatives]
    assert [h.split(" (")[0] for h in headings] == list(data.initiatives["source_heading"])
    assert {(i.section.number, i.count.value, i.count_role.role) for i in extraction.initiatives if i.count} == {
        ("6", 57, "member"), ("7", 12, "member")}
    regions = {(m.section.number, m.finding.name, m.finding.role.role, m.finding.expand_to_members)
               for m in extraction.mentions if m.finding.party_kind == "region"}
    truth = data.involvements[data.involvements["party_kind"] == "region"].merge(data.initiatives, on="initiative_id")
    assert {(s, n, r) for s, n, r, _ in regions} == set(zip(truth["source_section_x"] if "source_section_x" in truth
                                                            else truth["source_section"], truth["name_as_written"],
                                                            truth["role"]))
    assert ("4", "B5-gemeenten", "participant", "no") in regions  # its members follow in brackets
    # every municipality the memo names, in the section the hand transcription puts it
    municipal = data.involvements[data.involvements["party_kind"] == "municipality"]
    sections = dict(zip(data.initiatives["initiative_id"], data.initiatives["source_section"]))
    truth_pairs = {(sections[i], name) for i, name in zip(municipal["initiative_id"], municipal["municipality_name"])
                   if name}
    assert truth_pairs <= pairs(extraction)
    roles = {(m.section.number, m.finding.name): m.finding.role.role for m in extraction.mentions}
    assert roles[("4", "Boxmeer")] == "observer" and roles[("3", "Landerd")] == "exploring"
    assert roles[("5", "Galderen")] == "applied-in" and roles[("8", "Bergeijk")] == "co-designer"
    assert extraction.date == "" and "no date" in extraction.date_basis  # never guessed


def test_the_command_writes_a_folder_that_validates_and_a_review_workbook(tmp_path, capsys):
    out = tmp_path / "voorstel"
    assert main(["extract", str(SEED), "--output-dir", str(out), "--year", "2021"]) == 0
    assert main(["validate", "--data-dir", str(out), "--year", "2021"]) == 0
    assert "9 initiatives" in capsys.readouterr().out
    book = openpyxl.load_workbook(out / "review" / "review.xlsx")
    assert book.sheetnames[:4] == ["mentions", "initiatives", "left_out", "source"]
    sheet = book["mentions"]
    header = [cell.value for cell in sheet[1]]
    boxmeer = next(row for row in sheet.iter_rows(min_row=2, values_only=True) if row[header.index("name_as_written")]
                   == "Boxmeer")
    # the role in the Dutch label the drop-down offers (the proposal's CSV holds the code, observer)
    assert boxmeer[header.index("role")] == "toehoorder"
    assert boxmeer[header.index("role_from")] == "cue 'als toehoorder'"
    assert "toehoorder" in boxmeer[header.index("sentence")]
    lists = {str(validation.sqref).split(":")[0].rstrip("0123456789") for validation in
             sheet.data_validations.dataValidation}
    assert {chr(ord("A") + header.index(c)) for c in ("party_kind", "role")} <= lists


def test_a_word_letter_of_another_programme(tmp_path):
    document = make_docx(FIXTURES / "kempen_brief.md", tmp_path / "kempen.docx")
    extraction = extract_document(document, year=2022)
    assert extraction.date == "2025-04" and extraction.date_basis.startswith("found in the text")
    assert [i.name for i in extraction.initiatives] == ["Buurtkracht", "Groene schoolpleinen",
                                                        "Regionale samenwerking", "Leren en delen"]
    wanted, counts = expected("kempen_brief")
    found = {(m.section.number, m.finding.suggestion or m.resolves_to.split(" (")[0], m.finding.role.role)
             for m in extraction.mentions if m.finding.party_kind in ("municipality", "region")}
    assert {(w["section"], w["name"], w["role"]) for w in wanted if w["name"] != "Kempengemeenten"} <= found
    names = {m.finding.name for m in extraction.mentions}
    assert not names & {"Oirschot", "Helmond", "Leende"}  # withdrew, only compared, a village
    left = {(found.name, reason.split(" (")[0]) for _, found, reason in extraction.left_out if hasattr(found, "name")}
    assert ("Oirschot", "withdrew") in left and ("Helmond", "only compared with") in left
    assert ("Leende", "a village in Heeze-Leende, not a municipality") in left
    misspelt = next(m for m in extraction.mentions if m.finding.name == "Valkenswaad")
    assert misspelt.finding.suggestion == "Valkenswaard" and not misspelt.finding.is_known  # flagged, not corrected
    assert {(i.section.number, i.count.value) for i in extraction.initiatives if i.count} == {
        (c["section"], int(c["count"])) for c in counts}


def test_a_pdf_with_names_broken_over_lines(tmp_path):
    document = make_pdf(FIXTURES / "wijkaanpak_verslag.txt", tmp_path / "verslag.pdf")
    extraction = extract_document(document, year=2022)
    assert extraction.title == "Jaarverslag Wijkaanpak West-Brabant" and extraction.date == "2024-05-12"
    wanted, _ = expected("wijkaanpak_verslag")
    found = {(m.section.number, m.resolves_to.split(" (")[0], m.finding.role.role) for m in extraction.mentions
             if m.finding.party_kind in ("municipality", "region")}
    assert {(w["section"], w["name"], w["role"]) for w in wanted} == found
    sentences = " ".join(m.finding.sentence for m in extraction.mentions)
    assert "Etten-Leur" in sentences and "Geertruidenberg" in sentences and "www." not in sentences
    assert "jaarverslag 2023" not in sentences.casefold()  # the running header is gone


def test_into_the_evidence_only_new_rows_then_apply(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    memo = tmp_path / "memo.txt"
    memo.write_text(SEED.read_text(encoding="utf-8").replace("Boxmeer als toehoorder", "Boxmeer als toehoorder en "
                                                             "Vught aangesloten"), encoding="utf-8")
    before = {name: (data / name).read_bytes() for name in ("involvements.csv", "initiatives.csv", "sources.csv")}
    out = tmp_path / "voorstel"
    assert main(["extract", str(memo), "--into", str(data), "--output-dir", str(out), "--year", "2021"]) == 0
    assert {name: (data / name).read_bytes() for name in before} == before  # nothing written without --apply
    review = pd.read_excel(out / "review" / "review.xlsx", sheet_name="mentions")
    vught = review[review["name_as_written"] == "Vught"].iloc[0]
    new_ids = list(review.loc[review["status"] == "new", "mention_id"])
    assert vught["status"] == "new" and new_ids == [f"M{number}" for number in range(50, 50 + len(new_ids))]
    statuses = review.set_index("name_as_written")["status"]
    assert statuses["Galderen"] == "already there"
    involvements = (out / "involvements.csv").read_text(encoding="utf-8")
    assert involvements.startswith(before["involvements.csv"].decode("utf-8"))
    added = involvements[len(before["involvements.csv"].decode("utf-8")):].splitlines()
    assert len(added) == int((review["status"] == "new").sum()) and any(",Vught," in line for line in added)
    capsys.readouterr()
    assert main(["changes", str(data), str(out), "--year", "2021"]) == 0
    changes = capsys.readouterr().out
    assert "M50" in changes and "M49" not in changes
    again = tmp_path / "again"
    assert main(["extract", str(memo), "--into", str(data), "--output-dir", str(again), "--year", "2021",
                 "--apply"]) == 0
    assert (data / "involvements.csv").read_text(encoding="utf-8") == involvements
    assert main(["validate", "--data-dir", str(data), "--year", "2021"]) == 0


@pytest.mark.parametrize("case", ["unknown", "empty", "scan", "damaged", "password", "docx-damaged", "missing"])
def test_a_bad_document_gives_one_message_and_writes_nothing(tmp_path, capsys, case):
    if case == "unknown":
        document = tmp_path / "brief.odt"
        document.write_text("x", encoding="utf-8")
    elif case == "empty":
        document = tmp_path / "leeg.txt"
        document.write_text("  \n\n", encoding="utf-8")
    elif case == "scan":
        from fpdf import FPDF

        pdf = FPDF()
        pdf.add_page()
        pdf.rect(20, 20, 100, 100, style="F")  # a page with a picture of text, no text layer
        document = tmp_path / "scan.pdf"
        pdf.output(str(document))
    elif case == "damaged":
        document = tmp_path / "kapot.pdf"
        document.write_bytes(b"%PDF-1.7\n1 0 obj <<\n garbage")
    elif case == "password":
        from fpdf import FPDF

        pdf = FPDF()
        pdf.add_page()
        pdf.set_font("helvetica", size=12)
        pdf.cell(0, 10, "Breda doet mee.")
        pdf.set_encryption(owner_password="eigenaar", user_password="geheim")
        document = tmp_path / "geheim.pdf"
        pdf.output(str(document))
    elif case == "docx-damaged":
        document = tmp_path / "kapot.docx"
        with zipfile.ZipFile(document, "w") as archive:
            archive.writestr("iets.txt", "geen Word")
    else:
        document = tmp_path / "weg.pdf"
    out = tmp_path / "voorstel"
    assert main(["extract", str(document), "--output-dir", str(out)]) == 1
    error = capsys.readouterr().err.strip()
    assert error.count("\n") == 0 and str(document) in error, error
    assert not out.exists() and [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    expected_words = {"unknown": "cannot read this kind of file", "empty": "holds no text", "scan": "no text layer",
                      "damaged": "damaged", "password": "password", "docx-damaged": "damaged", "missing": "no such"}
    assert expected_words[case] in error


def test_never_into_an_existing_folder(tmp_path, capsys):
    out = tmp_path / "vol"
    out.mkdir()
    (out / "iets.csv").write_text("a\n", encoding="utf-8")
    assert main(["extract", str(SEED), "--output-dir", str(out)]) == 2
    assert "not an empty folder" in capsys.readouterr().err
    assert main(["extract", str(SEED), "--output-dir", str(tmp_path / "x"), "--apply"]) == 2
    assert "--apply needs --into" in capsys.readouterr().err


def test_a_data_folders_cue_file_adds_a_phrasing(tmp_path):
    document = tmp_path / "brief.txt"
    document.write_text("Pilot Oss\nOss en Uden zijn de trekkers van de pilot.\n", encoding="utf-8")
    assert [m.finding.role.basis for m in extract_document(document, year=2022).mentions] == ["default", "default"]
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    (data / "vocabularies").mkdir()
    (data / "vocabularies" / "cue_roles.csv").write_text("role,cue,position,priority,note\n"
                                                         "initiator,trekkers,clause,1,\n", encoding="utf-8")
    roles = [(m.finding.role.role, m.finding.role.cue) for m in extract_document(document, into=data,
                                                                                  year=2022).mentions]
    assert roles == [("initiator", "trekkers"), ("initiator", "trekkers")]


REVIEW_NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "review" / "voorstel_beoordelen.ipynb"


def test_the_review_notebook_is_thin_clean_no_report_and_runs(tmp_path):
    import ast

    import nbformat
    from nbclient import NotebookClient

    from vsv_analysis.jupyter.catalogue import report_notebooks

    assert REVIEW_NOTEBOOK not in report_notebooks()  # the render and the index do not list it
    nb = nbformat.read(REVIEW_NOTEBOOK, as_version=4)
    assert "vsv" not in nb.metadata
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
            tree = ast.parse(cell.source)
            assert not [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.Lambda | ast.ClassDef |
                                                                 ast.For | ast.While)]
    nb.cells[1].source = f"document = {str(SEED)!r}\ninto = ''\nyear = 2021"
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    shown = "".join(output.get("data", {}).get("text/html", "") for cell in nb.cells if cell.cell_type == "code"
                    for output in cell.outputs)
    assert "<mark>Boxmeer</mark> als toehoorder" in shown


@pytest.mark.parametrize("renames_before_the_crash", [1, 2])
def test_apply_renames_the_mentions_last_so_a_crash_part_way_leaves_valid_evidence(tmp_path, monkeypatch,
                                                                                   renames_before_the_crash):
    """Every file is written before the first rename; a crash after any rename leaves a folder that validates."""
    import os

    from vsv_analysis.intake import folder

    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    memo = tmp_path / "memo.txt"
    text = SEED.read_text(encoding="utf-8")
    closing = text.index("Met vriendelijke groet")  # a new section before the letter's closing
    memo.write_text(text[:closing] + "Proeftuin Kempen\n\nIn deze proeftuin werkt de gemeente Vught samen met de "
                    "gemeente Heusden.\n\n" + text[closing:], encoding="utf-8")
    renamed, real_replace = [], os.replace

    def crash_part_way(source, target):
        if len(renamed) == renames_before_the_crash:
            raise OSError(28, "No space left on device")
        renamed.append(Path(target).name)
        real_replace(source, target)

    staged = _staged_proposal(memo, data, tmp_path)
    monkeypatch.setattr(folder.os, "replace", crash_part_way)
    with pytest.raises(OSError):
        folder.apply_to(*staged)
    assert renamed == ["sources.csv", "initiatives.csv"][:renames_before_the_crash]
    assert not list(data.glob(".*.apply"))  # no half-written copy is left behind
    evidence = load_dataset(data, 2021)  # valid evidence: the new source (and initiative), no new mentions yet
    assert (len(evidence.sources), len(evidence.initiatives)) == (2, 9 + renames_before_the_crash - 1)
    assert "Vught" not in set(evidence.involvements["municipality_name"])
    monkeypatch.setattr(folder.os, "replace", real_replace)
    assert main(["extract", str(memo), "--into", str(data), "--output-dir", str(tmp_path / "again"), "--year",
                 "2021", "--apply"]) == 0
    assert {"Vught", "Heusden"} <= set(load_dataset(data, 2021).involvements["municipality_name"])


def _staged_proposal(memo: Path, data: Path, tmp_path: Path) -> tuple[Path, Path, list[str]]:
    """A proposal for ``memo`` into ``data``, staged and checked as ``extract --apply`` does, and its changed files."""
    out = tmp_path / "voorstel"
    assert main(["extract", str(memo), "--into", str(data), "--output-dir", str(out), "--year", "2021"]) == 0
    changed = [name for name in ("sources.csv", "initiatives.csv", "involvements.csv", "interpretations.csv")
               if (data / name).is_file() and (out / name).read_bytes() != (data / name).read_bytes()]
    assert changed[-1] == "involvements.csv" and "initiatives.csv" in changed
    return out, data, sorted(changed, reverse=True)
