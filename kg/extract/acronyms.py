"""``kg_acronym_finder_v1``: "Long Form (LF)" definitions, typed and linked."""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.cued import cued_compile
from kg.extract.lexicon import name_key
from kg.extract.records import Candidate, Definition, Findings, Retraction, findings_of
from kg.extract.rules import alternation, confidence, window, word_set, words, words_regex

__all__ = ["AcronymFinder", "initials_start", "schwartz_hearst", "WORD"]

_NEXT_WORD = cued_compile(r"[\s)]*([\w-]+)")
_PAREN = cued_compile(r"\(([^()]{1,80})\)")
_SHORT = cued_compile(r"^(?=[^\s]*[A-Z])[A-Za-z0-9\u0370-\u03ff][\w\u0370-\u03ff.+/-]{0,14}$")
WORD = cued_compile(r"[\w\u0370-\u03ff][\w\u0370-\u03ff'’]*(?:-[\w\u0370-\u03ff]+)*")
# A possessive ending a word ("Large Reasoning Models' (LRMs) performance", "BERT's"):
# never part of the name it ends.
_POSSESSIVE = cued_compile(r"(?<=\w)['’]s?$")


def _unpossessive(word: tuple[int, int, str]) -> tuple[int, int, str]:
    m = _POSSESSIVE.search(word[2])
    return word if m is None else (word[0], word[0] + m.start(), word[2][:m.start()])


@cache
def _initial_words() -> tuple[tuple[str, ...], frozenset[str]]:
    # Prefixes an "X" stands for ("Cross-Lingual ... (XL...)"), and words an acronym skips.
    return tuple(words("cross_prefixes")), frozenset(word_set("acronym_minor_words"))


def initials_start(short: str, words: list[tuple[int, int, str]]) -> int | None:
    """Index where the long form starts if the short form's letters are word initials
    ("Simultaneous Speech Translation (SST)"); minor words may be skipped."""
    x_prefixes, minor = _initial_words()
    chars = [c.lower() for c in short if c.isalpha()]
    parts = []  # (word index, initial) for every word and hyphen part
    for i, w in enumerate(words):
        for part in w[2].split("-"):
            if part:
                # "X" stands for "cross"/"trans" ("Cross-Lingual ... (XL...)").
                initial = "x" if part.lower().startswith(x_prefixes) else part[0].lower()
                parts.append((i, initial, part.lower() in minor, part[0].lower()))
    p = len(parts) - 1
    for ch in reversed(chars):
        while p >= 0 and ch not in (parts[p][1], parts[p][3]) and parts[p][2]:
            p -= 1
        if p < 0 or ch not in (parts[p][1], parts[p][3]):
            return None
        p -= 1
    return parts[p + 1][0]


def schwartz_hearst(short: str, words: list[tuple[int, int, str]]) -> int | None:
    """Index into ``words`` where the long form of ``short`` starts, or None.

    The classic Schwartz & Hearst (2003) matcher: the short form's characters
    appear in order in the long form, the first one at the start of a word.
    """
    chars = [c.lower() for c in short if c.isalnum()]
    if len(chars) < 2 or not words:
        return None
    long_text = " ".join(w[2] for w in words).lower()
    word_starts = set()
    pos = 0
    for w in words:
        word_starts.add(pos)
        for i, ch in enumerate(w[2]):
            if ch == "-" and i + 1 < len(w[2]):
                word_starts.add(pos + i + 1)
        pos += len(w[2]) + 1
    s_index, l_index = len(chars) - 1, len(long_text) - 1
    while s_index >= 0:
        ch = chars[s_index]
        while l_index >= 0 and (long_text[l_index] != ch or (
                s_index == 0 and l_index not in word_starts)):
            l_index -= 1
        if l_index < 0:
            return None
        l_index -= 1
        s_index -= 1
    first = l_index + 1
    pos = 0
    for i, w in enumerate(words):
        if pos <= first < pos + len(w[2]) + 1:
            # Every long-form word must be covered: start no earlier than this word.
            if first != pos and first not in word_starts:
                return None
            return i
        pos += len(w[2]) + 1
    return None


