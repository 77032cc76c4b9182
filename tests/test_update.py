"""Incremental builds: kg update / kg build onto an existing output (kg.update, kg.ids,
kg.cache, kg.export.pieces, kg.store).

The papers are short synthetic abstracts written for these tests. Day B is made so
that a build of A+B from scratch would rename two of A's entities: "XYZ-Net" becomes
more often written "XYZNet" (its best label changes), and B defines "ZDN" as the
"Zorblin Decoding Network" that A knows under both names apart (two entities merge).
Most builds here leave out the HTML views and pages (their bytes are checked once):
they are written as in any build and only cost time.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import kg
import kg.export.rdf
from kg.build import build
from kg.cli import main
from kg.errors import KgError
from kg.export import OUTPUTS
from kg.ids import IdRegistry
from kg.model import Paper
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
DATA = tuple(name for name in OUTPUTS if name not in ("site", "html"))
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
    monkeypatch.setattr(kg.export.rdf, "PAPER_RUN", 2)
    monkeypatch.setattr(kg.export.rdf, "ENTITY_RUN", 3)


@pytest.fixture
def days(tmp_path):
    inputs = tmp_path / "inputs"
    return {name: _write_day(inputs, name, papers)
            for name, papers in (("a", DAY_A), ("b", DAY_B), ("c", DAY_C))}


@dataclass
class Updated:
    days: dict
    before: object  # the graph of the build of A
    out: Path  # A, then updated with B
    result: object  # what the update returned
    no_cache: Path  # a copy of A's build, rebuilt with A+B with use_cache=False
    reference: object


@pytest.fixture(scope="module")
def updated(tmp_path_factory) -> Updated:
    tmp = tmp_path_factory.mktemp("updated")
    days = {name: _write_day(tmp / "inputs", name, papers)
            for name, papers in (("a", DAY_A), ("b", DAY_B))}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(kg.export.rdf, "PAPER_RUN", 2)
        patch.setattr(kg.export.rdf, "ENTITY_RUN", 3)
        out, no_cache = tmp / "out", tmp / "no-cache"
        build([days["a"]], out, formats=DATA)
        before = kg.load(out)
        shutil.copytree(out, no_cache)  # the same published ids, then everything made anew
        result = update(out, [days["b"]], jobs=2)  # B extracted beside the cache's decoding
        reference = build([days["a"], days["b"]], no_cache, formats=DATA, use_cache=False)
    return Updated(days, before, out, result, no_cache, reference)


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


def test_ids_published_by_a_build_keep_their_meaning_after_an_update(updated, tmp_path):
    before, after = updated.before, updated.result.graph
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
    fresh = build([updated.days["a"], updated.days["b"]], tmp_path / "fresh", formats=DATA).graph
    assert "method/xyznet" in fresh and "method/xyz-net" not in fresh
    assert "method/zorblin-decoding-network" not in fresh
    # the old IRI is still in the RDF, as owl:sameAs the kept one
    nt = (updated.out / "graph.nt").read_text("utf-8")
    assert ("<https://w3id.org/papers-kg/resource/method/zorblin-decoding-network> "
            "<http://www.w3.org/2002/07/owl#sameAs> "
            "<https://w3id.org/papers-kg/resource/method/zdn> .") in nt


def test_an_update_validates_against_the_shapes(updated):
    from kg.validate import validate_export

    report = validate_export(updated.out)
    assert report.conforms, [str(v) for v in report.violations][:5]


def test_ids_are_never_reused_for_something_else(days, tmp_path):
    out = tmp_path / "out"
    build([days["a"], days["b"]], out, formats=DATA)
    registry = json.loads((out / "state" / "ids.json").read_text("utf-8"))
    build([days["c"]], out, formats=DATA)  # a rebuild without A and B: their ids stay reserved
    registry_after = json.loads((out / "state" / "ids.json").read_text("utf-8"))
    assert set(registry["entities"]) <= set(registry_after["entities"])
    assert set(registry["papers"]) <= set(registry_after["papers"])
    build([days["a"], days["c"]], out, formats=DATA)  # A comes back: the ids of before
    G = kg.load(out)
    assert G.nodes["method/xyznet"]["label"] == "XYZ-Net"  # the id published with A+B
    assert "method/xyz-net" not in G


def test_a_paper_keeps_its_id_by_arxiv_id_or_title_never_another_papers():
    registry = IdRegistry()
    listed = Paper("attention-is-all-1234abcd", "Attention Is All", "A.")
    [first] = registry.assign_papers([listed])
    assert first.id == listed.id
    # listed again with its arXiv id (so another default id): the id published stays
    [again] = registry.assign_papers([Paper("arxiv-1706.03762", "Attention is all!", "A.",
                                            arxiv_id="1706.03762")])
    assert again.id == listed.id
    # another paper of the same title (another arXiv id) is not that paper; its own default
    # id, published for nobody, is kept, and a new paper whose id is taken gets a suffix
    other, clash = registry.assign_papers([
        Paper("arxiv-2401.00001", "Attention Is All", "B.", arxiv_id="2401.00001"),
        Paper(listed.id, "Attention, Is All", "C.", arxiv_id="2401.00002")])
    assert other.id == "arxiv-2401.00001" and clash.id == f"{listed.id}-2"
    # the same three papers in another order keep their ids
    assert [p.id for p in registry.assign_papers([clash, other, again])] == [
        clash.id, other.id, listed.id]


# ------------------------------------------------------------------ bytes


def test_blocks_copied_from_the_previous_file_give_the_bytes_of_a_full_write(tmp_path):
    from kg.export.blocks import BlockIndex, Layout, Reuse, Section, join_layout, write_layout

    def layout(items: dict[str, str]) -> Layout:  # a node's digest is its text here
        return Layout([Section(b"[", list(items), lambda n: items[n].encode(), b", ")],
                      b"]\n", "context")

    def write(items: dict[str, str], number: int, previous: int | None):
        old = tmp_path / f"{previous}.json" if previous is not None else None
        index = BlockIndex.load(tmp_path / f"{previous}.marshal") if old else None
        written = write_layout(layout(items), tmp_path / f"{number}.json",
                               Reuse(dict(items), index, old, tmp_path / f"{number}.marshal"))
        assert (tmp_path / f"{number}.json").read_bytes() == join_layout(layout(items))
        return written.reused, written.made

    assert write({"a": "1", "b": "2", "c": "3", "d": "4"}, 0, None) == (0, 4)
    # a new first block (the old first one now needs a separator), one block changed
    assert write({"_": "0", "a": "1", "b": "22", "c": "3", "d": "4"}, 1, 0) == (3, 2)
    # the first blocks gone: a block that had a separator comes first
    assert write({"c": "3", "d": "4", "e": "5"}, 2, 1) == (2, 1)


def test_update_equals_a_build_without_caches_byte_for_byte(updated):
    result, reference = updated.result, updated.reference
    assert result.extracted == len(DAY_B)
    # B joins two of A's entities (ZDN): resolution runs again over every paper
    assert not result.resolution_resumed
    assert result.pieces_reused > 0 and result.pieces_made > 0
    assert reference.extracted == len(DAY_A) + len(DAY_B) and reference.pieces_reused == 0
    assert _bytes(updated.out) == _bytes(updated.no_cache)
    assert _bytes(updated.out / "state", ["ids.json"]) == _bytes(updated.no_cache / "state",
                                                                 ["ids.json"])
    assert _quads(updated.out) == _quads(updated.no_cache), \
        "the store updated in place holds what a fresh load holds"


def test_without_conflicts_an_update_equals_a_fresh_build(days, tmp_path):
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    build([days["a"]], out, formats=DATA)
    result = update(out, [days["c"]])
    assert result.extracted == len(DAY_C) and result.pieces_reused > 0
    assert result.resolution_resumed  # C changes no group of A: resolved after A's state
    build([days["a"], days["c"]], fresh, formats=DATA)
    assert _bytes(out) == _bytes(fresh)
    assert _quads(out) == _quads(fresh)


def _pages(out: Path) -> dict[str, bytes]:
    """Every file of the views and entity pages."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*")
            if p.is_file() and p.suffix in (".html", ".js", ".css")}


