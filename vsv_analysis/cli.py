"""The ``vsv-analysis`` command: argument parsing only; the work is done by library functions.

Exit codes: 0 success, 1 bad input data (the messages say what and where), a
report that failed to render (an error or a time limit), or a machine that
stopped the render (full disk, read-only folder), 2 wrong use of the command
(unknown option, unknown table or parameter, unsupported year, a file where the
output folder should be), 3 another render is running in the output folder,
130 interrupted by Ctrl-C, 143 stopped by SIGTERM (129 by SIGHUP).

Also runs as ``python -m vsv_analysis``. ``export`` and ``kernel install`` connect the package to
Jupyter (see :mod:`vsv_analysis.jupyter` and :mod:`vsv_analysis.notebookpage`).
"""

from __future__ import annotations

import argparse
import datetime
import os
import signal
import sys
from pathlib import Path

from .dataset import load_dataset
from .errors import BoundaryError, DataError, DataFolderError
from .export import FORMATS, write_graph
from .network import build_network
from .spreadsheet import DIALECTS, LABELS
from .tables import TABLES, build_tables, write_tables
from .vocabulary import load_vocabulary

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="vsv-analysis",
        description="Network analysis of municipal involvement in Versterken Sociale Veerkracht.",
        epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"vsv-analysis {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check the data files and print a one-line summary")
    validate.add_argument("--data-dir", type=Path, help="folder with the evidence CSV files (default: built-in data)")
    validate.add_argument("--year", type=int, help="geography year (default: the latest covered)")
    validate.add_argument("--as-of", metavar="YYYY-MM-DD", help=AS_OF_HELP)

    table = commands.add_parser("table", help="write tidy tables as CSV or XLSX (for Excel: see --dialect, --labels)")
    table.add_argument("names", nargs="+", choices=[*sorted(TABLES), "all"], metavar="NAME",
                       help="one or more of: " + ", ".join(sorted(TABLES)) + "; or all (XLSX: one sheet per table)")
    table.add_argument("--year", type=int, help="geography year (default: the latest covered)")
    table.add_argument("--format", choices=("csv", "xlsx"), help="output format (default: from --output, else csv)")
    table.add_argument("--dialect", choices=DIALECTS,
                       help="CSV dialect: plain (default; comma, decimal point, for programs) or excel-nl "
                            "(semicolon, decimal comma, UTF-8 with BOM, CRLF, ja/nee; for Dutch Excel)")
    table.add_argument("--labels", choices=LABELS, default="en",
                       help="column headings: en (default; the column names) or nl (the reports' Dutch words)")
    table.add_argument("--output", type=Path,
                       help="file to write (default: standard output; XLSX only when that is not a terminal)")
    table.add_argument("--data-dir", type=Path, help="folder with the evidence CSV files (default: built-in data)")
    table.add_argument("--expand-regions", action="store_true",
                       help="let region parties count for their member municipalities (centrality, overlap, unreached)")
    table.add_argument("--as-of", metavar="YYYY-MM-DD", help=AS_OF_HELP)

    changes = commands.add_parser("changes", help="what changed between two snapshots, report runs or data folders")
    changes.add_argument("old", type=Path, metavar="OLD",
                         help="a report run folder, its snapshot/ folder, or a data folder")
    changes.add_argument("new", type=Path, metavar="NEW", help="the same, for the newer state")
    changes.add_argument("--year", type=int, help="geography year, for data folders (default: the latest covered)")
    changes.add_argument("--as-of", metavar="YYYY-MM-DD", help=AS_OF_HELP + "; for data folders")
    changes.add_argument("--format", choices=("csv", "xlsx"), help="output format (default: from --output, else csv)")
    changes.add_argument("--dialect", choices=DIALECTS, help="CSV dialect: plain (default) or excel-nl")
    changes.add_argument("--output", type=Path, help="file to write (default: standard output)")

    template = commands.add_parser(
        "template", help="write an input workbook to fill in Excel: a sheet per evidence file, drop-down lists, "
                         "a comment on each column")
    template.add_argument("--output", type=Path, required=True,
                          help="the workbook to write, such as invoer.xlsx (an existing file is never replaced, "
                               "and nothing is written into the data folder)")
    template.add_argument("--data-dir", type=Path,
                          help="folder whose vocabularies, reference and evidence are used (default: built-in data)")
    template.add_argument("--year", type=int, help="geography year of the municipality and region names "
                                                   "(default: the latest covered)")
    template.add_argument("--with-data", action="store_true",
                          help="fill the sheets with the data folder's evidence, to edit the existing records")

    init = commands.add_parser("init", help="write a new, empty data folder for another programme")
    init.add_argument("folder", type=Path, metavar="DIR", help="the folder to make (must not exist, or be empty)")

    graph = commands.add_parser("export-graph", help="write the network as GEXF or GraphML (for Gephi)")
    graph.add_argument("--format", choices=FORMATS, help="file format (default: from --output)")
    graph.add_argument("--output", type=Path, required=True, help="file to write, such as vsv.gexf")
    graph.add_argument("--year", type=int, help="geography year (default: the latest covered)")
    graph.add_argument("--data-dir", type=Path, help="folder with the evidence CSV files (default: built-in data)")
    graph.add_argument("--expand-regions", action="store_true",
                       help="let region parties count for their member municipalities")
    graph.add_argument("--as-of", metavar="YYYY-MM-DD", help=AS_OF_HELP)

    boundaries = commands.add_parser("boundaries", help="municipal boundaries for real maps (optional)")
    actions = boundaries.add_subparsers(dest="action", required=True, metavar="ACTION")
    fetch = actions.add_parser("fetch", help="download the province's boundaries once into the cache")
    fetch.add_argument("--year", type=int, help="geography year (default: the latest covered)")
    fetch.add_argument("--url", help="GeoJSON or WFS address to use instead of the CBS/PDOK service")
    fetch.add_argument("--from-file", type=Path, help="take a local GeoJSON file instead of downloading")
    fetch.add_argument("--cache-dir", type=Path, help="cache folder (default: $VSV_ANALYSIS_CACHE or ~/.cache)")
    fetch.add_argument("--data-dir", type=Path, help="folder with the evidence CSV files (default: built-in data)")

    reference = commands.add_parser("reference", help="current CBS reference data (optional)")
    reference_actions = reference.add_subparsers(dest="action", required=True, metavar="ACTION")
    update = reference_actions.add_parser(
        "update", help="fetch the year's municipalities, population and boundaries from CBS into the cache")
    update.add_argument("--year", type=int, help="geography year (default: the latest covered)")
    update.add_argument("--cache-dir", type=Path, help="cache folder (default: $VSV_ANALYSIS_CACHE or ~/.cache)")
    update.add_argument("--base-url", help="CBS OData address to use instead of the CBS open data service")
    update.add_argument("--boundaries-url", help="GeoJSON or WFS address to use instead of the CBS/PDOK service")
    update.add_argument("--no-boundaries", action="store_true", help="fetch the figures only, not the boundaries")
    update.add_argument("--data-dir", type=Path, help="folder with the evidence CSV files (default: built-in data)")

    pngs = commands.add_parser("maps", help="write PNG maps of coverage in each available map mode")
    pngs.add_argument("--output-dir", type=Path,
                      help="where the PNG files go (default: the folder reports/latest points at, else reports/maps); "
                           "a link is followed, never replaced by a folder")
    pngs.add_argument("--year", type=int, help="geography year (default: the latest covered)")
    pngs.add_argument("--boundaries-file", type=Path, help="GeoJSON to use instead of the cached boundaries")
    pngs.add_argument("--data-dir", type=Path, help="folder with the evidence CSV files (default: built-in data)")

    render = commands.add_parser("render", help="execute the report notebooks and write HTML reports",
                                 epilog=_render_epilog(), formatter_class=argparse.RawDescriptionHelpFormatter)
    render.add_argument("notebooks", nargs="*", type=Path, metavar="NOTEBOOK",
                        help="notebooks to render: a path, or a name in notebooks/ such as 05_dekking "
                             "(default: every notebook in notebooks/)")
    render.add_argument("--output-dir", type=Path, default=Path("reports"),
                        help="where the dated report folders go (default: reports)")
    render.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="set a parameter, such as -p year 2021 (value read as YAML; the names are below)")
    render.add_argument("-f", "--parameters-file", type=Path, metavar="PARAMS.yaml",
                        help="YAML file of parameters; -p values win over it")
    render.add_argument("--as-of", metavar="YYYY-MM-DD", help=AS_OF_HELP + " (the same as -p as_of DATE)")
    render.add_argument("--with-code", action="store_true", help="show the code cells (for analysts)")
    render.add_argument("--force", action="store_true",
                        help="render every notebook, also those whose inputs did not change since the last run")
    render.add_argument("--jobs", type=int, help="notebooks rendered at once (default: number of cores)")
    render.add_argument("--timeout", type=_seconds, metavar="SECONDS",
                        help="time limit for the whole run, waiting for --wait included (default: none); "
                             "reports not done by then fail")
    render.add_argument("--notebook-timeout", type=_seconds, default=600, metavar="SECONDS",
                        help="time limit for one notebook (default: 600); one that runs out fails")
    render.add_argument("--wait", action="store_true",
                        help="if another render is running in the output folder, wait for it (default: stop, exit 3)")
    render.add_argument("--keep-runs", type=int, default=10, metavar="N",
                        help="run folders kept besides those that a dated folder or latest points at (default: 10)")

    export = commands.add_parser(
        "export", help="turn a notebook executed elsewhere (papermill, Jupyter) into the render's offline HTML page")
    export.add_argument("notebook", type=Path, metavar="EXECUTED.ipynb", help="the executed notebook")
    export.add_argument("--output", type=Path, metavar="FILE.html",
                        help="the page to write, or a folder for it (default: NAME.html in the current folder; "
                             "NAME.failed.html when the notebook stopped with an error)")
    export.add_argument("--with-code", action="store_true", help="show the code cells (for analysts)")

    kernel = commands.add_parser("kernel", help="the Jupyter kernel 'vsv-analysis' that the notebooks name")
    kernel_actions = kernel.add_subparsers(dest="action", required=True, metavar="ACTION")
    install = kernel_actions.add_parser(
        "install", help="make this environment's Python known to Jupyter as the kernel 'vsv-analysis'")
    install.add_argument("--user", action="store_true",
                         help="install for your own Jupyter (~/.local/share/jupyter), not into this environment")
    return parser


