"""The competency queries in schemas/queries: exact answers on a hand-made graph, and on
built corpora the same answers as the same question asked of the networkx graph."""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from itertools import combinations

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, REPO  # noqa: I001
from rdf_sample import HOSTILE_ID, HOSTILE_LABEL, S1, sample_graph

from kg.build import build
from kg.cli import main
from kg.export.rdf import evidence_iri, extractor_version, node_iri, write_ntriples
from kg.query import open_store, run_query
from kg.resources import schema_path

QUERIES = sorted(schema_path("queries").glob("*.rq"))
B = "https://w3id.org/papers-kg/resource/"


def rq(name: str) -> str:
    return schema_path("queries", f"{name}.rq").read_text(encoding="utf-8")


def ask(store, name, **bindings):
    return [tuple(r.values()) for r in run_query(store, rq(name), bindings=bindings).records()]


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("q") / "graph.nt"
    write_ntriples(sample_graph(), path)
    return open_store(path)


def test_at_least_eight_queries_each_with_a_question_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert len(QUERIES) >= 8
    for path in QUERIES:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# Question: "), path.name
        question = first.removeprefix("# Question: ").split(" (--bind")[0]
        assert f"`{path.name}`" in readme, path.name
        assert question in readme, path.name


# ---------------------------------------------------------- exact, on the sample

def test_datasets_of_papers_comparing_with(sample_store):
    assert ask(sample_store, "datasets-of-papers-comparing-with", baselineName="SDXL") == [
        ("SDXL", B + "dataset/coco", "COCO", 2), ("SDXL", B + "dataset/laion", "LAION", 1),
        ("SDXL", B + "dataset/pairset", "PairSet", 1)]  # p1: COCO, LAION; p3: COCO, PairSet
    assert ask(sample_store, "datasets-of-papers-comparing-with")[-1] == (
        "Whisper", B + "dataset/librispeech", "LibriSpeech", 1)


def test_top_baselines(sample_store):
    assert ask(sample_store, "top-baselines") == [(B + "method/sdxl", "SDXL", 2),
                                                  (B + "method/whisper", "Whisper", 1)]


def test_text_to_image_proposals(sample_store):
    assert ask(sample_store, "text-to-image-proposals") == [
        (B + "paper/p1", "DiffuseX: Fast Text-to-Image Diffusion", B + "method/diffusex",
         "DiffuseX")]


def test_papers_per_modality(sample_store):
    assert ask(sample_store, "papers-per-modality") == [
        (B + "modality/text", "text", 4), (B + "modality/image", "image", 2),
        (B + "modality/speech", "speech", 1)]


def test_datasets_across_modalities(sample_store):
    rows = [(label, m1, m2) for _, label, m1, m2 in ask(sample_store,
                                                         "datasets-across-modalities")]
    assert rows == [("COCO", "image", "text"), ("LAION", "image", "text"),
                    ("LibriSpeech", "speech", "text"), ("PairSet", "image", "text")]


def test_methods_with_dataset(sample_store):
    rows = ask(sample_store, "methods-with-dataset", datasetName="COCO")
    assert [(label, n) for _, _, label, n in rows] == [
        ("SDXL", 2), ("CLIP", 1), ("DiffuseX", 1), ("diffusion model", 1)]


def test_papers_by_rule(sample_store):
    rows = ask(sample_store, "papers-by-rule", rule="baseline-cue")
    assert [(paper.rsplit("/", 1)[-1], n) for _, paper, _, n in rows] == [
        ("p1", 1), ("p3", 1), ("p2", 1)]  # ordered by title: DiffuseX, PairSet, Speechy
    assert [r[1] for r in ask(sample_store, "papers-by-rule", rule="acronym")] == [B + "paper/p5"]


def test_most_aliases(sample_store):
    rows = ask(sample_store, "most-aliases")
    assert rows == [(B + "method/sdxl", "SDXL", 2), (node_iri(HOSTILE_ID), HOSTILE_LABEL, 1),
                    (B + "dataset/coco", "COCO", 1)]


