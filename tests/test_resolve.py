"""Entity resolution across papers: aliases, acronyms, versions, roles and counts."""

from __future__ import annotations

from kg.extract.pipeline import extract
from kg.graph import build_graph
from kg.model import Evidence, Extraction, Mention, Paper
from kg.resolve import entity_slug, mention_key, resolve


def build(*abstracts: str, titles=None):
    papers = [Paper(f"p{i}", (titles or {}).get(i, f"Paper number {i}"), text)
              for i, text in enumerate(abstracts)]
    extractions = list(extract(papers))
    entities, links = resolve(extractions)
    return papers, entities, links


def entity_named(entities, name):
    hits = [e for e in entities if e.label == name or name in e.aliases]
    assert len(hits) == 1, (name, [(e.id, e.label) for e in hits])
    return hits[0]


def linked(links, paper_id, relation):
    return {link.entity_id for link in links
            if link.paper_id == paper_id and link.relation == relation}


def test_spellings_of_one_model_meet_at_one_node():
    _, entities, links = build(
        "We evaluate GPT-4 on puzzles.",
        "Prompting GPT4 helps.",
        "We query the Generative Pre-trained Transformer 4 (GPT-4) model.",
    )
    gpt4 = entity_named(entities, "GPT-4")
    assert gpt4.paper_count == 3
    assert {"p0", "p1", "p2"} == {link.paper_id for link in links
                                  if link.entity_id == gpt4.id}


def test_versions_stay_distinct_nodes():
    _, entities, _ = build("We use LLaMA.", "We use Llama 2.", "We use GPT-3.5 and GPT-4.")
    ids = {entity_named(entities, name).id for name in ("LLaMA", "Llama 2", "GPT-3.5", "GPT-4")}
    assert len(ids) == 4


def test_size_suffix_merges_into_its_model():
    _, entities, _ = build("We fine-tune Llama-2-7B.", "We use Llama 2 as a judge.")
    llama2 = entity_named(entities, "Llama 2")
    assert llama2.paper_count == 2


def test_acronym_defined_in_one_paper_resolves_bare_mentions_elsewhere():
    # An acronym no lexicon holds (a lexicon "SRM" would claim the bare mention).
    _, entities, links = build(
        "We propose Quill Routing Memory (QRM), a module for long inputs.",
        "Our model outperforms QRM on long documents.",
    )
    srm = entity_named(entities, "QRM")
    assert "Quill Routing Memory" in srm.aliases
    assert srm.paper_count == 2
    assert srm.id in linked(links, "p0", "proposes")
    assert srm.id in linked(links, "p1", "comparesWith")


def test_acronym_defined_two_ways_keeps_the_meanings_apart():
    _, entities, _ = build(
        "We propose Quick Attention Module (QAM), a block for detection.",
        "We propose Quantised Adapter Merging (QAM), a method for tuning.",
    )
    meanings = {"Quick Attention Module", "Quantised Adapter Merging"}
    long_forms = [e for e in entities if e.type == "method" and meanings & {e.label, *e.aliases}]
    assert len(long_forms) == 2


def test_proposer_and_comparers_meet_at_one_node():
    _, entities, links = build(
        "Blorpformer: Fast Sequence Models",
        "Our model is 2x faster than Blorpformer.",
        titles={0: "Blorpformer: Fast Sequence Models"},
    )
    node = entity_named(entities, "Blorpformer")
    assert node.id in linked(links, "p0", "proposes")
    assert node.id in linked(links, "p1", "comparesWith")
    assert node.id in linked(links, "p1", "usesMethod")


def test_types_relations_and_family_flag():
    _, entities, links = build("Transformers trained on ImageNet beat BERT at image "
                               "classification.")
    transformer = entity_named(entities, "Transformer")
    imagenet = entity_named(entities, "ImageNet")
    assert transformer.family and transformer.type == "method"
    assert imagenet.type == "dataset" and not imagenet.family
    assert imagenet.id in linked(links, "p0", "usesDataset")
    assert any(e.id.startswith("modality/") for e in entities)


