"""``kg_lexicon_matcher_v1``: lexicon names, families and negatives in the raw text.

Every name of every lexicon goes into one Aho-Corasick automaton (ahocorasick-rs)
over a folded copy of the text: lower case, and spaces, hyphens, brackets, quotes and
slashes all one blank, so "GPT-4" = "gpt 4" = "(GPT 4)". Every pattern starts with
that blank, so it can only match where a word starts. The folded copy keeps every
character's position, so a match is a span of the original text.
"""

from __future__ import annotations

import dataclasses
import re

import ahocorasick_rs
from spacy.language import Language
from spacy.tokens import Doc

from kg.collector import without_cycle_collection
from kg.extract.cued import cued_compile
from kg.extract.lexicon import (
    LexiconEntry,
    ascii_name,
    load_lexicon,
    load_rules,
    name_key,
)
from kg.extract.records import Candidate, Findings, findings_of
from kg.extract.rules import alternation, confidence, window, words

_COORDINATED = cued_compile(r"(?<![\w-])([\w-]+)(?:\s*,\s*(?:and|or)?|\s+(?:and|or))\s+$")
_GLUE_ENDS = (" and ", " or ", ", ")
# What joins two items of a list, after the first ("diffusion and ", "diffusion, ") and
# before the second ("VAEs, and diffusion").
_JOIN_AFTER = cued_compile(r"\s*(?:,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+|\s*/\s*)")
_JOIN_BEFORE = cued_compile(r"(?:,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+|\s*/\s*)$")
# A hyphen and a capitalised part of two or more letters: "-Byte", "-Swin", "-LLM".
_NAMED_TAIL = cued_compile(r"-[A-Z\u0391-\u03a9][A-Za-z\u0370-\u03ff]+")
# A dotted or "v" version right after a listed name ("Seedream 4.0", "Kling-2.1", "X v2");
# a bare integer is left alone ("ResNet 50", "BERT 12 layers").
_DOTTED_VERSION = cued_compile(
    r"(?P<sep>[\s-])(?P<number>\d+\.\d+|[vV]\d+(?:\.\d+)*)"
    r"(?![\w%]|-\d|\.\w|\s*(?:%|×|(?:x|times|points?|pp|fold)\b))", re.I)
# A tier word after a listed version ("Gemini 1.5 Flash"), a stem listed with versions only.
_LISTED_TIER = cued_compile(r"^.+?[\s-]v?\d+(?:\.\d+)+[\s-]([A-Za-z][A-Za-z]+)$")
_LISTED_STEM = cued_compile(r"^([A-Z][\w]*)[\s-]v?\d+\.\d+$")
# "CIFAR-10/100", "AIME 2024/2025", "SQuAD v1.1/v2.0": more versions of a dataset after a
# slash; each is a sibling name ("CIFAR-100") with the last version of the first replaced.
_SLASHED_VERSIONS = cued_compile(r"(?:/(?:\d+(?:\.\d+)*|[vV]\d+(?:\.\d+)*))+(?![\w/-]|\.\d)")
# An image resolution written after a dataset name: "-64", " 256x256", " 512×512", then
# perhaps a square ("FFHQ-1024^2"), which the label leaves out.
_RESOLUTION = r"[-\s](?:32|64|128|256|512|1024|2048)(?:\s?[x×*]\s?\d{2,4})?"
_RESOLUTION_AFTER = cued_compile(_RESOLUTION + r"(?:\^2|²)?(?![\w%×^-]|\.\w)")
_RESOLUTION_END = cued_compile(_RESOLUTION + r"(?=(?:\^2|²)?$)")
RESOLUTION_RULE = "lexicon+resolution"
# "ImageNet 512x512 and 256x256": more resolutions of the same dataset.
_MORE_RESOLUTIONS = cued_compile(
    r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|\s*/\s*)(\d{2,4}\s?[x×*]\s?\d{2,4})"
    r"(?:\^2|²)?(?![\w%×^-]|\.\w)")
