"""``kg_comparisons_v1`` alone: baselines among the methods earlier stages found."""

from __future__ import annotations

import pytest

from .support import candidate, entry, labels, seeded

NAME = "kg_comparisons_v1"


def baselines(component, text, *names, proposed=()):
    def seed(findings):
        seeded(*(dict(surface=n) for n in names))(findings)
        for c in findings.live:
            if c.label in proposed:
                findings.claim(c, "proposed", "propose-cue", 0.8)

    return labels(component(NAME)(text, seed=seed), "method", "baseline")


@pytest.mark.parametrize("sentence", [
    "Our model outperforms Quillet on every task.",
    "Our model is 3x faster than Quillet.",
    "Our small model reaches Quillet-level accuracy.",
    "Quillet is outperformed by our model.",
])
def test_comparison_cues(component, sentence):
    assert baselines(component, sentence, "Quillet") == {"Quillet"}


@pytest.mark.parametrize("sentence", [
    "Unlike Quillet, our model needs no pre-training.",
    "We build on Quillet rather than training from scratch.",
    "This is different than Quillet, which is widely adopted.",
])
def test_contrast_is_no_comparison(component, sentence):
    assert not baselines(component, sentence, "Quillet")


def test_the_rest_of_a_compared_list(component):
    assert baselines(component, "Ours outperforms Quillet, Zorp, and Quax on it.",
                     "Quillet", "Zorp", "Quax") == {"Quillet", "Zorp", "Quax"}


def test_the_papers_own_name_is_never_its_baseline(component):
    assert baselines(component, "Quillet is faster than Zorp and Quillet-S.",
                     "Quillet", "Zorp", proposed=("Quillet",)) == {"Zorp"}


def test_a_compared_pending_word_is_marked_for_the_corpus_pass(component):
    from kg.extract.records import PendingName

    def seed(findings):
        start = findings.text.index("Blorp")
        findings.pending.append(PendingName(start, start + 5, "Blorp"))

    found = component(NAME)("Ours is faster than Blorp.", seed=seed)
    assert "baseline" in found.roles_of(found.pending[0])


def test_a_compared_plain_attention_is_a_method(component):
    found = component(NAME)("Our kernel needs fewer reads than standard attention.")
    assert labels(found, "method", "baseline") == {"Standard attention"}


def test_a_family_inside_a_compared_name_is_no_baseline_of_its_own(component):
    def seed(findings):
        seeded(dict(surface="Quill Transformers", label="QuillT"),
               dict(surface="Transformer", rule="family-in-name"))(findings)

    found = component(NAME)("Ours outperforms Quill Transformers on it.", seed=seed)
    assert labels(found, "method", "baseline") == {"QuillT"}


@pytest.mark.parametrize("sentence", [
    "Compared with recent models built on Quillet, our models are faster.",
    "Ours outscales Quillet by 23%.",
    "Ours is competitive to strong Quillet models.",
    "Ours achieves competitive performance with Quillet on all tasks.",
    "It reaches comparable results to Quillet at half the cost.",
])
def test_more_comparison_cues_and_heads(component, sentence):
    assert baselines(component, sentence, "Quillet") == {"Quillet"}


@pytest.mark.parametrize("sentence", [
    "We build on Quillet rather than Zorp.",
    "It needs no data other than Zorp outputs.",
    "Our attack crafts adversarial prompts against Zorp.",
    "The detector stays robust against Zorp and Quax.",
    "We defend against Zorp in every setting.",
])
def test_contrast_and_attack_targets_are_no_comparison(component, sentence):
    """The longer cue ending with "than" wins; "against" after attack/defence words
    names a target."""
    names = [n for n in ("Quillet", "Zorp", "Quax") if n in sentence]
    assert not baselines(component, sentence, *names)


