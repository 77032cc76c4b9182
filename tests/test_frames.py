"""kg.frames: DataFrames of papers, entities and links, and loading a build directory."""

from __future__ import annotations

import doctest

import pytest

import kg
import kg.frames as F
from kg.errors import KgError
from kg.export.graphjson import write_graph_json

pd = pytest.importorskip("pandas")

from test_analysis import small_graph  # noqa: E402


@pytest.fixture
def G():
    return small_graph()


def test_docstring_examples_run():
    result = doctest.testmod(F)
    assert result.attempted >= 3 and result.failed == 0


def test_papers_frame(G):
    papers = F.papers_frame(G)
    assert sorted(papers.index) == ["paper/a", "paper/b", "paper/c", "paper/d"]
    a = papers.loc["paper/a"]
    assert a["title"] == "Title a" and a["date"] == "--03-18"
    assert a["methods"] == ["BERT", "GPT-4", "Alpha"]  # most papers first, then label
    assert a["baselines"] == ["BERT", "GPT-4"]
    assert a["proposed"] == ["Alpha"]
    assert a["datasets"] == ["SQuAD", "MMLU"]
    assert a["modalities"] == ["text"]
    assert a["entities"] == 6
    assert pd.isna(papers.loc["paper/c", "date"])
    assert papers.loc["paper/d", "entities"] == 0
    assert papers.loc["paper/d", "methods"] == []


def test_entities_frame(G):
    entities = F.entities_frame(G)
    assert len(entities) == 9
    bert = entities.set_index("label").loc["BERT"]
    assert bert["papers"] == 2 and bert["usesMethod"] == 2 and bert["comparesWith"] == 2
    assert bert["proposes"] == 0
    assert bert["aliases"] == ["Bidirectional Encoder Representations"]
    datasets = F.entities_frame(G, type="dataset")
    assert datasets[["label", "papers"]].values.tolist() == [
        ["SQuAD", 2], ["ImageNet", 1], ["MMLU", 1]]
    with pytest.raises(KgError, match="unknown entity type 'paper'"):
        F.entities_frame(G, type="paper")


def test_links_frame(G):
    links = F.links_frame(G)
    assert len(links) == G.number_of_edges() == 19
    assert links.relation.value_counts().to_dict() == {
        "usesMethod": 6, "usesDataset": 4, "hasModality": 4, "comparesWith": 3, "proposes": 2}
    proposed = F.links_frame(G, relation="proposes")
    assert sorted(proposed.entity_label) == ["Alpha", "Delta"]
    row = proposed.iloc[0]
    assert row["confidence"] == 0.9 and row["evidence"] == 1 and row["rule"] == "lexicon"
    assert row["sentence"] == "A made-up sentence."
    with pytest.raises(KgError, match="unknown relation 'cites'"):
        F.links_frame(G, relation="cites")


def test_frames_accept_a_build_directory(tmp_path, G):
    write_graph_json(G, tmp_path / "graph.json")
    assert len(kg.papers_frame(tmp_path)) == 4
    assert len(kg.entities_frame(str(tmp_path))) == 9
    assert len(kg.links_frame(tmp_path / "graph.json")) == 19


def test_load_graph_errors_are_one_line(tmp_path):
    with pytest.raises(KgError, match="graph.json: not found; run `kg build"):
        F.load_graph(tmp_path)
    (tmp_path / "graph.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(KgError, match="not a graph written by kg build"):
        F.load_graph(tmp_path)


def test_kg_exposes_the_frame_helpers():
    assert kg.papers_frame is F.papers_frame
    with pytest.raises(AttributeError):
        kg.no_such_helper  # noqa: B018
