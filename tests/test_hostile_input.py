"""A second corpus of bad input, beside ``test_malformed_input.py``: YAML that attacks or misleads, links of the
wrong kind anywhere in the data folder, soft cases that used to pass, an optional cache that cannot be read.

Each case changes a writable copy of the built-in data (the ``data_copy`` fixture) and runs a command in-process
from the folder above it, so that messages name ``data/<file>``; it gives its exit code and its message, never a
traceback. Legal input that a careful user writes is accepted, as that user expects.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from test_malformed_input import Case, check_case, copy_reference, find_row, set_cell

from vsv_analysis.evidence.programme import load_programme


def _bomb(levels: int = 9) -> str:
    """The classic alias bomb ("billion laughs"): a few hundred bytes that expand to 9**levels strings."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, levels):
        previous, name = chr(ord("a") + level - 1), chr(ord("a") + level)
        lines.append(f"{name}: &{name} [" + ",".join(f"*{previous}" for _ in range(9)) + "]")
    return "\n".join(lines) + "\n"


BOMB = _bomb()


def _programme(text: str):
    def build(folder, _):
        (folder / "programme.yaml").write_text(text, encoding="utf-8")
    return build


def _programme_bytes(content: bytes):
    def build(folder, _):
        (folder / "programme.yaml").write_bytes(content)
    return build


def _programme_is(kind: str):
    def build(folder, _):
        path = folder / "programme.yaml"
        path.unlink()
        if kind == "folder":
            path.mkdir()
        elif kind == "dangling":
            path.symlink_to("programme-2021.yaml")
        elif kind == "loop":
            path.symlink_to("programme.yaml")
    return build


def _reference_is(kind: str):
    def build(folder, _):
        path = folder / "reference"
        if kind == "loop":
            path.symlink_to("reference")
        elif kind == "dangling":
            path.symlink_to("referentie")
        elif kind == "file":
            path.write_text("not a folder\n", encoding="utf-8")
        elif kind == "loop-inside":
            reference = copy_reference(folder)
            (reference / "regions.csv").unlink()
            (reference / "regions.csv").symlink_to("regions.csv")
    return build


def _vocabularies_are(kind: str):
    def build(folder, _):
        path = folder / "vocabularies"
        if kind == "file":
            path.write_text("role,label_nl\n", encoding="utf-8")
        elif kind == "loop":
            path.symlink_to("vocabularies")
        else:
            path.mkdir()
            if kind == "roles-folder":
                (path / "roles.csv").mkdir()
            elif kind == "roles-dangling":
                (path / "roles.csv").symlink_to("rollen.csv")
    return build


def _optional_file_loop(folder, _):
    (folder / "interpretations.csv").unlink()
    (folder / "interpretations.csv").symlink_to("interpretations.csv")


def _data_folder_loop(folder, _):
    shutil.rmtree(folder)
    folder.symlink_to(folder.name)


def _inferred_without_date(folder, _):
    path = folder / "sources.csv"
    row, _ = find_row(path, "source_id", bool)
    set_cell(path, row, "date", "")
    return {"row": row}


def _nul_in_a_row(folder, _):
    path = folder / "involvements.csv"
    row, cells = find_row(path, "note", bool)
    set_cell(path, row, "note", cells["note"][:10] + "\0" + cells["note"][10:])
    return {"row": row, "start": cells["note"][:10]}


def _binary_with_nul(folder, _):
    (folder / "sources.csv").write_bytes(bytes(range(256)) * 4)


def _cache_name_too_long(folder, monkeypatch):
    cache = folder.parent / ("c" * 300)
    monkeypatch.setenv("VSV_ANALYSIS_CACHE", str(cache))
    return {"cache": cache.name}


def _cache_without_permission(folder, monkeypatch):
    if os.geteuid() == 0:
        pytest.skip("root may read any folder; the name-too-long case stands for it")
    cache = folder.parent / "cache"
    (cache / "cbs").mkdir(parents=True)
    cache.chmod(0)
    monkeypatch.setenv("VSV_ANALYSIS_CACHE", str(cache))
    return {"cache": "cache"}


def _parameter_file(text: str):
    def build(folder, _):
        (folder.parent / "p.yaml").write_text(text, encoding="utf-8")
    return build


