"""Results (kg/extract/results.py): one test per rule, on short synthetic abstracts.

Each test reads the results as ``kg extract`` prints them: (method, dataset, metric,
value), the paper's own unnamed system as "(ours)", no dataset as "".
"""

from __future__ import annotations

import pytest

from kg.build import build_graph_from_inputs
from kg.export.papers import paper_records
from kg.extract.records import DocText, TypedSpan
from kg.extract.results import find_results, parse_number


def results(abstract: str, title: str = "A Study of Things", tmp_path=None) -> set[tuple]:
    import json
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.jsonl"
        path.write_text(json.dumps({"title": title, "abstract": abstract}) + "\n")
        G, _ = build_graph_from_inputs([path])
    [record] = paper_records(G)
    return {(r["method"], r["dataset"], r["metric"], r["value"]) for r in record["results"]}


def test_a_value_before_its_metric():
    assert results("MobileNet achieves 76.4% top-1 accuracy on ImageNet.") == {
        ("MobileNet", "ImageNet", "Top-1 accuracy", "76.4")}


def test_a_metric_before_its_value():
    assert results("Imagen reaches an FID of 7.27 on COCO.") == {
        ("Imagen", "COCO", "FID", "7.27")}


def test_the_papers_own_system_is_its_proposed_name_or_ours():
    assert results("Our model obtains a BLEU score of 31.1 on WMT14.") == {
        ("(ours)", "WMT14", "BLEU", "31.1")}
    assert results("We present Zorbformer, a new model. Our model obtains a BLEU score of "
                   "31.1 on WMT14.") == {("Zorbformer", "WMT14", "BLEU", "31.1")}
    assert results("We present Zorbformer. It reaches a BLEU score of 31.1 on WMT14.") == {
        ("Zorbformer", "WMT14", "BLEU", "31.1")}


def test_values_in_parentheses_belong_to_the_name_before():
    found = results("We present Zorbformer. Zorbformer reaches 80.1% accuracy on ImageNet, "
                    "as fast as MobileNet (1.6 ms, 74.7% accuracy).")
    assert ("MobileNet", "ImageNet", "Accuracy", "74.7") in found
    assert ("MobileNet", "", "Latency", "1.6") in found


def test_a_time_unit_implies_latency_measured_on_no_dataset():
    assert results("We present Zorbformer. Zorbformer obtains 80.1% accuracy on ImageNet "
                   "with only 2.3 ms inference latency on a phone.") == {
        ("Zorbformer", "ImageNet", "Accuracy", "80.1"),
        ("Zorbformer", "", "Latency", "2.3")}
    # ... unless the dataset is the sentence's topic.
    assert ("Zorbformer", "TaxiBJ", "FPS", "404") in results(
        "We present Zorbformer. For TaxiBJ, Zorbformer runs at 404 FPS.")


def test_from_x_to_y_gives_the_baselines_value_and_the_papers():
    found = results("We present Zorbformer. On TaxiBJ, it reduces MSE relative to SimVP. "
                    "For TaxiBJ, the model boosts FPS from 533 to 2364.")
    assert found == {("SimVP", "TaxiBJ", "FPS", "533"), ("Zorbformer", "TaxiBJ", "FPS", "2364")}
    # A model the paper trains: its score before, and the paper's own after.
    found = results("After training on our data, Llama-3.2-3B improves its accuracy from 4.0% "
                    "to 18.2%.")
    assert found == {("Llama 3.2", "", "Accuracy", "4.0"), ("(ours)", "", "Accuracy", "18.2")}


def test_a_percentage_whose_measure_is_not_named_is_no_result():
    # The guidelines' results are scores on a named metric; "improves from 6.3% to
    # 21.7%" names none, on a dataset or not.
    assert results("Tuned on our traces, Llama-3.2-3B improves from 6.3% to 21.7%.") == set()
    assert results("On ZorbBench, Llama-3.2-3B improves from 6.3% to 21.7%.") == set()
    # A score the text calls one is a result.
    assert results("We present Zorbformer. Zorbformer achieves a score of 85.4 on "
                   "ZorbBench.") == {("Zorbformer", "ZorbBench", "Score", "85.4")}


def test_a_metric_and_a_dataset_carry_to_the_next_result():
    found = results("GPT-4o achieves 47.1% accuracy on ChartSet, and the best open model "
                    "(InternVL), which achieves 29.2%.")
    assert ("InternVL", "ChartSet", "Accuracy", "29.2") in found
    found = results("Our method achieves 68.1% accuracy on the ICBHI dataset. It also "
                    "reaches a sensitivity of 68.3%.")
    assert found == {("(ours)", "ICBHI", "Accuracy", "68.1"),
                     ("(ours)", "ICBHI", "Sensitivity", "68.3")}


