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


def _worker_signals() -> None:
    """A worker dies quietly on SIGTERM (the pool's own way to stop it).

    The parent may have turned SIGTERM into an exception for its output directory
    (``kg.outdir.terminate_as_interrupt``); a forked worker must not inherit that.
    """
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _unwrap(outcome):
    ok, value = outcome
    if not ok:
        raise value
    return value


_COUNTER: list = []  # the index of the next task, shared by inheritance


def _next_index() -> int:
    counter = _COUNTER[0]
    with counter.get_lock():
        index = counter.value
        counter.value = index + 1
    return index


def _stop_all() -> None:
    counter = _COUNTER[0]
    with counter.get_lock():
        counter.value = len(_TASKS)


def _drain() -> list[tuple[int, tuple]]:
    """(In a child) run the next task until none is left; after a failure take no more,
    and let no one else."""
    done = []
    while (index := _next_index()) < len(_TASKS):
        outcome = _call(lambda _: _TASKS[index](), None)
        done.append((index, outcome))
        if not outcome[0]:
            _stop_all()
            break
    return done


def run_forked(tasks: Sequence[Callable[[], object]], jobs: int) -> list:
    """Each task's result, in task order, from ``jobs`` processes: this one and
    ``jobs - 1`` forked ones (1: all in this process).

    Tasks start in the order given, so put the longest first. This process works
    too, so only ``jobs - 1`` children copy the pages of the data they read (a
    child that reads an object writes its reference count, which copies the page).
    The first exception a task raises is raised here, after the pool is stopped.
    """
    if jobs <= 1 or len(tasks) <= 1:
        return [task() for task in tasks]
    import multiprocessing

    context = multiprocessing.get_context("fork")
    _TASKS[:] = tasks
    _COUNTER[:] = [context.Value("l", 0)]
    results: dict[int, object] = {}
    try:
        children = min(jobs, len(tasks)) - 1
        with context.Pool(children, _worker_signals) as pool:
            pending = [pool.apply_async(_drain) for _ in range(children)]
            while (index := _next_index()) < len(tasks):
                try:
                    results[index] = tasks[index]()
                except BaseException:
                    _stop_all()
                    raise  # leaving the pool's block stops the children
            outcomes = [outcome for result in pending for outcome in result.get()]
            for index, outcome in sorted(outcomes, key=lambda item: item[1][0]):
                results[index] = _unwrap(outcome)  # failures (ok=False) first
    finally:
        _TASKS.clear()
        _COUNTER.clear()
    return [results[i] for i in range(len(tasks))]


_FUNCTION: list = []


def _mapped(argument):
    return _call(_FUNCTION[0], argument)


def imap_forked(function: Callable, arguments: Iterable, jobs: int) -> Iterator:
    """``function(argument)`` for each argument, in order, in ``jobs`` forked processes."""
    import multiprocessing

    _FUNCTION[:] = [function]
    try:
        with multiprocessing.get_context("fork").Pool(jobs, _worker_signals) as pool:
            for outcome in pool.imap(_mapped, arguments):
                yield _unwrap(outcome)
    finally:
        _FUNCTION.clear()