@pytest.mark.parametrize("sentence", [
    "Ours surpasses Quillet by +17.6~pp and Zorp by +4.0~pp.",
    "It narrows the gap in FID with Zorp to 5%.",
    "Ours closes the performance gap of reasoning to Zorp.",
    "It yields 30% lower latency over Zorp.",
    "Decoding needs fewer steps over Zorp at equal quality.",
])
def test_gap_amount_and_over_phrasings(component, sentence):
    names = [n for n in ("Quillet", "Zorp") if n in sentence]
    assert "Zorp" in baselines(component, sentence, *names)


def _pending(*words_):
    from kg.extract.records import PendingName

    def seed(findings):
        for word in words_:
            start = findings.text.index(word)
            findings.pending.append(PendingName(start, start + len(word), word))
    return seed


@pytest.mark.parametrize("sentence, word", [
    ("Compared with the online SOTA QRT, ours is 3x faster.", "QRT"),
    ("Ours outperforms strong rivals like ZorpNet-2 on all tasks.", "ZorpNet-2"),
    ("It beats BlaX by a wide margin.", "BlaX"),
    ("Ours is faster than the recent qT7 baseline.", "qT7"),
])
def test_a_name_shaped_word_compared_against_is_a_method_baseline(component, sentence, word):
    found = component(NAME)(sentence, seed=_pending(word))
    assert labels(found, "method", "baseline") == {word}
    assert not found.pending


@pytest.mark.parametrize("sentence, word", [
    ("It scores 58% compared to 44% (95% CI, 43 to 46%) for humans.", "CI"),
    ("It agrees better than existing metrics, such as QRT, with people.", "QRT"),
])
def test_numbers_and_measures_after_a_cue_are_no_compared_methods(component, sentence, word):
    found = component(NAME)(sentence, seed=_pending(word))
    assert not labels(found, "method", "baseline")


@pytest.mark.parametrize("sentence", [
    "With as many tokens as Zorp, Quill MoE v2 reaches it.",
    "Quill MoE v2 is faster than Zorp and Quill MoE v2 Chat.",
])
def test_a_name_inside_the_papers_own_multiword_name_is_no_baseline(component, sentence):
    def seed(findings):
        title = findings.add(candidate(findings, "Quill MoE v2", rule="title-name"))
        findings.claim(title, "proposed", "title-name", 0.85)
        seeded(*(dict(surface="Quill", nth=n) for n in range(sentence.count("Quill"))),
               dict(surface="Zorp"))(findings)

    found = component(NAME)(sentence, title="Quill MoE v2: Sparse Decoders", seed=seed)
    assert labels(found, "method", "baseline") == {"Zorp"}


@pytest.mark.parametrize("sentence", [
    "It speeds up decoding by 3.5x over Quillet.",
    "Ours runs 2.8-17× over Quillet on long inputs.",
    "The kernel gives a 4x over Quillet at batch one.",
    "Attention runs 1.6-10X over Quillet (QL) on H100s.",
])
def test_a_factor_before_over(component, sentence):
    assert baselines(component, sentence, "Quillet") == {"Quillet"}


def test_a_factor_is_never_a_baseline(component):
    assert baselines(component, "It is 3x over Quillet and 1.6-10x over Zorp.",
                     "Quillet", "1.6-10x", "Zorp") == {"Quillet", "Zorp"}


@pytest.mark.parametrize("sentence", [
    "Ours surpasses strong baselines on both tasks, including Quillet and Zorp.",
    "It beats proprietary models tuned on private data such as Quillet and Zorp.",
    "QuillNet outperforms prior agent systems in every setting, e.g., Quillet and Zorp.",
    "We compare with four recent methods for long inputs, like Quillet and Zorp.",
])
def test_the_examples_of_a_compared_class_noun(component, sentence):
    assert baselines(component, sentence, "Quillet", "Zorp") == {"Quillet", "Zorp"}


def test_examples_after_a_clause_break_are_no_baselines(component):
    assert not baselines(component, "Ours beats strong baselines. Tools such as Quillet "
                         "and Zorp are popular.", "Quillet", "Zorp")


