"""Reported results: a system's score on a metric (and a dataset), read from one sentence.

Following the guidelines' "results" section, a result is an absolute number the
abstract states as the score of a system on a metric: "EfficientFormer-L1 reaches a
top-1 accuracy of 76.4% on ImageNet-1K" gives (EfficientFormer, ImageNet-1K, accuracy,
76.4). Relative gains ("by 3.2 points", "2x faster"), shares ("40% of the training
data", "retains 98% of the original performance"), bounds ("under 2 seconds", "up to
40%"), ranges and counts are not results. "from X to Y" gives two: the baseline's X and
the paper's Y.

How each part is found, in one sentence:

- the **value**: a number not inside a name, with its unit; the value is the number
  as written without unit or ``%`` (``"79.2"``);
- the **metric**: the metric named next to it ("79.2% top-1 accuracy", "an FID of
  7.88", "FPS from 533 to 2364"), else one a time unit implies ("1.6 ms" -> Latency),
  else the metric of the result just before ("..., which achieves 29.2%");
- the **system**: the values in parentheses right after a method name are its own
  ("MobileNetV2 (2.3 ms, 71.9% top-1)"); otherwise the last method or own-system
  phrase ("our model", "it") before the value, outside comparison objects ("than X",
  "compared to X"); the paper's own unnamed system is :data:`kg.model.OWN`;
- the **dataset**: a dataset in the same clause, a fronted "On X," / "For X,", else
  the benchmark the paper proposes; speed metrics (latency, throughput) take one only
  when it is fronted or follows them ("1.6 ms on X").

:func:`find_results` is pure over the text and the typed spans;
:class:`ResultFinder` (``kg_result_finder_v1``) keeps its hits in the findings'
``results`` and adds a ``metric`` candidate for a metric only a unit implies.

>>> text = "T\\n\\nOur model reaches a BLEU score of 31.1 on WMT14."
>>> spans = [TypedSpan(23, 33, "metric", "BLEU"), TypedSpan(45, 50, "dataset", "WMT14")]
>>> [(r.method, r.dataset, r.metric, r.value) for r in
...  find_results(DocText.of(text, 1, 3), spans, [])]
[(None, 'WMT14', 'BLEU', '31.1')]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.cued import cued_compile
from kg.extract.lexicon import name_key
from kg.extract.metrics import (
    changed_measures,
    lexicon_metric,
    metric_label,
)
from kg.extract.records import COMPONENT_RULES, Candidate, DocText, TypedSpan, findings_of
from kg.extract.rules import confidence, window, word_set, words, words_regex

__all__ = ["ResultHit", "find_results", "parse_number", "ResultFinder", "UNNAMED_SCORE",
           "UNNAMED_METRIC_RULE"]

# A score whose measure the paper does not name ("improves from 6.3% to 21.7%"), and the
# rule of the metric candidate it would make. Read while a sentence is read (a value after
# it may carry it), it is no result: the guidelines' results are scores on a named metric.
UNNAMED_SCORE = "Score"
UNNAMED_METRIC_RULE = "metric-unnamed-score"



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
    units = sorted(words("result_units"), key=len, reverse=True)
    unit_re = "|".join(re.escape(u) for u in units)
    return {
        # A number with its unit: "79.2%", "1.6 ms", "0.8s", "2,364", "6.98"; not an
        # amount of money ("$20", "\\$1.59" as LaTeX leaves it).
        "value": cued_compile(
            rf"(?<![\w.,/+\-−±×^@#$€£¥\\])(\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)"
            rf"(?:\s?(%|{unit_re})(?![\w%])|(?![A-Za-z\d]))(?!-[A-Za-z])", re.I),
        # not "8-bit", "3-layer", "Ascend 300I"
        "time_units": word_set("result_time_units"),
        "size_units": word_set("result_size_units"),
        # "a gap (~30%)", "by about 29%" too
        "not_after": cued_compile(words_regex(words("result_not_after"), suffix="").pattern
                                  + r"(?:\s+(?:" + "|".join(map(re.escape, words("result_hedges")))
                                  + r"))?\s*\(?\s*[~≈]?\s*$", re.I),
        "speed_cues": words_regex(words("result_speed_cues")),
        "not_before": cued_compile(r"\+?\s*(?:" + "|".join(
            re.escape(w).replace(r"\ ", r"\s+") for w in sorted(
                words("result_not_before") + words("result_amount_nouns"), key=len,
                reverse=True)) + r")(?![\w-])", re.I),
        "amount_nouns": {" ".join(w.lower().split()) for w in words("result_amount_nouns")},
        "speed_metrics": {name_key(m) for m in words("result_speed_metrics")},
        "cost": {name_key(m) for m in words("metric_cost_measures")},
        # "a training cost of": a cost measure given a value of its own.
        "cost_of": cued_compile(words_regex(words("metric_cost_measures")).pattern
                                + r"\s+of\b", re.I),
        "comparison": words_regex(words("result_comparison_cues"), suffix=""),
        "own": cued_compile(
            r"\b(?:(?:our|the\s+proposed|this)\s+(?:[\w-]+\s+){0,3}?(?:"
            + "|".join(map(re.escape, words("result_own_nouns")))
            + r")s?|the\s+(?:" + "|".join(map(re.escape, words("result_own_nouns")))
            + r")|ours|it|we)\b", re.I),
        # "existing methods", "human-level", not "HumanML3D"
        "others": words_regex(words("result_other_systems"), suffix=r"(?!\w)"),
        "own_nouns": word_set("result_own_nouns"),
        # "7 multilingual tasks", "15 popular reasoning datasets": a count.
        "count_after": cued_compile(r"(?:\s+[a-z][\w-]*){0,2}\s+(?:" + "|".join(
            map(re.escape, words("result_count_nouns"))) + r")\b"),
        "score_verbs": cued_compile(
            words_regex(words("result_verbs"), suffix="").pattern
            + r"(?:\s+(?:from|to|only|just|about|around|nearly|an?))*\s*\(?$", re.I),
        "verbs": words_regex(words("result_verbs")),
        "metric_after": window("result_metric_after"),
        "metric_before": window("result_metric_before"),
        "metric_in_clause": window("result_metric_in_clause"),
        "carry": window("result_carry"),
        "cue_left": window("result_cue_left"),
        "compared_left": window("result_comparison_left"),
        "confidence": confidence("result"),
        "pair_confidence": confidence("result/pair"),
    }


# Between a value and its measure, the measure's modifiers only: "79.2% top-1 accuracy",
# "38.5% question answering accuracy", "97.6% frame-level F1", not a verb or preposition.
_MODIFIERS = cued_compile(r"\+?\s*(?:(?!(?:on|in|at|of|for|with|and|or|to|by|from|than|over|"
                          r"while|when|under|using|across|after|before|is|are|was|were|which|"
                          r"that|compared|versus|vs)\b)[a-z][\w-]*\s+){0,3}")
_NUMBER_IN = cued_compile(r"\d")
_FROM_TO = cued_compile(r"\bfrom\s*\(?$", re.I)
_CHANGE = cued_compile(r"\b(?:improves?|improved|improving|increases?|increased|rises|rose|grows|"
                       r"grew|boosts?|boosted|drops?|dropped|decreases?|decreased|goes|went|raises|"
                       r"raised|reduces?|reduced|lifts?|climbs?|jumps?)\b[^.;]*?\(?\s*$", re.I)
# "from 945s to 685s", "from 945s (FA3) to 685s": the system of the first in parentheses.
# A rate's tail that follows the first value's unit ("0.10 s/sample versus 2.02 s/sample").
_RATE_TAIL = r"(?:\s*/\s*[A-Za-z]+|\s+per\s+[a-z]+)?"
_TO = cued_compile(_RATE_TAIL + r"\s*(?:\([^()]{1,30}\)\s*)?(?:to|→|->)\s*"
                   r"(?:just\s+|only\s+|merely\s+)?$")
# "X (29.9) vs Y (30.6) ROUGE-L": each value in parentheses after its system's name.
_VS = cued_compile(_RATE_TAIL + r"\s*(?:vs\.?|versus)\s*$|\s*\)\s*(?:vs\.?|versus)\s+"
                   r"[^()\d]{1,40}?\s*\(\s*$", re.I)
# Up to four words of a noun phrase, to the measure: " model-side response ".
_NOUN_WORDS = cued_compile(r"(?:\s+[a-z][\w-]*){0,4}\s+")
# A time followed by a noun it qualifies ("a 160 ms streaming unit") or "of" ("2 hours
# of audio"), not by a preposition or a clause break.
_SETTING_AFTER = cued_compile(r"\)?\s+(?:of\b|(?!(?:on|in|at|per|for|with|and|or|to|while|"
                              r"when|than|compared|versus|vs|under|using|from|by|is|was|are|"
                              r"were|which|that|faster|slower|lower|higher|less|more)\b)[a-z])")
_RANGE_AFTER = cued_compile(r"\s?(?:%\s?)?(?:-|–|/)\s?\d")
# "a 64% on-chip power use reduction": a change, a few words on.
# Not "0.79 and improvements in accuracy": a change of its own, coordinated.
_CHANGE_AFTER = cued_compile(r"(?:\s+(?!(?:and|or|but|while|with|in|on|of|for)(?![\w-]))"
                             r"[\w-]+){0,3}"
                             r"\s+(?:reduction|reductions|improvement|"
                             r"improvements|increase|decrease|gain|gains|speed-?ups?|drop|boost)\b",
                             re.I)
# "(2) A series of models": an enumeration mark.
_ENUMERATION = cued_compile(r"(?:^|[\s(])\(?$")
# The next item of a list of values: "X BLEU on MT, Y ROUGE on summarization, and Z".
_LISTED = cued_compile(r"[^;:()]{0,50}?(?:,\s*(?:and\s+)?|\s+and\s+)(?:[\w-]+\s+){0,2}")
# "by 4.8 mAP (from 38.2 to 43.0) on X and 6.1% mIoU": what parentheses add between two
# listed changes is no part of the list.
_PARENTHESES = cued_compile(r"\([^()]*\)")
# "reductions ranging from 0.4s to 0.9s", "between 2 and 5 points": the ends of a range.
_RANGING = cued_compile(r"\b(?:rang\w*\s+from|between)\s+"
                        r"(?:[\d.,]+\s*%?\s*[a-z]{0,8}\s+(?:to|and)\s+)?$", re.I)
# "masking 90% of pixel channels", "only 20% of experts": a share of things, no score.
_SHARE_OF = cued_compile(r"\s+of\s+(?:the\s+|its\s+|their\s+|all\s+)?[a-z]")
_RANGE_BEFORE = cued_compile(r"(?:\d\s?%?\s?(?:-|–)|/)\s?$")
_FOR_NAME = cued_compile(r"\s*%?\s+(?:for|of|by)\s+(?:the\s+)?")
# Between a name and its value, only its noun phrase: " model score of ", " of ".
_OWN_PHRASE = cued_compile(r"(?:(?:\s+[\w-]+){0,3}?\s+(?:score|scores|value|result)s?)?\s+of\s+"
                           r"(?:about\s+|around\s+|only\s+)?")
_OUR_BEFORE = cued_compile(r"\b[Oo]ur\s+(?:[\w-]+\s+){0,2}$")
_FRONTED = cued_compile(r"^\W*(?:[A-Za-z]\w+,\s*)?(?:On|on|For|for|In|in|Across|across)\s+"
                        r"(?:the\s+)?$")
_SAME_SET = cued_compile(r"\b(?:the\s+)?same\s+(?:test\s+)?(?:set|dataset|benchmark|split)\b",
                         re.I)


def find_results(view: DocText, spans: Sequence[Candidate | TypedSpan],
                 own_names: list[str]) -> list[ResultHit]:
    """Every result the abstract states, in text order.

    ``spans``: the methods, datasets and metrics the other rules typed (metrics of
    type ``metric``); ``own_names``: the names the paper proposes, as ``"type|label"``
    or plain labels (its own system, its own benchmark).
    """
    rules = _rules()
    names = sorted((s for s in spans if s.type in ("method", "dataset", "metric", "negative",
                                                    "task")), key=lambda s: s.start)
    repeated = _repeated(view.text, names)
    names = sorted(names + [r for r, _ in repeated], key=lambda s: s.start)
    # A hit names the mention a rule typed, not the repetition it was read at.
    first_of = {(r.start, r.end): (s.start, s.end) for r, s in repeated}
    metrics = [s for s in names if s.type == "metric"]
    # A family ("Transformer", "diffusion model") is no system a score belongs to.
    methods = [s for s in names if s.type == "method" and not s.family]
    datasets = [s for s in names if s.type == "dataset"]
    typed = [n.partition("|") if "|" in n else ("", "", n) for n in own_names]
    own_keys = {name_key(label) for kind, _, label in typed if kind in ("", "method")}
    dataset_keys = {name_key(label) for kind, _, label in typed if kind in ("", "dataset")}
    # A dataset the paper proposes holds its unplaced results only when it is a benchmark
    # ("CharXiv, a comprehensive evaluation suite"), not training data ("a grasp dataset
    # of 20 million frames").
    proposed_datasets = [s for s in datasets if name_key(s.label) in dataset_keys
                         and _is_benchmark(view, s)]
    own_method = next((s for s in methods if name_key(s.label) in own_keys), None)
    # The one dataset the paper names (not its own training data), for values no sentence
    # places.
    only_dataset = datasets[0] if len({name_key(d.label) for d in datasets}) == 1 and not (
        name_key(datasets[0].label) in dataset_keys and not _is_benchmark(view, datasets[0])) \
        and not any(_LIST_BEFORE.search(view.text, max(0, d.start - 8), d.start)
                    for d in datasets) else None
    name_starts = [s.start for s in names]
    found: list[ResultHit] = []
    starts = sorted({view.abstract_start, *(p for p in view.sent_starts
                                            if p > view.abstract_start)})
    for s_start in starts:
        s_start, s_end = view.sentence(s_start)
        found.extend(_sentence_results(view, s_start, s_end, (names, name_starts), metrics,
                                       methods, datasets, own_keys, own_method,
                                       proposed_datasets, found, rules, only_dataset))
    unique, seen = [], set()
    for hit in found:
        if hit.metric == UNNAMED_SCORE and hit.metric_span is None:
            # "X improves from 6.3% to 21.7%": a number no named measure scores is no
            # result (the guidelines' results are scores on a named metric); it served the
            # sentence only, as the measure a value after it may carry.
            continue
        if hit.method_span in first_of or hit.dataset_span in first_of:
            hit = replace(hit, method_span=first_of.get(hit.method_span, hit.method_span),
                          dataset_span=first_of.get(hit.dataset_span, hit.dataset_span))
        key = (hit.method, hit.own, hit.dataset, hit.metric, hit.number)
        if key not in seen:
            seen.add(key)
            unique.append(hit)
    return unique


def _repeated(text: str, names: list) -> list[tuple]:
    """The further occurrences of the methods and datasets a rule typed once ("We propose
    Mogo. ... On X, Mogo achieves ..."): the same name, written the same way, wherever no
    other name covers it, each with the mention it repeats. Only name-shaped surfaces (a
    capital or digit after the first letter, or a capitalised word), so no plain word is
    repeated."""
    found, taken = [], [(s.start, s.end) for s in names]
    seen = set()
    for s in names:
        surface = text[s.start:s.end]
        if s.type not in ("method", "dataset") or s.family or surface in seen or not \
                _NAME_SHAPED.search(surface):
            continue
        seen.add(surface)
        for start, end in _written(text, surface):
            if not any(a < end and start < b for a, b in taken):
                taken.append((start, end))
                found.append((replace(s, start=start, end=end), s))
    return found


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what \w is to re


def _written(text: str, surface: str) -> list[tuple[int, int]]:
    r"""Where ``text`` writes ``surface`` as a word of its own: the spans of
    ``(?<![\w-])SURFACE(?![\w]|-\w)`` (from left to right, not overlapping), found with
    str.find: a regex made for each name is compiled anew for most of them."""
    spans = []
    size, n = len(text), len(surface)
    i = text.find(surface)
    while i != -1:
        end = i + n
        if (i == 0 or not (_is_word_char(text[i - 1]) or text[i - 1] == "-")) and not (
                end < size and (_is_word_char(text[end]) or text[end] == "-" and end + 1 < size
                                and _is_word_char(text[end + 1]))):
            spans.append((i, end))
            i = text.find(surface, end)
        else:
            i = text.find(surface, i + 1)
    return spans


# "Mogo", "T2M-GPT", "ImageNet", "MMM": a capital after the first letter, a digit, or a
# capitalised word of three or more letters (not "We", "The").
_NAME_SHAPED = cued_compile(r"^(?:\w+[A-Z\d]|[A-Z][a-z]{2,}$|[A-Z]\w*[\s-])")


_BENCHMARK = cued_compile(r"bench|\b(?:evaluation|evaluat\w+|test\s*(?:set|suite|bed)s?|"
                          r"testbeds?|suites?|leaderboards?|challenges?)\b", re.I)


def _is_benchmark(view: DocText, span) -> bool:
    """Whether a dataset is named or described as a benchmark: "…Bench", or an
    evaluation word in one of the sentences that name it."""
    if "bench" in span.label.lower():
        return True
    sentence = view.text[slice(*view.sentence(span.start))]
    return bool(_BENCHMARK.search(sentence))


def _inside(names: tuple[list, list[int]], start: int, end: int) -> bool:
    """Whether ``start:end`` lies inside one of the (start-sorted) names."""
    spans, starts = names
    i = bisect_right(starts, start) - 1
    while i >= 0 and spans[i].start > start - 80:  # no name is longer than that
        if end <= spans[i].end:
            return True
        i -= 1
    return False


def _measure_at(names: tuple[list, list[int]], start: int, end: int) -> bool:
    """Whether a metric name starts between ``start`` and ``end``."""
    spans, starts = names
    i = bisect_right(starts, start)
    while i < len(spans) and spans[i].start < end:
        if spans[i].type == "metric":
            return True
        i += 1
    return False


# An amount of money: "$5,000", "\\$1.59", "\\81" (LaTeX sources often lose the "$").
_MONEY = cued_compile(r"(?:[$€£¥]|\\\$?|\b(?:USD|US\$|EUR)\s?)\s?\d[\d,]*(?:\.\d+)?")
# A value set against an amount of money is one too: "compared to 18,862", "0.38 vs. $1.59".
_AGAINST_BEFORE = cued_compile(r"(?:compared\s+(?:to|with)|against|vs\.?|versus|than)\s*\(?\s*$",
                               re.I)
_VS_AFTER = cued_compile(r"\s*(?:vs\.?|versus)\s*", re.I)
# "an approach that costs 28,400", "at a cost of 1,200": a price without its sign.
_COST_BEFORE = cued_compile(r"\bcost(?:s|ing)?(?:\s+of)?(?:\s+(?:only|just|about|around|nearly|"
                            r"approximately))?\s*$", re.I)


_COUNT_TO = cued_compile(r"\s*(?:[A-Za-z][\w-]*\s+){0,2}to\s+")
_FROM_BEFORE = cued_compile(r"\bfrom\s*$", re.I)


def _money(text: str, start: int, end: int, unit: str | None, s_start: int, metrics_at,
           amounts: list[tuple[int, int]]) -> bool:
    """Whether the value at ``start:end`` is an amount of money whose sign the text lost:
    a price ("costs 28,400"), or a number set against an amount of money ("\\81 ...
    compared to 18,862", "0.38 vs. \\$1.59") with no measure named between them."""
    if unit is not None:
        return False
    if _COST_BEFORE.search(text, max(s_start, start - 30), start):
        return True
    after = _VS_AFTER.match(text, end)
    if after and any(a == after.end() for a, _ in amounts):
        return True
    before = [a for a in amounts if a[1] <= start]
    return bool(before and _AGAINST_BEFORE.search(text, max(s_start, start - 20), start)
                and not metrics_at(before[-1][1], start))


def _values(view: DocText, s_start: int, s_end: int, names: list[TypedSpan], rules: dict):
    """(start, end, number text, unit, may be a result?) of the numbers in a sentence
    outside names ("GPT-4", "IWSLT 2024") and years."""
    text = view.text
    last_relative = None
    amounts = [m.span() for m in _MONEY.finditer(text, s_start, s_end)]
    previous = None  # (start, end, may be a result?) of the last number
    for m in rules["value"].finditer(text, s_start, s_end):
        number, unit = m.group(1), m.group(2)
        start, end = m.span()
        if _inside(names, m.start(1), m.end(1)):
            continue
        if unit is None and "." not in number and re.fullmatch(r"(?:19|20)\d\d", number):
            continue
        before = text[max(s_start, start - 30):start]
        noun = rules["not_before"].match(text, end)  # "51.3% reduction", "900 tokens"
        if noun and _measure_at(names, end, noun.end()):
            noun = None  # "1148 tokens/s": the noun starts a rate, a measure
        relative = bool(rules["not_after"].search(before)  # "by 33.1%", "up to 40%"
                        or noun or _CHANGE_AFTER.match(text, end))
        gap = _PARENTHESES.sub("", text[last_relative:start]) if last_relative is not None \
            else ""
        if not relative and last_relative is not None and _LISTED.fullmatch(gap) and not \
                rules["verbs"].search(gap):
            # not "from 90M to 2.4B parameters, achieving 2.61 FID": a verb of its own
            relative = True  # "improves by 1.5 BLEU on X and 1.77 ROUGE-1 on Y"
        if relative and not (noun and " ".join(noun.group().lower().lstrip("+").split())
                             in rules["amount_nouns"]):
            # "by 1.5 BLEU on X and 1.77 on Y": a change opens a list of changes; an
            # amount ("54M parameters, realizes 84.6%") does not
            last_relative = end
        # "from 256 steps to 1": the end of a change of a count is that count too.
        count_end = previous is not None and not previous[2] and _COUNT_TO.fullmatch(
            text, previous[1], start) and _FROM_BEFORE.search(
                text, max(s_start, previous[0] - 8), previous[0])
        ok = not (
            relative
            or unit is None and "." not in number and rules["count_after"].match(text, end)
            or unit and unit.lower() in rules["size_units"]  # "2x", "900M", "8 GB"
            or _RANGE_AFTER.match(text, end)  # "10-30%", "85%-89%", "35%/52%"
            or _RANGE_BEFORE.search(before)  # "19/30"
            or _RANGING.search(before)  # "ranging from 0.4s to 0.9s"
            or unit == "%" and _SHARE_OF.match(text, end)  # "40% of the data"
            or _money(text, start, end, unit, s_start,
                      lambda a, b: _measure_at(names, a, b), amounts)
            or count_end
            or unit is None and text.startswith(")", end) and re.fullmatch(r"\d{1,2}", number)
            and _ENUMERATION.search(before))  # "(2) A series", "; 2) a decoder", not "(FID = 0.08)"
        previous = (start, end, ok)
        yield start, end, number, unit, ok


def _metric_for(view: DocText, start: int, end: int, unit: str | None, metrics: list[TypedSpan],
                s_start: int, s_end: int, previous: ResultHit | None, rules: dict,
                methods: Sequence[TypedSpan] = ()):
    """(label, span, rule) of the metric a value is read with, or None."""
    text = view.text
    for m_start, m_end, label, first, second in changed_measures(text):
        if start in (first, second):  # "increases the reliability of X from 39% to 61%"
            entry = lexicon_metric(label)
            return (metric_label(entry.label) if entry else label), (m_start, m_end), \
                "metric-value"
    # "79.2% top-1 accuracy", "28.22 BLEU score", "1.6 ms inference latency"
    # "BART (30.6) ROUGE-L": a value alone in parentheses, its measure right after them
    alone = text.startswith(")", end) and text[max(0, start - 2):start].strip().endswith("(")
    for s in metrics:
        gap = text[end + 1 if alone else end:s.start]
        if s.start >= end and len(gap) <= rules["metric_after"] and _MODIFIERS.fullmatch(
                gap) and not re.search(r"[,;.]", gap):
            return s.label, (s.start, s.end), "value-metric"  # "15+ spBLEU" too
    if unit and unit.lower() in rules["time_units"]:
        # "200 ms model-side response latency": the time's measure a few words on; "a
        # 160 ms streaming unit", "(1200 hours) of video": a setting or an amount.
        speed = next((s for s in metrics if s.start >= end and name_key(s.label) in rules[
            "speed_metrics"] and _NOUN_WORDS.fullmatch(text, end, s.start)), None)
        if speed is not None:
            return speed.label, (speed.start, speed.end), "value-metric"
        if _SETTING_AFTER.match(text, end):
            return None
    # "an FID of 7.88", "BLEU score of 31.1", "FPS from 533 to 2364", "R1 41",
    # "(2.3 ms, 71.9% top-1)" handled above; "accuracy of 85%".
    for s in reversed(metrics):
        gap = text[s.end:start]
        if s.end <= start and len(gap) <= rules["metric_before"] and re.fullmatch(
                # "Inception Score (IS) of 175.1", "BLEU(33.0)", "mAP (from 38.2 to 43.0)"
                r"\s*(?:\([A-Za-z][\w-]{0,10}\)\s*)?\(?"
                r"\s*(?:score|scores|value|values|rate|performance)?\s*(?:of|=|:|is|was|at|reaches|reaching|"
                r"from|to|improves from|increases from|goes from|of\s+about|of\s+around|"
                r"(?:improvement|increase|decrease|reduction|drop|gain)s?\s+from|"
                r"around|about|approximately|by)?\s*(?:only\s+|just\s+|about\s+|around\s+)?"
                r"(?:[\d.,]+\s*%?\s*(?:to|and|→)\s*)?", gap, re.I):
            return s.label, (s.start, s.end), "metric-value"
    if unit and unit.lower() in rules["time_units"] and _speaks_of_speed(text, start, end,
                                                                          s_start, s_end, rules):
        return "Latency", None, "time-unit"
    if unit and unit.lower() in ("fps",):
        return "FPS", None, "fps-unit"
    if previous is not None and previous.unit == unit and \
            previous.start >= s_start - rules["carry"] and not (
                _THING_AFTER.match(text, end) and not _name_at(methods, text, end)) \
            and not _DATE_BEFORE.search(text, max(s_start, start - 12), start) and not (
                name_key(previous.metric) not in rules["cost"]
                and rules["cost_of"].search(text, max(previous.end, s_start), start)):
        # not "34 synthetic timelines", "3.5 days", "4 NFE", "(as of May 24, 2024)": a
        # count or a date carries no measure; nor does "... a training cost of 81
        # compared to 18,862" carry the error rate named before the cost
        return previous.metric, previous.metric_span, "metric-carried"
    if unit == "%" and rules["score_verbs"].search(text, max(s_start, start - rules["cue_left"]),
                                                   start):
        # "improves accuracy on A and B to reach 41.2% and 80.1%": the measure the clause
        # named before its first value.
        clause = _clause_start(text, start, s_start)
        named = [s for s in metrics if clause <= s.start and s.end <= start
                 and start - s.end <= rules["metric_in_clause"]]
        if named and not _NUMBER_IN.search(text, named[-1].end, start):
            return named[-1].label, (named[-1].start, named[-1].end), "metric-in-clause"
        # "X improves from 6.3% to 21.7%", "X achieves 60%": a score whose measure the
        # paper does not name.
        return UNNAMED_SCORE, None, "unnamed-score"
    return None


# "processes a frame in 0.3 s", "0.5 seconds for generating an image": a time taken.
_IN_BEFORE = cued_compile(r"\bin\s+(?:just\s+|only\s+|about\s+|around\s+|under\s+)?$", re.I)
_FOR_DOING_AFTER = cued_compile(r"\s+(?:for|to)\s+(?:[a-z]+ing|generate|process|produce|"
                                r"render|decode|answer)\b", re.I)


def _speaks_of_speed(text: str, start: int, end: int, s_start: int, s_end: int,
                     rules: dict) -> bool:
    """Whether a bare time is a time taken (a latency): the sentence speaks of speed, or
    the time is what something is done in or for; not a duration of content ("260 frames
    (13 seconds)", "the first 30 seconds") or a decade ("the Roaring 20s")."""
    return bool(rules["speed_cues"].search(text, s_start, s_end)
                or _IN_BEFORE.search(text, max(s_start, start - 14), start)
                or _FOR_DOING_AFTER.match(text, end))


# A word after a number that makes it a count of things ("34 synthetic timelines", "64
# epochs", "4 NFE"), not a preposition, conjunction or verb ("1.08 on text8", "0.88 was").
_THING_AFTER = cued_compile(r"\s+(?!(?:on|in|at|for|of|and|or|with|without|was|were|is|are|vs|"
                            r"versus|compared|than|respectively|while|when|to|from|by|under|"
                            r"over|across|which|that|after|before|using|as|among|against|"
                            r"per|within|if|but|whereas|thanks|due|even|only|also|through|via)\b)[A-Za-z]")
def _name_at(spans: list, text: str, end: int) -> bool:
    """Whether a name starts right after ``end`` ("vs. 79.29 ELECTRA Base"): the value's
    system, named after it."""
    at = end + len(text[end:end + 4]) - len(text[end:end + 4].lstrip())
    return any(s.start == at for s in spans)


_DATE_BEFORE = cued_compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
                            r"\s+$")
_COMPARED_AFTER = cued_compile(r"\s+(?:points?\s+)?(?:less|more|fewer|lower|higher|better|worse|"
                               r"faster|slower|relative|behind|ahead|above|below)\b", re.I)
# Between coordinated values: ", ", " and ", "% validation and ", ", and ".
_VALUE_GLUE = cued_compile(r"\s*(?:[a-z][\w-]*\s*)?(?:,\s*(?:and\s+|or\s+)?|\s*(?:and|or)\s+)")


def _shared_metric(view: DocText, values: list, i: int, metrics: list[TypedSpan],
                   s_start: int, s_end: int, rules: dict):
    """The measure named right after the last of the coordinated values from ``i`` on."""
    text = view.text
    unit = values[i][3]
    j = i
    while j + 1 < len(values) and values[j + 1][3] == unit and _VALUE_GLUE.fullmatch(
            text, values[j][1], values[j + 1][0]):
        j += 1
    if j == i:
        return None
    n_start, n_end, _, n_unit, _ = values[j]
    metric = _metric_for(view, n_start, n_end, n_unit, metrics, s_start, s_end, None, rules)
    return metric if metric is not None and metric[2] == "value-metric" else None


_RESPECTIVELY = cued_compile(r"\brespectively\b", re.I)
# Between the items of a list of names: ", ", " and ", ", and ", " or ".
_NAME_GLUE = cued_compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)")


