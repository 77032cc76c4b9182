"""Evidence records: a span of the paper's title or abstract, its sentence and rule.

The rules read title and abstract without markup (:mod:`kg.markup`); evidence points
into the STORED fields: offsets, matched text and sentence are slices of them.
"""

from __future__ import annotations

from kg.extract.records import DocText
from kg.markup import CleanText, clean_markup
from kg.model import Evidence, Paper

__all__ = ["make_evidence", "read_fields"]


def read_fields(paper: Paper) -> tuple[CleanText, CleanText]:
    """Title and abstract as the rules read them, each mapped back to the stored text."""
    return clean_markup(paper.title), clean_markup(paper.abstract)


def make_evidence(paper: Paper, doc_text: DocText, start: int, end: int, rule: str,
                  confidence: float, sentences: dict | None = None) -> Evidence:
    """Evidence for ``start:end`` of the text ``make_doc`` built (title, blank, abstract),
    with offsets into the field it falls in. ``sentences`` caches one string per
    sentence, shared by the mentions in it."""
    in_title = start < doc_text.title_end
    field, base = ("title", 0) if in_title else ("abstract", doc_text.abstract_start)
    title, abstract = doc_text.fields or read_fields(paper)
    source = title if in_title else abstract
    bounds = doc_text.sentence(start)
    sentence = sentences.get(bounds) if sentences is not None else None
    if sentence is None:
        s_start, s_end = source.raw_span(max(bounds[0] - base, 0), bounds[1] - base)
        sentence = source.raw[s_start:s_end].strip()
        if sentences is not None:
            sentences[bounds] = sentence
    raw_start, raw_end = source.raw_span(start - base, end - base)
    return Evidence(field=field, start=raw_start, end=raw_end,
                    text=source.raw[raw_start:raw_end],
                    sentence=sentence, rule=rule,
                    confidence=round(float(confidence), 3))