def test_every_link_carries_evidence_that_points_into_the_paper():
    papers, entities, links = build(
        "We propose Zorblax, which outperforms GPT-4 on MMLU for text generation.",
        "Diffusion models (DMs) and LLMs are compared with RoBERTa.",
        titles={0: "Zorblax: Reasoning at Scale"},
    )
    G = build_graph(papers, entities, links)
    by_id = {p.id: p for p in papers}
    assert G.number_of_edges() == len(links) > 0
    for source, _, key, data in G.edges(keys=True, data=True):
        paper = by_id[G.nodes[source]["paper_id"]]
        assert data["evidence"], (source, key)
        assert 0 < data["confidence"] <= 1
        for ev in data["evidence"]:
            text = paper.title if ev["field"] == "title" else paper.abstract
            assert text[ev["start"]:ev["end"]] == ev["text"]
            assert ev["rule"] and ev["sentence"]


def test_mention_key_uses_lexicon_id_or_normalised_name():
    ev = Evidence("abstract", 0, 3, "x", "x", "test", 0.5)
    assert mention_key(Mention("X", "method", ev, lexicon_id="method|X")) == ("lexicon",
                                                                            "method|X")
    assert mention_key(Mention("FooNet-7B", "method", ev)) == mention_key(
        Mention("foonet", "method", ev))


def test_resolve_hand_built_records():
    ev = Evidence("abstract", 0, 4, "BiLD", "BiLD is fast.", "acronym-definition", 0.85)
    a = Extraction("p1", (Mention("BiLD", "method", ev, roles=("uses", "proposed"),
                                  aliases=("Big Little Decoder",)),))
    b = Extraction("p2", (Mention("Big Little Decoder", "method", ev),))
    entities, links = resolve([a, b])
    assert [(e.id, e.paper_count) for e in entities] == [("method/bild", 2)]
    assert sorted((link.paper_id, link.relation) for link in links) == [
        ("p1", "proposes"), ("p1", "usesMethod"), ("p2", "usesMethod")]


def test_entity_slug():
    assert entity_slug("GPT-4") == "gpt-4"
    assert entity_slug("PixArt-Σ") == "pixart-σ"


def test_results_point_at_the_entities_of_their_mentions():
    from kg.resolve import resolve_all

    papers = [Paper("p0", "Zorbformer: Fast Things", "Zorbformer reaches an FID of 7.9 on COCO, "
                    "against 9.5 for SDXL."),
              Paper("p1", "Another Paper", "Our model gets a BLEU score of 31.1 on WMT14.")]
    resolved = resolve_all(extract(papers))
    ids = {e.label: e.id for e in resolved.entities}
    rows = {(r.paper_id, r.method_id, r.dataset_id, r.metric_id, r.value, r.own)
            for r in resolved.results}
    assert rows == {
        ("p0", ids["Zorbformer"], ids["COCO"], ids["FID"], "7.9", True),
        ("p0", ids["SDXL"], ids["COCO"], ids["FID"], "9.5", False),
        ("p1", None, ids["WMT14"], ids["BLEU"], "31.1", True)}  # the unnamed own system
    # Every result's metric is also a reported metric of its paper.
    reported = {(link.paper_id, link.entity_id) for link in resolved.links
                if link.relation == "reportsMetric"}
    assert {(r.paper_id, r.metric_id) for r in resolved.results} <= reported
    G = build_graph(papers, resolved.entities, resolved.links, resolved.results)
    assert [r["value"] for r in G.nodes["paper/p0"]["results"]] == ["7.9", "9.5"]
    assert G.nodes["paper/p1"]["results"][0]["method"] is None


# ---------------------------------------------------------------- families (issue 9, class 4)


def family_entity(entities, label):
    [family] = [e for e in entities if e.label == label and e.family]
    return family


def test_a_family_never_takes_the_names_that_imply_it_as_aliases():
    _, entities, _ = build(
        "We train a Diffusion Transformer and DiT-XL on images.",
        "A Vision Transformer (ViT) and MM-DiT are compared; transformers scale.",
    )
    transformer = family_entity(entities, "Transformer")
    assert transformer.paper_count == 2  # the names still tag the family
    assert not {"Diffusion Transformer", "DiT", "DiT-XL", "MM-DiT", "Vision Transformer",
                "ViT"} & set(transformer.aliases)
    assert "transformers" in transformer.aliases  # its own word is an alias
    assert "DiT-XL" in entity_named(entities, "DiT").aliases


