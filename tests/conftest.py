from __future__ import annotations

import os
from dataclasses import dataclass
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


@pytest.fixture(scope="session")
def corpus_build(corpus_dir, tmp_path_factory) -> CorpusBuild:
    """One ``kg build ../shared/corpus`` per test session, shared by the tests that only read it
    (building the corpus is the slowest step of the suite). Never write into ``out``."""
    from click.testing import CliRunner

    from kg.cli import main

    out = tmp_path_factory.mktemp("corpus") / "out"
    result = CliRunner().invoke(main, ["build", str(corpus_dir), "--out", str(out)])
    return CorpusBuild(out, result.output, result.exit_code)
