"""kg fetch against local servers on 127.0.0.1 that answer in the APIs' formats.

No test touches the network: pytest-httpserver replays answers written in
tests/fetch_answers.py (Atom + OpenSearch for arXiv, daily-papers JSON for
Hugging Face), including errors, paging, throttling and empty pages.
"""

from __future__ import annotations

import json
import re
import socket
import time
from datetime import UTC, date, datetime, timedelta
from urllib.parse import parse_qs

import pytest
from click.testing import CliRunner
from werkzeug import Response

from kg.cli import main
from kg.errors import FetchError, TemporaryFetchError
from kg.fetch import arxiv_units, fetch_units, hf_units
from kg.fetch.client import PoliteClient, TransientAnswer
from kg.fetch.snapshots import fetch_lock, write_snapshot
from kg.ingest import read_papers
from tests.fetch_answers import atom_error, atom_feed, hf_items, paper

TODAY = datetime.now(UTC).date()
OLD_DAY = TODAY - timedelta(days=10)  # settled for both sources
FAST = ["--delay", "0", "--retries", "2"]


@pytest.fixture(scope="session")
def httpserver_listen_address():
    return ("127.0.0.1", 0)


@pytest.fixture
def runner():
    return CliRunner()


class FakeArxiv:
    """The arXiv API's paging over a fixed result set per query (a list of paper numbers)."""

    def __init__(self, results, page_faults=None):
        self.results = results  # search_query or id_list -> paper numbers
        self.page_faults = dict(page_faults or {})  # start -> list of faults to serve first
        self.seen = []

    def __call__(self, request):
        args = request.args
        self.seen.append(dict(args))
        start, size = int(args.get("start", 0)), int(args.get("max_results", 10))
        faults = self.page_faults.get(start)
        if faults:
            fault = faults.pop(0)
            if fault == "empty":
                return Response(atom_feed([], total=len(self._numbers(args)), start=start),
                                content_type="application/atom+xml")
            return Response("busy", status=fault, headers={"Retry-After": "0"})
        numbers = self._numbers(args)
        return Response(atom_feed(numbers[start:start + size], total=len(numbers), start=start),
                        content_type="application/atom+xml")

    def _numbers(self, args):
        if args.get("id_list"):
            wanted = [re.sub(r"v\d+$", "", i) for i in args["id_list"].split(",")]
            return [n for n in range(100) if paper(n)[0] in wanted]
        return self.results(args["search_query"]) if callable(self.results) else self.results


def _api(httpserver, path="/api/query"):
    return httpserver.url_for(path)


def _fetch(runner, *args):
    return runner.invoke(main, ["fetch", *args])


# ------------------------------------------------------------------ arXiv


def test_arxiv_category_day_pages_into_snapshots_the_readers_ingest(runner, httpserver, tmp_path):
    fake = FakeArxiv(list(range(5)))
    httpserver.expect_request("/api/query").respond_with_handler(fake)
    into = tmp_path / "snap"
    result = _fetch(runner, "arxiv", "--into", str(into), "--category", "cs.CL",
                    "--since", str(OLD_DAY), "--until", str(OLD_DAY), "--page-size", "2",
                    "--api", _api(httpserver), *FAST)
    assert result.exit_code == 0, result.output
    assert [int(s["start"]) for s in fake.seen] == [0, 2, 4]
    stamp = OLD_DAY.strftime("%Y%m%d")
    assert fake.seen[0]["search_query"] == (f"cat:cs.CL AND submittedDate:[{stamp}0000 TO "
                                            f"{stamp}2359]")
    assert fake.seen[0]["sortBy"] == "submittedDate" and fake.seen[0]["max_results"] == "2"
    user_agent = httpserver.log[0][0].headers["User-Agent"]
    assert user_agent.startswith("papers-kg/") and "httpx" in user_agent
    files = sorted((into / "arxiv" / "cs.CL" / str(OLD_DAY)).iterdir())
    assert [re.sub(r"^\d{8}T\d{6}Z", "RUN", f.name) for f in files] == [
        "RUN.p0001.atom", "RUN.p0002.atom", "RUN.p0003.atom"]
    assert "5 records" in result.output
    report = read_papers([into])
    assert sorted(p.arxiv_id for p in report.papers) == sorted(paper(n)[0] for n in range(5))
    assert not report.ignored_files and not report.skipped


