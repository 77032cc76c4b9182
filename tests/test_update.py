"""Incremental builds: kg update / kg build onto an existing output (kg.update, kg.ids,
kg.cache, kg.export.blocks, kg.store).

The papers are short synthetic abstracts written for these tests. Day B is made so
that a build of A+B from scratch would rename two of A's entities: "XYZ-Net" becomes
more often written "XYZNet" (its best label changes), and B defines "ZDN" as the
"Zorblin Decoding Network" that A knows under both names apart (two entities merge).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import kg
from kg.build import build
from kg.cli import main
from kg.errors import KgError
from kg.update import update

DAY_A = [
    ("Quillformer: Linear Attention for Long Documents",
     "We propose Quillformer, a transformer with linear attention. Quillformer outperforms "
     "BART and XYZ-Net on arXiv summarization."),
    ("Faster Summaries with Sparse Experts",
     "Our sparse model is faster than Quillformer and matches BART."),
    ("Grokking Tiny Decoders",
     "We compare our decoder against ZDN and BART on XSum; it beats ZDN by two points."),
    ("Zorblin Decoding Network: Decoding with Zorblins",
     "We present the Zorblin Decoding Network for summarization on CNN/DailyMail."),
]
DAY_B = [
    ("Revisiting the Zorblin Decoding Network (ZDN)",
     "We revisit the Zorblin Decoding Network (ZDN) and show ZDN underperforms Quillformer "
     "on XSum."),
    ("Small Summarizers",
     "Our summarizer outperforms XYZNet and BART on XSum, and XYZNet is slower."),
    ("Tiny Summarizers",
     "We compare against XYZNet on CNN/DailyMail; it beats XYZNet."),
]
DAY_C = [
    ("Pebble Tokens for Speech",
     "We introduce Pebble Tokens, discrete speech units evaluated on LibriSpeech against "
     "HuBERT."),
]
DATA_FILES = ("graph.nt", "graph.ttl", "graph.jsonld", "papers.jsonl", "graph.json")


def _write_day(folder: Path, name: str, papers) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.jsonl"
    path.write_text("".join(json.dumps({"title": t, "abstract": a}) + "\n" for t, a in papers),
                    encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def small_pieces(monkeypatch):
    """Runs of two papers and three entities, so these few papers make several pieces."""
    import kg.export.rdf

    monkeypatch.setattr(kg.export.rdf, "PAPER_RUN", 2)
    monkeypatch.setattr(kg.export.rdf, "ENTITY_RUN", 3)


@pytest.fixture
def days(tmp_path):
    inputs = tmp_path / "inputs"
    return {name: _write_day(inputs, name, papers)
            for name, papers in (("a", DAY_A), ("b", DAY_B), ("c", DAY_C))}


def _bytes(out: Path, names=DATA_FILES) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in names}


def _quads(out: Path) -> set[str]:
    store = ox.Store.read_only(str(out / "store"))
    return {str(q) for q in store if q.graph_name == ox.DefaultGraph()}


def _meaning(G, node):
    """What an IRI stands for: its names, and the (paper, relation) links to it."""
    data = G.nodes[node]
    names = {data["label"], *data.get("aliases", ())}
    links = {(source, key) for source, _, key in G.in_edges(node, keys=True)}
    return names, links


# ------------------------------------------------------------------ ids


def test_ids_published_by_a_build_keep_their_meaning_after_an_update(days, tmp_path):
    out = tmp_path / "out"
    build([days["a"]], out)
    before = kg.load(out)
    result = update(out, [days["b"]])
    after = result.graph
    same_as = after.graph.get("same_as", {})
    assert same_as == {"method/zorblin-decoding-network": "method/zdn"}, \
        "the two names of A's Zorblin network became one entity, the later id points to it"
    for node, data in before.nodes(data=True):
        target = same_as.get(node, node)
        assert target in after, f"{node} vanished"
        names, links = _meaning(before, node)
        new_names, new_links = _meaning(after, target)
        assert after.nodes[target]["type"] == data["type"]
        if data["type"] == "paper":
            assert after.nodes[target]["title"] == data["title"]
            continue
        assert names <= new_names, f"{node}: names {names - new_names} lost"
        assert links <= new_links, f"{node}: links {links - new_links} lost"
    # the label changed (XYZNet is now the most frequent spelling), the id did not
    assert after.nodes["method/xyz-net"]["label"] == "XYZNet"
    assert "method/xyznet" not in after
    # while a build from scratch would have renamed both
    fresh = build([days["a"], days["b"]], tmp_path / "fresh").graph
    assert "method/xyznet" in fresh and "method/xyz-net" not in fresh
    assert "method/zorblin-decoding-network" not in fresh
    # the old IRI is still in the RDF, as owl:sameAs the kept one
    nt = (out / "graph.nt").read_text("utf-8")
    assert ("<https://w3id.org/papers-kg/resource/method/zorblin-decoding-network> "
            "<http://www.w3.org/2002/07/owl#sameAs> "
            "<https://w3id.org/papers-kg/resource/method/zdn> .") in nt


def test_an_update_validates_against_the_shapes(days, tmp_path):
    from kg.validate import validate_export

    out = tmp_path / "out"
    build([days["a"]], out)
    update(out, [days["b"]])
    report = validate_export(out)
    assert report.conforms, [str(v) for v in report.violations][:5]


def test_ids_are_never_reused_for_something_else(days, tmp_path):
    out = tmp_path / "out"
    build([days["a"], days["b"]], out)
    registry = json.loads((out / "state" / "ids.json").read_text("utf-8"))
    build([days["c"]], out)  # a rebuild without A and B: their ids stay reserved
    registry_after = json.loads((out / "state" / "ids.json").read_text("utf-8"))
    assert set(registry["entities"]) <= set(registry_after["entities"])
    assert set(registry["papers"]) <= set(registry_after["papers"])
    build([days["a"], days["c"]], out)  # A comes back: its entities get the ids of before
    G = kg.load(out)
    assert G.nodes["method/xyznet"]["label"] == "XYZ-Net"  # the id published with A+B
    assert "method/xyz-net" not in G


# ------------------------------------------------------------------ bytes


def test_update_equals_a_build_without_caches_byte_for_byte(days, tmp_path):
    out, full = tmp_path / "out", tmp_path / "full"
    build([days["a"]], out)
    shutil.copytree(out, full)  # the same published ids, then everything made anew
    result = update(out, [days["b"]])
    assert result.extracted == len(DAY_B)
    assert result.pieces_reused > 0
    reference = build([days["a"], days["b"]], full, use_cache=False)
    assert reference.extracted == len(DAY_A) + len(DAY_B) and reference.pieces_reused == 0
    assert _bytes(out) == _bytes(full)
    assert _bytes(out, ["graph.html"]) == _bytes(full, ["graph.html"])
    assert _quads(out) == _quads(full), "the updated store holds what a fresh load holds"


def test_without_conflicts_an_update_equals_a_fresh_build(days, tmp_path):
    out = tmp_path / "out"
    build([days["a"]], out)
    update(out, [days["c"]])
    fresh = tmp_path / "fresh"
    build([days["a"], days["c"]], fresh)
    assert _bytes(out) == _bytes(fresh)
    assert _quads(out) == _quads(fresh)


def test_the_same_update_twice_changes_nothing(days, tmp_path):
    out = tmp_path / "out"
    build([days["a"]], out)
    update(out, [days["b"]])
    first = _bytes(out, [*DATA_FILES, "graph.html", "state/ids.json"])
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    again = update(out, [days["b"]])
    assert again.up_to_date and again.extracted == 0
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == stamps
    days["b"].touch()  # same content, newer file: rebuilt, to the same bytes
    rebuilt = update(out, [days["b"]])
    assert not rebuilt.up_to_date and rebuilt.extracted == 0 and rebuilt.pieces_made == 0
    assert _bytes(out, [*DATA_FILES, "graph.html", "state/ids.json"]) == first


def test_a_new_extractor_extracts_everything_again(days, tmp_path, monkeypatch):
    import kg.update

    out = tmp_path / "out"
    build([days["a"]], out)
    assert update(out, [days["c"]]).extracted == len(DAY_C)
    monkeypatch.setattr(kg.update, "extract_fingerprint", lambda: "another-extractor")
    days["c"].touch()
    assert update(out, []).extracted == len(DAY_A) + len(DAY_C)


def test_an_interrupted_update_leaves_the_previous_build(days, tmp_path, monkeypatch):
    import kg.export.papers

    out = tmp_path / "out"
    build([days["a"]], out)
    before = _bytes(out, [*DATA_FILES, "state/ids.json", "state/build.json"])

    def interrupted(G, path, **options):
        raise KeyboardInterrupt

    monkeypatch.setattr(kg.export.papers, "write_papers_jsonl", interrupted)
    with pytest.raises(KeyboardInterrupt):
        update(out, [days["b"]])
    assert _bytes(out, [*DATA_FILES, "state/ids.json", "state/build.json"]) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]


# ------------------------------------------------------------------ query store


def test_kg_query_opens_the_build_store_without_loading(days, tmp_path, monkeypatch):
    import kg.query
    from kg.query import open_store, run_query
    from kg.store import fresh_store

    out = tmp_path / "out"
    build([days["a"]], out)
    assert fresh_store(out) == out / "store"

    def no_loading(*args):
        raise AssertionError("the export was loaded although the build has a store")

    monkeypatch.setattr(kg.query, "_load", no_loading)
    rows = run_query(open_store(out), "SELECT ?t WHERE { ?p dcterms:title ?t }",
                     timeout=30).records()
    assert sorted(r["t"] for r in rows) == sorted(t for t, _ in DAY_A)
    monkeypatch.undo()
    # graph.nt replaced by hand: the store is stale, the export is loaded again
    (out / "graph.nt").write_text("<http://x/a> <http://x/b> <http://x/c> .\n", "utf-8")
    assert fresh_store(out) is None
    assert run_query(open_store(out), "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
                     ).records() == [{"n": 1}]


def test_cli_update_and_its_errors(days, tmp_path):
    runner = CliRunner()
    out = tmp_path / "out"
    assert runner.invoke(main, ["build", str(days["a"]), "--out", str(out), "-q"]).exit_code == 0
    result = runner.invoke(main, ["update", str(out), str(days["b"])])
    assert result.exit_code == 0, result.output
    assert f"extracted {len(DAY_B)} of {len(DAY_A) + len(DAY_B)} paper(s)" in result.output
    again = runner.invoke(main, ["update", str(out), str(days["b"])])
    assert again.exit_code == 0 and "is up to date" in again.output
    missing = runner.invoke(main, ["update", str(out), str(tmp_path / "nope.jsonl")])
    assert missing.exit_code == 1 and missing.output.strip().endswith("nope.jsonl: no such input")
    stranger = tmp_path / "stranger"
    stranger.mkdir()
    refused = runner.invoke(main, ["update", str(stranger), str(days["b"])])
    assert refused.exit_code == 1 and "no build state to update" in refused.output
    with pytest.raises(KgError, match="no such build"):
        update(tmp_path / "never-built", [days["a"]])
