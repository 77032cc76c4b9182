"""Small helpers for the component tests: seed candidates, read labels.

Seeded lexicon entries are made up here, so the component tests do not depend
on what the shipped lexicons hold.
"""

from __future__ import annotations

from collections.abc import Callable

from kg.extract.lexicon import LexiconEntry
from kg.extract.records import Candidate, Findings


def entry(label: str, type_: str = "method", aliases: tuple[str, ...] = (),
          family: bool = False) -> LexiconEntry:
    return LexiconEntry(label, type_, aliases, family=family)


def candidate(findings: Findings, surface: str, type_: str = "method", label: str | None = None,
              rule: str | None = None, lexicon: LexiconEntry | None = None, nth: int = 0,
              ) -> Candidate:
    """A candidate for the ``nth`` occurrence of ``surface`` in the findings' text."""
    text = findings.text
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    family = bool(lexicon and lexicon.family)
    rule = rule or ("family" if family else "lexicon")
    return Candidate(start, start + len(surface), type_, label or surface, rule, 0.9,
                     entry=lexicon, family=family, surface=surface)


def seeded(*specs: dict) -> Callable[[Findings], None]:
    """A seed function adding one candidate per spec (keyword arguments of
    :func:`candidate`), as the earlier stages would have."""

    def seed(findings: Findings) -> None:
        for spec in specs:
            findings.add(candidate(findings, **spec))

    return seed


def labels(findings: Findings, type_: str | None = None, role: str | None = None) -> set[str]:
    return {c.label for c in findings.mentions()
            if (type_ is None or c.type == type_)
            and (role is None or findings.has_role(c, role))}
