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
from kg.export.blocks import (
    Layout,
    Section,
    code_fingerprint,
    join_layout,
    node_digests,
    write_layout,
)

FILENAME = "graph.json"


def _dumps(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")


def graph_json_layout(G: nx.MultiDiGraph) -> Layout:
    """``graph.json`` as blocks: the same bytes as ``json.dumps(nx.node_link_data(G,
    edges="edges"), sort_keys=True)``, with each paper's edges and each node its own block."""
    nodes = G.nodes

    def edges_of(node: str) -> bytes:
        return b", ".join(_dumps({**attrs, "source": node, "target": target, "key": key})
                          for _, target, key, attrs in G.out_edges(node, keys=True, data=True))

    with_edges = [node for node in G if G.out_degree(node)]
    return Layout(
        [Section(b'{"directed": true, "edges": [', with_edges, edges_of, b", "),
         Section(b'], "graph": ' + _dumps(G.graph) + b', "multigraph": true, "nodes": [',
                 list(G), lambda node: _dumps({**nodes[node], "id": node}), b", ")],
        b"]}\n",
        code_fingerprint("graph-json"))


def generate_graph_json(G: nx.MultiDiGraph) -> str:
    return join_layout(graph_json_layout(G)).decode("utf-8")


def parse_graph_json(text: str) -> nx.MultiDiGraph:
    data = json.loads(text)
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")


def write_graph_json(G: nx.MultiDiGraph, path: str | Path) -> None:
    write_layout(graph_json_layout(G), path, node_digests(G))


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
