#!/usr/bin/env python3
"""Lines added since BASE that share a run of 7 words with the corpus or fresh papers.

    python scripts/eval/copycheck.py BASE

BASE 4b825dc642cb6eb9a060e54bf8d69288fbee4904 (the empty tree) checks everything.

The repository must hold no sentence of the corpus: fixtures, comments and the
README are written by us. Entity names and page chrome may still match; read
each line it prints.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[3] / "shared"
N = 7


def words(text: str) -> list:
    return re.findall(r"[a-z0-9]+", text.lower())


def shingles(text: str) -> set:
    w = words(text)
    return {" ".join(w[i:i + N]) for i in range(len(w) - N + 1)}


def source_shingles() -> set:
    seen: set = set()
    for path in sorted((SHARED / "corpus").glob("*.txt")):
        seen |= shingles(path.read_text(encoding="utf-8", errors="replace"))
    for line in (SHARED / "fresh" / "papers.jsonl").read_text().splitlines():
        if line.strip():
            record = json.loads(line)
            seen |= shingles(f"{record.get('title', '')} . {record.get('abstract', '')}")
    return seen


def main(argv=None) -> int:
    base = (argv or sys.argv[1:] or ["HEAD"])[0]
    diff = subprocess.run(["git", "diff", "-U0", base, "--", "."], capture_output=True,
                          text=True, check=True).stdout
    known = source_shingles()
    current, flagged = "", 0
    for line in diff.splitlines():
        if line.startswith("+++ "):
            current = line[6:]
        elif line.startswith("+") and shingles(line[1:]) & known:
            flagged += 1
            print(f"{current}: {line[1:].strip()[:160]}")
    print(f"{flagged} line(s) flagged", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
