"""``kg_own_parts_v1``: the named parts of the paper's own system.

Once a paper has said what it introduces, the names it goes on to coin for the
pieces of that work are its own too. Runs after every name rule, so shaped,
capitalised and acronym-defined names are there; only names no lexicon knows,
that are no family and no compared method, are claimed:

* objects of a part verb (``own_part_verbs``) whose subject is one of the paper's
  own names, "our <name>" or "it" ("QuillNet employs a Dual-Branch Mixer strategy",
  "Operating on frames, it combines ... a Gated Memory Bank (GMB)");
* names with a component head right after them and an article before ("a Sparse
  Relay module", "the QuillPool mechanism": ``own_component_heads``), in a sentence
  of the paper's own work (at or after the first "we" or own name; no background,
  example, comparison or prior-work cue before the name).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.records import Candidate, Findings, findings_of
from kg.extract.rules import alternation, confidence, words

__all__ = ["OwnPartFinder"]

# Where the verb's objects end: a clause break, or a contrast or comparison.
_CLAUSE_END = re.compile(
    r"[;:]|\.(?:\s|$)|,\s*(?:while|whereas|but|which)\b|\b(?:unlike|than|over|against|"
    r"compared|such\s+as|like|from|of)\b", re.I)
# Up to a few words before the subject: "Mechanistically, QuillNet ...", "Overall, our X";
# or a fronted phrase closed by a comma ("Operating strictly on past frames, it ...").
_SUBJECT_LEFT = re.compile(r"\W*(?:(?:[A-Za-z-]+,?\s+){0,2}?|[^,.;:]{0,80},\s+)"
                           r"(?:(?:the|our)\s+(?:proposed\s+)?)?$", re.I)
# "a Sparse Relay module", "the carefully tuned Quill Pooling (QP) mechanism": a part
# named as one thing, with its article (a few modifiers between).
_PART_DETERMINER = re.compile(r"\b(?:[Aa]n?|[Tt]he|[Oo]ur|[Ii]ts)\s+(?:[\w-]+\s+){0,2}$")
_BRACKETED_DETERMINER = re.compile(r"\b(?:[Aa]n?|[Tt]he|[Oo]ur|[Ii]ts)\s+(?:[\w-]+\s+){1,6}\($")
_PRONOUN = re.compile(r"(?<![\w-])(?:[Ii]t|[Ii]ts\s+core)(?![\w-])")


class OwnPartFinder:
    """Proposes the unknown names the paper coins for the parts of its own work."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.verbs = re.compile(r"\s+(?:also\s+|further\s+)?(?:" + alternation(
            words("own_part_verbs")) + r")(?![\w-])", re.I)
        self.heads = re.compile(r"\s+(?:" + alternation(words("own_component_heads"))
                                + r")(?![\w-])", re.I)
        self.not_own = re.compile(r"\b(?:" + alternation(
            words("comparison_cues") + words("example_cues") + words("contrast_cues")
            + words("background_cues") + words("prior_work_words")) + r")(?![\w-])", re.I)
        self.own_subject = re.compile(r"\b(?:" + alternation(words("own_subjects")) + r")\b",
                                      re.I)
        self.conf = confidence("own-part")

    def __call__(self, doc: Doc) -> Doc:
        state = findings_of(doc)
        own = {c.surface or c.label for c in state.with_role("proposed")
               if c.is_name and c.entry is None}
        if own:
            self.parts(state, own)
        first = self.first_own(state, own)
        if first is not None:
            self.component_heads(state, first)
        return doc

    def first_own(self, state: Findings, own: set[str]) -> int | None:
        """Where the abstract first speaks of the paper's own work ("we", a proposed name)."""
        text = state.text
        found = [m.start() for m in [self.own_subject.search(text, state.abstract_start)] if m]
        found += [i for i in (text.find(n, state.abstract_start) for n in own) if i != -1]
        return state.sentence(min(found))[0] if found else None

    def unknown(self, state: Findings, cand: Candidate) -> bool:
        """A name no lexicon knows, no family, that no role was given to yet."""
        return cand.is_name and cand.entry is None and not cand.family and \
            cand.start >= state.abstract_start and \
            (cand.label[:1].isupper() or any(ch.isupper() for ch in cand.label[1:])) and \
            not state.has_role(cand, "proposed") and not state.has_role(cand, "baseline")

    def parts(self, state: Findings, own: set[str]) -> None:
        text = state.text
        subjects = []
        for name in own:
            i = text.find(name, state.abstract_start)
            while i != -1:
                subjects.append((i, i + len(name)))
                i = text.find(name, i + len(name))
        # "It integrates ...": the paper's own system, once it has been named.
        subjects += [m.span() for m in _PRONOUN.finditer(text, state.abstract_start)]
        for i, end in subjects:
            s_start, s_end = state.sentence(i)
            verb = self.verbs.match(text, end) if not text[end:end + 1].isalnum() else None
            if verb and (i == s_start or _SUBJECT_LEFT.fullmatch(text, s_start, i)):
                stop = _CLAUSE_END.search(text, verb.end(), s_end)
                self.claim_objects(state, verb.end(), stop.start() if stop else s_end)

    def claim_objects(self, state: Findings, start: int, end: int) -> None:
        for cand in state.live:
            if start <= cand.start and cand.end <= end and cand.is_name and \
                    cand.entry is None and not cand.family and \
                    cand.type in ("method", "dataset") and \
                    (cand.label[:1].isupper() or any(ch.isupper() for ch in cand.label[1:])):
                state.claim(cand, "proposed", "own-part", self.conf)

    def component_heads(self, state: Findings, first: int) -> None:
        """"a Sparse Relay module", "the QuillPool mechanism": an unknown name with a
        component head, in a sentence of the paper's own work."""
        text = state.text
        for cand in list(state.live):
            if cand.start < first or not self.unknown(state, cand) or cand.type != "method":
                continue
            end = cand.end
            if text[end:end + 1] == ")" or text[end:end + 2] == " (":
                # "Long Form (LF) module": the head after the bracket.
                close = text.find(")", end, end + 40)
                end = close + 1 if close != -1 else end
            if not self.heads.match(text, end):
                continue
            s_start, _ = state.sentence(cand.start)
            before = text[s_start:cand.start]
            # "a Scalable Relay Transformer (SRT) module": the article before the long form.
            article = _BRACKETED_DETERMINER if before.endswith("(") else _PART_DETERMINER
            if not article.search(before) or self.not_own.search(before):
                continue
            state.claim(cand, "proposed", "own-part", self.conf)
