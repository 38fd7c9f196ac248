"""The kinds of value the command line takes (``type=`` of its arguments), each refusing a wrong one in words."""

from __future__ import annotations

import argparse

__all__ = ["memory", "seconds", "share"]


def seconds(text: str) -> float:
    """A number of seconds above 0."""
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number of seconds above 0, not {text!r}")
    return value


def memory(text: str) -> int:
    """A number of gigabytes, 0 or more, as bytes (0: no limit)."""
    from ..render.memory import parse_memory

    try:
        return parse_memory(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number of gigabytes, 0 or more, not {text!r}") from None


def share(text: str) -> float:
    """A share strictly between 0 and 1."""
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError(f"must be a number between 0 and 1, such as 0.05, not {text!r}")
    return value
