"""What the extraction components share: the per-document state and small helpers.

The components keep one list of :class:`Cand` records per document in
``doc.user_data["kg"]`` (character offsets into the text that ``make_doc`` built:
title, a blank line, abstract). Each component adds or refines candidates.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.attrs import IDX, LENGTH, SHAPE
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from kg.extract.lexicon import (
    LexiconEntry,
)

MENTIONS = "kg"
MODALITIES = "kg_modalities"
STATE = "kg"


@dataclass
class Cand:
    """One candidate mention while the components work on a document."""

    start: int
    end: int
    type: str  # method | dataset | negative | modality
    label: str  # canonical name (lexicon label) or the surface form
    rule: str
    confidence: float
    entry: LexiconEntry | None = None
    family: bool = False
    roles: set = field(default_factory=set)
    aliases: list = field(default_factory=list)
    surface: str = ""  # the matched text (may extend beyond the canonical name)
    # role -> (rule, confidence) of the rule that gave the role ("comparison:outperforms")
    role_rules: dict = field(default_factory=dict)

    def give(self, role: str, rule: str, confidence: float) -> None:
        self.roles.add(role)
        self.role_rules.setdefault(role, (rule, confidence))


class DocState:
    """What the components know about one document: text, sentences, candidates."""

    __slots__ = ("text", "title_end", "abstract_start", "sent_starts", "cands", "acronyms",
                 "modalities", "unresolved", "untyped", "results")

    def __init__(self, doc: Doc):
        # doc.text builds a Token object per token; make_doc stores the text it tokenized.
        self.text = text = doc.user_data.get("text") or doc.text
        self.title_end = doc.user_data.get("title_end", len(text))
        self.abstract_start = doc.user_data.get("abstract_start", len(text))
        starts = [0, self.abstract_start] if self.abstract_start < len(self.text) else [0]
        starts += [_SENT_END.match(self.text, m.end()).end()
                   for m in _SENT_BREAK.finditer(self.text, self.abstract_start)]
        self.sent_starts = sorted(set(starts))
        self.cands: list[Cand] = []
        self.acronyms: dict[str, Cand] = {}  # short form -> typed candidate (this paper)
        self.modalities: list[Cand] = []
        # Names no rule could type: [start, end, word, compared?]; the corpus pass in
        # kg.extract.pipeline links them when another paper defines or proposes the name.
        self.unresolved: list[list] = []
        # Acronym definitions no rule could type: (short, s_start, s_end, l_start, l_end);
        # a proposal cue before one in its sentence makes it the paper's own name.
        self.untyped: list[tuple[str, int, int, int, int]] = []
        # Results (kg.extract.results.ResultHit) the result finder read.
        self.results: list = []

    @classmethod
    def of(cls, doc: Doc) -> DocState:
        state = doc.user_data.get(STATE)
        if state is None:
            state = doc.user_data[STATE] = cls(doc)
        return state

    def sentence(self, pos: int) -> tuple[int, int]:
        """(start, end) of the sentence holding character ``pos``."""
        i = bisect_right(self.sent_starts, pos) - 1
        start = self.sent_starts[max(i, 0)]
        end = self.sent_starts[i + 1] if i + 1 < len(self.sent_starts) else len(self.text)
        if start < self.title_end <= end and pos < self.title_end:
            end = self.title_end
        return start, end

    def in_title(self, pos: int) -> bool:
        return pos < self.title_end

    def overlapping(self, start: int, end: int, types=("method", "dataset", "negative")):
        return [c for c in self.cands if c.start < end and start < c.end and c.type in types]


# A sentence ends at . ! ? followed by space and an upper-case letter, digit or quote.
_SENT_BREAK = re.compile(r"[.!?](?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bvs\.)(?<!\bet al\.)(?<!\bcf\.)"
                         r"(?=\s+(?:[A-Z0-9\"'(\[]|[a-z]+[A-Z]))")  # "... world. bGPT matches"
_SENT_END = re.compile(r"\s*")


def words_regex(words, suffix=r"(?![\w-])") -> re.Pattern:
    """A regex for any of ``words`` as whole words (longest first), case-insensitive."""
    escaped = sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True)
    # \b first: the engine rejects most positions before trying the alternation.
    return re.compile(r"\b(?<![\w-])(?:" + "|".join(escaped) + ")" + suffix, re.I)


def token_offsets(doc: Doc):
    """Start and end character offsets and shape ids of every token (three lists),
    read from arrays so that no Token object is created."""
    cached = doc.user_data.get("kg_offsets")
    if cached is None:
        array = doc.to_array([IDX, LENGTH, SHAPE])
        starts = array[:, 0].tolist()
        ends = (array[:, 0] + array[:, 1]).tolist()
        cached = doc.user_data["kg_offsets"] = (starts, ends, array[:, 2].tolist())
    return cached


def pattern_tokenizer(nlp: Language) -> Tokenizer:
    """A throw-away copy of the tokenizer for matcher patterns.

    Tokenizing tens of thousands of names through ``nlp.tokenizer`` fills its
    cache and makes every later call several times slower; a copy sharing the
    vocab keeps the real tokenizer's cache for the papers.
    """
    t = nlp.tokenizer
    return Tokenizer(nlp.vocab, rules=t.rules, prefix_search=t.prefix_search,
                     suffix_search=t.suffix_search, infix_finditer=t.infix_finditer,
                     token_match=t.token_match, url_match=t.url_match)
