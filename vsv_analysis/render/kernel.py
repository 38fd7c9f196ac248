"""Start an IPython kernel that ends with the render worker that started it.

The render kernelspec runs ``python -m vsv_analysis.render.kernel -f CONNECTION_FILE``;
jupyter_client starts kernels in a session of their own and names the parent in
``JPY_PARENT_PID``.
"""

from __future__ import annotations

import os

from .processes import die_with_parent

__all__ = ["main"]


def main() -> None:
    """Tie this process to its parent, then run ipykernel as ``ipykernel_launcher`` would."""
    parent = os.environ.get("JPY_PARENT_PID", "")
    if parent.isdigit():
        die_with_parent(int(parent))
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()


if __name__ == "__main__":
    main()
