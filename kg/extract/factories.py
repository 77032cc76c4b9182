"""Every spaCy factory of papers-kg is registered here, and only here.

Names carry a version (``_v1``): a change of behaviour gets a new name. Adding a
rule family is one module with its component class and one registration here
(plus its place in :data:`kg.extract.pipeline.COMPONENTS`). Every component reads
and adds records of :class:`kg.extract.records.Findings` (``doc.user_data["kg"]``).
"""

from __future__ import annotations

import spacy
from spacy.language import Language

from kg.extract.acronyms import AcronymFinder
from kg.extract.appositions import AppositionFinder
from kg.extract.comparisons import ComparisonTagger
from kg.extract.decisions import TypeDecider
from kg.extract.lexicon_matcher import LexiconMatcher
from kg.extract.lists import ColonListFinder, ListItemTyper
from kg.extract.metrics import MetricTagger
from kg.extract.modalities import ModalityTagger
from kg.extract.own_parts import OwnPartFinder
from kg.extract.phrases import CapitalisedPhraseFinder
from kg.extract.proposals import ProposalFinder
from kg.extract.results import ResultFinder
from kg.extract.shaped_names import CoinedNameTyper, ShapedNameFinder
from kg.extract.spans import SpanWriter
from kg.extract.tasks import TaskTagger
from kg.extract.title_names import TitleNamer
from kg.extract.variants import NameVariants

# Every component reads and adds to the Findings log in doc.user_data["kg"].
FINDINGS = "doc.user_data"


@spacy.registry.tokenizers("kg_tokenizer_v1")
def make_kg_tokenizer():
    """The tokenizer of :func:`kg.extract.pipeline.make_tokenizer`."""
    from kg.extract.pipeline import make_tokenizer

    return make_tokenizer


@Language.factory("kg_lexicon_matcher_v1", assigns=[FINDINGS])
def make_lexicon_matcher(nlp: Language, name: str) -> LexiconMatcher:
    return LexiconMatcher(nlp, name)


@Language.factory("kg_acronym_finder_v1", assigns=[FINDINGS])
def make_acronym_finder(nlp: Language, name: str) -> AcronymFinder:
    return AcronymFinder(nlp, name)


@Language.factory("kg_title_names_v1", assigns=[FINDINGS])
def make_title_namer(nlp: Language, name: str) -> TitleNamer:
    return TitleNamer(nlp, name)


@Language.factory("kg_proposals_v1", assigns=[FINDINGS])
def make_proposal_finder(nlp: Language, name: str) -> ProposalFinder:
    return ProposalFinder(nlp, name)


@Language.factory("kg_appositions_v1", assigns=[FINDINGS])
def make_apposition_finder(nlp: Language, name: str) -> AppositionFinder:
    return AppositionFinder(nlp, name)


@Language.factory("kg_shaped_names_v1", assigns=[FINDINGS])
def make_shaped_name_finder(nlp: Language, name: str) -> ShapedNameFinder:
    return ShapedNameFinder(nlp, name)


@Language.factory("kg_capitalised_phrases_v1", assigns=[FINDINGS])
def make_capitalised_phrase_finder(nlp: Language, name: str) -> CapitalisedPhraseFinder:
    return CapitalisedPhraseFinder(nlp, name)


@Language.factory("kg_colon_lists_v1", assigns=[FINDINGS])
def make_colon_list_finder(nlp: Language, name: str) -> ColonListFinder:
    return ColonListFinder(nlp, name)


@Language.factory("kg_list_items_v1", assigns=[FINDINGS])
def make_list_item_typer(nlp: Language, name: str) -> ListItemTyper:
    return ListItemTyper(nlp, name)


@Language.factory("kg_coined_names_v1", assigns=[FINDINGS])
def make_coined_name_typer(nlp: Language, name: str) -> CoinedNameTyper:
    return CoinedNameTyper(nlp, name)


@Language.factory("kg_name_variants_v1", assigns=[FINDINGS])
def make_name_variants(nlp: Language, name: str) -> NameVariants:
    return NameVariants(nlp, name)


@Language.factory("kg_type_decisions_v1", assigns=[FINDINGS])
def make_type_decider(nlp: Language, name: str) -> TypeDecider:
    return TypeDecider(nlp, name)


@Language.factory("kg_own_parts_v1", assigns=[FINDINGS])
def make_own_part_finder(nlp: Language, name: str) -> OwnPartFinder:
    return OwnPartFinder(nlp, name)


@Language.factory("kg_comparisons_v1", assigns=[FINDINGS])
def make_comparison_tagger(nlp: Language, name: str) -> ComparisonTagger:
    return ComparisonTagger(nlp, name)


@Language.factory("kg_modality_tagger_v1", assigns=[FINDINGS])
def make_modality_tagger(nlp: Language, name: str) -> ModalityTagger:
    return ModalityTagger(nlp, name)


@Language.factory("kg_task_tagger_v1", assigns=[FINDINGS])
def make_task_tagger(nlp: Language, name: str) -> TaskTagger:
    return TaskTagger(nlp, name)


@Language.factory("kg_metric_tagger_v1", assigns=[FINDINGS])
def make_metric_tagger(nlp: Language, name: str) -> MetricTagger:
    return MetricTagger(nlp, name)


@Language.factory("kg_result_finder_v1", assigns=[FINDINGS])
def make_result_finder(nlp: Language, name: str) -> ResultFinder:
    return ResultFinder(nlp, name)


@Language.factory("kg_span_writer_v1", assigns=["doc.spans"])
def make_span_writer(nlp: Language, name: str) -> SpanWriter:
    return SpanWriter(nlp, name)
