"""Regex scans that start only where one of the pattern's own leading words is written.

Python's ``re`` has no fast scan for a case-insensitive alternation of words
(``\\b(?:cast|recast|formulate)\\s+...``, ``re.I``): it tries the pattern at every
position of the text, and most of the rules' scans are of that kind. A
:class:`CuedPattern` reads, from the compiled pattern itself, the literal words
every match must begin with ("cast", "recast", "formulate"), finds where the
(lower-cased) text has them (``str.find`` for a few words, one Aho-Corasick pass for
more; once per text, as the rules scan one text window by window), and tries the
pattern only there: ``finditer`` and ``search`` return exactly the matches the
pattern's own would (same spans, groups and order; tested), about twice as fast over
the calls the pipeline makes.

When the text could compare differently lower-cased than ``re.I`` compares it (a
character such as "ı" or "ſ", which ``re.I`` equates with "i" and "s", or one whose
lower case is two characters), and for scans of a few characters, the pattern's own
scan runs.

>>> cued = CuedPattern(re.compile(r"\\b(?:cast|formulate)s?\\s+(\\w+)\\s+as\\b", re.I))
>>> cued.leads
('cast', 'formulate')
>>> [m.group(1) for m in cued.finditer("We Cast control as inpainting; formulates X as Y.")]
['control', 'X']
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache

import ahocorasick_rs

try:  # the pattern's parse tree, to read its leading words from
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

__all__ = ["CuedPattern", "GuardedPattern", "cued", "cued_compile", "leading_words",
           "required_words", "lower_as_re_i"]

_ZERO_WIDTH = {_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT}
_FEW = 3  # up to this many leading words, str.find; more, one automaton
_SHORT = 24  # a scan of fewer characters is the pattern's own (faster there; measured)
_SELECTIVE = 3  # shorter required strings ("a", "(") are in nearly every text


_MAX_LEADS = 64  # a class before more literals multiplies the words: not past this


def _leads(items, folds: list | None = None) -> set[str] | None:
    """The literal strings every match of the parsed ``items`` starts with; None when
    some match may start otherwise (a class of more than single characters, an
    optional part nothing literal follows, ...).

    A class of single characters gives one string per character ("[Tt]he": "The",
    "the"), an optional part the strings of both ways ("(?:sub-?)?tasks": "sub",
    "tasks"), and a group with a case flag of its own (``(?i:...)``) its strings, with
    True appended to ``folds``: the caller then looks for them in the lower-cased text
    (a superset of the starts, which the pattern's own match then checks)."""
    items = list(items)
    i = 0
    while i < len(items) and items[i][0] in _ZERO_WIDTH:
        i += 1  # \b, lookbehinds and lookaheads take no character
    if i == len(items):
        return None
    op, av = items[i]
    if op is _sre.LITERAL or op is _sre.IN:
        if op is _sre.IN:
            if not av or any(o is not _sre.LITERAL for o, _ in av):
                return None  # a negated class, a range, \w ...
            heads = {chr(v) for _, v in av}
            i += 1
        else:
            word = []
            while i < len(items) and items[i][0] is _sre.LITERAL:
                word.append(chr(items[i][1]))
                i += 1
            heads = {"".join(word)}
        # "n" then (?:ovel|ew), as the parser writes (?:novel|new): "novel", "new".
        rest = _leads(items[i:], folds) if i < len(items) and items[i][0] in (
            _sre.SUBPATTERN, _sre.BRANCH, _sre.IN, _sre.LITERAL) else None
        if rest and len(heads) * len(rest) <= _MAX_LEADS:
            return {h + r for h in heads for r in rest}
        return heads
    if op is _sre.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if (add_flags | del_flags) & ~re.IGNORECASE:
            return None  # a group with other flags of its own: not read here
        if add_flags or del_flags:
            if folds is None:
                return None
            folds.append(True)
        return _leads(sub.data, folds)
    if op is _sre.BRANCH:
        found: set[str] = set()
        for alternative in av[1]:
            leads = _leads(alternative.data, folds)
            if not leads:
                return None
            found |= leads
        return found
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
        low, _high, body = av
        leads = _leads(body.data, folds)
        if not leads or low >= 1:
            return leads or None
        # An optional part: a match starts with it or with what follows it.
        after = _leads(items[i + 1:], folds)
        return leads | after if after else None
    return None


def _parsed(pattern: re.Pattern):
    """The parsed items of ``pattern``, or None when its tree cannot be read safely
    (verbose or locale patterns, bytes, a tree the parser refuses): the caller then
    leaves the pattern to its own scan."""
    if pattern.flags & (re.VERBOSE | re.LOCALE) or not isinstance(pattern.pattern, str):
        return None
    try:
        return _sre_parse.parse(pattern.pattern, pattern.flags).data
    except Exception:  # noqa: BLE001 - an unreadable tree: use the pattern's own scan
        return None


@lru_cache(maxsize=4096)
def _words(pattern: re.Pattern) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None, bool]:
    """(:func:`leading_words`, :func:`required_words`, whether they are lower case and
    looked for in the lower-cased text) of ``pattern``, from one parse of it.

    Parsing is the pure-Python part of compiling (the extractor's start-up makes some
    400 cued patterns): :func:`cued` and :class:`CuedPattern` ask for both, each pattern
    is parsed once here. ``re.Pattern`` objects compare by pattern and flags."""
    items = _parsed(pattern)
    if items is None:
        return None, None, False
    folds: list = []
    leads = _leads(items, folds)
    # A case flag inside the pattern: its words are looked for in the lower-cased text.
    fold = bool(pattern.flags & re.IGNORECASE or folds)
    if not leads or "" in leads:
        lead_words = None
    else:
        if fold:
            leads = {w.lower() for w in leads}
        # "data" finds every start "datasets" would: keep the shorter (fewer finds).
        kept = {w for w in leads if not any(o != w and w.startswith(o) for o in leads)}
        lead_words = tuple(sorted(kept))
    found = _required(items)
    if not found or min(map(len, found)) < _SELECTIVE:
        needs = None
    else:
        needs = tuple(sorted({w.lower() for w in found} if fold else found))
    return lead_words, needs, fold


