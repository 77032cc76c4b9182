"""``kg_capitalised_phrases_v1`` alone."""

from __future__ import annotations

from .support import entry, labels, seeded

NAME = "kg_capitalised_phrases_v1"


def test_a_capitalised_phrase_with_a_method_head(component):
    found = component(NAME)("It stacks Gated Quill Decoder layers on top.")
    assert labels(found, "method") == {"Gated Quill Decoder"}


def test_generic_and_task_heads_are_no_names(component):
    assert not component(NAME)("It uses Fast Sequence Models for Speech Recognition.").live


def test_a_capitalised_phrase_before_a_dataset_word(component):
    found = component(NAME)("Results on the Quiet Forest Reasoning benchmark improve.")
    assert labels(found, "dataset") == {"Quiet Forest Reasoning"}


def test_a_phrase_a_name_already_covers_is_left_alone(component):
    found = component(NAME)("Results on the Quill Forest benchmark improve.",
                            seed=seeded(dict(surface="Quill Forest", type_="dataset",
                                             lexicon=entry("Quill Forest", "dataset"))))
    assert [c.rule for c in found.live] == ["lexicon"]
