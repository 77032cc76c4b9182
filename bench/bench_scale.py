"""Speed and scale of `kg build` / `kg validate`, each figure with its ratio to an anchor
measured in the same run (the machine is shared and noisy).

    python bench/bench_scale.py                       # start-up, corpus build, validate, --jobs
    python bench/bench_scale.py --curve 10000,50000,100000   # + the build curve
    python bench/bench_scale.py --only curve --curve 10000 --jobs 2

Anchors: ``python -c pass`` for start-up; the blank spaCy tokenizer over the same
papers for builds (the floor of any extraction); pyoxigraph's bulk load of the
same ``graph.nt`` for validation. Synthetic big inputs are made here, in a
temporary directory, by replicating the corpus papers with a copy number in the
title and the abstract's sentences rotated (so no two papers are merged and the
text varies); nothing is written into the repository.

Peak memory is the largest sum of the proportional set sizes (PSS: shared pages
split between the processes sharing them) of the build process and its worker
processes, sampled every 0.2 s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
KG = str(Path(PYTHON).with_name("kg"))


def wall(command: list[str], runs: int = 1, **kwargs) -> float:
    """Median wall time of ``command`` (a subprocess), in seconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, **kwargs)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            children = []
        todo.extend(int(c) for c in children)
    return found


def run_measured(command: list[str]) -> tuple[float, float, str]:
    """(wall seconds, peak PSS of the process tree in MB, stdout) of ``command``."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    peak = [0]

    def sample():
        while process.poll() is None:
            peak[0] = max(peak[0], sum(_pss_kb(p) for p in _tree(process.pid)))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = process.communicate()
    seconds = time.perf_counter() - started
    sampler.join()
    if process.returncode:
        raise SystemExit(f"{command[:3]} failed with exit code {process.returncode}")
    return seconds, peak[0] / 1024, out


def synthetic_papers(corpus: Path, n: int, path: Path) -> None:
    """``n`` papers made from the corpus: copy number in the title, sentences rotated."""
    sys.path.insert(0, str(REPO))
    from kg.ingest import read_papers

    papers = read_papers([corpus], skip_bad=True).papers
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            paper = papers[i % len(papers)]
            copy = i // len(papers)
            sentences = paper.abstract.split(". ")
            turn = copy % max(1, len(sentences))
            abstract = ". ".join(sentences[turn:] + sentences[:turn])
            handle.write(json.dumps({"id": f"syn-{i}", "title": f"{paper.title} [{copy}]",
                                     "abstract": abstract}) + "\n")


TOKENIZER = """
import sys, time, json
import spacy
texts = [(r["title"] + "\\n\\n" + r["abstract"]) for r in map(json.loads, open(sys.argv[1]))]
nlp = spacy.blank("en")
started = time.perf_counter()
for doc in nlp.tokenizer.pipe(texts, batch_size=256):
    pass
