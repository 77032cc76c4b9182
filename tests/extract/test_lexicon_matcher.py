"""``kg_lexicon_matcher_v1`` alone, on the shipped lexicons."""

from __future__ import annotations

from .support import labels

NAME = "kg_lexicon_matcher_v1"


def test_a_technique_verb_names_it_next_to_a_model_word(component):
    match = component(NAME)
    for text in ("We distill a large teacher into a compact student.",
                 "The templates can be distilled into smaller open models.",
                 "It uses a self-distilled gating unit.",
                 "It pairs a four-step distilled denoiser with a planner.",
                 "We prune half of the weights of the network."):
        assert labels(match(text), "method") & {"Knowledge distillation", "Pruning"}, text


def test_a_technique_verb_without_a_model_is_plain_english(component):
    match = component(NAME)
    for text in ("Retrieved clips are filtered and distilled into motion priors, then used.",
                 "Insights are distilled from thousands of logs, then ranked.",
                 "They distill rich contexts into short labels.",
                 "The tree search prunes unpromising branches early."):
        assert not labels(match(text), "method"), text


def test_the_noun_needs_no_model_word(component):
    assert labels(component(NAME)("Distillation helps here."), "method") == {
        "Knowledge distillation"}
