"""``kg_capitalised_phrases_v1``: capitalised multi-word names typed by their head.

"Gated Transformer blocks" is a method (a method head noun), "the Visual
Commonsense Reasoning benchmark" a dataset (a dataset word follows).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.cued import cued_compile
from kg.extract.records import Candidate, Findings, findings_of
from kg.extract.rules import alternation, confidence, word_set, words, words_regex

__all__ = ["CapitalisedPhraseFinder"]

_CAP_PHRASE = cued_compile(  # a capital first (fast scan), then "not after a word"
    r"[A-Z](?<![\w-][A-Z])[\w]*(?:-[\w]+)*(?:\s+[A-Z][\w]*(?:-[\w]+)*){1,4}(?![\w-])")
_NEXT = cued_compile(r"\s+([\w-]+)")

class CapitalisedPhraseFinder:
    """Capitalised phrases with a method head, and before a dataset word."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.stop = word_set("stop_names", lower=False)
        self.common = word_set("common_capitalised", lower=False)
        self.method_heads = word_set("method_heads")
        self.nonmethod_heads = word_set("nonmethod_heads")
        self.generic_heads = word_set("generic_heads")
        # "attention" alone is no name, "Triplet Attention" is; "Web Agent" stays none.
        self.named_heads = word_set("named_negative_heads")
        self.determiners = set(words("phrase_determiners"))
        self.method_right = words_regex(words("method_words"))
        self.cap_dataset = cued_compile(
            # A capital letter first: the regex engine skips to capitals quickly.
            # "V* Bench", "QuuxEval+ suite": a star or plus may end a word of the name.
            r"([A-Z](?<![\w-][A-Z])[\w'-]*[*+]?(?:\s+[A-Z][\w'-]*[*+]?){0,4})\s+(?i:"
            + alternation(words("dataset_words")) + r")(?![\w-])")

    def __call__(self, doc: Doc) -> Doc:
        state = findings_of(doc)
        self.method_phrases(state)
        self.dataset_phrases(state)
        return doc

    def method_phrases(self, state: Findings) -> None:
        text = state.text
        starts = set(state.sent_starts)
        conf = confidence("capitalised-phrase")
        for m in _CAP_PHRASE.finditer(text, state.abstract_start):
            start, end = m.start(), m.end()
            words_ = m.group().split()
            if start in starts and (len(words_) < 3 or words_[0] in self.common
                                    or words_[0] in self.determiners or len(words_[0]) < 3):
                # A sentence's first word is capitalised anyway: a name only when it is
                # no common opener ("Block Sparse Attention scales", not "Using Swin ...").
                if len(words_) < 3:
                    continue
                start += len(words_[0]) + 1
                while text[start].isspace():
                    start += 1
                words_ = words_[1:]
            if any(w in self.stop or w.isupper() and len(w) <= 4 for w in words_):
                continue
            head = words_[-1].lower().split("-")[-1]
            nxt = _NEXT.match(text[end:end + 30])
            is_method = head in self.method_heads or (nxt and self.method_right.fullmatch(
                nxt.group(1)))
            if not is_method or head in self.nonmethod_heads or head in self.generic_heads:
                continue
            inside = state.overlapping(start, end)
            if [c for c in inside
                    if not (c.family or self.descriptive(c, end) or self.named_tail(
                        c, start, end, head, inside))
                    or c.start <= start and c.end >= end or c.start < start or c.end > end]:
                continue
            state.add(Candidate(start, end, "method", text[start:end], "capitalised-phrase",
                                conf, surface=text[start:end]), supersedes=True)

    def named_tail(self, cand: Candidate, start: int, end: int, head: str,
                   inside: list[Candidate]) -> bool:
        """A listed name that ends the phrase after capitalised words of its own, with
        a method head: "Video Swin Transformer" is a name of its own, not a use of Swin
        Transformer (no organisation before it: "Google Gemini model" is Gemini's)."""
        return cand.type == "method" and cand.entry is not None and cand.end == end \
            and cand.start > start and head in self.method_heads \
            and cand.label.lower().split()[-1].split("-")[-1] == head \
            and not any(c.type == "negative" for c in inside)

    def descriptive(self, cand: Candidate, end: int) -> bool:
        """A word of the phrase, not a name inside it: a negative before the head
        ("Channel Attention Module"), or as a head that a coined phrase names
        ("Triplet Attention"; "Web Agent" stays none), or a lexicon entry in plain
        words ("Adapter", "Sparse attention"), which a longer capitalised name
        ("Token-Level Affective Adapter") takes in."""
        if cand.type == "negative":
            return cand.end < end or cand.surface.lower() in self.named_heads
        label = cand.label
        return cand.entry is not None and label[1:].islower() and label.replace(
            " ", "").replace("-", "").isalpha()

    def dataset_phrases(self, state: Findings) -> None:
        """"the Visual Commonsense Reasoning benchmark", "the Switchboard corpus"."""
        text = state.text
        conf = confidence("capitalised+dataset-word")
        for m in self.cap_dataset.finditer(text, state.abstract_start):
            words_ = m.group(1).split()
            start = m.start(1)
            sentence_start = state.sentence(start)[0]
            while words_ and (words_[0] in self.determiners or words_[0] in self.common and (
                    start == sentence_start or len(words_) == 1)):
                start = text.index(words_[0], start) + len(words_[0])
                words_ = words_[1:]
                while start < len(text) and text[start].isspace():
                    start += 1
            if not words_:
                continue
            end = m.end(1)
            if state.overlapping(start, end) or self.defined_otherwise(state, text[start:end]):
                continue
            state.add(Candidate(start, end, "dataset", text[start:end],
                                "capitalised+dataset-word", conf, surface=text[start:end]),
                      supersedes=True)

    @staticmethod
    def defined_otherwise(state: Findings, name: str) -> bool:
        """"Video-to-Audio (V2A) ... two V2A datasets": an acronym the paper defined for
        something other than a dataset (a task) only modifies the dataset word."""
        ref = state.acronyms.get(name)
        if ref is not None:
            return ref.type != "dataset"
        return any(d.short == name for d in state.definitions)

