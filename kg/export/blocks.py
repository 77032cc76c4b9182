"""JSON outputs as blocks of bytes, one per graph node, so a rebuild makes only what changed.

``papers.jsonl`` (a line per paper) and ``graph.json`` (each paper's edges, each
node) are laid out as a :class:`Layout`: sections of per-node blocks in a fixed
node order, each section after its head, then a tail. A block depends on its node
alone (its attributes, its out-edges with their evidence, the labels of the nodes
they point at: :func:`node_digests`) and on the layout's *context* (the writers'
code). :func:`write_layout` writes a file and returns its :class:`BlockIndex`
(where each block lies, and its digest); given the index and the file of the
previous build (:class:`Reuse`), a block whose digest is unchanged is copied from
the old file in the kernel (:func:`kg.export.pieces.copy_range`) instead of being
made again. A full write is the same function without a previous index, so the
bytes are the same by construction.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from collections.abc import Callable, Container, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from kg.errors import ExportError

__all__ = ["Section", "Layout", "BlockIndex", "Reuse", "node_digests", "reused_node_digests",
           "digests_version", "join_layout",
           "write_layout", "layout_context"]


@dataclass
class Section:
    """Consecutive blocks, one per node of ``nodes``, joined by ``sep``, after ``head``."""

    head: bytes
    nodes: list[str]
    render: Callable[[str], bytes]
    sep: bytes = b""


@dataclass
class Layout:
    """A whole file: its sections, then ``tail``; ``context`` fingerprints what every
    block shares (a change there remakes every block)."""

    sections: list[Section]
    tail: bytes
    context: str


@dataclass
class BlockIndex:
    """Where each block of a written file lies: per section, node -> (offset, length,
    digest), the separator not included."""

    context: str
    sections: list[dict[str, tuple[int, int, str]]] = field(default_factory=list)
    reused: int = 0  # blocks copied from the previous file (not saved)
    made: int = 0

    @classmethod
    def load(cls, path: Path) -> BlockIndex | None:
        """The index saved by :meth:`save` (a marshal file: ten times faster to read than
        JSON, and only ever read from the build directory kg wrote)."""
        try:
            context, sections = marshal.loads(path.read_bytes())
            if not isinstance(context, str) or not all(isinstance(s, dict) for s in sections):
                raise ValueError("not a block index")
            return cls(context, list(sections))
        except (OSError, EOFError, ValueError, TypeError):
            return None  # no index (or a broken one): every block is made

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(marshal.dumps((self.context, self.sections)))


@dataclass
class Reuse:
    """What a block writer may copy from: the previous build's file and its index, the
    node digests of this build, and where to save the index of the file it writes."""

    digests: Mapping[str, str]
    previous: BlockIndex | None
    previous_file: Path | None
    index_file: Path


def layout_context(name: str, *modules: str) -> str:
    """The context of a layout: its name and the source of the modules that render it."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha1(name.encode())
    for module in ("export/blocks.py", *modules):
        digest.update((package / module).read_bytes())
    return digest.hexdigest()[:20]


def node_digests(G: nx.MultiDiGraph) -> dict[str, str]:
    """A digest of everything a node's blocks may hold: its attributes, its out-edges in
    graph order with their attributes, and the labels of the nodes they point at."""
    # The graph's own dicts, in the order of G.nodes and G.out_edges: their views cost
    # more than the digests on a 10,000-paper graph.
    nodes, succ = G._node, G._succ
    digests = {}
    for node, data in nodes.items():
        edges = [(target, key, attrs, nodes[target].get("label"))
                 for target, keyed in succ[node].items() for key, attrs in keyed.items()]
        try:
            # marshal version 2 writes plain values only (no references), so equal data
            # gives equal bytes; several times faster than repr or json.
            raw = marshal.dumps((node, data, edges), 2)
        except ValueError:  # an attribute marshal cannot write (none that kg sets)
            raw = repr((node, data, edges)).encode("utf-8", "surrogatepass")
        digests[node] = hashlib.blake2b(raw, digest_size=12).hexdigest()
    return digests


