"""One test (or a few) per extraction mechanism, on short synthetic sentences."""

from __future__ import annotations

import pytest

from kg.extract.pipeline import COMPONENTS, build_pipeline, extract, extract_one
from kg.model import Paper


def run(abstract: str, title: str = "A Study of Things"):
    return extract_one(Paper("p", title, abstract))


def labels(extraction, type_=None, role=None) -> set[str]:
    return {m.label for m in extraction.mentions
            if (type_ is None or m.type == type_) and (role is None or role in m.roles)}


def methods(text, **kw):
    return labels(run(text, **kw), "method")


def baselines(text, **kw):
    return labels(run(text, **kw), "method", "baseline")


# ---------------------------------------------------------------- pipeline shape


def test_pipeline_is_blank_english_with_our_factories():
    nlp = build_pipeline()
    assert nlp.lang == "en"
    assert tuple(nlp.pipe_names) == COMPONENTS
    assert all(name.startswith("kg_") and name.endswith("_v1") for name in nlp.pipe_names)
    assert build_pipeline() is nlp  # built once


def test_spans_are_published_on_the_doc():
    nlp = build_pipeline()
    from kg.extract.pipeline import make_doc
    doc = nlp(make_doc(nlp, Paper("p", "T", "We fine-tune BERT on SQuAD.")).text)
    # Without the paper's title offsets the doc still gets its span groups.
    assert {s.kb_id_ for s in doc.spans["kg"]} >= {"BERT", "SQuAD"}


def test_extract_keeps_input_order():
    papers = [Paper(f"p{i}", f"Title {i}", "We use BERT.") for i in range(5)]
    assert [x.paper_id for x in extract(papers)] == [p.id for p in papers]


# ---------------------------------------------------------------- lexicon matching


@pytest.mark.parametrize("surface", ["GPT-4", "gpt-4", "GPT4", "GPT 4", "gpt4"])
def test_lexicon_ignores_case_and_hyphens(surface):
    assert "GPT-4" in methods(f"We prompt {surface} with a question.")


def test_lexicon_plurals_and_families():
    found = methods("Transformers and large language models (LLMs) use convolutional "
                    "neural networks and diffusion-based samplers.")
    assert {"Transformer", "Large language model", "CNN", "Diffusion model"} <= found


def test_an_llm_agent_is_the_llm_family_not_a_name():
    found = methods("We study LLM agents that write files. LLM agents forget.")
    assert "Large language model" in found
    assert not any("agent" in name.lower() for name in found)


def test_established_lower_case_techniques_are_methods():
    found = methods("We combine test-time scaling with mean pooling and influence functions.")
    assert {"Test-time scaling", "Mean pooling", "Influence functions"} <= found


def test_a_dated_preview_release_is_its_own_version():
    found = methods("Agents driven by o1-preview beat agents driven by o1.")
    assert {"o1-preview", "o1"} <= found


def test_a_name_ending_in_a_count_of_examples_is_a_dataset():
    x = run("We train QuillLM on Quill-Instruct-23k and test lengths of 1K-4K tokens.")
    assert labels(x, "dataset") == {"Quill-Instruct-23k"}


def test_a_name_in_brackets_after_its_class_noun_is_typed_by_it():
    x = run("The best 2024 method for unseen objects (QuillPose2.1) beats the best 2023 "
            "method (QRX7). Results on the hardest benchmark (QuillSet-H3) are low.")
    assert {"QuillPose2.1", "QRX7"} <= labels(x, "method")
    assert "QuillSet-H3" in labels(x, "dataset")


def test_a_gain_stated_on_a_name_makes_it_a_dataset():
    x = run("Training on our data gives +7% on QuillVP and +10% on Quill-Bench-3D, while "
            "keeping other skills.")
    assert {"QuillVP", "Quill-Bench-3D"} <= labels(x, "dataset")


def test_an_acronym_of_a_task_before_a_dataset_word_is_no_dataset():
    x = run("Text-to-Quill (T2Q) is a hard task. We extend a large T2Q dataset and test on two "
            "T2Q benchmarks.")
    assert "T2Q" not in labels(x, "dataset")


def test_list_items_with_a_score_in_brackets_keep_the_lists_type():
    x = run("Gains on benchmarks such as QuillEval (+10.2%), QRA (+7.6%), and IFEval (+12.3%).")
    assert {"QuillEval", "QRA"} <= labels(x, "dataset")


