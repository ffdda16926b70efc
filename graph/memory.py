"""A memory budget for one server process: new work that would take the process past it is refused
with "the server is busy" instead of the kernel killing the server, and every learner with it.

What a process holds is read from the kernel (its resident memory), so every graph, upload, opened
map and cache counts, whoever holds it; before refusing, memory that Python and the C allocator have
freed but kept is handed back (``gc.collect``, ``malloc_trim``), so a past peak does not refuse work
for ever. Work under way counts too: each :func:`reserved` block adds its estimate until it ends, so
two uploads checked at once cannot both take the last of the budget.

The budget is ``KG_MEMORY_BUDGET_MB`` (:mod:`graph.settings`); by default 60 % of the machine's
memory (``python -m deploy.serve`` shares that among its processes).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from graph import settings
from graph.core.problems import Problem, ValidationError

__all__ = ["GRAPH_BYTES_PER_FILE_BYTE", "ServerBusy", "budget_bytes", "check", "graph_cost", "reserved", "resident_bytes"]

GRAPH_BYTES_PER_FILE_BYTE = 25
"""What a loaded graph holds per byte of its CSV files (measured: 11 MB for a 5,000-link graph of 0.5 MB,
about 300 MB for 200,000 links of 20 MB), rounded up."""
_lock = threading.Lock()
_pending = 0  # bytes reserved by work under way


class ServerBusy(ValidationError):
    """The process holds as much as its budget allows; the message says so to a person. A
    :class:`~graph.core.problems.ValidationError`, so every path that reports a refused file reports it."""

    def __init__(self, what: str):
        super().__init__(
            [
                Problem(
                    what,
                    None,
                    None,
                    "the server is busy just now (it holds as much as it can for the class), so this was not "
                    "opened. Try again in a few minutes; a smaller file needs less.",
                )
            ]
        )


def budget_bytes() -> int:
    """``KG_MEMORY_BUDGET_MB``, or 60 % of the machine's memory."""
    configured = settings.value("KG_MEMORY_BUDGET_MB")
    if configured is not None:
        return int(configured * 2**20)
    try:
        return int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") * 0.6)
    except (ValueError, OSError, AttributeError):
        return 4 * 2**30


def resident_bytes() -> int:
    """This process's resident memory (0 where the kernel does not say, which turns the budget off)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def graph_cost(files) -> int:
    """About how much loading a graph from ``(name, bytes)`` files takes."""
    return GRAPH_BYTES_PER_FILE_BYTE * sum(len(data) for _, data in files)


def check(cost: int, what: str) -> None:
    """Raise :class:`ServerBusy` (naming ``what``) if ``cost`` more bytes would take the process past its budget."""
    with _lock:
        _check(cost, what)


@contextmanager
def reserved(cost: int, what: str) -> Iterator[None]:
    """Check ``cost`` against the budget, and count it as held until the block ends.

    Example
    -------
    >>> with reserved(1024, "edges.csv"):
    ...     pass
    """
    global _pending
    with _lock:
        _check(cost, what)
        _pending += cost
    try:
        yield
    finally:
        with _lock:
            _pending -= cost


def _check(cost: int, what: str) -> None:
    budget = budget_bytes()
    if resident_bytes() + _pending + cost <= budget:
        return
    _give_back_freed_memory()
    if resident_bytes() + _pending + cost > budget:
        raise ServerBusy(what)


def _give_back_freed_memory() -> None:
    gc.collect()
    libc = ctypes.util.find_library("c")
    if libc is None:
        return
    try:
        ctypes.CDLL(libc).malloc_trim(0)  # glibc: free pages back to the kernel
    except (OSError, AttributeError):
        pass