def leading_words(pattern: re.Pattern) -> tuple[str, ...] | None:
    """The literal words (lower case for a case-insensitive pattern) one of which every
    match of ``pattern`` starts with, shortest of overlapping ones kept; None if the
    pattern has none.

    >>> leading_words(re.compile(r"(?<![\\w-])(?:data\\s+sets?|datasets?|benchmark)", re.I))
    ('benchmark', 'data')
    >>> leading_words(re.compile(r"[A-Z]\\w+")) is None
    True
    """
    return _words(pattern)[0]


def _required(items) -> set[str] | None:
    """Literal strings one of which every match of the parsed ``items`` holds (the most
    selective such set of the sequence: longest shortest string); None if none."""
    best: set[str] | None = None
    items = list(items)
    i = 0
    while i < len(items):
        op, av = items[i]
        found: set[str] | None = None
        if op is _sre.LITERAL:
            found = _leads(items[i:])  # the run, with the branch after it ("n(?:ovel|ew)")
            while i + 1 < len(items) and items[i + 1][0] is _sre.LITERAL:
                i += 1
        elif op is _sre.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            found = None if add_flags or del_flags else _required(sub.data)
        elif op is _sre.BRANCH:
            found = set()
            for alternative in av[1]:
                part = _required(alternative.data)
                if not part:
                    found = None
                    break
                found |= part
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] >= 1:
            found = _required(av[2].data)
        # Lookarounds are left out: a lookbehind reads before the scanned range.
        if found and "" not in found and (
                best is None or min(map(len, found)) > min(map(len, best))):
            best = found
        i += 1
    return best


def required_words(pattern: re.Pattern) -> tuple[str, ...] | None:
    """Literal strings (lower case for a case-insensitive pattern), at least three
    characters each, one of which every match of ``pattern`` holds; None if none.

    >>> required_words(re.compile(r"(?:\\s*,|\\s+-)\\s*(?:a|an)\\s+(?:novel|new)\\b"))
    ('new', 'novel')
    >>> required_words(re.compile(r"\\s+(\\w+)")) is None
    True
    """
    return _words(pattern)[1]


def _unsafe_characters() -> str:
    """Characters ``re.I`` equates with others that ``str.lower`` does not map to them."""
    try:
        from re import _casefix

        extra = {chr(c) for key, values in _casefix._EXTRA_CASES.items()
                 for c in (key, *values)}
    except (ImportError, AttributeError):  # pragma: no cover
        return ""
    return "".join(sorted(c for c in extra | {"\u03a3"} if not c.isascii()))


_UNSAFE = _unsafe_characters()
_UNSAFE_SEARCH = re.compile("[" + re.escape(_UNSAFE) + "]").search if _UNSAFE else None
# (text, its lower case or None): one text at a time, swapped as one tuple (threads).
_lowered: list = [("", "")]


def lower_as_re_i(text: str) -> str | None:
    """``text.lower()`` when it lines up with ``re.I`` character for character, else None."""
    last = _lowered[0]
    if last[0] is text:
        return last[1]
    if text.isascii():
        low = text.lower()
    elif _UNSAFE_SEARCH is None or _UNSAFE_SEARCH(text):
        low = None
    else:
        low = text.lower()
        if len(low) != len(text):
            low = None
    _lowered[0] = (text, low)
    return low