def _respective(view: DocText, values: list, i: int, names: list, s_start: int,
                s_end: int, own_keys: set) -> tuple[TypedSpan | None, list]:
    """(the name the i-th value belongs to, the listed names) when the sentence pairs a
    list of names holding a dataset with its list of values "respectively"; else
    (None, [])."""
    text = view.text
    if not _RESPECTIVELY.search(text, values[i][1], s_end):
        return None, []
    first = last = i
    while first > 0 and _VALUE_GLUE.fullmatch(text, values[first - 1][1], values[first][0]):
        first -= 1
    while last + 1 < len(values) and _VALUE_GLUE.fullmatch(text, values[last][1],
                                                           values[last + 1][0]):
        last += 1
    count = last - first + 1
    if count < 2:
        return None, []
    listed = [n for n in names if n.type in ("dataset", "method")]
    before = [n for n in listed if s_start <= n.start and n.end <= values[first][0]]
    after = [n for n in listed if values[last][1] <= n.start and n.end <= s_end]
    # The last list of names before the values (else the first after them), as long as
    # the list of values.
    for items, ends in ((before, range(len(before) - 1, count - 2, -1)),
                        (after, range(count - 1, len(after)))):
        for end_at in ends:
            run = items[end_at - count + 1:end_at + 1]
            glued = all(_NAME_GLUE.fullmatch(text, a.end, b.start)
                        for a, b in zip(run, run[1:], strict=False))
            # "On A and B, X reaches ...": the own system ends no list of datasets.
            if glued and any(n.type == "dataset" for n in run) and not any(
                    n.type == "method" and name_key(n.label) in own_keys for n in run):
                return run[i - first], run
    return None, []