def test_an_acronym_a_paper_defines_its_own_way_does_not_join_a_lexicon_entry():
    # "NAR" is a lexicon alias of the Non-autoregressive family; this paper's NAR is not.
    _, entities, _ = build(
        "We propose Neighboring Attention Regression (NAR), a new decoder. NAR is fast.",
        "Non-autoregressive (NAR) models are fast.",
    )
    nar = family_entity(entities, "Non-autoregressive model")
    assert "Neighboring Attention Regression" not in nar.aliases and nar.paper_count == 1
    own = entity_named(entities, "Neighboring Attention Regression")
    assert "NAR" in own.aliases and not own.family


def test_a_long_form_that_contains_the_lexicon_name_still_joins_it():
    _, entities, _ = build("We use the Byte-Pair Encoding algorithm (BPE) for tokens.")
    assert len([e for e in entities if e.type == "method"]) == 1


def test_a_coined_listed_name_joins_the_long_form_a_paper_gives_it():
    # "DiffiT" is listed without a long form: the paper's definition is one more alias.
    _, entities, _ = build("We propose Diffusion Quill Transformers (DiffiT), a new model.",
                           "We compare with DiffiT on faces.")
    diffit = entity_named(entities, "DiffiT")
    assert diffit.paper_count == 2 and "Diffusion Quill Transformers" in diffit.aliases


def test_bare_uses_in_a_paper_follow_its_own_definition():
    # The lexicon's LiT is Locked-image Tuning; this paper's LiT, title included, is its own.
    papers, entities, links = build(
        "We propose the Linear Quill Transformer (LiT), a fast decoder. LiT is fast.",
        titles={0: "LiT: Delving into Linear Quill Transformers"})
    own = entity_named(entities, "Linear Quill Transformer")
    assert linked(links, "p0", "proposes") == {own.id}
    assert not any("Locked-image Tuning" in e.aliases or e.label == "Locked-image Tuning"
                   for e in entities)


def test_a_name_and_its_plural_in_one_paper_are_one_entity():
    _, entities, links = build("We propose the Quillformer, a new sparse model. The "
                               "Quillformer is fast.",
                               titles={0: "Quillformers: Trading Depth for Width"})
    own = [e for e in entities if e.type == "method" and e.label.startswith("Quillformer")]
    assert len(own) == 1 and len(linked(links, "p0", "proposes")) == 1


def test_the_titles_versioned_own_name_is_the_bare_name_the_abstract_proposes():
    _, entities, links = build("We propose QuillHuman, a framework for animation. "
                               "QuillHuman is fast.",
                               titles={0: "QuillHuman-1: Rethinking the Scaling of Animation"})
    assert len(linked(links, "p0", "proposes")) == 1
    own = entity_named(entities, "QuillHuman")
    assert "QuillHuman-1" in own.aliases or own.label == "QuillHuman-1"


# ------------------------------------------------------------------ resuming (kg update)


def _resumed_and_full(old_texts, new_texts, *, version="v", state_of=None):
    """(the resolution resumed from the old papers' state, or None; the full resolution)."""
    import marshal

    from kg.cache import content_key
    from kg.extract.corpus_names import link_corpus_names
    from kg.extract.pipeline import first_pass
    from kg.resolve import Resolver, resolve_all

    texts = [*old_texts, *new_texts]
    papers = [Paper(f"p{i}", title, abstract) for i, (title, abstract) in enumerate(texts)]
    keys = [content_key(p.title, p.abstract) for p in papers]
    first = first_pass(papers)
    n = len(old_texts)
    before = Resolver()
    before.add(link_corpus_names(first[:n]))
    before.finish()
    state = marshal.loads(marshal.dumps(before.state(keys[:n], "v"), 2))
    if state_of is not None:
        state = state_of(state)
    everything = link_corpus_names(first)
    resumed = Resolver.resume(state, everything, keys, version)
    full = resolve_all(everything)
    return (resumed.finish() if resumed is not None else None), full


OLD = [("Quillformer: Linear Attention", "We propose Quillformer. It beats BART on XSum."),
       ("Sparse Experts", "Our model is faster than Quillformer and matches GPT-4 on XSum."),
       ("Grokking Decoders", "We compare against ZDN and BART; our decoder beats ZDN.")]