AS_OF_HELP = "only evidence from sources dated on or before this day (undated sources are then left out)"

EXIT_CODES = """exit codes:
  0  success (render: every report rendered)
  1  bad input data (the messages name file, row and column), a failed download, or a report that failed
  2  wrong use: unknown option, table, parameter or notebook, a value of the wrong kind, an uncovered year;
     nothing was run
  3  render: another render is running in the output folder (pass --wait to queue behind it)
  130, 143, 129  render: interrupted by Ctrl-C, stopped by SIGTERM or SIGHUP; the last published run is
     unchanged"""


def _render_epilog() -> str:
    from .params import describe_parameters

    try:
        rows = describe_parameters()
    except (OSError, ValueError) as error:  # the help must show even when the defaults file is broken
        return f"parameters: cannot read the defaults file ({error})\n\n" + EXIT_CODES
    width = max(len(name) + len(default) for name, default, _ in rows) + 3
    lines = ["parameters (-p NAME VALUE or -f FILE; default after the name, from notebooks/parameters.yaml):"]
    lines += [f"  {f'{name} = {default}':<{width + 2}} {comment}" for name, default, comment in rows]
    return "\n".join(lines) + "\n\n" + EXIT_CODES


def _timestamp() -> str:
    """Local time with its offset, as `date -Is` writes it: 2026-01-05T06:30:02+01:00."""
    return datetime.datetime.now().astimezone().isoformat(timespec="seconds")


