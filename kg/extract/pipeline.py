"""Build the spaCy pipeline once and turn papers into `Extraction` records.

The components run in the order of :data:`COMPONENTS`; each reads the records
the earlier ones left in the document's :class:`~kg.extract.records.Findings`
and adds its own:

1. names from the lexicons (methods, families, datasets, negatives);
2. acronym definitions ("Long Form (LF)"), typed and linked;
3. names the paper gives its own work: the title's, then the abstract's
   proposal and naming cues;
4. unknown names typed by their shape and context, capitalised phrases, list
   items after a class word and colon, and the other items of typed lists; then
   the coined-looking words still untyped, as methods;
5. the other versions of the paper's own names (extensions are its own too,
   predecessors are methods); then one decision stage: one type per name in the
   paper, no placeholders;
6. roles: the named parts of the paper's own system, then the methods compared against;
7. modality cues;
8. research tasks, then metrics (a measure another rule named is re-typed), then
   the results the abstract reports (value, metric, system, dataset);
9. (for direct ``nlp()`` callers) the findings as ``doc.spans``.

:func:`doc_to_extraction` reads the findings out as plain `Mention` and
`ResultMention` records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

import kg.extract.factories  # noqa: F401  (registers the kg_* factories)
from kg.collector import without_cycle_collection
from kg.extract.corpus_names import FirstPass, link_corpus_names, pending_links
from kg.extract.evidence import make_evidence, read_fields
from kg.extract.lexicon import ascii_name
from kg.extract.lexicon_matcher import RESOLUTION_RULE
from kg.extract.records import Findings, findings_of
from kg.extract.results import UNNAMED_METRIC_RULE
from kg.extract.version import EXTRACTOR_VERSION
from kg.model import Extraction, Mention, Paper, ResultMention

__all__ = ["build_pipeline", "blank_pipeline", "make_tokenizer", "make_doc", "extract",
           "extract_one", "first_pass", "doc_to_extraction", "findings_to_extraction",
           "EXTRACTOR_VERSION", "COMPONENTS"]

# Title and abstract are read as one text; the separator keeps sentences apart.
SEPARATOR = "\n\n"
# "Answering Dataset(SQuAD)": a bracket glued to a word still opens an acronym or a
# name, so it is split off when a capitalised word follows ("f(x)", "GPT-4V(ision)" stay).
GLUED_BRACKET = r"(?<=[A-Za-z]{2})[(\[](?=[A-Z][\w-])"
COMPONENTS = (
    "kg_lexicon_matcher_v1",
    "kg_acronym_finder_v1",
    "kg_title_names_v1",
    "kg_proposals_v1",
    "kg_appositions_v1",
    "kg_shaped_names_v1",
    "kg_capitalised_phrases_v1",
    "kg_colon_lists_v1",
    "kg_list_items_v1",
    "kg_coined_names_v1",
    "kg_name_variants_v1",
    "kg_type_decisions_v1",
    "kg_own_parts_v1",
    "kg_comparisons_v1",
    "kg_modality_tagger_v1",
    "kg_task_tagger_v1",
    "kg_metric_tagger_v1",
    "kg_result_finder_v1",
    "kg_span_writer_v1",
)
# A modality cue repeats a lot ("text" ten times); three pieces of evidence are plenty.
MAX_MODALITY_EVIDENCE = 3


@cache
def build_pipeline() -> Language:
    """:func:`blank_pipeline` plus the kg components (built once per process)."""
    nlp = blank_pipeline()
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def blank_pipeline() -> Language:
    """``spacy.blank("en")`` with the tokenizer the components expect (no components:
    tests add the one they test)."""
    # The tokenizer is made once with its final rules (kg_tokenizer_v1): setting a rule
    # of a made tokenizer loads its 1,350 special cases again.
    return spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "kg_tokenizer_v1"}}})


def make_tokenizer(nlp: Language) -> Tokenizer:
    """English tokenization, plus: a final stop after a letter or digit is split off
    (English rules keep it on "ADE20K." or "mIoU.", so a name ending a sentence would not
    match), and so is a bracket glued to a word before a capital (:data:`GLUED_BRACKET`)."""
    defaults = nlp.Defaults
    suffixes = [*defaults.suffixes, r"(?<=[A-Za-z0-9])\."]
    infixes = [*defaults.infixes, GLUED_BRACKET]
    return Tokenizer(nlp.vocab, rules=defaults.tokenizer_exceptions,
                     prefix_search=spacy.util.compile_prefix_regex(defaults.prefixes).search,
                     suffix_search=spacy.util.compile_suffix_regex(suffixes).search,
                     infix_finditer=spacy.util.compile_infix_regex(infixes).finditer,
                     token_match=defaults.token_match, url_match=defaults.url_match)


def make_doc(nlp: Language, paper: Paper) -> Doc:
    """The tokenized title and abstract, with the offsets the components need.

    The text is read without LaTeX/HTML markup (:func:`read_fields`); the fields keep
    the map back to the stored title and abstract that evidence is sliced from."""
    title, abstract = fields = read_fields(paper)
    text = title.text + SEPARATOR + abstract.text
    doc = nlp.make_doc(text)
    doc.user_data["text"] = text
    doc.user_data["title_end"] = len(title.text)
    doc.user_data["abstract_start"] = len(title.text) + len(SEPARATOR)
    doc.user_data["fields"] = fields
    return doc


def extract(papers: Iterable[Paper], nlp: Language | None = None, batch_size: int = 128,
            progress: Callable[[int], None] | None = None) -> Iterator[Extraction]:
    """Yield one `Extraction` per paper, in input order.

    Two passes: every paper through the spaCy pipeline (:func:`first_pass`), then
    :func:`~kg.extract.corpus_names.link_corpus_names` (a name one paper proposes or
    defines is recognised where others merely use it), so the first extraction
    comes once all papers went through the pipeline; ``progress(1)`` is called as
    each paper leaves the first pass. The first pass may run in several processes or
    on a Dask cluster (:mod:`kg.extract.parallel`); the results are the same.

    >>> from kg.model import Paper
    >>> [e] = extract([Paper("p1", "Tiny: A Test", "We fine-tune BERT on SQuAD.")])
    >>> sorted((m.label, m.type) for m in e.mentions)
    [('BERT', 'method'), ('SQuAD', 'dataset'), ('Tiny', 'method'), ('text', 'modality')]
    """
    yield from link_corpus_names(first_pass(papers, nlp, batch_size, progress))


def first_pass(papers: Iterable[Paper], nlp: Language | None = None, batch_size: int = 128,
               progress: Callable[[int], None] | None = None) -> list[FirstPass]:
    """Each paper through the spaCy pipeline on its own: its mentions and the words no
    rule could type, as plain picklable records that :func:`link_corpus_names`
    completes. A paper's first pass depends on its title and abstract only, so a build
    caches it by their content (:mod:`kg.cache`)."""
    nlp = nlp or build_pipeline()
    papers = list(papers)
    docs = (make_doc(nlp, p) for p in papers)
    results = []
    # Bulk extraction reads the findings directly; publishing doc.spans (for people
    # who call nlp() themselves) would only cost time here. The pipeline makes no
    # cycles worth collecting, yet each full collection walks every object of the
    # process (the lexicons', spaCy's): paused, as in builds (kg.collector).
    with nlp.select_pipes(disable=[n for n in ("kg_span_writer_v1",) if n in nlp.pipe_names]), \
            without_cycle_collection():
        for paper, doc in zip(papers, nlp.pipe(docs, batch_size=batch_size), strict=True):
            findings = findings_of(doc)
            results.append((doc_to_extraction(paper, doc), pending_links(paper, findings)))
            doc.user_data.clear()  # nothing of the parse is needed later
            if progress is not None:
                progress(1)
    return results


def extract_one(paper: Paper) -> Extraction:
    """Extract a single paper (convenience for tests and notebooks)."""
    return next(extract([paper]))


def doc_to_extraction(paper: Paper, doc: Doc) -> Extraction:
    """The findings of a processed document as plain `Mention` records."""
    return findings_to_extraction(paper, findings_of(doc))


def findings_to_extraction(paper: Paper, findings: Findings) -> Extraction:
    """One `Mention` per surviving name (plus one per role a different rule gave it)
    and per modality cue (at most :data:`MAX_MODALITY_EVIDENCE` of each modality)."""
    doc_text = findings.doc_text
    sentences: dict = {}

    def evidence(start, end, rule, conf):
        return make_evidence(paper, doc_text, start, end, rule, conf, sentences)

    mentions = []
    by_span: dict[tuple[int, int, str, str], Mention] = {}
    for cand in findings.mentions():
        aliases = []
        # An implied family's surface is the name that implies it ("DiT-XL" ->
        # Transformer): never an alias of the family.
        surface = "" if cand.rule == "implied-family" else cand.surface
        # A name with Greek letters also gets its ASCII spelling ("PixArt-α" -> "PixArt-alpha"),
        # as lexicon entries do; an entry's own aliases already hold it.
        spelt = ascii_name(cand.label) if cand.entry is None else ""
        for alias in (surface, *cand.aliases, spelt):
            if alias and alias != cand.label and alias not in aliases:
                aliases.append(alias)
        # "ImageNet-64" keeps the ImageNet entry for the rules but is a dataset of its own.
        lexicon_id = cand.entry.id if cand.entry is not None and \
            cand.rule != RESOLUTION_RULE else None
        # An unnamed score's measure belongs to its result only: no link of the paper.
        roles = [] if cand.rule == UNNAMED_METRIC_RULE else ["uses"]
        claims = findings.roles_of(cand)
        for role in sorted(r for r in claims if r in ("baseline", "proposed")):
            claim = claims[role]
            if claim.rule == cand.rule:
                roles.append(role)  # the rule that found the name also gave the role
                continue
            # The role has its own reason ("comparison:outperforms"): its own evidence.
            mentions.append(Mention(
                label=cand.label, type=cand.type, roles=(role,), aliases=tuple(aliases),
                evidence=evidence(cand.start, cand.end, claim.rule, claim.confidence),
                lexicon_id=lexicon_id))
        mention = Mention(
            label=cand.label, type=cand.type, roles=tuple(roles), aliases=tuple(aliases),
            evidence=evidence(cand.start, cand.end, cand.rule, cand.confidence),
            lexicon_id=lexicon_id)
        mentions.append(mention)
        by_span.setdefault((cand.start, cand.end, cand.type, cand.label), mention)
    per_label: dict[str, int] = {}
    for cue in findings.modalities:
        per_label[cue.label] = per_label.get(cue.label, 0) + 1
        if per_label[cue.label] <= MAX_MODALITY_EVIDENCE:
            mentions.append(Mention(
                label=cue.label, type="modality", roles=("uses",),
                aliases=(cue.surface,) if cue.surface and cue.surface != cue.label else (),
                evidence=evidence(cue.start, cue.end, cue.rule, cue.confidence)))
    return Extraction(paper_id=paper.id, mentions=tuple(mentions),
                      results=tuple(_result_mentions(findings, by_span, evidence)))


def _result_mentions(findings: Findings, by_span: dict, evidence) -> Iterator[ResultMention]:
    """The result finder's hits as records pointing at the paper's own mentions; a hit
    whose method or metric did not survive as a mention is no result."""
    for hit in findings.results:
        metric = by_span.get((*(hit.metric_span or (hit.start, hit.end)), "metric", hit.metric))
        method = by_span.get((*hit.method_span, "method", hit.method)) if hit.method_span \
            else None
        if metric is None or hit.method_span and method is None:
            continue
        dataset = by_span.get((*hit.dataset_span, "dataset", hit.dataset)) \
            if hit.dataset_span else None
        yield ResultMention(
            metric=metric, value=hit.value, number=hit.number,
            evidence=evidence(hit.start, hit.end, hit.rule, hit.confidence),
            method=method, dataset=dataset, own=hit.own, unit=hit.unit)