def _named_after(text: str, end: int, methods: list[TypedSpan], own_keys: set):
    """The method named in parentheses right after a value ("945s (FA3)"), not the own."""
    m = re.match(r"\s*\(\s*", text[end:end + 4])
    if m is None:
        return None
    for s in methods:
        if s.start == end + m.end() and text.startswith(")", s.end):
            owner = _as_owner(s, own_keys)
            return None if owner[2] else owner
    return None


def _pairs(view: DocText, values: list, s_start: int, rules: dict) -> list[str | None]:
    """How each value pairs with its neighbour: "from"/"to" ("from 533 to 2364",
    "improves (65% to 72%)"), "vs"/"vs2" ("24.9 vs 2.7 s"), "range" ("2.5 to 3")."""
    text = view.text
    kinds: list[str | None] = [None] * len(values)
    for i in range(len(values) - 1):
        gap = text[values[i][1]:values[i + 1][0]]
        if _TO.fullmatch(gap):
            before = text[max(s_start, values[i][0] - rules["cue_left"]):values[i][0]]
            change = _FROM_TO.search(before) or _CHANGE.search(before)
            kinds[i], kinds[i + 1] = ("from", "to") if change else ("range", "range")
        elif _VS.fullmatch(gap):
            kinds[i], kinds[i + 1] = "vs", "vs2"
    return kinds