def test_weak_links(sample_store):
    assert ask(sample_store, "weak-links") == [
        (B + "paper/p1", "https://w3id.org/papers-kg/ontology#usesMethod",
         B + "method/diffusion-model", 0.5),
        (B + "paper/p2", "https://w3id.org/papers-kg/ontology#hasModality",
         B + "modality/text", 0.6)]


def test_evidence_for_dataset(sample_store):
    assert ask(sample_store, "evidence-for-dataset", datasetName="LAION") == [
        ("LAION", B + "paper/p1", "https://w3id.org/papers-kg/ontology#usesDataset", "abstract",
         57, 62, S1, "lexicon", 0.9, "kg-extract/test")]


LB = "https://w3id.org/papers-kg/ontology#LowerIsBetter"


def test_leaderboard_ranks_by_the_metrics_direction(sample_store):
    rows = ask(sample_store, "leaderboard", datasetName="COCO", metricName="FID")
    # FID: lower is better, so the smallest value leads.
    assert [(m, v, own, p.rsplit("/", 1)[-1]) for _, _, m, v, _, own, p, _, _ in rows] == [
        ("DiffuseX", 5.2, True, "p1"), ("SDXL", 8.1, False, "p1"), ("SDXL", 9.5, False, "p3")]
    assert {r[-1] for r in rows} == {LB}
    # The paper's own unnamed system is "(ours)"; units come along.
    rows = ask(sample_store, "leaderboard", datasetName="LibriSpeech", metricName="WER")
    assert [(m, v, unit, own) for _, _, m, v, unit, own, *_ in rows] == [
        ("(ours)", 4.1, "%", True), ("Whisper", 5.0, "%", False)]
    # Higher is better: the largest first; without --bind, every dataset and metric.
    every = ask(sample_store, "leaderboard")
    assert [(d, m, v) for d, m, _, v, *_ in every] == [
        ("COCO", "CLIP score", 0.31), ("COCO", "FID", 5.2), ("COCO", "FID", 8.1),
        ("COCO", "FID", 9.5), ("LibriSpeech", "WER", 4.1), ("LibriSpeech", "WER", 5.0)]


def test_method_results(sample_store):
    rows = ask(sample_store, "method-results", methodName="SDXL")
    assert [(d, m, v, own, p.rsplit("/", 1)[-1]) for _, d, m, v, _, own, p, _ in rows] == [
        ("COCO", "CLIP score", 0.31, False, "p3"), ("COCO", "FID", 8.1, False, "p1"),
        ("COCO", "FID", 9.5, False, "p3")]
    assert rows[1][-1].startswith("DiffuseX reaches an FID of 5.2")  # the evidence sentence
    assert [r[0] for r in ask(sample_store, "method-results")] == [
        "DiffuseX", "SDXL", "SDXL", "SDXL", "Whisper"]


def test_tasks_by_papers(sample_store):
    assert ask(sample_store, "tasks-by-papers") == [
        (B + "task/text-to-image-generation", "Text-to-image generation", 2),
        (B + "task/speech-recognition", "Speech recognition", 1)]


# ------------------------------------------ on built graphs: SPARQL == networkx

