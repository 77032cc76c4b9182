"""Every spaCy factory of papers-kg is registered here, and only here.

Names carry a version (``_v1``): a change of behaviour gets a new name.
"""

from __future__ import annotations

from spacy.language import Language

from kg.extract.acronyms import AcronymFinder
from kg.extract.lexicon_matcher import LexiconMatcher
from kg.extract.modalities import ModalityTagger
from kg.extract.names import NameFinder
from kg.extract.roles import RoleTagger
from kg.extract.spans import SpanWriter
from kg.extract.taggers import MetricTagger, ResultFinder, TaskTagger


@Language.factory("kg_lexicon_matcher_v1", assigns=["doc._.kg"])
def make_lexicon_matcher(nlp: Language, name: str) -> LexiconMatcher:
    return LexiconMatcher(nlp, name)


@Language.factory("kg_acronym_finder_v1", assigns=["doc._.kg"])
def make_acronym_finder(nlp: Language, name: str) -> AcronymFinder:
    return AcronymFinder(nlp, name)


@Language.factory("kg_name_finder_v1", assigns=["doc._.kg"])
def make_name_finder(nlp: Language, name: str) -> NameFinder:
    return NameFinder(nlp, name)


@Language.factory("kg_role_tagger_v1", assigns=["doc._.kg"])
def make_role_tagger(nlp: Language, name: str) -> RoleTagger:
    return RoleTagger(nlp, name)


@Language.factory("kg_modality_tagger_v1", assigns=["doc._.kg"])
def make_modality_tagger(nlp: Language, name: str) -> ModalityTagger:
    return ModalityTagger(nlp, name)


@Language.factory("kg_task_tagger_v1", assigns=["doc._.kg"])
def make_task_tagger(nlp: Language, name: str) -> TaskTagger:
    return TaskTagger(nlp, name)


@Language.factory("kg_metric_tagger_v1", assigns=["doc._.kg"])
def make_metric_tagger(nlp: Language, name: str) -> MetricTagger:
    return MetricTagger(nlp, name)


@Language.factory("kg_result_finder_v1", assigns=["doc._.kg"])
def make_result_finder(nlp: Language, name: str) -> ResultFinder:
    return ResultFinder(nlp, name)


@Language.factory("kg_span_writer_v1", assigns=["doc.spans"])
def make_span_writer(nlp: Language, name: str) -> SpanWriter:
    return SpanWriter(nlp, name)