def test_new_papers_that_change_no_earlier_group_resume_to_the_full_resolution():
    resumed, full = _resumed_and_full(OLD, [
        ("Pebble Tokens for Speech", "We introduce Pebble Tokens, evaluated on LibriSpeech "
                                     "against HuBERT and Quillformer."),
        ("Tiny Summarizers", "We fine-tune BART on XSum and CNN/DailyMail (accuracy 41.2).")])
    assert resumed is not None
    assert (resumed.entities, resumed.links, resumed.results) == (
        full.entities, full.links, full.results)
    assert next(e for e in full.entities if e.label == "BART").paper_count == 3


def test_a_definition_joining_earlier_groups_resolves_everything_again():
    # "Zorblin Decoding Network (ZDN)" ties the earlier ZDN to a long form
    resumed, full = _resumed_and_full(
        [*OLD, ("Zorblin Decoding Network: Decoding with Zorblins",
                "We present the Zorblin Decoding Network for summarization on CNN/DailyMail.")],
        [("Revisiting the Zorblin Decoding Network (ZDN)",
          "We revisit the Zorblin Decoding Network (ZDN) and show ZDN underperforms "
          "Quillformer on XSum.")])
    assert resumed is None
    zdn = [e for e in full.entities if e.label in ("ZDN", "Zorblin Decoding Network")]
    assert len(zdn) == 1


def test_an_acronym_given_a_second_meaning_resolves_everything_again():
    resumed, _ = _resumed_and_full(
        [("Quill Routing Memory", "We propose Quill Routing Memory (QRM) for long inputs.")],
        [("Other QRM", "We propose Query Rewriting Machines (QRM) for search.")])
    assert resumed is None


def test_a_new_name_met_by_an_earlier_papers_word_resolves_everything_again():
    # the earlier paper's "Blorpformer" waits for the corpus pass; the new one proposes it
    resumed, full = _resumed_and_full(
        [("Faster Summaries", "Our sparse model is faster than Blorpformer on XSum.")],
        [("Blorpformer: Attention for Blorps", "We propose Blorpformer for summarization.")])
    assert resumed is None
    blorp = next(e for e in full.entities if e.label == "Blorpformer")
    assert {link.paper_id for link in full.links if link.entity_id == blorp.id} == {"p0", "p1"}


def test_a_stale_foreign_or_broken_state_is_not_resumed():
    new = [("Pebble Tokens", "We introduce Pebble Tokens evaluated on LibriSpeech.")]
    assert _resumed_and_full(OLD, new, version="other code")[0] is None

    def changed_paper(state):
        papers = list(state[2])
        papers[1] = (papers[1][0], "another text", *papers[1][2:])
        return (*state[:2], papers, *state[3:])

    assert _resumed_and_full(OLD, new, state_of=changed_paper)[0] is None
    assert _resumed_and_full(OLD, new, state_of=lambda state: state[:5])[0] is None
    assert _resumed_and_full(OLD, new, state_of=lambda state: None)[0] is None
    assert _resumed_and_full(OLD, new, state_of=lambda state: (2, *state[1:]))[0] is None


def test_resuming_at_any_paper_gives_the_full_resolution_or_nothing():
    texts = [*OLD,
             ("Zorblin Decoding Network: Decoding with Zorblins",
              "We present the Zorblin Decoding Network for summarization on CNN/DailyMail."),
             ("Revisiting the Zorblin Decoding Network (ZDN)",
              "We revisit the Zorblin Decoding Network (ZDN) and show ZDN underperforms "
              "Quillformer on XSum."),
             ("Small Summarizers", "Our summarizer outperforms XYZNet and BART on XSum."),
             ("Blorpformer: Attention for Blorps", "We propose Blorpformer, faster than "
                                                   "Quillformer (ROUGE-L 44.1 on XSum)."),
             ("Pebble Tokens for Speech", "We introduce Pebble Tokens on LibriSpeech.")]
    outcomes = []
    for n in range(len(texts)):
        resumed, full = _resumed_and_full(texts[:n], texts[n:])
        outcomes.append(resumed is not None)
        if resumed is not None:
            assert (resumed.entities, resumed.links, resumed.results) == (
                full.entities, full.links, full.results), n
    assert outcomes[0] and any(outcomes[1:]) and not all(outcomes)
