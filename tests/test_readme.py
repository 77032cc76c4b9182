"""The README's examples run: its Python blocks, its `kg` command lines and the `--bind`
examples of the competency-query table, on a build of examples/corpus called `out` (what
`make demo` makes). Commands that need the network, a server or the shared corpus are
listed in NOT_RUN with the test that covers them instead."""

from __future__ import annotations

import csv
import io
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, REPO

from kg.build import build
from kg.cli import main

README = REPO / "README.md"

# Command prefixes the README shows but this test does not run, and where they are tested.
NOT_RUN = {
    "make": "sets the checkout up; `make test` is this suite",
    "kg fetch": "reaches the arXiv and Hugging Face APIs (tests/test_fetch.py replays them)",
    "kg build snapshots": "reads what `kg fetch` saved (tests/test_fetch.py)",
    "kg serve": "a server until Ctrl-C (tests/test_serve.py drives it with SPARQLWrapper)",
    "curl": "asks `kg serve` (tests/test_serve.py)",
    "kg eval": "reads ../shared (tests/test_eval.py)",
    "kg extract ../shared": "reads ../shared (tests/test_extract_corpus.py)",
    "python3 ../shared": "reads ../shared (tests/test_eval.py)",
    "kg validate": "pySHACL on the examples takes long (tests/test_validate.py)",
    "dask": "a cluster across machines (tests/test_scale.py builds on a local Dask cluster)",
    "kg build papers/": "the reader's own folder (tests/test_scale.py: --dask, --shards)",
    "kg build day1/": "days the README only names (tests/test_update.py builds and updates)",
    "kg update": "adds days the README only names (tests/test_update.py)",
    "oxigraph": "the server loading shards (tests/test_serve.py serves; test_scale.py: shards)",
}
NOT_RUN_PYTHON = {"SPARQLWrapper": "asks `kg serve` (tests/test_serve.py)"}


def code_blocks(text: str) -> list[tuple[str, str, int]]:
    """(language, code, line number) of every fenced block."""
    blocks, lines = [], text.splitlines()
    i = 0
    while i < len(lines):
        match = re.match(r"^```(\w*)\s*$", lines[i])
        if match:
            start, body = i + 1, []
            i += 1
            while not lines[i].startswith("```"):
                body.append(lines[i])
                i += 1
            blocks.append((match.group(1), "\n".join(body), start + 1))
        i += 1
    return blocks


def commands(text: str) -> list[tuple[list[str], int]]:
    """Every command line of the ```sh blocks, split as a shell would (comments dropped)."""
    found = []
    for language, code, line in code_blocks(text):
        if language != "sh":
            continue
        joined = code.replace("\\\n", " ")
        pending, start = "", 0  # a quoted argument may run over several lines
        for offset, text in enumerate(joined.splitlines()):
            pending, start = (pending + "\n" + text, start) if pending else (text, offset)
            try:
                argv = shlex.split(pending, comments=True)
            except ValueError:  # no closing quotation yet
                continue
            pending = ""
            if argv:
                found.append((argv, line + start))
        assert not pending, f"README.md:{line + start}: unclosed quotation"
    return found


def skipped(argv: list[str]) -> str | None:
    text = " ".join(argv)
    return next((why for prefix, why in NOT_RUN.items() if text.startswith(prefix)), None)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """A directory like a checkout after `make demo`: `out` built from examples/corpus."""
    here = tmp_path_factory.mktemp("readme")
    build([EXAMPLES], here / "out")
    (here / "schemas").symlink_to(REPO / "schemas")
    (here / "tmp").mkdir()
    return here


def test_the_readme_has_examples_and_says_why_any_is_not_run():
    argv_lines = commands(README.read_text(encoding="utf-8"))
    run = [argv for argv, _ in argv_lines if not skipped(argv)]
    assert len(run) >= 7
    for prefix in NOT_RUN:  # every exception is still needed
        assert any(" ".join(argv).startswith(prefix) for argv, _ in argv_lines), prefix


def test_readme_kg_commands_run(demo, monkeypatch):
    monkeypatch.chdir(demo)
    ran = 0
    for argv, line in commands(README.read_text(encoding="utf-8")):
        if skipped(argv):
            continue
        assert argv[0] == "kg", f"README.md:{line}: {argv[0]} is neither run nor in NOT_RUN"
        argv = [a.replace("/tmp/", f"{demo}/tmp/") for a in argv[1:]]
        result = CliRunner().invoke(main, argv)
        assert result.exit_code == 0, f"README.md:{line}: kg {' '.join(argv)}\n{result.output}"
        assert result.output.strip(), f"README.md:{line}: printed nothing"
        if argv[0] == "query" and "--format" in argv and "csv" in argv:
            rows = list(csv.reader(io.StringIO(result.output)))
            assert len(rows) > 1, f"README.md:{line}: no rows"
        ran += 1
    assert ran >= 7


def test_readme_competency_bind_examples_find_rows(demo, monkeypatch):
    monkeypatch.chdir(demo)
    text = README.read_text(encoding="utf-8")
    examples = re.findall(r"^\| `([\w-]+)\.rq` \|.*\(`--bind (\w+)=([^`]+)`\)", text, re.M)
    assert len(examples) >= 3
    for name, variable, value in examples:
        result = CliRunner().invoke(main, ["query", "out", "--named", name, "--bind",
                                           f"{variable}={value}", "--format", "csv"])
        assert result.exit_code == 0, result.output
        assert len(list(csv.reader(io.StringIO(result.output)))) > 1, (name, value)


def test_readme_python_examples_run(demo, monkeypatch):
    monkeypatch.chdir(demo)
    ran = 0
    for language, code, line in code_blocks(README.read_text(encoding="utf-8")):
        if language != "python" or any(word in code for word in NOT_RUN_PYTHON):
            continue
        try:
            exec(compile(code, f"README.md:{line}", "exec"), {"__name__": "readme"})
        except Exception as err:  # name the block that broke
            raise AssertionError(f"README.md:{line}: {type(err).__name__}: {err}") from err
        ran += 1
    assert ran >= 1
