"""The output directory: staged writing, a lock, a manifest, and recovery after a kill.

One context manager, :func:`staged_output`, is the whole API a command needs::

    with staged_output("out", notify=print) as staging:
        (staging / "graph.ttl").write_text(...)
    # here "out" holds exactly what was written into `staging`

- Everything is written into a hidden staging directory beside ``out``
  (``.out.tmp-XXXX``); ``out`` is replaced only when the block succeeds, so
  an error, Ctrl-C or SIGTERM leaves the previous ``out`` as it was.
- A lock (``.out.lock`` beside it) refuses a second build into the same
  directory while one runs.
- ``out/.kg-manifest.json`` lists every file the build wrote, with its hash
  (SHA-256; for a file joined from pieces, :func:`spliced`, the SHA-256 of each piece:
  the pieces an incremental build copies keep theirs, so only new bytes are read).
  A directory is replaced only when every file in it is one kg wrote and has
  not been changed since; anything else is refused, never deleted. The
  manifest also keeps each file's size, modification time and inode: a file
  whose three are still those is not read again (as git and rsync decide), and
  a new file hard-linked to such a file (a store or cache file an incremental
  build kept) takes its hash without being read.
  :func:`record_outputs` adds what ``kg view`` / ``kg report`` write later.
- A build killed outright (SIGKILL, power cut) leaves a staging directory, or,
  between the two renames of the swap, ``out`` missing and the previous output
  as ``.out.old-PID``: the next build into ``out`` removes the former and
  restores the latter, and says so through ``notify``.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kg.errors import ExportError

__all__ = ["MANIFEST", "staged_output", "record_outputs", "read_manifest", "manifest_paths",
           "as_written", "hash_ahead", "spliced", "read_ranges", "ranges_digest", "file_digest",
           "Terminated", "terminate_as_interrupt"]

MANIFEST = ".kg-manifest.json"
_STAGING_MARK = ".kg-staging"  # written first into every staging directory
# What a kg build wrote before manifests existed: replaced only when graph.json is there too.
_LEGACY_TOP = {"graph.ttl", "graph.nt", "graph.jsonld", "graph.html", "papers.jsonl",
               "graph.json", "index.html"}
_LEGACY_DIRS = {"views": (".html",), "report": (".html", ".md", ".png")}

Notify = Callable[[str], None]


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised like Ctrl-C so that clean-up runs."""


def _hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


RANGES = "ranges:"  # the manifest's hash of a file hashed by pieces


def ranges_digest(ranges: Iterable[tuple[int, str]]) -> str:
    """The manifest's hash of a file made of pieces: ``ranges:`` and the SHA-256 of the
    pieces' (length, SHA-256) in file order."""
    text = json.dumps([[length, digest] for length, digest in ranges], separators=(",", ":"))
    return RANGES + hashlib.sha256(text.encode()).hexdigest()


def _hash_ranges(path: Path, lengths: Iterable[int]) -> list[tuple[int, str]] | None:
    """The (length, SHA-256) of the consecutive byte ranges of ``lengths`` that make up
    ``path``, or None when the file is not made of them (another size)."""
    ranges = []
    with open(path, "rb") as handle:
        for length in lengths:
            digest, left = hashlib.sha256(), length
            while left:
                block = handle.read(min(left, 1 << 20))
                if not block:
                    return None
                digest.update(block)
                left -= len(block)
            ranges.append((length, digest.hexdigest()))
        if handle.read(1):
            return None
    return ranges


def file_digest(path: Path, ranges: list | None = None) -> str:
    """The hash the manifest gives ``path``: its SHA-256, or with ``ranges`` (the pieces'
    (length, SHA-256) the manifest recorded) the :func:`ranges_digest` of its pieces."""
    if ranges is None:
        return _hash(path)
    found = _hash_ranges(path, [length for length, _ in ranges])
    return ranges_digest(found) if found is not None else ""


def _scan(root: Path) -> dict[str, list[int] | None]:
    """Every file (and symlink) under ``root``, as sorted POSIX paths relative to it, with
    the signature of each regular file (size, mtime, inode; None for a symlink).

    One ``lstat`` a file, through ``os.scandir`` (a build holds 12,000 files: walking them
    with ``pathlib`` cost more than the system calls)."""
    found: dict[str, list[int] | None] = {}
    pending = [("", os.fspath(root))]
    while pending:
        prefix, folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                name = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    pending.append((name + "/", entry.path))
                elif entry.is_symlink():
                    found[name] = None
                else:
                    stat = entry.stat(follow_symlinks=False)
                    found[name] = [stat.st_size, stat.st_mtime_ns, stat.st_ino]
    return dict(sorted(found.items()))


