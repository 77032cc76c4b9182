"""Incremental, idempotent builds: ``kg update OUT INPUT...`` and ``kg build`` onto an output.

A build directory keeps, beside its outputs, what the next build over it needs
(``OUT/state/``)::

    state/build.json           the inputs and options of the build, and a key of them
    state/ids.json             every entity and paper id published so far (kg.ids)
    state/rdf.json             where each piece of the RDF files lies (kg.export.pieces)
    state/blocks/NAME.marshal  where each node's block of papers.jsonl and graph.json
                               lies (kg.export.blocks)
    state/site.marshal         the digest of each entity and paper page (kg.site.pages)
    state/views.marshal        the text of each link the graph views show (kg.views.page)
    state/resolve.marshal      what resolution needs to add papers after these (kg.resolve)
    state/digests.marshal      each paper node's digest and signature (kg.export.blocks)
    state/store.json           which export OUT/store holds (kg.store)
    state/cache/               first extraction passes and parsed input files (kg.cache)

A build over such a directory:

1. reads the inputs, reusing the records of input files unchanged since (path,
   size, modification time);
2. gives papers and entities the ids published before (:mod:`kg.ids`);
3. extracts only papers whose title and abstract it has not seen (with this
   extractor), then runs the corpus pass and resolution over *all* papers;
4. writes the RDF files by copying the pieces (runs of nodes) that did not change
   from the previous files and making the others, ``papers.jsonl`` and
   ``graph.json`` likewise by blocks of one node, and updates the query store by the
   triples that differ; the entity and paper pages whose digest did not change are
   hard-linked from the previous site, the others made; the views are made again, from
   the kept script JSON of every link whose paper did not change;
5. swaps the new directory into place (:func:`kg.outdir.staged_output`: the
   previous one stays intact until then, and the manifest lists what was written).

The result is byte-identical to building the same inputs with the same published
ids without any cache (``use_cache=False``), which the tests check. Running the
same build twice changes nothing: when inputs, options and code are those of the
build already there, nothing is read or written at all.
"""

from __future__ import annotations

import functools
import hashlib
import json
import marshal
import time
from collections.abc import Callable, Iterable
from functools import cached_property, partial
from pathlib import Path

from kg.build import BuildResult
from kg.cache import ShardedCache, content_key, extract_fingerprint, ingest_fingerprint
from kg.collector import leave_to_exit, without_cycle_collection
from kg.errors import InputError, KgError
from kg.ids import REGISTRY_FILE, IdRegistry
from kg.ingest import IngestReport, iter_input_files, read_file, read_papers, require_papers
from kg.model import Evidence, Extraction, Mention, Paper, ResultMention, Source
from kg.outdir import manifest_paths

__all__ = ["build_into", "update", "BuildState", "STATE_DIR", "previous_inputs"]

STATE_DIR = "state"
BUILD_FILE = "build.json"
PIECES_FILE = "rdf.json"
BLOCKS_DIR = "blocks"
PAGES_FILE = "site.marshal"
VIEWS_FILE = "views.marshal"
RESOLVE_FILE = "resolve.marshal"
DIGESTS_FILE = "digests.marshal"
CACHE_DIR = "cache"
FORMAT = 2


# ------------------------------------------------------------------ the previous build


