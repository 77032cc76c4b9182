"""``kg_role_tagger_v1``: which methods the paper compares against."""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg.extract.lexicon import (
    load_rules,
    name_key,
)
from kg.extract.state import Cand, DocState, pattern_tokenizer, token_offsets, words_regex

_LIST_COLON = re.compile(
    r"\b(baselines?|methods|models|approaches|systems|competitors|LLMs)\s*:", re.I)


class RoleTagger:
    """Marks the methods the paper compares against ("outperforms X", "than X").

    A comparison cue opens a window that ends at a clause break; method names in
    it become baselines, unless they are the paper's own proposal. Contrast cues
    ("unlike", "rather than") close the window ("contrast is not comparison").
    """

    def __init__(self, nlp: Language, name: str):
        self.name = name
        rules = load_rules()
        # Cues are matched on tokens (PhraseMatcher, lower case): much faster than one
        # big regex alternation over the text.
        self.cue = PhraseMatcher(nlp.vocab, attr="LOWER")
        tokenizer = pattern_tokenizer(nlp)
        self.cue.add("cue", list(tokenizer.pipe(sorted(
            set(rules["comparison_cues"]) | set(rules["contrast_cues"]) | {"over"}))))
        self.contrast = {re.sub(r"\s+", " ", c.lower()) for c in rules["contrast_cues"]}
        self.as_as = re.compile(r"(?<![\w-])(?:as|same|identical|similar)\s+(?:[\w-]+\s+){1,3}?as"
                                r"(?![\w-])", re.I)
        self.over_needs = words_regex(rules["over_needs"], suffix="")
        self.breaks = words_regex([b for b in rules["clause_breaks"] if b.isalpha()])
        self.glue = {w.lower() for w in rules["list_glue"]}
        suffixes = "|".join(map(re.escape, rules["comparison_suffixes"]))
        self.suffix = re.compile(rf"-(?:{suffixes})\b", re.I)

    def __call__(self, doc: Doc) -> Doc:
        state = DocState.of(doc)
        text = state.text
        methods = [c for c in state.cands if c.type == "method"
                   and c.rule not in ("implied-family",)]
        if not methods and not state.unresolved:
            return doc
        proposed = {name_key(c.label) for c in state.cands if "proposed" in c.roles}
        proposed |= {name_key(a) for c in state.cands if "proposed" in c.roles for a in c.aliases}
        spans = sorted({(c.start, c.end) for c in state.cands if c.type in ("method", "dataset")})
        starts, ends, _ = token_offsets(doc)
        cues = [(starts[s], ends[e - 1], text[starts[s]:ends[e - 1]])
                for _, s, e in self.cue(doc)]
        cues += [(m.start(), m.end(), m.group())
                 for m in self.as_as.finditer(text)]
        cues.sort(key=lambda c: (c[1], c[0]))
        cues_ends = [c[1] for c in cues]
        for cand in methods:
            if name_key(cand.label) in proposed or "proposed" in cand.roles:
                continue
            suffix = self.suffix.match(text, cand.end)
            if suffix:
                cand.give("baseline", f"comparison:{suffix.group().lower()}", 0.8)
                continue
            i = bisect_right(cues_ends, cand.start) - 1
            if i >= 0 and self._compared(state, cand, spans, cues[i]):
                cue = re.sub(r"\s+", " ", cues[i][2].lower())
                cand.give("baseline", f"comparison:{cue}", 0.75)
        for item in state.unresolved:
            i = bisect_right(cues_ends, item[0]) - 1
            probe = Cand(item[0], item[1], "method", item[2], "", 0.0)
            item[3] = i >= 0 and self._compared(state, probe, spans, cues[i])
        return doc

    def _compared(self, state: DocState, cand: Cand, spans, cue: tuple) -> bool:
        """Is ``cand`` inside the window that the last cue before it opened?"""
        text = state.text
        s_start, _ = state.sentence(cand.start)
        cue_start, cue_end, cue_text = cue
        if cue_start < s_start:
            return False
        word = re.sub(r"\s+", " ", cue_text.lower())
        if word in self.contrast:
            return False
        if word == "over" and not self.over_needs.search(
                text[max(s_start, cue_start - 50):cue_start]):
            return False
        # Between the cue and the name: only list glue, other names, and a few other words.
        gap_start = cue_end
        gap = text[gap_start:cand.start]
        for s, e in spans:  # blank out other names
            if gap_start <= s and e <= cand.start:
                gap = gap[:s - gap_start] + " §" + " " * (e - s - 2) + gap[e - gap_start:]
        # A colon after a class word introduces the list ("three baselines: A, B and C").
        gap = _LIST_COLON.sub(r"\1,", gap)
        if re.search(r"[.;:]", gap) or self.breaks.search(gap):
            return False
        words = re.findall(r"[\w§][\w'-]*|[,()]", gap)
        others = [w for w in words if w.lower() not in self.glue and w != "§"]
        limit = 6 if "§" not in words else 3
        if word.split()[-1] not in ("as",) or word in ("such as",):
            return len(others) <= limit
        return not others  # "as fast as X", not "as simple as creating a X"
