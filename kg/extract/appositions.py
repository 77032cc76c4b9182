"""``kg_appositions_v1``: a name the paper gives its own work in apposition.

"We realise this idea with ZORB-VLA, a dual-encoder architecture ...",
"Using it, we construct QuillSet-10K, a synthetic question answering dataset",
"We present aria, a dependency-free runtime": in a sentence whose subject is the
paper ("we", "this paper") and whose verb introduces something (``propose_verbs``,
``introduction_verbs``), a name no lexicon knows followed by ", a/an ... <class
noun>" is the paper's own, typed by that noun.
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.context import context_typer, known_names
from kg.extract.cued import cued_compile
from kg.extract.records import Candidate, Findings, findings_of
from kg.extract.rules import alternation, confidence, word_set, words
from kg.extract.shapes import is_shaped, not_a_name

__all__ = ["AppositionFinder"]

_WORD_BEFORE = cued_compile(r"([\w-]+)[\s:]+$")
_DETERMINER_END = cued_compile(r"\b(?:the|a|an|our|its|their|this)\s+$", re.I)
# "...: in the Reason Phase, an MLLM forms ...": a name after the preposition that opens
# a clause is the object of a fronted phrase; what follows its comma is the clause, not an
# apposition ("we instantiate it in QuillMind, a ..." is one).
_PREPOSITION_END = cued_compile(
    r"(?:^|[:;])\s*(?:in|on|at|during|for|from|under|within|after|before)\s+"
    r"(?:the\s+|its\s+|our\s+)?$", re.I)

# The name before ", a/an": a shaped word, up to four capitalised words, or one
# lower-case coined word.
_NAME_BEFORE = cued_compile(
    r"(?:(?<![\w-])((?:[A-Z\u0391-\u03a9][\w\u0370-\u03ff.+-]*\s+){0,3}"
    r"[A-Za-z0-9\u0370-\u03ff][\w\u0370-\u03ff.+-]*))\s*$")


# "two guards, Quiet Wardens and Loud Keepers, that ...": a plural noun right after the
# verb's object words, then a list of two or more capitalised names.
_WORD = r"[A-Z\u0391-\u03a9][\w\u0370-\u03ff.+-]*"
_NAME = rf"{_WORD}(?:\s+{_WORD}){{0,3}}"
# One name after a class noun: "a robotics benchmark, QuillBench, designed to ...", also
# after a comma between the article's first adjectives ("a novel, training-free encoding, X").
_NAMED_LIST = cued_compile(
    rf"\s+(?:(?:an?|the|our)\s+[\w-]+,\s+)?(?:[\w-]+\s+){{0,4}}?([a-z][\w-]*),\s+({_NAME}(?:(?:,\s+{_NAME})*,?\s+and\s+{_NAME})?)"
    r"(?=\s*[,;:(]|\.(?:\s|$)|\s+(?:that|which|to|for|with|[a-z]+ed)\b)")
_COMMA_CAPITAL = cued_compile(r",\s+[A-Z\u0391-\u03a9]")
_LIST_SPLIT = cued_compile(r",\s+and\s+|,\s+|\s+and\s+")


class AppositionFinder:
    """Proposes the names that a "we" sentence puts in apposition to a class noun."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.known = known_names()
        self.stop = word_set("stop_names", lower=False)
        self.stop_lower = word_set("stop_names")
        self.common = word_set("common_capitalised", lower=False)
        self.typer = context_typer()
        # Where an apposition's class noun may be: any ", a/an ... <noun>" in the text.
        self.apposition = cued_compile(self.typer.apposition.pattern, re.I)
        self.subject = cued_compile(r"\b(?:" + alternation(words("own_subjects")) + r")\b", re.I)
        # The verb after the subject introduces something new ("we instantiate ... with
        # X"), it does not use a thing that exists ("we fine-tune X, a ... model").
        self.introduces = cued_compile(r"\b(?:" + alternation(
            words("propose_verbs") + words("introduction_verbs")) + r")(?![\w-])", re.I)
        self.not_own = cued_compile(
            r"\b(?:" + alternation(words("comparison_cues") + words("example_cues")
                                   + words("contrast_cues")) + r")(?![\w-])", re.I)
        # "we extend QuillMark, a recent annotation pipeline, ...": someone else's work.
        self.prior = cued_compile(
            r"\b(?:" + alternation(words("others_work_adjectives")) + r")(?![\w-])", re.I)
        self.conf = confidence("apposition")

    def __call__(self, doc: Doc) -> Doc:
        state = findings_of(doc)
        text = state.text
        if not self.subject.search(text, state.abstract_start):
            return doc
        for m in self.apposition.finditer(text, state.abstract_start):
            s_start, _ = state.sentence(m.start())
            name_end = m.start()
            if text[name_end - 1] == ")":  # "X (huggingface.co/x), a ...": X
                opening = text.rfind("(", s_start, name_end)
                if opening == -1:
                    continue
                name_end = len(text[:opening].rstrip())
            name = _NAME_BEFORE.search(text, s_start, name_end)
            if name is None:
                continue
            start, end = self.trim(text, name.start(1), name.end(1))
            if start is None:
                continue
            before = text[s_start:start]
            subjects = list(self.subject.finditer(before))
            subject = subjects[-1] if subjects else None
            if subject is None or self.not_own.search(before, subject.end()) or \
                    not self.introduces.search(before, subject.end()):
                continue  # not the paper's own new thing, or a compared or quoted example
            if _PREPOSITION_END.search(before):
                continue
            word = text[start:end]
            if word[0].islower() and not is_shaped(word):
                # A coined lower-case name is the verb's object itself ("we present aria,
                # a ..."); after other words it is a common noun ("garment features, a").
                verb = list(self.introduces.finditer(before, subject.end()))[-1]
                if before[verb.end():].strip() or _DETERMINER_END.search(before, 0, verb.start()):
                    continue  # "garment features, a", "the design principles, the"
            if self.prior.search(text, m.start(), m.end()):
                continue  # ", a recent / an existing ... pipeline": prior work, reused
            kind = self.typer.apposition_type(text, m.start(), m.end()) or "method"
            self.propose(state, start, end, kind)
        self.named_lists(state)
        return doc

    def named_lists(self, state: Findings) -> None:
        """"We propose two harnesses, Quiet Wardens and Loud Keepers, ...", "we introduce a
        robotics benchmark, QuillBench, designed to ...": the names a "we" sentence puts
        right after the noun its verb introduces (a list after a plural, one name after a
        class noun)."""
        text = state.text
        # Driven by the few ", Capital" places; a "we" subject and its verb before each.
        done: set[int] = set()
        for comma in _COMMA_CAPITAL.finditer(text, state.abstract_start):
            s_start, s_end = state.sentence(comma.start())
            subject = self.subject.search(text, max(s_start, comma.start() - 130), comma.start())
            if subject is None:
                continue
            verb = self.introduces.search(text, subject.end(),
                                          min(comma.start(), subject.end() + 45))
            if verb is None or verb.start() - subject.end() > 30 or verb.end() in done or \
                    self.not_own.search(text, subject.end(), verb.start()):
                continue
            done.add(verb.end())
            m = _NAMED_LIST.match(text, verb.end(), s_end)
            if m is None:
                continue
            parts = _LIST_SPLIT.split(m.group(2))
            noun_kind = self.typer.noun_type(m.group(1))
            if len(parts) == 1 and noun_kind is None or len(parts) > 1 and \
                    not m.group(1).endswith("s"):
                continue  # one name needs a class noun; a list, a plural noun
            kind = noun_kind or "method"
            position = m.start(2)
            for part in parts:
                start = text.index(part, position)
                position = start + len(part)
                trimmed = self.trim(text, start, position)
                if trimmed[0] is not None:
                    self.propose(state, trimmed[0], trimmed[1], kind)

    def trim(self, text: str, start: int, end: int) -> tuple[int | None, int]:
        """The name itself: leading capitalised words that are no part of it dropped
        ("Using QuillSet" -> "QuillSet"); None when nothing name-like is left."""
        words_ = text[start:end].split()
        while words_ and (words_[0] in self.common or words_[0] in self.stop):
            start = text.index(words_[0], start) + len(words_[0])
            words_ = words_[1:]
            while start < end and text[start].isspace():
                start += 1
        if not words_:
            return None, end
        before = _WORD_BEFORE.search(text, max(0, start - 40), start)
        if before and before.group(1)[:1].isupper() and before.end() == start:
            return None, end  # the end of a longer capitalised name ("... Using X Y")
        name = " ".join(words_)
        if len(words_) == 1:
            word = words_[0]
            if word.lower() in STOP_WORDS or word.lower() in self.stop_lower or len(word) < 3:
                return None, end
            if not (is_shaped(word) or word[0].isupper() or word.isalpha()):
                return None, end
            if not_a_name(word) and not word.isalpha():
                return None, end
        elif not all(w[0].isupper() or w[0].isdigit() for w in words_):
            return None, end
        if name in self.known:
            return None, end  # "we fine-tune BERT, a strong model": a use, not a proposal
        return start, end

    def propose(self, state: Findings, start: int, end: int, kind: str) -> None:
        same = [c for c in state.overlapping(start, end) if c.start == start and c.end == end]
        if any(c.type == "negative" or c.family for c in same):
            return  # a family is never the paper's own ("the variational SSM (VSSM), a ...")
        if same:
            if same[0].type == kind:
                state.claim(same[0], "proposed", "apposition", self.conf)
            return
        if state.overlapping(start, end):
            return
        name = state.text[start:end]
        cand = state.add(Candidate(start, end, kind, name, "apposition", self.conf,
                                   surface=name))
        state.claim(cand, "proposed", "apposition", self.conf)
