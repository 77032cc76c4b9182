"""Tasks (kg/extract/tasks.py): one test per rule, on short synthetic texts."""

from __future__ import annotations

import pytest

from kg.extract.pipeline import extract_one
from kg.extract.records import DocText, TypedSpan
from kg.extract.tasks import find_tasks, task_label
from kg.model import Paper


def tasks(abstract: str, title: str = "A Study of Things") -> set[str]:
    x = extract_one(Paper("p", title, abstract))
    return {m.label for m in x.mentions if m.type == "task"}


def view(abstract: str, title: str = "T") -> DocText:
    return DocText.of(title + "\n\n" + abstract, len(title), len(title) + 2)


def test_a_lexicon_task_gets_its_name_with_a_head_noun():
    # "text-to-image" alone is no noun phrase; the lexicon's headed alias names the task.
    assert tasks("We train a text-to-image model on our own images. It works.") == {
        "Text-to-image generation"}
    assert task_label("TEXT-TO-SQL") == "TEXT-TO-SQL"
    assert task_label("Dense Temporal Value Estimation") == "Dense temporal value estimation"


def test_a_phrase_in_the_title_is_a_task_of_the_paper():
    assert "Zorbic wave estimation" in tasks("We study waves.",
                                              title="Fast Zorbic Wave Estimation")


def test_an_unknown_phrase_needs_a_second_mention_or_a_task_word():
    assert tasks("We improve glorp segmentation with a new loss.") == set()
    assert tasks("We improve glorp segmentation. Glorp segmentation is hard.") == {
        "Glorp segmentation"}
    assert tasks("We study the glorp segmentation task.") == {"Glorp segmentation"}
    assert tasks("We evaluate glorp segmentation on the BLINKSET dataset.") == {
        "Glorp segmentation"}
    assert tasks("Glorp segmentation aims to split glorps.") == {"Glorp segmentation"}


def test_a_head_that_is_seldom_a_task_alone_needs_more_than_a_repeat():
    assert tasks("We use draft prediction here. Draft prediction is cheap.") == set()
    assert tasks("We study draft prediction.", title="Draft Prediction at Scale") == {
        "Draft prediction"}


def test_adjectives_in_front_are_dropped_and_a_known_tail_names_the_task():
    assert tasks("We present a fast and efficient text-guided universal music generation "
                 "model for everyone. It is good.") == {"Music generation"}
    # Modifiers that narrow the task keep a task of its own.
    assert tasks("We present results on 6D object pose estimation.",
                 title="Object Pose Estimation in 6D") >= {"6D object pose estimation"}


def test_coordinated_modifiers_and_heads_share_their_partner():
    assert tasks("We evaluate on image and video generation tasks.") >= {
        "Image generation", "Video generation"}
    found = tasks("Experiments span tasks such as multi-view object insertion, removal, and "
                  "replacement.")
    # The nearest modifier is shared; the words before it may be the first task's own.
    assert {"Multi-view object insertion", "Object removal", "Object replacement"} <= found
    assert tasks("We study image generation and understanding.",
                 title="Image Generation and Understanding") >= {"Image understanding"}


def test_a_head_the_lexicon_knows_alone_takes_no_modifier_of_its_partner():
    # "summarization" is a task by itself: no "Machine summarization" from the list.
    found = tasks("We evaluate QuuxLM on machine translation, summarization and question "
                  "answering.")
    assert {"Machine translation", "Summarization", "Question answering"} <= found
    assert "Machine summarization" not in found


def test_background_and_examples_of_the_field_are_not_tasks():
    assert tasks("Unlike image captioning, our model draws. It draws well.") == set()
    # An example of the field, in a sentence that evaluates nothing ...
    assert tasks("Language models help with tasks such as summarization.") == set()
    # ... but the tasks a paper evaluates on, even listed as examples, are its own.
    assert tasks("Our model outperforms baselines on tasks such as summarization.") == {
        "Summarization"}


def test_a_fronted_contrast_is_background_however_long_its_list():
    # Every task of the fronted phrase is contrast, not only the one next to "unlike".
    text = ("Unlike pipelines that need heavy tools, e.g., glorp detection, depth estimation, "
            "and optical flow estimation, Zorbix recovers scenes in one pass. Zorbix is "
            "evaluated on camera pose estimation.")
    assert tasks(text, title="Zorbix: One Pass") == {"Camera pose estimation"}
    assert tasks("Distinct from the usual setting that favors one task like image "
                 "classification, the new benchmarks test many skills.") == set()
    # The main clause after the fronted phrase is the paper's own.
    assert tasks("Unlike prior tools, our model performs depth estimation. It works.") == {
        "Depth estimation"}


def test_a_task_done_without_is_not_the_papers():
    assert tasks("Our agent holds spoken dialogue without separate ASR and TTS modules.") \
        == {"Spoken dialogue"}
    assert tasks("Our system performs speech recognition with a small model.") == {
        "Speech recognition"}


