"""``kg fetch arxiv|hf``: today's papers from the arXiv API or Hugging Face, as raw snapshots."""

from __future__ import annotations

import functools
import sys

import click

from kg.cli.common import CliError, run_guarded

# arXiv's API terms: no more than one request every three seconds.
ARXIV_MIN_DELAY = 3.0


def fetch_options(default_delay: float):
    """--into, --refresh and the politeness/transport options every source shares."""

    def decorate(function):
        options = [
            click.option("--into", "into", required=True, type=click.Path(file_okay=False),
                         help="Snapshot directory (created if missing). Each answer is saved "
                              "there as received, one file per request; build from it with "
                              "`kg build DIR`."),
            click.option("--refresh", is_flag=True,
                         help="Fetch again what was fetched before (into new snapshots; old "
                              "ones are never rewritten)."),
            click.option("--delay", type=click.FloatRange(min=0), default=default_delay,
                         show_default=True,
                         help="Seconds to wait between requests (and the first backoff before "
                              "a retry)."),
            click.option("--retries", type=click.IntRange(min=0), default=4, show_default=True,
                         help="Retries after a timeout or a 429/5xx answer, with exponential "
                              "backoff (Retry-After is honoured)."),
            click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0,
                         show_default=True, help="Seconds to wait for one answer."),
            click.option("--api", "api_url", default=None, metavar="URL",
                         help="Another address of the same API (a mirror or a local test "
                              "server)."),
            click.option("--contact", default=None, metavar="EMAIL",
                         help="An e-mail address to put in the User-Agent, so the API's "
                              "operators can reach you."),
            click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors."),
        ]
        for option in reversed(options):
            function = option(function)
        return function

    return decorate


@click.group("fetch")
def fetch_group():
    """Fetch papers from the arXiv API or Hugging Face daily papers into snapshots.

    Every answer is saved as received (Atom or JSON) under --into DIR and never
    rewritten, so builds can be redone offline: `kg build DIR`. A day fetched after
    it settled (arXiv: 4 days after it ended, Hugging Face: 1 day) is not requested
    again unless --refresh; an interrupted fetch resumes from its last saved page.
    Exit status 75 means "try again later" (offline, rate-limited, server errors).

    \b
    Examples:
      kg fetch hf --into snapshots                       # the days that may still change
      kg fetch hf --into snapshots --since 2026-11-01 --until 2026-11-30
      kg fetch arxiv --into snapshots --category cs.CL --since 2026-11-30
      kg fetch arxiv --into snapshots --query 'ti:"diffusion transformer"' --max-results 200
      kg fetch arxiv --into snapshots --id 2403.01234 --id 2312.00752
    """


@fetch_group.command("arxiv")
@click.option("-c", "--category", "categories", multiple=True, metavar="CAT",
              help="An arXiv category, e.g. cs.CL (repeatable): its papers submitted on each "
                   "day from --since to --until.")
@click.option("--query", default=None, metavar="QUERY",
              help="An arXiv search query (ti:, abs:, au:, cat:, AND/OR/ANDNOT). Alone: its "
                   "newest --max-results matches; with --category or dates: per day.")
@click.option("--id", "ids", multiple=True, metavar="ID",
              help="An arXiv id (repeatable); ids fetched before are skipped.")
@click.option("--since", default=None, metavar="YYYY-MM-DD",
              help="First submission day (UTC). Default: 4 days before --until.")
@click.option("--until", default=None, metavar="YYYY-MM-DD",
              help="Last submission day (UTC), at most today. Default: today.")
@click.option("--max-results", type=click.IntRange(min=1, max=30_000), default=500,
              show_default=True, help="For a --query without dates: how many matches.")
@click.option("--page-size", type=click.IntRange(min=1, max=2000), default=200,
              show_default=True, help="Records per request.")
