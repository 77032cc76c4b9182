"""Caches kept beside a build (``OUT/state/cache/``): what a rebuild need not redo.

Two caches, each a folder of immutable *shards* (``marshal`` files of plain
tuples, fast to load):

- ``extract-<fingerprint>/``: a paper's first extraction pass, keyed by a hash of
  its title and abstract. The fingerprint covers the extractor version, its code,
  its lexicons and rules, and the spaCy and Python versions, so changing any of
  them re-extracts everything;
- ``ingest-<fingerprint>/``: the records read from each input file, keyed by the
  file's path, size and modification time (and the forced format, if any).

A build reads every shard of the current fingerprint, adds one shard for what it
computed anew and hard-links the shards it still uses into its new output
directory (shards are never modified, so the old and the new build may share
them); when more than half the entries are unused, or there are too many shards,
it writes one compacted shard instead. A shard that cannot be read is ignored
(its papers are extracted again). ``marshal`` is Python's own format for plain
values; it is only read from the build directory the same user wrote.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from kg.errors import ExportError

__all__ = ["ShardedCache", "extract_fingerprint", "ingest_fingerprint", "content_key"]

MAX_SHARDS = 24
_SUFFIX = ".marshal"


def content_key(title: str, abstract: str) -> str:
    """The extraction cache key of a paper: its title and abstract, nothing else."""
    return hashlib.blake2b(f"{title}\x00{abstract}".encode("utf-8", "surrogatepass"),
                           digest_size=16).hexdigest()


def _digest_files(digest, paths: Iterable[Path]) -> None:
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())


@cache
def extract_fingerprint() -> str:
    """Extractor version + its code + lexicons and rules + spaCy and Python versions
    (found without importing spaCy, so a build served from the cache never loads it)."""
    from importlib.metadata import version

    from kg.extract.version import EXTRACTOR_VERSION
    from kg.resources import schema_path

    package = Path(__file__).resolve().parent
    digest = hashlib.sha1(f"{EXTRACTOR_VERSION}|{version('spacy')}|{sys.version_info[:2]}|"
                          f"{marshal.version}".encode())
    _digest_files(digest, (package / "extract").glob("*.py"))
    _digest_files(digest, [package / "model.py", package / "schema.py"])
    _digest_files(digest, (p for p in schema_path("lexicons").iterdir() if p.is_file()))
    return digest.hexdigest()[:16]


@cache
def ingest_fingerprint() -> str:
    """The readers' code and the Python version."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha1(f"{sys.version_info[:2]}|{marshal.version}".encode())
    _digest_files(digest, (package / "ingest").glob("*.py"))
    _digest_files(digest, [package / "model.py"])
    return digest.hexdigest()[:16]


class ShardedCache:
    """``key -> value`` (plain values) read from the shards in ``folder``; new entries are
    written as one more shard by :meth:`save`."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.entries: dict[str, object] = {}
        self.new: dict[str, object] = {}
        self.used: set[str] = set()
        self.shards: list[Path] = []
        self.unreadable: list[Path] = []
        if folder is not None and folder.is_dir():
            for path in sorted(folder.glob(f"*{_SUFFIX}")):
                try:
                    data = marshal.loads(path.read_bytes())
                    if not isinstance(data, dict):
                        raise ValueError("not a shard")
                except (OSError, EOFError, ValueError, TypeError):
                    self.unreadable.append(path)
                    continue
                self.shards.append(path)
                self.entries.update(data)

    def get(self, key: str):
        value = self.entries.get(key)
        if value is not None:
            self.used.add(key)
        return value

    def put(self, key: str, value) -> None:
        self.entries[key] = value
        self.new[key] = value
        self.used.add(key)

    def save(self, target: Path) -> None:
        """Write the cache into ``target`` (a new, empty folder): the shards still used,
        hard-linked, plus the new entries; or one compacted shard."""
        try:
            target.mkdir(parents=True, exist_ok=True)
            unused = len(self.entries) - len(self.used)
            if len(self.shards) + 1 > MAX_SHARDS or unused > len(self.used):
                self._write(target, {k: self.entries[k] for k in sorted(self.used)})
                return
            for shard in self.shards:
                _link_or_copy(shard, target / shard.name)
            if self.new:
                self._write(target, dict(sorted(self.new.items())))
        except OSError as err:
            raise ExportError(f"{target}: cannot write the build cache: "
                              f"{err.strerror or err}") from None

    def _write(self, target: Path, entries: dict) -> None:
        data = marshal.dumps(entries)
        # Named by content, so the same entries always make the same file.
        name = f"{len(self.shards):04d}-{hashlib.sha1(data).hexdigest()[:12]}{_SUFFIX}"
        (target / name).write_bytes(data)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or no hard links here
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
        target.write_bytes(source.read_bytes())
