"""``kg_lexicon_matcher_v1`` alone, on the shipped lexicons."""

from __future__ import annotations

from .support import labels

NAME = "kg_lexicon_matcher_v1"


def test_a_technique_verb_names_it_next_to_a_model_word(component):
    match = component(NAME)
    for text in ("We distill a large teacher into a compact student.",
                 "The prompts can be distilled into compact open models.",
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


def test_a_new_model_version_keeps_its_tier(component):
    match = component(NAME)
    for text, name in (
            ("We compare against Gemini 9.2 Ultra on every task.", "Gemini 9.2 Ultra"),
            ("Baselines are Claude Sonnet 7.3 and others.", "Claude Sonnet 7.3"),
            ("Among them, Sonnet 7.3 is the strongest.", "Sonnet 7.3"),
            ("It beats GPT-9.1-Flash-Lite by far.", "GPT-9.1-Flash-Lite"),
            ("We evaluate LLaMA MoE v7 on long inputs.", "LLaMA MoE v7"),
            ("Frontier systems include GPT-9.4 Zephyr, Gemini 9.2 Ultra and more.",
             "GPT-9.4 Zephyr")):
        assert name in labels(match(text), "method"), text


def test_no_tier_where_none_is_written(component):
    match = component(NAME)
    for text, name in (
            ("We fine-tune GPT-9.1 Models built on it.", "GPT-9.1"),
            ("Agents built on Gemini 9.2-based planners fail.", "Gemini 9.2"),
            ("Gemini 9.2 On Mobile Devices\n\nWe test it.", "Gemini 9.2"),
            ("We compare GPT-9.1 The results follow.", "GPT-9.1")):
        assert name in labels(match(text), "method"), text


def test_a_size_and_instruct_tier_merge_into_the_family(component):
    assert labels(component(NAME)("We tune LLaDA 8B Instruct on math."), "method") == {
        "LLaDA"}


def test_a_benchmark_version_is_its_own_dataset(component):
    match = component(NAME)
    for text, name in (("It scores 40% on OSWorld-v7.", "OSWorld-v7"),
                       ("Results on MathVista-Pro and others.", "MathVista-Pro"),
                       ("We report OSWorld-Verified success.", "OSWorld-Verified")):
        assert name in labels(match(text), "dataset"), text
    assert labels(match("We use COCO-style boxes."), "dataset") == {"COCO"}


def test_a_family_word_before_an_architectural_head_names_the_family(component):
    match = component(NAME)
    for text, family in (("We rebuild the diffusion backbone with sparse blocks.",
                          "Diffusion model"),
                         ("A text-to-image diffusion architecture maps the objects.",
                          "Diffusion model"),
                         ("We propose a contrastive approach to distillation.",
                          "Contrastive learning"),
                         ("It relies on contrastive alignment of regions and phrases.",
                          "Contrastive learning"),
                         ("The state-space backbone scales linearly.", "State space model")):
        assert family in labels(match(text), "method"), text
    for text in ("Heat diffusion across the plate is slow.",
                 "The diffusion of ideas across forums is measured.",
                 "A contrastive reading of the two poems follows."):
        assert not labels(match(text), "method"), text


def test_slashed_versions_of_a_dataset_are_each_listed_dataset(component):
    match = component(NAME)
    for text, names in (
            ("Accuracy rises on CIFAR-10/100 with fewer steps.", {"CIFAR-10", "CIFAR-100"}),
            ("It is scored on AIME 2024/2025 and more.", {"AIME 2024", "AIME 2025"}),
            ("Results on SQuAD v1.1/v2.0 hold.", {"SQuAD", "SQuAD 2.0"})):
        found = match(text)
        assert labels(found, "dataset") == names, text
        # the version alone is no alias of the sibling
        assert all(c.surface == c.label for c in found.mentions()
                   if c.label in names and c.surface[:1].isdigit()), text


def test_a_slashed_number_no_lexicon_lists_keeps_the_name_whole(component):
    match = component(NAME)
    assert "CIFAR-10" not in labels(match("We train on CIFAR-10/37 splits."), "dataset")
    assert not labels(match("A ViT-S/16 encoder reads the frames."), "dataset")


def test_a_family_written_inside_a_listed_name_tags_the_family(component):
    match = component(NAME)
    assert {"VQ-Diffusion", "Diffusion model"} <= labels(match("We beat VQ-Diffusion."), "method")
    assert {"VQ-VAE", "VAE"} <= labels(match("Tokens come from a VQVAE."), "method")
    # Only what is written: a name whose full form holds a family word implies nothing.
    assert "Transformer" not in labels(match("We prompt GPT-4 with three examples."), "method")


def test_a_model_class_tags_the_llm_family_only_when_it_writes_the_words(component):
    match = component(NAME)
    for text in ("We fine-tune a video-LLM on clips.",
                 "Multimodal Large Language Models read charts.",
                 "It is a multimodal LLM with a speech encoder."):
        assert "Large language model" in labels(match(text), "method"), text
    # The acronym alone writes no family word.
    found = labels(match("We query an MLLM for masks."), "method")
    assert "MLLM" in found and "Large language model" not in found


def test_a_family_phrase_never_swallows_a_listed_name_it_overlaps(component):
    found = labels(component(NAME)("We apply the Universal Transformer architecture."),
                   "method")
    assert {"Universal Transformer", "Transformer"} <= found


def test_a_bare_family_word_in_a_list_of_methods_names_the_family(component):
    match = component(NAME)
    for text in ("Such models build on frameworks like diffusion and flow matching.",
                 "RL can align diffusion and flow models with preferences.",
                 "We compare GANs, VAEs, and diffusion on faces."):
        assert "Diffusion model" in labels(match(text), "method"), text
    # Outside a list of methods "diffusion" needs its head: it is also physics.
    for text in ("Heat diffusion and convection shape the plume.",
                 "We model the diffusion of rumours on social graphs."):
        assert "Diffusion model" not in labels(match(text), "method"), text