_TRAILING_VERSION = cued_compile(r"^(.*?[^\d.])(\d+(?:\.\d+)*|[vV]\d+(?:\.\d+)*)$")
# Characters that separate words and are all one blank for matching.
_BLANKS = (" \t\n\r\f\v\u00a0-\u2010\u2011\u2012\u2013\u2014()[]{}\"\u201c\u201d\u2018\u2019"
           "',;:!?/\\*")
_FOLD = str.maketrans(dict.fromkeys(_BLANKS, " "))
# The same for ASCII text, as byte tables (several times faster than str.translate).
_ASCII_BLANKS = "".join(c for c in _BLANKS if c.isascii()).encode()
_FOLD_BYTES = bytes.maketrans(_ASCII_BLANKS, b" " * len(_ASCII_BLANKS))
_FOLD_BYTES_LOWER = bytes.maketrans(
    _ASCII_BLANKS + bytes(range(65, 91)), b" " * len(_ASCII_BLANKS) + bytes(range(97, 123)))
# Blanks other than space and hyphen, for the fast path of names that have none.
_RARE_BLANKS = cued_compile("[" + re.escape(_BLANKS.replace(" ", "").replace("-", "")) + "]")


def _exact_case(name: str) -> bool:
    """Short all-caps names ("AR", "RL", "SAM") only match as written."""
    if not name.isupper():
        return False
    letters = re.sub(r"[^A-Za-z]", "", name)
    return len(name) <= 3 and letters.isupper() or (len(letters) <= 4 and letters.isupper()
                                                     and not any(ch.isdigit() for ch in name))


def fold(text: str, lower: bool = True) -> str:
    """The text as the automaton reads it: one blank in front, blanks unified,
    lower case (one character per character, so positions stay).

    >>> fold("(GPT-4)"), fold("Shap-E", lower=False)
    ('  gpt 4 ', ' Shap E')
    """
    if text.isascii():
        return " " + text.encode().translate(_FOLD_BYTES_LOWER if lower else _FOLD_BYTES).decode()
    if lower:
        lowered = text.lower()
        if len(lowered) != len(text):  # "İ" lowers to two characters
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        text = lowered
    return " " + text.translate(_FOLD)


def name_forms(name: str) -> set[str]:
    """The spellings of one name the automaton knows, before folding: as written,
    without its blanks ("Llama 2" -> "Llama2"), and in ASCII ("PixArt-α" -> "PixArt-alpha")."""
    forms = {name}
    if not name.isascii():
        forms.add(ascii_name(name))
    for form in list(forms):
        if "*" in form:
            continue  # "Company*", "4D A*": the symbol is part of the name (see _symbols)
        if " " in form or "-" in form or _RARE_BLANKS.search(form):
            joined = fold(form, lower=False)[1:].replace(" ", "")
            if joined:
                forms.add(joined)
    return forms


