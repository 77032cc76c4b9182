"""Interactive HTML views of the graph: an overview, the full graph, method×dataset, focus views.

``write_views(G, out_dir)`` writes::

    out_dir/index.html                  links every view
    out_dir/graph.html                  overview: entities joined by co-usage and comparison
    out_dir/search-index.js             every entity and paper, for the search boxes
    out_dir/views/full.html             the whole graph (up to FULL_VIEW_MAX_NODES nodes)
    out_dir/views/methods-datasets.html methods and datasets used together
    out_dir/views/focus-<name>.html     one per ``focus`` name: a node and its neighbourhood

Every page is self-contained (no ``http(s)://`` reference), so it works offline.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from kg.errors import ExportError
from kg.schema import PAPER
from kg.site import SITE_DIR
from kg.views.page import (
    SEARCH_INDEX,
    LinkFragments,
    NavLink,
    entity_view_data,
    render_entity_page,
    render_index,
    render_page,
    render_search_index,
    view_data,
)
from kg.views.select import (
    MAX_NODES,
    Selection,
    ViewError,
    drawn_entity_types,
    entity_overview,
    find_node,
    focus,
    method_dataset,
    whole_graph,
)

__all__ = ["write_views", "VIEW_PARTS", "write_index", "write_search_index", "render_view",
           "focus_filename", "ViewError", "MAX_NODES", "OVERVIEW", "SEARCH_INDEX",
           "FULL_VIEW_MAX_NODES", "full_view_skipped", "site_folder", "site_href"]

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
                nav: list[NavLink] | None = None, site_prefix: str | None = None,
                fragments: LinkFragments | None = None) -> str:
    """One page drawing ``selection`` of ``G`` (its nodes linking to ``site_prefix`` pages);
    ``fragments``: the links' texts kept from the previous build (the same page)."""
    data = view_data(G, selection, title=title, note=selection.note, site_prefix=site_prefix,
                     link_text=fragments)
    return render_page(data, nav or [])


def _nav(prefix: str, pages: list[tuple[str, str]], current: str) -> list[NavLink]:
    return [NavLink(prefix + href, label, href == current) for href, label in pages]


def full_view_skipped(G: nx.MultiDiGraph, full_view: bool | None) -> bool:
    """Whether the full-graph view is left out: ``full_view`` None means "only when the
    graph has at most :data:`FULL_VIEW_MAX_NODES` nodes"."""
    return full_view is False or (full_view is None
                                  and G.number_of_nodes() > FULL_VIEW_MAX_NODES)


def _write(path: Path, text: str) -> Path:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as err:
        raise ExportError(f"{path}: cannot write ({err.strerror})") from None
    return path


def write_search_index(G: nx.MultiDiGraph, out_dir: str | Path) -> Path:
    """``out_dir/search-index.js``: every entity and paper, for the views' and the entity
    pages' search boxes (written whole under a temporary name, then moved into place)."""
    path = Path(out_dir) / SEARCH_INDEX
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    _write(partial, render_search_index(G))
    partial.replace(path)
    return path


SiteOption = bool | str | Path | None


def site_folder(out_dir: str | Path, site: SiteOption) -> Path | None:
    """The folder of the entity pages the views in ``out_dir`` link, or None (no links).

    ``site``: True, the pages are (being) written into ``out_dir/site``; False, there are
    none; a path, they are there (the build's site, when the views go elsewhere); None,
    ``out_dir/site`` if it holds a site, else none. A view links only pages that exist.
    """
    if site is None:
        found = Path(out_dir) / SITE_DIR
        return found if (found / "index.html").is_file() else None
    if site is True:
        return Path(out_dir) / SITE_DIR
    return Path(site) if site else None


def site_href(site_dir: Path | None, page_dir: Path) -> str | None:
    """``site_dir`` as a link prefix from a page in ``page_dir`` (``site/``, ``../site/``,
    ``../../out/site/``), or None without a site.

    >>> site_href(Path("out/site"), Path("out/views")), site_href(None, Path("out"))
    ('../site/', None)
    """
    if site_dir is None:
        return None
    try:
        rel = os.path.relpath(os.path.abspath(site_dir), os.path.abspath(page_dir))
    except ValueError:  # another drive (Windows): no relative path
        return Path(os.path.abspath(site_dir)).as_uri() + "/"
    return Path(rel).as_posix() + "/"


