"""Which nodes each view shows: pure functions over the graph, each returning a ``Selection``.

A selection names the nodes to draw (and, for the method×dataset view, the
edges to draw instead of the graph's own) plus a note saying what was left out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import networkx as nx

from kg.errors import KgError
from kg.lookup import find_node
from kg.schema import ENTITY_TYPES, PAPER, entity_types, relations_to

__all__ = ["Selection", "ViewError", "find_node", "focus", "method_dataset", "overview",
           "whole_graph", "entity_overview", "facet_types", "drawn_entity_types", "MAX_NODES",
           "strongest_edges", "BIG_VIEW", "HUGE_VIEW", "backbone_per_node"]

MAX_NODES = 400  # the overview and focus views draw at most this many nodes


class ViewError(KgError):
    """A view cannot be made (e.g. the focus name matches no node)."""


@dataclass
class Selection:
    nodes: list[str]
    note: str | None = None
    # Drawn edges (source, target, relation, paper ids) when they are not the graph's own edges.
    edges: list[tuple[str, str, str, list[str]]] | None = None
    extra: dict = field(default_factory=dict)  # "focus": the node a focus view is about


def _papers(G: nx.MultiDiGraph) -> list[str]:
    return [n for n, t in G.nodes(data="type") if t == PAPER.name]


def _entities(G: nx.MultiDiGraph) -> list[str]:
    return [n for n, t in G.nodes(data="type") if t != PAPER.name]


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def whole_graph(G: nx.MultiDiGraph) -> Selection:
    """Every node.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("paper/1", "method/bert")])
    >>> whole_graph(G).nodes
    ['paper/1', 'method/bert']
    """
    return Selection(list(G.nodes))


def overview(G: nx.MultiDiGraph, max_nodes: int = MAX_NODES) -> Selection:
    """The whole graph when it is small; else the most-connected entities and their papers.

    Entities are ranked by degree (number of papers linking to them); the top ones are
    kept, then the papers linked to most of them, until ``max_nodes`` are chosen.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for p in range(6):
    ...     G.add_node(f"paper/{p}", type="paper")
    ...     _ = G.add_edge(f"paper/{p}", "method/a", key="usesMethod")
    >>> _ = G.add_edge("paper/0", "method/b", key="usesMethod")
    >>> for n in ("method/a", "method/b"):
    ...     G.nodes[n]["type"] = "method"
    >>> sel = overview(G, max_nodes=4)
    >>> sel.nodes[:2], len(sel.nodes), sel.note is not None
    (['method/a', 'paper/0'], 4, True)
    """
    if G.number_of_nodes() <= max_nodes:
        return Selection(list(G.nodes))
    entities = sorted(_entities(G),
                      key=lambda n: (-G.in_degree(n), str(G.nodes[n].get("label", n))))
    n_entities = max(1, min(len(entities), max_nodes // 4))
    chosen = entities[:n_entities]
    score = Counter(p for e in chosen for p in G.predecessors(e))
    papers = sorted(score, key=lambda p: (-score[p], p))[: max_nodes - len(chosen)]
    all_papers = _papers(G)
    note = (f"Large graph: showing the {len(chosen):,} most-connected entities "
            f"and {_plural(len(papers), 'paper')} linked to them. Left out: "
            f"{len(entities) - len(chosen):,} of {len(entities):,} entities and "
            f"{len(all_papers) - len(papers):,} of {len(all_papers):,} papers. "
            "Open the full graph view, or make a focused view with kg view DIR --focus NAME.")
    return Selection(chosen + papers, note)


def focus(G: nx.MultiDiGraph, node: str, depth: int = 2, max_nodes: int = MAX_NODES) -> Selection:
    """``node`` and everything within ``depth`` links of it (either direction).

    When that is more than ``max_nodes``, the nearest nodes are kept (within a
    distance, the best-connected first) and the note says how many were left out.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("paper/1", "method/a"), ("paper/1", "method/b"),
    ...                      ("paper/2", "method/b"), ("paper/3", "method/c")])
    >>> focus(G, "method/a", depth=1).nodes
    ['method/a', 'paper/1']
    >>> sorted(focus(G, "method/a", depth=3).nodes)
    ['method/a', 'method/b', 'paper/1', 'paper/2']
    """
    if node not in G:
        raise ViewError(f"no node {node!r} in the graph")
    if depth < 0:
        raise ViewError("depth must be 0 or more")
    U = G.to_undirected(as_view=True)
    distance = nx.single_source_shortest_path_length(U, node, cutoff=depth)
    order = sorted(distance, key=lambda n: (distance[n], -U.degree(n), str(n)))
    note = None
    if len(order) > max_nodes:
        note = (f"{len(order) - max_nodes:,} of the {len(order):,} nodes within {depth} "
                f"link(s) of this node are left out (the farthest and least-connected).")
        order = order[:max_nodes]
    return Selection(order, note, extra={"focus": node})


def method_dataset(G: nx.MultiDiGraph, max_nodes: int = MAX_NODES) -> Selection:
    """Methods and datasets joined when papers use them together; the edge lists those papers.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("paper/1", {"type": "paper"}), ("method/a", {"type": "method"}),
    ...                   ("dataset/x", {"type": "dataset"})])
    >>> G.add_edge("paper/1", "method/a", key="usesMethod")
    'usesMethod'
    >>> G.add_edge("paper/1", "dataset/x", key="usesDataset")
    'usesDataset'
    >>> method_dataset(G).edges
    [('method/a', 'dataset/x', 'usedWith', ['paper/1'])]
    """
    pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
    method_relations = set(relations_to("method"))
    dataset_use = ENTITY_TYPES["dataset"].uses
    types = dict(G.nodes(data="type"))
    for paper in _papers(G):
        methods, datasets = set(), set()
        for entity, links in G.succ[paper].items():  # faster than G.out_edges
            kind = types.get(entity)
            if kind == "method" and not method_relations.isdisjoint(links):
                methods.add(entity)
            elif kind == "dataset" and dataset_use in links:
                datasets.add(entity)
        for m in methods:
            for d in datasets:
                pairs[m, d].append(paper)
    ranked = sorted(pairs.items(), key=lambda item: (-len(item[1]), item[0]))
    nodes: dict[str, None] = {}
    edges = []
    for (m, d), papers in ranked:
        new = [n for n in (m, d) if n not in nodes]
        if len(nodes) + len(new) > max_nodes:
            continue
        nodes.update(dict.fromkeys(new))
        edges.append((m, d, "usedWith", sorted(papers)))
    note = None
    if len(edges) < len(ranked):
        note = (f"Large graph: showing {len(edges):,} of {len(ranked):,} method-dataset pairs "
                f"(those shared by most papers).")
    lonely = sum(1 for n in _entities(G) if G.nodes[n].get("type") in ("method", "dataset")
                 and n not in nodes)
    if lonely:
        extra = (f"{lonely:,} methods and datasets never used together with the other kind "
                 "are not shown.")
        note = f"{note} {extra}" if note else extra
    return Selection(list(nodes), note, edges)


def facet_types() -> list[str]:
    """Entity types drawn as filters and badges, not nodes: those with a closed SKOS scheme
    (the modalities: a handful of values that every paper shares, hubs that cover the view)."""
    return [t.name for t in entity_types() if t.scheme]


def drawn_entity_types() -> list[str]:
    return [t.name for t in entity_types() if not t.scheme]


CO_USAGE_PER_NODE = 4  # each entity keeps its strongest co-usage edges, so the view is no hairball
# Above this many entities a view draws a sparser backbone: vis-network sets up and draws every
# edge on each frame, and 26,000 edges made a 5,000-entity view take seconds to answer a click
# (bench/bench_views.py). Per entity, its strongest edges of each kind are kept. Setting up
# an edge costs vis-network about as much as a node, so above HUGE_VIEW entities each keeps
# only its single strongest co-usage edge (12,800 → 8,000 edges at 5,000 entities).
BIG_VIEW = 1500
HUGE_VIEW = 3000
BIG_VIEW_EDGES_PER_NODE = {"usedWith": 2, "comparedWith": 1}
HUGE_VIEW_EDGES_PER_NODE = {"usedWith": 1, "comparedWith": 1}


def backbone_per_node(entities: int) -> dict[str, int] | None:
    """How many of its strongest edges of each kind an entity keeps in a view of
    ``entities`` entities; ``None``: every edge the view would draw anyway.

    >>> backbone_per_node(100), backbone_per_node(2000), backbone_per_node(5000)
    (None, {'usedWith': 2, 'comparedWith': 1}, {'usedWith': 1, 'comparedWith': 1})
    """
    if entities <= BIG_VIEW:
        return None
    return HUGE_VIEW_EDGES_PER_NODE if entities > HUGE_VIEW else BIG_VIEW_EDGES_PER_NODE


def strongest_edges(weights: dict[tuple[str, str], int], per_node: int) -> set[tuple[str, str]]:
    """Each node's ``per_node`` heaviest edges, united: a backbone in which a node that had
    an edge keeps at least one (ties go to the edge whose other end sorts first).

    Examples
    --------
    >>> weights = {("a", "b"): 5, ("a", "c"): 1, ("a", "d"): 2, ("c", "d"): 1}
    >>> sorted(strongest_edges(weights, 1))
    [('a', 'b'), ('a', 'c'), ('a', 'd')]
    """
    edges_of: dict[str, list[tuple[int, str, tuple[str, str]]]] = defaultdict(list)
    for (a, b), weight in weights.items():
        edges_of[a].append((-weight, b, (a, b)))
        edges_of[b].append((-weight, a, (a, b)))
    return {edge for edges in edges_of.values() for *_, edge in sorted(edges)[:per_node]}


def backbone_legend(drawn: int, total: int, per_node: dict[str, int] = BIG_VIEW_EDGES_PER_NODE
                    ) -> str:
    """What a big view's legend says of the edges it leaves out.

    >>> backbone_legend(9, 20)[-64:]
    'ction in the details); its page lists what it is used with most.'
    >>> backbone_legend(9, 20, HUGE_VIEW_EDGES_PER_NODE)[:70]
    'Big view: each entity keeps its strongest co-usage edge and its strong'
    """
    def strongest(n: int, noun: str) -> str:
        return f"its strongest {noun}" if n == 1 else f"its {n} strongest {noun}s"
    co = strongest(per_node["usedWith"], "co-usage edge")
    comparisons = strongest(per_node["comparedWith"], "comparison")
    return (f"Big view: each entity keeps {co} and {comparisons} "
            f"({drawn:,} of {total:,} edges drawn; comparisons without arrowheads, their "
            "direction in the details); its page lists what it is used with most.")


def entity_overview(G: nx.MultiDiGraph, max_nodes: int = MAX_NODES, *,
                    around: str | None = None, depth: int = 1) -> Selection:
    """Entities (not papers) joined by co-usage and comparison; the most-used ``max_nodes``.

    Co-usage edges (``usedWith``, weight = papers using both) keep, for each entity, its
    ``CO_USAGE_PER_NODE`` strongest; comparison edges (``comparedWith``: papers proposing
    one compare with the other) are all kept. A view of more than ``BIG_VIEW`` entities
    keeps only each entity's strongest edges of each kind (:func:`backbone_per_node`;
    ``extra["backbone"]``, the legend's sentence, says how many edges are drawn). With
    ``around``, only that entity and the entities within ``depth`` co-usage steps of it are
    candidates. ``extra`` carries the co-occurrence graph and the communities for the page.

    Examples
    --------
    >>> from kg.analysis import tiny_graph
    >>> sel = entity_overview(tiny_graph(), max_nodes=4)
    >>> sel.nodes, sorted({e[2] for e in sel.edges})
    (['method/bert', 'metric/f1', 'dataset/squad', 'method/alpha'], ['comparedWith', 'usedWith'])
    """
    from kg.analysis import baseline_graph, communities, cooccurrence_graph

    C = cooccurrence_graph(G, types=drawn_entity_types())
    candidates = list(C)
    if around is not None:
        if around not in C:
            raise ViewError(f"{around!r} is not an entity drawn in entity views")
        candidates = list(nx.single_source_shortest_path_length(C, around, cutoff=depth))
    ranked = sorted(candidates, key=lambda n: (n != around, -C.nodes[n]["papers"],
                                               str(C.nodes[n]["label"]).casefold(), n))
    chosen = ranked[:max_nodes]
    keep = set(chosen)
    per_node = backbone_per_node(len(chosen))
    big = per_node is not None
    co_usage = {tuple(sorted((a, b))): int(w) for a, b, w in C.subgraph(chosen).edges(
        data="weight")}
    compared: dict[tuple[str, str], int] = {}
    for a, b, w in baseline_graph(G).edges(data="weight", default=1):
        if a in keep and b in keep and a != b:
            compared[a, b] = int(w)
    kept_co = strongest_edges(co_usage, per_node["usedWith"] if big else CO_USAGE_PER_NODE)
    kept_compared = (strongest_edges(compared, per_node["comparedWith"]) if big
                     else set(compared))
    edges = sorted([(a, b, "usedWith", co_usage[a, b]) for a, b in kept_co]
                   + [(a, b, "comparedWith", compared[a, b]) for a, b in kept_compared])
    groups = communities(G, drawn_entity_types(), C=C)
    note = None
    if len(chosen) < len(candidates):
        note = (f"Showing the {len(chosen):,} entities in most papers of {len(candidates):,}"
                f"{' near this one' if around else ''}; search finds every entity and paper, "
                "and brings it into view.")
    extra = {"focus": around, "communities": groups, "cooccurrence": C}
    if big:  # said in the legend and, where it is seen first, in the note
        extra["backbone"] = backbone_legend(len(edges), len(co_usage) + len(compared), per_node)
        note = f"{note} {extra['backbone']}" if note else extra["backbone"]
    return Selection(chosen, note, edges, extra=extra)
