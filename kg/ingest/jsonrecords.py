"""JSON Lines files and JSON arrays of paper objects.

Each object needs a title and an abstract; ``id``, ``authors``, ``date`` and
``url`` are optional (a few common spellings of each key are accepted). Items of
the Hugging Face daily-papers API (the paper wrapped in a ``"paper"`` object) are
read by :mod:`kg.ingest.hfdaily`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from kg.errors import InputError
from kg.ingest.hfdaily import is_daily_item, paper_from_daily_item
from kg.ingest.records import find_arxiv_id, make_paper
from kg.model import Paper, Source

TITLE_KEYS = ("title", "paper_title")
ABSTRACT_KEYS = ("abstract", "summary", "paper_abstract", "description")
DATE_KEYS = ("date", "published", "publication_date", "year")
URL_KEYS = ("url", "link", "pdf_url", "arxiv_url")
ID_KEYS = ("arxiv_id", "arxiv", "id")


def _first(record: dict, keys: tuple[str, ...]):
    lowered = {str(k).casefold(): v for k, v in record.items()}
    for key in keys:
        value = lowered.get(key)
        if value not in (None, "", []):
            return value
    return None


def paper_from_record(record: object, path: str, line: int) -> Paper | InputError:
    """Build a `Paper` from one decoded object, or explain why it is not one."""
    if not isinstance(record, dict):
        return InputError(path, line, f"expected a JSON object, got {type(record).__name__}")
    if is_daily_item(record):  # a Hugging Face daily-papers item (kg fetch hf snapshots)
        return paper_from_daily_item(record, path, line)
    title, abstract = _first(record, TITLE_KEYS), _first(record, ABSTRACT_KEYS)
    if not isinstance(title, str) or not title.strip():
        return InputError(path, line, "record has no 'title'")
    if not isinstance(abstract, str) or not abstract.strip():
        return InputError(path, line, "record has no 'abstract'")
    authors = _first(record, ("authors", "author")) or ()
    if isinstance(authors, str):
        authors = tuple(a.strip() for a in authors.replace(" and ", ",").split(","))
    ident = _first(record, ID_KEYS)
    url = _first(record, URL_KEYS)
    return make_paper(
        title,
        abstract,
        Source(path, line),
        date=str(_first(record, DATE_KEYS) or "") or None,
        url=str(url) if url else None,
        arxiv_id=find_arxiv_id(f"arXiv:{ident}") if ident else None,
        authors=tuple(str(a) for a in authors if isinstance(a, (str, int))),
    )


_TOO_DEEP = "malformed JSON: nested too deeply (thousands of levels; a paper record has two)"


def parse_jsonl(lines: Iterable[str], path: str) -> Iterator[Paper | InputError]:
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputError(path, number, f"malformed JSON: {err.msg} (column {err.colno})")
            continue
        except RecursionError:
            yield InputError(path, number, _TOO_DEEP)
            continue
        yield paper_from_record(record, path, number)


def parse_json_array(text: str, path: str) -> Iterator[Paper | InputError]:
    """Decode the array element by element so each record knows its line number."""
    decoder = json.JSONDecoder()
    position = _skip_space(text, 0)
    if position >= len(text) or text[position] != "[":
        raise InputError(path, _line_of(text, position), "expected a JSON array of objects")
    position = _skip_space(text, position + 1)
    if position < len(text) and text[position] == "]":
        return
    while True:
        line = _line_of(text, position)
        try:
            record, position = decoder.raw_decode(text, position)
        except json.JSONDecodeError as err:
            # The rest of the array cannot be trusted after a syntax error.
            raise InputError(path, err.lineno, f"malformed JSON: {err.msg}") from None
        except RecursionError:
            raise InputError(path, line, _TOO_DEEP) from None
        yield paper_from_record(record, path, line)
        position = _skip_space(text, position)
        if position < len(text) and text[position] == ",":
            position = _skip_space(text, position + 1)
            continue
        if position < len(text) and text[position] == "]":
            break
        raise InputError(path, _line_of(text, position), "malformed JSON: expected ',' or ']'")
    if _skip_space(text, position + 1) != len(text):
        raise InputError(path, _line_of(text, position + 1), "malformed JSON: data after the array")


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def _line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1