EXPECT_PROGRAMME = "- data/programme.yaml, "
CASES = [
    # programme.yaml: YAML that attacks, misleads or breaks the one-line rule
    Case("programme-alias-bomb", _programme(BOMB), 1,
         f"{EXPECT_PROGRAMME}line 1, key 'a': found '&a'; expected a value written out: anchors (&name) and aliases "
         f"(*name) are not allowed."),
    Case("programme-alias", _programme("name: &n Buurtkracht\nshort_name: *n\n"), 1,
         f"{EXPECT_PROGRAMME}line 1, key 'name': found '&n'; expected a value written out"),
    Case("programme-python-tag", _programme("name: !!python/object/apply:os.system ['echo hi']\n"), 1,
         f"{EXPECT_PROGRAMME}line 1, key 'name': found '!!python/object/apply:os.system'; expected a value without "
         f"a tag"),
    Case("programme-str-tag", _programme("name: !!str 2021\n"), 1,
         f"{EXPECT_PROGRAMME}line 1, key 'name': found '!!str'; expected a value without a tag"),
    Case("programme-duplicate-key", _programme("name: Een\nshort_name: E\nname: Twee\n"), 1,
         f"{EXPECT_PROGRAMME}line 3, key 'name': found 'Twee'; expected each key once (line 1 has it too; the tool "
         f"never picks one)."),
    Case("programme-multi-line-name", _programme("name: |\n  Versterken\n  Sociale Veerkracht\n"), 1,
         f"{EXPECT_PROGRAMME}line 1, key 'name': found 'Versterken\\nSociale Veerkracht'; expected a single line of "
         f"text."),
    Case("programme-list-value", _programme("name: Buurtkracht\nowner: [Provincie, Gemeente]\n"), 1,
         f"{EXPECT_PROGRAMME}line 2, key 'owner': found \"['Provincie', 'Gemeente']\"; expected a single line of "
         f"text."),
    Case("programme-name-of-5-mb", _programme("name: " + "x" * 5_000_000 + "\n"), 1,
         "- data/programme.yaml: expected a file of at most 1 MiB (this one has 5 MiB)."),
    Case("programme-long-name", _programme("name: " + "x" * 1_001 + "\n"), 1,
         f"{EXPECT_PROGRAMME}line 1, key 'name': found 'xxxx"),
    Case("programme-two-documents", _programme("name: Een\n---\nname: Twee\n"), 1,
         f"{EXPECT_PROGRAMME}line 2: expected one YAML document (this text holds a second one after '---')."),
    Case("programme-not-a-mapping", _programme("- Buurtkracht\n"), 1,
         f"{EXPECT_PROGRAMME}line 1: expected 'key: value' lines, such as 'name: ...'."),
    Case("programme-unknown-key", _programme("name: Buurtkracht\naudiance: raadsleden\n"), 1,
         f"{EXPECT_PROGRAMME}line 2, key 'audiance': expected one of the keys name, short_name, owner, "
         f"commissioned_by, audience. Did you mean 'audience'?"),
    Case("programme-bad-yaml", _programme("name: [Buurtkracht\n"), 1,
         f"{EXPECT_PROGRAMME}line 2: expected YAML of 'key: value' lines"),
    Case("programme-nul-byte", _programme_bytes(b"name: Buurt\x00kracht\n"), 1,
         f"{EXPECT_PROGRAMME}line 1: expected text without NUL bytes"),
    Case("programme-is-a-folder", _programme_is("folder"), 1,
         "- data/programme.yaml: expected a YAML file at this path, but this is a folder."),
    Case("programme-dangling-link", _programme_is("dangling"), 1,
         "- data/programme.yaml: expected a YAML file at this path (it is a symbolic link to programme-2021.yaml, "
         "which does not exist)."),
    Case("programme-link-loop", _programme_is("loop"), 1,
         "- data/programme.yaml: expected a YAML file at this path (it is a loop of symbolic links)."),
    Case("programme-short-name-on", _programme("name: Buurtkracht\nshort_name: ON\n"), 0, "OK: "),
    Case("programme-name-a-number", _programme("name: 2030\n"), 0, "OK: "),
    Case("programme-empty-values", _programme("name: Buurtkracht\nshort_name:\nowner: ~\naudience: ''\n"), 0, "OK: "),
    # links and folders of the wrong kind anywhere in the data folder
    Case("reference-link-loop", _reference_is("loop"), 1,
         "1 problem in the input data:\n- data/reference: expected a folder at this path (it is a loop of symbolic "
         "links)."),
    Case("reference-dangling-link", _reference_is("dangling"), 1,
         "- data/reference: expected a folder with the reference tables (municipalities.csv, population.csv, …) "
         "(it is a symbolic link to referentie, which does not exist)."),
    Case("reference-is-a-file", _reference_is("file"), 1,
         "- data/reference: expected a folder with the reference tables (municipalities.csv, population.csv, …), "
         "but this is a file."),
    Case("reference-file-link-loop", _reference_is("loop-inside"), 1,
         "- data/reference/regions.csv: expected a CSV file at this path (it is a loop of symbolic links)."),
    Case("vocabularies-is-a-file", _vocabularies_are("file"), 1,
         "- data/vocabularies: expected a folder with the vocabulary files roles.csv, party_kinds.csv, "
         "initiative_kinds.csv, but this is a file."),
    Case("vocabularies-link-loop", _vocabularies_are("loop"), 1,
         "- data/vocabularies: expected a folder at this path (it is a loop of symbolic links)."),
    Case("roles-is-a-folder", _vocabularies_are("roles-folder"), 1,
         "- data/vocabularies/roles.csv: expected a CSV file at this path, but this is a folder."),
    Case("roles-dangling-link", _vocabularies_are("roles-dangling"), 1,
         "- data/vocabularies/roles.csv: expected a CSV file at this path (it is a symbolic link to rollen.csv, "
         "which does not exist)."),
    Case("empty-vocabularies-folder", _vocabularies_are("empty"), 0, "OK: "),
    Case("optional-file-link-loop", _optional_file_loop, 1,
         "- data/interpretations.csv: expected a CSV file at this path (it is a loop of symbolic links)."),
    Case("data-folder-link-loop", _data_folder_loop, 2,
         "- data: expected a folder with initiatives.csv, involvements.csv and sources.csv (Too many levels of "
         "symbolic links)."),
    # soft cases that passed before
    Case("inferred-date-without-a-date", _inferred_without_date, 1,
         "- data/sources.csv, row {row}, column 'date': found ''; expected the inferred date, since "
         "date_is_inferred says the date is inferred (or date_is_inferred left empty for an undated source)."),
    Case("nul-byte-in-a-row", _nul_in_a_row, 1,
         "- data/involvements.csv, row {row}, column 'note': found '{start}\\x00"),
    Case("binary-file-with-nul-bytes", _binary_with_nul, 1,
         "- data/sources.csv: expected a CSV text file, but this is a binary file (it holds NUL bytes, which text "
         "never does); save the table as CSV UTF-8 text."),
    # an optional cache that cannot be read: one warning, never an error
    Case("cache-name-too-long", _cache_name_too_long, 0,
         ("OK: ", "warning: the cache ", "{cache}/cbs/population_2026-01-01.csv cannot be read (File name too long); "
                                         "it is skipped, so the built-in population figures and tile maps are used")),
    Case("cache-without-permission", _cache_without_permission, 0,
         ("OK: ", "warning: the cache {cache}/cbs/population_2026-01-01.csv cannot be read (Permission denied)")),
    # parameter files and -p values: as strict as programme.yaml
    Case("parameter-file-alias-bomb", _parameter_file(BOMB), 2,
         "vsv-analysis: p.yaml, line 1, key 'a': found '&a'; expected a value written out: anchors (&name) and "
         "aliases (*name) are not allowed.", command=["render", "-f", "p.yaml", "--output-dir", "out"]),
    Case("parameter-file-duplicate", _parameter_file("year: 2021\nyear: 2022\n"), 2,
         "vsv-analysis: p.yaml, line 2, key 'year': found '2022'; expected each key once (line 1 has it too",
         command=["render", "-f", "p.yaml", "--output-dir", "out"]),
    Case("parameter-file-yes-is-not-true", _parameter_file("year: 2022\nexpand_regions: yes\n"), 2,
         "vsv-analysis: p.yaml, line 2: parameter 'expand_regions' must be true or false, not 'yes'",
         command=["render", "-f", "p.yaml", "--output-dir", "out"]),
    Case("parameter-file-python-tag", _parameter_file("roles: !!python/name:os.system\n"), 2,
         "vsv-analysis: p.yaml, line 1, key 'roles': found '!!python/name:os.system'; expected a value without a "
         "tag", command=["render", "-f", "p.yaml", "--output-dir", "out"]),
    Case("parameter-value-alias", lambda folder, _: None, 2,
         "vsv-analysis: parameter 'roles', line 1: found '&r'; expected a value written out",
         command=["render", "-p", "roles", "&r [partner]", "--output-dir", "out"]),
    Case("parameter-value-bomb", lambda folder, _: None, 2,
         "vsv-analysis: parameter 'role_weights', line 1, key 'a': found '&a'; expected a value written out",
         command=["render", "-p", "role_weights", "{" + BOMB.replace("\n", ", ").rstrip(", ") + "}", "--output-dir",
                  "out"]),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_input(case: Case, data_copy: Path, monkeypatch, capsys):
    _, err, values = check_case(case, data_copy, monkeypatch, capsys)
    if case.exit_code == 0:
        assert err.count("warning: the cache") == (1 if "cache" in values else 0), err
    assert not (data_copy.parent / "out").exists()  # a render refused writes nothing


def test_every_case_named_once():
    assert len({case.id for case in CASES}) == len(CASES) >= 40


def test_text_as_written_and_a_whole_sentence_without_an_audience(data_copy):
    (data_copy / "programme.yaml").write_text("name: Buurtkracht\nshort_name: ON\nowner: 2030\n", encoding="utf-8")
    programme = load_programme(data_copy)
    assert (programme.short_name, programme.owner, programme.audience) == ("ON", "2030", "")
    from vsv_analysis.report.context import build_report
    from vsv_analysis.report.opening import lead

    text = str(lead(build_report(2026, data_dir=str(data_copy))))
    assert text.startswith('<p class="vsv-lead">Deze samenvatting beantwoordt zes vragen over de betrokkenheid van '
                           'gemeenten bij Buurtkracht (ON). Elk antwoord is berekend uit de gegevens.')
    assert "is voor ." not in text and "is voor" not in text.split(".")[0]  # no audience: no sentence about one
    assert "geschreven." not in text
