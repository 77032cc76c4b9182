"""The rule data: every confidence and window the code asks for exists, and is used."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.errors import KgError
from kg.extract import rules
from kg.extract.lexicon import load_rules

EXTRACT = Path(rules.__file__).parent


def _asked(function: str) -> set[str]:
    found = set()
    for path in EXTRACT.glob("*.py"):
        found |= set(re.findall(rf'\b{function}\(\s*"([^"]+)"', path.read_text()))
    return found


def test_every_confidence_and_window_asked_for_is_in_the_table():
    for situation in _asked("confidence"):
        assert 0 < rules.confidence(situation) <= 1, situation
    for name in _asked("window"):
        assert rules.window(name) > 0, name


def test_the_tables_hold_nothing_unused():
    # "family" and "lexicon" are looked up by the rule name the lexicon matcher sets.
    used = _asked("confidence") | {"family", "lexicon"}
    table = {k for k in load_rules()["confidence"] if not k.startswith("_")}
    assert table <= used, table - used
    windows = {k for k in load_rules()["window"] if not k.startswith("_")}
    assert windows <= _asked("window"), windows - _asked("window")


def test_every_word_list_asked_for_exists():
    for key in _asked("words") | _asked("word_set"):
        assert rules.words(key), key


@pytest.mark.parametrize("call", [lambda: rules.confidence("no-such-rule"),
                                  lambda: rules.window("no-such-window"),
                                  lambda: rules.words("no_such_list")])
def test_a_missing_key_is_an_error_naming_the_file(call):
    with pytest.raises(KgError, match="rules.json"):
        call()


def test_words_regex_matches_whole_words_and_any_blank_run():
    pattern = rules.words_regex(["data set", "benchmark"])
    assert pattern.search("a new data \n set")
    assert not pattern.search("benchmarks")
    assert not pattern.search("sub-benchmark")
