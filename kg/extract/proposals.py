"""``kg_proposals_v1``: the names a paper gives its own work in the abstract.

"we propose / introduce / present X", "a model termed / dubbed / called X",
"we call our recipe X", "Our method, X, ...", and acronyms defined right after
such a cue ("we propose a simplified sparse attention (SSA) module").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg.extract.acronyms import WORD, schwartz_hearst
from kg.extract.context import context_typer, known_names
from kg.extract.cued import cued_compile
from kg.extract.lexicon import load_lexicon, name_key
from kg.extract.phenomena import phenomenon_terms
from kg.extract.records import Candidate, Findings, Retraction, findings_of
from kg.extract.rules import alternation, confidence, window, word_set, words, words_regex
from kg.extract.shapes import (
    TOKEN,
    attached_modifier,
    emphasised,
    extend_version,
    is_shaped,
    not_a_name,
)
from kg.extract.tokens import match_offsets, pattern_tokenizer

__all__ = ["ProposalFinder"]

_CALLED_NEXT = cued_compile(r"\s+(?:[\w-]+\s+){0,2}?(?:called|named|termed|dubbed)\b", re.I)
# The object a naming verb names: up to four lower-case words ("our simple recipe").
_NAMING_OBJECT = cued_compile(
    r"\s+([a-z][\w-]*)(?:\s+[a-z][\w-]*){0,3}?(?=\s+[A-Z0-9\u0370-\u03ff])")
# "we call this new approach quill-tuning.", "we term such module as quillgene.": a
# demonstrative object whose head is a method noun, then a lower-case name that ends the
# clause ("We call this measure the ideal glorp time", "such cases": no method noun).
_NAMING_OBJECT_LOWER = cued_compile(
    r"\s+(?:this|such|these|our)\s+(?:(?!as\s)[a-z][\w-]*\s+){0,2}((?!as\s)[a-z][\w-]*)\s+"
    r"(?:as\s+)?"
    r"[\"“]?([a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})[\"”]?(?=\s*(?:[,;(]|\.(?:\s|$)))")
_AND_NAME = cued_compile(r"\s+and\s+([A-Za-z0-9][\w]*(?:[-.+][\w]+)*)(?=[\s,.;:)]|$)")
# "so-called X" quotes a term; "named entity/entities" and "named" before a plural
# common noun ("named objects") are the adjective, not a naming cue.
_SO_CALLED = cued_compile(r"so[-\s]$", re.I)
_NAMED_ADJECTIVE = cued_compile(
    r"(?i:named)\s+(?:(?i:entit(?:y|ies))\b|[a-z]+(?<![su]s)(?<!is)s"
    r"(?=\s*(?:[,.;:)]|and\b|or\b|$)))")
# (A dash closes the name like a comma: "a process we refer to as quillfitting -- the ...")
_LOWER_THEN_SHAPED = cued_compile(
    r"([a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+([A-Z][\w-]*)"
    r"(?=\s*(?:[,.;(—–]|--\s)|\s+(?:which|that|to|for)\b)")
_LOWER_NAMED = cued_compile(
    r"([a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}?)(?=\s*(?:[,.;(—–]|--\s)|\s+(?:which|that|to|for)\b)")
# (a dash closes the object like a comma: "we develop QuillGym -- an extensive set")
_OBJECT_END = cued_compile(r"\s*(?:[,;:(—–]|--|\.(?:\s|$)|$|(?:which|that|as|to|for|with|and)\b)")
_NEXT_LOWER = cued_compile(r"\s+([a-z][\w-]*)")
_WORD_BEFORE = cued_compile(r"([\w-]+)[\s,]*$")
_SPACE_PUNCT = cued_compile(r"[\s,:\"“‘'`(]*")
_NONSPACE = cued_compile(r"\S+")
_NEXT_CAPWORD = cued_compile(r"\s+((?:of|for|with|and|to|on|via|in)\s+)?"
                             r"([A-Z\u0391-\u03a9][\w\u0370-\u03ff]*(?:-[\w\u0370-\u03ff]+)*)")
# A word that modifies a noun, no name: "non-AR", "LLM-embedded", "discrete-to-continuous".
_MODIFIER_WORD = cued_compile(r"^non-|-[a-z]{2,}ed$|-to-[a-z]+$")
_BY_SUBJECT = cued_compile(r"\bby\s+$", re.I)
_REFER_CUE = cued_compile(r"refers?\s+to\s+\S", re.I)
_WHAT_WE = cued_compile(r"\bwhat\s+(?:we|is|are)\s+$", re.I)
# "refer to [this step / our framework] as": the object between, then the name.
_REFER_OBJECT = cued_compile(
    r"\s+(?:(?:this|these|our|the|it|them|such)\b[\w\s-]{0,40}?(?<!such)\s+)?as\b", re.I)
# "a novel multi-stage ", "our proposed ", "the proposed ": up to three modifiers between.
_NOVEL_BEFORE = cued_compile(
    r"\b(?i:(?:a|an|the|our)\s+(?:novel|proposed)|our(?:\s+own)?)(?:\s+[\w-]+){0,3}?\s+$")
# "prior work used a novel ...": someone else's novelty.
_OTHERS_WORK = cued_compile(r"\b(?:prior|previous|existing|earlier|recent|their)\b", re.I)
_OWN_CUES = ("our ", "Our ", "the proposed ", "The proposed ")
# ', a heterogeneous tool retrieval benchmark' after a name (a closing quote and a
# bracket between): the apposition's words up to where its noun phrase ends.
_APPOSITION_HEAD = cued_compile(
    r"[\"”’'`]?(?:\s*\([^()]{1,80}\))?\s*,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,6}?([a-zA-Z-]+)"
    r"(?=\s*[,.;:(]|\s+(?:of|for|to|in|on|with|that|which|where|and|or|comprising|consisting|"
    r"built|designed|based|covering|containing|spanning|featuring|including|across|from|"
    r"tailored|trained|aimed|dedicated|capable|enabling|using|via|by)\b)")
# Heads that name a group, typed by what follows "of" ("a suite of models").
_COLLECTIVE_HEADS = frozenset({"suite", "collection", "set", "series", "family", "split",
                               "track", "resource"})
_GROUP_OF = cued_compile(r"\s*,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:"
                         + "|".join(sorted(_COLLECTIVE_HEADS)) + r")\s+of\s", re.I)
_GROUPED = cued_compile(r"(?:[\w-]+\s+){0,3}?([a-zA-Z-]+)(?=\s*[,.;:(]|\s+(?:for|to|in|on|with|"
                        r"that|which|and|or|across|from|trained|covering)\b)")
_CARET_POWER = cued_compile(r"\^[\w{}]+(?:-[\w]+)*")
# "we propose BARREL-a novel framework": a dash written as a hyphen before an article.
_QUOTED_NAME = cued_compile(r"\s+(?:as\s+)?[\"“‘`']{1,2}([\w][\w\s-]{1,40}?[\w])[\"”’']{1,2}")
# "a novel pre-training objective, ": the object before a name set in apposition to it.
_APPOSED_OBJECT = cued_compile(r"\s+((?:an?|the|our)\s+(?:[\w-]+\s+){0,4}?[a-z][\w-]*)\s*,\s+")
# "a One-Token-Seg-All approach", "a novel Slow-Fast video encoding strategy": a coined
# compound of capitalised words, then a few lower-case words and a head noun.
_CAPITALISED_COMPOUND = cued_compile(r"[A-Z][a-z]*(?:-[A-Z][a-z]*)+")
_LOWER_WORDS = (r"((?:\s+(?!(?:that|which|for|with|to|of|in|on|and|or|by|from|as)\b)"
                r"[a-z][\w-]*){0,3}?)")
_HYPHEN_ARTICLE = cued_compile(r"-(?:a|an|the)$")
# "We study X and introduce Y": a second verb of a sentence whose subject is "we".
_AND_VERB = cued_compile(r"(?:,\s*|\s)(?:and|then)\s+(?:also\s+|further\s+|then\s+)?$", re.I)
_WE_OPENS = cued_compile(r"\W*(?:[\w-]+,?\s+){0,4}?we\s", re.I)
# "we propose a pointer network-based architecture (QuillNet)": the object's words, then
# its name in brackets (up to three words).
# Where a proposal sentence's clause ends for the definitions tied to it.
_CLAUSE_STOP = cued_compile(r"[;:]|\.(?:\s|$)")
# "... tokenizer with Binary Spherical Quantization (BSQ)": "with", then the definition.
_WITH_DEFINITION = cued_compile(r"\bwith\s+(?=(?:the\s+|a\s+|an\s+)?[A-Z])")
# "Quill Patch Shuffling (QPS) and Zorb Self-Attention (ZSA)".
_AND_AFTER_DEFINITION = cued_compile(r"\)?\s*,?\s+and\s+(?=[A-Z])")
# "introduce latent QuillNet": a proposal verb, an article perhaps, one lower-case word.
_MODIFIED_OWN = cued_compile(
    r"(?i:propose|proposes|introduce|introduces|present|presents)\s+(?:(?:the|a|an)\s+)?"
    r"([a-z][a-z-]+)(?=\s)")
# A word with two capitals or more, written alone: "ARDiT", "SUNDAE".
_CAPITALS_WORD = cued_compile(r"(?<![\w-])([A-Z][A-Za-z]*[A-Z][A-Za-z]*)(?![\w-])")
# "X, a novel ...", "X -- a new ...", "X—a novel ...": a name in apposition to a novelty.
_NOVEL_APPOSITION = cued_compile(
    r"(?:\s*,|\s*--|\s+-|\s*[—–])\s*(?:a|an)\s+(?:novel|new)\b")
# Its end, which every match ends with ("a new", "an novel"): matches of it cannot overlap.
_NOVEL_CORE = re.compile(r"(?:a|an)\s+(?:novel|new)\b")
_APPOSITION_GLUE = ",-—–"  # (and white space): all a match holds before its core


def novel_appositions_in(text: str, pos: int) -> Iterator[re.Match]:
    """The matches of :data:`_NOVEL_APPOSITION` in ``text[pos:]``, as its ``finditer``
    gives them, found from its end: a match is the glue (white space and ``,-—–``) before
    an occurrence of :data:`_NOVEL_CORE`, so the pattern is tried only in that glue,
    from its first character (the leftmost start, as a scan would find it)."""
    done = pos
    for core in _NOVEL_CORE.finditer(text, pos):
        start = core.start()
        first = start
        while first > done and (text[first - 1] in _APPOSITION_GLUE or text[first - 1].isspace()):
            first -= 1
        for i in range(first, start):
            m = _NOVEL_APPOSITION.match(text, i)
            if m is not None:
                yield m
                done = m.end()
                break
_BRACKET_BEFORE = cued_compile(r"\s*\([^()]{1,20}\)\s*$")
_OWN_VOICE = cued_compile(r"\b(?:we|our|this\s+(?:paper|work|study))\b", re.I)
_CAPITALISED_PHRASE = cued_compile(r"(?<![\w-])((?:[A-Z][\w-]*\s+){0,4}[A-Z][\w-]*)$")
_BRACKETED_NAME = cued_compile(r"\s+((?:[\w-]+,?\s+){1,7}?)\(([^()\s][^();,]{0,38}?)\)")


class ProposalFinder:
    """Proposal and naming cues, and the paper's own names ("Our method, X")."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.typer = context_typer()
        self.known = known_names()
        self.stop = word_set("stop_names", lower=False)
        self.stop_lower = word_set("stop_names")
        self.common = word_set("common_capitalised", lower=False)
        self.skip = word_set("propose_skip")
        self.method_heads = word_set("method_heads")
        self.task_heads = word_set("task_heads")
        self.component_nouns = word_set("own_component_heads")
        # "we propose a new prompt sketching": the lower-case object after its adjectives.
        self.lower_phrase = cued_compile(
            r"\s+(?:(?:" + alternation(words("lowercase_object_skips"))
            + r")\s+)*([a-z][\w-]*(?:\s+[a-z][\w-]*){1,2})")
        self.task_names = {name_key(n) for e in load_lexicon() if e.kind == "task"
                           for n in e.names}
        self.nonmethod_heads = word_set("nonmethod_heads")
        self.generic_heads = word_set("generic_heads")
        # "Large-Scale", "Real-Time", "Fine-Grained": capitalised modifiers, no names.
        self.modifier_compound = cued_compile(r"[A-Za-z]+-(?:" + alternation(
            words("modifier_compound_tails")) + r")", re.I).fullmatch
        self.compound_head = cued_compile(_LOWER_WORDS + r"\s+(?:" + alternation(
            words("own_component_heads") + words("generic_heads")) + r")(?![\w-])")
        self.generic_titles = word_set("generic_titles")
        self.naming_verbs = word_set("naming_verbs")
        self.object_stops = word_set("naming_object_stops")
        self.clause_words = word_set("clause_words")
        self.of_heads = word_set("of_heads")
        self.determiners = word_set("name_determiners")
        self.dataset_right = words_regex(words("dataset_words"))
        self.method_right = words_regex(words("method_words"))
        # Cue words are found on tokens (PhraseMatcher); the subject is then checked in
        # the few words before the verb ("we further propose", "this paper introduces").
        subjects = alternation(words("propose_subjects"))
        self.subject = cued_compile(rf"\b(?:{subjects})\b(?:\s+[\w-]+,?){{0,3}}?\s+$", re.I)
        self.cue_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        tokenizer = pattern_tokenizer(nlp)
        self.cue_matcher.add("propose", list(tokenizer.pipe(words("propose_verbs"))))
        self.cue_matcher.add("propose-by", list(tokenizer.pipe(words("propose_gerunds"))))
        self.cue_matcher.add("naming", list(tokenizer.pipe(words("naming_cues"))))
        self.cue_matcher.add("refer", list(tokenizer.pipe(["refer to", "refers to"])))
        # "we build the Glorp-Loudness Module (GLM)": a part the paper defines.
        self.cue_matcher.add("component", list(tokenizer.pipe(words("component_verbs"))))
        self.strong_naming = cued_compile(
            r"(?:" + alternation(words("strong_naming_cues")) + r")\b", re.I)
        class_words = alternation(words("method_words") + words("dataset_words"))
        own_adjectives = word_set("own_adjectives")
        self.own_words = own_adjectives | word_set("method_words") | word_set("dataset_words")
        self.own_name = cued_compile(
            r"(?:[Oo]ur|[Tt]he\s+proposed)\s+(?:(?:" + alternation(own_adjectives) + r")\s+){0,2}"
            rf"(?:((?:{class_words})\s*(?:,|\()\s*(?:(?:called|named|dubbed|termed)\s+)?))?")
        self.cue_left = window("proposal_cue_subject")
        self._last_cues: tuple = (None, [])  # (findings, their cues): one document
        self.definition_reach = window("proposal_definition_reach")
        self.typing_left = window("proposal_typing_left")
        self.typing_right = window("proposal_typing_right")
        self.naming_noun_left = window("naming_noun_left")
        self.measure_heads = word_set("measure_heads")
        self.dataset_nouns = word_set("dataset_words") | word_set("apposition_dataset_nouns")
        self.method_nouns = word_set("method_words") | word_set("apposition_method_nouns")

    def __call__(self, doc: Doc) -> Doc:
        state = findings_of(doc)
        self.proposals(state, doc)
        self.linked_definitions(state, doc)
        self.own_names(state)
        self.novel_definitions(state)
        self.novel_appositions(state)
        self.title_head_before_for(state)
        self.modified_own_names(state)
        return doc

    def linked_definitions(self, state: Findings, doc: Doc) -> None:
        """Acronym definitions a proposal sentence ties to what it proposes: "we propose a
        new tokenizer with Binary Spherical Quantization (BSQ)" (the definition right
        after "with", before the first full stop or semicolon), and "this paper proposes
        Quill Patch Shuffling (QPS) and Zorb Self-Attention (ZSA)" (one more
        definition right after a proposed one and "and")."""
        text = state.text
        for rule, m_start, m_end, _ in self.cues(doc, state):
            if rule != "propose-cue":
                continue
            s_start, s_end = state.sentence(m_start)
            stop = _CLAUSE_STOP.search(text, m_end, s_end)
            limit = stop.start() if stop else s_end
            for w in _WITH_DEFINITION.finditer(text, m_end, limit):
                self.defined_after(state, w.end(), limit, rule)
            proposed = {c.label for c in state.with_role("proposed")}
            for c in sorted(state.live, key=lambda c: c.start):
                if c.rule == "acronym-definition" and c.label in proposed and \
                        m_end <= c.start < limit and c.surface == c.label:
                    after = _AND_AFTER_DEFINITION.match(text, c.end, limit)
                    if after is not None:
                        self.defined_after(state, after.end(), limit, rule)
                        proposed = {c.label for c in state.with_role("proposed")}

    def modified_own_names(self, state: Findings) -> None:
        """"We also introduce latent QuillNet, which ...": a lower-case word before one of
        the paper's own names, right after a proposal verb, names a variant the paper
        builds too (not an adjective of the object: "a lightweight QuillNet")."""
        text = state.text
        conf = confidence("propose-cue")
        # (A listed name the paper proposes is its own too: "DiffiT" is in the lexicon.)
        # Each capitalised written form of them ("Diffusion Vision Transformers (DiffiT)":
        # both), not a lower-case long form ("a soft tokenization module (STM)").
        own = {}
        for c in state.with_role("proposed"):
            if c.is_name and not c.family and c.label[:1].isalnum():
                own.setdefault(c.label, c)
                if c.surface[:1].isupper():
                    own.setdefault(c.surface, c)
        if not own:
            return
        # The verbs and the word after them, read once for all the names.
        modified = list(_MODIFIED_OWN.finditer(text, state.abstract_start))
        for surface, cand in own.items():
            for m in modified:
                word = m.group(1)
                start = m.start(1)
                end = m.end(1) + 1 + len(surface)
                if text[m.end(1) + 1:end] != surface or text[end:end + 1].isalnum() or \
                        text[end:end + 1] == "-":
                    continue
                if word in self.skip or word in self.stop_lower or word in self.own_words or \
                        word in self.object_stops or word in self.clause_words:
                    continue  # ("we propose with X": a preposition, no variant)
                left = text[max(state.sentence(start)[0], m.start() - self.cue_left):m.start()]
                if not (self.subject.search(left) or _AND_VERB.search(left)):
                    continue  # "we propose ...", "and also introduce ..."
                if any(c.start < end and start < c.end and not c.family
                       for c in state.overlapping(start, m.end(1))):
                    continue
                self._propose(state, start, end, cand.type, text[start:end], "propose-cue",
                              conf)

    def novel_appositions(self, state: Findings) -> None:
        """"we introduce X, which leverages the Quill Reward Model -- a novel reward
        parametrization": a name in apposition to "a novel/new ..." in a sentence where the
        paper speaks of its own work ("we", "our", and no "prior"/"existing" before the
        name) is one of the paper's own, wherever the proposal cue is."""
        text = state.text
        conf = confidence("own-name")
        for m in novel_appositions_in(text, state.abstract_start):
            s_start, s_end = state.sentence(m.start())
            end = m.start()
            bracket = _BRACKET_BEFORE.search(text, s_start, end)
            if bracket:
                end = bracket.start()  # "Quill Models (QMs) -- a new class of ..."
            before = text[s_start:end]
            if not _OWN_VOICE.search(before) or _OTHERS_WORK.search(before):
                continue
            phrase = _CAPITALISED_PHRASE.search(before)
            words_ = phrase.group(1).split() if phrase else []
            while words_ and (words_[0] in self.stop or words_[0].lower() in self.skip):
                words_ = words_[1:]  # "The Quill Model": the article is no part of it
            name = " ".join(words_)
            start = end - len(name)
            named = [c for c in state.live if c.end == end and c.start >= s_start and
                     c.type in ("method", "dataset") and not c.family]
            if named:
                cand = max(named, key=lambda c: c.end - c.start)
                if cand.start <= start and not state.has_role(cand, "baseline"):
                    # (not the tail of a longer name: "... Using Policy Optimization")
                    state.claim(cand, "proposed", "own-name", conf)
                continue
            if len(words_) < 2 or any(
                    not c.family and (c.type != "negative" or c.start <= start and c.end >= end)
                    for c in state.overlapping(start, end)):
                continue  # (a generic word inside is fine: "Quill Reward Model")
            head = words_[-1].lower()
            if head in self.nonmethod_heads and head not in self.dataset_nouns:
                continue  # "Quill Drift Detection, a new task": a task, no system
            kind = self.apposition_head_type(text, m.end() - 1 if text[m.end() - 1] == "," else
                                             m.start(), s_end) or "method"
            if head in self.dataset_nouns:
                kind = "dataset"
            self._propose(state, start, end, kind, name, "own-name", conf)

    def title_head_before_for(self, state: Findings) -> None:
        """"Tile Diffusion Models for Text-to-Audio Generation": a capitalised head with a
        method head before the first " for " of a title without a colon names the paper's
        method when the abstract writes it again — whole, without a final "model(s)" ("a
        novel grid diffusion"), with an acronym for part of it ("residual EBMs"), or as an
        acronym it spells ("Autoregressive Diffusion Transformer" and "ARDiT"). A head a
        lexicon knows is someone else's ("Byte-Pair Encoding for ..."); nothing is added
        when the abstract already proposes the head."""
        text = state.text
        title = text[:state.title_end]
        cut = title.find(" for ")
        if ": " in title or cut <= 0:
            return
        head = title[:cut]
        words_ = head.split()
        if not 2 <= len(words_) <= 4 or not all(w[:1].isupper() for w in words_):
            return
        if words_[0] in self.common or attached_modifier(words_[0]) or any(
                w.lower() in self.generic_titles for w in words_):
            return  # ("Residual Energy-Based Models": a modifier inside the name is fine)
        last = words_[-1].lower().split("-")[-1]
        singular = last[:-1] if last.endswith("s") else last
        if not ({last, singular} & self.method_heads) or last in self.nonmethod_heads:
            return
        generic = bool({last, singular} & self.generic_heads)
        if generic and len(words_) < 3:
            return  # "Foundation Models for ...": a class of models, no name
        if any(c.type == "negative" or c.family or c.entry is not None
               for c in state.overlapping(0, cut) if c.start == 0 and c.end >= cut):
            return  # "Vision Transformer for ...", "Byte-Pair Encoding for ...": known
        key = name_key(head)
        forms = {key, key[:-1] if key.endswith("s") else key}
        if generic:
            forms.add(name_key(" ".join(words_[:-1])))
        spans = [(m.start(), m.end(), m.group()) for m in WORD.finditer(head)]
        for c in state.with_role("proposed"):
            if any(name_key(n) in forms for n in (c.label, c.surface, *c.aliases)) or (
                    _CAPITALS_WORD.fullmatch(c.label) and c.label[0] == head[0]
                    and schwartz_hearst(c.label, spans) == 0):
                return  # the abstract proposes it already ("we propose Prompt Sketching",
                # "we introduce RAS" for "Region-Adaptive Sampling for ...")
        label = self.echoed_title_head(state, head, generic)
        if label is None:
            return
        conf = confidence("title-name/whole-title")
        aliases = (head,) if label != head else ()
        # (not superseding: the names inside stay, "Diffusion Transformer" is DiT too)
        cand = state.add(Candidate(0, cut, "method", label, "title-name", conf,
                                   aliases=aliases, surface=head))
        state.claim(cand, "proposed", "title-name", conf)

    def echoed_title_head(self, state: Findings, head: str, generic: bool) -> str | None:
        """The label of the title head ``head`` when the abstract names it again (an
        acronym that the abstract defines for it or that spells it, else the head); None
        when the abstract does not name it."""
        abstract = state.text[state.abstract_start:]
        low = abstract.lower()
        key = head.lower()
        forms = {key, key[:-1] if key.endswith("s") else key}
        words_ = head.split()
        if generic:
            forms.add(" ".join(words_[:-1]).lower())  # "grid diffusion" for "... Models"
        defined = [(c.surface.lower(), c.label) for c in state.live
                   if c.rule == "acronym-definition" and c.start >= state.abstract_start
                   and c.surface and c.surface != c.label]
        defined += [(c.surface.lower(), short) for short, c in state.acronyms.items()
                    if isinstance(c, Candidate) and c.surface and c.surface != short]
        for long_form, short in defined:
            if long_form.rstrip("s") == key.rstrip("s"):
                return short  # "Generative Pretrained Hierarchical Transformer (GPHT)"
            if long_form in key:
                forms.add(key.replace(long_form, short.lower()))  # "residual EBMs"
        if any(re.search(rf"(?<![\w-]){re.escape(f)}s?(?![\w-])", low) for f in forms if f):
            return head
        spans = [(m.start(), m.end(), m.group()) for m in WORD.finditer(head)]
        offset = state.abstract_start
        for m in _CAPITALS_WORD.finditer(abstract):
            short = m.group(1)
            if short[0] == head[0] and sum(ch.isupper() for ch in short) >= len(words_) and \
                    schwartz_hearst(short, spans) == 0 and not any(
                    c.entry is not None or c.family or c.type == "negative"
                    for c in state.overlapping(offset + m.start(1), offset + m.end(1))):
                return short  # (a lexicon name is someone else's: "BPE", "ViT")
        return None

    def novel_definitions(self, state: Findings) -> None:
        """"... trained via a novel multi-stage Quill Curriculum Learning (QCL) framework":
        an acronym the paper defines for something it calls novel or its own is its own,
        wherever the sentence's proposal cue is (no lexicon name: "a novel use of RAG")."""
        text = state.text
        conf = confidence("acronym-definition/proposed")
        defined = [c for c in state.live if c.rule == "acronym-definition" and c.entry is None
                   and c.start >= state.abstract_start and c.surface != c.label]
        for cand in defined:
            s_start, _ = state.sentence(cand.start)
            left = max(s_start, cand.start - 60)
            if state.has_role(cand, "proposed") or not _NOVEL_BEFORE.search(
                    text, left, cand.start) or _OTHERS_WORK.search(text, s_start, cand.start):
                continue
            for other in state.live:
                if other.rule == "acronym-definition" and other.label == cand.label:
                    state.claim(other, "proposed", "propose-cue", conf)

    # -- cues
    def cues(self, doc: Doc, state: Findings) -> list[tuple[str, int, int, str]]:
        """(rule, start, end, text) of every proposal or naming cue in the abstract: read
        from the text alone, once per document (two rules ask)."""
        last = self._last_cues
        if last[0] is not state:
            last = self._last_cues = (state, list(self._cues(doc, state)))
        return last[1]

    def _cues(self, doc: Doc, state: Findings) -> Iterator[tuple[str, int, int, str]]:
        text = state.text
        matches = sorted(self.cue_matcher(doc), key=lambda m: m[1])
        for kind, start, end in match_offsets(doc, matches):
            if start < state.abstract_start:
                continue
            left = text[max(state.sentence(start)[0], start - self.cue_left):start]
            if kind in ("propose", "component") and not self.subject.search(left) and not (
                    _AND_VERB.search(left) and _WE_OPENS.match(text, state.sentence(start)[0])):
                continue
            if kind == "propose-by" and not (_BY_SUBJECT.search(left)
                                             or self.subject.search(left)):
                continue
            if kind == "naming" and (_SO_CALLED.search(text, max(0, start - 3), start)
                                     or _NAMED_ADJECTIVE.match(text, start)):
                continue  # "so-called X", "named entities": no naming of a new thing
            if _WHAT_WE.search(left):
                continue  # "what we call X": a term for a phenomenon, not a new artifact
            if kind == "refer":
                # "We refer to this step as X", "we refer to our framework as X".
                as_ = _REFER_OBJECT.match(text, end)
                if not as_ or not self.subject.search(left):
                    continue
                end = as_.end()
            rule = "naming-cue" if kind in ("naming", "refer") else "propose-cue"
            if kind == "component":
                rule = "component-cue"
            yield rule, start, end, text[start:end]

    def name_after(self, state: Findings, pos: int, limit: int) -> tuple[int, int] | None:
        """The name that starts after ``pos`` once determiners and adjectives are skipped."""
        text = state.text
        skipped = 0
        while pos < limit:
            pos = _SPACE_PUNCT.match(text, pos).end()
            w = TOKEN.match(text, pos) or _NONSPACE.match(text, pos)
            if not w or w.start() >= limit:
                return None
            word = w.group()
            if emphasised(text, word):
                return None
            is_name = (is_shaped(word) and not not_a_name(word)) or word[0].isupper()
            # "We present A^2RD": a word with a power glued to it is a name, not an article.
            powered = word[0].isupper() and _CARET_POWER.match(text, w.end()) is not None
            if is_name and (word not in self.stop or powered) and (
                    word.lower() not in self.skip or word[0].isupper()
                    and word.lower() not in self.determiners or powered):
                end = w.end()
                # Capitalised phrase: keep adding capitalised words (with "of/for/with").
                while True:
                    nxt = _NEXT_CAPWORD.match(text, end)
                    if not nxt or nxt.end() > limit:
                        break
                    if nxt.group(1) and nxt.group(1).strip() in ("and", "to", "in", "on"):
                        break
                    end = nxt.end()
                end = extend_version(text, end)
                if (caret := _CARET_POWER.match(text, end)) is not None:
                    end = caret.end()  # "RL^2", "A^3-Net": the power is part of the name
                if self.task_word_part(text, w.start(), end):
                    return None  # "a Segmentation module": the part's task, no name
                if end == w.end() and not is_shaped(word):
                    # "Markov transformers": a plain word is a name only with its head noun.
                    head = _NEXT_LOWER.match(text, end)
                    if head and head.group(1).lower() in self.method_heads:
                        end = head.end()
                return w.start(), end
            if word.lower().strip(",") in self.skip or word in (",", "-", "and") or (
                    word.lower().endswith("ly") and skipped < 6):
                skipped += 1
                pos = w.end()
                if skipped > 8:
                    return None
                continue
            return None
        return None

    def apposed_name(self, state: Findings, pos: int, limit: int):
        """"we propose a novel pre-training objective, Quill Permutation Modeling, to ...":
        the name in apposition to an object of determiners, adjectives and a class noun."""
        m = _APPOSED_OBJECT.match(state.text, pos)
        if m is None or m.end() > limit or not self.object_gap(m.group(1)):
            return None
        head = m.group(1).split()[-1].lower()
        if head not in self.method_nouns and head not in self.component_nouns:
            return None
        return self.name_after(state, m.end(), limit)

    def compound_before_head(self, text: str, span: tuple[int, int], limit: int):
        """"we propose a One-Token-Seg-All approach": the coined compound without its
        generic head; "a novel Slow-Fast video encoding strategy": with the lower-case
        words between it and its head noun (``own_component_heads``, ``generic_heads``)."""
        first = TOKEN.match(text, span[0])
        if first is None or not _CAPITALISED_COMPOUND.fullmatch(first.group()) or \
                attached_modifier(first.group()) or self.modifier_compound(first.group()):
            return span
        m = self.compound_head.match(text, first.end())
        if m is None or m.end() > limit:
            return span
        return span[0], m.end(1)

    def task_word_part(self, text: str, start: int, end: int) -> bool:
        """"a Segmentation module", "a Depth Estimation head": a task word (``task_heads``)
        or a task the lexicon lists, right before a component noun
        (``own_component_heads``), says what a part does; it names nothing ("a Gated
        Retrieval layer" may be a name)."""
        name = text[start:end]
        after = _NEXT_LOWER.match(text, end)
        if after is None or after.group(1).lower() not in self.component_nouns:
            return False
        return " " not in name and name.lower() in self.task_heads or \
            name_key(name) in self.task_names

    # -- the rule
    def proposals(self, state: Findings, doc: Doc) -> None:
        text = state.text
        title = text[:state.title_end]
        conf = confidence("propose-cue")
        title_names = [c.surface for c in state.with_role("proposed")
                       if c.rule == "title-name" and c.start < state.title_end]
        phenomena = set(phenomenon_terms(text, state.abstract_start))
        for rule, m_start, m_end, m_text in self.cues(doc, state):
            s_start, s_end = state.sentence(m_start)
            if rule == "component-cue":
                # Only a name the paper defines right there is its own part.
                self.defined_after(state, m_end, s_end, rule, own_only=True)
                continue
            span = self.name_after(state, m_end, s_end)
            if span is None and m_text.lower() in self.naming_verbs:
                # "we call our simple recipe X", "we name this approach X": the object
                # comes first, then the name.
                gap = _NAMING_OBJECT.match(text, m_end)
                if gap and gap.end() < s_end and gap.group(1).lower() not in self.object_stops:
                    span = self.name_after(state, gap.end(), s_end)
                if span is None:
                    span = self.lowercase_after_object(state, m_end, s_end)
            if span is None and rule == "propose-cue":
                span = self.apposed_name(state, m_end, s_end)
            if span is None:
                span = self.lowercase_title_echo(state, m_end, s_end, title)
            if span is None and self.defined_after(state, m_end, s_end, rule):
                continue
            if span is None and rule == "propose-cue":
                span = self.bracketed_name(state, m_end, s_end)
            if span is None and rule == "naming-cue" and self.strong_naming.match(m_text):
                span = self.lowercase_named(state, m_end, s_end)
            referred = _REFER_CUE.match(m_text) is not None
            if span is None and m_text.lower() in self.naming_verbs:
                # "a process we term "weak-to-quill training"": the quoted name
                quoted = _QUOTED_NAME.match(text, m_end)
                if quoted and quoted.end() <= s_end:
                    span, referred = quoted.span(1), True
            if span is None and referred:
                span = self.lowercase_named(state, m_end, s_end, any_head=True)
            if span is None:
                continue
            span = self.compound_before_head(text, span, s_end)
            start, end = self.title_name_at(text, title_names, *span)
            if start in phenomena:
                continue  # "a phenomenon we term Quill Drift": observed, not built
            if _HYPHEN_ARTICLE.search(text, start, end) and text[end:end + 1].isspace():
                end = text.rindex("-", start, end)  # "BARREL-a novel ...": BARREL
            if self.names_a_measure(text[start:max([end, *(
                    d.long_end for d in state.definitions if d.long_start == start)])]):
                continue  # "we propose Paired Choice Accuracy (PCA)": a metric, no method
            if any(d.long_start == start for d in state.definitions) and self.defined_after(
                    state, m_end, s_end, rule):
                continue  # "we present Long Name via Back-translation (LN-BT), a ..."
            name = text[start:end].rstrip(".,;:'\"”’`")
            end = start + len(name)
            opened = [c for c in state.live if c.rule == "acronym-definition" and
                      c.start == start and c.entry is None]
            if opened:
                # "we present Language model Ensemble with Tree Search (LE-TS)": the long
                # form that opens the object is the name, whatever its first words are.
                self.claim_definition(state, opened, s_end, rule, conf)
                continue
            if name in self.stop or name.lower() in self.stop_lower or name.startswith("\\"):
                continue  # (a macro left in the text: "\VideoDatasetName")
            if " " not in name and _MODIFIER_WORD.search(name):
                continue  # "non-AR", "LLM-embedded", "Discrete-to-continuous"
            ref = state.acronyms.get(name) or state.acronyms.get(name[:-1] if name.endswith(
                "s") else name)
            if ref is not None and (ref.family or ref.entry is not None):
                continue  # "we release a suite of DLMs": the family the paper defined
            after = _NEXT_LOWER.match(text, end)
            if after and self.method_right.fullmatch(after.group(1)) and any(
                    c.family and c.start == start and c.end == end
                    for c in state.overlapping(start, end)):
                continue  # "we propose a unified LLM framework": the family is a modifier
            if self.typer.organisation_after(text, end):
                continue  # "describes the University of X's submission", "the X team"
            existing = [c for c in state.overlapping(start, end)
                        if not c.family and c.rule not in ("family-in-name", "implied-family")]
            if any(c.type == "negative" and c.start <= start and c.end >= end
                   for c in existing):
                continue  # the whole name is a metric, task, organisation...
            existing = [c for c in existing if c.type != "negative"]
            defined = [c for c in existing if c.rule == "acronym-definition"]
            if defined:
                # "we present Fully Binarized LLM (FBI-LLM)": the definition is the name.
                self.claim_definition(state, defined, s_end, rule, conf)
                continue
            if attached_modifier(name):
                continue  # "we propose a BERT-based model": a modifier, not a name
            if rule == "propose-cue" and _CALLED_NEXT.match(text, end):
                continue  # "we propose a novel X model called Y": Y is the name
            # "a dataset, termed X" / "decoder-transformers named X": the noun the
            # naming cue follows types the name.
            noun_kind = None
            before = _WORD_BEFORE.search(text, max(s_start, m_start - self.naming_noun_left),
                                         m_start)
            if rule == "naming-cue" and before:
                noun_kind = self.typer.noun_type(before.group(1))
            elif rule == "propose-cue":
                # "we introduce a novel architecture, LaDiC, which ...": the class noun the
                # name is apposed to types it, as a naming cue's noun does.
                obj = _APPOSED_OBJECT.match(text, m_end)
                if obj is not None and obj.end() == start:
                    noun_kind = self.typer.noun_type(obj.group(1).split()[-1])
            same = [c for c in existing if c.start == start]
            if same and same[0].end >= end and noun_kind is None and rule == "propose-cue" \
                    and same[0].entry is not None and same[0].type in ("method", "dataset"):
                # "we propose PAS, an LLM-based prompt augmentation system": the class noun
                # of the apposition types the paper's own name against the lexicon's.
                noun_kind = self.apposition_head_type(text, same[0].end, s_end)
            if same and same[0].end >= end and noun_kind and same[0].entry is not None \
                    and same[0].type != noun_kind:
                # "a model called TREC": this paper's TREC is no dataset of the lexicon.
                state.retract(Retraction(same[0].entry.id, (name,),
                                         f"named here as a {noun_kind}"))
                local = self._propose(state, start, end, noun_kind, name, rule, conf)
                state.acronyms[name] = local  # its other uses in this paper follow it
                continue
            if same and same[0].end >= end:
                # A known name is proposed when it is the object itself ("we present
                # Llama 2, a family of ...", not "we present GPT-4 evaluations").
                if same[0].rule == "acronym-definition" or same[0].entry is None or \
                        _OBJECT_END.match(text, same[0].end):
                    state.claim(same[0], "proposed", rule, conf)
                continue
            window_text = text[max(s_start, start - self.typing_left):start] + \
                text[end:min(s_end, end + self.typing_right)]
            kind = "dataset" if self.dataset_right.search(window_text) and not \
                self.method_right.search(text[end:min(s_end, end + 20)]) else "method"
            if self.typer.dataset_suffix.search(name):
                kind = "dataset"  # "QuillBench", "Quill-Dataset"
            kind = noun_kind or self.typer.apposition_type(text, end, s_end) or kind
            head_kind = self.apposition_head_type(text, end, s_end)
            if noun_kind is None and (head_kind == "dataset" or head_kind and _GROUP_OF.match(
                    text, end, s_end)):
                kind = head_kind  # "X, a retrieval benchmark comprising ...": its head noun;
                # "X, a suite of open models": what the suite holds
            if rule == "naming-cue" and kind == "method" and noun_kind is None:
                kind = self.typer.type_of(text, (s_start, s_end), start, end, name) or kind
            words_ = name.split()
            if kind == "method" and len(words_) > 1 and not referred and \
                    not any(is_shaped(w) for w in words_):
                head = words_[-1].lower().split("-")[-1]
                if head in self.nonmethod_heads or head in self.generic_heads:
                    continue
            self._propose(state, start, end, kind, name, rule, conf)
            self.name_first_definition(state, start, end, kind, name, rule, conf)
            # "we propose QuillGen and QuillEval": a coordinated second name.
            more = _AND_NAME.match(text, end)
            if more and more.end(1) <= s_end and state.is_free(more.start(1), more.end(1)) \
                    and is_shaped(more.group(1)) and not not_a_name(more.group(1)) \
                    and more.group(1) not in self.stop:
                self._propose(state, more.start(1), more.end(1), kind, more.group(1), rule,
                              confidence("propose-cue/coordinated"))

    def name_first_definition(self, state: Findings, start: int, end: int, kind: str,
                              name: str, rule: str, conf: float) -> None:
        """"Distill Once, Adapt Life-Long: Exploring ..." and "we introduce DO-ALL (Distill
        Once, Adapt Life-Long), a ...": the title's name spelling the long form of the
        definition right after the proposed name is that name (the long form an alias)."""
        defined = [d for d in state.definitions
                   if d.short_start == start and d.short_end == end and d.long_start > end]
        if not defined:
            return
        long_form = state.text[defined[0].long_start:defined[0].long_end]
        key = name_key(long_form)
        titled = [c for c in state.live if c.rule == "title-name" and c.entry is None
                  and c.label != name and name_key(c.label) == key]
        if not titled:
            return
        aliases = (long_form, name)
        for cand in list(state.live):
            if cand.start == start and cand.end == end and cand.label == name:
                state.live = [c for c in state.live if c is not cand]
                state.live.append(replace(cand, aliases=aliases))
        for cand in titled:
            state.drop(cand, f"the title's name of {name}")
            self._propose(state, cand.start, cand.end, kind, name, "title-name",
                          confidence("title-name"), aliases=aliases)

    def claim_definition(self, state: Findings, defs: list, s_end: int, rule: str,
                         conf: float) -> None:
        """Propose every mention of the acronym definition ``defs`` opens (long and short
        form) and type it by what the sentence says after it."""
        label = defs[0].label
        for c in state.live:
            if c.rule == "acronym-definition" and c.label == label:
                state.claim(c, "proposed", rule, conf)
        self.type_definition(state, label, max(c.end for c in defs), s_end)

    def type_definition(self, state: Findings, label: str, end: int, limit: int) -> None:
        """"we introduce QuillArena (QA-9), a benchmark for ...": the proposed definition
        that no lexicon knows is the dataset its apposition says it is."""
        kind = self.apposition_head_type(state.text, end, limit)
        if kind != "dataset":
            return  # (a method's apposition adds nothing: definitions are methods first)
        for c in list(state.live):
            if c.rule == "acronym-definition" and c.label == label and c.entry is None and \
                    c.type in ("method", "dataset") and c.type != kind:
                state.retype(c, kind, f"proposed as a {kind} by its apposition")

    def apposition_head_type(self, text: str, end: int, limit: int) -> str | None:
        """The type that the head noun (the last word) of an apposition right after a name
        gives: "QuillRet, a heterogeneous tool retrieval benchmark comprising ..." is a
        dataset, "QuillSet (QS), a data curation pipeline" a method; None when the
        apposition ends in no class noun."""
        m = _APPOSITION_HEAD.match(text, end, limit)
        if m is None:
            return None
        head = m.group(1).lower()
        if head in _COLLECTIVE_HEADS and text.startswith(" of ", m.end()):
            # "a suite of open models", "a collection of agents": what it groups counts.
            grouped = _GROUPED.match(text, m.end() + 4, limit)
            if grouped is None:
                return None
            head = grouped.group(1).lower()
        for noun in (head, head[:-1] if head.endswith("s") else head):
            if noun in self.dataset_nouns:
                return "dataset"
            if noun in self.method_nouns:
                return "method"
        return None

    def names_a_measure(self, name: str) -> bool:
        """"Multiple Choice Accuracy", "Drift Score": a named measure (``measure_heads``),
        which GUIDELINES never counts as a proposed method or dataset."""
        words_ = name.split()
        return len(words_) > 1 and words_[-1].lower().strip(".,;:") in self.measure_heads

    @staticmethod
    def title_name_at(text: str, title_names: list[str], start: int,
                      end: int) -> tuple[int, int]:
        """The span of the title's own name when the cue's object starts with it ("we
        propose MR. Video", "termed Draw an Audio"), else ``start, end``."""
        for name in title_names:
            name_end = start + len(name)
            if name_end > end and text[start:name_end].lower() == name.lower() and \
                    not text[name_end:name_end + 1].isalnum():
                return start, name_end
        return start, end

    @staticmethod
    def _propose(state: Findings, start: int, end: int, kind: str, name: str, rule: str,
                 conf: float, aliases: tuple[str, ...] = ()) -> Candidate:
        cand = state.add(Candidate(start, end, kind, name, rule, conf, aliases=aliases,
                                   surface=state.text[start:end]), supersedes=True)
        state.claim(cand, "proposed", rule, conf)
        return cand

    def own_names(self, state: Findings) -> None:
        """"Our method, Quillify, ...", "our proposed Quillify algorithm": a name the
        paper calls its own (not a known name: "our BERT model" proposes nothing)."""
        text = state.text
        title_names = [c.surface for c in state.with_role("proposed")
                       if c.rule == "title-name" and c.start < state.title_end]
        found = []
        for needle in _OWN_CUES:  # str.find is much faster than a regex scan here
            i = text.find(needle, state.abstract_start)
            while i != -1:
                if i == 0 or not text[i - 1].isalnum():
                    found.append((i, i + len(needle)))
                i = text.find(needle, i + 1)
        for cue, pos in sorted(found):
            w = TOKEN.match(text, pos)
            if w is None:
                continue
            first = w.group()
            if first[0].islower() and first not in self.own_words:
                continue  # "our experiments": no name follows (cheap test first)
            m = self.own_name.match(text, cue)
            if m is None:
                continue
            w = TOKEN.match(text, m.end())
            if w is None:
                continue
            name = w.group().rstrip(".")
            start, end = w.start(), w.start() + len(name)
            # "our Video-3D LLM aligns ...": the title's name, not its first word.
            start, end = self.title_name_at(text, title_names, start, end)
            name = text[start:end]
            if name in self.stop or name in self.common or name.lower() in self.skip or \
                    not_a_name(name) or attached_modifier(name) or \
                    not (name[0].isupper() or is_shaped(name)):
                continue
            if name in self.known:
                continue
            if not state.is_free(start, end):
                # "Our proposed VA-VAE (Long Form)", "our open-source benchmark, QuillBench":
                # the unknown name another rule found there is the paper's own.
                same = [c for c in state.overlapping(start, end) if c.start == start and
                        c.end == end and c.entry is None and not c.family and
                        c.type in ("method", "dataset") and not state.has_role(c, "baseline")]
                if same and (m.group(1) is not None or is_shaped(name)):
                    state.claim(same[0], "proposed", "own-name", confidence("own-name"))
                continue
            if m.group(1) is None and not is_shaped(name):
                # "our Quillify algorithm": a plain capitalised word needs its class noun.
                after = _NEXT_LOWER.match(text, end)
                if not after or not self.method_right.fullmatch(after.group(1)):
                    continue
            kind = self.typer.type_of(text, state.sentence(start), start, end, name) or "method"
            self._propose(state, start, end, kind, name, "own-name", confidence("own-name"))

    # -- names right after a cue that are defined, lower-case or echo the title
    def defined_after(self, state: Findings, pos: int, limit: int, rule: str,
                      own_only: bool = False) -> bool:
        """"called conditional attention module (CAM)", "we propose a simplified linear
        attention (SLA) module", "a novel matrix family, the Block Tensor-Train (BTT)":
        the acronym defined right after the cue is proposed. ``own_only``: only a typed
        definition that no lexicon knows (after "we implement the ...")."""
        text = state.text
        limit = min(limit, pos + self.definition_reach)
        conf = confidence("acronym-definition/proposed")
        for cand in sorted(state.live, key=lambda c: c.start):
            if cand.rule == "acronym-definition" and pos <= cand.start < limit:
                if own_only and cand.entry is not None or self.names_a_measure(cand.surface):
                    break
                gap = text[pos:cand.start]
                if all(w in self.skip for w in gap.lower().replace(",", " ").split()) or (
                        cand.entry is None and self.object_gap(gap)):
                    ends = []
                    for other in state.live:
                        if other.rule == "acronym-definition" and other.label == cand.label:
                            state.claim(other, "proposed", rule, conf)
                            ends.append(other.end)
                    self.type_definition(state, cand.label, max(ends),
                                         state.sentence(cand.start)[1])
                    return True
                break
        for d in state.definitions if not own_only else ():
            if pos <= d.long_start < limit and self.object_gap(text[pos:d.long_start]) and \
                    not self.names_a_measure(text[d.long_start:d.long_end]):
                # Nothing typed this definition; being proposed makes it a name. Its
                # type: the class word before it ("a benchmark, the ...") or the head of
                # the apposition after it ("X (X), a benchmark for ..."), else method.
                gap = text[pos:d.long_start]
                after = max(d.long_end, d.short_end)
                after += text[after:after + 1] == ")"
                kind = "dataset" if self.dataset_right.search(gap) or self.apposition_head_type(
                    text, after, state.sentence(pos)[1]) == "dataset" else "method"
                aliases = (text[d.long_start:d.long_end], d.short)
                for start, end in ((d.long_start, d.long_end), (d.short_start, d.short_end)):
                    cand = state.add(Candidate(start, end, kind, d.short, "acronym-definition",
                                               conf, aliases=aliases,
                                               surface=text[start:end]), supersedes=True)
                    state.claim(cand, "proposed", rule, conf)
                state.acronyms[d.short] = cand
                return True
        return False

    def bracketed_name(self, state: Findings, pos: int, limit: int) -> tuple[int, int] | None:
        """"we propose a pointer network-based architecture (QuillNet)", "a novel causal
        Q-Former (MRC Q-Former) structure": the name in brackets right after the object's
        words, when no acronym definition explains it."""
        m = _BRACKETED_NAME.match(state.text, pos)
        if m is None or m.end() > limit or not self.object_gap(m.group(1)):
            return None
        words_ = m.group(2).split()
        if len(words_) > 3 or not is_shaped(words_[0]) or not_a_name(words_[0]) or any(
                w in self.stop or not (w[0].isupper() or is_shaped(w)) for w in words_):
            return None
        return m.start(2), m.end(2)

    def object_gap(self, gap: str) -> bool:
        """Only the object's determiners, adjectives and class nouns between a proposal
        cue and a definition ("a novel matrix family, the")."""
        words_ = gap.lower().replace(",", " ").split()
        if any(w in self.nonmethod_heads and w not in self.skip for w in words_):
            return False  # "a new detection metric, Macro Influence (MI)"; "this task"
        if any(w == "of" and (i == 0 or words_[i - 1] not in self.of_heads)
               for i, w in enumerate(words_)):
            return False  # "a combination of X (X)", but "a family of models, X (X)"
        return len(words_) <= 7 and all(
            w in self.skip or (w.isalpha() or "-" in w) and w not in self.object_stops
            and w not in self.clause_words for w in words_)

    def lowercase_named(self, state: Findings, pos: int, limit: int, any_head: bool = False):
        """"a library called dclib", "a block called appearance preservation module";
        with ``any_head`` any head noun ("we refer to this step as keyframe planning")."""
        start = _SPACE_PUNCT.match(state.text, pos).end()
        if state.text.startswith("as ", start):
            start += 3  # "termed as deep quill distillation"
        m = _LOWER_NAMED.match(state.text, start)
        if not m or m.end() > limit:
            # "a method called switched BT": lower-case modifiers before a name-shaped word.
            m = _LOWER_THEN_SHAPED.match(state.text, start)
            if m and m.end() <= limit and is_shaped(m.group(2)) and \
                    m.group(2) not in self.stop and not not_a_name(m.group(2)) and \
                    m.group(1).split()[0].lower() not in self.skip and \
                    not any(w in self.clause_words or w in self.object_stops
                            for w in m.group(1).split()):
                return m.start(1), m.end(2)
            return None
        words_ = m.group(1).split()
        if len(words_) == 1 or words_[-1].lower() in self.method_heads or any_head and not any(
                w.lower() in self.clause_words or w.lower() in self.object_stops for w in words_):
            if words_[0].lower() in self.skip:
                return None
            return m.start(1), m.end(1)
        return None

    def lowercase_after_object(self, state: Findings, pos: int, limit: int):
        """"We call this new approach quill-tuning.", "we term such module as quillgene.":
        after a naming verb, a demonstrative object with a method noun for its head
        (``method_words``), then a lower-case name of up to three words that ends the
        clause."""
        m = _NAMING_OBJECT_LOWER.match(state.text, pos)
        if m is None or m.end() > limit or m.group(1) not in self.method_nouns:
            return None
        words_ = m.group(2).split()
        if any(w in self.skip or w in self.clause_words or w in self.object_stops or
               w in self.stop_lower for w in words_):
            return None  # "we call this approach the ...": no name
        return m.start(2), m.end(2)

    def lowercase_title_echo(self, state: Findings, pos: int, limit: int, title: str):
        """"we propose prompt sketching" when the title writes "Prompt Sketching" (the
        object's articles and adjectives, ``lowercase_object_skips``, skipped)."""
        text = state.text
        m = self.lower_phrase.match(text, pos)
        if not m or m.end() > limit:
            return None
        phrase = m.group(1)
        for n in range(len(phrase.split()), 1, -1):
            part = " ".join(phrase.split()[:n])
            found = title[:len(part)]
            if found.lower() == part.lower() and not title[len(part):len(part) + 1].isalnum() \
                    and all(w[0].isupper() for w in found.split()):
                return m.start(1), m.start(1) + len(part)
        return None