def test_pages_an_update_keeps_or_remakes_are_those_of_a_build_without_caches(days, tmp_path):
    out, no_cache = tmp_path / "out", tmp_path / "no-cache"
    build([days["a"]], out)  # every output, views and pages too
    shutil.copytree(out, no_cache)
    inode = {p.relative_to(out).as_posix(): p.stat().st_ino
             for p in (out / "site").rglob("*.html")}
    # relabels XYZ-Net and merges two entities: many pages change (two processes: the views
    # are written in two halves side by side)
    update(out, [days["b"]], jobs=2)
    build([days["a"], days["b"]], no_cache, use_cache=False)
    assert _pages(out) == _pages(no_cache)
    # the manifest (files hashed while others were still being written, the RDF files by
    # their pieces) holds every file with its hash
    from kg.outdir import file_digest, read_manifest, read_ranges

    manifest, ranges = read_manifest(out), read_ranges(out)
    assert set(ranges) == {"graph.nt", "graph.ttl"}
    assert manifest == {p.relative_to(out).as_posix(): file_digest(
        p, ranges.get(p.relative_to(out).as_posix())) for p in out.rglob("*")
        if p.is_file() and p.name != ".kg-manifest.json"}
    assert all(manifest[name] == file_digest(out / name) for name in manifest
               if name not in ranges)
    kept = {name for name, number in inode.items()
            if (out / name).is_file() and (out / name).stat().st_ino == number}
    # two of A's papers link nothing B changed: their pages are the previous files; the
    # pages of the entities B's papers link, or relabels, are made again
    assert {name.split("/")[-1].rsplit("-", 1)[0] for name in kept} == {
        "faster-summaries-with-sparse-experts", "grokking-tiny-decoders"}
    # a day that links nothing of the others: the same pages as the update made anew
    update(out, [days["c"]])
    build([days["a"], days["b"], days["c"]], no_cache, use_cache=False)
    assert _pages(out) == _pages(no_cache)


