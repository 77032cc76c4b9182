"""Pipeline components (classes only; registration lives in factories.py).

The components share one per-document list of :class:`Cand` records in
``doc.user_data["kg"]`` (character offsets into ``doc.text``, which is the title,
a blank line and the abstract). Each component adds or refines candidates; the
last one (:class:`SpanWriter`) publishes them as ``doc.spans["kg"]`` (methods and
datasets) and ``doc.spans["kg_modalities"]``.

Order: lexicon -> acronyms -> names -> roles -> modalities -> spans.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.attrs import IDX, LENGTH, SHAPE
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

from kg.extract.lexicon import (
    LexiconEntry,
    load_jsonl,
    load_lexicon,
    load_rules,
    name_key,
    plain_key,
    strip_size_suffix,
    surface_variants,
)
from kg.resources import schema_path

MENTIONS = "kg"
MODALITIES = "kg_modalities"
STATE = "kg"


@dataclass
class Cand:
    """One candidate mention while the components work on a document."""

    start: int
    end: int
    type: str  # method | dataset | negative | modality
    label: str  # canonical name (lexicon label) or the surface form
    rule: str
    confidence: float
    entry: LexiconEntry | None = None
    family: bool = False
    roles: set = field(default_factory=set)
    aliases: list = field(default_factory=list)
    surface: str = ""  # the matched text (may extend beyond the canonical name)
    # role -> (rule, confidence) of the rule that gave the role ("comparison:outperforms")
    role_rules: dict = field(default_factory=dict)

    def give(self, role: str, rule: str, confidence: float) -> None:
        self.roles.add(role)
        self.role_rules.setdefault(role, (rule, confidence))


class DocState:
    """What the components know about one document: text, sentences, candidates."""

    __slots__ = ("text", "title_end", "abstract_start", "sent_starts", "cands", "acronyms",
                 "modalities", "unresolved")

    def __init__(self, doc: Doc):
        # doc.text builds a Token object per token; make_doc stores the text it tokenized.
        self.text = text = doc.user_data.get("text") or doc.text
        self.title_end = doc.user_data.get("title_end", len(text))
        self.abstract_start = doc.user_data.get("abstract_start", len(text))
        starts = [0, self.abstract_start] if self.abstract_start < len(self.text) else [0]
        starts += [_SENT_END.match(self.text, m.end()).end()
                   for m in _SENT_BREAK.finditer(self.text, self.abstract_start)]
        self.sent_starts = sorted(set(starts))
        self.cands: list[Cand] = []
        self.acronyms: dict[str, Cand] = {}  # short form -> typed candidate (this paper)
        self.modalities: list[Cand] = []
        # Names no rule could type: [start, end, word, compared?]; the corpus pass in
        # kg.extract.pipeline links them when another paper defines or proposes the name.
        self.unresolved: list[list] = []

    @classmethod
    def of(cls, doc: Doc) -> DocState:
        state = doc.user_data.get(STATE)
        if state is None:
            state = doc.user_data[STATE] = cls(doc)
        return state

    def sentence(self, pos: int) -> tuple[int, int]:
        """(start, end) of the sentence holding character ``pos``."""
        i = bisect_right(self.sent_starts, pos) - 1
        start = self.sent_starts[max(i, 0)]
        end = self.sent_starts[i + 1] if i + 1 < len(self.sent_starts) else len(self.text)
        if start < self.title_end <= end and pos < self.title_end:
            end = self.title_end
        return start, end

    def in_title(self, pos: int) -> bool:
        return pos < self.title_end

    def overlapping(self, start: int, end: int, types=("method", "dataset", "negative")):
        return [c for c in self.cands if c.start < end and start < c.end and c.type in types]


# A sentence ends at . ! ? followed by space and an upper-case letter, digit or quote.
_SENT_BREAK = re.compile(r"[.!?](?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bvs\.)(?<!\bet al\.)(?<!\bcf\.)"
                         r"(?=\s+[A-Z0-9\"'(\[])")
_SENT_END = re.compile(r"\s*")


def _words_re(words, suffix=r"(?![\w-])") -> re.Pattern:
    """A regex for any of ``words`` as whole words (longest first), case-insensitive."""
    escaped = sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True)
    # \b first: the engine rejects most positions before trying the alternation.
    return re.compile(r"\b(?<![\w-])(?:" + "|".join(escaped) + ")" + suffix, re.I)


# ---------------------------------------------------------------- lexicon matching


def token_offsets(doc: Doc):
    """Start and end character offsets and shape ids of every token (three lists),
    read from arrays so that no Token object is created."""
    cached = doc.user_data.get("kg_offsets")
    if cached is None:
        array = doc.to_array([IDX, LENGTH, SHAPE])
        starts = array[:, 0].tolist()
        ends = (array[:, 0] + array[:, 1]).tolist()
        cached = doc.user_data["kg_offsets"] = (starts, ends, array[:, 2].tolist())
    return cached


def pattern_tokenizer(nlp: Language) -> Tokenizer:
    """A throw-away copy of the tokenizer for matcher patterns.

    Tokenizing tens of thousands of names through ``nlp.tokenizer`` fills its
    cache and makes every later call several times slower; a copy sharing the
    vocab keeps the real tokenizer's cache for the papers.
    """
    t = nlp.tokenizer
    return Tokenizer(nlp.vocab, rules=t.rules, prefix_search=t.prefix_search,
                     suffix_search=t.suffix_search, infix_finditer=t.infix_finditer,
                     token_match=t.token_match, url_match=t.url_match)


def _exact_case(name: str) -> bool:
    """Short all-caps names ("AR", "RL", "SAM") only match as written."""
    letters = re.sub(r"[^A-Za-z]", "", name)
    return len(name) <= 3 and letters.isupper() or (len(letters) <= 4 and letters.isupper()
                                                     and not any(ch.isdigit() for ch in name))


class LexiconMatcher:
    """Marks every name from the method, family, dataset and negative lexicons.

    Matching ignores case (except for short all-caps names and entries marked
    ``ambiguous``), hyphens, spaces and plural ``s``. The longest match wins; a
    match that is only part of a longer hyphenated name ("GPT" in "VL-GPT") is
    dropped so the name finder can take the whole name. A family word inside a
    longer name also tags the family ("Diffusion Transformer" -> Transformer).
    """

    def __init__(self, nlp: Language, name: str):
        self.name = name
        rules = load_rules()
        self.caseless = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.entries: dict[str, LexiconEntry] = {}
        caseless: dict[str, set[str]] = {}
        exact: dict[str, set[str]] = {}
        for entry in load_lexicon():
            key = entry.id
            if key in self.entries:  # a label listed twice: merge aliases
                entry = LexiconEntry(entry.label, entry.type,
                                     (*self.entries[key].aliases, *entry.aliases),
                                     entry.family, entry.ambiguous, entry.kind, entry.implies)
            self.entries[key] = entry
            for name_ in entry.names:
                target = exact if entry.ambiguous or _exact_case(name_) else caseless
                for variant in surface_variants(name_):
                    target.setdefault(key, set()).add(variant)
                    if entry.type == "method" and not variant.endswith("s"):
                        target[key].add(variant + "s")
        tokenizer = pattern_tokenizer(nlp)
        for matcher, table in ((self.caseless, caseless), (self.exact, exact)):
            for key, names in table.items():
                matcher.add(key, list(tokenizer.pipe(sorted(names))))
        self.family_by_label = {e.label: e for e in self.entries.values() if e.family}
        self.names = {key: frozenset(e.names) for key, e in self.entries.items()}
        suffixes = "|".join(map(re.escape, rules["attached_suffixes"]))
        self.attached_ok = re.compile(rf"(?:s|'s|’s|-(?:{suffixes})\w*)?$", re.I)
        self.size_ext = re.compile(
            r"(?:-(?:\d+(?:\.\d+)?[BMKT]|base|large|small|tiny|mini|medium|huge|giant|x{0,2}l|"
            r"[SBLH](?:/\d+)?|L\d+|chat|instruct|hf)|\s(?:\d+(?:\.\d+)?[BMKT]|base|large|small|"
            r"tiny|medium|huge|xl|xxl)|\s*(?:×|times)\s*\d+(?:\.\d+)?)(?![\w-])", re.I)

    def __call__(self, doc: Doc) -> Doc:
        state = DocState.of(doc)
        text = state.text
        found = []
        offsets = token_offsets(doc)
        strings = doc.vocab.strings
        for match_id, start, end in [*self.caseless(doc), *self.exact(doc)]:
            entry = self.entries[strings[match_id]]
            found.append((offsets[0][start], offsets[1][end - 1], entry))
        # Longest first; among equal spans prefer a name written in exactly that case
        # ("FID" the metric over "FiD" the model), then named methods, datasets, families.
        order = {"method": 0, "dataset": 1, "negative": 2}
        names = self.names
        found.sort(key=lambda f: (-(f[1] - f[0]), text[f[0]:f[1]] not in names[f[2].id],
                                  f[2].family, order[f[2].type], f[0]))
        taken: list[tuple[int, int, LexiconEntry]] = []
        mask = bytearray(len(text) + 1)
        for start, end, entry in found:
            inside = [t for t in taken if t[0] < end and start < t[1]] \
                if mask.find(1, start, end) != -1 else None
            if inside:
                outer = inside[0][2]
                # A family named inside a longer method name still counts for the family
                # ("Diffusion Transformer"; "non-autoregressive transformer"), but not a
                # family glued into another one by a hyphen ("non-autoregressive").
                if (entry.family and outer.type == "method" and entry.label != outer.label
                        and inside[0][0] <= start and end <= inside[0][1]
                        and (not outer.family or text[start - 1].isspace())):
                    state.cands.append(Cand(start, end, "method", entry.label, "family-in-name",
                                            0.8, entry, True, surface=text[start:end]))
                continue
            if not entry.family and entry.type != "negative" and not self._whole_word(
                    text, start, end):
                continue
            if entry.type == "negative":
                if not self._whole_word(text, start, end):
                    before = text[start - 1] if start > 0 else " "
                    if not before.isspace() and before not in "([\"“":
                        continue  # "QA" inside "NCEN-QA": the longer name decides
                    while end < len(text) and not text[end].isspace() and text[end] not in ",;:)":
                        end += 1  # "GPU-days": the whole word is no name
                state.cands.append(Cand(start, end, "negative", entry.label, "negative-lexicon",
                                        1.0, entry, surface=text[start:end]))
                taken.append((start, end, entry))
                mask[start:end] = b"\x01" * (end - start)
                continue
            surface_end = end
            if entry.type == "method" and not entry.family:
                ext = self.size_ext.match(text, end)
                while ext:
                    surface_end = ext.end()
                    ext = self.size_ext.match(text, surface_end)
            taken.append((start, surface_end, entry))
            mask[start:surface_end] = b"\x01" * (surface_end - start)
            rule = "family" if entry.family else "lexicon"
            state.cands.append(Cand(start, surface_end, entry.type, entry.label, rule,
                                    0.9 if entry.family else 0.95, entry, entry.family,
                                    surface=text[start:surface_end]))
            for implied in entry.implies:
                family = self.family_by_label.get(implied)
                if family is not None:
                    state.cands.append(Cand(start, surface_end, "method", family.label,
                                            "implied-family", 0.8, family, True,
                                            surface=text[start:surface_end]))
        return doc

    def _whole_word(self, text: str, start: int, end: int) -> bool:
        """False when the match is glued to more name characters ("GPT" in "VL-GPT")."""
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] == "-" and start > 1
                          and text[start - 2].isalnum()):
            return False
        stop = end
        while stop < len(text) and not text[stop].isspace() and text[stop] not in ",;:()[]\"“”":
            stop += 1
        tail = text[end:stop].rstrip(".!?'’")
        return not tail or bool(self.attached_ok.match(tail)) or bool(self.size_ext.match(
            text, end))


# ---------------------------------------------------------------- acronym definitions

_NEXT_WORD = re.compile(r"[\s)]*([\w-]+)")
_PAREN = re.compile(r"\(([^()]{1,80})\)")
_SHORT = re.compile(r"^(?=[^\s]*[A-Z])[A-Za-z0-9\u0370-\u03ff][\w\u0370-\u03ff.+/-]{0,14}$")
_WORD = re.compile(r"[\w\u0370-\u03ff][\w\u0370-\u03ff'’]*(?:-[\w\u0370-\u03ff]+)*")


_MINOR = {"of", "for", "the", "and", "with", "to", "in", "on", "a", "an", "via", "by", "from"}


def _initials(short: str, words: list[tuple[int, int, str]]) -> int | None:
    """Index where the long form starts if the short form's letters are word initials
    ("Simultaneous Speech Translation (SST)"); minor words may be skipped."""
    chars = [c.lower() for c in short if c.isalpha()]
    parts = []  # (word index, initial) for every word and hyphen part
    for i, w in enumerate(words):
        for part in w[2].split("-"):
            if part:
                parts.append((i, part[0].lower(), part.lower() in _MINOR))
    p = len(parts) - 1
    for ch in reversed(chars):
        while p >= 0 and parts[p][1] != ch and parts[p][2]:
            p -= 1
        if p < 0 or parts[p][1] != ch:
            return None
        p -= 1
    return parts[p + 1][0]


def _schwartz_hearst(short: str, words: list[tuple[int, int, str]]) -> int | None:
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
        rules = load_rules()
        self.method_heads = {w.lower() for w in rules["method_heads"]}
        self.nonmethod_heads = {w.lower() for w in rules["nonmethod_heads"]}
        self.dataset_heads = {w.lower() for w in rules["dataset_heads"]}
        self.stop = set(rules["stop_names"])
        self.dataset_words = _words_re(rules["dataset_words"])
        self.method_words = _words_re(rules["method_words"])

    def __call__(self, doc: Doc) -> Doc:
        state = DocState.of(doc)
        text = state.text
        for m in _PAREN.finditer(text):
            inner = m.group(1).strip()
            sent_start, _ = state.sentence(m.start())
            if " " not in inner:
                short = re.sub(r"(?<=[A-Z])s$", "", inner)
                if not _SHORT.match(short):
                    continue
                before = text[max(sent_start, m.start() - 160):m.start()]
                offset = m.start() - len(before)
                words = [(offset + w.start(), offset + w.end(), w.group())
                         for w in _WORD.finditer(before)]
                words = words[-min(len(short) + 5, len(short) * 2):]
                index = _initials(short, words)
                if index is None:
                    index = _schwartz_hearst(short, words)
                if index is None:
                    continue
                long_start, long_end = words[index][0], words[-1][1]
                self._define(state, short, m.start(1), m.start(1) + len(short),
                             long_start, long_end, "acronym-definition")
            else:
                # "GeLaTo (Generating Language with Tractable Constraints)": name first.
                word = _WORD.search(text[max(sent_start, m.start() - 40):m.start()][::-1])
                if not word or word.start() > 1:
                    continue
                name_end = m.start() - word.start()
                name_start = name_end - word.end() + word.start()
                short = text[name_start:name_end]
                if not _SHORT.match(short) or short in self.stop or short.islower():
                    continue
                words = [(m.start(1) + w.start(), m.start(1) + w.end(), w.group())
                         for w in _WORD.finditer(inner)]
                if len(words) > len(short) * 2 + 3 or _schwartz_hearst(short, words) != 0:
                    continue
                self._define(state, short, name_start, name_end, words[0][0], words[-1][1],
                             "acronym-definition")
        return doc

    def head_type(self, long_form: str) -> str | None:
        words = re.findall(r"[\w-]+", long_form.lower())
        if not words:
            return None
        head = words[-1].split("-")[-1]
        for heads, kind in ((self.nonmethod_heads, None), (self.dataset_heads, "dataset"),
                            (self.method_heads, "method")):
            if head in heads or head.rstrip("s") in heads:
                return kind
        return None

    def _define(self, state: DocState, short: str, s_start: int, s_end: int,
                l_start: int, l_end: int, rule: str) -> None:
        text = state.text
        long_form = text[l_start:l_end]
        known_long = [c for c in state.overlapping(l_start, l_end)
                      if c.rule not in ("family-in-name", "implied-family")]
        known_short = [c for c in state.overlapping(s_start, s_end)
                       if c.rule not in ("family-in-name", "implied-family")]
        if any(c.type == "negative" and c.start <= l_start and c.end >= l_end for c in known_long) \
                or any(c.type == "negative" for c in known_short):
            state.acronyms[short] = Cand(s_start, s_end, "negative", short, rule, 1.0)
            return
        # The long form names a lexicon entry exactly: the acronym is an alias of it.
        exact = [c for c in known_long if c.start == l_start and c.end >= l_end]
        exact_short = [c for c in known_short if c.start == s_start and c.end >= s_end]
        if exact_short and not exact and exact_short[0].entry is not None:
            entry = exact_short[0].entry
            long_key = name_key(long_form)
            if all(name_key(n) != long_key for n in entry.names):
                # The paper defines the acronym its own way ("Simultaneous Speech
                # Translation (SST)"): its other uses here follow that definition.
                state.cands = [c for c in state.cands if not (
                    c.entry is entry and text[c.start:c.end] in (short, short + "s"))]
                exact_short = []
        if exact or exact_short:
            ref = (exact or exact_short)[0]
            if not exact_short:
                state.cands.append(Cand(s_start, s_end, ref.type, ref.label, rule, 0.9,
                                        ref.entry, ref.family, aliases=[long_form],
                                        surface=short))
            elif not exact:
                state.cands.append(Cand(l_start, l_end, ref.type, ref.label, rule, 0.9,
                                        ref.entry, ref.family, aliases=[short],
                                        surface=long_form))
            state.acronyms[short] = ref
            return
        kind = self.head_type(long_form)
        if kind is None and any(c.family for c in known_long):
            kind = "method"  # "Masked Autoregressive (MAR)"
        if kind is None:
            # "Fast and Robust Early-Exiting (FREE) framework": the noun after the pair.
            after = _NEXT_WORD.match(text, max(s_end, l_end) + 1)
            if after and self.dataset_words.fullmatch(after.group(1)):
                kind = "dataset"
            elif after and self.method_words.fullmatch(after.group(1)):
                kind = "method"
        if kind is None:
            state.acronyms[short] = Cand(s_start, s_end, "negative", short, rule, 0.5)
            return
        label = short
        long_cand = Cand(l_start, l_end, kind, label, rule, 0.85, aliases=[long_form, short],
                         surface=long_form)
        short_cand = Cand(s_start, s_end, kind, label, rule, 0.85, aliases=[long_form, short],
                          surface=short)
        # Drop lexicon matches that were only a part of the long form (not families).
        state.cands = [c for c in state.cands if c.family or c.type == "negative"
                       or not (l_start <= c.start and c.end <= l_end)]
        state.cands += [long_cand, short_cand]
        state.acronyms[short] = short_cand


# ---------------------------------------------------------------- unseen names


# A name-shaped word: inner capitals (LLaMAntino, mT5), letters with digits (GPT-3.5),
# two or more capitals (BAMM) or a Greek letter (PixArt-Σ).
_TOKEN = re.compile(
    r"(?<![\w\u0370-\u03ff/.-])[A-Za-z0-9\u0370-\u03ff][\w\u0370-\u03ff]*"
    r"(?:[-.+/][\w\u0370-\u03ff]+)*")
_SHAPED = re.compile(
    r"(?:[a-z0-9][A-Z]|[A-Z]{2}|[A-Za-z]-?\d|\d[A-Za-z]|[\u0370-\u03ff])")
# The same test on spaCy's token shapes ("XxxXx", "dX", "Xxxx-d.d").
_SHAPE_OF_NAME = re.compile(r"(?:[xd]X|XX|[Xx]-?d|d[Xx])")
_NOT_NAME = re.compile(
    r"^(?:\d+(?:[.,]\d+)?(?:[a-zA-Z%]{0,7}|[-x×]\d+)|[xk×]\d+(?:\.\d+)?|\d+D|[A-Z]\d?|"
    r"(?:19|20)\d\d[a-z]?|[a-z]+\d+[a-z]*|[A-Za-z]{2}-[A-Za-z]{2}|[\w-]*-to-[\w-]*|"
    r"[\w-]+-(?:aware|based|consistent|free|like|style|level|specific|agnostic|wise|driven|"
    r"guided|conditioned|only|scale|sized|dimensional|resolution|shot|step|stage|layer)|[a-z]+(?:-[a-z]+)*-\d+(?:\.\d+)?|\w+\.(?:com|org|io|ai|net|github)\b.*)$")
_VERSION = re.compile(r"\s(?:v?\d+(?:\.\d+)*|[IVX]{1,3})(?![\w.)-]|\.\d)")
_CAP_PHRASE = re.compile(
    r"\b(?<![\w-])[A-Z][\w]*(?:-[\w]+)*(?:\s+[A-Z][\w]*(?:-[\w]+)*){1,4}(?![\w-])")


_ORG_TAIL = re.compile(r"(?:'s|’s|\s+at\s)")


# The next item of a list: ", Y" / ", and Y" / " and Y" / " or Y" / "/Y".
_LIST_NEXT = re.compile(
    r"(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+|/)"
    r"([A-Za-z0-9\u0370-\u03ff][\w\u0370-\u03ff]*(?:[-.+/][\w\u0370-\u03ff]+)*)")
_ATTACHED = re.compile(r"-(?:based|style|like|level|type|free|only|guided|driven|enhanced)$", re.I)
_OBJECT_END = re.compile(r"\s*(?:[,;:(]|\.(?:\s|$)|$|(?:which|that|as|to|for|with|and)\b)")
_NEXT_LOWER = re.compile(r"\s+([a-z][\w-]*)")
_WORD_BEFORE = re.compile(r"([\w-]+)[\s,]*$")
_LOWER_PHRASE = re.compile(
    r"\s+(?:(?:a|an|the|our|new|novel)\s+)*([a-z][\w-]*(?:\s+[a-z][\w-]*){1,2})")
_SPACE_PUNCT = re.compile(r"[\s,:\"“‘']*")
_NONSPACE = re.compile(r"\S+")
_NEXT_CAPWORD = re.compile(r"\s+((?:of|for|with|and|to|on|via|in)\s+)?"
                           r"([A-Z\u0391-\u03a9][\w\u0370-\u03ff]*(?:-[\w\u0370-\u03ff]+)*)")
_LIST_END = re.compile(r"\s*(?:[,.;:)]|and\b|or\b|$)")

# Heads too generic for a capitalised phrase to be a name on their own ("Fast Sequence Models").
_DETERMINERS = {"The", "This", "These", "That", "Those", "Our", "Their", "Its", "Both", "All",
                "Each", "Several", "Various", "Many", "Other", "Two", "Three", "On", "In", "For",
                "With", "Using", "From", "And", "Or"}
_GENERIC_HEADS = {"model", "models", "method", "methods", "approach", "approaches", "framework",
                  "frameworks", "system", "systems", "network", "networks", "algorithm",
                  "algorithms", "technique", "techniques", "learning", "training"}


class NameFinder:
    """Names in no lexicon: defined acronyms, name shapes, the title's "Name:" and
    "we propose X" - each typed as method or dataset by its context."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        rules = load_rules()
        self.stop = set(rules["stop_names"])
        self.stop_lower = {w.lower() for w in rules["stop_names"]}
        self.generic_titles = {w.lower() for w in rules["generic_titles"]}
        self.dataset_right = _words_re(rules["dataset_words"])
        self.method_right = _words_re(rules["method_words"])
        self.dataset_left = _words_re(rules["dataset_left_cues"], suffix=r"\s*$")
        self.method_left = _words_re(rules["method_left_cues"], suffix=r"\s*$")
        # "decoder LLMs (e.g., X)", "benchmarks such as X": a class word, then an example.
        example = r"\s*[(,]?\s*(?:such\s+as|like|including|e\.g\.,?|i\.e\.,?|namely)\s*$"
        self.method_example = _words_re(rules["method_words"], suffix=example)
        self.dataset_example = _words_re(rules["dataset_words"], suffix=example)
        self.compare_left = _words_re(
            [c for c in rules["comparison_cues"] if c != "over" and not c.startswith("as ")],
            suffix=r"\s+(?:(?:the|a|an|strong|prior|existing|recent)\s+)?$")
        self.method_heads = {w.lower() for w in rules["method_heads"]}
        self.dataset_heads = {w.lower() for w in rules["dataset_heads"]}
        self.nonmethod_heads = {w.lower() for w in rules["nonmethod_heads"]}
        self.dataset_suffix = re.compile(r"(?:bench|eval|qa|set|arena|corpus|data)\d*$", re.I)
        # Cue words are found on tokens (PhraseMatcher); the subject is then checked in
        # the few words before the verb ("we further propose", "this paper introduces").
        subjects = "|".join(map(re.escape, rules["propose_subjects"]))
        self.subject = re.compile(rf"\b(?:{subjects})\b(?:\s+[\w-]+,?){{0,3}}?\s+$", re.I)
        self.by_subject = re.compile(r"\bby\s+$", re.I)
        self.cue_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        tokenizer = pattern_tokenizer(nlp)
        gerunds = ["proposing", "introducing", "presenting", "developing"]
        self.cue_matcher.add("propose", list(tokenizer.pipe(rules["propose_verbs"])))
        self.cue_matcher.add("propose-by", list(tokenizer.pipe(gerunds)))
        self.cue_matcher.add("naming", list(tokenizer.pipe(rules["naming_cues"])))
        self.skip = {w.lower() for w in rules["propose_skip"]}
        self.strong_naming = re.compile(r"(?:called|named|dubbed|termed|coined)\b", re.I)
        self.org_right = _words_re(rules["organisation_words"])
        self.shape_ok: dict[int, int] = {}
        words = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(
            rules["dataset_words"], key=len, reverse=True))
        self.cap_dataset = re.compile(
            r"\b(?<![\w-])((?:[A-Z][\w'-]*\s+){0,4}[A-Z][\w'-]*)\s+(?:" + words + r")(?![\w-])")
        self.lexicon_keys: dict[str, LexiconEntry] = {}
        for entry in load_lexicon():
            if entry.type in ("method", "dataset") and not entry.family:
                for alias in entry.names:
                    self.lexicon_keys.setdefault(plain_key(alias), entry)
        self.common = set(rules["common_capitalised"])
        self.lower_named = re.compile(
            r"([a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}?)(?=\s*[,.;(]|\s+(?:which|that|to|for)\b)")

    # -- helpers
    def _free(self, state: DocState, start: int, end: int) -> bool:
        return not state.overlapping(start, end, ("method", "dataset", "negative"))

    def _type_from_context(self, state: DocState, start: int, end: int, name: str) -> str | None:
        text = state.text
        s_start, s_end = state.sentence(start)
        right = text[end:min(s_end, end + 40)]
        right_word = re.match(r"[\s-]*([\w-]+(?:\s+set)?)", right)
        if right_word:
            word = right_word.group(1)
            if self.dataset_right.fullmatch(word):
                return "dataset"
            if self.method_right.fullmatch(word):
                return "method"
        left = text[max(s_start, start - 40):start]
        if self.dataset_example.search(left):
            return "dataset"
        if self.method_left.search(left) or self.compare_left.search(left) or \
                self.method_example.search(left):
            return "method"  # "models such as X", "outperforms X", "faster than X"
        if self.dataset_suffix.search(name):
            return "dataset"
        if self.dataset_left.search(left) and re.match(r"\s*(?:[,.;:)]|and\b|or\b|$)", right):
            return "dataset"
        return None

    def _add(self, state, start, end, kind, label, rule, conf, roles=(), aliases=()):
        cand = Cand(start, end, kind, label, rule, conf, roles=set(roles),
                    aliases=list(aliases), surface=state.text[start:end])
        state.cands = [c for c in state.cands if c.family or c.type == "negative"
                       or not (start <= c.start and c.end <= end and (c.start, c.end) != (
                           start, end))]
        state.cands.append(cand)
        return cand

    def _extend_version(self, text: str, end: int) -> int:
        m = _VERSION.match(text, end)
        return m.end() if m else end

    # -- the rules
    def __call__(self, doc: Doc) -> Doc:
        state = DocState.of(doc)
        self._title_name(state)
        self._proposals(state, doc)
        self._shaped(state, doc)
        self._capitalised_phrases(state)
        self._propagate_lists(state)
        return doc

    def _title_name(self, state: DocState) -> None:
        text = state.text
        title = text[:state.title_end]
        colon = title.find(": ")
        if colon <= 0:
            return
        head = title[:colon].strip()
        words = [w for w in head.split() if w not in ("&", "and", "of", "for")]
        if not words or len(words) > 4 or not all(w[0].isupper() or w[0].isdigit() for w in words):
            return
        if words[0].lower() in self.generic_titles or any(
                w.lower() in self.generic_titles for w in words):
            return
        if len(words) > 1 and words[0].lower().endswith("ing") and not _SHAPED.search(words[0]):
            return  # "Utilizing BERT for Retrieval: ..." is a sentence, not a name
        last = words[-1].lower().split("-")[-1]
        if len(words) > 1 and not any(_SHAPED.search(w) for w in words) and (
                last in self.nonmethod_heads or words[0].lower() in ("a", "an", "the")):
            return  # "Brain Captioning: ...", "A Distributional Approach: ..."
        shaped = any(_SHAPED.search(w) and not _NOT_NAME.match(w) for w in words)
        if not shaped and not (len(words) == 1 and head.isalpha() and head[0].isupper()):
            key = name_key(head.replace("&", "and"))
            if key not in name_key(text[state.abstract_start:].replace("&", "and")):
                return  # a multi-word head is a name only if the abstract uses it
        rest = title[colon + 1:]
        kind = "dataset" if self.dataset_right.search(rest) or re.match(
            r"\s*(?:a\s+|an\s+)?benchmarking\b", rest, re.I) else "method"
        existing = state.overlapping(0, colon)
        lexical = [c for c in existing if c.start == 0 and c.end >= colon and not c.family]
        if lexical and lexical[0].type == "negative":
            return
        if lexical:
            lexical[0].give("proposed", "title-name", 0.85)
            return
        cand = self._add(state, 0, colon, kind, head, "title-name", 0.85, roles=("proposed",))
        words_rest = [(colon + 1 + w.start(), colon + 1 + w.end(), w.group())
                      for w in _WORD.finditer(rest)]
        for n in range(len(words_rest), 1, -1):
            if _schwartz_hearst(head, words_rest[:n]) == 0:
                cand.aliases.append(text[words_rest[0][0]:words_rest[n - 1][1]])
                break

    def _name_after(self, state: DocState, pos: int, limit: int) -> tuple[int, int] | None:
        """The name that starts after ``pos`` once determiners and adjectives are skipped."""
        text = state.text
        skipped = 0
        while pos < limit:
            pos = _SPACE_PUNCT.match(text, pos).end()
            w = _TOKEN.match(text, pos) or _NONSPACE.match(text, pos)
            if not w or w.start() >= limit:
                return None
            word = w.group()
            is_name = (_SHAPED.search(word) and not _NOT_NAME.match(word)) or word[0].isupper()
            if is_name and word not in self.stop and (
                    word.lower() not in self.skip or word[0].isupper() and word.lower() not in (
                        "a", "an", "the", "our", "this", "these", "two", "three", "several")):
                end = w.end()
                # Capitalised phrase: keep adding capitalised words (with "of/for/with").
                while True:
                    nxt = _NEXT_CAPWORD.match(text, end)
                    if not nxt or nxt.end() > limit:
                        break
                    if nxt.group(1) and nxt.group(1).strip() in ("and", "to", "in", "on"):
                        break
                    end = nxt.end()
                end = self._extend_version(text, end)
                if end == w.end() and not _SHAPED.search(word):
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

    def _cues(self, doc: Doc, state: DocState):
        """(rule, start, end, text) of every proposal or naming cue in the abstract."""
        text = state.text
        starts, ends, _ = token_offsets(doc)
        strings = doc.vocab.strings
        for match_id, s, e in sorted(self.cue_matcher(doc), key=lambda m: m[1]):
            start, end = starts[s], ends[e - 1]
            if start < state.abstract_start:
                continue
            kind = strings[match_id]
            left = text[max(state.sentence(start)[0], start - 50):start]
            if kind == "propose" and not self.subject.search(left):
                continue
            if kind == "propose-by" and not (self.by_subject.search(left)
                                             or self.subject.search(left)):
                continue
            rule = "naming-cue" if kind == "naming" else "propose-cue"
            yield rule, start, end, text[start:end]

    def _proposals(self, state: DocState, doc: Doc) -> None:
        text = state.text
        title_lower = text[:state.title_end]
        for rule, m_start, m_end, m_text in self._cues(doc, state):
            s_start, s_end = state.sentence(m_start)
            span = self._name_after(state, m_end, s_end)
            if span is None:
                span = self._lowercase_title_echo(state, m_end, s_end, title_lower)
            if span is None and self._defined_after(state, m_end, s_end, rule):
                continue
            if span is None and rule == "naming-cue" and self.strong_naming.match(m_text):
                span = self._lowercase_named(state, m_end, s_end)
            if span is None:
                continue
            start, end = span
            name = text[start:end].rstrip(".")
            end = start + len(name)
            if name in self.stop or name.lower() in self.stop_lower:
                continue
            existing = [c for c in state.overlapping(start, end)
                        if not c.family and c.rule not in ("family-in-name", "implied-family")]
            if any(c.type == "negative" and c.start <= start and c.end >= end
                   for c in existing):
                continue  # the whole name is a metric, task, organisation...
            existing = [c for c in existing if c.type != "negative"]
            defined = [c for c in existing if c.rule == "acronym-definition"]
            if defined:
                # "we present Fully Binarized LLM (FBI-LLM)": the definition is the name.
                for c in state.cands:
                    if c.rule == "acronym-definition" and c.label == defined[0].label:
                        c.give("proposed", rule, 0.8)
                continue
            if _ATTACHED.search(name):
                continue  # "we propose a BERT-based model": a modifier, not a name
            same = [c for c in existing if c.start == start]
            if same and same[0].end >= end:
                # A known name is proposed when it is the object itself ("we present
                # Llama 2, a family of ...", not "we present GPT-4 evaluations").
                if same[0].rule == "acronym-definition" or same[0].entry is None or \
                        _OBJECT_END.match(text, same[0].end):
                    same[0].give("proposed", rule, 0.8)
                continue
            window = text[max(s_start, start - 60):start] + text[end:min(s_end, end + 30)]
            kind = "dataset" if self.dataset_right.search(window) and not \
                self.method_right.search(text[end:min(s_end, end + 20)]) else "method"
            # "a dataset, termed X" / "decoder-transformers named X": the noun the
            # naming cue follows types the name.
            before = _WORD_BEFORE.search(text, max(s_start, m_start - 40), m_start)
            if rule == "naming-cue" and before:
                noun = before.group(1).lower().split("-")[-1]
                if self.dataset_right.fullmatch(noun) or noun in self.dataset_heads:
                    kind = "dataset"
                elif self.method_right.fullmatch(noun) or noun.rstrip("s") in self.method_heads:
                    kind = "method"
            if rule == "naming-cue" and kind == "method":
                kind = self._type_from_context(state, start, end, name) or kind
            words = name.split()
            if kind == "method" and len(words) > 1 and not any(
                    _SHAPED.search(w) for w in words):
                head = words[-1].lower().split("-")[-1]
                if head in self.nonmethod_heads or head in _GENERIC_HEADS:
                    continue
            self._add(state, start, end, kind, name, rule, 0.8, roles=("proposed",))

    def _defined_after(self, state: DocState, pos: int, limit: int, rule: str) -> bool:
        """"called conditional attention module (CAM)": the acronym just defined is proposed."""
        text = state.text
        for cand in state.cands:
            if cand.rule == "acronym-definition" and pos <= cand.start < min(limit, pos + 60):
                gap = text[pos:cand.start].lower().replace(",", " ").split()
                if all(w in self.skip for w in gap):
                    for other in state.cands:
                        if other.rule == "acronym-definition" and other.label == cand.label:
                            other.give("proposed", rule, 0.8)
                    return True
        return False

    def _lowercase_named(self, state: DocState, pos: int, limit: int):
        """"a library called dclib", "a block called appearance preservation module"."""
        m = self.lower_named.match(state.text, _SPACE_PUNCT.match(state.text, pos).end())
        if not m or m.end() > limit:
            return None
        words = m.group(1).split()
        if len(words) == 1 or words[-1].lower() in self.method_heads:
            if words[0].lower() in self.skip:
                return None
            return m.start(1), m.end(1)
        return None

    def _lowercase_title_echo(self, state, pos, limit, title):
        """"we propose prompt sketching" when the title writes "Prompt Sketching"."""
        text = state.text
        m = _LOWER_PHRASE.match(text, pos)
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

    def _shaped_words(self, doc: Doc, state: DocState):
        """Words (whitespace-delimited, trimmed) holding a token whose shape looks like a
        name: found from the tokens' shape ids, so only those words are looked at."""
        text = state.text
        starts, ends, shapes = token_offsets(doc)
        strings = doc.vocab.strings
        seen = -1
        shape_ok = self.shape_ok
        for shape in set(shapes).difference(shape_ok):
            shape_text = strings[shape]
            shape_ok[shape] = 1 if _SHAPE_OF_NAME.search(shape_text) else (
                2 if shape_text[:2] == "Xx" and len(shape_text) > 2 else (
                    3 if shape_text == "-" else 0))
        flagged = [i for i, shape in enumerate(shapes) if shape_ok[shape]]
        for i in flagged:
            ok = shape_ok[shapes[i]]
            if ok == 3:
                ok = 0
            if ok == 2:
                if starts[i] >= state.abstract_start and starts[i] >= seen and \
                        text[starts[i]:ends[i]] not in self.common:
                    m = _TOKEN.match(text, starts[i])
                    if m and m.end() == ends[i] and (starts[i] == 0 or text[starts[i] - 1] in " ("):
                        yield m, False  # a capitalised word: a name only if the corpus knows it
                continue
            if not ok and 0 < i < len(shapes) - 1 and ends[i - 1] == starts[i] \
                    and ends[i] == starts[i + 1] and text[starts[i]] == "-" \
                    and text[starts[i] - 1].isalpha() and text[ends[i]].isdigit():
                ok = True  # "Vortex-3.5": letters, hyphen, version number
            if not ok or starts[i] < seen:
                continue
            j = starts[i]
            while j > 0 and (text[j - 1].isalnum() or text[j - 1] in "-.+/_") and \
                    not (text[j - 1] == "." and (j < 2 or text[j - 2].isspace())):
                j -= 1
            m = _TOKEN.match(text, j)
            if m is None or m.end() <= starts[i]:
                continue
            seen = m.end()
            yield m, True

    def _shaped(self, state: DocState, doc: Doc) -> None:
        text = state.text
        counts: dict[str, int] = {}
        orgs: set[str] = set()
        found = []
        capitals = []
        typed_starts = {c.start for c in state.cands}
        for m, shaped in self._shaped_words(doc, state):
            if not shaped:
                capitals.append(m)
                continue
            word = m.group().rstrip(".")
            if not _SHAPED.search(word) or _NOT_NAME.match(word):
                continue
            start, end = m.start(), m.start() + len(word)
            if word.endswith("s") and len(word) > 2 and word[-2].isupper():
                base_end = end - 1  # plural of an acronym: "DiTs", "LLMs"
            else:
                base_end = end
            base = text[start:base_end]
            if base in self.stop or base.lower() in self.stop_lower or word in self.stop:
                continue
            if start not in typed_starts and (_ORG_TAIL.match(text, end)
                                            or self._org_context(text, end)):
                orgs.add(name_key(base))  # "CMU's submission", "the UPC ... group"
                continue
            counts[name_key(base)] = counts.get(name_key(base), 0) + 1
            found.append((start, end, base_end, base))
        for start, end, base_end, base in found:
            if not self._free(state, start, end) or name_key(base) in orgs:
                continue
            end = self._extend_version(text, end) if base_end == end else end
            if base in state.acronyms:
                ref = state.acronyms[base]
                if ref.type in ("method", "dataset"):
                    self._add(state, start, end, ref.type, ref.label, "acronym-use", 0.85,
                              aliases=ref.aliases)
                continue
            entry = self.lexicon_keys.get(plain_key(base))
            if entry is not None and entry.ambiguous and not any(
                    strip_size_suffix(base).startswith(n) for n in entry.names):
                entry = None  # "Falcon-7B" yes, "FALCON-7B" only if listed so
            if entry is not None:
                # "TinyLlama-1.1B", "DiT-XL-2": a lexicon name with a size suffix glued on.
                cand = self._add(state, start, end, entry.type, entry.label, "lexicon+suffix", 0.9)
                cand.entry, cand.family = entry, entry.family
                continue
            kind = self._type_from_context(state, start, end, base)
            rule, conf = "name-shape+context", 0.75
            expanded = self._initials_of_proposed(state, base)
            if expanded is not None:
                # "Plug & Play Generative Networks ... PPGNs": the acronym of the paper's
                # own multi-word name, never defined in parentheses.
                self._add(state, start, end, expanded.type, expanded.label, "acronym-use", 0.7,
                          aliases=[text[expanded.start:expanded.end]])
                continue
            if kind is None and counts[name_key(base)] >= 2 and len(base) > 2:
                kind, rule, conf = "method", "name-shape+repeated", 0.6
            if kind is None:
                state.unresolved.append([start, end, base, False])
                continue
            self._add(state, start, end, kind, text[start:end], rule, conf)
        if capitals:
            covered = bytearray(len(text))
            for c in state.cands:
                covered[c.start:c.end] = b"\x01" * (c.end - c.start)
            for m in capitals:
                word = m.group()
                if len(word) > 2 and word not in self.stop and word.lower() not in self.skip \
                        and covered.find(1, m.start(), m.end()) == -1:
                    state.unresolved.append([m.start(), m.end(), word, False])

    def _initials_of_proposed(self, state: DocState, short: str) -> Cand | None:
        if not short.isupper() or len(short) < 2:
            return None
        for cand in state.cands:
            if "proposed" in cand.roles and " " in cand.label and cand.label != short:
                words = [(0, 0, w) for w in _WORD.findall(cand.label)]
                if _initials(short, words) == 0:
                    return cand
        return None

    def _org_context(self, text: str, end: int) -> bool:
        """The name is followed (within three capitalised words) by "group", "team", "lab"..."""
        m = re.match(r"(?:\s+[A-Z][\w-]*){0,3}\s+([\w-]+)", text[end:end + 60])
        return bool(m and self.org_right.fullmatch(m.group(1)))

    def _capitalised_phrases(self, state: DocState) -> None:
        """"Gated Transformer blocks": a capitalised phrase inside a sentence whose head
        noun (or the next word) says it is a method."""
        text = state.text
        starts = set(state.sent_starts)
        for m in _CAP_PHRASE.finditer(text, state.abstract_start):
            start, end = m.start(), m.end()
            words = m.group().split()
            if start in starts:
                if len(words) < 3:
                    continue
                start += len(words[0]) + 1
                while text[start].isspace():
                    start += 1
                words = words[1:]
            if any(w in self.stop or w.isupper() and len(w) <= 4 for w in words):
                continue
            head = words[-1].lower().split("-")[-1]
            nxt = re.match(r"\s+([\w-]+)", text[end:end + 30])
            is_method = head in self.method_heads or (nxt and self.method_right.fullmatch(
                nxt.group(1)))
            if not is_method or head in self.nonmethod_heads or head in _GENERIC_HEADS:
                continue
            if [c for c in state.overlapping(start, end)
                    if not c.family or c.start <= start and c.end >= end
                    or c.start < start or c.end > end]:
                continue
            self._add(state, start, end, "method", text[start:end], "capitalised-phrase", 0.6)
        # "the Visual Commonsense Reasoning benchmark", "the Switchboard corpus"
        for m in self.cap_dataset.finditer(text, state.abstract_start):
            words = m.group(1).split()
            start = m.start(1)
            sentence_start = state.sentence(start)[0]
            while words and (words[0] in _DETERMINERS or words[0] in self.common and (
                    start == sentence_start or len(words) == 1)):
                start = text.index(words[0], start) + len(words[0])
                words = words[1:]
                while start < len(text) and text[start].isspace():
                    start += 1
            if not words:
                continue
            end = m.end(1)
            if state.overlapping(start, end):
                continue
            self._add(state, start, end, "dataset", text[start:end], "capitalised+dataset-word",
                      0.7)

    def _propagate_lists(self, state: DocState) -> None:
        """"methods such as ParCo, MoMask, and BAMM": an untyped name in a list takes the
        type of the typed name before it."""
        text = state.text
        typed = sorted((c for c in state.cands if c.type in ("method", "dataset")
                        and c.rule not in ("family-in-name", "implied-family")),
                       key=lambda c: c.start)
        work = [c for c in typed if not c.family and c.start >= state.abstract_start]
        while work:
            prev = work.pop()
            m = _LIST_NEXT.match(text, prev.end)
            if not m:
                continue
            word = m.group(1).rstrip(".")
            if word in self.stop or not (word[0].isupper() or _SHAPED.search(word)) or \
                    _NOT_NAME.match(word) or word.lower() in self.skip:
                continue
            start, end = m.start(1), m.start(1) + len(word)
            if not self._free(state, start, end):
                continue
            # A middle item must be followed by more of the list ("X, Y, and Z").
            glue = m.group(0)[:m.start(1) - m.start()]
            if "and" not in glue and "or" not in glue and not _LIST_END.match(text, end):
                continue
            work.append(self._add(state, start, end, prev.type, word, "list-with-" + prev.type,
                                  0.7))


