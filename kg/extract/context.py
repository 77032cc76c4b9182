"""Typing a name no lexicon knows from the words around it, shared by several rules.

"the X benchmark" makes X a dataset, "models such as X" or "outperforms X" a
method; "the X team" makes it an organisation (no name at all).

>>> typer = context_typer()
>>> text = "We test on the QuuxQA benchmark."
>>> typer.type_of(text, (0, len(text)), 15, 21, "QuuxQA")
'dataset'
"""

from __future__ import annotations

import re
from functools import cache

from kg.extract.cued import cued_compile
from kg.extract.lexicon import LexiconEntry, load_lexicon, plain_key
from kg.extract.rules import alternation, window, word_set, words, words_regex

__all__ = ["ContextTyper", "context_typer", "KnownNames", "known_names"]

_NEXT_WORD = cued_compile(r"[\s-]*([\w-]+(?:\s+set)?)")
_LIST_END = cued_compile(r"\s*(?:[,.;:)]|and\b|or\b|$)")
# What may follow a dataset after "accuracy on": the end of the list, or a comparison or
# a gain ("higher accuracy on X than ...", "results on X by 3 points").
_SCORE_END = cued_compile(r"\s*(?:[,.;:)(]|and\b|or\b|than\b|by\s+[+]?\d|$)")
# "On X, our model ...": a sentence opening with "On" and a name, then a comma.
_ON_OPENING = cued_compile(r"(?:^|[.;:]\s+|\n)On\s+(?:the\s+)?$")
# "the synthetic dataset X", "the web corpus X": a data noun right before a name.
_DATA_NOUN_BEFORE = cued_compile(r"\b(?:dataset|datasets|corpus|corpora|benchmarks)\s+$",
                                 re.I)
_ORG_AFTER = cued_compile(r"(?:\s+(?:[A-Z][\w-]*|[-–]))" + "{0,3}" + r"\s+([\w-]+)")
_ORG_TAIL = cued_compile(r"(?:'s|’s|\s+at\s)")
_PARENTHETICAL = cued_compile(r"\s*\([^()]{1,80}\)")
_CLOSING_QUOTE = cued_compile(r"[\"”’']")
# One more word of a noun compound, and the words that end one (a preposition, a
# clause, a participle: "a benchmark comprising", "a model trained on").
_COMPOUND_WORD = cued_compile(r"\s+([\w-]+)")
_NOT_COMPOUND = cued_compile(
    r"(?i:of|for|to|in|on|with|that|which|and|or|as|by|from|via|built|is|are|"
    r"[a-z]+ing|[a-z]+ed)")


class KnownNames:
    """The lexicon's named methods and datasets by :func:`plain_key` (no families)."""

    def __init__(self):
        self.by_key: dict[str, LexiconEntry] = {}
        # Model and family names as written, that a coined name may end in ("TwinBERT",
        # "Tree-LSTM"): three characters or more with a capital, matched only as written.
        self.model_names: set[str] = set()
        for entry in load_lexicon():
            if entry.type in ("method", "dataset") and not entry.family:
                for alias in entry.names:
                    self.by_key.setdefault(plain_key(alias), entry)
            if entry.type == "method":
                # An ambiguous entry's English-word spelling ("Clip") is no model name.
                capitals = 2 if entry.ambiguous else 1
                self.model_names.update(
                    n for n in entry.names if len(n) >= 3 and " " not in n and n.isascii()
                    and sum(ch.isupper() for ch in n[1:]) + n[0].isupper() > capitals - 1
                    and any(ch.isupper() for ch in n[1:]))
        self.longest_model = max(map(len, self.model_names), default=0)
        # Architecture and family names a coined name is built on, as written
        # ("DA-Transformer", "Attn-BiLSTM", "KGAN", "BUSU-Net").
        self.tails = frozenset(words("architecture_tails"))
        self.glued_tails = self.model_names | {t for t in self.tails if len(t) >= 3}
        # "QuillNet" may be a dataset (ShapeNet, ScanNet); "Quill-Net" is a network.
        self.hyphen_tails = self.tails | set(words("architecture_hyphen_tails"))
        self.longest_tail = max(map(len, self.glued_tails), default=0)
        self.generic_words = word_set("generic_titles") | word_set("survey_words")

    def get(self, word: str) -> LexiconEntry | None:
        return self.by_key.get(plain_key(word))

    def __contains__(self, word: str) -> bool:
        return plain_key(word) in self.by_key

    def variant_of_known(self, word: str) -> bool:
        """"Flatten-Swin", "Video-LLaVA", "Tree-LSTM": capitalised hyphen parts, one a
        known model or family; "TwinBERT", "MedCLIP": a coined prefix glued to one."""
        parts = word.split("-")
        if len(parts) < 2:
            return self.glued_to_known(word)
        if not all(p[:1].isupper() for p in parts) or \
                parts[-1].endswith("ed") and parts[-1][1:].islower():
            return False  # "SAM-Optimized" in a title: a known name used as a modifier
        for part in (parts[-1], parts[0]):
            entry = self.by_key.get(plain_key(part))
            if entry is not None and entry.type == "method" and not entry.ambiguous and \
                    part in entry.names or part in self.model_names and part.isupper():
                return True
        # "DA-Transformer", "Attn-BiLSTM": a coined part before an architecture name;
        # "BUSU-Net": a prefix glued to a hyphenated model name ("U-Net").
        return parts[-1] in self.hyphen_tails or self.glued_to_known(word)

    def variant_type(self, word: str) -> str | None:
        """"OSWorld-Verified", "Flatten-Swin": the type of the known name a capitalised
        hyphen variant is built on (the first part for a dataset), if any."""
        if self.variant_of_known(word):
            return "method"
        parts = word.split("-")
        if len(parts) >= 2 and parts[-1][:1].isupper() and \
                parts[-1].lower() not in self.generic_words:  # "MME-Survey" is a paper
            # "OSWorld-Verified", "SWE-Bench-Pro": a known dataset and capitalised parts.
            for cut in range(len(parts) - 1, 0, -1):
                if not all(p[:1].isupper() for p in parts[cut:]):
                    break
                base = "-".join(parts[:cut])
                entry = self.by_key.get(plain_key(base))
                if entry is not None and entry.type == "dataset" and not entry.ambiguous and (
                        base in entry.names or cut > 1 and any(
                            base.lower() == n.lower() for n in entry.names)):
                    return "dataset"
        return None

    def glued_to_known(self, word: str) -> bool:
        """A letters-only prefix glued before a model or architecture name as written
        ("MedCLIP", "mBERT", "KGAN", "CLSTM", "DeU-Net")."""
        # Only where a glued name can begin: at a capital ("Med|CLIP", "K|GAN", "DeU|-Net"
        # at "U"), longest tail first.
        for cut in range(max(1, len(word) - self.longest_tail), len(word) - 2):
            if not word[cut].isupper():
                continue
            tail = word[cut:]
            prefix = word[:cut]
            # A lower-case word glued on is a typo ("introduceQuillGPT").
            # In capitals only an architecture name counts: "MMAR" is no variant of MAR.
            known = self.tails if word.isupper() else self.glued_tails
            if tail in known and prefix.isalpha() and (
                    prefix[0].isupper() or len(prefix) <= 3) and plain_key(word) not in self.by_key:
                return True
        return False


