"""Hugging Face daily papers (``huggingface.co/api/daily_papers?date=YYYY-MM-DD``): JSON arrays.

The seed listings of this project are these daily pages. The API returns the
day's items as a JSON array (each item: the paper under ``"paper"`` with ``id``,
``title``, ``summary``, ``authors``; the listing's ``publishedAt`` beside it),
at most ``limit`` (≤ 100) per request, the rest with ``skip``.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from kg.errors import FetchError
from kg.fetch.client import TransientAnswer
from kg.fetch.units import Page, Unit

__all__ = ["API_URL", "EXTENSION", "SETTLE", "PAGE_SIZE", "day_units", "read_page",
           "page_params", "is_complete"]

API_URL = "https://huggingface.co/api/daily_papers"
EXTENSION = "json"
# Papers are put on a day's page during that day (in every time zone): a day fetched
# at least a day after it ended (UTC) is taken as final.
SETTLE = timedelta(days=1)
PAGE_SIZE = 100  # the API's largest limit


def day_units(days: list[date]) -> list[Unit]:
    return [Unit(label=f"hf {day}", folder=f"hf/{day}", params=(("date", str(day)),), day=day)
            for day in days]


def page_params(unit: Unit, start: int, page_size: int) -> dict[str, str]:
    return {**dict(unit.params), "limit": str(page_size), "skip": str(start)}


def read_page(data: bytes, start: int = 0) -> Page:
    """How many items an answer holds, and their arXiv ids; an error for anything else."""
    try:
        items = json.loads(data)
    except UnicodeDecodeError:
        raise FetchError("huggingface.co answered with text that is not UTF-8") from None
    except json.JSONDecodeError as err:
        raise TransientAnswer(f"the answer is not valid JSON ({err.msg})") from None
    if isinstance(items, dict) and "error" in items:
        raise FetchError(f"huggingface.co refused the request: {items['error']}", exit_code=2)
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise FetchError("huggingface.co answered with JSON that is not a list of daily-papers "
                         "items")
    ids = tuple(str(i["paper"].get("id")) for i in items
                if isinstance(i.get("paper"), dict) and i["paper"].get("id"))
    return Page(count=len(items), ids=ids)


def is_complete(unit: Unit, pages: list[Page], page_size: int) -> bool:
    return bool(pages) and pages[-1].count < page_size
