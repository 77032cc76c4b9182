"""``kg_name_variants_v1``: the other versions and parts of the paper's own names.

* **Extensions** of a proposed name are the paper's too: "QuillGym" proposed, so
  "QuillGym-Bench" and "QuillSet-20M" built from it are proposed as well.
* **Predecessors**: "QuillNet-Turbo, an upgrade to QuillNet" and "Quill Depth V2
  ... compared with V1": the proposed name is an earlier name plus a suffix or
  version, so that earlier name ("QuillNet", "Quill Depth V1") is a method of its
  own (often the baseline), never the proposal. Versions stay distinct.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.cued import cued_compile
from kg.extract.records import Candidate, Findings, findings_of
from kg.extract.rules import alternation, confidence, word_set, words

__all__ = ["NameVariants"]

# "V2", "v1.5", "2", "3.5" at the end of a name.
_VERSION_TAIL = cued_compile(r"^(?P<base>.+?)(?P<sep>[\s-])(?P<version>[Vv]?\d+(?:\.\d+)*)$")
# A bare version that refers to another version of the same name ("compared with V1").
# What may not follow the earlier name: more of a name, a version, a suffix.
_GLUED_AFTER = cued_compile(r"[\w-]|\s+[Vv]?\d")
_BARE_VERSION = cued_compile(r"(?<![\w.-])(?:[Vv](\d+(?:\.\d+)*))(?![\w.-]|\.\d)")


class NameVariants:
    """Extensions of the paper's names are proposed; predecessors become methods."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.stop = word_set("stop_names", lower=False)
        self.common = word_set("common_capitalised", lower=False)
        # A successor word ("-Turbo") or one capital letter ("SeerNet-R", "Quill-X").
        self.suffix_tail = cued_compile(
            r"^(?P<base>.+?)(?P<sep>[\s-])(?P<suffix>" + alternation(words("successor_suffixes"))
            + r"|(?-i:[A-Z]))$", re.I)

    def __call__(self, doc: Doc) -> Doc:
        state = findings_of(doc)
        own = [c for c in state.with_role("proposed") if c.is_name]
        if not own:
            return doc
        # A known name the paper presents ("Depth Anything V2" is in the lexicon) has
        # predecessors too; its extensions are the lexicon's business.
        self.extensions(state, [c for c in own if c.entry is None])
        self.predecessors(state, own)
        return doc

    def extensions(self, state: Findings, own: list[Candidate]) -> None:
        if not own:
            return
        conf = confidence("own-variant")
        labels = {c.label for c in own}
        for cand in state.live:
            if not cand.is_name or cand.label in labels or state.has_role(cand, "proposed"):
                continue
            for label in labels:
                if len(cand.label) > len(label) + 1 and cand.label.startswith(label) and \
                        cand.label[len(label)] in "- " and not self.suffix_tail.match(
                            cand.label[len(label):].lstrip("- ")):
                    state.claim(cand, "proposed", "own-variant", conf)
                    break

    def predecessors(self, state: Findings, own: list[Candidate]) -> None:
        text = state.text
        conf = confidence("predecessor-name")
        for label in dict.fromkeys(c.label for c in own):
            version = _VERSION_TAIL.match(label)
            suffix = self.suffix_tail.match(label)
            base = (version or suffix).group("base") if version or suffix else None
            if base is None or len(base) < 2 or base in self.stop or base in self.common or \
                    not base[0].isupper() and not any(ch.isdigit() for ch in base) or \
                    base.isalpha() and base[1:].islower():
                continue  # "Slow" of "Slow-Fast", "Humanoid" of "Humanoid-X": English words
            # The earlier name on its own ("relative to QuillNet"), not inside the new one.
            i = text.find(base)
            while i != -1:
                end = i + len(base)
                if (i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "_-")) and \
                        not _GLUED_AFTER.match(text, end):
                    self.add(state, i, end, base, conf)
                i = text.find(base, end)
            if version is not None:
                current = version.group("version").lstrip("Vv")
                for m in _BARE_VERSION.finditer(text, state.abstract_start):
                    if m.group(1) != current and state.is_free(m.start(), m.end()):
                        self.add(state, m.start(), m.end(),
                                 f"{base}{version.group('sep')}V{m.group(1)}", conf)

    @staticmethod
    def add(state: Findings, start: int, end: int, label: str, conf: float) -> None:
        if not state.is_free(start, end):
            return
        state.add(Candidate(start, end, "method", label, "predecessor-name", conf,
                            surface=state.text[start:end]))