class LexiconMatcher:
    """Marks every name from the method, family, dataset and negative lexicons.

    Matching ignores case (except for short all-caps names and entries marked
    ``ambiguous``), hyphens, spaces and plural ``s``. The longest match wins; a
    match that is only part of a longer hyphenated name ("GPT" in "VL-GPT") is
    dropped so the name finder can take the whole name. A family word inside a
    longer name also tags the family ("Diffusion Transformer" -> Transformer).
    Entries with ``"context": "cue"`` count only next to a typing word
    ("the Places dataset"); entries with ``"context": "acronym"`` only in a text that
    writes their acronym ("supervised fine-tuning" is a phrase, the paper that calls
    it "SFT" names a technique).
    """

    def __init__(self, nlp: Language, name: str):
        with without_cycle_collection():
            self._build(name)

    def _build(self, name: str) -> None:
        self.name = name
        rules = load_rules()
        self.entries: dict[str, LexiconEntry] = {}
        for entry in load_lexicon():
            key = entry.id
            if key in self.entries:  # a label listed twice: merge aliases
                entry = dataclasses.replace(
                    entry, aliases=(*self.entries[key].aliases, *entry.aliases),
                    exact_case=(*self.entries[key].exact_case, *entry.exact_case))
            self.entries[key] = entry
        entries = list(self.entries.values())
        # Two automata: caseless names over the lower-cased folded text, exact-case names
        # over the folded text as written (so "LA" is not tried inside every "large").
        # folded pattern -> {entry id: entry}
        caseless: dict[str, dict] = {}
        exact: dict[str, dict] = {}
        # "Company*": folding reads a "*" as a blank, so a name with one would match the
        # word "company"; the text must have the symbol where the name has it.
        # folded pattern -> {entry id: offsets of "*" in the name}
        symbols: dict[str, dict] = {}
        heads = words("family_head_nouns")
        for entry in entries:
            exact_names = entry.exact_case
            dataset = entry.type == "dataset"
            names = entry.names
            if entry.family:
                # "a diffusion backbone", "a contrastive approach": the word a family is
                # named by ("diffusion model") before another architectural head noun.
                stems = {n[:-6] for n in names if n.lower().endswith(" model")}
                names = (*names, *(f"{stem} {head}" for stem in sorted(stems) for head in heads))
            for name_ in names:
                is_exact = entry.ambiguous or name_ in exact_names or _exact_case(name_)
                forms = name_forms(name_)
                if dataset:  # "Natural Question(s)": multi-word dataset names lose a plural s
                    forms |= {f[:-1] for f in forms if " " in f and f.endswith("s")
                              and not f.endswith("ss")}
                table = exact if is_exact else caseless
                for form in forms:
                    folded = fold(form, lower=not is_exact)
                    table.setdefault(folded, {})[entry.id] = entry
                    if "*" in form:
                        symbols.setdefault(folded, {})[entry.id] = tuple(
                            i for i, ch in enumerate(form) if ch == "*")
        self.automata = []
        for table, lower in ((caseless, True), (exact, False)):
            patterns = list(table)
            self.automata.append((
                ahocorasick_rs.AhoCorasick(patterns), lower,
                [tuple(table[p].values()) for p in patterns],
                # A pattern ending in a letter or digit must not run on into one ("GPT-4"
                # in "GPT-4o"), except for a method's plural s ("LLMs").
                [p[-1].isalnum() for p in patterns],
                {i: symbols[p] for i, p in enumerate(patterns) if p in symbols}))
        self.pattern_count = len(caseless) + len(exact)
        self._version_shapes(entries)
        self.family_by_label = {e.label: e for e in entries if e.family}
        # "VQ-Diffusion", "VQVAE", "StyleGAN": a family's name written inside a listed
        # method's name tags the family too (GUIDELINES "Decisions"). Word parts need a
        # word start; acronyms may be glued on.
        parts = rules["family_name_parts"]
        self.family_parts = [
            (cued_compile(("(?<![A-Za-z])" if part[1:].islower() else "") + re.escape(part)
                          + "(?=s?(?![a-z]))"), family)
            for part, family in parts.items() if family in self.family_by_label]
        # "video-LLM", "Multimodal Large Language Model": whole words in any case (the
        # acronym "MLLM" writes no "LLM" word).
        self.family_parts += [
            (cued_compile(r"(?<![A-Za-z0-9])" + re.escape(part) + r"(?=s?(?![A-Za-z]))", re.I),
             family)
            for part, family in rules["family_name_words"].items()
            if not part.startswith("_") and family in self.family_by_label]
        # "diffusion" alone, as an item of a list of methods (see _coordinated_family_words).
        self.bare_families = {w.lower(): f for w, f in rules["coordinated_family_words"].items()
                              if not w.startswith("_")}
        self.bare_family = cued_compile(
            r"(?<![\w-])(?:" + alternation(self.bare_families) + r")(?![\w-])", re.I) \
            if self.bare_families else None
        # "flow models", "autoregressive generation methods": the second item of a list
        # that ends in a method word, which the bare family word shares.
        self.method_head_after = cued_compile(
            r"(?:[\w-]+\s+){0,2}?(?:" + alternation(words("method_words")) + r")(?![\w-])", re.I)
        self.acronym_patterns: dict[str, re.Pattern] = {}
        # "English-German" is two negatives, not a name.
        self.negative_words = {n.lower() for e in entries if e.type == "negative"
                               for n in e.names}
        # Multi-word names by key, for "nucleus and top-k sampling" (= nucleus sampling).
        self.multiword = {name_key(n): e for e in entries
                          if e.type in ("method", "dataset") and not e.ambiguous
                          for n in e.names if " " in n}
        # Every dataset name by key, for the slashed versions of one ("CIFAR-10/100").
        self.dataset_by_key = {name_key(n): e for e in entries
                               if e.type == "dataset" and not e.family for n in e.names}
        suffixes = "|".join(map(re.escape, rules["attached_suffixes"]))
        # "BERT-based", and any participle glued on ("RLVR-adapted", "CLIP-aligned"): the
        # name used as a modifier is still the name.
        self.attached_ok = cued_compile(
            rf"(?:s|'s|’s|-(?:{suffixes})\w*|-(?-i:[a-z]{{3,}}ed))?$", re.I)
        self.size_ext = cued_compile(
            r"(?:-(?:\d+(?:\.\d+)?[BMKT]|base|large|small|tiny|mini|medium|huge|giant|x{0,2}l|"
            r"[SBLH](?:/\d+)?|L\d+|chat|instruct|hf)|\s(?:\d+(?:\.\d+)?[BMKT]|base|large|small|"
            r"tiny|medium|huge|xl|xxl|(?-i:Instruct|Chat))|\s*(?:×|times)\s*\d+(?:\.\d+)?)(?![\w-])",
            re.I)
        cue_words = {"dataset": rules["dataset_words"], "method": rules["method_words"]}
        self.cue_right = {
            kind: cued_compile(r"[\s-]*(?:" + "|".join(
                re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
                + r")(?![\w-])", re.I)
            for kind, words in cue_words.items()}

        # "distilled into a smaller model": a technique's verb names it next to a model word.
        self.model_object = cued_compile(
            r"(?<![\w-])(?:" + alternation(words("verb_form_objects")) + r")(?![\w-])", re.I)
        self.object_reach = window("verb_form_object")

    def find(self, text: str) -> list[tuple[int, int, LexiconEntry, bool]]:
        """(start, end, entry, as written) of every lexicon name in ``text``, overlaps
        included; "as written" when the text has the name in its exact case (an
        exact-case name, or one of the entry's names letter for letter)."""
        found = []
        size = len(text)
        for automaton, lower, targets, open_end, symbols in self.automata:
            folded = fold(text, lower=lower)
            for index, start, end in automaton.find_matches_as_indexes(folded, overlapping=True):
                # folded has one blank in front: folded[start] is the blank before the name.
                end -= 1
                plural = False
                if end < size and open_end[index] and (text[end].isalnum() or text[end] == "_"):
                    if text[end] != "s" or end + 1 < size and (text[end + 1].isalnum()
                                                               or text[end + 1] == "_"):
                        continue
                    plural = True  # "LLMs", "ViTs": only methods take a plural s
                required = symbols.get(index)
                for entry in targets[index]:
                    if required and entry.id in required and any(
                            start + i >= size or text[start + i] != "*"
                            for i in required[entry.id]):
                        continue  # "company" is no "Company*"
                    if not plural or entry.type == "method":
                        stop = end + plural
                        found.append((start, stop, entry,
                                      not lower or text[start:stop] in entry.names))
        return found

    def __call__(self, doc: Doc) -> Doc:
        state = findings_of(doc)
        text = state.text
        found = self.find(text)
        # Longest first; among equal spans prefer a name written in exactly that case
        # ("FID" the metric over "FiD" the model, "YOLOs" the plural of YOLO over YOLOS),
        # then named methods, datasets, families.
        order = {"method": 0, "dataset": 1, "negative": 2}
        found.sort(key=lambda f: (-(f[1] - f[0]), not f[3], f[2].family,
                                  order.get(f[2].type, 2), f[0]))
        taken: list[tuple[int, int, LexiconEntry]] = []
        mask = bytearray(len(text) + 1)
        slashed = self._slashed_versions(text, found)
        for start, end, entry, _ in found:
            inside = [t for t in taken if t[0] < end and start < t[1]] \
                if mask.find(1, start, end) != -1 else None
            if inside:
                outer = inside[0][2]
                # A family named inside a longer method name still counts for the family
                # ("Diffusion Transformer"; "non-autoregressive transformer"), but not a
                # family glued into another one by a hyphen ("non-autoregressive").
                # So does a family inside a task's name ("network pruning").
                if (entry.family and (outer.type == "method" or outer.kind == "task")
                        and entry.label != outer.label
                        and inside[0][0] <= start and end <= inside[0][1]
                        and (not outer.family or text[start - 1].isspace())):
                    state.add(Candidate(start, end, "method", entry.label, "family-in-name",
                                        confidence("family-in-name"), entry, True,
                                        surface=text[start:end]))
                continue
            if not entry.family and entry.type != "negative" and not self._whole_word(
                    text, start, end) and (start, end, entry.id) not in slashed and not (
                    entry.type == "dataset" and _RESOLUTION_AFTER.match(text, end)):
                continue
            if entry.family and text[max(0, start - 4):start].lower() == "non-":
                continue  # "non-diffusion baselines", "non-LLM methods": not that family
            if entry.family and self._crosses_a_name(found, start, end, text):
                continue  # the name wins; the family's shorter form inside it still counts
            if entry.context == "cue" and not self._typing_cue(text, end, entry.type):
                continue  # "Places" alone is a word; "the Places dataset" is the dataset
            if entry.context == "acronym" and not self._acronym_written(text, entry):
                continue
            if entry.verb_forms and text[start:end].lower() in entry.verb_forms and \
                    not self._model_word_near(text, start, end):
                continue  # "distilled into motion priors": no model was distilled
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
            version = self._version_after(text, surface_end, state.abstract_start) \
                if entry.type == "method" and not entry.family and surface_end == end else None
            if version is not None:
                # "Seedream 4.0" with only "Seedream" listed: a version of its own, not the
                # listed name (versions stay apart), so no lexicon entry to merge it into.
                surface_end, label_tail = version
                taken.append((start, surface_end, entry))
                mask[start:surface_end] = b"\x01" * (surface_end - start)
                state.add(Candidate(start, surface_end, "method", entry.label + label_tail,
                                    "lexicon+version", confidence("lexicon+version"),
                                    surface=text[start:surface_end]))
                continue
            if entry.type == "dataset" and not entry.family:
                resolution = self._resolution(text, start, surface_end, entry)
                if resolution is not None:
                    # "ImageNet-64", "FFHQ 1024x1024": the split written with the dataset is
                    # the dataset the paper uses (GUIDELINES "datasets"), named as written.
                    surface_end, tail = resolution
                    taken.append((start, surface_end, entry))
                    mask[start:surface_end] = b"\x01" * (surface_end - start)
                    # The entry stays on the record (its leaderboard tasks still hold:
                    # "ImageNet 256x256 generation"); the name is an entity of its own
                    # (RESOLUTION_RULE: no lexicon id, see pipeline.py).
                    state.add(Candidate(start, surface_end, "dataset", entry.label + tail,
                                        RESOLUTION_RULE, confidence("lexicon+resolution"), entry,
                                        surface=text[start:surface_end]))
                    more = _MORE_RESOLUTIONS.match(text, surface_end)
                    while more is not None and tail[1:2].isdigit() and "x" in tail.lower():
                        label = f"{entry.label} {more.group(1).replace('×', 'x')}"
                        taken.append((more.start(1), more.end(1), entry))
                        mask[more.start(1):more.end(1)] = b"\x01" * (more.end(1) - more.start(1))
                        state.add(Candidate(more.start(1), more.end(1), "dataset", label,
                                            RESOLUTION_RULE, confidence("lexicon+resolution"),
                                            entry, surface=label))
                        more = _MORE_RESOLUTIONS.match(text, more.end())
                    continue
                tier = self.dataset_tier.match(text, surface_end)
                if tier is not None:
                    # "OSWorld-v2", "QuuxBench-Pro": a version of the benchmark, its own.
                    surface_end = tier.end()
                    taken.append((start, surface_end, entry))
                    mask[start:surface_end] = b"\x01" * (surface_end - start)
                    state.add(Candidate(start, surface_end, "dataset", entry.label + tier.group(),
                                        "lexicon+version", confidence("lexicon+version"),
                                        surface=text[start:surface_end]))
                    continue
            taken.append((start, surface_end, entry))
            mask[start:surface_end] = b"\x01" * (surface_end - start)
            rule = "family" if entry.family else "lexicon"
            state.add(Candidate(start, surface_end, entry.type, entry.label, rule,
                                confidence(rule), entry, entry.family,
                                surface=text[start:surface_end]))
            for part_start, part_end, sibling in slashed.get((start, end, entry.id), ()):
                # The version alone ("100") is no alias of its dataset: the label is the
                # surface, so the mention adds none.
                mask[part_start:part_end] = b"\x01" * (part_end - part_start)
                taken.append((part_start, part_end, sibling))
                state.add(Candidate(part_start, part_end, "dataset", sibling.label, "lexicon",
                                    confidence("lexicon/slashed-version"), sibling,
                                    surface=sibling.label))
            for implied in (*entry.implies, *self._families_written_in(
                    text[start:surface_end], entry)):
                family = self.family_by_label.get(implied)
                if family is not None:
                    state.add(Candidate(start, surface_end, "method", family.label,
                                        "implied-family", confidence("implied-family"), family,
                                        True, surface=text[start:surface_end]))
        self._elided_heads(state)
        self._coordinated_family_words(state, mask)
        self._versioned_stems(state, mask)
        return doc

    def _coordinated_family_words(self, state: Findings, mask: bytearray) -> None:
        """"frameworks like diffusion and flow matching", "align diffusion and flow
        models", "GANs, VAEs and diffusion": a family word that names its family only with
        a head ("diffusion model") names it alone as an item of a list of methods
        (``coordinated_family_words`` of ``rules.json``)."""
        if self.bare_family is None:
            return
        text = state.text
        for m in self.bare_family.finditer(text):
            start, end = m.span()
            if any(mask[start:end]):
                continue  # inside a name or a family phrase already
            family = self.family_by_label.get(self.bare_families[m.group().lower()])
            if family is None:
                continue
            after = _JOIN_AFTER.match(text, end)
            listed = after is not None and (self.method_head_after.match(text, after.end())
                                            or any(c.start == after.end() and c.type == "method"
                                                   for c in state.live))
            if not listed:
                before = _JOIN_BEFORE.search(text, max(0, start - 12), start)
                listed = before is not None and any(
                    c.end == before.start() and c.type == "method" for c in state.live)
            if listed:
                state.add(Candidate(start, end, "method", family.label, "family",
                                    confidence("lexicon/elided-head"), family, True,
                                    surface=text[start:end]))

    def _version_shapes(self, entries: list[LexiconEntry]) -> None:
        """The version shapes of model names, from the lexicon's own names: the tier words
        written after a version ("Gemini 1.5 Flash", "Claude 3.5 Sonnet") and the stems
        listed only with a version ("Opus 4.1", "Phi 3.5")."""
        listed = {n for e in entries for n in e.names}
        tiers = set(words("version_tiers"))
        stems = set()
        for entry in entries:
            if entry.type != "method" or entry.family:
                continue
            for name_ in entry.names:
                m = _LISTED_TIER.match(name_)
                if m and m.group(1)[:1].isupper():
                    tiers.add(m.group(1))
                m = _LISTED_STEM.match(name_)
                if m and m.group(1) not in listed and m.group(1).isalpha():
                    stems.add(m.group(1))
        tier = alternation(sorted(tiers, key=len, reverse=True))
        # "Gemini 3.1 Pro", "GPT-5.6-Flash-Lite": tiers after the version.
        self.tier_after = cued_compile(rf"(?:[\s-](?:{tier}))+(?![\w-])")
        # "Claude Opus 4.6", "Quux MoE v2": a tier word or an acronym, then the version.
        self.word_version = cued_compile(
            rf"\s((?:{tier})|[A-Z][A-Za-z]*[A-Z][A-Za-z]*)(?=[\s-](?:\d+\.\d+|[vV]\d+))")
        self.versioned_stem = cued_compile(
            r"(?<![\w.-])(?:" + alternation(sorted(stems, key=len, reverse=True)) +
            r")(?=[\s-](?:\d+\.\d+|[vV]\d+))") if stems else None
        # "GPT-5.6 Sol,": a capitalised word closing a list item after a new version.
        self.item_tail = cued_compile(
            r"\s([A-Z][a-z]{1,9})(?=\s*(?:[,;)]|\.(?:\s|$)|\s+(?:and|or)\s))")
        self.common_capitalised = set(words("common_capitalised")) | set(words("stop_names"))
        self.dataset_tier = cued_compile(
            r"-(?:v\d+(?:\.\d+)*|" + alternation(words("dataset_shape_tiers")) + r")(?![\w-])")

    def _resolution(self, text: str, start: int, end: int,
                    entry: LexiconEntry) -> tuple[int, str] | None:
        """(end, tail as written) when the dataset name at ``start:end`` is written with an
        image resolution ("ImageNet-64", "ImageNet 256x256", "FFHQ-1024") that its label
        does not hold; None otherwise."""
        if _RESOLUTION_END.search(entry.label):
            return None  # "Caltech-256", "FlickrLogos-32": the number is the name
        after = _RESOLUTION_AFTER.match(text, end)
        if after is not None:
            end = after.end()
        tail = _RESOLUTION_END.search(text, start, end)
        if tail is None or tail.start() <= start:
            return None
        return end, tail.group().replace("×", "x")  # the label in ASCII: "ImageNet 512x512"

    def _version_after(self, text: str, end: int, abstract_start: int) -> tuple[int, str] | None:
        """Where a listed model name followed by a new version ends, and what the version
        adds to its label ("Gemini" + " 3.1 Pro"); None when no version follows."""
        middle = ""
        pos = end
        version = _DOTTED_VERSION.match(text, pos)
        if version is None:
            word = self.word_version.match(text, pos)
            if word is None:
                return None
            version = _DOTTED_VERSION.match(text, word.end())
            if version is None:
                return None
            middle = word.group(0)
        label = middle + version.group("sep") + version.group("number")
        surface_end = version.end()
        # "LLaDA 2.0-mini": a size or tier after the version stays with it (the size
        # merges into the name, a tier is part of it).
        ext = self.size_ext.match(text, surface_end)
        while ext:
            surface_end = ext.end()
            ext = self.size_ext.match(text, surface_end)
        tier = self.tier_after.match(text, surface_end)
        if tier is not None:
            return tier.end(), label + tier.group()
        if text.startswith("-", surface_end):
            return version.end(), label  # "Quill 2.0-based": the version alone
        if end >= abstract_start:
            tail = self.item_tail.match(text, surface_end)
            if tail is not None and tail.group(1) not in self.common_capitalised:
                return tail.end(), label + tail.group()
        return surface_end, label

    def _slashed_versions(self, text: str, found: list) -> dict[tuple, list]:
        """(start, end, entry id) of each dataset name followed by slashed versions whose
        every sibling name is a listed dataset -> (start, end, entry) of each version:
        "CIFAR-10/100" is CIFAR-10 and CIFAR-100, "AIME 2024/2025" two years of AIME. A
        version whose sibling no lexicon lists keeps the name whole ("ViT-S/16" is a
        model's patch size, and no dataset)."""
        slashed: dict[tuple, list] = {}
        for start, end, entry, _ in found:
            if entry.type != "dataset" or entry.family or not text.startswith("/", end):
                continue
            versions = _SLASHED_VERSIONS.match(text, end)
            stem = _TRAILING_VERSION.match(text[start:end])
            if versions is None or stem is None:
                continue
            parts, position = [], end
            for version in versions.group().split("/")[1:]:
                position = text.index(version, position)
                sibling = self.dataset_by_key.get(name_key(stem.group(1) + version))
                if sibling is None or sibling.id == entry.id:
                    break
                parts.append((position, position + len(version), sibling))
                position += len(version)
            else:
                slashed[(start, end, entry.id)] = parts
        return slashed

    def _versioned_stems(self, state: Findings, mask: bytearray) -> None:
        """"Opus 4.8" where the lexicon lists "Opus 4.1": a new version of a listed line."""
        if self.versioned_stem is None:
            return
        text = state.text
        for m in self.versioned_stem.finditer(text):
            if mask.find(1, m.start(), m.end()) != -1:
                continue
            version = self._version_after(text, m.end(), state.abstract_start)
            if version is None or mask.find(1, m.start(), version[0]) != -1:
                continue
            end = version[0]
            mask[m.start():end] = b"\x01" * (end - m.start())
            state.add(Candidate(m.start(), end, "method", text[m.start():end],
                                "lexicon+version", confidence("lexicon+version"),
                                surface=text[m.start():end]))

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

    def _acronym_written(self, text: str, entry: LexiconEntry) -> bool:
        """Whether ``text`` writes one of the entry's all-capital names as a word."""
        pattern = self.acronym_patterns.get(entry.id)
        if pattern is None:
            acronyms = sorted((n for n in entry.names if n.isupper()), key=len, reverse=True)
            pattern = cued_compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, acronyms))
                                   + r")(?![a-z0-9])") if acronyms else cued_compile(r"(?!)")
            self.acronym_patterns[entry.id] = pattern
        return pattern.search(text) is not None

    def _model_word_near(self, text: str, start: int, end: int) -> bool:
        """A model word ("teacher", "models", "denoiser") in the verb's clause, within
        reach on either side, or a "self-" before it ("self-distilled")."""
        if text.endswith("self-", 0, start) or text.endswith("Self-", 0, start):
            return True
        reach = self.object_reach
        left = text[max(0, start - reach // 2):start]
        right = text[end:end + reach]
        left = left[max(left.rfind(c) for c in ",;.:\n") + 1:]
        cut = [i for i in (right.find(c) for c in ",;.:\n") if i != -1]
        right = right[:min(cut)] if cut else right
        return bool(self.model_object.search(left) or self.model_object.search(right))

    def _typing_cue(self, text: str, end: int, kind: str) -> bool:
        """A word after the name that says what it is ("dataset", "benchmark", "model")."""
        cue = self.cue_right.get(kind)
        return cue is not None and cue.match(text, end) is not None

    def _families_written_in(self, surface: str, entry: LexiconEntry) -> list[str]:
        """The families whose name the written method name holds ("VQ-Diffusion" ->
        Diffusion model), beyond those its entry implies; none for a family itself."""
        if entry.family or entry.type != "method":
            return []
        return [family for pattern, family in self.family_parts
                if family not in entry.implies and pattern.search(surface)]

    def _crosses_a_name(self, found: list, start: int, end: int, text: str) -> bool:
        """Does a listed method name overlap this family match without either holding the
        other ("Universal Transformer architecture": the family's "Transformer
        architecture" would swallow the name)?"""
        return any(e.type == "method" and not e.family and (s < start < e_ < end or
                                                            start < s < end < e_)
                   and self._whole_word(text, s, e_) for s, e_, e, _ in found)

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
            text, end)) or bool(_DOTTED_VERSION.match(text, end)) or bool(
            self.dataset_tier.match(text, end))