def test_a_generic_task_beside_its_cross_modal_form_is_the_same_task():
    text = ("We present Zorb, a text-to-video model. Zorb achieves state-of-the-art "
            "video generation quality.")
    assert tasks(text, title="Zorb: Masked Video Generation") == {"Text-to-video generation"}
    # A title that names the generic task as it is keeps it.
    assert tasks(text, title="Zorb: Efficient Video Generation") == {
        "Text-to-video generation", "Video generation"}


def test_an_established_reasoning_task_counts_named_once():
    assert tasks("Zorb detectors struggle in domain-specific contexts like mathematical "
                 "reasoning. We propose Zorb.") == {"Mathematical reasoning"}


def test_what_models_are_capable_of_is_the_fields_progress():
    assert tasks("Language models display remarkable capabilities in mathematical reasoning. "
                 "Their training costs are high.") == set()
    assert tasks("Embedding models have demonstrated strong performance in text retrieval "
                 "but remain weak for table retrieval.",
                 title="Zorb: Better Table Retrieval") == {"Table retrieval"}


def test_what_the_papers_own_system_is_for_is_its_task():
    assert tasks("We present Zorbix, a unified, feed-forward framework for 4D "
                 "glorp-scene reconstruction. It runs fast.") == {"4D glorp-scene reconstruction"}
    # Not what another system is for, nor in a sentence that proposes nothing.
    assert tasks("Prior work built a framework for 4D glorp-scene reconstruction. "
                 "We study its limits.") == set()


def test_an_adjective_inside_the_modifiers_names_the_task_the_paper_names_without_it():
    assert tasks("Multi-view glorp generation is slow. We study multi-view glorp "
                 "generation.", title="Zorb: Multi-view Consistent Glorp Generation") == {
        "Multi-view glorp generation"}


def test_a_compact_system_names_no_narrower_task():
    assert tasks("We present Zorb, a family of compact multilingual automatic speech "
                 "recognition (ASR) models.") == {"Speech recognition"}


def test_an_engineering_task_needs_a_task_word():
    assert tasks("Zorb performs well on real-world software engineering tasks.") == {
        "Software engineering"}
    assert tasks("We improve prompt engineering for chat models.") == set()


def test_fields_are_not_tasks():
    assert tasks("Transformers changed natural language processing and computer vision.") == set()


def test_names_end_the_modifiers():
    found = tasks("We study autoregressive 3D object generation.",
                  title="3D Object Generation with an Autoregressive Model")
    assert "3D object generation" in found and not any("utoregressive" in t for t in found)


def test_a_task_that_only_qualifies_a_thing_is_no_task_unless_established():
    assert tasks("We train a glorp segmentation model once.") == set()
    assert tasks("We build a monocular depth estimation model.") == {"Monocular depth estimation"}


def test_find_tasks_is_pure_over_the_text_and_spans():
    v = view("We study glorp segmentation and the glorp segmentation task.")
    assert [h.label for h in find_tasks(v, [])] == ["Glorp segmentation"] * 2
    # A method over the head leaves no task.
    start = v.text.index("glorp")
    blocked = [TypedSpan(start, start + len("glorp segmentation"), "method", "GlorpSeg")]
    assert [h.label for h in find_tasks(v, blocked)] == ["Glorp segmentation"]


@pytest.mark.parametrize("text", [
    "We solve complex reasoning with few steps.",
    "We propose a method for the generation process of a glorp generation pipeline.",
])
def test_verbs_and_qualified_heads_make_no_task(text):
    assert tasks(text) == set()


def test_modifiers_that_only_say_how_make_no_task():
    assert tasks("We study things.", title="Interactive Generation for Everyone") == set()
    assert tasks("We study things.", title="Reusable Reasoning at Scale") == set()
    # ... unlike modifiers saying of what.
    assert tasks("We study things.", title="Interactive Glorp Generation") == {
        "Interactive glorp generation"}


def test_a_title_task_of_an_object_is_one_phrase():
    found = tasks("We steer molecules.", title="Controllable Generation of Organic Molecules "
                                              "with Transformers")
    assert found == {"Controllable generation of organic molecules"}


def test_a_phrase_listed_with_a_task_is_a_task():
    # "zorbic generation" alone would need a second mention; listed with a task, it is one.
    assert tasks("We like zorbic generation.") == set()
    found = tasks("The survey covers image generation, video generation, and zorbic generation.")
    assert {"Image generation", "Video generation", "Zorbic generation"} <= found
    # Two unknown phrases listed together prove nothing about each other.
    assert tasks("We do glorp estimation and zorbic generation.") == set()


def test_examples_in_a_sentence_about_the_papers_own_system_are_its_tasks():
    assert tasks("Through prompting, models perform tasks including summarization.") == set()
    found = tasks("Through prompting, Glorbo performs tasks including summarization, zorbic "
                  "inpainting, and music inpainting.", title="Glorbo: A Model")
    assert {"Zorbic inpainting", "Music inpainting", "Summarization"} <= found


