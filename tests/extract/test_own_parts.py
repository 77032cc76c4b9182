"""``kg_own_parts_v1`` alone: the named parts of the paper's own system."""

from __future__ import annotations

import re

import pytest

from kg.extract.records import Definition

from .support import candidate, entry, labels, seeded

NAME = "kg_own_parts_v1"


def parts(component, text, *names, known=()):
    def seed(findings):
        own = findings.add(candidate(findings, "QuillNet", rule="title-name"))
        findings.claim(own, "proposed", "title-name", 0.85)
        seeded(*(dict(surface=n, rule="capitalised-phrase") for n in names),
               *(dict(surface=n, lexicon=entry(n)) for n in known))(findings)

    found = component(NAME)(text, title="QuillNet: A Test", seed=seed)
    return labels(found, role="proposed") - {"QuillNet"}


@pytest.mark.parametrize("sentence", [
    "QuillNet employs a Dual-Branch Mixer strategy to join the streams.",
    "Mechanistically, QuillNet combines a Gated Memory Bank with a small decoder.",
    "Our QuillNet comprises two modules, including the Dual-Branch Mixer.",
    "QuillNet also integrates the Gated Memory Bank, which caches keys.",
])
def test_the_parts_an_own_named_subject_takes(component, sentence):
    names = [n for n in ("Dual-Branch Mixer", "Gated Memory Bank") if n in sentence]
    assert parts(component, sentence, *names) == set(names)


@pytest.mark.parametrize("sentence", [
    "QuillNet employs GPT-4o as a judge.",  # a known name is used, not built
    "Prior work on Gated Memory Bank combines it with decoders.",  # another subject
    "QuillNet contains fewer errors than the Dual-Branch Mixer.",  # compared
    "Unlike QuillNet, the Dual-Branch Mixer combines two streams.",
    "QuillNet combines caching and reranking via Gated Memory Bank.",  # a tool it uses
    "QuillNet integrates fast decoding using the Dual-Branch Mixer.",
])
def test_no_own_part(component, sentence):
    names = [n for n in ("Dual-Branch Mixer", "Gated Memory Bank") if n in sentence]
    known = [n for n in ("GPT-4o",) if n in sentence]
    assert not parts(component, sentence, *names, known=known)


@pytest.mark.parametrize("sentence", [
    "It integrates a Gated Memory Bank to pool the keys.",
    "Working only on past frames, it combines a small denoiser with a Dual-Branch Mixer.",
    "Trained once, it features the Dual-Branch Mixer and a Gated Memory Bank.",
    "QuillNet is small. It employs a Gated Memory Bank.",
])
def test_it_as_subject_after_the_paper_named_its_work(component, sentence):
    names = [n for n in ("Dual-Branch Mixer", "Gated Memory Bank") if n in sentence]
    assert parts(component, sentence, *names) == set(names)


@pytest.mark.parametrize(("sentence", "name"), [
    ("We add a Sparse Relay module that routes tokens.", "Sparse Relay"),
    ("At the heart of QuillNet is the Quill Pooling (QP) mechanism.", "QP"),
    ("We train it with an entropy-aware Drift Anchor loss.", "Drift Anchor"),
    ("We then plan with our Two-Hop Lookahead strategy.", "Two-Hop Lookahead"),
    ("QuillNet is built on a Scalable Relay Transformer (SRT-2) architecture.", "SRT-2"),
    # the name's own last word is the component head
    ("We fuse the features with a Multi-Scale Relay Block for aggregation.",
     "Multi-Scale Relay Block"),
    ("QuillNet adds a Text Keeping Loss to keep glyphs sharp.", "Text Keeping Loss"),
    # no article, but a passive design verb makes it the part the paper builds
    ("We build QuillNet. Then, Quill Hybrid Strategy is designed to stack blocks.",
     "Quill Hybrid Strategy"),
    ("We build QuillNet. Keep Relay Block is further developed for recall.",
     "Keep Relay Block"),
])
def test_a_named_component_of_the_papers_work(component, sentence, name):
    assert parts(component, sentence, name) == {name}