def test_the_same_update_twice_changes_nothing(days, tmp_path):
    out = tmp_path / "out"
    build([days["a"]], out)  # every output, views and pages too
    update(out, [days["b"]])

    def files():
        return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*")
                if p.is_file()}

    first = files()
    assert "site/index.html" in first and "store/CURRENT" in first
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    again = update(out, [days["b"]])
    assert again.up_to_date and again.extracted == 0
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == stamps
    days["b"].touch()  # same content, newer file: rebuilt, to the same bytes
    rebuilt = update(out, [days["b"]])
    assert not rebuilt.up_to_date and rebuilt.extracted == 0 and rebuilt.pieces_made == 0
    # the store too (its files hard-linked); only the records of the input file (its time)
    # differ: the build record and the cache of what was read
    now = files()
    changed = {name for name in {*first, *now} if first.get(name) != now.get(name)}
    assert "state/build.json" in changed
    assert {n for n in changed if not n.startswith(("state/build", "state/cache/ingest-"))
            } == {".kg-manifest.json"}


def test_a_new_extractor_extracts_everything_again(days, tmp_path, monkeypatch):
    import kg.update

    out = tmp_path / "out"
    build([days["a"]], out, formats=DATA)
    assert update(out, [days["c"]]).extracted == len(DAY_C)
    monkeypatch.setattr(kg.update, "extract_fingerprint", lambda: "another-extractor")
    days["c"].touch()
    assert update(out, []).extracted == len(DAY_A) + len(DAY_C)


@pytest.mark.parametrize("jobs, where", [(1, "papers"), (2, "papers"), (2, "store")])
def test_an_interrupted_update_leaves_the_previous_build(days, tmp_path, monkeypatch, jobs,
                                                          where):
    # with two processes the JSON blocks are written by the forked one, the store by this
    # one, side by side
    import kg.export.papers
    import kg.update

    out = tmp_path / "out"
    build([days["a"]], out, formats=DATA)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def interrupted(*args, **options):
        raise KeyboardInterrupt

    if where == "papers":
        monkeypatch.setattr(kg.export.papers, "write_papers_jsonl", interrupted)
    else:
        monkeypatch.setattr(kg.update.BuildState, "save_store", interrupted)
    with pytest.raises(KeyboardInterrupt):
        update(out, [days["b"]], jobs=jobs)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]


# ------------------------------------------------------------------ query store


