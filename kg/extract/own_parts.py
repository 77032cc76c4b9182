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

Those two are parts of the system (rule ``own-component``: they own none of its
results); the names a counted list gives ("two variants, X and Y") keep ``own-part``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.context import known_names
from kg.extract.cued import cued_compile
from kg.extract.records import Candidate, Findings, findings_of
from kg.extract.rules import alternation, confidence, word_set, words
from kg.extract.shapes import attached_modifier, is_shaped, not_a_name

__all__ = ["OwnPartFinder"]

# Where the verb's objects end: a clause break, a contrast or comparison, or the tool an
# object is made with ("combines A and B via QuillSim": QuillSim is used, not built).
_CLAUSE_END = cued_compile(
    r"[;:]|\.(?:\s|$)|,\s*(?:while|whereas|but|which)\b|\b(?:unlike|than|over|against|"
    r"compared|such\s+as|like|from|of|via|using)\b", re.I)
# Up to a few words before the subject: "Mechanistically, QuillNet ...", "Overall, our X";
# or a fronted phrase closed by a comma ("Operating strictly on past frames, it ...").
_SUBJECT_LEFT = cued_compile(r"\W*(?:(?:[A-Za-z-]+,?\s+){0,2}?|[^,.;:]{0,80},\s+)"
                             r"(?:(?:the|our)\s+(?:proposed\s+)?)?$", re.I)
# "a Sparse Relay module", "the carefully tuned Quill Pooling (QP) mechanism": a part
# named as one thing, with its article (a few modifiers between).
# (No preposition between: in "the importance of Batch Norm (BN) layers" the article is
# the importance's.)
_MODIFIER = r"(?!(?:of|in|on|for|to|with|by|from|and|or)\s)[\w-]+\s+"
_ARTICLE = r"\b(?:[Aa]n?|[Tt]he|[Oo]ur|[Ii]ts)\s+"
_PART_DETERMINER = cued_compile(rf"{_ARTICLE}(?:{_MODIFIER}){{0,2}}$")
_BRACKETED_DETERMINER = cued_compile(rf"{_ARTICLE}(?:{_MODIFIER}){{1,6}}\($")
# "Then, Quill Hybrid Strategy (QHS) is designed to ...": a passive design verb right
# after the part (its acronym between) makes it the subject the paper builds.
_PASSIVE_DESIGN = cued_compile(
    r"\s+(?:is|are)\s+(?:[a-z]+ly\s+|then\s+|also\s+|further\s+)?"
    r"(?:designed|developed|proposed|introduced|devised)\b")


_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "twofold": 2, "threefold": 3, "fourfold": 4, "fivefold": 5}
# "The contributions of X are fourfold:": a -fold count closes its clause with a colon.
_FOLD_COLON = cued_compile(r"\s*:")
# The first enumerator of a numbered list ("(1)", "1)", "(i)", "(a)") and the k-th one.
_FIRST_ENUMERATOR = cued_compile(r"\s*\(?(?:1|i|a)\)\s*")
_ENUMERATORS = {"1": "123456", "i": ["i", "ii", "iii", "iv", "v", "vi"], "a": "abcdef"}
# How far one numbered item may run (over sentences) before the next enumerator.
_ITEM_REACH = 600
# Where one listed item ends and the next may start: a semicolon, or an enumerator.
_GROUPS = cued_compile(r";\s*(?:and\s+)?|\s*(?<!\w)\(?(?:\d|i{1,3}|iv|v|vi|[a-f])\)\s*")
_ITEM_SPLIT = cued_compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
_ITEM_LEAD = cued_compile(r"\s*(?:and\s+)?(?:(?:[Aa]n?|[Tt]he|[Oo]ur)\s+(?:[a-z][\w-]*\s+){0,2}?)?")
# The name an item opens with: capitalised or name-shaped words ("Quill Adapter",
# "QuillASR-L", "Cold-Start Fine-tuning").
# A numbered item that opens with its name and a colon ("(2) Keep Memory Module: ...").
_ITEM_NAME_SHAPE = r"[A-Z0-9\u0391-\u03a9][\w\u0370-\u03ff.+-]*(?:\s+[A-Z0-9][\w.+-]*)*"
_HEADING = cued_compile(rf"({_ITEM_NAME_SHAPE})(?=\s*:)")
_ITEM_NAME = cued_compile(_ITEM_NAME_SHAPE)
# An acronym defined right after an item ("the Steady Flow Keeper (SFK)"): two capitals
# at least, so "(Ours)" or "(Fig)" define nothing.
# Between two listed definitions: ", the", " and ", ", and a".
_DEFINITION_GLUE = cued_compile(r"\s*,?\s*(?:(?:and|or)\s+)?(?:(?:the|a|an)\s+)?")
# An enumerated list's first item mark in running text: "(i)", "(1)", "(a)".
_FIRST_ENUMERATOR_AT = cued_compile(r"(?<![\w(])\((1|i|a)\)\s*")
_OWN_VOICE = cued_compile(r"\b(?:we|our|ours|this\s+(?:paper|work|design|framework|method|"
                          r"approach|model|system))\b", re.I)
