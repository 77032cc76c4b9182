"""``kg build``: inputs to graph.ttl, graph.html, papers.jsonl and graph.json."""

from __future__ import annotations

import contextlib

import click

from kg.cli.common import input_options, report_skips, run_guarded


@click.command("build")
@input_options
@click.option("--out", "out_dir", default="out", show_default=True, type=click.Path(),
              help="Output directory (replaced as a whole when the build succeeds).")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@run_guarded
def build_command(inputs, skip_bad, input_format, out_dir, quiet):
    """Build the knowledge graph from paper listings.

    INPUT may be files or directories (read recursively). Formats: daily-papers
    listing text (.txt), JSON Lines, JSON arrays, CSV/TSV, arXiv Atom XML and BibTeX.
    Writes into OUT: graph.ttl, graph.nt and graph.jsonld (RDF), graph.html,
    index.html and views/ (interactive views), papers.jsonl (per-paper links with
    evidence) and graph.json (lossless networkx graph, read by kg.load).
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
            on_stage=stages if not quiet else None,
        )
    stages.done()
    report_skips(result.report, quiet)
    if not quiet:
        Console().print(summary_table(result))
        for line in written_files(out_dir, result.files):
            click.echo(f"wrote {line}")


COMMANDS = [build_command]