def _files(root: Path) -> list[str]:
    """Every file (and symlink) under ``root``, as sorted POSIX paths relative to it."""
    return list(_scan(root))


def read_ranges(out_dir: str | Path) -> dict[str, list[tuple[int, str]]]:
    """``{relative path: [(length, sha256), ...]}`` of the files the manifest of ``out_dir``
    hashed by pieces (:func:`spliced`); empty without any."""
    try:
        data = json.loads((Path(out_dir) / MANIFEST).read_text(encoding="utf-8"))
        ranges = data.get("ranges") or {}
        return {name: [(int(length), str(digest)) for length, digest in found]
                for name, found in ranges.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def read_manifest(out_dir: str | Path) -> dict[str, str] | None:
    """``{relative path: sha256}`` of what kg wrote into ``out_dir``; None without a manifest."""
    path = Path(out_dir) / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = data["files"]
        if isinstance(files, dict) and all(isinstance(v, str) for v in files.values()):
            return files
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def manifest_paths(out_dir: str | Path) -> list[Path]:
    """The files kg wrote into ``out_dir`` (its manifest's, and the manifest), sorted;
    ``[]`` without a manifest. Read from the manifest, not from a walk of the folder."""
    out_dir = Path(out_dir)
    files = read_manifest(out_dir)
    if files is None:
        return []
    return sorted(out_dir / name for name in [*files, MANIFEST])


def _signature(path: Path) -> list[int]:
    """What says a file is still the one the manifest hashed: size, mtime, inode."""
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino]


def _read_signatures(out_dir: Path) -> dict[str, list[int]]:
    """The signatures the manifest of ``out_dir`` recorded, of files older than it: a file
    changed in the same clock tick as the manifest was written could keep its time, so
    such files are read (git's "racily clean" rule)."""
    try:
        manifest = out_dir / MANIFEST
        written = manifest.stat().st_mtime_ns
        data = json.loads(manifest.read_text(encoding="utf-8"))
        signatures = data.get("signatures") or {}
        return {k: v for k, v in signatures.items()
                if isinstance(v, list) and len(v) == 3 and v[1] < written}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def _write_manifest(directory: Path, files: dict[str, str],
                    signatures: dict[str, list[int] | None] | None = None,
                    ranges: dict[str, list] | None = None) -> None:
    """``directory``'s manifest of ``files``; ``signatures`` (from :func:`_scan`, of the
    files as they are now) spares a ``stat`` of each file; ``ranges``: the pieces of the
    files hashed by pieces."""
    from kg import __version__

    if signatures is None:
        signatures = {}
        for name in files:
            path = directory / name
            if path.is_file() and not path.is_symlink():
                signatures[name] = _signature(path)
    else:
        signatures = {name: signatures[name] for name in files
                      if signatures.get(name) is not None}
    record = {"written_by": f"papers-kg {__version__}", "files": files,
              "signatures": signatures}
    ranges = {name: [list(r) for r in found] for name, found in (ranges or {}).items()
              if files.get(name, "").startswith(RANGES)}
    if ranges:
        record["ranges"] = ranges
    text = json.dumps(record, indent=1, sort_keys=True)
    (directory / MANIFEST).write_text(text + "\n", encoding="utf-8")


def _unchanged(out_dir: Path, name: str, manifest: dict[str, str],
               signatures: dict[str, list[int]], now: list[int] | None,
               ranges: dict[str, list] | None = None) -> bool:
    """The file ``name`` of ``out_dir`` is the one its manifest lists (by its signature
    when that is unchanged, else by its hash); ``now``: its signature from :func:`_scan`
    (None: a symlink); ``ranges``: :func:`read_ranges` of ``out_dir``."""
    path = out_dir / name
    if name not in manifest or now is None:
        return False
    if signatures.get(name) is not None and signatures[name] == now:
        return True
    if manifest[name].startswith(RANGES):
        found = (ranges or {}).get(name)
        return found is not None and file_digest(path, found) == manifest[name]
    return _hash(path) == manifest[name]


