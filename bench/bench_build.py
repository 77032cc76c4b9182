"""End-to-end `kg build` throughput and peak memory on a scaled-up corpus.

    python bench/bench_build.py [--corpus ../shared/corpus] [--copies 10]

Writes the corpus papers ``--copies`` times into a temporary JSONL file (each
copy gets distinct titles so nothing is merged away), then times ingest alone and
the full build (ingest, extraction, resolution, graph, every writer).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kg.build import build  # noqa: E402
from kg.ingest import read_papers  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus"))
    parser.add_argument("--copies", type=int, default=10)
    args = parser.parse_args()

    papers = read_papers([args.corpus]).papers
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "papers.jsonl"
        with source.open("w", encoding="utf-8") as handle:
            for copy in range(args.copies):
                for paper in papers:
                    handle.write(json.dumps({"title": f"{paper.title} [{copy}]",
                                             "abstract": paper.abstract}) + "\n")
        total = len(papers) * args.copies

        started = time.perf_counter()
        read_papers([source])
        ingest = time.perf_counter() - started

        started = time.perf_counter()
        result = build([source], Path(tmp) / "out")
        seconds = time.perf_counter() - started

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"papers: {total}  nodes: {result.graph.number_of_nodes()}  "
          f"edges: {result.graph.number_of_edges()}")
    print(f"ingest: {ingest:.2f} s ({total / ingest:,.0f} papers/s)")
    print(f"full build with all outputs: {seconds:.2f} s ({total / seconds:,.0f} papers/s)")
    print(f"peak memory: {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
