"""``kg_shaped_names_v1``: name-shaped words no lexicon knows, typed by their context.

``LLaMAntino``, ``PixArt-Σ``, ``qT7``, ``Vortex-3.5``: inner capitals, letters
with digits, runs of capitals or Greek letters. A shaped word becomes a method
or dataset when its context says so ("the X benchmark", "outperforms X"), when
it is a size variant of a lexicon name ("TinyLlama-1.1B"), the use of an acronym
defined in the paper, or repeated; otherwise it waits for the later rules (list
items) as a :class:`~kg.extract.records.PendingName`.

``kg_coined_names_v1`` runs after every rule that types names by their context: a
shaped word none of them typed and that looks like a coined name on its own
("Quill-Image-20B", "FooNet-2", not "7B-parameter" or "NFE") is a method. Most
unknown names in an abstract are models and methods; the capitalised plain words
that are left ("Blorpformer") wait for the corpus pass.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.acronyms import WORD, initials_start
from kg.extract.context import context_typer, known_names
from kg.extract.cued import cued_compile
from kg.extract.lexicon import name_key, strip_size_suffix
from kg.extract.records import Candidate, Findings, PendingName, findings_of
from kg.extract.rules import alternation, confidence, word_set, words
from kg.extract.shapes import (
    SHAPE_OF_NAME,
    TOKEN,
    coined_name,
    emphasised,
    extend_version,
    is_shaped,
    not_a_name,
)
from kg.extract.tokens import token_offsets

__all__ = ["ShapedNameFinder", "CoinedNameTyper"]

# A slash before another name (not a size, "ViT-S/16", nor one letter, "I/O").
_SLASH_NAME = cued_compile(r"/[A-Za-z\u0370-\u03ff][\w\u0370-\u03ff]+(?:[-./+][\w]+)*$")

_OUR = cued_compile(r"\b(?:our|the\s+proposed)\s+$", re.I)
_POSSESSIVE = cued_compile(r"['’]s\b")
_ORGANISATION_SHAPE = cued_compile(r"[A-Z]{2,6}")


# A capitalised hyphen part (and more) after one of the paper's names: "-Edit", "-Turbo-2".
_EXTENSION_TAIL = cued_compile(r"-[A-Z][\w\u0370-\u03ff]*(?:[-.+][\w\u0370-\u03ff]+)*(?<![.])")


def own_extension(word: str, own: tuple[str, ...]) -> bool:
    """``word`` is one of the paper's names plus a capitalised hyphen part ("Quill-Edit")."""
    return any(len(word) > len(name) + 2 and word.startswith(name) and word[len(name)] == "-"
               and word[len(name) + 1].isupper() for name in own)


