"""What extraction reads: titles and abstracts with LaTeX/HTML markup, and glued brackets.

The rules read the text without markup (kg.markup); names get their Unicode form,
evidence stays an exact slice of the stored title or abstract.
"""

from __future__ import annotations

import pytest

from kg.extract.pipeline import extract, extract_one
from kg.model import Paper
from kg.resolve import resolve


def mentions(abstract: str, title: str = "A Study of Things"):
    paper = Paper("p", title, abstract)
    return paper, extract_one(paper).mentions


def by_label(found, role=None):
    return {m.label: m for m in found if role is None or role in m.roles}


MARKED_UP = [
    ("Blorp-{\\gamma}: Fast Sampling for Image Models",
     "We present Blorp-{\\gamma}, which outperforms \\textit{QuuxFormer} and PixArt-\\Sigma "
     "on COCO at $512\\times 512$ with 20\\% fewer steps (see M{\\\"u}ller et al.)."),
    ("$\\beta$-Zed: Decoding &amp; Search",
     "We introduce $\\beta$-Zed. It outperforms <i>FlonkNet</i> on text &amp; image "
     "benchmarks such as SQuAD.<br>Code: \\url{https://example.org/beta\\_zed}."),
]


@pytest.mark.parametrize(("title", "abstract"), MARKED_UP)
def test_evidence_is_a_slice_of_the_stored_text_and_names_are_clean(title, abstract):
    paper, found = mentions(abstract, title)
    assert found
    for m in found:
        ev = m.evidence
        source = paper.title if ev.field == "title" else paper.abstract
        assert source[ev.start:ev.end] == ev.text
        assert ev.text in ev.sentence and ev.sentence in source
        assert not any(c in m.label for c in "\\{}$&<"), m.label


def test_latex_names_get_their_unicode_form_and_an_ascii_alias():
    _, found = mentions(MARKED_UP[0][1], MARKED_UP[0][0])
    proposed = by_label(found, "proposed")
    assert "Blorp-γ" in proposed and "Blorp-gamma" in proposed["Blorp-γ"].aliases
    assert proposed["Blorp-γ"].evidence.text in ("Blorp-{\\gamma}",)
    baselines = by_label(found, "baseline")
    assert {"QuuxFormer", "PixArt-Σ"} <= set(baselines)
    assert baselines["QuuxFormer"].evidence.text == "\\textit{QuuxFormer}"
    # "512\times 512" is a resolution, not a name; "Müller" is no name of a method
    assert not any("times" in m.label or "512" in m.label or "ller" in m.label for m in found)


def test_a_greek_letter_starts_a_title_name():
    _, found = mentions("We study sampling in language models.",
                        "$\\beta$-Zed: Decoding for Language Models")
    zed = by_label(found, "proposed")["β-Zed"]
    assert zed.evidence.field == "title" and zed.evidence.text == "$\\beta$-Zed"
    assert "beta-Zed" in zed.aliases


def test_html_entities_and_tags_are_read_as_text():
    _, found = mentions(MARKED_UP[1][1], MARKED_UP[1][0])
    assert "FlonkNet" in by_label(found, "baseline")
    assert "SQuAD" in by_label(found)


def test_entity_aliases_are_spelt_without_markup():
    papers = [Paper("a", "Blorp-{\\gamma}: Fast Sampling",
                    "We present Blorp-{\\gamma}, which outperforms \\textit{QuuxFormer} and "
                    "PixArt-\\Sigma on COCO."),
              Paper("b", "Blorp-γ: Fast Sampling",
                    "We present Blorp-γ, which outperforms QuuxFormer and PixArt-Σ on COCO.")]
    entities, _ = resolve(extract(papers))
    names = {e.label: e.aliases for e in entities if e.type == "method"}
    assert "Blorp-γ" in names and "QuuxFormer" in names
    for label, aliases in names.items():
        assert not any(c in a for a in (label, *aliases) for c in "\\{}"), (label, aliases)


# ---------------------------------------------------------------- glued brackets

GLUED = [
    "We use the Stanford Question Answering Dataset(SQuAD) plus the General Language "
    "Understanding Evaluation(GLUE) benchmark.",
    "We train a Gated Flux Network(GFN) and evaluate it on the Zorbly Reasoning Benchmark(ZRB).",
    "Our model beats Chain-of-Thought(CoT) prompting and Direct Preference Optimization(DPO).",
]


@pytest.mark.parametrize("glued", GLUED)
def test_a_bracket_glued_to_a_word_reads_as_if_spaced(glued):
    spaced = glued.replace("(", " (")
    seen = {(m.label, m.type, m.roles) for m in mentions(glued)[1]}
    assert seen == {(m.label, m.type, m.roles) for m in mentions(spaced)[1]}
    assert seen  # the sentences name things


def test_glued_long_forms_are_found():
    found = by_label(mentions(GLUED[0])[1])
    assert {"SQuAD", "GLUE"} <= set(found)
    assert found["SQuAD"].type == "dataset"


def test_brackets_inside_names_and_formulas_stay():
    found = by_label(mentions("We compare GPT-4V(ision) with f(x) = O(n) on COCO.")[1])
    assert "GPT-4V" in found or any("GPT-4V" in label for label in found)