@fetch_options(default_delay=ARXIV_MIN_DELAY)
@run_guarded
def fetch_arxiv_command(categories, query, ids, since, until, max_results, page_size, **options):
    """Fetch from the arXiv API (export.arxiv.org) by category and day, query or id.

    Follows the API's terms: one request at a time, 3 s apart, a descriptive
    User-Agent; 503 answers and timeouts are retried with backoff. Each day of
    each category is its own snapshot folder, DIR/arxiv/CAT/YYYY-MM-DD/.
    """
    from kg.fetch import arxiv_units

    if options["delay"] < ARXIV_MIN_DELAY and options["api_url"] is None:
        raise CliError(f"--delay {options['delay']:g}: arXiv's API terms ask for one request "
                       f"every {ARXIV_MIN_DELAY:g} s; a shorter delay needs --api (a mirror or "
                       "a local test server)", 2)
    units = arxiv_units(categories=categories, query=query, ids=ids, since=since, until=until,
                        max_results=max_results, into=options["into"],
                        refresh=options["refresh"])
    _run("arxiv", units, page_size=page_size, **options)


@fetch_group.command("hf")
@click.option("--date", "day", default=None, metavar="YYYY-MM-DD",
              help="One day (same as --since D --until D).")
@click.option("--since", default=None, metavar="YYYY-MM-DD",
              help="First day. Default: the day before --until.")
@click.option("--until", default=None, metavar="YYYY-MM-DD",
              help="Last day, at most today (UTC). Default: today.")
@fetch_options(default_delay=1.0)
@run_guarded
def fetch_hf_command(day, since, until, **options):
    """Fetch Hugging Face daily papers (huggingface.co/api/daily_papers), day by day.

    Each day is its own snapshot folder, DIR/hf/YYYY-MM-DD/, holding the API's JSON.
    """
    from kg.fetch import hf_units

    if day is not None:
        if since is not None or until is not None:
            raise CliError("give either --date or --since/--until", 2)
        since = until = day
    _run("hf", hf_units(since=since, until=until), **options)


def _run(source, units, *, into, refresh, delay, retries, timeout, api_url, contact, quiet,
         page_size=None):
    from rich.console import Console

    from kg.cli.summary import progress_bar
    from kg.fetch import fetch_units
    from kg.fetch.client import PoliteClient

    console = Console(stderr=True, quiet=quiet)
    echo = functools.partial(click.echo) if not quiet else (lambda *a, **k: None)
    if not units:
        echo("kg fetch: nothing to fetch (every id was fetched before; --refresh fetches "
             "again)")
        return
    with PoliteClient(delay=delay, retries=retries, timeout=timeout, contact=contact) as client:
        try:
            with progress_bar(console, "Fetching", unit="units") as bar:
                bar.set_total(len(units))

                def started(unit):
                    bar.describe(f"Fetching {unit.label}")

                def finished(result):
                    bar.advance(1)
                    echo(_describe(result, into))

                report = fetch_units(source, units, into, client=client, api_url=api_url,
                                     refresh=refresh, page_size=page_size, on_start=started,
                                     on_unit=finished)
        except KeyboardInterrupt:
            click.echo("kg fetch: interrupted; the pages saved so far are kept and the same "
                       "command resumes from them", err=True)
            sys.exit(130)
    for missing in report.missing_ids:
        click.echo(f"kg fetch: arXiv returned no paper for id {missing}", err=True)
    records = sum(r.records for r in report.fetched)
    echo(f"kg fetch: {len(report.fetched)} fetched ({records} records, {report.requests} "
         f"requests), {len(report.skipped)} already fetched; snapshots in {into} "
         f"(build with: kg build {into})")


def _describe(result, into) -> str:
    label = result.unit.label
    if result.status == "skipped":
        when = result.fetched_at.strftime("%Y-%m-%d %H:%M UTC")
        return (f"{label}: already fetched {when} ({result.records} records); "
                "--refresh fetches it again")
    where = result.files[0].parent if result.files else result.unit.folder
    verb = "resumed" if result.status == "resumed" else "fetched"
    return f"{label}: {verb} {result.records} records into {where}"


COMMANDS = [fetch_group]