class ShapedNameFinder:
    """Types the name-shaped words of a document (see the module docstring)."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.typer = context_typer()
        self.known = known_names()
        self.stop = word_set("stop_names", lower=False)
        self.stop_lower = word_set("stop_names")
        self.common = word_set("common_capitalised", lower=False)
        self.skip = word_set("propose_skip")
        self.method_modifier = cued_compile(
            r"-(?:" + alternation(words("method_modifier_suffixes")) + r")$", re.I)
        # spaCy shape id -> 1 name-shaped, 2 capitalised, 3 hyphen, 0 other (per vocab).
        self.shape_kind: dict[int, int] = {}
        # "the CLS token", "the AKT1 protein": a special token, gene or protein, no name.
        self.thing_tail = cued_compile(
            r"\s+(?:" + alternation(words("non_name_heads")) + r")(?![\w-])", re.I)

    def __call__(self, doc: Doc) -> Doc:
        state = findings_of(doc)
        capitals = self.shaped(state, doc)
        self.capitalised_words(state, capitals)
        return doc

    def shaped_words(self, doc: Doc, state: Findings):
        """Words (whitespace-delimited, trimmed) holding a token whose shape looks like a
        name: found from the tokens' shape ids, so only those words are looked at.
        Yields (match, shaped?): capitalised plain words come with ``False``."""
        text = state.text
        starts, ends, shapes = token_offsets(doc)
        strings = doc.vocab.strings
        seen = -1
        shape_kind = self.shape_kind
        for shape in set(shapes).difference(shape_kind):
            shape_text = strings[shape]
            shape_kind[shape] = 1 if SHAPE_OF_NAME.search(shape_text) else (
                2 if shape_text[:2] == "Xx" and len(shape_text) > 2 else (
                    3 if shape_text == "-" else 0))
        flagged = [i for i, shape in enumerate(shapes) if shape_kind[shape]]
        for i in flagged:
            ok = shape_kind[shapes[i]]
            if ok == 3:
                ok = 0
            if ok == 2:
                if starts[i] >= state.abstract_start and starts[i] >= seen and \
                        text[starts[i]:ends[i]] not in self.common:
                    m = TOKEN.match(text, starts[i])
                    if m and m.end() == ends[i] and (starts[i] == 0 or text[starts[i] - 1] in " ("):
                        yield m, False  # a capitalised word: a name only if the corpus knows it
                    elif m and m.end() > ends[i] and self.known.variant_of_known(m.group()):
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
            m = TOKEN.match(text, j)
            if m is None or m.end() <= starts[i]:
                continue
            seen = m.end()
            yield m, True

    def shaped(self, state: Findings, doc: Doc) -> list:
        """Types the shaped words; returns the capitalised plain words it saw."""
        text = state.text
        counts: dict[str, int] = {}
        orgs: set[str] = set()
        found = []
        modified: set[int] = set()  # starts of names used as modifiers ("GSPO-based")
        capitals = []
        typed_starts = {c.start for c in state.live}
        own = self.own_names(state)
        for m, shaped in self.shaped_words(doc, state):
            if not shaped:
                capitals.append(m)
                continue
            word = m.group().rstrip(".")
            if "/" in word:
                if all(not_a_name(part) for part in word.split("/") if part):
                    continue  # "3D/4D", "4K/8K": sizes or dimensions, one after the other
                word = _SLASH_NAME.sub("", word)  # "OPT-175B/BLOOM": two names
            # "GSPO-based", "HSTU-style": a name used as a modifier of a method is a method.
            modifier = self.method_modifier.search(word)
            if modifier is not None and is_shaped(word[:modifier.start()]) and \
                    not not_a_name(word[:modifier.start()]):
                word = word[:modifier.start()]
            else:
                modifier = None
            extends_own = own_extension(word, own)
            if (not is_shaped(word) or not_a_name(word)) and not extends_own and \
                    not self.known.variant_of_known(word):
                continue
            start, end = m.start(), m.start() + len(word)
            if word.endswith("s") and len(word) > 2 and word[-2].isupper():
                base_end = end - 1  # plural of an acronym: "DiTs", "LLMs"
            else:
                base_end = end
            base = text[start:base_end]
            if base in self.stop or base.lower() in self.stop_lower or word in self.stop:
                continue
            if emphasised(text, base):
                continue  # "a dIffusion language modEl (GENIE)": no names
            if base.isupper() and self.thing_tail.match(text, end):
                continue  # "the CLS token", "DIST tokens", "the AKT1 protein": no names
            if start not in typed_starts and self.typer.organisation_after(text, end) and not (
                    _POSSESSIVE.match(text, end) and not _ORGANISATION_SHAPE.fullmatch(base)):
                # "CMU's submission", "the UPC ... group" (but "QuuxFlow's sampler" is a
                # system's: an organisation's short name is capitals only).
                orgs.add(name_key(base))
                continue
            counts[name_key(base)] = counts.get(name_key(base), 0) + 1
            found.append((start, end, base_end, base, extends_own))
            if modifier is not None:
                modified.add(start)
        # "Z-Quill-Turbo" has no name-shaped token of its own: looked for directly
        # (str.find, not a regex per name: the names differ from paper to paper).
        seen_starts = {f[0] for f in found}
        for name in own:
            i = text.find(name + "-", state.abstract_start)
            while i != -1:
                m = _EXTENSION_TAIL.match(text, i + len(name))
                start, stop = i, m.end() if m else i
                i = text.find(name + "-", i + 1)
                if m is None or start in seen_starts or start > 0 and (
                        text[start - 1].isalnum() or text[start - 1] in "-_/.") or \
                        text.startswith("/", stop):  # no part of a URL
                    continue
                seen_starts.add(start)
                found.append((start, stop, stop, text[start:stop], True))
        title_names = [c.surface for c in state.with_role("proposed")
                       if c.rule == "title-name" and c.start < state.title_end]
        for start, end, base_end, base, extends_own in found:
            inside = state.overlapping(start, end)
            if inside and not (all(c.family for c in inside)
                               and self.known.variant_of_known(base)) or name_key(base) in orgs:
                continue  # "Tree-LSTM" is a name of its own, the LSTM family tag stays
            end = extend_version(text, end) if base_end == end else end
            # "our Video-3D LLM aligns ...": the title's whole name, not its first word.
            for name in title_names:
                if len(name) > end - start and text.startswith(name, start) and \
                        not text[start + len(name):start + len(name) + 1].isalnum() and \
                        all(c.family for c in state.overlapping(start, start + len(name))):
                    end = base_end = start + len(name)
                    base = name
                    break
            surface = text[start:end]
            if base in state.acronyms:
                ref = state.acronyms[base]
                if ref.type in ("method", "dataset"):
                    state.add(Candidate(start, end, ref.type, ref.label, "acronym-use",
                                        confidence("acronym-use"), aliases=ref.aliases,
                                        surface=surface), supersedes=True)
                continue
            entry = self.known.get(base)
            if entry is not None and entry.ambiguous and not any(
                    strip_size_suffix(base).startswith(n) for n in entry.names):
                entry = None  # "Falcon-7B" yes, "FALCON-7B" only if listed so
            if entry is not None:
                # "TinyLlama-1.1B", "DiT-XL-2": a lexicon name with a size suffix glued on.
                state.add(Candidate(start, end, entry.type, entry.label, "lexicon+suffix",
                                    confidence("lexicon+suffix"), entry, entry.family,
                                    surface=surface), supersedes=True)
                continue
            kind = self.typer.type_of(text, state.sentence(start), start, end, base)
            rule, conf = "name-shape+context", confidence("name-shape+context")
            expanded = self.initials_of_proposed(state, base)
            if expanded is not None:
                # "Plug & Play Generative Networks ... PPGNs": the acronym of the paper's
                # own multi-word name, never defined in parentheses.
                state.add(Candidate(start, end, expanded.type, expanded.label, "acronym-use",
                                    confidence("acronym-use/initials-of-proposed"),
                                    aliases=(text[expanded.start:expanded.end],),
                                    surface=surface), supersedes=True)
                continue
            if extends_own:
                # "Quill-Turbo", "Quill-Edit, an editing model" in a paper presenting Quill:
                # a version the paper builds of its own name is its own too.
                # "QuillSet-Base" of the paper's dataset QuillSet is a dataset too.
                # "MegaStyle-Encoder" of the paper's dataset MegaStyle: a part named by a
                # class noun ("encoder", "benchmark") has that noun's type.
                kind = kind or self.typer.noun_type(base.split("-")[-1]) or self.own_type(
                    state, base)
                cand = state.add(Candidate(start, end, kind, surface, "own-variant",
                                           confidence("own-variant"), surface=surface),
                                 supersedes=True)
                state.claim(cand, "proposed", "own-variant", confidence("own-variant"))
                continue
            if kind is None and start in modified:
                kind, rule, conf = "method", "name-shape+modifier", confidence(
                    "name-shape+modifier")
            if kind is None and counts.get(name_key(base), 2) >= 2 and len(base) > 2 and (
                    coined_name(base) or self.known.get(base.split("-")[0]) is not None):
                # Repeated, and shaped like a coined name ("QuillNet", "Qwen3-8B-sft"), not
                # an English compound ("3D-awareness", "human-AI") or a short acronym ("MBA").
                kind, rule, conf = "method", "name-shape+repeated", confidence(
                    "name-shape+repeated")
            if kind is None:
                state.pending.append(PendingName(start, end, base, shaped=True))
                continue
            cand = state.add(Candidate(start, end, kind, surface, rule, conf, surface=surface),
                             supersedes=True)
            if _OUR.search(text, max(0, start - 20), start):
                state.claim(cand, "proposed", rule, conf)
        return capitals

    def capitalised_words(self, state: Findings, capitals: list) -> None:
        """Capitalised plain words no rule took wait for the corpus pass ("Blorpformer")."""
        if not capitals:
            return
        text = state.text
        covered = bytearray(len(text))
        for c in state.live:
            covered[c.start:c.end] = b"\x01" * (c.end - c.start)
        for m in capitals:
            word = m.group()
            if len(word) > 2 and word not in self.stop and word.lower() not in self.skip \
                    and covered.find(1, m.start(), m.end()) == -1:
                state.pending.append(PendingName(m.start(), m.end(), word))

    @staticmethod
    def own_type(state: Findings, word: str) -> str:
        """The type of the longest of the paper's own names that ``word`` extends."""
        owners = [c for c in state.with_role("proposed") if c.is_name and c.entry is None
                  and word.startswith(c.surface + "-")]
        return max(owners, key=lambda c: len(c.surface)).type if owners else "method"

    @staticmethod
    def own_names(state: Findings) -> tuple[str, ...]:
        """The paper's own names (title and proposal cues), as written."""
        return tuple({c.surface for c in state.with_role("proposed")
                      if c.is_name and c.entry is None and len(c.surface) > 1})

    @staticmethod
    def initials_of_proposed(state: Findings, short: str) -> Candidate | None:
        """The paper's own multi-word name whose initials ``short`` spells, if any."""
        if not short.isupper() or len(short) < 2:
            return None
        for cand in state.with_role("proposed"):
            if " " in cand.label and cand.label != short:
                spelled = [(0, 0, w) for w in WORD.findall(cand.label)]
                if initials_start(short, spelled) == 0:
                    return cand
        return None


