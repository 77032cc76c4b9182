"""``kg_lexicon_matcher_v1``: lexicon names, families and negatives on tokens."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg.extract.lexicon import (
    LexiconEntry,
    load_lexicon,
    load_rules,
    name_key,
    surface_variants,
)
from kg.extract.records import Candidate, Findings, findings_of
from kg.extract.rules import confidence
from kg.extract.tokens import pattern_tokenizer, token_offsets

_COORDINATED = re.compile(r"(?<![\w-])([\w-]+)(?:\s*,\s*(?:and|or)?|\s+(?:and|or))\s+$")
_GLUE_ENDS = (" and ", " or ", ", ")
# A hyphen and a capitalised part of two or more letters: "-Byte", "-Swin", "-LLM".
_NAMED_TAIL = re.compile(r"-[A-Z\u0391-\u03a9][A-Za-z\u0370-\u03ff]+")


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
                    elif entry.type == "dataset" and " " in variant and \
                            variant.endswith("s") and not variant.endswith("ss"):
                        target[key].add(variant[:-1])  # "Natural Question(s)"
        tokenizer = pattern_tokenizer(nlp)
        for matcher, table in ((self.caseless, caseless), (self.exact, exact)):
            for key, names in table.items():
                matcher.add(key, list(tokenizer.pipe(sorted(names))))
        self.family_by_label = {e.label: e for e in self.entries.values() if e.family}
        # "English-German" is two negatives, not a name.
        self.negative_words = {n.lower() for e in self.entries.values() if e.type == "negative"
                               for n in e.names}
        # Multi-word names by key, for "nucleus and top-k sampling" (= nucleus sampling).
        self.multiword = {name_key(n): e for e in self.entries.values()
                          if e.type in ("method", "dataset") and not e.ambiguous
                          for n in e.names if " " in n}
        self.names = {key: frozenset(e.names) for key, e in self.entries.items()}
        suffixes = "|".join(map(re.escape, rules["attached_suffixes"]))
        self.attached_ok = re.compile(rf"(?:s|'s|’s|-(?:{suffixes})\w*)?$", re.I)
        self.size_ext = re.compile(
            r"(?:-(?:\d+(?:\.\d+)?[BMKT]|base|large|small|tiny|mini|medium|huge|giant|x{0,2}l|"
            r"[SBLH](?:/\d+)?|L\d+|chat|instruct|hf)|\s(?:\d+(?:\.\d+)?[BMKT]|base|large|small|"
            r"tiny|medium|huge|xl|xxl)|\s*(?:×|times)\s*\d+(?:\.\d+)?)(?![\w-])", re.I)

    def __call__(self, doc: Doc) -> Doc:
        state = findings_of(doc)
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
                    state.add(Candidate(start, end, "method", entry.label, "family-in-name",
                                        confidence("family-in-name"), entry, True,
                                        surface=text[start:end]))
                continue
            if not entry.family and entry.type != "negative" and not self._whole_word(
                    text, start, end):
                continue
            if entry.type == "negative":
                if not self._whole_word(text, start, end):
                    before = text[start - 1] if start > 0 else " "
                    if not before.isspace() and before not in "([\"“":
                        continue  # "QA" inside "NCEN-QA": the longer name decides
                    tail = _NAMED_TAIL.match(text, end)
                    if tail and tail.group()[1:].lower() not in self.negative_words:
                        continue  # "ECG-Byte", "MSE-Net": a longer name; the name finder decides
                    while end < len(text) and not text[end].isspace() and text[end] not in ",;:)":
                        end += 1  # "GPU-days": the whole word is no name
                state.add(Candidate(start, end, "negative", entry.label, "negative-lexicon",
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
            state.add(Candidate(start, surface_end, entry.type, entry.label, rule,
                                confidence(rule), entry, entry.family,
                                surface=text[start:surface_end]))
            for implied in entry.implies:
                family = self.family_by_label.get(implied)
                if family is not None:
                    state.add(Candidate(start, surface_end, "method", family.label,
                                        "implied-family", confidence("implied-family"), family,
                                        True, surface=text[start:surface_end]))
        self._elided_heads(state)
        return doc

    def _elided_heads(self, state: Findings) -> None:
        """"nucleus and top-k sampling": a word coordinated before a multi-word name
        shares its head noun; "nucleus sampling" is a name too."""
        text = state.text
        for cand in list(state.live):
            if cand.type not in ("method", "dataset") or cand.rule != "lexicon" or \
                    " " not in cand.surface or not text.endswith(_GLUE_ENDS, 0, cand.start):
                continue
            m = _COORDINATED.search(text, max(0, cand.start - 40), cand.start)
            if m is None or m.end() != cand.start:
                continue
            head = cand.surface.split()[-1]
            entry = self.multiword.get(name_key(m.group(1) + " " + head))
            if entry is None or entry.type != cand.type or state.overlapping(
                    m.start(1), m.end(1), ("method", "dataset", "negative")):
                continue
            state.add(Candidate(m.start(1), m.end(1), entry.type, entry.label, "lexicon",
                                confidence("lexicon/elided-head"), entry, entry.family,
                                surface=m.group(1)))

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