def test_a_settled_day_is_not_requested_again_unless_refresh(runner, httpserver, tmp_path):
    fake = FakeArxiv([0, 1])
    httpserver.expect_request("/api/query").respond_with_handler(fake)
    args = ["arxiv", "--into", str(tmp_path), "-c", "cs.CL", "--since", str(OLD_DAY),
            "--until", str(OLD_DAY), "--api", _api(httpserver), *FAST]
    assert _fetch(runner, *args).exit_code == 0
    first = {p: p.read_bytes() for p in tmp_path.rglob("*.atom")}
    again = _fetch(runner, *args)
    assert again.exit_code == 0 and "already fetched" in again.output
    assert len(fake.seen) == 1, "a settled day was requested again"
    time.sleep(1.1)  # a new run gets a new name (its start time, to the second)
    refreshed = _fetch(runner, *args, "--refresh")
    assert refreshed.exit_code == 0 and len(fake.seen) == 2
    after = {p: p.read_bytes() for p in tmp_path.rglob("*.atom")}
    assert len(after) == 2 and all(after[p] == data for p, data in first.items()), \
        "a snapshot was rewritten"


def test_a_day_that_may_still_change_is_fetched_again_into_a_new_snapshot(httpserver, tmp_path):
    fake = FakeArxiv([0])
    httpserver.expect_request("/api/query").respond_with_handler(fake)
    clock = [datetime.combine(TODAY, datetime.min.time(), UTC) + timedelta(hours=9)]
    units = arxiv_units(categories=["cs.CL"], since=TODAY, until=TODAY)

    def run():
        with PoliteClient(delay=0) as client:
            return fetch_units("arxiv", units, tmp_path, client=client,
                               api_url=_api(httpserver), now=lambda: clock[0])

    assert run().results[0].status == "fetched"
    clock[0] += timedelta(hours=5)
    assert run().results[0].status == "fetched", "an unsettled day was taken as final"
    assert len(list(tmp_path.rglob("*.atom"))) == 2 and len(fake.seen) == 2
    clock[0] += timedelta(days=5)  # now the day has settled: one last fetch, then never again
    assert run().results[0].status == "fetched"
    assert run().results[0].status == "skipped" and len(fake.seen) == 3
    # the readers merge the same paper from the several snapshots into one
    assert len(read_papers([tmp_path]).papers) == 1


def test_interrupted_fetch_resumes_from_its_last_saved_page(runner, httpserver, tmp_path):
    fake = FakeArxiv(list(range(5)), page_faults={2: [503] * 10})
    httpserver.expect_request("/api/query").respond_with_handler(fake)
    args = ["arxiv", "--into", str(tmp_path), "-c", "cs.LG", "--since", str(OLD_DAY),
            "--until", str(OLD_DAY), "--page-size", "2", "--api", _api(httpserver),
            "--delay", "0", "--retries", "1"]
    failed = _fetch(runner, *args)
    assert failed.exit_code == 75, failed.output
    assert "rate-limited" in failed.output and "Traceback" not in failed.output
    assert len(list(tmp_path.rglob("*.atom"))) == 1
    fake.page_faults.clear()
    seen_before = len(fake.seen)
    resumed = _fetch(runner, *args)
    assert resumed.exit_code == 0 and "resumed 5 records" in resumed.output
    assert [int(s["start"]) for s in fake.seen[seen_before:]] == [2, 4]
    names = sorted(p.name for p in tmp_path.rglob("*.atom"))
    assert len(names) == 3 and len({n.split(".")[0] for n in names}) == 1  # one run
    assert len(read_papers([tmp_path]).papers) == 5


def test_503_and_empty_pages_are_retried_with_backoff(httpserver, tmp_path):
    fake = FakeArxiv(list(range(3)), page_faults={0: [503], 2: ["empty", "empty"]})
    httpserver.expect_request("/api/query").respond_with_handler(fake)
    waits = []
    with PoliteClient(delay=0, backoff=1.5, retries=3, sleep=waits.append) as client:
        report = fetch_units("arxiv", arxiv_units(categories=["cs.CL"], since=OLD_DAY,
                                                  until=OLD_DAY),
                             tmp_path, client=client, api_url=_api(httpserver), page_size=2)
    assert report.results[0].records == 3
    assert waits == [0.0, 1.5, 3.0], "Retry-After: 0 honoured, then doubling backoff"
    assert report.requests == 5