@pytest.mark.parametrize(("sentence", "name"), [
    # someone else's part: a prior-work, example or comparison cue before the name
    ("We note that existing systems use a Sparse Relay module.", "Sparse Relay"),
    ("Prior agents rely on the Two-Hop Lookahead strategy.", "Two-Hop Lookahead"),
    ("We outperform the Drift Anchor loss of earlier work.", "Drift Anchor"),
    ("Detectors such as the Sparse Relay module fail here.", "Sparse Relay"),
    # no article: a modifier, not one named part
    ("We compare Sparse Relay modules across sizes.", "Sparse Relay"),
    ("Prior work shows Quill Hybrid Strategy is designed for speed.", "Quill Hybrid Strategy"),
    ("Prior work fuses the features with a Multi-Scale Relay Block.", "Multi-Scale Relay Block"),
    # one word is no headed name
    ("We add a Block to the decoder.", "Block"),
])
def test_no_component_of_others(component, sentence, name):
    assert not parts(component, sentence, name)


def test_no_component_before_the_paper_speaks_of_its_work(component):
    sentence = "A Sparse Relay module routes tokens. We study its limits."
    assert not parts(component, sentence, "Sparse Relay")


def counted(component, text, *names, known=()):
    """The names proposed when ``names`` are seeded as unknown names (and ``known`` as
    lexicon names); names not seeded may be found by the rule itself. Every "Long Form
    (LF)" of the text is seeded as an acronym definition no rule typed."""
    def seed(findings):
        seeded(*(dict(surface=n, rule="capitalised-phrase") for n in names),
               *(dict(surface=n, lexicon=entry(n)) for n in known if n in text))(findings)
        for m in re.finditer(r"((?:[A-Z]\w+ )+)\(([A-Z]{2,})\)", findings.text):
            findings.definitions.append(Definition(
                m.group(2), m.start(2), m.end(2), m.start(1), m.end(1) - 1))

    return labels(component(NAME)(text, title="A Test", seed=seed), role="proposed")


@pytest.mark.parametrize(("sentence", "names"), [
    ("We build QuillKit from two dedicated parts: a Relay Adapter for style and a "
     "Keep Adapter for identity.", {"Relay Adapter", "Keep Adapter"}),
    ("We release QuillASR with two variants, QuillASR-L (8B) and QuillASR-S (1B), for "
     "Mandarin and English.", {"QuillASR-L", "QuillASR-S"}),
    ("We build Quill. At its core are two models: HearoNet, which transcribes speech; "
     "and SpeakoTTS, which speaks.", {"HearoNet", "SpeakoTTS"}),
    ("We give it three modes: (i) Fast Mode for drafts, (ii) Careful Mode for "
     "proofs and (iii) Mixed Mode.", {"Fast Mode", "Careful Mode", "Mixed Mode"}),
    ("We train it in two stages, a Warm-Start Tuning and a Long Polish Stage, on our data.",
     {"Warm-Start Tuning", "Long Polish Stage"}),
    ("We build QuillKit with two agents: QuillPlan for plans and GeoScribe for maps.",
     {"QuillPlan", "GeoScribe"}),
    # plain capitalised words that an acronym defines name the part
    ("We build a tracker with two key components: the Steady Flow Keeper (SFK), and the "
     "Gentle Border Judge (GBJ).", {"SFK", "GBJ"}),
    ("We build it on three modules: (1) Soft Lane Picker (SLP) for routes; (2) Quiet Gate "
     "(QG) for noise; and (3) Warm Memory (WM).", {"SLP", "QG", "WM"}),
])
def test_the_names_a_counted_part_noun_lists(component, sentence, names):
    assert counted(component, sentence) == names


