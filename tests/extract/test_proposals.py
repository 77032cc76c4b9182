"""``kg_proposals_v1`` alone."""

from __future__ import annotations

import pytest

from .support import entry, labels, seeded

NAME = "kg_proposals_v1"


@pytest.mark.parametrize("sentence", [
    "In this paper, we propose Quokka, a simple framework for retrieval.",
    "We train a retriever, termed Quokka, on web data.",
    "We call our simple recipe Quokka and show that it scales.",
    "Our method, Quokka, reduces cost by half.",
    "Additionally, we open-sourced Quokka, a small model for filings.",
])
def test_cues_propose_the_name_after_them(component, sentence):
    assert labels(component(NAME)(sentence), "method", "proposed") == {"Quokka"}


def test_adjectives_of_the_object_are_skipped(component):
    found = component(NAME)("We propose the first dedicated QuokkaBench for this task.")
    assert labels(found, role="proposed") == {"QuokkaBench"}


@pytest.mark.parametrize("sentence", [
    "We propose a Segmentation module that refines masks.",
    "We introduce a Tracking head and a Detection block.",
    "We design a Depth Estimation module for robots.",
])
def test_a_task_word_before_a_component_noun_is_no_name(component, sentence):
    assert not labels(component(NAME)(sentence), role="proposed")


@pytest.mark.parametrize("sentence, expected", [
    ("Additionally, we propose a Quill-Token-Seg approach using a special token.",
     {"Quill-Token-Seg"}),
    ("First, we introduce a novel Slow-Quick frame encoding strategy that saves compute.",
     {"Slow-Quick frame encoding"}),
    ("We propose a Transformer-Based approach for retrieval.", set()),
    ("We propose a Large-Scale training strategy for retrieval.", set()),
])
def test_a_capitalised_compound_before_its_head_noun(component, sentence, expected):
    assert labels(component(NAME)(sentence), role="proposed") == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Besides, we propose a novel pre-training objective, Quill Permutation Modeling, to "
     "pre-train the model.", {"Quill Permutation Modeling"}),
    ("We introduce a new detection metric, Quill Influence, to rank blocks.", set()),
])
def test_a_name_in_apposition_to_the_proposed_object(component, sentence, expected):
    assert labels(component(NAME)(sentence), role="proposed") == expected


def test_a_quoted_name_after_a_naming_verb(component):
    found = component(NAME)("It grows from a weaker model to a stronger one, a process we "
                            'term "weak-to-quill training". It is cheap.')
    assert labels(found, role="proposed") == {"weak-to-quill training"}


def test_a_coined_word_before_a_component_noun_is_still_a_name(component):
    found = component(NAME)("We propose a QuokkaSeg module that refines masks.")
    assert labels(found, role="proposed") == {"QuokkaSeg"}


@pytest.mark.parametrize("words", ["quill sketching", "a new quill sketching",
                                   "our novel quill sketching"])
def test_a_lower_case_object_that_echoes_the_title_is_proposed(component, words):
    found = component(NAME)(f"We propose {words} for long prompts.",
                            title="Quill Sketching for Prompts")
    assert labels(found, role="proposed") == {"quill sketching"}


def test_the_skipped_words_of_a_lower_case_object_are_data():
    from kg.extract.rules import words
    assert {"new", "novel", "the"} <= set(words("lowercase_object_skips"))


def test_the_noun_before_a_naming_cue_types_the_name(component):
    found = component(NAME)("We collect a dataset, termed Quokka, of web pages.")
    assert labels(found, "dataset", "proposed") == {"Quokka"}


def test_a_naming_cue_overrides_the_lexicon_type_of_the_name(component):
    trec = entry("TREC", "dataset")
    found = component(NAME)("We build a model called TREC. TREC is fast.",
                            seed=seeded(dict(surface="TREC", type_="dataset", lexicon=trec)))
    assert labels(found, "method", "proposed") == {"TREC"}
    assert found.acronyms["TREC"].type == "method"
    assert [r.entry_id for r in found.retractions] == [trec.id]


def test_the_apposition_of_a_proposed_name_overrides_its_lexicon_type(component):
    quax = entry("QUAX", "dataset")
    found = component(NAME)("We propose QUAX, an LLM-based prompt rewriting system. QUAX wins.",
                            seed=seeded(dict(surface="QUAX", type_="dataset", lexicon=quax)))
    assert labels(found, "method", "proposed") == {"QUAX"}
    assert [r.entry_id for r in found.retractions] == [quax.id]
    kept = component(NAME)("We propose QUAX, a benchmark of prompts.",
                           seed=seeded(dict(surface="QUAX", type_="dataset", lexicon=quax)))
    assert labels(kept, "dataset", "proposed") == {"QUAX"} and not kept.retractions


