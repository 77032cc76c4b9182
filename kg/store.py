"""The persistent pyoxigraph store of a build: ``OUT/store``, written with the export.

``kg build`` bulk-loads ``graph.nt`` (plus the ontology and the modality scheme
as named graphs, as ``kg query`` always had them) into ``OUT/store``; a rebuild
over the same directory starts from a hard-linked copy of the previous store
(``Store.backup``) and only removes and adds the triples of the nodes whose
blocks changed. ``kg query OUT`` opens the store read-only instead of loading
the N-Triples, and ``kg serve`` (a SPARQL server) can serve the same directory.

:func:`fresh_store` is the one place that says where a build's store is and
whether it still holds the build's export.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from kg.errors import ExportError

__all__ = ["STORE_DIR", "STAMP_FILE", "fresh_store", "write_store", "update_store",
           "META_GRAPH", "META_EXPORT"]

STORE_DIR = "store"
STAMP_FILE = "state/store.json"  # which export the store holds: {"digest", "nt_size"}
META_GRAPH = "urn:papers-kg:store"
META_EXPORT = "urn:papers-kg:store#export"


def fresh_store(out_dir: str | Path) -> Path | None:
    """``OUT/store`` when it holds exactly the export in ``OUT``, else ``None``.

    The build records a digest of its export both in ``OUT/state/store.json`` and
    inside the store (graph ``<urn:papers-kg:store>``); the store is fresh when
    the two agree and ``graph.nt`` still has the size the build wrote. Opening the
    store to check is cheap (read-only, no data is loaded); a running SPARQL server
    on the same store does not stop the check.
    """
    import pyoxigraph as ox

    out_dir = Path(out_dir)
    store_dir, stamp_file = out_dir / STORE_DIR, out_dir / STAMP_FILE
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


def _close(store) -> None:
    store.flush()
    del store  # pyoxigraph closes the database when its last reference goes


def write_store(store_dir: Path, nt_path: Path, digest: str) -> None:
    """A new store in ``store_dir`` holding ``nt_path``, the ontology and the modalities."""
    import pyoxigraph as ox

    from kg.query import load_schemas

    try:
        store = ox.Store(str(store_dir))
        store.bulk_load(path=str(nt_path), format=ox.RdfFormat.N_TRIPLES)
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
