"""The lexicons: built reproducibly from their sources, consistent, and matched as documented."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from kg.extract.lexicon import (
    LEXICON_FILES,
    LexiconFile,
    load_lexicon,
    name_key,
    read_lexicons,
)
from kg.extract.lexicon_matcher import fold, name_forms
from kg.extract.pipeline import extract_one
from kg.model import Paper

REPO = Path(__file__).resolve().parents[2]
LEXICONS = REPO / "schemas" / "lexicons"
SOURCES = REPO.parent / "shared" / "lexicon-sources"
BUILT = [spec.filename for spec in LEXICON_FILES]


def _builder():
    spec = importlib.util.spec_from_file_location("build_lexicons",
                                                  REPO / "scripts" / "build_lexicons.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _records(filename: str) -> list[dict]:
    with open(LEXICONS / filename, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


@pytest.fixture(scope="module")
def builder():
    return _builder()


# ---------------------------------------------------------------- reproducible build


def test_committed_lexicons_equal_the_build(builder):
    if not SOURCES.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but the lexicon sources are missing at {SOURCES}")
        pytest.skip(f"lexicon sources not found at {SOURCES}")
    texts, _ = builder.build(SOURCES)
    assert sorted(texts) == sorted(BUILT)
    for name, text in texts.items():
        committed = (LEXICONS / name).read_text(encoding="utf-8")
        assert committed == text, f"{name} differs from the build: run `make lexicons`"


def _confirmer():
    spec = importlib.util.spec_from_file_location(
        "confirm_tasks", REPO / "scripts" / "lexicon-curation" / "confirm_tasks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_confirmed_tasks_equal_their_sources_and_mark_the_lexicon():
    confirm = _confirmer()
    rules = {"task_heads": ["tracking", "detection", "reasoning"],
             "task_weak_heads": ["reasoning"], "task_generic_modifiers": ["efficient"]}
    assert confirm.confirmable("Glorp Tracking", rules)
    # One word, a weak head, only generic modifiers, a step of a system, no activity head.
    for name in ("Tracking", "Glorp Reasoning", "Efficient Detection", "Answer Detection",
                 "Glorp Making"):
        assert not confirm.confirmable(name, rules), name
    if not SOURCES.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but the lexicon sources are missing at {SOURCES}")
        pytest.skip(f"lexicon sources not found at {SOURCES}")
    committed = confirm.OUTPUT.read_text(encoding="utf-8")
    assert committed == confirm.render(confirm.confirmed(SOURCES)), \
        "tasks_confirmed.tsv differs from its sources: run confirm_tasks.py"
    keys = confirm.read_confirmed()
    for record in _records("tasks.jsonl"):
        names = {name_key(n) for n in (record["label"], *record["aliases"])}
        marked = "curated" not in record["sources"] and bool(names & keys)
        assert bool(record.get("confirmed")) == marked, record["label"]


# ---------------------------------------------------------------- invariants


def test_no_name_belongs_to_two_entries():
    owners = defaultdict(set)
    ambiguous = set()
    for filename in BUILT:
        for record in _records(filename):
            entry = (filename, record["label"])
            if record.get("ambiguous"):
                ambiguous.add(entry)
            for name in (record["label"], *record["aliases"]):
                owners[name_key(name)].add(entry)
    shared = {key: entries for key, entries in owners.items() if len(entries) > 1}
    # The one exception: true homonyms that are both matched only in their exact case.
    assert all(entries <= ambiguous for entries in shared.values()), shared


def test_every_entry_is_sorted_clean_and_has_its_provenance():
    known_sources = {p.name for p in SOURCES.glob("*.tsv")} if SOURCES.is_dir() else None
    families = {r["label"] for r in _records("families.jsonl")}
    for filename in BUILT:
        records = _records(filename)
        labels = [r["label"] for r in records]
        assert labels == sorted(labels, key=lambda label: (label.casefold(), label)), filename
        for record in records:
            names = [record["label"], *record["aliases"]]
            assert all(n and n == n.strip() for n in names), record
            assert record["sources"], record
            if known_sources is not None:
                assert set(record["sources"]) <= known_sources | {"curated"}, record
            assert set(record.get("exact_case", ())) <= set(names), record
            assert record.get("context") in (None, "cue", "acronym"), record
            assert set(record.get("implies", ())) <= families, record
            if filename == "metrics.jsonl":
                assert record["direction"] in ("higher", "lower"), record


def test_metrics_carry_direction_and_unit():
    metrics = {r["label"]: r for r in _records("metrics.jsonl")}
    assert metrics["FID"]["direction"] == "lower"
    assert metrics["BLEU"]["direction"] == "higher"
    assert any(r.get("unit") == "%" for r in metrics.values())
    assert any(r.get("unit") == "dB" for r in metrics.values())
    # A qualifier is no unit: "AP(s)" is small objects, "FLOPs (M)" millions.
    assert metrics["AP"].get("unit") == "%" and "unit" not in metrics["FLOPs"]
    physical = {"s", "ms", "h", "m", "cm", "mm"}
    assert not [label for label, r in metrics.items() if r.get("unit") in physical
                and any(w in label.lower().split() for w in ("ap", "f1", "accuracy"))]


def test_tasks_and_metrics_block_names_until_their_types_exist():
    entries = {(e.label, e.kind): e for e in load_lexicon() if e.kind in ("task", "metric")}
    assert entries and {e.type for e in entries.values()} == {"negative"}
    # Typing them is one column of LEXICON_FILES.
    typed = read_lexicons((LexiconFile("tasks.jsonl", "task"),))
    assert typed and {e.type for e in typed} == {"task"}


# ---------------------------------------------------------------- curation rules


def test_benchmark_variants_become_aliases_or_their_base(builder):
    assert builder.dataset_base("COCO test-dev") == ("COCO", True)
    assert builder.dataset_base("ImageNet 64x64") == ("ImageNet", False)  # no alias: a dataset
    assert builder.dataset_base("CIFAR-10, 250 Labels") == ("CIFAR-10", False)
    assert builder.dataset_base("Set5 - 2x upscaling") == ("Set5", False)
    assert builder.dataset_base("Kinetics-400") == ("Kinetics-400", False)


def test_source_debris_is_refused(builder):
    assert builder.clean("$\\alpha$-Net") is None
    assert builder.clean("Smith et al. (2018)") is None
    assert builder.clean("https://example.org/x") is None
    assert builder.clean("  Mixup  ") == "Mixup"
    assert builder.truncated(["Image Stitchi", "Image Stitching"]) == {"Image Stitchi"}


def test_english_word_policy(builder):
    assert "shape" in builder.english_forms("Shap-E", "methods")
    assert builder.english_forms("ImageNet", "datasets") == []
    assert builder.descriptive("Weight Decay") and not builder.descriptive("Mixup Regularizer")
    assert builder.generic_component("Center Pooling")
    assert not builder.generic_component("XCiT Layer")
    assert builder.acronym_split("Word Error Rate (WER)") == ("Word Error Rate", ["WER"])
    # The plural of an English word is English too ("meshes", "graphs"), not a rare word.
    assert builder.common_word("meshes") and builder.common_word("graphs")
    assert not builder.common_word("Plantae") and not builder.common_word("ImageNet")
    assert builder.english_forms("Meshes", "datasets") == ["meshes"]


def test_a_source_metric_that_opens_with_a_dataset_name_is_left_out(builder):
    datasets = {"QuillNet-1K", "Zorb"}
    assert builder.opens_with_dataset("QuillNet-1K Top-1 Accuracy", datasets)
    assert not builder.opens_with_dataset("Top-1 Accuracy", datasets)
    assert not builder.opens_with_dataset("zorb match accuracy", datasets)  # case matters
    curated = {n for r in _records("datasets.jsonl") if "curated" in r["sources"]
               for n in (r["label"], *r["aliases"])}
    for record in _records("metrics.jsonl"):
        if "curated" not in record["sources"]:
            assert not builder.opens_with_dataset(record["label"], curated), record["label"]
    found = _found("QuillNet reaches an ImageNet Top-1 Accuracy of 81.2%.")
    assert "ImageNet" in found["dataset"]


# ---------------------------------------------------------------- matching


def _found(text: str, title: str = "A Study") -> dict[str, set[str]]:
    found = defaultdict(set)
    for mention in extract_one(Paper("p", title, text)).mentions:
        found[mention.type].add(mention.label)
    return found


def test_fold_keeps_positions_and_unifies_blanks():
    text = "(GPT-4) and Llama\u20112"
    assert len(fold(text)) == len(text) + 1
    assert fold(text) == "  gpt 4  and llama 2"
    assert name_forms("Llama 2") == {"Llama 2", "Llama2"}


def test_an_english_word_inside_a_name_variant_does_not_match():
    assert "Shap-E" not in _found("We generate shapes and 3D shape priors.")["method"]
    assert "Shap-E" in _found("We compare with Shap-E on text-to-3D.")["method"]


def test_a_plain_word_name_needs_a_typing_cue():
    cue_entries = [e for e in load_lexicon() if e.context == "cue" and e.type == "dataset"]
    assert cue_entries
    name = cue_entries[0].label
    assert cue_entries[0].label not in _found(f"Results on {name} are shown.")["dataset"]
    assert cue_entries[0].label in _found(f"Results on the {name} dataset are shown.")["dataset"]


def test_versions_stay_apart_and_sizes_stay_with_the_name():
    found = _found("We fine-tune Llama2-7B and compare with GPT-4o and GPT-4.")["method"]
    assert {"Llama 2", "GPT-4"} <= found
    assert not any(label in found for label in ("LLaMA", "GPT"))


def test_a_tier_stays_with_its_version():
    # "Pro" is part of the name, as "Flash" is (GUIDELINES: versions stay apart)
    found = _found("We compare with Gemini Pro, Gemini-1.5-pro and Gemini 1.5 Flash.")["method"]
    assert {"Gemini Pro", "Gemini 1.5 Pro", "Gemini 1.5 Flash"} <= found
    assert not {"Gemini", "Gemini 1.5"} & found
    # a variant for another base model is another name (SDXL is not SD)
    assert "Hyper-SDXL" in _found("We compare with HYPER-SDXL.")["method"]


def test_a_large_audio_language_model_is_a_large_language_model_too():
    found = _found("Large audio language models still miss prosody.")["method"]
    assert {"Large audio language model", "Large language model"} <= found


def test_llms_named_by_the_data_they_write_are_large_language_models():
    # "code LLMs" are LLMs trained on code, no class of their own (the gold of two
    # samples tags Large language model only).
    found = _found("We evaluate code LLMs and Code Large Language Models.")["method"]
    assert found == {"Large language model"}


def test_latent_diffusion_without_model_is_the_family_not_the_ldm_name():
    found = _found("Actions are encoded inside the video model's latent diffusion process.")
    assert found["method"] == {"Diffusion model"}
    found = _found("We fine-tune latent diffusion models (LDMs) on sketches.")["method"]
    assert {"Latent Diffusion Model", "Diffusion model"} <= found


def test_a_model_as_a_judge_is_one_technique():
    found = _found("Slides are rated by a VLM-as-judge and by MLLM-as-a-Judge scores.")
    assert {"VLM-as-a-judge", "MLLM-as-a-judge"} <= found["method"]


def test_established_training_techniques_are_methods():
    found = _found("We train the energy model with noise-contrastive estimation (NCE) and the "
                   "denoiser with self-conditioning, then apply token reduction.")["method"]
    assert {"Noise contrastive estimation", "Self-conditioning", "Token reduction"} <= found


def test_rotary_positional_encodings_are_rope():
    found = _found("The decoder uses linear attention and rotary positional encodings.")
    assert "RoPE" in found["method"]


def test_a_measure_named_after_a_model_is_no_use_of_the_model():
    found = _found("Quality is confirmed by FID and CLIP Image Quality Assessment scores.")
    assert "CLIP-IQA" in found["metric"]
    assert "CLIP" not in found["method"]


def test_wikipedia_is_data_wherever_a_paper_names_it():
    found = _found("We build a corpus from English Wikipedia and science-focused Wikipedia "
                   "pages.")
    assert "Wikipedia" in found["dataset"]


def test_source_names_are_found():
    found = _found("We evaluate on Cityscapes and ADE20K with a RetinaNet detector.")
    assert {"Cityscapes", "ADE20K"} <= found["dataset"]
    assert "RetinaNet" in found["method"]


def test_task_names_are_no_methods_but_their_families_count():
    found = _found("We study Semantic Segmentation and network pruning for detectors.")
    assert "Semantic Segmentation" not in found["method"]
    assert "Pruning" in found["method"]


def test_stop_listed_source_names_are_left_out(builder):
    stop = builder.read_stop_names(REPO / "scripts" / "lexicon-curation" / "stop_names.txt")
    assert name_key("Softmax") in stop
    for filename in BUILT:
        for record in _records(filename):
            if "curated" not in record["sources"]:
                assert not {name_key(n) for n in (record["label"], *record["aliases"])} & stop


def test_a_phrase_that_is_a_technique_only_where_the_paper_writes_its_acronym():
    policy = [e for e in load_lexicon() if e.context == "acronym"]
    assert policy
    entry = policy[0]
    long_form = next(n for n in entry.names if not n.isupper() and n.islower())
    acronym = next(n for n in entry.names if n.isupper())
    assert entry.label not in _found(f"We then apply {long_form} to the glorp model.")["method"]
    written = _found(f"We apply {long_form} ({acronym}) to the glorp model.")["method"]
    assert entry.label in written
    assert entry.label in _found(f"Our {acronym}-initialised glorp model wins.")["method"]


def test_a_name_with_a_participle_glued_on_is_still_the_name():
    found = _found("We compare CLIP-aligned features with BERT-distilled students.")["method"]
    assert {"CLIP", "BERT"} <= found


def test_a_dotted_version_after_a_listed_name_is_that_version():
    found = _found("It rivals Midjourney 7.2 and Sora-2.5, and is BERT 1.5 times faster.")
    assert {"Midjourney 7.2", "Sora-2.5"} <= found["method"]
    assert not {"Midjourney", "Sora", "BERT 1.5"} & found["method"]


@pytest.mark.parametrize("text", [
    "QuillNet improves over continuous diffusion baselines on ImageNet.",
    "We replace the backbone with a diffusion counterpart.",
    "Compared with diffusion approaches, QuillNet is faster.",
])
def test_diffusion_before_a_generic_head_is_the_diffusion_family(text):
    assert "Diffusion model" in _found(text)["method"]


def test_a_family_negated_by_non_is_not_that_family():
    found = _found("QuillNet is faster than non-diffusion baselines and non-LLM methods.")
    assert not {"Diffusion model", "Large language model"} & found["method"]
    assert "Non-autoregressive model" in _found("We train non-autoregressive models.")["method"]


def test_a_tier_written_after_a_listed_model_is_a_model_of_its_own():
    # Tiers stay apart as versions do (rules.json version_tiers: "Gemini 1.5 Flash" was
    # already its own entry, "Gemini 1.5 Pro" was merged into "Gemini 1.5").
    found = _found("We compare Gemini-1.5-pro, Gemini Pro, Gemini 1.5, GPT-4.1-mini and "
                   "gpt-3.5-turbo.")["method"]
    assert {"Gemini 1.5 Pro", "Gemini Pro", "Gemini 1.5", "GPT-4.1 mini",
            "GPT-3.5 Turbo"} <= found
    assert not found & {"Gemini", "GPT-4.1", "GPT-3.5"}


def test_generic_model_classes_are_no_methods():
    # GUIDELINES: a generic class outside the family table ("language models") is no
    # method; MLLM and the named models stay.
    found = _found("Vision-language models (VLMs) and a denoising-free autoencoder are "
                   "compared with Zorbix, a multimodal large language model (MLLM).")
    assert not {"VLM", "Autoencoder", "autoencoder"} & found["method"]
    assert "MLLM" in found["method"]


def test_a_resolution_written_with_a_dataset_names_that_dataset():
    # GUIDELINES "datasets": a split written with the dataset belongs to it; the gold
    # spells it as the paper does ("ImageNet-64", "ImageNet 256x256"), with or without the
    # base name as an alias, so the name is kept as written (× as x).
    found = _found("We report FID on QuuxNet-64, on the class-conditional ImageNet 512×512 "
                   "and 256x256 benchmarks and on FFHQ-1024^2; Caltech-256 and ImageNet-1K "
                   "keep their names.")["dataset"]
    assert {"ImageNet 512x512", "ImageNet 256x256", "FFHQ-1024", "Caltech-256",
            "ImageNet"} <= found
    extraction = extract_one(Paper("p", "A Study", "Results on ImageNet 256x256 and CIFAR-10."))
    ids = {m.label: m.lexicon_id for m in extraction.mentions if m.type == "dataset"}
    assert ids["ImageNet 256x256"] is None  # an entity of its own, not ImageNet
    assert ids["CIFAR-10"] is not None


def test_normalisation_layers_are_named_as_the_gold_names_them():
    # The gold writes "Layer normalization|LayerNorm" whichever the paper writes.
    found = _found("We replace LayerNorm and batch normalization in the encoder.")["method"]
    assert {"Layer normalization", "Batch normalization"} <= found


def test_a_masked_diffusion_model_is_a_name_of_its_own_and_a_diffusion_model():
    # A family never takes a specific name as an alias (issue 9, class 4).
    found = _found("We train masked diffusion models on text.")["method"]
    assert {"Masked diffusion model", "Diffusion model"} <= found
