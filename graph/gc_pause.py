"""Pausing Python's cyclic garbage collector while building large acyclic structures.

Building a graph, indexing it, writing it as Turtle or reading it for the
timeline allocates hundreds of thousands of small dicts, lists and tuples,
none of them in a reference cycle: reference counting frees them all. The
cyclic collector still runs every few hundred allocations and, every so
often, walks every object of the process (the spaCy model included), which
made these stages several times slower. :func:`paused_gc` turns it off for
the duration of such a block and restores the previous state afterwards.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Run the block with the cyclic garbage collector disabled (reference counting still frees memory)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
