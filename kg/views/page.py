"""One self-contained HTML page per view: our template, vis-network (from pyvis) inlined.

The graph data travels as one JSON document inside ``<script type="application/json">``
with ``<``, ``>``, ``&`` and ``/`` escaped, so no string from the input can close the
script element, and the page's script only ever puts input strings into the DOM as
text. Nothing in the page refers to ``http://`` or ``https://``: the page works from
``file://`` offline.
"""

from __future__ import annotations

import hashlib
import html
import json
import marshal
import math
import re
from collections.abc import Callable, Container, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import networkx as nx

from kg.errors import ExportError
from kg.schema import PAPER, node_types, relations
from kg.views.layout import layout_positions, separate
from kg.views.select import Selection

__all__ = ["NavLink", "render_page", "render_index", "view_data", "PHYSICS_MAX_NODES",
           "type_styles", "relation_styles", "node_size", "LinkFragments", "JsonFragments",
           "read_link_texts"]

PHYSICS_MAX_NODES = 300  # above this, positions come from Python and physics stays off
PAPER_LABEL_CHARS = 40

# The method x dataset view draws co-usage edges, which are no relation of the graph.
USED_WITH_STYLE = {"name": "used together in papers", "color": "#7f7f7f", "dashes": False,
                   "width": 1.5}


def type_styles() -> dict[str, dict]:
    """Colours and shapes per node type, from the type table (legend and drawing read these)."""
    return {name: {"name": kind.title, "color": kind.color, "shape": kind.shape}
            for name, kind in node_types().items()}


def relation_styles() -> dict[str, dict]:
    """Line styles per relation, from the type table, plus the co-usage edge."""
    styles = {r.name: {"name": r.title, "color": r.color,
                       "dashes": list(r.dashes) if r.dashes else False, "width": r.width}
              for r in relations()}
    styles["usedWith"] = USED_WITH_STYLE
    return styles


@dataclass(frozen=True)
class NavLink:
    href: str  # relative to the page
    label: str
    current: bool = False


@cache
def _asset(name: str) -> str:
    return resources.files("kg.views").joinpath("templates", name).read_text(encoding="utf-8")


@cache
def vis_network_js() -> str:
    """vis-network as shipped inside pyvis, made safe to inline (see ``_defang_js``)."""
    from importlib.util import find_spec

    # Found, not imported: importing pyvis imports IPython (half a second of every build).
    spec = find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - a dependency
        raise ExportError("pyvis is not installed; it provides vis-network for the views")
    lib = Path(next(iter(spec.submodule_search_locations))) / "templates" / "lib"
    candidates = sorted(lib.glob("vis-*/vis-network.min.js"))
    if not candidates:
        raise ExportError(f"vis-network.min.js not found under {lib} (pyvis install is broken)")
    return _defang_js(candidates[-1].read_text(encoding="utf-8"))


_SCHEME = re.compile(r"([hH])(?=[tT][tT][pP][sS]?:)")
_END_SCRIPT = re.compile(r"</(script)", re.IGNORECASE)


def _defang_js(text: str) -> str:
    """Spell ``http:``/``https:`` and ``</script`` with escapes JS and JSON read as the same.

    The page then holds no literal URL scheme (nothing that could be fetched, nothing a
    scan for remote references finds) and no ``</script`` that could close the script element.
    ``\\u0068`` is "h" in JS strings, regexes, identifiers and JSON; comments ignore it.

    >>> _defang_js('x="http://a.b/</script>"')
    'x="\\\\u0068ttp://a.b/<\\\\/script>"'
    """
    text = _SCHEME.sub(lambda m: f"\\u{ord(m.group(1)):04x}", text)
    return _END_SCRIPT.sub(r"<\\/\1", text)


