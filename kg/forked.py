"""Run independent pieces of work in forked processes that inherit the parent's data.

The writers and the extraction hand big in-memory objects (the graph, the papers)
to their workers by forking: the children see the parent's memory as it was, so
nothing is pickled on the way in and only small results come back. Whatever a
task raises (even ``KeyboardInterrupt``) comes back and is raised in the parent,
so a failing worker never leaves the parent waiting.

>>> run_forked([lambda: 1 + 1, lambda: "two"], jobs=2)
[2, 'two']
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence

__all__ = ["run_forked", "imap_forked"]

_TASKS: list[Callable[[], object]] = []


def _portable(error: BaseException) -> BaseException:
    """``error`` itself if it survives pickling, else a plain error of the same text."""
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:  # noqa: BLE001 - any error class whose constructor pickling breaks
        from kg.errors import KgError

        kind = KgError if isinstance(error, KgError) else RuntimeError
        replacement = kind(str(error))
        if isinstance(error, KgError):
            replacement.exit_code = error.exit_code
        return replacement


def _call(function, argument):
    try:
        return True, function(argument)
    except BaseException as error:  # noqa: BLE001 - handed to the parent, raised there
        return False, _portable(error)


def _indexed(index: int):
    return index, _call(lambda _: _TASKS[index](), None)


def _unwrap(outcome):
    ok, value = outcome
    if not ok:
        raise value
    return value


def run_forked(tasks: Sequence[Callable[[], object]], jobs: int) -> list:
    """Each task's result, in task order; ``jobs`` forked processes (1: in this process).

    Tasks start in the order given, so put the longest first. The first exception a
    task raises is raised here, after the pool is stopped.
    """
    if jobs <= 1 or len(tasks) <= 1:
        return [task() for task in tasks]
    import multiprocessing

    _TASKS[:] = tasks
    results: dict[int, object] = {}
    try:
        with multiprocessing.get_context("fork").Pool(min(jobs, len(tasks))) as pool:
            for index, outcome in pool.imap_unordered(_indexed, range(len(tasks))):
                results[index] = _unwrap(outcome)
    finally:
        _TASKS.clear()
    return [results[i] for i in range(len(tasks))]


_FUNCTION: list = []


def _mapped(argument):
    return _call(_FUNCTION[0], argument)


def imap_forked(function: Callable, arguments: Iterable, jobs: int) -> Iterator:
    """``function(argument)`` for each argument, in order, in ``jobs`` forked processes."""
    import multiprocessing

    _FUNCTION[:] = [function]
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for outcome in pool.imap(_mapped, arguments):
                yield _unwrap(outcome)
    finally:
        _FUNCTION.clear()