class PreviousBuild:
    """What ``OUT/state`` says about the build already in ``OUT`` (nothing for a new OUT)."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        self.state = out_dir / STATE_DIR
        self.record: dict = {}
        path = self.state / BUILD_FILE
        if path.is_file():
            try:
                record = json.loads(path.read_text(encoding="utf-8"))
                if record.get("format") == FORMAT:
                    self.record = record
            except (OSError, ValueError):
                pass  # an unreadable record only costs the shortcuts
        self.link_texts: dict | None = None  # the views' link texts, once prefetched
        self.resolution_token: str | None = None  # of the resolution state read

    @cached_property
    def registry(self) -> IdRegistry:
        """The ids published so far, read when first asked for (an update forks its warm
        extractor before: reading ``ids.json`` is a fifth of a second at 10,000 papers;
        an up-to-date build never reads it)."""
        return IdRegistry.load(self.state / REGISTRY_FILE)

    def resolution(self):
        """The :meth:`kg.resolve.Resolver.state` the build in OUT saved, or None."""
        try:
            raw = (self.state / RESOLVE_FILE).read_bytes()
            state = marshal.loads(raw)
        except (OSError, EOFError, ValueError, TypeError):
            return None  # none, or unreadable: resolution runs over every paper
        self.resolution_token = _token(raw)
        return state

    def kept_digests(self) -> dict | None:
        """The paper nodes' (signature, digest) the build in OUT saved beside the resolution
        read by :meth:`resolution`, or None (other code, another resolution, unreadable)."""
        from kg.export.blocks import digests_version

        try:
            version, token, kept = marshal.loads((self.state / DIGESTS_FILE).read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return None
        if (version != digests_version() or self.resolution_token is None
                or token != self.resolution_token or not isinstance(kept, dict)):
            return None
        return kept

    def pieces_text(self) -> bytes:
        try:
            return (self.state / PIECES_FILE).read_bytes()
        except OSError:
            return b""

    def pieces(self):
        """The :class:`~kg.export.pieces.PieceIndex` of the RDF files in OUT, or None."""
        from kg.export.pieces import PieceIndex

        try:
            return PieceIndex.from_json(json.loads(self.pieces_text()))
        except (ValueError, KeyError, TypeError, IndexError, AttributeError):
            return None

    def cache(self, name: str) -> ShardedCache:
        return ShardedCache(self.state / CACHE_DIR / name)

    def prefetch(self, views: bool = True) -> None:
        """Read what the writers will reuse and import their modules (run while a forked
        process extracts the new papers). Only the views' link texts are read ahead: any
        of them may be offered (each is used only where its paper's digest still
        matches), while the pages and blocks are copied by indexes that must be read
        under OUT's lock."""
        import kg.export.blocks
        import kg.export.graphjson
        import kg.export.papers
        import kg.export.rdf
        import kg.graph
        import kg.site.pages
        import kg.store
        import kg.views  # noqa: F401  (imported now, while this process waits)
        from kg.views.page import read_link_texts

        if views:
            import numpy  # noqa: F401  (the views' force layout: else imported in the writer)

        if views:
            self.link_texts = read_link_texts(self.state / VIEWS_FILE)


def previous_inputs(out_dir: str | Path) -> list[str]:
    """The inputs the build in ``out_dir`` was made from, as they were given when they still
    name the same files from here (so its papers keep their ``file:line`` sources), else as
    absolute paths; ``[]`` for no build."""
    inputs = []
    for item in PreviousBuild(Path(out_dir)).record.get("inputs", []):
        given, path = item["given"], item["path"]
        inputs.append(given if str(Path(given).resolve()) == path else path)
    return inputs


# ------------------------------------------------------------------ cached reading


def _paper_to_plain(paper: Paper) -> tuple:
    return (paper.id, paper.title, paper.abstract, paper.date, paper.arxiv_id, paper.urls,
            paper.authors, tuple(source.line for source in paper.sources))


def _paper_from_plain(data: tuple, path: str) -> Paper:
    pid, title, abstract, date, arxiv_id, urls, authors, lines = data
    return Paper(pid, title, abstract, date, arxiv_id, urls, authors,
                 tuple(Source(path, line) for line in lines))


def _caching_reader(cache: ShardedCache):
    """``read_file`` that reuses the records of a file unchanged since it was read."""

    def read(path: Path, fmt: str | None):
        try:
            stat = path.stat()
        except OSError:
            return read_file(path, fmt)
        key = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{fmt or ''}"
        cached = cache.get(key)
        if cached is not None:
            return [_paper_from_plain(data, str(path)) for data in cached]
        records = list(read_file(path, fmt))
        if not any(isinstance(r, InputError) for r in records):
            cache.put(key, tuple(_paper_to_plain(r) for r in records))
        return records

    return read


# ------------------------------------------------------------------ cached extraction


def _evidence_plain(e: Evidence) -> tuple:
    return (e.field, e.start, e.end, e.text, e.sentence, e.rule, e.confidence)


def _first_pass_to_plain(first) -> tuple:
    extraction, pending = first
    # A result points at the paper's own mentions: by their place in ``mentions``.
    place = {id(m): i for i, m in enumerate(extraction.mentions)}

    def at(mention) -> int:
        return -1 if mention is None else place[id(mention)]

    return (tuple((m.label, m.type, _evidence_plain(m.evidence), m.roles, m.aliases,
                   m.lexicon_id) for m in extraction.mentions),
            tuple((p.word, p.compared, _evidence_plain(p.evidence)) for p in pending),
            tuple((at(r.metric), r.value, r.number, _evidence_plain(r.evidence), at(r.method),
                   at(r.dataset), r.own, r.unit) for r in extraction.results))


