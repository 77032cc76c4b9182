"""``kg_title_names_v1`` alone."""

from __future__ import annotations

import pytest

from .support import entry, labels, seeded

NAME = "kg_title_names_v1"


def test_the_head_before_the_colon_is_proposed(component):
    found = component(NAME)("Zorblax is fast.", title="Zorblax: Fast Inference for Everyone")
    assert labels(found, "method", "proposed") == {"Zorblax"}


def test_a_benchmark_title_proposes_a_dataset(component):
    found = component(NAME)("We test models.", title="QuillBench: A Benchmark for Agents")
    assert labels(found, "dataset", "proposed") == {"QuillBench"}


def test_the_words_spelling_the_head_become_its_alias(component):
    found = component(NAME)("It works.", title="BLD: Big Little Decoder for Speed")
    [cand] = found.live
    assert cand.aliases == ("Big Little Decoder",)


def test_a_lexicon_name_in_the_head_gets_the_role_not_a_new_candidate(component):
    found = component(NAME)("We release it.", title="Quillformer: Faster Models",
                            seed=seeded(dict(surface="Quillformer", lexicon=entry("Quillformer"))))
    [cand] = found.live
    assert cand.rule == "lexicon" and found.has_role(cand, "proposed")


def test_a_negative_head_proposes_nothing(component):
    found = component(NAME)("We measure it.", title="QuillScore: A Metric",
                            seed=seeded(dict(surface="QuillScore", type_="negative")))
    assert not labels(found, role="proposed")


@pytest.mark.parametrize("title", ["Scaling Laws Are Not Enough: A Study",
                                   "Utilizing Quills for Retrieval: A Survey",
                                   "Towards Quilted Sampling"])
def test_titles_that_name_nothing(component, title):
    assert not component(NAME)("We study it.", title=title).live


def test_a_short_title_with_a_method_head_is_the_name(component):
    found = component(NAME)("We stop early.", title="Depth-Gated Transformer")
    assert labels(found, "method", "proposed") == {"Depth-Gated Transformer"}


@pytest.mark.parametrize("title, abstract, expected", [
    ("Draw a Quill: Sound for Video", "We build a model, termed Draw a Quill, for sound.",
     {"Draw a Quill"}),
    ("q1: Scaling Test-Time Compute", "We present q1, a simple approach.", {"q1"}),
    ("Draw a Quill: Sound for Video", "We draw a quill.", set()),  # not written so
    ("q1: Scaling Test-Time Compute", "We study scaling.", set()),  # not in the abstract
])
def test_heads_the_abstract_writes_just_so(component, title, abstract, expected):
    assert labels(component(NAME)(abstract, title=title), role="proposed") == expected


@pytest.mark.parametrize("title, expected", [
    ("Agentic Discovery of Architectures: QuillA-Compose and QuillA-Design",
     {"QuillA-Compose", "QuillA-Design"}),
    ("Learning to Rank Documents: QuillNet", {"QuillNet"}),
    ("Learning to Rank Documents: A Study of Quill Models", set()),
])
def test_names_after_the_colon(component, title, expected):
    assert labels(component(NAME)("We study ranking.", title=title), role="proposed") == expected


def test_a_head_of_two_names_proposes_each_unknown_one(component):
    found = component(NAME)("We build both.", title="QuillNet and QuillSet-7: Two Tools")
    assert labels(found, role="proposed") == {"QuillNet", "QuillSet-7"}
    known = seeded(dict(surface="QuillLM", lexicon=entry("QuillLM")))
    found = component(NAME)("We compare them.", title="QuillLM and QuillNet: Partners",
                            seed=known)
    assert labels(found, role="proposed") == {"QuillNet"}


def test_a_head_that_describes_what_something_is_for_is_no_name(component):
    found = component(NAME)("We survey pretrained quills for text ranking.",
                            title="Pretrained Quills for Text Ranking: QLM and Beyond")
    assert not labels(found, role="proposed")


def test_a_survey_head_is_no_name(component):
    found = component(NAME)("We review how quills are evaluated.",
                            title="Quill-Survey: A Survey of Quill Evaluation")
    assert not labels(found, role="proposed")


