"""The corpus pass, as a pure function over extractions and pending words."""

from __future__ import annotations

from kg.extract.corpus_names import PendingLink, link_corpus_names
from kg.extract.evidence import make_evidence
from kg.extract.records import DocText
from kg.extract.rules import confidence
from kg.model import Evidence, Extraction, Mention, Paper


def extraction(paper_id, label, rule, type_="method"):
    ev = Evidence("title", 0, len(label), label, label, rule, 0.85)
    return Extraction(paper_id, (Mention(label, type_, ev, roles=("uses", "proposed")),))


def pending(word, compared=False):
    paper = Paper("p2", "T", f"Ours is faster than {word}.")
    text = paper.title + "\n\n" + paper.abstract
    start = text.index(word)
    evidence = make_evidence(paper, DocText.of(text, 1, 3), start, start + len(word),
                             "corpus-name", confidence("corpus-name"))
    return PendingLink(word, compared, evidence)


def test_a_word_another_paper_proposes_is_linked():
    results = [(extraction("p1", "Blorpformer", "title-name"), []),
               (Extraction("p2"), [pending("Blorpformer", compared=True)])]
    _, linked = link_corpus_names(results)
    [mention] = linked.mentions
    assert (mention.label, mention.roles, mention.evidence.rule) == (
        "Blorpformer", ("uses", "baseline"), "corpus-name")
    assert mention.evidence.text == "Blorpformer" and mention.evidence.field == "abstract"


def test_names_from_other_rules_or_short_capitals_are_not_used():
    results = [(extraction("p1", "Blorpformer", "lexicon"), []),
               (extraction("p3", "QZX", "propose-cue"), []),
               (Extraction("p2"), [pending("Blorpformer"), pending("QZX")])]
    assert not link_corpus_names(results)[2].mentions
