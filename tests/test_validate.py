"""`kg validate`: every export we write conforms; broken exports fail readably with exit 1."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES  # noqa: I001
from rdf_sample import sample_graph
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD
from shacl_reference import pyshacl_violations

from kg.build import build
from kg.cli import main
from kg.export.jsonld import write_jsonld
from kg.export.rdf import write_ntriples, write_turtle
from kg.graph import BASE_IRI
from kg.validate import compile_shapes, validate_export
from kg.vocab import KG


@pytest.fixture(scope="module")
def sample_export(tmp_path_factory):
    out = tmp_path_factory.mktemp("valid")
    G = sample_graph()
    write_turtle(G, out / "graph.ttl")
    write_ntriples(G, out / "graph.nt")
    write_jsonld(G, out / "graph.jsonld")
    return out


@pytest.mark.parametrize("name", ["graph.ttl", "graph.nt", "graph.jsonld"])
def test_sample_exports_conform(sample_export, name):
    report = validate_export(sample_export / name)
    assert report.conforms, [str(v) for v in report.violations]
    assert report.triples > 100


def test_examples_build_conforms(tmp_path):
    build([EXAMPLES], tmp_path / "out")
    for name in ("graph.ttl", "graph.nt", "graph.jsonld"):
        report = validate_export(tmp_path / "out" / name)
        assert report.conforms, [str(v) for v in report.violations[:5]]
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "out")])
    assert result.exit_code == 0 and "conforms" in result.output


@pytest.mark.corpus
def test_corpus_build_conforms(corpus_build):
    result = CliRunner().invoke(main, ["validate", str(corpus_build.out)])
    assert result.exit_code == 0, result.output


def break_export(sample_export, tmp_path) -> str:
    graph = Graph().parse(sample_export / "graph.ttl", format="turtle")
    p1 = URIRef(BASE_IRI + "paper/p1")
    # an evidence confidence out of range, a second title, a modality outside the closed list,
    # a link to something that is not a dataset, and evidence for a link that is not there
    evidence = next(iter(graph.subjects(KG.paper, p1)))
    graph.set((evidence, KG.confidence, Literal("1.5", datatype=URIRef(
        "http://www.w3.org/2001/XMLSchema#decimal"))))
    graph.add((p1, URIRef("http://purl.org/dc/terms/title"), Literal("Another title")))
    smell = URIRef(BASE_IRI + "modality/smell")
    graph.add((smell, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), KG.Modality))
    graph.add((smell, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("smell")))
    graph.add((smell, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), Literal("smell")))
    graph.add((p1, KG.usesDataset, URIRef(BASE_IRI + "method/sdxl")))
    graph.remove((p1, KG.usesDataset, URIRef(BASE_IRI + "dataset/laion")))
    # A result of another system that names none, and one its paper does not list.
    for result in graph.objects(p1, KG.reportsResult):
        if graph.value(result, KG.ownSystem) == Literal(False):
            graph.remove((result, KG.ofMethod, None))
    p2 = URIRef(BASE_IRI + "paper/p2")
    graph.remove((p2, KG.reportsResult, next(graph.objects(p2, KG.reportsResult))))
    path = tmp_path / "broken.ttl"
    graph.serialize(path, format="turtle")
    return str(path)


def test_broken_export_fails_with_readable_violations(sample_export, tmp_path):
    result = CliRunner().invoke(main, ["validate", break_export(sample_export, tmp_path)])
    assert result.exit_code == 1
    out = result.output
    assert "Traceback" not in out
    assert "kg:confidence is one xsd:decimal between 0 and 1" in out
    assert "paper:p1 dcterms:title: a paper needs exactly one dcterms:title" in out
    assert "modality:smell" in out and "closed list of modalities" in out
    assert "kg:usesDataset must point at a kg:Dataset (value: method:sdxl)" in out
    assert "is not in the graph" in out  # evidence for the removed LAION link
    assert "a result names its kg:ofMethod unless it is the paper's own system" in out
    assert "does not list it with kg:reportsResult" in out
    assert "violation(s) of the kg shapes" in out


def test_violation_limit(sample_export, tmp_path):
    result = CliRunner().invoke(main, ["validate", "--limit", "1",
                                       break_export(sample_export, tmp_path)])
    assert result.exit_code == 1
    assert "more (see --limit)" in result.output


def test_missing_or_unparseable_export_is_one_line_error(tmp_path):
    result = CliRunner().invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert "no RDF export in this directory" in result.output
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "not valid Turtle" in result.output and "line 1" in result.output
    assert "Traceback" not in result.output


def test_role_relations_only_point_at_entities_their_range_allows():
    # found by the shapes on the corpus: a modality cue tagged as a baseline gave
    # `paper kg:comparesWith modality:text`; comparesWith ranges over methods only.
    from kg.model import Evidence, Extraction, Mention
    from kg.resolve import resolve

    evidence = Evidence("abstract", 0, 4, "text", "text beats x", "modality-cue", 0.8)
    mentions = (Mention("text", "modality", evidence, roles=("uses", "baseline", "proposed")),
                Mention("X", "dataset", evidence, roles=("uses", "baseline", "proposed")))
    _, links = resolve([Extraction("p1", mentions)])
    assert sorted((link.relation, link.entity_id) for link in links) == [
        ("hasModality", "modality/text"), ("proposes", "dataset/x"),
        ("usesDataset", "dataset/x")]


def _mutate(sample_export, tmp_path, name, change) -> str:
    graph = Graph().parse(sample_export / "graph.ttl", format="turtle")
    change(graph)
    path = tmp_path / f"{name}.ttl"
    graph.serialize(path, format="turtle")
    return str(path)


def _blank(violations):
    """Blank node labels differ between the engines: compare them as one label."""
    return [v if not (v.value or "").startswith("_:") else
            type(v)(v.focus, v.path, v.message, "_:b", v.severity) for v in violations]


def _evidence_of(graph, paper="p1"):
    return sorted(graph.subjects(KG.paper, URIRef(BASE_IRI + f"paper/{paper}")))


def _break_evidence(graph):
    first, second, third, *_ = _evidence_of(graph)
    graph.set((first, KG.startOffset, Literal(99)))  # after its end
    graph.set((first, KG.inField, Literal("body")))
    graph.remove((second, KG.sentence, None))
    graph.add((second, KG.rule, Literal("another-rule")))
    graph.set((third, KG.endOffset, Literal("12")))  # a string, not an integer
    graph.set((third, KG.entity, Literal("not an IRI")))
    graph.set((third, KG.relation, URIRef(str(KG.paper).replace("paper", "likes"))))
    graph.set((third, PROV.wasAttributedTo, URIRef(BASE_IRI + "method/sdxl")))


def _break_papers(graph):
    p2, p3 = URIRef(BASE_IRI + "paper/p2"), URIRef(BASE_IRI + "paper/p3")
    graph.remove((p2, KG.sourceRecord, None))
    graph.set((p2, RDFS.label, Literal("")))
    graph.add((p2, SKOS.prefLabel, Literal("second label")))
    graph.set((p2, KG.listingDate, Literal("March 19")))
    graph.add((p3, KG.proposes, URIRef(BASE_IRI + "modality/image")))
    graph.add((p3, KG.authorName, URIRef("https://example.org/someone")))
    graph.add((p3, SKOS.altLabel, Literal("en label", lang="en")))  # allowed
    graph.add((p3, SKOS.altLabel, BNode()))
    graph.remove((p3, DCTERMS.title, None))


def _break_entities(graph):
    sdxl, text = URIRef(BASE_IRI + "method/sdxl"), URIRef(BASE_IRI + "modality/text")
    graph.set((sdxl, KG.paperCount, Literal(-1)))
    graph.add((sdxl, KG.paperCount, Literal(3)))
    graph.remove((text, SKOS.inScheme, None))
    graph.remove((URIRef(BASE_IRI + "method/clip"), RDFS.label, None))
    agent = next(graph.subjects(RDF.type, KG.Extractor))
    graph.add((agent, KG.extractorVersion, Literal("kg-extract/9")))
    graph.add((URIRef(BASE_IRI + "task/x"), RDF.type, KG.Task))  # no labels at all
    graph.set((next(iter(_evidence_of(graph, "p2"))), KG.confidence,
               Literal("0.5", datatype=XSD.double)))


def _break_results(graph):
    # Results share properties with evidence (kg:confidence, kg:startOffset, ...), checked
    # alike in both shapes by one query: each violation must be told under its own shape.
    result = next(iter(sorted(graph.subjects(RDF.type, KG.Result))))
    graph.set((result, KG.confidence, Literal("1.5", datatype=XSD.decimal)))
    graph.set((result, KG.startOffset, Literal(500)))
    graph.remove((result, KG.sentence, None))
    graph.set((result, KG.inField, Literal("body")))
    graph.add((result, KG.rule, Literal("another-rule")))


def _move_property(graph):
    # A property missing on one node while a node of another class gains one: its distinct
    # subjects stay as many (the screen that groups properties by that number must still
    # see it), and one of several properties of a class missing on one node each.
    first, second, third, *_ = _evidence_of(graph)
    result = next(iter(sorted(graph.subjects(RDF.type, KG.Result))))
    graph.add((result, KG.entity, graph.value(first, KG.entity)))
    graph.remove((first, KG.entity, None))
    graph.remove((second, KG.rule, None))
    graph.add((third, KG.confidence, Literal("0.25", datatype=XSD.decimal)))  # two values
    graph.remove((result, KG.withMetric, None))
    graph.remove((next(graph.subjects(RDF.type, KG.Extractor)), KG.extractorVersion, None))


def _drop_everywhere(graph):
    # A property every evidence node lacks (no subjects at all), and one only a result has.
    graph.remove((None, KG.relation, None))
    for evidence in _evidence_of(graph, "p2"):
        graph.remove((evidence, KG.sentence, None))


@pytest.mark.parametrize("change", [_break_evidence, _break_papers, _break_entities,
                                    _break_results, _move_property, _drop_everywhere,
                                    lambda graph: None])
def test_compiled_shapes_report_what_pyshacl_reports(sample_export, tmp_path, change):
    path = _mutate(sample_export, tmp_path, getattr(change, "__name__", "x").strip("<>"), change)
    ours = validate_export(path).violations
    assert _blank(ours) == _blank(pyshacl_violations(path))
    if change.__name__ != "<lambda>":
        assert len(ours) >= 5


def test_broken_export_matches_pyshacl(sample_export, tmp_path):
    path = break_export(sample_export, tmp_path)
    assert validate_export(path).violations == pyshacl_violations(path)
    # queries run side by side report the same as one at a time
    assert validate_export(path, jobs=1).violations == validate_export(path, jobs=3).violations


def test_every_shape_constraint_is_compiled():
    """Each (shape, path, constraint) of kg-shapes.ttl is checked by a compiled query."""
    from rdflib.namespace import SH

    from kg.resources import schema_path
    from kg.validate import SUPPORTED

    shapes = Graph().parse(schema_path("kg-shapes.ttl"), format="turtle")
    wanted = set()
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        for prop in shapes.objects(shape, SH.property):
            for _, parameter, _ in shapes.triples((prop, None, None)):
                name = parameter.removeprefix(str(SH))
                if name in SUPPORTED and not (name == "minCount" and
                                              shapes.value(prop, parameter).toPython() == 0):
                    wanted.add((str(shape), str(shapes.value(prop, SH.path)), name))
    compiled = {(c.shape, c.path, c.name) for check in compile_shapes()
                for c in [*(f[0] for f in check.flags.values()), *check.by_path.values()]}
    assert wanted and wanted == compiled


def test_unknown_constraint_is_refused(tmp_path):
    from kg.errors import KgError

    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("""@prefix sh: <http://www.w3.org/ns/shacl#> .