# The list items next to a word: "X, <item>" / "<item>, X" / "<item> and X".
_ITEM_GLUE = r"(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)"
_ITEM_BEFORE = cued_compile(r"(?<![\w.-])([A-Za-z][\w.+-]*)" + _ITEM_GLUE + "$")
_ITEM_AFTER = cued_compile(_ITEM_GLUE + r"([A-Za-z][\w.+-]*)")
# A capitalised word right before (not a sentence's first) or right after a word.
_CAPITALISED_NEIGHBOUR = cued_compile(r"[a-z,;:(] +[A-Z][a-z]+ +$")
_CAPITALISED_NEXT = cued_compile(r" +[A-Z][a-z]+\b")


class CoinedNameTyper:
    """Types the shaped words no rule typed as methods (see the module docstring)."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.confidence = confidence("name-shape-alone")
        self.known = known_names()
        # "IsoFLOP analysis", "QuuxSim environments": a coined word naming what a thing
        # is about or where it runs, no method.
        self.thing_after = cued_compile(r"\s+(?:" + alternation(
            words("nonmethod_heads") + words("coined_non_name_heads")) + r")(?![\w-])", re.I)
        self.common = word_set("common_capitalised", lower=False)

    def __call__(self, doc: Doc) -> Doc:
        state = findings_of(doc)
        if state.pending:
            self.type_pending(state)
        return doc

    def type_pending(self, state: Findings) -> None:
        # A word a rule typed elsewhere in the paper ("MMAU" as a list item) keeps that type.
        typed = {name_key(n) for c in state.live if c.is_name for n in (c.label, c.surface)}
        kept = []
        for p in state.pending:
            # In the abstract only: a title's coined words are the title rule's to read, and
            # its capitalised compounds are English ("IO-Awareness").
            if not p.shaped or p.start < state.abstract_start or name_key(p.word) in typed or \
                    not coined_name(p.word) or not state.is_free(p.start, p.end) or \
                    self.not_alone(state.text, p):
                kept.append(p)
                continue
            surface = state.text[p.start:p.end]  # with its version: "Quux-VL 1.5"
            kind = self.list_type(state, p)
            if kind is None:
                kept.append(p)  # "Linux, QuuxOS, Android": a list of platforms or products
                continue
            cand = state.add(Candidate(p.start, p.end, kind, surface, "name-shape-alone",
                                       self.confidence, surface=surface))
            if _OUR.search(state.text, max(0, p.start - 20), p.start):
                state.claim(cand, "proposed", "name-shape-alone", self.confidence)
        state.pending[:] = kept

    def list_type(self, state: Findings, pending) -> str | None:
        """The type the list a coined word stands in gives it: "dataset" beside a dataset
        ("QuuxTable, OTTQA and FetaQA"), None beside a capitalised plain word no rule
        typed ("Linux, QuuxOS, Android", "e.g., QuuxAdvisor, Yelp"), else "method"."""
        text = state.text
        neighbours = []
        before = _ITEM_BEFORE.search(text, max(0, pending.start - 40), pending.start)
        if before is not None:
            neighbours.append((before.start(1), before.end(1)))
        after = _ITEM_AFTER.match(text, pending.end)
        if after is not None:
            neighbours.append((after.start(1), after.end(1)))
        kinds = set()
        for start, end in neighbours:
            typed = [c for c in state.overlapping(start, end, ("method", "dataset"))
                     if not c.family and c.rule not in ("family-in-name", "implied-family")]
            if typed:
                kinds.add(typed[0].type)
                continue
            word = text[start:end]
            if word[0].isupper() and word[1:].islower() and word.isalpha() and \
                    word not in self.common and state.is_free(start, end):
                return None
        return "dataset" if kinds == {"dataset"} else "method"

    def not_alone(self, text: str, pending) -> bool:
        """A heading ("RESULTS:"), a paper ("Quux-Survey") or a split of a name the lexicon
        knows ("QuuxSet-10/100"): no name of its own."""
        word = pending.word
        if word.isupper() and text.startswith(":", pending.end):
            return True
        if pending.start > 0 and text[pending.start - 1] in "<[" and \
                text.startswith((">", "]"), pending.end):
            return True  # "<QUUX>", "[QZ]": a special token
        if _CAPITALISED_NEIGHBOUR.search(text, max(0, pending.start - 30), pending.start) or \
                _CAPITALISED_NEXT.match(text, pending.end):
            return True  # "the Quux Legacy Survey", "Zorb QuuxScale": part of a longer name
        if "-" in word and word.rsplit("-", 1)[1].lower() in self.known.generic_words:
            return True  # "Quux-Survey", "Zorb-Report": a paper about something
        if self.thing_after.match(text, pending.end):
            return True  # "IsoFLOP analysis", "QuuxSim environments"
        return "/" in word and self.known.get(word.split("/")[0]) is not None
