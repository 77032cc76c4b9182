"""How fast is `kg serve`: start-up and SPARQL round trips over HTTP.

    python bench/bench_serve.py BUILD_DIR [--runs 20]

BUILD_DIR is a `kg build` output (e.g. of ../shared/corpus). Measures the start
(store loaded from the export, then reopened), and for three shipped queries the
median time of one answer: in-process pyoxigraph (the anchor, same run), Oxigraph's
server asked directly, and the full path through kg serve's checking front. Prints
each figure and the ratio of the front to the anchor.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kg.query import open_store, run_query, shipped_queries  # noqa: E402
from kg.serve import SparqlServer, add_prefixes  # noqa: E402

QUERIES = ("top-baselines", "papers-per-modality", "datasets-across-modalities")


def _post(url: str, query: str) -> bytes:
    request = urllib.request.Request(url, data=urllib.parse.urlencode({"query": query}).encode(),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        return answer.read()


def _median(function, runs: int) -> float:
    function()  # warm
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build_dir", type=Path)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    shutil.rmtree(args.build_dir / "store", ignore_errors=True)
    for label in ("first start (store loaded from the export)", "start on the existing store"):
        started = time.perf_counter()
        with SparqlServer(args.build_dir, port=0, quiet=True):
            print(f"{label}: {time.perf_counter() - started:.2f} s")
    memory = open_store(args.build_dir)
    with SparqlServer(args.build_dir, port=0, quiet=True) as server:
        engine = server._front.engine_url
        for name in QUERIES:
            text = shipped_queries()[name][0].read_text(encoding="utf-8")
            anchor = _median(lambda t=text: run_query(memory, t).serialize("json"), args.runs)
            direct = _median(lambda t=text: _post(engine, add_prefixes(t)), args.runs)
            front = _median(lambda t=text: _post(server.endpoint, t), args.runs)
            print(f"{name}: in-process {anchor * 1000:.1f} ms, oxigraph server "
                  f"{direct * 1000:.1f} ms, through kg serve {front * 1000:.1f} ms "
                  f"(x{front / anchor:.1f} the in-process time)")


if __name__ == "__main__":
    main()
