"""Adding one day of papers to a large build: `kg update` beside a full rebuild, same run.

    python bench/bench_update.py [--papers 10000] [--day 50] [--repeat 3] [--no-views]

Writes ``--papers`` papers made from ../shared/corpus (each copy gets distinct
titles, so nothing merges) and a day of ``--day`` further ones, builds the papers
once, then times, as whole ``kg`` processes (start-up included):

- ``kg update OUT day.jsonl`` on a hard-linked copy of that build (the target),
- ``kg update`` again with nothing new (up to date),
- ``kg build base.jsonl day.jsonl --out NEW`` from scratch (the anchor: the full rebuild),

``--repeat`` times, and prints medians and the ratio full rebuild / update. It also
checks that the update's outputs are byte-identical to ``kg build --no-cache`` over a
copy of the first build (same published ids, everything made anew).
"""

from __future__ import annotations

import argparse
import filecmp
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kg.ingest import read_papers  # noqa: E402

KG = str(Path(sys.executable).parent / "kg")
DATA_FILES = ("graph.nt", "graph.ttl", "graph.jsonld", "papers.jsonl", "graph.json")


def write_papers(papers, path: Path, start: int, count: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for number in range(start, start + count):
            paper = papers[number % len(papers)]
            handle.write(json.dumps({"title": f"{paper.title} [{number // len(papers)}]",
                                     "abstract": paper.abstract}) + "\n")


def timed(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([KG, *args], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus"))
    parser.add_argument("--papers", type=int, default=10_000)
    parser.add_argument("--day", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-views", action="store_true",
                        help="build, update and rebuild without the HTML views")
    args = parser.parse_args()
    views = ["--no-views"] if args.no_views else []

    papers = read_papers([args.corpus]).papers
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        base, day = tmp / "base.jsonl", tmp / "day.jsonl"
        write_papers(papers, base, 0, args.papers)
        write_papers(papers, day, args.papers, args.day)
        first = tmp / "first"
        initial = timed("build", str(base), "--out", str(first), "-q", *views)
        print(f"initial build of {args.papers:,} papers: {initial:.1f} s")

        updates, noops, rebuilds = [], [], []
        for run in range(args.repeat):
            work = tmp / f"update-{run}"
            subprocess.run(["cp", "-al", str(first), str(work)], check=True)  # hard links
            updates.append(timed("update", str(work), str(day), "-q", *views))
            noops.append(timed("update", str(work), str(day), "-q"))
            fresh = tmp / f"fresh-{run}"
            rebuilds.append(timed("build", str(base), str(day), "--out", str(fresh), "-q",
                                  *views))
            print(f"run {run + 1}: update {updates[-1]:.2f} s, again (up to date) "
                  f"{noops[-1]:.2f} s, full rebuild {rebuilds[-1]:.1f} s "
                  f"(ratio {rebuilds[-1] / updates[-1]:.1f}x)", flush=True)
            if run:
                shutil.rmtree(work)
                shutil.rmtree(fresh)

        reference = tmp / "reference"
        subprocess.run(["cp", "-al", str(first), str(reference)], check=True)
        timed("build", str(base), str(day), "--out", str(reference), "--no-cache", "-q", *views)
        same = all(filecmp.cmp(tmp / "update-0" / name, reference / name, shallow=False)
                   for name in DATA_FILES)
        fresh_same = all(filecmp.cmp(tmp / "update-0" / name, tmp / "fresh-0" / name,
                                     shallow=False) for name in DATA_FILES)

    update, rebuild = statistics.median(updates), statistics.median(rebuilds)
    what = "no views" if views else "all outputs"
    print(f"\nadding {args.day} papers to {args.papers:,} ({what}, median of {args.repeat}): "
          f"kg update {update:.2f} s, full rebuild {rebuild:.1f} s, ratio "
          f"{rebuild / update:.1f}x; nothing new: {statistics.median(noops):.2f} s")
    print(f"update outputs byte-identical to `kg build --no-cache` with the same ids: {same}; "
          f"to a build from scratch: {fresh_same}")


if __name__ == "__main__":
    main()