def test_kg_query_opens_the_build_store_without_loading(updated, tmp_path, monkeypatch):
    import kg.query
    from kg.query import open_store, run_query
    from kg.store import fresh_store

    out = tmp_path / "out"
    shutil.copytree(updated.out, out)
    assert fresh_store(out) == out / "store"

    def no_loading(*args):
        raise AssertionError("the export was loaded although the build has a store")

    monkeypatch.setattr(kg.query, "_load", no_loading)
    rows = run_query(open_store(out), "SELECT ?t WHERE { ?p dcterms:title ?t }").records()
    assert sorted(r["t"] for r in rows) == sorted(t for t, _ in DAY_A + DAY_B)
    monkeypatch.undo()
    # graph.nt replaced by hand: the store is stale, the export is loaded again
    (out / "graph.nt").write_text("<http://x/a> <http://x/b> <http://x/c> .\n", "utf-8")
    assert fresh_store(out) is None
    assert run_query(open_store(out), "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
                     ).records() == [{"n": 1}]


def test_cli_update_and_its_errors(days, tmp_path):
    runner = CliRunner()
    out = tmp_path / "out"
    assert runner.invoke(main, ["build", str(days["a"]), "--out", str(out), "-q",
                                "--no-views"]).exit_code == 0
    result = runner.invoke(main, ["update", str(out), str(days["b"])])
    assert result.exit_code == 0, result.output
    assert f"extracted {len(DAY_B)} of {len(DAY_A) + len(DAY_B)} paper(s)" in result.output
    assert not (out / "graph.html").exists(), "the update writes what the build wrote"
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


def test_results_survive_the_extraction_cache(tmp_path):
    day = _write_day(tmp_path / "inputs", "scores", [
        ("Glorbformer: Fast Glorbs", "We present Glorbformer. Glorbformer reaches a BLEU score "
                                     "of 31.1 on WMT14, against 28.4 for BART.")])
    out = tmp_path / "out"
    build([day], out, formats=DATA)

    def results():
        return [json.loads(line)["results"] for line in (out / "papers.jsonl").open()]

    first = results()
    assert len(first[0]) == 2
    day.touch()  # rebuilt, every paper's extraction served from the cache
    rebuilt = update(out, [day])
    assert not rebuilt.up_to_date and rebuilt.extracted == 0
    assert results() == first


def test_a_store_loaded_in_chunks_holds_every_triple_of_the_export(updated, tmp_path,
                                                                  monkeypatch):
    import kg.store

    nt = updated.no_cache / "graph.nt"
    assert nt.stat().st_size > 3 * 4096
    monkeypatch.setattr(kg.store, "LOAD_CHUNK", 4096)  # many loads, cut between lines
    kg.store.write_store(tmp_path / "store", nt, "digest")
    expected = {str(ox.Quad(t.subject, t.predicate, t.object))
                for t in ox.parse(path=str(nt), format=ox.RdfFormat.N_TRIPLES)}
    assert _quads(tmp_path) == expected


def test_new_papers_of_an_update_go_to_the_warm_extractor_started_before_reading(days, tmp_path,
                                                                               monkeypatch):
    import kg.extract.parallel

    started, submitted = [], []

    class Spy(kg.extract.parallel.WarmExtractor):
        def __init__(self):
            started.append(True)
            super().__init__()

        def submit(self, papers):
            submitted.append(len(papers))
            return super().submit(papers)

    monkeypatch.setattr(kg.extract.parallel, "WarmExtractor", Spy)
    out, reference = tmp_path / "out", tmp_path / "reference"
    build([days["a"]], out, formats=DATA, jobs=2)
    assert started == [], "a first build has no cache: no warm extractor"
    shutil.copytree(out, reference)
    assert update(out, [days["b"]], jobs=2).extracted == len(DAY_B)
    assert started == [True] and submitted == [len(DAY_B)]
    build([days["a"], days["b"]], reference, formats=DATA, use_cache=False)
    assert _bytes(out) == _bytes(reference)
    days["b"].touch()  # read again, nothing new: the warm extractor is closed unused
    assert update(out, [], jobs=2).extracted == 0
    assert started == [True, True] and submitted == [len(DAY_B)]