def test_a_known_name_is_proposed_only_as_the_object(component):
    gpt = entry("QuillLM")
    seed = seeded(dict(surface="QuillLM", lexicon=gpt))
    assert labels(component(NAME)("We present QuillLM, a family of chat models.", seed=seed),
                  role="proposed") == {"QuillLM"}
    assert not labels(component(NAME)("We present QuillLM evaluations.", seed=seed),
                      role="proposed")
    # a dash closes the object like a comma
    assert labels(component(NAME)("We develop QuillLM -- an extensive set of models.",
                                  seed=seed), role="proposed") == {"QuillLM"}


def test_an_untyped_definition_after_the_cue_becomes_the_proposed_name(component):
    def seed(findings):
        from kg.extract.records import Definition
        text = findings.text
        long_start = text.index("Stacked")
        short_start = text.index("SQL2")
        findings.definitions.append(Definition("SQL2", short_start, short_start + 4,
                                               long_start, long_start + len("Stacked Lattice")))

    found = component(NAME)("We propose a novel family, the Stacked Lattice (SQL2), for it.",
                            seed=seed)
    assert labels(found, "method", "proposed") == {"SQL2"}
    assert {c.surface for c in found.live} == {"Stacked Lattice", "SQL2"}


@pytest.mark.parametrize("sentence", [
    "We propose a BERT-based ranker for search.",
    "We study so-called hallucinations in long answers.",
    "This paper describes the Quillstone team's system for the task.",
])
def test_no_proposal(component, sentence):
    assert not labels(component(NAME)(sentence), role="proposed")


def test_the_cue_object_that_starts_the_titles_name_takes_all_of_it(component):
    def seed(findings):
        cand = seeded(dict(surface="MR. Quill", rule="title-name"))(findings) or \
            findings.live[0]
        findings.claim(cand, "proposed", "title-name", 0.85)

    found = component(NAME)("We propose MR. Quill, an agentic framework.",
                            title="MR. Quill: Long Videos", seed=seed)
    assert {c.surface for c in found.live} == {"MR. Quill"}


def test_a_name_with_a_dataset_ending_is_a_dataset(component):
    found = component(NAME)("We build Quill-Dataset, covering many scenarios.")
    assert labels(found, "dataset", "proposed") == {"Quill-Dataset"}


def test_a_family_before_a_class_word_is_a_modifier_not_the_proposal(component):
    llm = entry("Large language model", aliases=("LLM",), family=True)
    seed = seeded(dict(surface="LLM", label="Large language model", lexicon=llm))
    assert not labels(component(NAME)("We propose a unified LLM framework for scenes.",
                                      seed=seed), role="proposed")


def test_our_title_name_is_taken_whole(component):
    def seed(findings):
        cand = seeded(dict(surface="Quill-3D LLM", rule="title-name"))(findings) or \
            findings.live[0]
        findings.claim(cand, "proposed", "title-name", 0.85)

    found = component(NAME)("We treat scenes as videos. Our Quill-3D LLM aligns them.",
                            title="Quill-3D LLM: Scenes as Videos", seed=seed)
    assert labels(found, role="proposed") == {"Quill-3D LLM"}


@pytest.mark.parametrize("sentence, name", [
    ("We refer to our framework as Quill Template Models.", "Quill Template Models"),
    ("We refer to this stage as top-down quill planning.", "top-down quill planning"),
    # a dash ends the lower-case name as a comma does
    ("We tune the model on a few examples -- a procedure we refer to as quillfitting -- and it "
     "improves.", "quillfitting"),
    ("We tune the model on a few samples, a process termed quillfitting — it improves.",
     "quillfitting"),
])
def test_refer_to_object_as_name(component, sentence, name):
    assert labels(component(NAME)(sentence), role="proposed") == {name}


@pytest.mark.parametrize("sentence, name", [
    # a naming verb, a demonstrative object with a method noun, a lower-case name
    ("We rank ordered pairs. We call this new approach pair-quilling. It helps.",
     "pair-quilling"),
    ("By analogy with genes, we term such module as quillgene. It helps.", "quillgene"),
    # "termed as": the "as" is no part of the name
    ("We shrink large encoders, termed as deep quill distillation. It helps.",
     "deep quill distillation"),
])
def test_naming_verb_object_then_lowercase_name(component, sentence, name):
    assert labels(component(NAME)(sentence), "method", "proposed") == {name}


