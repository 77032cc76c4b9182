"""``kg_modality_tagger_v1``: modality cues, compounds, and background filtering."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg.extract.acronyms import initials_start
from kg.extract.cued import cued_compile
from kg.extract.lexicon import load_jsonl, surface_variants
from kg.extract.records import Findings, ModalityCue, findings_of
from kg.extract.rules import alternation, confidence, window, words, words_regex
from kg.extract.tasks import FRONTED_END
from kg.extract.tokens import pattern_tokenizer, token_offsets
from kg.resources import schema_path

__all__ = ["ModalityTagger"]

# "text-to-audio synthesis (TTA)": a short form defined right after a cue (at most two
# words of the long form after it).
_DEFINED_AFTER = re.compile(r"(?:[ -][\w-]+){0,2}\s*\(([A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*)\)")
_WORD = re.compile(r"[\w-]+")
# What may come before a fronted clause's opener: nothing, or a connective ("However, ").
_FRONTED = re.compile(r"\s*(?:[A-Z][a-z]+,\s+)?")


class ModalityTagger:
    """Marks modality cues; compounds such as "text-to-image" give two modalities.

    A compound may say that one of its modalities yields to others (``"yields":
    {"image": ["video"]}`` in ``compounds.jsonl``): "vision-language model" means
    images unless the paper names videos, which its "vision" then is; so may plain
    cues of a modality (``"yielding_cues"`` in ``modalities.jsonl``: "audio" in a
    paper on speech is the speech).
    """

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.excludes: dict[str, re.Pattern] = {}
        self.fields: dict[str, re.Pattern] = {}
        self.field_names: dict[str, set[str]] = {}
        # Matcher key -> (modality, the modalities it yields to) per modality of the cue.
        self.keys: dict[str, tuple[tuple[str, frozenset[str]], ...]] = {}
        # Modality -> (candidate type, names of that type that fix the modality).
        self.named: dict[str, list[tuple[str, re.Pattern]]] = {}
        self.model_confidence = confidence("modality-cue/model-name")
        self.background = words_regex(words("background_cues"), suffix="")
        # Cues whose clause only is background ("unlike X, ..."), by their first word.
        self.clause_openers = set(words("background_clause_openers"))
        self.exclude_window = window("modality_exclude_context")
        self.long_form_reach = window("acronym_long_form_cue")
        self.confidence = confidence("modality-cue")
        self.acronym_confidence = confidence("modality-cue/acronym")
        verbs = alternation(words("background_perfect_verbs"))
        # "have shown", "has recently emerged", "have been effectively applied"
        self.perfect = cued_compile(rf"\b(?:have|has)\s+(?:\w+\s+){{0,2}}(?:{verbs})\b", re.I)
        self.own = cued_compile(r"\b(?:we|our|us|this (?:paper|work|study))\b", re.I)
        modalities = schema_path("lexicons", "modalities.jsonl")
        table: dict[str, set[str]] = {}
        self.task_cues: set[str] = set()
        # "3D semantic segmentation", "video depth estimation": a word before a task cue of
        # another modality that makes the task its own modality's ("qualifiers").
        qualifiers: dict[str, str] = {}
        for record in load_jsonl(modalities) if modalities.exists() else ():
            cues = [*record.get("cues", ()), *record.get("task_cues", ())]
            self.task_cues.update(c.lower() for c in record.get("task_cues", ()))
            for qualifier in record.get("qualifiers", ()):
                qualifiers[qualifier.lower()] = record["label"]
            # "audio" in a speech paper is the speech: such cues yield ("yielding_cues").
            yielding = record.get("yielding_cues", {})
            weak_key = record["label"] + ">" + ",".join(yielding.get("to", ()))
            for cue in cues:
                key = weak_key if cue in yielding.get("cues", ()) else record["label"]
                table.setdefault(key, set()).update(surface_variants(cue))
            # "We distil Qwen3 into Llama", "on MBPP": the models and benchmarks a paper
            # names are of a modality.
            for key, kind in (("model_names", "method"), ("dataset_names", "dataset")):
                if record.get(key):
                    self.named.setdefault(record["label"], []).append((kind, cued_compile(
                        r"(?:" + alternation(record[key]) + r")(?![a-z])")))
            if record.get("field_names"):
                self.field_names[record["label"]] = {f.lower() for f in record["field_names"]}
                # "In NLP, transformers are already ...": a field the idea comes from.
                self.fields[record["label"]] = cued_compile(
                    r"\b(?:in|from)\s+(?:the\s+(?:field|domain|area)s?\s+of\s+)?(?:"
                    + alternation(record["field_names"]) + r")(?![\w-])", re.I)
            if record.get("exclude_contexts"):
                self.excludes[record["label"]] = words_regex(record["exclude_contexts"], suffix="")
        compounds = schema_path("lexicons", "compounds.jsonl")
        if compounds.exists():
            for record in load_jsonl(compounds):
                yields = record.get("yields", {})
                key = "+".join(m + (">" + ",".join(yields[m]) if m in yields else "")
                               for m in record["modalities"])
                table.setdefault(key, set()).update(surface_variants(record["phrase"]))
        self.qualifiers = qualifiers
        self.qualified = re.compile(r"(?<![\w-])(" + alternation(sorted(qualifiers)) +
                                    r")[\s-]+$", re.I) if qualifiers else None
        tokenizer = pattern_tokenizer(nlp)
        for key, cues in table.items():
            self.matcher.add(key, list(tokenizer.pipe(sorted(cues))))
            self.keys[key] = tuple(
                (part.partition(">")[0], frozenset(filter(None, part.partition(">")[2].split(","))))
                for part in key.split("+"))

    def __call__(self, doc: Doc) -> Doc:
        state = findings_of(doc)
        text = state.text
        found = []
        matches = sorted(self.matcher(doc), key=lambda m: (m[1], -m[2]))
        offsets = token_offsets(doc) if matches else None
        longest: list[tuple[int, int]] = []
        yielding: dict[int, frozenset[str]] = {}  # found index -> what that cue yields to
        for match_id, start, end in matches:
            if any(s <= start and end <= e and (s, e) != (start, end) for s, e in longest[-4:]):
                continue  # inside a longer cue ("text-to-image" covers "image")
            longest.append((start, end))
            s, e = offsets[0][start], offsets[1][end - 1]
            for label, yields_to in self.keys[doc.vocab.strings[match_id]]:
                exclude = self.excludes.get(label)
                if exclude is not None:
                    s_start, s_end = state.sentence(s)
                    if exclude.search(text[max(s_start, s - self.exclude_window):
                                           min(s_end, e + self.exclude_window)]):
                        continue
                label = self.qualified_label(text, s, e, label)
                if yields_to:
                    yielding[len(found)] = yields_to
                found.append(ModalityCue(s, e, label, "modality-cue", self.confidence,
                                         surface=text[s:e]))
        self.acronym_uses(text, found, yielding)
        if yielding:
            named = {c.label for i, c in enumerate(found) if i not in yielding}
            found = [c for i, c in enumerate(found) if not yielding.get(i, set()) & named]
        found = self.defined_otherwise(text, found)
        found = self.own_modalities(state, found)
        state.modalities.extend(found)
        state.modalities.extend(self.of_named_models(state, {c.label for c in found}))
        return doc

    def qualified_label(self, text: str, start: int, end: int, label: str) -> str:
        """The modality of a task cue: its own, or that of the word right before it
        ("3D semantic segmentation" is of 3D scenes, "video depth estimation" of videos)."""
        if self.qualified is None or text[start:end].lower() not in self.task_cues:
            return label
        m = self.qualified.search(text, max(0, start - 16), start)
        return self.qualifiers[" ".join(m.group(1).lower().split())] if m is not None else label

    def acronym_uses(self, text: str, found: list[ModalityCue],
                     yielding: dict[int, frozenset[str]]) -> None:
        """The acronym a cue's long form defines is a cue of the same modalities wherever
        else the paper writes it: after "text-to-audio synthesis (TTA)", "a TTA model" is
        text and audio; after "Large Reasoning Models (LRMs)", a title's "LRMs" is text.
        Adds those cues to ``found`` (and what they yield to, to ``yielding``)."""
        defined: dict[str, list[int]] = {}  # short form -> indexes of its long form's cues
        for i, cue in enumerate(found):
            m = _DEFINED_AFTER.match(text, cue.end, cue.end + self.long_form_reach)
            if m is None:
                continue
            short = m.group(1)
            words = [(w.start(), w.end(), w.group()) for w in
                     _WORD.finditer(text, max(0, m.start(1) - self.long_form_reach),
                                    m.start(1) - 1)]
            # The long form may end a word or two after the cue ("text-to-audio (TTA)
            # synthesis" is written "text-to-audio synthesis (TTA)").
            while words and words[-1][0] >= cue.start:
                first = initials_start(short.removesuffix("s"), words)
                if first is not None and words[first][0] <= cue.start:
                    # "Natural Language Processing (NLP)" names a field, not what is read.
                    long = text[words[first][0]:words[-1][1]].lower()
                    if long not in self.field_names.get(cue.label, ()):
                        defined.setdefault(short.removesuffix("s"), []).append(i)
                    break
                words.pop()
        for short, sources in defined.items():
            taken = {(c.start, c.end) for c in found}
            for m in re.finditer(rf"(?<![\w-]){re.escape(short)}s?(?![\w-])", text):
                if (m.start(), m.end()) in taken or text[m.start() - 1:m.start()] == "(":
                    continue  # a cue already, or the definition itself
                for i in sources:
                    if i in yielding:
                        yielding[len(found)] = yielding[i]
                    found.append(ModalityCue(m.start(), m.end(), found[i].label, "modality-cue",
                                             self.acronym_confidence, surface=m.group()))

    def defined_otherwise(self, text: str, found: list[ModalityCue]) -> list[ModalityCue]:
        """An acronym cue the paper defines as something else is no cue: "Test-Time
        Scaling (TTS)" is no speech, "text-to-speech (TTS)" is (a cue of the same modality
        just before the bracket)."""
        dropped: set[tuple[str, str]] = set()
        for cue in found:
            short = cue.surface
            if not short[:2].isupper() or (short, cue.label) in dropped:
                continue
            bracket = text.find("(" + short + ")")
            if bracket == -1:
                continue
            reach = bracket - self.long_form_reach
            if not any(c.label == cue.label and reach <= c.start and c.end <= bracket
                       for c in found):
                dropped.add((short, cue.label))
        return [c for c in found if (c.surface, c.label) not in dropped] if dropped else found

    def of_named_models(self, state: Findings, named: set[str]) -> list[ModalityCue]:
        """A modality no cue names, implied by the known models or benchmarks the paper
        names (a paper that fine-tunes Qwen3 and Llama 3 works on text even if it never
        says so; one that gains on MBPP works on code)."""
        cues = []
        for label, kinds in self.named.items():
            if label in named:
                continue
            cand = next((c for c in state.live if c.entry is not None and any(
                c.type == kind and pattern.match(c.label) for kind, pattern in kinds)), None)
            if cand is not None:
                cues.append(ModalityCue(cand.start, cand.end, label, "modality-cue",
                                        self.model_confidence, surface=cand.surface))
        return cues

    def own_modalities(self, state: Findings, found: list[ModalityCue]) -> list[ModalityCue]:
        """A modality named only in background ("has achieved remarkable success in natural
        language processing", "unlike 2D image generation, ...") is not the paper's own,
        when the paper names a modality of its own elsewhere."""
        if not found:
            return found
        text = state.text
        regions: dict[tuple[int, int], list[tuple[int, int]]] = {}
        keep: set[str] = set()
        by_sentence: dict[tuple[int, int], set[str]] = {}
        for cand in found:
            if cand.start >= state.title_end:
                by_sentence.setdefault(state.sentence(cand.start), set()).add(cand.label)
        for cand in found:
            if cand.label in keep:
                continue  # kept already: its other cues need no look at their sentences
            if cand.start < state.title_end:
                keep.add(cand.label)
                continue
            bounds = state.sentence(cand.start)
            if bounds not in regions:
                regions[bounds] = self._background_regions(text, *bounds)
            if not any(s <= cand.start < e for s, e in regions[bounds]) and \
                    not self._field_of_origin(text, bounds, cand.label, by_sentence[bounds]):
                keep.add(cand.label)
        return [c for c in found if c.label in keep] if keep else found

    def _field_of_origin(self, text: str, bounds: tuple[int, int], label: str,
                         labels: set[str]) -> bool:
        """Does the sentence speak of the field of ``label`` as where an idea comes from
        ("originated from NLP", "in NLP, transformers are already ...")? Not when it is
        the paper's own, or names other modalities too (a scope: "in NLP, vision and
        speech")."""
        field = self.fields.get(label)
        return field is not None and labels == {label} and \
            bool(field.search(text, *bounds)) and not self.own.search(text, *bounds)

    def _background_regions(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """Character ranges of a sentence that are background: the whole sentence for
        "remarkable success in", the clause up to the next comma for "unlike X,", and a
        fronted one ("Unlike methods that need X, Y and Z, ...") up to its main clause."""
        regions = []
        if self.perfect.search(text, start, end) and not self.own.search(text, start, end):
            return [(start, end)]  # "Diffusion models have shown ... images, videos, audio."
        for m in self.background.finditer(text, start, end):
            if m.group().lower().split()[0] in self.clause_openers:
                comma = text.find(",", m.end(), end)
                if _FRONTED.fullmatch(text, start, m.start()):
                    # A fronted clause ("Unlike methods that need X, Y and Z, Glorp ...")
                    # is background up to its main clause, however long its list.
                    main = FRONTED_END.search(text, m.end(), end)
                    comma = main.start() if main is not None else comma
                if comma == -1 or comma - m.end() < 3:  # "In contrast, ...": all of it
                    comma = end
                regions.append((m.start(), comma))
            else:
                regions.append((start, end))
        return regions
