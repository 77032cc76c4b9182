"""The corpus pass: words no rule could type, linked to names other papers define.

"Blorpformer" proposed in one paper's title is a method wherever another abstract
writes "faster than Blorpformer". Only names found by the defining rules
(:data:`CORPUS_RULES`) are used, and only single words are looked up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extract.cued import cued_compile
from kg.extract.lexicon import plain_key
from kg.extract.rules import confidence
from kg.model import Evidence, Extraction, Mention, Paper

if TYPE_CHECKING:  # spaCy only where documents are parsed: a cached build never loads it
    from kg.extract.records import Findings

__all__ = ["PendingLink", "FirstPass", "pending_links", "link_corpus_names", "known_names",
           "CORPUS_RULES"]

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


def known_names(mentions: Iterable[tuple[str, str, str, str | None, tuple[str, ...]]],
                known: dict[str, tuple[str, str]] | None = None) -> dict[str, tuple[str, str]]:
    """The names the corpus pass links words to: ``plain key -> (type, label)``, from the
    ``(label, type, rule, lexicon id, aliases)`` of every mention in paper order (the first
    paper naming a key decides), added to ``known``."""
    known = {} if known is None else known
    for label, kind, rule, lexicon_id, aliases in mentions:
        if lexicon_id or rule not in CORPUS_RULES or kind == "modality":
            continue
        for name in (label, *aliases):
            if " " in name.strip():
                continue
            if rule != "title-name" and not _NAME_SHAPE.search(name):
                continue  # a plain word after "we propose" may be an adjective ("Sparse")
            if name.isupper() and len(name) < 4:
                continue  # three capitals mean too many things across papers
            known.setdefault(plain_key(name), (kind, label))
    return known


def link_corpus_names(results: list[FirstPass],
                      known: dict[str, tuple[str, str]] | None = None) -> list[Extraction]:
    """Each extraction with the mentions its pending words gain from the others' names
    (``known``: :func:`known_names` of every paper, when worked out already)."""
    if known is None:
        known = known_names((m.label, m.type, m.evidence.rule, m.lexicon_id, m.aliases)
                            for extraction, _ in results for m in extraction.mentions)
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
