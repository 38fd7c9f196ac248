"""The ``vsv-analysis`` command: argument parsing only; the work is done by library functions.

Exit codes: 0 success, 1 bad input data (the messages say what and where),
2 wrong use of the command (unknown option, unknown table, unsupported year).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .dataset import load_dataset
from .errors import DataError
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
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "validate":
            print("OK: " + load_dataset(args.data_dir, args.year).summary())
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
    except BrokenPipeError:
        # The reader (such as `head`) closed the pipe early: not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