@pytest.mark.parametrize("title, expected", [
    ("Quill MoE v2: Scaling Sparse Decoders", "Quill MoE v2"),
    ("ZorpNet v1.5: Faster Parsing for Everyone", "ZorpNet v1.5"),
    ("Blorp Chat v3: An Open Assistant", "Blorp Chat v3"),
    ("Quax v2: Retrieval at Scale", "Quax v2"),
])
def test_a_head_that_ends_in_a_version_is_the_name(component, title, expected):
    found = component(NAME)(f"We train {expected} on web data.", title=title)
    assert labels(found, role="proposed") == {expected}


@pytest.mark.parametrize(("title", "name"), [
    ("QuillAgent Technical Report: Toward Everyday Agents", "QuillAgent"),
    ("Quill-7B Model Card: What It Can Do", "Quill-7B"),
    ("ZorbNet Report: Lessons from Training", "ZorbNet"),
    ("QuillTutor 2 System Card: Safety Tests", "QuillTutor 2"),
])
def test_the_genre_after_the_titles_name_is_no_part_of_it(component, title, name):
    found = component(NAME)(f"We train {name} on data.", title=title)
    assert labels(found, role="proposed") == {name}


@pytest.mark.parametrize("title", [
    "I Don't Know: Modelling Doubt with a Token",
    "We Can't See Far: Limits of Vision Encoders",
    "Let's Quill Again: Retrying Retrieval",
    "You Won't Believe It: Clickbait Detection",
])
def test_a_title_head_that_is_a_sentence_names_nothing(component, title):
    assert not labels(component(NAME)("We study it.", title=title), role="proposed")


@pytest.mark.parametrize("abstract", [
    "Models copy their inputs. We term this phenomenon echo-locking and measure it.",
    "Retrievers stall, a phenomenon we term Echo-Locking, on long inputs.",
    "We call this failure mode echo-locking; it grows with depth.",
    "Agents loop, an effect known as echo-locking in prior studies.",
])
def test_a_title_head_the_abstract_terms_a_phenomenon_is_no_proposal(component, abstract):
    found = component(NAME)(abstract, title="Echo-Locking: Why Retrievers Repeat Themselves")
    assert not labels(found, role="proposed")


def test_a_title_head_the_abstract_proposes_stays_proposed(component):
    found = component(NAME)("We propose Echo-Locking, a decoding method.",
                            title="Echo-Locking: Faster Decoding for Retrievers")
    assert labels(found, role="proposed") == {"Echo-Locking"}


@pytest.mark.parametrize("title", [
    "QuillCoder: Enabling Diversity in Code Generation",
    "UniRecMix: Unifying Multi-View Reconstruction and Generation",
    "ZorbaNet: Zero-Order Reasoning for Better Alignment",
])
def test_a_coined_names_letters_are_no_initials(component, title):
    # no words after the colon are taken for its spelled-out form (they may name a task)
    found = component(NAME)("We train it.", title=title)
    [cand] = [c for c in found.live if found.has_role(c, "proposed")]
    assert cand.aliases == ()


def test_an_acronym_head_keeps_its_spelled_out_alias(component):
    found = component(NAME)("We train it.", title="MoGE: Mixture of Gated Experts for Speed")
    [cand] = found.live
    assert cand.aliases == ("Mixture of Gated Experts",)


@pytest.mark.parametrize("title", ["Hallucination Report: What Models Invent",
                                   "Safety Technical Report: Lessons Learned"])
def test_a_plain_word_before_a_genre_word_is_no_name(component, title):
    assert not labels(component(NAME)("We report it.", title=title), role="proposed")


@pytest.mark.parametrize(("title", "abstract"), [
    ("Silent Drift: Measuring Forgetting in Agents",
     "We investigate forgetting in agents. Silent drift grows with the number of steps."),
    ("Echo Chambers: Why Retrievers Repeat Themselves",
     "We analyze retrievers and find that Echo Chambers form when the index is small."),
    ("Quiet Failures: A Study of Tool Errors",
     "This study measures Quiet Failures of tool-using agents across ten suites."),
    ("Long Tails: How Models Treat Rare Words",
     "We show that long tails hurt every model we test."),
])
def test_a_plain_title_head_of_a_paper_that_builds_nothing_is_no_name(component, title,
                                                                      abstract):
    assert not labels(component(NAME)(abstract, title=title), role="proposed")


def test_a_plain_title_head_of_a_paper_that_builds_something_is_the_name(component):
    found = component(NAME)("We present Silent Drift, a memory for agents.",
                            title="Silent Drift: Forgetting Less in Agents")
    assert labels(found, role="proposed") == {"Silent Drift"}
