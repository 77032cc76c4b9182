"""Run independent pieces of work in forked processes that inherit the parent's data.

The writers and the extraction hand big in-memory objects (the graph, the papers)
to their workers by forking: the children see the parent's memory as it was, so
nothing is pickled on the way in and only small results come back.

>>> run_forked([lambda: 1 + 1, lambda: "two"], jobs=2)
[2, 'two']
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

__all__ = ["run_forked"]

_TASKS: list[Callable[[], object]] = []


def _run(index: int):
    return _TASKS[index]()


def run_forked(tasks: Sequence[Callable[[], object]], jobs: int) -> list:
    """Each task's result, in task order; ``jobs`` forked processes (1: in this process).

    Tasks start in the order given, so put the longest first. An exception in a
    task is raised here once the others are stopped.
    """
    if jobs <= 1 or len(tasks) <= 1:
        return [task() for task in tasks]
    import multiprocessing

    _TASKS[:] = tasks
    try:
        with multiprocessing.get_context("fork").Pool(min(jobs, len(tasks))) as pool:
            results = dict(zip(range(len(tasks)), [None] * len(tasks), strict=True))
            for index, result in pool.imap_unordered(_indexed, range(len(tasks))):
                results[index] = result
    finally:
        _TASKS.clear()
    return [results[i] for i in range(len(tasks))]


def _indexed(index: int):
    return index, _run(index)
