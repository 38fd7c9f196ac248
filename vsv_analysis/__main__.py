"""``python -m vsv_analysis``: the same as the ``vsv-analysis`` command."""

import sys

from .cli import main

if __name__ == "__main__":  # render's worker processes import this module again; they must not run the command
    sys.exit(main())
