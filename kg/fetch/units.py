"""What a fetch is made of: units (one day, one query, one id batch) and the pages they return."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from kg.errors import FetchError

__all__ = ["Unit", "Page", "parse_day", "day_range", "slug_key", "short_hash"]


@dataclass(frozen=True)
class Unit:
    """One thing to fetch, page by page, into one snapshot folder.

    ``params`` are the request's fixed parameters (paging is added per page);
    ``day`` is the listing or submission day the unit covers, if it is one;
    ``limit`` caps the records fetched (a search query's ``--max-results``);
    ``tag`` is added to run names (an id batch's hash, so batches stay apart).
    """

    label: str
    folder: str
    params: tuple[tuple[str, str], ...]
    day: date | None = None
    limit: int | None = None
    tag: str = ""


@dataclass(frozen=True)
class Page:
    """What one answer held: how many records, the API's total if it says, their arXiv ids."""

    count: int
    total: int | None = None
    ids: tuple[str, ...] = field(default=())


def parse_day(text: str, option: str) -> date:
    """``"2026-11-30"`` -> a date, or a one-line error naming the option."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise FetchError(f"{option} {text!r}: not a date (expected YYYY-MM-DD, e.g. 2026-11-30)",
                         exit_code=2) from None


def day_range(since: date, until: date, today: date, *, max_days: int = 366) -> list[date]:
    """Every day from ``since`` to ``until``, both included; refuses a reversed or future range."""
    if since > until:
        raise FetchError(f"--since {since} is after --until {until}", exit_code=2)
    if until > today:
        raise FetchError(f"--until {until} is in the future (today is {today}, UTC)",
                         exit_code=2)
    days = (until - since).days + 1
    if days > max_days:
        raise FetchError(f"{since} to {until} is {days} days; fetch at most {max_days} at once",
                         exit_code=2)
    return [since + timedelta(days=n) for n in range(days)]


def utc_today(now: datetime | None = None) -> date:
    return (now or datetime.now(UTC)).astimezone(UTC).date()


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def slug_key(prefix: str, text: str) -> str:
    """A folder name for free text: ``query-diffusion-models-1a2b3c4d``."""
    words = re.findall(r"[a-z0-9]+", text.casefold())
    slug = "-".join(words)[:40].strip("-") or "x"
    return f"{prefix}-{slug}-{short_hash(text)}"
