"""The rules' data: cue lists, confidences and context windows from ``rules.json``.

Every word list, confidence and window size the components use is a key of
``schemas/lexicons/rules.json``; this module reads them and turns word lists
into the regexes and sets the components match with. A missing key is an
error naming the file, never a silent default.

>>> confidence("lexicon"), window("type_context") > 0
(0.95, True)
>>> bool(words_regex(["data set"]).search("a new data  set"))
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.errors import KgError
from kg.extract.cued import cued_compile
from kg.extract.lexicon import load_rules
from kg.resources import schema_path

__all__ = ["confidence", "window", "words", "word_set", "words_regex", "alternation"]


def _section(name: str) -> dict:
    section = load_rules().get(name)
    if not isinstance(section, dict):
        raise KgError(f"{schema_path('lexicons', 'rules.json')}: no {name!r} table")
    return section


def confidence(situation: str) -> float:
    """The confidence a rule gives in one situation (``"title-name"``, ``"lexicon"``)."""
    try:
        return float(_section("confidence")[situation])
    except KeyError:
        raise KgError(f"{schema_path('lexicons', 'rules.json')}: no confidence for "
                      f"{situation!r}") from None


def window(name: str) -> int:
    """A context window, in characters (or words where its name says so)."""
    try:
        return int(_section("window")[name])
    except KeyError:
        raise KgError(f"{schema_path('lexicons', 'rules.json')}: no window {name!r}") from None


def words(key: str) -> list[str]:
    """One word list of ``rules.json``."""
    try:
        value = load_rules()[key]
    except KeyError:
        raise KgError(f"{schema_path('lexicons', 'rules.json')}: no list {key!r}") from None
    if not isinstance(value, list):
        raise KgError(f"{schema_path('lexicons', 'rules.json')}: {key!r} is not a list")
    return value


def word_set(key: str, lower: bool = True) -> set[str]:
    return {w.lower() for w in words(key)} if lower else set(words(key))


def alternation(items: Iterable[str]) -> str:
    """A regex alternation of ``items`` as literal words (longest first; spaces match
    any run of blanks)."""
    escaped = sorted((re.escape(w).replace(r"\ ", r"\s+") for w in items), key=len,
                     reverse=True)
    return "|".join(escaped)


def words_regex(items: Iterable[str], suffix: str = r"(?![\w-])") -> re.Pattern:
    """A regex for any of ``items`` as whole words (longest first), case-insensitive."""
    # \b first: the engine rejects most positions before trying the alternation.
    return cued_compile(r"\b(?<![\w-])(?:" + alternation(items) + ")" + suffix, re.I)
