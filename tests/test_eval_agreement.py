"""scripts/eval/agreement.py: two annotations of the same papers compared field by field."""
import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "eval" / "agreement.py"


def _agreement(tmp_path, a: list, b: list) -> dict:
    paths = []
    for name, records in (("a", a), ("b", b)):
        path = tmp_path / f"{name}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        paths.append(str(path))
    out = subprocess.run([sys.executable, str(SCRIPT), *paths], capture_output=True,
                         text=True, check=True).stdout
    return {line.split()[0]: float(line.split()[2]) for line in out.splitlines()}


def _paper(results, methods=("Toy Net",)):
    return {"title": "A toy paper", "methods": list(methods), "results": results}


def test_results_agree_when_each_part_shares_a_name_whatever_the_alias_order(tmp_path):
    a = _paper([{"method": "TN|Toy Net", "dataset": "", "metric": "BLEU", "value": "30.1"}])
    b = _paper([{"method": "Toy Net|TN|toy net", "dataset": "", "metric": "BLEU|bleu",
                 "value": "30.10"}])
    assert _agreement(tmp_path, [a], [b])["results"] == 1.0


def test_results_differ_on_value_dataset_or_metric(tmp_path):
    gold = {"method": "Toy Net", "dataset": "", "metric": "BLEU", "value": "30.1"}
    for change in ({"value": "31"}, {"dataset": "WMT14"}, {"metric": "ROUGE-L"}):
        other = _paper([{**gold, **change}])
        assert _agreement(tmp_path, [_paper([gold])], [other])["results"] == 0.0


def test_names_match_one_to_one(tmp_path):
    a = _paper([], methods=["Toy Net|TN", "Other Net"])
    b = _paper([], methods=["TN"])
    assert _agreement(tmp_path, [a], [b])["methods"] == round(2 * 0.5 * 1 / 1.5, 3)


def test_bad_input_is_one_line_naming_file_and_line(tmp_path):
    bad = tmp_path / "a.jsonl"
    bad.write_text('{"title": "A toy paper"}\n{"title": \n', encoding="utf-8")
    for args in ([str(bad), str(bad)], [str(tmp_path / "missing.jsonl"), str(bad)]):
        run = subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True,
                             text=True)
        assert run.returncode == 2
        assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1
    assert "a.jsonl, line 2" in subprocess.run(
        [sys.executable, str(SCRIPT), str(bad), str(bad)], capture_output=True,
        text=True).stderr
