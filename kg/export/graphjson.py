"""The lossless graph file: networkx node-link JSON, reloaded by `kg.load`."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

FILENAME = "graph.json"


def generate_graph_json(G: nx.MultiDiGraph) -> str:
    data = nx.node_link_data(G, edges="edges")
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=None) + "\n"


def parse_graph_json(text: str) -> nx.MultiDiGraph:
    data = json.loads(text)
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")


def write_graph_json(G: nx.MultiDiGraph, path: str | Path) -> None:
    Path(path).write_text(generate_graph_json(G), encoding="utf-8")


def read_graph(path: str | Path) -> nx.MultiDiGraph:
    """Read ``graph.json`` from a file path or from the build directory holding it."""
    path = Path(path)
    if path.is_dir():
        path = path / FILENAME
    return parse_graph_json(path.read_text(encoding="utf-8"))