def _sentence_results(view, s_start, s_end, names, metrics, methods, datasets, own_keys,
                      own_method, proposed_datasets, found, rules,
                      only_dataset=None) -> list[ResultHit]:
    text = view.text
    hits: list[ResultHit] = []
    values = list(_values(view, s_start, s_end, names, rules))
    kinds = _pairs(view, values, s_start, rules)
    at_value: dict[int, int] = {}  # value index -> its hit
    for i, (start, end, number, unit, ok) in enumerate(values):
        kind = kinds[i]
        if kind == "range" or not ok:
            continue
        previous = hits[-1] if hits else (found[-1] if found else None)
        metric = _metric_for(view, start, end, unit, metrics, s_start, s_end, previous, rules,
                             methods)
        if kind is None and unit == "%" and re.search(r"\bto\s*$", text[s_start:start]) and (
                metric is None or metric[2] != "metric-value" or name_key(metric[0]) in rules[
                    "cost"]):
            # "reducing FLOPs to 16.7%": a share of the original; "raises half-truth
            # accuracy to 69.3%" is a score
            continue
        if (metric is None or metric[2] in ("unnamed-score", "metric-carried")) and \
                i + 1 < len(values):
            # "96.2% and 61.4% average success rates", "52.8% validation and 52.6% test
            # Final Pass Rate": coordinated values share the measure named after the last.
            shared = _shared_metric(view, values, i, metrics, s_start, s_end, rules)
            metric = shared or metric
        if metric is None or metric[2] in ("unnamed-score", "metric-carried"):
            # "outperforms Y by 2.9% (81.6% vs. 78.7%) in top-1 accuracy": the change's measure.
            metric = _change_measure(text, start, metrics, s_start) or metric
        if kind == "from" and (metric is None or metric[2] == "metric-carried"):
            # "from 52 to 119 FPS": the measure named with the second value is the pair's.
            n_start, n_end, _, n_unit, _ = values[i + 1]
            paired = _metric_for(view, n_start, n_end, n_unit, metrics, s_start, s_end, None,
                                 rules)
            if paired is not None and paired[2] in ("value-metric", "time-unit", "fps-unit"):
                metric, unit = paired, unit or n_unit
        if kind == "vs" and (metric is None or metric[2] == "metric-value"):
            # "24.9 vs 2.7 s per image": the pair's metric; "intelligibility (6.1% vs 2.0%
            # word error rates)": the measure written with the pair wins over the one
            # named before it.
            n_start, n_end, _, n_unit, _ = values[i + 1]
            paired = _metric_for(view, n_start, n_end, n_unit, metrics, s_start, s_end, None,
                                 rules)
            if metric is None or paired is not None and paired[2] == "value-metric":
                metric, unit = paired, unit or n_unit
        if metric is None and kind == "to" and hits and hits[-1].end == values[i - 1][1]:
            # "from 945s (FA3) to 685s without ...": the pair's measure.
            metric = (hits[-1].metric, hits[-1].metric_span, "metric-carried")
        if metric is None and kind in ("from", "to") and unit == "%":
            # "X improves given more data (61% to 69%)": the change names the score.
            metric = (UNNAMED_SCORE, None, "unnamed-score")
        if metric is None:
            continue
        metric_label, metric_span, how = metric
        if how == "value-metric" and metric_span and _COMPARED_AFTER.match(text, metric_span[1]):
            continue  # "9 MFLOPs less computation", "2.0 BLEU points relative to": a gap
        # "on A, B and C ... x, y and z respectively": the i-th value is the i-th name's.
        respective, listed = _respective(view, values, i, names[0], s_start, s_end,
                                          own_keys)
        owners = [m for m in methods if m not in listed] if listed else methods
        # "from 945s (FA3) to 685s": the second value's system is the one before "from".
        at = values[i - 1][0] if kind == "to" else start
        owner = _owner(view, at, s_start, owners, own_keys, own_method, rules,
                       None if kind == "to" else end)
        if owner is None:
            continue
        if kind in ("to", "vs") and owner[1] is not None and not owner[2] and _compared(
                text, _span_at(owners, owner[1]), s_start, rules, owners):
            # "X surpasses Y by 4.8 mAP (from 38.2 to 43.0)", "X is comparable to Y (78.5%
            # vs. 75.9%)": the 40.4 and the 75.9 are the compared Y's, the 45.9 and the
            # 78.5 the subject's.
            owner = _owner(view, at, s_start, [m for m in owners if (m.start, m.end) !=
                                               owner[1]], own_keys, own_method, rules)
            if owner is None:
                continue
            owner = (*owner[:2], owner[2] or kind == "to")
        method, method_span, own = owner
        rule, conf = "result:" + how, rules["confidence"]
        if kind == "from" and own or kind == "vs2":
            # "boosts FPS from 533 to 2364": the 533 is the baseline's; "X is slower (24.9
            # vs 2.7 s)": the 2.7 is the compared method's.
            baseline = _named_after(text, end, methods, own_keys) if kind == "from" else None
            baseline = baseline or _baseline(view, start, s_start, methods, own_keys, rules)
            if baseline is None and (kind == "vs2" or how == "metric-value" or _FROM_TO.search(
                    text, max(s_start, start - 12), start)):
                # "Zeta reduces the hallucination rate from 31.7% to 15.9%", "DD ... with an FID
                # increase from 3.52 to 10.08": the first is the system's before the
                # paper's work, which the text does not name ("X improves with more data
                # (65% to 72%)" gives both to X).
                continue
            if baseline is not None:
                method, method_span, own = baseline
            rule = f"result:{'from-to' if kind == 'from' else 'vs'}"
            conf = rules["pair_confidence"]
        elif kind in ("from", "to"):
            # "Llama-3.2-3B improves from 6.3% to 21.7%": before and after the paper's work;
            # "Zorb-training raises the accuracy of Llama from 39% to 61%": the after is the
            # system the paper names.
            if kind == "to" and not own and _names_own(text, s_start, values[i - 1][0],
                                                       methods, own_method):
                method, method_span = own_method.label, (own_method.start, own_method.end)
            own = own or kind == "to"
            rule, conf = "result:from-to", rules["pair_confidence"]
        dataset = respective or _dataset_for(view, start, end, metric_label, metric_span,
                                             s_start, s_end, datasets, proposed_datasets,
                                             previous, rules, only_dataset)
        value_number = parse_number(number)
        if value_number is None:
            continue
        hits.append(ResultHit(
            start=start, end=end, value=number, number=value_number,
            unit=unit.strip() if unit else None, metric=metric_label, metric_span=metric_span,
            rule=rule, confidence=conf, method=method, method_span=method_span, own=own,
            dataset=dataset.label if dataset else None,
            dataset_span=(dataset.start, dataset.end) if dataset else None))
        at_value[i] = len(hits) - 1
    _better_first(text, s_start, s_end, kinds, at_value, hits)
    return hits


