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

from kg.export.blocks import Layout, Reuse, Section, layout_context, write_layout
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


def paper_record(G: nx.MultiDiGraph, node: str, *, evidence: bool = False) -> dict:
    """The record of one paper node."""
    nodes = G._node  # the graph's own dicts: G.nodes and G.out_edges, without the views
    data = nodes[node]
    record = {"id": data["paper_id"], "title": data["title"]}
    edges = [(node, target, key, attrs) for target, keyed in G._succ[node].items()
             for key, attrs in keyed.items()]
    for field, relation in extract_fields().items():
        record[field] = [nodes[target]["label"] for _, target, key, _ in edges
                         if key == relation]
    proposed = {target for _, target, key, _ in edges if key == PROPOSES}
    record["results"] = [result_record(G, r, proposed, evidence=evidence)
                         for r in data.get("results") or ()]
    if evidence:
        for key in ("date", "arxiv_id", "urls", "sources"):
            record[key] = data.get(key)
        record["links"] = [
            {"relation": key, "entity": target, "label": nodes[target]["label"],
             "confidence": attrs.get("confidence"), "evidence": attrs.get("evidence", [])}
            for _, target, key, attrs in edges
        ]
    return record


def paper_nodes(G: nx.MultiDiGraph) -> list[str]:
    """The paper nodes, in graph order."""
    return [node for node, kind in G.nodes(data="type") if kind == PAPER.name]


def paper_records(G: nx.MultiDiGraph, *, evidence: bool = False) -> Iterator[dict]:
    """One record per paper node, in graph order."""
    for node in paper_nodes(G):
        yield paper_record(G, node, evidence=evidence)


def generate_papers_jsonl(G: nx.MultiDiGraph, *, evidence: bool = True) -> Iterator[str]:
    for record in paper_records(G, evidence=evidence):
        yield json.dumps(record, ensure_ascii=False) + "\n"


def papers_layout(G: nx.MultiDiGraph) -> Layout:
    """``papers.jsonl`` as blocks (:mod:`kg.export.blocks`): one line per paper."""
    def line(node: str) -> bytes:
        return (json.dumps(paper_record(G, node, evidence=True), ensure_ascii=False)
                + "\n").encode("utf-8")

    return Layout([Section(b"", paper_nodes(G), line)], b"",
                  layout_context("papers", "export/papers.py", "schema.py"))


def write_papers_jsonl(G: nx.MultiDiGraph, path, *, blocks: Reuse | None = None,
                       **_options) -> None:
    """Write ``papers.jsonl``; with ``blocks``, the lines of unchanged papers are copied
    from the previous build's file."""
    write_layout(papers_layout(G), path, blocks)
