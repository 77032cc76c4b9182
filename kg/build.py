"""From input files to output files: ingest -> extract -> resolve -> graph -> writers."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import networkx as nx

from kg.ingest import IngestReport, read_papers, require_papers

__all__ = ["BuildResult", "build", "build_graph_from_inputs", "write_outputs"]

Progress = Callable[[int], None]  # called with the number of papers just processed
Stage = Callable[[str], None]  # called with the name of each stage as it starts


@dataclass
class BuildResult:
    built: nx.MultiDiGraph | None  # None when the build was up to date (nothing rebuilt)
    report: IngestReport
    seconds: float = 0.0
    outputs: dict[str, Path] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)  # every file written, under out_dir
    notes: list[str] = field(default_factory=list)  # outputs left out for size, and why
    stages: dict[str, float] = field(default_factory=dict)  # seconds per stage
    extracted: int = 0  # papers that went through the extractor (the rest came from the cache)
    resolution_resumed: bool = False  # resolution resumed from the previous build's state
    pieces_reused: int = 0  # RDF pieces copied from the previous build's files
    pieces_made: int = 0
    up_to_date: bool = False  # same inputs, options and code as the build already there
    out_dir: Path | None = None

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The graph built (read back from ``graph.json`` when the build was up to date)."""
        if self.built is None and self.out_dir is not None:
            from kg.export.graphjson import read_graph

            self.built = read_graph(self.out_dir)
        return self.built


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def size_notes(G: nx.MultiDiGraph, formats: Iterable[str], *, jsonld: bool | None = None,
               full_view: bool | None = None) -> tuple[list[str], list[str]]:
    """(formats to write, notes on what is left out because the graph is large).

    ``jsonld`` / ``full_view`` None: graph.jsonld only up to
    :data:`kg.export.JSONLD_MAX_PAPERS` papers, views/full.html only up to
    :data:`kg.views.FULL_VIEW_MAX_NODES` nodes; True: always; False: never.
    """
    from kg.export import JSONLD_MAX_PAPERS
    from kg.schema import PAPER
    from kg.views import FULL_VIEW_MAX_NODES, full_view_skipped

    formats, notes = list(formats), []
    papers = sum(1 for _, kind in G.nodes(data="type") if kind == PAPER.name)
    if "jsonld" in formats and (jsonld is False or (jsonld is None
                                                    and papers > JSONLD_MAX_PAPERS)):
        formats.remove("jsonld")
        if jsonld is None:
            notes.append(f"graph.jsonld not written: {papers:,} papers are more than "
                         f"{JSONLD_MAX_PAPERS:,} (graph.nt and graph.ttl hold the same "
                         "triples); --jsonld writes it")
    if "html" in formats and full_view is None and full_view_skipped(G, None):
        notes.append(f"views/full.html not written: {G.number_of_nodes():,} nodes are "
                     f"more than a browser can draw ({FULL_VIEW_MAX_NODES:,}); "
                     "--full-view writes it")
    return formats, notes


def build_graph_from_inputs(
    inputs: Iterable[str | Path],
    *,
    skip_bad: bool = False,
    input_format: str | None = None,
    on_papers: Callable[[int], None] | None = None,
    on_progress: Progress | None = None,
    jobs: int = 1,
    scheduler: str | None = None,
    stages: dict[str, float] | None = None,
    on_stage: Stage | None = None,
) -> tuple[nx.MultiDiGraph, IngestReport]:
    """Read, extract, resolve and assemble; ``on_papers`` hears the total once known,
    ``on_stage`` the name of each stage as it starts, ``stages`` the seconds of each.

    Extraction runs in ``jobs`` processes, or on the Dask cluster at ``scheduler``
    (``"local"``: a LocalCluster of ``jobs`` workers on 127.0.0.1); the graph is the
    same either way.
    """
    stage = on_stage or (lambda name: None)
    stage("reading inputs")
    from kg.extract.parallel import extract_dask, extract_parallel, local_cluster
    from kg.extract.pipeline import EXTRACTOR_VERSION
    from kg.graph import build_graph
    from kg.resolve import resolve_all

    inputs = list(inputs)
    clock = _StageClock(stages)
    report = require_papers(read_papers(inputs, skip_bad=skip_bad, fmt=input_format), inputs)
    clock("ingest")
    if on_papers:
        on_papers(len(report.papers))
    stage("extracting")
    if scheduler == "local":
        with local_cluster(jobs) as cluster:
            extractions = list(extract_dask(report.papers, cluster, progress=on_progress))
    elif scheduler:
        extractions = list(extract_dask(report.papers, scheduler, progress=on_progress))
    else:
        extractions = list(extract_parallel(report.papers, jobs, progress=on_progress))
    clock("extract")
    stage("resolving entities")
    resolved = resolve_all(extractions)
    del extractions
    clock("resolve")
    stage("assembling the graph")
    G = build_graph(report.papers, resolved.entities, resolved.links, resolved.results,
                    extractor_version=EXTRACTOR_VERSION)
    clock("graph")
    return G, report


