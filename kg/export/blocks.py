"""Outputs as blocks of bytes, one per graph node, so a rebuild rewrites only what changed.

Every block writer (N-Triples, Turtle, JSON-LD, ``papers.jsonl``, ``graph.json``)
lays its file out as a :class:`Layout`: a head, then sections of per-node blocks in
a fixed node order, then a tail. A block depends on its node alone (its
attributes, its out-edges and their evidence, the labels of the nodes they point
at) plus the layout's *context* (base IRI, extractor version, prefixes, the
writers' own code). :func:`node_digests` fingerprints every node once per build.

:func:`write_layout` writes a file and returns its :class:`BlockIndex` (where each
block starts, how long it is, its digest). Given the index and file of the
previous build, a block whose node digest and context are unchanged is copied
from the old file (``os.copy_file_range``: in the kernel, no Python bytes)
instead of being made again, so the bytes are the same as a full write by
construction: a full write is the same function without a previous index.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import networkx as nx

from kg.errors import ExportError

__all__ = ["Section", "Layout", "BlockIndex", "write_layout", "join_layout", "node_digests",
           "code_fingerprint"]


@dataclass
class Section:
    """Consecutive blocks, one per node of ``nodes``, joined by ``sep``, after ``head``."""

    head: bytes
    nodes: list[str]
    render: Callable[[str], bytes]
    sep: bytes = b""


@dataclass
class Layout:
    """A whole file: its sections, then ``tail``; ``context`` fingerprints what every block
    shares, so a change there (another base IRI, new writer code) remakes every block."""

    sections: list[Section]
    tail: bytes
    context: str


@dataclass
class BlockIndex:
    """Where each block of a written file lies: per section, node -> (offset, length, digest);
    also where the section heads and the tail lie, and a digest of the whole file's content."""

    context: str
    sections: list[dict[str, tuple[int, int, str]]] = field(default_factory=list)
    heads: list[tuple[int, int]] = field(default_factory=list)
    tail: tuple[int, int] = (0, 0)
    digest: str = ""
    reused: int = 0  # blocks copied from the previous file
    made: int = 0  # blocks rendered anew

    def to_json(self) -> dict:
        return {"context": self.context, "digest": self.digest,
                "heads": self.heads, "tail": self.tail,
                "sections": [[[node, *where] for node, where in section.items()]
                             for section in self.sections]}

    @classmethod
    def from_json(cls, data: dict) -> BlockIndex:
        return cls(data["context"],
                   [{row[0]: (row[1], row[2], row[3]) for row in section}
                    for section in data["sections"]],
                   [tuple(h) for h in data["heads"]], tuple(data["tail"]), data["digest"])


@cache
def code_fingerprint(*parts: str) -> str:
    """A digest of the writers' source files and library versions, for layout contexts:
    blocks written by other code are never reused."""
    import pyoxigraph

    digest = hashlib.sha1()
    package = Path(__file__).resolve().parent.parent
    for name in ("export/blocks.py", "export/rdf.py", "export/jsonld.py", "export/papers.py",
                 "export/graphjson.py", "schema.py", "vocab.py", "rdf_formats.py"):
        digest.update((package / name).read_bytes())
    for name in ("context.jsonld",):
        from kg.resources import schema_path

        digest.update(schema_path(name).read_bytes())
    digest.update(f"{pyoxigraph.__version__}|{nx.__version__}|{'|'.join(parts)}".encode())
    return digest.hexdigest()[:20]


def node_digests(G: nx.MultiDiGraph) -> dict[str, str]:
    """A digest of everything a node's block may hold: its attributes, its out-edges in
    graph order with their attributes, and the labels of the nodes they point at."""
    nodes = G.nodes
    digests = {}
    for node, data in G.nodes(data=True):
        edges = [(target, key, attrs, nodes[target].get("label"))
                 for _, target, key, attrs in G.out_edges(node, keys=True, data=True)]
        # marshal version 2 writes plain values only (no references, no interning flags),
        # so equal data gives equal bytes; twice as fast as repr.
        try:
            data_bytes = marshal.dumps((node, data, edges), 2)
        except ValueError:  # an attribute marshal cannot write (not one kg sets)
            data_bytes = repr((node, data, edges)).encode("utf-8", "surrogatepass")
        digests[node] = hashlib.blake2b(data_bytes, digest_size=12).hexdigest()
    return digests