def expected_answers(G) -> dict[str, set]:
    """Each competency question answered directly on the networkx graph."""
    base = G.graph["base_iri"]
    iri = lambda n: node_iri(n, base)  # noqa: E731
    label = lambda n: G.nodes[n]["label"]  # noqa: E731
    kg = "https://w3id.org/papers-kg/ontology#"
    out: dict[str, dict] = defaultdict(dict)
    targets = defaultdict(lambda: defaultdict(set))  # paper -> relation -> entities
    for paper, entity, relation in G.edges(keys=True):
        targets[paper][relation].add(entity)
    papers = [n for n, d in G.nodes(data=True) if d["type"] == "paper"]

    counts = Counter()
    for p in papers:
        for b in targets[p]["comparesWith"]:
            for d in targets[p]["usesDataset"]:
                counts[(label(b), iri(d), label(d))] += 1
    out["datasets-of-papers-comparing-with"] = {(*k, n) for k, n in counts.items()}
    baselines = Counter(b for p in papers for b in targets[p]["comparesWith"])
    out["top-baselines"] = {(iri(b), label(b), n) for b, n in baselines.items()}
    out["text-to-image-proposals"] = {
        (iri(p), G.nodes[p]["title"], iri(m), label(m)) for p in papers
        for m in targets[p]["proposes"]
        if G.nodes[m]["type"] == "method"
        and {"modality/text", "modality/image"} <= targets[p]["hasModality"]}
    modalities = Counter(m for p in papers for m in targets[p]["hasModality"])
    out["papers-per-modality"] = {(iri(m), label(m), n) for m, n in modalities.items()}
    dataset_modalities = defaultdict(set)
    for p in papers:
        for d in targets[p]["usesDataset"]:
            dataset_modalities[d] |= {label(m) for m in targets[p]["hasModality"]}
    out["datasets-across-modalities"] = {
        (iri(d), label(d), a, b) for d, ms in dataset_modalities.items()
        for a, b in combinations(sorted(ms), 2)}
    co = Counter()
    for p in papers:
        for d in targets[p]["usesDataset"]:
            for m in targets[p]["usesMethod"]:
                co[(label(d), iri(m), label(m))] += 1
    out["methods-with-dataset"] = {(*k, n) for k, n in co.items()}
    by_rule = defaultdict(set)
    evidence_rows = set()
    weak = {}
    for p, e, relation, data in G.edges(keys=True, data=True):
        confidences = []
        for ev in data.get("evidence") or ():
            by_rule[(ev["rule"], iri(p), G.nodes[p]["title"])].add(
                evidence_iri(base, p, relation, e, ev))
            confidences.append(round(float(ev["confidence"]), 6))
            if G.nodes[e]["type"] == "dataset":
                evidence_rows.add((label(e), iri(p), kg + relation, ev["field"], ev["start"],
                                   ev["end"], ev["sentence"], ev["rule"],
                                   round(float(ev["confidence"]), 6), "?"))
        if confidences and max(confidences) < 0.7:
            weak[(iri(p), kg + relation, iri(e))] = max(confidences)
    out["papers-by-rule"] = {(*k, len(v)) for k, v in by_rule.items()}
    out["evidence-for-dataset"] = evidence_rows
    out["weak-links"] = {(*k, c) for k, c in weak.items()}
    results = []
    for p in papers:
        for r in G.nodes[p].get("results") or ():
            results.append((p, r))
    lower = {n for n, d in G.nodes(data=True) if d.get("direction") == "lower"}
    direction = {n: kg + ("LowerIsBetter" if d["direction"] == "lower" else "HigherIsBetter")
                 for n, d in G.nodes(data=True) if d.get("direction")}
    out["leaderboard"] = {
        (label(r["dataset"]), label(r["metric"]),
         label(r["method"]) if r["method"] else "(ours)", float(r["value"].replace(",", "")),
         r.get("unit"), bool(r["own"]), iri(p), G.nodes[p]["title"],
         direction.get(r["metric"])) for p, r in results if r["dataset"]}
    out["method-results"] = {
        (label(r["method"]), label(r["dataset"]) if r["dataset"] else "", label(r["metric"]),
         float(r["value"].replace(",", "")), r.get("unit"), bool(r["own"]), iri(p),
         r["evidence"]["sentence"]) for p, r in results if r["method"]}
    assert lower is not None
    tasks = Counter(t for p in papers for t in targets[p]["worksOnTask"])
    out["tasks-by-papers"] = {(iri(t), label(t), n) for t, n in tasks.items()}
    out["most-aliases"] = {
        (iri(n), d["label"], len(set(d.get("aliases") or ()) - {d["label"]}))
        for n, d in G.nodes(data=True)
        if d["type"] in ("method", "dataset", "modality")
        and set(d.get("aliases") or ()) - {d["label"]}}
    return out


