"""Integration tests on the real listing pages in ../shared/corpus (required under CI=true)."""

from __future__ import annotations

import re

import pytest

from kg.ingest import read_papers
from kg.ingest.records import title_key

UNIQUE_PAPERS = 603  # stated by ../shared/README.md for these five pages
CHROME = re.compile(r"^(new|Subscribe|Daily Papers|byAK and the research community|"
                    r"Get trending papers in your email inbox( once a day)?!|"
                    r"[A-Z][a-z]{2} \d{1,2})$")


@pytest.fixture(scope="module")
def report(corpus_dir):
    return read_papers([corpus_dir])


def test_exact_number_of_unique_papers(report):
    assert len(report.papers) == UNIQUE_PAPERS
    assert not report.skipped
    assert len({p.id for p in report.papers}) == UNIQUE_PAPERS


def test_every_title_line_became_a_paper(corpus_dir, report):
    # An independent reading of the pages: short lines that are not chrome are titles.
    sources = {(str(s.file), s.line): p for p in report.papers for s in p.sources}
    title_lines = 0
    for path in sorted(corpus_dir.glob("*.txt")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            text = line.strip()
            if not text or CHROME.match(text) or len(text) > 200:
                continue
            text = re.sub(r"^Subscribe(?=\S)", "", text)
            title_lines += 1
            paper = sources.get((str(path), number))
            assert paper is not None, f"{path.name}:{number} is a title line without a paper"
            assert title_key(paper.title) == title_key(text)
    assert title_lines == report.records
    assert report.records > UNIQUE_PAPERS  # the pages overlap


def test_papers_keep_every_listing(report):
    repeated = [p for p in report.papers if len(p.sources) > 1]
    assert repeated
    assert all(len(set(p.sources)) == len(p.sources) for p in repeated)
    assert sum(len(p.sources) for p in report.papers) == report.records


def test_build_on_corpus(corpus_build):
    out = corpus_build.out
    assert corpus_build.exit_code == 0, corpus_build.output
    assert re.search(rf"unique papers\s*│\s*{UNIQUE_PAPERS}\b", corpus_build.output)
    assert sum(1 for _ in (out / "papers.jsonl").open()) == UNIQUE_PAPERS