def test_tasks_models_struggle_with_are_the_problem_the_paper_takes_on():
    assert tasks("Models still struggle with tasks such as viewpoint recognition.") == {
        "Viewpoint recognition"}


def test_a_lexicon_task_named_with_a_leading_setting_keeps_it():
    # The lexicon lists the task with its setting: "zero-shot" stays (not an adjective here).
    assert "Zero-shot image classification" in tasks(
        "Our model improves zero-shot image classification by 3 points.")


def test_a_task_acronym_with_a_modifier_is_the_more_specific_task():
    assert "Medical question answering" in tasks("Our model lifts the medical QA accuracy.")
    # A verb before the acronym is no modifier; nor is a task that qualifies a thing.
    assert not any("Favor" in t for t in tasks("Readers favor MT in our study."))
    assert not any("Base" in t for t in tasks("We tune a base T2V model here."))


def test_a_benchmark_for_a_task_marks_it():
    assert tasks("We report results on the Foo benchmark for long-horizon glorp planning.") >= {
        "Glorp planning"}
    assert tasks("Our model is strong on tasks like moving part segmentation in clips.") >= {
        "Moving part segmentation"}


def test_a_task_in_an_organisation_name_is_no_task():
    assert tasks("This paper describes the Foo Machine Translation group's system.") == set()
    assert tasks("The glorp segmentation team reports here.") == set()


def test_a_fronted_on_with_results_marks_a_task():
    assert "Glorp detection" in tasks(
        "On model-based glorp detection of unseen objects, the best method achieves 40% AP.")


def test_a_possessive_ends_the_modifiers():
    found = tasks("We study glorp segmentation. The model's glorp segmentation improves.")
    assert found == {"Glorp segmentation"}


def test_a_bare_head_in_a_list_of_tasks_or_next_to_a_task_word_is_a_task():
    found = tasks("Experiments show that our model wins on tasks including question "
                  "answering, captioning, spatial grounding, tracking, and segmentation.")
    assert {"Question answering", "Captioning", "Spatial grounding", "Tracking",
            "Segmentation"} <= found
    assert not {"Question captioning", "Spatial tracking"} & found
    # Alone, or qualifying a thing, a head is no task; generic heads never are.
    assert tasks("Our tracking module helps; generation is costly.") == set()


def test_evaluative_adjectives_and_what_drives_a_task_are_no_part_of_it():
    assert tasks("Glimmer makes faithful text-to-image generation cheap.") == {
        "Text-to-image generation"}
    assert "Auditory scene understanding" in tasks(
        "We study hearing aids.", title="Gaze-Driven Auditory Scene Understanding")
    assert tasks("We extend it to longer and larger video generation with controls.") == {
        "Video generation"}


def test_names_and_headed_items_do_not_share_a_head():
    found = tasks("We evaluate on speaker profiling, speech transcription and extraction, "
                  "and question answering.")
    assert "Profiling transcription" not in found
    assert {"Speech transcription", "Speech extraction"} <= found
    found = tasks("Task kinds (search, zero-shot classification, and captioning) "
                  "are covered by our benchmark.")
    assert "Search classification" not in found


def test_a_known_task_as_a_longer_word_or_a_means_or_a_modifier_is_none():
    assert "Text-to-audio generation" not in tasks(
        "We improve downstream text-to-audio-video generation with our latents.")
    assert "Text-to-audio-video generation" in tasks(
        "We improve downstream text-to-audio-video generation with our latents.")
    assert "3D reconstruction" not in tasks(
        "We render the full video through 3D reconstruction of keyframes.")
    assert tasks("We compare the denoising paths and the denoising steps of our model.") == set()


def test_a_background_list_is_background_as_a_whole():
    assert tasks("Diffusion models made great progress in image, video, and audio "
                 "generation. We study caching for them.") == set()


def test_names_that_are_tasks_are_retyped():
    found = tasks("We introduce Gaze-Informed Scene Understanding (GISU) and a model "
                  "for it. Our model wins on the sound-QA task.")
    assert {"GISU", "Sound question answering"} <= found
    assert "Glint ranking feedback" in tasks(
        "We propose a novel task named Glint Ranking Feedback, where agents rank notes.")


def test_a_defined_name_its_apposition_calls_a_model_is_no_task():
    paper = Paper("p", "A Study of Things", "We introduce Gaze-Informed Scene Captioning "
                  "(GISC), a small diffusion model for captions. GISC is fast.")
    extraction = extract_one(paper)
    # (the phrase may still name a task of its own; the definition stays a method)
    assert any(m.type == "method" and "GISC" in (m.label, *m.aliases)
               for m in extraction.mentions)


