"""RDF writers: IRIs, literals, evidence nodes, determinism and interop across formats."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pyoxigraph as ox
import pytest
from conftest import EXAMPLES, REPO  # noqa: I001
from rdf_sample import (
    ENTITIES,
    HOSTILE_ID,
    HOSTILE_LABEL,
    HOSTILE_TITLE,
    LINKS,
    PAPERS,
    sample_graph,
)
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg.errors import ExportError
from kg.export import OUTPUTS, get_writer
from kg.export.jsonld import generate_jsonld, write_jsonld
from kg.export.rdf import generate_triples, node_iri, write_ntriples, write_turtle
from kg.graph import BASE_IRI
from kg.vocab import KG


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("rdf")
    G = sample_graph()
    write_turtle(G, out / "graph.ttl")
    write_ntriples(G, out / "graph.nt")
    write_jsonld(G, out / "graph.jsonld")
    return out


def rdflib_graph(path, fmt):
    return Graph().parse(path, format=fmt)


def test_writers_are_registered_and_built_by_default():
    for name, filename in (("ttl", "graph.ttl"), ("nt", "graph.nt"), ("jsonld", "graph.jsonld")):
        writer, default = get_writer(name)
        assert default == filename and callable(writer)
        assert name in OUTPUTS
    assert get_writer("turtle")[1] == "graph.ttl"


def test_turtle_parses_with_rdflib_and_pyoxigraph_to_the_same_triple_count(exported):
    with_rdflib = len(rdflib_graph(exported / "graph.ttl", "turtle"))
    with_oxigraph = len(set(ox.parse(path=str(exported / "graph.ttl"), format=ox.RdfFormat.TURTLE)))
    assert with_rdflib == with_oxigraph == len(set(generate_triples(sample_graph())))
    assert with_rdflib > 100


def test_ntriples_and_turtle_hold_the_same_triples(exported):
    turtle = set(rdflib_graph(exported / "graph.ttl", "turtle"))
    ntriples = set(rdflib_graph(exported / "graph.nt", "nt"))
    assert turtle == ntriples
    lines = (exported / "graph.nt").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(set(lines)) == len(ntriples)  # one line per triple, no duplicates


def test_jsonld_round_trips_to_the_same_graph(exported):
    jsonld = set(rdflib_graph(exported / "graph.jsonld", "json-ld"))
    turtle = set(rdflib_graph(exported / "graph.ttl", "turtle"))
    assert jsonld == turtle
    document = json.loads((exported / "graph.jsonld").read_text(encoding="utf-8"))
    shipped = json.loads((REPO / "schemas" / "context.jsonld").read_text(encoding="utf-8"))
    assert document["@context"] == shipped["@context"]  # the shipped context, embedded
    p1 = next(n for n in document["@graph"] if n["id"] == "res:paper/p1")
    assert p1["type"] == "Paper" and p1["listingDate"] == {"@value": "2024-03-18",
                                                           "@type": "xsd:date"}
    assert sorted(p1["usesDataset"]) == ["res:dataset/coco", "res:dataset/laion"]


def test_turtle_binds_kg_prefix_and_uses_it(exported):
    text = (exported / "graph.ttl").read_text(encoding="utf-8")
    assert "@prefix kg: <https://w3id.org/papers-kg/ontology#> ." in text
    assert "kg:usesDataset dataset:coco" in text.replace("\t", " ") or "kg:usesDataset" in text


def test_hostile_titles_and_names_give_valid_iris_and_exact_literals(exported):
    nt = (exported / "graph.nt").read_text(encoding="utf-8")
    for iri in re.findall(r"<([^>]*)>", nt):
        assert re.fullmatch(r"[A-Za-z0-9%/:._~#-]+", iri), iri
    graph = rdflib_graph(exported / "graph.ttl", "turtle")
    hostile = URIRef(node_iri(HOSTILE_ID))
    assert (hostile, SKOS.prefLabel, Literal(HOSTILE_LABEL)) in graph
    assert (hostile, SKOS.altLabel, Literal('alias "one"')) in graph
    assert (URIRef(BASE_IRI + "paper/p5"), DCTERMS.title, Literal(HOSTILE_TITLE)) in graph
    assert (URIRef(BASE_IRI + "paper/p5"), KG.usesMethod, hostile) in graph
    store = ox.Store()
    store.bulk_load(path=str(exported / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    titles = {s["t"].value for s in store.query(
        "SELECT ?t WHERE { ?p <http://purl.org/dc/terms/title> ?t }")}
    assert HOSTILE_TITLE in titles


def test_node_iri_percent_encodes_everything_but_unreserved_characters():
    assert node_iri("method/gpt-4") == BASE_IRI + "method/gpt-4"
    assert node_iri("method/a/b") == BASE_IRI + "method/a%2Fb"
    assert node_iri("dataset/x y#z?") == BASE_IRI + "dataset/x%20y%23z%3F"
    assert node_iri("method/é") == BASE_IRI + "method/%C3%A9"


def test_plain_link_triples_and_evidence_nodes(exported):
    graph = rdflib_graph(exported / "graph.ttl", "turtle")
    p1, coco = URIRef(BASE_IRI + "paper/p1"), URIRef(BASE_IRI + "dataset/coco")
    assert (p1, KG.usesDataset, coco) in graph
    assert (p1, RDF.type, KG.Paper) in graph
    assert (URIRef(BASE_IRI + "method/diffusion-model"), RDF.type, KG.MethodFamily) in graph
    rows = list(graph.query("""
        SELECT ?sentence ?start ?end ?rule ?confidence ?version ?agent WHERE {
          ?e a kg:Evidence ; kg:paper ?p ; kg:relation kg:usesDataset ; kg:entity ?d ;
             kg:sentence ?sentence ; kg:startOffset ?start ; kg:endOffset ?end ;
             kg:rule ?rule ; kg:confidence ?confidence ;
             prov:wasAttributedTo ?agent . ?agent kg:extractorVersion ?version .
        }""", initNs={"kg": KG._NS, "prov": "http://www.w3.org/ns/prov#"},
        initBindings={"p": p1, "d": coco}))
    assert len(rows) == 1
    sentence, start, end, rule, confidence, version, agent = rows[0]
    assert str(sentence).startswith("We propose DiffuseX")
    assert (start.toPython(), end.toPython(), str(rule)) == (48, 52, "lexicon")
    assert float(confidence.toPython()) == 0.9 and str(version) == "kg-extract/test"
    assert (agent, RDF.type, KG.Extractor) in graph
    # two pieces of evidence for one link give two evidence nodes
    diffusex = URIRef(BASE_IRI + "method/diffusex")
    evidence = set(graph.subjects(KG.entity, diffusex))
    relations = sorted(str(graph.value(e, KG.relation)).rsplit("#")[-1] for e in evidence)
    assert relations == ["proposes", "usesMethod", "usesMethod"]


def test_listing_dates_are_typed(exported):
    graph = rdflib_graph(exported / "graph.nt", "nt")
    dates = {str(s).rsplit("/", 1)[-1]: o for s, o in graph.subject_objects(KG.listingDate)}
    assert dates["p1"].datatype == URIRef("http://www.w3.org/2001/XMLSchema#date")
    assert dates["p2"].datatype == URIRef("http://www.w3.org/2001/XMLSchema#gMonthDay")
    assert "p3" not in dates


def test_output_does_not_depend_on_insertion_order(tmp_path):
    forward = sample_graph()
    backward = sample_graph(PAPERS[::-1], ENTITIES[::-1], LINKS[::-1])
    for writer, name in ((write_turtle, "a.ttl"), (write_ntriples, "a.nt"),
                         (write_jsonld, "a.jsonld")):
        writer(forward, tmp_path / ("f" + name))
        writer(backward, tmp_path / ("b" + name))
        assert (tmp_path / ("f" + name)).read_bytes() == (tmp_path / ("b" + name)).read_bytes()
    assert "".join(generate_jsonld(forward)) == (tmp_path / "fa.jsonld").read_text("utf-8")


def test_unknown_relation_or_node_type_is_an_export_error(tmp_path):
    G = sample_graph()
    G.add_edge("paper/p1", "method/sdxl", key="likes", relation="likes")
    with pytest.raises(ExportError, match="likes"):
        write_turtle(G, tmp_path / "g.ttl")
    G = sample_graph()
    G.add_node("person/x", type="person", label="X")
    with pytest.raises(ExportError, match="person"):
        write_ntriples(G, tmp_path / "g.nt")


def test_two_builds_of_the_examples_are_byte_identical(tmp_path):
    outputs = []
    for run, seed in enumerate(("1", "2")):
        out = tmp_path / f"out{run}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", "build",
                        str(EXAMPLES), "--out", str(out),
                        "-q"], check=True, env=env, cwd=REPO, capture_output=True)
        outputs.append(out)
    for name in ("graph.ttl", "graph.nt", "graph.jsonld"):
        first, second = (o / name for o in outputs)
        assert first.stat().st_size > 1000
        assert first.read_bytes() == second.read_bytes(), name


def test_text_that_is_not_unicode_is_an_export_error(tmp_path):
    from kg.model import Paper, Source

    bad = Paper("px", "broken \ud800 title", "abstract", sources=(Source("f.txt", 1),))
    with pytest.raises(ExportError, match="not valid Unicode"):
        write_turtle(sample_graph([*PAPERS, bad], ENTITIES, LINKS), tmp_path / "g.ttl")
    G = sample_graph()
    G.add_node("method/\ud800", type="method", label="M")
    with pytest.raises(ExportError, match="cannot make an IRI"):
        write_ntriples(G, tmp_path / "g.nt")


def test_examples_build_formats_agree(tmp_path):
    from kg.build import build

    build([EXAMPLES], tmp_path / "out")
    out = tmp_path / "out"
    turtle = set(rdflib_graph(out / "graph.ttl", "turtle"))
    assert len(turtle) == len(set(ox.parse(path=str(out / "graph.ttl"),
                                           format=ox.RdfFormat.TURTLE)))
    assert turtle == set(rdflib_graph(out / "graph.nt", "nt"))
    assert turtle == set(rdflib_graph(out / "graph.jsonld", "json-ld"))
    assert any(p == KG.hasModality for _, p, _ in turtle)


def test_results_are_n_ary_nodes_with_typed_values(exported):
    g = rdflib_graph(exported / "graph.ttl", "turtle")
    p2 = URIRef(BASE_IRI + "paper/p2")
    results = sorted(g.objects(p2, KG.reportsResult))
    assert len(results) == 2
    by_value = {float(g.value(r, KG.value)): r for r in results}
    ours, whisper = by_value[4.1], by_value[5.0]
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert g.value(ours, KG.value).datatype == URIRef(xsd + "decimal")
    assert g.value(ours, KG.ownSystem) == Literal(True)
    assert g.value(ours, KG.ofMethod) is None  # the paper's own unnamed system
    assert g.value(whisper, KG.ofMethod) == URIRef(BASE_IRI + "method/whisper")
    assert g.value(whisper, KG.withMetric) == URIRef(BASE_IRI + "metric/wer")
    assert g.value(whisper, KG.onDataset) == URIRef(BASE_IRI + "dataset/librispeech")
    assert (g.value(whisper, KG.valueText), g.value(whisper, KG.unit)) == (Literal("5.0"),
                                                                           Literal("%"))
    assert (whisper, RDF.type, KG.Result) in g and g.value(whisper, KG.paper) == p2
    assert str(g.value(whisper, KG.sentence)).startswith("Our system gets a WER")
    # ... a kind of ML-Schema model evaluation, in the ontology.
    onto = Graph().parse(REPO / "schemas" / "kg.ttl", format="turtle")
    assert (KG.Result, URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf"),
            URIRef("http://www.w3.org/ns/mls#ModelEvaluation")) in onto
    # Metrics say which way is better.
    assert g.value(URIRef(BASE_IRI + "metric/fid"), KG.direction) == KG.LowerIsBetter
    assert g.value(URIRef(BASE_IRI + "metric/clip-score"), KG.direction) == KG.HigherIsBetter


def test_a_result_naming_an_unknown_node_is_an_export_error(tmp_path):
    G = sample_graph()
    G.nodes["paper/p1"]["results"][0]["metric"] = "metric/missing"
    with pytest.raises(ExportError, match="metric/missing"):
        write_turtle(G, tmp_path / "x.ttl")


def test_ntriples_text_escapes_every_character_as_pyoxigraph_does():
    # The writers make N-Triples as text; pyoxigraph's serialiser is the reference.
    from kg.export.rdf import _literal

    codes = [c for c in range(0x10000) if not 0xD800 <= c < 0xE000]
    codes += [0x10000, 0x1F600, 0x1FFFE, 0x1FFFF, 0xE0001, 0x10FFFF]
    s, p = ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p")
    theirs = ox.serialize([ox.Triple(s, p, ox.Literal(f"a{chr(c)}b")) for c in codes],
                          format=ox.RdfFormat.N_TRIPLES)
    ours = "".join(f"<http://x/s> <http://x/p> {_literal(f'a{chr(c)}b')} .\n" for c in codes)
    assert ours.encode("utf-8") == theirs


def test_ntriples_are_what_pyoxigraph_writes_for_the_same_triples(exported):
    data = (exported / "graph.nt").read_bytes()
    assert b"\\u" in data or b'\\"' in data  # the sample holds text that needs escaping
    again = ox.serialize(ox.parse(data, format=ox.RdfFormat.N_TRIPLES),
                         format=ox.RdfFormat.N_TRIPLES)
    assert again == data
