"""``kg_acronym_finder_v1`` alone, on records seeded by hand."""

from __future__ import annotations

from kg.extract.acronyms import initials_start, schwartz_hearst

from .support import entry, labels, seeded

NAME = "kg_acronym_finder_v1"


def words(text: str):
    return [(0, 0, w) for w in text.split()]


def test_initials_and_schwartz_hearst():
    assert initials_start("SST", words("the Simultaneous Speech Translation")) == 1
    assert initials_start("XDQL", words("Cross-Domain Quill Learning")) == 0
    assert schwartz_hearst("BiLD", words("a Big Little Decoder")) == 1
    assert schwartz_hearst("QZ", words("Big Little Decoder")) is None


def test_a_definition_typed_by_its_head_noun_is_two_linked_candidates(component):
    found = component(NAME)("We use a Sparse Routing Decoder (SRD) for speed.")
    assert [(c.surface, c.label, c.type) for c in found.live] == [
        ("Sparse Routing Decoder", "SRD", "method"), ("SRD", "SRD", "method")]
    assert found.acronyms["SRD"].label == "SRD"


def test_an_untyped_definition_is_kept_for_later_rules(component):
    found = component(NAME)("We study Quill Zebra Pattern (QZP) here.")
    assert not found.live
    assert [d.short for d in found.definitions] == ["QZP"]
    assert found.acronyms["QZP"].type == "negative"


def test_the_long_form_replaces_a_lexicon_name_inside_it(component):
    found = component(NAME)("We add a Gated Quill Decoder (GQD) to it.",
                            seed=seeded(dict(surface="Quill", lexicon=entry("Quill"))))
    assert labels(found) == {"GQD"}
    assert any("inside acronym-definition" in reason for _, reason in found.dropped)


def test_a_definition_of_a_lexicon_name_aliases_it(component):
    quill = entry("QRF", aliases=("Quill Routing Field",))
    found = component(NAME)("We fine-tune Quill Routing Field (QRF).",
                            seed=seeded(dict(surface="QRF", lexicon=quill)))
    # The long form becomes a second mention of the entry.
    assert [(c.surface, c.label) for c in found.live] == [("QRF", "QRF"),
                                                          ("Quill Routing Field", "QRF")]


def test_a_paper_defining_a_known_acronym_its_own_way_retracts_the_lexicon_one(component):
    qst = entry("QST", "dataset", aliases=("Quill Story Test",))
    found = component(NAME)(
        "We enter the Quick Speech Tagging (QST) task. Our QST tagger is fast.",
        seed=seeded(dict(surface="QST", type_="dataset", lexicon=qst),
                    dict(surface="QST", type_="dataset", lexicon=qst, nth=1)))
    assert not labels(found, "dataset")
    assert [r.entry_id for r in found.retractions] == [qst.id]


def test_a_definition_by_one_lexicon_entry_withdraws_another_reading_of_the_acronym(component):
    minimisation = entry("Sharp Quill Minimization")
    segmenter = entry("Segment Quill Model", aliases=("SQM",))
    found = component(NAME)(
        "Sharp Quill Minimization (SQM) smooths the loss. Later SQM oversmooths.",
        seed=seeded(dict(surface="Sharp Quill Minimization", lexicon=minimisation),
                    dict(surface="SQM", label="Segment Quill Model", lexicon=segmenter),
                    dict(surface="SQM", label="Segment Quill Model", lexicon=segmenter, nth=1)))
    assert labels(found) == {"Sharp Quill Minimization"}
    assert found.acronyms["SQM"].label == "Sharp Quill Minimization"


def test_a_benchmark_long_form_makes_the_acronym_a_dataset(component):
    found = component(NAME)("We present the Quill Legal Retrieval Benchmark (QLRB) here.")
    assert labels(found, "dataset") == {"QLRB"}


def test_a_long_form_that_begins_a_listed_name_keeps_the_lexicon_acronym(component):
    qva = entry("QVA", aliases=("quill-vision-action model",))
    found = component(NAME)("Quill-Vision-Action (QVA) tasks are hard. QVA models help.",
                            seed=seeded(dict(surface="QVA", lexicon=qva),
                                        dict(surface="QVA", lexicon=qva, nth=1)))
    assert not found.retractions


def test_an_acronym_of_a_task_is_no_method_whatever_noun_follows(component):
    found = component(NAME)("We build an aerial quill navigation (AQN) framework.")
    assert not labels(found)
    assert found.acronyms["AQN"].type == "negative"