print(time.perf_counter() - started)
"""

BUILD = """
import json, os, resource, sys, time
def cpu():  # this process and its finished children (the forked workers)
    return sum(r.ru_utime + r.ru_stime for r in map(resource.getrusage, (
        resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))
started = time.perf_counter()
from kg.build import build
from kg.extract.pipeline import build_pipeline
build_pipeline()
ready, ready_cpu = time.perf_counter(), cpu()
result = build([sys.argv[1]], sys.argv[2], jobs=int(sys.argv[3]))
print(json.dumps({"startup": ready - started, "build": time.perf_counter() - ready,
                  "cpu": cpu() - ready_cpu,
                  "stages": result.stages, "papers": len(result.report.papers),
                  "triples": sum(1 for _ in open(os.path.join(sys.argv[2], "graph.nt"), "rb"))}))
sys.stdout.flush()
os._exit(0)
"""


def tokenizer_seconds(papers: Path) -> float:
    return float(subprocess.run([PYTHON, "-c", TOKENIZER, str(papers)], check=True,
                                capture_output=True, text=True).stdout)


def build_once(papers: Path, out: Path, jobs: int) -> tuple[dict, float, float]:
    seconds, peak, stdout = run_measured([PYTHON, "-c", BUILD, str(papers), str(out), str(jobs)])
    return json.loads(stdout), seconds, peak


def cpu(command: list[str], runs: int = 5) -> float:
    """Median CPU time (user + system) of ``command``: less disturbed by a busy machine."""
    import resource

    times = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(times)


def section_startup() -> None:
    anchor = wall([PYTHON, "-c", "pass"], runs=5)
    helped = wall([KG, "--help"], runs=5)
    anchor_cpu, helped_cpu = cpu([PYTHON, "-c", "pass"]), cpu([KG, "--help"])
    print(f"kg --help: {helped:.3f} s wall (median of 5) = {helped / anchor:.1f} x "
          f"`python -c pass` ({anchor:.3f} s); CPU {helped_cpu:.3f} s = "
          f"{helped_cpu / anchor_cpu:.1f} x ({anchor_cpu:.3f} s); target <= 0.3 s")


def section_corpus(corpus: Path, tmp: Path, jobs: int) -> Path:
    papers = tmp / "corpus.jsonl"
    synthetic_papers(corpus, len(list(_corpus_papers(corpus))), papers)
    anchor = tokenizer_seconds(papers)
    runs = []
    for _ in range(3):  # each into a new directory: a build into its own output reuses it
        out = tmp / "corpus-out"
        subprocess.run(["rm", "-rf", str(out)], check=True)
        runs.append(build_once(papers, out, jobs))
    best = min(runs, key=lambda r: r[0]["build"])
    info, seconds, peak = best
    print(f"corpus build ({info['papers']} papers, --jobs {jobs}): {info['build']:.2f} s after "
          f"start-up (best of 3; start-up {info['startup']:.2f} s, process {seconds:.2f} s; "
          f"CPU of all processes {info['cpu']:.2f} s) = {info['build'] / anchor:.1f} x the "
          f"blank tokenizer ({anchor:.2f} s); target <= 3 s")
    print("  stages: " + ", ".join(f"{k} {v:.2f}" for k, v in info["stages"].items()))
    process = wall([KG, "build", str(corpus), "--out", str(tmp / "kg-corpus"), "-q",
                    "--skip-bad", "-j", str(jobs)])
    print(f"  `kg build ../shared/corpus` whole process: {process:.2f} s wall")
    return tmp / "kg-corpus"


def _corpus_papers(corpus: Path):
    sys.path.insert(0, str(REPO))
    from kg.ingest import read_papers

    return read_papers([corpus], skip_bad=True).papers


LOAD = """
import sys, time
import pyoxigraph as ox
started = time.perf_counter()
store = ox.Store()
store.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_TRIPLES)
print(time.perf_counter() - started)
"""


def section_validate(out: Path, label: str, pyshacl: bool = False) -> None:
    load = float(subprocess.run([PYTHON, "-c", LOAD, str(out / "graph.nt")], check=True,
                                capture_output=True, text=True).stdout)
    seconds, peak, _ = run_measured([KG, "validate", str(out)])
    print(f"kg validate ({label}): {seconds:.2f} s wall, peak {peak:,.0f} MB = "
          f"{seconds / load:.1f} x pyoxigraph's bulk load of graph.nt ({load:.2f} s)")
    if pyshacl:
        started = time.perf_counter()
        subprocess.run([PYTHON, "-c", "import sys; sys.path.insert(0, 'tests');"
                        "from shacl_reference import pyshacl_violations;"
                        f"pyshacl_violations({str(out / 'graph.nt')!r})"],
                       check=True, cwd=REPO)
        print(f"  pySHACL on the same export: {time.perf_counter() - started:.1f} s")


def section_jobs(corpus: Path, tmp: Path, n: int, jobs: int) -> None:
    papers = tmp / f"jobs-{n}.jsonl"
    synthetic_papers(corpus, n, papers)
    one, one_wall, _ = build_once(papers, tmp / "jobs-1", 1)
    many, many_wall, _ = build_once(papers, tmp / f"jobs-{jobs}", jobs)
    # The query store's files carry random ids, state/ and the manifest record the run.
    same = subprocess.run(["diff", "-rq", "-x", "store", "-x", "state", "-x", ".kg-manifest.json",
                           str(tmp / "jobs-1"), str(tmp / f"jobs-{jobs}")],
                          capture_output=True).returncode == 0
    extract = one["stages"]["extract"] / many["stages"]["extract"]
    write = one["stages"]["write (wall)"] / many["stages"]["write (wall)"]
    print(f"--jobs {jobs} vs 1 on {n:,} papers: extraction {extract:.2f} x faster "
          f"({one['stages']['extract']:.1f} -> {many['stages']['extract']:.1f} s), writing "
          f"{write:.2f} x ({one['stages']['write (wall)']:.1f} -> "
          f"{many['stages']['write (wall)']:.1f} s), whole build "
          f"{one['build'] / many['build']:.2f} x; outputs byte-identical: {same}; "
          f"target >= 1.8 x")
    print("  stages (--jobs 1): " + ", ".join(f"{k.strip()} {v:.1f}"
                                             for k, v in one["stages"].items()))


TOKENIZER_PROCESS = """
import sys, json
import spacy
nlp = spacy.blank("en")
for line in open(sys.argv[1], encoding="utf-8"):
    record = json.loads(line)
    nlp.tokenizer(record["title"] + "\\n\\n" + record["abstract"])
