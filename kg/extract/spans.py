"""``kg_span_writer_v1`` and the read-out of a processed document's candidates."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.extract.state import MENTIONS, MODALITIES, STATE, Cand, DocState, token_offsets

for _name in ("kg_rule", "kg_confidence", "kg_roles", "kg_aliases"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


class SpanWriter:
    """Publishes the candidates as ``doc.spans`` (label = type, kb_id = canonical name)."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        state = DocState.of(doc)
        spans, modality_spans = [], []
        starts, ends, _ = token_offsets(doc)
        for group, cands in ((spans, state.cands), (modality_spans, state.modalities)):
            for cand in cands:
                if cand.type == "negative":
                    continue
                first = bisect_right(starts, cand.start) - 1
                last = bisect_left(ends, cand.end)
                if 0 <= first <= last < len(starts):
                    group.append(Span(doc, first, last + 1, label=cand.type, kb_id=cand.label))
        doc.spans[MENTIONS] = spans
        doc.spans[MODALITIES] = modality_spans
        return doc


def candidates(doc: Doc) -> tuple[list[Cand], list[Cand]]:
    """The (mentions, modality cues) the components left on ``doc``."""
    state = doc.user_data.get(STATE)
    if state is None:
        return [], []
    mentions, seen = [], set()
    for c in state.cands:
        key = (c.start, c.end, c.label)
        if c.type != "negative" and key not in seen:
            seen.add(key)
            mentions.append(c)
    # A modality cue repeats a lot ("text" ten times); three pieces of evidence are plenty.
    modalities, per_label = [], {}
    for c in state.modalities:
        per_label[c.label] = per_label.get(c.label, 0) + 1
        if per_label[c.label] <= MAX_MODALITY_EVIDENCE:
            modalities.append(c)
    return mentions, modalities


MAX_MODALITY_EVIDENCE = 3
