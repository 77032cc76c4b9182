"""kg.export.blocks: every block writer's file is the same bytes as writing it in one go,
and a rewrite copies exactly the blocks of unchanged nodes."""

from __future__ import annotations

import json

import networkx as nx
import pyoxigraph as ox
import pytest

from kg.export.blocks import join_layout, node_digests, write_layout
from kg.export.graphjson import graph_json_layout
from kg.export.jsonld import jsonld_layout
from kg.export.papers import generate_papers_jsonl, papers_layout
from kg.export.rdf import generate_triples, ntriples_layout, prefixes_for, turtle_layout
from tests.rdf_sample import sample_graph

LAYOUTS = {"nt": ntriples_layout, "ttl": turtle_layout, "jsonld": jsonld_layout,
           "papers": papers_layout, "graph-json": graph_json_layout}


def _graph(same_as: bool = False):
    G = sample_graph()
    if same_as:
        G.graph["same_as"] = {"method/stable-diffusion-xl": "method/sdxl",
                              "paper/old-p4": "paper/p4"}
    return G


@pytest.mark.parametrize("same_as", [False, True])
def test_blocks_join_to_the_one_piece_serialisations(same_as):
    G = _graph(same_as)
    triples = list(generate_triples(G))
    assert join_layout(ntriples_layout(G)) == ox.serialize(triples,
                                                           format=ox.RdfFormat.N_TRIPLES)
    assert join_layout(turtle_layout(G)) == ox.serialize(triples, format=ox.RdfFormat.TURTLE,
                                                         prefixes=prefixes_for(G))
    text = join_layout(graph_json_layout(G)).decode("utf-8")
    assert text == json.dumps(nx.node_link_data(G, edges="edges"), ensure_ascii=False,
                              sort_keys=True) + "\n"
    assert join_layout(papers_layout(G)).decode("utf-8") == "".join(generate_papers_jsonl(G))
    document = json.loads(join_layout(jsonld_layout(G)))
    assert len(document["@graph"]) == len({t.subject for t in triples})
    if same_as:
        kept = [n for n in document["@graph"] if n["id"] == "res:method/stable-diffusion-xl"]
        assert kept == [{"id": "res:method/stable-diffusion-xl", "sameAs": "res:method/sdxl"}]


def test_an_empty_graph_has_valid_files(tmp_path):
    G = nx.MultiDiGraph(base_iri="https://w3id.org/papers-kg/resource/",
                        extractor_version="kg-extract/test")
    assert json.loads(join_layout(graph_json_layout(G)))["nodes"] == []
    assert json.loads(join_layout(jsonld_layout(G)))["@graph"][0]["type"] == "Extractor"
    assert join_layout(papers_layout(G)) == b""


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_a_rewrite_copies_unchanged_blocks_and_gives_the_same_bytes(name, tmp_path):
    G = _graph()
    layout = LAYOUTS[name]
    first = write_layout(layout(G), tmp_path / "old", node_digests(G))
    # one paper gains a link, one entity is relabelled: only their blocks are made again
    H = _graph()
    H.add_edge("paper/p4", "dataset/coco", key="usesDataset", relation="usesDataset",
               confidence=0.9, evidence=[])
    H.nodes["method/clip"]["label"] = "CLIP (OpenAI)"
    second = write_layout(layout(H), tmp_path / "new", node_digests(H), first, tmp_path / "old")
    assert (tmp_path / "new").read_bytes() == join_layout(layout(H))
    changed = {"paper/p4", "method/clip", "paper/p3"}  # p3 links to CLIP: its label shows
    blocks = sum(len(section) for section in second.sections)
    assert second.made <= len(changed) * len(second.sections)
    assert second.reused >= blocks - len(changed) * len(second.sections) > 0
    # a different context (another writer version, base IRI...) reuses nothing
    first.context = "other"
    third = write_layout(layout(H), tmp_path / "third", node_digests(H), first, tmp_path / "old")
    assert third.reused == 0 and (tmp_path / "third").read_bytes() == join_layout(layout(H))
