"""Interactive HTML view (pyvis), self-contained: no network access needed to open it."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx

COLOURS = {"paper": "#8c8c8c", "method": "#1f77b4", "dataset": "#2ca02c", "modality": "#ff7f0e"}
_REMOTE = re.compile(r'<(?:link|script)[^>]+(?:href|src)="https?://[^"]*"[^>]*>(?:</script>)?\s*')


def generate_html(G: nx.MultiDiGraph) -> str:
    from pyvis.network import Network

    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
    for node, data in G.nodes(data=True):
        net.add_node(node, label=data["label"][:40], title=data["label"],
                     color=COLOURS[data["type"]], shape="dot" if data["type"] != "paper" else "box")
    for source, target, key in G.edges(keys=True):
        net.add_edge(source, target, title=key)
    html = net.generate_html()
    return _REMOTE.sub("", html)


def write_html(G: nx.MultiDiGraph, path: str | Path) -> None:
    Path(path).write_text(generate_html(G), encoding="utf-8")