def _timed(label: str, writer, *args, **options) -> float:
    started = time.perf_counter()
    writer(*args, **options)
    return time.perf_counter() - started


class _StageClock:
    """Records the seconds since the previous call under each stage name (if asked to)."""

    def __init__(self, stages: dict[str, float] | None):
        self.stages, self.last = stages, time.perf_counter()

    def __call__(self, name: str) -> None:
        now = time.perf_counter()
        if self.stages is not None:
            self.stages[name] = self.stages.get(name, 0.0) + now - self.last
        self.last = now


def write_outputs(G: nx.MultiDiGraph, out_dir: str | Path,
                  formats: Iterable[str] | None = None, *, jobs: int = 1,
                  full_view: bool | None = None, shards: int | None = None,
                  stages: dict[str, float] | None = None,
                  on_stage: Stage | None = None,
                  notify: Callable[[str], None] | None = None,
                  state=None) -> dict[str, Path]:
    """Write every format into a staging directory that then replaces ``out_dir``.

    An interrupted or failed run leaves the previous ``out_dir`` (if any)
    untouched; see :func:`kg.outdir.staged_output` for the lock, the manifest
    and the recovery after a kill (reported through ``notify``).
    The RDF formats are written in one pass by ``jobs`` processes; ``shards`` keeps
    that many N-Triples paper shards (plus ``entities.nt``) in ``out_dir/shards/``.
    ``on_stage`` hears "writing FILES" once: the writers run side by side.

    ``state`` (a :class:`kg.update.BuildState`, given by :func:`build`) lets the RDF
    writers copy the pieces that did not change from the build in ``out_dir``, and
    then writes the query store and what the next build reuses into the staging
    directory (``store/``, ``state/``).
    """
    from kg.export import OUTPUTS, RDF_OUTPUTS, get_writer
    from kg.export.rdf import write_rdf
    from kg.outdir import staged_output

    out_dir = Path(out_dir)
    written: dict[str, Path] = {}
    formats = list(formats or OUTPUTS)
    clock = _StageClock(stages)
    with staged_output(out_dir, notify=notify) as staging:
        if state is not None:
            state.check()
        others = [n for n in formats if not (n in RDF_OUTPUTS and "nt" in formats)]
        # The other writers run beside the RDF shards, the slowest (the views) first.
        others.sort(key=lambda n: n != "html")
        if on_stage:  # one stage: the writers run side by side
            on_stage(f"writing {', '.join(formats)}" + (f" ({jobs} processes)" if jobs > 1 else ""))
        tasks, names = [], []
        digests = state.digests(G) if state is not None else None
        # A query store loaded afresh (no previous build to update it from) takes as long as
        # the RDF pieces: with processes to spare, the views (which need no RDF) wait and
        # are written beside that load (which needs all of it). An update's store is quick;
        # there, with processes to spare, the views are written in two halves side by side
        # (kg.views.VIEW_PARTS), the second after the site (the longest tasks first).
        beside_store = (state is not None and state.pieces is None and jobs > 1
                        and "nt" in formats and "html" in others)
        split_views = jobs > 1 and not beside_store and "html" in others
        # An update on two processes: the RDF files joined and the store updated (work of
        # this process alone, which used to wait for all the writers and then run with the
        # other core idle) go beside the writers. A forked process writes the site, the
        # second half of the views and the JSON blocks, while this one makes the RDF
        # pieces, joins the files, updates the store and then writes the overview.
        tail_beside = (state is not None and state.pieces is not None and jobs == 2
                       and "nt" in formats and bool(others))
        for name in others:
            writer, filename = get_writer(name)
            # The views link the entity pages even while those are still being written.
            options = ({"full_view": full_view, "site": "site" in formats} if name == "html"
                       else {"search_index": "html" not in formats, "overview": "html" in formats}
                       if name == "site" else {})
            if state is not None and name in state.BLOCK_WRITERS:
                options["blocks"] = state.block_reuse(name, digests, staging, out_dir / filename)
            elif state is not None and name == "site":
                options["pages"] = state.page_reuse(digests, staging, out_dir / filename)
            elif state is not None and name == "html":
                options["fragments"] = state.view_reuse(digests, staging)
            if name == "html" and split_views:
                from kg.views import VIEW_PARTS

                first, second = VIEW_PARTS
                fragments = options.pop("fragments", None)
                tasks.append(partial(_timed, "write html", writer, G, staging / filename,
                                     part=first, **options))
                names.append(f"html ({first})")
                later = partial(_timed, "write html", writer, G, staging / filename,
                                part=second, fragments=fragments, **options)
                at = 2 if "site" in others else 1
            else:
                tasks.append(partial(_timed, f"write {name}", writer, G, staging / filename,
                                     **options))
                names.append(name)
            written[name] = out_dir / filename
        if split_views:
            tasks.insert(at, later)
            names.insert(at, f"html ({second})")
        seconds: list = []
        if tail_beside:
            beside_store = None
            seconds, rdf = _write_tail_beside(G, staging, out_dir, state, tasks, names,
                                              formats, shards, digests, on_stage)
            written.update({name: out_dir / path.name for name, path in rdf.items()})
            if shards:
                written["shards"] = out_dir / "shards"
        else:
            if beside_store:
                beside_store = names.index("html")
                views = tasks.pop(beside_store)
                names.pop(beside_store)
            else:
                beside_store = None
            if "nt" in formats:  # one pass for the RDF files
                rdf, pieces = write_rdf(
                    G, staging, jobs=jobs, shards=shards, turtle="ttl" in formats,
                    jsonld="jsonld" in formats, keep_shards=bool(shards), also=tasks,
                    results=seconds, previous=state.pieces if state else None, previous_dir=out_dir,
                    digests=digests, before_last_join=partial(_hash_outputs_ahead, staging)
                    if state is not None else None)
                if state is not None:
                    state.written_pieces = pieces
                if beside_store is not None:
                    from kg.forked import run_beside

                    if on_stage:
                        on_stage("writing the views and updating the query store"
                                 " (and the counts kg validate screens with)")
                    # The store in this process: RocksDB's background threads do not survive
                    # a fork, so a store opened in a forked child of a process that opened one
                    # before (a test run, a notebook) waits for them forever.
                    took, _ = run_beside(views, partial(state.save_store, G, staging, out_dir))
                    seconds.insert(beside_store, took)
                    names.insert(beside_store, "html")
                written.update({name: out_dir / path.name for name, path in rdf.items()})
                if shards:
                    written["shards"] = out_dir / "shards"
            else:
                seconds = [task() for task in tasks]
        if state is not None:  # hashed for the manifest while the store and state are saved
            _hash_outputs_ahead(staging)  # (what was complete before graph.nt was joined is
            # being hashed already: this batch waits for that one)
        if "html" in formats:  # last, so it links every page written (entity pages too)
            from kg.views import write_index

            write_index(G, staging)
        clock("write (wall)")
        if stages is not None:  # what each writer took, in its own process
            for name, took in zip(names, seconds, strict=False):
                stages[f"  {name}"] = took
            if "nt" in formats:
                stages["  rdf shards"] = sum(seconds[len(names):])
        if state is not None:
            written.update(state.save(G, staging, out_dir, on_stage=on_stage,
                                      store_saved=beside_store is not None or tail_beside))
            clock("store and state")
        order = [*formats, "shards", "store"]
        written = dict(sorted(written.items(), key=lambda item: order.index(item[0])
                              if item[0] in order else len(order)))
    return written


