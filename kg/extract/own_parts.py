"""``kg_own_parts_v1``: the named parts of the paper's own system.

"QuillNet employs a Dual-Branch Mixer strategy ...", "QuillSim comprises three
modules, including TrajMaker and GeoPlanner": in a sentence whose subject is one of
the paper's own names (or "our <name>"), the names no lexicon knows that the verb
(``own_part_verbs``) takes as objects, up to the end of the clause, are the paper's
own too. Runs after every name rule, so shaped and capitalised names are there.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.records import Findings, findings_of
from kg.extract.rules import alternation, confidence, words

__all__ = ["OwnPartFinder"]

# Where the verb's objects end: a clause break, or a contrast or comparison.
_CLAUSE_END = re.compile(
    r"[;:]|\.(?:\s|$)|,\s*(?:while|whereas|but|which)\b|\b(?:unlike|than|over|against|"
    r"compared|such\s+as|like|from|of)\b", re.I)
# Up to a few words before the subject: "Mechanistically, QuillNet ...", "Overall, our X".
_SUBJECT_LEFT = re.compile(r"\W*(?:[A-Za-z-]+,?\s+){0,2}?(?:(?:the|our)\s+(?:proposed\s+)?)?$",
                           re.I)


class OwnPartFinder:
    """Proposes the unknown names an own-named subject's part verb takes as objects."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.verbs = re.compile(r"\s+(?:also\s+|further\s+)?(?:" + alternation(
            words("own_part_verbs")) + r")(?![\w-])", re.I)
        self.conf = confidence("own-part")

    def __call__(self, doc: Doc) -> Doc:
        state = findings_of(doc)
        own = {c.surface or c.label for c in state.with_role("proposed")
               if c.is_name and c.entry is None}
        if own:
            self.parts(state, own)
        return doc

    def parts(self, state: Findings, own: set[str]) -> None:
        text = state.text
        for name in own:
            i = text.find(name, state.abstract_start)
            while i != -1:
                end = i + len(name)
                s_start, s_end = state.sentence(i)
                verb = self.verbs.match(text, end) if not text[end:end + 1].isalnum() else None
                if verb and (i == s_start or _SUBJECT_LEFT.fullmatch(text, s_start, i)):
                    stop = _CLAUSE_END.search(text, verb.end(), s_end)
                    self.claim_objects(state, verb.end(), stop.start() if stop else s_end)
                i = text.find(name, end)

    def claim_objects(self, state: Findings, start: int, end: int) -> None:
        for cand in state.live:
            if start <= cand.start and cand.end <= end and cand.is_name and \
                    cand.entry is None and not cand.family and \
                    cand.type in ("method", "dataset") and \
                    (cand.label[:1].isupper() or any(ch.isupper() for ch in cand.label[1:])):
                state.claim(cand, "proposed", "own-part", self.conf)