_DATA_OF = cued_compile(r"\b(?:on|from|with|using)\s+(?:the\s+)?$", re.I)


def _names_own(text: str, start: int, end: int, methods: list[TypedSpan],
               own_method: TypedSpan | None) -> bool:
    """Whether ``start:end`` names the paper's own system as an actor, by a mention or
    its name written first in a compound ("Zorb-training increases ..."); not as data
    ("models trained on Zorb improve ...")."""
    if own_method is None:
        return False
    at = [s.start for s in methods if s.label == own_method.label and start <= s.start < end]
    surface = text[own_method.start:own_method.end]
    at += [start + m.start() for m in re.finditer(
        r"(?<![\w-])" + re.escape(surface) + r"(?=-[a-z])", text[start:end])]
    return any(not _DATA_OF.search(text, max(start, a - 12), a) for a in at)


_SUPERIOR = cued_compile(r"\b(?:outperform\w*|surpass\w*|beat|beats|beating|exceed\w*|"
                         r"better\s+than|superior\s+to)\b", re.I)


def _better_first(text: str, s_start: int, s_end: int, kinds: list, at_value: dict,
                  hits: list[ResultHit]) -> None:
    """"X outperforms Y on WER (5.9% vs 1.9%)": a pair written the compared one's first.
    When the sentence says its subject is the better and the measure's direction says the
    subject's value is the worse one, the two values swap systems."""
    if not _SUPERIOR.search(text, s_start, s_end):
        return
    for i, kind in enumerate(kinds):
        if kind != "vs" or i not in at_value or i + 1 not in at_value:
            continue
        first, second = hits[at_value[i]], hits[at_value[i + 1]]
        if all(h.method_span and re.fullmatch(r"\s*\(\s*", text[h.method_span[1]:h.start])
               for h in (first, second)):
            continue  # "X (29.9) vs Y (30.6)": each value written after its system's name
        entry = lexicon_metric(first.metric)
        if first.metric != second.metric or not first.own or second.own or entry is None or \
                entry.direction not in ("higher", "lower"):
            continue
        if (first.number > second.number) == (entry.direction == "lower") and \
                first.number != second.number:
            hits[at_value[i]] = replace(first, method=second.method, method_span=second.method_span,
                                        own=second.own)
            hits[at_value[i + 1]] = replace(second, method=first.method,
                                            method_span=first.method_span, own=first.own)


