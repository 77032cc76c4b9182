"""One self-contained HTML page per view: our template, vis-network (from pyvis) inlined.

The graph data travels as one JSON document inside ``<script type="application/json">``
with ``<``, ``>``, ``&`` and ``/`` escaped, so no string from the input can close the
script element, and the page's script only ever puts input strings into the DOM as
text. Nothing in the page refers to ``http://`` or ``https://``: the page works from
``file://`` offline.
"""

from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import networkx as nx

from kg.errors import ExportError
from kg.schema import PAPER, node_types, relations
from kg.views.layout import layout_positions, separate
from kg.views.select import Selection

__all__ = ["NavLink", "render_page", "render_index", "view_data", "PHYSICS_MAX_NODES",
           "type_styles", "relation_styles"]

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
    try:
        import pyvis
    except ImportError as err:  # pragma: no cover - pyvis is a dependency
        raise ExportError("pyvis is not installed; it provides vis-network for the views") from err
    lib = Path(pyvis.__file__).parent / "templates" / "lib"
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
    return _defang_js(text)


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


def view_data(G: nx.MultiDiGraph, selection: Selection, *, title: str, note: str | None = None,
              seed: int = 0) -> dict:
    """The JSON document a page draws: nodes, the graph's links around them, drawn edges."""
    shown = list(dict.fromkeys(selection.nodes))
    shown_set = set(shown)
    if selection.edges is None:
        drawn = nx.MultiDiGraph(G.subgraph(shown))
    else:
        drawn = nx.Graph()
        drawn.add_nodes_from(shown)
        drawn.add_edges_from((u, v) for u, v, _, _ in selection.edges)
    pos = layout_positions(drawn, seed=seed)
    nodes = [_node_record(G, n, pos[n]) for n in shown]
    # Entities are drawn as big as their paper count: keep the big ones from covering each other.
    pos = separate(pos, {n["id"]: n["s"] for n in nodes if n["t"] != PAPER.name})
    for n in nodes:
        n["x"], n["y"] = pos[n["id"]]
    # Every link touching a shown node, drawn or not: the details panel explains them all.
    links, index = [], {}
    for node in shown:
        for u, v, key, data in [*G.out_edges(node, keys=True, data=True),
                                *G.in_edges(node, keys=True, data=True)]:
            if (u, v, key) in index:
                continue
            index[u, v, key] = len(links)
            evidence = [[e.get("field"), e.get("start"), e.get("end"), e.get("text"),
                         e.get("sentence"), e.get("rule")] for e in data.get("evidence") or []]
            links.append([u, v, data.get("relation", key),
                          round(float(data.get("confidence") or 0), 3), evidence])
    labels = {}
    for u, v, *_ in links:
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
                 "physics": len(shown) <= PHYSICS_MAX_NODES,
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


def render_page(data: dict, nav: list[NavLink]) -> str:
    """The complete HTML of one view."""
    note = data["meta"].get("note")
    return _fill(_asset("view.html"), {
        "TITLE": _escape(data["meta"]["title"]),
        "NAV": _nav(nav),
        "NOTE": _escape(note or ""),
        "NOTE_HIDDEN": "" if note else " hidden",
        "CSS": _asset("view.css") + mark_css(),
        "DATA": script_json(data),
        "VIS": vis_network_js(),
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
