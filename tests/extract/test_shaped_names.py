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


def test_a_name_used_as_a_modifier_is_a_method(component):
    for text, name in (("It uses iterative QRPO-based reinforcement learning.", "QRPO"),
                       ("A ZorbNet-style encoder reads the input.", "ZorbNet"),
                       ("The planner is QuillGPT-powered and fast.", "QuillGPT"),
                       ("We add a VXQ-guided sampler.", "VXQ")):
        found = component(NAME)(text)
        assert labels(found, "method") == {name}, text
        assert found.live[0].end - found.live[0].start == len(name)


def test_a_modifier_on_no_name_is_nothing(component):
    for text in ("A 2D-based view and 16kHz-like audio.", "It is a decoder-style model."):
        assert not component(NAME)(text).live, text


def test_capitalised_parts_after_a_known_dataset_make_a_dataset_variant(component):
    # No cue around: "SWE-bench" and "OSWorld" are lexicon datasets, the rest a variant.
    for text, name in (("Then SWE-Bench-Pro was run once.", "SWE-Bench-Pro"),
                       ("Then OSWorld-Verified was run once.", "OSWorld-Verified")):
        assert labels(component(NAME)(text), "dataset") == {name}, text
    assert not component(NAME)("Then MME-Survey was read.").live  # a paper, not a dataset


def _pending(findings, *words):
    from kg.extract.records import PendingName

    text = findings.text
    for word in words:
        start = text.index(word)
        findings.pending.append(PendingName(start, start + len(word), word, shaped=True))


def test_a_coined_name_no_rule_typed_is_a_method(component):
    # Invented names of several shapes, in several positions and wordings.
    for text, name in (("Then QuillNet-2 was run once.", "QuillNet-2"),
                       ("Gains hold for zorb-4o-mini-tts as well.", "zorb-4o-mini-tts"),
                       ("We scale it to Blorp-Image-20B without loss.", "Blorp-Image-20B"),
                       ("Built on TrelloLang, the kernel is fast.", "TrelloLang"),
                       ("Reliability of Quux-R1-Distill-Zorb-8B rises.",
                        "Quux-R1-Distill-Zorb-8B")):
        found = component("kg_coined_names_v1")(text, seed=lambda f, n=name: _pending(f, n))
        assert [(c.label, c.type, c.rule) for c in found.live] == [
            (name, "method", "name-shape-alone")], text
        assert not found.pending


def test_numbers_sizes_puns_and_short_acronyms_are_left_alone(component):
    words = ("7B-parameter", "4-NFE", "2.8-17x", "v0.3", "30B-A3B", "NFE", "ZORBinally",
             "Quill-training", "reverse-KL", "SAM-Optimized", "Quux-Survey")
    text = "Here " + ", ".join(words) + " appear."
    found = component("kg_coined_names_v1")(text, seed=lambda f: _pending(f, *words))
    assert not found.live
    assert len(found.pending) == len(words)


def test_a_word_typed_elsewhere_in_the_paper_keeps_that_type(component):
    def seed(findings):
        from .support import candidate

        findings.add(candidate(findings, "QuuxEval", "dataset", nth=1))
        _pending(findings, "QuuxEval")

    found = component("kg_coined_names_v1")("QuuxEval first; later on QuuxEval, scores.",
                                            seed=seed)
    assert {c.type for c in found.live} == {"dataset"}


def test_where_a_score_is_stated_makes_a_dataset(component):
    # Invented dataset names in the wordings abstracts use for the data they evaluate on.
    for text, name in (("On ZorbPlanner, our agent reaches 50% success.", "ZorbPlanner"),
                       ("It lifts quality assessment on QuuxDiving by 15%.", "QuuxDiving"),
                       ("It gets higher accuracy on Blorp-Core-9 than the prior best.",
                        "Blorp-Core-9"),
                       ("Trained on the small synthetic dataset BEDQUUX for a day.", "BEDQUUX"),
                       ("We mix the web corpus ZorbWeb with more.", "ZorbWeb")):
        assert labels(component(NAME)(text), "dataset") == {name}, text


def test_on_in_other_places_types_nothing(component):
    for text in ("Based on QuillNet, it works.", "We rely on ZorbLM by design.",
                 "The focus is on QuuxGen, which is fast.",
                 "On three datasets, QuillNet gains 5%."):
        assert not labels(component(NAME)(text), "dataset"), text


def test_a_coined_name_keeps_its_version(component):
    found = component(NAME)("Kwai Quux-VL 1.5 is a report on vision.")
    assert [p.word for p in found.pending] == ["Quux-VL"]

    def seed(findings):
        findings.pending.extend(found.pending)

    typed = component("kg_coined_names_v1")("Kwai Quux-VL 1.5 is a report on vision.",
                                            seed=seed)
    assert [c.label for c in typed.live] == ["Quux-VL 1.5"]


def test_a_document_type_named_by_an_acronym_is_no_name(component):
    found = component(NAME)("Questions on Q-XBRL reports and ZQ-7 filings go to the QuillNet-7B "
                            "model.")
    assert labels(found) == {"QuillNet-7B"}


def test_special_tokens_longer_names_and_title_words_are_left_alone(component):
    text = ("A hybrid token, <QUUXNEXT>, helps. Stamps from the ZORB Legacy Survey and "
            "the Xylinx QuuxScale board are used.")
    words = ("QUUXNEXT", "ZORB", "QuuxScale")
    found = component("kg_coined_names_v1")(text, seed=lambda f: _pending(f, *words))
    assert not found.live
    found = component("kg_coined_names_v1")("Nothing here.", title="Zorb-Awareness in Agents",
                                            seed=lambda f: _pending(f, "Zorb-Awareness"))
    assert not found.live


def test_an_extension_of_the_papers_own_dataset_is_a_dataset(component):
    def seed(findings):
        from .support import candidate

        cand = findings.add(candidate(findings, "QuillSet", type_="dataset",
                                      rule="title-name"))
        findings.claim(cand, "proposed", "title-name", 0.85)

    found = component(NAME)("It splits into QuillSet-Base and QuillSet-Chat for tuning.",
                            title="QuillSet", seed=seed)
    assert {"QuillSet-Base", "QuillSet-Chat"} <= labels(found, "dataset", role="proposed")