<urn:s> a sh:NodeShape ; sh:targetClass <urn:C> ;
    sh:property [ sh:path <urn:p> ; sh:pattern "^a" ] .
""", encoding="utf-8")
    with pytest.raises(KgError, match="sh:pattern cannot be compiled"):
        compile_shapes(shapes)


# ------------------------------------------------------------ a build's query store

def _store_files(out):
    """Name, size, mtime and bytes of every file of a build's store."""
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted((out / "store").iterdir())}


def _built(out, graph_nt: bytes):
    """A build directory as `kg build` leaves one: graph.nt, its query store, the store's
    stamp and the manifest (the graph may be broken: the build's writers are not run)."""
    import hashlib
    import json

    from kg.outdir import staged_output
    from kg.store import STAMP_FILE, write_store

    with staged_output(out) as staging:
        (staging / "graph.nt").write_bytes(graph_nt)
        digest = hashlib.sha1(graph_nt).hexdigest()
        write_store(staging / "store", staging / "graph.nt", digest)
        (staging / STAMP_FILE).parent.mkdir(parents=True, exist_ok=True)
        (staging / STAMP_FILE).write_text(json.dumps(
            {"digest": digest, "nt_size": len(graph_nt)}), encoding="utf-8")
    return out


def _ntriples(path) -> bytes:
    return Graph().parse(path).serialize(format="nt", encoding="utf-8")


