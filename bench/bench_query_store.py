"""`kg query` on a large build: from the build's persistent store beside loading the export.

    python bench/bench_query_store.py [--papers 50000] [--keep DIR] [--runs 3]

Builds ``--papers`` papers made from ../shared/corpus (as ``bench_update.py`` makes
them: own titles, rotated sentences, arXiv-style ids; without the HTML views, which
do not matter here) once (``--keep DIR`` keeps the build for the next run), then
times whole ``kg query`` processes:

- start-up: ``kg query OUT 'ASK {}'`` (Python, imports, opening OUT/store read-only);
- every shipped query (``kg query OUT --named NAME``) from the store;
- the anchor, in the same run: the same start-up query over ``OUT/graph.nt``, which
  loads the N-Triples into memory first (what every ``kg query OUT`` did before the
  build kept a store), and ``python -c pass`` (the interpreter alone).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

sys.path.insert(0, str(REPO / "bench"))

from bench_update import write_papers  # noqa: E402

from kg.ingest import read_papers  # noqa: E402
from kg.query import shipped_queries  # noqa: E402

KG = str(Path(sys.executable).parent / "kg")


def timed(*command: str) -> float:
    """Wall seconds of ``command``; ``inf`` when it fails (a query timed out, say)."""
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode:
        print(f"  ({' '.join(command[1:4])}: {done.stderr.strip()})", flush=True)
        return float("inf")
    return time.perf_counter() - started


def best(runs: int, *command: str) -> float:
    return min(timed(*command) for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus"))
    parser.add_argument("--papers", type=int, default=50_000)
    parser.add_argument("--keep", default=None, help="build directory to reuse or keep")
    parser.add_argument("--runs", type=int, default=3, help="runs of the start-up query")
    parser.add_argument("--timeout", type=int, default=300, help="kg query --timeout for the "
                        "shipped queries")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(args.keep) if args.keep else Path(tmp) / "out"
        if not (out / "store").is_dir():
            papers = read_papers([args.corpus], skip_bad=True).papers
            source = Path(tmp) / "papers.jsonl"
            write_papers(papers, source, 0, args.papers)
            seconds = timed(KG, "build", str(source), "--out", str(out), "--no-views", "-q")
            print(f"built {args.papers:,} papers in {seconds:.0f} s", flush=True)
        triples = sum(1 for _ in (out / "graph.nt").open("rb"))
        print(f"build: {out} ({triples:,} triples)")

        python = best(args.runs, sys.executable, "-c", "pass")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        startup = best(args.runs, KG, "query", str(out), "ASK {}")
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) / args.runs
        print(f"python -c pass: {python:.2f} s; kg query OUT 'ASK {{}}' (store): {startup:.2f} s "
              f"(best of {args.runs}; {cpu:.2f} s CPU on average; load "
              f"{os.getloadavg()[0]:.1f})", flush=True)
        named = {}
        for name in shipped_queries():  # each once: the big ones take long to answer
            named[name] = timed(KG, "query", str(out), "--named", name, "--format", "csv",
                                "--timeout", str(args.timeout))
            print(f"  --named {name}: {named[name]:.2f} s", flush=True)
        # the anchor loads every triple into memory first: more time and memory allowed
        reload = timed(KG, "query", str(out / "graph.nt"), "ASK {}", "--timeout", "3600",
                       "--memory", "32000")
    answered = {k: v for k, v in named.items() if v != float("inf")}
    print(f"\nstart-up from the store {startup:.2f} s (python alone {python:.2f} s); "
          f"loading graph.nt instead {reload:.1f} s: {reload / startup:.0f}x; shipped queries "
          f"from the store: {len(answered)} of {len(named)} answered within {args.timeout} s, "
          f"median {statistics.median(answered.values()):.2f} s, max "
          f"{max(answered.values()):.2f} s ({max(answered, key=answered.get)})")


if __name__ == "__main__":
    main()
