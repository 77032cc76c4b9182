"""``kg eval``: score extraction against gold annotations (P/R/F1 per field)."""

from __future__ import annotations

import json

import click

from kg.cli.common import report_skips, run_guarded


@click.command("eval")
@click.argument("gold", type=click.Path(dir_okay=False, path_type=str))
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--predictions", is_flag=True,
              help="INPUT is already a `kg extract --format jsonl` file: score it as is.")
@click.option("--show", type=int, default=0, metavar="N",
              help="Also list up to N missed and spurious names per field.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON summary instead.")
@click.option("--min", "minimums", multiple=True, metavar="FIELD=F1",
              help="Exit with status 1 when FIELD's F1 is below the value (repeatable).")
@run_guarded
def eval_command(gold, inputs, predictions, show, as_json, minimums):
    """Extract from INPUT... and score it against GOLD.jsonl.

    GOLD holds one JSON object per paper with a title and the lists methods,
    datasets, baselines, modalities and proposed (aliases separated by "|"), and
    where annotated tasks, metrics and results, as in
    ../shared/eval/dev-gold.jsonl. Matching and figures are those of score.py:
    micro precision, recall and F1 per field, papers paired by title; results are
    scored strictly (method, dataset, metric and value) and as "results~" (metric
    and value).

    \b
    Examples:
      kg eval ../shared/eval/dev-gold.jsonl ../shared/corpus --show 20
      kg eval gold.jsonl pred.jsonl --predictions --min methods=0.88
    """
    from kg.eval import format_table, load_records, score

    gold_records = load_records(gold)
    if predictions:
        pred = [r for path in inputs for r in load_records(path)]
    else:
        from kg.build import build_graph_from_inputs
        from kg.export.papers import paper_records

        G, report = build_graph_from_inputs(inputs)
        report_skips(report, quiet=True)
        pred = list(paper_records(G))
    scores = score(gold_records, pred)
    fields = list(scores.fields)
    if as_json:
        summary = {name: scores[name].to_dict() for name in fields}
        summary["papers_found"] = f"{scores.papers_found}/{scores.papers_total}"
        click.echo(json.dumps(summary))
    else:
        click.echo(format_table(scores))
    for name in fields if show else ():
        for miss in [m for m in scores.misses if m.field == name][:show]:
            click.echo(f"  {name:<10} {miss.kind:<8} {miss.name!r:<32} in {miss.title[:60]!r}")
    failed = []
    for rule in minimums:
        name, _, value = rule.partition("=")
        if name not in fields:
            raise click.BadParameter(f"unknown field {name!r} (scored here: {', '.join(fields)})",
                                     param_hint="--min")
        try:
            threshold = float(value)
        except ValueError:
            raise click.BadParameter(f"{rule!r}: expected FIELD=number",
                                     param_hint="--min") from None
        if scores[name].f1 < threshold:
            failed.append(f"{name} F1 {scores[name].f1} < {threshold}")
    if failed:
        click.echo("below threshold: " + "; ".join(failed), err=True)
        raise SystemExit(1)


COMMANDS = [eval_command]