@cache
def known_names() -> KnownNames:
    return KnownNames()


_CLOSE = cued_compile(r"\)")
# A score or gain stated on a name: "+7% on X", "2.1 points on the X".
_SCORE_ON = cued_compile(r"\d\s*(?:%|points?|pp)\s+on\s+(?:the\s+)?$", re.I)


class ContextTyper:
    """Says whether an unknown name is a method or a dataset from its context."""

    def __init__(self):
        self.known = known_names()
        self.dataset_right = words_regex(words("dataset_words"))
        self.method_right = words_regex(words("method_words"))
        self.dataset_left = words_regex(words("dataset_left_cues"), suffix=r"\s*$")
        self.method_left = words_regex(words("method_left_cues"), suffix=r"\s*$")
        # "decoder LLMs (e.g., X)", "benchmarks such as X": a class word, then an example.
        example = r"\s*[(,]?\s*(?:" + alternation(words("example_cues")) + r")\s*$"
        self.method_example = words_regex(words("method_words"), suffix=example)
        self.dataset_example = words_regex(words("dataset_words"), suffix=example)
        self.compare_left = words_regex(
            [c for c in words("comparison_cues") if c != "over" and not c.startswith("as ")],
            suffix=r"\s+(?:(?:the|a|an|strong|prior|existing|recent|that\s+of|those\s+of)\s+)?$")
        # "a ... reading comprehension (RC) model, X": a name in apposition to a class word.
        self.method_apposition = words_regex(words("method_words"),
                                             suffix=r"(?:\s*\([^()]{1,20}\))?\s*,\s*$")
        self.own = cued_compile(r"\b(?:our|the\s+proposed)\s+$", re.I)
        # "the best 2024 method (X)", "the strongest model for unseen objects (X)": a name
        # in brackets after its class noun (and the noun's prepositional phrase).
        bracketed = r"(?:\s+(?:for|of|on|in|with)\b[^().,;:]{0,60}?)?\s*\($"
        self.method_bracket = words_regex(words("method_words"), suffix=bracketed)
        self.dataset_bracket = words_regex(words("dataset_words"), suffix=bracketed)
        # "QuillBench", "Quill-QA2", and a count of examples: "Quill-Instruct-23k".
        self.dataset_suffix = cued_compile(
            r"(?:(?:" + alternation(words("dataset_name_endings")) + r")\d*|-\d+(?:\.\d+)?[kK])$",
            re.I)
        self.org_right = words_regex(words("organisation_words"))
        self.dataset_heads = word_set("dataset_heads")
        self.method_heads = word_set("method_heads")
        self.span = window("type_context")
        # ", a/an <up to N words> <class noun>" right after a name.
        self.apposition_dataset_nouns = word_set("dataset_words") | word_set(
            "apposition_dataset_nouns")
        nouns = self.apposition_dataset_nouns | word_set("method_words") | word_set(
            "apposition_method_nouns")
        self.apposition_nouns = {n.lower() for n in nouns}
        reach, alternatives = window("apposition_words"), alternation(sorted(nouns))
        # "... framework for evaluating X": what evaluates is an evaluation suite.
        self.evaluation_purpose = cued_compile(
            r"\s+(?:for|to)\s+(?:" + alternation(words("evaluation_purpose_verbs")) + r")\w*",
            re.I)
        self.apposition = cued_compile(
            rf",\s+(?:a|an|the)\s+((?:(?!(?:of|for|to|in|on|with|that|which)\s)[\w()-]+,?\s+)"
            rf"{{0,{reach}}}?)({alternatives})(?![\w-])",
            re.I)

    def type_of(self, text: str, sentence: tuple[int, int], start: int, end: int,
                name: str) -> str | None:
        """"method", "dataset" or None (no cue) for ``name`` at ``start:end``."""
        s_start, s_end = sentence
        right = text[end:min(s_end, end + self.span)]
        right_word = _NEXT_WORD.match(right)
        if right_word:
            word = right_word.group(1)
            if self.dataset_right.fullmatch(word):
                return "dataset"
            if self.method_right.fullmatch(word):
                return "method"
        left = text[max(s_start, start - self.span):start]
        if self.dataset_example.search(left):
            return "dataset"
        if self.method_left.search(left) or self.compare_left.search(left) or \
                self.method_example.search(left) or self.method_apposition.search(left):
            return "method"  # "models such as X", "outperforms X", "faster than X"
        if self.own.search(left):
            return "method"  # "Our X-Net obtains ...": the paper's own model
        if left.endswith("(") and _CLOSE.match(text, end):
            wide = text[max(s_start, start - 2 * self.span):start]
            if self.dataset_bracket.search(wide):
                return "dataset"
            if self.method_bracket.search(wide):
                return "method"
        if self.dataset_suffix.search(name):
            return "dataset"
        variant = self.known.variant_type(name)
        if variant is not None:
            return variant  # "Flatten-Swin", "Video-LLaVA": a variant of a known model
        if (self.dataset_left.search(left) or _SCORE_ON.search(left)) and _SCORE_END.match(right):
            return "dataset"  # "evaluated on X,", "+10% on X and ...", "accuracy on X than"
        if left.endswith(" on ") and re.match(r"\s+by\s+[+]?\d[\d.]*\s*(?:%|points?|pp)", right):
            return "dataset"  # "improves assessment on X by 15%"
        if _ON_OPENING.search(left) and right.startswith(","):
            return "dataset"  # "On X, our agent reaches ..."
        if _DATA_NOUN_BEFORE.search(left):
            return "dataset"  # "trained on the synthetic dataset X"
        return None

    def apposition_type(self, text: str, end: int, limit: int) -> str | None:
        """"X, a synthetic question answering dataset": the type the class noun of an
        apposition right after ``end`` gives, if any."""
        paren = _PARENTHETICAL.match(text, end, limit)  # "X (huggingface.co/...), a ..."
        start = paren.end() if paren else end
        quote = _CLOSING_QUOTE.match(text, start, limit)  # '"X", the first benchmark'
        m = self.apposition.match(text, quote.end() if quote else start, limit)
        if m is None:
            return None
        noun, noun_end = m.group(2), m.end()
        # The head is the compound's last class noun: "a tool retrieval benchmark" is a
        # benchmark, "a dataset distillation method" a method.
        for more in _COMPOUND_WORD.finditer(text, noun_end, limit):
            if more.start() != noun_end or _NOT_COMPOUND.fullmatch(more.group(1)):
                break
            noun_end = more.end()
            if more.group(1).lower() in self.apposition_nouns:
                noun = more.group(1)
        if noun.lower() in self.apposition_dataset_nouns or \
                self.evaluation_purpose.match(text, noun_end):
            return "dataset"  # "X, a simulation framework for evaluating agents": a benchmark
        return "method"

    def noun_type(self, noun: str) -> str | None:
        """The type a class noun gives ("benchmark" -> dataset, "decoders" -> method)."""
        noun = noun.lower().split("-")[-1]
        if self.dataset_right.fullmatch(noun) or noun in self.dataset_heads:
            return "dataset"
        if self.method_right.fullmatch(noun) or noun.rstrip("s") in self.method_heads:
            return "method"
        return None

    def organisation_after(self, text: str, end: int) -> bool:
        """"CMU's submission", "the UPC ... group": the name is an organisation's."""
        if _ORG_TAIL.match(text, end):
            return True
        m = _ORG_AFTER.match(text[end:end + window("organisation_lookahead")])
        return bool(m and self.org_right.fullmatch(m.group(1)))


@cache
def context_typer() -> ContextTyper:
    return ContextTyper()
