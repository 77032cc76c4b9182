"""From input files to output files: ingest -> extract -> resolve -> graph -> writers."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from kg.errors import ExportError
from kg.ingest import IngestReport, read_papers

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
    from kg.resolve import resolve_all

    report = read_papers(inputs, skip_bad=skip_bad, fmt=input_format)
    if on_papers:
        on_papers(len(report.papers))
    stage("extracting")
    extractions = list(extract(report.papers, progress=on_progress))
    stage("resolving entities")
    resolved = resolve_all(extractions)
    stage("assembling the graph")
    return build_graph(report.papers, resolved.entities, resolved.links, resolved.results,
                       extractor_version=EXTRACTOR_VERSION), report


# A directory we may replace holds only files we write (or nothing at all).
_OUR_FILES = {"graph.ttl", "graph.nt", "graph.jsonld", "graph.html", "papers.jsonl", "graph.json",
              "index.html", "views", "report", "store"}


def write_outputs(G: nx.MultiDiGraph, out_dir: str | Path,
                  formats: Iterable[str] | None = None,
                  on_stage: Stage | None = None) -> dict[str, Path]:
    """Write every format into a temporary sibling directory, then swap it into place.

    An interrupted or failed run leaves the previous ``out_dir`` (if any) untouched.
    ``on_stage`` hears "writing FILE" before each writer.
    """
    from kg.export import OUTPUTS, get_writer

    out_dir = Path(out_dir)
    if out_dir.exists():
        if not out_dir.is_dir():
            raise ExportError(f"{out_dir}: exists and is not a directory")
        foreign = sorted(p.name for p in out_dir.iterdir() if p.name not in _OUR_FILES)
        if foreign:
            raise ExportError(f"{out_dir}: refusing to replace a directory with other files in it "
                              f"({', '.join(foreign[:3])}); choose another --out")
    parent = out_dir.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=parent))
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)  # mkdtemp makes it private; outputs are ordinary files
    written: dict[str, Path] = {}
    try:
        for name in formats or OUTPUTS:
            writer, filename = get_writer(name)
            if on_stage:
                on_stage(f"writing {filename}")
            writer(G, staging / filename)
            written[name] = out_dir / filename
        old = None
        if out_dir.exists():
            old = parent / f".{out_dir.name}.old-{os.getpid()}"
            out_dir.rename(old)
        staging.rename(out_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return written


def build(inputs: Iterable[str | Path], out_dir: str | Path, *, skip_bad: bool = False,
          input_format: str | None = None, formats: Iterable[str] | None = None,
          on_papers=None, on_progress=None, on_stage: Stage | None = None) -> BuildResult:
    started = time.perf_counter()
    G, report = build_graph_from_inputs(inputs, skip_bad=skip_bad, input_format=input_format,
                                        on_papers=on_papers, on_progress=on_progress,
                                        on_stage=on_stage)
    outputs = write_outputs(G, out_dir, formats, on_stage=on_stage)
    out_dir = Path(out_dir)
    files = sorted(p for p in out_dir.rglob("*") if p.is_file())
    return BuildResult(G, report, time.perf_counter() - started, outputs, files)