# "by 2.5% (", "by 5.5 points (from ": parentheses right after a change.
_AFTER_CHANGE = cued_compile(r"\bby\s+(?:about\s+|nearly\s+)?\d[\d.,]*\s*(?:%|points?|pp)?\s*\($",
                             re.I)
_MEASURE_AFTER_PARENTHESES = cued_compile(r"\)\s*(?:in|on|of|for)\s+(?:terms\s+of\s+)?(?:the\s+)?")


def _change_measure(text: str, start: int, metrics: list, s_start: int):
    """The measure of a change that the values in parentheses right after it spell out:
    "outperforms Y by 2.9% (81.6% vs. 78.7%) in top-1 accuracy"."""
    open_at = text.rfind("(", s_start, start)
    if open_at < 0 or ")" in text[open_at:start] or not _AFTER_CHANGE.search(
            text, max(s_start, open_at - 30), open_at + 1):
        return None
    close = text.find(")", start)
    if close < 0:
        return None
    for s in metrics:
        if s.start > close and _MEASURE_AFTER_PARENTHESES.fullmatch(text, close, s.start):
            return s.label, (s.start, s.end), "value-metric"
    return None


def _span_at(spans: list, span: tuple[int, int]):
    return next(s for s in spans if (s.start, s.end) == span)


def _clause_start(text: str, pos: int, s_start: int) -> int:
    """Where the clause holding ``pos`` starts (after ";", ", while", ", and our ...")."""
    cut = s_start
    for m in re.finditer(r";|,\s+(?:while|whereas|but|and|although)\b|\bwhile\b|\bwhereas\b",
                         text[s_start:pos]):
        cut = s_start + m.end()
    return cut


