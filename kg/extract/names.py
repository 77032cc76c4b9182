"""``kg_name_finder_v1``: names in no lexicon (title "Name:", proposal cues, name
shapes, lists, capitalised phrases), typed as methods or datasets by their context."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg.extract.acronyms import WORD, initials_start, schwartz_hearst
from kg.extract.lexicon import (
    LexiconEntry,
    load_lexicon,
    load_rules,
    name_key,
    plain_key,
    strip_size_suffix,
)
from kg.extract.state import Cand, DocState, pattern_tokenizer, token_offsets, words_regex

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
_CAP_PHRASE = re.compile(  # a capital first (fast scan), then "not after a word"
    r"[A-Z](?<![\w-][A-Z])[\w]*(?:-[\w]+)*(?:\s+[A-Z][\w]*(?:-[\w]+)*){1,4}(?![\w-])")


_CALLED_NEXT = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:called|named|termed|dubbed)\b", re.I)
_NAMING_VERBS = {"call", "calls", "name", "names", "term", "terms", "dub", "dubs", "coin"}
# The object a naming verb names: up to four lower-case words ("our simple recipe").
_NAMING_OBJECT = re.compile(r"\s+([a-z][\w-]*)(?:\s+[a-z][\w-]*){0,3}?(?=\s+[A-Z0-9\u0370-\u03ff])")
_NOT_OBJECT = {"for", "to", "on", "in", "at", "with", "from", "by", "upon", "into", "that",
               "which", "as", "attention", "out"}
# Words that show the cue's object has ended: a verb or clause follows.
_VERB_LIKE = {"is", "are", "was", "were", "be", "can", "will", "and", "or", "use", "uses",
              "using", "used", "based", "we", "it", "its", "their", "how", "whether", "what",
              "existing", "previous", "prior", "of"}
# A slash before another name (not a size, "ViT-S/16", nor one letter, "I/O").
_SLASH_NAME = re.compile(r"/[A-Za-z\u0370-\u03ff][\w\u0370-\u03ff]+(?:[-./+][\w]+)*$")
_CLASS_COLON = re.compile(
    r"\b(datasets|benchmarks|corpora|baselines|models|methods|competitors)\s*:\s*", re.I)
# One item of that list: a capitalised name of up to four words, then glue or the end.
_COLON_ITEM = re.compile(
    r"((?:[A-Z\u0391-\u03a9][\w\u0370-\u03ff.+/-]*|\d[\w.-]*[A-Za-z][\w.-]*)"
    r"(?:\s+[A-Z0-9][\w.+/-]*){0,3})(\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)?")
_AND_NAME = re.compile(r"\s+and\s+([A-Za-z0-9][\w]*(?:[-.+][\w]+)*)(?=[\s,.;:)]|$)")
_ORG_AFTER = re.compile(r"(?:\s+(?:[A-Z][\w-]*|[-–]))" + "{0,3}" + r"\s+([\w-]+)")
_OF_HEADS = {"family", "series", "suite", "class", "set", "collection", "kind", "type"}
_OUR = re.compile(r"\b(?:our|the\s+proposed)\s+$", re.I)
# "so-called X" quotes a term; "named entity/entities" and "named" before a plural
# common noun ("named objects") are the adjective, not a naming cue.
_SO_CALLED = re.compile(r"so[-\s]$", re.I)
_NAMED_ADJECTIVE = re.compile(
    r"(?i:named)\s+(?:(?i:entit(?:y|ies))\b|[a-z]+(?<![su]s)(?<!is)s"
    r"(?=\s*(?:[,.;:)]|and\b|or\b|$)))")
_LOWER_THEN_SHAPED = re.compile(
    r"([a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+([A-Z][\w-]*)(?=\s*[,.;(]|\s+(?:which|that|to|for)\b)")
_TOKEN_TAIL = re.compile(r"\s+tokens?\b")
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
_SPACE_PUNCT = re.compile(r"[\s,:\"“‘'(]*")
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
        self.dataset_right = words_regex(rules["dataset_words"])
        self.method_right = words_regex(rules["method_words"])
        self.dataset_left = words_regex(rules["dataset_left_cues"], suffix=r"\s*$")
        self.method_left = words_regex(rules["method_left_cues"], suffix=r"\s*$")
        # "decoder LLMs (e.g., X)", "benchmarks such as X": a class word, then an example.
        example = r"\s*[(,]?\s*(?:such\s+as|like|including|e\.g\.,?|i\.e\.,?|namely)\s*$"
        self.method_example = words_regex(rules["method_words"], suffix=example)
        self.dataset_example = words_regex(rules["dataset_words"], suffix=example)
        self.compare_left = words_regex(
            [c for c in rules["comparison_cues"] if c != "over" and not c.startswith("as ")],
            suffix=r"\s+(?:(?:the|a|an|strong|prior|existing|recent|that\s+of|those\s+of)\s+)?$")
        # "a ... reading comprehension (RC) model, X": a name in apposition to a class word.
        self.method_apposition = words_regex(rules["method_words"],
                                             suffix=r"(?:\s*\([^()]{1,20}\))?\s*,\s*$")
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
        self.org_right = words_regex(rules["organisation_words"])
        self.shape_ok: dict[int, int] = {}
        words = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(
            rules["dataset_words"], key=len, reverse=True))
        self.cap_dataset = re.compile(
            # A capital letter first: the regex engine skips to capitals quickly.
            r"([A-Z](?<![\w-][A-Z])[\w'-]*(?:\s+[A-Z][\w'-]*){0,4})\s+(?:" + words +
            r")(?![\w-])")
        self.lexicon_keys: dict[str, LexiconEntry] = {}
        for entry in load_lexicon():
            if entry.type in ("method", "dataset") and not entry.family:
                for alias in entry.names:
                    self.lexicon_keys.setdefault(plain_key(alias), entry)
        self.common = set(rules["common_capitalised"])
        words = "|".join(re.escape(w) for w in sorted(rules["method_words"] + rules[
            "dataset_words"], key=len, reverse=True))
        self.own_words = {"proposed", "new", "novel", "final", *(
            w.lower() for w in rules["method_words"] + rules["dataset_words"])}
        self.own_name = re.compile(
            r"(?:[Oo]ur|[Tt]he\s+proposed)\s+(?:(?:proposed|new|novel|final)\s+)?"
            rf"(?:((?:{words})\s*(?:,|\()\s*(?:(?:called|named|dubbed|termed)\s+)?))?")
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
                self.method_example.search(left) or self.method_apposition.search(left):
            return "method"  # "models such as X", "outperforms X", "faster than X"
        if _OUR.search(left):
            return "method"  # "Our X-Net obtains ...": the paper's own model
        if self._variant_of_known(name):
            return "method"  # "Flatten-Swin", "Video-LLaVA": a variant of a known model
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
        self._colon_lists(state)
        self._propagate_lists(state)
        return doc

    def _title_name(self, state: DocState) -> None:
        text = state.text
        title = text[:state.title_end]
        colon = title.find(": ")
        if colon <= 0:
            self._whole_title_name(state, title)
            return
        head = title[:colon].strip()
        words = [w for w in head.split() if w not in ("&", "and", "of", "for")]
        # A Greek letter starts a name in either case ("α-Decoding", "μ-Net").
        if not words or len(words) > 4 or not all(
                w[0].isupper() or w[0].isdigit() or "\u0370" <= w[0] <= "\u03ff" for w in words):
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
        shaped = any(_SHAPED.search(w) and not _NOT_NAME.match(w) and w not in self.stop
                     for w in words)
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
                      for w in WORD.finditer(rest)]
        for n in range(len(words_rest), 1, -1):
            if schwartz_hearst(head, words_rest[:n]) == 0:
                cand.aliases.append(text[words_rest[0][0]:words_rest[n - 1][1]])
                break

    def _whole_title_name(self, state: DocState, title: str) -> None:
        """"Depth-Adaptive Transformer", "Locally Typical Sampling": a short title that is
        itself a capitalised name with a singular method head names the paper's method."""
        words = title.split()
        if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
            return
        if words[0] in self.common or any(
                w.lower() in self.generic_titles or _ATTACHED.search(w) for w in words):
            return
        head = words[-1].lower().split("-")[-1]
        if head not in self.method_heads or head in self.nonmethod_heads or \
                head in _GENERIC_HEADS or head.endswith("s") and head[:-1] in self.method_heads:
            return
        end = len(title.rstrip())
        covering = [c for c in state.overlapping(0, end) if c.start == 0 and c.end >= end]
        if any(c.type == "negative" or c.family for c in covering):
            return
        if covering:
            covering[0].give("proposed", "title-name", 0.7)
            return
        self._add(state, 0, end, "method", title[:end], "title-name", 0.7, roles=("proposed",))

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
            if kind == "naming" and (_SO_CALLED.search(text, max(0, start - 3), start)
                                     or _NAMED_ADJECTIVE.match(text, start)):
                continue  # "so-called X", "named entities": no naming of a new thing
            rule = "naming-cue" if kind == "naming" else "propose-cue"
            yield rule, start, end, text[start:end]

    def _proposals(self, state: DocState, doc: Doc) -> None:
        text = state.text
        title_lower = text[:state.title_end]
        for rule, m_start, m_end, m_text in self._cues(doc, state):
            s_start, s_end = state.sentence(m_start)
            span = self._name_after(state, m_end, s_end)
            if span is None and m_text.lower() in _NAMING_VERBS:
                # "we call our simple recipe X", "we name this approach X": the object
                # comes first, then the name.
                gap = _NAMING_OBJECT.match(text, m_end)
                if gap and gap.end() < s_end and gap.group(1).lower() not in _NOT_OBJECT:
                    span = self._name_after(state, gap.end(), s_end)
            if span is None:
                span = self._lowercase_title_echo(state, m_end, s_end, title_lower)
            if span is None and self._defined_after(state, m_end, s_end, rule):
                continue
            if span is None and rule == "naming-cue" and self.strong_naming.match(m_text):
                span = self._lowercase_named(state, m_end, s_end)
            if span is None:
                continue
            start, end = span
            if any(d[3] == start for d in state.untyped) and self._defined_after(
                    state, m_end, s_end, rule):
                continue  # "we present Long Name via Back-translation (LN-BT), a ..."
            name = text[start:end].rstrip(".")
            end = start + len(name)
            if name in self.stop or name.lower() in self.stop_lower:
                continue
            if _ORG_TAIL.match(text, end) or self._org_context(text, end):
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
                for c in state.cands:
                    if c.rule == "acronym-definition" and c.label == defined[0].label:
                        c.give("proposed", rule, 0.8)
                continue
            if _ATTACHED.search(name):
                continue  # "we propose a BERT-based model": a modifier, not a name
            if rule == "propose-cue" and _CALLED_NEXT.match(text, end):
                continue  # "we propose a novel X model called Y": Y is the name
            # "a dataset, termed X" / "decoder-transformers named X": the noun the
            # naming cue follows types the name.
            noun_kind = None
            before = _WORD_BEFORE.search(text, max(s_start, m_start - 40), m_start)
            if rule == "naming-cue" and before:
                noun = before.group(1).lower().split("-")[-1]
                if self.dataset_right.fullmatch(noun) or noun in self.dataset_heads:
                    noun_kind = "dataset"
                elif self.method_right.fullmatch(noun) or noun.rstrip("s") in self.method_heads:
                    noun_kind = "method"
            same = [c for c in existing if c.start == start]
            if same and same[0].end >= end and noun_kind and same[0].entry is not None \
                    and same[0].type != noun_kind:
                # "a model called TREC": this paper's TREC is no dataset of the lexicon.
                entry = same[0].entry
                state.cands = [c for c in state.cands
                               if not (c.entry is entry and text[c.start:c.end] == name)]
                local = self._add(state, start, end, noun_kind, name, rule, 0.8,
                                  roles=("proposed",))
                state.acronyms[name] = local  # its other uses in this paper follow it
                continue
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
            kind = noun_kind or kind
            if rule == "naming-cue" and kind == "method" and noun_kind is None:
                kind = self._type_from_context(state, start, end, name) or kind
            words = name.split()
            if kind == "method" and len(words) > 1 and not any(
                    _SHAPED.search(w) for w in words):
                head = words[-1].lower().split("-")[-1]
                if head in self.nonmethod_heads or head in _GENERIC_HEADS:
                    continue
            self._add(state, start, end, kind, name, rule, 0.8, roles=("proposed",))
            # "we propose QuillGen and QuillEval": a coordinated second name.
            more = _AND_NAME.match(text, end)
            if more and more.end(1) <= s_end and self._free(state, more.start(1), more.end(1)) \
                    and _SHAPED.search(more.group(1)) and not _NOT_NAME.match(more.group(1)) \
                    and more.group(1) not in self.stop:
                self._add(state, more.start(1), more.end(1), kind, more.group(1), rule, 0.75,
                          roles=("proposed",))
        self._own_names(state)

    @staticmethod
    def _own_starts(text: str, start: int) -> list[tuple[int, int]]:
        """(cue start, next word start) of every "our " / "the proposed " (str.find is
        much faster than a regex scan here)."""
        found = []
        for needle in ("our ", "Our ", "the proposed ", "The proposed "):
            i = text.find(needle, start)
            while i != -1:
                if i == 0 or not text[i - 1].isalnum():
                    found.append((i, i + len(needle)))
                i = text.find(needle, i + 1)
        return sorted(found)

    def _own_names(self, state: DocState) -> None:
        """"Our method, Quillify, ...", "our proposed Quillify algorithm": a name the
        paper calls its own (not a known name: "our BERT model" proposes nothing)."""
        text = state.text
        for cue, pos in self._own_starts(text, state.abstract_start):
            w = _TOKEN.match(text, pos)
            if w is None:
                continue
            first = w.group()
            if first[0].islower() and first not in self.own_words:
                continue  # "our experiments": no name follows (cheap test first)
            m = self.own_name.match(text, cue)
            if m is None:
                continue
            w = _TOKEN.match(text, m.end())
            if w is None:
                continue
            name = w.group().rstrip(".")
            start, end = w.start(), w.start() + len(name)
            if name in self.stop or name in self.common or name.lower() in self.skip or \
                    _NOT_NAME.match(name) or _ATTACHED.search(name) or \
                    not (name[0].isupper() or _SHAPED.search(name)):
                continue
            if not self._free(state, start, end) or plain_key(name) in self.lexicon_keys:
                continue
            if m.group(1) is None and not _SHAPED.search(name):
                # "our Quillify algorithm": a plain capitalised word needs its class noun.
                after = _NEXT_LOWER.match(text, end)
                if not after or not self.method_right.fullmatch(after.group(1)):
                    continue
            kind = self._type_from_context(state, start, end, name) or "method"
            self._add(state, start, end, kind, name, "own-name", 0.75, roles=("proposed",))

    def _defined_after(self, state: DocState, pos: int, limit: int, rule: str) -> bool:
        """"called conditional attention module (CAM)", "we propose a simplified linear
        attention (SLA) module", "a novel matrix family, the Block Tensor-Train (BTT)":
        the acronym defined right after the cue is proposed."""
        text = state.text
        limit = min(limit, pos + 100)
        for cand in sorted(state.cands, key=lambda c: c.start):
            if cand.rule == "acronym-definition" and pos <= cand.start < limit:
                gap = text[pos:cand.start]
                if all(w in self.skip for w in gap.lower().replace(",", " ").split()) or (
                        cand.entry is None and self._object_gap(gap)):
                    for other in state.cands:
                        if other.rule == "acronym-definition" and other.label == cand.label:
                            other.give("proposed", rule, 0.8)
                    return True
                break
        for short, s_start, s_end, l_start, l_end in state.untyped:
            if pos <= l_start < limit and self._object_gap(text[pos:l_start]):
                # Nothing typed this definition; being proposed makes it a name. Its
                # type: the class word before it ("a benchmark, the ..."), else method.
                gap = text[pos:l_start]
                kind = "dataset" if self.dataset_right.search(gap) else "method"
                aliases = [text[l_start:l_end], short]
                for start, end in ((l_start, l_end), (s_start, s_end)):
                    cand = self._add(state, start, end, kind, short, "acronym-definition", 0.8,
                                     roles=("proposed",), aliases=aliases)
                    cand.role_rules["proposed"] = (rule, 0.8)
                state.acronyms[short] = cand
                return True
        return False

    def _object_gap(self, gap: str) -> bool:
        """Only the object's determiners, adjectives and class nouns between a proposal
        cue and a definition ("a novel matrix family, the")."""
        words = gap.lower().replace(",", " ").split()
        if any(w in self.nonmethod_heads and w not in self.skip for w in words):
            return False  # "a new detection metric, Macro Influence (MI)"; "this task"
        if any(w == "of" and (i == 0 or words[i - 1] not in _OF_HEADS)
               for i, w in enumerate(words)):
            return False  # "a combination of X (X)", but "a family of models, X (X)"
        return len(words) <= 7 and all(
            w in self.skip or (w.isalpha() or "-" in w) and w not in _NOT_OBJECT
            and w not in _VERB_LIKE for w in words)

    def _lowercase_named(self, state: DocState, pos: int, limit: int):
        """"a library called dclib", "a block called appearance preservation module"."""
        start = _SPACE_PUNCT.match(state.text, pos).end()
        m = self.lower_named.match(state.text, start)
        if not m or m.end() > limit:
            # "a method called switched BT": lower-case modifiers before a name-shaped word.
            m = _LOWER_THEN_SHAPED.match(state.text, start)
            if m and m.end() <= limit and _SHAPED.search(m.group(2)) and \
                    m.group(2) not in self.stop and not _NOT_NAME.match(m.group(2)) and \
                    m.group(1).split()[0].lower() not in self.skip and \
                    not any(w in _VERB_LIKE or w in _NOT_OBJECT for w in m.group(1).split()):
                return m.start(1), m.end(2)
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
                    elif m and m.end() > ends[i] and self._variant_of_known(m.group()):
                        seen = m.end()
                        yield m, True  # "Flatten-Swin": a variant of a known model
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
            if "/" in word:
                word = _SLASH_NAME.sub("", word)  # "OPT-175B/BLOOM": two names
            if (not _SHAPED.search(word) or _NOT_NAME.match(word)) and \
                    not self._variant_of_known(word):
                continue
            start, end = m.start(), m.start() + len(word)
            if word.endswith("s") and len(word) > 2 and word[-2].isupper():
                base_end = end - 1  # plural of an acronym: "DiTs", "LLMs"
            else:
                base_end = end
            base = text[start:base_end]
            if base in self.stop or base.lower() in self.stop_lower or word in self.stop:
                continue
            if base.isupper() and _TOKEN_TAIL.match(text, end):
                continue  # "the CLS token", "DIST tokens": special tokens, not names
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
            roles = ("proposed",) if _OUR.search(text, max(0, start - 20), start) else ()
            self._add(state, start, end, kind, text[start:end], rule, conf, roles=roles)
        if capitals:
            covered = bytearray(len(text))
            for c in state.cands:
                covered[c.start:c.end] = b"\x01" * (c.end - c.start)
            for m in capitals:
                word = m.group()
                if len(word) > 2 and word not in self.stop and word.lower() not in self.skip \
                        and covered.find(1, m.start(), m.end()) == -1:
                    state.unresolved.append([m.start(), m.end(), word, False])

    def _variant_of_known(self, word: str) -> bool:
        """"Flatten-Swin", "Video-LLaVA": capitalised hyphen parts, one a known model."""
        parts = word.split("-")
        if len(parts) < 2 or not all(p[:1].isupper() for p in parts):
            return False
        for part in (parts[-1], parts[0]):
            entry = self.lexicon_keys.get(plain_key(part))
            if entry is not None and entry.type == "method" and not entry.ambiguous and \
                    part in entry.names:
                return True
        return False

    def _initials_of_proposed(self, state: DocState, short: str) -> Cand | None:
        if not short.isupper() or len(short) < 2:
            return None
        for cand in state.cands:
            if "proposed" in cand.roles and " " in cand.label and cand.label != short:
                words = [(0, 0, w) for w in WORD.findall(cand.label)]
                if initials_start(short, words) == 0:
                    return cand
        return None

    def _org_context(self, text: str, end: int) -> bool:
        """The name is followed (within three capitalised words) by "group", "team", "lab"..."""
        m = _ORG_AFTER.match(text[end:end + 60])
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

    def _colon_lists(self, state: DocState) -> None:
        """"three benchmarks: TED Talks, News, and Europarl": capitalised items after a
        class word and a colon take the class's type."""
        text = state.text
        if text.find(":", state.abstract_start) == -1:
            return
        for m in _CLASS_COLON.finditer(text, state.abstract_start):
            kind = "dataset" if self.dataset_right.fullmatch(m.group(1)) else "method"
            _, s_end = state.sentence(m.start())
            pos = m.end()
            first = _COLON_ITEM.match(text, pos, s_end)
            if first is None or first.group(2) is None or \
                    first.group(1).split()[0] in self.common:
                continue  # a list has two items or more; "Methods: We ..." is a heading
            for item in _COLON_ITEM.finditer(text, pos, s_end):
                if item.start() != pos or item.group(1).split()[0] in self.common:
                    break
                pos = item.end()
                start, end = item.start(1), item.end(1)
                name = item.group(1)
                if name in self.stop or name.lower() in self.stop_lower or \
                        _NOT_NAME.match(name) or not self._free(state, start, end):
                    continue
                self._add(state, start, end, kind, name, "colon-list", 0.7)
                if item.group(2) is None:
                    break

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
