"""Metrics (kg/extract/metrics.py): one test per rule, on short synthetic texts."""

from __future__ import annotations

import pytest

from kg.extract.metrics import find_metrics, metric_label
from kg.extract.pipeline import extract_one
from kg.extract.records import DocText
from kg.model import Paper


def metrics(abstract: str, title: str = "A Study of Things") -> set[str]:
    x = extract_one(Paper("p", title, abstract))
    return {m.label for m in x.mentions if m.type == "metric"}


def test_a_named_metric_counts_even_without_a_number():
    assert metrics("We evaluate translations with BLEU and report perplexity.") >= {
        "BLEU", "Perplexity"}
    assert metrics("Samples are rated with FID scores.") == {"FID"}


def test_a_generic_measure_counts_only_as_the_measure_of_a_result():
    assert metrics("Accuracy matters to users of such systems.") == set()
    assert metrics("Our model improves accuracy on every split.") == {"Accuracy"}
    assert metrics("It reaches 85% accuracy.") == {"Accuracy"}


def test_a_generic_measure_in_the_background_before_the_paper_speaks_is_none():
    # Before the paper's own work begins, "accuracy" with no value is the field's problem.
    assert metrics("Grid solvers often suffer from limited accuracy. They require dense "
                   "meshes to achieve high accuracy. We propose Flent, a meshless solver.") \
        == set()
    # From the paper's own sentence on (its "we" or its own name), it counts again.
    assert metrics("Grid solvers often suffer from limited accuracy. We propose Flent, "
                   "which improves accuracy on every mesh.") == {"Accuracy"}
    assert metrics("Grid solvers suffer from limited accuracy. Flent improves accuracy "
                   "on every mesh.", title="Flent: A Meshless Solver") == {"Accuracy"}
    # A value makes it a result anywhere; a paper that never speaks of itself has no
    # background.
    assert metrics("Grid solvers reach 71% accuracy. We propose Flent.") == {"Accuracy"}
    assert metrics("Grid solvers improve accuracy on every mesh.") == {"Accuracy"}


def test_a_qualified_generic_measure_is_named_whole():
    assert metrics("Our model improves emotion accuracy by 4% on the test split.") == {
        "Emotion accuracy"}
    assert metrics("It lowers the sequence error rate to 3% on long inputs.") == {
        "Sequence error rate"}
    # Two words before a nominal one; no verb, grade or place word is a qualifier.
    assert metrics("Zorb improves question answering accuracy on two sets.") == {
        "Question answering accuracy"}
    assert metrics("Zorb reduces tokens, often bolstering reasoning accuracy.") == {
        "Reasoning accuracy"}
    assert metrics("Zorb increases the average accuracy by 2% on both sets.") == {"Accuracy"}
    assert metrics("Zorb reaches 71% zero-shot accuracy.") == {"Accuracy"}
    # The lexicon's own qualified names stay its own.
    assert metrics("Zorb improves classification accuracy on two sets.") == {"Accuracy"}
    assert metrics("It is evaluated in terms of strict accuracy and format accuracy.") == {
        "Strict accuracy", "Format accuracy"}


def test_the_bare_measure_is_the_one_qualified_form_the_paper_names():
    assert metrics("Zorb reaches 83.1% top1 accuracy, with 0.3% higher accuracy than "
                   "Blip.") == {"Top-1 accuracy"}
    assert metrics("Zorb raises emotion accuracy by 4%, and accuracy by 2% overall.") == {
        "Emotion accuracy"}
    # Two qualified forms: the bare word is neither.
    assert metrics("Zorb raises strict accuracy by 4%, format accuracy by 3%, and "
                   "accuracy by 2%.") == {"Strict accuracy", "Format accuracy", "Accuracy"}


def test_a_measure_in_a_contrast_is_not_reported():
    assert metrics("We report METEOR instead of BLEU on the test set.") == {"METEOR"}


def test_lower_case_words_are_not_capitalised_names():
    # "map" is no mAP, "clips" no CLIP-S.
    assert metrics("We map short clips to a latent space and compare them.") == set()