def test_a_series_of_a_model_is_the_model():
    assert "T5" in methods("Decoders read text better than T5-series encoders.")
    assert "T5-series" not in methods("Decoders read text better than T5-series encoders.")


def test_ar_vr_headsets_are_no_autoregressive_models():
    assert "Autoregressive model" not in methods("Scenes were recorded with AR/VR headsets.")


def test_a_protocol_is_a_method_head():
    found = methods("Judges read a structured QuillSheet protocol. We study the Quill "
                    "Translation Protocol as well.")
    assert {"QuillSheet", "Quill Translation Protocol"} <= found


def test_family_word_inside_a_name_also_tags_the_family():
    found = methods("We train a Diffusion Transformer on images.")
    assert {"DiT", "Transformer", "Diffusion model"} <= found


def test_name_glued_into_a_longer_name_is_not_the_short_name():
    found = methods("We build on QX-GPT for planning.")
    assert "GPT" not in found


def test_size_suffix_stays_with_the_model():
    x = run("We fine-tune Llama-2-7B and BART-base on our data.")
    assert {"Llama 2", "BART"} <= labels(x, "method")


def test_versions_stay_apart_within_a_paper():
    found = methods("We compare LLaMA and Llama 2, and GPT-3.5 with GPT-4.")
    assert {"LLaMA", "Llama 2", "GPT-3.5", "GPT-4"} <= found


@pytest.mark.parametrize("text", [
    "We report BLEU and FID on 8 NVIDIA GPUs.",
    "Results improve ROUGE-L and accuracy on summarization.",
])
def test_negatives_never_become_methods_or_datasets(text):
    x = run(text)
    assert not labels(x, "method") and not labels(x, "dataset")


def test_fid_metric_is_not_the_fid_model():
    assert "FiD" not in methods("Our model lowers FID by two points.")


# ---------------------------------------------------------------- acronyms


def test_acronym_definition_links_both_forms():
    x = run("We present Sparse Routing Memory (SRM), a module for long inputs. "
            "SRM halves the memory use.")
    srm = [m for m in x.mentions if m.label == "SRM"]
    assert {m.evidence.text for m in srm} >= {"Sparse Routing Memory", "SRM"}
    assert any("Sparse Routing Memory" in m.aliases for m in srm)


def test_acronym_of_a_task_is_not_a_method():
    x = run("Neural Machine Translation (NMT) and Robotic Process Automation (RPA) are hard.")
    assert not labels(x, "method")


def test_acronym_defined_in_paper_overrides_a_different_lexicon_meaning():
    x = run("We enter the Simultaneous Speech Translation (SST) task. Our SST system is fast.")
    assert "SST" not in labels(x, "dataset")


def test_name_first_definition():
    x = run("We call the result QuarkNet (Query Aware Retrieval Kernel Network) here.")
    assert any(m.label == "QuarkNet" and "Query Aware Retrieval Kernel Network" in m.aliases
               for m in x.mentions)


# ---------------------------------------------------------------- proposals


def test_title_name_before_colon_is_proposed():
    x = run("Zorblax improves throughput.", title="Zorblax: Fast Inference for Everyone")
    assert "Zorblax" in labels(x, "method", "proposed")


def test_title_before_colon_that_is_no_name_is_not_proposed():
    x = run("We study scaling.", title="Scaling Laws Are Not Enough: A Study")
    assert not labels(x, role="proposed")


@pytest.mark.parametrize("sentence", [
    "In this paper, we propose Quokka, a simple framework for retrieval.",
    "We introduce Quokka to make retrieval cheaper.",
    "This paper presents Quokka, which retrieves passages.",
    "We develop a novel approach, Quokka, for retrieval.",
    "We train a retriever, termed Quokka, on web data.",
])
def test_propose_cues(sentence):
    assert "Quokka" in labels(run(sentence), "method", "proposed")


def test_proposed_benchmark_is_a_dataset():
    x = run("We also introduce TrivBench, a new benchmark for temporal reasoning.")
    assert "TrivBench" in labels(x, "dataset", "proposed")


def test_lowercase_name_echoing_the_title_is_proposed():
    x = run("We address this by proposing prompt weaving, a new prompting paradigm.",
            title="Prompt Weaving for Language Models")
    assert any(label.lower() == "prompt weaving" for label in labels(x, role="proposed"))


# ---------------------------------------------------------------- unseen names


