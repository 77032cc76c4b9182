"""``kg_name_variants_v1`` alone: extensions and predecessors of the paper's names."""

from __future__ import annotations

from .support import labels

NAME = "kg_name_variants_v1"


def own(*surfaces):
    """Seed the paper's proposed names (as the title and proposal rules would)."""

    def seed(findings):
        from .support import candidate

        for surface in surfaces:
            cand = findings.add(candidate(findings, surface, rule="propose-cue"))
            findings.claim(cand, "proposed", "propose-cue", 0.8)

    return seed


def test_a_bare_earlier_version_is_that_version_of_the_name(component):
    found = component(NAME)("We present Quill Depth V2. Compared with V1, it is finer.",
                            seed=own("Quill Depth V2"))
    assert labels(found, "method") == {"Quill Depth V2", "Quill Depth V1"}
    assert labels(found, role="proposed") == {"Quill Depth V2"}


def test_the_name_a_successor_builds_on_is_a_method(component):
    found = component(NAME)("We introduce QuillNet-Turbo, an upgrade to QuillNet.",
                            seed=own("QuillNet-Turbo"))
    assert labels(found, "method") == {"QuillNet-Turbo", "QuillNet"}
    assert labels(found, role="proposed") == {"QuillNet-Turbo"}


def test_an_extension_of_the_papers_name_is_proposed_too(component):
    def seed(findings):
        own("QuillGym")(findings)
        from .support import candidate

        findings.add(candidate(findings, "QuillGym-Bench", "dataset", rule="name-shape+context"))

    found = component(NAME)("We present QuillGym. The accompanying QuillGym-Bench has tasks.",
                            seed=seed)
    assert labels(found, role="proposed") == {"QuillGym", "QuillGym-Bench"}


def test_nothing_without_a_proposed_name(component):
    assert not component(NAME)("Compared with V1, QuillNet-Turbo is faster than QuillNet.").live


def test_a_known_name_the_paper_presents_has_its_predecessors_too(component):
    def seed(findings):
        from .support import candidate, entry

        cand = findings.add(candidate(findings, "Quill Depth V2",
                                      lexicon=entry("Quill Depth V2")))
        findings.claim(cand, "proposed", "propose-cue", 0.8)

    found = component(NAME)("This work presents Quill Depth V2. Compared with V1, it is "
                            "finer.", seed=seed)
    assert "Quill Depth V1" in labels(found, "method")
    assert labels(found, role="proposed") == {"Quill Depth V2"}


def test_a_one_letter_successor_builds_on_a_method(component):
    found = component(NAME)("Extended from QuillAttn, QuillAttn-R drops pooling.",
                            seed=own("QuillAttn-R"))
    assert labels(found, "method") == {"QuillAttn-R", "QuillAttn"}
    assert labels(found, role="proposed") == {"QuillAttn-R"}


def test_an_english_word_before_a_suffix_is_no_predecessor(component):
    for text, name in (("We introduce a Slow-Fast encoding; Slow frames are few.", "Slow-Fast"),
                       ("We train Humanoid-X on Humanoid pose data.", "Humanoid-X"),
                       ("Our Sparse-Turbo keeps Sparse attention cheap.", "Sparse-Turbo")):
        found = component(NAME)(text, seed=own(name))
        assert labels(found, "method") == {name}, text
    found = component(NAME)("QuillNet-Turbo is an upgrade to QuillNet.",
                            seed=own("QuillNet-Turbo"))
    assert "QuillNet" in labels(found, "method")