def test_a_defined_name_with_a_data_word_after_it_is_a_dataset_not_a_task():
    paper = Paper("p", "A Study of Things", "We collect recordings with human ratings, named "
                  "Expressive Gaze Control (E-GAC) corpus. Models fail on E-GAC.")
    extraction = extract_one(paper)
    # (the phrase may still name a task of its own; the definition stays a dataset)
    assert any(m.type == "dataset" and m.label == "E-GAC" for m in extraction.mentions)


def test_the_x_task_names_a_task_unless_generic():
    found = tasks("For the knot tying task, we adopt a new loss; the pretext task is simple.")
    assert "Knot tying" in found
    assert not any("pretext" in t.lower() for t in found)
    # A defined task is not also the task its last words spell.
    found = tasks("Gaze-Informed Video Generation (GIVG) methods make clips.",
                  title="Gaze-Informed Video Generation at Scale")
    assert "GIVG" in found and "Video generation" not in found


def test_an_order_of_decoding_is_no_cross_modal_task():
    assert tasks("We move beyond left-to-right generation with a new sampler here.") == set()
    # "common" is no evaluative adjective in front of a task.
    found = tasks("We test it on generation tasks including summarization and common sense "
                  "generation.")
    assert any(t.lower().replace(" ", "") == "commonsensegeneration" for t in found)


@pytest.mark.parametrize("title, means", [
    ("Faster Glorp Segmentation via Verbalizable Latent Planning", "Latent planning"),
    ("Sharper Zorbic Wave Estimation by In-Context Generation", "In-context generation"),
    ("Glorp Segmentation through Sparse Priors and Learned Depth Estimation",
     "Learned depth estimation"),
    ("Robust Zorbic Wave Estimation using Multi-Segment Grounding", "Multi-segment grounding"),
])
def test_a_title_means_carries_its_own_modifiers_and_is_no_task(title, means):
    found = tasks("We study waves.", title=title)
    assert not any(t.lower().endswith(means.split()[-1].lower()) for t in found), found
    assert found  # the task before the means stays


def test_a_means_the_abstract_introduces_is_no_task():
    for cue in ("by introducing", "by leveraging off-the-shelf", "by adopting a cheap"):
        assert tasks(f"We sharpen glorp segmentation {cue} monocular depth estimation.",
                     title="Glorp Segmentation") == {"Glorp segmentation"}
    assert "Monocular depth estimation" in tasks(
        "We improve monocular depth estimation by a new loss.")


@pytest.mark.parametrize("abstract", [
    "It beats others on six of eight reasoning and coding benchmarks.",
    "The suite holds 7.6k diverse retrieval tasks over 12 domains.",
    "We collect 2.5M varied captioning tasks and dozens of grounding benchmarks.",
    "It wins on four of five reasoning tasks.",
])
def test_a_count_is_no_modifier_of_a_task(abstract):
    assert not any(t.split()[0].lower() in ("eight", "6k", "5m", "dozens", "five")
                   for t in tasks(abstract)), tasks(abstract)


@pytest.mark.parametrize("title, task", [
    ("Sparse Codecs for Multilingual Speech Tokenization", "Speech tokenization"),
    ("Learning Policies from Play for Dexterous Hand Control", "Dexterous hand control"),
    ("A Fast Simulator for Pedestrian Crowd Simulation: Lessons", "Pedestrian crowd simulation"),
    ("Zorbnet: Contrastive Pretraining for Robust Tabular Representation Learning",
     "Tabular representation learning"),
    ("Glorp Models for Quadruped Locomotion and Planning", "Quadruped locomotion"),
])
def test_a_title_names_its_purpose_after_for(title, task):
    assert task in tasks("We study it.", title=title)


@pytest.mark.parametrize("title", [
    "Zorbnet: A Strong Recipe for Large Video Models",  # a thing, not an activity
    "Glorp Priors for Improving Wave Learning",  # a verb
    "Zorbic Ratios for Stable Learning",  # an adjective alone
    "A Recipe for Training",  # no modifier
])
def test_a_title_purpose_needs_an_activity_with_a_modifier(title):
    assert tasks("We study it.", title=title) == set()


@pytest.mark.parametrize("abstract", [
    "Recent video generation models show striking realism. We steer robot arms with glorps.",
    "New image generation models keep raising the demand for glorp detectors. We build one.",
    "Prior work sees machine translation models as black boxes. Zorbnet reads glorps.",
    "Strong speech recognition models now exist. Zorbnet measures their glorp bias.",
])
def test_a_task_named_only_as_a_kind_of_others_models_is_no_task(abstract):
    assert tasks(abstract) == set()


@pytest.mark.parametrize("abstract", [
    "We build a monocular depth estimation model from synthetic images.",
    "Our video generation model renders minute-long clips.",
    "We present Zorbnet. Zorbnet is a machine translation model for glorp dialects.",
])
def test_a_task_named_as_the_papers_own_kind_of_model_is_a_task(abstract):
    assert tasks(abstract)


