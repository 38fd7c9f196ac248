"""A corpus of malformed and odd data folders: each gives its exit code and one clear message, never a traceback.

Every case starts from a writable copy of the built-in evidence (the ``data_copy``
fixture), changes it the way a user or a spreadsheet might, and runs
``vsv-analysis validate --data-dir data`` in-process from the folder above it, so
messages name ``data/<file>``. Cells are changed through the csv module and
found by their column name, so the cases follow changes to the columns of the
files; rows in messages are computed, not written down.

Legal odd input (what Excel writes, or a careful user might) must be accepted,
and where it changes nothing but the form, give the same summary as the
built-in data.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import INITIATIVES_HEADER, INVOLVEMENTS_HEADER, untimed

from vsv_analysis.cli import main
from vsv_analysis.common.locations import default_data_dir
from vsv_analysis.evidence.dataset import load_dataset
from vsv_analysis.files.csvfiles import MAX_CELL_CHARS

DATE_COLUMN = next(name for name in INVOLVEMENTS_HEADER.split(",") if name.endswith("_date"))
EVIDENCE = ("initiatives.csv", "involvements.csv", "sources.csv")


# -- building data folders ------------------------------------------------------------------


def read_rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: list[list[str]], **dialect) -> None:
    with open(path, "w", encoding=dialect.pop("encoding", "utf-8"), newline="") as handle:
        csv.writer(handle, lineterminator=dialect.pop("lineterminator", "\n"), **dialect).writerows(rows)


def find_row(path: Path, column: str, test: Callable[[str], bool]) -> tuple[int, dict[str, str]]:
    """The spreadsheet row (header = 1) and the cells of the first record whose ``column`` passes ``test``."""
    header, *body = read_rows(path)
    for number, record in enumerate(body, start=2):
        cells = dict(zip(header, record))
        if test(cells.get(column, "")):
            return number, cells
    raise AssertionError(f"test setup: no row of {path.name} fits")


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    header, *body = read_rows(path)
    body[row - 2][header.index(column)] = value
    write_rows(path, [header, *body])


def first_municipality(folder: Path) -> int:
    return find_row(folder / "involvements.csv", "party_kind", lambda kind: kind == "municipality")[0]


def line(header: str, **values: str) -> str:
    """One CSV line in the column order of ``header``; a ``source_id`` column defaults to the test source."""
    return ",".join(values.get(name, "doc" if name == "source_id" else "") for name in header.split(","))


def write_mini(folder: Path, involvements: list[str], initiatives: list[str] | None = None) -> None:
    """Replace the evidence with one initiative 'a' (or the given ones) and the given involvement lines."""
    initiatives = initiatives if initiatives is not None else [
        line(INITIATIVES_HEADER, initiative_id="a", initiative_name="Alpha", kind="pilot", description="First")]
    (folder / "initiatives.csv").write_text("\n".join([INITIATIVES_HEADER, *initiatives]) + "\n", encoding="utf-8")
    (folder / "involvements.csv").write_text("\n".join([INVOLVEMENTS_HEADER, *involvements]) + "\n",
                                             encoding="utf-8")
    (folder / "sources.csv").write_text("source_id,title\ndoc,A test document\n", encoding="utf-8")
    (folder / "interpretations.csv").unlink(missing_ok=True)  # its reading choices concern the mentions replaced


def mention(mention_id: str, name: str, **values: str) -> str:
    values = {"party_kind": "municipality", "role": "partner", **values}
    return line(INVOLVEMENTS_HEADER, mention_id=mention_id, initiative_id="a", name_as_written=name, **values)


def copy_reference(folder: Path) -> Path:
    target = folder / "reference"
    shutil.copytree(default_data_dir() / "reference", target)
    return target


def rewrite(path: Path, change: Callable[[str], str]) -> None:
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


@dataclass
class Case:
    id: str
    build: Callable  # build(folder, monkeypatch) -> dict of values for the message, or None
    exit_code: int
    message: str | tuple[str, ...]  # must appear in the output; {name} is filled in from what build returned
    same_summary: bool = False  # legal input: the summary must equal that of the built-in data
    args: list[str] = field(default_factory=list)
    command: list[str] | None = None  # another command than validate (its arguments in full)


# -- the cases ------------------------------------------------------------------------------


def _missing_folder(folder, _):
    shutil.rmtree(folder)


def _folder_is_file(folder, _):
    shutil.rmtree(folder)
    folder.write_text("not a folder", encoding="utf-8")


def _folder_name_too_long(folder, _):
    return {"data_dir": "x" * 300}


def _folder_typo(folder, _):
    return {"data_dir": "dta"}


def _delete(name):
    def build(folder, _):
        (folder / name).unlink()
    return build


def _file_is_folder(folder, _):
    (folder / "sources.csv").unlink()
    (folder / "sources.csv").mkdir()


def _unreadable(folder, monkeypatch):
    read_bytes = Path.read_bytes

    def refuse(self):
        if self.name == "sources.csv" and self.parent.name == "data":
            raise PermissionError(13, "Permission denied", str(self))
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)


def _link_out(target_of):
    def build(folder, _):
        target = target_of(folder)
        (folder / "initiatives.csv").unlink()
        (folder / "initiatives.csv").symlink_to(target)
        return {"target": str(target)}
    return build


def _outside_copy(folder):
    outside = folder.parent / "outside.csv"
    shutil.copy(folder / "initiatives.csv", outside)  # valid content, still refused: it is not in the folder
    return outside


def _reference_file_link_out(folder, _):
    reference = copy_reference(folder)
    outside = folder.parent / "regions.csv"
    shutil.move(reference / "regions.csv", outside)
    (reference / "regions.csv").symlink_to(outside)


def _reference_folder_link_out(folder, _):
    (folder / "reference").symlink_to(default_data_dir() / "reference")
    return {"reference": default_data_dir() / "reference"}


def _link_inside(folder, _):
    (folder / "sources.csv").rename(folder / "sources-2021.csv")
    (folder / "sources.csv").symlink_to("sources-2021.csv")


def _folder_is_link(folder, _):
    real = folder.parent / "real-data"
    folder.rename(real)
    folder.symlink_to(real)


def _broken_link(folder, _):
    (folder / "sources.csv").unlink()
    (folder / "sources.csv").symlink_to("nowhere.csv")


def _link_loop(folder, _):
    (folder / "sources.csv").unlink()
    (folder / "sources.csv").symlink_to("sources.csv")


def _fifo(folder, _):
    (folder / "sources.csv").unlink()
    os.mkfifo(folder / "sources.csv")


def _write_bytes(name, content: Callable[[Path], bytes]):
    def build(folder, _):
        path = folder / name
        path.write_bytes(content(path))
    return build


def _zip(*names: str) -> Callable[[Path], bytes]:
    def content(_path):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name in names:
                archive.writestr(name, "<x/>")
        return buffer.getvalue()
    return content


def _cp1252(folder, _):
    path = folder / "initiatives.csv"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("cp1252"))
    first = next(i for i, text_line in enumerate(text.split("\n"), start=1) if not text_line.isascii())
    byte = next(ch for ch in text.split("\n")[first - 1] if not ch.isascii()).encode("cp1252").hex()
    return {"row": first, "byte": byte}


def _rename_column(old, new):
    def build(folder, _):
        path = folder / "involvements.csv"
        header, *body = read_rows(path)
        header[header.index(old)] = new
        write_rows(path, [header, *body])
    return build


def _pipe_delimiter(folder, _):
    path = folder / "sources.csv"
    write_rows(path, read_rows(path), delimiter="|")


def _add_column(path, name: str, value: str) -> list[str]:
    """Add a column ``name`` after the last one of ``path``, with ``value`` in every record; the header before."""
    header, *body = read_rows(path)
    write_rows(path, [header + [name], *[record + [value] for record in body]])
    return header


def _duplicate_column(folder, _):
    _add_column(folder / "sources.csv", "title", "x")


def _unnamed_column_with_values(folder, _):
    header = _add_column(folder / "sources.csv", "", "oops")
    return {"letter": chr(ord("A") + len(header))}


def _extra_value(folder, _):
    path = folder / "involvements.csv"
    row = first_municipality(folder)
    header, *body = read_rows(path)
    body[row - 2].append("extra")
    write_rows(path, [header, *body])
    return {"row": row, "width": len(header)}


def _unclosed_quote_mid(folder, _):
    write_mini(folder, [])
    lines = [mention("m1", "Breda"), mention("m2", "Tilburg"), mention("m3", "Oss", note='"a note, quoted"')]
    opening = lines[0].index("Breda")
    lines[0] = lines[0][:opening] + '"' + lines[0][opening:]
    (folder / "involvements.csv").write_text("\n".join([INVOLVEMENTS_HEADER, *lines]) + "\n", encoding="utf-8")


def _unclosed_quote_at_end(folder, _):
    path = folder / "involvements.csv"
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    name_column = INVOLVEMENTS_HEADER.split(",").index("name_as_written")
    cut = [m.start() for m in re.finditer(",", lines[-1])][name_column - 1] + 1  # the ids before it hold no comma
    lines[-1] = lines[-1][:cut] + '"' + lines[-1][cut:]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"row": len(lines), "line": len(lines)}


def _unclosed_description_at_end(folder, _):
    path = folder / "initiatives.csv"
    text = path.read_text(encoding="utf-8").rstrip("\n")
    assert text.endswith('"'), "test setup: the last description is quoted"
    path.write_text(text[:-1] + "\n", encoding="utf-8")
    header, *body = read_rows(folder / "initiatives.csv")
    return {"row": len(body) + 1}


def _set(name, column, value, where: Callable[[Path], int] | None = None):
    def build(folder, _):
        path = folder / name
        row = where(folder) if where else 2
        set_cell(path, row, column, value)
        return {"row": row}
    return build


def _set_date(value):
    return _set("involvements.csv", DATE_COLUMN, value, first_municipality)


def _duplicate_key(name, column):
    def build(folder, _):
        path = folder / name
        header, *body = read_rows(path)
        body[1][header.index(column)] = body[0][header.index(column)]
        write_rows(path, [header, *body])
        return {"value": body[0][header.index(column)]}
    return build


def _initiative_id_is_cbs_code(folder, _):
    path = folder / "initiatives.csv"
    header, *body = read_rows(path)
    extra = list(body[-1])
    extra[header.index("initiative_id")] = "GM0796"
    write_rows(path, [header, *body, extra])
    return {"row": len(body) + 2}


def _count_without_role(folder, _):
    path = folder / "initiatives.csv"
    row, cells = find_row(path, "reported_municipalities", bool)
    set_cell(path, row, "reported_municipalities_role", "")
    return {"row": row}


def _role_without_count(folder, _):
    path = folder / "initiatives.csv"
    row, _cells = find_row(path, "reported_municipalities", lambda value: not value)
    set_cell(path, row, "reported_municipalities_role", "member")
    return {"row": row}


def _empty_region(folder, _):
    reference = copy_reference(folder)
    regions = reference / "regions.csv"
    header, *body = read_rows(regions)
    empty = dict(zip(header, body[0]), region_id="lege-regio", name="Lege Regio", short_name="Leeg")
    write_rows(regions, [header, *body, [empty[name] for name in header]])
    path = folder / "involvements.csv"
    row = first_municipality(folder)
    for column, value in (("name_as_written", "Lege Regio"), ("party_kind", "region"), ("expand_to_members", "yes")):
        set_cell(path, row, column, value)
    return {"row": row}


def _reference_cell(name, column, value):
    def build(folder, _):
        copy_reference(folder)
        set_cell(folder / "reference" / name, 2, column, value)
    return build


def _cell_of(size):
    def build(folder, _):
        row = first_municipality(folder)
        set_cell(folder / "involvements.csv", row, "note", "x" * size)
        return {"row": row}
    return build


def _header_only(folder, _):
    (folder / "involvements.csv").write_text(INVOLVEMENTS_HEADER + "\n", encoding="utf-8")
    (folder / "interpretations.csv").unlink()  # its reading choices concern the mentions removed


def _excel(encoding="utf-8-sig", delimiter=";", lineterminator="\r\n", trailing=0, dutch_dates=False):
    def build(folder, _):
        for name in EVIDENCE:
            path = folder / name
            rows = [row + [""] * trailing for row in read_rows(path)]
            if dutch_dates:
                rows = [[_dutch_date(cell) for cell in row] for row in rows]
            write_rows(path, rows, encoding=encoding, delimiter=delimiter, lineterminator=lineterminator)
    return build


def _dutch_date(cell: str, pad: bool = False) -> str:
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", cell)
    if not match:
        return cell
    year, month, day = match.groups()
    return f"{day}-{month}-{year}" if pad else f"{int(day)}-{int(month)}-{year}"


def _dutch_dates(pad):
    def build(folder, _):
        path = folder / "involvements.csv"
        header, *body = read_rows(path)
        column = header.index(DATE_COLUMN)
        assert any(re.fullmatch(r"\d{4}-\d{2}-\d{2}", record[column]) for record in body), "test setup: no date"
        write_rows(path, [header, *[[_dutch_date(c, pad) if i == column else c for i, c in enumerate(record)]
                                    for record in body]])
    return build


def _reference_dutch_dates(folder, _):
    reference = copy_reference(folder)
    for name in ("municipalities.csv", "mergers.csv"):
        path = reference / name
        write_rows(path, [[_dutch_date(cell) for cell in row] for row in read_rows(path)])


def _text_edit(name, change):
    def build(folder, _):
        rewrite(folder / name, change)
    return build


def _quote_all(folder, _):
    for name in EVIDENCE:
        write_rows(folder / name, read_rows(folder / name), quoting=csv.QUOTE_ALL)


def _padded_cells(folder, _):
    for name in EVIDENCE:
        rows = read_rows(folder / name)
        write_rows(folder / name, [[f"  {cell} " if cell else cell for cell in row] for row in rows])


def _quoted_comma_in_name(folder, _):
    set_cell(folder / "initiatives.csv", 2, "initiative_name", "Pilot Vitaal Buitengebied, Zundert")


def _multiline_note(folder, _):
    set_cell(folder / "involvements.csv", 2, "note", "First line of a note,\nand a second line, with commas")


def _extra_column(folder, _):
    _add_column(folder / "involvements.csv", "comment", "checked")


def _optional_columns_left_out(folder, _):
    path = folder / "involvements.csv"
    header, *body = read_rows(path)
    keep = [i for i, name in enumerate(header) if name != "note"]
    write_rows(path, [[record[i] for i in keep] for record in [header, *body]])


def _dutch_booleans(folder, _):
    path = folder / "involvements.csv"
    header, *body = read_rows(path)
    column = header.index("expand_to_members")
    words = {"yes": "WAAR", "no": "nee"}
    write_rows(path, [header, *[[words.get(c, c) if i == column else c for i, c in enumerate(record)]
                                for record in body]])


def _all_files_from_make_data(folder, _):
    write_mini(folder, [mention("m1", "Breda"), mention("m2", "Gemeente Tilburg", role="observer")])


CASES = [
    # the data folder itself: wrong use, exit 2, one message
    Case("missing-folder", _missing_folder, 2,
         "- data: expected a folder with initiatives.csv, involvements.csv and sources.csv (it does not exist)."),
    Case("folder-typo", _folder_typo, 2, "- dta: expected a folder with initiatives.csv, involvements.csv and "
                                         "sources.csv (it does not exist). Did you mean 'data'?"),
    Case("folder-is-a-file", _folder_is_file, 2, "- data: expected a folder with initiatives.csv, involvements.csv "
                                                 "and sources.csv (this is a file, not a folder)."),
    Case("folder-name-too-long", _folder_name_too_long, 2, "- {data_dir}: expected a folder with initiatives.csv"),
    # one file as a whole
    Case("missing-initiatives", _delete("initiatives.csv"), 1,
         "- data/initiatives.csv: expected a CSV file at this path (it does not exist)."),
    Case("missing-sources", _delete("sources.csv"), 1,
         "- data/sources.csv: expected a CSV file at this path (it does not exist)."),
    Case("file-is-a-folder", _file_is_folder, 1,
         "- data/sources.csv: expected a CSV file at this path, but this is a folder."),
    Case("unreadable-file", _unreadable, 1,
         "- data/sources.csv: expected a file this user may read (permission denied)"),
    Case("link-to-etc-passwd", _link_out(lambda folder: Path("/etc/passwd")), 1,
         "- data/initiatives.csv: expected a CSV file inside the data folder, but this is a symbolic link that "
         "leads out of it, to /etc/passwd"),
    Case("link-out-to-valid-copy", _link_out(_outside_copy), 1,
         "- data/initiatives.csv: expected a CSV file inside the data folder, but this is a symbolic link that "
         "leads out of it, to {target}"),
    Case("reference-file-links-out", _reference_file_link_out, 1,
         "- data/reference/regions.csv: expected a CSV file inside the data folder, but this is a symbolic link"),
    Case("reference-folder-links-out", _reference_folder_link_out, 1,
         "1 problem in the input data:\n- data/reference: expected a folder inside the data folder, but this is a "
         "symbolic link that leads out of it, to {reference}; copy the folder into the data folder instead."),
    Case("broken-link", _broken_link, 1,
         "- data/sources.csv: expected a CSV file at this path (it is a symbolic link to nowhere.csv, which does "
         "not exist)."),
    Case("link-loop", _link_loop, 1, "- data/sources.csv: expected a CSV file at this path (it is a loop of "
                                     "symbolic links)."),
    Case("named-pipe", _fifo, 1, "- data/sources.csv: expected a CSV file at this path, but this is a special file"),
    Case("empty-file", _write_bytes("sources.csv", lambda p: b""), 1,
         "- data/sources.csv: expected a header row with the columns source_id, title (the file is empty)."),
    Case("blank-file", _write_bytes("sources.csv", lambda p: b" \r\n\n\t\n"), 1,
         "- data/sources.csv: expected a header row with the columns source_id, title (the file is empty)."),
    Case("only-delimiters", _write_bytes("sources.csv", lambda p: b",,,\n , ,\n,\n"), 1,
         "(the file holds only empty cells)."),
    Case("xlsx-saved-as-csv", _write_bytes("initiatives.csv", _zip("[Content_Types].xml", "xl/workbook.xml")), 1,
         "- data/initiatives.csv: expected a CSV text file, but this is an Excel workbook (XLSX) with a .csv name; "
         "open it in Excel and use Save As > 'CSV UTF-8 (comma delimited)'."),
    Case("ods-saved-as-csv", _write_bytes("initiatives.csv", _zip("mimetype", "content.xml")), 1,
         "but this is an OpenDocument spreadsheet (ODS) with a .csv name"),
    Case("zip-saved-as-csv", _write_bytes("sources.csv", _zip("notes.txt")), 1,
         "- data/sources.csv: expected a CSV text file, but this is a ZIP archive with a .csv name"),
    Case("xls-saved-as-csv", _write_bytes("sources.csv", lambda p: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500),
         1, "but this is an Excel 97-2003 workbook (XLS) with a .csv name"),
    Case("pdf-saved-as-csv", _write_bytes("sources.csv", lambda p: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), 1,
         "but this is a PDF document with a .csv name"),
    Case("gzip-saved-as-csv", _write_bytes("sources.csv", lambda p: gzip.compress(p.read_bytes())), 1,
         "but this is a gzip-compressed file with a .csv name"),
    Case("nul-bytes", _write_bytes("sources.csv", lambda p: p.read_bytes().replace(b",", b"\0", 3)), 1,
         "- data/sources.csv, row 1: found 'source_id\\x00title\\x00referred_to_as\\x00author'; expected text "
         "without NUL bytes (a NUL byte, \\x00, is no character of a text: delete it)."),
    Case("utf16-with-bom", _write_bytes("sources.csv", lambda p: p.read_text(encoding="utf-8").encode("utf-16")), 1,
         "- data/sources.csv: expected UTF-8 text, but the file is UTF-16 ('Unicode text')"),
    Case("utf16-without-bom", _write_bytes("sources.csv",
                                           lambda p: p.read_text(encoding="utf-8").encode("utf-16-le")), 1,
         "- data/sources.csv: expected UTF-8 text, but the file is UTF-16 without a byte-order mark"),
    Case("windows-1252", _cp1252, 1, "- data/initiatives.csv, row {row}: found 'byte 0x{byte}'; expected UTF-8 text"),
    # the header
    Case("misspelt-column", _rename_column("role", "rol"), 1,
         "- data/involvements.csv, row 1, column 'role': expected a column named 'role' in the header row. "
         "Did you mean 'rol'?"),
    Case("column-in-capitals", _rename_column("role", "Role"), 1, "column 'role': expected a column named 'role' "
                                                                  "in the header row. Did you mean 'Role'?"),
    Case("pipe-delimiter", _pipe_delimiter, 1, "- data/sources.csv, row 1, column 'source_id': expected a column "
                                               "named 'source_id' in the header row (the header is one field: is "
                                               "the delimiter ',' or ';'?)"),
    Case("duplicate-column", _duplicate_column, 1,
         "- data/sources.csv, row 1, column 'title': expected each column name once in the header row."),
    Case("unnamed-column-with-values", _unnamed_column_with_values, 1,
         "- data/sources.csv, row 2, column '{letter} (no name)': found 'oops'; expected no value in a column "
         "without a name"),
    # rows and cells
    Case("value-too-many", _extra_value, 1,
         "- data/involvements.csv, row {row}: found "),
    Case("unclosed-quote-mid-file", _unclosed_quote_mid, 1, (
         "- data/involvements.csv, row 2, column 'name_as_written': found 'Breda,municipality,partner",
         "expected a closing double quote: the quote that opens this cell on line 2 of the file is never closed, "
         "so the cell swallows everything up to line 4, where a later quote closes it.")),
    Case("unclosed-quote-at-end", _unclosed_quote_at_end, 1, (
         "- data/involvements.csv, row {row}, column 'name_as_written': found",
         "the quote that opens this cell on line {line} of the file is never closed, so the cell swallows "
         "everything up to the end of the file.")),
    Case("unclosed-description", _unclosed_description_at_end, 1,
         "- data/initiatives.csv, row {row}, column 'description': found"),
    Case("cell-just-over-1-mib", _cell_of(MAX_CELL_CHARS + 1), 1,
         "- data/involvements.csv, row {row}, column 'note': found 'xxxxxxxx"),
    Case("cell-of-2-million-characters", _cell_of(2_000_000), 1, (
         "- data/involvements.csv, row {row}, column 'note': found 'xxxxxxxx",
         "(2,000,000 characters); expected a cell of at most 1,048,576 characters (1 MiB); this one has 2,000,000.")),
    Case("empty-required-cell", _set("involvements.csv", "name_as_written", "", first_municipality), 1,
         "- data/involvements.csv, row {row}, column 'name_as_written': found ''; expected a value (the cell is "
         "empty)."),
    Case("unknown-role", _set("involvements.csv", "role", "partnr", first_municipality), 1, (
         "- data/involvements.csv, row {row}, column 'role': found 'partnr'; expected one of: ",
         "Did you mean 'partner'?")),
    Case("unknown-party-kind", _set("involvements.csv", "party_kind", "onderneming"), 1,
         "- data/involvements.csv, row {row}, column 'party_kind': found 'onderneming'; expected one of: "
         "municipality (gemeente), region (regio of groep gemeenten), "),
    Case("unknown-initiative-kind", _set("initiatives.csv", "kind", "pilots"), 1,
         "- data/initiatives.csv, row {row}, column 'kind': found 'pilots'; expected one of: "),
    Case("id-with-a-space", _set("involvements.csv", "mention_id", "M 1"), 1,
         "- data/involvements.csv, row {row}, column 'mention_id': found 'M 1'; expected an id of letters, digits"),
    Case("duplicate-mention-id", _duplicate_key("involvements.csv", "mention_id"), 1,
         "- data/involvements.csv, row 3, column 'mention_id': found '{value}'; expected a value not used before "
         "in this column (row 2 has it too)."),
    Case("duplicate-initiative-id", _duplicate_key("initiatives.csv", "initiative_id"), 1,
         "- data/initiatives.csv, row 3, column 'initiative_id': found '{value}'; expected a value not used before"),
    Case("initiative-id-is-a-cbs-code", _initiative_id_is_cbs_code, 1,
         "- data/initiatives.csv, row {row}, column 'initiative_id': found 'GM0796'; expected an id that is not a "
         "CBS municipality code."),
    Case("unknown-initiative", _set("involvements.csv", "initiative_id", "no_such_initiative"), 1,
         "- data/involvements.csv, row {row}, column 'initiative_id': found 'no_such_initiative'; expected an "
         "initiative_id listed in initiatives.csv"),
    Case("unknown-source", _set("initiatives.csv", "source_id", "no-such-source"), 1,
         "- data/initiatives.csv, row {row}, column 'source_id': found 'no-such-source'; expected a source_id "
         "listed in sources.csv"),
    Case("count-in-words", _set("initiatives.csv", "reported_municipalities", "zevenenvijftig"), 1,
         "- data/initiatives.csv, row {row}, column 'reported_municipalities': found 'zevenenvijftig'; expected a "
         "whole number of 0 or more."),
    Case("negative-count", _set("initiatives.csv", "reported_municipalities", "-3"), 1,
         "column 'reported_municipalities': found '-3'; expected a whole number of 0 or more."),
    Case("count-without-role", _count_without_role, 1,
         "- data/initiatives.csv, row {row}, column 'reported_municipalities_role': found ''; expected a role "
         "exactly when reported_municipalities holds a count."),
    Case("role-without-count", _role_without_count, 1,
         "- data/initiatives.csv, row {row}, column 'reported_municipalities_role': found 'member'; expected a "
         "role exactly when reported_municipalities holds a count."),
    Case("unknown-municipality", _set("involvements.csv", "name_as_written", "Tilburgg", first_municipality), 1, (
         "- data/involvements.csv, row {row}, column 'name_as_written': found 'Tilburgg'; expected a municipality "
         "name known to the reference", "Did you mean 'Tilburg'")),
    Case("expand-flag-on-a-municipality", _set("involvements.csv", "expand_to_members", "yes", first_municipality),
         1, "- data/involvements.csv, row {row}, column 'expand_to_members': found 'yes'; expected an empty cell: "
            "expand_to_members applies to region parties only."),
    Case("expand-flag-not-yes-or-no", _set("involvements.csv", "expand_to_members", "misschien",
                                           first_municipality), 1,
         "- data/involvements.csv, row {row}, column 'expand_to_members': found 'misschien'; expected yes or no."),
    Case("region-to-expand-has-no-members", _empty_region, 1,
         "- data/involvements.csv, row {row}, column 'expand_to_members': found 'yes'; expected 'no' or an empty "
         "cell: region 'Leeg' has no member municipalities in "),
    Case("impossible-iso-date", _set_date("2019-02-30"), 1,
         f"- data/involvements.csv, row {{row}}, column '{DATE_COLUMN}': found '2019-02-30'; expected an existing "
         f"calendar date, written as YYYY-MM-DD or D-M-YYYY."),
    Case("impossible-dutch-date", _set_date("30-2-2019"), 1,
         f"- data/involvements.csv, row {{row}}, column '{DATE_COLUMN}': found '30-2-2019'; expected an existing "
         f"calendar date"),
    Case("month-13", _set_date("1-13-2019"), 1, f"column '{DATE_COLUMN}': found '1-13-2019'; expected an existing "
                                                f"calendar date"),
    Case("date-with-slashes", _set_date("1/1/2019"), 1,
         f"column '{DATE_COLUMN}': found '1/1/2019'; expected a year (2021) or a date written as YYYY-MM-DD "
         f"(2022-01-01) or D-M-YYYY (1-1-2022)."),
    Case("two-digit-year", _set_date("1-1-19"), 1, f"column '{DATE_COLUMN}': found '1-1-19'; expected a year"),
    Case("reference-population-in-words", _reference_cell("population.csv", "population", "veel"), 1,
         "- data/reference/population.csv, row 2, column 'population': found 'veel'; expected a whole number"),
    Case("reference-impossible-date", _reference_cell("mergers.csv", "effective_date", "31-4-2017"), 1,
         "- data/reference/mergers.csv, row 2, column 'effective_date': found '31-4-2017'; expected an existing "
         "calendar date"),
    Case("uncovered-year", lambda folder, _: None, 2, "choose a year from", args=["--year", "2019"]),
    # legal odd input: accepted
    Case("excel-bom-semicolon-crlf", _excel(), 0, "OK: ", same_summary=True),
    Case("tab-delimited", _excel(encoding="utf-8", delimiter="\t", lineterminator="\n"), 0, "OK: ",
         same_summary=True),
    Case("old-mac-line-ends", _excel(encoding="utf-8", delimiter=",", lineterminator="\r"), 0, "OK: ",
         same_summary=True),
    Case("excel-trailing-empty-columns", _excel(encoding="utf-8", delimiter=",", lineterminator="\n", trailing=3),
         0, "OK: ", same_summary=True),
    Case("dutch-excel-round-trip", _excel(trailing=2, dutch_dates=True), 0, "OK: ", same_summary=True),
    Case("dutch-dates", _dutch_dates(pad=False), 0, "OK: ", same_summary=True),
    Case("dutch-dates-padded", _dutch_dates(pad=True), 0, "OK: ", same_summary=True),
    Case("reference-dutch-dates", _reference_dutch_dates, 0, "OK: ", same_summary=True),
    Case("trailing-blank-lines", _text_edit("involvements.csv", lambda text: text + "\n\n,,,\n , ,\n"), 0, "OK: ",
         same_summary=True),
    Case("blank-lines-between-rows", _text_edit("involvements.csv", lambda text: text.replace("\n", "\n\n", 5)), 0,
         "OK: ", same_summary=True),
    Case("blank-lines-before-header", _text_edit("sources.csv", lambda text: "\n\n" + text), 0, "OK: ",
         same_summary=True),
    Case("no-newline-at-end", _text_edit("involvements.csv", lambda text: text.rstrip("\n")), 0, "OK: ",
         same_summary=True),
    Case("every-cell-quoted", _quote_all, 0, "OK: ", same_summary=True),
    Case("spaces-around-values", _padded_cells, 0, "OK: ", same_summary=True),
    Case("quoted-comma-in-a-name", _quoted_comma_in_name, 0, "OK: ", same_summary=True),
    Case("multi-line-note", _multiline_note, 0, "OK: ", same_summary=True),
    Case("extra-column", _extra_column, 0, "OK: ", same_summary=True),
    Case("optional-column-left-out", _optional_columns_left_out, 0, "OK: ", same_summary=True),
    Case("dutch-yes-and-no", _dutch_booleans, 0, "OK: ", same_summary=True),
    Case("cell-of-200-kib", _cell_of(200 * 1024), 0, "OK: ", same_summary=True),
    Case("cell-of-exactly-1-mib", _cell_of(MAX_CELL_CHARS), 0, "OK: ", same_summary=True),
    Case("link-inside-the-folder", _link_inside, 0, "OK: ", same_summary=True),
    Case("data-folder-is-a-link", _folder_is_link, 0, "OK: ", same_summary=True),
    Case("small-folder-from-headers", _all_files_from_make_data, 0, "OK: 1 initiatives, 2 mentions"),
    Case("no-mentions-is-a-warning", _header_only, 0, "warning: data/involvements.csv has a header but no rows: "
                                                      "there are no mentions, so the network has no edges"),
]


@pytest.fixture(scope="module")
def built_in_summary() -> str:
    return load_dataset().summary()


def check_case(case: Case, data_copy: Path, monkeypatch, capsys) -> tuple[str, str, dict]:
    """Build the case in ``data_copy``, run its command from the folder above, and check its exit code and message
    (and that there is no traceback); return standard output, standard error and the values the build gave."""
    monkeypatch.chdir(data_copy.parent)
    values = case.build(data_copy, monkeypatch) or {}
    code = main(case.command or ["validate", "--data-dir", values.get("data_dir", "data"), *case.args])
    out, err = capsys.readouterr()
    err = untimed(err)
    assert "Traceback" not in out + err
    for part in (case.message,) if isinstance(case.message, str) else case.message:
        assert part.format(**values) in out + err, out + err
    assert code == case.exit_code, out + err
    return out, err, values


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_malformed_input(case: Case, data_copy: Path, monkeypatch, capsys, built_in_summary):
    out, err, _ = check_case(case, data_copy, monkeypatch, capsys)
    if case.exit_code:
        assert out == ""
        heading, *lines = err.splitlines()
        if heading.endswith("in the input data:"):
            assert all(text.startswith("- ") for text in lines)  # one line per problem, even for a multi-line value
    if case.same_summary:
        assert out == f"OK: {built_in_summary}\n"


def test_corpus_is_large_and_every_case_named_once():
    assert len(CASES) >= 60
    assert len({case.id for case in CASES}) == len(CASES)
