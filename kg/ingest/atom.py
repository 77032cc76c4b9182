"""arXiv API responses: Atom XML feeds with one ``<entry>`` per paper."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

from kg.errors import InputError
from kg.ingest.records import find_arxiv_id, make_paper
from kg.model import Paper, Source

ATOM = "{http://www.w3.org/2005/Atom}"
API_ERRORS = "arxiv.org/api/errors"  # the <id> of the entry the arXiv API uses for an error


def parse_atom(text: str, path: str) -> Iterator[Paper | InputError]:
    try:
        root = ET.fromstring(text)
    except ET.ParseError as err:
        line, column = err.position
        reason = str(err).split(":")[0]  # "mismatched tag: line 3, column 2" -> "mismatched tag"
        raise InputError(path, line, f"malformed XML at column {column}: {reason}") from None
    if root.tag != f"{ATOM}feed":
        raise InputError(path, 1, f"not an Atom feed (root element is {root.tag!r})")
    # ElementTree keeps no line numbers; expat's start-tag events give them.
    entry_lines = _entry_lines(text)
    for index, entry in enumerate(root.iter(f"{ATOM}entry")):
        line = entry_lines[index] if index < len(entry_lines) else 1
        title = entry.findtext(f"{ATOM}title") or ""
        summary = entry.findtext(f"{ATOM}summary") or ""
        ident = entry.findtext(f"{ATOM}id") or ""
        if API_ERRORS in ident:  # the API reports a bad request as an entry, not a paper
            yield InputError(path, line, f"arXiv API error entry: {' '.join(summary.split())}")
            continue
        if not title.strip():
            yield InputError(path, line, "entry has no <title>")
            continue
        if not summary.strip():
            yield InputError(path, line, "entry has no <summary> (abstract)")
            continue
        links = [link.get("href", "") for link in entry.findall(f"{ATOM}link")]
        authors = tuple(a.findtext(f"{ATOM}name") or "" for a in entry.findall(f"{ATOM}author"))
        yield make_paper(
            title,
            summary,
            Source(path, line),
            date=entry.findtext(f"{ATOM}published"),
            url=ident or (links[0] if links else None),
            arxiv_id=find_arxiv_id(ident, *links),
            authors=authors,
        )


def _entry_lines(text: str) -> list[int]:
    """The line of each Atom ``<entry>`` start tag, as the XML parser sees it (so a comment,
    CDATA section or namespace prefix does not shift the count)."""
    from xml.parsers import expat

    lines: list[int] = []
    parser = expat.ParserCreate(namespace_separator=" ")

    def start(name, attributes):
        if name == f"{ATOM[1:-1]} entry":
            lines.append(parser.CurrentLineNumber)

    parser.StartElementHandler = start
    try:
        parser.Parse(text, True)
    except expat.ExpatError:
        pass  # ElementTree has parsed it already; a late error only stops the count
    return lines