def _log(text: str, stream=None) -> None:
    """Print each line of ``text`` after the time, for logs of scheduled runs."""
    for line in str(text).splitlines() or [""]:
        print(f"{_timestamp()} {line}", file=stream or sys.stdout, flush=True)


def _resolve_notebooks(given: list[Path]) -> list[Path]:
    """Paths as given when they exist; else a name in the notebooks folder, with or without ``.ipynb``."""
    from .csvfiles import closest
    from .params import ParameterError
    from .render import NOTEBOOK_DIR, report_notebooks

    resolved = []
    for path in given:
        if path.is_dir():  # render says what is wrong with a folder
            resolved.append(path)
            continue
        candidates = [path] if path.suffix == ".ipynb" else [path, path.with_name(path.name + ".ipynb")]
        if len(path.parts) == 1:
            candidates += [NOTEBOOK_DIR / candidate.name for candidate in candidates]
        found = next((candidate for candidate in candidates if candidate.is_file()), None)
        if found is None:
            names = [notebook.stem for notebook in report_notebooks()]
            hint = closest(path.stem, names, n=1)
            raise ParameterError(f"notebook {str(path)!r} not found, neither as a file nor in {NOTEBOOK_DIR}; "
                                 f"the reports are {', '.join(names)}"
                                 + (f" (did you mean {hint[0]!r}?)" if hint else ""))
        resolved.append(found)
    return resolved


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number of seconds above 0, not {text!r}")
    return value


class _Stopped(BaseException):
    """A signal that came before the render took over its signals: nothing was written yet."""


def _stop(signum, frame):
    raise _Stopped(signum)


