"""Parallel and distributed builds give the same bytes; big outputs become opt-in."""

from __future__ import annotations

import filecmp

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES

from kg.build import build
from kg.cli import main
from kg.extract.parallel import extract_parallel
from kg.extract.pipeline import extract
from kg.ingest import read_papers

# The query store is a database whose files carry random ids (its triples are compared in
# tests/test_update.py); state/ records how the build ran (its options) for the next one.
BUILD_RECORDS = ["store", "state"]


def _same_tree(a, b, ignore=()) -> list[str]:
    """Files that differ (or exist on one side only) between two output directories."""
    compared = filecmp.dircmp(a, b, ignore=[*filecmp.DEFAULT_IGNORES, *BUILD_RECORDS, *ignore])
    problems = [*compared.left_only, *compared.right_only, *compared.funny_files]
    problems += [name for name in compared.common_files
                 if not filecmp.cmp(a / name, b / name, shallow=False)]
    for name in compared.common_dirs:
        problems += [f"{name}/{p}" for p in _same_tree(a / name, b / name)]
    return problems


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    out = tmp_path_factory.mktemp("one") / "out"
    build([EXAMPLES], out, jobs=1)
    return out


def test_parallel_extraction_gives_the_same_records():
    papers = read_papers([EXAMPLES]).papers
    seen = []
    parallel = list(extract_parallel(papers, jobs=2, progress=seen.append, chunk_size=7))
    assert parallel == list(extract(papers))
    assert sum(seen) == len(papers) and len(seen) > 2


def test_two_jobs_and_shards_write_the_same_bytes(reference, tmp_path):
    build([EXAMPLES], tmp_path / "out", jobs=2, shards=3)
    shards = tmp_path / "out" / "shards"
    names = sorted(p.name for p in shards.iterdir())
    assert names == ["entities.nt", "papers-0001.nt", "papers-0002.nt", "papers-0003.nt"]
    joined = b"".join((shards / name).read_bytes() for name in names)
    assert joined == (reference / "graph.nt").read_bytes()
    assert all((shards / n).stat().st_size for n in names)
    (tmp_path / "out" / "shards").rename(tmp_path / "kept-shards")
    # The manifest also lists the shards (and the store's files), so it differs.
    assert _same_tree(reference, tmp_path / "out", ignore=[".kg-manifest.json"]) == []


def test_dask_build_is_byte_identical(reference, tmp_path):
    from kg.extract.parallel import local_cluster

    with local_cluster(2) as cluster:
        build([EXAMPLES], tmp_path / "out", jobs=1, scheduler=cluster.scheduler_address)
    assert _same_tree(reference, tmp_path / "out", ignore=[".kg-manifest.json"]) == []


def test_unreachable_scheduler_is_one_line_error(tmp_path):
    result = CliRunner().invoke(main, ["build", str(EXAMPLES), "--out", str(tmp_path / "o"),
                                       "--scheduler", "tcp://127.0.0.1:9", "-q"])
    assert result.exit_code == 1, result.output
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "o").exists()


def test_big_outputs_are_opt_in_with_a_note(monkeypatch, tmp_path):
    import kg.export

    monkeypatch.setattr(kg.export, "JSONLD_MAX_PAPERS", 3)
    result = CliRunner().invoke(main, ["build", str(EXAMPLES), "--out", str(tmp_path / "a")])
    assert result.exit_code == 0, result.output
    assert "graph.jsonld not written" in result.output and "--jsonld writes it" in result.output
    assert not (tmp_path / "a" / "graph.jsonld").exists()
    result = CliRunner().invoke(main, ["build", str(EXAMPLES), "--out", str(tmp_path / "b"),
                                       "--jsonld", "-q"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "b" / "graph.jsonld").stat().st_size > 1000
    assert "not written" not in result.output


def test_full_view_is_left_out_above_its_size(monkeypatch, tmp_path):
    import kg.views
    from kg.build import size_notes
    from kg.graph import build_graph
    from kg.model import Entity, Link, Paper

    papers = [Paper(f"p{i}", f"Paper {i}", "An abstract.") for i in range(300)]
    entities = [Entity(f"method/m{i}", "method", f"M{i}", paper_count=1) for i in range(300)]
    links = [Link(f"p{i}", "usesMethod", f"method/m{i}") for i in range(300)]
    G = build_graph(papers, entities, links, extractor_version="test/1")
    monkeypatch.setattr(kg.views, "FULL_VIEW_MAX_NODES", 500)
    _, notes = size_notes(G, ["html"])
    assert len(notes) == 1 and "views/full.html not written: 600 nodes" in notes[0]
    written = kg.views.write_views(G, tmp_path / "a")
    assert "full" not in written and not (tmp_path / "a" / "views" / "full.html").exists()
    index = (tmp_path / "a" / "index.html").read_text(encoding="utf-8")
    assert "Full graph: not written" in index and "--full-view" in index
    written = kg.views.write_views(G, tmp_path / "b", full_view=True)
    assert written["full"].stat().st_size > 10_000
    assert size_notes(G, ["html"], full_view=True)[1] == []


def test_one_pass_rdf_equals_each_writer_alone(reference, tmp_path):
    """Turtle and JSON-LD converted from the N-Triples shards are what the plain writers give."""
    import kg
    from kg.export.jsonld import write_jsonld
    from kg.export.rdf import write_ntriples, write_turtle

    G = kg.load(reference)
    for writer, name in ((write_turtle, "graph.ttl"), (write_ntriples, "graph.nt"),
                         (write_jsonld, "graph.jsonld")):
        writer(G, tmp_path / name)
        assert (tmp_path / name).read_bytes() == (reference / name).read_bytes(), name


def test_a_failing_worker_fails_the_build_without_hanging():
    from kg.errors import InputError
    from kg.forked import run_forked

    def interrupted():
        raise KeyboardInterrupt

    def bad_input():  # its constructor takes three arguments: it does not pickle back as is
        raise InputError("x.txt", 3, "broken")

    with pytest.raises(KeyboardInterrupt):
        run_forked([lambda: 1, interrupted], jobs=2)
    with pytest.raises(Exception, match="x.txt:3: broken") as caught:
        run_forked([bad_input, lambda: 2], jobs=2)
    assert caught.value.exit_code == 2


def test_forked_tasks_run_side_by_side_in_this_process_and_a_child():
    import multiprocessing
    import os

    from kg.forked import run_forked

    started = multiprocessing.get_context("fork").Event()

    def waits():  # only returns once the other task runs: in another process
        assert started.wait(timeout=60)
        return os.getpid()

    def fails():
        started.set()
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_forked([waits, fails], jobs=2)
    started.clear()
    pids = run_forked([waits, lambda: started.set() or os.getpid()], jobs=2)
    assert len(set(pids)) == 2 and os.getpid() in pids
