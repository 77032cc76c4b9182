"""Assemble papers, entities and links into one networkx ``MultiDiGraph``.

Node keys are relative IRIs (``paper/<id>``, ``method/gpt-4``); the RDF writers
resolve them against the base IRI. Every node has ``type`` and ``label``; every
edge is keyed by its relation and carries its ``evidence`` (list of dicts) and
``confidence``.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from kg import __version__
from kg.model import Entity, Link, Paper

__all__ = ["build_graph", "paper_node", "BASE_IRI"]

BASE_IRI = "https://w3id.org/papers-kg/resource/"


def paper_node(paper_id: str) -> str:
    return f"paper/{paper_id}"


def build_graph(
    papers: Iterable[Paper], entities: Iterable[Entity], links: Iterable[Link]
) -> nx.MultiDiGraph:
    """One node per paper and per entity; one edge per (paper, relation, entity).

    Examples
    --------
    >>> from kg.model import Paper, Entity, Link
    >>> G = build_graph([Paper("p1", "T", "A")], [Entity("method/bert", "method", "BERT")],
    ...                 [Link("p1", "usesMethod", "method/bert")])
    >>> sorted(G.nodes), list(G.edges(keys=True))
    (['method/bert', 'paper/p1'], [('paper/p1', 'method/bert', 'usesMethod')])
    """
    G = nx.MultiDiGraph(base_iri=BASE_IRI, kg_version=__version__)
    for paper in papers:
        G.add_node(
            paper_node(paper.id),
            type="paper",
            label=paper.title,
            paper_id=paper.id,
            title=paper.title,
            abstract=paper.abstract,
            date=paper.date,
            arxiv_id=paper.arxiv_id,
            urls=list(paper.urls),
            authors=list(paper.authors),
            sources=[str(s) for s in paper.sources],
        )
    for entity in entities:
        G.add_node(
            entity.id,
            type=entity.type,
            label=entity.label,
            aliases=list(entity.aliases),
            paper_count=entity.paper_count,
            family=entity.family,
        )
    for link in links:
        source = paper_node(link.paper_id)
        if source not in G or link.entity_id not in G:
            raise ValueError(f"link {link.paper_id} -{link.relation}-> {link.entity_id} "
                             "names a node that is not in the graph")
        G.add_edge(
            source,
            link.entity_id,
            key=link.relation,
            relation=link.relation,
            confidence=link.confidence,
            evidence=[e.to_dict() for e in link.evidence],
        )
    return G
