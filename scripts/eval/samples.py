#!/usr/bin/env python3
"""Draw the evaluation samples of the README's rounds from their recipes.

    python scripts/eval/samples.py NAME --out DIR   # writes DIR/papers.jsonl

The samples hold abstracts, so they (and their gold) live outside the
repository; only the recipes are here, so that a lost sample can be drawn
again paper for paper. Gold annotations cannot be redrawn: annotate again by
``../shared/eval/GUIDELINES.md``.

Recipes (the pool is the corpus in reading order, without the dev-gold titles
and without papers with an empty abstract):

- diag7:      ``Random(20261207).sample(pool, 60)``
- untouched7: ``Random(20261208).sample(pool - diag7, 60)`` (in reading order)
- diag7r:     ``Random(20261209).sample(R, 40)``, R = pool - diag7 - untouched7
              with at least two decimals or percentages in the abstract
- untouched8: ``Random(20261210).sample(pool - diag7 - untouched7 - diag7r, 60)``
- untouched9c: ``Random(20261213).sample(pool - diag7 - untouched7 - diag7r - untouched8, 40)``
- untouched10c: ``Random(20261215).sample(pool - diag7 - untouched7 - diag7r - untouched8
  - untouched9c, 40)``
- untouched11c: ``Random(20261217).sample(pool - diag7 - untouched7 - diag7r - untouched8
  - untouched9c - untouched10c, 40)``
- untouched12c: ``Random(20261221).sample(pool - every corpus sample above, 50)``
- untouched13c: ``Random(20261223).sample(pool - every corpus sample above, 60)``

Recipes over ``../shared/fresh/papers.jsonl`` (recent daily papers, none in the
corpus; file order, papers with an empty abstract left out):

- diag9f:      ``Random(20261211).sample(fresh, 30)``
- untouched9f: ``Random(20261212).sample(fresh - diag9f, 40)``
- diag10f:     ``Random(20261216).sample(fresh - diag9f - untouched9f, 40)``
- untouched10f: ``Random(20261214).sample(fresh - diag9f - untouched9f - diag10f, 40)``
- untouched11f: ``Random(20261218).sample(fresh - diag9f - untouched9f - diag10f
  - untouched10f, 60)``
- diag11f:      ``Random(20261219).sample(fresh - diag9f - untouched9f - diag10f
  - untouched10f - untouched11f, 60)``
- untouched12f: ``Random(20261220).sample(fresh - every fresh sample above, 50)``
- untouched13f: ``Random(20261222).sample(fresh - every fresh sample above, 40)``

Unannotated rests, for reviewing what a rule changes on papers nobody annotated
(``diff_outputs.py``): ``rest-fresh`` is fresh without every fresh sample above,
``rest-corpus`` the pool without every corpus sample above (both in file order).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[2] / "shared"
SAMPLES = ["diag7", "untouched7", "diag7r", "untouched8", "untouched9c", "untouched10c",
           "untouched11c", "untouched12c", "untouched13c", "diag9f", "untouched9f", "diag10f",
           "untouched10f", "untouched11f", "diag11f", "untouched12f", "untouched13f",
           "rest-fresh", "rest-corpus"]
FRESH_SAMPLES = ("diag9f", "untouched9f", "diag10f", "untouched10f", "untouched11f", "diag11f",
                 "untouched12f", "untouched13f")
# The round's held-out samples: scored at its start and its end only. diff_outputs.py
# leaves their papers out of what it shows (a diff over a whole input, such as the
# corpus, would show how a rule fares on them); score_samples.py refuses them.
HELD_OUT = ("untouched13f", "untouched13c")
RESULTS_RICH = re.compile(r"\d+\.\d+|\d+(\.\d+)?\s?%")


def norm_title(title: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", title.lower()).split())


def pool(shared: Path = SHARED) -> list:
    from kg.ingest import read_papers

    dev = {
        norm_title(json.loads(line)["title"])
        for line in (shared / "eval" / "dev-gold.jsonl").read_text().splitlines()
        if line.strip()
    }
    papers = read_papers([str(shared / "corpus")]).papers
    return [p for p in papers if p.abstract.strip() and norm_title(p.title) not in dev]


def fresh_pool(shared: Path = SHARED) -> list:
    from kg.ingest import read_papers

    papers = read_papers([str(shared / "fresh" / "papers.jsonl")]).papers
    return [p for p in papers if p.abstract.strip()]


def _without(papers: list, *taken: list) -> list:
    ids = {id(p) for group in taken for p in group}
    return [p for p in papers if id(p) not in ids]


def draw(name: str, shared: Path = SHARED) -> list:
    if name in ("rest-fresh", "rest-corpus"):
        fresh = name == "rest-fresh"
        samples = [n for n in SAMPLES if (n in FRESH_SAMPLES) == fresh and not n.startswith("rest")]
        taken = {norm_title(p.title) for n in samples for p in draw(n, shared)}
        return [p for p in (fresh_pool(shared) if fresh else pool(shared))
                if norm_title(p.title) not in taken]
    if name in FRESH_SAMPLES:
        fresh = fresh_pool(shared)
        diag9f = random.Random(20261211).sample(fresh, 30)
        if name == "diag9f":
            return diag9f
        untouched9f = random.Random(20261212).sample(_without(fresh, diag9f), 40)
        if name == "untouched9f":
            return untouched9f
        diag10f = random.Random(20261216).sample(_without(fresh, diag9f, untouched9f), 40)
        if name == "diag10f":
            return diag10f
        untouched10f = random.Random(20261214).sample(
            _without(fresh, diag9f, untouched9f, diag10f), 40)
        if name == "untouched10f":
            return untouched10f
        taken = (diag9f, untouched9f, diag10f, untouched10f)
        untouched11f = random.Random(20261218).sample(_without(fresh, *taken), 60)
        if name == "untouched11f":
            return untouched11f
        diag11f = random.Random(20261219).sample(_without(fresh, *taken, untouched11f), 60)
        if name == "diag11f":
            return diag11f
        taken = (*taken, untouched11f, diag11f)
        untouched12f = random.Random(20261220).sample(_without(fresh, *taken), 50)
        if name == "untouched12f":
            return untouched12f
        return random.Random(20261222).sample(_without(fresh, *taken, untouched12f), 40)
    base = pool(shared)
    diag7 = random.Random(20261207).sample(base, 60)
    if name == "diag7":
        return diag7
    untouched7 = random.Random(20261208).sample(_without(base, diag7), 60)
    if name == "untouched7":
        return untouched7
    rich = [p for p in _without(base, diag7, untouched7)
            if len(RESULTS_RICH.findall(p.abstract)) >= 2]
    diag7r = random.Random(20261209).sample(rich, 40)
    if name == "diag7r":
        return diag7r
    untouched8 = random.Random(20261210).sample(_without(base, diag7, untouched7, diag7r), 60)
    if name == "untouched8":
        return untouched8
    rest = _without(base, diag7, untouched7, diag7r, untouched8)
    untouched9c = random.Random(20261213).sample(rest, 40)
    if name == "untouched9c":
        return untouched9c
    rest = _without(base, diag7, untouched7, diag7r, untouched8, untouched9c)
    untouched10c = random.Random(20261215).sample(rest, 40)
    if name == "untouched10c":
        return untouched10c
    rest = _without(rest, untouched10c)
    untouched11c = random.Random(20261217).sample(rest, 40)
    if name == "untouched11c":
        return untouched11c
    rest = _without(rest, untouched11c)
    untouched12c = random.Random(20261221).sample(rest, 50)
    if name == "untouched12c":
        return untouched12c
    if name == "untouched13c":
        return random.Random(20261223).sample(_without(rest, untouched12c), 60)
    raise SystemExit(f"samples.py: unknown sample {name!r}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("name", choices=SAMPLES)
    parser.add_argument("--out", required=True, type=Path, help="directory for papers.jsonl")
    parser.add_argument("--shared", type=Path, default=SHARED)
    args = parser.parse_args(argv)
    papers = draw(args.name, args.shared)
    args.out.mkdir(parents=True, exist_ok=True)
    with open(args.out / "papers.jsonl", "w", encoding="utf-8") as handle:
        for p in papers:
            record = {"title": p.title, "abstract": p.abstract}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{args.name}: {len(papers)} papers -> {args.out / 'papers.jsonl'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
