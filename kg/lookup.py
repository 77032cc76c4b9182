"""The one way to find a node by what a person types: a key, a label, an alias or a paper id.

``kg view --focus``, the views' search, ``kg.analysis`` and the entity pages all go
through :func:`find_node`, so a name that works in one works in all.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("method/gpt-4", type="method", label="GPT-4", aliases=["GPT4"], paper_count=2)
>>> G.add_node("paper/p1", type="paper", label="A paper", paper_id="p1", arxiv_id="2403.00001")
>>> find_node(G, "gpt4"), find_node(G, "2403.00001"), find_node(G, "p1", type="paper")
('method/gpt-4', 'paper/p1', 'paper/p1')
"""

from __future__ import annotations

import difflib

import networkx as nx

from kg.errors import KgError
from kg.schema import ENTITY_TYPES, PAPER

__all__ = ["find_node", "NodeNotFound", "node_names"]


class NodeNotFound(KgError):
    """No node, or no single node, answers to a name; ``choices`` are the keys it could mean."""

    def __init__(self, message: str, choices: tuple[str, ...] = ()):
        super().__init__(message)
        self.choices = choices


def node_names(data: dict) -> list[str]:
    """Every name a node answers to: label, aliases, and for papers title, ids."""
    names = [data.get("label") or "", *(data.get("aliases") or ())]
    if data.get("type") == PAPER.name:
        names += [data.get("title") or "", data.get("paper_id") or "", data.get("arxiv_id") or ""]
    return [n for n in names if n]


def _papers(G: nx.MultiDiGraph, node: str) -> str:
    count = int(G.nodes[node].get("paper_count") or 0)
    return f"{count:,} paper{'' if count == 1 else 's'}"


def find_node(G: nx.MultiDiGraph, name: str, *, type: str | None = None) -> str:  # noqa: A002
    """The node ``name`` means: its key, or a label, alias, title or paper/arXiv id (any case).

    ``type`` narrows the search to one node type ("paper", "method", ...). Entities win
    over papers; among entities of one type the one in most papers wins; a name shared
    by entities of several types needs ``type``. Raises :class:`NodeNotFound` with the
    closest labels as suggestions.
    """
    if type is not None and type != PAPER.name and type not in ENTITY_TYPES:
        raise NodeNotFound(f"unknown node type {type!r}; known: "
                           f"{', '.join([PAPER.name, *ENTITY_TYPES])}")
    if name in G and type in (None, G.nodes[name].get("type")):
        return name
    wanted = name.casefold().strip()
    matches = [node for node, data in G.nodes(data=True)
               if type in (None, data.get("type"))
               and any(n.casefold() == wanted for n in node_names(data))]
    entities = [n for n in matches if G.nodes[n].get("type") != PAPER.name]
    if entities:
        kinds = sorted({G.nodes[n]["type"] for n in entities})
        if len(kinds) > 1:
            # One per type (the one in most papers): the type or the key picks it.
            best = {}
            for node in sorted(entities, key=lambda n: (-(G.nodes[n].get("paper_count") or 0),
                                                        str(n))):
                best.setdefault(G.nodes[node]["type"], node)
            choices = tuple(best.values())
            listed = ", ".join(f"{c} ({_papers(G, c)})" for c in choices)
            raise NodeNotFound(f"{name!r} names entities of {len(choices)} types: {listed}; "
                               "give the key (or the type)", choices)
        return min(entities, key=lambda n: (-(G.nodes[n].get("paper_count") or 0), str(n)))
    if matches:
        return min(matches, key=str)
    what = "entity" if type in ENTITY_TYPES else type or "node"
    labels = {str(d.get("label")) for _, d in G.nodes(data=True)
              if d.get("label") and type in (None, d.get("type"))}
    close = difflib.get_close_matches(name, sorted(labels), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise NodeNotFound(f"no {what} named {name!r} (key, label or alias){hint}")
