"""Keeping the large-list stages linear.

Building, exporting and drawing a 10,000-paper graph allocates millions of small
objects (dicts, tuples, XML elements) that hold no reference cycles. CPython's cyclic
garbage collector is triggered by allocation counts and walks every live object on a
full collection, so with the input resolution alive it made those stages grow faster
than linearly: measured on the synthetic 10,000-paper list, GraphML export took 4.3 s
with the collector on and 2.5 s with it paused (benchmarks/RESULTS.md).
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic collector for a bounded, allocation-heavy stage (re-entrant).

    Reference counting still frees everything as usual; only the search for cycles waits
    until the stage is over, and it is re-enabled even if the stage fails.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def without_gc_pauses(func: Callable[P, R]) -> Callable[P, R]:
    """Decorator form of :func:`paused_gc`."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with paused_gc():
            return func(*args, **kwargs)

    return wrapper


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Leave everything alive now out of the cyclic collector's walks until the block ends.

    A build's resolution (millions of objects at 50,000 papers) lives through every output
    stage; each full collection walked all of it again (about 5 % of a 10,000-paper
    build). ``gc.freeze`` moves it to the permanent generation; ``gc.unfreeze`` at the end
    hands it back, so garbage in it is still found later.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def trim_heap() -> None:
    """Hand the C heap's free pages back to the system (glibc's ``malloc_trim``; nothing
    elsewhere).

    Large NumPy arrays freed in a row leave glibc's heap holding their pages (its mmap
    threshold rises to the size of the last one freed, so the next ones come from the
    heap): after the related pairs of 50,000 papers about 60 MiB more stayed resident
    through the page and exports, the build's peak (issue 21: at most 1.5 GiB)."""
    global _malloc_trim
    if _malloc_trim is None:
        try:
            import ctypes

            _malloc_trim = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):  # not glibc
            _malloc_trim = False
    if _malloc_trim:
        _malloc_trim(0)


_malloc_trim = None
