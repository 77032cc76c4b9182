"""The persistent pyoxigraph store of a build: ``OUT/store``, written with the export.

``kg build`` bulk-loads ``graph.nt`` (plus the ontology and the modality scheme
as named graphs, as ``kg query`` always had them) into ``OUT/store``. A rebuild
over the same directory (:func:`save_store`) hard-links the previous store when
the export did not change; else it starts from a hard-linked copy of it
(``Store.backup``) and removes and adds only the triples that differ between the
RDF pieces that changed (:mod:`kg.export.pieces`); a large change is loaded
afresh. ``kg query OUT`` opens the store read-only instead of loading the
N-Triples, and ``kg serve`` (a SPARQL server) serves the same store.

:func:`fresh_store` is the one place that says where a build's store is and
whether it still holds the build's export.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from kg.errors import ExportError

# Up to this share of changed pieces the store is updated in place; above, loaded afresh.
UPDATE_SHARE = 0.25
# N-Triples bytes per bulk load: one load of a whole 10k-paper export held 1.5 GB, loads of
# 64 MB hold about 0.5 GB whatever the size, for the same CPU time and the same query speed.
LOAD_CHUNK = 64 << 20

__all__ = ["STORE_DIR", "STAMP_FILE", "fresh_store", "write_store", "update_store",
           "save_store", "holds_export", "META_GRAPH", "META_EXPORT"]

STORE_DIR = "store"
STAMP_FILE = "state/store.json"  # which export the store holds: {"digest", "nt_size"}
META_GRAPH = "urn:papers-kg:store"
META_EXPORT = "urn:papers-kg:store#export"


def fresh_store(out_dir: str | Path, *, verify: bool = False) -> Path | None:
    """``OUT/store`` when it holds exactly the export in ``OUT``, else ``None``.

    The build records a digest of its export both in ``OUT/state/store.json`` and
    inside the store (graph ``<urn:papers-kg:store>``); the store is fresh when
    the two agree and ``graph.nt`` still has the size the build wrote. Opening the
    store to check is cheap (read-only, no data is loaded); a running SPARQL server
    on the same store does not stop the check.

    With ``verify`` (for ``kg validate``, which must judge the file itself), ``graph.nt``
    and the stamp must also be the files the build's manifest lists (same size,
    modification time and inode, else the same SHA-256): an export edited by hand,
    even to the same size, is not the one in the store.
    """
    import pyoxigraph as ox

    from kg.outdir import as_written

    out_dir = Path(out_dir)
    store_dir, stamp_file = out_dir / STORE_DIR, out_dir / STAMP_FILE
    if verify and not as_written(out_dir, ["graph.nt", STAMP_FILE]):
        return None
    try:
        stamp = json.loads(stamp_file.read_text(encoding="utf-8"))
        if (out_dir / "graph.nt").stat().st_size != stamp["nt_size"]:
            return None
        store = ox.Store.read_only(str(store_dir))
        quad = ox.Quad(ox.NamedNode(META_GRAPH), ox.NamedNode(META_EXPORT),
                       ox.Literal(stamp["digest"]), ox.NamedNode(META_GRAPH))
        fresh = quad in store
        del store
        return store_dir if fresh else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _meta(digest: str):
    import pyoxigraph as ox

    return ox.Quad(ox.NamedNode(META_GRAPH), ox.NamedNode(META_EXPORT), ox.Literal(digest),
                   ox.NamedNode(META_GRAPH))


def holds_export(store, digest: str) -> bool:
    """Whether the open ``store`` is stamped as holding the export of ``digest``."""
    return _meta(digest) in store


def _close(store) -> None:
    store.flush()
    del store  # pyoxigraph closes the database when its last reference goes


def _line_chunks(path: Path, size: int):
    """The bytes of ``path`` in chunks of about ``size`` that end at a line's end."""
    with open(path, "rb") as handle:
        rest = b""
        while block := handle.read(size):
            cut = block.rfind(b"\n") + 1
            if not cut:  # a line longer than the chunk
                rest += block
                continue
            yield rest + block[:cut]
            rest = block[cut:]
        if rest:
            yield rest