def assert_queries_match_networkx(G, store):
    expected = expected_answers(G)
    assert set(expected) == {p.stem for p in QUERIES}
    for path in QUERIES:
        rows = [tuple(r.values()) for r in run_query(store, path.read_text("utf-8")).records()]
        if path.stem == "evidence-for-dataset":
            assert {r[-1] for r in rows} <= {extractor_version(G)}
            rows = [(*r[:-1], "?") for r in rows]
        if path.stem in ("leaderboard", "method-results"):
            rows = list(dict.fromkeys(rows))  # two results may read alike (same paper, value)
        assert len(rows) == len(set(rows)), path.stem
        assert set(rows) == expected[path.stem], path.stem


@pytest.fixture(scope="module")
def examples_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("examples") / "out"
    return build([EXAMPLES], out), out


def test_queries_match_networkx_on_the_sample(sample_store):
    assert_queries_match_networkx(sample_graph(), sample_store)


def test_queries_match_networkx_on_the_examples(examples_build):
    result, out = examples_build
    assert_queries_match_networkx(result.graph, open_store(out))


@pytest.mark.corpus
def test_queries_match_networkx_on_the_corpus(corpus_build):
    import kg

    store = open_store(corpus_build.out)
    assert_queries_match_networkx(kg.load(corpus_build.out), store)
    # and `kg query --named` gives the same rows from the command line
    for path in QUERIES:
        cli = CliRunner().invoke(main, ["query", str(corpus_build.out), "--named", path.stem,
                                        "--format", "csv"])
        assert cli.exit_code == 0, cli.output
        rows = list(csv.reader(io.StringIO(cli.output)))
        expected = run_query(store, path.read_text("utf-8"))
        assert rows[0] == expected.variables, path.stem
        assert len(rows) == len(expected.rows()) + 1, path.stem


# The plain joins the shipped papers-by-rule and weak-links were written as first; the
# shipped ones are reformulated for speed on big stores and must answer the same, in order.
PLAIN = {
    "papers-by-rule": """
SELECT ?rule ?paper ?title (COUNT(DISTINCT ?evidence) AS ?evidenceCount)
WHERE { ?evidence a kg:Evidence ; kg:rule ?rule ; kg:paper ?paper . ?paper dcterms:title ?title . }
GROUP BY ?rule ?paper ?title ORDER BY ?rule ?title""",
    "weak-links": """
SELECT ?paper ?relation ?entity (MAX(?c) AS ?confidence)
WHERE { ?evidence a kg:Evidence ; kg:paper ?paper ; kg:relation ?relation ;
                  kg:entity ?entity ; kg:confidence ?c . }
GROUP BY ?paper ?relation ?entity HAVING (MAX(?c) < 0.7)
ORDER BY ?confidence ?paper ?relation ?entity""",
}


def assert_same_as_plain(store) -> None:
    for name, plain in PLAIN.items():
        expected = run_query(store, plain).rows()
        assert expected, name  # a comparison of nothing would prove nothing
        assert run_query(store, rq(name)).rows() == expected, name
    rule = "title-name"
    plain = run_query(store, PLAIN["papers-by-rule"], bindings={"rule": rule}).rows()
    assert run_query(store, rq("papers-by-rule"), bindings={"rule": rule}).rows() == plain


def test_fast_queries_answer_as_the_plain_joins(sample_store, examples_build):
    assert_same_as_plain(sample_store)
    assert_same_as_plain(open_store(examples_build[1]))


@pytest.mark.corpus
def test_fast_queries_answer_as_the_plain_joins_on_the_corpus(corpus_build):
    assert_same_as_plain(open_store(corpus_build.out))
