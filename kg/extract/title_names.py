"""``kg_title_names_v1``: the name a title gives the paper's own work.

"Zorblax: Fast Inference for Everyone" proposes Zorblax; a short capitalised
title with a singular method head ("Depth-Gated Transformer") is itself the name.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.acronyms import WORD, schwartz_hearst
from kg.extract.lexicon import name_key
from kg.extract.records import Candidate, Findings, findings_of
from kg.extract.rules import confidence, word_set, words, words_regex
from kg.extract.shapes import attached_modifier, is_shaped, not_a_name

__all__ = ["TitleNamer"]

_BENCHMARKING = re.compile(r"\s*(?:a\s+|an\s+)?benchmarking\b", re.I)


class TitleNamer:
    """Proposes the title's name: the head before ": ", or the whole short title."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.stop = word_set("stop_names", lower=False)
        self.generic_titles = word_set("generic_titles")
        self.nonmethod_heads = word_set("nonmethod_heads")
        self.method_heads = word_set("method_heads")
        self.generic_heads = word_set("generic_heads")
        self.joiners = set(words("title_joiners"))
        self.articles = word_set("articles")
        self.common = word_set("common_capitalised", lower=False)
        self.dataset_right = words_regex(words("dataset_words"))

    def __call__(self, doc: Doc) -> Doc:
        state = findings_of(doc)
        title = state.text[:state.title_end]
        colon = title.find(": ")
        if colon <= 0:
            self.whole_title(state, title)
        else:
            self.head_before_colon(state, title, colon)
        return doc

    def head_before_colon(self, state: Findings, title: str, colon: int) -> None:
        text = state.text
        head = title[:colon].strip()
        words_ = [w for w in head.split() if w not in self.joiners]
        if not words_ or len(words_) > 4 or not all(w[0].isupper() or w[0].isdigit()
                                                    for w in words_):
            return
        if any(w.lower() in self.generic_titles for w in words_):
            return
        if len(words_) > 1 and words_[0].lower().endswith("ing") and not is_shaped(words_[0]):
            return  # "Utilizing BERT for Retrieval: ..." is a sentence, not a name
        last = words_[-1].lower().split("-")[-1]
        if len(words_) > 1 and not any(is_shaped(w) for w in words_) and (
                last in self.nonmethod_heads or words_[0].lower() in self.articles):
            return  # "Brain Captioning: ...", "A Distributional Approach: ..."
        shaped = any(is_shaped(w) and not not_a_name(w) and w not in self.stop for w in words_)
        if not shaped and not (len(words_) == 1 and head.isalpha() and head[0].isupper()):
            key = name_key(head.replace("&", "and"))
            if key not in name_key(text[state.abstract_start:].replace("&", "and")):
                return  # a multi-word head is a name only if the abstract uses it
        rest = title[colon + 1:]
        kind = "dataset" if self.dataset_right.search(rest) or _BENCHMARKING.match(rest) \
            else "method"
        conf = confidence("title-name")
        lexical = [c for c in state.overlapping(0, colon)
                   if c.start == 0 and c.end >= colon and not c.family]
        if lexical and lexical[0].type == "negative":
            return
        if lexical:
            state.claim(lexical[0], "proposed", "title-name", conf)
            return
        spelled = self.spelled_out(head, colon + 1, rest)
        aliases = (text[spelled[0]:spelled[1]],) if spelled else ()
        cand = state.add(Candidate(0, colon, kind, head, "title-name", conf, aliases=aliases,
                                   surface=text[0:colon]), supersedes=True)
        state.claim(cand, "proposed", "title-name", conf)

    @staticmethod
    def spelled_out(head: str, offset: int, rest: str) -> tuple[int, int] | None:
        """"BLD: Big Little Decoder for Speed": the words after the colon that spell the
        head (ending at the word that starts with its last letter, "Decoder"), else
        the longest run of words that spells it."""
        words_ = [(offset + w.start(), offset + w.end(), w.group()) for w in WORD.finditer(rest)]
        last = next((c.lower() for c in reversed(head) if c.isalnum()), "")
        longest = None
        for n in range(2, len(words_) + 1):
            if schwartz_hearst(head, words_[:n]) == 0:
                if words_[n - 1][2][:1].lower() == last:
                    return words_[0][0], words_[n - 1][1]
                longest = (words_[0][0], words_[n - 1][1])
        return longest

    def whole_title(self, state: Findings, title: str) -> None:
        """"Depth-Adaptive Transformer", "Locally Typical Sampling": a short title that is
        itself a capitalised name with a singular method head names the paper's method."""
        words_ = title.split()
        if not 2 <= len(words_) <= 4 or not all(w[:1].isupper() for w in words_):
            return
        if words_[0] in self.common or any(
                w.lower() in self.generic_titles or attached_modifier(w) for w in words_):
            return
        head = words_[-1].lower().split("-")[-1]
        if head not in self.method_heads or head in self.nonmethod_heads or \
                head in self.generic_heads or head.endswith("s") and head[:-1] in self.method_heads:
            return
        end = len(title.rstrip())
        conf = confidence("title-name/whole-title")
        covering = [c for c in state.overlapping(0, end) if c.start == 0 and c.end >= end]
        if any(c.type == "negative" or c.family for c in covering):
            return
        if covering:
            state.claim(covering[0], "proposed", "title-name", conf)
            return
        cand = state.add(Candidate(0, end, "method", title[:end], "title-name", conf,
                                   surface=title[:end]), supersedes=True)
        state.claim(cand, "proposed", "title-name", conf)
