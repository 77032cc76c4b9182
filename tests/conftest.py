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


@dataclass(frozen=True)
class CorpusBuild:
    out: Path  # the build directory
    output: str  # what `kg build` printed
    exit_code: int

    @cached_property
    def graph(self):
        """The build's graph (``kg.load(out)``), loaded once."""
        import kg

        return kg.load(self.out)


@pytest.fixture(scope="session")
def corpus_build(corpus_dir, tmp_path_factory) -> CorpusBuild:
    """One ``kg build ../shared/corpus`` per test session, shared by the tests that only read it
    (building the corpus is the slowest step of the suite). Never write into ``out``."""
    from click.testing import CliRunner

    from kg.cli import main

    out = tmp_path_factory.mktemp("corpus") / "out"
    result = CliRunner().invoke(main, ["build", str(corpus_dir), "--out", str(out)])
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