@pytest.mark.parametrize("abstract", [
    "Our model improves BLEU by 3.2 points on WMT14.",  # a relative gain
    "Our model is 2.5x faster than BERT in latency.",  # a speed-up
    "Our model gives a 51.3% reduction in MSE on TaxiBJ.",  # a change
    "Our model uses 40.0% of the original training data on ImageNet.",  # a share
    "Our model cuts latency to under 2 seconds.",  # a bound
    "Our model improves accuracy by up to 40% on ImageNet.",  # a bound of a gain
    "Our model gains 10-30% accuracy on ImageNet.",  # a range
    "Readers prefer it in 19/30 cases of accuracy.",  # a fraction
    "Our model brings improvements of 1.5 BLEU on WMT14 and 1.8 ROUGE-1 on XSum.",  # listed gains
    "We fine-tune GPT-4 with a 2024 accuracy protocol.",  # names and years
    "Existing methods reach only 40% accuracy on ImageNet.",  # nobody's system
])
def test_changes_shares_bounds_ranges_and_names_are_no_results(abstract):
    assert results(abstract) == set()


def test_a_technique_family_owns_no_result():
    assert results("Transformers achieve 28.4 BLEU on WMT14.") == set()


@pytest.mark.parametrize("abstract", [
    "We integrate a novel Gated Relay Memory (GRM) module into a vision transformer. "
    "Our approach reaches 81.2% accuracy on ImageNet.",
    "We present a simple recipe. It adds a Quill Fusion block to the encoder. "
    "Our model reaches 81.2% accuracy on ImageNet.",
])
def test_a_named_part_of_the_system_owns_none_of_its_results(abstract):
    assert results(abstract) == {("(ours)", "ImageNet", "Accuracy", "81.2")}


def test_find_results_is_pure_over_spans():
    text = "T\n\nZorb reaches a BLEU score of 31.1 on WMT14, and 30.2 on WMT16."
    view = DocText.of(text, 1, 3)

    def span(name, kind, label=None):
        start = text.index(name)
        return TypedSpan(start, start + len(name), kind, label or name)

    hits = find_results(view, [span("Zorb", "method"), span("BLEU score", "metric", "BLEU"),
                               span("WMT14", "dataset"), span("WMT16", "dataset")], ["Zorb"])
    assert [(h.method, h.own, h.dataset, h.metric, h.value, h.rule) for h in hits] == [
        ("Zorb", True, "WMT14", "BLEU", "31.1", "result:metric-value"),
        ("Zorb", True, "WMT16", "BLEU", "30.2", "result:metric-carried")]
    assert text[hits[0].start:hits[0].end] == "31.1"
    assert parse_number("2,364") == 2364.0 and parse_number("n/a") is None


def test_a_name_in_parentheses_after_a_compared_phrase_is_compared():
    # The score is the subject's, not the compared system's named in parentheses.
    assert results("We present Zorbformer. Zorbformer is slower than the best earlier method "
                   "(MobileNet), at 3.1 s per image.") == {("Zorbformer", "", "Latency", "3.1")}


def test_a_change_in_parentheses_names_two_scores_of_the_system():
    found = results("We present Zorbformer. Zorbformer steadily improves with more data "
                    "(65% to 72% accuracy) and surpasses MobileNet on ImageNet.")
    # No other system holds the first value; the dataset belongs to the other predicate.
    assert found == {("Zorbformer", "", "Accuracy", "65"), ("Zorbformer", "", "Accuracy", "72")}


def test_a_proposed_benchmark_holds_the_results_no_other_dataset_holds():
    found = results("We propose GlorpEval, a comprehensive evaluation suite of 2,000 charts. "
                    "The strongest model, GPT-4o, achieves 47.1% accuracy.")
    assert found == {("GPT-4o", "GlorpEval", "Accuracy", "47.1")}
    # Training data the paper curates is no benchmark of its results.
    found = results("We curate GlorpData, a large-scale grasp dataset of 20 million frames. "
                    "Our policy reaches an average success rate of 77.6% on real robots.")
    assert found == {("(ours)", "", "Success rate", "77.6")}


def test_times_that_qualify_a_noun_or_count_data_are_no_latency():
    found = results("Glimmer-2 runs with a 120 ms planning unit and about 300 ms end-to-end "
                    "latency, trained on (about 900 hours) of speech.",
                    title="Glimmer-2: Fast Talkers")
    assert ("Glimmer-2", "", "Latency", "300") in found
    assert not any(r[3] in ("120", "900") for r in found)


