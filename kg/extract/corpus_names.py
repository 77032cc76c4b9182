"""The corpus pass: words no rule could type, linked to names other papers define.

"Blorpformer" proposed in one paper's title is a method wherever another abstract
writes "faster than Blorpformer". Only names found by the defining rules
(:data:`CORPUS_RULES`) are used, and only single words are looked up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.evidence import make_evidence
from kg.extract.lexicon import plain_key
from kg.extract.records import DocText, Findings
from kg.extract.rules import confidence
from kg.model import Extraction, Mention, Paper

__all__ = ["PendingLink", "pending_links", "link_corpus_names", "CORPUS_RULES"]

_NAME_SHAPE = re.compile(r"[a-z0-9][A-Z]|[A-Z]{2}|[A-Za-z]-?\d|\d[A-Za-z]|[\u0370-\u03ff]")
# Rules whose names are typed well enough to be recognised in other papers.
CORPUS_RULES = {"title-name", "propose-cue", "naming-cue", "acronym-definition"}


@dataclass(frozen=True)
class PendingLink:
    """A word of one paper that waits for the corpus pass; its evidence is only built
    when it is linked."""

    paper: Paper
    doc_text: DocText
    start: int
    end: int
    word: str
    compared: bool  # inside a comparison window: a baseline if it turns out a method


def pending_links(paper: Paper, findings: Findings) -> list[PendingLink]:
    """The words of one document's findings that no rule could type."""
    return [PendingLink(paper, findings.doc_text, p.start, p.end, p.word,
                        "baseline" in findings.roles_of(p))
            for p in findings.pending]


def link_corpus_names(results: list[tuple[Extraction, list[PendingLink]]]) -> list[Extraction]:
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
    conf = confidence("corpus-name")
    linked = []
    for extraction, pending in results:
        extra = []
        for item in pending:
            hit = known.get(plain_key(item.word))
            if hit is None:
                continue
            kind, label = hit
            evidence = make_evidence(item.paper, item.doc_text, item.start, item.end,
                                     "corpus-name", conf)
            roles = ("uses", "baseline") if item.compared and kind == "method" else ("uses",)
            extra.append(Mention(label=label, type=kind, evidence=evidence, roles=roles,
                                 aliases=(item.word,) if item.word != label else ()))
        if extra:
            extraction = Extraction(extraction.paper_id, (*extraction.mentions, *extra),
                                    extraction.results)
        linked.append(extraction)
    return linked