def test_a_score_of_a_number_is_an_unnamed_score():
    assert metrics("Our system achieves a new best score of 68.3% on the test set.") == {
        "Score"}


def test_measures_the_paper_defines_or_lists_are_metrics():
    assert "QSC" in metrics("We introduce the Quality Sufficiency Criterion (QSC) for "
                            "this setting.")
    assert "WXL" in metrics("High Word Xylo Lost (WXL) scores hurt the transcripts.")
    found = metrics("We formulate three novel metrics -- the Blur, Drift, and Glare of "
                    "Seeing -- for video.")
    assert {"Blur", "Drift", "Glare"} <= found
    found = metrics('We propose distinct measures of "temporal grip" and "specificity" here.')
    assert {"Temporal grip", "Specificity"} <= found
    # Vague quality words are no measure.
    assert metrics("We use three independent measures (prompt adherence, overall audio "
                   "quality, taste fidelity) of the output.") >= {"Prompt adherence"}
    assert not any("quality" in m.lower() for m in metrics(
        "We use three independent measures (prompt adherence, overall audio quality) here."))


def test_find_metrics_is_pure():
    text = "T\n\nOur model reaches a score of 68.3%."
    view = DocText.of(text, 1, 3)
    assert [(h.label, h.rule, text[h.start:h.end]) for h in find_metrics(view, [], [])] == [
        ("Score", "metric-score-of", "score")]
    assert metric_label("accuracy") == "Accuracy" and metric_label("mIoU") == "mIoU"


def test_a_cost_measure_counts_with_a_value_of_its_own():
    # Spoken of, or lowered by a factor or a relative amount: a speed-up, not a measure.
    assert metrics("Our method improves latency for many applications.") == set()
    assert metrics("Our method lowers inference latency, with a 1.4x speedup.") == set()
    assert metrics("Our method improves accuracy while reducing training time by 10-30%.") == {
        "Accuracy"}
    # A measured value counts, and so does a share it is cut to.
    assert "Latency" in metrics("Our model runs with 1.6 ms inference latency on a phone.")
    assert "FLOPs" in metrics("Our model keeps 99% accuracy while reducing FLOPs to 16.7%.")
    # A version number in a name is no value.
    assert metrics("We introduce Glorbo 2.5, a robot model.",
                   title="Glorbo 2.5: Seeing Depth, Keeping Time") == set()


def test_a_rate_the_paper_trades_or_keeps_counts_without_a_value():
    # The guidelines' named measure the paper evaluates with: traded, kept, added to.
    assert metrics("Our planner adds negligible additional inference latency.") == {"Latency"}
    assert "Latency" in metrics("Glorp gives the best mAP and latency trade-off, with 49.1 mAP.")
    assert metrics("Frozen models may trade accuracy for latency by skipping layers.") == {
        "Latency"}
    assert metrics("Memory and per-block latency remain constant over long streams.") == {
        "Latency"}
    # Only spoken of, the problem stated, or a speed-up reported: no measure.
    assert metrics("Latency matters for many applications.") == set()
    assert metrics("Prior systems suffer from high latency on phones.") == set()
    assert metrics("Caching holds promise for reducing per-step latency in such models.") == set()
    assert metrics("The method offers low-latency decoding for phones.") == set()


def test_a_loss_the_paper_measures_is_a_metric():
    # Scaling-law and pre-training papers measure losses: with a value, or as what a
    # change or a scaling law is of.
    assert metrics("We find scaling laws for the cross-entropy loss of image models.") == {
        "Cross-entropy loss"}
    assert metrics("Small models match the val loss of larger ones.") == {"Val loss"}
    assert metrics("Glorp reduces validation loss on every size.") == {"Validation loss"}
    assert metrics("The classifier's classification loss levels off early.") == {
        "Classification loss"}
    assert "Log-loss" in metrics("We reach a log-loss of 0.51 on the shared task.")
    # "area under curve" is the AUC, with or without its article.
    assert metrics("It reaches an area under curve of 0.98 on the task.") == {"AUC"}
    # A loss a model is trained with, or a loss function, is no measure.
    assert metrics("Models are trained via cross-entropy loss on the corpus.") == set()
    assert metrics("We add a training loss function for the router.") == set()


