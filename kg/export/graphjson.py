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


def write_graph_json(G: nx.MultiDiGraph, path: str | Path, **_options) -> None:
    try:
        with open(path, "w", encoding="utf-8") as handle:
            handle.writelines(iter_graph_json(G))
    except OSError as err:
        raise KgError(f"{path}: cannot write: {err.strerror or err}") from None


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