def test_build_directory_is_validated_in_its_store_left_untouched(tmp_path):
    out = tmp_path / "out"
    build([EXAMPLES], out)
    before = _store_files(out)
    report = validate_export(out)
    assert report.store == out / "store" and report.conforms
    assert report.triples == validate_export(out / "graph.nt").triples
    assert _store_files(out) == before
    result = CliRunner().invoke(main, ["validate", str(out)])
    assert result.exit_code == 0 and "read from" in result.output


def test_broken_build_reports_from_its_store_what_the_file_gives(sample_export, tmp_path):
    out = _built(tmp_path / "out", _ntriples(break_export(sample_export, tmp_path)))
    from_store = validate_export(out)
    from_file = validate_export(out / "graph.nt")
    assert from_store.store == out / "store" and from_file.store is None
    assert from_store.violations == from_file.violations and len(from_store.violations) >= 5
    assert from_store.triples == from_file.triples
    result = CliRunner().invoke(main, ["validate", str(out)])
    assert result.exit_code == 1 and "is not in the graph" in result.output


def test_stale_store_is_not_trusted(sample_export, tmp_path):
    valid = _ntriples(sample_export / "graph.nt")
    broken = _ntriples(break_export(sample_export, tmp_path))
    # graph.nt replaced after the build: the file is validated, not the store
    out = _built(tmp_path / "replaced", valid)
    (out / "graph.nt").write_bytes(broken)
    report = validate_export(out)
    assert report.store is None and not report.conforms
    # edited to the same size (the stamp's size check alone would pass it)
    out = _built(tmp_path / "edited", valid)
    text = (out / "graph.nt").read_bytes()
    at = text.index(b'ontology#confidence> "0.') + len(b'ontology#confidence> "')
    edited = text[:at] + b"7" + text[at + 1:]
    assert edited != text and len(edited) == len(text)
    (out / "graph.nt").write_bytes(edited)
    report = validate_export(out)
    assert report.store is None
    assert any("between 0 and 1" in v.message for v in report.violations)
    # a store holding another export, with this one's stamp
    out = _built(tmp_path / "swapped", broken)
    other = _built(tmp_path / "other", valid)
    import shutil

    shutil.rmtree(out / "store")
    shutil.copytree(other / "store", out / "store")
    report = validate_export(out)
    assert report.store is None and not report.conforms
    # only touched (same bytes, new time): the hash says it is the same file
    out = _built(tmp_path / "touched", broken)
    import os

    os.utime(out / "graph.nt", ns=(1, 1))
    report = validate_export(out)
    assert report.store == out / "store" and not report.conforms