def test_leaderboard_phrases_match_in_lower_case_and_averages_are_the_measure():
    # Leaderboards write "Attack Success Rate": a lower-case use is the same measure.
    assert metrics("Our attack reaches high attack success rates on the test set.") == {
        "Attack success rate"}
    # "average accuracy" is the accuracy the gold names; a qualified generic measure
    # a leaderboard lists ("execution accuracy") needs a result like any generic one.
    assert metrics("The agent scores 61.5% average accuracy over all suites.") == {"Accuracy"}
    assert metrics("Rewards strengthen robustness and execution accuracy.") == set()


def test_a_name_the_paper_calls_a_metric_is_one():
    found = metrics("We introduce a metric FlimGap to quantify the drift of judges.")
    assert found == {"FlimGap"}
    # The measure named inside a defined one is no second metric.
    assert metrics("We define the Harbor Stability Score (HSS) to compare agents.") == {"HSS"}


def test_the_items_a_metric_list_introduces_are_metrics():
    found = metrics("It scores outputs with sub-metrics, including rope tension, knot "
                    "symmetry, and lace completeness.")
    assert {"Rope tension", "Knot symmetry", "Lace completeness"} <= found
    found = metrics("We add two metrics for systematically assessing crowd agreement and "
                    "label stability.")
    assert {"Crowd agreement", "Label stability"} <= found
    # Systems after "metrics, including" are no measures.
    assert metrics("Automatic metrics, including judge-based approaches, miss the gap.") == set()


def test_a_hyphenated_cost_word_before_a_noun_is_a_modifier():
    assert metrics("We add inference-time search and raise success rates by +12.0% overall.") \
        == {"Success rate"}


def _types(abstract: str) -> dict[str, set[str]]:
    x = extract_one(Paper("p", "A Study of Things", abstract))
    found: dict[str, set[str]] = {}
    for m in x.mentions:
        found.setdefault(m.type, set()).add(m.label)
    return found


@pytest.mark.parametrize("abstract, measures", [
    ("We score outputs with perceptual metrics, including CLIP, DINOv2 and ImageBind.",
     {"CLIP", "DINOv2", "ImageBind"}),
    ("Results improve on standard metrics (e.g., CLIP) over all glorp scenes.", {"CLIP"}),
    ("It wins on human-aligned scores (e.g., ImageReward, DINOv2) for every prompt.",
     {"ImageReward", "DINOv2"}),
    ("For each glorp clip the suite reports measures such as ArcFace and CLIP.",
     {"ArcFace", "CLIP"}),
])
def test_names_listed_as_metrics_are_measures_not_methods(abstract, measures):
    found = _types(abstract)
    assert measures <= found.get("metric", set()), found
    assert not measures & found.get("method", set()), found


def test_a_listed_measure_named_elsewhere_as_a_model_stays_a_method_there():
    found = _types("We fine-tune CLIP on glorps. We report metrics, including CLIP and FID.")
    assert "CLIP" in found["method"] and "CLIP" in found["metric"]


def test_human_judgment_is_a_measure_but_not_what_a_model_is_aligned_with():
    assert "Human evaluation" in metrics("Human evaluation shows that raters favour our "
                                         "summaries over the baseline's.")
    assert "Human evaluation" in metrics("We collect human ratings of fluency for 500 outputs.")
    assert "Human preference" in metrics("Our critic beats every baseline at aligning with "
                                         "human preference ratings.")
    for aligned in ("We tune chatbots to align better with human preferences.",
                    "The reward model is trained for human preference alignment.",
                    "Its scores correlate at 0.61 with human evaluations.",
                    "Both metrics are validated through extensive human ratings."):
        assert not metrics(aligned) & {"Human evaluation", "Human preference"}, aligned


