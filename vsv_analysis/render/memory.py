"""The memory budget of a notebook: how large it is, how it is enforced, and what a reader sees when it is hit.

Every notebook process of a render gets a budget (``render(memory_limit=...)``,
``--memory-limit``): by default half of the machine's memory shared by the
notebooks that run at once, so that one render can never take the machine down.
The notebook's own process enforces it with ``RLIMIT_DATA`` (all of the process's
private writable memory: the heap, and every array numpy maps): an allocation past it
fails as a ``MemoryError`` in the cell that asked for it, long before the kernel's
OOM killer would step in. The report then fails with a Dutch page that says so
("te weinig geheugen voor …, maat …") and the render exits 1. A process that ends
otherwise near its budget (a library that aborts instead of raising) is told the
same way, from the peak memory the worker reads when it reaps the process.

Only the standard library here.

Examples
--------
>>> gigabytes(3 * 2**30)
'3,0 GB'
>>> memory_error("04_overlap", 3 * 2**30, "9.000 initiatieven en 49.972 vermeldingen")
'te weinig geheugen voor 04_overlap (grens 3,0 GB per rapport), maat: 9.000 initiatieven en 49.972 vermeldingen'
"""

from __future__ import annotations

import contextlib
import os

__all__ = ["MEMORY_SHARE", "NEAR_LIMIT", "default_memory_limit", "ended_text", "gigabytes", "limit_memory",
           "machine_memory", "memory_error", "memory_notice", "parse_memory"]

MEMORY_SHARE = 0.5
"""The share of the machine's memory all notebooks of a render may use together, by default."""
NEAR_LIMIT = 0.9
"""A process that died with a peak this close to its budget is taken to have run out of memory."""


def machine_memory() -> int | None:
    """The machine's physical memory in bytes, or ``None`` where it cannot be read."""
    with contextlib.suppress(ValueError, OSError, AttributeError):
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return None


def default_memory_limit(jobs: int) -> int | None:
    """Bytes per notebook when ``jobs`` run at once: :data:`MEMORY_SHARE` of the machine, shared among them."""
    total = machine_memory()
    return int(total * MEMORY_SHARE / max(1, jobs)) if total else None


def parse_memory(text: str) -> int:
    """A budget given on the command line, in gigabytes ("3", "2.5", "3G", "512M"), as bytes; 0 means none.

    >>> parse_memory("2.5"), parse_memory("512M"), parse_memory("0")
    (2684354560, 536870912, 0)
    """
    value = str(text).strip().upper().removesuffix("B")
    scale = 2**30
    if value.endswith(("G", "M")):
        scale = 2**30 if value.endswith("G") else 2**20
        value = value[:-1]
    amount = float(value)
    if amount < 0 or amount != amount:
        raise ValueError(f"a memory limit must be 0 or more, not {text!r}")
    return int(amount * scale)


def limit_memory(limit: int | None) -> None:
    """Cap this process's data memory at ``limit`` bytes (nothing for ``None`` or 0, or where it cannot be set)."""
    if not limit:
        return
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))


def gigabytes(size: float) -> str:
    """Bytes as Dutch gigabytes with one decimal: "3,0 GB"."""
    return f"{size / 2**30:.1f}".replace(".", ",") + " GB"


def memory_error(name: str, limit: int | None, size: str) -> str:
    """The one-line error of a report that ran out of memory (index, manifest, log)."""
    budget = f" (grens {gigabytes(limit)} per rapport)" if limit else ""
    return f"te weinig geheugen voor {name}{budget}, maat: {size or 'onbekend'}"


def memory_notice(limit: int | None, size: str) -> str:
    """What the failed page says, in Dutch, above the part that could not be computed."""
    budget = f"de grens van {gigabytes(limit)} per rapport" if limit else "wat de computer beschikbaar had"
    return (f"Te weinig geheugen: de berekening had meer geheugen nodig dan {budget}, bij deze maat van de gegevens"
            f"{f' ({size})' if size else ''}. De resultaten vanaf deze plek ontbreken. Wie de rapporten maakt, kan "
            "de grens voor het geheugen ruimer zetten of de gegevens in delen bekijken.")


def ended_text(code: int, peak_mb: float | None = None) -> str:
    """Why a process ended without an answer, in Dutch, from its exit code (negative: the signal that ended it).

    >>> ended_text(-9).split(": ")[1]
    'het werd van buitenaf afgebroken (SIGKILL), meestal omdat de computer geen geheugen meer had'
    >>> ended_text(1)
    'het rekenproces stopte onverwacht (code 1)'
    """
    text = f"het rekenproces stopte onverwacht (code {code})"
    if code < 0:
        import signal

        name = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else f"signaal {-code}"
        text += f": het werd van buitenaf afgebroken ({name})"
        if -code == signal.SIGKILL:
            text += ", meestal omdat de computer geen geheugen meer had"
    if peak_mb:
        text += f"; het gebruikte op het hoogst {gigabytes(peak_mb * 2**20)} geheugen"
    return text
