"""Assemble papers, entities, links and results into one networkx ``MultiDiGraph``.

Node keys are relative IRIs (``paper/<id>``, ``method/gpt-4``); the RDF writers
resolve them against the base IRI. Every node has ``type`` and ``label``; every
edge is keyed by its relation and carries its ``evidence`` (list of dicts) and
``confidence``. Every paper node has a ``results`` list: one dict per reported
result (:meth:`kg.model.Result.to_dict`: ``method``, ``dataset`` and ``metric``
node keys — ``method`` None for the paper's own unnamed system, ``dataset`` None
when none is named —, ``own``, ``value`` as written, ``number``, ``unit`` and
``evidence``). Metric nodes carry ``direction`` ("higher"/"lower" is better, or
None) and ``unit``. The graph records the base IRI and the extractor version that
produced its links (``G.graph["extractor_version"]``), which the exports repeat.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from kg import __version__
from kg.model import Entity, Evidence, Link, Paper, Result
from kg.schema import BASE_IRI, ENTITY_TYPES, PAPER

__all__ = ["build_graph", "paper_node", "BASE_IRI"]


def paper_node(paper_id: str) -> str:
    return f"paper/{paper_id}"


def _evidence_dict(evidence: Evidence) -> dict:
    """:meth:`Evidence.to_dict`: a copy of the record's own dict, whose keys are its fields
    in order (what to_dict spells out), while the class has no slots and those fields."""
    return evidence.__dict__.copy()


if hasattr(Evidence, "__slots__") or tuple(Evidence.__dataclass_fields__) != tuple(
        Evidence("title", 0, 0, "", "", "", 0.0).to_dict()):
    _evidence_dict = Evidence.to_dict  # noqa: F811 - the record changed: its own method


def build_graph(
    papers: Iterable[Paper], entities: Iterable[Entity], links: Iterable[Link],
    results: Iterable[Result] = (), *, extractor_version: str | None = None,
) -> nx.MultiDiGraph:
    """One node per paper and per entity; one edge per (paper, relation, entity).

    ``extractor_version`` names the extractor that found the links (the exports
    attribute every piece of evidence to it); ``None`` records nothing.

    Examples
    --------
    >>> from kg.model import Paper, Entity, Link
    >>> G = build_graph([Paper("p1", "T", "A")], [Entity("method/bert", "method", "BERT")],
    ...                 [Link("p1", "usesMethod", "method/bert")])
    >>> sorted(G.nodes), list(G.edges(keys=True))
    (['method/bert', 'paper/p1'], [('paper/p1', 'method/bert', 'usesMethod')])
    """
    G = nx.MultiDiGraph(base_iri=BASE_IRI, kg_version=__version__)
    if extractor_version:
        G.graph["extractor_version"] = extractor_version
    for paper in papers:
        G.add_node(
            paper_node(paper.id),
            type=PAPER.name,
            label=paper.title,
            paper_id=paper.id,
            title=paper.title,
            abstract=paper.abstract,
            date=paper.date,
            arxiv_id=paper.arxiv_id,
            urls=list(paper.urls),
            authors=list(paper.authors),
            sources=[str(s) for s in paper.sources],
            results=[],
        )
    for entity in entities:
        if entity.type not in ENTITY_TYPES:
            raise ValueError(f"entity {entity.id!r} has type {entity.type!r}; "
                             f"known: {', '.join(ENTITY_TYPES)}")
        G.add_node(
            entity.id,
            type=entity.type,
            label=entity.label,
            aliases=list(entity.aliases),
            paper_count=entity.paper_count,
            family=entity.family,
        )
        if entity.type == "metric":
            G.nodes[entity.id].update(direction=entity.direction, unit=entity.unit)
    # The edges straight into the graph's own dicts, as MultiDiGraph.add_edge puts them
    # (the out- and in-adjacency share each key dict): a large build makes some 100,000
    # links, and add_edge's checks and keyword dicts cost more than the edges.
    succ, pred = G._succ, G._pred
    for link in links:
        source, target, relation = paper_node(link.paper_id), link.entity_id, link.relation
        if source not in succ or target not in succ:
            raise ValueError(f"link {link.paper_id} -{relation}-> {target} "
                             "names a node that is not in the graph")
        evidence = link.evidence
        attrs = {"relation": relation,
                 "confidence": evidence[0].confidence if len(evidence) == 1
                 else link.confidence,
                 "evidence": [_evidence_dict(e) for e in evidence]}
        keyed = succ[source].get(target)
        if keyed is None:
            succ[source][target] = pred[target][source] = {relation: attrs}
        elif relation in keyed:
            keyed[relation].update(attrs)
        else:
            keyed[relation] = attrs
    _clear_cache = getattr(nx, "_clear_cache", None)
    if _clear_cache is not None:
        _clear_cache(G)
    for result in results:
        source = paper_node(result.paper_id)
        for node in (source, result.metric_id, result.method_id, result.dataset_id):
            if node is not None and node not in G:
                raise ValueError(f"result of {result.paper_id} names {node!r}, which is not "
                                 "in the graph")
        G.nodes[source]["results"].append(result.to_dict())
    return G