class CuedPattern:
    """A compiled pattern whose scans (``finditer``, ``search``) only try the positions
    where one of its leading words is written; ``match``, ``fullmatch``, ``sub``,
    ``pattern`` and ``flags`` are the pattern's own."""

    __slots__ = ("regex", "leads", "_fold", "_automaton", "_last", "match", "fullmatch", "sub",
                 "pattern", "flags")

    def __init__(self, regex: re.Pattern):
        leads = leading_words(regex)
        if leads is None:
            raise ValueError(f"no leading words in {regex.pattern[:60]!r}")
        self.regex, self.leads = regex, leads
        self._fold = _words(regex)[2]
        # Many leading words: one automaton pass; a few: str.find for each.
        self._automaton = ahocorasick_rs.AhoCorasick(leads) if len(leads) > _FEW else None
        self._last: tuple = ("", [])  # (text, where its leading words start): one text
        self.match, self.fullmatch, self.sub = regex.match, regex.fullmatch, regex.sub
        self.pattern, self.flags = regex.pattern, regex.flags

    def _starts(self, text: str) -> list[int] | None:
        """Where the leading words start in ``text``, in order (None: not lined up with
        ``re.I``); computed once per text, which the rules scan window by window."""
        last = self._last
        if last[0] is text:
            return last[1]
        hay = lower_as_re_i(text) if self._fold else text
        if hay is None:
            starts = None
        elif self._automaton is not None:
            starts = sorted([start for _, start, _ in self._automaton.find_matches_as_indexes(
                hay, overlapping=True)])
        else:
            starts = []
            find = hay.find
            for lead in self.leads:
                i = find(lead)
                while i != -1:
                    starts.append(i)
                    i = find(lead, i + 1)
            if len(self.leads) > 1:
                starts.sort()
        self._last = (text, starts)
        return starts

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match]:
        size = len(text)
        # (The rules scan many short windows: the test is spelt out, no min() call.)
        if (endpos if endpos < size else size) - pos < _SHORT:
            return self.regex.finditer(text, pos, endpos)
        starts = self._starts(text)
        if starts is None:
            return self.regex.finditer(text, pos, endpos)
        return self._matches(text, starts, pos, endpos)

    def _matches(self, text: str, starts: list[int], pos: int,
                 endpos: int) -> Iterator[re.Match]:
        match = self.regex.match
        done = pos
        for i in range(bisect_left(starts, pos), len(starts)):
            start = starts[i]
            if start >= endpos:
                break
            if start >= done:
                m = match(text, start, endpos)
                if m is not None:
                    yield m
                    done = m.end()

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match | None:
        size = len(text)
        if (endpos if endpos < size else size) - pos < _SHORT:
            return self.regex.search(text, pos, endpos)
        starts = self._starts(text)
        if starts is None:
            return self.regex.search(text, pos, endpos)
        match = self.regex.match
        for i in range(bisect_left(starts, pos), len(starts)):
            start = starts[i]
            if start >= endpos:
                break
            m = match(text, start, endpos)
            if m is not None:
                return m
        return None

    def __getattr__(self, name: str):
        return getattr(self.regex, name)  # findall, split, groups, ...: the pattern's own

    def __repr__(self) -> str:
        return f"CuedPattern({self.regex!r})"


class GuardedPattern:
    """A compiled pattern whose scans (``finditer``, ``search``) first look whether the
    scanned range holds one of the strings every match holds (:func:`required_words`),
    and find nothing without scanning when it holds none; the rest is the pattern's own."""

    __slots__ = ("regex", "needs", "_fold", "match", "fullmatch", "sub", "pattern", "flags")

    def __init__(self, regex: re.Pattern):
        needs = required_words(regex)
        if needs is None:
            raise ValueError(f"no required words in {regex.pattern[:60]!r}")
        self.regex, self.needs = regex, needs
        self._fold = _words(regex)[2]
        self.match, self.fullmatch, self.sub = regex.match, regex.fullmatch, regex.sub
        self.pattern, self.flags = regex.pattern, regex.flags

    def _absent(self, text: str, pos: int, endpos: int) -> bool:
        size = len(text)
        if (endpos if endpos < size else size) - pos < _SHORT:
            return False
        hay = lower_as_re_i(text) if self._fold else text
        if hay is None:
            return False
        for need in self.needs:
            if hay.find(need, pos, endpos) != -1:
                return False
        return True

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match]:
        if self._absent(text, pos, endpos):
            return iter(())
        return self.regex.finditer(text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match | None:
        if self._absent(text, pos, endpos):
            return None
        return self.regex.search(text, pos, endpos)

    def __getattr__(self, name: str):
        return getattr(self.regex, name)

    def __repr__(self) -> str:
        return f"GuardedPattern({self.regex!r})"


def cued(regex: re.Pattern) -> CuedPattern | GuardedPattern | re.Pattern:
    """``regex`` as a :class:`CuedPattern` when it has leading words (of two characters
    or more: one-letter ones are everywhere), else as a :class:`GuardedPattern` when it
    has required words, else itself."""
    leads = leading_words(regex)
    if leads is not None and min(map(len, leads)) >= 2:
        return CuedPattern(regex)
    if required_words(regex) is not None:
        return GuardedPattern(regex)
    return regex


def cued_compile(pattern: str, flags: int = 0) -> CuedPattern | re.Pattern:
    """``re.compile(pattern, flags)``, as a :class:`CuedPattern` when it has leading words
    (for patterns made once: reading the leading words parses the pattern again)."""
    return cued(re.compile(pattern, flags))