@pytest.mark.parametrize("name", ["LLaMAntino", "ZetaGen-Σ", "qT7", "Vortex-3.5"])
def test_name_shapes_typed_by_model_context(name):
    assert name in methods(f"We fine-tune the {name} model on our data.")


def test_context_types_an_unseen_benchmark():
    x = run("Results on the QuuxQA benchmark and the ZorbData dataset improve.")
    assert {"QuuxQA", "ZorbData"} <= labels(x, "dataset")


def test_name_shape_without_any_cue_is_left_out():
    assert not methods("We thank the XYZW consortium.")


def test_names_in_a_list_share_the_type_of_the_first():
    x = run("It beats recent methods such as BERT, ZorpNet, and QuaxFormer on all tasks.")
    assert {"ZorpNet", "QuaxFormer"} <= labels(x, "method")


# ---------------------------------------------------------------- comparisons


@pytest.mark.parametrize("sentence", [
    "Our model outperforms RoBERTa on every task.",
    "Compared with RoBERTa, our model is smaller.",
    "Our model is 3x faster than RoBERTa.",
    "We obtain a 2.1x speedup over RoBERTa.",
    "Our model matches RoBERTa while using half the parameters.",
    "Our model is only 0.5 points behind RoBERTa.",
    "Our small model reaches RoBERTa-level accuracy.",
    "We evaluate against RoBERTa and find large gains.",
    "Our method surpasses strong baselines such as RoBERTa.",
    "Our small model competes with RoBERTa on every task.",
])
def test_comparison_cues_make_baselines(sentence):
    assert "RoBERTa" in baselines(sentence)


@pytest.mark.parametrize("sentence", [
    "Unlike RoBERTa, our model needs no pre-training.",
    "Although RoBERTa performs well, it is slow.",
    "RoBERTa suffers from long inputs.",
    "We build on RoBERTa rather than training from scratch.",
    "Training takes over two days with RoBERTa.",
])
def test_contrast_or_mention_is_not_comparison(sentence):
    assert "RoBERTa" not in baselines(sentence)


def test_the_proposed_system_is_never_its_own_baseline():
    x = run("We introduce Quokka. Quokka is faster than Quokka-small and BERT.")
    assert "Quokka" not in labels(x, "method", "baseline")
    assert "BERT" in labels(x, "method", "baseline")


def test_every_name_in_a_compared_list_is_a_baseline():
    assert {"BERT", "RoBERTa", "T5"} <= baselines(
        "Our model outperforms BERT, RoBERTa, and T5 on GLUE.")


# ---------------------------------------------------------------- modalities


@pytest.mark.parametrize("text,expected", [
    ("A model for text-to-image generation.", {"text", "image"}),
    ("We improve image captioning.", {"image", "text"}),
    ("We study speech recognition for low-resource settings.", {"speech", "text"}),
    ("A video diffusion model.", {"video"}),
])
def test_modality_cues_and_compounds(text, expected):
    assert expected <= labels(run(text), "modality")


def test_code_availability_is_not_the_code_modality():
    assert "code" not in labels(run("Our code is available on GitHub."), "modality")


# ---------------------------------------------------------------- evidence


def test_evidence_spans_point_into_title_or_abstract():
    paper = Paper("p", "Zorblax: Faster Text-to-Image Diffusion",
                  "We propose Zorblax. It outperforms Stable Diffusion on COCO by 2 FID.")
    x = extract_one(paper)
    assert x.mentions
    for m in x.mentions:
        ev = m.evidence
        source = paper.title if ev.field == "title" else paper.abstract
        assert source[ev.start:ev.end] == ev.text
        assert ev.text and ev.rule and ev.sentence
        assert ev.text in ev.sentence
        assert 0.0 < ev.confidence <= 1.0


def test_acronym_of_the_papers_own_name_without_parentheses():
    x = run("We call these models Wide and Sparse Routers. WSRs need little memory.",
            title="Wide & Sparse Routers: Cheap Experts")
    wsr = [m for m in x.mentions if m.evidence.text == "WSRs"]
    assert wsr and wsr[0].label == "Wide & Sparse Routers"


def test_final_full_stop_does_not_hide_a_name():
    assert "ADE20K" in labels(run("We report results on ADE20K."), "dataset")
    assert not labels(run("Our model reaches 50 mIoU."), "method")


def test_background_modality_is_dropped_when_the_paper_has_its_own():
    x = run("Autoregressive models achieved remarkable success in natural language "
            "processing. We apply them to image generation on ImageNet.")
    assert labels(x, "modality") == {"image"}


