from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
EXAMPLES = REPO / "examples" / "corpus"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """../shared/corpus: required under CI=true, skipped (with a reason) elsewhere."""
    if not CORPUS.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but the shared corpus is missing at {CORPUS}")
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return CORPUS


@dataclass
class CorpusBuild:
    """`kg build ../shared/corpus --out OUT`, run once per test session. Read-only: a test
    that writes more (a report, a store) writes it elsewhere."""

    out: Path
    output: str  # what the command printed
    exit_code: int

    @cached_property
    def graph(self):
        import kg

        return kg.load(self.out)


@pytest.fixture(scope="session")
def corpus_build(corpus_dir, tmp_path_factory) -> CorpusBuild:
    """The corpus built once by the CLI, shared by every test that reads a corpus build."""
    from click.testing import CliRunner

    from kg.cli import main

    out = tmp_path_factory.mktemp("corpus-build") / "out"
    result = CliRunner().invoke(main, ["build", str(corpus_dir), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return CorpusBuild(out, result.output, result.exit_code)


CHROMIUM_MISSING = "chromium not found"  # the start of the browser tests' skip reason


def chromium_note(skip_reasons) -> str | None:
    """The line `make test` ends with when the browser tests were skipped for want of Chromium."""
    count = sum(1 for reason in skip_reasons if CHROMIUM_MISSING in str(reason).lower())
    if not count:
        return None
    return (f"{count} browser test(s) SKIPPED: Chromium is not installed at /usr/bin/chromium "
            "(apt-get install chromium); under CI=true they fail instead")


def pytest_terminal_summary(terminalreporter):
    # Skips are easy to miss in the -ra summary; a missing browser gets a line of its own.
    note = chromium_note(report.longrepr for report in terminalreporter.stats.get("skipped", []))
    if note:
        terminalreporter.write_line(note, yellow=True, bold=True)
