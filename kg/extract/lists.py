"""``kg_colon_lists_v1`` and ``kg_list_items_v1``: names typed by the list they are in.

"three benchmarks: Glorp, Quill, and Zorb" types every item by the class
word before the colon; "methods such as Quillet, Zorbnet, and Glimmer" gives the
untyped items the type of the typed one before them.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.cued import cued_compile
from kg.extract.records import Candidate, Findings, findings_of
from kg.extract.rules import alternation, confidence, word_set, words, words_regex
from kg.extract.shapes import is_shaped, not_a_name

__all__ = ["ColonListFinder", "ListItemTyper"]

# One item of that list: a capitalised name of up to four words, then glue or the end.
_COLON_ITEM = cued_compile(
    r"((?:[A-Z\u0391-\u03a9][\w\u0370-\u03ff.+/-]*|\d[\w.-]*[A-Za-z][\w.-]*)"
    r"(?:\s+[A-Z0-9][\w.+/-]*){0,3})(?:\s*\([^()]{1,25}\)(?=\s*(?:,|and\b|or\b)))?"
    r"(\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)?")
# The next item of a list: ", Y" / ", and Y" / " and Y" / " or Y" / "/Y", also after a
# short bracket ("X (+10.2%), Y (+7.6%), and Z").
_LIST_NEXT = cued_compile(
    r"(?:\s*\([^()]{1,25}\))?(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+|/)"
    r"([A-Za-z0-9\u0370-\u03ff][\w\u0370-\u03ff]*(?:[-.+/][\w\u0370-\u03ff]+)*)")
_LIST_END = cued_compile(r"(?:\s*\([^()]{1,25}\))?\s*(?:[,.;:)]|and\b|or\b|$)")
# The item before a typed one: "Y and X", "Y, X", "Y or X" (Y's start, Y, glue).
_LIST_PREV = cued_compile(
    r"(?<![\w.+/-])([A-Za-z0-9\u0370-\u03ff][\w\u0370-\u03ff]*(?:[-.+][\w\u0370-\u03ff]+)*)"
    r"(\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)$")
_PREV_GLUE = (" and ", " or ", ", ", ",")
_WORD_END = cued_compile(r"(\w[\w-]*)\s*$")
_MORE_AFTER = cued_compile(r"\s*(?:,\s*)?(?:and|or)\s")
# Where a list in apposition ends: a bracket of its own, then a clause break.
_CLAUSE_AFTER = cued_compile(r"(?:\s*\([^()]{1,25}\))?\s*(?:[,.;:]|$)")


class ColonListFinder:
    """Capitalised items after a class word and a colon take the class's type."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.stop = word_set("stop_names", lower=False)
        self.stop_lower = word_set("stop_names")
        self.common = word_set("common_capitalised", lower=False)
        self.dataset_right = words_regex(words("dataset_words"))
        # "three benchmarks: A, B and C"; "two popular prompt datasets, A (x) and B (y)":
        # after a comma only a counted class noun, and a list that ends its clause.
        self.class_colon = cued_compile(
            r"\b(" + alternation(words("colon_list_classes"))
            + r")\s*(?::|(?<=\w),(?=\s+[A-Z]))\s*", re.I)
        self.counted = cued_compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten)\s+"
                                    r"(?:[\w-]+\s+){0,3}$", re.I)

    def __call__(self, doc: Doc) -> Doc:
        state = findings_of(doc)
        text = state.text
        conf = confidence("colon-list")
        for m in self.class_colon.finditer(text, state.abstract_start):
            kind = "dataset" if self.dataset_right.fullmatch(m.group(1)) else "method"
            _, s_end = state.sentence(m.start())
            pos = m.end()
            first = _COLON_ITEM.match(text, pos, s_end)
            if first is None or first.group(2) is None or \
                    first.group(1).split()[0] in self.common:
                continue  # a list has two items or more; "Methods: We ..." is a heading
            comma = text[m.end(1):m.end()].strip() == ","
            if comma and not (self.counted.search(text, max(0, m.start() - 60), m.start())
                              and self.whole_list(text, pos, s_end)):
                continue  # "On both datasets, Quill beats ...": a fronted phrase
            for item in _COLON_ITEM.finditer(text, pos, s_end):
                if item.start() != pos or item.group(1).split()[0] in self.common:
                    break
                pos = item.end()
                name = item.group(1).rstrip(".")  # the sentence's full stop is no part
                start, end = item.start(1), item.start(1) + len(name)
                if name in self.stop or name.lower() in self.stop_lower or \
                        not_a_name(name) or not state.is_free(start, end):
                    continue
                state.add(Candidate(start, end, kind, name, "colon-list", conf, surface=name),
                          supersedes=True)
                if item.group(2) is None:
                    break
        return doc

    @staticmethod
    def whole_list(text: str, pos: int, limit: int) -> bool:
        """Items joined by "and"/"or" up to a clause break: "A (x) and B (y), showing"."""
        joined, glue = False, None
        for item in _COLON_ITEM.finditer(text, pos, limit):
            if item.start() != pos:
                break
            glue = item.group(2)
            if glue is None:
                return joined and _CLAUSE_AFTER.match(text, item.end(1)) is not None
            if joined:
                break  # (the comma after the last item: "A and B, showing")
            joined = "and" in glue or "or" in glue
            pos = item.end()
        return joined and glue is not None and glue.strip() == ","


