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
from kg.schema import ENTITY_TYPES, PAPER, relations_to

__all__ = ["Selection", "ViewError", "find_node", "focus", "method_dataset", "overview",
           "whole_graph", "MAX_NODES"]

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
    for paper in _papers(G):
        methods, datasets = set(), set()
        for _, entity, relation in G.out_edges(paper, keys=True):
            kind = G.nodes[entity].get("type")
            if kind == "method" and relation in method_relations:
                methods.add(entity)
            elif kind == "dataset" and relation == dataset_use:
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