def test_contrast_clause_is_background_but_the_rest_of_the_sentence_is_not():
    x = run("Unlike prior image-to-video methods, our model turns speech into video.")
    assert {"speech", "video"} <= labels(x, "modality")
    assert "image" not in labels(x, "modality")


def test_background_only_paper_keeps_its_modalities():
    x = run("Transformers have reached striking success in natural language processing.")
    assert labels(x, "modality") == {"text"}


def test_acronym_typed_by_the_noun_after_it():
    x = run("We propose a Fast and Quiet Exiting (FAQE) framework for decoding.")
    assert "FAQE" in labels(x, "method", "proposed")


@pytest.mark.parametrize("title", [
    "Utilizing Transformers for Retrieval: A Survey",
    "Brain Captioning: Decoding Activity into Text",
    "A Distributional Approach: Controlled Generation",
])
def test_title_heads_that_are_no_names(title):
    words = title.split(":")[0]
    x = run(f"We study {words.lower()} and {words} in depth.", title=title)
    assert not labels(x, role="proposed")


def test_progress_is_reported_per_paper_in_the_first_pass():
    seen = []
    papers = [Paper(f"p{i}", "T", "We use BERT.") for i in range(3)]
    result = list(extract(papers, progress=seen.append))
    assert seen == [1, 1, 1] and len(result) == 3


def test_lexicon_name_with_a_glued_size_suffix():
    x = run("We distil into TinyLlama-1.1B and compare with DiT-XL-2.")
    assert {"TinyLlama", "DiT"} <= labels(x, "method")


def test_known_name_is_proposed_only_as_the_object_of_the_cue():
    assert "Llama 2" in labels(run("We present Llama 2, a family of chat models."),
                               role="proposed")
    assert not labels(run("We present GPT-4 evaluations on exams."), role="proposed")
    assert not labels(run("We propose a BERT-based ranker for search."), role="proposed")


def test_a_negative_word_inside_a_proposed_name_does_not_veto_it():
    x = run("We present a novel Less Glorp Vision Transformer (LGVT) for images.")
    assert "LGVT" in labels(x, "method", "proposed")


def test_capitalised_name_before_a_dataset_word_is_a_dataset():
    x = run("Results on the Quiet Forest Reasoning benchmark and the Zorbo corpus improve.")
    assert {"Quiet Forest Reasoning", "Zorbo"} <= labels(x, "dataset")


@pytest.mark.parametrize("text", [
    "Audio at 16 kHz and 44 kHz is resampled.",
    "An IO-aware kernel; the IO-aware design helps.",
    "We report the CI and the CI width.",
])
def test_repeated_shapes_that_are_no_names(text):
    assert not methods(text)


def test_comparison_in_the_title():
    x = run("We scale it up.", title="Autoregressive Models Beat Diffusion Models at Scale")
    assert "Diffusion model" in labels(x, "method", "baseline")


def test_roles_carry_the_rule_that_gave_them():
    x = run("We present Llama 2, a family of chat models. It outperforms RoBERTa.")
    baseline = [m for m in x.mentions if m.label == "RoBERTa" and "baseline" in m.roles]
    assert baseline and baseline[0].evidence.rule == "comparison:outperforms"
    proposed = [m for m in x.mentions if m.label == "Llama 2" and "proposed" in m.roles]
    assert proposed and proposed[0].evidence.rule == "propose-cue"


def test_multiword_dataset_names_match_in_the_singular():
    assert "Natural Questions" in labels(run("EM improves on Natural Question."), "dataset")


def test_special_tokens_are_no_names():
    assert not methods("The CLS token and the DIST token; DIST tokens attend to CLS tokens.")


def test_field_introduction_in_present_perfect_is_background():
    x = run("Diffusion models have shown great results on images and audio. "
            "We adapt them to text generation.")
    assert labels(x, "modality") == {"text"}


def test_a_paper_own_name_in_lower_case_starts_a_sentence():
    x = run("It simulates the digital world. bGPT matches specialised models on audio.")
    assert "audio" in labels(x, "modality")


def test_baselines_listed_after_a_colon():
    assert {"BERT", "RoBERTa"} <= baselines(
        "We compare against two strong baselines: BERT and RoBERTa.")


# ---------------------------------------------------------------- generalisation mechanisms