@pytest.mark.parametrize(("sentence", "names"), [
    # numbered items that open with a name and a colon, over several sentences
    ("We present three core contributions: (1) Quick Optimizers: We show that known "
     "optimizers are memories. We build others; (2) Self-Tuning Memory Module: we present a "
     "model; and (3) Steady Trace System: We present a new formulation.",
     {"Self-Tuning Memory Module", "Steady Trace System"}),
    ("The key contributions of Quill 2.0 are fourfold: (1) QuillBook Knowledge System: We "
     "build a hierarchy of 491 points and 1,819 rules. (2) QuillBook-RL: We propose a "
     "two-stage framework. (3) Warm Facts: It stores. (4) QuillBookEval: We add a benchmark.",
     {"QuillBook Knowledge System", "QuillBook-RL", "QuillBookEval"}),
])
def test_the_names_that_open_numbered_items(component, sentence, names):
    assert counted(component, sentence) == names


def test_a_listed_part_supersedes_the_unknown_name_inside_it(component):
    sentence = "We build two modules: (1) QuillBook Memory System: it stores; (2) Keep Module."
    assert counted(component, sentence, "QuillBook") == {"QuillBook Memory System",
                                                         "Keep Module"}


@pytest.mark.parametrize("sentence", [
    "We identify two failure modes: (1) Price Spiral Module: prices rise. (2) Fake Crowd "
    "Module: sellers lie.",
    "Our results are twofold: (1) Model Depth: deeper is better. (2) Quiet Gate Module: it "
    "helps.",
    # no more items than counted
    "We add two components: (1) Quiet Gate Module: it gates. (2) Warm Start: it starts. "
    "(3) Soft Lane Module: it routes.",
])
def test_no_numbered_item_names(component, sentence):
    assert counted(component, sentence) <= {"Quiet Gate Module"}


@pytest.mark.parametrize("sentence", [
    # findings, other people's work, known names, descriptions
    "We identify two failure modes: (1) Price Spiral and (2) Fake Crowds.",
    "We note that existing systems follow two strategies: Early Fusion and Late Fusion.",
    "We fine-tune two models: GPT-4o and Llama 3.",
    "We give our method two components: (1) a small encoder and (2) a light decoder.",
    # plain capitalised English: areas, pillars, scenarios, no names
    "We propose a framework that splits a system into five modules: Generation, Control, "
    "Memory, Dynamics, and Intelligence.",
    "QuillBench holds tasks from two task families, Customer Care and Smart Writing.",
    "We train it in two stages, Warm Start and Long Polish, on our data.",
    "Our agent has three components: Planning, Acting and Reflection.",
    # capitalised words with no definition, or one word before a bracket
    "We build a tracker with two key components: the Steady Flow Keeper, and the Gentle "
    "Border Judge.",
    "Our agent has two components: Planning (Fig. 2) and Acting (Ours).",
    "We note that existing trackers have two components: the Steady Flow Keeper (SFK) "
    "and the Gentle Border Judge (GBJ).",
])
def test_no_counted_parts(component, sentence):
    assert not counted(component, sentence, known=("GPT-4o", "Llama 3"))


def _listed_definitions(component, text, *defs, proposed_first=True):
    def seed(findings):
        for long_form, short in defs:
            for surface in (long_form, short):
                c = findings.add(candidate(findings, surface, label=short,
                                           rule="acronym-definition"))
                if proposed_first and short == defs[0][1]:
                    findings.claim(c, "proposed", "naming-cue", 0.8)

    return labels(component(NAME)(text, seed=seed), role="proposed")


EXTRACTORS = (("super quill Extractor", "SQE"), ("plain quill Extractor", "PQE"),
              ("minimal quill Extractor", "MQE"))


def test_the_definitions_listed_after_a_proposed_one_are_own(component):
    text = ("Three kinds of Extractors, namely the super quill Extractor (SQE), the plain "
            "quill Extractor (PQE), and the minimal quill Extractor (MQE), are proposed.")
    assert _listed_definitions(component, text, *EXTRACTORS) == {"SQE", "PQE", "MQE"}
    assert not _listed_definitions(component, text, *EXTRACTORS, proposed_first=False)


