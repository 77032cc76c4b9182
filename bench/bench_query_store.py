"""`kg query` on a large build: from the build's persistent store beside loading the export.

    python bench/bench_query_store.py [--papers 50000] [--keep DIR] [--runs 3]

Builds ``--papers`` papers made from ../shared/corpus (distinct titles; without the
HTML views, which do not matter here) once (``--keep DIR`` keeps the build for the
next run), then times whole ``kg query`` processes:

- start-up: ``kg query OUT 'ASK {}'`` (Python, imports, opening OUT/store read-only);
- every shipped query (``kg query OUT --named NAME``) from the store;
- the anchor, in the same run: the same start-up query over ``OUT/graph.nt``, which
  loads the N-Triples into memory first (what every ``kg query OUT`` did before the
  build kept a store), and ``python -c pass`` (the interpreter alone).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kg.ingest import read_papers  # noqa: E402
from kg.query import shipped_queries  # noqa: E402

KG = str(Path(sys.executable).parent / "kg")


def timed(*command: str) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def best(runs: int, *command: str) -> float:
    return min(timed(*command) for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus"))
    parser.add_argument("--papers", type=int, default=50_000)
    parser.add_argument("--keep", default=None, help="build directory to reuse or keep")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(args.keep) if args.keep else Path(tmp) / "out"
        if not (out / "store").is_dir():
            papers = read_papers([args.corpus]).papers
            source = Path(tmp) / "papers.jsonl"
            with source.open("w", encoding="utf-8") as handle:
                for number in range(args.papers):
                    paper = papers[number % len(papers)]
                    handle.write(json.dumps({"title": f"{paper.title} [{number // len(papers)}]",
                                             "abstract": paper.abstract}) + "\n")
            seconds = timed(KG, "build", str(source), "--out", str(out), "--no-views", "-q")
            print(f"built {args.papers:,} papers in {seconds:.0f} s", flush=True)
        triples = sum(1 for _ in (out / "graph.nt").open("rb"))
        print(f"build: {out} ({triples:,} triples)")

        python = best(args.runs, sys.executable, "-c", "pass")
        startup = best(args.runs, KG, "query", str(out), "ASK {}")
        print(f"python -c pass: {python:.2f} s; kg query OUT 'ASK {{}}' (store): {startup:.2f} s")
        named = {}
        for name in shipped_queries():
            named[name] = best(args.runs, KG, "query", str(out), "--named", name, "--format",
                               "csv")
            print(f"  --named {name}: {named[name]:.2f} s", flush=True)
        reload = timed(KG, "query", str(out / "graph.nt"), "ASK {}")
    print(f"\nstart-up from the store {startup:.2f} s (python alone {python:.2f} s); "
          f"loading graph.nt instead {reload:.1f} s: {reload / startup:.0f}x; shipped queries "
          f"from the store: median {statistics.median(named.values()):.2f} s, "
          f"max {max(named.values()):.2f} s ({max(named, key=named.get)})")


if __name__ == "__main__":
    main()