def test_a_negative_word_is_no_veto_inside_a_longer_hyphenated_name():
    found = run("We introduce EEG-Quill, an adapted tokenizer for signals.")
    assert "EEG-Quill" in labels(found, "method", "proposed")
    title = run("We study tokenizers.", title="EEG-Quill: A Tokenizer for Signals")
    assert "EEG-Quill" in labels(title, "method", "proposed")
    # A lower-case tail is still no name ("GPU-days").
    assert not methods("Training takes 40 GPU-days on our cluster.")
    assert not labels(run("We test on the English-German dataset."), "dataset")


@pytest.mark.parametrize("sentence", [
    "We call our simple recipe Quillet and show that it scales.",
    "We name this approach Quillet.",
    "The result is a method which we call Quillet.",
    "We build a method named Quillet.",
])
def test_naming_verb_with_its_object_before_the_name(sentence):
    assert "Quillet" in labels(run(sentence), "method", "proposed")


@pytest.mark.parametrize("sentence", [
    "Human raters report fewer omissions and mistranslated named entities.",
    "Our tagger handles named entity recognition in noisy text.",
    "The agent tracks named objects and places across frames.",
    "We study so-called hallucinations in long answers.",
])
def test_adjective_named_and_so_called_are_no_naming_cues(sentence):
    assert not labels(run(sentence), role="proposed")
    assert not labels(run(sentence), "method")


def test_named_before_a_capitalised_plural_name_still_names():
    assert "Quills" in labels(run("We build a tool named Quills."), "method", "proposed")


def test_naming_verb_without_a_name_proposes_nothing():
    assert not labels(run("We call for BERT to be retired."), role="proposed")


def test_acronym_defined_after_the_proposal_object_is_proposed():
    found = run("We propose a novel weight family, the Stacked Quill-Lattice (SQL2), which is "
                "better than dense weights. SQL2 matches dense layers.")
    assert labels(found, "method", "proposed") == {"SQL2"}
    proposed = [m for m in found.mentions if "proposed" in m.roles]
    assert "Stacked Quill-Lattice" in proposed[0].aliases
    typed = run("We propose a simplified sparse attention (SSA) module that is fast.")
    assert "SSA" in labels(typed, "method", "proposed")


def test_acronym_after_a_verb_phrase_is_not_proposed():
    found = run("We propose to improve Stacked Quill-Lattice (SQL2) with noise.")
    assert not labels(found, role="proposed")


@pytest.mark.parametrize("sentence, expected", [
    ("Our model compares favorably to Mamba.", {"Mamba"}),
    ("We compare our model with Mamba and RWKV.", {"Mamba", "RWKV"}),
    ("Our model is outperformed by GPT-4 on hard tasks.", {"GPT-4"}),
    ("Mamba is outperformed by our model.", {"Mamba"}),
    ("Quillet is a strong model, rivalling Mamba on many tasks.", {"Mamba"}),
    ("Our model is 2.4ms faster than that of Mamba.", {"Mamba"}),
    ("Our approach outperformed a previously developed reading comprehension (RC) model, "
     "Quill-RC, on extraction.", {"Quill-RC"}),
])
def test_comparison_cue_coverage(sentence, expected):
    assert baselines(sentence) == expected


def test_fronted_comparison_ends_before_the_main_clause():
    # The subject after the fronted phrase is the paper's own, not a baseline.
    assert baselines("In comparison to top-k and nucleus sampling, quill sampling gives "
                     "better quality.") == {"Nucleus sampling", "Top-k sampling"}
    assert baselines("Compared to GPT-4, Mamba is slower.") == {"GPT-4"}
    assert baselines("Compared to diffusion models, such as DALL-E 2 and Imagen, Quillet is "
                     "faster.") == {"Imagen", "DALL-E 2", "Diffusion model"}


def test_coordinated_word_shares_the_head_of_a_multiword_name():
    assert {"Nucleus sampling", "Top-k sampling"} <= methods(
        "We decode with nucleus and top-k sampling.")
    assert "Nucleus sampling" not in methods("We decode with greedy and top-k sampling.")


def test_hyphenated_variant_of_a_known_model_and_our_name():
    found = run("Our QUIL-Swin obtains 83% accuracy, 2ms less than that of Flatten-Swin.")
    assert labels(found, "method") >= {"QUIL-Swin", "Flatten-Swin"}
    assert labels(found, "method", "baseline") == {"Flatten-Swin"}
    assert labels(found, "method", "proposed") == {"QUIL-Swin"}