# A cached pass makes some twenty objects a paper (200,000 mentions and their evidence on
# 10,000 papers): the frozen dataclasses' __init__ sets each field through
# object.__setattr__, which was most of the decoding. These fill the instance dict
# directly, giving equal objects (same fields, equality and hash); they are used only
# while the classes have the fields they fill.
_new = object.__new__


def _evidence_of(values: tuple) -> Evidence:
    evidence = _new(Evidence)
    d = evidence.__dict__
    d["field"], d["start"], d["end"], d["text"], d["sentence"], d["rule"], \
        d["confidence"] = values
    return evidence


def _mention_of(label, kind, evidence, roles, aliases, lexicon_id) -> Mention:
    mention = _new(Mention)
    d = mention.__dict__
    d["label"], d["type"], d["evidence"], d["roles"], d["aliases"], d["lexicon_id"] = (
        label, kind, _evidence_of(evidence), roles, aliases, lexicon_id)
    return mention


if (tuple(Evidence.__dataclass_fields__) != ("field", "start", "end", "text", "sentence",
                                             "rule", "confidence")
        or tuple(Mention.__dataclass_fields__) != ("label", "type", "evidence", "roles",
                                                   "aliases", "lexicon_id")
        or hasattr(Evidence, "__slots__") or hasattr(Mention, "__slots__")):
    def _evidence_of(values: tuple) -> Evidence:  # noqa: F811 - the model changed
        return Evidence(*values)

    def _mention_of(label, kind, evidence, roles, aliases, lexicon_id) -> Mention:  # noqa: F811
        return Mention(label, kind, Evidence(*evidence), roles, aliases, lexicon_id)


def _first_pass_from_plain(data: tuple, paper_id: str):
    from kg.extract.corpus_names import PendingLink

    mentions, pending, results = data
    mentions = tuple(_mention_of(*mention) for mention in mentions)

    def of(i: int):
        return None if i < 0 else mentions[i]

    return (Extraction(paper_id, mentions, tuple(
        ResultMention(of(metric), value, number, _evidence_of(evidence), of(method), of(dataset),
                      own, unit)
        for metric, value, number, evidence, method, dataset, own, unit in results)),
        tuple(PendingLink(word, compared, _evidence_of(evidence))
              for word, compared, evidence in pending))


def first_passes(papers: list[Paper], cache: ShardedCache, *, jobs: int = 1,
                 scheduler=None, on_papers: Callable[[int], None] | None = None,
                 on_progress: Callable[[int], None] | None = None,
                 meanwhile: Callable[[], object] | None = None,
                 warm=None, lazy: bool = False) -> tuple[list, int]:
    """Every paper's first extraction pass, from the cache where it can (the others in
    ``jobs`` processes or on the Dask cluster at ``scheduler``); returns the passes and
    how many papers went through the extractor.

    A few new papers (a day's) go through spaCy in a forked process while this one
    decodes the cached passes and then runs ``meanwhile`` (work of the later stages that
    needs no extraction): loading spaCy costs more than the decoding. ``warm`` (a
    :class:`~kg.extract.parallel.WarmExtractor`, started before the inputs were read)
    is that process, its pipeline already built or being built. ``lazy``: a cached pass
    is given as a :class:`CachedPass`, not decoded (:func:`decoded` decodes it).
    """
    meanwhile = meanwhile or (lambda: None)
    keys = [content_key(p.title, p.abstract) for p in papers]
    todo: dict[str, Paper] = {}
    for paper, key in zip(papers, keys, strict=True):
        if key not in todo and cache.get(key) is None:
            todo[key] = paper
    if on_papers:
        on_papers(len(todo))

    def decode() -> list:
        if lazy:
            return [None if key in todo else CachedPass(paper.id, cache.get(key))
                    for paper, key in zip(papers, keys, strict=True)]
        return [None if key in todo else _first_pass_from_plain(cache.get(key), paper.id)
                for paper, key in zip(papers, keys, strict=True)]

    missing = list(todo.values())
    if not missing:
        passes = decode()
        meanwhile()
        return passes, 0
    from kg.extract.parallel import (
        FORK_CHUNK,
        first_pass_dask,
        first_pass_parallel,
        local_cluster,
    )

    passes = None
    if scheduler == "local":
        with local_cluster(jobs) as cluster:
            done = first_pass_dask(missing, cluster, progress=on_progress)
        meanwhile()
    elif scheduler:
        done = first_pass_dask(missing, scheduler, progress=on_progress)
        meanwhile()
    elif jobs > 1 and len(missing) < 2 * FORK_CHUNK:  # one process would extract them
        from kg.forked import run_beside

        def here() -> list:
            decoded = decode()
            meanwhile()
            return decoded

        if warm is not None:
            pending = warm.submit(missing)
            passes = here()
            done = warm.result(pending)
        else:
            done, passes = run_beside(lambda: first_pass_parallel(missing, 1), here)
        if on_progress:
            on_progress(len(missing))
    else:
        done = first_pass_parallel(missing, jobs, progress=on_progress)
        meanwhile()
    fresh = {}
    for key, first in zip(todo, done, strict=True):
        cache.put(key, _first_pass_to_plain(first))
        fresh[key] = first
    if passes is None:
        passes = decode()
    return ([first if first is not None else _renamed(fresh[key], paper.id)
             for first, paper, key in zip(passes, papers, keys, strict=True)], len(todo))


