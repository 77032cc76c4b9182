"""How long does `kg build` take to write the entity pages (site/), against writing graph.json?

Synthesises graphs of PAPERS papers (and a fifth as many entities, popularity skewed,
see bench_views.synthetic_graph), then times, in the same run:

- anchor: ``write_graph_json`` of the graph (the lossless graph file every build writes);
- site: ``write_site`` (one page per entity and paper, the index, the assets).

Prints seconds, pages, megabytes and the ratio site / anchor per size.

Usage: python bench/bench_site.py [--papers 1000 --papers 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_views import synthetic_graph  # noqa: E402

from kg.export.graphjson import write_graph_json  # noqa: E402
from kg.site.pages import write_site  # noqa: E402


def timed(function, *args) -> float:
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, action="append")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for n in args.papers or [1000, 10000]:
        G = synthetic_graph(n, max(50, n // 5))
        anchor, site, pages, size = [], [], 0, 0
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory() as tmp:
                anchor.append(timed(write_graph_json, G, Path(tmp) / "graph.json"))
                site.append(timed(write_site, G, Path(tmp) / "site"))
                files = [p for p in (Path(tmp) / "site").rglob("*") if p.is_file()]
                pages, size = len(files), sum(p.stat().st_size for p in files)
                shutil.rmtree(Path(tmp) / "site")
        a, s = statistics.median(anchor), statistics.median(site)
        print(f"{n:>7,} papers, {G.number_of_nodes() - n:,} entities: site {s:6.2f} s "
              f"({pages:,} files, {size / 1e6:.0f} MB), graph.json {a:5.2f} s; "
              f"ratio {s / a:.1f} (median of {args.runs})")


if __name__ == "__main__":
    main()