def test_a_value_with_a_plus_is_read_and_counts_of_things_are_not_values():
    found = results("Our Zorb models reach 12+ spBLEU on rare languages, and gain 1+ points "
                    "on 7 multilingual tasks across 15 popular reasoning datasets.",
                    title="Zorb: Translation Models")
    assert found == {("Zorb", "", "spBLEU", "12")}


def test_the_tail_of_the_own_name_is_the_own_system():
    found = results("We present Glimcast v0.3, a streaming model. Glimcast v0.3 keeps the "
                    "v0.2 layout: video at 25 FPS and about 200 ms response latency.",
                    title="Streams as Worlds")
    assert {r[0] for r in found} <= {"Glimcast v0.3"} and found


@pytest.mark.parametrize("abstract", [
    "We present Zorbformer. Zorbformer improves from 41.0% to 57.5% after training.",
    "We introduce Zorbformer, which goes from 12% to 30% with twice the data.",
    "We present Zorbformer. Zorbformer achieves 63% on the new split.",
])
def test_an_unnamed_score_is_neither_a_result_nor_a_metric_of_the_paper(abstract):
    # The guidelines' metrics are named measures, and results are scores on them.
    record = _record(abstract)
    assert record["results"] == [] and record["metrics"] == []


def test_a_named_measure_is_a_metric_of_the_paper():
    record = _record("We present Zorbformer. Zorbformer improves accuracy from 41.0% to 57.5%.")
    assert record["metrics"] == ["Accuracy"]


def _record(abstract: str) -> dict:
    import json
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.jsonl"
        path.write_text(json.dumps({"title": "A Study of Things", "abstract": abstract}) + "\n")
        G, _ = build_graph_from_inputs([path])
    [record] = paper_records(G)
    return record


def test_a_few_modifier_words_may_stand_between_a_value_and_its_measure():
    assert results("We present Zorbformer. Zorbformer reaches 38.5% visual question answering "
                   "accuracy on ImageNet.") == {("Zorbformer", "ImageNet",
                                                 "Visual question answering accuracy", "38.5")}
    assert results("We present Zorbformer. Zorbformer obtains 97.6% frame-level F1.") == {
        ("Zorbformer", "", "F1", "97.6")}


def test_coordinated_values_share_the_measure_named_after_the_last():
    assert results("We present Zorbformer. Zorbformer achieves 52.8% validation and 51.9% "
                   "held-out accuracy.") == {("Zorbformer", "", "Accuracy", "52.8"),
                                         ("Zorbformer", "", "Accuracy", "51.9")}


def test_respectively_pairs_each_value_with_its_listed_dataset():
    expected = {("Zorbformer", "COCO", "Accuracy", "41.2"),
                ("Zorbformer", "ImageNet", "Accuracy", "80.1")}
    assert results("We present Zorbformer. Zorbformer reaches 41.2% and 80.1% accuracy on "
                   "COCO and ImageNet, respectively.") == expected
    assert results("We present Zorbformer. On COCO and ImageNet, Zorbformer reaches 41.2% "
                   "and 80.1% accuracy respectively.") == expected
    assert results("We present Zorbformer. Zorbformer improves accuracy on COCO and ImageNet "
                   "to reach 41.2% and 80.1%, respectively.") == {
        ("Zorbformer", "COCO", "Accuracy", "41.2"),
        ("Zorbformer", "ImageNet", "Accuracy", "80.1")}


def test_it_is_the_name_that_opens_the_sentence_before():
    assert results("We present Zorbkit, a tagger. RoBERTa is the strongest prior tagger. On "
                   "CoNLL-2003, it achieves 93.1% F1.", title="Zorbkit: A Tagger") == {
        ("RoBERTa", "CoNLL-2003", "F1", "93.1")}
    # The sentence before opens with no name: "it" is the paper's own system.
    assert results("We present Zorbkit, a tagger. Its encoder builds on RoBERTa. On "
                   "CoNLL-2003, it achieves 93.1% F1.", title="Zorbkit: A Tagger") == {
        ("Zorbkit", "CoNLL-2003", "F1", "93.1")}


def test_the_name_after_with_is_what_the_system_runs_on():
    assert results("We present Zorbformer. Zorbformer with Llama-3-8B achieves 81.2% accuracy "
                   "on GSM8K.") == {("Zorbformer", "GSM8K", "Accuracy", "81.2")}


def test_from_x_with_its_system_in_parentheses_to_y():
    assert results("We present Zorbkernel. Zorbkernel cuts end-to-end latency from 945 s "
                   "(FlashAttention-2) to 685 s.") == {
        ("FlashAttention-2", "", "Latency", "945"), ("Zorbkernel", "", "Latency", "685")}


