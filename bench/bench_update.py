"""Adding one day of papers to a large build: `kg update` beside a full rebuild, same run.

    python bench/bench_update.py [--papers 10000] [--day 50] [--repeat 3] [--rebuilds 1]
                                 [--no-views] [--jobs N] [--keep DIR]

Writes ``--papers`` papers made from ../shared/corpus (each copy gets its own title,
its sentences rotated and an arXiv-style id, numbered as arXiv numbers them, so
nothing merges and a new day's papers sort after the old ones, as fetched days do)
and a day of ``--day`` further ones, builds the papers once (``--keep DIR`` keeps that
build for the next run), then times, as whole ``kg`` processes (start-up included):

- the target: ``kg update OUT day.jsonl`` on a hard-linked copy of that build
  (``--repeat`` times), then the same update again (up to date: nothing is written);
- the anchor: ``kg build base.jsonl day.jsonl --out NEW`` from scratch, the full
  rebuild (``--rebuilds`` times), with the same options;

and prints medians, the ratio full rebuild / update, and whether the update's data
files are byte-identical to ``kg build --no-cache`` over a copy of the first build
(the same published ids, everything made anew) and to the build from scratch.
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
DATA_FILES = ("graph.nt", "graph.ttl", "papers.jsonl", "graph.json")


def write_papers(papers, path: Path, start: int, count: int) -> None:
    """Papers ``start`` .. ``start + count``: copy number in the title, sentences rotated."""
    with path.open("w", encoding="utf-8") as handle:
        for number in range(start, start + count):
            paper = papers[number % len(papers)]
            copy = number // len(papers)
            sentences = paper.abstract.split(". ")
            turn = copy % max(1, len(sentences))
            handle.write(json.dumps({
                "arxiv_id": f"2501.{number + 1:05d}", "title": f"{paper.title} [{copy}]",
                "abstract": ". ".join(sentences[turn:] + sentences[:turn])}) + "\n")


def timed(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([KG, *args], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus"))
    parser.add_argument("--papers", type=int, default=10_000)
    parser.add_argument("--day", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3, help="updates timed")
    parser.add_argument("--rebuilds", type=int, default=1, help="full rebuilds timed")
    parser.add_argument("--jobs", type=int, default=None, help="kg --jobs (default: all cores)")
    parser.add_argument("--keep", default=None, help="directory for the inputs and first build")
    parser.add_argument("--no-views", action="store_true",
                        help="build, update and rebuild without the HTML views and pages")
    args = parser.parse_args()
    options = (["--no-views"] if args.no_views else []) + (
        ["--jobs", str(args.jobs)] if args.jobs else [])

    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        keep = Path(args.keep) if args.keep else tmp
        keep.mkdir(parents=True, exist_ok=True)
        base, day = keep / f"base-{args.papers}.jsonl", keep / f"day-{args.day}.jsonl"
        first = keep / f"first-{args.papers}{'-noviews' if args.no_views else ''}"
        if not (first / "state" / "build.json").is_file():
            papers = read_papers([args.corpus], skip_bad=True).papers
            write_papers(papers, base, 0, args.papers)
            write_papers(papers, day, args.papers, args.day)
            initial = timed("build", str(base), "--out", str(first), "-q", *options)
            print(f"initial build of {args.papers:,} papers: {initial:.1f} s", flush=True)

        updates, noops = [], []
        for run in range(args.repeat):
            work = tmp / f"update-{run}"
            subprocess.run(["cp", "-al", str(first), str(work)], check=True)  # hard links
            updates.append(timed("update", str(work), str(day), "-q", *options))
            noops.append(timed("update", str(work), str(day), "-q", *options))
            print(f"update {run + 1}: {updates[-1]:.2f} s; again (up to date) "
                  f"{noops[-1]:.2f} s", flush=True)
            if run:
                shutil.rmtree(work)
        rebuilds = []
        for run in range(args.rebuilds):
            fresh = tmp / f"fresh-{run}"
            rebuilds.append(timed("build", str(base), str(day), "--out", str(fresh), "-q",
                                  *options))
            print(f"full rebuild {run + 1}: {rebuilds[-1]:.1f} s", flush=True)

        reference = tmp / "reference"
        subprocess.run(["cp", "-al", str(first), str(reference)], check=True)
        timed("build", str(base), str(day), "--out", str(reference), "--no-cache", "-q",
              *options)
        names = [n for n in DATA_FILES if (reference / n).exists()]
        same = all(filecmp.cmp(tmp / "update-0" / n, reference / n, shallow=False)
                   for n in names)
        fresh_same = all(filecmp.cmp(tmp / "update-0" / n, tmp / "fresh-0" / n, shallow=False)
                         for n in names) if rebuilds else None

    update, rebuild = statistics.median(updates), statistics.median(rebuilds)
    what = "without views and pages" if args.no_views else "every output"
    print(f"\nadding {args.day} papers to {args.papers:,} ({what}): kg update {update:.2f} s "
          f"(median of {len(updates)}), full rebuild {rebuild:.1f} s (median of "
          f"{len(rebuilds)}): ratio {rebuild / update:.1f}x; nothing new: "
          f"{statistics.median(noops):.2f} s")
    print(f"{', '.join(names)} of the update byte-identical to `kg build --no-cache` with the "
          f"same ids: {same}; to a build from scratch: {fresh_same}")


if __name__ == "__main__":
    main()
