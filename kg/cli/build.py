"""``kg build``: inputs to graph.ttl, graph.html, papers.jsonl and graph.json."""

from __future__ import annotations

import contextlib

import click

from kg.cli.common import input_options, report_skips, run_guarded


@click.command("build")
@input_options
@click.option("--out", "out_dir", default="out", show_default=True, type=click.Path(),
              help="Output directory (replaced as a whole when the build succeeds).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes for extraction and writing  [default: all cores].")
@click.option("--jsonld/--no-jsonld", default=None,
              help="Write graph.jsonld whatever the size / never  [default: up to 5,000 papers].")
@click.option("--full-view/--no-full-view", default=None,
              help="Write views/full.html whatever the size / never  "
                   "[default: up to 5,000 nodes].")
@click.option("--shards", type=click.IntRange(min=1), default=None, metavar="N",
              help="Also keep the N-Triples in OUT/shards/: entities.nt plus N paper shards, "
                   "for a triple store's bulk loader.")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Extract on the Dask cluster at ADDRESS (tcp://host:8786); resolution and "
                   "writing run here.")
@click.option("--dask", "local_dask", is_flag=True,
              help="Extract on a Dask LocalCluster of --jobs workers started on 127.0.0.1.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@run_guarded
def build_command(inputs, skip_bad, input_format, out_dir, jobs, jsonld, full_view, shards,
                  scheduler, local_dask, quiet):
    """Build the knowledge graph from paper listings.

    INPUT may be files or directories (read recursively). Formats: daily-papers
    listing text (.txt), JSON Lines, JSON arrays, CSV/TSV, arXiv Atom XML and BibTeX.
    Writes into OUT: graph.ttl, graph.nt and graph.jsonld (RDF), graph.html,
    index.html and views/ (interactive views), site/ (one page per method,
    dataset, modality and paper, with evidence; open site/index.html),
    papers.jsonl (per-paper links with evidence) and graph.json (lossless
    networkx graph, read by kg.load). Above 5,000 papers graph.jsonld, and
    above 5,000 nodes views/full.html, are left out unless asked for (a note
    says so).

    Extraction and writing use --jobs processes (all cores by default); with
    --scheduler or --dask the extraction runs on Dask workers. The outputs are
    byte-identical whichever way they were made.
    """
    from rich.console import Console

    from kg.build import build
    from kg.cli.summary import StageLog, progress_bar, summary_table, written_files

    console = Console(stderr=True, quiet=quiet)
    stages = StageLog(console)
    with progress_bar(console, "Extracting") if not quiet else contextlib.nullcontext() as bar:
        result = build(
            inputs, out_dir, skip_bad=skip_bad, input_format=input_format,
            on_papers=bar.set_total if bar else None,
            on_progress=bar.advance if bar else None,
            jobs=jobs, jsonld=jsonld, full_view=full_view, shards=shards,
            scheduler=scheduler or ("local" if local_dask else None),
            on_stage=stages if not quiet else None,
            notify=lambda message: click.echo(f"kg: {message}", err=True),
        )
    stages.done()
    report_skips(result.report, quiet)
    if not quiet:
        Console().print(summary_table(result))
        for line in written_files(out_dir, result.files):
            click.echo(f"wrote {line}")
    for note in result.notes:
        click.echo(f"kg: {note}", err=True)


COMMANDS = [build_command]
