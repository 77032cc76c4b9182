"""Reported results: a system's score on a metric (and a dataset), read from one sentence.

Following the guidelines' "results" section, a result is an absolute number the
abstract states as the score of a system on a metric: "EfficientFormer-L1 achieves
79.2% top-1 accuracy on ImageNet-1K" gives (EfficientFormer, ImageNet-1K, accuracy,
79.2). Relative gains ("by 3.2 points", "2x faster"), shares ("98% of the original
performance"), bounds ("under 2 seconds", "up to 40%"), ranges and counts are not
results. "from X to Y" gives two: the baseline's X and the paper's Y.

How each part is found, in one sentence:

- the **value**: a number not inside a name, with its unit; the value is the number
  as written without unit or ``%`` (``"79.2"``);
- the **metric**: the metric named next to it ("79.2% top-1 accuracy", "an FID of
  7.88", "FPS from 533 to 2364"), else one a time unit implies ("1.6 ms" -> Latency),
  else the metric of the result just before ("..., which achieves 29.2%");
- the **system**: the values in parentheses right after a method name are its own
  ("MobileNetV2 (1.6 ms, 74.7% top-1)"); otherwise the last method or own-system
  phrase ("our model", "it") before the value, outside comparison objects ("than X",
  "compared to X"); the paper's own unnamed system is :data:`kg.model.OWN`;
- the **dataset**: a dataset in the same clause, a fronted "On X," / "For X,", else
  the benchmark the paper proposes; speed metrics (latency, throughput) take one only
  when it is fronted or follows them ("1.6 ms on X").

:func:`find_results` is pure; ``kg_result_finder_v1`` (``kg/extract/taggers.py``)
adapts it.

>>> from kg.extract.tasks import Span, TextView
>>> text = "T\\n\\nOur model reaches a BLEU score of 31.1 on WMT14."
>>> spans = [Span(23, 33, "metric", "BLEU"), Span(45, 50, "dataset", "WMT14")]
>>> [(r.method, r.dataset, r.metric, r.value) for r in
...  find_results(TextView(text, 1, 3, (3,)), spans, [])]
[(None, 'WMT14', 'BLEU', '31.1')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.extract.lexicon import load_rules, name_key
from kg.extract.tasks import Span, TextView, words_regex

__all__ = ["ResultHit", "find_results", "parse_number"]



@dataclass(frozen=True)
class ResultHit:
    """One result, with spans into the text (``method`` None: the paper's own system)."""

    start: int  # the value as written, unit included
    end: int
    value: str  # the number as written, without unit or %
    number: float
    unit: str | None
    metric: str  # canonical metric label
    metric_span: tuple[int, int] | None  # where the metric is named (None: implied)
    rule: str
    confidence: float
    method: str | None = None  # canonical label of the method; None: the paper's own
    method_span: tuple[int, int] | None = None
    own: bool = False  # the paper's own system (named or not)
    dataset: str | None = None
    dataset_span: tuple[int, int] | None = None


def parse_number(value: str) -> float | None:
    """``"2,364"`` -> 2364.0, ``"79.2"`` -> 79.2; not a number -> None."""
    try:
        return float(value.replace(",", ""))
    except ValueError:
        return None


@cache
def _rules() -> dict:
    rules = load_rules()
    units = sorted(rules["result_units"], key=len, reverse=True)
    unit_re = "|".join(re.escape(u) for u in units)
    return {
        # A number with its unit: "79.2%", "1.6 ms", "0.8s", "2,364", "6.98".
        "value": re.compile(
            rf"(?<![\w.,/+\-−±×^@#])(\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)"
            rf"(?:\s?(%|{unit_re})(?![\w%]))?", re.I),
        "time_units": {u.lower() for u in rules["result_time_units"]},
        "size_units": {u.lower() for u in rules["result_size_units"]},
        "not_after": words_regex(rules["result_not_after"], suffix=""),
        "not_before": re.compile(r"\s*(?:" + "|".join(
            re.escape(w).replace(r"\ ", r"\s+") for w in sorted(
                rules["result_not_before"], key=len, reverse=True)) + r")(?![\w-])", re.I),
        "speed_metrics": {name_key(m) for m in rules["result_speed_metrics"]},
        "comparison": words_regex(rules["result_comparison_cues"], suffix=""),
        "own": re.compile(
            r"\b(?:(?:our|the\s+proposed|this)\s+(?:[\w-]+\s+){0,3}?(?:"
            + "|".join(map(re.escape, rules["result_own_nouns"]))
            + r")s?|ours|it|we)\b", re.I),
        "verbs": words_regex(rules["result_verbs"], suffix=""),
    }


_FROM_TO = re.compile(r"\bfrom\s*$", re.I)
_TO = re.compile(r"\s*(?:to|→|->)\s*$")
_VS = re.compile(r"\s*(?:vs\.?|versus)\s*$", re.I)
_RANGE_AFTER = re.compile(r"\s?(?:%\s?)?(?:-|–|to)\s?\d")
_FRONTED = re.compile(r"^\W*(?:On|For|In|Across)\s+(?:the\s+)?$")


def find_results(view: TextView, spans: list[Span], own_names: list[str]) -> list[ResultHit]:
    """Every result the abstract states, in text order.

    ``spans``: the methods, datasets and metrics the other rules typed (metrics of
    type ``metric``); ``own_names``: the names the paper proposes (its own system).
    """
    rules = _rules()
    text = view.text
    names = sorted((s for s in spans if s.type in ("method", "dataset", "metric", "negative",
                                                    "task")), key=lambda s: s.start)
    metrics = [s for s in names if s.type == "metric"]
    methods = [s for s in names if s.type == "method" and not s.label.islower()
               and "family" not in s.roles]
    datasets = [s for s in names if s.type == "dataset"]
    own_keys = {name_key(n) for n in own_names}
    proposed_datasets = [s for s in datasets if "proposed" in s.roles]
    found: list[ResultHit] = []
    starts = sorted({view.abstract_start, *(p for p in view.sentence_starts
                                            if p > view.abstract_start)})
    for s_start in starts:
        s_start, s_end = view.sentence(s_start)
        found.extend(_sentence_results(view, s_start, s_end, names, metrics, methods, datasets,
                                       own_keys, proposed_datasets, found, rules))
    unique, seen = [], set()
    for hit in found:
        key = (hit.method, hit.own, hit.dataset, hit.metric, hit.number)
        if key not in seen:
            seen.add(key)
            unique.append(hit)
    return unique


def _inside(spans: list[Span], start: int, end: int) -> bool:
    return any(s.start <= start and end <= s.end for s in spans)


def _values(view: TextView, s_start: int, s_end: int, names: list[Span], rules: dict):
    """(start, end, number text, unit) of the values in a sentence that may be results."""
    text = view.text
    for m in rules["value"].finditer(text, s_start, s_end):
        number, unit = m.group(1), m.group(2)
        start, end = m.span()
        if _inside(names, m.start(1), m.end(1)):
            continue  # "GPT-4", "ImageNet-1K", "IWSLT 2024"
        if unit is None and "." not in number and re.fullmatch(r"(?:19|20)\d\d", number):
            continue  # a year
        if unit and unit.lower() in rules["size_units"]:
            continue  # a speed-up ("2x"), a size ("900M", "8 GB")
        before = text[max(s_start, start - 30):start]
        if rules["not_after"].search(before) and re.search(
                rules["not_after"].pattern + r"\s*$", before, re.I):
            continue  # "by 33.1%", "up to 40%", "+12.8"
        if rules["not_before"].match(text, end):
            continue  # "51.3% reduction", "98.0% of the original", "416 task templates"
        if _RANGE_AFTER.match(text, end) or re.search(r"(?:\d\s?%?\s?(?:-|–)|/)\s?$", before):
            continue  # "10-30%", "85%-89%", "19/30"
        yield start, end, number, unit


def _metric_for(view: TextView, start: int, end: int, unit: str | None, metrics: list[Span],
                s_start: int, s_end: int, previous: ResultHit | None, rules: dict):
    """(label, span, rule) of the metric a value is read with, or None."""
    text = view.text
    # "79.2% top-1 accuracy", "28.22 BLEU score", "1.6 ms inference latency"
    for s in metrics:
        gap = text[end:s.start]
        if s.start >= end and len(gap) <= 14 and re.fullmatch(
                r"\s*(?:[a-z-]+\s+){0,1}?", gap) and not re.search(r"[,;.]", gap):
            return s.label, (s.start, s.end), "value-metric"
    # "an FID of 7.88", "BLEU score of 31.1", "FPS from 533 to 2364", "R1 41",
    # "(1.6 ms, 74.7% top-1)" handled above; "accuracy of 85%".
    for s in reversed(metrics):
        gap = text[s.end:start]
        if s.end <= start and len(gap) <= 40 and re.fullmatch(
                r"\s*(?:score|scores|value|values|rate)?\s*(?:of|=|:|is|was|at|reaches|reaching|"
                r"from|to|improves from|increases from|goes from|of\s+about|of\s+around|"
                r"around|about|approximately|by)?\s*(?:only\s+|just\s+|about\s+|around\s+)?"
                r"(?:[\d.,]+\s*%?\s*(?:to|and|→)\s*)?", gap, re.I):
            return s.label, (s.start, s.end), "metric-value"
    if unit and unit.lower() in rules["time_units"]:
        return "Latency", None, "time-unit"
    if unit and unit.lower() in ("fps",):
        return "FPS", None, "fps-unit"
    if previous is not None and previous.unit == unit and previous.start >= s_start - 400:
        return previous.metric, previous.metric_span, "metric-carried"
    return None


def _sentence_results(view, s_start, s_end, names, metrics, methods, datasets, own_keys,
                      proposed_datasets, found, rules) -> list[ResultHit]:
    text = view.text
    hits: list[ResultHit] = []
    values = list(_values(view, s_start, s_end, names, rules))
    for i, (start, end, number, unit) in enumerate(values):
        previous = hits[-1] if hits else (found[-1] if found else None)
        metric = _metric_for(view, start, end, unit, metrics, s_start, s_end, previous, rules)
        if metric is None:
            continue
        metric_label, metric_span, how = metric
        from_value = _FROM_TO.search(text, max(s_start, start - 40), start) and i + 1 < len(
            values) and _TO.fullmatch(text[end:values[i + 1][0]])
        to_value = i > 0 and _TO.fullmatch(text[values[i - 1][1]:start]) and _FROM_TO.search(
            text, max(s_start, values[i - 1][0] - 40), values[i - 1][0])
        owner = _owner(view, start, s_start, methods, own_keys, rules)
        if owner is None:
            continue
        method, method_span, own = owner
        rule, confidence = "result:" + how, 0.75
        if from_value and own or _VS.fullmatch(text[values[i - 1][1]:start] if i else ""):
            # "boosts FPS from 533 to 2364": the 533 is the baseline's.
            baseline = _baseline(view, start, s_start, methods, own_keys, rules)
            if baseline is None:
                continue
            method, method_span, own = baseline
            rule, confidence = "result:from-to" if from_value else "result:vs", 0.65
        elif from_value:  # "Llama-3.2-3B improves from 4.0% to 18.2%": before the paper's work
            rule, confidence = "result:from-to", 0.65
        elif to_value:
            own, rule, confidence = True, "result:from-to", 0.65
        dataset = _dataset_for(view, start, end, metric_label, metric_span, s_start, s_end,
                               datasets, proposed_datasets, rules)
        value_number = parse_number(number)
        if value_number is None:
            continue
        hits.append(ResultHit(
            start=start, end=end, value=number, number=value_number,
            unit=unit.strip() if unit else None, metric=metric_label, metric_span=metric_span,
            rule=rule, confidence=confidence, method=method, method_span=method_span, own=own,
            dataset=dataset.label if dataset else None,
            dataset_span=(dataset.start, dataset.end) if dataset else None))
    return hits


def _clause_start(text: str, pos: int, s_start: int) -> int:
    """Where the clause holding ``pos`` starts (after ";", ", while", ", and our ...")."""
    cut = s_start
    for m in re.finditer(r";|,\s+(?:while|whereas|but|and|although)\b|\bwhile\b|\bwhereas\b",
                         text[s_start:pos]):
        cut = s_start + m.end()
    return cut


def _owner(view: TextView, pos: int, s_start: int, methods: list[Span], own_keys: set,
           rules: dict) -> tuple[str | None, tuple[int, int] | None, bool] | None:
    """(method label or None, its span, own?) of the system a value belongs to."""
    text = view.text
    # "MobileNetV2 (1.6 ms, 74.7% top-1)": values in parentheses right after a name.
    open_paren = text.rfind("(", s_start, pos)
    if open_paren >= 0 and text.find(")", open_paren, pos) < 0:
        for s in reversed(methods):
            if s.end <= open_paren and re.fullmatch(r"[\s\w.×-]{0,12}", text[s.end:open_paren]):
                return _as_owner(s, own_keys)
    clause = _clause_start(text, pos, s_start)
    candidates = []
    for s in methods:
        if clause <= s.start and s.end <= pos and not _compared(text, s, clause, rules):
            candidates.append((s.start, _as_owner(s, own_keys)))
    for m in rules["own"].finditer(text, clause, pos):
        candidates.append((m.start(), (None, None, True)))
    if not candidates:  # "Our model obtains 31.1 BLEU, and 29.5 under ...": an earlier clause
        return _owner_in(view, s_start, clause, methods, own_keys, rules) if clause > s_start \
            else None
    return max(candidates, key=lambda c: c[0])[1]


def _owner_in(view, start, end, methods, own_keys, rules):
    """The subject of an earlier clause of the sentence ("Our model obtains X, and ...")."""
    text = view.text
    candidates = [(s.start, _as_owner(s, own_keys)) for s in methods
                  if start <= s.start and s.end <= end and not _compared(text, s, start, rules)]
    candidates += [(m.start(), (None, None, True)) for m in rules["own"].finditer(text, start, end)]
    return max(candidates, key=lambda c: c[0])[1] if candidates else None


def _as_owner(s: Span, own_keys: set) -> tuple[str | None, tuple[int, int], bool]:
    own = "proposed" in s.roles or name_key(s.label) in own_keys
    return s.label, (s.start, s.end), own


def _compared(text: str, s: Span, clause: int, rules: dict) -> bool:
    """A name that is the object of a comparison ("than X", "compared to X", "over X")."""
    before = text[max(clause, s.start - 40):s.start]
    return bool(re.search(rules["comparison"].pattern + r"(?:\s+[\w-]+){0,3}\s*$", before, re.I))


def _baseline(view: TextView, pos: int, s_start: int, methods: list[Span], own_keys: set,
              rules: dict):
    """The method compared against, in this sentence or the one before ("relative to X")."""
    text = view.text
    prev_start = view.sentence(max(view.abstract_start, s_start - 1))[0] if s_start > \
        view.abstract_start else s_start
    for s in reversed(methods):
        if prev_start <= s.start < pos and not _as_owner(s, own_keys)[2] and _compared(
                text, s, prev_start, rules):
            return s.label, (s.start, s.end), False
    return None


def _dataset_for(view, start, end, metric, metric_span, s_start, s_end, datasets,
                 proposed_datasets, rules) -> Span | None:
    text = view.text
    in_sentence = [d for d in datasets if s_start <= d.start < s_end]
    fronted = [d for d in in_sentence if _FRONTED.match(text[s_start:d.start])]
    if fronted:
        return fronted[0]
    after = metric_span[1] if metric_span and metric_span[1] > end else end
    following = [d for d in in_sentence if d.start >= after and re.fullmatch(
        r"\s*(?:[\w-]+\s+){0,2}?(?:on|in|for|at)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?",
        text[after:d.start])]
    if following:
        return following[0]
    if name_key(metric) in rules["speed_metrics"]:
        return None  # "1.6 ms latency" was not measured on the accuracy's dataset
    clause = _clause_start(text, start, s_start)
    if in_sentence:
        return min(in_sentence, key=lambda d: (d.start < clause, abs(d.start - start)))
    return proposed_datasets[0] if proposed_datasets else None