def _render(args) -> int:
    """Until the render takes over the signals, SIGTERM and SIGHUP stop it with one line too."""
    early = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {signum: signal.signal(signum, _stop) for signum in early if signal.getsignal(signum) is signal.SIG_DFL}
    try:
        return _render_run(args)
    except (KeyboardInterrupt, _Stopped) as stop:
        signum = stop.args[0] if isinstance(stop, _Stopped) else signal.SIGINT
        what = "interrupted" if signum == signal.SIGINT else f"stopped by {signal.Signals(signum).name}"
        print(f"vsv-analysis: {what}; the last published run is unchanged", file=sys.stderr)
        return 128 + signum
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _render_run(args) -> int:
    from .params import load_parameter_file
    from .render import RenderError, RenderInterrupted, render

    parameters = load_parameter_file(args.parameters_file) if args.parameters_file else {}
    parameters.update({name: value for name, value in args.parameter})
    if args.as_of:
        parameters["as_of"] = args.as_of
    if args.jobs is not None and args.jobs < 1:
        raise ValueError("--jobs must be 1 or more")
    if args.keep_runs < 0:
        raise ValueError("--keep-runs must be 0 or more")
    notebooks = _resolve_notebooks(args.notebooks) if args.notebooks else None
    try:
        results = render(notebooks, output_dir=args.output_dir, parameters=parameters,
                         with_code=args.with_code, jobs=args.jobs, progress=_log,
                         timeout=args.timeout, notebook_timeout=args.notebook_timeout, wait=args.wait,
                         keep_runs=args.keep_runs, force=args.force)
    except RenderInterrupted as stop:
        _log(f"vsv-analysis: {stop}", sys.stderr)
        return stop.exit_code
    except RenderError as error:
        _log(f"vsv-analysis: {error}", sys.stderr)
        return error.exit_code
    return 0 if all(result.status == "ok" for result in results) else 1


def _maps_folder(output_dir: Path | None) -> Path:
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


def _reference_update(args) -> int:
    from .cbs import CbsError, update_reference
    from .reference import load_reference

    reference = load_reference(args.data_dir, args.year)
    try:
        result = update_reference(reference, base_url=args.base_url, directory=args.cache_dir,
                                  boundaries_url=args.boundaries_url, with_boundaries=not args.no_boundaries)
    except CbsError as error:
        print(f"vsv-analysis: {error}", file=sys.stderr)
        return 1
    for path in result.written:
        print(f"wrote {path}")
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    return 0


def _usage(message: str) -> int:
    print(f"vsv-analysis: {message}", file=sys.stderr)
    return 2


def _format(args) -> str:
    return args.format or (args.output.suffix.lstrip(".").lower() if args.output else "csv")


def _changes(args) -> int:
    from .changes import changes_table, compare, load_side

    fmt = _format(args)
    if fmt not in ("csv", "xlsx"):
        return _usage(f"cannot tell the format from {args.output.name!r}; pass --format csv or xlsx")
    if fmt == "xlsx" and args.output is None and sys.stdout.isatty():
        return _usage("XLSX cannot go to the terminal; pass --output FILE.xlsx or redirect standard output to a file")
    old, new = (load_side(side, args.year, args.as_of) for side in (args.old, args.new))
    table = changes_table(compare(old, new))
    write_tables({"changes": table}, args.output, fmt, args.dialect or "plain")
    if args.output is not None:
        print(f"wrote {len(table)} changes to {args.output}", file=sys.stderr)
    return 0


def _table(args) -> int:
    names = list(TABLES) if "all" in args.names else list(dict.fromkeys(args.names))
    fmt = _format(args)
    if fmt not in ("csv", "xlsx"):
        return _usage(f"cannot tell the format from {args.output.name!r}; pass --format csv or xlsx")
    if fmt == "xlsx" and args.dialect:
        return _usage("--dialect is for CSV; an XLSX workbook needs none")
    if fmt == "csv" and len(names) > 1:
        return _usage("a CSV file holds one table; name one table, or pass --format xlsx for a sheet per table")
    if fmt == "xlsx" and args.output is None and sys.stdout.isatty():
        return _usage("XLSX cannot go to the terminal; pass --output FILE.xlsx or redirect standard output to a file")
    tables = build_tables(names, data_dir=args.data_dir, year=args.year, expand_regions=args.expand_regions,
                          as_of=args.as_of)
    write_tables(tables, args.output, fmt, args.dialect or "plain", args.labels, load_vocabulary(args.data_dir))
    if args.output is not None:
        rows = sum(len(frame) for frame in tables.values())
        what = f"{rows} rows" if len(tables) == 1 else f"{len(tables)} tables ({rows} rows)"
        print(f"wrote {what} to {args.output}", file=sys.stderr)
    return 0


