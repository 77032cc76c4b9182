#!/usr/bin/env python3
"""Score a checkout's extractor on the annotated samples, with deltas to a base.

    python scripts/eval/score_samples.py REPO [BASE] --sets dev,diag7 [--annot DIR] [--show N]
    python scripts/eval/score_samples.py REPO [BASE] --pool     # the tuning pool, pooled

REPO and BASE are checkouts with their own ``.venv`` (``make install-test``).
Each set is ``ANNOT/SET/papers.jsonl`` + ``ANNOT/SET/gold.jsonl`` (outside the
repository, see ``samples.py``); ``dev`` is the corpus scored against
``../shared/eval/dev-gold.jsonl``. Predictions are cached per checkout state
(HEAD and a hash of the uncommitted diff) under ``/tmp``. Sets whose name
starts with "untouched" are refused unless ``--final`` is given: they are
scored at the start and the end of a round only.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[2] / "shared"
# The round's tuning pool (annotated once each; ``--pool`` scores them as one set, which
# is far less noisy than any one of them). Held-out sets join it once they are reported,
# renamed: tuneN is the sample untouchedN of samples.py (diag8 is untouched8), annotated once.
TUNING_POOL = ("diag9f", "tune9f", "diag10f", "tune9c", "diag8", "tune10f", "tune10c",
               "diag11f", "tune11f", "tune11c", "tune12f", "tune12c")
ORDER = ("methods", "datasets", "baselines", "modalities", "proposed",
         "tasks", "metrics", "results", "results~")


def state(repo: Path) -> str:
    head = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", "HEAD"],
                          capture_output=True, text=True, check=True).stdout.strip()
    diff = subprocess.run(["git", "-C", str(repo), "diff", "HEAD", "--", "kg", "schemas"],
                          capture_output=True, check=True).stdout
    return f"{head}-{hashlib.sha1(diff).hexdigest()[:10]}"


def predict(repo: Path, name: str, annot: Path) -> Path:
    cache = Path(f"/tmp/scoresamples-{state(repo)}-{name}.jsonl")
    if not cache.exists():
        source = SHARED / "corpus" if name == "dev" else annot / name / "papers.jsonl"
        # One part file per process: helpers scoring the same checkout at once (main, as
        # their base) would otherwise write and rename one file together.
        tmp = cache.with_suffix(f".{os.getpid()}.part")
        with open(tmp, "w") as out:
            subprocess.run([str(repo / ".venv" / "bin" / "kg"), "extract", str(source),
                            "--format", "jsonl"], stdout=out, check=True, cwd=repo)
        tmp.replace(cache)  # the same predictions, whichever process finishes last
    return cache


def score(gold: Path, pred: Path, show: int = 0) -> dict:
    cmd = [sys.executable, str(SHARED / "eval" / "score.py"), str(gold), str(pred)]
    if show:
        print(subprocess.run(cmd + ["--show", str(show)], capture_output=True, text=True).stdout)
    return json.loads(subprocess.run(cmd + ["--json"], capture_output=True, text=True,
                                     check=True).stdout)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("repo", type=Path)
    parser.add_argument("base", type=Path, nargs="?")
    parser.add_argument("--sets", default="dev", help="comma-separated set names; '' for none")
    parser.add_argument("--annot", type=Path, default=Path("/work/annot"))
    parser.add_argument("--final", action="store_true", help="allow untouched sets")
    parser.add_argument("--show", type=int, default=0, help="list N misses per field")
    parser.add_argument("--pool", action="store_true",
                        help="also score the tuning pool's sets as one (TUNING_POOL)")
    args = parser.parse_args(argv)
    if args.pool:
        pooled(args)
    for name in (args.sets.split(",") if args.sets else []):
        if name.startswith("untouched") and not args.final:
            print(f"{name}: refused (untouched; use --final at the end of a round)")
            continue
        dev = SHARED / "eval" / "dev-gold.jsonl"
        gold = dev if name == "dev" else args.annot / name / "gold.jsonl"
        new = score(gold, predict(args.repo.resolve(), name, args.annot), args.show)
        old = score(gold, predict(args.base.resolve(), name, args.annot)) if args.base else None
        report(name, new, old)
    return 0


def pooled(args) -> None:
    """Concatenate the pool's gold and each checkout's predictions, and score once."""
    # Files named by the pool's sets too, so checkouts with different pools never share one.
    key = hashlib.sha1(",".join(TUNING_POOL).encode()).hexdigest()[:8]
    def joined(repo: Path | None) -> Path | None:
        if repo is None:
            return None
        path = Path(f"/tmp/scoresamples-{state(repo.resolve())}-POOL-{key}.jsonl")
        path.write_text("".join(predict(repo.resolve(), n, args.annot).read_text()
                                for n in TUNING_POOL))
        return path
    gold = Path(f"/tmp/scoresamples-pool-gold-{key}.jsonl")
    gold.write_text("".join((args.annot / n / "gold.jsonl").read_text() for n in TUNING_POOL))
    new = score(gold, joined(args.repo), args.show)
    old = score(gold, joined(args.base)) if args.base else None
    report("pool: " + "+".join(TUNING_POOL), new, old)


def report(name: str, new: dict, old: dict | None) -> None:
    print(f"== {name} ({new['papers_found']} papers)")
    for field in ORDER:
        if field not in new:
            continue
        r = new[field]
        line = (f"  {field:<11} F1 {r['f1']:.3f}  P {r['precision']:.3f}  R {r['recall']:.3f}"
                f"  {r['tp']}/{r['fp']}/{r['fn']}")
        if old:
            delta = r["f1"] - old[field]["f1"]
            line += f"   base {old[field]['f1']:.3f}  {delta:+.3f}"
            line += "  <<" if delta < 0 else ""
        print(line)


if __name__ == "__main__":
    sys.exit(main())
