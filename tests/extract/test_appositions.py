"""``kg_appositions_v1`` alone: "we ... X, a <class noun>" names the paper's own X."""

from __future__ import annotations

import pytest

from .support import entry, labels, seeded

NAME = "kg_appositions_v1"


@pytest.mark.parametrize("sentence, kind", [
    ("We instantiate this paradigm with QuillVLA, a dual-encoder architecture.", "method"),
    ("Using it, we construct QuillSet-10K, a synthetic question answering (QA) dataset.",
     "dataset"),
    ("We present quillrt, a small native runtime with no dependencies.", "method"),
    ("We train Zorblax, a new language model, on web text.", "method"),
    # a model-class acronym is a class noun too
    ("Using QuillCap, we train Zorb-QuillCLIP, a long-context biomedical VLM.", "method"),
    ("We then pretrain Zorblax-S, a compact LLM with 1B parameters.", "method"),
])
def test_an_apposition_in_a_we_sentence_proposes_the_name(component, sentence, kind):
    found = component(NAME)(sentence)
    assert len(labels(found, kind, "proposed")) == 1


@pytest.mark.parametrize("sentence", [
    "We fine-tune Zorblax, a pretrained language model.",  # a use, not something new
    "We compare our model with Zorblax, a strong model.",  # compared
    "Models such as Zorblax, a sparse model, are slow.",  # no "we"
    "We build on methods such as Zorblax, a sparse model.",  # an example
    "We present them, a new family of models.",  # a pronoun
])
def test_no_proposal(component, sentence):
    assert not labels(component(NAME)(sentence), role="proposed")


def test_a_known_name_in_apposition_is_no_proposal(component):
    # The known names come from the shipped lexicons.
    assert not labels(component(NAME)("We train BERT, a bidirectional model, on books."),
                      role="proposed")


def test_an_existing_candidate_of_the_same_type_gets_the_role(component):
    found = component(NAME)("We release QuillNet, a new model for search.",
                            seed=seeded(dict(surface="QuillNet", rule="name-shape+context")))
    [cand] = found.live
    assert cand.rule == "name-shape+context" and found.has_role(cand, "proposed")
    negative = component(NAME)("We release QuillScore, a new metric model.",
                               seed=seeded(dict(surface="QuillScore", type_="negative",
                                                lexicon=entry("QuillScore", "negative"))))
    assert not labels(negative, role="proposed")


def test_the_tail_of_a_longer_capitalised_name_is_no_name(component):
    found = component(NAME)("We propose QUILL: Task-Oriented Quill Obfuscation Using Policy "
                            "Optimization, a new unsupervised method.")
    assert not labels(found, role="proposed")


def test_the_first_benchmark_in_apposition(component):
    found = component(NAME)("We introduce QuillPrism, the first open-source benchmark for it.")
    assert labels(found, "dataset", "proposed") == {"QuillPrism"}


@pytest.mark.parametrize("sentence", [
    "We propose QuillNet, a framework with an adapter for garment features, a loss for text.",
    "In this report, we outline the design goals, the layout and the parts.",
])
def test_a_common_noun_before_an_apposition_is_no_coined_name(component, sentence):
    assert not labels(component(NAME)(sentence), role="proposed") - {"QuillNet"}


@pytest.mark.parametrize("sentence, names, kind", [
    ("We propose two guards, Quiet Wardens and Loud Keepers, that help.",
     {"Quiet Wardens", "Loud Keepers"}, "method"),
    ("We introduce a robotics benchmark, QuillBench, designed to test robots.",
     {"QuillBench"}, "dataset"),
    ("We introduce a new, learning-free 3D positional encoding, PointQuill.",
     {"PointQuill"}, "method"),
])
def test_names_right_after_the_introduced_noun_are_the_papers(component, sentence, names, kind):
    assert labels(component(NAME)(sentence), kind, "proposed") == names


@pytest.mark.parametrize("sentence", [
    "We evaluate three models, Quiet Wardens and Loud Keepers, on it.",  # no new thing
    "We propose two ideas, Quiet Wardens, that help.",  # one name needs a class noun
    "We propose a idea, Quiet Wardens and Loud Keepers, that help.",  # a list, a plural
    "We introduce benchmarks, metrics, baselines, Quiet Wardens and Loud Keepers.",  # a list
])
def test_no_named_list_proposal(component, sentence):
    assert not labels(component(NAME)(sentence), role="proposed")


def test_a_framework_for_evaluating_is_an_evaluation_suite(component):
    found = component(NAME)("We introduce Glorp Zone, a simulation framework for evaluating "
                            "agent safety.")
    assert labels(found, "dataset", "proposed") == {"Glorp Zone"}


@pytest.mark.parametrize("sentence", [
    "To this end, we extend QuillMark, a recent annotation pipeline, to large scenes.",
    "We adapt QuillMark, an existing labelling toolkit, to our data.",
    "We build on QuillMark, a widely used parser, and add a ranker.",
    "We revisit QuillMark, a conventional tagging model, with more data.",
])
def test_an_apposition_that_calls_the_name_prior_work_proposes_nothing(component, sentence):
    assert not labels(component(NAME)(sentence), role="proposed")


def test_an_apposition_that_calls_the_name_new_still_proposes(component):
    found = component(NAME)("We introduce QuillMark, a new annotation pipeline, for scenes.")
    assert labels(found, role="proposed") == {"QuillMark"}


def test_a_family_in_apposition_is_no_proposal(component):
    seed = seeded(dict(surface="SSM", lexicon=entry("State space model", family=True)))
    found = component(NAME)("We propose the variational SSM, a compact autoencoder.", seed=seed)
    assert not labels(found, role="proposed")


def test_a_name_in_a_fronted_phrase_is_no_apposition(component):
    found = component(NAME)("We propose Quill, a framework with two phases: in the Zorb "
                            "Phase, an MLLM forms a hypothesis.")
    assert "Zorb Phase" not in labels(found, role="proposed")
    kept = component(NAME)("We instantiate the framework in QuillMind, a training-free agent.")
    assert labels(kept, "method", "proposed") == {"QuillMind"}