def join_layout(layout: Layout) -> bytes:
    """The whole file in memory (for tests and small outputs)."""
    parts = []
    for section in layout.sections:
        parts.append(section.head)
        parts.append(section.sep.join(section.render(node) for node in section.nodes))
    parts.append(layout.tail)
    return b"".join(parts)


def write_layout(layout: Layout, path: str | Path, digests: Mapping[str, str],
                 previous: BlockIndex | None = None, previous_file: str | Path | None = None
                 ) -> BlockIndex:
    """Write ``layout`` to ``path``, copying the blocks ``previous`` shows unchanged."""
    path = Path(path)
    reuse = (previous is not None and previous_file is not None
             and previous.context == layout.context
             and len(previous.sections) == len(layout.sections)
             and Path(previous_file).is_file())
    index = BlockIndex(layout.context)
    content = hashlib.blake2b(layout.context.encode(), digest_size=16)
    try:
        # Unbuffered: kernel copies and our own writes share the file position.
        with open(path, "wb", buffering=0) as out, (open(previous_file, "rb") if reuse
                                                    else _NoFile()) as old:
            writer = _Writer(out, old)
            for number, section in enumerate(layout.sections):
                index.heads.append((writer.offset, len(section.head)))
                writer.write(section.head)
                content.update(section.head)
                before = previous.sections[number] if reuse else {}
                blocks: dict[str, tuple[int, int, str]] = {}
                for position, node in enumerate(section.nodes):
                    if position:
                        writer.write(section.sep)
                    digest = digests.get(node, "")
                    start = writer.offset
                    old_block = before.get(node)
                    if old_block is not None and old_block[2] == digest and digest:
                        writer.copy(old_block[0], old_block[1])
                        index.reused += 1
                    else:
                        writer.write(section.render(node))
                        index.made += 1
                    blocks[node] = (start, writer.offset - start, digest)
                    content.update(f"\n{node}\t{digest}".encode("utf-8", "surrogatepass"))
                index.sections.append(blocks)
            index.tail = (writer.offset, len(layout.tail))
            writer.write(layout.tail)
            content.update(layout.tail)
            writer.flush()
            index.digest = content.hexdigest()
    except OSError as err:
        raise ExportError(f"{path}: cannot write: {err.strerror or err}") from None
    return index


class _NoFile:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


class _Writer:
    """Buffered output that merges copies of adjacent old blocks into one kernel copy."""

    def __init__(self, out, old):
        self.out, self.old = out, old
        self.offset = 0
        self._buffer: list[bytes] = []
        self._buffered = 0
        self._copy: list[int] | None = None  # [old offset, length] of a pending copy

    def write(self, data: bytes) -> None:
        if not data:
            return
        self._flush_copy()
        self._buffer.append(data)
        self._buffered += len(data)
        self.offset += len(data)
        if self._buffered > 1 << 20:
            self._flush_buffer()

    def copy(self, start: int, length: int) -> None:
        if self._copy is not None and self._copy[0] + self._copy[1] == start:
            self._copy[1] += length
        else:
            self._flush_copy()
            self._copy = [start, length]
        self.offset += length

    def flush(self) -> None:
        self._flush_copy()
        self._flush_buffer()

    def _flush_buffer(self) -> None:
        if self._buffer:
            _write_all(self.out, b"".join(self._buffer))
            self._buffer, self._buffered = [], 0

    def _flush_copy(self) -> None:
        if self._copy is None:
            return
        self._flush_buffer()
        start, length = self._copy
        self._copy = None
        _copy_range(self.old, self.out, start, length)


def _write_all(target, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[target.write(view):]


def _copy_range(source, target, start: int, length: int) -> None:
    """Copy ``length`` bytes at ``start`` of ``source`` to the end of ``target``."""
    done = 0
    try:
        while done < length:
            copied = os.copy_file_range(source.fileno(), target.fileno(), length - done,
                                        start + done)
            if copied == 0:
                raise ExportError(f"{source.name}: shorter than its block index says")
            done += copied
        return
    except (AttributeError, OSError) as err:  # no copy_file_range here (or across devices)
        if done and not isinstance(err, AttributeError):
            raise
    source.seek(start)
    remaining = length
    while remaining:
        chunk = source.read(min(remaining, 1 << 22))
        if not chunk:
            raise ExportError(f"{source.name}: shorter than its block index says")
        _write_all(target, chunk)
        remaining -= len(chunk)