@pytest.mark.parametrize("sentence", [
    "Applying QuillNet to Zorp and Quax yields consistent gains.",
    "We integrate QuillNet into both Zorp and Quax. QuillNet improves results on all tasks.",
    "QuillNet-tuning raises the accuracy of Zorp and Quax from 40% to 52%.",
    "The results show QuillNet's ability to enhance existing Zorp and Quax models.",
    "Applying our proposed method to Zorp and Quax gives gains. QuillNet is new.",
    "QuillNet is new. Our framework improves the accuracy of Zorp and Quax.",
])
def test_the_methods_the_papers_own_method_is_applied_to_and_improves(component, sentence):
    assert baselines(component, sentence, "QuillNet", "Zorp", "Quax",
                     proposed=("QuillNet",)) == {"Zorp", "Quax"}


@pytest.mark.parametrize("sentence", [
    "We apply QuillNet to Zorp and Quax in three domains.",  # no gain stated
    "QuillNet improves the encoder, employs Zorp and runs on Quax.",
    "Zorp improves Quax, and QuillNet is new.",  # the improver is not the paper's own
])
def test_applied_or_improved_without_a_gain_of_the_papers_own_method(component, sentence):
    assert not baselines(component, sentence, "QuillNet", "Zorp", "Quax",
                         proposed=("QuillNet",))


def test_an_improved_family_is_no_baseline(component):
    def seed(findings):
        seeded(dict(surface="QuillNet"), dict(surface="language models", label="LLM",
                                               lexicon=entry("LLM", family=True)))(findings)
        findings.claim(findings.live[0], "proposed", "propose-cue", 0.8)

    found = component(NAME)("QuillNet improves the faithfulness of language models.", seed=seed)
    assert not labels(found, "method", "baseline")


@pytest.mark.parametrize("sentence", [
    "Tests show that while Zorp reaches a success rate of 31.5%, QuillNet reaches 60.2%.",
    "While Zorp scores 0.41, QuillNet scores 0.77 on it.",
    "Zorp fails badly and scores 0% there, while QuillNet solves 92% of the cases.",
])
def test_a_score_set_against_the_papers_own_score(component, sentence):
    assert baselines(component, sentence, "QuillNet", "Zorp",
                     proposed=("QuillNet",)) == {"Zorp"}


@pytest.mark.parametrize("sentence", [
    "While Zorp is popular, QuillNet reaches 60.2%.",  # no score of Zorp
    "Zorp reaches 31.5%, while Quax reaches 60.2%.",  # neither is the paper's own
    "While Zorp reaches 31.5%, QuillNet needs no labels.",  # no score of the paper's own
])
def test_contrast_without_two_scores_is_no_comparison(component, sentence):
    names = [n for n in ("QuillNet", "Zorp", "Quax") if n in sentence]
    assert not baselines(component, sentence, *names, proposed=("QuillNet",))


def _phrases(component, sentence, *names, family=None):
    def seed(findings):
        seeded(*(dict(surface=n) for n in names))(findings)
        if family:
            seeded(dict(surface=family, label=family.capitalize(),
                        lexicon=entry(family.capitalize(), family=True)))(findings)

    return labels(component(NAME)(sentence, seed=seed), "method", "baseline")


@pytest.mark.parametrize("sentence, expected", [
    ("Ours outperforms direct cross-view distillation and soft-label weighting.",
     {"Direct cross-view distillation", "Soft-label weighting"}),
    ("It shows steady gains over other strategies, such as greedy voting.", {"Greedy voting"}),
    ("Ours beats prompting schemes such as plain asking or Quillet on most tasks.",
     {"Plain asking", "Quillet"}),
    ("It is faster than previously-proposed one-shot pruning methods.", {"One-shot pruning"}),
])
def test_a_lower_case_technique_compared_against(component, sentence, expected):
    names = [n for n in ("Quillet",) if n in sentence]
    assert _phrases(component, sentence, *names, family="distillation"
                    if "distillation" in sentence else None) == expected


