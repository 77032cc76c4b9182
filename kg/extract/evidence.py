"""Evidence records: a span of the paper's title or abstract, its sentence and rule."""

from __future__ import annotations

from kg.extract.records import DocText
from kg.model import Evidence, Paper

__all__ = ["make_evidence"]


def make_evidence(paper: Paper, doc_text: DocText, start: int, end: int, rule: str,
                  confidence: float, sentences: dict | None = None) -> Evidence:
    """Evidence for ``start:end`` of the text ``make_doc`` built (title, blank, abstract),
    with offsets into the field it falls in. ``sentences`` caches one string per
    sentence, shared by the mentions in it."""
    in_title = start < doc_text.title_end
    field, base = ("title", 0) if in_title else ("abstract", doc_text.abstract_start)
    bounds = doc_text.sentence(start)
    sentence = sentences.get(bounds) if sentences is not None else None
    if sentence is None:
        sentence = doc_text.text[bounds[0]:bounds[1]].strip()
        if sentences is not None:
            sentences[bounds] = sentence
    source = paper.title if in_title else paper.abstract
    return Evidence(field=field, start=start - base, end=end - base,
                    text=source[start - base:end - base],
                    sentence=sentence, rule=rule,
                    confidence=round(float(confidence), 3))