def _template(args) -> int:
    from .template import write_template

    try:
        rows = write_template(args.output, args.data_dir, args.year, with_data=args.with_data)
    except OSError as error:
        return _usage(f"cannot write {args.output}: {error.strerror or error}")
    filled = ", ".join(f"{sheet} {count}" for sheet, count in rows.items())
    what = f"rows: {filled}" if args.with_data else "empty sheets " + ", ".join(rows)
    print(f"wrote {args.output} ({what})", file=sys.stderr)
    return 0


def _export(args) -> int:
    from .notebookpage import export_notebook

    try:
        page = export_notebook(args.notebook, args.output, with_code=args.with_code)
    except OSError as error:
        return _usage(f"cannot write {args.output or 'the page'}: {error.strerror or error}")
    for note in page.notes:
        print(f"note: {note}", file=sys.stderr)
    if page.failed:
        print(f"wrote {page.path}: the notebook stopped with an error ({page.error})", file=sys.stderr)
        return 1
    print(f"wrote {page.path}", file=sys.stderr)
    return 0


def _kernel(args) -> int:
    from .jupyter import KERNEL_NAME, install_kernel
    from .locations import NOTEBOOK_DIR

    try:
        folder = install_kernel(user=args.user)
    except OSError as error:
        where = "your Jupyter data folder" if args.user else f"this environment ({sys.prefix})"
        return _usage(f"cannot install the kernel into {where}: {error.strerror or error}"
                      + ("" if args.user else "; pass --user to install it for your own Jupyter instead"))
    print(f"installed the kernel {KERNEL_NAME!r} (runs {sys.executable}) in {folder}", file=sys.stderr)
    print(f"the report notebooks in {NOTEBOOK_DIR} name it: JupyterLab, VS Code and "
          f"'papermill -k {KERNEL_NAME}' run them with this environment", file=sys.stderr)
    return 0


def _init(args) -> int:
    from .datafolder import init_data_folder

    init_data_folder(args.folder)
    print(f"wrote a new data folder in {args.folder}: fill in programme.yaml and the evidence files "
          f"(see LEESMIJ.md there), then run 'vsv-analysis validate --data-dir {args.folder}'", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "validate":
            data = load_dataset(args.data_dir, args.year, as_of=args.as_of)
            print("OK: " + data.summary())
            for warning in data.warnings:
                print(f"Warning: {warning}", file=sys.stderr)
            if data.reference.population_note:
                print(f"note: {data.reference.population_note}", file=sys.stderr)
            return 0
        if args.command == "render":
            return _render(args)
        if args.command == "template":
            return _template(args)
        if args.command == "init":
            return _init(args)
        if args.command == "export":
            return _export(args)
        if args.command == "kernel":
            return _kernel(args)
        if args.command == "boundaries":
            from .maps import fetch_boundaries
            from .reference import load_reference

            path = fetch_boundaries(load_reference(args.data_dir, args.year), url=args.url,
                                    directory=args.cache_dir, source_file=args.from_file)
            print(f"boundaries saved to {path}")
            return 0
        if args.command == "reference":
            return _reference_update(args)
        if args.command == "changes":
            return _changes(args)
        if args.command == "maps":
            from .maps import write_map_pngs

            folder = _maps_folder(args.output_dir)
            for mode, path, note in write_map_pngs(load_dataset(args.data_dir, args.year), folder,
                                                   args.boundaries_file or ""):
                print(f"{mode}: wrote {path}" if path else f"{mode}: skipped ({note})")
            return 0
        if args.command == "export-graph":
            graph = build_network(load_dataset(args.data_dir, args.year, as_of=args.as_of),
                                  expand_regions=args.expand_regions)
            path = write_graph(graph, args.output, args.format)
            print(f"wrote {graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges to {path}",
                  file=sys.stderr)
            return 0
        return _table(args)
    except DataFolderError as error:
        _error(args, error.message)
        return 2
    except DataError as error:
        _error(args, error.message)
        return 1
    except ValueError as error:
        _error(args, f"vsv-analysis: {error}")
        return 2
    except BoundaryError as error:
        _error(args, f"vsv-analysis: {error}")
        return 1
    except BrokenPipeError:
        # The reader (such as `head`) closed the pipe early: not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _error(args, message: str) -> None:
    if args.command == "render":  # a scheduled job's log: every line starts with the time
        _log(message, sys.stderr)
    else:
        print(message, file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
