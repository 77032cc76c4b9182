"""Per-paper records: ``papers.jsonl`` and the ``kg extract --format jsonl`` contract.

One JSON object per paper with ``id``, ``title``, and the canonical labels of
the entities of each relation, under the relation's field in the type table
(:func:`kg.schema.extract_fields`: ``methods``, ``datasets``, ``baselines``,
``modalities``, ``proposed``, ``tasks``, ``metrics``). The full records
(``papers.jsonl``) add the paper's metadata and the evidence of every link.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import networkx as nx

from kg.schema import PAPER, extract_fields


def paper_records(G: nx.MultiDiGraph, *, evidence: bool = False) -> Iterator[dict]:
    """One record per paper node, in graph order."""
    for node, data in G.nodes(data=True):
        if data.get("type") != PAPER.name:
            continue
        record = {"id": data["paper_id"], "title": data["title"]}
        edges = list(G.out_edges(node, keys=True, data=True))
        for field, relation in extract_fields().items():
            record[field] = [G.nodes[target]["label"] for _, target, key, _ in edges
                             if key == relation]
        if evidence:
            for key in ("date", "arxiv_id", "urls", "sources"):
                record[key] = data.get(key)
            record["links"] = [
                {"relation": key, "entity": target, "label": G.nodes[target]["label"],
                 "confidence": attrs.get("confidence"), "evidence": attrs.get("evidence", [])}
                for _, target, key, attrs in edges
            ]
        yield record


def generate_papers_jsonl(G: nx.MultiDiGraph, *, evidence: bool = True) -> Iterator[str]:
    for record in paper_records(G, evidence=evidence):
        yield json.dumps(record, ensure_ascii=False) + "\n"


def write_papers_jsonl(G: nx.MultiDiGraph, path, **_options) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.writelines(generate_papers_jsonl(G))