def _write_tail_beside(G, staging: Path, out_dir: Path, state, tasks: list, names: list,
                       formats: list, shards: int | None, digests, on_stage):
    """The writers of an update on two processes (``write_outputs``' ``tail_beside``): a
    forked process runs every task but the overview's (``html (overview)``, when the views
    are written), in order; this one makes the changed RDF pieces, joins the RDF files,
    updates the query store, then writes the overview. Returns each task's seconds in the
    order of ``tasks`` (then the pieces'), and the RDF files written."""
    from kg.export.rdf import write_rdf
    from kg.forked import run_beside
    from kg.outdir import hash_ahead
    from kg.update import BLOCKS_DIR, STATE_DIR
    from kg.views import VIEW_PARTS

    mine = [n for n, name in enumerate(names) if name == f"html ({VIEW_PARTS[0]})"]
    # the JSON blocks first (quick), so that this process can hash them when it is done
    blocks = [n for n, name in enumerate(names) if name in state.BLOCK_WRITERS]
    theirs = blocks + [n for n in range(len(tasks)) if n not in mine and n not in blocks]
    pieces_took: list = []

    def here():
        if on_stage:
            on_stage("writing the RDF files and updating the query store beside the pages")
        rdf, pieces = write_rdf(
            G, staging, jobs=1, shards=shards, turtle="ttl" in formats,
            jsonld="jsonld" in formats, keep_shards=bool(shards), results=pieces_took,
            previous=state.pieces, previous_dir=out_dir, digests=digests,
            # only this process's files are complete: the other one is still writing
            before_last_join=lambda: hash_ahead(staging, [
                staging / name for name in ("graph.ttl", "graph.jsonld")
                if (staging / name).is_file()]))
        state.written_pieces = pieces
        hash_ahead(staging, rdf.values())  # graph.nt, beside the store and the overview
        state.save_store(G, staging, out_dir)
        done = [tasks[n]() for n in mine]
        # the blocks the other process wrote first, hashed while it writes the rest (a file
        # still being written keeps no hash: kg.outdir.hash_ahead)
        from kg.export import get_writer

        hash_ahead(staging, [staging / get_writer(names[n])[1] for n in blocks]
                   + [staging / STATE_DIR / BLOCKS_DIR / f"{names[n]}.marshal" for n in blocks])
        return rdf, done

    there_took, (rdf, mine_took) = run_beside(lambda: [tasks[n]() for n in theirs], here)
    took = dict(zip(theirs, there_took, strict=True)) | dict(zip(mine, mine_took, strict=True))
    return [took[n] for n in range(len(tasks))] + pieces_took, rdf


