"""Daily-papers listing pages: a title line, then an abstract line, among page chrome.

``parse_listing`` is pure (lines in, records out); errors are yielded as values so
that the caller decides whether a bad record stops the run or is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from kg.errors import InputError
from kg.ingest.records import make_paper, parse_month_day
from kg.model import Paper, Source

# Lines of page chrome that carry no paper (compared case-insensitively).
CHROME = frozenset(s.casefold() for s in (
    "new",
    "Subscribe",
    "Daily Papers",
    "byAK and the research community",
    "Get trending papers in your email inbox!",
    "Get trending papers in your email inbox once a day!",
))
# Chrome glued to the first title when the page was copied without line breaks.
_GLUED = re.compile(
    r"^(?:Subscribe|Daily Papers|byAK and the research community)(?=[A-Z0-9\"'(\[])")
# A sentence boundary: terminal punctuation, optional closing quote/bracket, space, capital.
_SENTENCE_BREAK = re.compile(r"[.!?][\"')\]]?\s+[A-Z(\"']")


def is_abstract_line(text: str) -> bool:
    """Abstracts are long or made of sentences; titles are short and have no full stop."""
    if len(text) >= 250:
        return True
    return text[-1] in ".!?\"')]" and bool(_SENTENCE_BREAK.search(text))


def strip_chrome(text: str) -> str:
    return _GLUED.sub("", text, count=1).strip()


def parse_listing(lines: Iterable[str], path: str) -> Iterator[Paper | InputError]:
    """Yield one `Paper` per title/abstract pair, or an `InputError` per bad record."""
    date: str | None = None
    pending: tuple[int, str] | None = None  # (line number, title) waiting for its abstract
    for number, raw in enumerate(lines, 1):
        text = raw.strip()
        if not text or text.casefold() in CHROME:
            continue
        if pending is None and (month_day := parse_month_day(text)):
            date = month_day
            continue
        text = strip_chrome(text)
        if not text:
            continue
        if pending is None:
            if is_abstract_line(text):
                yield InputError(path, number, "abstract line without a title line before it")
            else:
                pending = (number, text)
            continue
        if is_abstract_line(text):
            title_line, title = pending
            yield make_paper(title, text, Source(path, title_line), date=date)
            pending = None
        else:
            yield InputError(path, pending[0], f"title without an abstract: {pending[1][:60]!r}")
            pending = (number, text)
    if pending is not None:
        yield InputError(path, pending[0], f"title without an abstract: {pending[1][:60]!r}")
