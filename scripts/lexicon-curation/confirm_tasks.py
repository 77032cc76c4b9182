#!/usr/bin/env python3
"""Write ``tasks_confirmed.tsv``: the source task names that the task lists agree on.

A source task (Papers with Code, TDMSci, sota-extractor) is only *listed*; the task tagger
asks a listed name for the evidence a new phrase needs ("the X task", the title, a second
mention). A name is *confirmed* -- trusted like a curated task -- when

* it is a phrase of two to six words ending in an activity head of ``rules.json``
  (``task_heads`` without ``task_weak_heads``: "Object Tracking", "Intent Detection";
  not "Multimodal Reasoning", "Model Selection");
* at least two of the five task lists hold it, and one of them records it in use: a
  leaderboard (results reported on a benchmark: ``pwc_leaderboard_tdm_sota2024.tsv``,
  ``sota_extractor_tdm_models.tsv``) or mentions annotated in papers (``tdmsci_mentions.tsv``);
* it is not an everyday phrase: one word ("Benchmarking", "Denoising"), or a phrase that
  ends in no activity ("Decision Making", "Time Series", "General Knowledge", "Autonomous
  Driving") stays listed, and so does a head whose modifiers say only how ("Efficient
  Generation": every word before the head is a generic modifier of ``rules.json``) or
  name a step of a system rather than what it works on (``STEP_WORDS``: "Answer
  Generation", "Response Generation" describe what a question answerer or a chatbot does
  inside, and read as such in abstracts).

The file lists the confirmed name as the first list spells it, then the lists holding it.
``scripts/build_lexicons.py`` marks the task entries owning these names ``"confirmed":
true``; ``tests/extract/test_lexicons.py`` checks the committed file equals this output.

    python scripts/lexicon-curation/confirm_tasks.py           # write tasks_confirmed.tsv
    python scripts/lexicon-curation/confirm_tasks.py --check   # exit 1 when it differs
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO))

from kg.extract.lexicon import name_key  # noqa: E402

SOURCES = REPO.parent / "shared" / "lexicon-sources"
OUTPUT = HERE / "tasks_confirmed.tsv"
RULES = REPO / "schemas" / "lexicons" / "rules.json"
# The lists of task names, in the order their spelling is preferred.
TASK_LISTS = ("mlsea_pwc_tasks.tsv", "pwc_leaderboard_tdm_sota2024.tsv",
              "worldsnapshot_pwc_tasks_2025.tsv", "sota_extractor_tdm_models.tsv",
              "tdmsci_mentions.tsv")
# Lists that record a task in use: leaderboards and mentions annotated in papers.
IN_USE = ("pwc_leaderboard_tdm_sota2024.tsv", "sota_extractor_tdm_models.tsv",
          "tdmsci_mentions.tsv")
# Modifiers naming a step inside a system, not what the task works on.
STEP_WORDS = frozenset({"answer", "response", "reply", "action", "query", "feature",
                        "token", "label", "candidate", "output", "result"})
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9' -]*[A-Za-z0-9]$")
HEADER = "name\tlists\n"


def read_task_names(path: Path) -> list[str]:
    """The task names of one source list (rows of type ``task``)."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [" ".join(r["name"].split()) for r in rows if r.get("type") == "task"]


def confirmable(name: str, rules: dict) -> bool:
    """Whether a name has the shape of an established task (see the module docstring).

    >>> rules = {"task_heads": ["tracking", "generation", "reasoning"],
    ...          "task_weak_heads": ["reasoning"], "task_generic_modifiers": ["efficient"]}
    >>> [confirmable(n, rules) for n in ("Object Tracking", "Tracking", "Visual Reasoning",
    ...  "Efficient Generation", "Answer Generation", "Decision Making")]
    [True, False, False, False, False, False]
    """
    words = name.split()
    if not 2 <= len(words) <= 6 or not _NAME.match(name):
        return False
    weak = {w.lower() for w in rules["task_weak_heads"]}
    heads = {w.lower() for w in rules["task_heads"]} - weak
    head = words[-1].lower()
    if head not in heads and head.split("-")[-1] not in heads:
        return False
    modifiers = [w.lower() for w in words[:-1]]
    generic = {w.lower() for w in rules["task_generic_modifiers"]}
    if all(w in generic for w in modifiers) or modifiers[-1] in STEP_WORDS:
        return False
    return True


def confirmed(sources: Path = SOURCES, rules_path: Path = RULES) -> list[tuple[str, list[str]]]:
    """(name, lists holding it) for every confirmed name, sorted by name."""
    rules = json.loads(rules_path.read_text("utf-8"))
    spelling: dict[str, str] = {}
    lists: dict[str, set[str]] = {}
    for filename in TASK_LISTS:
        for name in read_task_names(sources / filename):
            key = name_key(name)
            if not key:
                continue
            spelling.setdefault(key, name)
            lists.setdefault(key, set()).add(filename)
    out = []
    for key, held in lists.items():
        name = spelling[key]
        if len(held) >= 2 and held & set(IN_USE) and confirmable(name, rules):
            out.append((name, sorted(held)))
    return sorted(out, key=lambda item: (item[0].casefold(), item[0]))


def render(rows: list[tuple[str, list[str]]]) -> str:
    return HEADER + "".join(f"{name}\t{'|'.join(held)}\n" for name, held in rows)


def read_confirmed(path: Path = OUTPUT) -> set[str]:
    """The name keys of a committed ``tasks_confirmed.tsv`` (empty when it is missing)."""
    if not path.exists():
        return set()
    lines = path.read_text("utf-8").splitlines()[1:]
    return {name_key(line.split("\t", 1)[0]) for line in lines if line.strip()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=Path, default=SOURCES)
    parser.add_argument("--check", action="store_true",
                        help="only compare with the committed file; exit 1 when it differs")
    args = parser.parse_args(argv)
    if not args.sources.is_dir():
        print(f"{args.sources}: lexicon sources not found", file=sys.stderr)
        return 1
    text = render(confirmed(args.sources))
    if args.check:
        same = OUTPUT.exists() and OUTPUT.read_text("utf-8") == text
        if not same:
            print(f"{OUTPUT}: differs from its sources; run {Path(__file__).name}")
        return 0 if same else 1
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"{OUTPUT.name}: {text.count(chr(10)) - 1} confirmed task names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
