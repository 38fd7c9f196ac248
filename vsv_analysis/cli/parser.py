"""The command line's grammar: one ``_add_<command>`` per command, and the help texts.

Only the command asked for gets its arguments (see :func:`build_parser`): some
need the data layer to list their choices (the table names), and a render in
which nothing changed must not wait for pandas to be imported for that. Every
command takes ``-q`` and ``-v`` (see :mod:`.status`), and its help ends with
its exit codes.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from . import argtypes, status
from .exitcodes import EXIT_CODES, exit_codes

__all__ = ["AS_OF_HELP", "COMMANDS", "EXIT_CODES", "build_parser", "exit_codes"]

CACHE_HELP = ("cache folder (default: $VSV_ANALYSIS_CACHE, else the system's user cache folder, such as "
              "~/.cache/vsv-analysis on Linux)")

AS_OF_HELP = "only evidence from sources dated on or before this day (undated sources are then left out)"

class _Parser(argparse.ArgumentParser):
    """A parser whose usage errors are status lines too: timed, on standard error, exit code 2."""

    def error(self, message: str):
        status.error(f"{self.format_usage().rstrip()}\n{self.prog}: error: {message}")
        self.exit(2)


def _add_verbosity(parser: argparse.ArgumentParser, top: bool = False) -> None:
    """``-q`` and ``-v``, before the command (``top``) or after it; given after, they win."""
    group = parser.add_mutually_exclusive_group()
    default = status.NORMAL if top else argparse.SUPPRESS  # a command's own default must not undo the top one's
    group.add_argument("-q", "--quiet", dest="verbosity", action="store_const", const=status.QUIET,
                       default=default, help="only warnings and errors on standard error (results still go "
                                             "to standard output)")
    group.add_argument("-v", "--verbose", dest="verbosity", action="store_const", const=status.VERBOSE,
                       default=default, help="also details on standard error: version, Python, data folder, "
                                             "time taken and exit code")


def _add_command(commands, name: str, help_text: str, codes_of: str | None = None) -> argparse.ArgumentParser:
    """A command, or an action of one (``boundaries fetch``), with ``-q``, ``-v`` and the exit codes of
    ``codes_of`` (default: ``name``) under its help."""
    command = commands.add_parser(name, help=help_text, epilog=exit_codes(codes_of or name),
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_verbosity(command)
    return command


def _actions(command: argparse.ArgumentParser):
    """The actions of a command such as ``boundaries`` (each added with :func:`_add_command`)."""
    return command.add_subparsers(dest="action", required=True, metavar="ACTION")


def build_parser(argv: list[str]) -> argparse.ArgumentParser:
    """The parser for ``argv``: every command is listed, only the one ``argv`` names has its arguments.

    The command is the first word of ``argv`` that is not an option: the
    command line's own options (``--help``, ``--version``, ``-q``, ``-v``) take no value.
    """
    from .. import __version__

    asked = next((word for word in argv if not word.startswith("-")), None)
    parser = _Parser(
        prog="vsv-analysis",
        description="Network analysis of municipal involvement in Versterken Sociale Veerkracht. Results go to "
                    "standard output; status lines, each starting with the time, to standard error.",
        epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"vsv-analysis {__version__}")
    _add_verbosity(parser, top=True)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (help_text, add_arguments) in COMMANDS.items():
        command = _add_command(commands, name, help_text)
        if name == asked:
            add_arguments(command)
    return parser


def _render_epilog() -> str:
    from ..jupyter.parameters import describe_parameters

    try:
        rows = describe_parameters()
    except (OSError, ValueError) as error:  # the help must show even when the defaults file is broken
        return f"parameters: cannot read the defaults file ({error})\n\n" + EXIT_CODES
    width = max(len(name) + len(default) for name, default, _ in rows) + 3
    lines = ["parameters (-p NAME VALUE or -f FILE; default after the name, from notebooks/parameters.yaml):"]
    lines += [f"  {f'{name} = {default}':<{width + 2}} {comment}" for name, default, comment in rows]
    return "\n".join(lines) + "\n\n" + EXIT_CODES


def _add_validate(command: argparse.ArgumentParser) -> None:
    command.add_argument("--data-dir", type=Path, help="folder with the evidence CSV files (default: built-in data)")
    command.add_argument("--year", type=int, help="geography year (default: the latest covered)")
    command.add_argument("--as-of", metavar="YYYY-MM-DD", help=AS_OF_HELP)


def _add_table(command: argparse.ArgumentParser) -> None:
    from ..files.spreadsheet import DIALECTS
    from ..outputs.labels import LABELS
    from ..outputs.tables import TABLES

    command.add_argument("names", nargs="+", choices=[*sorted(TABLES), "all"], metavar="NAME",
                         help="one or more of: " + ", ".join(sorted(TABLES)) + "; or all (XLSX: one sheet per table)")
    command.add_argument("--year", type=int, help="geography year (default: the latest covered)")
    command.add_argument("--format", choices=("csv", "xlsx"), help="output format (default: from --output, else csv)")
    command.add_argument("--dialect", choices=DIALECTS,
                         help="CSV dialect: plain (default; comma, decimal point, for programs) or excel-nl "
                              "(semicolon, decimal comma, UTF-8 with BOM, CRLF, ja/nee; for Dutch Excel)")
    command.add_argument("--labels", choices=LABELS, default="en",
                         help="column headings: en (default; the column names) or nl (the reports' Dutch words)")
    command.add_argument("--output", type=Path,
                         help="file to write (default: standard output; XLSX only when that is not a terminal)")
    command.add_argument("--data-dir", type=Path, help="folder with the evidence CSV files (default: built-in data)")
    command.add_argument("--expand-regions", action="store_true",
                         help="let region parties count for their member municipalities "
                              "(centrality, overlap, unreached)")
    command.add_argument("--as-of", metavar="YYYY-MM-DD", help=AS_OF_HELP)


def _add_changes(command: argparse.ArgumentParser) -> None:
    from ..files.spreadsheet import DIALECTS

    command.add_argument("old", type=Path, metavar="OLD",
                         help="a report run folder, its snapshot/ folder, or a data folder")
    command.add_argument("new", type=Path, metavar="NEW", help="the same, for the newer state")
    command.add_argument("--year", type=int, help="geography year, for data folders (default: the latest covered)")
    command.add_argument("--as-of", metavar="YYYY-MM-DD", help=AS_OF_HELP + "; for data folders")
    command.add_argument("--format", choices=("csv", "xlsx"), help="output format (default: from --output, else csv)")
    command.add_argument("--dialect", choices=DIALECTS, help="CSV dialect: plain (default) or excel-nl")
    command.add_argument("--output", type=Path, help="file to write (default: standard output)")


def _add_template(command: argparse.ArgumentParser) -> None:
    command.add_argument("--output", type=Path, required=True,
                         help="the workbook to write, such as invoer.xlsx (an existing file is never replaced, "
                              "and nothing is written into the data folder)")
    command.add_argument("--data-dir", type=Path,
                         help="folder whose vocabularies, reference and evidence are used (default: built-in data)")
    command.add_argument("--year", type=int, help="geography year of the municipality and region names "
                                                  "(default: the latest covered)")
    command.add_argument("--with-data", action="store_true",
                         help="fill the sheets with the data folder's evidence, to edit the existing records")


def _add_init(command: argparse.ArgumentParser) -> None:
    command.add_argument("folder", type=Path, metavar="DIR", help="the folder to make (must not exist, or be empty)")


def _add_export_graph(command: argparse.ArgumentParser) -> None:
    from ..outputs.graphfiles import FORMATS

    command.add_argument("--format", choices=FORMATS, help="file format (default: from --output)")
    command.add_argument("--output", type=Path, required=True, help="file to write, such as vsv.gexf")
    command.add_argument("--year", type=int, help="geography year (default: the latest covered)")
    command.add_argument("--data-dir", type=Path, help="folder with the evidence CSV files (default: built-in data)")
    command.add_argument("--expand-regions", action="store_true",
                         help="let region parties count for their member municipalities")
    command.add_argument("--as-of", metavar="YYYY-MM-DD", help=AS_OF_HELP)
    command.add_argument("--validated", action="store_true",
                         help="write the municipalities instead, linked where two share more initiatives than chance "
                              "allows (BiCM, corrected over all pairs)")
    command.add_argument("--alpha", type=argtypes.share, default=0.05,
                         help="with --validated: significance level (0.05)")
    # The corrections of measures.pvalues.CORRECTIONS, written out: the command line imports no numpy to start.
    command.add_argument("--correction", choices=("bh", "bonferroni"), default="bh",
                         help="with --validated: Benjamini-Hochberg (bh, default) or Bonferroni")


def _add_boundaries(command: argparse.ArgumentParser) -> None:
    actions = _actions(command)
    fetch = _add_command(actions, "fetch", "download the province's boundaries once into the cache", "boundaries")
    fetch.add_argument("--year", type=int, help="geography year (default: the latest covered)")
    fetch.add_argument("--url", help="GeoJSON or WFS address to use instead of the CBS/PDOK service")
    fetch.add_argument("--from-file", type=Path, help="take a local GeoJSON file instead of downloading")
    fetch.add_argument("--cache-dir", type=Path, help=CACHE_HELP)
    fetch.add_argument("--data-dir", type=Path, help="folder with the evidence CSV files (default: built-in data)")
    _add_download_timeout(fetch)


def _add_reference(command: argparse.ArgumentParser) -> None:
    actions = _actions(command)
    update = _add_command(actions, "update", "fetch the year's municipalities, population and boundaries from CBS "
                                            "into the cache", "reference")
    update.add_argument("--year", type=int, help="geography year (default: the latest covered)")
    update.add_argument("--cache-dir", type=Path, help=CACHE_HELP)
    update.add_argument("--base-url", help="CBS OData address to use instead of the CBS open data service")
    update.add_argument("--boundaries-url", help="GeoJSON or WFS address to use instead of the CBS/PDOK service")
    update.add_argument("--no-boundaries", action="store_true", help="fetch the figures only, not the boundaries")
    update.add_argument("--from-file", type=Path, action="append", default=[], metavar="FILE",
                        help="import the figures from a file saved from CBS's open data portal instead of "
                             "downloading: the population (70072NED) as OData JSON or the portal's CSV; give "
                             "--from-file again for the year's 'Gebieden in Nederland' table (optional); "
                             "boundaries then come from 'boundaries fetch --from-file'")
    update.add_argument("--data-dir", type=Path, help="folder with the evidence CSV files (default: built-in data)")
    _add_download_timeout(update)


def _add_download_timeout(command: argparse.ArgumentParser) -> None:
    from ..geography.download import DEFAULT_TIMEOUT_SECONDS

    command.add_argument("--timeout", type=argtypes.seconds, default=DEFAULT_TIMEOUT_SECONDS, metavar="SECONDS",
                         help=f"time limit for the whole command, every download included (default: "
                              f"{DEFAULT_TIMEOUT_SECONDS:g}); a server that is slower gives a message and exit 1")


def _add_maps(command: argparse.ArgumentParser) -> None:
    command.add_argument("--output-dir", type=Path,
                         help="where the PNG files go (default: the folder reports/latest points at, "
                              "else reports/maps); a link is followed, never replaced by a folder")
    command.add_argument("--year", type=int, help="geography year (default: the latest covered)")
    command.add_argument("--boundaries-file", type=Path, help="GeoJSON to use instead of the cached boundaries")
    command.add_argument("--data-dir", type=Path, help="folder with the evidence CSV files (default: built-in data)")


def _add_render(command: argparse.ArgumentParser) -> None:
    from ..render import KEEP_RUNS, NOTEBOOK_TIMEOUT_SECONDS

    command.epilog, command.formatter_class = _render_epilog(), argparse.RawDescriptionHelpFormatter
    command.add_argument("notebooks", nargs="*", type=Path, metavar="NOTEBOOK",
                         help="notebooks to render: a path, or a name in notebooks/ such as 05_dekking "
                              "(default: every notebook in notebooks/)")
    command.add_argument("--output-dir", type=Path, default=Path("reports"),
                         help="where the dated report folders go (default: reports)")
    command.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                         help="set a parameter, such as -p year 2021 (value read as YAML; the names are below)")
    command.add_argument("-f", "--parameters-file", type=Path, metavar="PARAMS.yaml",
                         help="YAML file of parameters; -p values win over it")
    command.add_argument("--as-of", metavar="YYYY-MM-DD", help=AS_OF_HELP + " (the same as -p as_of DATE)")
    command.add_argument("--with-code", action="store_true", help="show the code cells (for analysts)")
    command.add_argument("--force", action="store_true",
                         help="render every notebook, also those whose inputs did not change since the last run")
    command.add_argument("--jobs", type=int, help="notebooks rendered at once (default: number of cores)")
    command.add_argument("--timeout", type=argtypes.seconds, metavar="SECONDS",
                         help="time limit for the whole run, waiting for --wait included (default: none); "
                              "reports not done by then fail")
    command.add_argument("--notebook-timeout", type=argtypes.seconds, default=NOTEBOOK_TIMEOUT_SECONDS,
                         metavar="SECONDS",
                         help=f"time limit for one notebook (default: {NOTEBOOK_TIMEOUT_SECONDS:g}); one that runs out "
                              "fails")
    command.add_argument("--memory-limit", type=argtypes.memory, default=None, metavar="GB",
                         help="memory one notebook may use, in GB (default: half of the machine's memory shared "
                              "by the notebooks that run at once; 0: no limit); one that needs more fails")
    command.add_argument("--wait", action="store_true",
                         help="if another render is running in the output folder, wait for it (default: stop, exit 3)")
    command.add_argument("--keep-runs", type=int, default=KEEP_RUNS, metavar="N",
                         help="run folders kept besides those that a dated folder or latest points at "
                              f"(default: {KEEP_RUNS})")


def _add_export(command: argparse.ArgumentParser) -> None:
    command.add_argument("notebook", type=Path, metavar="EXECUTED.ipynb", help="the executed notebook")
    command.add_argument("--output", type=Path, metavar="FILE.html",
                         help="the page to write, or a folder for it (default: NAME.html in the current folder; "
                              "NAME.failed.html when the notebook stopped with an error)")
    command.add_argument("--force", action="store_true",
                         help="replace the page if it exists (default: refuse, exit 2, and write nothing)")
    command.add_argument("--with-code", action="store_true", help="show the code cells (for analysts)")


def _add_extract(command: argparse.ArgumentParser) -> None:
    command.add_argument("document", type=Path, metavar="DOCUMENT",
                         help="the memo, letter or report: a PDF (with a text layer), Word .docx, .txt or .md file")
    command.add_argument("--output-dir", type=Path, required=True, metavar="DIR",
                         help="a new (or empty) folder for the proposal: a data folder that validates, and "
                              "review/review.xlsx")
    command.add_argument("--into", type=Path, metavar="DATA_DIR",
                         help="compare with this data folder: each mention new, already there or in conflict; "
                              "DIR gets its files with only the new rows added")
    command.add_argument("--apply", action="store_true",
                         help="with --into: also add the new rows to DATA_DIR's own files, after the result validates")
    command.add_argument("--source-id", help="the document's id in sources.csv (default: made from its file name)")
    command.add_argument("--date", help="the document's date when it carries none (2024, 2024-05, 2024-05-12)")
    command.add_argument("--year", type=int, help="geography year the names are resolved in (default: the "
                                                  "document's year if covered, else the latest)")


def _add_kernel(command: argparse.ArgumentParser) -> None:
    actions = _actions(command)
    install = _add_command(actions, "install", "make this environment's Python known to Jupyter as the kernel "
                                              "'vsv-analysis'", "kernel")
    install.add_argument("--user", action="store_true",
                         help="install for your own Jupyter (~/.local/share/jupyter), not into this environment")


COMMANDS = {
    "validate": ("check the data files and print a one-line summary", _add_validate),
    "table": ("write tidy tables as CSV or XLSX (for Excel: see --dialect, --labels)", _add_table),
    "changes": ("what changed between two snapshots, report runs or data folders", _add_changes),
    "template": ("write an input workbook to fill in Excel: a sheet per evidence file, drop-down lists, "
                 "a comment on each column", _add_template),
    "init": ("write a new, empty data folder for another programme", _add_init),
    "export-graph": ("write the network as GEXF or GraphML (for Gephi)", _add_export_graph),
    "boundaries": ("municipal boundaries for real maps (optional)", _add_boundaries),
    "reference": ("current CBS reference data (optional)", _add_reference),
    "maps": ("write PNG maps of coverage in each available map mode", _add_maps),
    "render": ("execute the report notebooks and write HTML reports", _add_render),
    "extract": ("propose evidence from a memo, letter or report (PDF, Word, text): a data folder and a review "
                "workbook", _add_extract),
    "export": ("turn a notebook executed elsewhere (papermill, Jupyter) into the render's offline HTML page",
               _add_export),
    "kernel": ("the Jupyter kernel 'vsv-analysis' that the notebooks name", _add_kernel),
}
"""Each command: its one-line help and the function that adds its arguments."""
