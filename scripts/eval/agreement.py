#!/usr/bin/env python3
"""Agreement of two annotations of the same papers: F1 of A against B per field.

    python scripts/eval/agreement.py A.jsonl B.jsonl

Alias sets are matched one to one (an entry of A matches an entry of B when
their normalised aliases share a name); results match one to one when their
values are the same number and method, dataset and metric each share a name
(an empty dataset matches only an empty one), as ``score.py`` matches them.
"""
from __future__ import annotations

import argparse
import json
import re
import sys

FIELDS = ("methods", "datasets", "baselines", "modalities", "proposed", "tasks", "metrics")


def norm(name) -> str:
    key = re.sub(r"[\W_]", "", str(name).casefold())
    return key[:-1] if len(key) > 3 and key.endswith("s") else key


def load(path: str) -> dict:
    papers = {}
    with open(path, encoding="utf-8") as handle:
        for number_, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                papers[norm(record["title"])] = record
            except (ValueError, KeyError, TypeError) as error:
                raise ValueError(f"{path}, line {number_}: not a paper record ({error})") \
                    from None
    return papers


def number(value) -> float | None:
    try:
        return float(str(value).replace(",", "").strip().rstrip("%"))
    except ValueError:
        return None


def entries(record: dict, field: str) -> list:
    if field == "results":
        return [(number(r.get("value")),
                 *({norm(a) for a in str(r.get(k) or "").split("|")}
                   for k in ("method", "dataset", "metric")))
                for r in record.get("results", []) if isinstance(r, dict)]
    return [{norm(a) for a in str(e).split("|")} for e in record.get(field, [])]


def same(x, y) -> bool:
    """Two alias sets name the same thing; two results are the same score."""
    if isinstance(x, set):
        return bool(x & y)
    return x[0] is not None and x[0] == y[0] and all(a & b for a, b in zip(x[1:], y[1:],
                                                                              strict=True))


def one_to_one(a: list, b: list) -> int:
    used, hits = set(), 0
    for aliases in a:
        hit = next((i for i, other in enumerate(b) if i not in used and same(aliases, other)),
                   None)
        if hit is not None:
            used.add(hit)
            hits += 1
    return hits


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description="Agreement of two annotations of the same papers: F1 of A against B "
                    "per field, matched as ../shared/eval/score.py matches.")
    parser.add_argument("a", help="annotation A (JSON Lines, one paper per line)")
    parser.add_argument("b", help="annotation B of the same papers")
    args = parser.parse_args(argv)
    try:
        a, b = load(args.a), load(args.b)
    except (OSError, ValueError) as error:
        parser.exit(2, f"agreement.py: {error}\n")  # one line naming the file, no traceback
    for field in FIELDS + ("results",):
        tp = na = nb = 0
        for key, rec in a.items():
            ea, eb = entries(rec, field), entries(b.get(key, {}), field)
            tp += one_to_one(ea, eb)
            na, nb = na + len(ea), nb + len(eb)
        p = tp / na if na else 1.0
        r = tp / nb if nb else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{field:<11} F1 {f1:.3f}  ({tp} shared, {na} in A, {nb} in B)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
