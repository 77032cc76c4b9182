"""Incremental, idempotent builds: ``kg update OUT INPUT...`` and ``kg build`` onto an output.

A build directory keeps, beside its outputs, what the next build over it needs
(``OUT/state/``)::

    state/build.json        the inputs and options of the build, and a key of them
    state/ids.json          every entity and paper id published so far (kg.ids)
    state/blocks/NAME.json  where each node's block lies in each output (kg.export.blocks)
    state/store.json        which export OUT/store holds (kg.store)
    state/cache/            first extraction passes and parsed input files (kg.cache)

A build over such a directory:

1. reads the inputs, reusing the records of input files unchanged since (path,
   size, modification time);
2. gives papers and entities the ids published before (:mod:`kg.ids`);
3. extracts only papers whose title and abstract it has not seen (with this
   extractor), then runs the corpus pass and resolution over *all* papers;
4. writes each output by copying the blocks of unchanged nodes from the previous
   file and making the others, and updates the store by the difference;
5. swaps the new directory into place (the previous one stays intact until then).

The result is byte-identical to building the same inputs with the same published
ids without any cache (``use_cache=False``), which the tests check. Running the
same build twice changes nothing: when inputs, options and code are those of the
build already there, nothing is read or written at all.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from kg.build import BuildResult, staged_output
from kg.cache import ShardedCache, content_key, extract_fingerprint, ingest_fingerprint
from kg.errors import InputError, KgError
from kg.ids import REGISTRY_FILE, IdRegistry
from kg.ingest import IngestReport, iter_input_files, read_file, read_papers
from kg.model import Evidence, Extraction, Mention, Paper, Source

__all__ = ["build_into", "update", "STATE_DIR", "previous_inputs"]

STATE_DIR = "state"
BUILD_FILE = "build.json"
BLOCKS_DIR = "blocks"
CACHE_DIR = "cache"
FORMAT = 1


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
        self.registry = IdRegistry.load(self.state / REGISTRY_FILE)

    def index(self, name: str):
        from kg.export.blocks import BlockIndex

        try:
            data = json.loads((self.state / BLOCKS_DIR / f"{name}.json").read_text("utf-8"))
            return BlockIndex.from_json(data)
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None

    def cache(self, kind: str, fingerprint: str) -> ShardedCache:
        return ShardedCache(self.state / CACHE_DIR / f"{kind}-{fingerprint}")


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
    return (tuple((m.label, m.type, _evidence_plain(m.evidence), m.roles, m.aliases,
                   m.lexicon_id) for m in extraction.mentions),
            tuple((p.word, p.compared, _evidence_plain(p.evidence)) for p in pending))


def _first_pass_from_plain(data: tuple, paper_id: str):
    from kg.extract.corpus_names import PendingLink

    mentions, pending = data
    return (Extraction(paper_id, tuple(
        Mention(label, kind, Evidence(*evidence), roles, aliases, lexicon_id)
        for label, kind, evidence, roles, aliases, lexicon_id in mentions)),
        tuple(PendingLink(word, compared, Evidence(*evidence))
              for word, compared, evidence in pending))


def first_passes(papers: list[Paper], cache: ShardedCache, *,
                 on_papers: Callable[[int], None] | None = None,
                 on_progress: Callable[[int], None] | None = None) -> tuple[list, int]:
    """Every paper's first extraction pass, from the cache where it can; returns the passes
    and how many papers went through the extractor."""
    keys = [content_key(p.title, p.abstract) for p in papers]
    todo: dict[str, Paper] = {}
    for paper, key in zip(papers, keys, strict=True):
        if key not in todo and cache.get(key) is None:
            todo[key] = paper
    if on_papers:
        on_papers(len(todo))
    if todo:
        from kg.extract.pipeline import extract_first_pass

        for key, first in zip(todo, extract_first_pass(todo.values(), progress=on_progress),
                              strict=True):
            cache.put(key, _first_pass_to_plain(first))
    return ([_first_pass_from_plain(cache.get(key), paper.id)
             for paper, key in zip(papers, keys, strict=True)], len(todo))


# ------------------------------------------------------------------ the build


def _build_key(files: list[Path], ignored: list[str], options: dict) -> str:
    """Same key = same inputs (path, size, modification time), options and code."""
    from kg.export.blocks import code_fingerprint

    digest = hashlib.sha1(json.dumps(options, sort_keys=True).encode())
    for path in files:
        stat = path.stat()
        digest.update(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    digest.update("|".join(ignored).encode())
    digest.update(f"{extract_fingerprint()}|{ingest_fingerprint()}|{code_fingerprint()}".encode())
    return digest.hexdigest()


def _report_from_record(record: dict) -> IngestReport:
    report = IngestReport(files=record.get("files", 0), records=record.get("records", 0))
    report.skipped = [InputError(p, line, message) for p, line, message in
                      record.get("skipped", [])]
    report.ignored_files = list(record.get("ignored", []))
    return report


def build_into(inputs: Iterable[str | Path], out_dir: str | Path, *, skip_bad: bool = False,
               input_format: str | None = None, formats: Iterable[str] | None = None,
               use_cache: bool = True, on_papers: Callable[[int], None] | None = None,
               on_progress: Callable[[int], None] | None = None,
               on_stage: Callable[[str], None] | None = None) -> BuildResult:
    """Build ``inputs`` into ``out_dir``, reusing what the build already there left.

    ``use_cache=False`` extracts every paper and writes every block anew (the ids
    published in ``out_dir`` are still kept). ``on_papers`` hears how many papers
    need the extractor, ``on_progress`` each one done, ``on_stage`` each later stage.
    """
    from kg.export import ALIASES, OUTPUTS, WRITERS

    started = time.perf_counter()
    stage = on_stage or (lambda name: None)
    out_dir = Path(out_dir)
    inputs = [str(i) for i in inputs]
    formats = tuple(ALIASES.get(name, name) for name in (formats or OUTPUTS))
    unknown = [name for name in formats if name not in WRITERS]
    if unknown:
        raise KgError(f"unknown output format {unknown[0]!r} (known: {', '.join(WRITERS)})")
    previous = PreviousBuild(out_dir)

    ignored: list[str] = []
    files = list(iter_input_files(inputs, ignored))
    options = {"skip_bad": skip_bad, "input_format": input_format, "formats": formats}
    key = _build_key(files, ignored, options)
    outputs = {name: out_dir / WRITERS[name][1] for name in formats}
    if (use_cache and previous.record.get("key") == key
            and all(path.exists() for path in outputs.values())):
        return BuildResult(None, _report_from_record(previous.record),
                           time.perf_counter() - started, outputs, up_to_date=True,
                           out_dir=out_dir)

    stage("reading inputs")
    ingest_cache = previous.cache("ingest", ingest_fingerprint()) if use_cache \
        else ShardedCache(None)
    report = read_papers(inputs, skip_bad=skip_bad, fmt=input_format,
                         reader=_caching_reader(ingest_cache))
    registry = previous.registry
    papers = registry.assign_papers(report.papers)
    report.papers = papers

    stage("extracting")
    extract_cache = previous.cache("extract", extract_fingerprint()) if use_cache \
        else ShardedCache(None)
    first, extracted = first_passes(papers, extract_cache, on_papers=on_papers,
                                    on_progress=on_progress)

    stage("resolving entities")
    from kg.extract.corpus_names import link_corpus_names
    from kg.extract.version import EXTRACTOR_VERSION
    from kg.graph import build_graph
    from kg.resolve import resolve

    extractions = link_corpus_names(first)
    del first
    entities, links = resolve(extractions, assign_ids=registry.assign_entities)
    stage("assembling the graph")
    G = build_graph(papers, entities, links, extractor_version=EXTRACTOR_VERSION)
    same_as = {old: new for old, new in registry.entity_same_as().items() if new in G}
    same_as.update({f"paper/{old}": f"paper/{new}"
                    for old, new in registry.paper_same_as().items() if f"paper/{new}" in G})
    if same_as:
        G.graph["same_as"] = dict(sorted(same_as.items()))

    result = BuildResult(G, report, outputs=dict(outputs), extracted=extracted, out_dir=out_dir)
    with staged_output(out_dir) as staging:
        state = staging / STATE_DIR
        (state / BLOCKS_DIR).mkdir(parents=True)
        indexes = _write_outputs(G, formats, staging, out_dir, previous, use_cache, result,
                                 stage)
        if "nt" in indexes:
            stage("updating the query store")
            _write_store(staging, out_dir, previous, indexes["nt"], use_cache)
            result.outputs["store"] = out_dir / "store"
        stage("saving the build state")
        (state / REGISTRY_FILE).write_text(registry.to_json(), encoding="utf-8")
        # Also after --no-cache: what was just computed serves the next build.
        ingest_cache.save(state / CACHE_DIR / f"ingest-{ingest_fingerprint()}")
        extract_cache.save(state / CACHE_DIR / f"extract-{extract_fingerprint()}")
        record = {"format": FORMAT, "key": key,
                  "inputs": [{"given": i, "path": str(Path(i).resolve())} for i in inputs],
                  "options": options,
                  "files": report.files, "records": report.records, "papers": len(papers),
                  "skipped": [[e.path, e.line, e.message] for e in report.skipped],
                  "ignored": report.ignored_files}
        (state / BUILD_FILE).write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    result.files = sorted(p for p in out_dir.rglob("*") if p.is_file())
    result.seconds = time.perf_counter() - started
    return result


def _write_outputs(G, formats, staging: Path, out_dir: Path, previous: PreviousBuild,
                   use_cache: bool, result: BuildResult, stage) -> dict:
    from kg.export import LAYOUTS, get_layout, get_writer
    from kg.export.blocks import node_digests, write_layout

    digests = node_digests(G)
    indexes = {}
    for name in formats:
        writer, filename = get_writer(name)
        stage(f"writing {filename}")
        if name not in LAYOUTS:
            writer(G, staging / filename)
            continue
        old = previous.index(name) if use_cache else None
        index = write_layout(get_layout(name)(G), staging / filename, digests, old,
                             out_dir / filename)
        result.blocks_reused += index.reused
        result.blocks_made += index.made
        indexes[name] = index
        (staging / STATE_DIR / BLOCKS_DIR / f"{name}.json").write_text(
            json.dumps(index.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n",
            encoding="utf-8")
    return indexes


def _read_range(path: Path, start: int, length: int) -> bytes:
    with open(path, "rb") as handle:
        handle.seek(start)
        return handle.read(length)


def _write_store(staging: Path, out_dir: Path, previous: PreviousBuild, index,
                 use_cache: bool) -> None:
    """``staging/store``: the previous store plus the difference, or loaded afresh."""
    from kg.store import STAMP_FILE, STORE_DIR, fresh_store, update_store, write_store

    nt_path = staging / "graph.nt"
    stamp = {"digest": index.digest, "nt_size": nt_path.stat().st_size}
    old_index = previous.index("nt") if use_cache else None
    old_store = fresh_store(out_dir) if old_index is not None else None
    old_blocks, new_blocks = (old_index.sections[0] if old_index else {}), index.sections[0]
    changed = sum(1 for node, (_, _, digest) in new_blocks.items()
                  if old_blocks.get(node, (0, 0, None))[2] != digest)
    # Removing and adding triples one by one beats a bulk load only for a small difference.
    if (old_store is not None and old_index.context == index.context
            and changed <= len(new_blocks) // 4):
        old_nt = out_dir / "graph.nt"
        # The head (the extractor) and the tail (owl:sameAs) are small: always replaced.
        removed = [_read_range(old_nt, *where) for where in (*old_index.heads, old_index.tail)]
        added = [_read_range(nt_path, *where) for where in (*index.heads, index.tail)]
        removed += [_read_range(old_nt, start, length) for node, (start, length, digest)
                    in old_blocks.items() if new_blocks.get(node, (0, 0, None))[2] != digest]
        added += [_read_range(nt_path, start, length) for node, (start, length, digest)
                  in new_blocks.items() if old_blocks.get(node, (0, 0, None))[2] != digest]
        previous_stamp = json.loads((out_dir / STAMP_FILE).read_text(encoding="utf-8"))
        update_store(staging / STORE_DIR, old_store, previous_stamp["digest"], index.digest,
                     removed, added)
    else:
        write_store(staging / STORE_DIR, nt_path, index.digest)
    (staging / STAMP_FILE).write_text(json.dumps(stamp) + "\n", encoding="utf-8")


def update(out_dir: str | Path, inputs: Iterable[str | Path], **options) -> BuildResult:
    """Add ``inputs`` to the build in ``out_dir``: build its previous inputs plus these.

    ``out_dir`` must hold a build with its state (``kg build`` writes it); the
    options are those of :func:`build_into` (``skip_bad``, ``input_format`` and
    ``formats`` default to the previous build's).
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
    for name in ("skip_bad", "input_format", "formats"):
        if options.get(name) is None:
            options[name] = recorded.get(name)
    merged: dict[str, str] = {}  # resolved path -> the input as it is given
    for path in [*previous_inputs(out_dir), *map(str, inputs)]:
        if not Path(path).exists():
            raise KgError(f"{path}: no such input" if path in map(str, inputs) else
                          f"{path}: an input of the build in {out_dir} is gone; rebuild it "
                          "with `kg build` and the inputs you have")
        merged.setdefault(str(Path(path).resolve()), path)
    return build_into(list(merged.values()), out_dir, **options)