def test_rate_limiting_gives_one_line_and_exit_75(runner, httpserver, tmp_path):
    httpserver.expect_request("/api/query").respond_with_data("slow down", status=429)
    result = _fetch(runner, "arxiv", "--into", str(tmp_path), "-c", "cs.CL", "--since",
                    str(OLD_DAY), "--until", str(OLD_DAY), "--api", _api(httpserver),
                    "--delay", "0", "--retries", "1")
    assert result.exit_code == 75
    [line] = result.output.strip().splitlines()
    assert line.startswith("Error: rate-limited by 127.0.0.1") and "try again later" in line
    assert not list(tmp_path.rglob("*.atom"))


def test_a_server_asking_to_wait_too_long_stops_at_once(httpserver):
    httpserver.expect_request("/x").respond_with_data("no", status=503,
                                                      headers={"Retry-After": "3600"})
    waits = []
    with PoliteClient(delay=0, sleep=waits.append) as client, \
            pytest.raises(TemporaryFetchError, match="asks to wait 3600 s"):
        client.get(httpserver.url_for("/x"))
    assert waits == [] and len(httpserver.log) == 1


def test_requests_are_spaced_by_the_delay():
    now = [100.0]
    waits = []

    def sleep(seconds):
        waits.append(round(seconds, 3))
        now[0] += seconds

    def handler(request):
        now[0] += 0.5  # each answer takes half a second
        import httpx

        return httpx.Response(200, text="ok")

    import httpx

    with PoliteClient(delay=3.0, sleep=sleep, clock=lambda: now[0],
                      transport=httpx.MockTransport(handler)) as client:
        for _ in range(3):
            client.get("http://api.test/q")
    assert waits == [3.0, 3.0], "the next request waits 3 s after the previous answer"


def test_timeouts_are_retried_then_reported(httpserver):
    def slow(request):
        time.sleep(0.4)
        return Response("late")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    with PoliteClient(delay=0, retries=1, timeout=0.1) as client, \
            pytest.raises(TemporaryFetchError, match=r"failed 2 times \(timed out\)"):
        client.get(httpserver.url_for("/slow"))


def test_offline_is_one_line_and_exit_75(runner, tmp_path):
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = _fetch(runner, "hf", "--into", str(tmp_path), "--date", str(OLD_DAY),
                    "--api", f"http://127.0.0.1:{port}/api/daily_papers", *FAST)
    assert result.exit_code == 75
    [line] = result.output.strip().splitlines()
    assert "cannot reach 127.0.0.1" in line and "offline?" in line


def test_arxiv_error_feed_is_a_one_line_refusal(runner, httpserver, tmp_path):
    httpserver.expect_request("/api/query").respond_with_data(
        atom_error("incorrect id format for 1234.5"), status=400,
        content_type="application/atom+xml")
    result = _fetch(runner, "arxiv", "--into", str(tmp_path), "--query", "ti:(", "--api",
                    _api(httpserver), *FAST)
    assert result.exit_code == 2
    assert result.output.strip() == ("Error: arXiv rejected the request: incorrect id format "
                                     "for 1234.5")
    # ...and with HTTP 200, as older API versions answered, the entry is still an error
    httpserver.clear()
    httpserver.expect_request("/api/query").respond_with_data(atom_error("bad query syntax"))
    result = _fetch(runner, "arxiv", "--into", str(tmp_path), "--query", "ti:(", "--api",
                    _api(httpserver), *FAST)
    assert result.exit_code == 2
    assert result.output.strip() == "Error: arXiv rejected the request: bad query syntax"
    assert not list(tmp_path.rglob("*.atom"))


def test_query_alone_fetches_its_newest_matches_up_to_max_results(runner, httpserver, tmp_path):
    fake = FakeArxiv(list(range(7)))
    httpserver.expect_request("/api/query").respond_with_handler(fake)
    result = _fetch(runner, "arxiv", "--into", str(tmp_path), "--query", "abs:diffusion",
                    "--max-results", "5", "--page-size", "3", "--api", _api(httpserver),
                    *FAST)
    assert result.exit_code == 0, result.output
    assert [(s["start"], s["max_results"]) for s in fake.seen] == [("0", "3"), ("3", "2")]
    assert fake.seen[0]["search_query"] == "abs:diffusion"
    assert fake.seen[0]["sortOrder"] == "descending"
    assert len(read_papers([tmp_path]).papers) == 5
    assert "already fetched" in _fetch(runner, "arxiv", "--into", str(tmp_path), "--query",
                                       "abs:diffusion", "--max-results", "5", "--page-size",
                                       "3", "--api", _api(httpserver), *FAST).output


