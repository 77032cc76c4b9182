"""Build the spaCy pipeline once and turn papers into `Extraction` records."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import kg.extract.factories  # noqa: F401  (registers the kg_* factories)
from kg.extract.components import MENTIONS, MODALITIES
from kg.model import Evidence, Extraction, Mention, Paper

__all__ = ["build_pipeline", "extract", "EXTRACTOR_VERSION"]

EXTRACTOR_VERSION = "kg-extract/0.1"
# Title and abstract are read as one text; the separator keeps sentences apart.
SEPARATOR = "\n\n"


@cache
def build_pipeline() -> Language:
    """``spacy.blank("en")`` plus a sentencizer and the kg components."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kg_lexicon_matcher_v1")
    nlp.add_pipe("kg_modality_tagger_v1")
    nlp.add_pipe("kg_role_tagger_v1")
    return nlp


def make_doc(nlp: Language, paper: Paper) -> Doc:
    doc = nlp.make_doc(paper.title + SEPARATOR + paper.abstract)
    doc.user_data["title_end"] = len(paper.title)
    # The abstract always starts a new sentence, even after a title with no full stop.
    first = doc.char_span(len(paper.title) + len(SEPARATOR), len(doc.text), alignment_mode="expand")
    if first is not None and len(first):
        first[0].is_sent_start = True
    return doc


def extract(papers: Iterable[Paper], nlp: Language | None = None,
            batch_size: int = 64) -> Iterator[Extraction]:
    """Yield one `Extraction` per paper, in input order."""
    nlp = nlp or build_pipeline()
    papers = list(papers)
    docs = (make_doc(nlp, p) for p in papers)
    for paper, doc in zip(papers, nlp.pipe(docs, batch_size=batch_size), strict=True):
        yield doc_to_extraction(paper, doc)


def doc_to_extraction(paper: Paper, doc: Doc) -> Extraction:
    title_end = len(paper.title)
    offset = title_end + len(SEPARATOR)
    mentions = []
    for span in [*doc.spans[MENTIONS], *doc.spans[MODALITIES]]:
        in_title = span.start_char < title_end
        field, base = ("title", 0) if in_title else ("abstract", offset)
        sentence = span.sent.text.strip() if not in_title else paper.title
        evidence = Evidence(
            field=field,
            start=span.start_char - base,
            end=span.end_char - base,
            text=span.text,
            sentence=sentence,
            rule=span._.kg_rule or "lexicon",
            confidence=float(span._.kg_confidence or 0.5),
        )
        mentions.append(Mention(
            label=span.kb_id_ or span.text,
            type=span.label_,
            evidence=evidence,
            roles=tuple(span._.kg_roles or ("uses",)),
        ))
    return Extraction(paper_id=paper.id, mentions=tuple(mentions))
