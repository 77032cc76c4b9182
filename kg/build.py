"""From input files to output files: ingest -> extract -> resolve -> graph -> writers."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from kg.ingest import IngestReport, read_papers

__all__ = ["BuildResult", "build", "build_graph_from_inputs", "write_outputs"]

Progress = Callable[[int], None]  # called with the number of papers just processed


@dataclass
class BuildResult:
    graph: nx.MultiDiGraph
    report: IngestReport
    seconds: float = 0.0
    outputs: dict[str, Path] = field(default_factory=dict)


def build_graph_from_inputs(
    inputs: Iterable[str | Path],
    *,
    skip_bad: bool = False,
    input_format: str | None = None,
    on_papers: Callable[[int], None] | None = None,
    on_progress: Progress | None = None,
) -> tuple[nx.MultiDiGraph, IngestReport]:
    """Read, extract, resolve and assemble; ``on_papers`` hears the total once known."""
    from kg.extract.pipeline import EXTRACTOR_VERSION, extract
    from kg.graph import build_graph
    from kg.resolve import resolve

    report = read_papers(inputs, skip_bad=skip_bad, fmt=input_format)
    if on_papers:
        on_papers(len(report.papers))
    extractions = list(extract(report.papers, progress=on_progress))
    entities, links = resolve(extractions)
    return build_graph(report.papers, entities, links,
                       extractor_version=EXTRACTOR_VERSION), report


def write_outputs(G: nx.MultiDiGraph, out_dir: str | Path,
                  formats: Iterable[str] | None = None,
                  notify: Callable[[str], None] | None = None) -> dict[str, Path]:
    """Write every format into a staging directory that then replaces ``out_dir``.

    An interrupted or failed run leaves the previous ``out_dir`` (if any)
    untouched; see :func:`kg.outdir.staged_output` for the lock, the manifest
    and the recovery after a kill.
    """
    from kg.export import OUTPUTS, get_writer
    from kg.outdir import staged_output

    out_dir = Path(out_dir)
    written: dict[str, Path] = {}
    with staged_output(out_dir, notify=notify) as staging:
        for name in formats or OUTPUTS:
            writer, filename = get_writer(name)
            writer(G, staging / filename)
            written[name] = out_dir / filename
    return written


def build(inputs: Iterable[str | Path], out_dir: str | Path, *, skip_bad: bool = False,
          input_format: str | None = None, formats: Iterable[str] | None = None,
          on_papers=None, on_progress=None, notify=None) -> BuildResult:
    started = time.perf_counter()
    G, report = build_graph_from_inputs(inputs, skip_bad=skip_bad, input_format=input_format,
                                        on_papers=on_papers, on_progress=on_progress)
    outputs = write_outputs(G, out_dir, formats, notify=notify)
    return BuildResult(G, report, time.perf_counter() - started, outputs)
