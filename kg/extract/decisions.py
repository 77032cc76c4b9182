"""``kg_type_decisions_v1``: after every name rule, one type per name and no placeholders.

A coined name built on a benchmark word ("QuillBench", "Zorb-Arena", "Quux Dataset")
says what it is whatever a rule guessed from its context ("a framework for auditing
X"): it is a dataset, and so is the acronym defined for it.

A name the paper gives its own model is not also a dataset because one sentence
reads "on GraphFormer": rule-found names that share a key take the type the
paper states most explicitly (an apposition "X, a new benchmark", a definition, a
naming or proposal cue, the title, in that order), else the type most of their
mentions have.
Template placeholders ("ModelName", a LaTeX macro "\\model") are no names.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.cued import cued_compile
from kg.extract.lexicon import name_key
from kg.extract.records import Candidate, Findings, findings_of
from kg.extract.rules import alternation, words
from kg.extract.shapes import is_placeholder

__all__ = ["TypeDecider"]

# Rules whose typing is the paper's own statement of what the name is, the most
# explicit first ("X, a new benchmark" over the guess from the title's other words).
_DEFINING = ("apposition", "acronym-definition", "naming-cue", "propose-cue", "own-name",
             "title-name")


class TypeDecider:
    """Drops placeholders and gives every rule-found name one type per paper."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        # "QuillBench", "Zorb-Arena", "MM-QuuxBench-v2": the ending at a capital, then an
        # optional version or tier.
        self.data_shaped = cued_compile(
            r"[a-z0-9\s-](?:" + alternation(words("dataset_shape_endings")) +
            r")(?:-?v?\d+(?:\.\d+)*|[-\s](?:" + alternation(words("dataset_shape_tiers")) +
            r"))?$")

    def __call__(self, doc: Doc) -> Doc:
        state = findings_of(doc)
        self.drop_placeholders(state)
        self.data_shaped_names(state)
        self.one_type_per_name(state)
        return doc

    def data_shaped_names(self, state: Findings) -> None:
        """Rule-found methods whose name (or long form) ends in a benchmark word are
        datasets, with every candidate of the same label."""
        shaped = {c.label for c in state.live if c.type == "method" and c.entry is None
                  and not c.family and (self.data_shaped.search(c.label)
                                        or self.data_shaped.search(c.surface or ""))}
        if not shaped:
            return
        for cand in list(state.live):
            if cand.label in shaped and cand.type == "method" and cand.entry is None:
                state.decide(cand, replace(cand, type="dataset"), "a benchmark-shaped name")

    @staticmethod
    def drop_placeholders(state: Findings) -> None:
        for cand in list(state.live):
            if cand.is_name and cand.entry is None and is_placeholder(
                    cand.surface or cand.label, state.text, cand.start):
                state.decide(cand, None, "template placeholder")

    @staticmethod
    def one_type_per_name(state: Findings) -> None:
        found = [c for c in state.live if c.entry is None and c.is_name and not c.family]
        if len({c.type for c in found}) < 2:
            return  # one type among all of them: nothing to decide
        groups: dict[str, list[Candidate]] = defaultdict(list)
        for cand in found:
            # Sizes stay: "QuillSet-10K" (a dataset) is not "QuillSet" (a model).
            label = cand.label
            if len(label) > 2 and label.endswith("s") and label[-2].isupper():
                label = label[:-1]  # "DiTs"
            groups[name_key(label)].append(cand)
        for cands in groups.values():
            if len({c.type for c in cands}) < 2:
                continue
            stated = sorted((_DEFINING.index(c.rule), i) for i, c in enumerate(cands)
                            if c.rule in _DEFINING)
            if stated:
                kind = cands[stated[0][1]].type
            else:
                kind = Counter(c.type for c in cands).most_common(1)[0][0]
            for cand in cands:
                if cand.type != kind:
                    state.decide(cand, replace(cand, type=kind), f"one type per name: {kind}")
