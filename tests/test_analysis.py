"""kg.analysis on small graphs built here, with values worked out by hand."""

from __future__ import annotations

import doctest

import networkx as nx
import pytest

import kg.analysis as A
from kg.errors import KgError
from kg.graph import build_graph
from kg.model import Entity, Evidence, Link, Paper

pytest.importorskip("pandas")

_RELATION = {"method": "usesMethod", "dataset": "usesDataset", "modality": "hasModality"}
_EVIDENCE = (Evidence("abstract", 0, 3, "xyz", "A made-up sentence.", "lexicon", 0.9),)


def make_graph(papers: dict[str, dict], labels: dict[str, str],
               aliases: dict[str, tuple[str, ...]] | None = None) -> nx.MultiDiGraph:
    """papers: id -> {"date": ..., "uses": [...], "proposes": [...], "compares": [...]}."""
    links = []
    for pid, spec in papers.items():
        for entity in spec.get("uses", ()):
            links.append(Link(pid, _RELATION[entity.split("/")[0]], entity, _EVIDENCE))
        links += [Link(pid, "proposes", e, _EVIDENCE) for e in spec.get("proposes", ())]
        links += [Link(pid, "comparesWith", e, _EVIDENCE) for e in spec.get("compares", ())]
    entities = [Entity(node, node.split("/")[0], label, aliases=(aliases or {}).get(node, ()))
                for node, label in labels.items()]
    return build_graph(
        [Paper(pid, f"Title {pid}", "An abstract.", date=spec.get("date"))
         for pid, spec in papers.items()],
        entities, links)


LABELS = {
    "method/alpha": "Alpha", "method/bert": "BERT", "method/gpt-4": "GPT-4",
    "method/delta": "Delta", "dataset/squad": "SQuAD", "dataset/mmlu": "MMLU",
    "dataset/imagenet": "ImageNet", "modality/text": "text", "modality/image": "image",
}


def small_graph() -> nx.MultiDiGraph:
    """Four papers; ``d`` links to nothing. Entities per paper:

    a (--03-18):    Alpha (proposed), BERT, GPT-4 (both baselines), SQuAD, MMLU, text
    b (2024-03-18): Delta (proposed), BERT (baseline), SQuAD, text, image
    c (no date):    GPT-4, ImageNet, image
    d (2024-03-19): nothing
    """
    return make_graph({
        "a": {"date": "--03-18", "proposes": ["method/alpha"],
              "compares": ["method/bert", "method/gpt-4"],
              "uses": ["method/alpha", "method/bert", "method/gpt-4", "dataset/squad",
                       "dataset/mmlu", "modality/text"]},
        "b": {"date": "2024-03-18", "proposes": ["method/delta"], "compares": ["method/bert"],
              "uses": ["method/delta", "method/bert", "dataset/squad", "modality/text",
                       "modality/image"]},
        "c": {"date": None, "uses": ["method/gpt-4", "dataset/imagenet", "modality/image"]},
        "d": {"date": "2024-03-19"},
    }, LABELS, aliases={"method/bert": ("Bidirectional Encoder Representations",)})


@pytest.fixture
def G():
    return small_graph()