def digests_version() -> str:
    """The code a node's digest and its signature depend on (how the graph holds a node and
    how it is digested): kept digests made by other code are never reused."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha1(f"{marshal.version}".encode())
    for module in ("export/blocks.py", "graph.py", "model.py"):
        digest.update((package / module).read_bytes())
    return digest.hexdigest()[:20]


def reused_node_digests(G: nx.MultiDiGraph, texts: Mapping[str, str],
                        previous: Mapping[str, tuple[str, str]] | None = None,
                        unchanged_evidence: Container[str] = ()
                        ) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """:func:`node_digests`, reusing the previous build's digest of a paper whose evidence is
    known to be the same (``unchanged_evidence``: paper nodes whose links and results a
    resumed resolution gave the evidence it had; :class:`kg.resolve.Resolver`) and whose
    *signature* is: everything its digest covers but that evidence and its abstract, with
    the content key of its title and abstract (``texts``: paper node -> key) instead.
    Returns the digests and, for the next build, ``{paper node: (signature, digest)}``
    (``previous`` is that of the build before)."""
    nodes, succ = G._node, G._succ
    previous = previous or {}
    digests, kept = {}, {}
    for node, data in nodes.items():
        key = texts.get(node)
        if key is None:  # not a paper: digested whole (entities have no evidence)
            digests[node] = _digest(node, data, succ, nodes)
            continue
        fields = [(name, value) for name, value in data.items()
                  if name != "abstract" and name != "results"]
        results = [[(name, value) for name, value in result.items() if name != "evidence"]
                   for result in data.get("results", ())]
        edges = [(target, edge, [(name, value) for name, value in attrs.items()
                                 if name != "evidence"], nodes[target].get("label"))
                 for target, keyed in succ[node].items() for edge, attrs in keyed.items()]
        try:
            raw = marshal.dumps((node, key, fields, results, edges), 2)
        except ValueError:
            raw = repr((node, key, fields, results, edges)).encode("utf-8", "surrogatepass")
        signature = hashlib.blake2b(raw, digest_size=12).hexdigest()
        old = previous.get(node)
        if old is not None and old[0] == signature and node in unchanged_evidence:
            digest = old[1]
        else:
            digest = _digest(node, data, succ, nodes)
        digests[node] = digest
        kept[node] = (signature, digest)
    return digests, kept


def _digest(node: str, data: dict, succ, nodes) -> str:
    """One node's digest, as :func:`node_digests` makes it."""
    edges = [(target, key, attrs, nodes[target].get("label"))
             for target, keyed in succ[node].items() for key, attrs in keyed.items()]
    try:
        raw = marshal.dumps((node, data, edges), 2)
    except ValueError:
        raw = repr((node, data, edges)).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(raw, digest_size=12).hexdigest()


def join_layout(layout: Layout) -> bytes:
    """The whole file in memory (for tests and small outputs)."""
    parts = []
    for section in layout.sections:
        parts.append(section.head)
        parts.append(section.sep.join(section.render(node) for node in section.nodes))
    parts.append(layout.tail)
    return b"".join(parts)


def write_layout(layout: Layout, path: str | Path, reuse: Reuse | None = None) -> BlockIndex:
    """Write ``layout`` to ``path``; with ``reuse``, copy the blocks whose digest did not
    change from the previous file and save the new index to ``reuse.index_file``."""
    from kg.export.pieces import copy_range

    path = Path(path)
    previous = reuse.previous if reuse is not None else None
    old_file = reuse.previous_file if reuse is not None else None
    if not (previous is not None and previous.context == layout.context
            and len(previous.sections) == len(layout.sections)
            and old_file is not None and old_file.is_file()):
        previous = None
    digests = reuse.digests if reuse is not None else {}
    index = BlockIndex(layout.context)
    try:
        out = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        old = os.open(old_file, os.O_RDONLY) if previous is not None else None
    except OSError as err:
        raise ExportError(f"{path}: cannot write: {err.strerror or err}") from None
    writer = _Writer(out, old, copy_range)
    try:
        for number, section in enumerate(layout.sections):
            writer.write(section.head)
            before = previous.sections[number] if previous is not None else {}
            blocks: dict[str, tuple[int, int, str]] = {}
            sep = section.sep
            # The block first in the old section has no separator before it in the old file.
            old_first = min((where[0] for where in before.values()), default=None)
            for position, node in enumerate(section.nodes):
                digest = digests.get(node, "")
                old_block = before.get(node)
                same = old_block is not None and bool(digest) and old_block[2] == digest
                if same and position and sep and old_block[0] != old_first:
                    # copy the separator with the block, so neighbours make one copy
                    writer.copy(old_block[0] - len(sep), old_block[1] + len(sep))
                    start = writer.offset - old_block[1]
                else:
                    if position:
                        writer.write(sep)
                    start = writer.offset
                    if same:
                        writer.copy(old_block[0], old_block[1])
                    else:
                        writer.write(section.render(node))
                if same:
                    index.reused += 1
                else:
                    index.made += 1
                if reuse is not None:
                    blocks[node] = (start, writer.offset - start, digest)
            index.sections.append(blocks)
        writer.write(layout.tail)
        writer.flush()
    except OSError as err:
        raise ExportError(f"{path}: cannot write: {err.strerror or err}") from None
    finally:
        os.close(out)
        if old is not None:
            os.close(old)
    if reuse is not None:
        index.save(reuse.index_file)
    return index


class _Writer:
    """Buffered output that merges copies of adjacent old blocks into one kernel copy."""

    def __init__(self, out: int, old: int | None, copy_range):
        self.out, self.old, self.copy_range = out, old, copy_range
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
            view = memoryview(b"".join(self._buffer))
            while view:
                view = view[os.write(self.out, view):]
            self._buffer, self._buffered = [], 0

    def _flush_copy(self) -> None:
        if self._copy is None:
            return
        self._flush_buffer()
        start, length = self._copy
        self._copy = None
        self.copy_range(self.old, self.out, start, length)
