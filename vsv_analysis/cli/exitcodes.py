"""The exit codes each command's help ends with: the meaning of every code a command can return.

Kept apart from the grammar (:mod:`.parser`) because they are the command line's contract with the scripts
and schedulers that call it: one place to read what a code means, and one to change it.
"""

from __future__ import annotations

import textwrap

__all__ = ["EXIT_CODES", "exit_codes"]

EXIT_CODES = """exit codes:
  0  success (render: every report rendered)
  1  bad input data (the messages name file, row and column), a failed download, a file that cannot be read
     or written, or a report that failed
  2  wrong use: unknown option, table, parameter or notebook, a value of the wrong kind, an uncovered year;
     nothing was run
  3  render: another render is running in the output folder (pass --wait to queue behind it)
  130, 143, 129  interrupted by Ctrl-C (render: also stopped by SIGTERM or SIGHUP); no file is left half
     written, and the last published run is unchanged"""

_WRONG_USE = "wrong use: an unknown option or a value of the wrong kind"
_UNREADABLE = ("bad input data (every problem, with file, row, column and value), or a file that cannot be read "
               "or written")
_COMMAND_EXIT_CODES = {
    "validate": [("0", "the data are valid (warnings, if any, on standard error)"), ("1", _UNREADABLE),
                 ("2", f"{_WRONG_USE}, a data folder that does not exist, an uncovered year")],
    "table": [("0", "the tables were written"), ("1", _UNREADABLE),
              ("2", f"{_WRONG_USE}, an unknown table, an uncovered year, XLSX to a terminal, several tables as "
                    "one CSV file")],
    "changes": [("0", "the changes were written"), ("1", _UNREADABLE + ", such as a broken snapshot"),
                ("2", f"{_WRONG_USE}, a side that is no run, snapshot or data folder, XLSX to a terminal")],
    "template": [("0", "the workbook was written"), ("1", "bad input data (with --with-data)"),
                 ("2", f"{_WRONG_USE}, an existing file (never replaced), a name not ending in .xlsx, a file "
                       "inside the data folder, or one that cannot be written")],
    "init": [("0", "the data folder was written"),
             ("2", f"{_WRONG_USE}, a folder that exists and is not empty, or one that cannot be written")],
    "export-graph": [("0", "the network file was written"), ("1", _UNREADABLE),
                     ("2", f"{_WRONG_USE}, a format that cannot be told from --output, an uncovered year")],
    "boundaries": [("0", "the boundaries were saved in the cache"),
                   ("1", "the download or the file failed (no network, a server error, no boundaries of the "
                         "province), or the cache cannot be written"),
                   ("2", f"{_WRONG_USE}, an uncovered year")],
    "reference": [("0", "the figures were saved in the cache"),
                  ("1", "the download failed (no network, a server error, an answer that is not OData), CBS has "
                        "not published the year yet, or the cache cannot be written"),
                  ("2", f"{_WRONG_USE}, an uncovered year")],
    "maps": [("0", "the maps were written (a kind of map without data is skipped, with a note)"),
             ("1", _UNREADABLE), ("2", f"{_WRONG_USE}, an output folder named latest that does not exist yet")],
    "export": [("0", "the page was written"),
               ("1", "the notebook stopped with an error: NAME.failed.html was written; or the page cannot be "
                     "written"),
               ("2", f"{_WRONG_USE}, no such notebook, a notebook that was never executed, a page that exists "
                     "already (pass --force to replace it), a folder that does not exist")],
    "extract": [("0", "the proposal was written (and, with --apply, its new rows added to the data folder)"),
                ("1", "the document cannot be read (unknown format, empty, a scan without text, damaged, a "
                      "password), or the data folder given with --into is invalid; nothing was written"),
                ("2", f"{_WRONG_USE}, an output folder that exists and is not empty, --apply without --into or "
                      "into a workbook, an uncovered year")],
    "kernel": [("0", "the kernel was installed"),
               ("2", f"{_WRONG_USE}, or a folder that cannot be written (pass --user)")],
}
"""Each command's exit codes but render's (its help shows :data:`EXIT_CODES`); 130 is added to every one."""


def exit_codes(command: str) -> str:
    """The ``exit codes:`` block that ends the help of ``command``."""
    if command not in _COMMAND_EXIT_CODES:
        return EXIT_CODES
    rows = [*_COMMAND_EXIT_CODES[command], ("130", "interrupted by Ctrl-C; no file is left half written")]
    return "exit codes:\n" + "\n".join(textwrap.fill(meaning, width=110, initial_indent=f"  {code:<3}  ",
                                                      subsequent_indent=" " * 7) for code, meaning in rows)