"""


def timed(command: list[str], runs: int = 3) -> tuple[float, float]:
    """Median wall and median CPU seconds (user + system, the process and its children)
    of ``command``."""
    import resource

    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def section_extract(corpus: Path, tmp: Path, n: int) -> None:
    """Whole-process `kg extract` against a whole process running the blank tokenizer:
    wall and CPU time, each as a ratio (CPU is less disturbed by a busy machine)."""
    papers = tmp / f"extract-{n}.jsonl"
    synthetic_papers(corpus, n, papers)
    floor, floor_cpu = timed([PYTHON, "-c", TOKENIZER_PROCESS, str(papers)])
    for jobs in (1, len(os.sched_getaffinity(0))):
        took, took_cpu = timed([KG, "extract", str(papers), "--format", "jsonl",
                                "-j", str(jobs)])
        print(f"kg extract -j {jobs}, {n:,} papers, whole process: {took:.2f} s wall "
              f"(median of 3) = {took / floor:.2f} x the blank spaCy tokenizer process "
              f"({floor:.2f} s); CPU {took_cpu:.2f} s = {took_cpu / floor_cpu:.2f} x "
              f"({floor_cpu:.2f} s); target <= 2.0 x", flush=True)
    print("load average: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))


def section_curve(corpus: Path, tmp: Path, sizes: list[int], jobs: int) -> None:
    print(f"build curve (--jobs {jobs}; seconds after start-up; peak PSS of all processes):")
    print("| papers | build s | CPU s | x tokenizer | ms/paper | peak MB | KB/paper "
          "| triples/paper | stages (s) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for n in sizes:
        papers = tmp / f"curve-{n}.jsonl"
        synthetic_papers(corpus, n, papers)
        anchor = tokenizer_seconds(papers)
        info, _seconds, peak = build_once(papers, tmp / f"curve-{n}", jobs)
        stages = ", ".join(f"{k} {v:.1f}" for k, v in info["stages"].items())
        print(f"| {n:,} | {info['build']:.1f} | {info['cpu']:.0f} | {info['build'] / anchor:.1f} | "
              f"{1000 * info['build'] / n:.2f} | {peak:,.0f} | {1024 * peak / n:.0f} | "
              f"{info['triples'] / n:.0f} | {stages} |", flush=True)
        section_validate(tmp / f"curve-{n}", f"{n:,} papers")
        subprocess.run(["rm", "-rf", str(tmp / f"curve-{n}"), str(papers)], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--jobs-papers", type=int, default=10000)
    parser.add_argument("--curve", default="", help="comma-separated sizes, e.g. 10000,50000")
    parser.add_argument("--only", choices=["startup", "corpus", "jobs", "extract", "curve"])
    parser.add_argument("--extract-papers", type=int, default=12000)
    parser.add_argument("--pyshacl", action="store_true", help="also time pySHACL on the corpus")
    args = parser.parse_args()
    # The machine may be shared: the load says how much of it the figures had.
    print("load average (1, 5, 15 min): {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        tmp = Path(tmp)
        if args.only in (None, "startup"):
            section_startup()
        if args.only in (None, "corpus"):
            out = section_corpus(args.corpus, tmp, args.jobs)
            section_validate(out, "corpus", args.pyshacl)
        if args.only in (None, "jobs"):
            section_jobs(args.corpus, tmp, args.jobs_papers, args.jobs)
        if args.only in (None, "extract"):
            section_extract(args.corpus, tmp, args.extract_papers)
        if args.curve and args.only in (None, "curve"):
            section_curve(args.corpus, tmp, [int(n) for n in args.curve.split(",")], args.jobs)


if __name__ == "__main__":
    main()
    print("load average at the end: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
