"""``kg report``: charts and a short summary of a built graph."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import run_guarded


@click.command("report")
@click.argument("graph_dir", metavar="DIR", type=click.Path(path_type=str))
@click.option("--out", "out_dir", default=None, type=click.Path(path_type=str),
              help="Where to write the report  [default: DIR/report]")
@click.option("--top", default=15, show_default=True, type=click.IntRange(min=1),
              help="How many methods, datasets and baselines each chart shows.")
@run_guarded
def report_command(graph_dir, out_dir, top):
    """Write charts and a short report of the graph built into DIR.

    Reads DIR/graph.json (written by `kg build ... --out DIR`) and writes
    report.html, report.md and the charts (top methods and datasets, method x
    dataset co-usage heatmap, modality mix overall and over listing dates,
    most-compared-against baselines) into DIR/report.
    Needs the `analysis` extra (pandas, matplotlib).
    """
    from kg.frames import load_graph
    from kg.outdir import record_outputs
    from kg.report import write_report

    G = load_graph(graph_dir)
    written = write_report(G, out_dir or f"{graph_dir.rstrip('/')}/report", top=top,
                           source=graph_dir)
    record_outputs(graph_dir, written.values())  # so the next build may replace them
    click.echo(f"wrote {written['report.html']} ({len(written) - 2} charts)")
    index = Path(graph_dir) / "index.html"
    if out_dir is None and index.exists():  # the build's index links the report from now on
        from kg.views import write_index

        click.echo(f"updated {write_index(G, graph_dir)}")


COMMANDS = [report_command]
