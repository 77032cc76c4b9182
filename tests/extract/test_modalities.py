"""``kg_modality_tagger_v1`` alone."""

from __future__ import annotations

NAME = "kg_modality_tagger_v1"


def modalities(component, text, title="A Study of Things"):
    return {c.label for c in component(NAME)(text, title=title).modalities}


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


def test_multi_view_images_are_images_of_3d_things(component):
    assert modalities(component, "We inpaint multi-view images.") == {"image", "3d"}


def test_safety_domains_and_open_vocabulary_are_no_modalities(component):
    found = modalities(component, "We test risks in Chemical, Biological, Radiological and "
                                  "Nuclear domains for open-vocabulary 3D scene retrieval.")
    assert "molecule" not in found and "text" not in found


def test_named_language_models_imply_text_when_no_cue_does():
    from kg.extract.pipeline import extract_one
    from kg.model import Paper

    x = extract_one(Paper("p", "Token Choice", "We distil Qwen3 into Llama 3 with RL."))
    assert {m.label for m in x.mentions if m.type == "modality"} == {"text"}


def test_plain_audio_in_a_speech_paper_is_the_speech(component):
    assert modalities(component, "We synthesise speech from text and judge the audio.") == \
        {"speech", "text"}
    assert "audio" in modalities(component, "A model for general audio understanding and "
                                            "speech recognition.")


def test_an_acronym_the_paper_defines_as_something_else_is_no_cue(component):
    for text in ("We study Test-Time Scaling (TTS) for video generation; TTS helps.",
                 "Our Tree Traversal Search (TTS) plans over video frames."):
        assert "speech" not in modalities(component, text), text
    for text in ("A text-to-speech (TTS) model reads the script aloud; TTS is fast.",
                 "We build a text-to-speech synthesis (TTS) system."):
        assert "speech" in modalities(component, text), text


def test_background_perfect_tense_with_adverbs_and_passives(component):
    # The perfect tense, with up to two words before its verb: a sentence about the field.
    for background in ("Large models have been effectively applied to images and video.",
                       "Diffusion models have recently unified image and video generation.",
                       "Transformers have been widely adopted for images.",
                       "Generative modelling has experienced fast progress in video synthesis.",
                       "Diffusion has greatly improved text-to-image generation."):
        found = modalities(component, background + " We tokenize speech into units.")
        assert found == {"speech"}, background
    # The paper's own sentence in the perfect tense stays.
    assert "image" in modalities(component, "We have applied our model to images. "
                                            "It also reads speech.")


def test_reasoning_models_read_text(component):
    for text in ("Large reasoning models overthink easy questions.",
                 "We shorten the traces of reasoning LLMs."):
        assert modalities(component, text) == {"text"}, text


def test_pixels_and_static_images_in_a_video_paper_are_the_video(component):
    for text in ("Earlier trackers work on static images; ours follows points through videos.",
                 "The denoiser predicts pixels of every video frame.",
                 "Pixel-space losses keep the generated movies sharp.",
                 "We pool image features from each clip of the video."):
        assert modalities(component, text) == {"video"}, text
    # without a video, pixels and static images are images
    for text in ("The decoder predicts pixels of natural photos.",
                 "We caption static images in three languages."):
        assert "image" in modalities(component, text), text


def test_a_multimodal_llm_for_speech_or_audio_reads_no_images(component):
    assert modalities(component, "We present a multimodal large language model for "
                                 "speech understanding.") == {"speech", "text"}
    assert modalities(component, "Our MLLM answers questions about sound events.") == \
        {"audio", "text"}
    # images the paper names stay
    assert "image" in modalities(component, "A multimodal LLM that reads images and speech.")
    assert modalities(component, "We study how MLLMs answer questions.") == {"image", "text"}


def test_weak_cues_in_a_video_paper_are_the_video(component):
    # GUIDELINES: motion is human/character motion data, not motion inside videos
    for text in ("We extract motion sequences from each generated video.",
                 "The video model reads hand gestures of the viewer.",
                 "Positions get a 3D structure for frames of a video.",
                 "Per-pixel temporal sequences predict the next video frame."):
        assert modalities(component, text) == {"video"}, text
    assert modalities(component, "We retarget motion sequences between characters.") == \
        {"motion"}
    assert "3d" in modalities(component, "We recover the 3D structure of a room from scans.")


def test_hate_speech_and_parts_of_speech_are_no_speech(component):
    for text in ("We detect hate speech in forum posts.",
                 "Each word gets a part-of-speech tag."):
        assert "speech" not in modalities(component, text), text
    assert "speech" in modalities(component, "We detect hate speech in forum posts. A second "
                                             "model transcribes recorded speech.")


def test_releasing_a_codebase_is_no_code_modality(component):
    assert "code" not in modalities(component, "We open-source our weights and codebase for "
                                               "video models.")
    assert "code" in modalities(component, "An agent edits a codebase to fix failing tests.")
    # The paper's own or others' research software is no code data either.
    for text in ("We provide a simple codebase to foster research on video agents.",
                 "Our codebase will be available soon for the image models.",
                 "Such tricks are spread across ad-hoc research codebases for image models."):
        assert "code" not in modalities(component, text), text


def test_code_named_by_the_work_done_on_it(component):
    for text in ("The model leads several coding benchmarks.",
                 "Agents act through code execution in a sandbox.",
                 "We train code LLMs on competitive programming problems."):
        assert "code" in modalities(component, text), text
    assert "code" not in modalities(component, "We study video coding at low bitrates.")


