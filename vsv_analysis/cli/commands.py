"""The commands other than ``render``: each takes the parsed arguments and returns the exit code.

Each imports what it needs when it runs, so that one command does not pay for another's libraries.
"""

from __future__ import annotations

import sys
from pathlib import Path

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
    print("OK: " + data.summary())
    for warning in data.warnings:
        print(f"Warning: {warning}", file=sys.stderr)
    if data.reference.population_note:
        print(f"note: {data.reference.population_note}", file=sys.stderr)
    return 0


def _boundaries(args) -> int:
    from ..geography.boundaries import fetch_boundaries
    from ..geography.reference import load_reference

    path = fetch_boundaries(load_reference(args.data_dir, args.year), url=args.url,
                            directory=args.cache_dir, source_file=args.from_file, timeout=args.timeout)
    print(f"boundaries saved to {path}")
    return 0


def _maps(args) -> int:
    from ..evidence.dataset import load_dataset
    from ..maps import write_map_pngs

    folder = maps_folder(args.output_dir)
    for mode, path, note in write_map_pngs(load_dataset(args.data_dir, args.year), folder,
                                           args.boundaries_file or ""):
        print(f"{mode}: wrote {path}" if path else f"{mode}: skipped ({note})")
    return 0


def _export_graph(args) -> int:
    from ..evidence.dataset import load_dataset
    from ..network import build_network
    from ..outputs.graphfiles import write_graph

    graph = build_network(load_dataset(args.data_dir, args.year, as_of=args.as_of),
                          expand_regions=args.expand_regions)
    path = write_graph(graph, args.output, args.format)
    print(f"wrote {graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges to {path}", file=sys.stderr)
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
        print(f"vsv-analysis: {error}", file=sys.stderr)
        return 1
    for path in result.written:
        print(f"wrote {path}")
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
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
        print(f"wrote {len(table)} changes to {args.output}", file=sys.stderr)
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
        print(f"wrote {what} to {args.output}", file=sys.stderr)
    return 0


def _template(args) -> int:
    from ..evidence.template import write_template

    try:
        rows = write_template(args.output, args.data_dir, args.year, with_data=args.with_data)
    except OSError as error:
        raise ValueError(f"cannot write {args.output}: {error.strerror or error}") from None
    filled = ", ".join(f"{sheet} {count}" for sheet, count in rows.items())
    what = f"rows: {filled}" if args.with_data else "empty sheets " + ", ".join(rows)
    print(f"wrote {args.output} ({what})", file=sys.stderr)
    return 0


def _export(args) -> int:
    from ..render.page import export_notebook

    try:
        page = export_notebook(args.notebook, args.output, with_code=args.with_code)
    except OSError as error:
        raise ValueError(f"cannot write {args.output or 'the page'}: {error.strerror or error}") from None
    for note in page.notes:
        print(f"note: {note}", file=sys.stderr)
    if page.failed:
        print(f"wrote {page.path}: the notebook stopped with an error ({page.error})", file=sys.stderr)
        return 1
    print(f"wrote {page.path}", file=sys.stderr)
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
    print(f"installed the kernel {KERNEL_NAME!r} (runs {sys.executable}) in {folder}", file=sys.stderr)
    print(f"the report notebooks in {NOTEBOOK_DIR} name it: JupyterLab, VS Code and "
          f"'papermill -k {KERNEL_NAME}' run them with this environment", file=sys.stderr)
    return 0


def _init(args) -> int:
    from ..evidence.datafolder import init_data_folder

    init_data_folder(args.folder)
    print(f"wrote a new data folder in {args.folder}: fill in programme.yaml and the evidence files "
          f"(see LEESMIJ.md there), then run 'vsv-analysis validate --data-dir {args.folder}'", file=sys.stderr)
    return 0


HANDLERS = {
    "validate": _validate, "table": _table, "changes": _changes, "template": _template, "init": _init,
    "export-graph": _export_graph, "boundaries": _boundaries, "reference": _reference_update, "maps": _maps,
    "export": _export, "kernel": _kernel,
}
"""Each command but ``render``: the function that runs it."""