@pytest.mark.parametrize("sentence", [
    "We explore full tuning as well as low-rank tuning.",
    "Ours beats models that do not use synthetic fine-tuning data.",
    "Ours outperforms prior chained prompting schemes such as Quillet.",
    "Unlike greedy voting, ours needs no samples.",
])
def test_no_compared_technique_phrase(component, sentence):
    names = [n for n in ("Quillet",) if n in sentence]
    assert _phrases(component, sentence, *names) <= {"Quillet"}


def _with_family(component, sentence, family, *names):
    def seed(findings):
        seeded(*(dict(surface=n) for n in names))(findings)
        for n in range(sentence.count(family)):
            seeded(dict(surface=family, label="Qfam", nth=n,
                        lexicon=entry("Qfam", family=True)))(findings)

    return labels(component(NAME)(sentence, seed=seed), "method", "baseline")


@pytest.mark.parametrize("sentence, expected", [
    ("Ours outperforms QF-tuned few-step generators.", set()),
    ("Ours even beats multi-step QF-trained samplers.", set()),
    ("Ours surpasses the earlier Zorp QF backbone by 2 points.", {"Zorp"}),
    ("Ours is faster than QF-based counterparts.", {"Qfam"}),
    ("Ours outperforms QF models.", {"Qfam"}),
])
def test_a_family_that_only_says_how_the_rival_is_trained(component, sentence, expected):
    names = [n for n in ("Zorp",) if n in sentence]
    assert _with_family(component, sentence, "QF", *names) == expected


@pytest.mark.parametrize("sentence, family, expected", [
    # the lexicon's family span takes the attached "-based" along
    ("Ours is far more efficient than prior QF-based embedding models.", "QF-based", set()),
    ("Ours is faster than QF-based counterparts.", "QF-based", {"Qfam"}),
    ("Ours outperforms Zorp (a QF loss-based framework).", "QF", {"Zorp"}),
])
def test_a_family_glued_to_its_modifier_suffix(component, sentence, family, expected):
    names = [n for n in ("Zorp",) if n in sentence]
    assert _with_family(component, sentence, family, *names) == expected


def test_a_cue_inside_a_hyphenated_compound_is_no_comparison(component):
    # "distribution-matching", "flow-matching": the compound names an idea, not a rival.
    assert not baselines(component, "This distribution-matching view of Quillet tuning helps.",
                         "Quillet")
    assert baselines(component, "Our model is matching Quillet on every task.",
                     "Quillet") == {"Quillet"}


def test_a_fronted_comparison_of_others_before_the_paper_speaks_is_background(component):
    text = ("However, compared to Quillet, diffusion models lack speed. "
            "We propose Quax, which is faster than Zorp.")
    assert baselines(component, text, "Quillet", "Zorp", "Quax", proposed=("Quax",)) == \
        {"Zorp"}
    # The paper's own subject, or a sentence after it first speaks, still compares.
    assert baselines(component, "Compared to Quillet, Quax needs less memory.",
                     "Quillet", "Quax", proposed=("Quax",)) == {"Quillet"}
    assert baselines(component, "We build Quax. Compared to Quillet, it needs less memory.",
                     "Quillet", "Quax", proposed=("Quax",)) == {"Quillet"}


def test_a_cue_word_inside_a_name_is_no_comparison(component):
    # "flow matching, and rectified flow": "matching" is a word of a method's name.
    assert not baselines(component, "Tricks such as Quill Matching, and Zorp help our model.",
                         "Quill Matching", "Zorp")
    assert baselines(component, "Tricks such as Quill, matching Zorp, help our model.",
                     "Quill", "Zorp") == {"Zorp"}


def test_yet_closes_the_compared_window(component):
    assert not baselines(component, "Common facts survive pruning longer than rare ones, yet "
                                    "existing Quillet tuning ignores them.", "Quillet")
    assert baselines(component, "Ours is faster than Quillet, yet smaller.",
                     "Quillet") == {"Quillet"}


