"""Rich progress bar and summary table shared by the commands."""

from __future__ import annotations

from collections import Counter
from contextlib import contextmanager

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg.schema import PAPER, entity_types, relations


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


class StageLog:
    """Prints each build stage with the seconds it took, as the next one starts."""

    def __init__(self, console):
        self.console, self.current, self.started = console, None, 0.0

    def __call__(self, name: str | None) -> None:
        import time

        now = time.perf_counter()
        if self.current is not None:
            self.console.print(f"  {self.current}: {now - self.started:.1f} s", highlight=False)
        self.current, self.started = name, now

    def done(self) -> None:
        self(None)


def written_files(out_dir, files) -> list[str]:
    """One line per file written; a folder of many files (pages) is one line with a count."""
    from pathlib import Path

    out_dir = Path(out_dir)
    lines, folders = [], Counter()
    for path in files:
        relative = path.relative_to(out_dir)
        if len(relative.parts) > 2 or (len(relative.parts) == 2
                                       and relative.parts[0] in ("site", "store", "state")):
            folders[relative.parts[0]] += 1
        else:
            lines.append(str(out_dir / relative))
    for folder, count in sorted(folders.items()):
        lines.append(f"{out_dir / folder}/  ({count:,} files)")
    return lines


def summary_table(result) -> Table:
    G, report = result.graph, result.report
    types = Counter(data["type"] for _, data in G.nodes(data=True))
    links = Counter(key for _, _, key in G.edges(keys=True))
    table = Table(title="papers-kg build", show_header=True, header_style="bold")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("input files", str(report.files))
    table.add_row("paper records read", str(report.records))
    table.add_row("unique papers", str(types[PAPER.name]))
    table.add_row("bad records skipped", str(len(report.skipped)))
    for kind in entity_types():
        table.add_row(f"{kind.name} entities", str(types[kind.name]))
    for relation in relations():
        table.add_row(f"{relation.name} links", str(links[relation.name]))
    table.add_row("seconds", f"{result.seconds:.2f}")
    return table
