"""Pipeline components (classes only; registration lives in factories.py).

Every component reads and writes ``doc.spans``: ``"kg"`` holds method/dataset
mentions (label = type, kb_id = canonical name, ``span._.kg_rule`` = rule), and
``"kg_modalities"`` the modality cues.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.extract.lexicon import load_jsonl, load_lexicon
from kg.resources import schema_path

MENTIONS = "kg"
MODALITIES = "kg_modalities"

for _name, _default in (("kg_rule", None), ("kg_roles", None), ("kg_confidence", None)):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=_default)


class LexiconMatcher:
    """Marks every name from the method, family and dataset lexicons (case-insensitive)."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.caseless = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.entries = {}
        for entry in load_lexicon():
            key = f"{entry.type}|{entry.label}"
            self.entries[key] = entry
            names = {n for n in entry.names}
            names |= {n + "s" for n in entry.names if entry.family or n.isupper()}
            matcher = self.exact if entry.ambiguous else self.caseless
            matcher.add(key, [nlp.make_doc(n) for n in sorted(names)])

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in [*self.caseless(doc), *self.exact(doc)]:
            entry = self.entries[doc.vocab.strings[match_id]]
            span = Span(doc, start, end, label=entry.type, kb_id=entry.label)
            spans.append(span)
        kept = []
        for span in filter_spans(spans):  # longest match wins
            if span.label_ == "negative":
                continue
            entry = self.entries[f"{span.label_}|{span.kb_id_}"]
            span._.kg_rule = "family" if entry.family else "lexicon"
            span._.kg_confidence = 0.95
            kept.append(span)
        doc.spans[MENTIONS] = kept
        return doc


_TITLE_NAME = re.compile(r"^(?P<name>[^\s:][^:]{0,40}?)\s*:\s+\S")
_PROPOSE = re.compile(r"\b(?:we|this paper)\s+(?:propose|introduce|present)s?\s+(?:a\s+|an\s+|the\s+)?")
_BASELINE_CUES = re.compile(
    r"\b(?:outperform\w*|compared (?:with|to)|than|over|surpass\w*|beat\w*|match\w*)\b", re.I)


class RoleTagger:
    """Marks the paper's own named contribution and the methods it compares against."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.spans[MENTIONS])
        title_end = doc.user_data.get("title_end", 0)
        title = doc.text[:title_end]
        match = _TITLE_NAME.match(title)
        if match:
            proposed = doc.char_span(match.start("name"), match.end("name"), label="method",
                                     kb_id=match.group("name"), alignment_mode="expand")
            if proposed is not None and " " not in match.group("name").strip():
                proposed._.kg_rule = "title-colon"
                proposed._.kg_confidence = 0.8
                proposed._.kg_roles = ("uses", "proposed")
                spans = [s for s in spans if not (s.start < proposed.end and proposed.start < s.end)]
                spans.append(proposed)
        for span in spans:
            if span._.kg_roles is None:
                span._.kg_roles = ("uses",)
            if span.label_ != "method":
                continue
            before = doc.text[span.sent.start_char:span.start_char]
            if _BASELINE_CUES.search(before[-40:]) and "baseline" not in span._.kg_roles:
                span._.kg_roles = (*span._.kg_roles, "baseline")
        doc.spans[MENTIONS] = sorted(spans, key=lambda s: (s.start, s.end))
        return doc


class ModalityTagger:
    """Marks modality cues; compounds such as "text-to-image" give two modalities."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        modalities = schema_path("lexicons", "modalities.jsonl")
        for record in load_jsonl(modalities) if modalities.exists() else ():
            cues = [*record.get("cues", ()), *record.get("task_cues", ())]
            self.matcher.add(record["label"], [nlp.make_doc(c) for c in cues])
        compounds = schema_path("lexicons", "compounds.jsonl")
        if compounds.exists():
            for record in load_jsonl(compounds):
                self.matcher.add("+".join(record["modalities"]), [nlp.make_doc(record["phrase"])])

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in self.matcher(doc):
            for label in doc.vocab.strings[match_id].split("+"):
                span = Span(doc, start, end, label="modality", kb_id=label)
                span._.kg_rule = "modality-cue"
                span._.kg_confidence = 0.8
                span._.kg_roles = ("uses",)
                spans.append(span)
        doc.spans[MODALITIES] = spans
        return doc