class CachedPass:
    """A paper's first pass as the cache holds it (plain tuples), not decoded: an update
    that resumes resolution reads only the evidence of the earlier papers' links."""

    __slots__ = ("paper_id", "data")

    def __init__(self, paper_id: str, data: tuple):
        self.paper_id, self.data = paper_id, data

    def decode(self):
        return _first_pass_from_plain(self.data, self.paper_id)

    def names(self):
        """(label, type, rule, lexicon id, aliases) of its mentions (for the corpus pass)."""
        return ((m[0], m[1], m[2][5], m[5], m[4]) for m in self.data[0])


def decoded(first: list) -> list:
    """The passes with every :class:`CachedPass` decoded."""
    return [p.decode() if isinstance(p, CachedPass) else p for p in first]


class CachedExtraction:
    """What resolution reads of a :class:`CachedPass` after the corpus pass: its paper, how
    many mentions it has (its own and those its pending words gained: ``hits``, their
    places among the pending words), the evidence at a place, its results."""

    __slots__ = ("paper_id", "data", "hits", "mention_count")

    def __init__(self, cached: CachedPass, hits: list[int]):
        self.paper_id, self.data, self.hits = cached.paper_id, cached.data, hits
        self.mention_count = len(cached.data[0]) + len(hits)

    def evidence_at(self, place: int) -> Evidence:
        mentions = self.data[0]
        if place < len(mentions):
            return _evidence_of(mentions[place][2])
        return _evidence_of(self.data[1][self.hits[place - len(mentions)]][2])

    @property
    def results(self) -> tuple:
        mentions = self.data[0]

        def of(i: int):
            return None if i < 0 else _mention_of(*mentions[i])

        return tuple(ResultMention(of(metric), value, number, _evidence_of(evidence), of(method),
                                   of(dataset), own, unit)
                     for metric, value, number, evidence, method, dataset, own, unit
                     in self.data[2])


def _resumed_resolution(first: list, state, paper_keys: list[str]):
    """(a :class:`kg.resolve.Resolver` resumed from ``state`` with every paper of ``first``,
    the extractions) — the earlier papers' passes left undecoded — or None when resolution
    cannot resume (then decode everything and resolve it all)."""
    from kg.extract.corpus_names import known_names, link_corpus_names
    from kg.extract.lexicon import plain_key
    from kg.resolve import Resolver

    try:
        earlier = len(state[2])
    except (TypeError, IndexError):
        return None
    if earlier > len(first):
        return None
    before, after = first[:earlier], decoded(first[earlier:])
    # The corpus pass as over all papers: the names in paper order, the first naming wins.
    known = known_names(name for p in before for name in (
        p.names() if isinstance(p, CachedPass) else
        ((m.label, m.type, m.evidence.rule, m.lexicon_id, m.aliases) for m in p[0].mentions)))
    known = known_names(((m.label, m.type, m.evidence.rule, m.lexicon_id, m.aliases)
                         for x, _ in after for m in x.mentions), known)
    extractions = [CachedExtraction(p, [n for n, pending in enumerate(p.data[1])
                                        if plain_key(pending[0]) in known])
                   if isinstance(p, CachedPass) else link_corpus_names([p], known)[0]
                   for p in before]
    extractions += link_corpus_names(after, known)
    resolver = Resolver.resume(state, extractions, paper_keys, _resolve_version())
    return None if resolver is None else (resolver, extractions)


