"""Every spaCy factory of papers-kg is registered here, and only here."""

from __future__ import annotations

from spacy.language import Language

from kg.extract.components import LexiconMatcher, ModalityTagger, RoleTagger


@Language.factory("kg_lexicon_matcher_v1", assigns=["doc.spans"])
def make_lexicon_matcher(nlp: Language, name: str) -> LexiconMatcher:
    return LexiconMatcher(nlp, name)


@Language.factory("kg_role_tagger_v1", assigns=["doc.spans"], requires=["doc.sents"])
def make_role_tagger(nlp: Language, name: str) -> RoleTagger:
    return RoleTagger(nlp, name)


@Language.factory("kg_modality_tagger_v1", assigns=["doc.spans"])
def make_modality_tagger(nlp: Language, name: str) -> ModalityTagger:
    return ModalityTagger(nlp, name)
