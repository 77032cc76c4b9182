"""Hugging Face daily papers: the JSON the ``/api/daily_papers`` endpoint returns.

The response is a JSON array of listing items; each item wraps the paper in a
``"paper"`` object (``id`` is the arXiv id, ``summary`` the abstract, ``authors``
a list of ``{"name": ...}``) and carries the listing's own ``publishedAt`` (the
time the paper was put on the daily page) beside it. The JSON array reader
hands items of that shape here.
"""

from __future__ import annotations

from kg.errors import InputError
from kg.ingest.records import find_arxiv_id, make_paper
from kg.model import Paper, Source

__all__ = ["is_daily_item", "paper_from_daily_item", "HF_PAPER_URL"]

HF_PAPER_URL = "https://huggingface.co/papers/"


def is_daily_item(record: object) -> bool:
    """A daily-papers listing item: an object holding the paper as an object under ``paper``."""
    return isinstance(record, dict) and isinstance(record.get("paper"), dict)


def _text(*values: object) -> str:
    return next((v for v in values if isinstance(v, str) and v.strip()), "")


def paper_from_daily_item(item: dict, path: str, line: int) -> Paper | InputError:
    """One listing item as a `Paper`: title and abstract from the paper, date from the listing.

    Examples
    --------
    >>> item = {"paper": {"id": "2401.00001", "title": "Tiny", "summary": "We test.",
    ...                   "authors": [{"name": "A. Author"}]},
    ...         "publishedAt": "2024-01-02T08:00:00.000Z", "title": "Tiny"}
    >>> p = paper_from_daily_item(item, "hf.json", 1)
    >>> p.id, p.date, p.authors, p.urls
    ('arxiv-2401.00001', '2024-01-02', ('A. Author',), ('https://huggingface.co/papers/2401.00001',))
    """
    paper = item["paper"]
    title = _text(paper.get("title"), item.get("title"))
    abstract = _text(paper.get("summary"), item.get("summary"))
    if not title:
        return InputError(path, line, "daily-papers item has no title")
    if not abstract:
        return InputError(path, line, "daily-papers item has no summary (abstract)")
    ident = paper.get("id")
    arxiv_id = find_arxiv_id(f"arXiv:{ident}") if isinstance(ident, str) and ident else None
    authors = tuple(a["name"] for a in paper.get("authors") or ()
                    if isinstance(a, dict) and isinstance(a.get("name"), str))
    date = _text(item.get("publishedAt"), paper.get("submittedOnDailyAt"), paper.get("publishedAt"))
    return make_paper(
        title,
        abstract,
        Source(path, line),
        date=date or None,
        url=f"{HF_PAPER_URL}{ident}" if arxiv_id else None,
        arxiv_id=arxiv_id,
        authors=authors,
    )
