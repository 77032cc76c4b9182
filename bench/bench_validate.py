"""`kg validate` on a large build: from the build's query store beside loading the export.

    python bench/bench_validate.py [--papers 10000] [--keep DIR] [--runs 3] [--baseline REV]

Builds ``--papers`` papers made from ../shared/corpus (as ``bench_update.py`` makes
them; without the HTML views, which validation does not read) once (``--keep DIR``
keeps the build for the next run, or reuses it), then times whole processes, each
with its peak memory (PSS of the process tree):

- the target: ``kg validate OUT``, which checks a hard-linked copy of ``OUT/store``
  (best of ``--runs``);
- the anchor, in the same run: ``kg validate OUT/graph.nt``, the same checks after
  loading the N-Triples into memory (what ``kg validate OUT`` did before);
- with ``--baseline REV``: ``kg validate OUT`` by revision REV of this repository
  (its ``kg`` and ``schemas`` unpacked into a temporary directory), for before/after;
  ``--no-anchor`` leaves the anchor out (at 100,000 papers it takes 10 minutes and
  10 GB), the baseline then being the anchor.

``kg build`` records the counts that screen the checks (``OUT/state/validate-counts.json``,
:func:`kg.validate.record_counts`); a kept build without them (made by an older
revision), or any with ``--record``, has them recorded first, timed as a process: what
the build spends on them.

Both runs must report the same violations (none, for a build).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_scale import run_measured  # noqa: E402
from bench_update import write_papers  # noqa: E402

from kg.ingest import read_papers  # noqa: E402
from kg.validate import COUNTS_FILE  # noqa: E402

KG = str(Path(sys.executable).parent / "kg")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measured(command: list[str], label: str) -> tuple[float, float, str]:
    """(wall seconds, peak MB, output) of ``command``; its CPU time is printed too (on a
    shared machine the wall time says more about the load than about the program)."""
    cpu = _children_cpu()
    seconds, peak, output = run_measured(command)
    cpu = _children_cpu() - cpu
    print(f"  {label}: {seconds:.1f} s wall, {cpu:.1f} s CPU, peak {peak:,.0f} MB "
          f"(load {os.getloadavg()[0]:.1f}): {output.strip().splitlines()[-1][:120]}",
          flush=True)
    return seconds, peak, output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus"))
    parser.add_argument("--papers", type=int, default=10_000)
    parser.add_argument("--keep", default=None, help="build directory to reuse or keep")
    parser.add_argument("--runs", type=int, default=3, help="runs of the store validation")
    parser.add_argument("--baseline", help="a git revision to time `kg validate OUT` with")
    parser.add_argument("--no-anchor", action="store_true",
                        help="no anchor (loading graph.nt); needs --baseline")
    parser.add_argument("--record", action="store_true",
                        help="record the build's counts again (timed)")
    args = parser.parse_args()
    if args.no_anchor and not args.baseline:
        parser.error("--no-anchor needs --baseline")

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        out = Path(args.keep) if args.keep else tmp / "out"
        if not (out / "store").is_dir():
            papers = read_papers([args.corpus], skip_bad=True).papers
            source = tmp / "papers.jsonl"
            write_papers(papers, source, 0, args.papers)
            subprocess.run([KG, "build", str(source), "--out", str(out), "--no-views", "-q"],
                           check=True)
        triples = sum(1 for _ in (out / "graph.nt").open("rb"))
        print(f"build: {out} ({triples:,} triples)", flush=True)
        if args.record or not (out / COUNTS_FILE).exists():
            measured([sys.executable, "-c", "import json, sys; from kg.validate import "
                      "record_counts; out = sys.argv[1]; digest = json.load(open(out + "
                      "'/state/store.json'))['digest']; "
                      "print('recorded', record_counts(out, digest))", str(out)],
                     "recording the counts (part of kg build)")

        runs = [measured([KG, "validate", str(out)], f"kg validate OUT (store), run {i + 1}")
                for i in range(args.runs)]
        store, store_peak, store_output = min(runs)
        assert "read from" in store_output, "the store was not used"
        if not args.no_anchor:
            anchor, anchor_peak, anchor_output = measured(
                [KG, "validate", str(out / "graph.nt")], "anchor: kg validate OUT/graph.nt")
            assert store_output.replace(f", read from {out / 'store'}", "") == anchor_output
        if args.baseline:
            old = tmp / "baseline"
            old.mkdir()
            archive = subprocess.run(["git", "archive", args.baseline, "kg", "schemas"],
                                     cwd=REPO, check=True, capture_output=True).stdout
            subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
            before, before_peak, before_output = measured(
                [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(old)!r}); "
                 "from kg.cli import main; main()", "validate", str(out)],
                f"baseline {args.baseline}: kg validate OUT")
            assert before_output.splitlines()[-1] == store_output.splitlines()[-1]
    print(f"\nkg validate OUT on {triples:,} triples: {store:.1f} s wall, "
          f"{store_peak:,.0f} MB from the store"
          + ("" if args.no_anchor else f"; loading graph.nt {anchor:.1f} s, "
             f"{anchor_peak:,.0f} MB: ratio {store / anchor:.2f}")
          + (f"; {args.baseline}: {before:.1f} s, {before_peak:,.0f} MB "
             f"({before / store:.1f} x this)" if args.baseline else "")
          + f"; load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
