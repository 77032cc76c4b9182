"""Where extraction's CPU goes: each pipeline component timed on its own, in one process.

    python bench/bench_components.py [--papers 3000] [--corpus DIR]

The papers are made from the corpus as `bench_scale.py` makes them (copy number in the
title, sentences rotated). Each paper goes through the steps of
:func:`kg.extract.pipeline.first_pass` one at a time, with ``time.process_time`` read
around each: reading the markup, the tokenizer, every component, building the
extraction records and the corpus pass; then resolution, the graph and the JSON
records `kg extract` prints. Every figure is printed as a ratio to the blank spaCy
tokenizer over the same texts, timed first in the same process. (cProfile inflates the
many small calls of this code several times over; this does not.) The cycle collector
is off, as in `kg extract`.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=3000)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    args = parser.parse_args()
    gc.disable()
    clock = time.process_time

    import spacy
    from bench_scale import synthetic_papers

    from kg.export.papers import paper_records
    from kg.extract import pipeline
    from kg.extract.corpus_names import link_corpus_names, pending_links
    from kg.extract.evidence import read_fields
    from kg.extract.records import findings_of
    from kg.graph import build_graph
    from kg.ingest import read_papers
    from kg.resolve import resolve_all

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        source = Path(tmp) / "papers.jsonl"
        synthetic_papers(args.corpus, args.papers, source)
        papers = read_papers([str(source)]).papers
    started = clock()
    nlp = pipeline.build_pipeline()
    startup = clock() - started
    blank = spacy.blank("en")
    started = clock()
    for paper in papers:
        blank.tokenizer(paper.title + pipeline.SEPARATOR + paper.abstract)
    anchor = clock() - started

    cost: dict[str, float] = defaultdict(float)
    components = [(n, c) for n, c in nlp.pipeline if n != "kg_span_writer_v1"]
    passes = []
    for paper in papers:
        t0 = clock()
        fields = title, abstract = read_fields(paper)
        t1 = clock()
        text = title.text + pipeline.SEPARATOR + abstract.text
        doc = nlp.tokenizer(text)
        t2 = clock()
        cost["markup (read_fields)"] += t1 - t0
        cost["tokenizer"] += t2 - t1
        doc.user_data.update(text=text, title_end=len(title.text),
                             abstract_start=len(title.text) + len(pipeline.SEPARATOR),
                             fields=fields)
        for name, component in components:
            t0 = clock()
            doc = component(doc)
            cost[name] += clock() - t0
        t0 = clock()
        extraction = pipeline.doc_to_extraction(paper, doc)
        t1 = clock()
        passes.append((extraction, pending_links(paper, findings_of(doc))))
        cost["extraction records"] += t1 - t0
        cost["pending links"] += clock() - t1
        doc.user_data.clear()
    in_pipeline = sum(cost.values())
    t0 = clock()
    extractions = list(link_corpus_names(passes))
    t1 = clock()
    resolved = resolve_all(extractions)
    t2 = clock()
    graph = build_graph(papers, resolved.entities, resolved.links, resolved.results,
                        extractor_version=pipeline.EXTRACTOR_VERSION)
    t3 = clock()
    "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in paper_records(graph))
    t4 = clock()
    after = {"corpus pass": t1 - t0, "resolution": t2 - t1, "graph": t3 - t2,
             "JSON records": t4 - t3}
    total = in_pipeline + sum(after.values())
    print("load average (1, 5, 15 min): {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    print(f"{len(papers):,} papers; pipeline start-up {startup:.2f} s; blank tokenizer "
          f"{anchor:.2f} s of CPU ({1000 * anchor / len(papers):.2f} ms a paper)")
    print(f"per paper through the pipeline: {in_pipeline:.2f} s = "
          f"{in_pipeline / anchor:.2f} x the blank tokenizer; with what `kg extract` does "
          f"after it: {total:.2f} s = {total / anchor:.2f} x")
    for name, seconds in sorted({**cost, **after}.items(), key=lambda kv: -kv[1]):
        print(f"  {name:28s} {seconds:7.3f} s {100 * seconds / total:5.1f} %  "
              f"{seconds / anchor:5.2f} x")


if __name__ == "__main__":
    main()
