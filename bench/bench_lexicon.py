"""Lexicon matching: an Aho-Corasick automaton over raw text against spaCy's PhraseMatcher.

    python bench/bench_lexicon.py [--scale 1 2] [--repeat 3] [--corpus DIR]

Both matchers get the same names with the same spelling variants (case, hyphen and
space forms, plurals; short all-caps and exact-case names as written). The
PhraseMatcher matches token sequences (an ``ORTH`` and a ``LOWER`` matcher, as
``kg_lexicon_matcher_v1`` did up to 0.3); the automaton (``ahocorasick-rs``) matches the
folded raw text, which is what the component does now. ``--scale 2`` doubles every
method and dataset entry with invented names, to see how the cost grows with the
lexicon. Per-paper costs are printed as ratios to the blank spaCy tokenizer measured
in the same run on the same papers (the anchor; median of ``--repeat`` runs), load
times in seconds. All times are CPU time of this process (the machine is shared).
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kg.model import Paper  # noqa: E402


def read_corpus(corpus: Path) -> list[Paper]:
    if corpus.is_dir():
        from kg.ingest import read_papers

        return read_papers([corpus]).papers
    sys.path.insert(0, str(REPO / "bench"))
    from bench_extract import synthesize

    return synthesize(600, 200, 1)


def inflated(entries, scale: int):
    """``scale`` times as many method and dataset entries (the copies have invented names)."""
    extra = []
    for copy in range(1, scale):
        for e in entries:
            if e.type in ("method", "dataset") and not e.family:
                tag = f"Zq{copy}"
                extra.append(dataclasses.replace(
                    e, label=e.label + tag, aliases=tuple(a + tag for a in e.aliases),
                    exact_case=tuple(a + tag for a in e.exact_case)))
    return (*entries, *extra)


def phrase_matchers(nlp, entries):
    """The token-level matchers of kg_lexicon_matcher_v1 up to extractor 0.3."""
    from spacy.matcher import PhraseMatcher

    from kg.extract.lexicon import surface_variants
    from kg.extract.lexicon_matcher import _exact_case
    from kg.extract.tokens import pattern_tokenizer

    caseless, exact = {}, {}
    for entry in entries:
        for name in entry.names:
            target = exact if entry.ambiguous or name in entry.exact_case or \
                _exact_case(name) else caseless
            for variant in surface_variants(name):
                target.setdefault(entry.id, set()).add(variant)
                if entry.type == "method" and not variant.endswith("s"):
                    target[entry.id].add(variant + "s")
    tokenizer = pattern_tokenizer(nlp)
    matchers = (PhraseMatcher(nlp.vocab, attr="LOWER"), PhraseMatcher(nlp.vocab, attr="ORTH"))
    for matcher, table in zip(matchers, (caseless, exact), strict=True):
        for key, names in table.items():
            matcher.add(key, list(tokenizer.pipe(sorted(names))))
    return matchers


def per_paper(function, items) -> float:
    started = time.process_time()
    for item in items:
        function(item)
    return (time.process_time() - started) / len(items)


def run(papers, scale: int, repeat: int) -> None:
    import spacy

    import kg.extract.lexicon_matcher as lexicon_matcher
    from kg.extract.lexicon import load_lexicon
    from kg.extract.pipeline import SEPARATOR, build_pipeline, make_doc

    started = time.process_time()
    load_lexicon.cache_clear()
    entries = inflated(load_lexicon(), scale)
    load_seconds = time.process_time() - started
    nlp = build_pipeline()
    original = lexicon_matcher.load_lexicon
    lexicon_matcher.load_lexicon = lambda: entries
    try:
        started = time.process_time()
        matcher = lexicon_matcher.LexiconMatcher(nlp, "bench")
        automaton_build = time.process_time() - started
    finally:
        lexicon_matcher.load_lexicon = original
    started = time.process_time()
    lower, orth = phrase_matchers(nlp, entries)
    phrase_build = time.process_time() - started

    texts = [p.title + SEPARATOR + p.abstract for p in papers]
    blank = spacy.blank("en").tokenizer
    docs = [make_doc(nlp, p) for p in papers]
    ratios = {"PhraseMatcher (LOWER + ORTH)": [], "automaton find()": [],
              "lexicon component (automaton)": []}
    anchors = []
    for _ in range(repeat):
        anchor = per_paper(blank, texts)
        anchors.append(anchor)
        ratios["PhraseMatcher (LOWER + ORTH)"].append(
            per_paper(lambda d: (lower(d), orth(d)), docs) / anchor)
        ratios["automaton find()"].append(per_paper(matcher.find, texts) / anchor)
        for doc in docs:
            doc.user_data.pop("kg", None)
        ratios["lexicon component (automaton)"].append(
            per_paper(lambda d: (d.user_data.pop("kg", None), matcher(d)), docs) / anchor)
    print(f"scale x{scale}: {len(entries):,} entries, {matcher.pattern_count:,} automaton "
          f"patterns, {len(papers)} papers")
    print(f"  load: lexicon files {load_seconds:.3f} s, automaton matcher "
          f"{automaton_build:.3f} s, PhraseMatcher {phrase_build:.3f} s")
    print(f"  per paper, ratio to the blank tokenizer ({statistics.median(anchors) * 1e6:.0f} µs"
          f" per paper, median of {repeat}):")
    for name, values in ratios.items():
        print(f"    {name:<32} {statistics.median(values):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    args = parser.parse_args()
    papers = read_corpus(args.corpus)
    for scale in args.scale:
        run(papers, scale, args.repeat)


if __name__ == "__main__":
    main()