def _pages(out_dir: Path, depth: int, new_focus: dict[str, str], *, n_nodes: int,
           full: bool | None = None, site: SiteOption = None) -> list[tuple[str, str, str]]:
    """What the index links: (path relative to out_dir, label, description; no path for a
    view left out), for the views and for the pages in ``out_dir`` (entity pages, report,
    focus views). ``full``: whether the full view is (being) written, None: look in
    ``out_dir``; ``site``: as for :func:`site_folder`."""
    views_dir = out_dir / VIEWS_DIR
    if full is None:
        full = (views_dir / FULL).exists()
    site_prefix = site_href(site_folder(out_dir, site), out_dir)
    pages = [("index.html", "Index", "")]
    pages.append((OVERVIEW, "Overview", "methods, datasets and tasks joined when papers use "
                  "them together, coloured by community; papers on demand"))
    if full:
        pages.append((f"{VIEWS_DIR}/{FULL}", "Full graph", "every paper and entity (large: "
                      "positions precomputed, physics off)"))
    else:
        why = (f"{n_nodes:,} nodes are more than a browser can draw "
               f"(limit {FULL_VIEW_MAX_NODES:,})" if n_nodes > FULL_VIEW_MAX_NODES
               else "left out with --no-full-view")
        pages.append(("", "Full graph: not written", f"{why}; `kg view DIR --full-view` writes it"))
    pages.append((f"{VIEWS_DIR}/{METHOD_DATASET}", "Methods × datasets",
                  "methods and datasets joined when papers use them together"))
    if site_prefix is not None:
        pages.append((f"{site_prefix}index.html", "Entity pages", "one page per method, "
                      "dataset, modality and paper, with evidence; sortable tables and search"))
    if (out_dir / "report" / "report.html").exists():
        pages.append(("report/report.html", "Report", "charts: top methods and datasets, "
                      "co-usage, modality mix, most-compared baselines"))
    old_focus = {f"{VIEWS_DIR}/{p.name}": p.stem.removeprefix("focus-")
                 for p in sorted(views_dir.glob("focus-*.html"))}
    for href, label in {**old_focus, **new_focus}.items():
        pages.append((href, f"Focus: {label}", f"{label} and what lies within {depth} links"
                      if href in new_focus else "a focused view made earlier"))
    return pages


def write_index(G: nx.MultiDiGraph, out_dir: str | Path, *, depth: int = 2,
                new_focus: dict[str, str] | None = None, full: bool | None = None,
                site: SiteOption = None) -> Path:
    """(Re)write ``out_dir/index.html``, linking the views and whatever else the build
    directory holds (entity pages, report, focus views); ``kg build`` and ``kg report``
    call it after writing, so the index never misses a page. ``full``, ``site``: as
    for :func:`_pages`."""
    out_dir = Path(out_dir)
    pages = _pages(out_dir, depth, new_focus or {}, n_nodes=G.number_of_nodes(), full=full,
                   site=site)
    n_papers = sum(1 for _, t in G.nodes(data="type") if t == PAPER.name)
    kinds = sorted({str(t) for _, t in G.nodes(data="type")} - {PAPER.name})
    summary = (f"{n_papers:,} papers, {G.number_of_nodes() - n_papers:,} entities "
               f"({', '.join(kinds)}), {G.number_of_edges():,} links.")
    entries = [(NavLink(href, label), description) for href, label, description in pages[1:]]
    return _write(out_dir / INDEX, render_index("papers-kg: views", entries, summary))


# The two halves of write_views that a build writes side by side (``part=``): the overview
# and the search index; the other views, the focus views and the index page.
VIEW_PARTS = ("overview", "views")


