"""The arXiv API (``export.arxiv.org/api/query``): Atom feeds, paged with ``start``/``max_results``.

Three ways to ask (see https://info.arxiv.org/help/api/user-manual.html):

- by category and submission day: ``search_query=cat:cs.CL AND submittedDate:[202611300000
  TO 202611302359]``, one unit per category and day, oldest first;
- by search query (``ti:diffusion AND abs:video``), alone or per day;
- by id list (``id_list=2403.01234,2403.05678``), in batches.

An answer is an Atom feed whose ``opensearch:totalResults`` says how many records
match; a bad request comes back as a feed with one entry whose ``<id>`` is under
``arxiv.org/api/errors``. arXiv sometimes returns an empty page in the middle of a
result set; that answer is retried rather than taken as the end.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

from kg.errors import FetchError
from kg.fetch.client import TransientAnswer
from kg.fetch.units import Page, Unit, short_hash, slug_key
from kg.ingest.atom import API_ERRORS, ATOM
from kg.ingest.records import find_arxiv_id

__all__ = ["API_URL", "EXTENSION", "SETTLE", "PAGE_SIZE", "day_units", "query_unit",
           "id_units", "read_page", "page_params", "normalise_id"]

API_URL = "https://export.arxiv.org/api/query"
EXTENSION = "atom"
# A submission day keeps gaining papers until they are announced: up to three days
# over a weekend. A day fetched at least this long after it ended is not fetched again.
SETTLE = timedelta(days=4)
PAGE_SIZE = 200  # records per request; the API allows up to 2,000
ID_BATCH = 100
MAX_RESULTS = 30_000  # the API refuses to page beyond this
OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"
_CATEGORY = re.compile(r"^[a-z][a-z\-]*(\.[A-Za-z][A-Za-z\-]*)?$")
_ID = re.compile(r"^(\d{4}\.\d{4,5}|[a-z\-]+(\.[A-Z]{2})?/\d{7})(v\d+)?$")


def normalise_id(text: str) -> str:
    """``arXiv:2403.01234v2`` or ``https://arxiv.org/abs/2403.01234`` -> ``2403.01234v2`` /
    ``2403.01234``; a one-line error for anything that is no arXiv id."""
    text = text.strip()
    for prefix in ("https://arxiv.org/abs/", "http://arxiv.org/abs/", "arXiv:", "arxiv:"):
        text = text.removeprefix(prefix)
    if not _ID.match(text):
        raise FetchError(f"--id {text!r}: not an arXiv id (e.g. 2403.01234 or hep-th/9901001)",
                         exit_code=2)
    return text


def _check_category(category: str) -> str:
    if not _CATEGORY.match(category):
        raise FetchError(f"--category {category!r}: not an arXiv category (e.g. cs.CL, "
                         "stat.ML, hep-th)", exit_code=2)
    return category


def _date_clause(day: date) -> str:
    stamp = day.strftime("%Y%m%d")
    return f"submittedDate:[{stamp}0000 TO {stamp}2359]"


def day_units(days: list[date], categories: list[str], query: str | None = None
              ) -> list[Unit]:
    """One unit per (category, day), or per day of the query when no category is given."""
    filters = [(_check_category(c), f"cat:{c}") for c in categories] or [(None, None)]
    units = []
    for category, clause in filters:
        key = "+".join(k for k in (category, slug_key("query", query) if query else None) if k)
        for day in days:
            terms = [t for t in (clause, f"({query})" if query else None, _date_clause(day)) if t]
            units.append(Unit(
                label=f"arxiv {category or 'query'} {day}",
                folder=f"arxiv/{key}/{day}",
                params=(("search_query", " AND ".join(terms)), ("sortBy", "submittedDate"),
                        ("sortOrder", "ascending")),
                day=day))
    return units


def query_unit(query: str, max_results: int) -> Unit:
    """A search with no date: the newest ``max_results`` matches."""
    if not query.strip():
        raise FetchError("--query is empty", exit_code=2)
    return Unit(label=f"arxiv query {query!r}",
                folder=f"arxiv/{slug_key('query', query)}/any-date",
                params=(("search_query", query), ("sortBy", "submittedDate"),
                        ("sortOrder", "descending")),
                limit=min(max_results, MAX_RESULTS))


def id_units(ids: list[str]) -> list[Unit]:
    """Batches of ids, each its own unit (its run names carry a hash of the batch)."""
    units = []
    for start in range(0, len(ids), ID_BATCH):
        batch = ids[start:start + ID_BATCH]
        units.append(Unit(label=f"arxiv ids {batch[0]}" + (f" +{len(batch) - 1}" if batch[1:]
                                                             else ""),
                          folder="arxiv/ids", params=(("id_list", ",".join(batch)),),
                          limit=len(batch), tag=short_hash(",".join(batch))))
    return units


def page_params(unit: Unit, start: int, page_size: int) -> dict[str, str]:
    size = page_size if unit.limit is None else min(page_size, unit.limit - start)
    return {**dict(unit.params), "start": str(start), "max_results": str(size)}


def read_page(data: bytes, start: int = 0) -> Page:
    """What an answer holds; a one-line error for an error feed or anything not Atom.

    Raises :class:`TransientAnswer` for an empty page where the total says more
    records follow (arXiv's known hiccup: asking again usually gives the page).
    """
    try:
        root = ET.fromstring(data)
    except ET.ParseError as err:
        raise TransientAnswer(f"the answer is not well-formed XML ({err})") from None
    if root.tag != f"{ATOM}feed":
        raise FetchError(f"arXiv answered with something that is not an Atom feed "
                         f"(root element {root.tag!r})")
    entries = root.findall(f"{ATOM}entry")
    for entry in entries:
        if API_ERRORS in (entry.findtext(f"{ATOM}id") or ""):
            message = " ".join((entry.findtext(f"{ATOM}summary") or "bad request").split())
            raise FetchError(f"arXiv rejected the request: {message}", exit_code=2)
    total_text = root.findtext(f"{OPENSEARCH}totalResults")
    total = int(total_text) if total_text and total_text.strip().isdigit() else None
    if not entries and total is not None and start < total:
        raise TransientAnswer(f"arXiv returned an empty page at {start} of {total}")
    ids = tuple(i for i in (find_arxiv_id(e.findtext(f"{ATOM}id")) for e in entries) if i)
    return Page(count=len(entries), total=total, ids=ids)


def is_complete(unit: Unit, pages: list[Page], page_size: int) -> bool:
    """All records fetched: the total reached, the limit reached, or a short last page."""
    if not pages:
        return False
    fetched = sum(p.count for p in pages)
    last = pages[-1]
    if unit.limit is not None and fetched >= unit.limit:
        return True
    if last.total is not None:
        return fetched >= min(last.total, MAX_RESULTS)
    return last.count < page_size
