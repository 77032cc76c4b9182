"""``kg_comparisons_v1``: which methods the paper compares its own work against."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import pairwise
from operator import attrgetter

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg.extract.cued import cued_compile
from kg.extract.lexicon import name_key
from kg.extract.records import Candidate, Findings, findings_of
from kg.extract.rules import alternation, confidence, window, word_set, words, words_regex
from kg.extract.shapes import is_shaped, not_a_name
from kg.extract.tokens import match_offsets, pattern_tokenizer

__all__ = ["ComparisonTagger"]

_FRONT_START = cued_compile(r"^\W*(?:\w+\W+){0,2}$")
_COMMA = cued_compile(r",")
# (a score after an item, "X of 5.33, Y of 5.34 and Z", is part of the item)
_LIST_GLUE = cued_compile(
    r"(?:\s*\([^()]{0,30}\))?(?:\s+(?:of|at)\s+[\d.,]+\s*%?)?"
    r"\s*(?:,\s*(?:and\s+|or\s+)?|(?:and|or|as\s+well\s+as)\s+)")
# The end of a list of long items: its last comma and "and"/"or", then up to two modifiers
# of the last item; no clause inside (a verb, a relative pronoun, "we").
_LONG_ITEMS_END = cued_compile(r",\s+(?:and|or)\s+(?:[\w-]+\s+){0,2}$")
_LONG_ITEMS_WORDS = 12
_MORE_ITEMS = cued_compile(r"\s*(?:,|and\b|or\b)")
_EG = cued_compile(r"\b(?:e\.g|i\.e|cf)\.,?", re.I)
_SHARE_OF = cued_compile(r"\d\s*%\s+of\s+(?:the\s+)?$")
_POSSESSIVE = cued_compile(r"(?:'s|’s)\s")
_DECIMAL = cued_compile(r"\d+\.\d+")
_START = attrgetter("start")
# "For X, ours enables one-step generation (6.3x speed-up)": a fronted "For X," whose
# main clause states a speed-up or a gain of the paper's own method over X.
_FOR_FRONT = cued_compile(r"^\W*For\s+(?:the\s+)?$")
# "1.6-10x": a speed-up factor some name rule took for a name, never a rival.
_FACTOR = cued_compile(r"[\d.,]+(?:[-–][\d.,]+)?\s*[x×]$", re.I)
_TIMES_BEFORE = cued_compile(r"\d\s*[x×]\s*$", re.I)
# A score in a clause: "31.3%", "0.83" (not a year or a count).
_SCORE = cued_compile(r"(?<![\w.])\d+(?:\.\d+)?\s*%|(?<![\w.])\d+\.\d+(?![\w.])")
# "while" that opens the sentence or a "that" clause, its clause before the main one.
_FRONT_WHILE = cued_compile(r"(?:^\W*|\bthat\s+)$")
# A bare acronym ("RL", "VLMs", "SOTA"): before "approaches" it makes a compound noun.
_ACRONYM_WORD = cued_compile(r"[A-Z]{2,6}s?")
# "Self-Forcing", "Quill-Image-Layered": capitalised words joined by hyphens.
_TITLE_COMPOUND = cued_compile(r"(?<![\w-])[A-Z][a-z]+(?:-[A-Z][a-z]+)+(?![\w-])")
_NEXT_WORD = cued_compile(r"\s+([a-z][\w-]*)")


class ComparisonTagger:
    """Marks the methods the paper compares against ("outperforms X", "than X").

    A comparison cue opens a window that ends at a clause break; method names in
    it become baselines, unless they are the paper's own proposal. Contrast cues
    ("unlike", "rather than") close the window ("contrast is not comparison").
    """

    def __init__(self, nlp: Language, name: str):
        self.name = name
        # Cues are matched on tokens (PhraseMatcher, lower case): much faster than one
        # big regex alternation over the text.
        self.cue = PhraseMatcher(nlp.vocab, attr="LOWER")
        # "over", "w.r.t.": a cue only after a gain or a speed-up word ("over_needs").
        self.gated = word_set("gated_comparison_cues")
        tokenizer = pattern_tokenizer(nlp)
        self.cue.add("cue", list(tokenizer.pipe(sorted(
            set(words("comparison_cues")) | set(words("contrast_cues")) | set(self.gated)
            | set(words("approach_cues"))))))
        # "QuillMoE approaches Qwen3": the verb, after its subject, not the noun ("recent
        # approaches such as X").
        self.approach = word_set("approach_cues")
        self.approach_subjects = word_set("approach_subjects")
        self.approach_copulas = word_set("approach_progressive_before")  # "is approaching X"
        self.contrast = {re.sub(r"\s+", " ", c.lower()) for c in words("contrast_cues")}
        # Prepositional cues that can front a sentence: "Compared to X and Y, our model ...".
        self.fronted = word_set("fronted_comparison_cues")
        self.examples = cued_compile(
            r"\s*(?:" + alternation(words("example_cues") + words("emphasis_cues")) + r")(?!\w)",
            re.I)
        # \b first: the engine rejects most positions before trying the alternation.
        self.example_after_head = cued_compile(
            r"\b(?:" + alternation(words("method_words")) + r")\b[^.;:]{0,60}?(?:"
            + alternation(words("example_cues")) + r")(?![\w-])", re.I)
        self.example_cue = cued_compile(r"(?<![\w-])(?:" + alternation(words("example_cues"))
                                        + r")(?![\w-])", re.I)
        self.as_as = cued_compile(r"\b(?<![\w-])(?:as|same|identical|similar)\s+(?:[\w-]+\s+){1,3}?"
                                  r"as(?![\w-])", re.I)
        self.over_needs = words_regex(words("over_needs"), suffix="")
        self.behind_needs = words_regex(words("behind_needs"), suffix="")
        # "performs as well as X": the verb right before the cue.
        self.as_well_as_verb = re.compile(r"(?<![\w-])(?:" + alternation(words(
            "as_well_as_verbs")) + r")\s+$", re.I)
        self.against_targets = words_regex(words("against_targets"))
        # "compared to 49% (95% CI ...)", "existing metrics, such as X": a number, or data
        # or measures, is what the unknown word after the cue names.
        self.not_rival = cued_compile(r"\d|" + words_regex(
            words("dataset_words") + [w + "s" for w in words("metric_heads")]
            + words("metric_heads"), suffix=r"(?![\w-])").pattern, re.I)
        self.breaks = words_regex([b for b in words("clause_breaks") if b.isalpha()])
        self.glue = word_set("list_glue")
        # Where the clause of a cue starts: ";", ":", ", and", "while", "but".
        self.clause_start = cued_compile(
            r"[;:]|,\s*(?:" + alternation(words("comma_clause_openers")) + r")\b|\b(?:"
            + alternation(words("clause_openers")) + r")\b", re.I)
        # "narrows the gap in FID with X", "closes the performance gap of reasoning to X".
        self.gap_with = cued_compile(
            r"gaps?\s+(?:" + alternation(words("gap_measure_preps")) + r")\s+(?:[\w-]+\s+){0,3}?(?:"
            + alternation(words("gap_target_preps")) + r")\b", re.I)
        # "we compare our model with X": the verb, up to four words, its preposition.
        self.compare_object = cued_compile(
            r"[Cc]ompar(?:e|es|ed|ing)\s+(?:[\w-]+\s+){1,4}?(?:"
            + alternation(words("compared_object_preps")) + r")\b", re.I)
        # "outperforms a previously developed ... model, X"
        self.apposition = cued_compile(
            r"\b(?:" + alternation(words("comparison_apposition_heads"))
            + r")s?(?:\s*\([^()]{1,20}\))?\s*,\s*$", re.I)
        # "X is outperformed by our model": the passive subject is the one compared against.
        self.passive_agents = words("passive_comparison_agents")
        self.passive = cued_compile(
            r"\b(?:" + alternation(words("passive_comparison_auxiliaries"))
            + r")\s+(?:\w+ly\s+)?(?:" + alternation(words("passive_comparison_verbs"))
            + r")\s+by\s+(?:"
            + alternation(self.passive_agents) + r")\b")
        # "by 3 points", "by +17.6~pp", "by ~2x": the amount of a gain, glue between objects.
        self.by_amount = cued_compile(
            r"\bby\s+(?:up\s+to\s+|over\s+|about\s+)?[+~≈]?[\d.,]+[\s~]*(?:"
            + alternation(words("gain_amount_units")) + r")?(?!\w)", re.I)
        # "X and Y as (our strong) baselines", "X serving as the baseline".
        self.as_baselines = cued_compile(
            r"(?<![\w-])as\s+(?:(?:" + alternation(words("as_baselines_modifiers"))
            + r")\s+)*baselines?\b", re.I)
        self.as_gap = cued_compile(r"\s*(?:\([^()]{0,30}\)\s*)?(?:(?:"
                                   + alternation(words("as_baselines_verbs")) + r")\s+)?")
        # No clause inside a list of long items: a verb, a relative pronoun, "we".
        self.long_items_stop = cued_compile(
            r"\b(?:" + alternation(words("long_items_stops")) + r")\b", re.I)
        self.speedup = cued_compile(r"\d(?:[\d.]*)\s*(?:x|×|times)\s*(?:"
                                    + alternation(words("speedup_words")) + r")\b", re.I)
        # "faster than standard attention": the plain attention a paper measures itself
        # against is a method only as the object of a comparison (as "vanilla multi-head
        # attention" in the development gold); elsewhere "attention" is no name.
        self.plain_attention = cued_compile(
            r"\b(" + alternation(words("plain_attention_modifiers"))
            + r")\s+(?:self-)?attention\b", re.I)
        # A colon after a class word introduces the list ("three baselines: A, B and C").
        self.list_colon = cued_compile(
            r"\b(" + alternation(words("list_colon_heads")) + r")\s*:", re.I)
        # "X have achieved ... compared to Y": other people's result, not this paper's.
        verbs = alternation(words("background_perfect_verbs"))
        self.perfect = cued_compile(rf"\b(?:have|has)\s+(?:\w+\s+)?(?:{verbs})\b", re.I)
        self._background: tuple[list[int], int] | None = None
        self.own = cued_compile(r"\b(?:we|our|ours|us|this (?:paper|work|study))\b", re.I)
        self.over_left = window("comparison_over_left")
        self.gap_words = window("comparison_gap_words")
        self.gap_words_after_name = window("comparison_gap_words_after_name")
        self.apposition_words = window("comparison_apposition_words")
        self.head_link = cued_compile(
            r"\b(" + alternation(words("method_words")) + r")\s+(?:"
            + alternation(words("compared_head_links")) + r")(?![\w-])", re.I)
        # "applying OURS to X and Y yields gains", "we integrate OURS into X. ... OURS improves
        # it": the methods the paper's own one is added to, when a gain is stated.
        self.applied_to = cued_compile(r"(?<![\w-])(?:" + alternation(words("applied_to_verbs"))
                                       + r")\s+$", re.I)
        self.applied_prep = cued_compile(
            r"\s+(?:" + alternation(words("applied_to_preps")) + r")(?![\w-])", re.I)
        self.improvement = words_regex(words("improvement_words"))
        self.our_method = cued_compile(r"\b[Oo]ur\s+(?:proposed\s+|new\s+)?(?:" + alternation(
            words("result_own_nouns")) + r")s?(?![\w-])")
        # "OURS improves X", "OURS-training increases the accuracy of X", "OURS's capacity
        # to enhance X": what the paper's own method improves.
        self.improves = cued_compile(r"(?:-[\w-]+|(?:'s|’s)\s+\w+\s+to)?\s+(?:\w+ly\s+)?(?:"
                                     + alternation(words("improvement_verbs")) + r")(?![\w-])",
                                     re.I)
        # "while X reaches 31%, OURS reaches 60%": a score of another method set against one
        # of the paper's own in one sentence is a stated result, not a contrast.
        self.paired = words_regex(words("paired_result_conjunctions"))
        # "outperforms direct cross-view distillation", "gains over strategies such as
        # greedy voting": a lower-case technique no lexicon names, compared against.
        self.technique_head = words_regex(words("compared_technique_heads"))
        self.phrase_stops = word_set("compared_phrase_stops") | self.glue | {
            b for b in words("clause_breaks") if b.isalpha()} | {
            c.lower() for c in words("comparison_cues") if " " not in c}
        self.phrase_heads = word_set("method_words") | word_set("compared_class_nouns")
        self.class_examples = cued_compile(
            r"\b(?:" + alternation(words("compared_class_nouns")) + r")\s*,?\s*(?:"
            + alternation(words("example_cues")) + r")\s+", re.I)
        # "than LLM-based embedding models", "RL-tuned generators": a family that only
        # says how the compared things are built or trained is not what is compared
        # (but "Transformer-based counterparts" is).
        self.family_modifier = cued_compile(
            r"(?:-(?:" + alternation(words("family_modifier_participles")) + r"))?\s+([\w-]+)",
            re.I)
        self.modifier_participle = cued_compile(
            r"-(?:" + alternation(words("family_modifier_participles")
                                  + words("method_modifier_suffixes")) + r")$", re.I)
        # "a GAN loss-based framework": the word after the family is itself a modifier.
        self.modifier_word = cued_compile(
            r"[\w-]+-(?:" + alternation(words("method_modifier_suffixes")) + r")$", re.I)
        self.generic_heads = word_set("compared_generic_heads")
        self._common = word_set("common_capitalised", lower=False)
        self._modifiers = word_set("task_generic_modifiers") | word_set("task_adjectives")
        self._function_words = word_set("title_inner_words")
        self._modifier_compound = cued_compile(r"[A-Za-z]+-(?:" + alternation(
            words("modifier_compound_tails")) + r")", re.I).fullmatch
        self._break_words = {b for b in words("clause_breaks") if b.isalpha()}
        suffixes = alternation(words("comparison_suffixes"))
        # "GPT-4-level", "GPT-4 level performance" (not "a GPT-4 level model").
        self.suffix = cued_compile(
            rf"(?:-(?:{suffixes})|\s+level(?=\s+(?:performance|quality|accuracy|results?|"
            rf"capabilit\w*|scores?)\b))\b", re.I)

    def __call__(self, doc: Doc) -> Doc:
        state = findings_of(doc)
        text = state.text
        # A family inside or implied by a name is compared only through that name
        # ("outperforms Diffusion Transformers" compares with DiT, not with Transformer).
        methods = [c for c in state.live if c.type == "method"
                   and c.rule not in ("implied-family", "family-in-name")
                   and not _FACTOR.match(c.label)]
        if not methods and not state.pending and "attention" not in text and \
                not self.technique_head.search(text, state.abstract_start) and \
                not _TITLE_COMPOUND.search(text, state.abstract_start):
            return doc
        own = state.with_role("proposed")
        proposed = {name_key(c.label) for c in own} | {name_key(a) for c in own
                                                       for a in c.aliases}
        spans = sorted({(c.start, c.end) for c in state.live if c.type in ("method", "dataset")})
        # "Microsoft DeepSpeed-Inference", "OpenAI's o1": the vendor written before a name
        # belongs to the listed item.
        self._vendors = {c.end: c.start for c in state.live if c.type == "negative"
                         and c.entry is not None and c.entry.kind == "organisation"}
        # A cue glued to a word before it is part of a compound ("distribution-matching",
        # "flow-matching"), not a comparison.
        cues = [(s, e, text[s:e]) for _, s, e in match_offsets(doc, self.cue(doc))
                if not (text[s - 1:s] == "-" and text[s - 2:s - 1].isalnum())
                and not self._inside_a_name(state, s, e)]
        # "QuillMoE approaches X" is a cue; the noun ("existing approaches such as X") is not.
        cues = [c for c in cues if c[2].lower() not in self.approach or
                self._approach_verb(state, c[0], state.sentence(c[0])[0], c[2])]
        cues += [(m.start(), m.end(), m.group())
                 for m in self.as_as.finditer(text)]
        # "we compare our model with X": the verb and its preposition around the object.
        i = text.find("ompar")
        while i > 0:
            m = self.compare_object.match(text, i - 1)
            if m and (i == 1 or not text[i - 2].isalnum()):
                cues.append((m.start(), m.end(), "compared with"))
            i = text.find("ompar", i + 5)
        i = text.find("gap")
        while i > 0:
            m = self.gap_with.match(text, i)
            if m and not text[i - 1].isalnum():
                cues.append((m.start(), m.end(), "gap with"))
            i = text.find("gap", i + 3)
        # Of two cues ending together the longer one counts: "rather than" (a contrast),
        # not the "than" inside it.
        cues.sort(key=lambda c: (c[1], -c[0]))
        self._background = None  # computed when a comparison first needs it
        self._examples = None  # every "<class noun> ... such as", found when first needed
        cues_ends = [c[1] for c in cues]
        if "attention" in text:
            methods += self._plain_attention(state, spans, cues, cues_ends)
        conf = confidence("comparison")
        phrases = self._technique_phrases(state, spans, cues, cues_ends)
        if phrases:
            methods = [c for c in methods if not (c.family and any(
                p.start <= c.start and c.end <= p.end for p, _ in phrases))]
            for phrase, cue in phrases:
                state.claim(state.add(phrase), "baseline", f"comparison:{cue}", conf)

        # Where the paper's own names are written: a name inside one is part of it ("Quill"
        # in "Quill MoE v2", written out in the abstract with no rule finding it there).
        own_spans = []
        for surface in {c.surface for c in own if c.surface and " " in c.surface}:
            i = text.find(surface, state.abstract_start)
            while i != -1:
                own_spans.append((i, i + len(surface)))
                i = text.find(surface, i + len(surface))

        def is_own(cand: Candidate) -> bool:
            return name_key(cand.label) in proposed or state.has_role(cand, "proposed") or \
                any(s <= cand.start and cand.end <= e for s, e in own_spans)

        methods = [c for c in methods if not (c.family and self._family_as_modifier(
            text, c, methods))]
        for cand in methods:
            if is_own(cand):
                continue
            suffix = self.suffix.match(text, cand.end)
            if suffix:
                cue = "-" + suffix.group().lstrip("-").strip().lower()
                state.claim(cand, "baseline", f"comparison:{cue}",
                            confidence("comparison/suffix"))
                continue
            if _SHARE_OF.search(text, max(0, cand.start - 30), cand.start) and \
                    _POSSESSIVE.match(text, cand.end):
                state.claim(cand, "baseline", "comparison:% of",
                            confidence("comparison/share-of"))  # "95% of GPT-4's quality"
                continue
            if text[cand.start - 4:cand.start - 1].lower() == "for" and \
                    self._for_speedup(state, cand, proposed):
                state.claim(cand, "baseline", "comparison:for-speedup",
                            confidence("comparison/for-speedup"))
                continue
            i = bisect_right(cues_ends, cand.start) - 1
            if i > 0 and re.sub(r"\s+", " ", cues[i][2].lower()) == "as well as" and not \
                    self._compared(state, cand, spans, cues[i]):
                # "surpasses A as well as B": "as well as" only joins the objects.
                i = bisect_right(cues_ends, cues[i][0]) - 1
            if i >= 0 and self._compared(state, cand, spans, cues[i]):
                cue = re.sub(r"\s+", " ", cues[i][2].lower())
                state.claim(cand, "baseline", f"comparison:{cue}", conf)
        own_at = self._own_phrases(state, own)
        for cand, cue in self._improved_bases(state, methods, spans, own_at, is_own):
            state.claim(cand, "baseline", f"comparison:{cue}", conf)
        for cand in self._paired_results(state, methods, own_at, is_own):
            state.claim(cand, "baseline", "comparison:paired-results", conf)
        # "surpasses X, Y and Z": the next items of a list that holds a baseline.
        ordered = sorted(methods, key=_START) if any(
            state.has_role(c, "baseline") for c in methods) else ()
        for prev, cand in pairwise(ordered):
            given = state.roles_of(prev).get("baseline")
            if given is not None and not state.has_role(cand, "baseline") and \
                    not is_own(cand) and prev.end <= cand.start and \
                    (self._next_item(text, prev.end, cand, self._item_start(text, cand))
                     or self._last_of_long_items(text, prev.end, cand.start)):
                state.claim(cand, "baseline", given.rule, given.confidence)
        for cand in self._named_as_baselines(state, methods, is_own):
            state.claim(cand, "baseline", "comparison:as baselines", conf)
        passive = any("by " + agent in text for agent in self.passive_agents)
        for m in self.passive.finditer(text, state.abstract_start) if passive else ():
            s_start, _ = state.sentence(m.start())
            clause = max([s_start, *(b.end() for b in self.clause_start.finditer(
                text, s_start, m.start()))])
            for cand in methods:
                if clause <= cand.start < m.start() and not is_own(cand):
                    state.claim(cand, "baseline", "comparison:" + m.group().split()[1].lower(),
                                conf)
        kept = []
        for pending in state.pending:
            i = bisect_right(cues_ends, pending.start) - 1
            probe = Candidate(pending.start, pending.end, "method", pending.word,
                              "compared-name", confidence("compared-name"), surface=pending.word)
            if i < 0 or _FACTOR.match(pending.word) or \
                    not self._compared(state, probe, spans, cues[i]):
                kept.append(pending)
            elif is_shaped(pending.word) and not not_a_name(pending.word) and \
                    not self.not_rival.search(
                        self.by_amount.sub(" ", text[cues[i][1]:pending.start])):
                # "surpasses the online SOTA TMP": what the paper's work is measured against
                # is a method, known to no lexicon or not.
                cue = re.sub(r"\s+", " ", cues[i][2].lower())
                state.claim(state.add(probe), "baseline", f"comparison:{cue}", conf)
            else:
                state.claim(pending, "baseline", "comparison", conf)  # the corpus may know it
                kept.append(pending)
        state.pending[:] = kept
        for cand in self._title_compounds(state, spans, cues, cues_ends):
            if not is_own(cand) and name_key(cand.label.split("-")[0]) not in proposed:
                cue = re.sub(r"\s+", " ", cues[bisect_right(cues_ends, cand.start) - 1][2].lower())
                state.claim(state.add(cand), "baseline", f"comparison:{cue}", conf)
        return doc

    def _title_compounds(self, state: Findings, spans, cues, cues_ends):
        """"compared with prior approaches such as Self-Forcing", "outperforms
        Quill-Image-Layered": a hyphen compound of capitalised words that no rule named
        (no name shape of its own), in a comparison window, is the name of a rival."""
        if not cues_ends:
            return  # a compound is a rival only after a cue
        text = state.text
        # (Cues are sorted by their end; a compound starting before the first is no rival,
        # and none can start inside one that runs on past it: the scan starts there.)
        for m in _TITLE_COMPOUND.finditer(text, max(state.abstract_start, cues_ends[0])):
            if state.overlapping(m.start(), m.end()) or m.group() in self._common or \
                    m.group().lower() in self._modifiers or self._modifier_compound(m.group()) or \
                    any(p.lower() in self._function_words for p in m.group().split("-")):
                continue  # "State-Of-The-Art", "Large-Scale": capitalised modifiers
            after = _NEXT_WORD.match(text, m.end())
            if after and after.group(1).lower() not in self._function_words | self.glue | \
                    self._break_words:
                continue  # "Large-Scale pretraining": a modifier of the noun after it
            i = bisect_right(cues_ends, m.start()) - 1
            probe = Candidate(m.start(), m.end(), "method", m.group(), "compared-name",
                              confidence("compared-name"), surface=m.group())
            if i >= 0 and self._compared(state, probe, spans, cues[i]):
                yield probe

    _WORD_BEFORE = cued_compile(r"(?<![\w-])([a-z][a-z-]*)\s+$")
    _WORD_AFTER = cued_compile(r"\s*([a-z][a-z-]*)(?![\w-])")
    _ITEM_GLUE = cued_compile(r"\s*(?:,\s*)?(?:(?:and|or)\s+)?")

    def _technique_phrases(self, state: Findings, spans, cues, cues_ends):
        """(candidate, cue) for the lower-case techniques compared against that no rule
        named: modifiers and a technique head ("direct cross-view distillation",
        "block-sparse attention"), or the gerunds and nouns listed as examples of a
        compared class noun ("strategies such as greedy voting")."""
        text = state.text
        found = []
        spans = list(spans)

        def free(start: int, end: int) -> bool:
            # only a family or a generic word strictly inside: "distillation" in it
            return all((c.family or c.type == "negative") and start <= c.start and
                       c.end <= end and (c.start, c.end) != (start, end)
                       for c in state.overlapping(start, end))

        def add(start: int, end: int, cue: str) -> None:
            surface = text[start:end]
            cand = Candidate(start, end, "method", surface[0].upper() + surface[1:],
                             "compared-phrase", confidence("compared-phrase"), surface=surface)
            found.append((cand, cue))
            spans.append((start, end))
            spans.sort()

        def cue_before(start: int, end: int):
            i = bisect_right(cues_ends, start) - 1
            probe = Candidate(start, end, "method", text[start:end], "compared-phrase", 0.0)
            cue = re.sub(r"\s+", " ", cues[i][2].lower()) if i >= 0 else "as well as"
            # "explore X as well as Y": a conjunction, no cue of its own here
            if cue != "as well as" and self._compared(state, probe, spans, cues[i]):
                return cue
            return None

        def modifier(word: str) -> bool:
            # no function word, cue or adverb ("previously-proposed")
            return word not in self.phrase_stops and not re.search(r"ly(?:-|$)", word)

        for m in self.technique_head.finditer(text, state.abstract_start):
            start, n = m.start(), 0
            while n < 3:
                w = self._WORD_BEFORE.search(text, max(state.abstract_start, start - 40), start)
                if w is None or not modifier(w.group(1)):
                    break
                start, n = w.start(), n + 1
            after = self._WORD_AFTER.match(text, m.end())
            if after and after.group(1) not in self.phrase_stops and \
                    after.group(1) not in self.phrase_heads:
                continue  # the head modifies a noun: "fine-tuning data"
            if n and free(start, m.end()) and not self.class_examples.match(
                    text, m.end() + 1 if text[m.end():m.end() + 1] == " " else m.end()):
                cue = cue_before(start, m.end())
                if cue:
                    add(start, m.end(), cue)
        for m in self.class_examples.finditer(text, state.abstract_start):
            cue = cue_before(m.start(), m.start() + len(m.group().split()[0].rstrip(",")))
            pos = m.end()
            while cue:
                items, end = [], pos
                while len(items) < 4:
                    w = self._WORD_AFTER.match(text, end)
                    if w is None or not modifier(w.group(1)):
                        break
                    items.append(w.group(1))
                    end = w.end()
                if 1 < len(items) <= 3 and re.search(r"(?:ing|tion|sion|ment)$", items[-1]) \
                        and free(pos, end) and not any(c.start == pos for c, _ in found):
                    add(pos, end, cue)
                elif not items:
                    names = [e for s, e in spans if s == pos]
                    if not names:
                        break  # the list goes on only over names and found items
                    end = max(names)
                else:
                    break
                glue = self._ITEM_GLUE.match(text, end)
                if not glue.group().strip():
                    break
                pos = glue.end()
        return found

    @staticmethod
    def _inside_a_name(state: Findings, start: int, end: int) -> bool:
        """Is the cue at ``start``-``end`` a word of a longer name ("Flow Matching",
        "Trajectory Distribution Matching")?"""
        return any(c.start <= start and end <= c.end and (c.start, c.end) != (start, end)
                   and c.type in ("method", "dataset", "task", "metric")
                   for c in state.overlapping(start, end))

    def _family_as_modifier(self, text: str, cand: Candidate, methods) -> bool:
        """A family that says how the compared things are built or trained ("LLM-based
        embedding models", "RL-tuned generators"), or the tail of another name written
        right before it ("X-Video RL"), is not itself compared."""
        if any(c.end + 1 == cand.start and not c.family for c in methods) and \
                text[cand.start - 1] == " ":
            return True
        glued = bool(self.modifier_participle.search(text, cand.start, cand.end))
        m = self.family_modifier.match(text, cand.end)
        if m is None:
            return False
        if self.modifier_word.match(m.group(1)):
            return True  # "a GAN loss-based framework": the family names what the loss is
        if not (glued or m.group().startswith("-")):
            return False
        return m.group(1).lower() not in self.generic_heads

    @staticmethod
    def _own_mentions(state: Findings, own: list[Candidate]) -> list[tuple[int, int]]:
        """Where the abstract writes one of the paper's own names, in any case and with
        any hyphen suffix ("Quill-training", "quillnet")."""
        names = {c.label for c in own} | {a for c in own for a in c.aliases} | \
            {c.surface for c in own if c.surface}
        text = state.text
        lower = text.lower()
        found = set()
        for name in {n.lower() for n in names if len(n) > 1}:
            i = lower.find(name, state.abstract_start)
            while i != -1:  # str.find and a look at both ends: no regex to compile per paper
                end = i + len(name)
                if not (text[i - 1].isalnum() or text[i - 1] in "-_") and \
                        not (end < len(text) and (text[end].isalnum() or text[end] == "_")):
                    found.add((i, end))
                i = lower.find(name, i + 1)
        return sorted(found)

    def _own_phrases(self, state: Findings, own: list[Candidate]) -> list[tuple[int, int]]:
        """The paper's own names and "our (proposed) method/approach/..." phrases."""
        return sorted(self._own_mentions(state, own) + [
            (m.start(), m.end()) for m in self.our_method.finditer(state.text,
                                                                    state.abstract_start)])

    def _improved_bases(self, state: Findings, methods, spans, own_at, is_own):
        """(method, cue) for the named methods the paper's own method is applied to or
        improves: "applying OURS to X yields gains", "we integrate OURS into X and Y" (a
        gain stated in the sentence or the next), "OURS improves the accuracy of X".
        Families and plural acronyms are left out ("improves the faithfulness of LLMs",
        "of existing LVMs" name no rival)."""
        text = state.text
        for o_start, o_end in own_at:
            s_start, s_end = state.sentence(o_start)
            verb = self.applied_to.search(text, max(s_start, o_start - 30), o_start)
            prep = self.applied_prep.match(text, o_end) if verb else None
            if prep:
                after = state.sentence(s_end)[1] if s_end < len(text) else s_end
                if not self.improvement.search(text, prep.end(), after):
                    continue
                cue = (verb.start(), prep.end(), "applied to")
            else:
                m = self.improves.match(text, o_end)
                if m is None:
                    continue
                cue = (o_start, m.end(), "improves")
            for cand in methods:
                if cue[1] <= cand.start < s_end and not cand.family and not is_own(cand) \
                        and not self._plural_class(state.text, cand) \
                        and self._compared(state, cand, spans, cue) \
                        and self._no_clause_comma(text, cue[1], cand.start, spans):
                    yield cand, cue[2]

    @staticmethod
    def _plural_class(text: str, cand: Candidate) -> bool:
        """"improves the performance of existing LVMs": a plural acronym names a class of
        models, like a family, not a system the paper's method is added to."""
        surface = text[cand.start:cand.end]
        return surface.endswith("s") and surface[:-1].isupper() and len(surface) > 2

    def _paired_results(self, state: Findings, methods, own_at, is_own):
        """The methods of a clause that states a score, set by "while"/"whereas" against a
        clause where one of the paper's own names states one ("while X reaches 31%, OURS
        reaches 60%"; "X scores 0% while OURS reaches 92%")."""
        text = state.text
        hits = list(self.paired.finditer(text, state.abstract_start))
        if not hits:
            return
        for m in hits:
            s_start, s_end = state.sentence(m.start())
            if _FRONT_WHILE.search(text[s_start:m.start()]):
                # fronted: "(... that) while X reaches 31%, OURS reaches 60%"
                value = _SCORE.search(text, m.end(), s_end)
                comma = text.find(",", value.end(), s_end) if value else -1
                if comma == -1:
                    continue
                other, main = (m.end(), comma), (comma, s_end)
            else:
                other, main = (s_start, m.start()), (m.end(), s_end)
            for mine, theirs in ((main, other), (other, main)):
                if any(mine[0] <= s < mine[1] for s, _ in own_at) and \
                        not any(theirs[0] <= s < theirs[1] for s, _ in own_at) and \
                        _SCORE.search(text, *mine) and _SCORE.search(text, *theirs):
                    yield from (c for c in methods if theirs[0] <= c.start < theirs[1]
                                and not is_own(c))
                    break

    @staticmethod
    def _no_clause_comma(text: str, start: int, end: int, spans) -> bool:
        """No comma between ``start`` and ``end`` but those between listed names
        ("to X, Y and Z", not "improves the encoder, employs X")."""
        gap = text[start:end]
        for s, e in spans:
            if start <= s and e <= end:
                gap = gap[:s - start] + "§" * (e - s) + gap[e - start:]
        return all(re.match(r"\s*(?:(?:and|or)\s+)?§", part) for part in gap.split(",")[1:])

    def _plain_attention(self, state: Findings, spans, cues, cues_ends) -> list[Candidate]:
        """"compared to the full attention approach": a compared plain attention."""
        found = []
        text = state.text
        hits = []
        i = text.find("attention", state.abstract_start)
        while i != -1:  # str.find, then the modifier before it: faster than a scan
            m = self.plain_attention.search(text, max(state.abstract_start, i - 20), i + 9)
            if m and m.end() == i + 9:
                hits.append(m)
            i = text.find("attention", i + 9)
        conf = confidence("compared-attention")
        for m in hits:
            if any(c.type != "negative" or c.start < m.start() or c.end > m.end()
                   for c in state.overlapping(m.start(), m.end())):
                continue  # part of a longer name (the generic "attention" is inside)
            i = bisect_right(cues_ends, m.start()) - 1
            cand = Candidate(m.start(), m.end(), "method",
                             m.group(1).capitalize() + " attention", "compared-attention", conf,
                             surface=m.group())
            if i >= 0 and self._compared(state, cand, spans, cues[i]):
                state.add(cand)
                state.claim(cand, "baseline",
                            "comparison:" + re.sub(r"\s+", " ", cues[i][2].lower()), conf)
                found.append(cand)
        return found

    def _for_speedup(self, state: Findings, cand: Candidate, proposed: set[str]) -> bool:
        """"For X, <ours> ... 6.3x speed-up": X opens the sentence; the rest of it
        states a speed-up and names the paper's own method (or "we"/"our")."""
        text = state.text
        s_start, s_end = state.sentence(cand.start)
        if not _FOR_FRONT.match(text[s_start:cand.start]):
            return False
        comma = text.find(",", cand.end, s_end)
        if comma == -1:
            return False
        rest = text[comma:s_end]
        if not self.speedup.search(rest):
            return False
        return bool(self.own.search(rest)) or any(
            name_key(word) in proposed for word in re.findall(r"[\w.+-]+", rest))

    def _item_start(self, text: str, cand: Candidate) -> int:
        """Where the list item of ``cand`` starts: at its vendor ("NVIDIA FasterTransformer",
        "OpenAI's o1"), or at the name."""
        for gap in (" ", "'s ", "’s "):
            at = cand.start - len(gap)
            if at in self._vendors and text[at:cand.start] == gap:
                return self._vendors[at]
        return cand.start

    @staticmethod
    def _next_item(text: str, end: int, cand: Candidate, start: int) -> bool:
        """Is ``cand`` (its item written from ``start``) the next item of a list whose
        previous item ends at ``end``?"""
        glue = _LIST_GLUE.fullmatch(text, end, start)
        if glue is None:
            return False
        # A bare comma continues a list only if more of it follows ("A, B, and C").
        return "," not in glue.group() or bool(re.search(r"\b(?:and|or)\b", glue.group())) \
            or bool(_MORE_ITEMS.match(text, cand.end))

    def _named_as_baselines(self, state: Findings, methods, is_own):
        """"We use GPT-4 and Llama 2 as baselines", "with X serving as the baseline": the
        names listed right before "as (the) baseline(s)"."""
        text = state.text
        for m in self.as_baselines.finditer(text, state.abstract_start):
            s_start, _ = state.sentence(m.start())
            end, first = m.start(), True
            for cand in sorted(methods, key=_START, reverse=True):
                if cand.end > end or cand.start < s_start:
                    continue
                gap = text[cand.end:end]
                if not (self.as_gap.fullmatch(gap) if first else _LIST_GLUE.fullmatch(gap)):
                    break
                if not is_own(cand):
                    yield cand
                end, first = cand.start, False

    def _last_of_long_items(self, text: str, end: int, start: int) -> bool:
        """"outperforming strong X trained from scratch, Y-based policies, and
        state-of-the-art Z": the last item of a list whose items carry a few words of
        their own (``_next_item`` wants bare glue), after the list's final "and"/"or"."""
        gap = text[end:start]
        if "," not in gap or re.search(r"[.;:()]", gap) or len(gap.split()) > _LONG_ITEMS_WORDS:
            return False
        return _LONG_ITEMS_END.search(gap) is not None and not self.long_items_stop.search(gap)

    def _compared(self, state: Findings, cand: Candidate, spans, cue: tuple) -> bool:
        """Is ``cand`` inside the window that the last cue before it opened?"""
        text = state.text
        s_start, s_end = state.sentence(cand.start)
        cue_start, cue_end, cue_text = cue
        if cue_start < s_start:
            return False
        word = re.sub(r"\s+", " ", cue_text.lower())
        if word in self.contrast:
            return False
        if word in self.gated and not self.over_needs.search(
                text[max(s_start, cue_start - self.over_left):cue_start]) and \
                not _TIMES_BEFORE.search(text, max(s_start, cue_start - 12), cue_start):
            return False  # ("3.5x over X", "2.8-17× over X": a factor glued to its x)
        if word == "as well as" and not self.as_well_as_verb.search(
                text, max(s_start, cue_start - 20), cue_start):
            return False  # "the infrastructure as well as X": a conjunction, no comparison
        if word == "behind" and not self.behind_needs.search(
                text[max(s_start, cue_start - self.over_left):cue_start]):
            return False  # "the mechanisms behind X", not "lags 3 points behind X"
        if word == "against" and self.against_targets.search(
                text[max(s_start, cue_start - self.over_left):cue_start]):
            return False  # "attacks against X", "robust against X": a target, no rival
        if self._background is None:
            # Where the paper first speaks of its own work, and the present perfect
            # verbs before that.
            first_own = self.own.search(text, state.abstract_start)
            own = first_own.start() if first_own else len(text)
            # "This technical report introduces QUILL-2, ...": naming its own work is
            # speaking of it too.
            named = [c.start for c in state.with_role("proposed")
                     if c.start >= state.abstract_start]
            own = min([own, *(state.sentence(i)[0] for i in named)])
            self._background = ([m.start() for m in self.perfect.finditer(
                text, state.abstract_start, own)], own)
        perfect, own = self._background
        if own >= s_end and any(
                s_start <= p < cue_start for p in perfect):
            return False  # background before the paper speaks: "Recent models have shown
            # ... compared to X"
        if state.abstract_start <= s_start and s_end <= own < len(text) and \
                not text[s_start:s_end].rstrip().endswith("?") and \
                not any(s_start <= c.start < s_end for c in state.with_role("proposed")) and \
                self._method_subject(state, s_start, cue_start):
            return False  # before the paper speaks, two others' methods side by side:
            # "Diffusion language models lag behind autoregressive transformers" (but the
            # title and the question it asks are its own: "can transformers run as fast
            # as X?")
        if word in self.fronted and _FRONT_START.match(text[s_start:cue_start]):
            if cand.start > self._fronted_end(state, cue_end):
                return False  # the main clause after the fronted phrase: its subject is ours
            if s_end <= own < len(text) and not any(s_start <= c.start < s_end
                                        for c in state.with_role("proposed")):
                return False  # "Compared to X, diffusion methods lack ...": before the
                # paper speaks of its own work, two others' methods are set side by side
        # Between the cue and the name: only list glue, other names, and a few other words.
        gap_start = cue_end
        # "outperforms baselines on both tasks, including Q-Net and Zed": the examples of
        # a compared class noun; the gap that counts starts at the example cue.
        if self._examples is None:
            self._examples = self._example_spans(state)
        i = bisect_right(self._examples, (cand.start, cand.start)) - 1
        if i >= 0 and self._examples[i][0] >= cue_end and self._examples[i][1] <= cand.start \
                and not re.search(r"[.;:]", text[cue_end:self._examples[i][0]]):
            gap_start = self._examples[i][1]
        item = self._item_start(text, cand)
        gap = text[gap_start:item]
        for s, e in (*spans, *((v, e) for e, v in self._vendors.items() if e + 1 < item)):
            if gap_start <= s and e <= item:  # blank out other names and their vendors
                gap = gap[:s - gap_start] + " §" + " " * (e - s - 2) + gap[e - gap_start:]
        if "by " in gap:
            gap = self.by_amount.sub(" ", gap)  # "surpassing X by 3 points and Y"
        if "." in gap:
            gap = _EG.sub(" such as ", gap)  # "e.g.," is no sentence end
            gap = _DECIMAL.sub("0", gap)  # nor is "DiT (4.5) and"
        gap = self.list_colon.sub(r"\1,", gap)
        # "compared with recent models built on X": X is what those models are.
        gap = self.head_link.sub(r"\1", gap)
        if re.search(r"[.;:]", gap) or self.breaks.search(gap):
            return False
        if "," in gap and self.apposition.search(gap) and len(gap.split()) <= self.apposition_words:
            return True  # "outperforms a previously developed ... model, X"
        tokens = re.findall(r"[\w§][\w'-]*|[,()]", gap)
        others = [w for w in tokens if w.lower() not in self.glue and w != "§"]
        limit = self.gap_words if "§" not in tokens else self.gap_words_after_name
        if word.split()[-1] not in ("as",) or word in ("such as",):
            return len(others) <= limit
        return not others  # "as fast as X", not "as simple as creating a X"

    def _approach_verb(self, state: Findings, cue_start: int, s_start: int,
                       cue: str = "") -> bool:
        """"QuillMoE approaches X", "and approaches X", "it closely approaches X": right
        after a method name, a name-shaped word or a subject word (``approach_subjects``)."""
        text = state.text
        before = text[max(s_start, cue_start - 40):cue_start].split()
        if not before:
            return False
        word = before[-1]
        if _ACRONYM_WORD.fullmatch(word):
            return False  # "RL approaches", "VLM approaches such as X": a compound noun
        if word.lower() in self.approach_copulas:
            return cue.lower().endswith("ing")  # "is approaching X", not "are approaches"
        if any(c.type == "method" and not c.family and c.end < cue_start and
               not text[c.end:cue_start].strip() for c in state.live):
            return True
        return word.lower() in self.approach_subjects or is_shaped(word) and not \
            not_a_name(word)

    def _method_subject(self, state: Findings, s_start: int, cue_start: int) -> bool:
        """Methods a lexicon knows (or families), and only those, named in the clause
        before the cue: its subject is someone else's. (A name no lexicon knows may be
        the paper's own system, named before the paper says "we".)"""
        text = state.text
        clause = max([s_start, *(m.end() for m in self.clause_start.finditer(
            text, s_start, cue_start))])
        before = [c for c in state.live if c.type == "method" and clause <= c.start
                  and c.end <= cue_start]
        return bool(before) and all(c.entry is not None or c.family for c in before)

    def _example_spans(self, state: Findings) -> list[tuple[int, int]]:
        """(start, end) of each "<class noun> ... <example cue>" of the abstract: from the
        few example cues, a class noun up to 60 characters before."""
        text = state.text
        spans = []
        for m in self.example_cue.finditer(text, state.abstract_start):
            head = self.example_after_head.search(text, max(state.abstract_start,
                                                            m.start() - 80), m.end())
            if head is not None and head.end() == m.end():
                spans.append((head.start(), m.end()))
        return spans

    def _fronted_end(self, state: Findings, pos: int) -> int:
        """Where "Compared to A, B and C, ..." ends: at the comma after a list closed
        by "and"/"or", or at the comma before a clause that is no list item."""
        text = state.text
        _, s_end = state.sentence(pos)
        closed = False
        for m in _COMMA.finditer(text, pos, s_end):
            if closed or re.search(r"\s(?:and|or)\s", text[pos:m.start()]):
                return m.start()
            nxt = _COMMA.search(text, m.end(), s_end)
            segment = text[m.end():nxt.start() if nxt else s_end]
            if self.examples.match(segment):
                continue  # "Compared to diffusion models, such as A and B, ours ..."
            if re.match(r"\s*(?:and|or)\s", segment):
                closed = True
                continue
            if nxt is None or len(segment.split()) > 4:
                return m.start()
        return s_end