@pytest.mark.parametrize("sentence", [
    "We introduce a new detection metric, Quill Influence (QI), to rank blocks.",
    "We term this task elements-to-quill (E2Q), a hard one.",
    "We propose a combination of rotary positional encoding (RoPE) and noise.",
])
def test_definitions_after_a_proposal_cue_that_are_no_proposals(sentence):
    assert not labels(run(sentence), role="proposed")


def test_proposed_name_whose_head_is_a_task_word_but_defines_an_acronym():
    found = run("We present Joint Quill Agreement via Switched Back-translation (JQA-SBT), a "
                "novel framework for tuning. JQA-SBT is fast.")
    assert "JQA-SBT" in labels(found, "method", "proposed")


def test_slash_joined_names_are_two_names():
    assert {"OPT", "BLOOM"} <= methods("It lets one serve OPT-175B/BLOOM on one small machine.")


def test_comparison_reported_from_other_work_is_background():
    assert not baselines("Recent models have achieved strong quality compared to Mamba.")
    assert baselines("Our models have achieved strong quality compared to Mamba.") == {"Mamba"}
    # Once the paper speaks of its own work, a present perfect result is its own.
    assert baselines("We transfer XLNet. XLNet has achieved 80% F1 outperforming BERT.") == {
        "BERT"}


@pytest.mark.parametrize("sentence, expected", [
    ("Quillet surpasses open models as well as closed commercial models including "
     "DALL-E 3, Midjourney and Imagen.", {"DALL-E 3", "Midjourney", "Imagen"}),
    ("Quillet reaches 90%, surpassing GPT-4 by 3 points and Claude 3 by 5 points.",
     {"GPT-4", "Claude 3"}),
    ("Quillet outperforms previous state-of-the-art open models such as Mamba, RWKV, Hyena, "
     "and RetNet.", {"Mamba", "RWKV", "Hyena", "RetNet"}),
])
def test_every_item_of_a_compared_list_is_a_baseline(sentence, expected):
    assert baselines(sentence) == expected


def test_capitalised_items_after_a_class_word_and_colon():
    found = run("We report gains on three benchmarks: Quill Talks, Fable, and Europarl.")
    assert labels(found, "dataset") == {"Quill Talks", "Fable", "Europarl"}
    # A structured-abstract heading is no list.
    assert not labels(run("Methods: We trained a model. Results: It works."), "method")


@pytest.mark.parametrize("sentence, expected", [
    ("Our method, Quillify, reduces cost by half.", {"Quillify"}),
    ("Our proposed Quillify algorithm reduces cost.", {"Quillify"}),
    ("We propose a method (Quillify) that reduces cost.", {"Quillify"}),
    ("Here we describe Quill-7B, an open model trained on web data.", {"Quill-7B"}),
    ("We propose QuillGen and QuillEval for text generation.", {"QuillGen", "QuillEval"}),
    ("Our BERT model reduces cost.", set()),
    ("This paper describes the Quillstone - NLP team's system for the task.", set()),
])
def test_own_names_and_coordinated_proposals(sentence, expected):
    assert labels(run(sentence), role="proposed") == expected


@pytest.mark.parametrize("sentence", [
    "Quillet excels over StyleGAN on faces.",
    "Our approach is superior over prior detectors, e.g., YOLO, on COCO.",
])
def test_over_after_a_word_of_advantage(sentence):
    assert baselines(sentence) in ({"StyleGAN"}, {"YOLO"})


def test_a_stop_word_acronym_does_not_make_a_title_head_a_name():
    found = run("We extend a toolkit.", title="Generative AI for Quill Imaging: A Toolkit")
    assert not labels(found, role="proposed")


@pytest.mark.parametrize("sentence, expected", [
    ("Quillet reaches GPT-4 level performance on math.", {"GPT-4"}),
    ("Quillet achieves 95% of GPT-4's performance.", {"GPT-4"}),
    ("Quillet achieves 3.1 FID, improving upon Mamba (4.5) and RWKV (4.1).", {"Mamba", "RWKV"}),
])
def test_level_share_and_improving_upon_comparisons(sentence, expected):
    assert baselines(sentence) == expected


def test_a_level_model_is_no_comparison():
    assert not baselines("We use a 34B GPT-4 level model as a running example.")


