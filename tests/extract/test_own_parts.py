"""``kg_own_parts_v1`` alone: the named parts of the paper's own system."""

from __future__ import annotations

import pytest

from .support import candidate, entry, labels, seeded

NAME = "kg_own_parts_v1"


def parts(component, text, *names, known=()):
    def seed(findings):
        own = findings.add(candidate(findings, "QuillNet", rule="title-name"))
        findings.claim(own, "proposed", "title-name", 0.85)
        seeded(*(dict(surface=n, rule="capitalised-phrase") for n in names),
               *(dict(surface=n, lexicon=entry(n)) for n in known))(findings)

    found = component(NAME)(text, title="QuillNet: A Test", seed=seed)
    return labels(found, role="proposed") - {"QuillNet"}


@pytest.mark.parametrize("sentence", [
    "QuillNet employs a Dual-Branch Mixer strategy to join the streams.",
    "Mechanistically, QuillNet combines a Gated Memory Bank with a small decoder.",
    "Our QuillNet comprises two modules, including the Dual-Branch Mixer.",
    "QuillNet also integrates the Gated Memory Bank, which caches keys.",
])
def test_the_parts_an_own_named_subject_takes(component, sentence):
    names = [n for n in ("Dual-Branch Mixer", "Gated Memory Bank") if n in sentence]
    assert parts(component, sentence, *names) == set(names)


@pytest.mark.parametrize("sentence", [
    "QuillNet employs GPT-4o as a judge.",  # a known name is used, not built
    "Prior work on Gated Memory Bank combines it with decoders.",  # another subject
    "QuillNet contains fewer errors than the Dual-Branch Mixer.",  # compared
    "Unlike QuillNet, the Dual-Branch Mixer combines two streams.",
])
def test_no_own_part(component, sentence):
    names = [n for n in ("Dual-Branch Mixer", "Gated Memory Bank") if n in sentence]
    known = [n for n in ("GPT-4o",) if n in sentence]
    assert not parts(component, sentence, *names, known=known)