@pytest.mark.parametrize("lookup_rows", [0, 10**9])
def test_anti_joins_looked_up_or_screened_report_what_pyshacl_reports(
        sample_export, tmp_path, monkeypatch, lookup_rows):
    # sh:minCount/sh:hasValue checks run as lookups when the focus nodes are few and as
    # screened anti-joins otherwise (the choice is by counts): both report the same
    import kg.validate

    monkeypatch.setattr(kg.validate, "LOOKUP_ROWS", lookup_rows)
    for change in (_move_property, _drop_everywhere, _break_results, _break_entities):
        path = _mutate(sample_export, tmp_path, change.__name__, change)
        assert _blank(validate_export(path).violations) == _blank(pyshacl_violations(path))


# ------------------------------------------------------------ counts the build records

def _record(out):
    import json

    from kg.store import STAMP_FILE
    from kg.validate import record_counts

    digest = json.loads((out / STAMP_FILE).read_text(encoding="utf-8"))["digest"]
    assert record_counts(out, digest, min_bytes=0)
    return digest


def test_recorded_counts_report_what_scanning_gives(sample_export, tmp_path):
    for change in (_move_property, _drop_everywhere, _break_results, _break_entities):
        path = _mutate(sample_export, tmp_path, change.__name__, change)
        out = _built(tmp_path / change.__name__, _ntriples(path))
        scanned = validate_export(out)
        _record(out)
        recorded = validate_export(out)
        assert recorded.recorded and not scanned.recorded
        assert recorded.violations == scanned.violations and len(recorded.violations) >= 3
        assert recorded.triples == scanned.triples == validate_export(out / "graph.nt").triples


