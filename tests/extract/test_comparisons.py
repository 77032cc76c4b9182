"""``kg_comparisons_v1`` alone: baselines among the methods earlier stages found."""

from __future__ import annotations

import pytest

from .support import labels, seeded

NAME = "kg_comparisons_v1"


def baselines(component, text, *names, proposed=()):
    def seed(findings):
        seeded(*(dict(surface=n) for n in names))(findings)
        for c in findings.live:
            if c.label in proposed:
                findings.claim(c, "proposed", "propose-cue", 0.8)

    return labels(component(NAME)(text, seed=seed), "method", "baseline")


@pytest.mark.parametrize("sentence", [
    "Our model outperforms Quillet on every task.",
    "Our model is 3x faster than Quillet.",
    "Our small model reaches Quillet-level accuracy.",
    "Quillet is outperformed by our model.",
])
def test_comparison_cues(component, sentence):
    assert baselines(component, sentence, "Quillet") == {"Quillet"}


@pytest.mark.parametrize("sentence", [
    "Unlike Quillet, our model needs no pre-training.",
    "We build on Quillet rather than training from scratch.",
])
def test_contrast_is_no_comparison(component, sentence):
    assert not baselines(component, sentence, "Quillet")


def test_the_rest_of_a_compared_list(component):
    assert baselines(component, "Ours outperforms Quillet, Zorp, and Quax on it.",
                     "Quillet", "Zorp", "Quax") == {"Quillet", "Zorp", "Quax"}


def test_the_papers_own_name_is_never_its_baseline(component):
    assert baselines(component, "Quillet is faster than Zorp and Quillet-S.",
                     "Quillet", "Zorp", proposed=("Quillet",)) == {"Zorp"}


def test_a_compared_pending_word_is_marked_for_the_corpus_pass(component):
    from kg.extract.records import PendingName

    def seed(findings):
        start = findings.text.index("Blorp")
        findings.pending.append(PendingName(start, start + 5, "Blorp"))

    found = component(NAME)("Ours is faster than Blorp.", seed=seed)
    assert "baseline" in found.roles_of(found.pending[0])


def test_a_compared_plain_attention_is_a_method(component):
    found = component(NAME)("Our kernel needs fewer reads than standard attention.")
    assert labels(found, "method", "baseline") == {"Standard attention"}


def test_a_family_inside_a_compared_name_is_no_baseline_of_its_own(component):
    def seed(findings):
        seeded(dict(surface="Quill Transformers", label="QuillT"),
               dict(surface="Transformer", rule="family-in-name"))(findings)

    found = component(NAME)("Ours outperforms Quill Transformers on it.", seed=seed)
    assert labels(found, "method", "baseline") == {"QuillT"}


@pytest.mark.parametrize("sentence", [
    "Compared with the latest models built on Quillet, our models are faster.",
    "Ours outscales Quillet by 23%.",
    "Ours is competitive to strong Quillet models.",
])
def test_more_comparison_cues_and_heads(component, sentence):
    assert baselines(component, sentence, "Quillet") == {"Quillet"}
