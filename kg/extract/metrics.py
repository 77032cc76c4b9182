"""Evaluation metrics: named measures the paper reports or evaluates with.

Following the guidelines' "metrics" section: a named measure counts wherever the
paper uses it (``BLEU``, ``FID``, ``Perplexity``, even without a number), a
generic one only as the measure of a result ("accuracy of 85%", "improves
accuracy", "1.6 ms latency"); speed-ups and sizes are no metrics, nor are vague
quality words ("visual quality"). Measures a paper defines itself count too: an
acronym whose long form ends in a measure word ("Semantic Sufficiency Criterion
(SSC)"), the items after "three novel metrics", "measures of X and Y", and
"a score of 68.1%" (``Score``).

:func:`find_metrics` is pure over the document's text and the typed spans;
:class:`MetricTagger` (``kg_metric_tagger_v1``) adds its hits as ``metric``
candidates, after re-typing the names other rules gave measures.

>>> text = DocText.of("T\\n\\nOur model reaches a score of 68.3%.", 1, 3)
>>> [(h.label, h.rule) for h in find_metrics(text, [], [])]
[('Score', 'metric-score-of')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.cued import cued_compile
from kg.extract.lexicon import LexiconEntry, load_lexicon, name_key
from kg.extract.records import Candidate, Definition, DocText, SpanHit, TypedSpan, findings_of
from kg.extract.rules import confidence, window, word_set, words, words_regex
from kg.extract.tasks import is_kind

__all__ = ["find_metrics", "metric_label", "lexicon_metric", "names_a_metric",
           "named_metrics", "changed_measures", "MetricTagger"]


@cache
def _rules() -> dict:
    return {
        "generic": {name_key(w) for w in words("metric_generic")},
        "result_cues": words_regex(words("metric_result_cues"), suffix=""),
        "contrast": words_regex(words("metric_contrast_cues"), suffix=""),
        "heads": word_set("metric_heads"),
        "vague": {name_key(w) for w in words("metric_vague")},
        "cost": {name_key(w) for w in words("metric_cost_measures")},
        "not_after": {tuple(w.lower().split(":", 1)) for w in words("metric_not_after")},
        # "likelihood:of": the words after a generic measure that make it a plain word.
        "not_before": _followers(words("metric_not_before")),
        "rated": {name_key(w) for w in words("metric_rated_costs")},
        "loss": words_regex(words("metric_loss_kinds"), suffix=r"[\s-]+loss(?:es)?(?![\w-])"),
        "loss_before": cued_compile(words_regex(words("metric_loss_measured_before"), suffix="")
                                    .pattern + r"\s+(?:[\w-]+\s+){0,3}$", re.I),
        "loss_after": cued_compile(r"\s+" + words_regex(words("metric_loss_measured_after"))
                                   .pattern, re.I),
        "loss_not_before": cued_compile(r"\s+" + words_regex(words("metric_loss_not_before"))
                                        .pattern, re.I),
        # "reduces inference latency", "negligible additional latency", "lower memory and
        # latency": a change of the rate named before it (up to three words between).
        "rate_change_before": cued_compile(words_regex(words("metric_rate_change_before"),
                                                       suffix="").pattern
                                           + r"\s+(?:[\w-]+\s+){0,3}$", re.I),
        "rate_background": words_regex(words("metric_rate_background")),
        "rate_change_after": cued_compile(r"[\s/-]+" + words_regex(
            words("metric_rate_change_after")).pattern, re.I),
        "relative_before": cued_compile(words_regex(words("result_not_after"), suffix="").pattern
                                        + r"\s*$", re.I),
        "introducers": cued_compile(r"\b(?:(?:new|novel|two|three|four|five|several|"
                                    r"complementary|independent|distinct)\s+)+(?:evaluation\s+)?"
                                    r"(?:metrics|measures|criteria)\b|\bmeasures\s+of\b|"
                                    r"\b(?:sub-?)?(?:metrics|measures|criteria),?\s+(?:including|"
                                    r"such\s+as|namely)\b|\b(?:metrics|measures|criteria|scores)\s*"
                                    r"\((?=\s*(?:e\.g\.|i\.e\.|such\s+as|including))(?:e\.g\.|i\.e\.|"
                                    r"such\s+as|including),?", re.I),
        "near": window("metric_result_context"),
        # "IoU-aware loss", "a human preference dataset": a measure naming what a thing is
        # about, no measure the paper reports.
        "modifies": cued_compile(r"(?:-(?:" + "|".join(map(re.escape, words(
            "metric_modifier_tails"))) + r")|\s+(?:" + "|".join(map(re.escape, words(
                "metric_modified_nouns"))) + r"))(?![\w-])", re.I),
        # "42.9% energy savings", "35% fewer": a change of something, no value of it.
        "changed_after": cued_compile(r"\$?(?:\s+[a-z][\w-]*)?\s+(?:" + "|".join(
            re.escape(w) for w in words("result_not_before") + words("metric_change_nouns"))
            + r")(?![\w-])", re.I),
        "systems": {w + s for w in words("result_own_nouns") for s in ("", "s", "es")},
        "contrast_window": window("metric_contrast"),
        "lexicon": confidence("metric-lexicon"),
        "score_of": confidence("metric-score-of"),
        "defined": confidence("metric-defined"),
        "listed": confidence("metric-listed"),
        "rating_scales": word_set("metric_rating_scales"),
        "changed_not": word_set("metric_changed_not"),
        "qualifiable": {name_key(w) for w in words("metric_qualifiable")},
        "not_qualifiers": word_set("metric_not_qualifiers") | {
            w.lower() for cue in words("metric_result_cues") for w in cue.split()},
        # The second word of a qualifier comes before a nominal ("question answering"),
        # and is no participle ("bolstering reasoning", "automated trading").
        "nominal": cued_compile(r"(?:ion|ing|ment|sis|ity)$"),
        "participle": cued_compile(r"(?:ing|ed)$"),
        # "utterance-level", "zero-shot", "best-performing": words that place or grade.
        "not_qualifier_ends": cued_compile(r"(?:" + "|".join(
            re.escape(w) for w in words("metric_not_qualifier_endings")) + r")$"),
        "stop": word_set("task_stop_words"),
    }


def _followers(pairs: list[str]) -> dict[str, str]:
    """name key of a measure -> a regex alternation of the words that may not follow it."""
    table: dict[str, list[str]] = {}
    for pair in pairs:
        measure, _, word = pair.partition(":")
        table.setdefault(name_key(measure), []).append(re.escape(word))
    return {k: "|".join(v) for k, v in table.items()}


@cache
def _lexicon_metrics() -> dict[str, LexiconEntry]:
    table: dict[str, LexiconEntry] = {}
    for entry in load_lexicon():
        if is_kind(entry, "metric"):
            for name in entry.names:
                table.setdefault(name_key(name), entry)
    return table


def lexicon_metric(name: str) -> LexiconEntry | None:
    """The lexicon metric a name stands for ("FID score" -> FID), or None."""
    return _lexicon_metrics().get(name_key(name))


def metric_label(name: str) -> str:
    """``"accuracy"`` -> ``"Accuracy"``; names with capitals stay as written."""
    return name[:1].upper() + name[1:] if name.islower() else name


_NUMBER = cued_compile(r"(?<![\w.])\d+(?:[.,]\d+)*\s*%?")
_SCORE_OF = cued_compile(r"\b(?:an?|the|its|our)\s+(?:[\w-]+\s+){0,3}?(score)\s+of\s+(?=\d)", re.I)
_QUOTED = cued_compile(r"[\"“]([^\"”]{2,40})[\"”]")
# A list item: up to three words, all lower-case after the first or all capitalised
# ("Temporal Consistency"); a verb ends it ("F1 are reported").
_FOLLOWER = r"(?:\s+(?!(?:are|is|was|were|be|been|has|have|had|can|will)\b)[a-z][\w-]*)"
_ITEM = cued_compile(r"\s*(?:--|—|:|\()?\s*(?:the\s+)?([a-z][\w-]*" + _FOLLOWER + r"{0,2}|"
                     r"[A-Z][\w-]*(?:(?:\s+[A-Z][\w-]*){1,2}|" + _FOLLOWER + r"{0,2}))"
                     r"(?:\s*\([^()]{1,12}\))?(?:\s+of\s+[A-Z]\w*)?\s*(?:,\s*(?:and\s+)?|\s+and\s+|"
                     r"\)|\s*--|\.|$)")


def find_metrics(view: DocText, spans: Sequence[Candidate | TypedSpan],
                 definitions: list[Definition], proposed: Sequence[int] = ()) -> list[SpanHit]:
    """Every metric mention the paper reports or evaluates with.

    ``spans``: the lexicon's metric names among them are candidates; ``definitions``
    are the acronym definitions no rule typed; ``proposed``: where the paper's own
    names are written (the paper speaks of its own work from the first of them on).
    """
    rules = _rules()
    text = view.text
    rules = {**rules, "own_from": _own_from(view, proposed)}
    hits: list[SpanHit] = []
    names = [(s.start, s.end) for s in spans if s.type in ("method", "dataset")]
    for s in spans:
        if not is_kind(s.entry, "metric"):
            continue
        if _contrast(view, s.start, rules) or not _case_fits(text[s.start:s.end], s.entry):
            continue
        if rules["modifies"].match(text, s.end):
            continue  # "IoU-aware loss", "human preference annotations": a modifier
        if _aligned_to(text, s, view):
            continue  # "aligning models with human preferences": an objective, not a measure
        surface = text[s.start:s.end]
        if len(surface) <= 4 and _names_part(text, surface):
            continue  # "R1" of "DeepSeek-R1": the model's short name, not ROUGE-1
        if "@" in surface and not any("@" in n for n in s.entry.names):
            continue  # "R@1" is recall at 1 (the name@k rule's), not ROUGE-1's "R-1"
        # A short acronym only leaderboards list ("MR", "SR") has too many readings alone;
        # the curated ones ("FID", "WER") are measures wherever they are written.
        generic = name_key(s.entry.label) in rules["generic"] or (
            len(surface) <= 3 and surface.isupper() and not s.entry.curated) or (
            not s.entry.curated and _generic_head(s.entry.label, rules))
        if generic and not _measures_result(view, s, rules) and not (
                name_key(s.entry.label) in rules["rated"] and _rate_changed(view, s, rules)):
            continue  # "accuracy" as a word, not the measure of a result
        if generic and _of_something_else(text, s.start, s.end, rules):
            continue  # "full precision", "4-bit precision", "associative recall"
        if generic and rules["not_before"].get(name_key(s.entry.label)) and re.match(
                r"\s+(?:" + rules["not_before"][name_key(s.entry.label)] + r")\b",
                text[s.end:s.end + 20], re.I):
            continue  # "a higher likelihood of success": a chance, not the measure
        if generic and not s.entry.curated and s.entry.label.split()[-1].lower() == "score" \
                and not _absolute_value_near(view, s, names, rules):
            continue  # "the highest average score in manipulation tasks": no value, no name
        if name_key(s.entry.label) in rules["cost"] and (not (_absolute_value_near(
                view, s, names, rules) or name_key(s.entry.label) in rules["rated"]
                and _rate_changed(view, s, rules)) or
                _MODIFIER_AFTER.match(text, s.end) and "-" in surface):
            # "improves time for many users": a cost only spoken of, not a measured one;
            # "inference-time steering": a modifier.
            continue
        qualified = _qualifier_start(view, s, names, rules) if generic else None
        if qualified is not None:
            # "emotion accuracy", "task success rates": a measure of its own, named whole.
            label = metric_label(" ".join(text[qualified:s.start].split()) + " "
                                 + s.entry.label.lower())
            hits.append(SpanHit(qualified, s.end, label, "metric-qualified",
                                rules["lexicon"], lexicon_metric(label)))
            continue
        hits.append(SpanHit(s.start, s.end, metric_label(s.entry.label), "metric-lexicon",
                              rules["lexicon"], s.entry))
    hits = _as_qualified(hits, rules)
    lower = text.lower()
    if "@" in text:
        hits.extend(_at_k(view, spans, hits, rules))
    if "score" in lower:
        hits.extend(_named_scores(view, spans, hits, rules))
    if _VALUE_THEN_CAPITALS.search(text, view.abstract_start):
        hits.extend(_value_acronyms(view, spans, hits, rules))
    if "%" in text:
        hits.extend(_value_measures(view, spans, hits, rules))
    if "/" in text or "% " in text:
        hits.extend(_rated_qualities(view, spans, hits, rules))
    if "%" in text and " from " in text:
        taken = [(h.start, h.end) for h in hits]
        for m_start, m_end, label, _, _ in changed_measures(text):
            if not any(t_start < m_end and m_start < t_end for t_start, t_end in taken):
                entry = lexicon_metric(label)
                hits.append(SpanHit(m_start, m_end, metric_label(entry.label) if entry
                                    else label, "metric-changed", rules["listed"], entry))
    taken = [(h.start, h.end) for h in hits]
    # The scans below are costly regexes: run them only when their key word is there.
    for m in (_SCORE_OF.finditer(text) if "score of" in lower else ()):
        start, end = m.span(1)
        if any(t_start < m.end() and m.start() < t_end for t_start, t_end in taken):
            continue  # "a BLEU score of 31.1": the named metric is found already
        hits.append(SpanHit(start, end, "Score", "metric-score-of", rules["score_of"]))
    for d in definitions:
        short, s_start, s_end, l_start, l_end = (d.short, d.short_start, d.short_end,
                                                 d.long_start, d.long_end)
        long_form = text[l_start:l_end]
        head = long_form.split()[-1].lower() if long_form.split() else ""
        after = re.match(r"\)?\s*([\w-]+)", text[max(s_end, l_end):max(s_end, l_end) + 20])
        if head in rules["heads"] or after and after.group(1).lower() in ("score", "scores",
                                                                          "metric", "metrics"):
            hits.append(SpanHit(s_start, s_end, short, "metric-defined", rules["defined"]))
            hits.append(SpanHit(l_start, l_end, short, "metric-defined", rules["defined"]))
    if "loss" in lower:
        hits.extend(_measured_losses(view, hits, rules))
    if _TITLED_HEAD.search(text, view.abstract_start):
        hits.extend(_titled_measures(view, hits, rules))
    for m in _EVALUATES_TITLED.finditer(text, view.abstract_start):
        hits.extend(_evaluated_dimensions(view, m, names, rules))
    if "metric" not in lower and "measure" not in lower and "criteri" not in lower and \
            "scores (" not in lower:
        return _outermost(_within_names(view, hits, rules))
    for m in rules["introducers"].finditer(text):
        hits.extend(_listed(view, m.end(), rules))
    for start, end in named_metrics(text):
        hits.append(SpanHit(start, end, text[start:end], "metric-named", rules["listed"]))
    return _outermost(_within_names(view, hits, rules))


# "precision-recall curve", "precision-recall area under the curve": the curve's measures.
_CURVE_AFTER = cued_compile(r"(?:[-–/][a-z]+)?\s+(?:curves?\b|area\s+under|AUC\b|AUPRC\b)", re.I)
_JOINED = cued_compile(r"[a-z][-–/][a-z]", re.I)


def _within_names(view: DocText, hits: list[SpanHit], rules: dict) -> list[SpanHit]:
    """A generic measure word inside a longer measure's name is that name's, not a measure
    of its own: right after another measure's name it reads as that measure ("PARENT-T
    recall of 99.47": PARENT, one name), and joined before a curve it names the curve
    ("precision-recall area under curve": the AUC, no precision)."""
    text = view.text
    generic = [h for h in hits if name_key(h.label) in rules["generic"]
               or name_key(h.label) in rules["qualifiable"]]
    if not generic:
        return hits
    drop, grown = set(), {}
    for g in generic:
        if _CURVE_AFTER.match(text, g.end) and (_JOINED.search(text, g.start, g.end)
                                                 or _JOINED.match(text, g.end - 1)):
            drop.add(id(g))
            continue
        before = next((h for h in hits if h is not g and h.end < g.start
                       and re.fullmatch(r"[ \t]", text[h.end:g.start])
                       and id(h) not in drop and h not in generic), None)
        if before is not None:
            drop.add(id(g))
            grown[id(before)] = g.end
    return [SpanHit(h.start, grown[id(h)], h.label, h.rule, h.confidence, h.entry)
            if id(h) in grown else h for h in hits if id(h) not in drop]


# "align X with human preferences", "consistency with human preferences", "human
# preference alignment", "a metric validated through human studies": what a model is
# tuned towards or a measure is checked against, not what the paper measures with.
_ALIGNED_BEFORE = cued_compile(r"\b(?:align\w*|consisten\w*|agree\w*|correlat\w*|validat\w*)\s+"
                               r"(?:[\w.-]+\s+){0,5}?(?:with|to|through|against|by)\s+"
                               r"(?:[\w-]+\s+){0,2}$", re.I)
_ALIGNMENT_AFTER = cued_compile(r"\s+(?:alignment|optimi[sz]ation|learning|modeling)\b", re.I)
# "a reward model trained to represent human preferences", "micro-conditions informed by
# human preference scores", "the gold standard for human preference": what a model learns
# or a benchmark stands for, not a measure the paper reports.
_TARGET_BEFORE = cued_compile(r"\b(?:represent\w*|reflect\w*|informed\s+by|standards?\s+for|"
                              r"proxy\s+for|proxies\s+for)\s+(?:[\w-]+\s+){0,1}$", re.I)
_RATED_AFTER = cued_compile(r"\s+(?:ratings?|scores?|judge?ments?)\b", re.I)  # or at the end
_HUMAN_JUDGMENT = {"Human preference", "Human evaluation"}


def _aligned_to(text: str, span, view: DocText) -> bool:
    """Whether human judgment is the target of alignment or correlation here."""
    if span.entry is None or span.entry.label not in _HUMAN_JUDGMENT:
        return False
    if _TARGET_BEFORE.search(text, max(0, span.start - 40), span.start):
        return True
    if "prefer" in text[span.start:span.end].lower() and (
            _RATED_AFTER.match(text, span.end) or _RATED_AFTER.search(text, span.start, span.end)):
        return False  # "aligning with human preference ratings": a measure still
    s_start, _ = view.sentence(span.start)
    return bool(_ALIGNED_BEFORE.search(text, max(s_start, span.start - 60), span.start)
                or _ALIGNMENT_AFTER.match(text, span.end))


# A loss with its value: "a log-loss of 0.507", "-0.05 cross-entropy loss".
_LOSS_VALUE_AFTER = cued_compile(r"\s+(?:of|=|:)\s+(?:about\s+|only\s+)?\d")
_LOSS_VALUE_BEFORE = cued_compile(r"\d(?:\.\d+)?\s+$")


def _measured_losses(view: DocText, hits: list[SpanHit], rules: dict) -> list[SpanHit]:
    """Losses the paper measures, as scaling-law and pre-training papers report them:
    a loss of a kind (``metric_loss_kinds``: "cross-entropy loss", "validation loss")
    with a value, or that a change or a scaling law is of ("reduces cross-entropy loss",
    "scaling laws for the classification loss", "the val loss levels off"); not a loss
    a model is trained with ("trained via cross-entropy loss", "a loss function")."""
    text = view.text
    taken = [(h.start, h.end) for h in hits]
    found = []
    for m in rules["loss"].finditer(text, view.abstract_start):
        start, end = m.span()
        if any(t_start < end and start < t_end for t_start, t_end in taken):
            continue
        if rules["loss_not_before"].match(text, end) or _contrast(view, start, rules):
            continue  # "a cross-entropy loss function": what is trained with
        s_start = view.sentence(start)[0]
        clause = max(s_start, text.rfind(",", 0, start) + 1, text.rfind(";", 0, start) + 1)
        if not (_LOSS_VALUE_AFTER.match(text, end) or _LOSS_VALUE_BEFORE.search(
                text[max(s_start, start - 12):start]) or rules["loss_before"].search(
                text[max(clause, start - 60):start]) or rules["loss_after"].match(text, end)):
            continue
        surface = text[start:end]
        entry = lexicon_metric(surface)
        found.append(SpanHit(start, end, metric_label(entry.label if entry else surface),
                             "metric-measured-loss", rules["listed"], entry))
    return found


# "Resolve@1", "Recall@10", "nDCG@5", "Acc@0.5": a measure at a cut-off, by its shape.
_AT_K = cued_compile(r"(?<![\w@.-])([A-Za-z][A-Za-z-]{0,14}@(?:\d+(?:\.\d+)?|k|K))(?![\w@])")


def _at_k(view: DocText, spans, hits: list[SpanHit], rules: dict) -> list[SpanHit]:
    """Measures written as ``name@k`` that no lexicon entry names."""
    taken = [(h.start, h.end) for h in hits] + [(s.start, s.end) for s in spans
                                                 if s.type in ("method", "dataset")]
    found = []
    for m in _AT_K.finditer(view.text, view.abstract_start - 2 if view.abstract_start > 1
                            else 0):
        start, end = m.span(1)
        if any(t_start < end and start < t_end for t_start, t_end in taken):
            continue
        name = m.group(1)
        if name[:2] in ("R@", "r@"):
            name = "Recall" + name[1:]  # "R@1" is recall at 1, as retrieval papers write it
        found.append(SpanHit(start, end, name, "metric-at-k", rules["listed"]))
    return found


# "a GenEval score of 0.83", "biased Arena scores", "poor PaperQuiz scores": a named
# benchmark's or judge's score is a measure of its own (the guidelines' "VBench score").
_NAMED_SCORE = cued_compile(r"(?<![\w-])([A-Z][\w-]*[A-Za-z0-9])\s+(scores?)\b(?!\s+(?:\d|higher|"
                            r"lower|above|below|well|better|worse|up|only|best|the|an?)\b)")


def _named_scores(view: DocText, spans, hits: list[SpanHit], rules: dict) -> list[SpanHit]:
    """``Name score`` where Name is capitalised mid-sentence and no measure itself
    ("BLEU score" is the lexicon's), nor a model scored ("GPT-4 scores 85%")."""
    text = view.text
    taken = [(h.start, h.end) for h in hits]
    # A model's own score ("the LLaMA scores") is no measure; a shape rule's guess at a
    # name ("PaperQuiz" alone: a method?) gives way to the measure.
    methods = [(s.start, s.end) for s in spans if s.type == "method" and not (
        getattr(s, "entry", None) is None and getattr(s, "rule", "").startswith("name-shape"))]
    found = []
    for m in _NAMED_SCORE.finditer(text):
        start, end = m.start(1), m.end(2)
        if any(t_start < end and start < t_end for t_start, t_end in taken) or any(
                n_start <= m.start(1) < n_end for n_start, n_end in methods):
            continue
        s_start, _ = view.sentence(start)
        if start == s_start and not _CAPS_INSIDE.search(m.group(1)):
            continue  # "Higher scores": a capital of the sentence, not of a name
        if start == s_start and _SCORES_AS_VERB.match(text, m.end(2)):
            continue  # "DiHAL scores layers with ...": the subject's verb
        if name_key(m.group(1)) in rules["generic"] or name_key(m.group(1)) in rules["vague"] \
                or lexicon_metric(m.group(1)) is not None:
            continue
        found.append(SpanHit(start, m.end(2), m.group(1) + " score", "metric-named-score",
                             rules["listed"]))
    return found


_CAPS_INSIDE = cued_compile(r".[A-Z0-9]")
# After a subject's "scores", an object rather than "of", "on", a verb of its own.
_SCORES_AS_VERB = cued_compile(r"(?<=scores)\s+(?!(?:of|on|in|for|from|are|were|remain|rise|"
                               r"drop|improve|increase|decrease|show|correlate)\b)[a-z]")

# "a novel Guidance Responsiveness Metric", "Multiple Binary Accuracy (MBA)": a name the
# abstract writes in capitals, headed by a measure word, names a measure.
_TITLED_MEASURE = cued_compile(r"(?<![\w-])((?:[A-Z][a-z][\w-]*\s+){1,3}(?:F1[-\s])?"
                               r"(?:Metric|Index|Score|"
                               r"Ratio|Rate|Accuracy|Error|Distance|Criterion|Divergence))(?![\w-]|\s+[A-Z][a-z])")


# Cheap tests that the two scans above and below have something to find.
_TITLED_HEAD = cued_compile(r"[a-z] (?:F1[-\s])?(?:Metric|Index|Score|Ratio|Rate|Accuracy|"
                            r"Error|Distance|"
                            r"Criterion|Divergence)\b")
_VALUE_THEN_CAPITALS = cued_compile(r"\d\s?%?\s[A-Z]{2}")


def _titled_measures(view: DocText, hits: list[SpanHit], rules: dict) -> list[SpanHit]:
    """Capitalised measure names inside the abstract's sentences (a title capitalises
    every word, so it says nothing there)."""
    text = view.text
    taken = [(h.start, h.end) for h in hits]
    found = []
    for m in _TITLED_MEASURE.finditer(text, view.abstract_start):
        start, end = m.span(1)
        if view.sentence(start)[0] == start:
            continue  # "Higher Accuracy ..." opening a sentence: a capital of the sentence
        if any(t_start <= start and end <= t_end for t_start, t_end in taken):
            continue
        entry = lexicon_metric(m.group(1))
        found.append(SpanHit(start, end, metric_label(entry.label) if entry else m.group(1),
                             "metric-titled", rules["defined"], entry))
    return found


# "achieving 58.79% MFU", "attains 892 TPS on X, 801 TPS on Y": an acronym that a
# reported value is measured in, after a verb of result.
_VALUE_ACRONYM = cued_compile(r"\b(?:achiev\w*|attain\w*|reach\w*|obtain\w*|scor\w*|yield\w*|"
                              r"deliver\w*|record\w*)\s+(?:[a-z]+\s+){0,2}?\d[\d.,]*\s?%?\s([A-Z]{2,5})(?![\w-])")


def _value_acronyms(view: DocText, spans, hits: list[SpanHit], rules: dict) -> list[SpanHit]:
    """The acronyms a value after a verb of result is measured in, untyped otherwise,
    wherever the sentence writes them after a number."""
    text = view.text
    # A shape rule's guess ("TPS" repeated: a name?) gives way; a lexicon name does not.
    taken = [(h.start, h.end) for h in hits] + [(s.start, s.end) for s in spans if (
        s.type != "method" or getattr(s, "entry", None) is not None
        or not getattr(s, "rule", "").startswith("name-shape"))]
    found = []
    for m in _VALUE_ACRONYM.finditer(text, view.abstract_start):
        acronym = m.group(1)
        if any(t_start < m.end(1) and m.start(1) < t_end for t_start, t_end in taken):
            continue
        s_start, s_end = view.sentence(m.start())
        again_re = re.compile(r"\d\s?%?\s(" + acronym + r")(?![\w-])")
        for again in again_re.finditer(text, m.start(1) - 3, s_end):
            if not any(
                    t_start < again.end(1) and again.start(1) < t_end for t_start, t_end in taken):
                found.append(SpanHit(again.start(1), again.end(1), acronym,
                                     "metric-value-acronym", rules["listed"]))
    return found


# "achieves 32.0% task success", "a 40.0% partial-progress score": a percentage and the
# measure it is of, named by a noun phrase that ends in "success" or "score".
_VALUE_MEASURE = cued_compile(r"(?<![\w.])\d+(?:\.\d+)?\s?%\s+((?:(?!(?:of|on|in|and|or|for|"
                              r"to|than)\s)[a-z][\w-]*\s+){0,2}?(?:success|score))\b"
                              r"(?!\s+(?:rates?|of|gains?|improvements?)\b)")
_NOT_A_MEASURE_WORD = {"higher", "lower", "better", "worse", "more", "less", "relative",
                       "absolute", "improved", "average", "mean", "overall", "total"}


def _value_measures(view: DocText, spans, hits: list[SpanHit], rules: dict) -> list[SpanHit]:
    """The measures that a percentage is read with, named after it ("32.0% task
    success"): the lexicon's when it names them ("3.3% success": Success rate), else the
    phrase; not a comparison ("2% higher score") nor a name's score."""
    text = view.text
    taken = [(h.start, h.end) for h in hits] + [(s.start, s.end) for s in spans
                                                 if s.type in ("method", "dataset", "metric")]
    found = []
    for m in _VALUE_MEASURE.finditer(text, view.abstract_start):
        start, end = m.span(1)
        words_of = m.group(1).split()
        if any(t_start < end and start < t_end for t_start, t_end in taken) or any(
                w in _NOT_A_MEASURE_WORD or w.endswith("er") for w in words_of[:-1]):
            continue
        entry = lexicon_metric(m.group(1)) or (lexicon_metric("success rate") if words_of == [
            "success"] else None)
        found.append(SpanHit(start, end, metric_label(entry.label if entry else m.group(1)),
                             "metric-value-phrase", rules["listed"], entry))
    return found


# "clarity 4.0/5", "fluency of 4.2/5": a quality rated on a scale (rules.json
# metric_rating_scales); "relevancy of 97%": a quality noun read with its value.
_RATED = cued_compile(r"(?<![\w-])([a-z][a-z-]{3,}(?<![^s]s))\s+(?:of\s+)?(\d+(?:\.\d+)?)\s?/\s?"
                      r"(\d+)(?![\d/]|\.\d)")
_QUALITY_VALUE = cued_compile(r"(?<![\w-])([a-z][a-z-]*(?:ity|ncy|ness|ence))\s+of\s+"
                              r"(?:about\s+|over\s+|up\s+to\s+)?\d+(?:\.\d+)?\s?%")


def _rated_qualities(view: DocText, spans, hits: list[SpanHit], rules: dict) -> list[SpanHit]:
    """The qualities a paper scores with a value ("clarity 4.0/5", "relevancy of 97%"):
    measured, so named measures even when the word alone is vague ("coherence"); not
    what the paper does not measure ("performance of 54%", metric_changed_not)."""
    text = view.text
    taken = [(h.start, h.end) for h in hits] + [(s.start, s.end) for s in spans
                                                 if s.type in ("method", "dataset", "metric")]
    found = []
    # A rating has its "/", a quality's value its "%": no scan of an abstract without.
    start = view.abstract_start
    matches = [*(m for m in (_RATED.finditer(text, start) if text.find("/", start) != -1 else ())
                 if m.group(3) in rules["rating_scales"] and float(m.group(2)) <= int(m.group(3))),
               *(_QUALITY_VALUE.finditer(text, start) if text.find("%", start) != -1 else ())]
    for m in matches:
        start, end = m.span(1)
        word = m.group(1)
        if word in rules["changed_not"] or word in rules["stop"] or any(
                t_start < end and start < t_end for t_start, t_end in taken):
            continue
        entry = lexicon_metric(word)
        found.append(SpanHit(start, end, metric_label(entry.label if entry else word),
                             "metric-rated", rules["listed"], entry))
    return found


# "increases the reliability of X from 39.3% to 61.5%": the measure a change is of.
_CHANGED = cued_compile(r"\b(?:improv|increas|rais|boost|lift|reduc|lower|decreas|cut)\w*\s+"
                        r"(?:the|its|their)\s+([a-z][a-z-]+)\s+of\s+(?:[^\s,;.]+\s+){1,4}?"
                        r"from\s+(\d+(?:\.\d+)?\s?%)\s+to\s+(\d+(?:\.\d+)?\s?%)")


# "reducing token waste from 55% to just 2.2%": the measure named right before the change.
_CHANGED_DIRECT = cued_compile(r"\b(?:improv|increas|rais|boost|lift|reduc|lower|decreas|cut)\w*\s+"
                               r"((?!(?:the|its|their|our|an?|this)\s)(?:[a-z][a-z-]+\s+)?"
                               r"[a-z][a-z-]+)\s+from\s+(\d+(?:\.\d+)?\s?%)\s+"
                               r"to\s+(?:just\s+|only\s+|merely\s+|about\s+|around\s+)?"
                               r"(\d+(?:\.\d+)?\s?%)")


@lru_cache(maxsize=64)
def changed_measures(text: str) -> tuple[tuple[int, int, str, int, int], ...]:
    """(start, end, label, first value start, second value start) of each measure a
    change "from X to Y" names as its object, where no word of the kind the paper
    does not measure ("the performance of X") stands there.

    >>> text = "It raises the reliability of Zorb-8B from 39.3% to 61.5%."
    >>> [(label, text[a:]) for _, _, label, a, _ in changed_measures(text)]
    [('Reliability', '39.3% to 61.5%.')]
    >>> [label for *_, label, _, _ in changed_measures("It cuts token waste from 55% to 2.2%.")]
    ['Token waste']
    """
    if "%" not in text or " from " not in text:
        return ()
    stops = word_set("metric_changed_not") | {name_key(w) for w in words("metric_vague")}
    found = [m for m in _CHANGED.finditer(text) if m.group(1) not in stops]
    found += [m for m in _CHANGED_DIRECT.finditer(text)
              if not any(name_key(w) in stops or w in stops for w in m.group(1).split())
              and not any(f.start() <= m.start() < f.end() for f in found)]
    return tuple((*m.span(1), m.group(1)[:1].upper() + m.group(1)[1:], m.start(2), m.start(3))
                 for m in sorted(found, key=lambda m: m.start()))


# Whose quality a vague word names ("visual quality", "overall consistency"): still vague.
_QUALITY_OF = {"visual", "overall", "image", "video", "audio", "perceptual", "generation",
               "output", "general"}


def _names_part(text: str, surface: str) -> bool:
    """Whether a short measure name (``R1``, ``R2``) is also written as the part after
    a hyphen of a name in the text ("DeepSeek-R1"): there it is that name's short form."""
    if len(surface) > 4 or not any(c.isdigit() for c in surface) or "-" + surface not in text:
        return False
    return re.search(r"[A-Za-z0-9]-" + re.escape(surface) + r"(?![\w])", text) is not None


def _generic_head(label: str, rules: dict) -> bool:
    """A leaderboard's qualified generic measure ("Execution Accuracy"): generic too."""
    words_of = label.split()
    return len(words_of) > 1 and any(name_key(" ".join(words_of[i:])) in rules["generic"]
                                     for i in range(1, len(words_of)))


_QUALIFIER = cued_compile(r"(?<![\w'’-])([a-z]{2,}(?:-[a-z]+)*|[A-Z][a-z]{2,})\s+$")


def _qualifier_start(view: DocText, span: TypedSpan, names: list[tuple[int, int]],
                     rules: dict) -> int | None:
    """Where the words that qualify a bare generic measure begin ("emotion accuracy",
    "position prediction accuracy", "sequence error rate"): the lower-case word right
    before it, and up to two more before a nominal one ("visual question answering
    accuracy"), none
    of them a word that only grades, places or changes the measure
    (``metric_not_qualifiers``, the result cues: "higher", "average", "improves",
    "zero-shot") nor part of a name; None when there are none, or the lexicon's name is
    qualified already ("classification accuracy")."""
    if span.entry is None or name_key(span.entry.label) not in rules["qualifiable"]:
        return None
    text = view.text
    if name_key(text[span.start:span.end]).rstrip("s") != name_key(span.entry.label).rstrip("s"):
        return None  # "classification accuracy", "accuracies"' other names
    s_start = view.sentence(span.start)[0]
    start, at = None, span.start
    for i in range(3):
        m = _QUALIFIER.search(text, max(s_start, at - 40), at)
        if m is None or not _qualifies(m.group(1), names, m.span(1), rules) or i and (
                not rules["nominal"].search(text[start:span.start].split()[0])
                or rules["participle"].search(m.group(1))):
            break
        if m.group(1)[0].isupper() and (i or m.start(1) <= s_start + 1):
            break  # a proper name ("Levenshtein accuracy") right before it, not a capital
            # that opens the sentence
        start, at = m.start(1), m.start(1)
    return start


def _qualifies(word: str, names: list[tuple[int, int]], span: tuple[int, int],
               rules: dict) -> bool:
    return word.lower() not in rules["not_qualifiers"] and not rules["not_qualifier_ends"].search(
        word) and not any(n_start < span[1] and span[0] < n_end for n_start, n_end in names)


def _as_qualified(hits: list[SpanHit], rules: dict) -> list[SpanHit]:
    """A paper that names one qualified form of a generic measure ("top-1 accuracy",
    "emotion accuracy") means it by the bare word too ("0.1% higher accuracy"): one
    measure, named whole."""
    qualified: dict[str, set[str]] = {}
    for h in hits:
        words_of = h.label.lower().split()
        for n in (1, 2):
            if len(words_of) > n and name_key(" ".join(words_of[-n:])) in rules["qualifiable"] \
                    and (h.rule == "metric-qualified" or h.rule == "metric-lexicon"):
                qualified.setdefault(name_key(" ".join(words_of[-n:])), set()).add(h.label)
    if not qualified:
        return hits
    out = []
    for h in hits:
        forms = qualified.get(name_key(h.label), ())
        if h.rule == "metric-lexicon" and len(forms) == 1:
            label = next(iter(forms))
            h = SpanHit(h.start, h.end, label, h.rule, h.confidence, lexicon_metric(label))
        out.append(h)
    return out


def _outermost(hits: list[SpanHit]) -> list[SpanHit]:
    """The hits no longer hit holds: "Score" inside "Economic Alignment Score (EAS)"."""
    return [h for h in hits if not any(o.start <= h.start and h.end <= o.end and (
        o.end - o.start > h.end - h.start) for o in hits)]


# "We introduce a metric ReGap", "a new metric, CoS,", "the ReGap metric".
_NAMED_METRIC = cued_compile(r"\b(?:a|an|the|our)\s+(?:(?:new|novel|simple|proposed|unified|"
                             r"principled)\s+)?(?:evaluation\s+)?metric(?:\s+|,\s+(?=[A-Z][\w-]*,))(?:called\s+|named\s+|"
                             r"termed\s+|dubbed\s+)?([A-Z][\w-]*[A-Za-z0-9])|\bthe\s+([A-Z][A-Za-z]*"
                             r"[A-Z][\w-]*)\s+metric\b")
# A noun after a hyphenated measure makes it a modifier ("inference-time steering").
_MODIFIER_AFTER = cued_compile(r"\s+(?!(?:by|of|and|or|to|on|in|is|was|are|were|with|from|while|"
                               r"than|for|at|compared|remains?|drops?)\b)[a-z]")


def named_metrics(text: str) -> list[tuple[int, int]]:
    """Spans of the names a paper calls a metric ("a metric ReGap", "the CoS metric")."""
    if "metric" not in text:
        return []
    return [m.span(1) if m.group(1) else m.span(2) for m in _NAMED_METRIC.finditer(text)]


def names_a_metric(names: list[str]) -> bool:
    """Whether a name found by a rule is a measure: its long form ends in a measure word
    ("Semantic Sufficiency Criterion", "Toll of Seeing Score"). Named metrics are never
    methods, datasets or proposals, even when the paper introduces them.

    >>> names_a_metric(["SSC", "Semantic Sufficiency Criterion"]), names_a_metric(["BiLD"])
    (True, False)
    """
    heads = _rules()["heads"]
    return any(" " in n.strip() and n.split()[-1].lower().rstrip("s") in heads for n in names)


def _case_fits(surface: str, entry: LexiconEntry) -> bool:
    """"map" is no "mAP", "clips" no "CLIP-S": a lower-case word does not stand for a
    name that the lexicon writes with capitals only."""
    key = name_key(surface)
    if any(name_key(n) == key and re.search(r"[a-z][A-Z]", n) and n != surface
           for n in entry.names) and surface not in entry.names:
        return False  # "Map" is no "mAP": a name with inner capitals is written so
    if not surface.islower():
        return True
    names = [n for n in entry.names if name_key(n) in (key, key.rstrip("s"))]
    # Leaderboards write phrases in title case ("Attack Success Rate"): case says
    # nothing there; only a single word or an acronym keeps its capitals.
    return not names or any(n.islower() or not n.isalpha() and n.lower() == n
                            or _TITLE_CASED.fullmatch(n) for n in names)


_TITLE_CASED = cued_compile(r"[A-Z][a-z]+(?:[\s-]+(?:[A-Z][a-z]+|[a-z]+))+")


def _contrast(view: DocText, pos: int, rules: dict) -> bool:
    """"unlike X", "instead of X": a contrast cue in the same clause, before the name."""
    s_start, _ = view.sentence(pos)
    clause = max(s_start, view.text.rfind(",", 0, pos) + 1, pos - rules["contrast_window"])
    return bool(rules["contrast"].search(view.text, clause, pos))


def _measures_result(view: DocText, span: TypedSpan, rules: dict) -> bool:
    """A generic measure counts next to a number or a result verb in its sentence; with
    no number, not in the field's background, before the paper speaks of its own work
    ("X often suffer from limited accuracy", "are applied to ..., improving accuracy")."""
    s_start, s_end = view.sentence(span.start)
    reach = rules["near"]
    near = view.text[max(s_start, span.start - reach):min(s_end, span.end + reach)]
    if _NUMBER.search(near):
        return True
    if view.abstract_start <= s_start and s_end <= rules.get("own_from", len(view.text)) \
            < len(view.text):
        return False
    return bool(rules["result_cues"].search(view.text, s_start, s_end))


# Where a paper speaks of its own work: "we", "our", "this paper".
_OWN_VOICE = cued_compile(r"\b(?:we|our|ours|us|this\s+(?:paper|work|study|report))\b", re.I)


def _own_from(view: DocText, proposed: Sequence[int]) -> int:
    """Where the abstract first speaks of the paper's own work: the sentence of its
    first "we"/"our"/"this paper", or of its first own name; the text's end when it
    never does (then nothing is background)."""
    m = _OWN_VOICE.search(view.text, view.abstract_start)
    own = m.start() if m else len(view.text)
    named = [view.sentence(p)[0] for p in proposed if p >= view.abstract_start]
    return min([view.sentence(own)[0] if own < len(view.text) else own, *named])


def _absolute_value_near(view: DocText, span: TypedSpan, names: list[tuple[int, int]],
                         rules: dict) -> bool:
    """A cost measure (latency, time, memory) counts with a value of its own near it:
    "1.6 ms latency", "FPS from 533 to 2364", "FLOPs to 16.7%", not "2x lower latency",
    "reduces time by 50%" or a latency only spoken of."""
    s_start, s_end = view.sentence(span.start)
    reach = rules["near"]
    lo, hi = max(s_start, span.start - reach), min(s_end, span.end + reach)
    text = view.text
    for m in _NUMBER.finditer(text, lo, hi):
        if _FACTOR_AFTER.match(text, m.end()) or rules["changed_after"].match(
                text, m.end()) or any(n_start <= m.start() < n_end for n_start, n_end in names):
            continue  # a factor ("2x"), a version ("RoboBrain 2.5")
        before = text[max(s_start, m.start() - 20):m.start()]
        if rules["relative_before"].search(before) or re.search(r"\d\s?[-–]\s?$|[+±]\s?$",
                                                                before):
            continue  # "by 50%", "up to 40", "by 10-30%", "+17.3%"
        return True
    return False


# The word right before a measure: "full precision", "4-bit precision" (numbers' precision).
_WORD_BEFORE = cued_compile(r"([\w-]+)\s+$")
_BITS = cued_compile(r"(?:\d+|[a-z]+)-bits?", re.I)


def _of_something_else(text: str, start: int, end: int, rules: dict) -> bool:
    """A generic measure word that the word before makes another thing: the precision of
    numbers ("full precision", "4-bit precision", "eight-bit precision"), a task
    ("associative recall")."""
    m = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if m is None:
        return False
    measure, before = text[start:end].lower(), m.group(1).lower()
    return (measure, before) in rules["not_after"] or measure == "precision" and bool(
        _BITS.fullmatch(before))


_SPEEDUP = cued_compile(r"\bspeed-?ups?\b", re.I)


def _rate_changed(view: DocText, span: TypedSpan, rules: dict) -> bool:
    """A named rate (latency, throughput) the paper trades or keeps, though without a
    value: "negligible additional latency", "the best AP and latency trade-off", "latency
    remains constant" — the guidelines' named measure the paper evaluates with, counted
    even without a number; not one it only lowers or raises ("reduces inference latency",
    "2x latency reductions", "3.1x faster latency"): a speed-up, which is no metric."""
    text = view.text
    s_start, s_end = view.sentence(span.start)
    if _SPEEDUP.search(text, s_start, s_end):
        return False  # "lowers latency, a 1.4x speedup": the speed-up is what is reported
    if rules["rate_background"].search(text, s_start, s_end):
        return False  # "caching holds promise for reducing latency": the problem, not a result
    clause = max(s_start, text.rfind(",", 0, span.start) + 1)
    return bool(rules["rate_change_before"].search(text[max(clause, span.start - 60):span.start])
                or rules["rate_change_after"].match(text, span.end))


# "2x", "4.5-7.7x", "1.6–10×": a factor, also as a range.
_FACTOR_AFTER = cued_compile(r"(?:\s?[-–~]\s?\d+(?:\.\d+)?)?\s?(?:x|×|\\?times)(?!\w)")


# "It evaluates Prompt Keeping, Detail Holding, Realism, and Edit Purpose":
# an evaluation verb and a list of three or more capitalised items, the dimensions the
# paper scores on.
_TITLED_ITEM = r"[A-Z][a-z]+(?:[\s-][A-Z][a-z]+){0,2}"
_EVALUATES_TITLED = cued_compile(r"\b(?:evaluates?|assess(?:es)?|measures?|scores?|rates?)\s+("
                                 + _TITLED_ITEM + r"(?:,\s+" + _TITLED_ITEM + r"){1,5},?\s+and\s+"
                                 + _TITLED_ITEM + r")\b")


def _evaluated_dimensions(view: DocText, m: re.Match, names: list[tuple[int, int]],
                          rules: dict) -> list[SpanHit]:
    """The capitalised items an evaluation verb lists, as named metrics; none when one
    of them is a model's or dataset's name ("evaluates GPT-4o, Claude, and Gemini")."""
    start, end = m.span(1)
    if any(n_start < end and start < n_end for n_start, n_end in names):
        return []
    hits = []
    for item in re.finditer(_TITLED_ITEM, view.text[start:end]):
        if item.group() in ("And", "The"):
            continue
        entry = lexicon_metric(item.group())
        hits.append(SpanHit(start + item.start(), start + item.end(),
                            metric_label(entry.label if entry else item.group()),
                            "metric-listed", rules["listed"], entry))
    return hits


def _listed(view: DocText, pos: int, rules: dict) -> list[SpanHit]:
    """The measures named right after "three novel metrics" / "measures of": quoted
    names, or a list of up to three-word items (vague quality words left out)."""
    text = view.text
    _, s_end = view.sentence(pos)
    window = text[pos:min(s_end, pos + 160)]
    quoted = list(_QUOTED.finditer(window))
    if quoted:
        return [SpanHit(pos + q.start(1), pos + q.end(1), metric_label(q.group(1)),
                          "metric-listed", rules["listed"]) for q in quoted[:4]
                if name_key(q.group(1)) not in rules["vague"]]
    hits, at = [], 0
    # "... metrics for systematically assessing X, Y", "of the form X": the items follow.
    window = re.sub(r"^\s*(?:of\s+the\s+\w+|,?\s*for\s+(?:\w+ly\s+)?(?:assessing|measuring|"
                    r"evaluating|quantifying|capturing))\s*", lambda m: " " * len(m.group()),
                    window)
    while len(hits) < 5:
        m = _ITEM.match(window, at)
        if m is None or m.end() == at:
            break
        name = m.group(1)
        words_of = name.lower().split()
        if words_of[-1] in rules["systems"]:
            break  # "measures, including LLM-as-a-judge ones": systems, not measures
        # A quality word the paper names as one of its measures ("Temporal Consistency",
        # capitalised) is a named metric; written plainly ("visual quality") it is vague.
        titled = all(w[:1].isupper() for w in name.split())
        if titled or name_key(name) not in rules["vague"] and not (
                words_of[0] in _QUALITY_OF and name_key(" ".join(words_of[1:])) in rules["vague"]):
            entry = lexicon_metric(name)
            hits.append(SpanHit(pos + m.start(1), pos + m.end(1),
                                  metric_label(entry.label if entry else name), "metric-listed",
                                  rules["listed"], entry))
        at = m.end()
    return hits


class MetricTagger:
    """``kg_metric_tagger_v1``: the metrics :func:`find_metrics` reads, as ``metric``
    candidates; a name another rule found that :func:`names_a_metric` ("the Semantic
    Sufficiency Criterion (SSC)") is re-typed: a measure is no method nor a proposal."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        _rules()

    def __call__(self, doc: Doc) -> Doc:
        findings = findings_of(doc)
        called = named_metrics(findings.text)
        for cand in list(findings.live):
            if cand.entry is None and cand.is_name and (names_a_metric(
                    [cand.surface, *cand.aliases]) or (cand.start, cand.end) in called):
                findings.retype(cand, "metric", "a measure, not a name (metric tagger)")
        proposed = [c.start for c in findings.with_role("proposed")]
        for hit in find_metrics(findings.doc_text, findings.live, findings.definitions,
                                proposed):
            if hit.rule in ("metric-value-acronym", "metric-named-score"):
                for cand in findings.overlapping(hit.start, hit.end):
                    if cand.entry is None and cand.type == "method":
                        findings.drop(cand, "the name of a measure (metric tagger)")
            if hit.rule == "metric-listed":
                # "metrics, including DINO-v2, ArcFace and CLIP": the list says these
                # names are measures here, whatever else they name (a metric is never a
                # method); the name's other uses in the paper keep their type.
                for cand in findings.overlapping(hit.start, hit.end):
                    if (cand.start, cand.end) == (hit.start, hit.end) and cand.type in (
                            "method", "dataset") and not cand.family:
                        findings.drop(cand, "a listed measure (metric tagger)")
            findings.add(hit.candidate("metric", findings.text))
        return doc