@pytest.mark.parametrize("abstract, conceded, taken", [
    ("Although image captioning is well studied, video captioning remains open. We fix it.",
     "Image captioning", "Video captioning"),
    ("While speech recognition has matured, speech translation still lags. We study it.",
     "Speech recognition", "Speech translation"),
    ("Despite years of work on object detection, object tracking lacks data. We add data.",
     "Object detection", "Object tracking"),
    ("Even though text summarization thrives, code summarization lags. We fix that.",
     "Text summarization", "Code summarization"),
])
def test_a_task_conceded_before_the_task_taken_on_is_background(abstract, conceded, taken):
    found = tasks(abstract)
    assert taken in found and conceded not in found, found


def test_a_conceded_task_stays_when_the_main_clause_names_no_other():
    assert "Video inpainting" in tasks(
        "Although video inpainting is well studied, it still lacks data. We add data.")


@pytest.mark.parametrize("abstract, task", [
    ("We target code summarization with small models.", "Code summarization"),
    ("We sharpen monocular depth estimation by a new loss.", "Monocular depth estimation"),
    ("They tackle video captioning with glorps.", "Video captioning"),
    ("Zorbnet, which boosts image captioning, is small.", "Image captioning"),
])
def test_a_verb_after_its_subject_is_no_modifier_of_the_task(abstract, task):
    assert tasks(abstract) == {task}


@pytest.mark.parametrize("abstract, acronym_task", [
    ("We study Test-Time Scaling (TTS) for video. TTS helps glorps.", "Text-to-speech"),
    ("We build an automatic prompt engineering (APE) tool. APE models are slow.",
     "Argument pair extraction"),
    ("Our Quantum Annealing (QA) solver is fast. QA beats glorps on the QA benchmark.",
     "Question answering"),
    ("Masked Token (MT) pruning helps. MT pruning is cheap on the MT task.",
     "Machine translation"),
])
def test_a_task_acronym_the_paper_defines_its_own_way_is_no_task(abstract, acronym_task):
    assert acronym_task not in tasks(abstract)


def test_a_task_acronym_defined_as_its_task_stays():
    assert "Text-to-speech" in tasks("We study expressive text-to-speech (TTS). TTS is hard.")
    assert "Text-to-speech" in tasks("We study speech synthesis (TTS) on the TTS task.")


@pytest.mark.parametrize("abstract, task", [
    ("Current suites overlook multi-view video understanding entirely.",
     "Multi-view video understanding"),
    ("Agents cannot reliably perform visual grounding in clutter.", "Visual grounding"),
    ("Key strengths include sound event detection and more.", "Sound event detection"),
    ("Planners still struggle to autonomously trigger visual grounding in rollouts.",
     "Visual grounding"),
    ("We first translate speech recognition outputs into commands.",
     "Speech recognition"),
])
def test_a_verb_after_an_adverb_or_a_plural_subject_is_no_modifier(abstract, task):
    assert tasks(abstract) == {task}


@pytest.mark.parametrize("abstract, task", [
    ("Experiments on the agents geometric reasoning tasks show gains.", "Geometric reasoning"),
    ("This enables highly semantic video generation for films.", "Semantic video generation"),
])
def test_an_adjective_after_a_plural_or_an_adverb_stays_a_modifier(abstract, task):
    assert tasks(abstract) == {task}


def test_a_generic_adjective_inside_the_modifiers_ends_them():
    assert tasks("We study it.", title="Brittle Encoders Foster Robust Glorp Tracking") == {
        "Glorp tracking"}
    assert tasks("We study it.", title="Low-Latency Streamable Glorp Super-Resolution") == {
        "Glorp super-resolution"}


@pytest.mark.parametrize("title, abstract, task", [
    ("Attaining Trustworthy Glorp Reasoning", "We study it.", "Glorp reasoning"),
    ("Zorb Meshes with Native Glorp Segmentation", "We study it.", "Glorp segmentation"),
    ("T", "The model improves numerous glorp tagging tasks.", "Glorp tagging"),
    ("T", "We adapt it to a specific glorp classification task.", "Glorp classification"),
])
def test_a_word_praising_or_sizing_the_work_is_no_part_of_the_task(title, abstract, task):
    # "trustworthy", "native", "numerous", "specific": how good or how many, not of what.
    assert tasks(abstract, title=title) == {task}


def test_a_praising_word_before_a_bare_head_leaves_no_task():
    assert tasks("We study it.", title="Toward a Deeper Understanding of Glorps") == set()


@pytest.mark.parametrize("abstract", [
    "The editor has strong instruction-following capabilities and sharp outputs.",
    "We raise the model's code generation ability with curricula.",
    "The agent shows summarization skills beyond its size.",
    "It elevates instruction following fidelity in long chats.",
])
def test_a_task_naming_a_quality_of_a_model_is_no_task(abstract):
    assert tasks(abstract) == set()