def test_docstring_examples_run():
    result = doctest.testmod(A, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 15
    assert result.failed == 0


def test_every_public_name_exists_and_is_documented():
    for name in A.__all__:
        obj = getattr(A, name)
        if callable(obj):
            assert obj.__doc__ and "Examples" in obj.__doc__, name


def test_find_entity_by_key_label_and_alias(G):
    assert A.find_entity(G, "method/bert") == "method/bert"
    assert A.find_entity(G, "squad") == "dataset/squad"
    assert A.find_entity(G, "bidirectional encoder representations") == "method/bert"
    with pytest.raises(KgError, match="no entity named 'Zeta'"):
        A.find_entity(G, "Zeta")
    with pytest.raises(KgError, match="no entity named 'method/bert'"):
        A.find_entity(G, "method/bert", type="dataset")


def test_find_entity_ambiguous_name_needs_a_type():
    G = make_graph({"p": {"uses": ["method/x", "dataset/x"]}},
                   {"method/x": "X", "dataset/x": "X"})
    with pytest.raises(KgError, match=r"names entities of 2 types: dataset/x .*method/x"):
        A.find_entity(G, "X")
    assert A.find_entity(G, "X", type="dataset") == "dataset/x"


def test_find_paper(G):
    assert A.find_paper(G, "paper/b") == "paper/b"
    assert A.find_paper(G, "c") == "paper/c"
    with pytest.raises(KgError, match="no paper named 'zz'"):
        A.find_paper(G, "zz")


def test_entity_papers(G):
    assert A.entity_papers(G, "method/gpt-4") == {"paper/a", "paper/c"}
    assert A.entity_papers(G, "method/bert", relations=["comparesWith"]) == {"paper/a", "paper/b"}
    assert A.entity_papers(G, "method/gpt-4", relations=["proposes"]) == set()


def test_cooccurrence_graph(G):
    C = A.cooccurrence_graph(G)
    assert C.number_of_nodes() == 9
    assert C["method/bert"]["dataset/squad"]["weight"] == 2  # papers a and b
    assert C["method/gpt-4"]["dataset/imagenet"]["weight"] == 1  # paper c
    assert not C.has_edge("method/delta", "dataset/mmlu")
    assert C.nodes["modality/image"]["papers"] == 2
    only = A.cooccurrence_graph(G, types=["dataset"])
    assert sorted(only.edges) == [("dataset/mmlu", "dataset/squad")]
    with pytest.raises(KgError, match="unknown entity type"):
        A.cooccurrence_graph(G, types=["author"])


def test_top_entities_by_papers(G):
    top = A.top_entities(G, "method")
    assert top[["label", "papers"]].values.tolist() == [
        ["BERT", 2], ["GPT-4", 2], ["Alpha", 1], ["Delta", 1]]
    assert (top["score"] == top["papers"]).all()
    assert A.top_entities(G, "dataset", n=1).label.tolist() == ["SQuAD"]


def test_top_entities_by_papers_with_relations(G):
    top = A.top_entities(G, "method", relations=["comparesWith"], n=2)
    assert top[["label", "papers"]].values.tolist() == [["BERT", 2], ["GPT-4", 1]]


def test_top_entities_by_degree_centrality(G):
    # 9 entities; BERT and GPT-4 each co-occur with 7 others, Alpha 5, Delta 4.
    top = A.top_entities(G, "method", by="degree")
    assert top.label.tolist() == ["BERT", "GPT-4", "Alpha", "Delta"]
    assert top.score.tolist() == pytest.approx([7 / 8, 7 / 8, 5 / 8, 4 / 8])


def test_top_entities_by_betweenness(G):
    # ImageNet hangs only off GPT-4 and image, so GPT-4 lies on paths other methods do not.
    top = A.top_entities(G, "method", by="betweenness")
    assert top.label.tolist()[0] == "GPT-4"
    assert top.score[0] > top.score[1] >= 0


def test_top_entities_rejects_unknown_ranking(G):
    with pytest.raises(KgError, match="unknown ranking 'pagerank'"):
        A.top_entities(G, by="pagerank")


def test_co_usage_matrix(G):
    M = A.co_usage_matrix(G)
    assert list(M.index) == ["BERT", "GPT-4", "Alpha", "Delta"]
    assert list(M.columns) == ["SQuAD", "ImageNet", "MMLU"]
    assert M.values.tolist() == [[2, 0, 1], [1, 1, 1], [1, 0, 1], [1, 0, 0]]
    small = A.co_usage_matrix(G, top_rows=2, top_columns=1)
    assert small.shape == (2, 1) and small.values.tolist() == [[2], [1]]


def test_co_usage_matrix_disambiguates_equal_labels():
    G = make_graph({"p": {"uses": ["method/a", "method/b", "dataset/d"]}},
                   {"method/a": "Same", "method/b": "Same", "dataset/d": "D"})
    assert sorted(A.co_usage_matrix(G).index) == ["Same (method/a)", "Same (method/b)"]


def test_baseline_graph(G):
    B = A.baseline_graph(G)
    assert sorted(B.edges) == [("method/alpha", "method/bert"), ("method/alpha", "method/gpt-4"),
                               ("method/delta", "method/bert")]
    assert B["method/delta"]["method/bert"] == {"weight": 1, "papers": ["paper/b"]}
    assert B.nodes["method/bert"]["label"] == "BERT"


def test_baseline_graph_counts_papers_per_pair():
    G = make_graph({
        "p": {"proposes": ["method/x"], "compares": ["method/y"]},
        "q": {"proposes": ["method/x"], "compares": ["method/y"]},
        "r": {"compares": ["method/y"]},  # proposes nothing: no edge, still compared
    }, {"method/x": "X", "method/y": "Y"})
    B = A.baseline_graph(G)
    assert B["method/x"]["method/y"]["weight"] == 2
    assert A.most_compared(G).papers.tolist() == [3]


def test_most_compared(G):
    table = A.most_compared(G)
    assert table[["label", "papers", "compared_by"]].values.tolist() == [
        ["BERT", 2, ["Alpha", "Delta"]], ["GPT-4", 1, ["Alpha"]]]
    assert len(A.most_compared(G, n=1)) == 1


def test_entity_communities_split_disconnected_groups():
    G = make_graph({
        "p": {"uses": ["method/a", "method/b", "dataset/d1"]},
        "q": {"uses": ["method/a", "dataset/d1"]},
        "r": {"uses": ["method/z", "dataset/d9"]},
    }, {"method/a": "A", "method/b": "B", "dataset/d1": "D1", "method/z": "Z",
        "dataset/d9": "D9"})
    C = A.entity_communities(G, label_size=2)
    assert C[["community", "label", "size", "papers"]].values.tolist() == [
        [0, "A / D1", 3, 2], [1, "D9 / Z", 2, 1]]
    assert C.members[0] == ["A", "D1", "B"]
    assert C.nodes[1] == ["dataset/d9", "method/z"]


def test_entity_communities_are_deterministic_and_cover_every_entity(G):
    first = A.entity_communities(G, seed=7)
    again = A.entity_communities(G, seed=7)
    assert first.equals(again)
    members = [n for nodes in first.nodes for n in nodes]
    assert sorted(members) == sorted(n for n in LABELS if not n.startswith("modality/"))
    assert first["size"].tolist() == sorted(first["size"], reverse=True)
    for label, names in zip(first.label, first.members, strict=True):
        assert label == " / ".join(names[:3])


def test_entity_communities_min_size_and_empty():
    G = make_graph({"p": {"uses": ["method/a", "dataset/d"]}, "q": {"uses": ["method/z"]}},
                   {"method/a": "A", "dataset/d": "D", "method/z": "Z"})
    assert A.entity_communities(G, min_size=2).label.tolist() == ["A / D"]
    assert A.entity_communities(make_graph({"p": {}}, {})).empty


def test_modality_mix(G):
    assert A.modality_mix(G).values.tolist() == [
        ["image", 2, 0.5], ["text", 2, 0.5], ["(none)", 1, 0.25]]
    assert A.modality_mix(G, include_none=False).modality.tolist() == ["image", "text"]


def test_modality_mix_by_day_handles_every_date_form(G):
    M = A.modality_mix_by_date(G)
    assert M.index.tolist() == ["--03-18", "2024-03-18", "2024-03-19", "undated"]
    assert list(M.columns) == ["image", "text", "papers"]
    assert M.values.tolist() == [[0, 1, 1], [1, 1, 1], [0, 0, 1], [1, 0, 1]]


def test_modality_mix_by_month(G):
    M = A.modality_mix_by_date(G, by="month", include_undated=False)
    assert M.index.tolist() == ["--03", "2024-03"]
    assert M.values.tolist() == [[0, 1, 1], [1, 1, 2]]
    shares = A.modality_mix_by_date(G, by="month", share=True)
    assert shares.loc["2024-03", "image"] == 0.5
    assert shares.loc["2024-03", "papers"] == 2


def test_modality_mix_by_date_malformed_date_is_undated(G):
    G.nodes["paper/d"]["date"] = "March 19"
    M = A.modality_mix_by_date(G)
    assert M.loc["undated", "papers"] == 2
    with pytest.raises(KgError, match="unknown period 'week'"):
        A.modality_mix_by_date(G, by="week")


def test_similar_papers(G):
    table = A.similar_papers(G, "a")
    assert table.node.tolist() == ["paper/b", "paper/c"]
    assert table.jaccard.tolist() == pytest.approx([2 / 6, 1 / 6])
    assert table.shared.tolist() == [["BERT", "SQuAD"], ["GPT-4"]]
    assert table.title[0] == "Title b"
    assert A.similar_papers(G, "a", n=1).node.tolist() == ["paper/b"]
    assert A.similar_papers(G, "d").empty


def test_similar_papers_with_modalities(G):
    # with modalities, c also shares "image" with b: {Delta,BERT,SQuAD,text,image} ∩ {GPT-4,
    # ImageNet,image} = {image}, union 7
    table = A.similar_papers(G, "c", types=["method", "dataset", "modality"])
    assert dict(zip(table.node, table.jaccard, strict=True)) == pytest.approx(
        {"paper/a": 1 / 8, "paper/b": 1 / 7})


def test_neighbourhood(G):
    T = A.neighbourhood(G, "bert")
    assert T.label.tolist() == ["SQuAD", "text", "Alpha", "Delta", "GPT-4", "image", "MMLU"]
    assert T.papers.tolist() == [2, 2, 1, 1, 1, 1, 1]
    row = T.set_index("label").loc["GPT-4"]
    assert row["relations"] == ["comparesWith", "usesMethod"]
    assert row["type"] == "method"
    methods = A.neighbourhood(G, "method/bert", types=["method"], n=2)
    assert methods.label.tolist() == ["Alpha", "Delta"]
