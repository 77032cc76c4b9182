"""``kg report``: a short Markdown + HTML report with PNG charts of a built graph.

The charts are drawn with matplotlib's object API (``Figure``, no pyplot), so no
display or GUI backend is needed. The HTML page references the PNGs next to it
and loads nothing from the network.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from kg import analysis
from kg.dates import readable_date
from kg.errors import ExportError, KgError
from kg.schema import node_types

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["CHARTS", "Report", "build_report", "write_report"]

# chart file -> title; the order is the order in the report.
CHARTS = {
    "top-methods.png": "Top methods by number of papers",
    "top-datasets.png": "Top datasets by number of papers",
    "co-usage.png": "Which datasets go with which methods (papers using both)",
    "modality-mix.png": "Modality mix (papers per modality)",
    "modality-dates.png": "Modality mix over listing dates",
    "baselines.png": "Most-compared-against baselines",
}


@dataclass
class Report:
    """What a report says: a summary line, and per chart the table behind it."""

    summary: dict[str, int]
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)


def build_report(G: nx.MultiDiGraph, top: int = 15) -> Report:
    """The tables the report charts, computed with :mod:`kg.analysis`."""
    types = [t for _, t in G.nodes(data="type")]
    summary = {name: types.count(name) for name in node_types()}
    summary["links"] = G.number_of_edges()
    mix = analysis.modality_mix(G)
    summary["no modality"] = int(mix["papers"].iloc[-1]) if len(mix) else 0
    return Report(summary, {
        "top-methods.png": analysis.top_entities(G, "method", n=top),
        "top-datasets.png": analysis.top_entities(G, "dataset", n=top),
        "co-usage.png": analysis.co_usage_matrix(G, top_rows=top, top_columns=top),
        # Papers naming no modality are said in words, not drawn as a "(none)" modality.
        "modality-mix.png": analysis.modality_mix(G, include_none=False).rename(
            columns={"modality": "label"}),
        "modality-dates.png": analysis.modality_mix_by_date(G),
        "baselines.png": analysis.most_compared(G, n=top),
    })


def _text(labels) -> list[str]:
    """Labels as plain text: a "$" would otherwise start matplotlib mathtext."""
    return [str(label).replace("$", r"\$") for label in labels]


def _figure(height: float, width: float = 8.0):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _empty(title: str, why: str):
    figure = _figure(2.0)
    axes = figure.add_subplot()
    axes.set_axis_off()
    axes.set_title(title)
    axes.text(0.5, 0.5, why, ha="center", va="center", color="0.4")
    return figure


def _bars(title: str, labels: list[str], values: list[int], xlabel: str):
    figure = _figure(1.0 + 0.3 * len(labels))
    axes = figure.add_subplot()
    positions = range(len(labels))
    axes.barh(positions, values, color="#4c72b0")
    axes.set_yticks(list(positions), _text(labels))
    axes.invert_yaxis()  # most first, at the top
    axes.set_xlabel(xlabel)
    axes.set_title(title)
    axes.xaxis.get_major_locator().set_params(integer=True)
    return figure


def _heatmap(title: str, matrix: pd.DataFrame):
    rows, cols = matrix.shape
    figure = _figure(1.5 + 0.35 * rows, max(6.0, 2.0 + 0.4 * cols))
    axes = figure.add_subplot()
    image = axes.imshow(matrix.values, cmap="Blues", aspect="auto", vmin=0)
    axes.set_xticks(range(cols), _text(matrix.columns), rotation=60, ha="right")
    axes.set_yticks(range(rows), _text(matrix.index))
    peak = matrix.values.max() if matrix.size else 0
    for i in range(rows):
        for j in range(cols):
            value = int(matrix.iat[i, j])
            if value:
                axes.text(j, i, str(value), ha="center", va="center", fontsize=7,
                          color="white" if value > peak / 2 else "black")
    axes.set_title(title)
    figure.colorbar(image, ax=axes, label="papers")
    return figure


def _stacked(title: str, mix: pd.DataFrame):
    modalities = [c for c in mix.columns if c != "papers"]
    figure = _figure(4.0, max(6.0, 1.5 + 0.5 * len(mix)))
    axes = figure.add_subplot()
    bottom = [0] * len(mix)
    positions = list(range(len(mix)))
    from matplotlib import colormaps

    colours = colormaps["tab20" if len(modalities) > 10 else "tab10"].colors
    for number, modality in enumerate(modalities):
        values = mix[modality].tolist()
        axes.bar(positions, values, bottom=bottom, label=_text([modality])[0],
                 color=colours[number % len(colours)])
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    # Year-less listing dates ("--03-18") read "Mar 18".
    ticks = [readable_date(str(d), no_year="") for d in mix.index]
    axes.set_xticks(positions, _text(ticks), rotation=45, ha="right")
    axes.set_ylabel("papers with the modality")
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.set_title(title)
    axes.legend(fontsize=7, ncols=2, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return figure


def _chart(name: str, table: pd.DataFrame):
    title = CHARTS[name]
    if name in ("top-methods.png", "top-datasets.png", "baselines.png", "modality-mix.png"):
        if table.empty or not table["papers"].any():
            return _empty(title, "nothing of this kind was extracted")
        return _bars(title, table["label"].tolist(), table["papers"].tolist(), "papers")
    if name == "co-usage.png":
        if table.empty or not table.values.any():
            return _empty(title, "no paper links both a method and a dataset")
        return _heatmap(title, table)
    if len(table.columns) <= 1:
        return _empty(title, "no modalities were extracted")
    return _stacked(title, table)


def _markdown_table(table: pd.DataFrame, columns: list[str]) -> str:
    if table.empty:
        return "_none_\n"
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in table[columns].itertuples(index=False):
        cells = [", ".join(v) if isinstance(v, list) else str(v) for v in row]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"


def _size_line(summary: dict[str, int]) -> str:
    """``"3 papers, 4 methods, ..., 19 links"``: a count for every node type of the table."""
    parts = [f"{summary.get(name, 0)} {kind.plural}" for name, kind in node_types().items()]
    return ", ".join([*parts, f"{summary['links']} links"])


def _no_modality_line(summary: dict[str, int]) -> str:
    return (f"{summary.get('no modality', 0)} of {summary.get('paper', 0)} papers name no "
            "modality (they are not in the modality charts).")


def _markdown(report: Report, source: str) -> str:
    parts = [
        "# papers-kg report\n",
        f"Graph: `{source}` — {_size_line(report.summary)}.\n",
    ]
    tables = {
        "top-methods.png": ["label", "papers"],
        "top-datasets.png": ["label", "papers"],
        "modality-mix.png": ["label", "papers"],
        "baselines.png": ["label", "papers", "compared_by"],
    }
    for name, title in CHARTS.items():
        parts.append(f"## {title}\n\n![{title}]({name})\n")
        if name == "modality-mix.png":
            parts.append(_no_modality_line(report.summary) + "\n")
        if name in tables:
            parts.append(_markdown_table(report.tables[name], tables[name]))
    return "\n".join(parts)


def _html(report: Report, source: str) -> str:
    body = [
        "<h1>papers-kg report</h1>",
        f"<p>Graph: <code>{html.escape(source)}</code> — "
        f"{html.escape(_size_line(report.summary))}.</p>",
    ]
    for name, title in CHARTS.items():
        body.append(f"<h2>{html.escape(title)}</h2>")
        body.append(f'<img src="{name}" alt="{html.escape(title)}">')
        if name == "modality-mix.png":
            body.append(f"<p>{html.escape(_no_modality_line(report.summary))}</p>")
    return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>papers-kg report</title><style>body{font-family:sans-serif;max-width:60em;"
            "margin:2em auto}img{max-width:100%}</style></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")


def write_report(G: nx.MultiDiGraph, out_dir: str | Path, top: int = 15,
                 source: str = "graph") -> dict[str, Path]:
    """Write ``report.md``, ``report.html`` and the PNG charts into ``out_dir``.

    Returns file name -> path for everything written. Every chart file is always
    written; a chart with nothing to show says so instead of being left out.
    """
    try:
        import matplotlib  # noqa: F401
    except ImportError:  # pragma: no cover - depends on the installation
        raise KgError("kg report needs matplotlib: pip install 'papers-kg[analysis]'"
                      " (in a checkout: pip install -e '.[analysis]', as make demo does)") from None
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ExportError(f"{out_dir}: cannot create the report directory "
                          f"({err.strerror})") from None
    report = build_report(G, top=top)
    written: dict[str, Path] = {}
    try:
        for name, table in report.tables.items():
            figure = _chart(name, table)
            figure.savefig(out_dir / name, dpi=110, metadata={"Software": None})
            written[name] = out_dir / name
        for name, text in (("report.md", _markdown(report, source)),
                           ("report.html", _html(report, source))):
            (out_dir / name).write_text(text, encoding="utf-8")
            written[name] = out_dir / name
    except OSError as err:
        raise ExportError(f"{out_dir}: cannot write the report ({err.strerror})") from None
    return written