def test_a_rate_is_a_measure_a_gap_and_a_model_number_are_no_results():
    assert results("We present Zorbformer. Zorbformer decodes 1148 tokens/s on one card.") == {
        ("Zorbformer", "", "Throughput", "1148")}
    assert results("We present Zorbformer. Zorbformer reaches 38.5% accuracy, a gap (~30%) "
                   "to humans.") == {("Zorbformer", "", "Accuracy", "38.5")}
    assert results("We present Zorbformer. Zorbformer runs at 61% accuracy on the Ascend "
                   "300I chip.") == {("Zorbformer", "", "Accuracy", "61")}


def test_a_part_of_a_whole_is_no_result():
    assert results("We present Zorbkernel. In video models, attention alone takes 800 out of "
                   "945 seconds of inference time.") == set()


def test_a_measure_named_with_its_performance_before_the_value():
    assert results("We present Zorbagent. On SWE-bench Verified, Zorbagent achieves a "
                   "state-of-the-art Fix@1 performance of 54.3%.") == {
        ("Zorbagent", "SWE-bench Verified", "Fix@1", "54.3")}


def test_we_telling_a_finding_is_not_the_system_scored():
    assert results("We present Zorbbench, a benchmark of 500 videos. We find that the best "
                   "model reaches 13.3% accuracy, far below humans at 73.9%.",
                   title="Zorbbench: Testing Video Memory") == set()
    assert results("We present Zorbformer. We show that Zorbformer reaches 80.1% accuracy on "
                   "ImageNet.") == {("Zorbformer", "ImageNet", "Accuracy", "80.1")}


@pytest.mark.parametrize("abstract, expected", [
    ("Zeta reduces the hallucination rate from 31.7% to 15.9%.",
     {("Zeta", "", "Hallucination rate", "15.9")}),
    ("Accuracy improves from 50.1% to 60.2% with Zeta.", {("Zeta", "", "Accuracy", "60.2")}),
])
def test_the_unnamed_base_of_a_named_change_has_no_result(abstract, expected):
    assert results(abstract, title="Zeta: Fast Things") == expected


def test_a_score_raised_to_a_percentage_is_a_result_a_share_is_not():
    assert results("Zeta raises accuracy to 69.3% on COCO.", title="Zeta: Fast Things") == {
        ("Zeta", "COCO", "Accuracy", "69.3")}
    assert results("Zeta reduces FLOPs to 16.7% of the original.",
                   title="Zeta: Fast Things") == set()


def test_a_human_reference_figure_is_no_result():
    assert results("Zeta achieves only 28.5% task success, well below the 91.0% human "
                   "benchmark.", title="Zeta: Agents") == {("Zeta", "", "Task success", "28.5")}


def test_the_share_of_its_performance_a_system_keeps_is_no_score():
    # "retains N% of the original performance" is a share of another system's score,
    # measured by no named metric: no result, like any other share.
    assert results("We propose Zorbnet, a pruning method. On Llama 2, it achieves a 5x "
                   "FLOP reduction, while retaining 96.8% of the original performance.",
                   title="Zorbnet: Pruning Tokens") == set()
    assert results("Our model needs 40% of the original cost.") == set()


def test_a_change_from_x_to_y_is_measured_by_the_object_of_its_verb():
    found = results("Zorb tuning raises the calibration of Llama 2 from 39.3% to 61.5%.")
    assert {(m, v) for m, _, _, v in found} == {("Llama 2", "39.3"), ("(ours)", "61.5")}
    assert {metric for _, _, metric, _ in found} == {"Calibration"}
    # "the performance of X" names no measure: the score stays unnamed.
    found = results("Zorb tuning raises the performance of Llama 2 from 39.3% to 61.5%.")
    assert {metric for _, _, metric, _ in found} <= {"Score"}


def test_a_name_typed_once_owns_the_values_at_each_of_its_occurrences():
    # The rules type "Zorbnet" at its proposal and "KRX" in a list; the later sentence
    # repeats both names, untyped, and their values are theirs.
    found = results("We propose Zorbnet, a motion generator. Prior masked models such "
                    "as MoMask and KRX "
                    "are slow. On HumanML3D, Zorbnet reaches an FID of 0.079, ahead of the "
                    "masked model KRX (FID = 0.080).")
    assert ("Zorbnet", "HumanML3D", "FID", "0.079") in found
    assert ("KRX", "HumanML3D", "FID", "0.080") in found


