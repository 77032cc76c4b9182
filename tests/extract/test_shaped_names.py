"""``kg_shaped_names_v1`` alone."""

from __future__ import annotations

from kg.extract.records import Candidate

from .support import labels

NAME = "kg_shaped_names_v1"


def test_a_shaped_name_is_typed_by_its_context(component):
    found = component(NAME)("We fine-tune the QuillNet model and test on ZorbQA.")
    assert labels(found, "method") == {"QuillNet"}
    assert labels(found, "dataset") == {"ZorbQA"}


def test_an_untyped_shaped_name_waits_for_the_corpus_pass(component):
    found = component(NAME)("Then QuillNet was run once.")
    assert not found.live
    assert [p.word for p in found.pending] == ["QuillNet"]


def test_a_repeated_shaped_name_is_a_method(component):
    found = component(NAME)("QuillNet is here. Later QuillNet is there.")
    assert {c.rule for c in found.live} == {"name-shape+repeated"}


def test_a_lexicon_name_with_a_size_suffix(component):
    # The known names come from the shipped lexicons.
    found = component(NAME)("We distil into TinyLlama-1.1B for speed.")
    assert [(c.label, c.rule) for c in found.live] == [("TinyLlama", "lexicon+suffix")]


def test_the_use_of_an_acronym_defined_in_the_paper(component):
    def seed(findings):
        findings.acronyms["QRD"] = Candidate(0, 0, "method", "QRD", "acronym-definition", 0.85,
                                             aliases=("Quill Routing Decoder",))

    found = component(NAME)("Later QRD is compared.", seed=seed)
    [cand] = found.live
    assert (cand.label, cand.rule, cand.aliases) == ("QRD", "acronym-use",
                                                     ("Quill Routing Decoder",))


def test_organisations_and_special_tokens_are_no_names(component):
    found = component(NAME)("The QUILL team used the CLS token with QuillNet-7B models.")
    assert labels(found) == {"QuillNet-7B"}


def test_our_shaped_name_is_proposed(component):
    found = component(NAME)("Our QuillNet obtains gains.")
    assert labels(found, "method", "proposed") == {"QuillNet"}


def test_a_gene_or_protein_is_no_name(component):
    found = component("kg_shaped_names_v1")(
        "Molecules bind the QKT1 protein better than QuillNet-2 does, at the QKT1 protein site.")
    assert "QKT1" not in {c.label for c in found.live}


def test_the_titles_name_is_taken_whole(component):
    from .support import candidate

    def seed(findings):
        cand = findings.add(candidate(findings, "Quill-3D LLM", rule="title-name"))
        findings.claim(cand, "proposed", "title-name", 0.85)

    found = component("kg_shaped_names_v1")(
        "Scenes are videos, i.e., Quill-3D LLM reads them; the Quill-3D LLM is fast.",
        title="Quill-3D LLM: Scenes as Videos", seed=seed)
    assert {c.label for c in found.live} == {"Quill-3D LLM"}


def test_a_hyphen_extension_of_the_papers_own_name_is_its_own(component):
    def seed(findings):
        from .support import candidate

        cand = findings.add(candidate(findings, "Z-Quill", rule="title-name"))
        findings.claim(cand, "proposed", "title-name", 0.85)

    found = component(NAME)("Z-Quill: a test\n\nDistilling Z-Quill yields Z-Quill-Turbo.",
                            seed=seed)
    assert "Z-Quill-Turbo" in labels(found, "method", role="proposed")


def test_a_shaped_word_before_a_hardware_noun_is_no_name(component):
    # "compared with" would type them, and does type the model.
    found = component(NAME)("Compared with XQ7 chips and H900 GPUs, the QuillNet model is fast.")
    assert labels(found) == {"QuillNet"}


def test_a_coined_name_built_on_a_known_model_is_a_method_of_its_own(component):
    # The known names (BERT, LSTM) come from the shipped lexicons.
    found = component(NAME)("Then ZorbBERT and Tree-LSTM ran. BERT-Optimized heads won.")
    assert labels(found, "method") == {"ZorbBERT", "Tree-LSTM"}


def test_slashed_dimensions_are_no_name(component):
    found = component(NAME)("Compared with 3D/4D reasoning and 4K/8K video, QuillNet wins.")
    assert not {c.label for c in found.live} & {"3D/4D", "4K/8K"}


def test_a_capitalised_variant_of_a_known_dataset_is_a_dataset(component):
    # COCO comes from the shipped lexicons.
    found = component(NAME)("Then scores on COCO-Hardest dropped.")
    assert labels(found, "dataset") == {"COCO-Hardest"}


def test_a_coined_name_built_on_an_architecture_is_a_method(component):
    # No context cue: the shape alone (a coined part before an architecture or model name).
    for text, name in (("Then DA-Transformer was run once.", "DA-Transformer"),
                       ("A key part is the use of CLSTM, adapted to gaps.", "CLSTM"),
                       ("Our pipeline pairs an encoder with BUSU-Net to rank fields.", "BUSU-Net"),
                       ("We train a KGAN and an Attn-BiLSTM on the data.", "KGAN")):
        assert name in labels(component(NAME)(text), "method"), text


def test_an_acronym_ending_in_a_model_acronym_is_no_variant(component):
    # "MAR" is a model, but capitals glue into any acronym: only architectures count.
    found = component(NAME)("Then MMAR was run once.")
    assert not found.live
