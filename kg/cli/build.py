"""``kg build`` and ``kg update``: inputs to graph.ttl, graph.html, papers.jsonl and graph.json."""

from __future__ import annotations

import contextlib

import click

from kg.cli.common import input_options, report_skips, run_guarded

HTML_OUTPUTS = ("site", "html")  # what --no-views leaves out


def output_options(function):
    """The options that choose what a build writes (kg build and kg update share them)."""
    for option in reversed([
        click.option("--views/--no-views", default=None,
                     help="Write the HTML views and entity pages (graph.html, index.html, "
                          "views/, site/) or not; without them a large build is much faster, "
                          "and `kg view OUT` writes the views later  [default: write them; "
                          "kg update: as the build in OUT did]."),
        click.option("--jsonld/--no-jsonld", default=None,
                     help="Write graph.jsonld whatever the size / never  "
                          "[default: up to 5,000 papers]."),
        click.option("--full-view/--no-full-view", default=None,
                     help="Write views/full.html whatever the size / never  "
                          "[default: up to 5,000 nodes]."),
        click.option("--shards", type=click.IntRange(min=1), default=None, metavar="N",
                     help="Also keep the N-Triples in OUT/shards/: entities.nt plus N paper "
                          "shards, for a triple store's bulk loader."),
    ]):
        function = option(function)
    return function


def run_options(function):
    """How a build runs (not what it writes)."""
    for option in reversed([
        click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
                     help="Processes for extraction and writing  [default: all cores]."),
        click.option("--scheduler", metavar="ADDRESS", default=None,
                     help="Extract on the Dask cluster at ADDRESS (tcp://host:8786); "
                          "resolution and writing run here."),
        click.option("--dask", "local_dask", is_flag=True,
                     help="Extract on a Dask LocalCluster of --jobs workers started on "
                          "127.0.0.1."),
        click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors."),
    ]):
        function = option(function)
    return function


def _formats(views: bool | None) -> tuple[str, ...] | None:
    from kg.export import OUTPUTS

    if views is None:
        return None
    return tuple(name for name in OUTPUTS if views or name not in HTML_OUTPUTS)


@click.command("build")
@input_options
@click.option("--out", "out_dir", default="out", show_default=True, type=click.Path(),
              help="Output directory (replaced as a whole when the build succeeds). A build "
                   "there before leaves its ids and caches, which this build reuses.")
@click.option("--no-cache", is_flag=True,
              help="Extract every paper and write every output anew (published ids are "
                   "still kept).")
@output_options
@run_options
@run_guarded
def build_command(inputs, skip_bad, input_format, out_dir, no_cache, views, jsonld, full_view,
                  shards, jobs, scheduler, local_dask, quiet):
    """Build the knowledge graph from paper listings.

    INPUT may be files or directories (read recursively). Formats: daily-papers
    listing text (.txt), JSON Lines, JSON arrays, CSV/TSV, arXiv Atom XML and BibTeX.
    Writes into OUT: graph.ttl, graph.nt and graph.jsonld (RDF), graph.html,
    index.html and views/ (interactive views), site/ (one page per method,
    dataset, modality and paper, with evidence; open site/index.html),
    papers.jsonl (per-paper links with evidence), graph.json (lossless
    networkx graph, read by kg.load), store/ (the SPARQL store `kg query OUT`
    opens) and state/ (what the next build over OUT reuses: published ids,
    extraction cache, where the RDF pieces lie). Above 5,000 papers
    graph.jsonld, and above 5,000 nodes views/full.html, are left out unless
    asked for (a note says so).

    Extraction and writing use --jobs processes (all cores by default); with
    --scheduler or --dask the extraction runs on Dask workers. The outputs are
    byte-identical whichever way they were made.
    """
    from kg.build import build

    run_build(lambda **progress: build(
        inputs, out_dir, skip_bad=skip_bad, input_format=input_format,
        use_cache=not no_cache, formats=_formats(views), jsonld=jsonld, full_view=full_view,
        shards=shards, jobs=jobs, scheduler=scheduler or ("local" if local_dask else None),
        **progress), quiet)


@click.command("update")
@click.argument("out_dir", metavar="OUT", type=click.Path(file_okay=False, path_type=str))
@click.argument("inputs", nargs=-1, type=click.Path(path_type=str))
@click.option("--skip-bad", is_flag=True, default=None,
              help="Skip records or files that cannot be read  [default: as the build in "
                   "OUT].")
@output_options
@run_options
@run_guarded
def update_command(out_dir, inputs, skip_bad, views, jsonld, full_view, shards, jobs,
                   scheduler, local_dask, quiet):
    """Add INPUT... to the build in OUT, incrementally.

    Builds OUT's previous inputs plus INPUT (files or directories, e.g. a `kg fetch`
    snapshot directory that gained files): only papers not seen before are
    extracted, resolution runs over all papers, ids published in OUT never change,
    and the RDF pieces that did not change are copied. Running the same update
    again changes nothing. With no INPUT, OUT's own inputs are read again (files
    added to its input directories are picked up).

    Example: kg fetch hf --into snapshots -q && kg update out snapshots -q
    """
    from kg.update import update

    run_build(lambda **progress: update(
        out_dir, inputs, skip_bad=skip_bad, formats=_formats(views), jsonld=jsonld,
        full_view=full_view, shards=shards, jobs=jobs,
        scheduler=scheduler or ("local" if local_dask else None), **progress), quiet)


def run_build(start, quiet: bool) -> None:
    """Run a build with a progress bar, then report what it did."""
    from rich.console import Console

    from kg.cli.summary import StageLog, progress_bar, summary_table, written_files

    console = Console(stderr=True, quiet=quiet)
    stages = StageLog(console)
    with progress_bar(console, "Extracting") if not quiet else contextlib.nullcontext() as bar:
        result = start(on_papers=bar.set_total if bar else None,
                       on_progress=bar.advance if bar else None,
                       on_stage=stages if not quiet else None,
                       notify=lambda message: click.echo(f"kg: {message}", err=True))
    stages.done()
    report_skips(result.report, quiet)
    if not quiet and result.up_to_date:
        click.echo(f"kg: {result.out_dir} is up to date (same inputs, options and code as its "
                   "last build); nothing was rewritten")
    elif not quiet:
        Console().print(summary_table(result))
        papers = len(result.report.papers)
        click.echo(f"extracted {result.extracted:,} of {papers:,} paper(s) "
                   f"({papers - result.extracted:,} from the cache); RDF pieces: "
                   f"{result.pieces_reused:,} copied, {result.pieces_made:,} made")
        for line in written_files(result.out_dir, result.files):
            click.echo(f"wrote {line}")
    for note in result.notes:
        click.echo(f"kg: {note}", err=True)


COMMANDS = [build_command, update_command]