def test_x_in_an_acronym_stands_for_cross():
    found = run("We propose Cross-Domain Quill Learning (XDQL), in which weights are shared.")
    assert "XDQL" in labels(found, "method", "proposed")
    assert not labels(run("We study Quill Domain Learning (XDQL) here."), role="proposed")


@pytest.mark.parametrize("sentence, expected", [
    ("The encoder is trained contrastively on pairs.", "Contrastive learning"),
    ("A pointing mechanism copies input spans.", "Pointer network"),
    ("Token-level early exiting saves compute.", "Early exit"),
    ("We compare nearest-neighbor retrieval on toy tasks.", "Nearest neighbor"),
    ("A Beta mixture model sets the thresholds.", "Beta mixture model"),
])
def test_established_component_names(sentence, expected):
    assert expected in methods(sentence)


def test_k_nearest_neighbors_stays_its_own_entry():
    assert methods("We add k-nearest neighbors search.") >= {"k-nearest neighbors"}
    assert "Nearest neighbor" not in methods("We add k-nearest neighbors search.")


@pytest.mark.parametrize("title, expected", [
    ("Depth-Gated Transformer", {"Depth-Gated Transformer"}),
    ("Locally Quilted Sampling", {"Locally Quilted Sampling"}),
    ("Quilted Language Models", set()),  # a plural head names a class, not a method
    ("Towards Quilted Sampling", set()),  # a generic title word
    ("Large Language Models", set()),  # a family
    ("Decoding-based Regression", set()),  # an attached modifier, no name
])
def test_a_short_capitalised_title_is_the_proposed_name(title, expected):
    found = run("We study how models decide when to stop.", title=title)
    assert labels(found, "method", "proposed") == expected


def test_fronted_for_x_with_a_stated_speedup_is_a_comparison():
    text = ("We propose Quillet, a sampler. For Mamba, Quillet gives a 4.2x speed-up "
            "with equal quality.")
    assert baselines(text) == {"Mamba"}
    # No speed-up stated, or nothing of the paper's own: no comparison.
    assert not baselines("We propose Quillet. For Mamba, Quillet needs two passes.")
    assert not baselines("For Mamba, kernels give a 4.2x speed-up on long inputs.")


def test_named_lowercase_modifier_before_a_shaped_name():
    found = run("We add a novel step called switched QT that writes new text.")
    assert labels(found, "method", "proposed") == {"switched QT"}
    # A stop name after the modifier: no coined name.
    assert not labels(run("A layer named gated MLP, which helps."), role="proposed")


def test_plain_attention_is_a_method_only_when_compared():
    found = run("Our kernel needs fewer memory reads than standard attention.")
    assert labels(found, "method", "baseline") == {"Standard attention"}
    assert not methods("We use full attention in every layer.")
    assert not methods("Unlike vanilla attention, our layer is sparse.")


@pytest.mark.parametrize("sentence, kind", [
    # The head is the compound's last class noun, not its first.
    ("We propose ZorbRet, a heterogeneous tool retrieval benchmark comprising tasks.",
     "dataset"),
    ("We propose QuuxArc, an agent evaluation suite with logs.", "dataset"),
    ("We present QuuxDD, a dataset distillation method for small devices.", "method"),
    ("We introduce Blorpkit, a benchmark analysis toolkit built on it.", "method"),
    # A closing quote before the comma.
    ('We propose "Quill Stone", the first bilingual benchmark for finance.', "dataset"),
    ("We propose \u201cQuill Stone\u201d, a compact model for finance.", "method"),
])
def test_the_apposition_head_is_the_last_class_noun(sentence, kind):
    assert labels(run(sentence), kind, "proposed"), sentence


def test_the_first_pass_runs_with_the_cycle_collector_paused(monkeypatch):
    """The pipeline makes no cycles worth collecting; each full collection would walk
    every object of the process, so the first pass pauses the collector and restores it."""
    import gc

    from kg.extract import pipeline

    seen = []
    monkeypatch.setattr(pipeline, "pending_links",
                        lambda paper, findings: seen.append(gc.isenabled()) or [])
    assert gc.isenabled()
    pipeline.first_pass([Paper("p1", "Tiny: A Test", "We fine-tune BERT on SQuAD.")])
    assert seen == [False] and gc.isenabled()


# ---------------------------------------------------------------- output bugs (issue 9)