def test_a_value_closing_a_parenthesis_is_no_enumeration_mark():
    assert ("MoMask", "COCO", "FID", "0.112") in results(
        "We propose Zorbnet. On COCO, Zorbnet beats MoMask (FID = 0.112).")
    # "(2) A decoder" and "; 2) a decoder" stay marks, no values.
    assert results("Our system has (1) an encoder and (2) a decoder; its FID is 7.1 on COCO.") == {
        ("(ours)", "COCO", "FID", "7.1")}


def test_a_word_of_others_is_a_whole_word():
    # "HumanML3D" is a dataset, not "human" (others' systems): the own system scores.
    assert results("We propose Zorbnet. On HumanML3D, Zorbnet achieves an FID of 0.07.") == {
        ("Zorbnet", "HumanML3D", "FID", "0.07")}


@pytest.mark.parametrize("abstract, expected", [
    ("We propose Zorbnet. Zorbnet reaches an Inception Score (IS) of 181.2 on ImageNet.",
     ("Zorbnet", "ImageNet", "Inception Score", "181.2")),
    ("We propose Zorbnet. Zorbnet gets the best BLEU(31.5) score on WMT14.",
     ("Zorbnet", "WMT14", "BLEU", "31.5")),
])
def test_a_measure_with_its_acronym_or_a_parenthesis_before_the_value(abstract, expected):
    assert expected in results(abstract)


def test_a_change_spelled_out_in_parentheses_gives_both_systems_scores():
    found = results("We propose Zorbnet. Zorbnet surpasses MobileNet by 4.1 mAP (from 38.2 to "
                    "42.3) on COCO and 2.9% mIoU (from 40.0% to 42.9%) on ADE20K.")
    assert found == {("MobileNet", "COCO", "mAP", "38.2"), ("Zorbnet", "COCO", "mAP", "42.3"),
                     ("MobileNet", "ADE20K", "mIoU", "40.0"),
                     ("Zorbnet", "ADE20K", "mIoU", "42.9")}  # 2.9% is the change


def test_values_in_parentheses_after_a_change_take_its_measure():
    found = results("We propose Zorbnet. Zorbnet outperforms MobileNet by 1.9% (81.0% vs. "
                    "79.1%) in top-1 accuracy on ImageNet.")
    assert found == {("Zorbnet", "ImageNet", "Top-1 accuracy", "81.0"),
                     ("MobileNet", "ImageNet", "Top-1 accuracy", "79.1")}


def test_a_pair_after_a_compared_name_is_the_subjects_then_the_compared():
    found = results("We propose Zorbnet. Zorbnet reaches 81.0% top-1 accuracy on ImageNet, "
                    "with a latency comparable to MobileNet (80.5% vs. 79.1%).")
    assert ("Zorbnet", "ImageNet", "Top-1 accuracy", "80.5") in found
    assert ("MobileNet", "ImageNet", "Top-1 accuracy", "79.1") in found


def test_an_amount_of_money_is_no_value():
    # (LaTeX sources leave "\\$"); not a BLEU score carried on.
    assert results("We propose Zorbnet. Zorbnet obtains a BLEU score of 31.5 on WMT14 and "
                   "costs \\$300 to train, against $5,000 for others.") == {
        ("Zorbnet", "WMT14", "BLEU", "31.5")}


def test_a_value_after_a_size_and_its_own_verb_is_read():
    # The sizes end the list of non-results; "achieving" opens a score of its own.
    assert results("We propose Zorbnet, models ranging from 100M to 3B parameters, "
                   "achieving 2.5 FID on ImageNet.") == {("Zorbnet", "ImageNet", "FID", "2.5")}
    # ... while a listed change stays a change: "by 1.5 BLEU ... and 1.7 ROUGE-1".
    assert results("We propose Zorbnet. Zorbnet improves by 1.5 BLEU on WMT14 and "
                   "1.7 ROUGE-1 on XSum.") == set()


@pytest.mark.parametrize("abstract", [
    "We propose Zorbnet. Zorbnet gives latency reductions ranging from 0.4s to 0.9s.",
    "We propose Zorbnet. Zorbnet keeps a latency between 0.4 s and 0.9 s on phones.",
    "We propose Zorbnet. Zorbnet, activating only 15% of experts, rivals dense models.",
])
def test_the_ends_of_a_range_and_a_share_of_things_are_no_results(abstract):
    assert results(abstract) == set()


def test_a_share_of_things_before_a_score_is_no_score():
    # (the 80% would otherwise carry the accuracy of the sentence before)
    assert results("We propose Zorbnet. Zorbnet reaches 77.3% accuracy on ImageNet. Masking "
                   "80% of pixel channels, it still reaches 71.4% accuracy.") == {
        ("Zorbnet", "ImageNet", "Accuracy", "77.3"), ("Zorbnet", "ImageNet", "Accuracy", "71.4")}


