"""pandas DataFrames of the papers, entities and links of a built graph.

``kg.papers_frame``, ``kg.entities_frame`` and ``kg.links_frame`` are these
functions; pandas comes with the ``analysis`` extra. Each takes the graph
(``kg.load("out")``) or the build directory itself.

Examples
--------
>>> from kg.analysis import tiny_graph
>>> G = tiny_graph()
>>> papers_frame(G).loc["paper/p2", ["date", "methods", "baselines"]].tolist()
['--03-18', ['BERT', 'Beta', 'GPT-4'], ['BERT', 'GPT-4']]
>>> entities_frame(G, type="dataset")[["label", "papers"]].values.tolist()
[['SQuAD', 2], ['ImageNet', 1], ['MMLU', 1]]
>>> len(links_frame(G)), links_frame(G, relation="comparesWith").entity_label.tolist()
(20, ['BERT', 'BERT', 'GPT-4'])
>>> results_frame(G)[["method_label", "dataset_label", "metric_label", "number"]].values.tolist()
[['Alpha', 'SQuAD', 'F1', 88.5], ['BERT', 'SQuAD', 'F1', 84.0], ['Beta', 'SQuAD', 'F1', 90.1]]
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from kg.errors import KgError
from kg.schema import ENTITY_TYPES, PAPER, RELATIONS, extract_fields

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["papers_frame", "entities_frame", "links_frame", "results_frame", "load_graph"]

def load_graph(source: nx.MultiDiGraph | str | Path) -> nx.MultiDiGraph:
    """The graph itself, or the graph ``kg build`` wrote into a directory (or ``graph.json``).

    Raises ``KgError`` with a one-line hint when there is no graph file.
    """
    if isinstance(source, nx.Graph):
        return source
    from kg.export.graphjson import read_graph

    return read_graph(source)


def _pandas():
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - depends on the installation
        raise KgError("DataFrames need pandas: pip install 'papers-kg[analysis]'"
                      " (in a checkout: pip install -e '.[analysis]', as make demo does)") from None
    return pd


def _by_label(G: nx.MultiDiGraph, nodes) -> list[str]:
    """Labels ordered by how many papers use the entity, then alphabetically."""
    return [G.nodes[n]["label"] for n in sorted(
        nodes, key=lambda n: (-len(set(G.predecessors(n))), G.nodes[n]["label"].casefold(), n))]


def papers_frame(G: nx.MultiDiGraph | str | Path) -> pd.DataFrame:
    """One row per paper, indexed by node key.

    Columns: ``paper_id``, ``title``, ``date`` (as written: ``"YYYY-MM-DD"``,
    ``"--MM-DD"`` or ``None``), ``arxiv_id``, ``authors``, ``sources``, then
    the labels each relation links to, under the relation's ``kg extract`` field
    (``methods``, ``datasets``, ``baselines``, ``modalities``, ``proposed``,
    ``tasks``, ``metrics``: lists) — and ``entities`` (how many distinct
    entities the paper links to).
    """
    pd = _pandas()
    G = load_graph(G)
    rows, index = [], []
    columns_of = extract_fields()
    for node, data in G.nodes(data=True):
        if data.get("type") != PAPER.name:
            continue
        targets = {relation: set() for relation in RELATIONS}
        for _, target, key in G.out_edges(node, keys=True):
            targets.setdefault(key, set()).add(target)
        row = {name: data.get(name) for name in ("paper_id", "title", "date", "arxiv_id")}
        row["authors"] = list(data.get("authors") or ())
        row["sources"] = list(data.get("sources") or ())
        for column, relation in columns_of.items():
            row[column] = _by_label(G, targets[relation])
        row["entities"] = len(set().union(*targets.values()))
        rows.append(row)
        index.append(node)
    columns = ["paper_id", "title", "date", "arxiv_id", "authors", "sources",
               *columns_of, "entities"]
    return pd.DataFrame(rows, index=pd.Index(index, name="node"), columns=columns)


def entities_frame(G: nx.MultiDiGraph | str | Path, type: str | None = None) -> pd.DataFrame:
    """One row per entity (or per entity of ``type``), most papers first.

    Columns: ``node``, ``type``, ``label``, ``aliases``, ``family``, ``papers``
    (distinct papers linking to it, counted in the graph) and one column per
    relation of the type table with its number of links (``usesMethod`` …).
    """
    pd = _pandas()
    G = load_graph(G)
    if type is not None and type not in ENTITY_TYPES:
        raise KgError(f"unknown entity type {type!r}; known: {', '.join(ENTITY_TYPES)}")
    rows = []
    for node, data in G.nodes(data=True):
        if data.get("type") not in ENTITY_TYPES or (type and data["type"] != type):
            continue
        edges = list(G.in_edges(node, keys=True))
        relations = Counter(key for _, _, key in edges)
        rows.append({
            "node": node, "type": data["type"], "label": data["label"],
            "aliases": list(data.get("aliases") or ()), "family": bool(data.get("family")),
            "papers": len({source for source, _, _ in edges}),
            **{relation: relations[relation] for relation in RELATIONS},
        })
    rows.sort(key=lambda r: (-r["papers"], r["label"].casefold(), r["node"]))
    columns = ["node", "type", "label", "aliases", "family", "papers", *RELATIONS]
    return pd.DataFrame(rows, columns=columns)


def links_frame(G: nx.MultiDiGraph | str | Path, relation: str | None = None) -> pd.DataFrame:
    """One row per link (paper → entity, keyed by relation), or only links of ``relation``.

    Columns: ``paper``, ``paper_title``, ``relation``, ``entity``,
    ``entity_label``, ``entity_type``, ``confidence``, ``evidence`` (how many
    pieces of evidence), ``rule`` and ``sentence`` (of the most confident one).
    """
    pd = _pandas()
    G = load_graph(G)
    if relation is not None and relation not in RELATIONS:
        raise KgError(f"unknown relation {relation!r}; known: {', '.join(RELATIONS)}")
    rows = []
    for source, target, key, data in G.edges(keys=True, data=True):
        if relation and key != relation:
            continue
        evidence = list(data.get("evidence") or ())
        best = max(evidence, key=lambda e: e.get("confidence", 0.0), default={})
        rows.append({
            "paper": source, "paper_title": G.nodes[source].get("title"), "relation": key,
            "entity": target, "entity_label": G.nodes[target].get("label"),
            "entity_type": G.nodes[target].get("type"),
            "confidence": float(data.get("confidence", 0.0)), "evidence": len(evidence),
            "rule": best.get("rule"), "sentence": best.get("sentence"),
        })
    columns = ["paper", "paper_title", "relation", "entity", "entity_label", "entity_type",
               "confidence", "evidence", "rule", "sentence"]
    return pd.DataFrame(rows, columns=columns)


RESULT_COLUMNS = ["paper", "title", "method", "method_label", "own", "dataset", "dataset_label",
                  "metric", "metric_label", "direction", "value", "number", "unit", "rule",
                  "confidence", "sentence"]


def results_frame(G: nx.MultiDiGraph | str | Path) -> pd.DataFrame:
    """One row per reported result (the ``results`` of every paper node), in paper order.

    Columns: ``paper``, ``title``, ``method`` (node key, ``None`` for the paper's
    own unnamed system) and ``method_label`` (``"(ours)"`` then), ``own``,
    ``dataset`` / ``dataset_label`` (``None`` / ``""`` when none is named),
    ``metric`` / ``metric_label``, ``direction`` (the metric's: ``"higher"``,
    ``"lower"`` or ``None``), ``value`` (as written), ``number``, ``unit``, and
    the evidence's ``rule``, ``confidence`` and ``sentence``.
    """
    from kg.model import OWN

    pd = _pandas()
    G = load_graph(G)
    rows = []
    for node, data in G.nodes(data=True):
        if data.get("type") != PAPER.name:
            continue
        for result in data.get("results") or ():
            method, dataset, metric = (result.get(k) for k in ("method", "dataset", "metric"))
            evidence = result.get("evidence") or {}
            rows.append({
                "paper": node, "title": data.get("title"), "method": method,
                "method_label": G.nodes[method]["label"] if method else OWN,
                "own": bool(result.get("own")), "dataset": dataset,
                "dataset_label": G.nodes[dataset]["label"] if dataset else "",
                "metric": metric, "metric_label": G.nodes[metric]["label"],
                "direction": G.nodes[metric].get("direction"), "value": result.get("value"),
                "number": float(result["number"]), "unit": result.get("unit"),
                "rule": evidence.get("rule"), "confidence": evidence.get("confidence"),
                "sentence": evidence.get("sentence"),
            })
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)