def test_ids_fetched_before_are_skipped_and_unknown_ids_reported(runner, httpserver, tmp_path):
    fake = FakeArxiv([])
    httpserver.expect_request("/api/query").respond_with_handler(fake)
    base = ["arxiv", "--into", str(tmp_path), "--api", _api(httpserver), *FAST]
    first = _fetch(runner, *base, "--id", paper(0)[0], "--id", f"arXiv:{paper(1)[0]}v2")
    assert first.exit_code == 0, first.output
    assert fake.seen[0]["id_list"] == f"{paper(0)[0]},{paper(1)[0]}v2"
    second = _fetch(runner, *base, "--id", paper(1)[0], "--id", paper(2)[0], "--id",
                    "2611.99999")
    assert second.exit_code == 0, second.output
    assert fake.seen[1]["id_list"] == f"{paper(2)[0]},2611.99999"
    assert "arXiv returned no paper for id 2611.99999" in second.output
    assert len(read_papers([tmp_path]).papers) == 3
    nothing = _fetch(runner, *base, "--id", paper(0)[0])
    assert "nothing to fetch" in nothing.output and len(fake.seen) == 2


@pytest.mark.parametrize("args, message", [
    (["--since", "2026-13-45"], "--since '2026-13-45': not a date"),
    (["--until", str(TODAY + timedelta(days=2))], "is in the future"),
    (["--since", str(OLD_DAY), "--until", str(OLD_DAY - timedelta(days=1))], "is after"),
    (["--category", "CS CL!"], "not an arXiv category"),
    (["--id", "12345"], "not an arXiv id"),
    (["--id", "2403.01234", "--category", "cs.CL"], "cannot be combined"),
    ([], "say what to fetch"),
])
def test_bad_arguments_are_one_line_exit_2(runner, tmp_path, args, message):
    if not any(a in args for a in ("--category", "--id")) and args:
        args = [*args, "--category", "cs.CL"]
    result = _fetch(runner, "arxiv", "--into", str(tmp_path), "--api", "http://127.0.0.1:9/",
                    *FAST, *args)
    assert result.exit_code == 2, result.output
    [line] = result.output.strip().splitlines()
    assert message in line


def test_arxiv_default_delay_follows_the_api_terms(runner, tmp_path):
    result = _fetch(runner, "arxiv", "--into", str(tmp_path), "-c", "cs.CL", "--delay", "1")
    assert result.exit_code == 2 and "one request every 3 s" in result.output


# ------------------------------------------------------------------ Hugging Face


def test_hf_days_page_and_read_as_papers_with_listing_dates(httpserver, tmp_path):
    def answer(request):
        day = request.args["date"]
        numbers = {str(OLD_DAY): [0, 1, 2], str(OLD_DAY + timedelta(days=1)): [3]}[day]
        skip, limit = int(request.args["skip"]), int(request.args["limit"])
        return Response(hf_items(numbers[skip:skip + limit], day),
                        content_type="application/json")

    httpserver.expect_request("/api/daily_papers").respond_with_handler(answer)
    units = hf_units(since=str(OLD_DAY), until=str(OLD_DAY + timedelta(days=1)))
    with PoliteClient(delay=0) as client:
        report = fetch_units("hf", units, tmp_path, client=client,
                             api_url=httpserver.url_for("/api/daily_papers"), page_size=2)
    assert [r.records for r in report.results] == [3, 1]
    assert [dict(parse_qs(r.query_string.decode())) for r, _ in httpserver.log][:2] == [
        {"date": [str(OLD_DAY)], "limit": ["2"], "skip": ["0"]},
        {"date": [str(OLD_DAY)], "limit": ["2"], "skip": ["2"]}]
    papers = {p.arxiv_id: p for p in read_papers([tmp_path]).papers}
    assert len(papers) == 4
    first = papers[paper(0)[0]]
    assert first.date == str(OLD_DAY) and first.authors == ("Ada Example", "Bo Sample")
    assert first.abstract.startswith("We propose Blorpnet")
    assert first.urls == (f"https://huggingface.co/papers/{paper(0)[0]}",)


