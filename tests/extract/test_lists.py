"""``kg_colon_lists_v1`` and ``kg_list_items_v1`` alone."""

from __future__ import annotations

import pytest

from .support import labels, seeded


def test_capitalised_items_after_a_class_word_and_a_colon(component):
    found = component("kg_colon_lists_v1")(
        "We report gains on three benchmarks: Quill Talks, Fable, and Europarl.")
    assert labels(found, "dataset") == {"Quill Talks", "Fable", "Europarl"}


def test_a_counted_class_word_and_a_comma(component):
    found = component("kg_colon_lists_v1")(
        "We compare it to two popular prompt datasets, VidQuill (text-to-video) and "
        "PromptoDB (text-to-image), highlighting differences.")
    assert labels(found, "dataset") == {"VidQuill", "PromptoDB"}
    found = component("kg_colon_lists_v1")(
        "We test on three benchmarks: Quill Talks (hard), Fable (easy) and Europarl.")
    assert labels(found, "dataset") == {"Quill Talks", "Fable", "Europarl"}


@pytest.mark.parametrize("sentence", [
    "On two datasets, QuillNet and Zorbo beat all.",  # a fronted phrase, then the subject
    "Across datasets, QuillNet and Zorbo, both small, win.",  # no count
    "We use two datasets, VidQuill for training and PromptoDB for tests.",  # no plain list
])
def test_no_list_after_a_comma(component, sentence):
    assert not component("kg_colon_lists_v1")(sentence).live


def test_a_heading_is_no_list(component):
    assert not component("kg_colon_lists_v1")("Methods: We trained a model.").live


def test_list_items_take_the_type_of_the_typed_item_before_them(component):
    found = component("kg_list_items_v1")(
        "It beats methods such as QuillA, ZorpNet, and QuaxFormer on all tasks.",
        seed=seeded(dict(surface="QuillA")))
    assert labels(found, "method") == {"QuillA", "ZorpNet", "QuaxFormer"}
    assert {c.rule for c in found.live[1:]} == {"list-with-method"}


def test_a_middle_item_needs_more_of_the_list(component):
    found = component("kg_list_items_v1")("We use QuillA, Zorp is slow.",
                                          seed=seeded(dict(surface="QuillA")))
    assert labels(found) == {"QuillA"}


def test_the_item_before_a_typed_one_takes_its_type(component):
    found = component("kg_list_items_v1")(
        "Raters prefer it over the assistants of Doubao and Quillet by far.",
        seed=seeded(dict(surface="Quillet")))
    assert labels(found, "method") == {"Doubao", "Quillet"}


def test_no_backward_typing_from_a_phrase_or_a_sentence_start(component):
    run = component("kg_list_items_v1")
    assert labels(run("The Big Quill and Quillet work.",
                      seed=seeded(dict(surface="Quillet")))) == {"Quillet"}
    assert labels(run("Zorp and Quillet work.", seed=seeded(dict(surface="Quillet")))) == {
        "Quillet"}
