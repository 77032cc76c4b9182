"""Token offsets read from spaCy arrays, and a tokenizer copy for matcher patterns."""

from __future__ import annotations

import weakref

from spacy.attrs import IDX, LENGTH, SHAPE
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

__all__ = ["token_offsets", "pattern_tokenizer", "match_offsets"]


def token_offsets(doc: Doc) -> tuple[list[int], list[int], list[int]]:
    """Start and end character offsets and shape ids of every token (three lists),
    read from arrays so that no Token object is created."""
    cached = doc.user_data.get("kg_offsets")
    if cached is None:
        array = doc.to_array([IDX, LENGTH, SHAPE])
        starts = array[:, 0].tolist()
        ends = (array[:, 0] + array[:, 1]).tolist()
        cached = doc.user_data["kg_offsets"] = (starts, ends, array[:, 2].tolist())
    return cached


def match_offsets(doc: Doc, matches) -> list[tuple[str, int, int]]:
    """(match label, start char, end char) of spaCy matcher results."""
    if not matches:
        return []
    starts, ends, _ = token_offsets(doc)
    strings = doc.vocab.strings
    return [(strings[match_id], starts[s], ends[e - 1]) for match_id, s, e in matches]


def pattern_tokenizer(nlp: Language) -> Tokenizer:
    """A copy of the tokenizer for matcher patterns, one per pipeline (the components
    share it: each copy loads every special case again).

    Tokenizing tens of thousands of names through ``nlp.tokenizer`` fills its
    cache and makes every later call several times slower; a copy sharing the
    vocab keeps the real tokenizer's cache for the papers.
    """
    t = nlp.tokenizer
    tokenizer, copy = _PATTERN_TOKENIZERS.get(nlp, (None, None))
    if tokenizer is not t:
        copy = Tokenizer(nlp.vocab, rules=t.rules, prefix_search=t.prefix_search,
                         suffix_search=t.suffix_search, infix_finditer=t.infix_finditer,
                         token_match=t.token_match, url_match=t.url_match)
        _PATTERN_TOKENIZERS[nlp] = (t, copy)
    return copy


# pipeline -> (its tokenizer, the pattern copy of it); gone with the pipeline
_PATTERN_TOKENIZERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
