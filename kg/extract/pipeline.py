"""Build the spaCy pipeline once and turn papers into `Extraction` records."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import kg.extract.factories  # noqa: F401  (registers the kg_* factories)
from kg.extract.components import DocState, candidates
from kg.model import Evidence, Extraction, Mention, Paper

__all__ = ["build_pipeline", "extract", "extract_one", "EXTRACTOR_VERSION", "COMPONENTS"]

EXTRACTOR_VERSION = "kg-extract/0.2"
# Title and abstract are read as one text; the separator keeps sentences apart.
SEPARATOR = "\n\n"
COMPONENTS = (
    "kg_lexicon_matcher_v1",
    "kg_acronym_finder_v1",
    "kg_name_finder_v1",
    "kg_role_tagger_v1",
    "kg_modality_tagger_v1",
    "kg_span_writer_v1",
)


@cache
def build_pipeline() -> Language:
    """``spacy.blank("en")`` plus the kg components (built once per process)."""
    nlp = spacy.blank("en")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def make_doc(nlp: Language, paper: Paper) -> Doc:
    text = paper.title + SEPARATOR + paper.abstract
    doc = nlp.make_doc(text)
    doc.user_data["text"] = text
    doc.user_data["title_end"] = len(paper.title)
    doc.user_data["abstract_start"] = len(paper.title) + len(SEPARATOR)
    return doc


def extract(papers: Iterable[Paper], nlp: Language | None = None,
            batch_size: int = 128) -> Iterator[Extraction]:
    """Yield one `Extraction` per paper, in input order.

    >>> from kg.model import Paper
    >>> [e] = extract([Paper("p1", "Tiny: A Test", "We fine-tune BERT on SQuAD.")])
    >>> sorted((m.label, m.type) for m in e.mentions)
    [('BERT', 'method'), ('SQuAD', 'dataset'), ('Tiny', 'method')]
    """
    nlp = nlp or build_pipeline()
    papers = list(papers)
    docs = (make_doc(nlp, p) for p in papers)
    for paper, doc in zip(papers, nlp.pipe(docs, batch_size=batch_size), strict=True):
        yield doc_to_extraction(paper, doc)


def extract_one(paper: Paper) -> Extraction:
    """Extract a single paper (convenience for tests and notebooks)."""
    return next(extract([paper]))


def doc_to_extraction(paper: Paper, doc: Doc) -> Extraction:
    state = DocState.of(doc)
    offset = state.abstract_start
    mentions = []
    cands, modalities = candidates(doc)
    for cand in [*cands, *modalities]:
        in_title = cand.start < state.title_end
        field, base = ("title", 0) if in_title else ("abstract", offset)
        s_start, s_end = state.sentence(cand.start)
        source = paper.title if in_title else paper.abstract
        start, end = cand.start - base, cand.end - base
        evidence = Evidence(
            field=field,
            start=start,
            end=end,
            text=source[start:end],
            sentence=state.text[s_start:s_end].strip(),
            rule=cand.rule,
            confidence=round(float(cand.confidence), 3),
        )
        roles = ["uses"]
        roles += sorted(r for r in cand.roles if r in ("baseline", "proposed"))
        aliases = tuple(dict.fromkeys(a for a in [cand.surface, *cand.aliases]
                                      if a and a != cand.label))
        mentions.append(Mention(
            label=cand.label,
            type=cand.type,
            evidence=evidence,
            roles=tuple(roles),
            aliases=aliases,
            lexicon_id=cand.entry.id if cand.entry is not None else None,
        ))
    return Extraction(paper_id=paper.id, mentions=tuple(mentions))
