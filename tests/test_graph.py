from __future__ import annotations

import pytest

import kg
from kg.export.graphjson import generate_graph_json, parse_graph_json, write_graph_json
from kg.graph import build_graph
from kg.model import Entity, Evidence, Link, Paper, Source


def small_graph():
    evidence = Evidence("abstract", 10, 15, "GPT-4", "We compare with GPT-4.", "lexicon", 0.9)
    papers = [Paper("p1", "Tiny: A Model", "We compare with GPT-4.", date="--03-18",
                    sources=(Source("a.txt", 3),))]
    entities = [Entity("method/gpt-4", "method", "GPT-4", ("GPT4",), 1),
                Entity("modality/text", "modality", "text", (), 1)]
    links = [Link("p1", "usesMethod", "method/gpt-4", (evidence,)),
             Link("p1", "comparesWith", "method/gpt-4", (evidence,)),
             Link("p1", "hasModality", "modality/text", (evidence,))]
    return build_graph(papers, entities, links)


def test_build_graph_types_and_edges():
    G = small_graph()
    assert G.nodes["paper/p1"]["type"] == "paper"
    assert G.nodes["paper/p1"]["sources"] == ["a.txt:3"]
    assert G.nodes["method/gpt-4"]["aliases"] == ["GPT4"]
    assert sorted(k for _, _, k in G.edges(keys=True)) == ["comparesWith", "hasModality",
                                                           "usesMethod"]
    edge = G.edges["paper/p1", "method/gpt-4", "comparesWith"]
    assert edge["confidence"] == 0.9
    assert edge["evidence"][0]["sentence"] == "We compare with GPT-4."


def test_link_to_unknown_node_is_refused():
    with pytest.raises(ValueError, match="not in the graph"):
        build_graph([Paper("p1", "T", "A")], [], [Link("p1", "usesMethod", "method/x")])


def test_graph_json_is_lossless(tmp_path):
    G = small_graph()
    write_graph_json(G, tmp_path / "graph.json")
    H = kg.load(tmp_path)
    assert H.graph == G.graph
    assert list(H.nodes(data=True)) == list(G.nodes(data=True))
    assert list(H.edges(keys=True, data=True)) == list(G.edges(keys=True, data=True))
    assert generate_graph_json(parse_graph_json(generate_graph_json(G))) == generate_graph_json(G)


def test_results_sit_on_their_paper_and_name_graph_nodes():
    from kg.model import Evidence, Result

    ev = Evidence("abstract", 0, 3, "7.9", "7.9 FID.", "result:value-metric", 0.75)
    papers = [Paper("p1", "T", "7.9 FID.")]
    entities = [Entity("metric/fid", "metric", "FID", direction="lower")]
    G = build_graph(papers, entities, [], [Result("p1", "metric/fid", "7.9", 7.9, ev)])
    assert G.nodes["paper/p1"]["results"] == [
        {"method": None, "own": False, "dataset": None, "metric": "metric/fid", "value": "7.9",
         "number": 7.9, "unit": None, "evidence": ev.to_dict()}]
    assert G.nodes["metric/fid"]["direction"] == "lower"
    with pytest.raises(ValueError, match="not in the graph"):
        build_graph(papers, entities, [], [Result("p1", "metric/bleu", "1", 1.0, ev)])


def test_edges_are_those_add_edge_makes_in_both_directions():
    import networkx as nx

    from kg.model import Entity, Evidence, Link, Paper

    ev = [Evidence("abstract", i, i + 4, "BERT", f"s{i}", "lexicon", 0.5 + i / 10)
          for i in range(3)]
    papers = [Paper("p1", "T1", "A1"), Paper("p2", "T2", "A2")]
    entities = [Entity("method/bert", "method", "BERT"), Entity("dataset/squad", "dataset",
                                                                "SQuAD")]
    links = [Link("p1", "usesMethod", "method/bert", (ev[0], ev[2])),
             Link("p1", "comparesWith", "method/bert", (ev[1],)),
             Link("p2", "usesDataset", "dataset/squad", ()),
             Link("p2", "usesMethod", "method/bert", (ev[1],)),
             Link("p2", "usesMethod", "method/bert", (ev[2],))]  # the same edge again
    G = build_graph(papers, entities, links)
    reference = nx.MultiDiGraph()
    reference.add_nodes_from(G.nodes(data=True))
    for link in links:
        reference.add_edge(f"paper/{link.paper_id}", link.entity_id, key=link.relation,
                           relation=link.relation, confidence=link.confidence,
                           evidence=[e.to_dict() for e in link.evidence])
    assert list(G.edges(keys=True, data=True)) == list(reference.edges(keys=True, data=True))
    assert list(G.in_edges("method/bert", keys=True, data=True)) == list(
        reference.in_edges("method/bert", keys=True, data=True))
    assert G._succ["paper/p1"]["method/bert"] is G._pred["method/bert"]["paper/p1"]
    # each evidence dict with the keys of to_dict, in its order (the JSON outputs keep it)
    assert [[list(e.items()) for e in d] for *_, d in G.edges(data="evidence")][0] == [
        list(ev[0].to_dict().items()), list(ev[2].to_dict().items())]
    assert G.edges["paper/p1", "method/bert", "usesMethod"]["confidence"] == 0.7
