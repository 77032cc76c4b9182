"""``kg extract``: per-paper methods, datasets, baselines, modalities and proposed names."""

from __future__ import annotations

import json

import click

from kg.cli.common import echo_data, input_options, printable, report_skips, run_guarded


@click.command("extract")
@input_options
@click.option("--format", "output_format", type=click.Choice(["jsonl", "table"]),
              default="jsonl", show_default=True,
              help="jsonl: one JSON object per paper (the contract score.py reads); "
                   "table: a readable table.")
@click.option("--evidence", is_flag=True,
              help="Add metadata and every link's evidence to each JSON record.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes for extraction  [default: all cores]; same output.")
@run_guarded
def extract_command(inputs, skip_bad, input_format, output_format, evidence, jobs):
    """Print what each paper mentions, resolved across all the inputs.

    Each JSON line holds id, title, methods, datasets, baselines, modalities,
    proposed, tasks and metrics, as lists of canonical entity labels, and results:
    one {method, dataset, metric, value} object per score the abstract reports.
    """
    from kg.build import build_graph_from_inputs, default_jobs
    from kg.export.papers import paper_records

    G, report = build_graph_from_inputs(inputs, skip_bad=skip_bad, input_format=input_format,
                                        jobs=jobs or default_jobs())
    report_skips(report, quiet=False)
    records = paper_records(G, evidence=evidence)
    if output_format == "jsonl":
        echo_data("".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records),
                  nl=False)
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table("title", "methods", "datasets", "baselines", "modalities", "proposed")
    for record in records:  # Text cells: titles are shown as written, never read as markup
        table.add_row(Text(printable(record["title"][:50])), *(
            Text(printable(", ".join(record[f])))
            for f in ("methods", "datasets", "baselines", "modalities", "proposed")))
    Console().print(table)


COMMANDS = [extract_command]