def test_a_field_of_science_is_no_modality(component):
    # "chemistry" and "materials science" name where a model is used, not what it reads.
    for text in ("We tune an LLM for materials science on papers and answer questions.",
                 "Experts in chemistry and physics grade the answers of the chatbot."):
        assert "molecule" not in modalities(component, text), text
    assert "molecule" in modalities(component, "We generate molecules for chemistry labs.")


def test_named_benchmarks_imply_their_modality_when_no_cue_does():
    from kg.extract.pipeline import extract_one
    from kg.model import Paper

    def found(abstract):
        x = extract_one(Paper("p", "Sparse Blocks", abstract))
        return {m.label for m in x.mentions if m.type == "modality"}

    assert found("We prune attention blocks and keep accuracy on GLUE.") == {"text"}
    assert found("Our sampler halves the steps on CIFAR-10 and MNIST.") == {"image"}
    # A benchmark adds only what no cue names: a text paper gaining on MBPP also codes.
    assert found("We tune an LLM on documents and gain 5 points on MBPP.") == {"text", "code"}
    assert found("We tune an LLM on documents and gain 5 points on MMLU.") == {"text"}


def test_the_design_a_paper_is_motivated_by_is_background(component):
    # Only the clause up to the comma: the main clause is the paper's own.
    assert modalities(component, "Motivated by the vision transformer design, our model "
                                 "forecasts video frames.") == {"video"}
    assert modalities(component, "Inspired by tuning in large language models, we segment "
                                 "satellite images.") == {"image"}


def test_the_field_an_idea_comes_from_is_background(component):
    for text in ("Originated from natural language processing, transformers are now "
                 "everywhere. We tune one for satellite images.",
                 "In NLP, masked pre-training on documents is already standard. We study it "
                 "for images."):
        assert modalities(component, text) == {"image"}, text
    # A scope of several fields, or the paper's own sentence, stays.
    assert "text" in modalities(component, "Pre-training is used in natural language "
                                           "processing, speech and vision; we study images.")
    assert "text" in modalities(component, "We apply it in natural language processing and "
                                           "to images.")


def test_style_transfer_is_of_the_modality_it_names(component):
    # Bare "style transfer" is a task of texts as much as of images.
    assert "image" not in modalities(component, "Our decoder does unsupervised text style "
                                                "transfer and summarization.")
    assert "image" not in modalities(component, "Tasks include translation, summarization "
                                                "and style transfer of sentences.")
    assert "image" in modalities(component, "We study artistic style transfer.")


def test_an_acronym_a_cue_defines_is_a_cue_wherever_the_paper_uses_it(component):
    # The long form is background; the paper's own sentence only says "TTA".
    text = ("Recent work brought great success to text-to-audio synthesis (TTA). "
            "We propose Glorp, a small TTA model.")
    assert modalities(component, text) == {"text", "audio"}
    # A title's acronym: the abstract defines it in a background sentence.
    assert modalities(component, "Recent advances in large reasoning models (LRMs) have "
                                 "shown gains. We study them.", title="Honest LRMs") == {"text"}
    # The acronym of a field is the field, not a cue.
    assert "text" not in modalities(component, "Originated from natural language processing "
                                               "(NLP), transformers are used in NLP. We segment "
                                               "satellite images.")


def test_a_fronted_contrast_is_background_up_to_its_main_clause(component):
    text = ("Unlike methods that rely on staged pipelines, iterative refinement, and tools, "
            "e.g., detection, depth estimation, and tracking, Glorp recovers 3D scenes from "
            "monocular videos.")
    assert modalities(component, text) == {"3d", "video"}
    # Without a fronted opener only the contrast's own clause is background.
    assert "image" in modalities(component, "Our model differs from others, unlike prior "
                                            "work, and does depth estimation on videos.")


def test_a_task_of_one_modality_qualified_by_another_is_the_other(component):
    found = modalities(component, "We label point clouds for 3D semantic segmentation and "
                                  "video depth estimation.")
    assert found == {"3d", "video"}
    assert "image" in modalities(component, "We train for semantic segmentation of scenes.")


def test_language_models_in_a_paper_on_molecules_or_proteins_are_the_analogy(component):
    # "Like large language models, ..." in a paper whose data is proteins or molecules:
    # the model reads sequences of residues or atoms, not text.
    assert modalities(component, "Inspired by large language models, we pretrain an "
                                 "autoregressive model on protein sequences.") == {"protein"}
    assert modalities(component, "LLMs now design molecules from SMILES strings.") == \
        {"molecule"}
    # Text stays when the paper names it (or names no other data).
    assert modalities(component, "An LLM answers questions about molecules in natural "
                                 "language.") == {"molecule", "text"}
    assert modalities(component, "We prune large language models.") == {"text"}


def test_3d_worlds_and_3d_generative_models_are_3d(component):
    for text in ("Object assets are rebuilt with a 3D generative model.",
                 "It builds an editable 3D world for previsualization.",
                 "The agent does active 3D mapping while it explores.",
                 "We render 3D-consistent panoramas of the scene."):
        assert "3d" in modalities(component, text), text


def test_visual_words_are_images_unless_the_paper_is_on_videos(component):
    assert modalities(component, "The student learns fine-grained visual knowledge from "
                                 "satellite imagery.") == {"image"}
    # In a paper on videos the visual content is the video's.
    assert modalities(component, "We score the visual quality of generated videos.") == \
        {"video"}
    # Looking at a chart of the results is no image data.
    assert modalities(component, "A visual analysis of the learned mixing weights shows "
                                 "that the language model prefers code.") >= {"text"}
    assert "image" not in modalities(component, "A visual analysis of the learned mixing "
                                                "weights shows that the language model "
                                                "prefers code.")