def _owner(view: DocText, pos: int, s_start: int, methods: list[TypedSpan], own_keys: set,
           own_method: TypedSpan | None, rules: dict, end: int | None = None
           ) -> tuple[str | None, tuple[int, int] | None, bool] | None:
    """(method label or None, its span, own?) of the system a value belongs to."""
    text = view.text
    # "against 9.5 for SDXL": the name right after the value.
    if end is not None:
        after = _FOR_NAME.match(text, end)
        if after:
            for s in methods:
                if s.start == after.end():
                    return _as_owner(s, own_keys)
    # "compared with a full-precision Zorbnet score of 24.3": the compared name's own
    # score, when nothing but its noun phrase stands between them.
    for s in reversed(methods):
        if s.end <= pos:
            if s.start >= s_start and _OWN_PHRASE.fullmatch(text[s.end:pos]) and not \
                    rules["verbs"].search(text, s.end, pos):
                return _as_owner(s, own_keys, text)
            break
    # "MobileNetV2 (2.3 ms, 71.9% top-1)": values in parentheses right after a name.
    open_paren = text.rfind("(", s_start, pos)
    if open_paren >= 0 and text.find(")", open_paren, pos) < 0:
        for s in reversed(methods):
            if s.end <= open_paren and re.fullmatch(r"[\s\w.×-]{0,12}", text[s.end:open_paren]):
                return _as_owner(s, own_keys)
    clause = _clause_start(text, pos, s_start)
    for start, end in ((clause, pos), (s_start, clause)):  # this clause, else the earlier ones
        if start >= end:
            continue
        candidates = [(s.start, _own(own_method) if _tail_of(text, s, own_method)
                       else _as_owner(s, own_keys, text)) for s in methods
                      if start <= s.start and s.end <= end and not _compared(text, s, start,
                                                                             rules, methods)]
        # "X preserves the v0.2 operating point: ... 25 FPS": a name modifying an
        # object noun is not the subject the values belong to.
        candidates = [c for c in candidates if c[1][1] is None or not _modifier_name(
            text, c[1][1], rules)]
        candidates += [(m.start(), _referent(view, s_start, methods, own_keys, own_method)
                        if m.group().lower() == "it" else _own(own_method))
                       for m in rules["own"].finditer(text, start, end)
                       if not _NARRATOR.match(text, m.end())]
        # "HiMAP-Travel with Qwen3-8B achieves": the name after "with" is what the
        # subject runs on, not the system scored.
        first = min((c[0] for c in candidates), default=None)
        candidates = [c for c in candidates if c[1][1] is None or not _runs_on(
            text, c[0], start, c[0] > first)]
        if candidates:
            return max(candidates, key=lambda c: c[0])[1]
    # No subject named ("a single server ... with about 3 s cold start"): the paper's own
    # system, unless the sentence speaks of others ("existing methods reach 40%").
    if own_method is not None and not any(
            not _compared_at(text, m.start(), s_start, rules) and not _of_result(text, m, rules)
            for m in rules["others"].finditer(text, s_start, pos)):
        return _own(own_method)
    return None


_ADJECTIVE_OTHERS = {"state-of-the-art", "sota", "best", "strongest", "top-performing"}


def _of_result(text: str, m: re.Match, rules: dict) -> bool:
    """Whether an adjective of others qualifies a result, not systems: "achieves a
    state-of-the-art Resolve@1 of 54%" (no system noun follows)."""
    if m.group().lower() not in _ADJECTIVE_OTHERS:
        return False
    following = re.findall(r"[A-Za-z]+(?=[\s,.;)]|$)", text[m.end():m.end() + 40])[:3]
    return not any(w.lower().rstrip("s") in rules["own_nouns"] or w.lower() in (
        "baselines", "llms", "mllms", "works", "systems", "models", "methods") for w in following)


def _compared_at(text: str, pos: int, s_start: int, rules: dict) -> bool:
    """Whether ``pos`` lies in a comparison object ("slower than the best method")."""
    before = text[max(s_start, pos - rules["compared_left"]):pos]
    return bool(re.search(rules["comparison"].pattern + r"(?:\s+[\w-]+){0,2}\s*$", before,
                          re.I))


# "We find that the best model reaches 13%": "we" tells the finding, the value is not ours.
_NARRATOR = cued_compile(r"\s+(?:[a-z]+ly\s+|also\s+|further\s+)?(?:find|found|show|showed|"
                         r"observe|observed|note|noted|see|demonstrate|report|reveal|confirm)\s+"
                         r"that\b")
_WITH_BEFORE = cued_compile(r"\b(?:with|using|on\s+top\s+of)\s+(?:the\s+|an?\s+)?$", re.I)
# A sentence opened by a name: "FireRedVAD: a module ...", "X, a 7B model, ...", "X is".
_SUBJECT_AFTER = cued_compile(r"\s*(?::|,|\(|\s(?:is|was|uses|builds|combines|adopts|"
                              r"extends|employs|relies|consists|comprises|has|adds)\b)")


def _runs_on(text: str, pos: int, start: int, after_other: bool) -> bool:
    """Whether the name at ``pos`` follows "with" after another name or a capitalised
    subject ("X with Qwen3-8B", "our agent using GPT-4o")."""
    m = _WITH_BEFORE.search(text, max(start, pos - 16), pos)
    if m is None:
        return False
    return after_other or bool(re.search(r"(?:\b[A-Z][\w.-]*|\b(?:agent|model|system|"
                                         r"method|framework|policy))\s+$", text[start:m.start()]))


def _referent(view: DocText, s_start: int, methods: list[TypedSpan], own_keys: set,
              own_method: TypedSpan | None):
    """Whom "it" refers to: the name that opens the previous sentence ("FireRedVAD: a
    module ... . On X, it achieves ..."), else the paper's own system."""
    if s_start > view.abstract_start:
        p_start, _ = view.sentence(s_start - 1)
        text = view.text
        for s in methods:
            if s.start > p_start + 2:
                break
            if s.start >= p_start and _SUBJECT_AFTER.match(text, s.end):
                return _as_owner(s, own_keys)
    return _own(own_method)


def _tail_of(text: str, s: TypedSpan, own_method: TypedSpan | None) -> bool:
    """Whether ``s`` is the tail of the paper's own name written in full ("Glim v0.3"
    read as "v0.3"): the value is the own system's."""
    if own_method is None or s.label == own_method.label:
        return False
    full = own_method.label
    tail = text[s.start:s.end]
    return full.endswith(" " + tail) and text[max(0, s.start - len(full) + len(tail)):
                                               s.end] == full


def _modifier_name(text: str, span: tuple[int, int], rules: dict) -> bool:
    """"the v0.2 operating point": a name between "the" and the noun it qualifies."""
    if not re.search(r"\b(?:the|its|their)\s+$", text[max(0, span[0] - 8):span[0]]):
        return False
    after = re.match(r"\s+([a-z][\w-]*)", text[span[1]:span[1] + 30])
    if after is None:
        return False
    word = after.group(1)
    return not (word in rules["own_nouns"] or rules["verbs"].fullmatch(word)
                or word.endswith(("s", "ed")))


def _own(own_method: TypedSpan | None) -> tuple[str | None, tuple[int, int] | None, bool]:
    """The paper's own system: its proposed method when it names one."""
    if own_method is None:
        return None, None, True
    return own_method.label, (own_method.start, own_method.end), True


def _as_owner(s: TypedSpan, own_keys: set, text: str = "") -> tuple[str | None,
                                                                    tuple[int, int], bool]:
    """A method as the system of a value; the paper's own when proposed, or when the paper
    calls it its own ("Our ternary BART base achieves ...")."""
    own = name_key(s.label) in own_keys or bool(
        text and _OUR_BEFORE.search(text, max(0, s.start - 30), s.start))
    return s.label, (s.start, s.end), own


