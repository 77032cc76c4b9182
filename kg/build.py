"""From input files to output files: ingest -> extract -> resolve -> graph -> writers."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from kg.ingest import IngestReport, read_papers, require_papers

__all__ = ["BuildResult", "build", "build_graph_from_inputs", "write_outputs"]

Progress = Callable[[int], None]  # called with the number of papers just processed
Stage = Callable[[str], None]  # called with the name of each stage as it starts


@dataclass
class BuildResult:
    graph: nx.MultiDiGraph
    report: IngestReport
    seconds: float = 0.0
    outputs: dict[str, Path] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)  # every file written, under out_dir


def build_graph_from_inputs(
    inputs: Iterable[str | Path],
    *,
    skip_bad: bool = False,
    input_format: str | None = None,
    on_papers: Callable[[int], None] | None = None,
    on_progress: Progress | None = None,
    on_stage: Stage | None = None,
) -> tuple[nx.MultiDiGraph, IngestReport]:
    """Read, extract, resolve and assemble; ``on_papers`` hears the total once known."""
    stage = on_stage or (lambda name: None)
    stage("reading inputs")
    from kg.extract.pipeline import EXTRACTOR_VERSION, extract
    from kg.graph import build_graph
    from kg.resolve import resolve

    inputs = list(inputs)
    report = require_papers(read_papers(inputs, skip_bad=skip_bad, fmt=input_format), inputs)
    if on_papers:
        on_papers(len(report.papers))
    stage("extracting")
    extractions = list(extract(report.papers, progress=on_progress))
    stage("resolving entities")
    entities, links = resolve(extractions)
    stage("assembling the graph")
    return build_graph(report.papers, entities, links,
                       extractor_version=EXTRACTOR_VERSION), report


def write_outputs(G: nx.MultiDiGraph, out_dir: str | Path,
                  formats: Iterable[str] | None = None,
                  on_stage: Stage | None = None,
                  notify: Callable[[str], None] | None = None) -> dict[str, Path]:
    """Write every format into a staging directory that then replaces ``out_dir``.

    An interrupted or failed run leaves the previous ``out_dir`` (if any)
    untouched; see :func:`kg.outdir.staged_output` for the lock, the manifest
    and the recovery after a kill (reported through ``notify``). ``on_stage``
    hears "writing FILE" before each writer.
    """
    from kg.export import OUTPUTS, get_writer
    from kg.outdir import staged_output

    out_dir = Path(out_dir)
    written: dict[str, Path] = {}
    with staged_output(out_dir, notify=notify) as staging:
        for name in formats or OUTPUTS:
            writer, filename = get_writer(name)
            if on_stage:
                on_stage(f"writing {filename}")
            writer(G, staging / filename)
            written[name] = out_dir / filename
    return written


def build(inputs: Iterable[str | Path], out_dir: str | Path, *, skip_bad: bool = False,
          input_format: str | None = None, formats: Iterable[str] | None = None,
          on_papers=None, on_progress=None, on_stage: Stage | None = None,
          notify=None) -> BuildResult:
    started = time.perf_counter()
    G, report = build_graph_from_inputs(inputs, skip_bad=skip_bad, input_format=input_format,
                                        on_papers=on_papers, on_progress=on_progress,
                                        on_stage=on_stage)
    outputs = write_outputs(G, out_dir, formats, on_stage=on_stage, notify=notify)
    out_dir = Path(out_dir)
    files = sorted(p for p in out_dir.rglob("*") if p.is_file())
    return BuildResult(G, report, time.perf_counter() - started, outputs, files)