@pytest.mark.parametrize("sentence", [
    # the object is no method noun: a measure, cases, a phenomenon
    "We time runs alone. We call this metric the idealized quilltime, and report it.",
    "Some passages raise the score. We call such cases half-quills. They hurt.",
    "We call this approach the quill of choice. It helps.",
])
def test_naming_verb_with_no_method_object_proposes_nothing(component, sentence):
    assert labels(component(NAME)(sentence), role="proposed") == set()


@pytest.mark.parametrize("sentence", [
    "We propose a protocol to measure what we call the Quill Effect.",
    "We refer to the survey of Quill such as QuillNet for details.",
])
def test_terms_and_references_are_no_proposals(component, sentence):
    assert not labels(component(NAME)(sentence), role="proposed")


@pytest.mark.parametrize("sentence", [
    "Although faster models exist, we propose non-AR decoders for speed.",
    "By introducing LLM-embedded timestamps, we present a forecaster.",
    "This work introduces \\QuillDatasetName, an interleaved video-text dataset.",
])
def test_modifiers_and_macros_are_no_proposals(component, sentence):
    assert not labels(component(NAME)(sentence), role="proposed")


def test_a_name_in_latex_quotes_is_the_name(component):
    found = component(NAME)("The models adapt through a procedure we call ``Quill2Diff''.")
    assert labels(found, role="proposed") == {"Quill2Diff"}


def test_a_family_the_paper_abbreviates_is_not_proposed(component):
    def seed(findings):
        fam = entry("Diffusion model", family=True)
        cand = findings.add(candidate(findings, "Diffusion Quill Models", label="Diffusion model",
                                      lexicon=fam))
        findings.acronyms["DQM"] = cand

    from .support import candidate

    found = component(NAME)("Diffusion Quill Models (DQM) are new. We release a suite of DQMs.",
                            seed=seed)
    assert not labels(found, role="proposed")


def test_a_part_the_paper_implements_and_defines_is_proposed(component):
    def seed(findings):
        text = findings.text
        for surface in ("Time-Quill Module", "TQM"):
            start = text.index(surface)
            findings.add(Candidate(start, start + len(surface), "method", "TQM",
                                   "acronym-definition", 0.85, surface=surface,
                                   aliases=("Time-Quill Module", "TQM")))

    from kg.extract.records import Candidate

    found = component(NAME)("We implement the Time-Quill Module (TQM), which adds a signal. "
                            "We implement everything in PyTorch.", seed=seed)
    assert labels(found, role="proposed") == {"TQM"}


def test_an_acronym_defined_for_something_novel_is_the_papers(component):
    def seed(findings):
        from kg.extract.records import Candidate
        text = findings.text
        for surface in ("Progressive Quill Learning", "PQL"):
            start = text.index(surface)
            findings.add(Candidate(start, start + len(surface), "method", "PQL",
                                   "acronym-definition", 0.85, surface=surface))

    found = component(NAME)("We train it via a novel multi-stage Progressive Quill Learning "
                            "(PQL) framework.", seed=seed)
    assert labels(found, "method", "proposed") == {"PQL"}
    found = component(NAME)("Prior work used a novel multi-stage Progressive Quill Learning "
                            "(PQL) framework.", seed=seed)
    assert not labels(found, role="proposed")



@pytest.mark.parametrize("sentence, name", [
    ("We also propose a glimpse network-based architecture (QuillNet) to tag spans.",
     "QuillNet"),
    ("This paper proposes a new multi-scale recurrent Q-Former (MSR Q-Former) structure.",
     "MSR Q-Former"),
    ("We introduce a lightweight cross-view fusion module (XFuse-2) for alignment.", "XFuse-2"),
    ("We present an adaptive sparse token router (ZoRT), which halves the cost.", "ZoRT"),
])
def test_the_bracketed_name_after_the_proposed_object(component, sentence, name):
    assert labels(component(NAME)(sentence), role="proposed") == {name}


@pytest.mark.parametrize("sentence", [
    "We propose a method based on prior work (Smith et al.) for tagging.",
    "We present a simple baseline (see Section 3) for tagging.",
    "We propose a loss (2x faster) for tagging.",
])
def test_brackets_that_hold_no_name_propose_nothing(component, sentence):
    assert not labels(component(NAME)(sentence), role="proposed")


