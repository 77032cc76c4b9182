"""papers-kg: turn research-paper listings into an explainable knowledge graph.

Data flows one way through plain records::

    Iterator[Paper] -> Iterator[Extraction] -> resolved Entity/Link -> nx.MultiDiGraph -> writers
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["__version__", "load", "papers_frame", "entities_frame", "links_frame",
           "results_frame"]

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx


def load(path) -> nx.MultiDiGraph:
    """Load the graph that ``kg build`` wrote into ``path`` (a directory or a ``graph.json``)."""
    from kg.export.graphjson import read_graph

    return read_graph(path)


# DataFrame helpers live in kg.frames (pandas is optional); imported on first use.
_FRAMES = ("papers_frame", "entities_frame", "links_frame", "results_frame")


def __getattr__(name: str):
    if name in _FRAMES:
        from kg import frames

        return getattr(frames, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