def as_written(out_dir: str | Path, names: Iterable[str]) -> bool:
    """Whether each file ``names`` (relative paths) of ``out_dir`` is still the one the
    build's manifest lists: by its signature (size, mtime, inode) when that is the one
    recorded, else by its hash. False without a manifest, or for a missing file.

    >>> as_written("/nonexistent", ["graph.nt"])
    False
    """
    out_dir = Path(out_dir)
    manifest = read_manifest(out_dir)
    if manifest is None:
        return False
    signatures = _read_signatures(out_dir)
    ranges = read_ranges(out_dir)
    try:
        return all(not (out_dir / name).is_symlink() and _unchanged(
            out_dir, name, manifest, signatures, _signature(out_dir / name), ranges)
            for name in names)
    except OSError:
        return False


def record_outputs(out_dir: str | Path, paths: Iterable[str | Path]) -> None:
    """Add files that kg wrote into an existing build directory to its manifest."""
    out_dir = Path(out_dir)
    files = read_manifest(out_dir)
    if files is None:
        return  # not a build directory kg manages (e.g. `kg view --out elsewhere`)
    root = out_dir.resolve()
    ranges = read_ranges(out_dir)
    for path in paths:
        path = Path(path).resolve()
        if path.is_file() and path.is_relative_to(root):
            name = path.relative_to(root).as_posix()
            files[name] = _hash(path)
            ranges.pop(name, None)
    _write_manifest(out_dir, files, ranges=ranges)


class _HashAhead:
    """Files of a staging directory hashed by a background thread while the build goes on
    (the large outputs are complete well before the manifest is written: hashing them
    then would be a second of the build's tail in which nothing else runs). ``hashlib``
    and file reads release the GIL, so the thread uses a core the build leaves idle.
    Each hash is kept with the file's signature before and after it was read: the
    manifest takes it only for a file whose signature is still that one."""

    def __init__(self, paths: list[Path]):
        self.done: dict[str, tuple[list[int], str]] = {}
        self.thread = threading.Thread(target=self._run, args=(paths,), daemon=True,
                                       name="kg-hash-ahead")
        self.thread.start()

    def _run(self, paths: list[Path]) -> None:
        for path in paths:
            try:
                before = _signature(path)
                digest = _hash(path)
                if _signature(path) == before:
                    self.done[os.fspath(path)] = (before, digest)
            except OSError:
                continue  # gone or unreadable: the manifest reads it itself

    def get(self, path: Path, now: list[int] | None) -> str | None:
        found = self.done.get(os.fspath(path))
        return found[1] if found is not None and now == found[0] else None


_AHEAD: dict[str, _HashAhead] = {}  # staging directory -> its files being hashed
# staging directory -> {relative path: (signature, [(length, sha256), ...])}
_SPLICED: dict[str, dict[str, tuple[list[int], list]]] = {}


def spliced(staging: str | Path, path: str | Path, ranges: list[tuple[int, str]]) -> None:
    """``path`` (a complete file of the staging directory ``staging``) is the consecutive
    byte ranges whose (length, SHA-256) are ``ranges``: the manifest hashes it by them
    (:func:`ranges_digest`) while it keeps its present signature, instead of reading it.
    A build joining a file from pieces it made (whose hashes it has) and pieces copied
    from the previous file (whose hashes that file's manifest has) reads no other byte."""
    staging = Path(staging)
    path = Path(path)
    path = path if path.is_absolute() else staging / path
    _SPLICED.setdefault(os.fspath(staging), {})[path.relative_to(staging).as_posix()] = (
        _signature(path), [(int(length), str(digest)) for length, digest in ranges])


def hash_ahead(staging: str | Path, paths: Iterable[str | Path]) -> None:
    """Start hashing ``paths`` (files of the staging directory ``staging`` that are
    complete) in the background, for the manifest :func:`staged_output` writes."""
    staging = Path(staging)
    paths = [Path(p) for p in paths]
    paths = [p if p.is_absolute() else staging / p for p in paths]
    key = os.fspath(staging)
    pieced = _SPLICED.get(key, {})
    paths = [p for p in paths if p.relative_to(staging).as_posix() not in pieced]
    if key in _AHEAD:  # one batch at a time: wait for the one before
        _AHEAD[key].thread.join()
        previous = _AHEAD[key].done
        _AHEAD[key] = _HashAhead([p for p in paths if os.fspath(p) not in previous])
        _AHEAD[key].done.update(previous)
    else:
        _AHEAD[key] = _HashAhead(paths)