def test_a_vendor_before_a_listed_name_belongs_to_the_item(component):
    from kg.extract.lexicon import LexiconEntry

    vendor = LexiconEntry("Zorp Labs", "negative", kind="organisation")

    def seed(findings):
        seeded(*(dict(surface=n) for n in ("Quillet", "Quax", "Blix", "Quin")))(findings)
        for nth in range(3):
            findings.add(candidate(findings, "Zorp Labs", type_="negative", lexicon=vendor,
                                   nth=nth))

    # "Microsoft DeepSpeed-Inference and NVIDIA FasterTransformer": without their vendors
    # the later items would be too far from the cue and no list would join them.
    found = component(NAME)("Ours outperforms tools such as Quillet, Zorp Labs Quax, "
                            "Zorp Labs Blix and Zorp Labs Quin.", seed=seed)
    assert labels(found, "method", "baseline") == {"Quillet", "Quax", "Blix", "Quin"}


def test_as_well_as_and_behind_compare_only_after_a_verb_of_performance(component):
    # A conjunction and a preposition of cause are no comparisons ...
    for text in ("We describe the cluster as well as the Quillet schedule used to train it.",
                 "We study the mechanisms behind the success of Quillet."):
        assert not baselines(component, text, "Quillet"), text
    # ... performing as well as X, lagging behind X and falling points behind X are.
    for text in ("Our model performs as well as Quillet with half the data.",
                 "Diffusion models still lag behind Quillet on long texts.",
                 "Ours is only 0.3 points behind Quillet."):
        assert baselines(component, text, "Quillet") == {"Quillet"}, text


def _known(component, text, *names, proposed=()):
    def seed(findings):
        seeded(*(dict(surface=n, lexicon=entry(n)) for n in names))(findings)
        for c in findings.live:
            if c.label in proposed:
                findings.claim(c, "proposed", "propose-cue", 0.8)

    return labels(component(NAME)(text, seed=seed), "method", "baseline")


def test_others_methods_compared_before_the_paper_speaks_are_background(component):
    text = "Quillformers lag behind Zorbnets on long inputs. We propose Glorp for them."
    assert not _known(component, text, "Quillformers", "Zorbnets")
    # once the paper speaks of its own work, its comparisons count
    text = "We propose Glorp. It lags only slightly behind Zorbnets on long inputs."
    assert _known(component, text, "Zorbnets") == {"Zorbnets"}


@pytest.mark.parametrize("text", [
    # the question the paper asks is its own aim
    "Can Quillformers run as fast as Zorbnets? We answer this with a new design.",
    # a name no lexicon knows may be the paper's own system, before it says "we"
    "Glorp-X outperforms Zorbnets on every task. We release the code.",
])
def test_a_question_or_an_unknown_subject_keeps_the_comparison(component, text):
    def seed(findings):
        seeded(dict(surface="Zorbnets", lexicon=entry("Zorbnets")))(findings)
        for surface in ("Quillformers", "Glorp-X"):
            if surface in findings.text:
                seeded(dict(surface=surface, lexicon=entry(surface) if surface[0] == "Q"
                            else None))(findings)

    assert labels(component(NAME)(text, seed=seed), "method", "baseline") == {"Zorbnets"}


@pytest.mark.parametrize("sentence, expected", [
    ("With fewer tokens, Glorp approaches Zorbnet on most benchmarks.", {"Zorbnet"}),
    ("Our model beats Quillet and closely approaches Zorbnet.", {"Quillet", "Zorbnet"}),
    ("Existing approaches such as Zorbnet need labels.", set()),
    ("RL approaches such as Zorbnet are unstable.", set()),
    ("Popular solutions are approaches like Zorbnet.", set()),
    ("Glorp is approaching Zorbnet on reasoning.", {"Zorbnet"}),
    ("Compared with pairwise approaches such as Zorbnet, Glorp is simpler.", {"Zorbnet"}),
])
def test_approaches_compares_as_a_verb_not_as_a_noun(component, sentence, expected):
    found = baselines(component, sentence, *(n for n in ("Glorp", "Quillet", "Zorbnet")
                                             if n in sentence), proposed=("Glorp",))
    assert found == expected


