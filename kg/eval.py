"""Score extracted paper links against gold annotations (micro P/R/F1 per field).

The matching is the one ``shared/eval/score.py`` uses (see GUIDELINES.md there):
names are compared after case folding and dropping everything but letters and
digits of any script, a trailing plural ``s`` is ignored for keys longer than
three characters, a gold entry lists accepted aliases separated by ``|``, and
papers are paired by title. Results (when the gold has them) match when the
value is the same number and method, dataset and metric each match a gold alias
(an empty dataset only an empty one): field ``results``; ``results~`` matches
value and metric alone. Each gold result takes the first unused prediction
that matches, in order, as score.py does.

>>> gold = [{"title": "T", "methods": ["GPT-4|GPT4", "BERT"]}]
>>> pred = [{"title": "t", "methods": ["gpt 4", "T5"]}]
>>> s = score(gold, pred)["methods"]
>>> (s.tp, s.fp, s.fn, s.f1)
(1, 1, 1, 0.5)
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import KgError
from kg.schema import extract_fields

__all__ = ["FieldScore", "Miss", "norm", "score", "scored_fields", "load_records",
           "format_table", "result_matches"]

# score.py scores these whatever the gold holds; the other fields only when the gold has them.
ALWAYS_SCORED = ("methods", "datasets", "baselines", "modalities", "proposed")


def norm(name) -> str:
    """``"GPT-4"`` -> ``"gpt4"``; ``"Transformers"`` -> ``"transformer"``."""
    key = re.sub(r"[\W_]", "", str(name).casefold())
    return key[:-1] if len(key) > 3 and key.endswith("s") else key


@dataclass
class Miss:
    field: str
    kind: str  # "missed" | "spurious"
    name: str
    title: str


@dataclass
class FieldScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return round(2 * p * r / (p + r), 3) if p + r else 0.0

    def to_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "f1": self.f1}


@dataclass
class Scores:
    fields: dict[str, FieldScore]
    papers_found: int
    papers_total: int
    misses: list[Miss] = field(default_factory=list)

    def __getitem__(self, name: str) -> FieldScore:
        return self.fields[name]


def _by_title(records: Iterable[dict]) -> dict[str, dict]:
    return {norm(r.get("title", "")): r for r in records}


def scored_fields(gold: Iterable[dict]) -> list[str]:
    """The ``kg extract`` fields (from the type table) that are scored, in field order:
    those score.py always scores, and the others when the gold annotates them.

    >>> scored_fields([{"title": "T", "methods": [], "tasks": ["Summarization"]}])[-2:]
    ['proposed', 'tasks']
    """
    present = {key for record in gold for key in record}
    return [name for name in extract_fields() if name in ALWAYS_SCORED or name in present]


def _number(value) -> float | None:
    text = str(value).replace(",", "").strip().rstrip("%")
    try:
        return float(text)
    except ValueError:
        return None


def _aliases(value) -> set[str]:
    return {norm(a) for a in str(value or "").split("|")} or {""}


def result_matches(gold: dict, pred: dict, loose: bool = False) -> bool:
    """Whether a predicted result matches a gold one (``loose``: value and metric only).

    >>> g = {"method": "(ours)|BART", "dataset": "CNN/DailyMail", "metric": "ROUGE-1|R1",
    ...      "value": "41"}
    >>> result_matches(g, {"method": "BART", "dataset": "cnn dailymail", "metric": "R1",
    ...                    "value": "41.0"})
    True
    >>> result_matches(g, {"method": "T5", "dataset": "", "metric": "R1", "value": "41"}, True)
    True
    """
    number = _number(gold.get("value"))
    if number is None or number != _number(pred.get("value")):
        return False
    keys = ("metric",) if loose else ("method", "dataset", "metric")
    return all(norm(pred.get(k) or "") in _aliases(gold.get(k)) for k in keys)


def _score_results(gold_by: dict, pred_by: dict, misses: list, loose: bool) -> FieldScore:
    result = FieldScore()
    for key, gold_record in gold_by.items():
        wanted = [r for r in gold_record.get("results", []) if isinstance(r, dict)]
        got = [r for r in (pred_by.get(key, {}).get("results") or []) if isinstance(r, dict)]
        used: set[int] = set()
        title = gold_record.get("title", "")
        for g in wanted:
            hit = next((i for i, p in enumerate(got)
                        if i not in used and result_matches(g, p, loose)), None)
            if hit is None:
                result.fn += 1
                if not loose:
                    misses.append(Miss("results", "missed", json.dumps(g, ensure_ascii=False),
                                       title))
            else:
                used.add(hit)
                result.tp += 1
        for i, p in enumerate(got):
            if i not in used:
                result.fp += 1
                if not loose:
                    misses.append(Miss("results", "spurious", json.dumps(p, ensure_ascii=False),
                                       title))
    return result


def score(gold: Iterable[dict], pred: Iterable[dict]) -> Scores:
    """Micro precision, recall and F1 per field over all gold papers (fields the gold
    does not annotate are not scored)."""
    gold = list(gold)
    gold_by, pred_by = _by_title(gold), _by_title(pred)
    results = {f: FieldScore() for f in scored_fields(gold)}
    misses: list[Miss] = []
    for key, gold_record in gold_by.items():
        for name in results:
            entries = [{norm(a) for a in str(e).split("|")} for e in gold_record.get(name, [])]
            predicted = {norm(p) for p in (pred_by.get(key, {}).get(name) or []) if norm(p)}
            matched = [bool(aliases & predicted) for aliases in entries]
            result = results[name]
            result.tp += sum(matched)
            result.fn += len(entries) - sum(matched)
            known = set().union(*entries) if entries else set()
            extra = sorted(predicted - known)
            result.fp += len(extra)
            for entry, hit in zip(gold_record.get(name, []), matched, strict=True):
                if not hit:
                    misses.append(Miss(name, "missed", entry, gold_record.get("title", "")))
            for extra_name in extra:
                misses.append(Miss(name, "spurious", extra_name, gold_record.get("title", "")))
    if any("results" in record for record in gold):
        results["results"] = _score_results(gold_by, pred_by, misses, loose=False)
        results["results~"] = _score_results(gold_by, pred_by, [], loose=True)
    found = sum(k in pred_by for k in gold_by)
    return Scores(results, found, len(gold_by), misses)


def load_records(path: str | Path) -> list[dict]:
    """One JSON object per line (blank lines skipped); a bad line is a one-line error."""
    records = []
    try:
        handle = open(path, encoding="utf-8")
    except OSError as err:
        raise KgError(f"{path}: cannot read: {err.strerror}") from None
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise KgError(f"{path}:{number}: not JSON: {err.msg}") from None
            if not isinstance(record, dict):
                raise KgError(f"{path}:{number}: expected a JSON object per line")
            records.append(record)
    return records


def format_table(scores: Scores) -> str:
    """The same plain table score.py prints."""
    lines = [f"{'field':<11} {'P':>6} {'R':>6} {'F1':>6}   tp/fp/fn"]
    for name, r in scores.fields.items():
        lines.append(f"{name:<11} {r.precision:>6.3f} {r.recall:>6.3f} {r.f1:>6.3f}"
                     f"   {r.tp}/{r.fp}/{r.fn}")
    lines.append(f"papers found: {scores.papers_found}/{scores.papers_total}")
    return "\n".join(lines)
