"""Interactive HTML views of the graph: an overview, the full graph, method×dataset, focus views.

``write_views(G, out_dir)`` writes::

    out_dir/index.html                  links every view
    out_dir/graph.html                  overview (the whole graph when small)
    out_dir/views/full.html             the whole graph (only when the overview leaves nodes out)
    out_dir/views/methods-datasets.html methods and datasets used together
    out_dir/views/focus-<name>.html     one per ``focus`` name: a node and its neighbourhood

Every page is self-contained (no ``http(s)://`` reference), so it works offline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from kg.errors import ExportError
from kg.schema import PAPER
from kg.views.page import NavLink, render_index, render_page, view_data
from kg.views.select import (
    MAX_NODES,
    Selection,
    ViewError,
    find_node,
    focus,
    method_dataset,
    overview,
    whole_graph,
)

__all__ = ["write_views", "render_view", "focus_filename", "ViewError", "MAX_NODES", "OVERVIEW",
           "FULL_VIEW_MAX_NODES", "full_view_skipped"]

# Above this many nodes views/full.html is written only when asked for (--full-view): a
# 5,000-node page is drawn in about 1.3 s (bench/bench_views.py); 50,000 nodes make a
# 390 MB page that no browser opens.
FULL_VIEW_MAX_NODES = 5000

OVERVIEW = "graph.html"
INDEX = "index.html"
VIEWS_DIR = "views"
FULL = "full.html"
METHOD_DATASET = "methods-datasets.html"


def focus_filename(label: str) -> str:
    """``focus-<slug>.html`` for a focus view.

    >>> focus_filename("GPT-4 (OpenAI)")
    'focus-gpt-4-openai.html'
    """
    slug = re.sub(r"[^a-z0-9]+", "-", label.casefold()).strip("-")[:60] or "node"
    return f"focus-{slug}.html"


def render_view(G: nx.MultiDiGraph, selection: Selection, title: str,
                nav: list[NavLink] | None = None) -> str:
    """One page drawing ``selection`` of ``G``."""
    return render_page(view_data(G, selection, title=title, note=selection.note), nav or [])


def _nav(prefix: str, pages: list[tuple[str, str]], current: str) -> list[NavLink]:
    return [NavLink(prefix + href, label, href == current) for href, label in pages]


def full_view_skipped(G: nx.MultiDiGraph, full_view: bool | None) -> bool:
    """Whether the full-graph view is left out: ``full_view`` None means "only when the
    graph has at most :data:`FULL_VIEW_MAX_NODES` nodes"."""
    return full_view is False or (full_view is None
                                  and G.number_of_nodes() > FULL_VIEW_MAX_NODES)


def write_views(G: nx.MultiDiGraph, out_dir: str | Path, *, focus_on: Iterable[str] = (),
                depth: int = 2, max_nodes: int = MAX_NODES,
                full_view: bool | None = None) -> dict[str, Path]:
    """Write the views of ``G`` into ``out_dir``; returns ``{view name: path}``.

    ``full_view``: write ``views/full.html`` (True), never (False), or only up to
    :data:`FULL_VIEW_MAX_NODES` nodes (None).

    Focus views already in ``out_dir/views`` (from earlier runs) stay linked from the index.
    """
    out_dir = Path(out_dir)
    views_dir = out_dir / VIEWS_DIR
    try:
        views_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ExportError(f"{views_dir}: cannot create the views directory "
                          f"({err.strerror})") from None
    n_papers = sum(1 for _, t in G.nodes(data="type") if t == PAPER.name)
    n_entities = G.number_of_nodes() - n_papers
    name = "papers-kg"

    over = overview(G, max_nodes)
    full_needed = len(over.nodes) < G.number_of_nodes()
    full_skipped = full_needed and full_view_skipped(G, full_view)
    full_needed = full_needed and not full_skipped
    focused: list[tuple[str, str, Selection]] = []
    for query in focus_on:
        node = find_node(G, query)
        label = str(G.nodes[node].get("label") or node)
        focused.append((focus_filename(label), label, focus(G, node, depth, max_nodes)))

    # Page list as (path relative to out_dir, nav label, description).
    pages = [("index.html", "Index", "")]
    pages.append((OVERVIEW, "Overview", "the whole graph" if not full_needed else
                  "the most-connected entities and their papers"))
    if full_needed:
        pages.append((f"{VIEWS_DIR}/{FULL}", "Full graph", "every node (large: positions "
                      "precomputed, physics off)"))
    if full_skipped:
        pages.append(("", "Full graph: not written",
                      f"{G.number_of_nodes():,} nodes are more than a browser can draw "
                      f"(limit {FULL_VIEW_MAX_NODES:,}); `kg view DIR --full-view` writes it"))
    md = method_dataset(G, max_nodes)
    pages.append((f"{VIEWS_DIR}/{METHOD_DATASET}", "Methods × datasets",
                  "methods and datasets joined when papers use them together"))
    new_focus = {f"{VIEWS_DIR}/{fn}": label for fn, label, _ in focused}
    old_focus = {f"{VIEWS_DIR}/{p.name}": p.stem.removeprefix("focus-")
                 for p in sorted(views_dir.glob("focus-*.html"))}
    for href, label in {**old_focus, **new_focus}.items():
        pages.append((href, f"Focus: {label}", f"{label} and what lies within {depth} links"
                      if href in new_focus else "a focused view made earlier"))
    nav_pages = [(href, label) for href, label, _ in pages if href and not href.startswith(
        f"{VIEWS_DIR}/focus-")]

    def write(rel: str, title: str, selection: Selection) -> Path:
        prefix = "../" if "/" in rel else ""
        nav = _nav(prefix, nav_pages, rel)
        path = out_dir / rel
        try:
            path.write_text(render_view(G, selection, title, nav), encoding="utf-8")
        except OSError as err:
            raise ExportError(f"{path}: cannot write ({err.strerror})") from None
        return path

    written = {"overview": write(OVERVIEW, f"{name}: overview", over)}
    if full_needed:
        written["full"] = write(f"{VIEWS_DIR}/{FULL}", f"{name}: full graph", whole_graph(G))
    elif (views_dir / FULL).exists():
        (views_dir / FULL).unlink()  # a stale full view from a bigger graph
    written["methods-datasets"] = write(f"{VIEWS_DIR}/{METHOD_DATASET}",
                                        f"{name}: methods × datasets", md)
    for filename, label, selection in focused:
        written[f"focus:{label}"] = write(f"{VIEWS_DIR}/{filename}",
                                          f"{name}: {label} (depth {depth})", selection)
    summary = (f"{n_papers:,} papers, {n_entities:,} methods, datasets and modalities, "
               f"{G.number_of_edges():,} links.")
    entries = [(NavLink(href, label), description) for href, label, description in pages[1:]]
    index = out_dir / INDEX
    try:
        index.write_text(render_index(f"{name}: views", entries, summary), encoding="utf-8")
    except OSError as err:
        raise ExportError(f"{index}: cannot write ({err.strerror})") from None
    written["index"] = index
    return written