@pytest.mark.parametrize("abstract", [
    "We propose Zorbnet. Zorbnet surpasses strong baselines including Show-o and "
    "Chameleon on all benchmarks, achieving an FID of 6.1 on COCO.",
    "We propose Zorbnet. Zorbnet outperforms models like Show-o and Chameleon, with an FID "
    "of 6.1 on COCO.",
])
def test_examples_of_a_compared_class_and_their_list_are_compared(abstract):
    assert results(abstract) == {("Zorbnet", "COCO", "FID", "6.1")}


def test_a_measure_named_after_a_benchmark_is_measured_on_it():
    found = results("We propose Zorbnet. Zorbnet achieves a GenEval score of 0.63 and an MME "
                    "score of 1342.5.")
    assert ("Zorbnet", "GenEval", "GenEval score", "0.63") in found


def test_a_compared_name_of_a_value_keeps_it():
    # "including X of 5.07": the value is X's, although X is compared against.
    found = results("We propose Zorbnet. Zorbnet reaches an aesthetic score of 6.18, "
                    "outperforming rival one-step samplers including SDXL-Turbo of 5.07.")
    assert ("SDXL Turbo", "", "Aesthetic score", "5.07") in found
    assert ("Zorbnet", "", "Aesthetic score", "6.18") in found


def test_the_unnamed_base_of_a_change_from_x_has_no_result_whatever_its_measure():
    # the measure carried from the sentence before, or a score with no named measure
    assert results("We propose Zorbnet. It keeps an FID of 3.2 on COCO. For larger images, "
                   "Zorbnet gives only a small increase from 4.1 to 5.3.") == {
        ("Zorbnet", "COCO", "FID", "3.2"), ("Zorbnet", "COCO", "FID", "5.3")}
    assert results("We propose Zorbnet. Zorbnet improves human detection of fake text from "
                   "54% to 72%.") == set()


def test_the_one_dataset_of_the_paper_holds_a_value_no_sentence_places():
    assert results("This paper describes our submission to the WMT14 news task. Our system "
                   "got the best BLEU (31.5) among all participants.") == {
        ("(ours)", "WMT14", "BLEU", "31.5")}
    # not when the sentence speaks of data it does not name, nor before the dataset
    assert results("We study transfer to WMT14. On a small in-house dataset, our system "
                   "reaches a BLEU of 31.5.") == {("(ours)", "", "BLEU", "31.5")}
    assert results("Our system reaches a BLEU of 31.5. We also release WMT14 splits.") == {
        ("(ours)", "", "BLEU", "31.5")}
    # nor the paper's own training data
    assert results("We curate Zorbset-5M, a large grasp dataset of 5 million frames. Trained "
                   "on it, our policy attains a success rate of 81.2% in the real world.") == {
        ("(ours)", "", "Success rate", "81.2")}


def test_a_pair_written_the_compared_ones_first_follows_the_measures_direction():
    # WER is lower-better and the subject outperforms: the lower value is the subject's.
    found = results("We propose Zorbvoice. Zorbvoice outperforms the strong zero-shot TTS "
                    "model VALL-E on intelligibility (6.1% vs 2.0% word error rates) and "
                    "speaker similarity (0.58 vs 0.68).")
    assert found == {("VALL-E", "", "WER", "6.1"), ("Zorbvoice", "", "WER", "2.0"),
                     ("VALL-E", "", "Speaker similarity", "0.58"),
                     ("Zorbvoice", "", "Speaker similarity", "0.68")}
    # written the subject's first, the pair keeps its order
    assert results("We propose Zorbvoice. Zorbvoice outperforms VALL-E in WER (2.0% vs "
                   "6.1%).") == {("Zorbvoice", "", "WER", "2.0"), ("VALL-E", "", "WER", "6.1")}


@pytest.mark.parametrize("tail", [
    "It was also checked on 34 synthetic patient timelines.",
    "Training took 3.5 days on eight GPUs.",
    "It needs only 4 NFE on COCO.",
    "It ranks first (as of May 24, 2024).",
])
def test_a_count_or_a_date_carries_no_measure(tail):
    assert results("We propose Zorbnet. Zorbnet reaches a BLEU of 41.8 on WMT14. " + tail) == {
        ("Zorbnet", "WMT14", "BLEU", "41.8")}


