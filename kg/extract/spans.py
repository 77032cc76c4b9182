"""``kg_span_writer_v1``: the findings as ``doc.spans``, for people who call ``nlp()``."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.extract.records import findings_of
from kg.extract.tokens import token_offsets

__all__ = ["SpanWriter", "MENTIONS", "MODALITIES"]

MENTIONS = "kg"
MODALITIES = "kg_modalities"


class SpanWriter:
    """Publishes the mentions as ``doc.spans["kg"]`` (label = type, kb_id = canonical
    name) and the modality cues as ``doc.spans["kg_modalities"]``."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        state = findings_of(doc)
        starts, ends, _ = token_offsets(doc)

        def span(start: int, end: int, label: str, kb_id: str) -> Span | None:
            first = bisect_right(starts, start) - 1
            last = bisect_left(ends, end)
            if 0 <= first <= last < len(starts):
                return Span(doc, first, last + 1, label=label, kb_id=kb_id)
            return None

        mentions = [span(c.start, c.end, c.type, c.label) for c in state.mentions()]
        cues = [span(c.start, c.end, "modality", c.label) for c in state.modalities]
        doc.spans[MENTIONS] = [s for s in mentions if s is not None]
        doc.spans[MODALITIES] = [s for s in cues if s is not None]
        return doc