def script_json(data) -> str:
    """JSON that can sit inside a ``<script>`` element whatever strings it holds.

    >>> script_json({"t": "</script><b>"})
    '{"t":"\\\\u003c\\\\/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("/", "\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
    # What _defang_js would change: no "</script" is left once "<" is escaped, and a URL
    # scheme needs a ":" (most texts have none: a view escapes some 30,000 of them).
    return _SCHEME.sub(lambda m: f"\\u{ord(m.group(1)):04x}", text) if ":" in text else text


def _node_record(G: nx.MultiDiGraph, node: str, pos: tuple[float, float]) -> dict:
    data = G.nodes[node]
    kind = data.get("type", PAPER.name)
    label = str(data.get("label") or node)
    record = {"id": node, "t": kind, "l": label, "x": pos[0], "y": pos[1]}
    if kind == PAPER.name:
        record.update(s=8, p={
            "title": data.get("title") or label, "date": data.get("date"),
            "abstract": data.get("abstract") or "", "arxiv": data.get("arxiv_id"),
            "authors": list(data.get("authors") or []), "urls": list(data.get("urls") or []),
            "sources": list(data.get("sources") or []),
        })
    else:
        count = int(data.get("paper_count") or G.in_degree(node))
        record.update(s=round(min(12 + 6 * math.sqrt(count), 60), 1), n=count,
                      a=list(data.get("aliases") or []), f=bool(data.get("family")))
    return record


class JsonFragments(list):
    """Items of a list already written as script JSON (:func:`script_json`), one text
    each: :func:`render_page` joins them where the list belongs in the document."""


_EVIDENCE_KEYS = ("field", "start", "end", "text", "sentence", "rule")


def link_record(u: str, v: str, key, data: dict) -> list:
    """A link as a view's details panel reads it: [source, target, relation, confidence,
    [[field, start, end, text, sentence, rule], ...]]."""
    evidence = [list(map(e.get, _EVIDENCE_KEYS)) for e in data.get("evidence") or []]
    return [u, v, data.get("relation", key), round(float(data.get("confidence") or 0), 3),
            evidence]


@cache
def _fragments_context() -> str:
    """The code a link's text depends on: a change there makes every text again."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(digest_size=16)
    for name in ("views/page.py", "export/blocks.py"):
        digest.update((package / name).read_bytes())
    return digest.hexdigest()


def read_link_texts(path: Path | None) -> dict:
    """``(u, v, key) -> (source digest, text)`` as :meth:`LinkFragments.save` kept them in
    ``path``; empty when there are none, they are unreadable or other code made them.
    (Any text may be offered: one is used only where its source's digest still matches.)"""
    try:
        if path is None:
            return {}
        context, texts = marshal.loads(path.read_bytes())
        if context == _fragments_context() and isinstance(texts, dict):
            return texts
    except (OSError, EOFError, ValueError, TypeError, AttributeError):
        pass  # none (or unreadable): every text is made
    return {}


@dataclass
class LinkFragments:
    """The script JSON of each link a view shows, kept from the previous build.

    A link's text (:func:`link_record` through :func:`script_json`) depends on its edge
    alone, and the digest of its source node (:func:`kg.export.blocks.node_digests`)
    covers that node's out-edges; so a link whose source's digest is the one recorded
    with its text is not made again. A view's document is its links' texts joined with
    the rest (JSON escapes no character across items), the same bytes as a whole
    :func:`script_json`. :meth:`save` keeps the texts this build used for the next one.
    """

    digests: Mapping[str, str]
    previous_file: Path | None
    index_file: Path | None
    texts: dict = field(default_factory=dict)  # (u, v, key) -> (source digest, text)
    # the texts of previous_file when they were read already (read_link_texts)
    preloaded: dict | None = None
    reused: int = 0
    made: int = 0
    _previous: dict | None = None

    def previous(self) -> dict:
        if self._previous is None:
            self._previous = (self.preloaded if self.preloaded is not None
                              else read_link_texts(self.previous_file))
            self.preloaded = None
        return self._previous

    def __call__(self, u: str, v: str, key, data: dict) -> str:
        digest = self.digests.get(u, "")
        old = self.previous().get((u, v, key))
        if digest and old is not None and old[0] == digest:
            text = old[1]
            self.reused += 1
        else:
            text = script_json(link_record(u, v, key, data))
            self.made += 1
        self.texts[u, v, key] = (digest, text)
        return text

    def save(self) -> None:
        if self.index_file is not None:
            self.index_file.parent.mkdir(parents=True, exist_ok=True)
            # version 2 writes no references: the same texts give the same bytes, whether
            # they were made or read back
            self.index_file.write_bytes(marshal.dumps((_fragments_context(), self.texts), 2))