class AcronymFinder:
    """Finds "Long Form (LF)" and "LF (Long Form)" definitions; links both forms.

    Each definition becomes two candidates that share a label and list each other
    as aliases. Typing (method, dataset or neither) uses, in order: a lexicon
    match on either form, a family word in the long form, and the long form's
    head noun (``method_heads`` / ``dataset_heads`` / ``nonmethod_heads``).
    """

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.method_heads = word_set("method_heads")
        self.nonmethod_heads = word_set("nonmethod_heads")
        self.dataset_heads = word_set("dataset_heads")
        self.stop = word_set("stop_names", lower=False)
        self.dataset_words = words_regex(words("dataset_words"))
        self.method_words = words_regex(words("method_words"))
        self.long_before = window("acronym_long_form")
        self.name_before = window("acronym_name_first")
        self.minor = word_set("acronym_minor_words")
        # "We introduce Data Journalist Agent (Data2Story), ...": the paper's own name right
        # after its proposal verb (an article and a few adjectives between).
        # (Only the articles and adjectives a proposal skips between: in "a k-means Mask
        # Xformer (kMaX-DeepLab)" the lower-case word is part of the name.)
        self.proposal_before = cued_compile(
            r"\b(?:we|this\s+(?:paper|work))\s+(?:[a-z]+\s+){0,2}?(?:"
            + alternation(words("propose_verbs")) + r")\s+(?:(?:"
            + alternation(words("propose_skip")) + r")\s+){0,3}$", re.I)

    def __call__(self, doc: Doc) -> Doc:
        state = findings_of(doc)
        text = state.text
        for m in _PAREN.finditer(text):
            inner = m.group(1).strip()
            sent_start, _ = state.sentence(m.start())
            if " " not in inner:
                short = re.sub(r"(?<=[A-Z])s$", "", inner)
                if not _SHORT.match(short):
                    continue
                before = text[max(sent_start, m.start() - self.long_before):m.start()]
                offset = m.start() - len(before)
                words = [(offset + w.start(), offset + w.end(), w.group())
                         for w in WORD.finditer(before)]
                words = words[-min(len(short) + 5, len(short) * 2):]
                if words:
                    words[-1] = _unpossessive(words[-1])
                index = initials_start(short, words)
                if index is None:
                    index = schwartz_hearst(short, words)
                    if index is not None:
                        index = self._of_phrase_start(short, words, index)
                if index is None:
                    index = self.coined_alias_start(state, short, words, sent_start)
                if index is None:
                    continue
                long_start, long_end = words[index][0], words[-1][1]
                self._define(state, short, m.start(1), m.start(1) + len(short),
                             long_start, long_end, "acronym-definition")
            else:
                # "GeLaTo (Generating Language with Tractable Constraints)": name first.
                before = text[max(sent_start, m.start() - self.name_before):m.start()]
                word = WORD.search(before[::-1])
                if not word or word.start() > 1:
                    continue
                name_end = m.start() - word.start()
                name_start = name_end - word.end() + word.start()
                short = text[name_start:name_end]
                if not _SHORT.match(short) or short in self.stop or short.islower():
                    continue
                words = [(m.start(1) + w.start(), m.start(1) + w.end(), w.group())
                         for w in WORD.finditer(inner)]
                if len(words) > len(short) * 2 + 3 or schwartz_hearst(short, words) != 0:
                    continue
                self._define(state, short, name_start, name_end, words[0][0], words[-1][1],
                             "acronym-definition")
        return doc

    @staticmethod
    def _of_phrase_start(short: str, words: list, index: int) -> int:
        """"Mixture of Monosemantic Experts for Transformers (Monet)": the letters of a
        coined name are found from "Monosemantic" on, but the capitalised "X of" before it
        that begins with the name's first letter opens the long form."""
        if index >= 2 and words[index - 1][2] == "of" and words[index - 2][2][:1].isupper() \
                and words[index - 2][2][:1].lower() == short[:1].lower() \
                and words[index][2][:1].isupper():
            return index - 2
        return index

    def coined_alias_start(self, state: Findings, short: str, words: list,
                           sent_start: int) -> int | None:
        """Index into ``words`` where the paper's own capitalised name starts when
        ``short`` is a coined second name for it rather than its initials ("we introduce
        Data Journalist Agent (Data2Story)"); None elsewhere. Only a name the proposal
        verb introduces counts: a plain acronym that spells nothing is no alias."""
        if not (any(c.islower() for c in short) and (any(c.isupper() for c in short[1:])
                                                     or any(c.isdigit() for c in short))):
            return None  # "QX" that fails to spell its long form is no coined name
        index = len(words)
        while index > 0 and (words[index - 1][2][:1].isupper() or
                             words[index - 1][2].lower() in self.minor):
            index -= 1
        while index < len(words) and not words[index][2][:1].isupper():
            index += 1  # the name starts with a capital
        if len(words) - index < 2 or any(w[2] == short for w in words[index:]):
            return None
        before = state.text[sent_start:words[index][0]]
        return index if self.proposal_before.search(before) else None

    def head_type(self, long_form: str) -> str | None:
        """The type the long form's head noun gives ("...Decoder" -> method)."""
        words = re.findall(r"[\w-]+", long_form.lower())
        if not words:
            return None
        head = words[-1].split("-")[-1]
        # Dataset heads first: "benchmark" is no method head, but it is a dataset's.
        for heads, kind in ((self.dataset_heads, "dataset"), (self.nonmethod_heads, None),
                            (self.method_heads, "method")):
            if head in heads or head.rstrip("s") in heads:
                return kind
        return None

    def names_a_task(self, long_form: str) -> bool:
        """The long form's head is a task's or an activity's ("... Navigation")."""
        words = re.findall(r"[\w-]+", long_form.lower())
        return bool(words) and self.head_type(long_form) is None and (
            words[-1].split("-")[-1] in self.nonmethod_heads)

    @staticmethod
    def _lists_long_form(entry, long_form: str) -> bool:
        """The entry lists ``long_form``, or a name it begins ("Vision-Language-Action (VLA)
        tasks" still spells the listed VLA, "vision-language-action model")."""
        long_key = name_key(long_form)
        return any(name_key(n) == long_key or len(long_key) >= 8
                   and name_key(n).startswith(long_key) for n in entry.names)

    def _define(self, state: Findings, short: str, s_start: int, s_end: int,
                l_start: int, l_end: int, rule: str) -> None:
        text = state.text
        long_form = text[l_start:l_end]
        known_long = [c for c in state.overlapping(l_start, l_end)
                      if c.rule not in ("family-in-name", "implied-family")]
        known_short = [c for c in state.overlapping(s_start, s_end)
                       if c.rule not in ("family-in-name", "implied-family")]
        if any(c.type == "negative" and c.start <= l_start and c.end >= l_end for c in known_long) \
                or any(c.type == "negative" for c in known_short):
            # "video super-resolution (VSR)": a task here, whatever else a lexicon calls
            # "VSR" (a listed dataset), in this paper.
            for c in known_short:
                if c.entry is not None and c.is_name and c.start == s_start and \
                        not self._lists_long_form(c.entry, long_form):
                    state.retract(Retraction(c.entry.id, (short, short + "s"),
                                             f"defined here as {long_form!r}"))
            state.acronyms[short] = Candidate(s_start, s_end, "negative", short, rule, 1.0)
            return
        # The long form names a lexicon entry exactly: the acronym is an alias of it.
        exact = [c for c in known_long if c.start == l_start and c.end >= l_end]
        exact_short = [c for c in known_short if c.start == s_start and c.end >= s_end]
        if exact_short and not exact and exact_short[0].entry is not None:
            entry = exact_short[0].entry
            # A long form the entry lists (or begins), or any long form for an entry that
            # lists none ("Diffusion Vision Transformers (DiffiT)"), names the entry.
            if not entry.takes_any_long_form(short) and not self._lists_long_form(
                    entry, long_form):
                # The paper defines the acronym its own way ("Simultaneous Speech
                # Translation (SST)"): its other uses here follow that definition.
                state.retract(Retraction(entry.id, (short, short + "s"),
                                         f"defined here as {long_form!r}"))
                exact_short = []
        if exact and exact_short and exact_short[0].entry is not None and \
                exact[0].entry is not None and exact_short[0].entry.id != exact[0].entry.id:
            # "Sharpness-Aware Minimization (SAM)": this paper's SAM is not the lexicon's
            # other SAM (Segment Anything), here or anywhere else in the paper.
            state.retract(Retraction(exact_short[0].entry.id, (short, short + "s"),
                                     f"defined here as {long_form!r}"))
            exact_short = []
        if exact or exact_short:
            ref = (exact or exact_short)[0]
            known = confidence("acronym-definition/known-name")
            if not exact_short:
                state.add(Candidate(s_start, s_end, ref.type, ref.label, rule, known,
                                    ref.entry, ref.family, aliases=(long_form,), surface=short))
            elif not exact:
                state.add(Candidate(l_start, l_end, ref.type, ref.label, rule, known,
                                    ref.entry, ref.family, aliases=(short,), surface=long_form))
            # "Universal Transformers (UTs) ... the resulting UT model": another entry
            # listing the short form (a dataset "UT") is not what this paper means by it.
            others = {c.entry.id for c in state.live if c.entry is not None and c.is_name
                      and c.entry.id != getattr(ref.entry, "id", None)
                      and text[c.start:c.end] in (short, short + "s")}
            for entry_id in sorted(others):
                state.retract(Retraction(entry_id, (short, short + "s"),
                                         f"defined here as {long_form!r}"))
            state.acronyms[short] = ref
            return
        kind = self.head_type(long_form)
        after = _NEXT_WORD.match(text, max(s_end, l_end) + 1)
        if after and self.dataset_words.fullmatch(after.group(1)):
            # "Expressive Voice Control (E-VOC) corpus": the noun after the pair says what
            # the name is, whatever the long form's last word.
            kind = "dataset"
        if kind is None and any(c.family for c in known_long):
            kind = "method"  # "Masked Autoregressive (MAR)"
        if kind is None and not self.names_a_task(long_form):
            # "Quick and Sturdy Glorp-Exiting (QSGE) framework": the noun after the pair
            # (not "aerial language navigation (ALN) framework": a framework for a task).
            if after and self.method_words.fullmatch(after.group(1)):
                kind = "method"
        if kind is None:
            state.acronyms[short] = Candidate(s_start, s_end, "negative", short, rule,
                                              confidence("acronym-definition/untyped"))
            state.definitions.append(Definition(short, s_start, s_end, l_start, l_end))
            return
        conf = confidence("acronym-definition")
        aliases = (long_form, short)
        # "... with Monte Carlo Tree Search (ZB-MCTS)": a listed name whose acronym the short
        # form is built on is a part the paper names, and stays.
        parts = set(re.split(r"[-_]", short)) - {short}
        kept = [c for c in known_long if c.entry is not None and c.is_name and parts
                and parts & set(c.entry.names)]
        # The long form replaces lexicon matches that were only a part of it (not families).
        state.add(Candidate(l_start, l_end, kind, short, rule, conf, aliases=aliases,
                            surface=long_form), supersedes=True)
        for cand in kept:
            state.add(cand)
        state.acronyms[short] = state.add(Candidate(s_start, s_end, kind, short, rule, conf,
                                                    aliases=aliases, surface=short))