def _manifest_hashes(staging: Path, out_dir: Path
                     ) -> tuple[dict[str, str], dict[str, list[int] | None], dict[str, list]]:
    """The hash of every file in ``staging`` (and their signatures, and the pieces of those
    hashed by pieces); a file that is a hard link of the file of the same name in
    ``out_dir`` (checked unchanged before the build wrote) takes its hash, one hashed
    ahead (:func:`hash_ahead`) or joined from pieces (:func:`spliced`) with the signature
    it still has takes that hash."""
    known = read_manifest(out_dir) or {}
    known_ranges = read_ranges(out_dir)
    signatures = _read_signatures(out_dir)
    ahead = _AHEAD.pop(os.fspath(staging), None)
    if ahead is not None:
        ahead.thread.join()
    pieced = _SPLICED.pop(os.fspath(staging), {})
    found = _scan(staging)
    hashes, ranges = {}, {}
    for name, now in found.items():
        before = signatures.get(name)
        if before is not None and name in known and now == before:
            hashes[name] = known[name]  # the same inode, size and time: the same file
            if name in known_ranges:
                ranges[name] = known_ranges[name]
        elif name in pieced and pieced[name][0] == now:
            ranges[name] = pieced[name][1]
            hashes[name] = ranges_digest(ranges[name])
        else:
            hashed = ahead.get(staging / name, now) if ahead is not None else None
            hashes[name] = hashed if hashed is not None else _hash(staging / name)
    return hashes, found, ranges


def _kg_named(name: str) -> bool:
    folder, _, rest = name.partition("/")
    if not rest:
        return name in _LEGACY_TOP
    return folder in _LEGACY_DIRS and "/" not in rest and rest.endswith(_LEGACY_DIRS[folder])


def _foreign_files(out_dir: Path) -> list[str]:
    """Files in ``out_dir`` that kg did not write (or that changed since): never deleted.

    Without a manifest (a build by an older kg) only kg's own file names count,
    and only when ``graph.json`` is among them.
    """
    found = _scan(out_dir)
    found.pop(MANIFEST, None)
    present = list(found)
    manifest = read_manifest(out_dir)
    if manifest is not None:
        signatures = _read_signatures(out_dir)
        ranges = read_ranges(out_dir)
        # Most files keep the signature the manifest recorded: compared before any path is
        # made (a build directory holds some 12,000 files).
        return [f for f, now in found.items()
                if not (now is not None and f in manifest and signatures.get(f) == now)
                and not _unchanged(out_dir, f, manifest, signatures, now, ranges)]
    if present and "graph.json" not in present:
        return present
    return [f for f in present if not _kg_named(f)]


def _os_error(what: Path, err: OSError) -> ExportError:
    reason = err.strerror or str(err)
    if err.errno == errno.EROFS:
        reason = "read-only file system"
    elif err.errno in (errno.ENOSPC, errno.EDQUOT):
        reason = "no space left on the device"
    return ExportError(f"{what}: cannot write: {reason}")


@contextlib.contextmanager
def _lock(out_dir: Path) -> Iterator[None]:
    """Hold ``.NAME.lock`` beside ``out_dir`` (removed again on release) or refuse at once."""
    try:
        import fcntl
    except ImportError:  # no advisory locks on this platform
        yield
        return
    lock_path = out_dir.parent / f".{out_dir.name}.lock"
    while True:
        handle = open(lock_path, "a+", encoding="ascii")  # noqa: SIM115 - held for the block
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            handle.close()
            raise ExportError(f"{out_dir}: another kg build is writing it (pid {holder}); "
                              "wait for it to finish or choose another --out") from None
        try:  # the holder before us may have removed the file we opened: lock the current one
            if os.stat(lock_path).st_ino == os.fstat(handle.fileno()).st_ino:
                break
        except FileNotFoundError:
            pass
        handle.close()
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        with contextlib.suppress(OSError):
            lock_path.unlink()
        handle.close()


