"""The ``vsv-analysis`` command: argument parsing only; the work is done by library functions.

Exit codes: 0 success, 1 bad input data (the messages say what and where), a
report that failed to render (an error or a time limit), or a machine that
stopped the render (full disk, read-only folder), 2 wrong use of the command
(unknown option, unknown table or parameter, unsupported year, a file where the
output folder should be), 3 another render is running in the output folder,
130 interrupted by Ctrl-C, 143 stopped by SIGTERM (129 by SIGHUP).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from .dataset import load_dataset
from .errors import BoundaryError, DataError
from .export import FORMATS, write_graph
from .network import build_network
from .tables import TABLES, build_table, write_table

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vsv-analysis",
        description="Network analysis of municipal involvement in Versterken Sociale Veerkracht.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check the data files and print a one-line summary")
    validate.add_argument("--data-dir", type=Path, help="folder with the evidence CSV files (default: built-in data)")
    validate.add_argument("--year", type=int, help="geography year (default: the latest covered)")

    table = commands.add_parser("table", help="write a tidy table as CSV or XLSX")
    table.add_argument("name", choices=sorted(TABLES), metavar="NAME", help="one of: " + ", ".join(sorted(TABLES)))
    table.add_argument("--year", type=int, help="geography year (default: the latest covered)")
    table.add_argument("--format", choices=("csv", "xlsx"), help="output format (default: from --output, else csv)")
    table.add_argument("--output", type=Path, help="file to write (default: standard output, CSV only)")
    table.add_argument("--data-dir", type=Path, help="folder with the evidence CSV files (default: built-in data)")
    table.add_argument("--expand-regions", action="store_true",
                       help="let region parties count for their member municipalities (centrality, overlap, unreached)")

    graph = commands.add_parser("export-graph", help="write the network as GEXF or GraphML (for Gephi)")
    graph.add_argument("--format", choices=FORMATS, help="file format (default: from --output)")
    graph.add_argument("--output", type=Path, required=True, help="file to write, such as vsv.gexf")
    graph.add_argument("--year", type=int, help="geography year (default: the latest covered)")
    graph.add_argument("--data-dir", type=Path, help="folder with the evidence CSV files (default: built-in data)")
    graph.add_argument("--expand-regions", action="store_true",
                       help="let region parties count for their member municipalities")

    boundaries = commands.add_parser("boundaries", help="municipal boundaries for real maps (optional)")
    actions = boundaries.add_subparsers(dest="action", required=True, metavar="ACTION")
    fetch = actions.add_parser("fetch", help="download the province's boundaries once into the cache")
    fetch.add_argument("--year", type=int, help="geography year (default: the latest covered)")
    fetch.add_argument("--url", help="GeoJSON or WFS address to use instead of the CBS/PDOK service")
    fetch.add_argument("--from-file", type=Path, help="take a local GeoJSON file instead of downloading")
    fetch.add_argument("--cache-dir", type=Path, help="cache folder (default: $VSV_ANALYSIS_CACHE or ~/.cache)")
    fetch.add_argument("--data-dir", type=Path, help="folder with the evidence CSV files (default: built-in data)")

    pngs = commands.add_parser("maps", help="write PNG maps of coverage in each available map mode")
    pngs.add_argument("--output-dir", type=Path, default=Path("reports/latest"), help="where the PNG files go")
    pngs.add_argument("--year", type=int, help="geography year (default: the latest covered)")
    pngs.add_argument("--boundaries-file", type=Path, help="GeoJSON to use instead of the cached boundaries")
    pngs.add_argument("--data-dir", type=Path, help="folder with the evidence CSV files (default: built-in data)")

    render = commands.add_parser("render", help="execute the report notebooks and write HTML reports")
    render.add_argument("notebooks", nargs="*", type=Path, metavar="NOTEBOOK",
                        help="notebooks to render (default: every notebook in notebooks/)")
    render.add_argument("--output-dir", type=Path, default=Path("reports"),
                        help="where the dated report folders go (default: reports)")
    render.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="set a parameter, such as -p year 2021 (value read as YAML)")
    render.add_argument("-f", "--parameters-file", type=Path, metavar="PARAMS.yaml",
                        help="YAML file of parameters; -p values win over it")
    render.add_argument("--with-code", action="store_true", help="show the code cells (for analysts)")
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
    return parser


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
    if args.jobs is not None and args.jobs < 1:
        raise ValueError("--jobs must be 1 or more")
    if args.keep_runs < 0:
        raise ValueError("--keep-runs must be 0 or more")
    try:
        results = render(args.notebooks or None, output_dir=args.output_dir, parameters=parameters,
                         with_code=args.with_code, jobs=args.jobs, progress=lambda line: print(line, flush=True),
                         timeout=args.timeout, notebook_timeout=args.notebook_timeout, wait=args.wait,
                         keep_runs=args.keep_runs)
    except RenderInterrupted as stop:
        print(f"vsv-analysis: {stop}", file=sys.stderr)
        return stop.exit_code
    except RenderError as error:
        print(f"vsv-analysis: {error}", file=sys.stderr)
        return error.exit_code
    return 0 if all(result.status == "ok" for result in results) else 1


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "validate":
            print("OK: " + load_dataset(args.data_dir, args.year).summary())
            return 0
        if args.command == "render":
            return _render(args)
        if args.command == "boundaries":
            from .maps import fetch_boundaries
            from .reference import load_reference

            path = fetch_boundaries(load_reference(args.data_dir, args.year), url=args.url,
                                    directory=args.cache_dir, source_file=args.from_file)
            print(f"boundaries saved to {path}")
            return 0
        if args.command == "maps":
            from .maps import write_map_pngs

            for mode, path, note in write_map_pngs(load_dataset(args.data_dir, args.year), args.output_dir,
                                                   args.boundaries_file or ""):
                print(f"{mode}: wrote {path}" if path else f"{mode}: skipped ({note})")
            return 0
        if args.command == "export-graph":
            graph = build_network(load_dataset(args.data_dir, args.year), expand_regions=args.expand_regions)
            path = write_graph(graph, args.output, args.format)
            print(f"wrote {graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges to {path}",
                  file=sys.stderr)
            return 0
        fmt = args.format or (args.output.suffix.lstrip(".").lower() if args.output else "csv")
        if fmt not in ("csv", "xlsx"):
            print(f"vsv-analysis: cannot tell the format from {args.output.name!r}; pass --format csv or xlsx",
                  file=sys.stderr)
            return 2
        if fmt == "xlsx" and args.output is None:
            print("vsv-analysis: XLSX cannot go to the terminal; pass --output FILE.xlsx", file=sys.stderr)
            return 2
        frame = build_table(args.name, data_dir=args.data_dir, year=args.year, expand_regions=args.expand_regions)
        write_table(frame, args.output, fmt)
        if args.output is not None:
            print(f"wrote {len(frame)} rows to {args.output}", file=sys.stderr)
        return 0
    except DataError as error:
        print(error.message, file=sys.stderr)
        return 1
    except ValueError as error:
        print(f"vsv-analysis: {error}", file=sys.stderr)
        return 2
    except BoundaryError as error:
        print(f"vsv-analysis: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader (such as `head`) closed the pipe early: not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
