"""BibTeX reading speed (bibtexparser 2 + pylatexenc), as a ratio to the JSON Lines reader.

Both readers get the same synthetic papers (titles, authors, year, an abstract with a
couple of LaTeX accents, math and citations); the JSON Lines reader is the anchor,
measured in the same run, so the ratio holds on a noisy machine.

    python bench/bench_bibtex.py [--papers 2000]
"""

from __future__ import annotations

import argparse
import json
import time

from kg.ingest.bibtex import parse_bibtex
from kg.ingest.jsonrecords import parse_jsonl

SENTENCES = ["We study a small synthetic problem.", "Our model improves over the baseline.",
             "Results hold on three benchmarks.", "Code is released."]


def papers(n: int):
    for i in range(n):
        body = " ".join(SENTENCES[(i + k) % 4] for k in range(6))
        yield (f"Paper {i}: A {{T}}est of Things", f"A. Author{i % 50} and B. M{{\\\"u}}ller",
               body + f" It reaches {i % 90}\\% with $\\beta={i % 7}$ \\cite{{k{i}}}.",
               body + f" It reaches {i % 90}% with beta={i % 7}.")


def best_of(function, repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=2000)
    n = parser.parse_args().papers
    rows = list(papers(n))
    bib = "".join(f"@article{{k{i},\n  title = {{{t}}},\n  author = {{{a}}},\n  year = 2024,\n"
                  f"  abstract = {{{tex}}},\n}}\n" for i, (t, a, tex, _) in enumerate(rows))
    jsonl = [json.dumps({"title": t.replace("{", "").replace("}", ""), "authors": a,
                         "year": 2024, "abstract": plain}) for t, a, _, plain in rows]
    anchor = best_of(lambda: list(parse_jsonl(jsonl, "bench.jsonl")))
    seconds = best_of(lambda: list(parse_bibtex(bib, "bench.bib")))
    print(f"{n} papers: JSON Lines {anchor:.3f} s (anchor), BibTeX {seconds:.3f} s "
          f"({seconds / n * 1000:.2f} ms a paper) -> ratio {seconds / anchor:.1f}")


if __name__ == "__main__":
    main()