def test_a_task_named_also_as_a_task_stays_beside_its_quality():
    assert tasks("We improve code generation ability; code generation benchmarks confirm it.",
                 ) == {"Code generation"}


@pytest.mark.parametrize("title, task", [
    ("ProtX: Predicting Protein Functions from Sequences", "Protein function prediction"),
    ("Learning to Segment Surgical Instruments in Endoscopy",
     "Surgical instrument segmentation"),
    ("Towards Detecting Deepfake Speech in the Wild", "Deepfake speech detection"),
    ("GenX: Generating an Explorable Planet", "Planet generation"),
    ("Discovering Knowledge Gaps of Language Models", "Knowledge gap discovery"),
    ("A Training-Free Recipe for Generating Diverse Datasets", "Dataset generation"),
])
def test_a_title_task_verb_and_its_object_name_a_task(title, task):
    assert task in tasks("We study it.", title=title)


@pytest.mark.parametrize("title", [
    "Generating Faster with Draft Models", "Predicting Is Not Understanding",
    "Generating with Confidence: Calibrated Decoding", "Learning to Generate",
])
def test_a_title_task_verb_without_an_object_names_no_task(title):
    assert tasks("We study it.", title=title) == set()


def test_a_generic_adjective_before_a_bare_head_leaves_the_head_alone():
    # The head then needs the evidence a bare head needs ("the X task", a list of tasks).
    assert tasks("We take a unified denoising view of images. It extends to multimodal "
                 "denoising trajectories.") == set()


def test_what_a_paper_recasts_is_its_task():
    # The object of "cast/formulate X as Y" names the task; "the X process" does not.
    assert "Glorp route optimization" in tasks(
        "We cast glorp route optimization as a graph search problem.")
    assert "Zorb control" in tasks("Our method formulates zorb control as sequence modeling.")
    assert tasks("We recast the denoising process as a flow.") == set()


def test_dense_retrieval_and_responses_are_not_the_wider_tasks():
    # Dense (passage) retrieval is a task of its own, not information retrieval at large;
    # generating a response is what every chat model does, not dialogue generation.
    assert tasks("We study dense retrieval on the MS MARCO dataset.") == {"Dense retrieval"}
    assert "Dialogue generation" not in tasks(
        "The model conditions response generation on the user's goal.")


def test_control_of_a_thing_is_a_task_head():
    # "camera motion control" named twice (or with a task) is a task, like "... generation".
    assert "Zorb arm control" in tasks(
        "We study zorb arm control in the lab. Zorb arm control is hard for robots.")
    assert tasks("We give users fine-grained control over the output.") == set()


def test_evaluative_adjectives_before_a_task_are_no_part_of_it():
    assert tasks("We improve dynamic video generation and extreme glorp motion control, "
                 "and future 3D generation.", title="Video Generation") >= {
        "Video generation", "Glorp motion control"}
    assert not any(t.lower().startswith(("dynamic", "extreme", "future")) for t in tasks(
        "We improve dynamic video generation and extreme glorp motion control."))
    # Their negative counterparts too ("resulting in inaccurate text classification").
    assert tasks("Old glorps result in inaccurate text classification and poor image "
                 "captioning, which our zorb fixes.") == {"Text classification",
                                                          "Image captioning"}


def test_the_items_of_a_list_of_tasks_are_tasks():
    assert tasks("The suite covers five task categories that need long contexts: glorp "
                 "triage, zorb refactoring, and blip testing.") >= {
        "Glorp triage", "Zorb refactoring", "Blip testing"}
    assert tasks("We evaluate four core tasks -- rendering, recognition, and tagging -- on "
                 "two sets.") >= {"Rendering", "Recognition"}
    # Challenges, stages and sentences are no list of tasks.
    assert tasks("Models face two challenges common to all tasks: glorp drift and zorb "
                 "noise.") == set()
    assert tasks("We split it into three sub-tasks: (1) tagging the tokens to keep in the "
                 "output, and (2) ordering them.") == set()


def test_subject_driven_and_class_conditional_generation_are_curated():
    # The name the papers write (both this round's annotations use it), the image-only
    # form its alias.
    assert tasks("Our glorp model excels at subject-driven generation.") == {
        "Subject-driven generation"}
    assert tasks("Our glorp model excels at subject-driven image generation.") == {
        "Subject-driven generation"}
    assert tasks("Our glorp model reaches an FID of 1.9 for class-conditional "
                 "generation.") == {"Class-conditional image generation"}


def test_established_tasks_of_robots_speech_and_animation_are_curated():
    assert tasks("Our model supports spoken dialogue with emotions.") == {"Spoken dialogue"}
    assert tasks("Agents still fail at robotic manipulation in clutter.") == {
        "Robot manipulation"}
    assert tasks("We improve point tracking in long videos.") == {"Point tracking"}
    assert tasks("Our controller yields lifelike character animation.") == {
        "Character animation"}