def test_a_carried_value_with_its_system_named_after_it_keeps_the_measure():
    # (a name after the value is no count noun)
    found = results("We propose Zorbnet. Zorbnet reaches 82.7 macro F1 on SST (vs. 79.3 "
                    "ELECTRA).")
    assert {(r[2], r[3]) for r in found} == {("F1", "82.7"), ("F1", "79.3")}


def test_the_measure_of_a_change_named_with_its_second_value_or_before_from():
    # "from 52 to 119 FPS": not the SUC score carried from before
    found = results("We propose Zorbtrack. Zorbtrack improves the LaSOT SUC score from 0.70 "
                    "to 0.74 over OSTrack; it raises the speed of OSTrack from 52 to 119 FPS.")
    # (the after of a change made to another model is the paper's named system)
    assert ("OSTrack", "", "FPS", "52") in found and ("Zorbtrack", "", "FPS", "119") in found
    # "a 27% generation FID improvement from 8.12 to 5.93": FID, not the rFID before
    found = results("We propose Zorbgen. Compared to the VAR tokenizer, Zorbgen improves "
                    "reconstruction FID from 1.87 to 0.42, giving a 27% generation FID "
                    "improvement from 8.12 to 5.93.")
    assert {(r[2], r[3]) for r in found} >= {("FID", "8.12"), ("FID", "5.93")}


@pytest.mark.parametrize("abstract", [
    "We propose Zorbnet. Zorbnet needs 9 MFLOPs less computation than LoRA on CIFAR-100.",
    "We propose Zorbnet. It decodes in parallel at a cost of only 1.4 BLEU points "
    "relative to the autoregressive Transformer on WMT14.",
])
def test_a_measure_followed_by_a_comparative_is_a_gap(abstract):
    assert results(abstract) == set()


def test_the_last_item_of_a_list_of_data_is_not_the_one_dataset():
    assert results("We rewrite articles from arXiv, lecture notes, and Wikipedia. The top "
                   "detector (GPT-3) achieves a 71% F1-score.") == {("GPT-3", "", "F1", "71")}


def test_a_name_is_found_again_where_it_is_written_as_a_word():
    """_written finds what the regex (?<![\\w-])NAME(?![\\w]|-\\w) finds."""
    import re

    from kg.extract.results import _written

    text = ("Mogo beats X. Mogo-2 and Mogo-based runs, pre-Mogo, Mogos, Mogo_x, (Mogo), "
            "Mogo- and Mogo, \u00e9Mogo and Mogo\u00e9 MogoMogo Mogo")
    for name in ("Mogo", "Mogo-2", "o", "Mogo "):
        expected = [m.span() for m in re.finditer(
            r"(?<![\w-])" + re.escape(name) + r"(?![\w]|-\w)", text)]
        assert _written(text, name) == expected
    assert _written("A Mogo-2 b Mogo.", "Mogo") == [(11, 15)]  # "Mogo-2" is another name


@pytest.mark.parametrize("abstract", [
    # a price whose sign the source lost, and a number set against one
    "We propose Zorbnet. Zorbnet obtains a BLEU score of 31.5 on WMT14. It keeps a "
    "competitive BLEU at a lower cost than the best approach, which costs 28,400.",
    "We propose Zorbnet. Zorbnet obtains a BLEU score of 31.5 on WMT14 at a training cost "
    "of \\81 compared to 9,100 for the largest baseline.",
    "We propose Zorbnet. Zorbnet obtains a BLEU score of 31.5 on WMT14 at a lower cost per "
    "point (0.38 vs. \\$1.59).",
])
def test_a_number_set_against_money_or_a_price_is_no_value(abstract):
    assert results(abstract) == {("Zorbnet", "WMT14", "BLEU", "31.5")}


def test_the_after_of_a_change_made_to_another_model_is_the_papers_named_system():
    # The paper's system named in the sentence as an actor, not only as the subject.
    found = results("We propose Zorbnet, a sampler. Zorbnet also excels on GSM8K, cutting "
                    "steps to 2 for Mistral-7B with an accuracy drop from 61.0% to 59.5%.",
                    title="Zorbnet: Fast Reasoners")
    assert ("Zorbnet", "GSM8K", "Accuracy", "59.5") in found
    # The own name as the data others are trained on names no actor of the change.
    assert ("(ours)", "", "Accuracy", "18.2") in results(
        "We introduce Zorbgym, a generator of tasks. Models trained on Zorbgym improve: "
        "Mistral-7B's accuracy goes from 4.0% to 18.2%.", title="Zorbgym: Endless Tasks")