def test_a_plural_acronym_improved_names_a_class_not_a_rival(component):
    text = "Glorp improves the accuracy of existing QVMs and of Zorbnet by 3 points."
    assert baselines(component, text, "Glorp", "QVMs", "Zorbnet",
                     proposed=("Glorp",)) == {"Zorbnet"}


@pytest.mark.parametrize("sentence, expected", [
    ("Compared with prior approaches such as Blorp-Forcing, ours needs fewer steps.",
     {"Blorp-Forcing"}),
    ("Ours outperforms Zorp-Image-Layered on text-to-layers generation.",
     {"Zorp-Image-Layered"}),
    ("Unlike Blorp-Forcing, ours needs no teacher.", set()),
    ("We build on Blorp-Forcing and train in one stage.", set()),
    # capitalised modifiers, not names
    ("Ours outperforms State-Of-The-Art methods.", set()),
    ("Ours is faster than Large-Scale pretraining.", set()),
])
def test_a_capitalised_hyphen_compound_compared_against(component, sentence, expected):
    assert baselines(component, sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Ours wins, outperforming strong Zorp policies trained from scratch, video-based "
     "policies, and state-of-the-art Quax models tuned on the same data.", {"Zorp", "Quax"}),
    # a clause between the two: the second name is no item of the compared list
    ("Ours outperforms Zorp trained from scratch, which is slow, and modern Quax.", {"Zorp"}),
])
def test_the_last_item_of_a_list_of_long_items(component, sentence, expected):
    assert baselines(component, sentence, "Zorp", "Quax") == expected


def test_naming_its_own_work_is_speaking_of_it(component):
    # no "we" yet: the paper's own (lexicon-known) name in the sentence makes it its own
    text = ("This technical report introduces Quill-2, a fast model. Notably, Quill-2 "
            "needs 0.5 seconds, a 7x improvement over the Zorp-1. We release the code.")

    def seed(findings):
        seeded(dict(surface="Quill-2", lexicon=entry("Quill-2")),
               dict(surface="Quill-2", lexicon=entry("Quill-2"), nth=1),
               dict(surface="Zorp-1", lexicon=entry("Zorp-1")))(findings)
        findings.claim(findings.live[0], "proposed", "propose-cue", 0.8)

    assert labels(component(NAME)(text, seed=seed), "method", "baseline") == {"Zorp-1"}


@pytest.mark.parametrize("sentence, expected", [
    ("Ours is a significant advancement over its predecessor, Zorp.", {"Zorp"}),
    ("Ours gives a speedup of 38% w.r.t. the standard Zorp.", {"Zorp"}),
    ("We take the gradient w.r.t. the Zorp weights.", set()),
    ("We discuss Zorp over several pages.", set()),
])
def test_gated_cues_need_a_gain_before_them(component, sentence, expected):
    assert baselines(component, sentence, "Zorp") == expected


def test_a_score_after_a_listed_item_is_part_of_it(component):
    sentence = ("Ours scores 6.42, clearly outperforming the other generators including "
                "Zorp of 5.33, Quax of 5.34, Dorp of 5.40 and Blip of 5.85.")
    names = ("Zorp", "Quax", "Dorp", "Blip")
    assert baselines(component, sentence, *names) == set(names)


@pytest.mark.parametrize("sentence, expected", [
    ("We use Zorp and Quax as baselines.", {"Zorp", "Quax"}),
    ("Experiments with Zorp serving as the baseline show large gains.", {"Zorp"}),
    ("Ours scores 90, ahead of Zorp (86) and Quax (85).", {"Zorp", "Quax"}),
    ("We use Zorp as a teacher and Quax as a judge.", set()),
])
def test_names_used_as_baselines(component, sentence, expected):
    names = [n for n in ("Zorp", "Quax") if n in sentence]
    assert baselines(component, sentence, *names) == expected