def view_data(G: nx.MultiDiGraph, selection: Selection, *, title: str, note: str | None = None,
              seed: int = 0, site_prefix: str | None = None,
              link_text: Callable[[str, str, object, dict], str] | None = None) -> dict:
    """The JSON document a page draws: nodes, the graph's links around them, drawn edges.

    With ``site_prefix`` (the entity pages' folder relative to the page) every node
    links to its entity page. With ``link_text`` (a :class:`LinkFragments`) the links
    are their script JSON texts (:class:`JsonFragments`) rather than records.
    """
    from kg.site import page_path, writes_paper_pages

    shown = list(dict.fromkeys(selection.nodes))
    shown_set = set(shown)
    if selection.edges is None:
        if len(shown) < len(G):
            # Built in the order of `shown`: a subgraph view of a small part of G iterates a
            # set, whose order (and so the page) would change with the hash seed.
            drawn = nx.MultiDiGraph()
            drawn.add_nodes_from(shown)
            drawn.add_edges_from((u, v, key, data) for u in shown
                                 for _, v, key, data in G.out_edges(u, keys=True, data=True)
                                 if v in shown_set)
        else:
            drawn = G
    else:
        drawn = nx.Graph()
        drawn.add_nodes_from(shown)
        drawn.add_edges_from((u, v) for u, v, _, _ in selection.edges)
    pos = layout_positions(drawn, seed=seed)
    nodes = [_node_record(G, n, pos[n]) for n in shown]
    if site_prefix is not None:
        paper_pages = writes_paper_pages(G)
        for record in nodes:
            if paper_pages or record["t"] != PAPER.name:
                record["h"] = page_path(record["id"])
    # Entities are drawn as big as their paper count: keep the big ones from covering each other.
    pos = separate(pos, {n["id"]: n["s"] for n in nodes if n["t"] != PAPER.name})
    for n in nodes:
        n["x"], n["y"] = pos[n["id"]]
    # Every link touching a shown node, drawn or not: the details panel explains them all.
    shown_links, index = [], {}
    succ, pred = G._succ, G._pred  # G.out_edges / G.in_edges in their order, without views
    for node in shown:
        for u, v, key, data in [*((node, v, key, data) for v, keyed in succ[node].items()
                                  for key, data in keyed.items()),
                                *((u, node, key, data) for u, keyed in pred[node].items()
                                  for key, data in keyed.items())]:
            if (u, v, key) in index:
                continue
            index[u, v, key] = len(shown_links)
            shown_links.append((u, v, key, data))
    links = (JsonFragments(link_text(*link) for link in shown_links) if link_text is not None
             else [link_record(*link) for link in shown_links])
    labels = {}
    for u, v, *_ in shown_links:
        for n in (u, v):
            if n not in shown_set and n not in labels:
                labels[n] = [G.nodes[n].get("type"), str(G.nodes[n].get("label") or n)]
    results = _results_of(G, shown_set)
    for row in results:
        for n in (row[0], row[1], row[2], row[3]):
            if n is not None and n not in shown_set and n not in labels:
                labels[n] = [G.nodes[n].get("type"), str(G.nodes[n].get("label") or n)]
    if selection.edges is None:
        edges = [[u, v, key, index[u, v, key]] for u, v, key in drawn.edges(keys=True)]
    else:
        edges = [[u, v, rel, papers] for u, v, rel, papers in selection.edges]
        for _, _, _, papers in selection.edges:
            for p in papers:
                if p not in shown_set and p not in labels:
                    labels[p] = [PAPER.name, str(G.nodes[p].get("label") or p)]
    return {
        "meta": {"title": title, "note": note, "focus": selection.extra.get("focus"),
                 "site": site_prefix, "physics": len(shown) <= PHYSICS_MAX_NODES,
                 "big": len(shown) > PHYSICS_MAX_NODES},
        "style": {"types": type_styles(), "relations": relation_styles()},
        "nodes": nodes, "links": links, "labels": labels, "edges": edges,
        "results": results,
    }