def test_recorded_counts_of_another_store_are_not_trusted(sample_export, tmp_path):
    import pyoxigraph as ox

    out = _built(tmp_path / "out", _ntriples(sample_export / "graph.nt"))
    _record(out)
    assert validate_export(out).recorded and validate_export(out).conforms
    # the store written after the build (its stamp still there): the counts no longer hold
    # (a title gone, which only the sh:minCount check the counts screen can see)
    store = ox.Store(str(out / "store"))
    paper = ox.NamedNode(BASE_IRI + "paper/p1")
    title = ox.NamedNode(str(DCTERMS.title))
    for quad in list(store.quads_for_pattern(paper, title, None, ox.DefaultGraph())):
        store.remove(quad)
    store.flush()
    del store
    report = validate_export(out)
    assert report.store == out / "store"
    assert any(v.focus == "paper:p1" and v.path == "dcterms:title" for v in report.violations)
    assert not report.recorded
    # counts recorded for other schemas or another export, or unreadable
    import json

    from kg.validate import COUNTS_FILE

    _record(out)
    assert validate_export(out).recorded
    recorded = json.loads((out / COUNTS_FILE).read_text(encoding="utf-8"))
    for key in ("schemas", "digest"):
        (out / COUNTS_FILE).write_text(json.dumps({**recorded, key: "x"}), encoding="utf-8")
        assert not validate_export(out).recorded
    (out / COUNTS_FILE).write_text("{", encoding="utf-8")
    report = validate_export(out)
    assert not report.recorded and report.store == out / "store"
    assert any(v.path == "dcterms:title" for v in report.violations)


def test_build_records_counts_and_a_rebuild_keeps_them(tmp_path, monkeypatch):
    import shutil

    import kg.validate
    from kg.validate import COUNTS_FILE

    out = tmp_path / "out"
    build([EXAMPLES], out)  # small: nothing recorded, validate counts
    assert not (out / COUNTS_FILE).exists() and not validate_export(out).recorded
    monkeypatch.setattr(kg.validate, "RECORD_BYTES", 0)
    shutil.rmtree(out)
    build([EXAMPLES], out)
    report = validate_export(out)
    assert report.recorded and report.conforms and (out / COUNTS_FILE).exists()
    assert report.triples == validate_export(out / "graph.nt").triples
    build([EXAMPLES], out)  # nothing changed: the store and its counts are kept
    assert validate_export(out).recorded


def test_build_goes_on_when_the_counts_cannot_be_made(tmp_path, monkeypatch):
    import kg.validate
    from kg.validate import COUNTS_FILE

    def fail(*_args, **_kwargs):
        raise OSError("no space left on device")

    monkeypatch.setattr(kg.validate, "RECORD_BYTES", 0)
    monkeypatch.setattr(kg.validate, "screen_counts", fail)
    out = tmp_path / "out"
    build([EXAMPLES], out)
    assert not (out / COUNTS_FILE).exists()
    report = validate_export(out)
    assert report.store == out / "store" and not report.recorded and report.conforms