@pytest.mark.parametrize("sentence", [
    "We study the failure modes of retrievers and propose Quokka, a reranker.",
    "We first analyse the data, and then introduce Quokka to fix it.",
    "In this work we examine long inputs and present Quokka for them.",
    "We employ a text encoder for prompts and also introduce Quokka for alignment.",
])
def test_a_second_verb_of_a_we_sentence_proposes(component, sentence):
    assert labels(component(NAME)(sentence), "method", "proposed") == {"Quokka"}


def test_a_second_verb_of_another_subject_proposes_nothing(component):
    found = component(NAME)("Prior systems parse the input and introduce Quokka for it.")
    assert not labels(found, role="proposed")


@pytest.mark.parametrize("sentence", [
    "Models forget rare facts, a phenomenon we term Quill Drift.",
    "We term this phenomenon Quill Drift and study its causes.",
    "We call this failure mode Echo Lock, and it grows with depth.",
    "The retriever stalls, an effect known as Mirror Fade.",
])
def test_a_term_for_a_phenomenon_is_no_proposal(component, sentence):
    assert not labels(component(NAME)(sentence), role="proposed")


def test_a_term_for_the_papers_method_is_a_proposal(component):
    found = component(NAME)("We term our method Quill Drift and test it.")
    assert labels(found, role="proposed") == {"Quill Drift"}


@pytest.mark.parametrize("sentence", [
    "To correct this bias, we propose Paired Choice Accuracy to score answers.",
    "We introduce the Quill Consistency Score, which rates outputs.",
    "We design a Drift Error Rate for streaming systems.",
    "We present Tangle Distance, a measure between two plans.",
])
def test_a_named_measure_is_no_proposal(component, sentence):
    assert not labels(component(NAME)(sentence), role="proposed")


@pytest.mark.parametrize("sentence", [
    "To fix this, we propose QuillNet-a novel framework for retrieval.",
    "We present QuillNet-an agent that plans.",
])
def test_a_hyphen_used_as_a_dash_ends_the_name(component, sentence):
    assert labels(component(NAME)(sentence), role="proposed") == {"QuillNet"}


@pytest.mark.parametrize("sentence, name", [
    ("Our proposed QuillVAE (Quill-Aligned Variational AutoEncoder) halves the cost.",
     "QuillVAE"),
    ("Experiments on our open-source benchmark, QuillBench, reveal gaps.", "QuillBench"),
    ("Tests on diverse suites, including our newly introduced QuillVOS benchmark, agree.",
     "QuillVOS"),
    ("Our new curated dataset, QuillSet-9K, covers ten domains.", "QuillSet-9K"),
])
def test_an_unknown_name_the_paper_calls_its_own_is_proposed(component, sentence, name):
    seed = seeded(dict(surface=name, rule="name-shape+context"))
    assert labels(component(NAME)(sentence, seed=seed), role="proposed") == {name}


@pytest.mark.parametrize("sentence", [
    "Our open-source benchmark, built on QuillBench, adds tasks.",  # no apposition
    "We evaluate our approach on QuillBench and QuillSet.",  # a use
    "Our new results beat QuillBench by far.",
])
def test_an_unknown_name_near_our_is_not_always_ours(component, sentence):
    seed = seeded(dict(surface="QuillBench", rule="name-shape+context"))
    assert not labels(component(NAME)(sentence, seed=seed), role="proposed")


@pytest.mark.parametrize("sentence, name", [
    ("We introduce QL^2, an adaptive steering framework.", "QL^2"),
    ("We propose Zeta^3-Net for fast retrieval.", "Zeta^3-Net"),
])
def test_a_power_written_with_a_caret_is_part_of_the_name(component, sentence, name):
    assert labels(component(NAME)(sentence), role="proposed") == {name}


@pytest.mark.parametrize("sentence", [
    "In this paper, we propose QuillRet, a heterogeneous tool retrieval benchmark comprising "
    "7k tasks.",
    'We propose "Quill Stone", the first comprehensive bilingual benchmark for finance.',
    "We introduce QuillSuite, a large multilingual speech corpus of 900 hours.",
    "We present QuillArena, a long-horizon agent testbed dataset with 2k tasks.",
])
def test_the_head_of_the_apposition_types_the_proposal_a_dataset(component, sentence):
    found = component(NAME)(sentence)
    assert len(labels(found, "dataset", "proposed")) == 1
    assert not labels(found, "method", "proposed")