def _results_of(G: nx.MultiDiGraph, shown: set[str]) -> list[list]:
    """The results the details panel shows: those of shown papers, and those naming a
    shown method, dataset or metric, as [paper, method, dataset, metric, value, unit,
    own, [field, start, end, text, sentence, rule]] (method/dataset None when unnamed)."""
    rows = []
    for node, data in G.nodes(data=True):
        if data.get("type") != PAPER.name:
            continue
        for r in data.get("results") or ():
            if node not in shown and not {r.get("method"), r.get("dataset"),
                                          r.get("metric")} & shown:
                continue
            ev = r.get("evidence") or {}
            rows.append([node, r.get("method"), r.get("dataset"), r.get("metric"),
                         str(r.get("value")), r.get("unit"), bool(r.get("own")),
                         [ev.get("field"), ev.get("start"), ev.get("end"), ev.get("text"),
                          ev.get("sentence"), ev.get("rule")]])
    return rows


_MARKER = re.compile(r"\{\{([A-Z_]+)\}\}")


def _fill(template: str, values: dict[str, str]) -> str:
    # One pass over the template: substituted text is never scanned for markers again.
    return _MARKER.sub(lambda m: values[m.group(1)], template)


def _escape(text: str) -> str:
    """HTML-escaped text, with any URL scheme's first letter as a character reference."""
    return _SCHEME.sub(lambda m: f"&#{ord(m.group(1))};", html.escape(text))


def _nav(links: list[NavLink]) -> str:
    current = ' aria-current="page"'
    return "".join(
        f'<a href="{_escape(link.href)}"{current if link.current else ""}>'
        f"{_escape(link.label)}</a>" for link in links)


def _tint(color: str, keep: float = 0.25) -> str:
    """A light tint of ``#rrggbb`` (its share ``keep``, the rest white), for highlights."""
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(255 - (255 - c) * keep):02x}" for c in (r, g, b))


def mark_css() -> str:
    """Highlight colours of evidence spans, one per relation of the type table (and the
    values of results), tints of the relations' colours."""
    rules = [f"mark.rel-{r.name} {{ background: {_tint(r.color)}; }}" for r in relations()]
    rules.append(f"mark.rel-result {{ background: {_tint(RESULT_COLOR, 0.35)}; }}")
    return "\n" + "\n".join(rules) + "\n"


# Values of results, highlighted in their sentence.
RESULT_COLOR = "#e6b800"


def document_json(data: dict) -> str:
    """:func:`script_json` of a view's document whose lists may be :class:`JsonFragments`.

    >>> data = {"a": [1, "</x>"], "b": 2}
    >>> document_json({**data, "a": JsonFragments(script_json(x) for x in data["a"])}) == (
    ...     script_json(data))
    True
    """
    joined = {name: value for name, value in data.items() if isinstance(value, JsonFragments)}
    if not joined:
        return script_json(data)
    # A NUL never reaches the graph (kg.ingest refuses it), so the marks are unique.
    marks = {name: f"\x00{name}\x00" for name in joined}
    text = script_json({name: marks.get(name, value) for name, value in data.items()})
    for name, texts in joined.items():
        text = text.replace(script_json(marks[name]), "[" + ",".join(texts) + "]", 1)
    return text


def render_page(data: dict, nav: list[NavLink]) -> str:
    """The complete HTML of one view."""
    note = data["meta"].get("note")
    return _fill(_asset("view.html"), {
        "TITLE": _escape(data["meta"]["title"]),
        "NAV": _nav(nav),
        "NOTE": _escape(note or ""),
        "NOTE_HIDDEN": "" if note else " hidden",
        "CSS": _asset("view.css") + mark_css(),
        "DATA": document_json(data),
        "VIS": vis_network_js(),
        "INDEX": "",
        "JS": _asset("view.js"),
    })