def write_store(store_dir: Path, nt_path: Path, digest: str) -> None:
    """A new store in ``store_dir`` holding ``nt_path``, the ontology and the modalities."""
    import pyoxigraph as ox

    from kg.query import load_schemas

    try:
        store = ox.Store(str(store_dir))
        for chunk in _line_chunks(nt_path, LOAD_CHUNK):
            # lenient: kg wrote these IRIs itself (checked then), so they are not checked again
            store.bulk_load(chunk, format=ox.RdfFormat.N_TRIPLES, lenient=True)
        load_schemas(store)
        store.add(_meta(digest))
        _close(store)
    except (OSError, SyntaxError) as err:
        raise ExportError(f"{store_dir}: cannot write the query store: {err}") from None


def update_store(store_dir: Path, previous_dir: Path, previous_digest: str, digest: str,
                 removed: Iterable[bytes], added: Iterable[bytes]) -> None:
    """``store_dir`` as a copy of ``previous_dir`` (hard links) minus the N-Triples in
    ``removed`` plus those in ``added``."""
    import pyoxigraph as ox

    try:
        previous = ox.Store.read_only(str(previous_dir))
        previous.backup(str(store_dir))
        del previous
        store = ox.Store(str(store_dir))
        store.remove(_meta(previous_digest))
        for data in removed:
            for triple in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
                store.remove(ox.Quad(triple.subject, triple.predicate, triple.object))
        for data in added:
            store.extend(ox.Quad(t.subject, t.predicate, t.object)
                         for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
        store.add(_meta(digest))
        _close(store)
    except (OSError, SyntaxError) as err:
        raise ExportError(f"{store_dir}: cannot update the query store: {err}") from None


def _lines(path: Path, where: Iterable[tuple[int, int]]) -> set[bytes]:
    """The N-Triples lines of ``path`` in the byte ranges ``where``."""
    found: set[bytes] = set()
    with open(path, "rb") as handle:
        for start, length in where:
            handle.seek(start)
            found.update(handle.read(length).splitlines())
    return found


def save_store(staging: Path, out_dir: Path, G, previous, index) -> None:
    """``staging/store`` (and its stamp) for the RDF just written into ``staging``, whose
    pieces are ``index``: the previous store of ``out_dir`` hard-linked when it holds the
    same export, updated by the triples that differ when few pieces changed, else
    loaded afresh. ``previous`` is the piece index of ``out_dir`` (None: load afresh)."""
    import os

    nt_path = staging / "graph.nt"
    target = staging / STORE_DIR
    (staging / STAMP_FILE).parent.mkdir(parents=True, exist_ok=True)
    old_store = fresh_store(out_dir) if previous is not None else None
    same_layout = (old_store is not None and previous.context == index.context
                   and "nt" in previous.formats)
    loaded = False  # afresh: the counts kg validate screens with are recorded
    if same_layout and previous.digest == index.digest:
        target.mkdir()
        try:
            for name in os.listdir(old_store):
                os.link(old_store / name, target / name)
        except OSError:  # no hard links here: an update without changes instead
            import shutil

            shutil.rmtree(target, ignore_errors=True)
            update_store(target, old_store, previous.digest, index.digest, [], [])
        else:  # the same files: the counts recorded for them still hold
            _keep_counts(out_dir, staging)
    elif same_layout:
        old_places = previous.places()
        new_places = index.places()
        gone = [where["nt"] for digest, where in previous.pieces if digest not in new_places]
        come = [where["nt"] for digest, where in index.pieces if digest not in old_places]
        if len(come) > UPDATE_SHARE * max(1, len(index.pieces)):
            write_store(target, nt_path, index.digest)
            loaded = True
        else:
            removed = _lines(out_dir / "graph.nt",
                             gone + ([previous.tail["nt"]] if previous.tail else []))
            added = _lines(nt_path, come + ([index.tail["nt"]] if index.tail else []))
            update_store(target, old_store, previous.digest, index.digest,
                         [b"\n".join(sorted(removed - added))],
                         [b"\n".join(sorted(added - removed))])
    else:
        write_store(target, nt_path, index.digest)
        loaded = True
    (staging / STAMP_FILE).write_text(json.dumps(
        {"digest": index.digest, "nt_size": nt_path.stat().st_size}) + "\n", encoding="utf-8")
    if loaded:  # (an update in place does not count again: kg validate then scans)
        from kg.validate import record_counts

        record_counts(staging, index.digest)


def _keep_counts(out_dir: Path, staging: Path) -> None:
    """The previous build's recorded counts, for its store hard-linked unchanged
    (``kg validate`` checks that they are the store's)."""
    import shutil

    from kg.validate import COUNTS_FILE

    try:
        (staging / COUNTS_FILE).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(out_dir / COUNTS_FILE, staging / COUNTS_FILE)
    except OSError:
        pass
