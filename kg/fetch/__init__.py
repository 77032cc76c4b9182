"""``kg fetch``: papers from the arXiv API and Hugging Face daily papers, as raw snapshots.

Every answer is saved as it came (Atom or JSON, one file per request, see
:mod:`kg.fetch.snapshots`), so a build can always be redone offline from the
snapshots, which the ordinary readers ingest (``kg build DIR``).

A unit (one source day, one search, one batch of ids) already fetched is not
requested again: a day counts as fetched once a complete snapshot of it was
taken after the day had *settled* (arXiv: 4 days after it ended, as submissions
show up only once announced; Hugging Face: 1 day). A day not settled yet is
fetched again on each run, into a new snapshot beside the old one (the readers
merge the papers both hold). ``refresh=True`` fetches everything again. A run
that stopped half-way (Ctrl-C, network loss) is resumed from its last saved page.

>>> from kg.fetch import SOURCES
>>> sorted(SOURCES)
['arxiv', 'hf']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType

from kg.errors import FetchError
from kg.fetch import arxiv, hf
from kg.fetch.client import PoliteClient
from kg.fetch.snapshots import (
    Run,
    fetch_lock,
    page_path,
    parse_stamp,
    runs_in,
    stamp,
    write_snapshot,
)
from kg.fetch.units import Page, Unit, day_range, parse_day, utc_today

__all__ = ["SOURCES", "FetchReport", "UnitResult", "fetch_units", "arxiv_units", "hf_units",
           "default_window", "parse_day", "day_range", "utc_today"]

# source name -> module with API_URL, EXTENSION, SETTLE, PAGE_SIZE, page_params,
# read_page and is_complete.
SOURCES: dict[str, ModuleType] = {"arxiv": arxiv, "hf": hf}


@dataclass
class UnitResult:
    """What happened to one unit: ``fetched``, ``resumed`` or ``skipped`` (already fetched)."""

    unit: Unit
    status: str
    records: int = 0  # records in the unit's newest snapshot (all its pages)
    files: list[Path] = field(default_factory=list)  # snapshot files written now
    fetched_at: datetime | None = None  # when the snapshot used was started
    ids: tuple[str, ...] = ()


@dataclass
class FetchReport:
    source: str
    into: Path
    results: list[UnitResult] = field(default_factory=list)
    requests: int = 0
    missing_ids: list[str] = field(default_factory=list)  # --id values arXiv did not return

    @property
    def fetched(self) -> list[UnitResult]:
        return [r for r in self.results if r.status != "skipped"]

    @property
    def skipped(self) -> list[UnitResult]:
        return [r for r in self.results if r.status == "skipped"]


def default_window(source: str, today) -> tuple:
    """The days that may still change: ``today - SETTLE`` to today."""
    return today - SOURCES[source].SETTLE, today


def arxiv_units(*, categories: Iterable[str] = (), query: str | None = None,
                ids: Iterable[str] = (), since=None, until=None, max_results: int = 500,
                into: Path | None = None, refresh: bool = False,
                now: datetime | None = None) -> list[Unit]:
    """The units an arXiv fetch asks for; dates are ``datetime.date`` or ``YYYY-MM-DD`` text.

    Categories give one unit per category and day (default days: those not settled);
    a query alone gives one undated unit (its newest ``max_results`` matches), a query
    with dates one unit per day; ids give batches of the ids not fetched before.
    """
    categories, ids = list(categories), list(ids)
    if ids:
        if categories or query or since or until:
            raise FetchError("--id cannot be combined with --category, --query or dates",
                             exit_code=2)
        wanted = list(dict.fromkeys(arxiv.normalise_id(i) for i in ids))
        if not refresh and into is not None:
            have = {_bare(i) for i in _fetched_ids(Path(into) / "arxiv/ids", arxiv)}
            wanted = [i for i in wanted if _bare(i) not in have]
        return arxiv.id_units(wanted)
    if not categories and not query:
        raise FetchError("say what to fetch: --category, --query or --id", exit_code=2)
    if query and not categories and since is None and until is None:
        return [arxiv.query_unit(query, max_results)]
    return arxiv.day_units(_days("arxiv", since, until, now), categories, query)


def hf_units(*, since=None, until=None, now: datetime | None = None) -> list[Unit]:
    """One unit per day of the Hugging Face daily papers (default: the days not settled)."""
    return hf.day_units(_days("hf", since, until, now))


def _days(source: str, since, until, now):
    today = utc_today(now)
    until = parse_day(until, "--until") if isinstance(until, str) else until
    since = parse_day(since, "--since") if isinstance(since, str) else since
    if until is None:
        until = max(today, since) if since is not None else today
    if since is None:
        since = min(default_window(source, today)[0], until)
    return day_range(since, until, today)


def _bare(arxiv_id: str) -> str:
    """The id without its version: ``2403.01234v2`` -> ``2403.01234``."""
    return re.sub(r"v\d+$", "", arxiv_id)


def _read_run(run: Run, source: ModuleType) -> list[Page]:
    pages = []
    for path in run.pages:
        try:
            pages.append(source.read_page(path.read_bytes()))
        except Exception:  # a snapshot we cannot read is no proof of anything: refetch
            break
    return pages


def _fetched_ids(folder: Path, source: ModuleType) -> list[str]:
    return [i for run in runs_in(folder, source.EXTENSION)
            for page in _read_run(run, source) for i in page.ids]


def _settled(unit: Unit, run: Run, source: ModuleType) -> bool:
    if unit.day is None:
        return True
    day_end = datetime(unit.day.year, unit.day.month, unit.day.day, tzinfo=UTC) + timedelta(days=1)
    return run.started >= day_end + source.SETTLE


def fetch_units(source_name: str, units: list[Unit], into: str | Path, *,
                client: PoliteClient, api_url: str | None = None, refresh: bool = False,
                page_size: int | None = None, now: Callable[[], datetime] | None = None,
                on_unit: Callable[[UnitResult], None] | None = None,
                on_start: Callable[[Unit], None] | None = None) -> FetchReport:
    """Fetch each unit not fetched yet into ``into``; returns what was done.

    ``now`` gives the current UTC time (it names new runs); ``on_start`` hears each
    unit before its requests and ``on_unit`` its result, for progress display.
    """
    source = SOURCES[source_name]
    into = Path(into)
    url = api_url or source.API_URL
    size = page_size or source.PAGE_SIZE
    clock = now or (lambda: datetime.now(UTC))
    report = FetchReport(source_name, into)
    with fetch_lock(into):
        for unit in units:
            if on_start:
                on_start(unit)
            result = _fetch_unit(source, unit, into / unit.folder, client, url, size,
                                 refresh, clock)
            report.results.append(result)
            if on_unit:
                on_unit(result)
    report.requests = client.requests
    if source_name == "arxiv":
        wanted = [i for u in units if "id_list" in dict(u.params)
                  for i in dict(u.params)["id_list"].split(",")]
        got = {_bare(i) for r in report.results for i in r.ids}
        report.missing_ids = [i for i in wanted if _bare(i) not in got]
    return report


def _fetch_unit(source: ModuleType, unit: Unit, folder: Path, client: PoliteClient, url: str,
                size: int, refresh: bool, clock) -> UnitResult:
    runs = [r for r in runs_in(folder, source.EXTENSION)
            if not unit.tag or r.name.endswith(f"-{unit.tag}")]
    read = [(run, _read_run(run, source)) for run in runs]
    if not refresh:
        done = [(run, pages) for run, pages in read
                if len(pages) == len(run.pages) and source.is_complete(unit, pages, size)
                and _settled(unit, run, source)]
        if done:
            run, pages = done[-1]
            return UnitResult(unit, "skipped", sum(p.count for p in pages), [], run.started,
                              tuple(i for p in pages for i in p.ids))
    resume = (not refresh and read and len(read[-1][1]) == len(read[-1][0].pages)
              and not source.is_complete(unit, read[-1][1], size))
    if resume:
        run, pages = read[-1]
        name, status = run.name, "resumed"
    else:
        pages, status = [], "fetched"
        name = _new_run_name(clock(), unit, {r.name for r in runs})
    files: list[Path] = []
    seen = {i for p in pages for i in p.ids}
    while not source.is_complete(unit, pages, size):
        start = sum(p.count for p in pages)
        data, page = client.get(url, source.page_params(unit, start, size),
                                check=lambda r, start=start: (r.content,
                                                              source.read_page(r.content, start)))
        if page.count and page.ids and set(page.ids) <= seen:
            break  # the server ignores paging and repeats itself: nothing more to get
        path = page_path(folder, name, len(pages) + 1, source.EXTENSION)
        write_snapshot(path, data)
        files.append(path)
        pages.append(page)
        seen.update(page.ids)
        if page.count == 0:
            break
    return UnitResult(unit, status, sum(p.count for p in pages), files, parse_stamp(name),
                      tuple(i for p in pages for i in p.ids))


def _new_run_name(when: datetime, unit: Unit, taken: set[str]) -> str:
    """A run name not used yet in the folder (two runs in one second get the next second)."""
    while True:
        name = stamp(when) + (f"-{unit.tag}" if unit.tag else "")
        if name not in taken:
            return name
        when += timedelta(seconds=1)