def render_index(title: str, entries: list[tuple[NavLink, str]], summary: str) -> str:
    """The page linking every view: ``entries`` are (link, one-line description)."""
    items = "".join(
        (f'<li><a href="{_escape(link.href)}">{_escape(link.label)}</a>' if link.href else
         f"<li><strong>{_escape(link.label)}</strong>")  # a view left out: no link
        + f"<span>{_escape(description)}</span></li>" for link, description in entries)
    return _fill(_asset("index.html"), {
        "TITLE": _escape(title), "CSS": _asset("view.css"), "SUMMARY": _escape(summary),
        "ITEMS": items,
    })


# ------------------------------------------------------------------ entity views

PAPERS_PER_ENTITY = 60  # papers listed per drawn entity; the entity page lists them all
LABELLED = 30  # the entities in most papers get big labels that stay legible when zoomed out
PALETTE = ["#1f77b4", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf",
           "#bcbd22", "#ff7f0e", "#7f7f7f", "#393b79", "#637939", "#8c6d31", "#843c39",
           "#7b4173", "#3182bd"]
OTHER_COMMUNITY = "#b8b8b8"
COMPARED_STYLE = {"name": "compared with (proposed → baseline)", "color": "#d62728",
                  "dashes": [8, 5], "width": 2}
SEARCH_INDEX = "search-index.js"


def _paper_modalities(G: nx.MultiDiGraph, paper: str, facet_nodes: Container[str]
                      ) -> list[str]:
    """The facet nodes (modalities) ``paper`` links, once per link, sorted."""
    # G.succ, not G.out_edges: the views walk every paper's links several times.
    return sorted(v for v, links in G.succ[paper].items() if v in facet_nodes for _ in links)


