"""``kg_modality_tagger_v1`` alone."""

from __future__ import annotations

NAME = "kg_modality_tagger_v1"


def modalities(component, text):
    return {c.label for c in component(NAME)(text).modalities}


def test_compounds_give_two_modalities(component):
    assert modalities(component, "A model for text-to-image generation.") == {"text", "image"}


def test_background_is_dropped_when_the_paper_names_its_own(component):
    assert modalities(component, "Unlike prior image-to-video methods, our model turns "
                                 "speech into video.") >= {"speech", "video"}
    assert "image" not in modalities(component, "Unlike prior image-to-video methods, our "
                                                "model turns speech into video.")


def test_a_vision_language_model_reads_images_unless_the_paper_says_videos(component):
    assert modalities(component, "We study how MLLMs answer questions.") == {"image", "text"}
    assert modalities(component, "We tune a vision-language model on long videos.") == \
        {"video", "text"}


def test_charts_and_code_repositories(component):
    assert modalities(component, "Agents read charts and write a code repository.") >= \
        {"image", "code"}
    assert "image" not in modalities(component, "This picture of training is incomplete.")
