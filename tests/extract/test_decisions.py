"""``kg_type_decisions_v1`` alone: one type per name in a paper, no placeholders."""

from __future__ import annotations

from kg.extract.shapes import is_placeholder

from .support import labels, seeded

NAME = "kg_type_decisions_v1"


def test_the_most_explicit_statement_types_every_use_of_a_name(component):
    found = component(NAME)(
        "We propose QuillFormer, a new model. Results on QuillFormer improve.",
        seed=seeded(dict(surface="QuillFormer", rule="apposition"),
                    dict(surface="QuillFormer", type_="dataset", rule="name-shape+context",
                         nth=1)))
    assert {c.type for c in found.live} == {"method"}
    assert any("one type per name" in reason for _, reason in found.dropped)


def test_without_a_statement_the_majority_decides(component):
    found = component(NAME)(
        "QuillSet is big. QuillSet is bigger. We test on QuillSet.",
        seed=seeded(dict(surface="QuillSet", type_="dataset", rule="colon-list"),
                    dict(surface="QuillSet", type_="dataset", rule="colon-list", nth=1),
                    dict(surface="QuillSet", rule="name-shape+repeated", nth=2)))
    assert {c.type for c in found.live} == {"dataset"}


def test_a_size_makes_another_name(component):
    found = component(NAME)(
        "We propose QuillSet and build QuillSet-10K from it.",
        seed=seeded(dict(surface="QuillSet", rule="propose-cue"),
                    dict(surface="QuillSet-10K", type_="dataset", rule="apposition")))
    assert {(c.label, c.type) for c in found.live} == {("QuillSet", "method"),
                                                       ("QuillSet-10K", "dataset")}


def test_placeholders_are_dropped(component):
    found = component(NAME)(
        "We propose ModelName and \\model here.",
        seed=seeded(dict(surface="ModelName", rule="propose-cue"),
                    dict(surface="model", rule="apposition")))
    assert not labels(found)


def test_placeholder_words():
    assert is_placeholder("OurMethod") and is_placeholder("XXX")
    assert not is_placeholder("Quillformer") and not is_placeholder("ModelNet")


def test_a_benchmark_shaped_name_is_a_dataset(component):
    for name in ("QuillBench", "Zorb-Arena", "MM-QuuxBench-v2", "Quux Dataset",
                 "BlorpBench Pro"):
        found = component(NAME)(
            f"We introduce {name} (QB), a framework for auditing videos.",
            seed=seeded(dict(surface=name, label="QB", rule="acronym-definition"),
                        dict(surface="QB", rule="acronym-definition")))
        assert {(c.label, c.type) for c in found.live} == {("QB", "dataset")}, name


def test_a_name_merely_starting_with_a_benchmark_word_stays(component):
    for name in ("Dataset Distillation", "BenchNet", "Benchmarking", "ArenaFormer"):
        found = component(NAME)(f"We use {name} here.",
                                seed=seeded(dict(surface=name, rule="propose-cue")))
        assert {c.type for c in found.live} == {"method"}, name