def test_a_measure_at_a_cut_off_is_a_metric_by_its_shape():
    assert {"Fix@1", "Succ@10"} <= metrics("Our agent reaches 41.2% Fix@1 on the repair set "
                                            "and a Succ@10 of 77.0.")
    assert "Solve@3" in metrics("With search, Solve@3 rises to 40% on every split.")
    assert metrics("Write to team@lab for the data.") == set()


def test_a_named_benchmarks_or_judges_score_is_a_measure():
    assert "QuillBench score" in metrics("Our model reaches a QuillBench score of 7.1.")
    assert "Quizmaster score" in metrics("Such agents get poor Quizmaster scores on long papers.")
    assert "Arena score" in metrics("Selective reporting biases their Arena scores upwards.")
    # A capital of the sentence, a model that scores, a named measure's own score: no.
    assert metrics("Higher scores are better for this kind of test.") == set()
    assert "Zorbformer score" not in metrics("We present Zorbformer. Zorbformer scores 85% "
                                             "on MMLU.")
    assert metrics("Samples get high BLEU scores.") == {"BLEU"}
    assert "ZorbRank score" not in metrics("ZorbRank scores layers with a cheap proxy.")
    assert "ZorbRank score" in metrics("ZorbRank scores of all agents stay low.")


def test_an_acronym_a_reported_value_is_measured_in_is_a_metric():
    assert "HBU" in metrics("Our kernel achieves 61.2% HBU on a single card.")
    assert "QPS" in metrics("The server attains about 950 QPS on the web trace and 700 QPS "
                            "on the chat trace.")
    assert "QPS" in metrics("The engine reached an impressive 12.5 QPS per core.")
    assert metrics("It reaches 3 GPU hours of training at most.") == set()


def test_a_capitalised_name_headed_by_a_measure_word_is_a_metric():
    assert "Layout Drift Index" in metrics("We propose the Layout Drift Index to audit scenes.")
    assert "Prompt Faithfulness Metric" in metrics(
        "Outputs are judged by a novel Prompt Faithfulness Metric on every prompt.")
    assert "Multiple Choice Accuracy" in metrics(
        "Models are compared with Multiple Choice Accuracy (MCA) over three runs.")
    # A longer capitalised name (a task), a title, a sentence's first capital: no.
    assert not metrics("We test it on Grammatical Error Correction and Text Simplification.")
    assert not metrics("We study images.", title="A Consistency Score for Images")
    assert not metrics("Higher Accuracy Rate is not what we aim at.") & {
        "Higher Accuracy Rate", "Accuracy Rate"}


def test_a_short_measure_name_that_ends_a_hyphenated_model_name_is_the_model():
    assert "ROUGE-1" not in metrics("We distil DeepSeek-R1 into a small model trained on "
                                    "data generated by R1, which reaches 61% accuracy.")
    assert "ROUGE-1" in metrics("Our summariser reaches 44.1 R1 on CNN/DailyMail.")


def test_a_rate_only_changed_is_a_speed_up_not_a_measure():
    # "speed-ups ... ('3x faster') are not metrics": a latency or throughput the text only
    # lowers, raises or changes by a factor or a share has no value of its own.
    assert metrics("We propose a scheduler to reduce generation latency on two GPUs.") == set()
    assert metrics("It yields a 2.0x throughput improvement on one GPU.") == set()
    assert metrics("A one-layer model has 3.1x faster inference latency than a deep one.") \
        == set()
    assert metrics("It runs with 3.2-6.1x higher throughput and 2–4× lower latency.") == set()
    assert metrics("Glorp reduces inference latency by 2.1x on long prompts.") == set()
    assert metrics("Glorp reaches 5.18\\times latency reductions and 42.9% energy savings.") \
        == set()
    assert metrics("Glorp cuts training time by 3x.") == set()
    # with a value of its own it is one
    assert metrics("Glorp cuts inference latency to 1.6 ms on a phone.") == {"Latency"}


def test_a_named_score_wins_over_a_shape_rules_guess_at_its_name():
    # "QuizMaster" alone reads like a coined name; its scores make it a measure here.
    assert "QuizMaster score" in metrics("Posters get poor QuizMaster scores on long papers, "
                                         "and QuizMaster rewards clear figures.")