def _recover(out_dir: Path, notify: Notify) -> None:
    """Clean up after builds into ``out_dir`` that were killed (we hold the lock)."""
    parent = out_dir.parent
    for stale in sorted(parent.glob(f".{out_dir.name}.tmp-*")):
        # ours: marked, or (left by an older kg) holding nothing but kg's file names
        if stale.is_dir() and ((stale / _STAGING_MARK).exists()
                               or all(_kg_named(f) for f in _files(stale))):
            shutil.rmtree(stale, ignore_errors=True)
            notify(f"removed {stale}: a half-written output left by an interrupted build")
    for old in sorted(parent.glob(f".{out_dir.name}.old-*")):
        if not old.is_dir() or _foreign_files(old):
            continue
        if not out_dir.exists():
            old.rename(out_dir)
            notify(f"restored {out_dir} from {old.name}: a build was interrupted while "
                   "replacing it")
        elif not _foreign_files(old):
            shutil.rmtree(old, ignore_errors=True)
            notify(f"removed {old}: the previous output of an interrupted build")


def _check_replaceable(out_dir: Path) -> None:
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise ExportError(f"{out_dir}: exists and is not a directory")
    if out_dir.resolve() == Path.cwd().resolve() or os.path.ismount(out_dir):
        raise ExportError(f"{out_dir}: is the current directory or a mount point and cannot "
                          "be replaced; choose a directory inside it as --out")
    foreign = _foreign_files(out_dir)
    if foreign:
        shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3
                                          else "")
        raise ExportError(f"{out_dir}: refusing to replace a directory holding files kg did "
                          f"not write or that changed since ({shown}); move them or choose "
                          "another --out")


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM and SIGHUP unwind the stack like Ctrl-C (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        raise Terminated(signal.Signals(signum).name)

    previous = {}
    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            previous[sig] = signal.signal(sig, handler)
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM for the few system calls of the swap."""
    signals = {signal.SIGINT, signal.SIGTERM} | ({signal.SIGHUP} if hasattr(signal, "SIGHUP")
                                                  else set())
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _discard(directory: Path) -> None:
    """Delete a replaced output: what its manifest lists, then the folders left empty."""
    files = read_manifest(directory)
    if files is None:  # empty, or an older kg's build checked to hold only kg's files
        shutil.rmtree(directory, ignore_errors=True)
        return
    root = os.fspath(directory)
    for name in [*files, MANIFEST]:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(os.path.join(root, name))
    for folder, _dirs, _names in os.walk(directory, topdown=False):
        with contextlib.suppress(OSError):
            os.rmdir(folder)


@contextlib.contextmanager
def staged_output(out_dir: str | Path, notify: Notify | None = None) -> Iterator[Path]:
    """Yield a staging directory; on success it replaces ``out_dir`` as a whole.

    Raises ``ExportError`` (one line) when ``out_dir`` cannot be written or may
    not be replaced; on any error or interrupt ``out_dir`` is left untouched
    and the staging directory is removed.
    """
    notify = notify or (lambda message: None)
    given = Path(out_dir)
    # A symlinked --out stays a symlink: the directory it points to is what gets replaced.
    out_dir = given.resolve() if given.is_symlink() else Path(os.path.abspath(given))
    parent = out_dir.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise _os_error(parent, err) from None
    with terminate_as_interrupt():
        try:
            with _lock(out_dir):
                _recover(out_dir, notify)
                _check_replaceable(out_dir)
                staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=parent))
                try:
                    (staging / _STAGING_MARK).touch()
                    umask = os.umask(0)
                    os.umask(umask)
                    staging.chmod(0o777 & ~umask)  # mkdtemp makes it private
                    yield staging
                    (staging / _STAGING_MARK).unlink()
                    _write_manifest(staging, *_manifest_hashes(staging, out_dir))
                    _swap(staging, out_dir)
                finally:
                    _SPLICED.pop(os.fspath(staging), None)
                    ahead = _AHEAD.pop(os.fspath(staging), None)
                    if ahead is not None:  # a failed build: let the thread finish first
                        ahead.thread.join()
                    if staging.exists():
                        shutil.rmtree(staging, ignore_errors=True)
        except OSError as err:
            raise _os_error(Path(err.filename) if err.filename else out_dir, err) from None


def _swap(staging: Path, out_dir: Path) -> None:
    old = out_dir.parent / f".{out_dir.name}.old-{os.getpid()}"
    with _signals_held():
        if out_dir.exists():
            out_dir.rename(old)
        try:
            staging.rename(out_dir)
        except OSError:
            if old.exists():
                old.rename(out_dir)
            raise
    if old.exists():
        _discard(old)