def test_a_definition_after_a_clause_is_no_listed_item(component):
    text = ("We propose the super quill Extractor (SQE), which beats the plain quill "
            "Extractor (PQE) everywhere.")
    assert _listed_definitions(component, text, *EXTRACTORS[:2]) == {"SQE"}


def test_a_name_used_before_the_paper_speaks_is_no_component_of_its_own(component):
    text = ("Zorp-NFT offers a fast framework for tuning. We introduce QuillNet. "
            "We apply the Zorp-NFT objective to a predictor.")

    def seed(findings):
        own = findings.add(candidate(findings, "QuillNet", rule="title-name"))
        findings.claim(own, "proposed", "title-name", 0.85)
        seeded(dict(surface="Zorp-NFT", rule="name-shape"),
               dict(surface="Zorp-NFT", rule="name-shape", nth=1))(findings)

    found = component(NAME)(text, title="QuillNet: A Test", seed=seed)
    assert labels(found, role="proposed") == {"QuillNet"}


@pytest.mark.parametrize("sentence, long_form, short, expected", [
    ("We find that a decoder-only QuillNet language model (QuillLM) is cheap.",
     "QuillNet language model", "QuillLM", {"QuillLM"}),
    ("Encoders from a QuillNet-based ViT (QuillViT) keep the metric space.",
     "QuillNet-based ViT", "QuillViT", {"QuillViT"}),
    ("We find that a Zorp language model (ZLM) is cheap.", "Zorp language model", "ZLM",
     set()),
])
def test_an_acronym_defined_from_an_own_name(component, sentence, long_form, short,
                                             expected):
    def seed(findings):
        own = findings.add(candidate(findings, "QuillNet", rule="title-name"))
        findings.claim(own, "proposed", "title-name", 0.85)
        for surface in (long_form, short):
            findings.add(candidate(findings, surface, label=short, rule="acronym-definition"))

    found = component(NAME)(sentence, title="QuillNet: A Test", seed=seed)
    assert labels(found, role="proposed") - {"QuillNet"} == expected


@pytest.mark.parametrize("sentence, expected", [
    ("QuillNet has four modules. QuillVAD: An ultra-lightweight module based on DFSMN. "
     "It reaches 97% F1.", {"QuillVAD"}),
    # no article and part noun after the colon: no description of a part
    ("QuillNet has four modules. QuillVAD: 97% F1 on FLEURS.", set()),
])
def test_a_colon_heading_that_describes_an_own_part(component, sentence, expected):
    def seed(findings):
        own = findings.add(candidate(findings, "QuillNet", rule="title-name"))
        findings.claim(own, "proposed", "title-name", 0.85)
        seeded(dict(surface="QuillVAD", rule="name-shape-alone"))(findings)

    found = component(NAME)(sentence, title="QuillNet: A Test", seed=seed)
    assert labels(found, role="proposed") - {"QuillNet"} == expected


@pytest.mark.parametrize("sentence, expected", [
    ("QuillNet works in a two-phase cycle: (i) a Library Keeping phase that stores "
     "insights; and (ii) a Library Pruning phase that drops them.",
     {"Library Keeping", "Library Pruning"}),
    ("We propose QuillNet, a framework that (i) performs Quill Trajectory Search which "
     "prunes compute, (ii) introduces Local branching with partial remasking, and "
     "(iii) caches states.", {"Quill Trajectory Search", "Local branching"}),
    # findings, not parts
    ("We reveal that (1) Zorp Large is the most reliable and (2) Quax Small is not.",
     set()),
    # one capitalised word after the mark opens a clause, no name
    ("QuillNet adds two ideas. (i) Claims are grounded in data, and (ii) Articles are "
     "generated with charts.", set()),
])
def test_the_names_that_open_enumerated_items(component, sentence, expected):
    assert parts(component, sentence) == expected