def test_cached_passes_decode_to_the_records_the_extractor_made():
    from kg.extract.pipeline import first_pass
    from kg.update import _first_pass_from_plain, _first_pass_to_plain

    papers = [Paper("p1", "Zorblin: a ZDN for captions",
                    "We propose the Zorblin Decoding Network (ZDN). It beats BERT on SQuAD with "
                    "an F1 of 91.2, and we compare with GPT-4.")]
    made = first_pass(papers)[0]
    decoded = _first_pass_from_plain(_first_pass_to_plain(made), "p1")
    assert decoded == made and hash(decoded[0]) == hash(made[0])
    assert [type(m.evidence) for m in decoded[0].mentions] == [
        type(m.evidence) for m in made[0].mentions]
    assert decoded[0].mentions and decoded[0].results


def test_a_resumed_update_keeps_the_digests_of_unchanged_papers(days, tmp_path, monkeypatch):
    import kg.export.blocks
    import kg.update
    from kg.export.blocks import node_digests

    seen = []
    digest, digests = kg.export.blocks._digest, kg.update.BuildState.digests
    made = []

    def counted(*args):
        made.append(args[0])
        return digest(*args)

    def checked(self, G):
        made.clear()
        kept = digests(self, G)
        seen.append((len(self.unchanged_evidence), kept == node_digests(G), len(made)))
        return kept

    monkeypatch.setattr(kg.export.blocks, "_digest", counted)
    monkeypatch.setattr(kg.update.BuildState, "digests", checked)
    out = tmp_path / "out"
    build([days["a"]], out, formats=DATA)
    result = update(out, [days["c"]])
    assert result.resolution_resumed
    nodes = result.graph.number_of_nodes()
    (before, full, _), (unchanged, same, remade) = seen
    assert before == 0 and full and unchanged == len(DAY_A) and same
    # only the entities and the new paper (and A's papers linking a relabelled entity)
    assert remade < nodes - len(DAY_A) + 2
    # a state saved by other code: resolution runs over all papers, every digest is made
    monkeypatch.setattr(kg.update, "_resolve_version", lambda: "another resolver")
    days["c"].touch()
    again = update(out, [days["c"]])
    assert not again.resolution_resumed and seen[-1][1:] == (True, nodes)
    # digests kept beside another resolution than the one resumed are not used
    monkeypatch.setattr(kg.update, "_token", lambda raw: hashlib.sha1(raw).hexdigest())
    days["c"].touch()
    assert update(out, [days["c"]]).resolution_resumed
    monkeypatch.setattr(kg.update, "_token", lambda raw: "another resolution")
    days["c"].touch()
    assert update(out, [days["c"]]).resolution_resumed and seen[-1][1:] == (True, nodes)


def test_cached_passes_left_undecoded_read_as_the_decoded_ones():
    from kg.extract.corpus_names import known_names, link_corpus_names
    from kg.extract.lexicon import plain_key
    from kg.extract.pipeline import first_pass
    from kg.update import CachedExtraction, CachedPass, _first_pass_to_plain, _resumed_resolution

    papers = [Paper(f"p{i}", title, abstract) for i, (title, abstract) in enumerate([
        ("Faster Summaries", "Our sparse model is faster than Blorpformer on XSum "
                             "(ROUGE-L 41.2) and BART."),
        ("Blorpformer: Attention for Blorps", "We propose Blorpformer, which beats BART on "
                                              "XSum with 44.1 ROUGE-L."),
        *DAY_A])]
    plain = [_first_pass_to_plain(p) for p in first_pass(papers)]
    cached = [CachedPass(paper.id, data) for paper, data in zip(papers, plain, strict=True)]
    linked = link_corpus_names([p.decode() for p in cached])
    assert len(linked[0].mentions) > len(cached[0].data[0])  # a pending word found its name
    assert any(x.results for x in linked)
    known = known_names(name for p in cached for name in p.names())
    for p, x in zip(cached, linked, strict=True):
        kept = CachedExtraction(p, [n for n, pending in enumerate(p.data[1])
                                    if plain_key(pending[0]) in known])
        assert kept.mention_count == len(x.mentions)
        assert [kept.evidence_at(i) for i in range(len(x.mentions))] == [
            m.evidence for m in x.mentions]
        assert kept.results == x.results
    assert _resumed_resolution(cached, None, []) is None  # no state: resolve everything