def test_tasks_that_involve_x_name_x_as_a_task():
    assert tasks("It wins on four hard tasks that involve glorp and zorb reasoning.") >= {
        "Glorp reasoning", "Zorb reasoning"}
    # What a task requires is a skill, not the task.
    assert tasks("It fails on tasks that require deep glorp reasoning.") == set()


def test_the_kind_of_the_tasks_a_list_gives_is_no_task():
    found = tasks("Experiments on glorp understanding and generation tasks including zorb "
                  "summarization and blip question generation show gains.")
    assert {"Zorb summarization", "Blip question generation"} <= found
    assert not any(t.lower().startswith("glorp") for t in found)
    # Named without a list, the kind is the task evaluated on.
    assert "Glorp generation" in tasks("Experiments on glorp generation tasks show gains.")


@pytest.mark.parametrize("pair", ["German-English", "English-to-Zulu", "En-De"])
def test_a_translation_named_by_its_language_pair_is_machine_translation(pair):
    assert tasks(f"Our glorp model wins on {pair} translation benchmarks.") == {
        "Machine translation"}


def test_a_translation_between_modalities_is_no_language_pair():
    assert "Machine translation" not in tasks(
        "Our glorp model wins on image-to-image translation benchmarks.")


def test_the_steps_of_a_sampler_are_no_denoising_task():
    # A source's bare head ("Denoising") gives no known tail, and one plain lexicon word
    # qualifying a thing ("denoising step") names no task.
    assert tasks("Glorps rely on iterative denoising. Loss comes from diffusion denoising "
                 "steps, and not only from the last denoising step.") == set()
    assert "Image denoising" in tasks("Our glorp model wins on image denoising.")


def test_a_modifier_and_the_canonical_tail_spell_the_lexicons_narrower_task():
    # "natural language generation" is text generation; "constrained" + its label is a
    # task of the lexicon of its own.
    assert tasks("We study Constrained Natural Language Generation with glorps.") == {
        "Constrained text generation"}
    assert tasks("Our glorp model wins on personalized image generation.") == {
        "Personalized image generation"}
    assert tasks("Experiments on language generation show gains for glorps.") == {
        "Text generation"}


def test_coordinated_heads_before_a_capability_word_are_qualities_of_a_model():
    assert tasks("Our glorp model excels at image understanding and generation "
                 "capabilities.") == set()
    assert tasks("Our glorp model excels at image understanding and generation tasks.") == {
        "Image understanding", "Image generation"}


def test_a_task_in_a_sentence_on_the_fields_progress_is_background():
    text = ("Generative models have seen substantial progress, particularly in glorp "
            "synthesis and video generation. We present Zorb and evaluate it on blip "
            "segmentation tasks.")
    assert tasks(text) == {"Blip segmentation"}
    # The paper's own sentences, and the gap after a turn, are no background.
    assert "Glorp synthesis" in tasks(
        "This method marks advancements in glorp synthesis tasks.")
    assert "Zorb understanding" in tasks(
        "Glorp models have gained wide attention in blip generation, yet still lag "
        "behind on zorb understanding tasks.")


def test_head_spans_are_the_head_shape_scan():
    """The automaton's head words are exactly the words the head shape finds whose lower
    case is a head (case of the ending, hyphens, digits, plurals and odd letters)."""
    from kg.extract.tasks import _head_spans, _rules

    rules = _rules()
    for text in ["Video Generation and image generations; 3D-generation, re-generation, "
                 "GENERATION, generation_x, xgeneration, Captioning: segmentation.",
                 "Long caption\u017fs and \u0131mage generation with segmentation",
                 "\u212aeypoint detection, detection-based tracking and tracking"]:
        expected = [m.span() for m in rules["head_shaped"].finditer(text)
                    if m.group().lower() in rules["head_words"]]
        assert expected and _head_spans(text, rules) == expected


def test_a_dataset_named_with_a_task_head_names_its_leaderboard_task():
    # The lexicon build keeps each leaderboard dataset's main task per head word.
    assert tasks("Glorpnet beats Zorb on COCO detection and ADE20K segmentation, and "
                 "we fine-tune it for ImageNet classification.") >= {
        "Object detection", "Semantic segmentation", "Image classification"}
    # A dataset alone names no task, nor a head that is none of its tasks.
    assert tasks("Glorpnet reaches 80% top-1 accuracy on ImageNet.") == set()


def test_the_kind_of_a_model_the_paper_starts_from_is_not_its_task():
    # Every mention qualifies a model and one says the paper starts from it: a base model.
    found = tasks("We adapt a pre-trained text-to-image (T2I) diffusion model into a "
                  "multi-view generator. Our adapter enhances T2I models without retraining.")
    assert "Text-to-image generation" not in found
    assert "Text-to-video generation" not in tasks(
        "Our segmenter is trained from a text-to-video model and tracks objects well.",
        title="Adapting Pretrained Text-to-Video Transformers for Tracking")
    # A task the paper also names as such stays, and so do models of the task itself.
    assert "Text-to-image generation" in tasks(
        "We fine-tune a pretrained text-to-image model and evaluate text-to-image "
        "generation on three benchmarks.")
    assert "Text-to-image generation" in tasks(
        "Modern text-to-image models are slow. We train a faster text-to-image model.")