# What opens an item before its name: a verb ("performs"), an article and modifiers.
_ENUMERATED_LEAD = cued_compile(
    r"(?P<verb>(?:also\s+)?[a-z]+s\s+)?(?P<article>(?:an?|the|our)\s+"
    r"(?:(?!(?:of|in|on|for|to|with|by)\s)[a-z][\w-]*\s+){0,2}?)?")
_TITLE_WORDS = cued_compile(r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*)+")
_SENTENCE_CASE_NAME = cued_compile(
    r"[A-Z][a-z]+(?:\s+(?!(?:with|to|for|that|which|by|in|on|of|and|or|from|as)\b)"
    r"[a-z][\w-]*){1,2}?(?=\s+(?:with|to|for|that|which|by|in|on|of)\b|\s*[,;(])")
_DEFINED = cued_compile(r"\s*\((?=[^)]*[A-Z][^)]*[A-Z])[A-Z][\w-]{1,11}\)")


class OwnPartFinder:
    """Proposes the unknown names the paper coins for the parts of its own work."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.verbs = cued_compile(r"\s+(?:also\s+|further\s+)?(?:" + alternation(
            words("own_part_verbs")) + r")(?![\w-])", re.I)
        self.heads = cued_compile(r"\s+(?:" + alternation(words("own_component_heads"))
                                  + r")(?![\w-])", re.I)
        self.not_own = cued_compile(r"\b(?:" + alternation(
            words("comparison_cues") + words("example_cues") + words("contrast_cues")
            + words("background_cues") + words("prior_work_words")) + r")(?![\w-])", re.I)
        self.own_subject = cued_compile(r"\b(?:" + alternation(words("own_subjects")) + r")\b",
                                        re.I)
        self.conf = confidence("own-part")
        # "two dedicated components:", "three core modules, including", "two variants,".
        # (Matched right after each count word, found with str.find: much faster than
        # scanning the text with the whole pattern.)
        self.counted = cued_compile(
            r"(?:\s+[a-z][\w-]*){0,3}?\s+(?:"
            + alternation(words("own_part_nouns")) + r")(?:\s*[:,]|\s+(?:including|namely)\b)",
            re.I)
        self.part_noun = cued_compile(r"\b(?:" + alternation(words("own_part_nouns")) + r")\b",
                                      re.I)
        self.finding = cued_compile(r"\b(?:" + alternation(words("finding_verbs")) + r")(?![\w-])",
                                    re.I)
        self.known = known_names()
        self.common = word_set("common_capitalised", lower=False)
        self.stop = word_set("stop_names", lower=False)
        self.part_heads = word_set("own_component_heads") | word_set("method_heads")
        self.component_words = word_set("own_component_heads")
        self.data_words = word_set("task_data_words") | word_set("dataset_words")
        # ": An ultra-lightweight module", ": A BERT-style punctuation prediction model"
        self.heading_part = cued_compile(r":\s+(?:An?|The)\s+(?:[\w-]+\s+){0,5}?(?:" + alternation(
            words("own_component_heads") + words("method_words")) + r")(?![\w-])")

    def __call__(self, doc: Doc) -> Doc:
        state = findings_of(doc)
        own = {c.surface or c.label for c in state.with_role("proposed")
               if c.is_name and c.entry is None}
        if own:
            self.parts(state, own)
        self.listed_definitions(state)
        self.own_named_definitions(state)
        first = self.first_own(state, own)
        if first is not None:
            self.colon_headings(state, first)
            self.enumerated_items(state, first)
            self.component_heads(state, first)
            self.counted_lists(state, first)
        return doc

    def listed_definitions(self, state: Findings) -> None:
        """"namely the super Quill Extractor (SQE), the Quill Extractor (QE), and the
        minimal Quill Extractor (MQE)": the acronym definitions listed right after one the
        paper proposes are its own too (a cue names the first item only)."""
        text = state.text
        longs = sorted((c for c in state.live if c.rule == "acronym-definition" and c.is_name
                        and c.entry is None and c.surface and c.surface != c.label
                        and c.start >= state.abstract_start), key=lambda c: c.start)
        for prev, cand in zip(longs, longs[1:], strict=False):
            if not state.has_role(prev, "proposed") or state.has_role(cand, "proposed"):
                continue
            close = text.find(")", prev.end, prev.end + 20)
            if close == -1 or not _DEFINITION_GLUE.fullmatch(text, close + 1, cand.start):
                continue
            for c in [cand] + [c for c in state.live if c.rule == "acronym-definition"
                               and c.label == cand.label and c.surface == c.label]:
                state.claim(c, "proposed", "own-part", self.conf)

    def own_named_definitions(self, state: Findings) -> None:
        """"a decoder-only QuillFormer language model (QuillLM)", "a QuillFormer-based ViT
        (QuillViT)": an acronym the paper defines from one of its own names is its own."""
        names = {c.surface or c.label for c in state.with_role("proposed")
                 if c.is_name and not c.family and len(c.surface or c.label) > 2}
        if not names:
            return
        # The long forms that could be defined from an own name, each holding one as a
        # substring: the regex (compiled per paper, the costly part) runs only for them.
        defined = [cand for cand in state.live
                   if cand.rule == "acronym-definition" and cand.entry is None and
                   cand.surface and cand.surface != cand.label and cand.label not in names
                   and any(n in cand.surface for n in names)]
        if not defined:
            return
        own = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(names))) +
                         r")(?![\w])")
        for cand in defined:
            if state.has_role(cand, "proposed") or \
                    state.has_role(cand, "baseline") or not own.search(cand.surface):
                continue
            for c in [cand] + [c for c in state.live if c.rule == "acronym-definition"
                               and c.label == cand.label and c.surface == c.label]:
                state.claim(c, "proposed", "own-part", self.conf)

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
        for word in ("It ", "it ", "Its core", "its core"):
            i = text.find(word, state.abstract_start)
            while i != -1:
                if i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "-"):
                    subjects.append((i, i + len(word.rstrip())))
                i = text.find(word, i + len(word))
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
                state.claim(cand, "proposed", "own-component", self.conf)

    def component_heads(self, state: Findings, first: int) -> None:
        """"a Sparse Relay module", "the QuillPool mechanism": an unknown name with a
        component head, in a sentence of the paper's own work."""
        text = state.text
        # A name the abstract uses before it speaks of its own work is someone else's
        # ("X offers an efficient framework. ... we apply the X objective").
        earlier = {c.label for c in state.live if state.abstract_start <= c.start < first}
        for cand in list(state.live):
            if cand.start < first or not self.unknown(state, cand) or cand.type != "method" \
                    or cand.label in earlier:
                continue
            end = cand.end
            if text[end:end + 1] == ")" or text[end:end + 2] == " (":
                # "Long Form (LF) module": the head after the bracket.
                close = text.find(")", end, end + 40)
                end = close + 1 if close != -1 else end
            if not self.heads.match(text, end) and not self.headed_name(cand):
                continue
            s_start, _ = state.sentence(cand.start)
            before = text[s_start:cand.start]
            # "a Scalable Relay Transformer (SRT) module": the article before the long form.
            article = _BRACKETED_DETERMINER if before.endswith("(") else _PART_DETERMINER
            if self.not_own.search(before) or self.finding.search(before):
                continue
            if not article.search(before) and not _PASSIVE_DESIGN.match(text, end):
                continue
            state.claim(cand, "proposed", "own-component", self.conf)

    def enumerated_items(self, state: Findings, first: int) -> None:
        """"QuillNet (i) performs Quill Trajectory Search (QTS) ..., (ii) introduces Local
        branching with ...", "a two-phase cycle: (i) a Library Learning phase ...; and (ii)
        a Library Evolution phase": the names that open the items of a numbered list in a
        sentence where the paper speaks of its own work (no count word needed)."""
        text = state.text
        own = {c.surface or c.label for c in state.with_role("proposed")
               if c.is_name and not c.family and len(c.surface or c.label) > 2}
        for m in _FIRST_ENUMERATOR_AT.finditer(text, first):
            s_start, s_end = state.sentence(m.start())
            before = text[s_start:m.start()]
            if not _OWN_VOICE.search(before) and not any(n in before for n in own):
                continue
            if self.not_own.search(before) or self.finding.search(before):
                continue
            style = m.group(1)
            series = _ENUMERATORS[style]
            starts = [m.end()]
            for label in series[1:]:
                nxt = re.compile(rf"(?<![\w(])\({label}\)\s*").search(text, starts[-1], s_end)
                if nxt is None:
                    break
                starts.append(nxt.end())
            if len(starts) < 2:
                continue
            for start in starts:
                span = self.item_name(text, start, s_end)
                if span is not None:
                    self.propose(state, *span)

    def item_name(self, text: str, start: int, limit: int) -> tuple[int, int] | None:
        """The name an enumerated item opens with, after its verb or article: capitalised
        words ("a Library Learning phase"), or, right after the verb, a capitalised word
        and the lower-case words of its name ("introduces Local branching with ...")."""
        lead = _ENUMERATED_LEAD.match(text, start, limit)
        pos = lead.end()
        name = _TITLE_WORDS.match(text, pos, limit)
        if name is None and lead.group("verb") and not lead.group("article"):
            name = _SENTENCE_CASE_NAME.match(text, pos, limit)
        if name is None or name.group().split()[0] in self.common:
            return None
        last = name.group().split()[-1].lower()
        if last in self.data_words:
            return None  # "(1) High-Quality Training Data: ...": data, no part
        return name.span()

    def colon_headings(self, state: Findings, first: int) -> None:
        """"QuillVAD: An ultra-lightweight module (0.6M parameters) based on ...": an
        unknown name that opens a sentence of the paper's own work, then a colon and an
        article with a part or method noun, describes one of the paper's own parts."""
        text = state.text
        for cand in list(state.live):
            if cand.start < first or not self.unknown(state, cand) or cand.type != "method":
                continue
            s_start, s_end = state.sentence(cand.start)
            if text[s_start:cand.start].strip() or not is_shaped(cand.label):
                continue
            m = self.heading_part.match(text, cand.end)
            if m and m.end() <= s_end:
                state.claim(cand, "proposed", "own-component", self.conf)

    def headed_name(self, cand: Candidate) -> bool:
        """"a Multi-Scale Fusion Block": a capitalised name of several words whose own
        last word is a component head names a part as well as "a Fusion block" does."""
        words_ = cand.surface.split() if cand.surface else []
        return len(words_) >= 2 and all(w[:1].isupper() for w in words_) and \
            words_[-1].lower() in self.component_words

    def counted_lists(self, state: Findings, first: int) -> None:
        """"through two dedicated components: a Quill Adapter for style and a Keep Adapter
        for identity", "with two variants, QuillASR-L and QuillASR-S": the names that a
        counted plural part noun (``own_part_nouns``) lists, no more than it counts, in a
        sentence of the paper's own work."""
        text = state.text
        for word_start, count, m in self.counted_at(text, first):
            s_start, s_end = state.sentence(word_start)
            # The clause of the count: "All modules reach SOTA: X: a module with two ...".
            clause = max(s_start, text.rfind(":", s_start, word_start) + 1,
                         text.rfind(";", s_start, word_start) + 1)
            if self.not_own.search(text, clause, word_start) or \
                    self.finding.search(text, clause, word_start):
                continue  # "We identify two failure modes: ...": findings, no parts
            if text.startswith("fold", m.start() - 4) and \
                    not self.part_noun.search(text, clause, word_start):
                continue  # "our results are twofold:": only the parts' count
            items = []
            pos = m.end()
            for group in [*_GROUPS.finditer(text, pos, s_end), None]:
                items += self.group_items(text, pos, group.start() if group else s_end)
                if group is None or len(items) >= count:
                    break
                pos = group.end()
            for start, end in items[:count]:
                self.propose(state, start, end)
            for start, end in self.enumerated_headings(state, m.end(), count):
                self.propose(state, start, end)

    def enumerated_headings(self, state: Findings, pos: int, count: int):
        """"three core contributions: (1) Quill Optimizers: We show ...; (2) Keep Memory
        Module: ... (3) ...": the names that open the items of a numbered list, which may
        run over several sentences, one name per enumerator, up to the count."""
        text = state.text
        first = _FIRST_ENUMERATOR.match(text, pos)
        if first is None:
            return []
        style = text[first.start():first.end()].strip()
        series = _ENUMERATORS[style.strip("()")]
        opening = "(" if style.startswith("(") else ""
        starts = [first.end()]
        for label in series[1:count]:
            mark = re.compile(rf"(?<![\w(]){re.escape(opening)}{label}\)\s*")
            nxt = mark.search(text, starts[-1], min(len(text), starts[-1] + _ITEM_REACH))
            if nxt is None:
                break
            starts.append(nxt.end())
        if len(starts) < 2:
            return []
        found = []
        for k, start in enumerate(starts):
            end = starts[k + 1] if k + 1 < len(starts) else state.sentence(start)[1]
            heading = _HEADING.match(text, start, end)
            if heading and self.name_like(heading.group(1)):
                found.append(heading.span(1))
        return found

    def counted_at(self, text: str, start: int):
        """(start, count, match) of each count word followed by a part noun."""
        found = []
        for word, count in _COUNTS.items():
            for cased in (word, word.capitalize()):
                i = text.find(cased, start)
                while i != -1:
                    end = i + len(cased)
                    after = _FOLD_COLON if word.endswith("fold") else self.counted
                    if (i == 0 or not text[i - 1].isalnum()) and \
                            (m := after.match(text, end)):
                        found.append((i, count, m))
                    i = text.find(cased, end)
        return sorted(found, key=lambda f: f[0])

    def group_items(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """The names that open the comma/"and" parts of one group, up to the first part
        that opens with no name (a description: "which handles ...")."""
        found = []
        pos = start
        for sep in [*_ITEM_SPLIT.finditer(text, start, end), None]:
            part_end = sep.start() if sep else end
            lead = _ITEM_LEAD.match(text, pos, part_end)
            name = _ITEM_NAME.match(text, lead.end(), part_end)
            if name is None or name.group().split()[0] in self.common or \
                    not (self.name_like(name.group()) or self.defined(text, name, part_end)):
                break
            found.append(name.span())
            if sep is None:
                break
            pos = sep.end()
        return found

    def name_like(self, item: str) -> bool:
        """A listed item that is a name: a name-shaped word ("QuillASR-L", "GeoMixer"),
        or capitalised words ending in a part head ("Relay Adapter", "Fast Mode"); plain
        capitalised English is no name ("five pillars: Memory, Control", "two task
        families, Customer Care and Smart Writing")."""
        words_ = item.rstrip(".").split()
        if any(is_shaped(w) and not not_a_name(w) for w in words_):
            return True
        return len(words_) > 1 and words_[-1].lower().split("-")[-1] in self.part_heads

    @staticmethod
    def defined(text: str, name: re.Match, end: int) -> bool:
        """Capitalised words that an acronym right after defines ("the Steady Flow Keeper
        (SFK)"): the paper names the part, whatever its last word."""
        return " " in name.group() and _DEFINED.match(text, name.end(), end) is not None

    def propose(self, state: Findings, start: int, end: int) -> None:
        name = state.text[start:end].rstrip(".")
        end = start + len(name)
        if name in self.known or name in self.stop or len(name) < 2 or \
                attached_modifier(name) or " " not in name and not_a_name(name):
            return  # "an OPSD-specific limitation": a modifier; "(2) 3B": no name
        same = [c for c in state.overlapping(start, end) if c.start == start and c.end == end]
        if any(c.type == "negative" or c.entry is not None or c.family for c in same):
            return
        if same:
            for cand in same[:1] + [c for c in state.live if same[0].rule ==
                                    c.rule == "acronym-definition" and c.label == same[0].label]:
                state.claim(cand, "proposed", "own-part", self.conf)  # and its acronym
            return
        if self.define(state, start, end):
            return
        inside = [c for c in state.overlapping(start, end) if not c.family]
        if any(c.start < start or c.end > end or c.type == "negative" or c.entry is not None
               for c in inside):
            return
        # (an unknown name inside the item is a part of the part's name: "QuillBook" of
        # "QuillBook Knowledge System")
        cand = state.add(Candidate(start, end, "method", name, "own-part", self.conf,
                                   surface=name), supersedes=bool(inside))
        state.claim(cand, "proposed", "own-part", self.conf)

    def define(self, state: Findings, start: int, end: int) -> bool:
        """A listed part whose acronym definition no rule typed ("the Gentle Border Judge
        (GBJ)"): being one of the paper's own parts makes it a method, in both forms."""
        text = state.text
        for d in state.definitions:
            if d.long_end == end and start <= d.long_start:
                aliases = (text[d.long_start:d.long_end], d.short)
                for s, e in ((d.long_start, d.long_end), (d.short_start, d.short_end)):
                    cand = state.add(Candidate(s, e, "method", d.short, "acronym-definition",
                                               self.conf, aliases=aliases, surface=text[s:e]),
                                     supersedes=True)
                    state.claim(cand, "proposed", "own-part", self.conf)
                state.acronyms[d.short] = cand
                return True
        return False
