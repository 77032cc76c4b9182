from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.schema import extract_fields

README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.fixture
def runner():
    return CliRunner()


def test_help_is_fast_to_import_and_lists_commands(runner):
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "build" in result.output and "extract" in result.output


def test_every_command_has_help_and_is_documented_in_readme(runner):
    readme = README.read_text(encoding="utf-8")
    for name, command in main.commands.items():
        assert command.help, f"kg {name} has no help text"
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, result.output
        assert f"kg {name}" in readme, f"kg {name} is not documented in README.md"


def test_build_writes_every_output(runner, fixtures, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(fixtures / "listing.txt"),
                                  str(fixtures / "glued.txt"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    for name in ("graph.ttl", "graph.html", "papers.jsonl", "graph.json"):
        assert (out / name).stat().st_size > 0
    assert re.search(r"unique papers\s*│\s*3\b", result.output)
    records = [json.loads(line) for line in (out / "papers.jsonl").read_text().splitlines()]
    assert len(records) == 3
    assert {"id", "title", "methods", "datasets", "baselines", "modalities", "proposed",
            "links", "sources"} <= set(records[0])
    assert not list(tmp_path.glob(".out.*")), "staging directory left behind"
    # Each stage is shown as it ends, and every file written is listed.
    for stage in ("reading inputs", "extracting", "resolving entities", "assembling the graph",
                  # the writers run side by side: one stage names every file
                  r"writing ttl, [^:\n]*html[^:\n]*"):
        assert re.search(rf"{stage}: \d+\.\d s", result.output), stage
    listed = {line.removeprefix("wrote ").split("  (")[0].rstrip("/")
              for line in result.output.splitlines() if line.startswith("wrote ")}
    for path in (p for p in out.rglob("*") if p.is_file()):
        top = out / path.relative_to(out).parts[0]
        assert str(path) in listed or (top.is_dir() and str(top) in listed), path


def test_build_quiet_prints_nothing(runner, fixtures, tmp_path):
    result = runner.invoke(main, ["build", str(fixtures / "listing.txt"), "--out",
                                  str(tmp_path / "o"), "--quiet"])
    assert result.exit_code == 0 and result.output == ""


def test_build_replaces_previous_output_but_not_foreign_directories(runner, fixtures, tmp_path):
    out = tmp_path / "o"
    assert runner.invoke(main, ["build", str(fixtures / "listing.txt"), "--out", str(out), "-q"]
                         ).exit_code == 0
    assert runner.invoke(main, ["build", str(fixtures / "glued.txt"), "--out", str(out), "-q"]
                         ).exit_code == 0
    titles = [json.loads(x)["title"] for x in (out / "papers.jsonl").read_text().splitlines()]
    assert titles[0].startswith("HarborLM")
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "thesis.tex").write_text("precious")
    result = runner.invoke(main, ["build", str(fixtures / "listing.txt"), "--out", str(foreign)])
    assert result.exit_code == 1
    assert "refusing to replace" in result.output
    assert (foreign / "thesis.tex").read_text() == "precious"


def test_extract_jsonl_contract(runner, fixtures):
    result = runner.invoke(main, ["extract", str(fixtures / "listing.txt"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["title"] for r in records] == [
        "GlimmerNet: Sparse Attention for Tiny Image Classifiers",
        "Counting Sheep with Large Language Models",
    ]
    for record in records:
        assert set(record) == {"id", "title", *extract_fields(), "results"}
        assert {"methods", "datasets", "baselines", "modalities", "proposed", "tasks",
                "metrics"} <= set(record)
        assert all(isinstance(record[f], list) for f in record if f not in ("id", "title"))
        # The shape ../shared/eval/score.py scores.
        assert all(set(r) == {"method", "dataset", "metric", "value"} for r in record["results"])


@pytest.mark.parametrize("name, content, message", [
    ("blob.txt", b"Title\n\x00\x00", r"blob\.txt:2: binary file"),
    ("latin.txt", "Caf\xe9 Title\n".encode("latin-1"), r"latin\.txt:1: not UTF-8"),
    ("bad.jsonl", b'{"title": "T", "abstract": "A."}\n{nope\n', r"bad\.jsonl:2: malformed JSON"),
    ("bad.csv", b"name,abstract\nx,y\n", r"bad\.csv:1: CSV header has no title column"),
    ("half.txt", b"A Lonely Title\n", r"half\.txt:1: title without an abstract"),
])
def test_bad_input_is_one_line_exit_2_and_no_output(runner, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(path), "--out", str(out)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    error_lines = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(error_lines) == 1 and re.search(message, error_lines[0])
    assert not out.exists()


def test_skip_bad_reports_and_continues(runner, tmp_path, fixtures):
    (tmp_path / "bad.jsonl").write_text('{"title": "No abstract"}\n')
    (tmp_path / "good.txt").write_text((fixtures / "listing.txt").read_text())
    result = runner.invoke(main, ["build", str(tmp_path), "--out", str(tmp_path / "o"),
                                  "--skip-bad"])
    assert result.exit_code == 0, result.output
    assert "skipped 1 bad record" in result.output
    assert "bad.jsonl:1: record has no 'abstract'" in result.output
    assert re.search(r"bad records skipped\s*│\s*1\b", result.output)


def test_missing_input_is_an_error(runner, tmp_path):
    result = runner.invoke(main, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2 and "no such file or directory" in result.output


def test_failed_write_leaves_previous_output_untouched(runner, fixtures, tmp_path, monkeypatch):
    out = tmp_path / "o"
    assert runner.invoke(main, ["build", str(fixtures / "listing.txt"), "--out", str(out), "-q"]
                         ).exit_code == 0
    def contents():  # every file, also those in views/
        return {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    before = contents()

    def explode(G, path, **options):
        Path(path).write_text("partial")
        raise KeyboardInterrupt

    import kg.export.papers

    monkeypatch.setattr(kg.export.papers, "write_papers_jsonl", explode)
    result = runner.invoke(main, ["build", str(fixtures / "glued.txt"), "--out", str(out)])
    assert result.exit_code == 130
    assert "interrupted" in result.output
    assert contents() == before
    assert [p.name for p in tmp_path.iterdir()] == ["o"]
