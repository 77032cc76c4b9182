"""Per-paper records: ``papers.jsonl`` and the ``kg extract --format jsonl`` contract.

One JSON object per paper with ``id``, ``title``, and the canonical labels of
its ``methods``, ``datasets``, ``baselines``, ``modalities`` and ``proposed``
entities. The full records (``papers.jsonl``) add the paper's metadata and the
evidence of every link.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import networkx as nx

from kg.model import COMPARES_WITH, HAS_MODALITY, PROPOSES, USES_DATASET, USES_METHOD

FIELDS = {
    "methods": USES_METHOD,
    "datasets": USES_DATASET,
    "baselines": COMPARES_WITH,
    "modalities": HAS_MODALITY,
    "proposed": PROPOSES,
}


def paper_records(G: nx.MultiDiGraph, *, evidence: bool = False) -> Iterator[dict]:
    """One record per paper node, in graph order."""
    for node, data in G.nodes(data=True):
        if data.get("type") != "paper":
            continue
        record = {"id": data["paper_id"], "title": data["title"]}
        edges = list(G.out_edges(node, keys=True, data=True))
        for field, relation in FIELDS.items():
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


def write_papers_jsonl(G: nx.MultiDiGraph, path) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.writelines(generate_papers_jsonl(G))