def test_a_listed_name_the_short_form_is_built_on_stays(component):
    # "ZTS" is a known name of the seeded entry; the short forms spell it as one part.
    for text, short in (("We pair a Language Agent with Zorb Tree Search (LA-ZTS).", "LA-ZTS"),
                        ("A modality-aware Zorb Tree Search (modality-ZTS) guides it.",
                         "modality-ZTS")):
        found = component(NAME)(text, seed=seeded(dict(
            surface="Zorb Tree Search", lexicon=entry("Zorb Tree Search", aliases=("ZTS",)))))
        assert labels(found) == {short, "Zorb Tree Search"}, text


def test_a_listed_name_inside_another_definition_is_still_replaced(component):
    found = component(NAME)("We add a Zorb Tree Search Decoder (ZTSD) to it.", seed=seeded(dict(
        surface="Zorb Tree Search", lexicon=entry("Zorb Tree Search", aliases=("ZTS",)))))
    assert labels(found) == {"ZTSD"}


def test_a_data_noun_after_the_pair_makes_a_dataset(component):
    run = component(NAME)
    for text, kind in (
            ("We collect it, named Zorb Voice Control (ZVC) corpus, with ratings.", "dataset"),
            ("They release the Quux Ranking Model (QRM) benchmark for judges.", "dataset"),
            ("A Sparse Routing Decoder (SRD) dataset of traces is given.", "dataset"),
            ("We build a Sparse Routing Decoder (SRD) framework for speed.", "method"),
            ("We use a Sparse Routing Decoder (SRD) for speed.", "method")):
        found = run(text)
        assert {c.type for c in found.live if c.is_name} == {kind}, text


def test_a_coined_lexicon_name_without_a_long_form_takes_the_papers(component):
    quilit = entry("QuiLiT")
    found = component(NAME)("We propose Quill Linear Transformer (QuiLiT), a decoder.",
                            seed=seeded(dict(surface="QuiLiT", lexicon=quilit)))
    assert not found.retractions
    assert {(c.surface, c.label) for c in found.live} == {
        ("QuiLiT", "QuiLiT"), ("Quill Linear Transformer", "QuiLiT")}


def test_a_plain_acronym_without_a_long_form_is_still_defined_anew(component):
    qlt = entry("QLT")
    found = component(NAME)("We propose Quill Linear Transformer (QLT), a decoder.",
                            seed=seeded(dict(surface="QLT", lexicon=qlt)))
    assert [r.entry_id for r in found.retractions] == [qlt.id]


def test_a_task_long_form_withdraws_a_listed_name_of_the_acronym(component):
    qvs = entry("QVS", "dataset")
    task = entry("Quill video sharpening", "negative")
    found = component(NAME)(
        "Quill video sharpening (QVS) methods are slow. Our QVS model is fast.",
        seed=seeded(dict(surface="Quill video sharpening", type_="negative", lexicon=task),
                    dict(surface="QVS", type_="dataset", lexicon=qvs),
                    dict(surface="QVS", type_="dataset", lexicon=qvs, nth=1)))
    assert [r.entry_id for r in found.retractions] == [qvs.id]
    assert found.acronyms["QVS"].type == "negative"


def test_a_definition_by_a_listed_name_withdraws_another_entry_of_the_short_form(component):
    quill = entry("Universal Quill", aliases=("Universal Quills",))
    uq = entry("UQ", "dataset")
    found = component(NAME)(
        "Universal Quills (UQs) share layers. The resulting UQ model is fast.",
        seed=seeded(dict(surface="Universal Quills", lexicon=quill),
                    dict(surface="UQ", type_="dataset", lexicon=uq, nth=1)))
    assert [r.entry_id for r in found.retractions] == [uq.id]
    assert not labels(found, "dataset")


def test_a_coined_second_name_the_proposal_gives_in_brackets_is_an_alias(component):
    found = component(NAME)("We introduce Data Quill Agent (Data2Quill), a multi-agent "
                            "framework.")
    assert [(c.surface, c.label) for c in found.live] == [
        ("Data Quill Agent", "Data2Quill"), ("Data2Quill", "Data2Quill")]


def test_no_coined_alias_outside_a_proposal_or_inside_a_longer_name(component):
    for text in ("Prior work used Data Quill Agent (Data2Quill) for reports.",
                 "We develop a k-means Quill Former (kQF-Lab) for segmentation.",
                 "We introduce Zebra Stripe Pooling (QX), a small module."):
        found = component(NAME)(text)
        assert not [c for c in found.live if c.label in ("Data2Quill", "kQF-Lab")], text
        assert "QX" not in found.acronyms or found.acronyms["QX"].type == "negative", text
