"""``kg build``: inputs to graph.ttl, graph.html, papers.jsonl and graph.json."""

from __future__ import annotations

import contextlib

import click

from kg.cli.common import input_options, report_skips, run_guarded


def views_option(function):
    return click.option(
        "--views/--no-views", default=None,
        help="Write the HTML views (graph.html, index.html, views/) or not; without them a "
             "large build is much faster, and `kg view OUT` writes them later. Default: "
             "write them (kg update: as the build in OUT did).")(function)


def _formats(views: bool) -> tuple[str, ...]:
    from kg.export import OUTPUTS

    return tuple(name for name in OUTPUTS if views or name != "html")



@click.command("build")
@input_options
@click.option("--out", "out_dir", default="out", show_default=True, type=click.Path(),
              help="Output directory (replaced as a whole when the build succeeds). A build "
                   "there before leaves its ids and caches, which this build reuses.")
@click.option("--no-cache", is_flag=True,
              help="Extract every paper and write every output anew (published ids are "
                   "still kept).")
@views_option
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@run_guarded
def build_command(inputs, skip_bad, input_format, out_dir, no_cache, views, quiet):
    """Build the knowledge graph from paper listings.

    INPUT may be files or directories (read recursively). Formats: daily-papers
    listing text (.txt), JSON Lines, JSON arrays, CSV/TSV, arXiv Atom XML and BibTeX.
    Writes into OUT: graph.ttl, graph.nt and graph.jsonld (RDF), graph.html,
    index.html and views/ (interactive views), papers.jsonl (per-paper links with
    evidence), graph.json (lossless networkx graph, read by kg.load), store/ (the
    persistent SPARQL store `kg query OUT` opens) and state/ (what the next build
    over OUT reuses: published ids, extraction cache, output block indexes).
    """
    from kg.build import build

    run_build(lambda **progress: build(inputs, out_dir, skip_bad=skip_bad,
                                       input_format=input_format, use_cache=not no_cache,
                                       formats=_formats(views is not False), **progress),
              quiet)


@click.command("update")
@click.argument("out_dir", metavar="OUT", type=click.Path(file_okay=False, path_type=str))
@click.argument("inputs", nargs=-1, type=click.Path(path_type=str))
@click.option("--skip-bad", is_flag=True, default=None,
              help="Skip records or files that cannot be read (default: as the build in OUT).")
@views_option
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@run_guarded
def update_command(out_dir, inputs, skip_bad, views, quiet):
    """Add INPUT... to the build in OUT, incrementally.

    Builds OUT's previous inputs plus INPUT (files or directories, e.g. a `kg fetch`
    snapshot directory that gained files): only papers not seen before are
    extracted, resolution runs over all papers, ids published in OUT never change,
    and only the parts of the outputs that changed are rewritten. Running the same
    update again changes nothing. With no INPUT, OUT's own inputs are read again
    (files added to its input directories are picked up).

    Example: kg fetch hf --into snapshots && kg update out snapshots
    """
    from kg.update import update

    formats = None if views is None else _formats(views)
    run_build(lambda **progress: update(out_dir, inputs, skip_bad=skip_bad, formats=formats,
                                        **progress), quiet)


def run_build(start, quiet: bool) -> None:
    """Run a build with a progress bar, then report what it did."""
    from rich.console import Console

    from kg.cli.summary import StageLog, progress_bar, summary_table, written_files

    console = Console(stderr=True, quiet=quiet)
    stages = StageLog(console)
    with progress_bar(console, "Extracting") if not quiet else contextlib.nullcontext() as bar:
        result = start(on_papers=bar.set_total if bar else None,
                       on_progress=bar.advance if bar else None,
                       on_stage=stages if not quiet else None)
    stages.done()
    report_skips(result.report, quiet)
    if quiet:
        return
    if result.up_to_date:
        click.echo(f"kg: {result.out_dir} is up to date (same inputs, options and code as its "
                   "last build); nothing was rewritten")
        return
    Console().print(summary_table(result))
    papers = len(result.report.papers)
    click.echo(f"extracted {result.extracted:,} of {papers:,} paper(s) "
               f"({papers - result.extracted:,} from the cache); output blocks: "
               f"{result.blocks_reused:,} copied, {result.blocks_made:,} written anew")
    for line in written_files(result.out_dir, result.files):
        click.echo(f"wrote {line}")


COMMANDS = [build_command, update_command]
