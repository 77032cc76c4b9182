"""Reading a build directory's graph for the views, with one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from kg.views.select import ViewError

__all__ = ["load_built_graph"]


def load_built_graph(path: str | Path) -> nx.MultiDiGraph:
    """The graph in ``path/graph.json`` (or ``path`` itself if it is a file)."""
    from kg.export.graphjson import read_graph

    path = Path(path)
    target = path if path.is_file() else path / "graph.json"
    if not target.is_file():
        raise ViewError(f"{target}: not found; run `kg build INPUT... --out {path}` first")
    try:
        return read_graph(target)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as err:
        raise ViewError(f"{target}: not a graph written by kg build ({err})") from None
