#!/usr/bin/env python3
"""What a change of the extractor changes on papers nobody annotated.

    python scripts/eval/diff_outputs.py REPO BASE PAPERS.jsonl... [--fields tasks,metrics]
                                        [--sample N] [--seed S]

Runs ``kg extract`` of both checkouts (each with its own ``.venv``) on the papers and
prints, per field, how many papers changed and how many items were added and removed,
then the changes themselves (or a random sample of N of them) with the sentence of the
abstract that holds each added item, to be judged by ``../shared/eval/GUIDELINES.md``.

Annotated samples say whether a rule helps on the papers it was tuned on; this says
how often it fires on papers it was not, and reviewing a sample of its changes says
whether it fires correctly there. A rule that changes two papers of three hundred is
a fix for those two papers. Use the unannotated rests of ``samples.py``
(``rest-fresh``, ``rest-corpus``). Papers of the round's held-out samples
(``samples.HELD_OUT``) are left out of any input, with a note, unless ``--final``.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from samples import HELD_OUT, norm_title  # noqa: E402
from score_samples import state  # noqa: E402

FIELDS = ("methods", "datasets", "baselines", "modalities", "proposed", "tasks", "metrics",
          "results")


def extract(repo: Path, papers: Path) -> list[dict]:
    cache = Path(f"/tmp/diffoutputs-{state(repo)}-{papers.parent.name}-{papers.stem}.jsonl")
    if not cache.exists():
        tmp = cache.with_suffix(".part")
        with open(tmp, "w") as out:
            subprocess.run([str(repo / ".venv" / "bin" / "kg"), "extract", str(papers),
                            "--format", "jsonl"], stdout=out, check=True, cwd=repo)
        tmp.rename(cache)
    return [json.loads(line) for line in cache.read_text().splitlines() if line.strip()]


def held_out_titles(repo: Path) -> set[str]:
    """The normalised titles of the held-out samples, drawn by the checkout's own Python."""
    titles: set[str] = set()
    with tempfile.TemporaryDirectory() as tmp:
        for name in HELD_OUT:
            subprocess.run([str(repo / ".venv" / "bin" / "python"), str(HERE / "samples.py"),
                            name, "--out", f"{tmp}/{name}"], check=True, capture_output=True)
            titles |= {norm_title(json.loads(line)["title"])
                       for line in Path(f"{tmp}/{name}/papers.jsonl").read_text().splitlines()
                       if line.strip()}
    return titles


def without_held_out(lines: list[str], held_out: set[str]) -> tuple[list[str], int]:
    """The JSON lines whose title is in no held-out sample, and how many were left out."""
    kept = [line for line in lines
            if line.strip() and norm_title(json.loads(line)["title"]) not in held_out]
    return kept, sum(1 for line in lines if line.strip()) - len(kept)


def items(record: dict, field: str) -> set[str]:
    values = record.get(field) or []
    if field == "results":
        return {f"{r['method']} / {r['dataset']} / {r['metric']} = {r['value']}" for r in values}
    return set(values)


def sentence_of(text: str, item: str) -> str:
    word = item.split(" / ")[0] if " / " in item else item
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if word.lower() in sentence.lower():
            return sentence.strip()
    return ""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("repo", type=Path)
    parser.add_argument("base", type=Path)
    parser.add_argument("papers", type=Path, nargs="+")
    parser.add_argument("--fields", default=",".join(FIELDS))
    parser.add_argument("--sample", type=int, default=0, help="show N random changes (0: all)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--final", action="store_true",
                        help="keep the papers of the held-out samples (end of a round only)")
    args = parser.parse_args(argv)
    held_out = set() if args.final else held_out_titles(args.repo.resolve())
    fields = args.fields.split(",")
    changes = []  # (field, sign, item, title, sentence)
    counts = {f: [0, 0, 0] for f in fields}  # papers changed, added, removed
    total = 0
    work = tempfile.TemporaryDirectory()
    for number, papers in enumerate(args.papers):
        lines, left_out = without_held_out(papers.read_text().splitlines(), held_out)
        if left_out:
            print(f"{papers}: {left_out} papers of the held-out samples "
                  f"({', '.join(HELD_OUT)}) left out")
            papers = Path(work.name) / f"{number}-{papers.parent.name}" / papers.name
            papers.parent.mkdir()
            papers.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        texts = {json.loads(line)["title"]: json.loads(line).get("abstract", "")
                 for line in lines}
        new = extract(args.repo.resolve(), papers)
        old = extract(args.base.resolve(), papers)
        total += len(new)
        for after, before in zip(new, old, strict=True):
            for field in fields:
                added = items(after, field) - items(before, field)
                removed = items(before, field) - items(after, field)
                if added or removed:
                    counts[field][0] += 1
                    counts[field][1] += len(added)
                    counts[field][2] += len(removed)
                text = texts.get(after["title"], "")
                changes += [(field, "+", i, after["title"], sentence_of(text, i))
                            for i in sorted(added)]
                changes += [(field, "-", i, after["title"], sentence_of(text, i))
                            for i in sorted(removed)]
    print(f"{total} papers")
    for field, (papers_changed, added, removed) in counts.items():
        if papers_changed:
            print(f"  {field:<11} {papers_changed} papers changed, +{added} -{removed}")
    shown = changes
    if args.sample and len(changes) > args.sample:
        shown = random.Random(args.seed).sample(changes, args.sample)
    for field, sign, item, title, sentence in shown:
        print(f"\n{field} {sign} {item}\n   in: {title[:90]}\n   {sentence[:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