def test_r_at_k_is_recall_at_k_not_rouge():
    assert metrics("On Flickr30K our retriever reaches 61.2% R@1 and gains in Recall@5.") == {
        "Recall@1", "Recall@5"}
    assert metrics("Our summarizer gets R-1 of 44.1 on CNN/DailyMail.") == {"ROUGE-1"}


@pytest.mark.parametrize("abstract, named", [
    ("Our protocol has four metrics: Zorb Alignment, Frame Consistency, Glow Rationality, "
     "and Visual Quality.", {"Zorb Alignment", "Frame Consistency", "Glow Rationality",
                             "Visual Quality"}),
    ("It evaluates Prompt Keeping, Detail Holding, Realism, and Edit Purpose "
     "through judges.", {"Prompt Keeping", "Detail Holding", "Realism",
                         "Edit Purpose"}),
    ("The judge scores Story Coherence, Character Fidelity, and Plot Novelty for each "
     "sample.", {"Story Coherence", "Character Fidelity", "Plot Novelty"}),
])
def test_capitalised_dimensions_a_paper_evaluates_are_named_metrics(abstract, named):
    assert metrics(abstract) == named


@pytest.mark.parametrize("abstract", [
    "We evaluate GPT-4o, Claude, and Gemini on hard prompts.",
    "We measure fluency, coherence and relevance with judges.",
])
def test_listed_models_and_plain_quality_words_are_no_metrics(abstract):
    assert metrics(abstract) == set()


def test_a_verb_ends_a_listed_measure():
    assert metrics("Metrics such as accuracy and F1 are reported.") == {"Accuracy", "F1"}


@pytest.mark.parametrize("abstract, measure", [
    ("Zeta achieves only 32.0% task success on ToolBench.", "Task success"),
    ("It reaches a 36.5% partial-progress score on OSWorld.", "Partial-progress score"),
    ("The best agent reaches 3.3% success on hard tasks.", "Success rate"),
])
def test_a_percentage_names_its_measure_after_it(abstract, measure):
    assert metrics(abstract) == {measure}


def test_a_comparison_after_a_percentage_names_no_measure():
    assert metrics("Zeta gets a 2% higher score than the rest.") == set()


def test_the_share_of_its_performance_a_system_keeps_is_no_named_measure():
    assert metrics("Our pruned model preserves 98.0% of its original performance.") == set()
    assert metrics("It needs only 40% of the original compute.") == set()


def test_classification_accuracy_is_accuracy_and_named_scores_are_curated():
    assert metrics("Our model reaches 91.2% classification accuracy.") == {"Accuracy"}
    assert metrics("We report the CLAP score and the Vendi score of the samples.") >= {
        "CLAP score", "Vendi score"}


def test_the_object_of_a_change_from_x_to_y_is_a_measure():
    assert metrics("Zorb tuning raises the calibration of Llama 2 from 39.3% to 61.5%.") == {
        "Calibration"}
    assert metrics("Zorb tuning raises the performance of Llama 2 from 39.3% to 61.5%.") <= {
        "Score"}


def test_an_averaged_dice_is_the_dice_score():
    assert metrics("Our glorp segmenter reaches an average Dice of 0.79 on scans.") == {
        "Dice score"}
    assert metrics("Our glorp segmenter reaches 0.79 mean Dice on scans.") == {"Dice score"}


def test_precision_and_recall_are_measures_of_a_result_but_not_of_numbers():
    assert metrics("Glorp brings improvements in accuracy, precision, and recall.") == {
        "Accuracy", "Precision", "Recall"}
    # The precision of numbers, and a task named by recall, are no measures.
    assert metrics("Glorp achieves gains with 4-bit precision against full precision "
                   "baselines.") == set()
    assert metrics("Glorp improves on eight-bit precision and associative recall.") == set()


def test_matching_the_accuracy_of_a_baseline_names_the_measure_of_a_result():
    assert metrics("On the glorp set our zorb matches the accuracy of a tuned baseline.") == {
        "Accuracy"}
    assert metrics("The zorb has to match the user's needs for glorps.") == set()


