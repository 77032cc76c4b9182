"""RDF export, loading and SPARQL speed: our streaming writers and pyoxigraph vs. rdflib.

    python bench/bench_rdf.py [--corpus ../shared/corpus] [--copies 1]

Builds the graph of the corpus once, then makes it ``--copies`` times larger by
repeating its papers under new ids (entities shared, evidence kept), so the
figures are about RDF, not extraction. Reports, on that graph: export time of
graph.ttl / graph.nt / graph.jsonld, rdflib's own Turtle serialiser on the same
triples for comparison, parse/load time (rdflib vs pyoxigraph), the competency
queries on pyoxigraph (median of 5) vs rdflib's SPARQL engine (one run), a
reopened persistent `--store`, and `kg validate` on the unscaled graph.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import networkx as nx  # noqa: E402
import pyoxigraph as ox  # noqa: E402

from kg.build import build_graph_from_inputs  # noqa: E402
from kg.export.jsonld import write_jsonld  # noqa: E402
from kg.export.rdf import write_ntriples, write_turtle  # noqa: E402
from kg.query import open_store, query_prefixes, run_query  # noqa: E402
from kg.resources import schema_path  # noqa: E402
from kg.validate import validate_export  # noqa: E402


def scaled(G: nx.MultiDiGraph, copies: int) -> nx.MultiDiGraph:
    big = nx.MultiDiGraph(**G.graph)
    papers = [n for n, d in G.nodes(data=True) if d["type"] == "paper"]
    big.add_nodes_from((n, d) for n, d in G.nodes(data=True) if d["type"] != "paper")
    for copy in range(copies):
        for paper in papers:
            name = f"{paper}-c{copy}"
            data = dict(G.nodes[paper])
            data["paper_id"] = name.split("/", 1)[1]
            big.add_node(name, **data)
            for _, target, key, attrs in G.out_edges(paper, keys=True, data=True):
                big.add_edge(name, target, key=key, **attrs)
    return big


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    value = function(*args, **kwargs)
    return time.perf_counter() - started, value


def main() -> None:
    import functools

    global print
    print = functools.partial(print, flush=True)  # noqa: A001 - progress shows while it runs
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus"))
    parser.add_argument("--copies", type=int, default=1)
    args = parser.parse_args()
    corpus = args.corpus if Path(args.corpus).is_dir() else str(REPO / "examples" / "corpus")

    G, _ = build_graph_from_inputs([corpus], skip_bad=True)
    big = scaled(G, args.copies)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        small = tmp / "small"
        small.mkdir()
        write_turtle(G, small / "graph.ttl")
        seconds_validate, report = timed(validate_export, small)

        out = tmp / "out"
        out.mkdir()
        t_ttl, _ = timed(write_turtle, big, out / "graph.ttl")
        t_nt, _ = timed(write_ntriples, big, out / "graph.nt")
        t_jsonld, _ = timed(write_jsonld, big, out / "graph.jsonld")
        triples = sum(1 for _ in open(out / "graph.nt", encoding="utf-8"))

        import rdflib

        t_rdflib_parse, graph = timed(rdflib.Graph().parse, out / "graph.nt", format="nt")
        t_rdflib_ttl, _ = timed(graph.serialize, tmp / "rdflib.ttl", format="turtle")

        def load(path, fmt):
            store = ox.Store()
            store.bulk_load(path=str(path), format=fmt)
            return store

        t_ox_ttl, _ = timed(load, out / "graph.ttl", ox.RdfFormat.TURTLE)
        t_ox_nt, _ = timed(load, out / "graph.nt", ox.RdfFormat.N_TRIPLES)
        store = open_store(out)
        t_store_first, persistent = timed(open_store, out, tmp / "store")
        del persistent  # releases the store's lock
        t_store_again, persistent = timed(open_store, out, tmp / "store")
        del persistent

        print(f"graph: {big.number_of_nodes():,} nodes, {big.number_of_edges():,} links, "
              f"{triples:,} triples ({args.copies} copies of {corpus})")
        print(f"write graph.ttl    {t_ttl:6.2f} s  {triples / t_ttl:>9,.0f} triples/s")
        print(f"write graph.nt     {t_nt:6.2f} s  {triples / t_nt:>9,.0f} triples/s")
        print(f"write graph.jsonld {t_jsonld:6.2f} s  {triples / t_jsonld:>9,.0f} triples/s")
        print(f"rdflib Turtle serialiser, same triples  {t_rdflib_ttl:6.2f} s  "
              f"{triples / t_rdflib_ttl:>9,.0f} triples/s")
        print(f"rdflib parse N-Triples       {t_rdflib_parse:6.2f} s  "
              f"{triples / t_rdflib_parse:>9,.0f} triples/s")
        print(f"pyoxigraph bulk-load Turtle  {t_ox_ttl:6.2f} s  "
              f"{triples / t_ox_ttl:>9,.0f} triples/s")
        print(f"pyoxigraph bulk-load N-Trip. {t_ox_nt:6.2f} s  "
              f"{triples / t_ox_nt:>9,.0f} triples/s")
        print(f"kg query --store: first open {t_store_first:.2f} s, reopened {t_store_again:.3f} s")

        prefixes = query_prefixes()
        print(f"{'query':38} {'pyoxigraph ms':>14} {'rdflib ms':>10}")
        for path in sorted(schema_path("queries").glob("*.rq")):
            text = path.read_text(encoding="utf-8")
            runs = []
            for _ in range(5):
                seconds, _ = timed(run_query, store, text)
                runs.append(seconds)
            ox_ms = statistics.median(runs) * 1000
            rdflib_ms = ""
            if path.stem in ("top-baselines", "papers-per-modality", "most-aliases"):
                seconds, _ = timed(lambda q=text: list(graph.query(q, initNs=prefixes)))
                rdflib_ms = f"{seconds * 1000:,.0f}"
            print(f"{path.stem:38} {ox_ms:14.1f} {rdflib_ms:>10}")
        print(f"kg validate on the unscaled graph ({report.triples:,} triples): "
              f"{seconds_validate:.2f} s, conforms={report.conforms}")


if __name__ == "__main__":
    main()