@pytest.mark.parametrize("sentence", [
    "We propose QuillRet, a benchmark-free retrieval model for tools.",
    "We present QuillArena, a simulator that generates benchmark tasks.",
])
def test_a_dataset_word_that_is_no_head_leaves_the_proposal_a_method(component, sentence):
    found = component(NAME)(sentence)
    assert len(labels(found, "method", "proposed")) == 1


@pytest.mark.parametrize("sentence", [
    "We release QuillLM, a suite of open language models for code.",
    "We present QuillCrew, a collection of cooperating agents.",
])
def test_a_group_head_is_typed_by_what_it_groups(component, sentence):
    assert len(labels(component(NAME)(sentence), "method", "proposed")) == 1


@pytest.mark.parametrize("title, abstract, name", [
    # the abstract writes the head again without its final "models"
    ("Quill Lattice Models for Video Generation",
     "We propose a simple but effective quill lattice for video generation.",
     "Quill Lattice Models"),
    # an acronym the abstract uses spells the head
    ("Stacked Quill Transformer for Speech Synthesis",
     "We generate speech with a decoder-only model (SQuT). SQuT is fast.", "SQuT"),
])
def test_the_title_head_before_for_that_the_abstract_names_is_proposed(component, title,
                                                                      abstract, name):
    found = component(NAME)(abstract, title=title)
    assert labels(found, "method", "proposed") == {name}


def test_the_title_head_with_an_acronym_for_part_of_it_is_proposed(component):
    def seed(findings):
        lex = entry("Quill model")
        for surface in ("quill models", "QMs"):
            findings.add(candidate(findings, surface, label="Quill model", lexicon=lex))
        findings.acronyms["QM"] = candidate(findings, "quill models", label="Quill model",
                                            lexicon=lex)

    from .support import candidate

    found = component(NAME)("We study quill models (QMs). Residual QMs reach lower loss.",
                            title="Residual Quill Models for Text Generation", seed=seed)
    assert labels(found, "method", "proposed") == {"Residual Quill Models"}


@pytest.mark.parametrize("title, abstract", [
    # the abstract never names the head
    ("Dynamic Quill Pruning for Efficient Decoding", "We present a method that drops tokens."),
    # a class of models, no name
    ("Foundation Models for Language Processing", "This book covers foundation models."),
    # a title with a colon names its system before the colon
    ("Quokka: Quill Lattice Models for Video", "We propose a quill lattice for videos."),
    # a lower-case head word, no name
    ("Quill lattice models for Video Generation", "We study quill lattice models."),
])
def test_no_title_head_proposal(component, title, abstract):
    assert not labels(component(NAME)(abstract, title=title), role="proposed")


def test_a_title_head_the_lexicon_knows_is_not_proposed(component):
    lex = entry("Byte-Pair Encoding")
    found = component(NAME)("We adapt byte-pair encoding to regexes.",
                            title="Byte-Pair Encoding for Text-to-Regex Generation",
                            seed=seeded(dict(surface="Byte-Pair Encoding", lexicon=lex)))
    assert not labels(found, role="proposed")


@pytest.mark.parametrize("sentence, name", [
    ("We introduce Quokka, which leverages the Quill Reward Model--a novel reward "
     "parametrization for decoding.", "Quill Reward Model"),
    ("Our analysis uses Quill Prompt Suite, a new benchmark of 900 prompts.",
     "Quill Prompt Suite"),
    ("Specifically, we train Quill Lattice Transformers (QLTs) -- a new class of models -- "
     "on text.", "Quill Lattice Transformers"),
])
def test_a_name_in_apposition_to_a_novelty_in_our_voice_is_ours(component, sentence, name):
    assert name in labels(component(NAME)(sentence), role="proposed")


@pytest.mark.parametrize("sentence", [
    # no voice of the paper's own
    "Recently, Quill Reward Model, a new reward parametrization, was released.",
    # others' work
    "We build on prior work, the Quill Reward Model, a novel reward parametrization.",
    # the tail of a longer name is no name of its own
    "We propose Quokka: Quill Transfer Using Policy Optimization, a new method.",
])
def test_no_novelty_apposition_proposal(component, sentence):
    lex = entry("Policy optimization")
    found = component(NAME)(sentence, seed=seeded(dict(
        surface="Policy Optimization", lexicon=lex)) if "Policy" in sentence else None)
    assert not labels(found, role="proposed") - {"Quokka"}


