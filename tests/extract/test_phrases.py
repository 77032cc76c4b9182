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


def test_a_plain_word_lexicon_entry_is_taken_in_by_a_longer_capitalised_name(component):
    # "Adapter" / "Sparse attention" are lexicon entries in plain words; a capitalised
    # name ending in them is one name of its own, in any position of the sentence.
    for text, surface, name in (
            ("It adds a Token-Level Quill Adapter to the decoder.", "Adapter",
             "Token-Level Quill Adapter"),
            ("Zorb Sparse Attention then cuts the cost.", "Sparse Attention",
             "Zorb Sparse Attention"),
            ("Our planner relies on Block Sparse Attention to scale.", "Sparse Attention",
             "Block Sparse Attention")):
        found = component(NAME)(text, seed=seeded(dict(
            surface=surface, label=surface.capitalize(), lexicon=entry(surface.capitalize()))))
        assert labels(found, "method") == {name}, text


def test_a_name_inside_the_phrase_still_blocks_it(component):
    found = component(NAME)("It adds a Quill BERT Adapter to the decoder.",
                            seed=seeded(dict(surface="BERT", lexicon=entry("BERT"))))
    assert labels(found, "method") == {"BERT"}


def test_new_component_heads_make_capitalised_names(component):
    for text, name in (("A Global Quill Anchor keeps the style stable.", "Global Quill Anchor"),
                       ("We add a Cross-Scale Zorb Modulator that reweights features.",
                        "Cross-Scale Zorb Modulator"),
                       ("Finally, Residual Mixing Regularization stabilises training.",
                        "Residual Mixing Regularization"),
                       ("Training uses the Decoupled Hazard Penalty throughout.",
                        "Decoupled Hazard Penalty")):
        assert labels(component(NAME)(text), "method") == {name}, text


def test_a_common_sentence_opener_is_no_part_of_the_name(component):
    found = component(NAME)("Using Gated Quill Decoder layers helps.")
    assert labels(found, "method") == {"Gated Quill Decoder"}
    negative = dict(surface="Agent", type_="negative", label="agent", lexicon=entry("agent"))
    assert not labels(component(NAME)("It runs as a Web Agent here.", seed=seeded(negative)),
                      "method")


def test_a_coined_phrase_names_a_mechanism_a_bare_head_does_not(component):
    # "attention" alone is a negative (no name); a capitalised coined phrase on it is one.
    for text, head, name in (("We build on Zorb Triplet Attention for speed.", "Attention",
                              "Zorb Triplet Attention"),
                             ("It adds Quill Contour Embedding to each node.", "Embedding",
                              "Quill Contour Embedding")):
        negative = dict(surface=head, type_="negative", label=head.lower(),
                        lexicon=entry(head.lower()))
        assert labels(component(NAME)(text, seed=seeded(negative)), "method") == {name}


def test_a_title_case_data_word_and_a_starred_name(component):
    for text, name in (("Scores on the Quiet Forest Benchmark rise.", "Quiet Forest"),
                       ("It leads the Zorb Dataset and more.", "Zorb"),
                       ("Gains hold on the hard Q* Benchmark too.", "Q*"),
                       ("A new Quux+ Corpus is released.", "Quux+")):
        assert labels(component(NAME)(text), "dataset") == {name}, text


def test_capitalised_words_before_a_listed_name_make_a_name_of_their_own(component):
    quill = dict(surface="Quill Transformer", lexicon=entry("Quill Transformer"))
    found = component(NAME)("Unlike common backbones (e.g., Video Quill Transformer), ...",
                            seed=seeded(quill))
    assert labels(found, "method") == {"Video Quill Transformer"}
    # A listed name with no method head of its own stays, and so does one after an
    # organisation.
    found = component(NAME)("We then prompt Shiny QuillGPT model twice.",
                            seed=seeded(dict(surface="QuillGPT", lexicon=entry("QuillGPT"))))
    assert labels(found, "method") == {"QuillGPT"}
    found = component(NAME)("We compare the Acme Quill Transformer twice.", seed=seeded(
        quill, dict(surface="Acme", type_="negative", lexicon=entry("Acme", "negative"))))
    assert labels(found, "method") == {"Quill Transformer"}
