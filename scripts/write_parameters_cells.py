"""Write the shared parameters cell and the project's kernel into every report notebook.

    .venv/bin/python scripts/write_parameters_cells.py

The cell is made from ``notebooks/parameters.yaml`` (:func:`vsv_analysis.jupyter.parameters.parameters_cell`),
the same in every notebook, so that ``papermill -f notebooks/parameters.yaml`` passes no name a notebook does not
declare; the kernel is ``vsv-analysis`` (:mod:`vsv_analysis.jupyter.kernel`). Everything else (cell ids, the other
cells, the order of the keys) stays as it is. ``tests/test_notebooks.py`` checks that both are in place.
"""

from __future__ import annotations

import json
from pathlib import Path

from vsv_analysis.common.locations import NOTEBOOK_DIR
from vsv_analysis.jupyter.kernel import KERNEL_DISPLAY_NAME, KERNEL_NAME
from vsv_analysis.jupyter.parameters import parameters_cell


def main() -> None:
    cell = parameters_cell()
    for path in sorted(Path(NOTEBOOK_DIR).glob("*.ipynb")):
        text = path.read_text(encoding="utf-8")
        nb = json.loads(text)
        nb["metadata"]["kernelspec"] = {"display_name": KERNEL_DISPLAY_NAME, "language": "python",
                                        "name": KERNEL_NAME}
        tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
        if len(tagged) != 1:
            raise SystemExit(f"{path}: {len(tagged)} cells tagged 'parameters'; expected one")
        tagged[0]["source"] = cell
        new = json.dumps(nb, indent=1, ensure_ascii=False) + ("\n" if text.endswith("\n") else "")
        if new != text:
            path.write_text(new, encoding="utf-8")
            print(f"wrote {path}")


if __name__ == "__main__":
    main()
