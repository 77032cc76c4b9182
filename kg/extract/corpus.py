"""The corpus pass: names one paper proposes or defines, recognised where others use them.

Kept apart from the spaCy pipeline (and free of spaCy) because it runs over
every paper of a build, including those whose first pass comes from the cache.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.lexicon import plain_key
from kg.model import Evidence, Extraction, Mention

__all__ = ["Unresolved", "FirstPass", "link_corpus_names", "CORPUS_RULES"]


@dataclass(frozen=True)
class Unresolved:
    """A word in one paper that no rule could type; the corpus pass links it when another
    paper proposes or defines that name. ``evidence`` is ready for that link."""

    word: str
    compared: bool  # inside a comparison ("faster than X"): a baseline if it is a method
    evidence: Evidence


# What the first pass gives per paper: plain records, so they can be cached.
FirstPass = tuple[Extraction, tuple[Unresolved, ...]]


_NAME_SHAPE = re.compile(r"[a-z0-9][A-Z]|[A-Z]{2}|[A-Za-z]-?\d|\d[A-Za-z]|[\u0370-\u03ff]")
# Rules whose names are typed well enough to be recognised in other papers.
CORPUS_RULES = {"title-name", "propose-cue", "naming-cue", "acronym-definition"}


def link_corpus_names(results: list[FirstPass]) -> list[Extraction]:
    """Link words no rule could type to names other papers (or the same one) define.

    "Blorpformer" proposed in one paper's title is a method wherever another
    abstract writes "faster than Blorpformer". Only names found by the defining
    rules (:data:`CORPUS_RULES`) are used, and only single words are looked up.
    """
    known: dict[str, tuple[str, str]] = {}
    for extraction, _ in results:
        for m in extraction.mentions:
            if m.lexicon_id or m.evidence.rule not in CORPUS_RULES or m.type == "modality":
                continue
            for name in (m.label, *m.aliases):
                if " " in name.strip():
                    continue
                if m.evidence.rule != "title-name" and not _NAME_SHAPE.search(name):
                    continue  # a plain word after "we propose" may be an adjective ("Sparse")
                if name.isupper() and len(name) < 4:
                    continue  # three capitals mean too many things across papers
                known.setdefault(plain_key(name), (m.type, m.label))
    linked = []
    for extraction, pending in results:
        extra = []
        for item in pending:
            hit = known.get(plain_key(item.word))
            if hit is None:
                continue
            kind, label = hit
            roles = ("uses", "baseline") if item.compared and kind == "method" else ("uses",)
            extra.append(Mention(label=label, type=kind, evidence=item.evidence, roles=roles,
                                 aliases=(item.word,) if item.word != label else ()))
        if extra:
            extraction = Extraction(extraction.paper_id, (*extraction.mentions, *extra))
        linked.append(extraction)
    return linked