def entity_view_data(G: nx.MultiDiGraph, selection: Selection, *, title: str,
                     site_prefix: str | None, seed: int = 0) -> dict:
    """The JSON an entity view draws: entities, co-usage and comparison edges, communities,
    modality badges, and a capped list of papers per entity (drawn on demand).

    ``site_prefix``: the entity pages' folder relative to the page, None when there are
    no pages to link (the views were written where no site is).
    """
    from kg.site import page_path, writes_paper_pages
    from kg.views.select import facet_types

    facets = set(facet_types())
    paper_facets: dict[str, list[str]] = {}
    paper_pages = site_prefix is not None and writes_paper_pages(G)
    shown = list(dict.fromkeys(selection.nodes))
    index = {n: i for i, n in enumerate(shown)}
    drawn = nx.Graph()
    drawn.add_nodes_from(shown)
    drawn.add_weighted_edges_from((a, b, w) for a, b, _, w in selection.edges)
    groups = selection.extra.get("communities") or []
    community = {n: i for i, group in enumerate(groups) for n in group}
    # Communities present in the view, biggest (in the view) first, get the palette colours.
    present = sorted({community[n] for n in shown if n in community},
                     key=lambda c: (-sum(1 for n in shown if community.get(n) == c), c))
    colour = {c: PALETTE[i] if i < len(PALETTE) else OTHER_COMMUNITY
              for i, c in enumerate(present)}
    facet_nodes = sorted(n for n, t in G.nodes(data="type") if t in facets)
    facet_index = {n: i for i, n in enumerate(facet_nodes)}
    counts = {n: int(G.nodes[n].get("paper_count") or G.in_degree(n)) for n in shown}
    by_rank = sorted(shown, key=lambda n: (-counts[n], n))
    rank = {n: r for r, n in enumerate(by_rank)}
    top = max((math.sqrt(c) for c in counts.values()), default=1.0)
    pos = layout_positions(drawn, seed=seed)
    nodes, papers = [], {}
    for node in shown:
        data = G.nodes[node]
        count = counts[node]
        # v in [0, 1] drives node size and label size: the top LABELLED get the upper half.
        share = math.sqrt(count) / top if top else 0.0
        v = 0.5 + 0.5 * share if rank[node] < LABELLED else 0.2 * share
        mods: dict[int, int] = {}
        entity_papers = sorted(G.pred[node],
                               key=lambda p: (str(G.nodes[p].get("date") or ""), p), reverse=True)
        for paper in entity_papers:
            if paper not in paper_facets:  # a paper is counted under each entity it links
                paper_facets[paper] = _paper_modalities(G, paper, facet_index)
            for m in paper_facets[paper]:
                mods[facet_index[m]] = mods.get(facet_index[m], 0) + 1
        for paper in entity_papers[:PAPERS_PER_ENTITY]:
            if paper not in papers:
                pdata = G.nodes[paper]
                papers[paper] = [str(pdata.get("title") or pdata.get("label") or paper),
                                 pdata.get("date"),
                                 sorted(e for e in G.succ[paper] if e in index),
                                 page_path(paper) if paper_pages else None]
        size, font = node_size(v)
        nodes.append({"id": node, "t": data.get("type"), "l": str(data.get("label") or node),
                      "n": count, "a": list(data.get("aliases") or []), "s": size, "f": font,
                      "r": rank[node], "c": community.get(node, -1),
                      "m": sorted(mods.items(), key=lambda kv: -kv[1]),
                      "p": entity_papers[:PAPERS_PER_ENTITY],
                      "h": page_path(node) if site_prefix is not None else None,
                      "x": pos[node][0], "y": pos[node][1]})
    # Keep the labelled entities' circles and labels apart, then draw them last (on top).
    boxes = {n["id"]: _label_box(n) for n in nodes if n["r"] < LABELLED}
    pos = separate_boxes({n["id"]: (n["x"], n["y"]) for n in nodes}, boxes)
    for n in nodes:
        n["x"], n["y"] = pos[n["id"]]
    nodes.sort(key=lambda n: -n["r"])
    legend = [{"label": " / ".join(str(G.nodes[m].get("label") or m) for m in groups[c][:3]),
               "color": colour[c], "size": sum(1 for n in shown if community.get(n) == c)}
              for c in present if colour[c] != OTHER_COMMUNITY]
    relations = {"usedWith": USED_WITH_STYLE, "comparedWith": COMPARED_STYLE}
    return {
        "meta": {"title": title, "note": selection.note, "focus": selection.extra.get("focus"),
                 "site": site_prefix, "labelled": LABELLED, "total": len(shown),
                 # A big view (kg.views.select.BIG_VIEW) draws a backbone of the edges.
                 "big": "backbone" in selection.extra, "backbone": selection.extra.get("backbone")},
        "style": {"types": type_styles(), "relations": relations, "communities": legend,
                  "communityColors": {str(c): colour[c] for c in present},
                  "other": OTHER_COMMUNITY,
                  "facets": [[n, str(G.nodes[n].get("label") or n)] for n in facet_nodes]},
        "nodes": nodes,
        "edges": [[a, b, rel, w] for a, b, rel, w in selection.edges],
        "papers": papers,
    }


def node_size(v: float) -> tuple[float, float]:
    """(radius, label font size) of an entity of importance ``v`` in [0, 1], in canvas units.

    Given to vis-network as each node's size and font size rather than as a ``value`` to
    scale: scaling re-parses every node's label options (half a second on 5,000 nodes).

    >>> node_size(0), node_size(1)
    ((10, 9), (60, 56))
    """
    return round(10 + 50 * v, 1), round(9 + 47 * v, 1)


def _label_box(node: dict) -> tuple[float, float, float, float]:
    """(half width, above, below, font) of a node with its label under it, in canvas units."""
    size, font = node["s"], node["f"]
    width = max(_text_width(node["l"], font) / 2, size)
    return width, size, size + 1.35 * font + 4, font


def _text_width(text: str, font: float) -> float:
    """A generous estimate of ``text``'s drawn width in a sans-serif font of size ``font``.

    Capitals are wider than lower case ('COCO' is 2.9 em, 'coco' 2.2 em): one average
    width for all letters lets all-capital labels (most acronyms) overlap.
    """
    em = sum(0.9 if c in "MWmw@%" else 0.74 if c.isupper() else 0.3 if c in " .,:;'|!il" else
             0.6 for c in text)
    return em * font


