"""The lossless graph file: networkx node-link JSON, reloaded by `kg.load`.

:func:`read_graph` is the one loader of a build's graph: ``kg.load``, the
frames, the views and the report all call it, so a missing or broken file gives
the same one-line error everywhere.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from kg.errors import KgError
from kg.export.blocks import Layout, Reuse, Section, layout_context, write_layout

FILENAME = "graph.json"


def generate_graph_json(G: nx.MultiDiGraph) -> str:
    data = nx.node_link_data(G, edges="edges")
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=None) + "\n"


def parse_graph_json(text: str) -> nx.MultiDiGraph:
    data = json.loads(text)
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")


def iter_graph_json(G: nx.MultiDiGraph):
    """The same text as :func:`generate_graph_json`, in pieces of one node or edge each,
    so writing a big graph never holds the whole document (nor a copy of the graph).

    >>> from kg.graph import build_graph
    >>> from kg.model import Paper
    >>> G = build_graph([Paper("p1", "T", "A")], [], [])
    >>> "".join(iter_graph_json(G)) == generate_graph_json(G)
    True
    """
    def dumps(value) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    # node_link_data's keys, in sort_keys order
    yield '{"directed": ' + dumps(G.is_directed()) + ', "edges": ['
    for index, (u, v, k, data) in enumerate(G.edges(keys=True, data=True)):
        yield (", " if index else "") + dumps({**data, "source": u, "target": v, "key": k})
    yield '], "graph": ' + dumps(G.graph) + ', "multigraph": ' + dumps(G.is_multigraph())
    yield ', "nodes": ['
    for index, (node, data) in enumerate(G.nodes(data=True)):
        yield (", " if index else "") + dumps({**data, "id": node})
    yield "]}\n"


def graph_json_layout(G: nx.MultiDiGraph) -> Layout:
    """``graph.json`` as blocks (:mod:`kg.export.blocks`): the text of
    :func:`generate_graph_json`, with each node's out-edges and each node one block."""
    nodes = G.nodes

    def dumps(value) -> bytes:
        return json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")

    succ = G._succ  # G.out_edges in its order, without the views' cost

    def edges_of(node: str) -> bytes:
        return b", ".join(dumps({**attrs, "source": node, "target": target, "key": key})
                          for target, keyed in succ[node].items()
                          for key, attrs in keyed.items())

    # node_link_data's keys, in sort_keys order
    return Layout(
        [Section(b'{"directed": ' + dumps(G.is_directed()) + b', "edges": [',
                 [node for node, targets in succ.items() if targets], edges_of, b", "),
         Section(b'], "graph": ' + dumps(G.graph) + b', "multigraph": '
                 + dumps(G.is_multigraph()) + b', "nodes": [', list(G),
                 lambda node: dumps({**nodes[node], "id": node}), b", ")],
        b"]}\n", layout_context("graph-json", "export/graphjson.py"))


def write_graph_json(G: nx.MultiDiGraph, path: str | Path, *, blocks: Reuse | None = None,
                     **_options) -> None:
    """Write ``graph.json``; with ``blocks``, the blocks of unchanged nodes are copied
    from the previous build's file."""
    write_layout(graph_json_layout(G), path, blocks)


def read_graph(path: str | Path) -> nx.MultiDiGraph:
    """Read ``graph.json`` from a file path or from the build directory holding it.

    Raises ``KgError`` (one line) when there is no such file or it is not a graph
    that ``kg build`` wrote.
    """
    path = Path(path)
    is_file = path.is_file() or (not path.exists() and path.suffix == ".json")
    target = path if is_file else path / FILENAME
    if not target.is_file():
        raise KgError(f"{target}: not found; run `kg build INPUT... --out {target.parent}` first")
    try:
        G = parse_graph_json(target.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError,
            RecursionError) as err:  # JSONDecodeError is a ValueError
        raise KgError(f"{target}: not a graph written by kg build ({type(err).__name__}: "
                      f"{str(err)[:200]})") from None
    if not isinstance(G, nx.MultiDiGraph) or not G.graph.get("base_iri"):
        raise KgError(f"{target}: not a graph written by kg build (no base IRI recorded)")
    return G
