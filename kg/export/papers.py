"""Per-paper records: ``papers.jsonl`` and the ``kg extract --format jsonl`` contract.

One JSON object per paper with ``id``, ``title``, and the canonical labels of
the entities of each relation, under the relation's field in the type table
(:func:`kg.schema.extract_fields`: ``methods``, ``datasets``, ``baselines``,
``modalities``, ``proposed``, ``tasks``, ``metrics``), then ``results``: one
``{"method", "dataset", "metric", "value"}`` per reported result (labels; the
paper's own system is its proposed name, or ``(ours)`` when it has none or the
result is the paper's own variant of another model; ``""`` when no dataset is
named) — the shape ``shared/eval/score.py`` scores. The full records
(``papers.jsonl``) add the paper's metadata, the evidence of every link and,
per result, ``number``, ``unit``, ``own`` and ``evidence``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import networkx as nx

from kg.model import OWN
from kg.schema import PAPER, PROPOSES, extract_fields


def result_record(G: nx.MultiDiGraph, result: dict, proposed: set, *,
                  evidence: bool = False) -> dict:
    """A paper node's result as ``kg extract`` prints it (labels, not node keys)."""
    method = result.get("method")
    if method is None or result.get("own") and method not in proposed:
        label = OWN  # the paper's own system: unnamed, or its own variant of another model
    else:
        label = G.nodes[method]["label"]
    record = {"method": label,
              "dataset": G.nodes[result["dataset"]]["label"] if result.get("dataset") else "",
              "metric": G.nodes[result["metric"]]["label"], "value": result["value"]}
    if evidence:
        record.update(number=result.get("number"), unit=result.get("unit"),
                      own=bool(result.get("own")), evidence=result.get("evidence"))
    return record


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
        proposed = {target for _, target, key, _ in edges if key == PROPOSES}
        record["results"] = [result_record(G, r, proposed, evidence=evidence)
                             for r in data.get("results") or ()]
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