def test_hf_cli_fetch_skip_and_bad_answer(runner, httpserver, tmp_path):
    httpserver.expect_request("/api/daily_papers").respond_with_data(
        hf_items([0, 1], str(OLD_DAY)), content_type="application/json")
    args = ["hf", "--into", str(tmp_path), "--date", str(OLD_DAY), "--api",
            httpserver.url_for("/api/daily_papers"), *FAST]
    result = _fetch(runner, *args)
    assert result.exit_code == 0 and "fetched 2 records" in result.output, result.output
    assert len(list((tmp_path / "hf" / str(OLD_DAY)).glob("*.json"))) == 1
    assert "already fetched" in _fetch(runner, *args).output and len(httpserver.log) == 1
    httpserver.clear()
    httpserver.expect_request("/api/daily_papers").respond_with_data(
        json.dumps({"error": "Invalid date"}), status=400, content_type="application/json")
    refused = _fetch(runner, *args, "--refresh")
    assert refused.exit_code == 2
    assert refused.output.strip() == "Error: huggingface.co refused the request: Invalid date"
    httpserver.clear()
    httpserver.expect_request("/api/daily_papers").respond_with_data("Not here", status=404)
    missing = _fetch(runner, *args, "--refresh")
    assert missing.exit_code == 1
    assert missing.output.strip() == (f"Error: 127.0.0.1:{httpserver.port} refused the "
                                      "request: HTTP 404: Not here")
    httpserver.clear()
    httpserver.expect_request("/api/daily_papers").respond_with_data("<html>oops</html>")
    odd = _fetch(runner, *args, "--refresh")
    assert odd.exit_code == 75 and "not valid JSON" in odd.output, odd.output


def test_quiet_fetch_prints_nothing(runner, httpserver, tmp_path):
    httpserver.expect_request("/api/daily_papers").respond_with_data(hf_items([0]))
    result = _fetch(runner, "hf", "--into", str(tmp_path), "--date", str(OLD_DAY), "-q",
                    "--api", httpserver.url_for("/api/daily_papers"), *FAST)
    assert result.exit_code == 0 and result.output == ""


# ------------------------------------------------------------------ snapshots


def test_snapshots_are_never_replaced(tmp_path):
    target = tmp_path / "a" / "20261201T000000Z.p0001.json"
    write_snapshot(target, b"[]")
    with pytest.raises(FetchError, match="never rewritten"):
        write_snapshot(target, b"[1]")
    assert target.read_bytes() == b"[]"
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temporary left


def test_two_fetches_into_one_directory_are_refused(tmp_path):
    with fetch_lock(tmp_path), pytest.raises(FetchError, match="another kg fetch"):
        with fetch_lock(tmp_path):
            pass


def test_day_range_defaults_to_the_days_that_may_still_change():
    now = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    assert [u.day for u in hf_units(now=now)] == [date(2026, 11, 30), date(2026, 12, 1)]
    days = [u.day for u in arxiv_units(categories=["cs.CL"], now=now)]
    assert days[0] == date(2026, 11, 27) and days[-1] == date(2026, 12, 1)


def test_transient_answer_check_is_retried(httpserver):
    httpserver.expect_request("/x").respond_with_data("ok")
    calls = []

    def check(response):
        calls.append(1)
        if len(calls) < 2:
            raise TransientAnswer("not yet")
        return response.text

    with PoliteClient(delay=0, backoff=0) as client:
        assert client.get(httpserver.url_for("/x"), check=check) == "ok"
    assert len(calls) == 2


# ------------------------------------------------------------------ readers of the snapshots


def test_hf_daily_items_are_read_by_the_json_reader(tmp_path):
    path = tmp_path / "day.json"
    path.write_text(hf_items([0, 4], "2026-11-29"), encoding="utf-8")
    papers = read_papers([path]).papers
    assert [(p.id, p.date) for p in papers] == [(f"arxiv-{paper(0)[0]}", "2026-11-29"),
                                                (f"arxiv-{paper(4)[0]}", "2026-11-29")]
    assert papers[1].title == paper(4)[1] and papers[1].sources[0].line > 2  # its own line


def test_hf_item_without_summary_names_its_line(tmp_path):
    items = json.loads(hf_items([0, 1]))
    del items[1]["paper"]["summary"]
    path = tmp_path / "day.json"
    path.write_text(json.dumps(items, indent=2), encoding="utf-8")
    report = read_papers([path], skip_bad=True)
    assert len(report.papers) == 1
    [error] = report.skipped
    assert str(error).startswith(f"{path}:") and "no summary" in str(error)


def test_atom_error_entries_are_errors_not_papers(tmp_path):
    path = tmp_path / "error.atom"
    path.write_text(atom_error("incorrect id format for 12345"), encoding="utf-8")
    report = read_papers([path], skip_bad=True)
    assert not report.papers
    assert "arXiv API error entry: incorrect id format for 12345" in str(report.skipped[0])


@pytest.mark.parametrize("module", ["kg.fetch", "kg.ingest.hfdaily"])
def test_docstring_examples_run(module):
    import doctest
    import importlib

    failures, tests = doctest.testmod(importlib.import_module(module))
    assert tests > 0 and failures == 0