def test_a_pair_of_rates_is_a_pair():
    # "0.10 s/sample versus 2.02 s/sample": the unit's tail does not split the pair; the
    # second value is the compared system's.
    found = results("We propose Zorbnet. Zorbnet is 20x faster than Whisper at 0.10 s/sample "
                    "versus 2.02 s/sample.", title="Zorbnet: Fast Speech Recognition")
    assert found == {("Zorbnet", "", "Latency", "0.10"), ("Whisper", "", "Latency", "2.02")}


def test_a_value_after_a_cost_of_its_own_carries_no_earlier_metric():
    found = results("We propose Zorbnet. Zorbnet reaches an error rate of 14.8, at a training "
                    "cost of 81 dollars compared to 18,862 for the baseline.",
                    title="Zorbnet: Cheap Speech Recognition")
    assert found == {("Zorbnet", "", "Error Rate", "14.8")}


def test_the_subject_of_a_change_owns_its_second_value():
    # "Glorp-training increases the X of Model from A to B": B is the paper's system's.
    found = results("We propose Glorp, a training recipe. Glorp-training increases the "
                    "reliability of Llama-3-8B from 39.3% to 61.5%.", title="Glorp: Reliable LLMs")
    assert found == {("Llama 3", "", "Reliability", "39.3"), ("Glorp", "", "Reliability", "61.5")}


def test_a_measure_named_right_before_its_change():
    found = results("Our model reduces token waste from 55% to just 2.2%.")
    assert ("(ours)", "", "Token waste", "2.2") in found


@pytest.mark.parametrize("abstract, expected", [
    # a bare time is a latency where the sentence speaks of speed or of a time taken
    ("We propose Zorbnet. Zorbnet renders a frame in just 0.3 s on a phone.",
     {("Zorbnet", "", "Latency", "0.3")}),
    ("We propose Zorbnet. Zorbnet needs 0.5 seconds for generating an image.",
     {("Zorbnet", "", "Latency", "0.5")}),
    # not a duration of content, nor a decade
    ("We propose Zorbnet. Zorbnet writes clips of up to 300 frames (12 seconds), beyond "
     "the 8 seconds of earlier data.", set()),
    ("We propose Zorbnet. Zorbnet keeps its quality from the first 30 seconds to the last "
     "minute.", set()),
    ('We propose Zorbnet. The "roaring 20s" of vision began with transformers.', set()),
])
def test_a_bare_time_is_a_latency_only_where_speed_is_spoken_of(abstract, expected):
    assert results(abstract) == expected


@pytest.mark.parametrize("abstract", [
    # a hedged change, a resolution, and the end of a change of a count
    "We propose Zorbnet. Zorbnet reaches an FID of 2.1 on ImageNet and cuts FLOPs by "
    "about 29%.",
    "We propose Zorbnet. Zorbnet reaches an FID of 2.1 on ImageNet. It beats its teacher "
    "on human preference at 1024 resolution.",
    "We propose Zorbnet. Zorbnet reaches an FID of 2.1 on ImageNet. It cuts sampling from "
    "256 steps to 2.",
])
def test_hedged_changes_resolutions_and_changed_counts_are_no_values(abstract):
    assert results(abstract) == {("Zorbnet", "ImageNet", "FID", "2.1")}


@pytest.mark.parametrize("abstract, expected", [
    # an amount opens no list of changes; a change coordinated after a value is its own
    ("We propose Zorbnet. Zorbnet-L, with 54M parameters, realizes 84.6% top-1 accuracy on "
     "ImageNet.", ("Zorbnet", "ImageNet", "Top-1 accuracy", "84.6")),
    ("We propose Zorbnet. Zorbnet shows an average Dice score increase from 0.74 to 0.79 "
     "and improvements in recall.", ("Zorbnet", "", "Dice score", "0.79")),
])
def test_an_amount_or_a_coordinated_change_does_not_make_a_value_relative(abstract, expected):
    assert expected in results(abstract, title="Zorbnet: Segmenting Things")
    # "a 73% on-chip energy reduction" stays a change
    assert not results("We propose Zorbnet. Zorbnet achieves a 73% on-chip energy "
                       "reduction.", title="Zorbnet: Saving Energy")


def test_a_pair_of_values_each_after_its_systems_name_takes_the_measure_after_them():
    # "X (a) vs Y (b) M": each value is its name's, even where the subject is the better
    found = results("We propose Zorbnet. Zorbnet outperforms NAR models and narrows the gap "
                    "with AR models (Zorbnet (29.9) vs BART (30.6) ROUGE-L on XSum).",
                    title="Zorbnet: Fast Summaries")
    assert found == {("Zorbnet", "XSum", "ROUGE-L", "29.9"), ("BART", "XSum", "ROUGE-L", "30.6")}