def _hash_outputs_ahead(staging: Path) -> None:
    """Hash, in the background, the files the writers made (not those hard-linked from the
    previous build, whose hashes the manifest keeps): the data files, views and state
    written so far (the entity pages are many small files, most of them kept)."""
    from kg.outdir import hash_ahead

    paths = []
    pending = [os.fspath(staging)]
    while pending:
        folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name not in ("site", "store", "shards"):
                        pending.append(entry.path)
                elif entry.is_file(follow_symlinks=False) and entry.stat(
                        follow_symlinks=False).st_nlink == 1:
                    paths.append((entry.stat(follow_symlinks=False).st_size, entry.path))
    hash_ahead(staging, [path for _, path in sorted(paths, reverse=True)])


def build(inputs: Iterable[str | Path], out_dir: str | Path, *, skip_bad: bool = False,
          input_format: str | None = None, formats: Iterable[str] | None = None,
          on_papers=None, on_progress=None, jobs: int | None = 1,
          jsonld: bool | None = None, full_view: bool | None = None,
          shards: int | None = None, scheduler: str | None = None,
          use_cache: bool = True, on_stage: Stage | None = None, notify=None) -> BuildResult:
    """Read, extract, resolve, assemble and write; ``jobs`` processes (None: all cores)
    extract and write, or the Dask cluster at ``scheduler`` extracts.

    A build that ``out_dir`` already holds is built upon (:mod:`kg.update`): its
    published ids are kept, papers it extracted are not extracted again and the RDF
    pieces that did not change are copied; ``use_cache=False`` extracts and writes
    everything anew (the ids are still kept). A new ``out_dir`` gets what a build
    without any of this would write, plus ``store/`` and ``state/``.
    """
    from kg.update import build_into

    return build_into(inputs, out_dir, skip_bad=skip_bad, input_format=input_format,
                      formats=formats, on_papers=on_papers, on_progress=on_progress,
                      jobs=jobs, jsonld=jsonld, full_view=full_view, shards=shards,
                      scheduler=scheduler, use_cache=use_cache, on_stage=on_stage,
                      notify=notify)
