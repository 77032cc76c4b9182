"""Rich progress bar and summary table shared by the commands."""

from __future__ import annotations

from collections import Counter
from contextlib import contextmanager

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg.model import ENTITY_TYPES, RELATIONS


class _Bar:
    def __init__(self, progress: Progress, task):
        self.progress, self.task = progress, task

    def set_total(self, total: int) -> None:
        self.progress.update(self.task, total=total)

    def advance(self, step: int = 1) -> None:
        self.progress.advance(self.task, step)

    def describe(self, description: str) -> None:
        self.progress.update(self.task, description=description)


@contextmanager
def progress_bar(console, description: str, unit: str = "papers"):
    """A progress bar counting ``unit``; rich hides it when the run is over quickly or not on a
    terminal."""
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn(unit), TimeElapsedColumn(), console=console,
                  transient=True) as progress:
        yield _Bar(progress, progress.add_task(description, total=None))


def summary_table(result) -> Table:
    G, report = result.graph, result.report
    types = Counter(data["type"] for _, data in G.nodes(data=True))
    relations = Counter(key for _, _, key in G.edges(keys=True))
    table = Table(title="papers-kg build", show_header=True, header_style="bold")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("input files", str(report.files))
    table.add_row("paper records read", str(report.records))
    table.add_row("unique papers", str(types["paper"]))
    table.add_row("bad records skipped", str(len(report.skipped)))
    for entity_type in ENTITY_TYPES:
        table.add_row(f"{entity_type} entities", str(types[entity_type]))
    for relation in RELATIONS:
        table.add_row(f"{relation} links", str(relations[relation]))
    table.add_row("seconds", f"{result.seconds:.2f}")
    return table
