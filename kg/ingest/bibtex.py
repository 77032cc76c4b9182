"""BibTeX files: one paper per entry that has a title and an ``abstract`` field.

A small brace-aware parser: BibTeX needs no full grammar here, only entries,
``{…}``/``"…"`` values and ``#`` concatenation; ``@string``/``@comment``/``@preamble``
blocks are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.errors import InputError
from kg.ingest.records import make_paper
from kg.model import Paper, Source

_ENTRY_START = re.compile(r"@\s*([A-Za-z]+)\s*([{(])")
_FIELD_NAME = re.compile(r"\s*([A-Za-z][\w\-:.]*)\s*=\s*")
_LATEX_ACCENT = re.compile(r"\\[`'^\"~=.uvHckbdr]\s*\{?([A-Za-z])\}?")
_SKIPPED_TYPES = {"string", "comment", "preamble"}


def parse_bibtex(text: str, path: str) -> Iterator[Paper | InputError]:
    position = 0
    while match := _ENTRY_START.search(text, position):
        kind = match.group(1).casefold()
        line = text.count("\n", 0, match.start()) + 1
        closer = "}" if match.group(2) == "{" else ")"
        end = _matching(text, match.end() - 1, closer)
        if end is None:
            raise InputError(path, line, f"unbalanced braces in @{match.group(1)} entry")
        position = end + 1
        if kind in _SKIPPED_TYPES:
            continue
        body = text[match.end():end]
        try:
            key, fields = _parse_body(body)
        except ValueError as err:
            yield InputError(path, line, f"malformed @{match.group(1)} entry: {err}")
            continue
        title, abstract = fields.get("title", ""), fields.get("abstract", "")
        if not title:
            yield InputError(path, line, f"entry {key!r} has no title")
        elif not abstract:
            yield InputError(path, line, f"entry {key!r} has no abstract field")
        else:
            authors = tuple(a.strip() for a in fields.get("author", "").split(" and ") if a.strip())
            date = fields.get("date") or fields.get("year")
            on_arxiv = "arxiv" in fields.get("archiveprefix", "arxiv").casefold()
            ident = fields.get("eprint") if on_arxiv else None
            yield make_paper(
                title,
                abstract,
                Source(path, line),
                date=date,
                url=fields.get("url"),
                arxiv_id=ident if ident and re.match(r"^\d{4}\.\d{4,5}", ident) else None,
                authors=authors,
            )


def _matching(text: str, open_at: int, closer: str) -> int | None:
    depth, opener = 0, text[open_at]
    for index in range(open_at, len(text)):
        if text[index] == opener:
            depth += 1
        elif text[index] == closer:
            depth -= 1
            if depth == 0:
                return index
    return None


def _parse_body(body: str) -> tuple[str, dict[str, str]]:
    key, _, rest = body.partition(",")
    fields: dict[str, str] = {}
    position = 0
    while position < len(rest):
        match = _FIELD_NAME.match(rest, position)
        if not match:
            if rest[position:].strip(" \t\r\n,"):
                raise ValueError(f"cannot read field near {rest[position:position + 20].strip()!r}")
            break
        name, position = match.group(1).casefold(), match.end()
        parts = []
        while True:
            value, position = _read_value(rest, position)
            parts.append(value)
            hash_at = _skip(rest, position)
            if hash_at < len(rest) and rest[hash_at] == "#":
                position = _skip(rest, hash_at + 1)
                continue
            break
        fields[name] = _clean("".join(parts))
        position = _skip(rest, position)
        if position < len(rest) and rest[position] == ",":
            position += 1
    return key.strip(), fields


def _read_value(text: str, position: int) -> tuple[str, int]:
    position = _skip(text, position)
    if position >= len(text):
        raise ValueError("missing value")
    if text[position] == "{":
        end = _matching(text, position, "}")
        if end is None:
            raise ValueError("unbalanced braces")
        return text[position + 1:end], end + 1
    if text[position] == '"':
        index, depth = position + 1, 0
        while index < len(text):
            char = text[index]
            depth += char == "{"
            depth -= char == "}"
            if char == '"' and depth == 0 and text[index - 1] != "\\":
                return text[position + 1:index], index + 1
            index += 1
        raise ValueError("unterminated quoted value")
    match = re.match(r"[\w\-:.]+", text[position:])
    if not match:
        raise ValueError(f"unexpected {text[position]!r}")
    return match.group(0), position + match.end()


def _skip(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def _clean(value: str) -> str:
    value = _LATEX_ACCENT.sub(r"\1", value)
    value = value.replace("\\&", "&").replace("\\%", "%").replace("\\_", "_").replace("~", " ")
    return " ".join(value.replace("{", "").replace("}", "").split())