def test_a_verb_that_takes_a_task_is_no_part_of_its_name():
    # "to conduct image segmentation" names image segmentation, like "to perform".
    found = tasks("We repurpose a plain ViT to conduct image segmentation with few changes. "
                  "Image segmentation then needs no decoder.")
    assert "Image segmentation" in found and not any(t.startswith("Conduct") for t in found)


def test_a_category_of_tasks_is_not_a_task():
    # "dense prediction" groups segmentation, depth and the like (a category, as "vision
    # tasks" are); the tasks listed are the paper's.
    for abstract in ("Our backbone serves high-resolution dense prediction tasks well.",
                     "Our backbone improves dense prediction on three benchmarks."):
        assert not any("dense prediction" in t.lower()
                       for t in tasks(abstract, title="A Backbone for Vision"))


def test_recent_task_names_are_in_the_lexicon():
    # Red teaming, jailbreaking, theory of mind (Papers with Code tasks), tool use and
    # punctuation prediction (TDMSci), named once.
    assert "Red teaming" in tasks("We present Zorb, a system for automated red teaming of LLMs.")
    assert "Theory of mind" in tasks("We test whether LLMs have a higher-order theory of mind.")
    assert "Tool use" in tasks("Zorb is a benchmark for omni-modal tool use by agents.")


def test_a_suffix_attached_to_a_name_is_the_names_not_the_tasks():
    found = tasks("FireZorb is a BERT-style punctuation prediction module. It reaches 78.9% F1 "
                  "on punctuation prediction.")
    assert found == {"Punctuation prediction"}


def test_a_task_the_source_lists_agree_on_needs_no_further_evidence():
    # "Intent Detection": Papers with Code lists it and a leaderboard reports on it
    # (scripts/lexicon-curation/tasks_confirmed.tsv); named once, it is the paper's task.
    assert tasks("Quux reads utterances and handles intent detection for cars.") == {
        "Intent detection"}
    # "Human Detection" is only listed, never reported on: it still needs evidence.
    assert tasks("Quux reads photos and handles human detection for cameras.") == set()
    assert tasks("Quux handles human detection. Human detection is hard.") == {
        "Human detection"}


def test_a_task_named_as_a_future_avenue_is_background():
    assert tasks("Quux opens up promising avenues for intent detection in cars.") == set()
    assert tasks("Quux paves the way for intent detection in cars.") == set()


def test_a_modifier_saying_where_the_data_came_from_narrows_the_task():
    # A trusted "Text Detection" tail does not swallow what the text is.
    assert tasks("Quux handles machine-generated text detection for essays.") == {
        "Machine-generated text detection"}


def test_the_task_lists_heads_end_task_phrases_too():
    # Heads that end many task names of the task lists ("... Adaptation", "... Clustering",
    # "... Customization", "... Interpretability") end the paper's task phrases as well.
    assert tasks("We study zorb customization. Zorb customization is hard.") == {
        "Zorb customization"}
    assert tasks("Glorp clustering is slow.", title="Fast Glorp Clustering") == {
        "Glorp clustering"}
    # Weak ones ("adaptation", "transfer", "regression", "ranking", "mapping") need more
    # than a repeat: the title, a task word, ...
    assert tasks("We study zorb adaptation. Zorb adaptation is hard.") == set()
    assert tasks("We study zorb adaptation.", title="Zorb Adaptation for Blips") == {
        "Zorb adaptation"}
    # "transfer learning" is a learning setting, not a transfer task.
    assert "Glorp transfer" not in tasks("We study glorp transfer learning.",
                                         title="Glorp Transfer Learning for Blips")


def test_a_turn_count_narrows_no_task():
    from kg.extract.tasks import _adjectival, _rules

    assert _adjectival("long-turn", _rules()) and _adjectival("multi-turn", _rules())


def test_a_task_the_paper_defines_with_an_acronym_keeps_its_words():
    # "Zero-Shot" would be left out as a setting; the acronym says it is part of the name,
    # and the title's words then name that task, not a shorter one.
    abstract = ("We define a new problem: Zero-Shot Glorp Transfer (ZeGT). The core of ZeGT "
                "is hard.")
    assert tasks(abstract, title="Zero-Shot Glorp Transfer") == {"Zero-shot glorp transfer"}
    assert tasks("We study Streaming Zorb Detection (SZD) on blips.") >= {
        "Streaming zorb detection"}
    # A system named so is no task ("... (AGC) architecture").
    assert "Advanced glorp control" not in tasks(
        "We present the Advanced Glorp Control (AGC) architecture for blips.")
