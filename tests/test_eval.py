"""kg.eval scoring (same matching as shared/eval/score.py) and the `kg eval` command."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.eval import norm, score, scored_fields
from tests.conftest import SHARED

SCORE_PY = SHARED / "eval" / "score.py"

GOLD = [
    {"title": "Fast Things: A Study",
     "methods": ["GPT-4|GPT4", "Transformer", "PixArt-α|PixArt-alpha"],
     "datasets": ["CNN/DailyMail|CNN/DM"], "baselines": ["GPT-4|GPT4"],
     "modalities": ["text", "image"], "proposed": []},
    {"title": "Slow Things", "methods": ["BERT"], "datasets": [], "baselines": [],
     "modalities": ["text"], "proposed": ["SlowNet"]},
    {"title": "Missing Paper", "methods": ["T5"], "datasets": ["SQuAD"], "baselines": [],
     "modalities": [], "proposed": []},
]
PRED = [
    {"title": "fast things: a study", "methods": ["gpt 4", "Transformers", "PixArt", "LoRA"],
     "datasets": ["CNN-DM"], "baselines": ["GPT4"], "modalities": ["text"], "proposed": []},
    {"title": "Slow Things", "methods": ["BERT", "SlowNet"], "datasets": ["GLUE"],
     "baselines": [], "modalities": ["text", "video"], "proposed": ["slownet"]},
]


# Tasks, metrics and results, scored as score.py scores them (results: value as a number,
# method/dataset/metric by aliases, an empty dataset only matching an empty one).
GOLD_RESULTS = [
    {"title": "Scores Paper", "methods": [], "datasets": [], "baselines": [], "modalities": [],
     "proposed": [], "tasks": ["Text-to-image generation|text-to-image", "Image editing"],
     "metrics": ["FID|FID score", "CLIP score"],
     "results": [
         {"method": "Zorb", "dataset": "COCO|MS-COCO", "metric": "FID|FID score", "value": "7.88"},
         {"method": "Zorb", "dataset": "COCO|MS-COCO", "metric": "CLIP score", "value": "0.32"},
         {"method": "(ours)|BART", "dataset": "", "metric": "Latency", "value": "1,600"},
         {"method": "SDXL", "dataset": "COCO", "metric": "FID", "value": "9.5"}]},
    {"title": "No Scores", "methods": [], "datasets": [], "baselines": [], "modalities": [],
     "proposed": [], "tasks": [], "metrics": [], "results": []},
]
PRED_RESULTS = [
    {"title": "Scores Paper", "methods": [], "datasets": [], "baselines": [], "modalities": [],
     "proposed": [], "tasks": ["text-to-image", "Image generation"], "metrics": ["FID"],
     "results": [
         {"method": "zorb", "dataset": "MS COCO", "metric": "fid score", "value": "7.880"},
         {"method": "Zorb", "dataset": "", "metric": "CLIP score", "value": "0.32"},
         {"method": "BART", "dataset": "", "metric": "latency", "value": "1600"},
         {"method": "SDXL", "dataset": "COCO", "metric": "FID", "value": "9.5"},
         {"method": "SDXL", "dataset": "COCO", "metric": "FID", "value": "9.5"}]},
    {"title": "No Scores", "results": [{"method": "X", "dataset": "", "metric": "BLEU",
                                        "value": "3"}]},
]


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_norm_matches_the_guidelines():
    assert norm("GPT-4") == norm("gpt4") == norm("GPT 4")
    assert norm("PixArt-α") != norm("PixArt")
    assert norm("Transformers") == norm("transformer")
    assert norm("GAS") == "gas"  # no plural stripping at three characters


def test_score_counts_by_hand():
    scores = score(GOLD, PRED)
    methods = scores["methods"]
    # GPT-4, Transformer, BERT hit; PixArt-α and T5 missed; PixArt, LoRA, SlowNet spurious.
    assert (methods.tp, methods.fn, methods.fp) == (3, 2, 3)
    # "CNN-DM" normalises like the alias "CNN/DM"; SQuAD of the missing paper is missed.
    assert (scores["datasets"].tp, scores["datasets"].fn, scores["datasets"].fp) == (1, 1, 1)
    assert scores["proposed"].tp == 1
    assert (scores.papers_found, scores.papers_total) == (2, 3)
    assert methods.f1 == pytest.approx(2 * 0.5 * 0.6 / 1.1, abs=1e-3)


@pytest.fixture
def score_py():
    if not SCORE_PY.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {SCORE_PY} is missing")
        pytest.skip(f"{SCORE_PY} not found")
    return SCORE_PY


def test_agrees_with_score_py(tmp_path, score_py):
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD)
    pred = write_jsonl(tmp_path / "pred.jsonl", PRED)
    reference = json.loads(subprocess.run(
        [sys.executable, str(score_py), str(gold), str(pred), "--json"],
        capture_output=True, text=True, check=True).stdout)
    result = CliRunner().invoke(main, ["eval", str(gold), str(pred), "--predictions", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == reference
    mine = score(GOLD, PRED)
    for field in scored_fields(GOLD):
        assert mine[field].to_dict() == reference[field]


def test_tasks_metrics_and_results_are_scored_as_score_py_does(tmp_path, score_py):
    scores = score(GOLD_RESULTS, PRED_RESULTS)
    assert list(scores.fields)[-4:] == ["tasks", "metrics", "results", "results~"]
    # Strict: the CLIP score lacks its dataset; one SDXL prediction is a duplicate; "X" too.
    assert (scores["results"].tp, scores["results"].fp, scores["results"].fn) == (3, 3, 1)
    # Loose: value and metric alone, so the CLIP score matches.
    assert (scores["results~"].tp, scores["results~"].fp, scores["results~"].fn) == (4, 2, 0)
    assert (scores["tasks"].tp, scores["tasks"].fp, scores["tasks"].fn) == (1, 1, 1)
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD_RESULTS)
    pred = write_jsonl(tmp_path / "pred.jsonl", PRED_RESULTS)
    reference = json.loads(subprocess.run(
        [sys.executable, str(score_py), str(gold), str(pred), "--json"],
        capture_output=True, text=True, check=True).stdout)
    result = CliRunner().invoke(main, ["eval", str(gold), str(pred), "--predictions", "--json"])
    assert json.loads(result.output) == reference
    table = CliRunner().invoke(main, ["eval", str(gold), str(pred), "--predictions", "--show",
                                      "5"])
    assert "results~" in table.output and "spurious" in table.output


def test_eval_prints_the_table_and_enforces_minimums(tmp_path):
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD)
    pred = write_jsonl(tmp_path / "pred.jsonl", PRED)
    result = CliRunner().invoke(main, ["eval", str(gold), str(pred), "--predictions",
                                       "--show", "2"])
    assert result.exit_code == 0
    assert result.output.splitlines()[0].split()[:4] == ["field", "P", "R", "F1"]
    assert "papers found: 2/3" in result.output
    assert "missed" in result.output and "spurious" in result.output
    failing = CliRunner().invoke(main, ["eval", str(gold), str(pred), "--predictions",
                                        "--min", "methods=0.9"])
    assert failing.exit_code == 1
    assert "below threshold: methods F1" in failing.output


def test_eval_extracts_from_inputs(tmp_path):
    listing = tmp_path / "papers.jsonl"
    write_jsonl(listing, [{"title": "Slow Things", "abstract": "We propose SlowNet, which "
                                                                "outperforms BERT on text."}])
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD[1:2])
    result = CliRunner().invoke(main, ["eval", str(gold), str(listing), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["papers_found"] == "1/1"
    assert summary["proposed"]["tp"] == 1 and summary["methods"]["tp"] == 1


@pytest.mark.parametrize("content,message", [
    ("{not json\n", "not JSON"),
    ("[1, 2]\n", "expected a JSON object"),
])
def test_bad_gold_is_one_line_error(tmp_path, content, message):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(gold), str(gold), "--predictions"])
    assert result.exit_code != 0
    assert message in result.output and "Traceback" not in result.output


def test_bad_minimum_is_a_usage_error(tmp_path):
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD)
    result = CliRunner().invoke(main, ["eval", str(gold), str(gold), "--predictions",
                                       "--min", "colour=0.5"])
    assert result.exit_code == 2 and "unknown field" in result.output
