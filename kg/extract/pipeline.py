"""Build the spaCy pipeline once and turn papers into `Extraction` records."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import kg.extract.factories  # noqa: F401  (registers the kg_* factories)
from kg.extract.lexicon import plain_key
from kg.extract.spans import candidates
from kg.extract.state import DocState
from kg.model import Evidence, Extraction, Mention, Paper, ResultMention

__all__ = ["build_pipeline", "extract", "extract_one", "link_corpus_names", "EXTRACTOR_VERSION",
           "COMPONENTS"]

EXTRACTOR_VERSION = "kg-extract/0.3"
# Title and abstract are read as one text; the separator keeps sentences apart.
SEPARATOR = "\n\n"
COMPONENTS = (
    "kg_lexicon_matcher_v1",
    "kg_acronym_finder_v1",
    "kg_name_finder_v1",
    "kg_role_tagger_v1",
    "kg_modality_tagger_v1",
    "kg_task_tagger_v1",
    "kg_metric_tagger_v1",
    "kg_result_finder_v1",
    "kg_span_writer_v1",
)


@cache
def build_pipeline() -> Language:
    """``spacy.blank("en")`` plus the kg components (built once per process)."""
    nlp = spacy.blank("en")
    # English rules keep the full stop on "ADE20K." or "mIoU." (one token), so a name
    # at the end of a sentence would not match: split a final stop after a letter/digit.
    suffixes = [*nlp.Defaults.suffixes, r"(?<=[A-Za-z0-9])\."]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
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


def extract(papers: Iterable[Paper], nlp: Language | None = None, batch_size: int = 128,
            progress: Callable[[int], None] | None = None) -> Iterator[Extraction]:
    """Yield one `Extraction` per paper, in input order.

    Two passes: every paper through the spaCy pipeline, then :func:`link_corpus_names`
    (a name one paper proposes or defines is recognised where others merely use it),
    so the first extraction comes once all papers went through the pipeline;
    ``progress(1)`` is called as each paper leaves the first pass.

    >>> from kg.model import Paper
    >>> [e] = extract([Paper("p1", "Tiny: A Test", "We fine-tune BERT on SQuAD.")])
    >>> sorted((m.label, m.type) for m in e.mentions)
    [('BERT', 'method'), ('SQuAD', 'dataset'), ('Tiny', 'method')]
    """
    nlp = nlp or build_pipeline()
    papers = list(papers)
    docs = (make_doc(nlp, p) for p in papers)
    results = []
    # Bulk extraction reads the components' records directly; publishing doc.spans
    # (for people who call nlp() themselves) would only cost time here.
    with nlp.select_pipes(disable=[n for n in ("kg_span_writer_v1",) if n in nlp.pipe_names]):
        for paper, doc in zip(papers, nlp.pipe(docs, batch_size=batch_size), strict=True):
            results.append((doc_to_extraction(paper, doc), unresolved_names(paper, doc)))
            if progress is not None:
                progress(1)
    yield from link_corpus_names(results)


_NAME_SHAPE = re.compile(r"[a-z0-9][A-Z]|[A-Z]{2}|[A-Za-z]-?\d|\d[A-Za-z]|[\u0370-\u03ff]")
# Rules whose names are typed well enough to be recognised in other papers.
CORPUS_RULES = {"title-name", "propose-cue", "naming-cue", "acronym-definition"}


def link_corpus_names(results: list[tuple[Extraction, list]]) -> list[Extraction]:
    """Link words no rule could type to names other papers (or the same one) define.

    "Blorpformer" proposed in one paper's title is a method wherever another
    abstract writes "faster than Blorpformer". Only names found by the defining
    rules (:data:`CORPUS_RULES`) are used, and only single words are looked up.
    """
    known: dict[str, tuple[str, str]] = {}
    for extraction, _ in results:
        for m in extraction.mentions:
            if m.lexicon_id or m.evidence.rule not in CORPUS_RULES or m.type == "modality":
                continue
            for name in (m.label, *m.aliases):
                if " " in name.strip():
                    continue
                if m.evidence.rule != "title-name" and not _NAME_SHAPE.search(name):
                    continue  # a plain word after "we propose" may be an adjective ("Sparse")
                if name.isupper() and len(name) < 4:
                    continue  # three capitals mean too many things across papers
                known.setdefault(plain_key(name), (m.type, m.label))
    linked = []
    for extraction, pending in results:
        extra = []
        for paper, state, start, end, word, compared in pending:
            hit = known.get(plain_key(word))
            if hit is None:
                continue
            kind, label = hit
            evidence = _evidence(paper, state, start, end, "corpus-name", 0.7)
            roles = ("uses", "baseline") if compared and kind == "method" else ("uses",)
            extra.append(Mention(label=label, type=kind, evidence=evidence, roles=roles,
                                 aliases=(word,) if word != label else ()))
        if extra:
            extraction = Extraction(extraction.paper_id, (*extraction.mentions, *extra),
                                    extraction.results)
        linked.append(extraction)
    return linked


def unresolved_names(paper: Paper, doc: Doc) -> list[tuple]:
    """(paper, state, start, end, word, compared?) for the words no rule could type;
    their evidence is only built when the corpus pass links them."""
    state = DocState.of(doc)
    pending = [(paper, state, start, end, word, bool(compared))
               for start, end, word, compared in state.unresolved]
    # Only text and sentence bounds are needed later: let the rest go now.
    state.cands, state.modalities, state.acronyms, state.unresolved = [], [], {}, []
    state.untyped, state.results = [], []
    doc.user_data.clear()
    return pending


def _evidence(paper: Paper, state: DocState, start: int, end: int, rule: str,
              confidence: float, sentences: dict | None = None) -> Evidence:
    in_title = start < state.title_end
    field, base = ("title", 0) if in_title else ("abstract", state.abstract_start)
    bounds = state.sentence(start)
    sentence = sentences.get(bounds) if sentences is not None else None
    if sentence is None:
        sentence = state.text[bounds[0]:bounds[1]].strip()
        if sentences is not None:
            sentences[bounds] = sentence  # one string per sentence, shared by its mentions
    source = paper.title if in_title else paper.abstract
    return Evidence(field=field, start=start - base, end=end - base,
                    text=source[start - base:end - base],
                    sentence=sentence, rule=rule,
                    confidence=round(float(confidence), 3))


def extract_one(paper: Paper) -> Extraction:
    """Extract a single paper (convenience for tests and notebooks)."""
    return next(extract([paper]))


def doc_to_extraction(paper: Paper, doc: Doc) -> Extraction:
    state = DocState.of(doc)
    mentions = []
    cands, modalities = candidates(doc)
    sentences: dict = {}
    by_span: dict = {}
    for cand in [*cands, *modalities]:
        evidence = _evidence(paper, state, cand.start, cand.end, cand.rule, cand.confidence,
                             sentences)
        aliases = []
        for alias in (cand.surface, *cand.aliases):
            if alias and alias != cand.label and alias not in aliases:
                aliases.append(alias)
        lexicon_id = cand.entry.id if cand.entry is not None else None
        roles = ["uses"]
        for role in sorted(r for r in cand.roles if r in ("baseline", "proposed")):
            rule, confidence = cand.role_rules.get(role, (cand.rule, cand.confidence))
            if rule == cand.rule:
                roles.append(role)  # the rule that found the name also gave the role
                continue
            # The role has its own reason ("comparison:outperforms"): its own evidence.
            mentions.append(Mention(
                label=cand.label, type=cand.type, roles=(role,), aliases=tuple(aliases),
                evidence=_evidence(paper, state, cand.start, cand.end, rule, confidence,
                                   sentences),
                lexicon_id=lexicon_id))
        mention = Mention(
            label=cand.label,
            type=cand.type,
            evidence=evidence,
            roles=tuple(roles),
            aliases=tuple(aliases),
            lexicon_id=lexicon_id,
        )
        mentions.append(mention)
        by_span.setdefault((cand.start, cand.end, cand.type, cand.label), mention)
    results = tuple(_result_mentions(paper, state, by_span, sentences))
    return Extraction(paper_id=paper.id, mentions=tuple(mentions), results=results)


def _result_mentions(paper: Paper, state: DocState, by_span: dict, sentences: dict):
    """The result finder's hits as records pointing at the paper's mentions."""
    for hit in state.results:
        metric_span = hit.metric_span or (hit.start, hit.end)
        metric = by_span.get((*metric_span, "metric", hit.metric))
        if metric is None:
            continue
        method = by_span.get((*hit.method_span, "method", hit.method)) if hit.method_span \
            else None
        if hit.method_span and method is None:
            continue  # the name was dropped by a later rule: no result without its system
        dataset = by_span.get((*hit.dataset_span, "dataset", hit.dataset)) \
            if hit.dataset_span else None
        yield ResultMention(
            metric=metric, value=hit.value, number=hit.number,
            evidence=_evidence(paper, state, hit.start, hit.end, hit.rule, hit.confidence,
                               sentences),
            method=method, dataset=dataset, own=hit.own, unit=hit.unit)