def test_a_possessive_ending_an_acronym_long_form_is_no_part_of_the_name():
    # "Quill Glorp Models' (QGMs) behaviour": the long form is "Quill Glorp Models".
    found = run("We study Quill Glorp Models' (QGMs) behaviour on long inputs. "
                "QGMs forget quickly.")
    names = labels(found, "method")
    assert names and not any(n.endswith(("'", "’", "'s")) for n in names)
    aliases = {a for m in found.mentions for a in m.aliases}
    assert not any(a.endswith(("'", "’")) for a in aliases)


def test_an_operator_macro_that_lost_its_backslash_reads_as_its_symbol():
    # arXiv abstracts often keep "QUILL$\cdot$V" as "QUILLcdotV"; the title has the math.
    found = run("We present QUILLcdotV, a glorp framework for video. QUILLcdotV is fast.",
                title=r"QUILL$\boldsymbol{\cdot}$V: Fast Glorp Video")
    assert labels(found, "method", "proposed") == {"QUILL·V"}
    assert not any("cdot" in m.label or "cdot" in " ".join(m.aliases) for m in found.mentions)
    # evidence stays an exact slice of the stored abstract
    evidence = [m.evidence for m in found.mentions if m.evidence.field == "abstract"
                and "QUILL" in m.evidence.text]
    assert evidence and all(e.text == "QUILLcdotV" for e in evidence)


def test_a_symbol_in_a_lexicon_name_is_not_dropped_to_match_a_word():
    # The leaderboard dataset "Company*" is no "company".
    found = run("Our company builds tables, and every company shares them.")
    assert "Company*" not in labels(found, "dataset")
    assert "Company*" in labels(run("We report AUC on Company* for click prediction."),
                                "dataset")


def test_a_proper_possessive_inside_a_capitalised_task_name_stays_in_it():
    found = run("We map roads from cameras.",
                title="Empowering Bird's Eye View Mapping with Quills")
    assert "Bird's eye view mapping" in labels(found, "task")
    assert "Eye view mapping" not in labels(found, "task")
    # An owner of something else is no part: "Quillcorp's image generation".
    found = run("We study Quillcorp's image generation.")
    assert not any("Quillcorp" in t for t in labels(found, "task"))


def test_a_capital_with_a_power_glued_on_is_a_name_not_an_article():
    found = run("We present A^2QZ, a glorp architecture for long videos. A^2QZ is fast.",
                title="A^2QZ: Glorps for Long Videos")
    assert labels(found, "method", "proposed") == {"A^2QZ"}


def test_a_capitalised_x_of_before_a_coined_names_letters_opens_its_long_form():
    # "Quorn" spells Q-u-o-r-n from "Quill ... Routers"; "Quagmire of" opens the name.
    found = run("We introduce Quagmire of Unruly Oblong Routers for Networks (Quorn) architecture, "
                "which routes glorps.", title="Quorn: Routers for Glorps")
    names = {n for m in found.mentions for n in (m.label, *m.aliases)}
    assert "Unruly Oblong Routers for Networks" not in names
    assert "Quagmire of Unruly Oblong Routers for Networks" in names


def test_a_word_capitalised_inside_to_spell_an_acronym_is_no_name():
    found = run("In this paper, we introduce a novel gLorping quill modEl framework for text, "
                "which we call GLQ. Glorping is hard.", title="Glorping Quill Models for Text")
    assert not labels(found, "method") & {"gLorping", "modEl"}
    assert "GLQ" in labels(found, "method", "proposed")


def test_the_class_noun_a_proposed_name_is_apposed_to_types_it():
    # "a novel architecture, X": a method, whatever data words follow in the sentence.
    found = run("We introduce a novel architecture, QuiLaD, which utilizes a split encoder. "
                "QuiLaD achieves the best scores on the MS COCO dataset with 38.2 BLEU.",
                title="QuiLaD: Are Glorps Inferior for Captioning?")
    assert "QuiLaD" in labels(found, "method", "proposed")
    assert "QuiLaD" not in labels(found, "dataset")


def test_a_variant_of_the_papers_dataset_named_by_a_method_noun_is_a_method():
    found = run("We introduce QuillSet, a large style dataset. With QuillSet, we fine-tune a "
                "style encoder QuillSet-Encoder and a generator QuillSet-Turbo.",
                title="QuillSet: A Scalable Style Dataset")
    assert "QuillSet" in labels(found, "dataset", "proposed")
    assert "QuillSet-Encoder" in labels(found, "method")
    assert "QuillSet-Encoder" not in labels(found, "dataset")