def separate_boxes(pos: dict, boxes: dict, *, iterations: int = 200,
                   padding: float = 6.0) -> dict[str, tuple[float, float]]:
    """Move the nodes in ``boxes`` apart until their boxes (circle plus label) stop overlapping.

    ``boxes`` maps a node to (half width, extent above, extent below, font) around its
    position; the other nodes keep their place.

    >>> out = separate_boxes({"a": (0, 0), "b": (5, 0)}, {"a": (20, 10, 30, 12),
    ...                                                   "b": (20, 10, 30, 12)})
    >>> abs(out["b"][0] - out["a"][0]) >= 46 or abs(out["b"][1] - out["a"][1]) >= 46
    True
    """
    ids = sorted(boxes)
    xy = {n: list(pos[n]) for n in ids}
    for _ in range(iterations):
        moved = False
        for i, a in enumerate(ids):
            wa, ua, da, _ = boxes[a]
            for b in ids[i + 1:]:
                wb, ub, db, _ = boxes[b]
                dx = xy[b][0] - xy[a][0]
                dy = xy[b][1] - xy[a][1]
                overlap_x = wa + wb + padding - abs(dx)
                # Vertical extents differ above and below: b below a or above it.
                overlap_y = (da + ub + padding - dy) if dy >= 0 else (ua + db + padding + dy)
                if overlap_x <= 0 or overlap_y <= 0:
                    continue
                moved = True
                if overlap_x < overlap_y:
                    step = (overlap_x / 2 + 0.5) * (1 if dx >= 0 else -1)
                    xy[a][0] -= step
                    xy[b][0] += step
                else:
                    step = (overlap_y / 2 + 0.5) * (1 if dy >= 0 else -1)
                    xy[a][1] -= step
                    xy[b][1] += step
        if not moved:
            break
    result = dict(pos)
    result.update({n: (round(x, 1), round(y, 1)) for n, (x, y) in xy.items()})
    return result


def search_index(G: nx.MultiDiGraph) -> dict:
    """Every entity and paper of the build, for the views' and the site's search boxes.

    ``e``: [key, type, label, aliases, papers, page]; ``p``: [key, title, date,
    [indices into e], page (None when the site has no paper pages), arXiv id]; ``t``:
    type name -> title.
    """
    from kg.site import page_path, writes_paper_pages

    entities = sorted((n for n, t in G.nodes(data="type") if t != PAPER.name),
                      key=lambda n: (-(G.nodes[n].get("paper_count") or 0), n))
    at = {n: i for i, n in enumerate(entities)}
    e = [[n, G.nodes[n].get("type"), str(G.nodes[n].get("label") or n),
          list(G.nodes[n].get("aliases") or []), int(G.nodes[n].get("paper_count") or 0),
          page_path(n)] for n in entities]
    paper_pages = writes_paper_pages(G)
    succ = G._succ  # the graph's own dicts: the views' cost more than the index here
    p = [[n, str(d.get("title") or d.get("label") or n), d.get("date"),
          sorted(at[v] for v, links in succ[n].items() if v in at for _ in links),
          page_path(n) if paper_pages else None, d.get("arxiv_id")]
         for n, d in sorted((n, d) for n, d in G._node.items() if d.get("type") == PAPER.name)]
    return {"e": e, "p": p, "t": {name: kind.title for name, kind in node_types().items()}}


def render_search_index(G: nx.MultiDiGraph) -> str:
    """``search-index.js``: a script (not JSON, so pages read it from ``file://``)."""
    return "window.KG_INDEX = " + script_json(search_index(G)) + ";\n"


def render_entity_page(data: dict, nav: list[NavLink], index_src: str) -> str:
    """The complete HTML of one entity view (``entities.js`` draws it)."""
    note = data["meta"].get("note")
    return _fill(_asset("view.html"), {
        "TITLE": _escape(data["meta"]["title"]),
        "NAV": _nav(nav),
        "NOTE": _escape(note or ""),
        "NOTE_HIDDEN": "" if note else " hidden",
        "CSS": _asset("view.css"),
        "DATA": script_json(data),
        "VIS": vis_network_js(),
        "INDEX": f'<script src="{_escape(index_src)}"></script>',
        "JS": _asset("entities.js"),
    })