class ListItemTyper:
    """An untyped name in a list takes the type of the typed name next to it."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.stop = word_set("stop_names", lower=False)
        self.common = word_set("common_capitalised", lower=False)
        self.skip = word_set("propose_skip")

    def __call__(self, doc: Doc) -> Doc:
        state = findings_of(doc)
        self.propagate(state)
        return doc

    def propagate(self, state: Findings) -> None:
        text = state.text
        typed = sorted((c for c in state.live if c.type in ("method", "dataset")
                        and c.rule not in ("family-in-name", "implied-family")),
                       key=lambda c: c.start)
        work = [c for c in typed if not c.family and c.start >= state.abstract_start]
        conf = confidence("list-item")
        while work:
            prev = work.pop()
            m = _LIST_NEXT.match(text, prev.end)
            if not m:
                continue
            word = m.group(1).rstrip(".")
            if word in self.stop or not (word[0].isupper() or is_shaped(word)) or \
                    not_a_name(word) or word.lower() in self.skip:
                continue
            start, end = m.start(1), m.start(1) + len(word)
            if not state.is_free(start, end):
                continue
            # A middle item must be followed by more of the list ("X, Y, and Z").
            glue = m.group(0)[:m.start(1) - m.start()]
            if "and" not in glue and "or" not in glue and not _LIST_END.match(text, end):
                continue
            work.append(state.add(Candidate(start, end, prev.type, word,
                                            "list-with-" + prev.type, conf, surface=word),
                                  supersedes=True))
        self.propagate_back(state, [c for c in state.live if c.type in ("method", "dataset")
                                    and c.rule not in ("family-in-name", "implied-family")])

    def propagate_back(self, state: Findings, typed) -> None:
        """"the assistants of Doubao and Gemini": the untyped item before a typed one
        takes its type too (a bare comma only when the list goes on after it)."""
        text = state.text
        conf = confidence("list-item")
        work = [c for c in typed if not c.family and c.start >= state.abstract_start]
        while work:
            nxt = work.pop()
            if not text.endswith(_PREV_GLUE, 0, nxt.start):
                continue  # the cheap test first: no "and", "or" or comma before it
            s_start, _ = state.sentence(nxt.start)
            m = _LIST_PREV.search(text, max(s_start, nxt.start - 60), nxt.start)
            if m is None:
                continue
            word = m.group(1)
            start, end = m.start(1), m.end(1)
            if start == s_start or word in self.stop or word in self.common or \
                    word.lower() in self.skip or not_a_name(word) or \
                    not (word[0].isupper() or is_shaped(word)) or not state.is_free(start, end):
                continue
            before = _WORD_END.search(text, max(s_start, start - 30), start)
            if before and before.group(1)[:1].isupper():
                continue  # "Google Quill and X": part of a longer capitalised phrase
            if "and" not in m.group(2) and "or" not in m.group(2) and \
                    not _MORE_AFTER.match(text, nxt.end):
                continue
            work.append(state.add(Candidate(start, end, nxt.type, word,
                                            "list-with-" + nxt.type, conf, surface=word),
                                  supersedes=True))
