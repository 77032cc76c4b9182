"""The corpus pass: words no rule could type, linked to names other papers define.

"Blorpformer" proposed in one paper's title is a method wherever another abstract
writes "faster than Blorpformer". Only names found by the defining rules
(:data:`CORPUS_RULES`) are used, and only single words are looked up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extract.cued import cued_compile
from kg.extract.lexicon import plain_key
from kg.extract.rules import confidence
from kg.model import Evidence, Extraction, Mention, Paper

if TYPE_CHECKING:  # spaCy only where documents are parsed: a cached build never loads it
    from kg.extract.records import Findings

__all__ = ["PendingLink", "FirstPass", "pending_links", "link_corpus_names", "CORPUS_RULES"]

_NAME_SHAPE = cued_compile(r"[a-z0-9][A-Z]|[A-Z]{2}|[A-Za-z]-?\d|\d[A-Za-z]|[\u0370-\u03ff]")
# Rules whose names are typed well enough to be recognised in other papers.
CORPUS_RULES = {"title-name", "propose-cue", "naming-cue", "acronym-definition"}


@dataclass(frozen=True)
class PendingLink:
    """A word of one paper that waits for the corpus pass, with the evidence a link made
    from it carries. Plain values, so a paper's first pass can be cached."""

    word: str
    compared: bool  # inside a comparison window: a baseline if it turns out a method
    evidence: Evidence


# What the first pass gives for one paper: its mentions and its pending words.
FirstPass = tuple[Extraction, tuple[PendingLink, ...]]


def pending_links(paper: Paper, findings: Findings) -> tuple[PendingLink, ...]:
    """The words of one document's findings that no rule could type."""
    from kg.extract.evidence import make_evidence

    conf = confidence("corpus-name")
    sentences: dict = {}
    return tuple(PendingLink(p.word, "baseline" in findings.roles_of(p),
                             make_evidence(paper, findings.doc_text, p.start, p.end,
                                           "corpus-name", conf, sentences))
                 for p in findings.pending)


def link_corpus_names(results: list[FirstPass]) -> list[Extraction]:
    """Each extraction with the mentions its pending words gain from the others' names."""
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
            extraction = Extraction(extraction.paper_id, (*extraction.mentions, *extra),
                                    extraction.results)
        linked.append(extraction)
    return linked