def _own_quillnet(findings):
    from .support import candidate

    cand = findings.add(candidate(findings, "QuillNet", rule="propose-cue"))
    findings.claim(cand, "proposed", "propose-cue", 0.8)


@pytest.mark.parametrize("sentence, variant", [
    ("We propose QuillNet for images. We also introduce latent QuillNet for large ones.",
     "latent QuillNet"),
    ("We propose QuillNet. Finally, we propose the autoregressive QuillNet for prompts.",
     "autoregressive QuillNet"),
])
def test_a_lower_case_word_before_the_own_name_after_a_cue_names_a_variant(component,
                                                                           sentence, variant):
    found = component(NAME)(sentence, seed=_own_quillnet)
    assert variant in labels(found, role="proposed")


@pytest.mark.parametrize("sentence", [
    "We propose QuillNet. We also present lightweight QuillNet results.",  # an adjective
    "We propose QuillNet. Results we present with QuillNet are good.",  # a preposition
    "We propose QuillNet. Others introduce latent QuillNet too.",  # not our voice
])
def test_no_variant_of_the_own_name(component, sentence):
    found = component(NAME)(sentence, seed=_own_quillnet)
    assert labels(found, role="proposed") == {"QuillNet"}


def _definitions(*pairs):
    """Seed every ("Long Form", "LF") pair as an acronym definition no rule typed."""
    def seed(findings):
        from kg.extract.records import Definition
        text = findings.text
        for long_form, short in pairs:
            start = text.index(long_form)
            s_start = text.index(f"({short})") + 1
            findings.definitions.append(Definition(short, s_start, s_start + len(short),
                                                   start, start + len(long_form)))
    return seed


@pytest.mark.parametrize("sentence, pairs", [
    ("We propose a new image tokenizer with Binary Quill Quantization (BQQ). It is fast.",
     [("Binary Quill Quantization", "BQQ")]),
    ("This paper proposes Shifted Quill Tokenization (SQT) and Local Quill Attention (LQA), "
     "which help.", [("Shifted Quill Tokenization", "SQT"), ("Local Quill Attention", "LQA")]),
])
def test_definitions_tied_to_the_proposal_are_proposed(component, sentence, pairs):
    found = component(NAME)(sentence, seed=_definitions(*pairs))
    assert {short for _, short in pairs} <= labels(found, role="proposed")


def test_a_definition_after_the_proposal_clause_is_not_proposed(component):
    sentence = ("We propose QuillNet for tagging; it runs with Fast Quill Transform (FQT) "
                "from prior work.")
    found = component(NAME)(sentence, seed=_definitions(("Fast Quill Transform", "FQT")))
    assert "FQT" not in labels(found, role="proposed")


def test_a_listed_own_name_and_its_long_form_take_variants_too(component):
    def seed(findings):
        from .support import candidate

        quill = entry("QuillNet")
        for surface in ("Quill Network", "QuillNet"):
            cand = findings.add(candidate(findings, surface, label="QuillNet", lexicon=quill,
                                          rule="acronym-definition"))
            findings.claim(cand, "proposed", "propose-cue", 0.8)

    found = component(NAME)("We propose Quill Network (QuillNet). We also introduce latent "
                            "QuillNet. Finally, we present sparse Quill Network.", seed=seed)
    assert {"latent QuillNet", "sparse Quill Network"} <= labels(found, role="proposed")


def test_novel_appositions_are_the_patterns_own_matches():
    """The apposition scan found from its end ("a new", "an novel") gives what the
    pattern's own scan gives, on the glue around it in every arrangement."""
    import random

    from kg.extract.proposals import _NOVEL_APPOSITION, novel_appositions_in

    pieces = ["a", "an", " ", "  ", "\t", "\n", "\u00a0", ",", "-", "--", "\u2014", "\u2013",
              "new", "novel", "X", "data", "newer", "anew", "."]
    rng = random.Random(7)
    texts = ["QuillNet, a novel model -- an new one \u2014 a new  way; data new, a newer",
             *("".join(rng.choice(pieces) for _ in range(rng.randint(1, 25)))
               for _ in range(3000))]
    found = 0
    for text in texts:
        for pos in (0, 3, len(text) // 2):
            own = [m.span() for m in _NOVEL_APPOSITION.regex.finditer(text, pos)]
            assert [m.span() for m in novel_appositions_in(text, pos)] == own, (text, pos)
            found += len(own)
    assert found > 40
