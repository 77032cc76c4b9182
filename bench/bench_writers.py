"""CPU seconds of what comes after extraction — the writers, the query store, state/ and
the manifest — per stage, for this checkout and (``--baseline REV``) an older revision
of kg measured in the same run on the same graph (the machine is shared and noisy:
the ratio is the figure to compare).

    python bench/bench_writers.py --papers 10000 --baseline bb2dc6e

The graph is built once (synthetic papers made from the corpus as in
``bench_scale.py``) and pickled; each revision then writes it in its own process with
``--jobs 1``, so every stage runs in that process and its CPU time (the query store's
RocksDB threads included) is measured alone. Both processes run side by side. The
outputs of the two revisions are compared byte for byte (the store's files and the
manifest aside: the store's files carry random ids, state/ records the code).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

GRAPH = """
import pickle, sys
sys.path.insert(0, sys.argv[3])
from pathlib import Path
from bench_scale import synthetic_papers
from kg.build import build_graph_from_inputs
papers = Path(sys.argv[1]).with_suffix(".jsonl")
synthetic_papers(Path(sys.argv[4]), int(sys.argv[2]), papers)
G, _ = build_graph_from_inputs([papers], jobs=2)
pickle.dump(G, open(sys.argv[1], "wb"), protocol=5)
"""

# Runs in the revision measured: times each stage by wrapping the functions that do it.
WRITE = """
import json, os, pickle, sys, time
from pathlib import Path
G = pickle.load(open(sys.argv[1], "rb"))
out = Path(sys.argv[2])
import kg.build, kg.outdir, kg.update
import kg.export.rdf as rdf
from kg.export import OUTPUTS
cpu = {}
def timed(name, function):
    def run(*args, **kwargs):
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            cpu[name] = cpu.get(name, 0.0) + time.process_time() - started
    return run
original = kg.build._timed
kg.build._timed = lambda label, *a, **k: timed(label[6:], original)(label, *a, **k)
rdf._write_piece = timed("rdf pieces", rdf._write_piece)
rdf._join = timed("rdf join", rdf._join)
kg.update.BuildState.save = timed("store and state", kg.update.BuildState.save)
kg.outdir._manifest_hashes = timed("manifest", kg.outdir._manifest_hashes)
previous = kg.update.PreviousBuild(out)
state = kg.update.BuildState(previous, True, previous.registry, {}, {"format": 2})
formats, _ = kg.build.size_notes(G, OUTPUTS)
started = time.process_time()
kg.build.write_outputs(G, out, formats, jobs=1, state=state)
cpu["all"] = time.process_time() - started
print(json.dumps(cpu))
sys.stdout.flush()
os._exit(0)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=10000)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--baseline", help="a git revision of this repository to compare with")
    parser.add_argument("--graph", type=Path, help="a pickled graph to write (instead of "
                        "building one of --papers papers)")
    args = parser.parse_args()
    print("load average (1, 5, 15 min): {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    with tempfile.TemporaryDirectory(prefix="kg-bench-writers-") as tmp:
        tmp = Path(tmp)
        graph = args.graph.resolve() if args.graph else tmp / "graph.pickle"
        if not args.graph:
            subprocess.run([PYTHON, "-c", GRAPH, str(graph), str(args.papers),
                            str(REPO / "bench"), str(args.corpus)], check=True, cwd=REPO)
        runs = {"this checkout": REPO}
        if args.baseline:
            old = tmp / "baseline"
            old.mkdir()
            archive = subprocess.run(["git", "archive", args.baseline, "kg", "schemas"],
                                     cwd=REPO, check=True, capture_output=True).stdout
            subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
            runs[args.baseline] = old
        processes = {name: subprocess.Popen(
            [PYTHON, "-c", WRITE, str(graph), str(tmp / f"out-{number}")], cwd=tmp,
            env={**os.environ, "PYTHONPATH": str(source)}, stdout=subprocess.PIPE, text=True)
            for number, (name, source) in enumerate(runs.items())}
        cpu = {}
        for name, process in processes.items():
            out, _ = process.communicate()
            if process.returncode:
                raise SystemExit(f"{name}: the writers failed (exit {process.returncode})")
            cpu[name] = json.loads(out)
        print(f"{args.graph or f'{args.papers:,} papers'}, --jobs 1, CPU seconds per stage:")
        names = list(runs)
        print("| stage | " + " | ".join(names) + (" | ratio |" if len(names) > 1 else " |"))
        print("|---" * (len(names) + 1 + (len(names) > 1)) + "|")
        for stage in dict.fromkeys(key for run in cpu.values() for key in run):
            values = [cpu[name].get(stage) for name in names]
            cells = " | ".join("—" if v is None else f"{v:.1f}" for v in values)
            ratio = (f" | {values[0] / values[1]:.2f}" if len(names) > 1 and all(values)
                     else " | —" if len(names) > 1 else "")
            print(f"| {stage} | {cells}{ratio} |")
        if len(names) > 1:
            same = subprocess.run(["diff", "-rq", "-x", "store", "-x", "state", "-x",
                                   ".kg-manifest.json", str(tmp / "out-0"), str(tmp / "out-1")],
                                  capture_output=True).returncode == 0
            print(f"outputs byte-identical (store, state/ and manifest aside): {same}")
    print("load average at the end: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
