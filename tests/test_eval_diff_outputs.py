"""scripts/eval/diff_outputs.py: the held-out samples' papers never reach a diff."""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts" / "eval"))

import diff_outputs  # noqa: E402
from samples import norm_title  # noqa: E402


def _line(title: str) -> str:
    return json.dumps({"title": title, "abstract": "We propose ToyNet."})


def test_papers_of_a_held_out_sample_are_left_out_whatever_their_spelling():
    lines = [_line("ToyNet: A Toy Model"), _line("Another Paper"), "", _line("Third one")]
    held_out = {norm_title("toynet -- a toy MODEL")}
    kept, left_out = diff_outputs.without_held_out(lines, held_out)
    assert [json.loads(line)["title"] for line in kept] == ["Another Paper", "Third one"]
    assert left_out == 1


def test_nothing_is_left_out_when_no_paper_is_held_out():
    lines = [_line("Another Paper"), _line("Third one")]
    kept, left_out = diff_outputs.without_held_out(lines, {norm_title("ToyNet")})
    assert kept == lines and left_out == 0
