"""``kg_modality_tagger_v1``: modality cues, compounds, and background filtering."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg.extract.cued import cued_compile
from kg.extract.lexicon import load_jsonl, surface_variants
from kg.extract.records import Findings, ModalityCue, findings_of
from kg.extract.rules import alternation, confidence, window, words, words_regex
from kg.extract.tokens import pattern_tokenizer, token_offsets
from kg.resources import schema_path

__all__ = ["ModalityTagger"]


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
        verbs = alternation(words("background_perfect_verbs"))
        # "have shown", "has recently emerged", "have been effectively applied"
        self.perfect = cued_compile(rf"\b(?:have|has)\s+(?:\w+\s+){{0,2}}(?:{verbs})\b", re.I)
        self.own = cued_compile(r"\b(?:we|our|us|this (?:paper|work|study))\b", re.I)
        modalities = schema_path("lexicons", "modalities.jsonl")
        table: dict[str, set[str]] = {}
        for record in load_jsonl(modalities) if modalities.exists() else ():
            cues = [*record.get("cues", ()), *record.get("task_cues", ())]
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
                if yields_to:
                    yielding[len(found)] = yields_to
                found.append(ModalityCue(s, e, label, "modality-cue", self.confidence,
                                         surface=text[s:e]))
        if yielding:
            named = {c.label for i, c in enumerate(found) if i not in yielding}
            found = [c for i, c in enumerate(found) if not yielding.get(i, set()) & named]
        found = self.defined_otherwise(text, found)
        found = self.own_modalities(state, found)
        state.modalities.extend(found)
        state.modalities.extend(self.of_named_models(state, {c.label for c in found}))
        return doc

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
        "remarkable success in", the clause up to the next comma for "unlike X,"."""
        regions = []
        if self.perfect.search(text, start, end) and not self.own.search(text, start, end):
            return [(start, end)]  # "Diffusion models have shown ... images, videos, audio."
        for m in self.background.finditer(text, start, end):
            if m.group().lower().split()[0] in self.clause_openers:
                comma = text.find(",", m.end(), end)
                if comma == -1 or comma - m.end() < 3:  # "In contrast, ...": all of it
                    comma = end
                regions.append((m.start(), comma))
            else:
                regions.append((start, end))
        return regions
