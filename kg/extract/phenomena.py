"""Names a paper gives to what it observes, not to what it builds.

"a phenomenon we term Quill Drift", "We call this failure mode echo-locking",
"an effect known as Mirror Fade": the term names a phenomenon (``phenomenon_nouns``),
so it is no proposal of a method or dataset, even when the title leads with it.

>>> text = "Models forget, a phenomenon we term Quill Drift. We propose QuillFix."
>>> [text[s:s + 11] for s in phenomenon_terms(text)]
['Quill Drift']
"""

from __future__ import annotations

import re
from functools import cache

from kg.extract.cued import cued_compile
from kg.extract.rules import alternation, words

__all__ = ["phenomenon_terms", "names_a_phenomenon"]

_QUOTE = r"[\"“‘'`]?"
# The naming verb every cue holds; the phenomenon noun is looked for around it only.
_VERB = cued_compile(r"\b(?:term(?:ed)?|call(?:ed)?|dub(?:bed)?|named?|coin(?:ed)?|"
                     r"refer(?:red)?\s+to(?:\s+as)?|described?\s+as|known\s+as)\b", re.I)
_VERB_STARTS = ("term", "call", "dub", "name", "coin", "refer", "describ", "known")
_WE_BEFORE = cued_compile(r"\bwe\s+(?:\w+\s+)?$", re.I)
_TERM_START = cued_compile(rf"\s*{_QUOTE}")


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    nouns = alternation(words("phenomenon_nouns"))
    # "a phenomenon (that/which) we term X", "an effect, known as X", "problems are called"
    noun_before = cued_compile(
        rf"\b(?:{nouns})\s*,?\s+(?:(?:that|which)\s+)?(?:we\s+(?:\w+\s+)?|(?:is|are)\s+)?$",
        re.I)
    # "we term this (surprising) phenomenon X", "we refer to such failures as X"
    noun_after = cued_compile(
        rf"\s+(?:this|these|the|such|that)\s+(?:[\w-]+\s+){{0,2}}?(?:{nouns})\s+(?:as\s+)?"
        rf"(?:an?\s+|the\s+)?{_QUOTE}", re.I)
    return noun_before, noun_after


def phenomenon_terms(text: str, start: int = 0) -> list[int]:
    """Where each term a phenomenon-naming cue gives starts (offsets into ``text``)."""
    noun_before, noun_after = _patterns()
    found = []
    for verb in _verbs(text, start):
        left = text[max(start, verb.start() - 60):verb.start()]
        if noun_before.search(left):
            found.append(_TERM_START.match(text, verb.end()).end())
        elif _WE_BEFORE.search(left) and (m := noun_after.match(text, verb.end())):
            found.append(m.end())
    return found


def _verbs(text: str, start: int) -> list[re.Match]:
    """The naming verbs of ``text``: found with str.find (the verb follows "we", a noun
    or "is", so it is written in lower case), much faster than a regex scan."""
    hits = []
    for word in _VERB_STARTS:
        i = text.find(word, start)
        while i != -1:
            if (i == 0 or not text[i - 1].isalnum()) and (m := _VERB.match(text, i)):
                hits.append(m)
            i = text.find(word, i + len(word))
    return sorted(hits, key=lambda m: m.start())


def names_a_phenomenon(text: str, name: str, start: int = 0) -> bool:
    """Does ``text`` introduce ``name`` (any case, spacing) as the term for a phenomenon?"""
    key = re.sub(r"[\W_]+", "", name).casefold()
    if not key:
        return False
    for pos in phenomenon_terms(text, start):
        following = re.sub(r"[\W_]+", "", text[pos:pos + len(name) + 12]).casefold()
        if following.startswith(key):
            return True
    return False
