"""Thin spaCy adapters for the task, metric and result rules (pure functions in
``kg/extract/tasks.py``, ``metrics.py`` and ``results.py``); registered in ``factories.py``."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.metrics import find_metrics, names_a_metric
from kg.extract.results import find_results
from kg.extract.state import Cand, DocState
from kg.extract.tasks import Span, TextView, find_tasks

_DIGIT = re.compile(r"\d")


def text_view(state: DocState) -> TextView:
    return TextView(state.text, state.title_end, state.abstract_start, tuple(state.sent_starts))


def typed_spans(state: DocState) -> list[Span]:
    return [Span(c.start, c.end, c.type, c.label, c.entry, frozenset(c.roles), c.family)
            for c in state.cands]


class TaskTagger:
    """``kg_task_tagger_v1``: task candidates (type ``task``) from :func:`find_tasks`."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        state = DocState.of(doc)
        for hit in find_tasks(text_view(state), typed_spans(state)):
            state.cands.append(Cand(hit.start, hit.end, "task", hit.label, hit.rule,
                                    hit.confidence, hit.entry,
                                    surface=state.text[hit.start:hit.end]))
        return doc


class MetricTagger:
    """``kg_metric_tagger_v1``: metric candidates (type ``metric``) from :func:`find_metrics`."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        state = DocState.of(doc)
        for cand in state.cands:
            # "the Semantic Sufficiency Criterion (SSC)": a measure the paper defines is no
            # method nor a proposal of it, whatever rule first named it.
            if cand.entry is None and cand.type in ("method", "dataset") and names_a_metric(
                    [cand.surface, *cand.aliases]):
                cand.type = "metric"
                cand.roles -= {"proposed", "baseline"}
        for hit in find_metrics(text_view(state), typed_spans(state), state.untyped):
            state.cands.append(Cand(hit.start, hit.end, "metric", hit.label, hit.rule,
                                    hit.confidence, hit.entry,
                                    surface=state.text[hit.start:hit.end]))
        return doc


class ResultFinder:
    """``kg_result_finder_v1``: the results :func:`find_results` reads, kept on the state;
    a metric only a unit implies ("1.6 ms": Latency) becomes a metric candidate."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        state = DocState.of(doc)
        if not _DIGIT.search(state.text, state.abstract_start):
            return doc
        own = [c.label for c in state.cands if "proposed" in c.roles]
        state.results = find_results(text_view(state), typed_spans(state), own)
        for hit in state.results:
            if hit.metric_span is None:
                state.cands.append(Cand(hit.start, hit.end, "metric", hit.metric,
                                        "metric-unit", 0.6, surface=state.text[hit.start:hit.end]))
        return doc
