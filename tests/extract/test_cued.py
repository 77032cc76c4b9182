"""Cued scans (kg.extract.cued) find exactly what the pattern's own scans find."""

from __future__ import annotations

import re

import pytest

from kg.extract.cued import (
    CuedPattern,
    GuardedPattern,
    cued,
    cued_compile,
    leading_words,
    required_words,
)
from kg.extract.rules import words_regex

TEXTS = [
    "We cast policy learning as video generation. Formulated X as Y; RECAST it as Z.",
    "Casting glorp scheduling as a causal query, we formulate it as"
    " search. " * 6,
    "A data  set, DataSets and the benchmark suite; a dataset of benchmarks.",
    "No cue word at all here, only plain words that go on for a while to pass the cutoff.",
    # Characters re.I equates with ASCII letters that str.lower does not map to them.
    "We ca\u017ft it as \u0131mage generation and cast it as s\u0131gnal processing, again.",
    "\u0130stanbul: we cast the task as retrieval over a long enough text for the scan.",
    "Unicode \u00e9l\u00e8ve \u2014 we cast alignment as ranking \u00d7 2, then formulate it as X.",
]
PATTERNS = [
    re.compile(r"\b(?:cast|recast|formulat(?:e|es|ed|ing)|casting)\s+(\w+(?:\s+\w+)?)\s+as\b",
               re.I),
    re.compile(r"(?<![\w-])(?:data\s+sets?|datasets?|benchmarks?)(?![\w-])", re.I),
    re.compile(r"\b(?:We|Casting)\s+(\w+)"),  # case-sensitive
    words_regex(["cast", "formulate", "data set"]).regex,
    # More than a few leading words: found by one automaton pass.
    words_regex(["cast", "recast", "formulate", "data set", "benchmark", "problem", "ranking",
                 "as"]).regex,
    # Leading words read through classes, optional parts and a group's case flag.
    re.compile(r"(?i:we|formulate)\s+([a-z]\w*)"),
    re.compile(r"(?:re)?[Cc]ast\s+(\w+)"),
    re.compile(r"\b(?:[Ww]e|[Tt]he)\s+(\w+)\s+(?-i:as|AS)\b", re.I),
]


def spans(matches):
    return [(m.span(), m.groups()) for m in matches]


@pytest.mark.parametrize("pattern", PATTERNS)
@pytest.mark.parametrize("text", TEXTS)
def test_same_matches_as_the_pattern(pattern, text):
    fast = CuedPattern(pattern)
    assert spans(fast.finditer(text)) == spans(pattern.finditer(text))
    for pos, endpos in [(0, len(text)), (5, len(text) - 3), (10, 40), (3, 12)]:
        assert spans(fast.finditer(text, pos, endpos)) == spans(pattern.finditer(text, pos, endpos))
        fast_hit, own_hit = fast.search(text, pos, endpos), pattern.search(text, pos, endpos)
        assert (fast_hit and fast_hit.span()) == (own_hit and own_hit.span())


def test_leading_words_read_from_the_pattern():
    assert leading_words(PATTERNS[0]) == ("cast", "formulate", "formulating", "recast")
    assert leading_words(PATTERNS[2]) == ("Casting", "We")
    # No literal start (a class of ranges, an optional part nothing literal follows):
    # the pattern scans on its own.
    assert leading_words(re.compile(r"[A-Z]\w+")) is None
    assert leading_words(re.compile(r"(?:the\s+)?\w+")) is None
    assert leading_words(re.compile(r"x(?:ab)?")) == ("x",)
    # An optional word: its start or the next one's.
    assert leading_words(re.compile(r"(?:the\s+)?model")) == ("model", "the")
    assert leading_words(re.compile(r"\b(?:sub-?)?tasks\b", re.I)) == ("sub", "tasks")
    # A class of single characters: one word per character.
    assert leading_words(re.compile(r"\b(?:[Tt]he|[Tt]his)\s+\w+")) == (
        "The", "This", "the", "this")
    assert leading_words(re.compile(r"\((1|i|a)\)")) == ("(1", "(a", "(i")
    # A case flag of a group: its words in lower case, looked for in the lowered text.
    assert leading_words(re.compile(r"(?i:propose|Introduce)\s+([a-z]+)")) == (
        "introduce", "propose")
    assert leading_words(re.compile(r"(?s:ab)c")) is None  # other flags: not read
    assert isinstance(cued(re.compile(r"\d+%")), re.Pattern)
    assert isinstance(cued_compile(r"\bwe\b", re.I), CuedPattern)


def test_windows_of_one_text_in_any_order():
    """Where the leading words start is read once per text; windows after it still see
    only their own matches."""
    fast, own = CuedPattern(PATTERNS[4]), PATTERNS[4]
    text = TEXTS[1]
    for pos, endpos in [(60, 200), (0, 30), (100, len(text)), (0, 30), (27, 90)]:
        assert spans(fast.finditer(text, pos, endpos)) == spans(own.finditer(text, pos, endpos))


def test_unsafe_text_uses_the_patterns_own_scan():
    # "ca\u017ft" is "cast" to re.I but not to str.lower: the match must still be found.
    text = TEXTS[4]
    fast = CuedPattern(PATTERNS[0])
    assert [m.group() for m in fast.finditer(text)][0].startswith("ca\u017ft")


def test_the_rest_is_the_patterns_own():
    fast = CuedPattern(PATTERNS[1])
    assert fast.findall("two datasets and a benchmark") == ["datasets", "benchmark"]
    assert fast.sub("D", "a data set") == "a D"
    assert fast.match("dataset") and fast.pattern == PATTERNS[1].pattern


GUARDED = [
    re.compile(r"(?:\s*,|\s*--|\s+-|\s*[\u2014\u2013])\s*(?:a|an)\s+(?:novel|new)\b"),
    re.compile(r"\s+(\w+)\s+(?:[Tt]ask|[Bb]enchmark)s?\b"),
    re.compile(r"[A-Z]\w*\s+(?:model|network)s?", re.I),
]


@pytest.mark.parametrize("pattern", GUARDED)
@pytest.mark.parametrize("text", TEXTS + ["X, a novel way; Y -- an new one; the Glorp task.",
                                          "an MODEL of a NETWORK, a new network"])
def test_guarded_scans_find_what_the_pattern_finds(pattern, text):
    guarded = cued(pattern)
    assert isinstance(guarded, GuardedPattern)
    for pos, endpos in [(0, len(text)), (4, len(text)), (0, 30)]:
        assert spans(guarded.finditer(text, pos, endpos)) == spans(
            pattern.finditer(text, pos, endpos))
        hit, own = guarded.search(text, pos, endpos), pattern.search(text, pos, endpos)
        assert (hit and hit.span()) == (own and own.span())


def test_required_words_read_from_the_pattern():
    assert required_words(GUARDED[0]) == ("new", "novel")
    assert required_words(GUARDED[2]) == ("model", "network")
    assert required_words(re.compile(r"\s+(\w+)")) is None
    assert required_words(re.compile(r"[,(]\s*\w")) is None  # one character: everywhere
