"""The commands other than ``render``: each takes the parsed arguments and returns the exit code.

Each imports what it needs when it runs, so that one command does not pay for another's libraries. Each
reports through :mod:`.status`: the result (a table, the paths it wrote) on standard output, the rest as
timed status lines on standard error.
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import status

__all__ = ["HANDLERS", "maps_folder"]


def maps_folder(output_dir: Path | None) -> Path:
    """Where ``maps`` writes: a link is followed; ``latest`` is never made a real folder.

    ``latest`` belongs to ``render``, which switches it from one dated folder to
    the next; a real folder of that name would stop it. So the default is the
    folder ``reports/latest`` points at when it exists, else ``reports/maps``.
    """
    if output_dir is None:
        latest = Path("reports") / "latest"
        return latest.resolve() if latest.is_symlink() and latest.is_dir() else Path("reports") / "maps"
    if output_dir.is_symlink():
        if not output_dir.is_dir():
            raise ValueError(f"{output_dir} is a link to a folder that does not exist: {output_dir.resolve()}")
        return output_dir.resolve()
    if output_dir.name == "latest" and not output_dir.exists():
        raise ValueError(f"{output_dir} does not exist yet: 'vsv-analysis render' makes it as a link to the newest "
                         f"reports; render first, or choose another --output-dir")
    return output_dir


def _validate(args) -> int:
    from ..evidence.dataset import load_dataset

    data = load_dataset(args.data_dir, args.year, as_of=args.as_of)
    status.result("OK: " + data.summary())
    for warning in data.warnings:
        status.warning(warning)
    if data.reference.population_note:
        status.info(f"note: {data.reference.population_note}")
    return 0


def _boundaries(args) -> int:
    from ..geography.boundaries import fetch_boundaries
    from ..geography.reference import load_reference

    reference = load_reference(args.data_dir, args.year)
    path = fetch_boundaries(reference, url=args.url, directory=args.cache_dir, source_file=args.from_file,
                            timeout=args.timeout)
    status.info(f"saved the boundaries of the {reference.year} division in the cache")
    status.result(str(path))
    return 0


def _maps(args) -> int:
    from ..evidence.dataset import load_dataset
    from ..maps import write_map_pngs

    folder = maps_folder(args.output_dir)
    for mode, path, note in write_map_pngs(load_dataset(args.data_dir, args.year), folder,
                                           args.boundaries_file or ""):
        if path:
            status.info(f"{mode}: wrote the map")
            status.result(str(path))
        else:
            status.info(f"{mode}: skipped ({note})")
    return 0


def _export_graph(args) -> int:
    from ..evidence.dataset import load_dataset
    from ..network import build_network
    from ..outputs.graphfiles import write_graph

    graph = build_network(load_dataset(args.data_dir, args.year, as_of=args.as_of),
                          expand_regions=args.expand_regions)
    if args.validated:
        from ..measures.significance import validated_graph

        graph = validated_graph(graph, "municipality", args.alpha, args.correction)
    path = write_graph(graph, args.output, args.format)
    status.info(f"wrote {graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges")
    status.result(str(path))
    return 0


def _reference_update(args) -> int:
    from ..geography.cbs import CbsError, update_reference
    from ..geography.reference import load_reference

    reference = load_reference(args.data_dir, args.year)
    try:
        result = update_reference(reference, base_url=args.base_url, directory=args.cache_dir,
                                  boundaries_url=args.boundaries_url, with_boundaries=not args.no_boundaries,
                                  timeout=args.timeout, from_files=args.from_file)
    except CbsError as error:
        status.error(f"vsv-analysis: {error}")
        return 1
    status.info(f"wrote {len(result.written)} files into the cache")
    for path in result.written:
        status.result(str(path))
    for note in result.notes:
        status.info(f"note: {note}")
    return 0


def _output_format(args) -> str:
    """``csv`` or ``xlsx``: ``--format``, else the suffix of ``--output``, else ``csv``."""
    fmt = args.format or (args.output.suffix.lstrip(".").lower() if args.output else "csv")
    if fmt not in ("csv", "xlsx"):
        raise ValueError(f"cannot tell the format from {args.output.name!r}; pass --format csv or xlsx")
    return fmt


def _check_terminal(fmt: str, args) -> None:
    if fmt == "xlsx" and args.output is None and sys.stdout.isatty():
        raise ValueError("XLSX cannot go to the terminal; pass --output FILE.xlsx or redirect standard output to a "
                         "file")


def _changes(args) -> int:
    from ..outputs.changes import changes_table, compare, load_side
    from ..outputs.tables import write_tables

    fmt = _output_format(args)
    _check_terminal(fmt, args)
    old, new = (load_side(side, args.year, args.as_of) for side in (args.old, args.new))
    table = changes_table(compare(old, new))
    write_tables({"changes": table}, args.output, fmt, args.dialect or "plain")
    if args.output is not None:
        status.info(f"wrote {len(table)} changes")
        status.result(str(args.output))
    return 0


def _table(args) -> int:
    from ..evidence.dataset import load_dataset
    from ..outputs.tables import TABLES, tables_of, write_tables

    names = list(TABLES) if "all" in args.names else list(dict.fromkeys(args.names))
    fmt = _output_format(args)
    if fmt == "xlsx" and args.dialect:
        raise ValueError("--dialect is for CSV; an XLSX workbook needs none")
    if fmt == "csv" and len(names) > 1:
        raise ValueError("a CSV file holds one table; name one table, or pass --format xlsx for a sheet per table")
    _check_terminal(fmt, args)
    data = load_dataset(args.data_dir, args.year, as_of=args.as_of)
    tables = tables_of(data, names, args.expand_regions)
    write_tables(tables, args.output, fmt, args.dialect or "plain", args.labels, data.vocabulary)
    if args.output is not None:
        rows = sum(len(frame) for frame in tables.values())
        what = f"{rows} rows" if len(tables) == 1 else f"{len(tables)} tables ({rows} rows)"
        status.info(f"wrote {what}")
        status.result(str(args.output))
    return 0


def _template(args) -> int:
    from ..evidence.template import write_template

    try:
        rows = write_template(args.output, args.data_dir, args.year, with_data=args.with_data)
    except OSError as error:
        raise ValueError(f"cannot write {args.output}: {error.strerror or error}") from None
    filled = ", ".join(f"{sheet} {count}" for sheet, count in rows.items())
    what = f"rows: {filled}" if args.with_data else "empty sheets " + ", ".join(rows)
    status.info(f"wrote the input workbook ({what})")
    status.result(str(args.output))
    return 0


def _export(args) -> int:
    from ..render.page import export_notebook

    try:
        page = export_notebook(args.notebook, args.output, with_code=args.with_code, replace=args.force)
    except OSError as error:
        raise ValueError(f"cannot write {args.output or 'the page'}: {error.strerror or error}") from None
    for note in page.notes:
        status.info(f"note: {note}")
    status.result(str(page.path))
    if page.failed:
        status.error(f"vsv-analysis: the notebook stopped with an error ({page.error}); the page says so")
        return 1
    status.info("wrote the page")
    return 0


def _extract(args) -> int:
    from ..intake import DocumentError, extract_document, write_proposal
    from ..intake.folder import check_target

    check_target(args.output_dir, args.into, args.apply)
    try:
        extraction = extract_document(args.document, into=args.into, year=args.year, date=args.date,
                                      source_id=args.source_id)
    except DocumentError as error:
        status.error(f"vsv-analysis: {error}")
        return 1
    written = write_proposal(extraction, args.output_dir, apply=args.apply)
    statuses = [mention.status or "new" for mention in extraction.mentions]
    status.info(f"{args.document}: {len(extraction.initiatives)} initiatives, {len(extraction.mentions)} mentions "
                f"({statuses.count('new')} new, {statuses.count('already there')} already there, "
                f"{statuses.count('conflict')} in conflict), {len(extraction.left_out)} names left out; "
                f"geography year {extraction.year}; date: {extraction.date or 'none'} ({extraction.date_basis})")
    status.info(f"wrote the proposal to {written.folder} (rows: "
                + ", ".join(f"{name} {count}" for name, count in written.rows.items())
                + f"); review it in {written.review}")
    for path in written.applied:
        status.info(f"added the new rows to {path}")
    status.result(str(written.folder))
    for path in written.applied:
        status.result(str(path))
    return 0


def _kernel(args) -> int:
    from ..common.locations import NOTEBOOK_DIR
    from ..jupyter.kernel import KERNEL_NAME, install_kernel

    try:
        folder = install_kernel(user=args.user)
    except OSError as error:
        where = "your Jupyter data folder" if args.user else f"this environment ({sys.prefix})"
        raise ValueError(f"cannot install the kernel into {where}: {error.strerror or error}"
                         + ("" if args.user else "; pass --user to install it for your own Jupyter instead")) from None
    status.info(f"installed the kernel {KERNEL_NAME!r}, which runs {sys.executable}")
    status.info(f"the report notebooks in {NOTEBOOK_DIR} name it: JupyterLab, VS Code and "
                f"'papermill -k {KERNEL_NAME}' run them with this environment")
    status.result(str(folder))
    return 0


def _init(args) -> int:
    from ..evidence.datafolder import init_data_folder
    from ..evidence.guide import shell_word

    init_data_folder(args.folder)
    status.info(f"wrote a new data folder: fill in programme.yaml and the evidence files (see LEESMIJ.md there), "
                f"then run 'vsv-analysis validate --data-dir {shell_word(str(args.folder))}'")
    status.result(str(args.folder))
    return 0


HANDLERS = {
    "validate": _validate, "table": _table, "changes": _changes, "template": _template, "init": _init,
    "export-graph": _export_graph, "boundaries": _boundaries, "reference": _reference_update, "maps": _maps,
    "export": _export, "kernel": _kernel, "extract": _extract,
}
"""Each command but ``render``: the function that runs it."""