def _compared(text: str, s: TypedSpan, clause: int, rules: dict,
              names: Sequence[TypedSpan] = ()) -> bool:
    """A name that is the object of a comparison ("than X", "compared to X", "over X"),
    an example of one ("surpasses baselines including X", "outperforms models like X"),
    or a further item of a list that opens with one ("... including X and Y": Y too;
    ``names``: the other names, to find the list's earlier items)."""
    before = text[max(clause, s.start - rules["compared_left"]):s.start]
    if re.search(rules["comparison"].pattern + r"(?:\s+[\w-]+){0,3}\s*$", before, re.I):
        return True
    # "than the best 2023 method (GenFlow)": the name of a compared phrase, in parentheses.
    wide = text[max(clause, s.start - 2 * rules["compared_left"]):s.start]
    # "outperforms the strongest zero-shot glorp model X": a longer noun phrase.
    if re.search(rules["comparison"].pattern + _NOUN_PHRASE_WORDS, wide, re.I):
        return True
    if wide.endswith("(") and re.search(
            rules["comparison"].pattern + r"(?:\s+[\w-]+){0,8}\s*\($", wide, re.I):
        return True
    if re.search(rules["comparison"].pattern + _EXAMPLES_AFTER.pattern, wide, re.I):
        return True
    previous = next((p for p in reversed(names) if p.end <= s.start), None)
    return previous is not None and previous.start >= clause and bool(
        _NAME_GLUE.fullmatch(text, previous.end, s.start)) and _compared(
        text, previous, clause, rules, names)


_NOUN_PHRASE_WORDS = (r"(?:\s+(?!(?:and|or|but|on|in|at|of|for|with|by|to|from|while|which|"
                      r"that|is|are|was|were|achiev\w*|reach\w*|obtain\w*)\b)[\w-]+){4,6}\s*$")
# "competing baselines including", "models like", "methods such as": examples follow.
_EXAMPLES_AFTER = cued_compile(r"(?:\s+[\w-]+){0,4}\s+(?:including|such\s+as|like|e\.g\.,?)\s*$")


def _baseline(view: DocText, pos: int, s_start: int, methods: list[TypedSpan], own_keys: set,
              rules: dict):
    """The method compared against, in this sentence or up to three before ("relative to
    SimVP", "behind the best 2023 method (GPose2023)")."""
    text = view.text
    start = s_start
    for _ in range(3):
        if start <= view.abstract_start:
            break
        start = view.sentence(start - 1)[0]
    for s in reversed(methods):
        if start <= s.start < pos and not _as_owner(s, own_keys)[2] and _compared(
                text, s, view.sentence(s.start)[0], rules, methods):
            return s.label, (s.start, s.end), False
    return None


def _dataset_for(view, start, end, metric, metric_span, s_start, s_end, datasets,
                 proposed_datasets, previous, rules, only_dataset=None) -> TypedSpan | None:
    text = view.text
    in_sentence = [d for d in datasets if s_start <= d.start < s_end]
    if metric_span is not None:
        # "a GenEval score of 0.58": the benchmark the measure is named after.
        inside = [d for d in in_sentence if metric_span[0] <= d.start and d.end <= metric_span[1]]
        if inside:
            return inside[0]
    fronted = [d for d in in_sentence if _FRONTED.match(text[_colon_start(text, d.start,
                                                                           s_start):d.start])]
    if fronted:
        return fronted[0]
    after = metric_span[1] if metric_span and metric_span[1] > end else end
    following = [d for d in in_sentence if d.start >= after and re.fullmatch(
        r"\s*(?:[\w-]+\s+){0,2}?(?:on|in|for|at)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?",
        text[after:d.start])]
    if following:
        return following[0]
    carried = _previous_dataset(previous, datasets)
    if _SAME_SET.search(text, s_start, s_end) and carried is not None:
        return carried  # "on the same set"
    if name_key(metric) in rules["speed_metrics"]:
        return None  # "1.6 ms latency" was not measured on the accuracy's dataset
    clause = _clause_start(text, start, s_start)
    # "X improves (65% to 72%) and surpasses Y on D": D is the other predicate's.
    in_sentence = [d for d in in_sentence if d.start < start or not _coordinated_predicate(
        text, end, d.start, rules)]
    if in_sentence:
        return min(in_sentence, key=lambda d: (d.start < clause, abs(d.start - start)))
    if carried is not None and previous.start >= view.sentence(max(s_start - 1, 0))[0]:
        return carried  # "... 68.1% on ICBHI. It reaches a sensitivity of 68.3%."
    if proposed_datasets:
        return proposed_datasets[0]
    # "... our submission to the WMT 2019 news task. ... the best BLEU (33.0)": the one
    # dataset the paper names, before the value; not when the sentence speaks of data it
    # does not name ("on the given sentiment dataset"), nor the paper's own training data.
    if only_dataset is not None and only_dataset.start < s_start and not _DATA_NOUN.search(
            text, s_start, s_end):
        return only_dataset
    return None


# "articles from arXiv, lecture notes, and Wikipedia": the last item of a list of data,
# most of which no rule names.
_LIST_BEFORE = cued_compile(r"(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+)$")
_DATA_NOUN = cued_compile(r"\b(?:datasets?|corpus|corpora|benchmarks?|test\s+sets?)\b", re.I)


def _coordinated_predicate(text: str, start: int, end: int, rules: dict) -> bool:
    """Whether ``start:end`` holds "and" plus a verb of its own ("and surpasses")."""
    return any(rules["verbs"].match(text, m.end()) or rules["comparison"].match(text, m.end())
               for m in _AND_VERB.finditer(text, start, end))


_AND_VERB = cued_compile(r"\band\s+(?:[a-z]+ly\s+)?")


def _colon_start(text: str, pos: int, s_start: int) -> int:
    """Where the part of the sentence after its last ":" or ";" before ``pos`` starts."""
    return max(s_start, text.rfind(":", s_start, pos) + 1, text.rfind(";", s_start, pos) + 1)


def _previous_dataset(previous: ResultHit | None, datasets: list[TypedSpan]) -> TypedSpan | None:
    if previous is None or previous.dataset_span is None:
        return None
    return next((d for d in datasets if (d.start, d.end) == previous.dataset_span), None)




class ResultFinder:
    """``kg_result_finder_v1``: the results :func:`find_results` reads, kept in the
    findings' ``results``; a metric only a unit implies ("1.6 ms": Latency) or an
    unnamed score becomes a ``metric`` candidate at the value."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        _rules()
        self.implied = confidence("metric-unit")

    def __call__(self, doc: Doc) -> Doc:
        findings = findings_of(doc)
        text = findings.text
        # Nothing to read without a value that a named or implied measure could take.
        if not _DIGIT.search(text, findings.abstract_start) or not (
                "%" in text or _TIME_VALUE.search(text, findings.abstract_start) or any(
                    c.type == "metric" for c in findings.live)):
            return doc
        # A named part of the paper's system owns none of the system's results.
        own = [f"{c.type}|{c.label}" for c in findings.with_role("proposed")
               if findings.roles_of(c)["proposed"].rule not in COMPONENT_RULES]
        findings.results = find_results(findings.doc_text, findings.live, own)
        for hit in findings.results:
            if hit.metric_span is None:
                # The value ("1.6 ms") is the evidence, not a name of the metric: no surface
                # alias; the lexicon's entry when it has one (Latency, FPS).
                rule = UNNAMED_METRIC_RULE if hit.metric == UNNAMED_SCORE else "metric-unit"
                findings.add(Candidate(hit.start, hit.end, "metric", hit.metric, rule,
                                       self.implied, lexicon_metric(hit.metric)))
        return doc


_DIGIT = cued_compile(r"\d")
_TIME_VALUE = cued_compile(r"\d\s?(?:ms|s|sec|seconds?|minutes?|hours?|fps|FPS)\b")
