"""The findings log: which candidates survive, roles, and the read-out order."""

from __future__ import annotations

import pytest

from kg.extract.records import Candidate, DocText, Findings, PendingName, Retraction

from .support import entry

TEXT = "Title\n\nWe use Sparse Routing Memory here. It is fast."


def findings() -> Findings:
    return Findings(DocText.of(TEXT, 5, 7))


def cand(surface: str, type_="method", label=None, rule="lexicon", **kw) -> Candidate:
    start = TEXT.index(surface)
    return Candidate(start, start + len(surface), type_, label or surface, rule, 0.9,
                     surface=surface, **kw)


def test_candidates_are_frozen():
    with pytest.raises(AttributeError):
        cand("Memory").label = "x"


def test_a_superseding_name_replaces_names_inside_it_but_not_families():
    f = findings()
    inner = f.add(cand("Memory"))
    family = f.add(cand("Routing", family=True, rule="family"))
    negative = f.add(cand("Sparse", "negative"))
    outer = f.add(cand("Sparse Routing Memory", rule="acronym-definition"), supersedes=True)
    assert f.live == [family, negative, outer]
    assert [(c, reason.split(":")[0]) for c, reason in f.dropped] == [
        (inner, "inside acronym-definition")]


def test_without_supersedes_overlapping_names_both_stay():
    f = findings()
    f.add(cand("Memory"))
    f.add(cand("Sparse Routing Memory"))
    assert len(f.live) == 2


def test_retraction_withdraws_one_entry_written_so():
    bert = entry("BERT")
    f = Findings(DocText.of("T\n\nBERT and BERTs and bert.", 1, 3))
    text = f.text
    for surface in ("BERT", "BERTs", "bert"):
        start = text.index(surface + (" " if surface == "BERT" else ""))
        f.add(Candidate(start, start + len(surface), "method", "BERT", "lexicon", 0.9, bert,
                        surface=surface))
    f.retract(Retraction(bert.id, ("BERT", "BERTs"), "defined here"))
    assert [text[c.start:c.end] for c in f.live] == ["bert"]
    assert f.retractions[0].reason == "defined here"


def test_the_first_rule_that_gives_a_role_is_kept():
    f = findings()
    c = f.add(cand("Memory"))
    f.claim(c, "baseline", "comparison:than", 0.75)
    f.claim(c, "baseline", "comparison:over", 0.5)
    f.claim(c, "proposed", "propose-cue", 0.8)
    assert {r: claim.rule for r, claim in f.roles_of(c).items()} == {
        "baseline": "comparison:than", "proposed": "propose-cue"}
    assert f.with_role("proposed") == [c]


def test_roles_follow_the_mention_not_the_record():
    # Two records of one span and label are one mention: a role given to either counts.
    f = findings()
    first = f.add(cand("Memory"))
    second = f.add(cand("Memory", rule="propose-cue"))
    f.claim(second, "proposed", "propose-cue", 0.8)
    assert f.has_role(first, "proposed")
    assert f.mentions() == [first]


def test_pending_names_take_roles_too():
    f = findings()
    pending = PendingName(10, 16, "Sparse")
    f.claim(pending, "baseline", "comparison", 0.7)
    assert "baseline" in f.roles_of(pending)


def test_sentences_and_title():
    doc_text = DocText.of(TEXT, 5, 7)
    assert doc_text.sentence(0) == (0, 5)
    start, end = doc_text.sentence(TEXT.index("fast"))
    assert TEXT[start:end] == "It is fast."
    assert doc_text.in_title(2) and not doc_text.in_title(8)