def _renamed(first, paper_id: str):
    """A first pass made for one paper, for another with the same title and abstract."""
    extraction, pending = first
    if extraction.paper_id == paper_id:
        return first
    return Extraction(paper_id, extraction.mentions), pending


# ------------------------------------------------------------------ the build


def _build_key(files: list[Path], ignored: list[str], options: dict) -> str:
    """Same key = same inputs (path, size, modification time), options and code."""
    from kg.export.pieces import code_fingerprint

    digest = hashlib.sha1(json.dumps(options, sort_keys=True).encode())
    for path in files:
        stat = path.stat()
        digest.update(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    digest.update("|".join(ignored).encode())
    digest.update(f"{extract_fingerprint()}|{ingest_fingerprint()}|{code_fingerprint()}|"
                  f"{_package_fingerprint()}".encode())
    return digest.hexdigest()


@functools.cache
def _resolve_version() -> str:
    """What a saved resolution depends on: the resolver's code, the extractor (its code,
    lexicons and rules: :func:`kg.cache.extract_fingerprint`) and the Python version."""
    source = (Path(__file__).resolve().parent / "resolve.py").read_bytes()
    return hashlib.sha1(source + f"|{extract_fingerprint()}|{marshal.version}".encode()
                        ).hexdigest()


def _token(raw: bytes) -> str:
    """What ties the node digests a build saves to the resolution it saved with them."""
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def _package_fingerprint() -> str:
    """Every module of kg (any change of code may change an output)."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha1()
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".html", ".js", ".css") and path.is_file():
            digest.update(str(path.relative_to(package)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _report_from_record(record: dict) -> IngestReport:
    report = IngestReport(files=record.get("files", 0), records=record.get("records", 0))
    report.skipped = [InputError(p, line, message) for p, line, message in
                      record.get("skipped", [])]
    report.ignored_files = list(record.get("ignored", []))
    return report


def _up_to_date(out_dir: Path) -> bool:
    """Every file the manifest of ``out_dir`` lists is still there, with its size."""
    from kg.outdir import read_manifest

    files = read_manifest(out_dir)
    return files is not None and all((out_dir / name).is_file() for name in files)


class BuildState:
    """What a build carries over from the build in OUT, and writes for the next one.

    :func:`kg.build.write_outputs` hands :attr:`pieces` (the previous RDF pieces) to the
    RDF writers and calls :meth:`save` inside the staging directory: it writes the
    query store (``store/``, updated from the previous one where that is cheaper) and
    ``state/`` (ids, piece index, caches, the record of this build).
    """

    def __init__(self, previous: PreviousBuild, use_cache: bool, registry: IdRegistry,
                 caches: dict[str, ShardedCache], record: dict, resolution=None,
                 paper_texts: dict[str, str] | None = None,
                 unchanged_evidence: frozenset[str] = frozenset()):
        self.previous = previous
        self.resolution = resolution  # Resolver.state() of this build, for the next
        self.paper_texts = paper_texts or {}  # paper node -> content key of its text
        # paper nodes whose evidence is that of the build in OUT (their resolution resumed)
        self.unchanged_evidence = unchanged_evidence
        self.kept_digests: dict | None = None  # paper node -> (signature, digest), to save
        self.use_cache = use_cache
        self.registry = registry
        self.caches = caches
        self.record = record
        self.pieces = previous.pieces() if use_cache else None
        self._pieces_text = previous.pieces_text()
        self.written_pieces = None  # the PieceIndex of the RDF files just written

    BLOCK_WRITERS = ("papers", "graph-json")  # written by blocks (kg.export.blocks)

    def digests(self, G) -> dict[str, str]:
        """Every node's digest; a paper's kept from the build in OUT when its evidence and
        signature are the same (:func:`kg.export.blocks.reused_node_digests`)."""
        from kg.export.blocks import reused_node_digests

        previous = (self.previous.kept_digests()
                    if self.use_cache and self.unchanged_evidence else None)
        digests, self.kept_digests = reused_node_digests(
            G, self.paper_texts, previous, self.unchanged_evidence)
        return digests

    def block_reuse(self, name: str, digests, staging: Path, previous_file: Path):
        """What the block writer ``name`` may copy from the build in OUT."""
        from kg.export.blocks import BlockIndex, Reuse

        index = (BlockIndex.load(self.previous.state / BLOCKS_DIR / f"{name}.marshal")
                 if self.use_cache else None)
        return Reuse(digests, index, previous_file,
                     staging / STATE_DIR / BLOCKS_DIR / f"{name}.marshal")

    def page_reuse(self, digests, staging: Path, previous_site: Path):
        """What the site writer may hard-link from the build in OUT."""
        from kg.site.pages import PageReuse

        return PageReuse(digests, self.previous.state / PAGES_FILE if self.use_cache else None,
                         previous_site if self.use_cache else None,
                         staging / STATE_DIR / PAGES_FILE)

    def view_reuse(self, digests, staging: Path):
        """The links' texts the views may reuse from the build in OUT."""
        from kg.views.page import LinkFragments

        return LinkFragments(digests, self.previous.state / VIEWS_FILE if self.use_cache
                             else None, staging / STATE_DIR / VIEWS_FILE,
                             preloaded=self.previous.link_texts if self.use_cache else None)

    def check(self) -> None:
        """Raise when another build replaced OUT since this one read its state (called
        once this build holds OUT's lock, before it copies anything from OUT)."""
        if self.previous.pieces_text() != self._pieces_text:
            raise KgError(f"{self.previous.out_dir}: another build replaced it while this one "
                          "ran; run this one again")

    def save_store(self, G, staging: Path, out_dir: Path) -> None:
        """``staging/store``: the query store of the RDF files just written."""
        from kg.store import save_store

        save_store(staging, out_dir, G, self.pieces if self.use_cache else None,
                   self.written_pieces)

    def save(self, G, staging: Path, out_dir: Path, on_stage=None,
             store_saved: bool = False) -> dict[str, Path]:
        """The query store (unless ``store_saved``: :meth:`save_store` ran already) and
        ``state/``; returns ``{"store": path}`` when there is a store."""
        written = {}
        if self.written_pieces is not None:
            from kg.store import STORE_DIR

            if not store_saved:
                if on_stage:
                    on_stage("updating the query store (and the counts kg validate screens with)")
                self.save_store(G, staging, out_dir)
            written["store"] = out_dir / STORE_DIR
        if on_stage:
            on_stage("saving the build state")
        state = staging / STATE_DIR
        state.mkdir(exist_ok=True)
        if self.written_pieces is not None:
            (state / PIECES_FILE).write_text(
                json.dumps(self.written_pieces.to_json(), ensure_ascii=False,
                           separators=(",", ":")) + "\n", encoding="utf-8")
        (state / REGISTRY_FILE).write_text(self.registry.to_json(), encoding="utf-8")
        if self.resolution is not None:
            # marshal version 2 writes values only (no references to shared objects), so
            # the same state gives the same bytes, however it was made
            raw = marshal.dumps(self.resolution, 2)
            (state / RESOLVE_FILE).write_bytes(raw)
            if self.kept_digests is not None:
                from kg.export.blocks import digests_version

                (state / DIGESTS_FILE).write_bytes(marshal.dumps(
                    (digests_version(), _token(raw), self.kept_digests), 2))
        # Also after --no-cache: what was just computed serves the next build.
        for name, cache in self.caches.items():
            cache.save(state / CACHE_DIR / name)
        (state / BUILD_FILE).write_text(json.dumps(self.record, indent=1) + "\n",
                                        encoding="utf-8")
        return written


def build_into(inputs: Iterable[str | Path], out_dir: str | Path, **options) -> BuildResult:
    """Build ``inputs`` into ``out_dir``, reusing what the build already there left
    (the options are those of :func:`kg.build.build` and :func:`_build_into`)."""
    with without_cycle_collection():
        return _build_into(inputs, out_dir, **options)


def _build_into(inputs: Iterable[str | Path], out_dir: str | Path, *, skip_bad: bool = False,
               input_format: str | None = None, formats: Iterable[str] | None = None,
               jobs: int | None = 1, jsonld: bool | None = None,
               full_view: bool | None = None, shards: int | None = None,
               scheduler: str | None = None, use_cache: bool = True,
               on_papers: Callable[[int], None] | None = None,
               on_progress: Callable[[int], None] | None = None,
               on_stage: Callable[[str], None] | None = None, notify=None) -> BuildResult:
    """Build ``inputs`` into ``out_dir``, reusing what the build already there left
    (the options are those of :func:`kg.build.build`).

    ``use_cache=False`` extracts every paper and writes every piece anew (the ids
    published in ``out_dir`` are still kept). ``on_papers`` hears how many papers
    need the extractor, ``on_progress`` each one done, ``on_stage`` each stage.
    """
    from kg.build import default_jobs
    from kg.export import ALIASES, OUTPUTS, WRITERS

    started = time.perf_counter()
    stage = on_stage or (lambda name: None)
    out_dir = Path(out_dir)
    inputs = [str(i) for i in inputs]
    jobs = default_jobs() if jobs is None else max(1, jobs)
    formats = tuple(dict.fromkeys(ALIASES.get(name, name) for name in (formats or OUTPUTS)))
    unknown = [name for name in formats if name not in WRITERS]
    if unknown:
        raise KgError(f"unknown output format {unknown[0]!r} (known: {', '.join(WRITERS)})")
    previous = PreviousBuild(out_dir)

    ignored: list[str] = []
    files = list(iter_input_files(inputs, ignored))
    options = {"skip_bad": skip_bad, "input_format": input_format, "formats": formats,
               "jsonld": jsonld, "full_view": full_view, "shards": shards}
    key = _build_key(files, ignored, options)
    if use_cache and previous.record.get("key") == key and _up_to_date(out_dir):
        return BuildResult(None, _report_from_record(previous.record),
                           time.perf_counter() - started, up_to_date=True, out_dir=out_dir,
                           notes=list(previous.record.get("notes", [])),
                           files=manifest_paths(out_dir))

    ingest_name = f"ingest-{ingest_fingerprint()}"
    extract_name = f"extract-{extract_fingerprint()}"
    warm = None
    if (use_cache and jobs > 1 and not scheduler
            and (previous.state / CACHE_DIR / extract_name).is_dir()):
        # An update of a build by this extractor: most papers are cached, the few new ones
        # are extracted by a process that builds the pipeline while this one reads.
        from kg.extract.parallel import WarmExtractor

        warm = WarmExtractor()
    try:
        return _build_with(inputs, out_dir, previous, started, stage, jobs, formats, key,
                           options, ingest_name, extract_name, warm,
                           skip_bad=skip_bad, input_format=input_format, jsonld=jsonld,
                           full_view=full_view, shards=shards, scheduler=scheduler,
                           use_cache=use_cache, on_papers=on_papers, on_progress=on_progress,
                           on_stage=on_stage, notify=notify)
    finally:
        if warm is not None:
            warm.close()


def _build_with(inputs, out_dir, previous, started, stage, jobs, formats, key, options,
                ingest_name, extract_name, warm, *, skip_bad, input_format, jsonld, full_view,
                shards, scheduler, use_cache, on_papers, on_progress, on_stage,
                notify) -> BuildResult:
    """The build of :func:`_build_into` once it knows there is one to make."""
    from kg.build import _StageClock, size_notes, write_outputs

    stages: dict[str, float] = {}
    clock = _StageClock(stages)
    stage("reading inputs")
    ingest_cache = previous.cache(ingest_name) if use_cache else ShardedCache(None)
    report = require_papers(read_papers(inputs, skip_bad=skip_bad, fmt=input_format,
                                        reader=_caching_reader(ingest_cache)), inputs)
    registry = previous.registry
    papers = registry.assign_papers(report.papers)
    report.papers = papers
    clock("ingest")

    stage("extracting")
    extract_cache = previous.cache(extract_name) if use_cache else ShardedCache(None)
    resolution_state = previous.resolution() if use_cache else None
    first, extracted = first_passes(papers, extract_cache, jobs=jobs, scheduler=scheduler,
                                    on_papers=on_papers, on_progress=on_progress,
                                    meanwhile=partial(previous.prefetch, "html" in formats)
                                    if use_cache else None, warm=warm,
                                    lazy=resolution_state is not None)
    if warm is not None:
        warm.close()  # before the writers fork: nothing more to extract
    clock("extract")

    stage("resolving entities")
    from kg.extract.corpus_names import link_corpus_names
    from kg.extract.version import EXTRACTOR_VERSION
    from kg.graph import build_graph, paper_node
    from kg.resolve import Resolver

    paper_keys = [content_key(p.title, p.abstract) for p in papers]
    resumed = (_resumed_resolution(first, resolution_state, paper_keys)
               if resolution_state is not None else None)
    if resumed is not None:
        resolver, extractions = resumed
    else:
        extractions = link_corpus_names(decoded(first))
        resolver = Resolver()
        resolver.add(extractions)
    resumed = resumed is not None
    leave_to_exit(first)
    del first
    resolved = resolver.finish(registry.assign_entities)
    resolution = resolver.state(paper_keys, _resolve_version())
    unchanged = frozenset(paper_node(paper_id) for paper_id, _, _ in resolver.resumed)
    leave_to_exit(extractions, resolver)
    del extractions, resolver
    clock("resolve")
    stage("assembling the graph")
    G = build_graph(papers, resolved.entities, resolved.links, resolved.results,
                    extractor_version=EXTRACTOR_VERSION)
    same_as = {old: new for old, new in registry.entity_same_as().items() if new in G}
    if same_as:
        G.graph["same_as"] = dict(sorted(same_as.items()))
    clock("graph")

    written_formats, notes = size_notes(G, formats, jsonld=jsonld, full_view=full_view)
    record = {"format": FORMAT, "key": key,
              "inputs": [{"given": i, "path": str(Path(i).resolve())} for i in inputs],
              "options": options, "notes": notes,
              "files": report.files, "records": report.records, "papers": len(papers),
              "skipped": [[e.path, e.line, e.message] for e in report.skipped],
              "ignored": report.ignored_files}
    state = BuildState(previous, use_cache, registry,
                       {ingest_name: ingest_cache, extract_name: extract_cache}, record,
                       resolution, {paper_node(paper.id): key for paper, key
                                    in zip(papers, paper_keys, strict=True)}, unchanged)
    outputs = write_outputs(G, out_dir, written_formats, jobs=jobs, full_view=full_view,
                            shards=shards, stages=stages, on_stage=on_stage, notify=notify,
                            state=state)
    pieces = state.written_pieces
    leave_to_exit(resolved, papers, state)
    return BuildResult(
        G, report, time.perf_counter() - started, outputs,
        manifest_paths(out_dir), notes, stages,
        extracted=extracted, resolution_resumed=resumed,
        pieces_reused=pieces.reused if pieces else 0,
        pieces_made=pieces.made if pieces else 0, out_dir=out_dir)


def update(out_dir: str | Path, inputs: Iterable[str | Path], **options) -> BuildResult:
    """Add ``inputs`` to the build in ``out_dir``: build its previous inputs plus these.

    ``out_dir`` must hold a build with its state (``kg build`` writes it); the
    options are those of :func:`kg.build.build` (the output options ``skip_bad``,
    ``input_format``, ``formats``, ``jsonld``, ``full_view`` and ``shards`` default to
    the previous build's).
    """
    out_dir = Path(out_dir)
    previous = PreviousBuild(out_dir)
    if not previous.record:
        if out_dir.exists():
            raise KgError(f"{out_dir}: no build state to update (not built by kg build, or by "
                          f"an older version); build it with `kg build INPUT... --out "
                          f"{out_dir}`")
        raise KgError(f"{out_dir}: no such build; make it with `kg build INPUT... --out "
                      f"{out_dir}`")
    recorded = previous.record.get("options", {})
    for name in ("skip_bad", "input_format", "formats", "jsonld", "full_view", "shards"):
        if options.get(name) is None:
            options[name] = recorded.get(name)
    merged: dict[str, str] = {}  # resolved path -> the input as it is given
    given = [str(i) for i in inputs]
    for path in [*previous_inputs(out_dir), *given]:
        if not Path(path).exists():
            raise KgError(f"{path}: no such input" if path in given else
                          f"{path}: an input of the build in {out_dir} is gone; rebuild it "
                          "with `kg build` and the inputs you have")
        merged.setdefault(str(Path(path).resolve()), path)
    return build_into(list(merged.values()), out_dir, **options)