# ---------------------------------------------------------------- roles


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
        self.over_needs = _words_re(rules["over_needs"], suffix="")
        self.breaks = _words_re([b for b in rules["clause_breaks"] if b.isalpha()])
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
        if re.search(r"[.;:]", gap) or self.breaks.search(gap):
            return False
        words = re.findall(r"[\w§][\w'-]*|[,()]", gap)
        others = [w for w in words if w.lower() not in self.glue and w != "§"]
        limit = 6 if "§" not in words else 3
        if word.split()[-1] not in ("as",) or word in ("such as",):
            return len(others) <= limit
        return not others  # "as fast as X", not "as simple as creating a X"


# ---------------------------------------------------------------- modalities


class ModalityTagger:
    """Marks modality cues; compounds such as "text-to-image" give two modalities."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.excludes: dict[str, re.Pattern] = {}
        self.background = _words_re(load_rules()["background_cues"], suffix="")
        modalities = schema_path("lexicons", "modalities.jsonl")
        table: dict[str, set[str]] = {}
        for record in load_jsonl(modalities) if modalities.exists() else ():
            cues = [*record.get("cues", ()), *record.get("task_cues", ())]
            for cue in cues:
                table.setdefault(record["label"], set()).update(surface_variants(cue))
            if record.get("exclude_contexts"):
                self.excludes[record["label"]] = _words_re(record["exclude_contexts"], suffix="")
        compounds = schema_path("lexicons", "compounds.jsonl")
        if compounds.exists():
            for record in load_jsonl(compounds):
                key = "+".join(record["modalities"])
                table.setdefault(key, set()).update(surface_variants(record["phrase"]))
        tokenizer = pattern_tokenizer(nlp)
        for key, cues in table.items():
            self.matcher.add(key, list(tokenizer.pipe(sorted(cues))))

    def __call__(self, doc: Doc) -> Doc:
        state = DocState.of(doc)
        text = state.text
        matches = sorted(self.matcher(doc), key=lambda m: (m[1], -m[2]))
        offsets = token_offsets(doc) if matches else None
        longest: list[tuple[int, int]] = []
        for match_id, start, end in matches:
            if any(s <= start and end <= e and (s, e) != (start, end) for s, e in longest[-4:]):
                continue  # inside a longer cue ("text-to-image" covers "image")
            longest.append((start, end))
            s, e = offsets[0][start], offsets[1][end - 1]
            for label in doc.vocab.strings[match_id].split("+"):
                exclude = self.excludes.get(label)
                if exclude is not None:
                    s_start, s_end = state.sentence(s)
                    if exclude.search(text[max(s_start, s - 40):min(s_end, e + 40)]):
                        continue
                state.modalities.append(Cand(s, e, "modality", label, "modality-cue", 0.8,
                                             surface=text[s:e]))
        self._drop_background(state)
        return doc

    def _drop_background(self, state: DocState) -> None:
        """A modality named only in background ("has achieved remarkable success in natural
        language processing", "unlike 2D image generation, ...") is not the paper's own,
        when the paper names a modality of its own elsewhere."""
        if not state.modalities:
            return
        text = state.text
        regions: dict[tuple[int, int], list[tuple[int, int]]] = {}
        keep: set[str] = set()
        for cand in state.modalities:
            if cand.start < state.title_end:
                keep.add(cand.label)
                continue
            bounds = state.sentence(cand.start)
            if bounds not in regions:
                regions[bounds] = self._background_regions(text, *bounds)
            if not any(s <= cand.start < e for s, e in regions[bounds]):
                keep.add(cand.label)
        if keep:
            state.modalities = [c for c in state.modalities if c.label in keep]

    def _background_regions(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """Character ranges of a sentence that are background: the whole sentence for
        "remarkable success in", the clause up to the next comma for "unlike X,"."""
        regions = []
        for m in self.background.finditer(text, start, end):
            if m.group().lower().split()[0] in ("unlike", "despite", "in", "compared"):
                comma = text.find(",", m.end(), end)
                if comma == -1 or comma - m.end() < 3:  # "In contrast, ...": all of it
                    comma = end
                regions.append((m.start(), comma))
            else:
                regions.append((start, end))
        return regions


# ---------------------------------------------------------------- output


for _name in ("kg_rule", "kg_confidence", "kg_roles", "kg_aliases"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


class SpanWriter:
    """Publishes the candidates as ``doc.spans`` (label = type, kb_id = canonical name)."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        state = DocState.of(doc)
        spans, modality_spans = [], []
        starts, ends, _ = token_offsets(doc)
        for group, cands in ((spans, state.cands), (modality_spans, state.modalities)):
            for cand in cands:
                if cand.type == "negative":
                    continue
                first = bisect_right(starts, cand.start) - 1
                last = bisect_left(ends, cand.end)
                if 0 <= first <= last < len(starts):
                    group.append(Span(doc, first, last + 1, label=cand.type, kb_id=cand.label))
        doc.spans[MENTIONS] = spans
        doc.spans[MODALITIES] = modality_spans
        return doc


def candidates(doc: Doc) -> tuple[list[Cand], list[Cand]]:
    """The (mentions, modality cues) the components left on ``doc``."""
    state = doc.user_data.get(STATE)
    if state is None:
        return [], []
    mentions, seen = [], set()
    for c in state.cands:
        key = (c.start, c.end, c.label)
        if c.type != "negative" and key not in seen:
            seen.add(key)
            mentions.append(c)
    # A modality cue repeats a lot ("text" ten times); three pieces of evidence are plenty.
    modalities, per_label = [], {}
    for c in state.modalities:
        per_label[c.label] = per_label.get(c.label, 0) + 1
        if per_label[c.label] <= MAX_MODALITY_EVIDENCE:
            modalities.append(c)
    return mentions, modalities


MAX_MODALITY_EVIDENCE = 3
