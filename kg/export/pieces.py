"""Output files made of *pieces* (runs of nodes) that a rebuild copies when they did not change.

The RDF files are written piece by piece (:func:`kg.export.rdf.write_rdf`): the
extractor's triples, runs of entities and runs of papers in key order, then the
``owl:sameAs`` links of ids merged away. Each file is its pieces joined, and a
build records where each piece lies in each file and a digest of the nodes it was
made from (a :class:`PieceIndex`, kept in ``OUT/state/``). The next build over the
same directory:

- cuts the nodes at the keys the previous pieces started at (:func:`cut_runs`), so
  adding papers changes only the runs they fall into;
- copies every piece whose digest is unchanged from the previous file, in the
  kernel (``os.copy_file_range``), and makes the others.

A build without a previous index is the same code with nothing to copy, so the
bytes are those of a full write by construction (and the files do not depend on
where the runs are cut: each run starts with a new subject).
"""

from __future__ import annotations

import bisect
import hashlib
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import networkx as nx

from kg.errors import ExportError

__all__ = ["cut_runs", "run_digest", "code_fingerprint", "PieceIndex", "copy_range"]


def cut_runs(keys: Sequence[str], starts: Sequence[str] | None, size: int,
             at_least: int = 1) -> list[list[str]]:
    """``keys`` (sorted) as consecutive runs of about ``size``.

    Without ``starts``: runs of ``size`` (at least ``at_least`` runs while there are
    keys enough). With ``starts`` (the first keys of the previous build's runs), the
    runs begin at those keys, so a run whose keys did not change is the same run; a
    run grown beyond twice ``size`` is cut again into runs of about ``size``.

    >>> cut_runs(list("abcdefg"), None, 3)
    [['a', 'b', 'c'], ['d', 'e', 'f'], ['g']]
    >>> cut_runs(list("abcxdefg"), ["a", "d", "g"], 3)
    [['a', 'b', 'c', 'x'], ['d', 'e', 'f'], ['g']]
    """
    keys = list(keys)
    if not keys:
        return []
    size = max(1, min(size, -(-len(keys) // max(1, at_least))))
    if not starts:
        return [keys[i:i + size] for i in range(0, len(keys), size)]
    runs: list[list[str]] = []
    bounds = [bisect.bisect_left(keys, start) for start in starts]
    bounds = sorted({0, *(b for b in bounds if b < len(keys))})
    for begin, end in zip(bounds, [*bounds[1:], len(keys)], strict=True):
        run = keys[begin:end]
        if len(run) > 2 * size:
            parts = -(-len(run) // size)
            runs.extend(run[len(run) * i // parts: len(run) * (i + 1) // parts]
                        for i in range(parts))
        elif run:
            runs.append(run)
    while len(runs) < min(at_least, len(keys)):  # cut the longest run in two
        longest = max(range(len(runs)), key=lambda i: len(runs[i]))
        run = runs[longest]
        runs[longest:longest + 1] = [run[:len(run) // 2], run[len(run) // 2:]]
    return runs


def run_digest(nodes: Iterable[str], digests: Mapping[str, str], context: str) -> str:
    """The digest of a run of nodes under ``context`` (what every piece shares), from the
    nodes' digests (:func:`kg.export.blocks.node_digests`)."""
    digest = hashlib.blake2b(context.encode(), digest_size=16)
    for node in nodes:
        digest.update(f"{node}\t{digests[node]}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


@cache
def code_fingerprint(*parts: str) -> str:
    """A digest of the writers' code and the library versions, with ``parts``: pieces
    written by other code are never copied."""
    import pyoxigraph

    from kg.resources import schema_path

    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha1()
    for name in ("export/pieces.py", "export/rdf.py", "export/jsonld.py", "schema.py",
                 "vocab.py", "rdf_formats.py"):
        digest.update((package / name).read_bytes())
    digest.update(schema_path("context.jsonld").read_bytes())
    digest.update(f"{pyoxigraph.__version__}|{nx.__version__}|{'|'.join(parts)}".encode())
    return digest.hexdigest()[:20]


@dataclass
class PieceIndex:
    """Where each piece of a build's files lies.

    ``starts``: the first key of each run, per kind (``entities``, ``papers``);
    ``pieces``: ``(digest, {format: (offset, length)})`` in file order; ``tail``: where
    the ``owl:sameAs`` links lie; ``digest``: of the whole content (pieces and links).
    """

    context: str
    formats: tuple[str, ...]
    starts: dict[str, list[str]] = field(default_factory=dict)
    pieces: list[tuple[str, dict[str, tuple[int, int]]]] = field(default_factory=list)
    tail: dict[str, tuple[int, int]] = field(default_factory=dict)
    digest: str = ""
    reused: int = 0  # pieces copied from the previous files (not saved)
    made: int = 0

    def to_json(self) -> dict:
        return {"context": self.context, "formats": list(self.formats), "digest": self.digest,
                "starts": self.starts, "tail": {f: list(w) for f, w in self.tail.items()},
                "pieces": [[digest, {f: list(where) for f, where in places.items()}]
                           for digest, places in self.pieces]}

    @classmethod
    def from_json(cls, data: dict) -> PieceIndex:
        def places(row: dict) -> dict[str, tuple[int, int]]:
            return {str(f): (int(w[0]), int(w[1])) for f, w in row.items()}

        return cls(str(data["context"]), tuple(data["formats"]),
                   {kind: [str(k) for k in keys] for kind, keys in data["starts"].items()},
                   [(str(digest), places(row)) for digest, row in data["pieces"]],
                   places(data["tail"]), str(data["digest"]))

    def places(self) -> dict[str, dict[str, tuple[int, int]]]:
        """digest -> where that piece lies in each file."""
        return {digest: places for digest, places in self.pieces}


def _write_all(fd: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def copy_range(source: int, target: int, start: int, length: int) -> None:
    """Append ``length`` bytes at ``start`` of file ``source`` to file ``target`` (both
    descriptors; ``target`` positioned at its end): in the kernel where it can."""
    done = 0
    try:
        while done < length:
            copied = os.copy_file_range(source, target, length - done, start + done)
            if copied == 0:
                raise ExportError("a previous output is shorter than its index says")
            done += copied
        return
    except (AttributeError, OSError) as err:  # no copy_file_range here (or across devices)
        if done and not isinstance(err, AttributeError):
            raise
    while done < length:
        chunk = os.pread(source, min(length - done, 1 << 22), start + done)
        if not chunk:
            raise ExportError("a previous output is shorter than its index says")
        _write_all(target, chunk)
        done += len(chunk)
