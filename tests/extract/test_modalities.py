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
