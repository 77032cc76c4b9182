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

from kg.extract.rules import alternation, words

__all__ = ["phenomenon_terms", "names_a_phenomenon"]

_QUOTE = r"[\"“‘'`]?"
# "we term", "which we call", "we will refer to as", "we describe as".
_WE_NAME = (r"we\s+(?:\w+\s+)?(?:term(?:ed)?|call(?:ed)?|dub(?:bed)?|named?|coin(?:ed)?|"
            r"refer(?:red)?\s+to\s+as|described?\s+as)")
_NAMED = r"(?:is\s+|are\s+)?(?:termed|dubbed|called|named|coined|known\s+as|referred\s+to\s+as)"


@cache
def _patterns() -> re.Pattern:
    nouns = alternation(words("phenomenon_nouns"))
    # "a phenomenon (that/which) we term X", "an effect, known as X";
    # "we term this (surprising) phenomenon X", "we call such failures X".
    return re.compile(
        rf"\b(?:{nouns})\s*,?\s+(?:(?:that|which)\s+)?(?:{_WE_NAME}|{_NAMED})\s+{_QUOTE}"
        rf"|\bwe\s+(?:\w+\s+)?(?:term|call|dub|name|refer\s+to)\s+(?:this|these|the|such|that)"
        rf"\s+(?:[\w-]+\s+){{0,2}}?(?:{nouns})\s+(?:as\s+)?(?:an?\s+|the\s+)?{_QUOTE}",
        re.I)


def phenomenon_terms(text: str, start: int = 0) -> list[int]:
    """Where each term a phenomenon-naming cue gives starts (offsets into ``text``)."""
    return [m.end() for m in _patterns().finditer(text, start)]


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
