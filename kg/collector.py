"""Python's cycle collector paused while big acyclic structures are made.

Loading the lexicons makes tens of thousands of small objects, and a build holds
millions of long-lived ones (records, the graph, the views' data); neither makes
cycles worth collecting, yet each full collection walks every object of the
process (spaCy's too): loading the lexicons about twice as slow, a third of an
update's CPU at 10,000 papers (33 s -> 22 s). Whatever cycles the block leaves are
collected once the collector runs again.

>>> import gc
>>> with without_cycle_collection():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["without_cycle_collection", "leave_to_exit", "exits_fast"]

_LEFT: list = []  # objects a command that exits without tearing down never frees
_FAST_EXIT: list[bool] = [False]


def exits_fast() -> None:
    """This process ends with ``os._exit`` once its command is done (``kg build``,
    ``kg update``, ...: see ``kg.cli.entry``): what it would free at the end is left."""
    _FAST_EXIT[0] = True


def leave_to_exit(*objects) -> None:
    """Keep ``objects`` alive to the end of a process that :func:`exits_fast`: freeing the
    records of a large build object by object (a 10,000-paper update's passes, mentions
    and links: some 0.3 s of CPU) is work its exit never needs. Elsewhere (a library
    call, a test) nothing is kept."""
    if _FAST_EXIT[0]:
        _LEFT.append(objects)


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """The cycle collector off for the block, restored to what it was after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