def write_views(G: nx.MultiDiGraph, out_dir: str | Path, *, focus_on: Iterable[str] = (),
                depth: int = 2, max_nodes: int = MAX_NODES,
                only_focus: bool = False, full_view: bool | None = None,
                site: SiteOption = None, fragments: LinkFragments | None = None,
                part: str | None = None) -> dict[str, Path]:
    """Write the views of ``G`` into ``out_dir``; returns ``{view name: path}``.

    The overview draws entities (methods, datasets, ...) joined by co-usage and
    comparison; ``search-index.js`` beside it lets every entity view search the whole
    build. With ``only_focus`` only the focus views (and the index page) are written.
    ``full_view``: write ``views/full.html`` (True), never (False), or only up to
    :data:`FULL_VIEW_MAX_NODES` nodes (None). ``site``: where the entity pages the views link
    are (see :func:`site_folder`; None: ``out_dir/site`` if it holds a site); without a
    site the views link no page.
    Focus views already in ``out_dir/views`` (from earlier runs) stay linked from the index.
    ``fragments`` (given by a build over a previous one) reuses the script JSON of the links
    whose source node did not change, and is saved for the next build.
    ``part`` (one of :data:`VIEW_PARTS`) writes only that half, so that two processes can
    write the views side by side; the two halves write what one call writes, byte for byte
    (neither reads a file the other writes).
    """
    if part is not None and part not in VIEW_PARTS:
        raise ValueError(f"unknown part of the views {part!r} (known: {', '.join(VIEW_PARTS)})")
    overview_part, views_part = part in (None, "overview"), part in (None, "views")
    out_dir = Path(out_dir)
    views_dir = out_dir / VIEWS_DIR
    try:
        views_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ExportError(f"{views_dir}: cannot create the views directory "
                          f"({err.strerror})") from None
    name = "papers-kg"
    drawn_types = set(drawn_entity_types())

    # The overview draws entities only; the full view keeps papers and their evidence.
    full_needed = (views_dir / FULL).exists() if only_focus else not full_view_skipped(
        G, full_view)
    focused: list[tuple[str, str, str]] = []
    for query in focus_on:
        node = find_node(G, query)
        label = str(G.nodes[node].get("label") or node)
        focused.append((focus_filename(label), label, node))

    new_focus = {f"{VIEWS_DIR}/{fn}": label for fn, label, _ in focused}
    site_dir = site_folder(out_dir, site)
    pages = _pages(out_dir, depth, new_focus, n_nodes=G.number_of_nodes(), full=full_needed,
                   site=site_dir or False)
    site_index = f"{site_href(site_dir, out_dir)}index.html"
    nav_pages = [(href, label) for href, label, _ in pages if href and not href.startswith(
        f"{VIEWS_DIR}/focus-") and href.endswith(".html") and ("/" not in href.removeprefix(
        f"{VIEWS_DIR}/") or href == site_index)]

    def prefix_of(rel: str) -> str:
        return "../" * rel.count("/")

    def write(rel: str, title: str, selection: Selection) -> Path:
        nav = _nav(prefix_of(rel), nav_pages, rel)
        page = render_view(G, selection, title, nav,
                           site_prefix=site_href(site_dir, (out_dir / rel).parent),
                           fragments=fragments)
        return _write(out_dir / rel, page)

    def write_entities(rel: str, title: str, selection: Selection) -> Path:
        prefix = prefix_of(rel)
        data = entity_view_data(G, selection, title=title,
                                site_prefix=site_href(site_dir, (out_dir / rel).parent))
        page = render_entity_page(data, _nav(prefix, nav_pages, rel), prefix + SEARCH_INDEX)
        return _write(out_dir / rel, page)

    written: dict[str, Path] = {}
    if not only_focus and overview_part:
        written["search-index"] = write_search_index(G, out_dir)
        written["overview"] = write_entities(OVERVIEW, f"{name}: overview",
                                             entity_overview(G, max_nodes))
    if not views_part:
        return written
    if not only_focus:
        if full_needed:
            written["full"] = write(f"{VIEWS_DIR}/{FULL}", f"{name}: full graph",
                                    whole_graph(G))
        elif (views_dir / FULL).exists():
            (views_dir / FULL).unlink()  # a stale full view from a bigger graph
        written["methods-datasets"] = write(f"{VIEWS_DIR}/{METHOD_DATASET}",
                                            f"{name}: methods × datasets",
                                            method_dataset(G, max_nodes))
    elif not (out_dir / SEARCH_INDEX).exists():
        written["search-index"] = write_search_index(G, out_dir)
    for filename, label, node in focused:
        rel, title = f"{VIEWS_DIR}/{filename}", f"{name}: {label} (depth {depth})"
        if G.nodes[node].get("type") in drawn_types:
            # An entity: its neighbourhood among entities, not a starburst of its papers.
            written[f"focus:{label}"] = write_entities(
                rel, title, entity_overview(G, max_nodes, around=node, depth=depth))
        else:
            written[f"focus:{label}"] = write(rel, title, focus(G, node, depth, max_nodes))
    written["index"] = write_index(G, out_dir, depth=depth, new_focus=new_focus,
                                   full=full_needed, site=site_dir or False)
    if fragments is not None:
        fragments.save()
    return written
