"""The extraction's first pass on several cores, or on a Dask cluster.

The papers are cut into contiguous chunks; each chunk goes through the spaCy
pipeline (:func:`kg.extract.pipeline.first_pass`) in a worker, and the plain
records come back in input order, so the corpus pass
(:func:`kg.extract.corpus_names.link_corpus_names`), resolution and assembly see
exactly what one process would have made: the outputs are byte-identical.

- :func:`extract_parallel` forks ``jobs`` local processes (they inherit the
  pipeline already built, and the papers, so nothing is pickled on the way in);
- :func:`extract_dask` sends the chunks to the workers of a Dask distributed
  cluster (``tcp://host:8786``, or a ``LocalCluster`` it starts on 127.0.0.1) and
  gathers the records on the client.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from kg.errors import KgError
from kg.model import Extraction, Paper

__all__ = ["chunk_bounds", "extract_parallel", "extract_dask", "extract_chunk", "local_cluster",
           "first_pass_parallel", "first_pass_dask", "WarmExtractor"]

Progress = Callable[[int], None]
_FORKED: dict = {}  # the papers a forked worker reads (inherited from the parent, not pickled)
FORK_CHUNK = 200  # papers per chunk a forked worker extracts


def chunk_bounds(n: int, size: int) -> list[tuple[int, int]]:
    """``[start, end)`` of consecutive chunks of at most ``size`` of ``n`` items.

    >>> chunk_bounds(5, 2)
    [(0, 2), (2, 4), (4, 5)]
    """
    return [(start, min(start + size, n)) for start in range(0, n, max(1, size))]


def extract_chunk(papers: Sequence[Paper]) -> list[tuple]:
    """The first pass over one chunk (in a worker; the pipeline is built once per process)."""
    from kg.extract.pipeline import first_pass

    return first_pass(papers)


def _forked_chunk(bounds: tuple[int, int]) -> list[tuple]:
    start, end = bounds
    return extract_chunk(_FORKED["papers"][start:end])


def extract_parallel(papers: Sequence[Paper], jobs: int, progress: Progress | None = None,
                     chunk_size: int = FORK_CHUNK) -> Iterator[Extraction]:
    """Extract with ``jobs`` forked processes; same records, in input order, as
    :func:`kg.extract.pipeline.extract`."""
    from kg.extract.corpus_names import link_corpus_names

    yield from link_corpus_names(first_pass_parallel(papers, jobs, progress, chunk_size))


def first_pass_parallel(papers: Sequence[Paper], jobs: int, progress: Progress | None = None,
                        chunk_size: int = FORK_CHUNK) -> list[tuple]:
    """The first pass (:func:`kg.extract.pipeline.first_pass`) in ``jobs`` forked
    processes, in input order."""
    from kg.extract.pipeline import build_pipeline, first_pass
    from kg.forked import imap_forked

    papers = list(papers)
    if jobs <= 1 or len(papers) < 2 * chunk_size:
        return first_pass(papers, progress=progress)
    build_pipeline()  # once, before forking: every worker inherits it
    results: list[tuple] = []
    _FORKED["papers"] = papers
    try:
        for chunk in imap_forked(_forked_chunk, chunk_bounds(len(papers), chunk_size), jobs):
            results.extend(chunk)
            if progress is not None:
                progress(len(chunk))
    finally:
        _FORKED.clear()
    return results


def _warm_up() -> None:
    """(In the warm process) load spaCy and build the pipeline, before any paper comes."""
    from kg.forked import _worker_signals

    _worker_signals()
    try:
        from kg.extract.pipeline import build_pipeline

        build_pipeline()
    except BaseException:  # noqa: BLE001 - raised again, and handed back, by the first task
        pass


def _warm_first_pass(papers: list[Paper]):
    from kg.extract.pipeline import first_pass
    from kg.forked import _call

    return _call(lambda _: first_pass(papers), None)


class WarmExtractor:
    """A forked process that loads spaCy and builds the pipeline as soon as it starts,
    while this one reads the inputs and the caches; :meth:`first_pass` then runs there.

    An update usually brings a few new papers, and building the pipeline is most of what
    extracting them costs: started first thing, that build is done by the time the build
    knows which papers are new (an update that finds none closes it unused). The papers
    go to it pickled (a day's are few), their first passes come back pickled, the same
    records a pass in this process makes.

    >>> from kg.model import Paper
    >>> warm = WarmExtractor()
    >>> try:
    ...     [x.paper_id for x, _ in warm.first_pass([Paper("p1", "T", "We use BERT.")])]
    ... finally:
    ...     warm.close()
    ['p1']
    """

    def __init__(self):
        import multiprocessing

        self._pool = multiprocessing.get_context("fork").Pool(1, _warm_up)

    def submit(self, papers: Sequence[Paper]):
        """Start the first pass of ``papers`` there; :meth:`result` waits for it."""
        return self._pool.apply_async(_warm_first_pass, (list(papers),))

    @staticmethod
    def result(pending) -> list[tuple]:
        from kg.forked import _unwrap

        return _unwrap(pending.get())

    def first_pass(self, papers: Sequence[Paper]) -> list[tuple]:
        return self.result(self.submit(papers))

    def close(self) -> None:
        """Stop the process (at once: it holds nothing to save); again, nothing."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.terminate()
            pool.join()


def local_cluster(workers: int):
    """A Dask ``LocalCluster`` of ``workers`` single-threaded processes on 127.0.0.1 (no
    dashboard): for ``kg build --dask`` and the tests."""
    from dask.distributed import LocalCluster

    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                        host="127.0.0.1", dashboard_address=None, silence_logs=40)


def extract_dask(papers: Sequence[Paper], scheduler, progress: Progress | None = None,
                 chunk_size: int = 500) -> Iterator[Extraction]:
    """Extract on a Dask cluster: ``scheduler`` is its address or a cluster object.

    The workers run the first pass on their chunks; the client gathers the plain
    records (in input order) and runs the corpus pass.
    """
    from kg.extract.corpus_names import link_corpus_names

    yield from link_corpus_names(first_pass_dask(papers, scheduler, progress, chunk_size))


def first_pass_dask(papers: Sequence[Paper], scheduler, progress: Progress | None = None,
                    chunk_size: int = 500) -> list[tuple]:
    """The first pass on the workers of a Dask cluster, gathered in input order."""
    try:
        from dask.distributed import Client, as_completed
    except ImportError:  # pragma: no cover - dask is a dependency
        raise KgError("the Dask build needs dask[distributed] installed") from None

    papers = list(papers)
    if not papers:
        return []
    try:
        client = Client(scheduler, timeout="30s", set_as_default=False)
    except (OSError, TimeoutError) as err:
        raise KgError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from None
    try:
        chunks = [papers[start:end] for start, end in chunk_bounds(len(papers), chunk_size)]
        futures = client.map(extract_chunk, chunks, pure=False)
        order = {future.key: index for index, future in enumerate(futures)}
        results: list = [None] * len(futures)
        for future in as_completed(futures, loop=client.loop):
            chunk = results[order[future.key]] = future.result()
            if progress is not None:
                progress(len(chunk))
    finally:
        client.close()
    return [record for chunk in results for record in chunk]