def test_a_quality_scored_with_a_value_is_a_measure():
    # A rating on a scale, and a quality noun with its percentage.
    assert metrics("Raters score Glorp highly (clarity 4.1/5, fluency 4.3/5).") >= {
        "Clarity", "Fluency"}
    assert "Relevancy" in metrics("Glorp reaches a relevancy of 95% for the top candidate.")
    # No scale, a plural count, or what the paper does not measure: no measure.
    assert metrics("Glorp uses 7 layers 3/5 of the time and a performance of 54%.") == set()


def test_a_plural_generic_measure_with_values_is_the_measure():
    assert metrics("Evaluating 13 models on Zorbench reveals failures: accuracies of 31-42% "
                   "are barely above chance.") == {"Accuracy"}


def test_a_likelihood_of_something_is_a_chance_not_the_measure():
    assert metrics("Zorb plans actions with a higher likelihood of success.") == set()


def test_a_leaderboards_score_needs_a_value():
    assert metrics("Zorb achieves the highest average score in real-world manipulation "
                   "tasks.") == set()
    assert metrics("Zorb achieves an average score of 71.2 on Zorbench.") == {"Average Score"}


def test_established_measures_of_their_fields_are_named_metrics():
    # Speculative decoding's acceptance rate and topic models' coherence, named anywhere;
    # panoptic quality under its leaderboard name.
    assert metrics("Our drafts raise acceptance rates on every dataset.") == {"Acceptance rate"}
    assert metrics("We assess interpretability by topic coherence.") == {"Topic coherence"}
    assert metrics("It reaches 58.0% PQ on COCO.") == {"PQ"}
    assert metrics("It improves the panoptic quality of the masks.") == {"PQ"}
    # A detection rate or a validation loss is a measure only of a result.
    assert metrics("It improves the detection rate of fake text from 54% to 72%.") == {
        "Detection rate"}
    assert metrics("A detection rate matters to moderators.") == set()


def test_human_judgment_a_model_learns_or_a_benchmark_stands_for_is_no_measure():
    assert metrics("A reward model is first trained to represent human preferences.") == set()
    assert metrics("Micro-conditions informed by human preference scores guide training.") == set()
    assert metrics("Our judge matches WebDev Arena, the gold standard for human preference.") \
        == set()
    # Measured by people, it is one.
    assert metrics("Our samples win 70% of pairwise comparisons in a user study.") == {
        "Human preference"}
    assert metrics("A rigorous internal human assessment shows clear gains.") == {
        "Human evaluation"}


def test_a_measure_word_inside_a_longer_name_is_that_names():
    # after another measure's name it is that measure's ("PARENT-T recall")
    assert metrics("We reach PARENT-T recall of 99.1 on the task.") == {"PARENT"}
    # joined into a curve it names the curve, not a measure of its own
    assert metrics("We reach a precision-recall area under curve of 0.87.") == {"AUC"}
    # a proper name qualifies it, and a measure word heads a capitalised name
    assert metrics("Our model reaches an average normalised Levenshtein accuracy of 96%.") == {
        "Levenshtein accuracy"}
    assert metrics("We propose a new metric, Morphological Consistency F1-Score, and report "
                   "an F1 of 80.2.") == {"Morphological Consistency F1-Score", "F1"}
    # a measure naming what a thing is about is no measure there
    assert metrics("We add an IoU-aware loss and curate a human preference dataset.") == set()
    # a capital opening the sentence qualifies nothing
    assert metrics("Overall accuracy reaches 81.2% on the test set.") == {"Accuracy"}


def test_naturalness_and_intelligibility_are_measures_of_a_result():
    # speech systems are judged on them, as on speaker similarity
    assert metrics("We present Glorp-TTS. Glorp-TTS achieves state-of-the-art speaker "
                   "similarity, naturalness and intelligibility.") == {
        "Speaker similarity", "Naturalness", "Intelligibility"}
    # as words only, or a modifier, they are none
    assert metrics("Naturalness matters to listeners.") == set()
    assert metrics("We build an intelligibility-based filter for synthetic data.") == set()
