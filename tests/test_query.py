"""`kg query` and kg.query: formats, files, bindings, errors, read-only, timeout, store."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdf_sample import sample_graph

from kg.cli import main
from kg.errors import QueryError
from kg.export.rdf import write_ntriples, write_turtle
from kg.query import check_read_only, open_store, parse_binding, run_query

B = "https://w3id.org/papers-kg/resource/"
TOP = ("SELECT ?label (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p kg:comparesWith ?m . "
       "?m skos:prefLabel ?label } GROUP BY ?label ORDER BY DESC(?n) ?label")


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    directory = tmp_path_factory.mktemp("out")
    write_turtle(sample_graph(), directory / "graph.ttl")
    write_ntriples(sample_graph(), directory / "graph.nt")
    return directory


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_table_output(out):
    result = invoke("query", out, TOP)
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "SDXL" in line or "Whisper" in line]
    assert "SDXL" in lines[0] and "2" in lines[0] and "Whisper" in lines[1]
    assert "2 row(s)" in result.output


def test_csv_tsv_and_json_results(out):
    rows = list(csv.reader(io.StringIO(invoke("query", out, TOP, "--format", "csv").output)))
    assert rows == [["label", "n"], ["SDXL", "2"], ["Whisper", "1"]]
    tsv = invoke("query", out, TOP, "--format", "tsv").output.splitlines()
    assert tsv[0] == "?label\t?n" and tsv[1].startswith('"SDXL"\t2')
    document = json.loads(invoke("query", out, TOP, "--format", "json").output)
    assert document["head"]["vars"] == ["label", "n"]
    first = document["results"]["bindings"][0]
    assert first["label"] == {"type": "literal", "value": "SDXL"}
    assert first["n"]["value"] == "2" and first["n"]["datatype"].endswith("#integer")


def test_query_from_file_with_a_binding(out, tmp_path):
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?name ?m ?d WHERE { ?p kg:usesDataset ?d ; kg:comparesWith ?m . "
                     "?m skos:prefLabel ?name } ORDER BY ?d", encoding="utf-8")
    result = invoke("query", out, "--file", query, "--bind", "name=Whisper", "--format", "csv")
    assert result.exit_code == 0, result.output
    expected = ["name,m,d", f"Whisper,{B}method/whisper,{B}dataset/librispeech"]
    assert result.output.split() == expected
    result = invoke("query", out, "--file", query, "--bind", "m=method:whisper", "--format", "csv")
    assert result.output.split() == expected
    result = invoke("query", out, "--file", query, "--bind", "p=paper:p2")
    assert result.exit_code == 1 and "does not select" in result.output


def test_ask_and_construct(out):
    assert invoke("query", out, "ASK { ?p a kg:Paper }").output.strip() == "true"
    assert invoke("query", out, "ASK { ?p a kg:Banana }").output.strip() == "false"
    result = invoke("query", out, "CONSTRUCT { ?m a kg:Method } WHERE { ?p kg:comparesWith ?m }")
    assert result.exit_code == 0
    assert "method:sdxl a kg:Method" in result.output


def test_ontology_and_modality_scheme_are_named_graphs(out):
    result = invoke("query", out, "--format", "csv",
                    "SELECT (COUNT(?c) AS ?n) WHERE { GRAPH <https://w3id.org/papers-kg/resource/"
                    "modalities> { ?c skos:topConceptOf ?s } }")
    assert result.output.split() == ["n", "14"]
    result = invoke("query", out, "--format", "csv",
                    "SELECT ?super WHERE { GRAPH ?g { kg:Paper rdfs:subClassOf ?super } } "
                    "ORDER BY ?super")
    assert "https://schema.org/ScholarlyArticle" in result.output.split()


def test_malformed_query_reports_the_parser_position(out):
    result = invoke("query", out, "SELECT ?x WHERE { ?x ?y }")
    assert result.exit_code == 1
    assert "malformed query" in result.output and "error at 1:" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }",
    "PREFIX x: <http://x/> DELETE WHERE { ?s ?p ?o }",
    "# a comment\nLOAD <http://example.org/data.ttl>",
    "DROP ALL",
])
def test_updates_are_refused(out, update):
    result = invoke("query", out, update)
    assert result.exit_code == 1
    assert "read-only" in result.output
    assert len(open_store(out).query("SELECT * WHERE { ?s ?p ?o } LIMIT 1").variables) == 3


def test_service_is_refused_but_the_word_in_a_string_is_fine():
    with pytest.raises(QueryError, match="SERVICE"):
        check_read_only("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    check_read_only('SELECT * WHERE { ?s ?p "SERVICE INSERT" } # DELETE')


def test_timeout_stops_a_long_query(out):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    result = invoke("query", out, slow, "--timeout", "0.5")
    assert result.exit_code == 1
    assert "timed out after 0.5 s" in result.output


def test_timeout_returns_the_same_answer_when_in_time(out):
    store = open_store(out)
    direct = run_query(store, TOP).records()
    assert run_query(store, TOP, timeout=30).records() == direct
    assert direct == [{"label": "SDXL", "n": 2}, {"label": "Whisper", "n": 1}]


def test_persistent_store_is_reused_until_the_export_changes(tmp_path):
    export = tmp_path / "graph.nt"
    write_ntriples(sample_graph(), export)
    store_dir = tmp_path / "store"
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    store = open_store(export, store_dir)
    n = run_query(store, count).records()[0]["n"]
    # a marker added to the store survives reopening (no reload) ...
    store.add(ox.Quad(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/b"), ox.Literal("c")))
    store.flush()
    del store
    store = open_store(export, store_dir)
    assert run_query(store, count).records()[0]["n"] == n + 1
    del store
    # ... until the export changes: then the store is rebuilt from it
    G = sample_graph()
    G.remove_node("paper/p4")
    write_ntriples(G, export)
    store = open_store(export, store_dir)
    smaller = run_query(store, count).records()[0]["n"]
    assert smaller < n
    # `store` stays open in this process: the CLI's query child must not inherit its threads
    result = invoke("query", export, "--store", tmp_path / "store2", "--format", "csv", count)
    assert result.output.split() == ["n", str(smaller)]


def test_binding_syntax():
    assert parse_binding("x=<http://e.org/a>") == ("x", ox.NamedNode("http://e.org/a"))
    assert parse_binding("?x=dataset:coco") == ("x", ox.NamedNode(B + "dataset/coco"))
    assert parse_binding("x=http://e.org") == ("x", ox.Literal("http://e.org"))
    with pytest.raises(QueryError, match="NAME=VALUE"):
        parse_binding("novalue")


def test_query_argument_or_file_exactly_one(out, tmp_path):
    assert invoke("query", out).exit_code == 2
    query = tmp_path / "q.rq"
    query.write_text("ASK {}", encoding="utf-8")
    assert invoke("query", out, "ASK {}", "--file", query).exit_code == 2


def test_source_without_export_is_one_line_error(tmp_path):
    result = invoke("query", tmp_path, "ASK {}")
    assert result.exit_code == 1
    assert "no RDF export" in result.output


def test_store_in_use_is_a_clear_error(tmp_path):
    export = tmp_path / "graph.nt"
    write_ntriples(sample_graph(), export)
    holder = open_store(export, tmp_path / "store")
    result = invoke("query", export, "--store", tmp_path / "store", "ASK {}")
    assert result.exit_code == 1
    assert "in use by another process" in result.output
    del holder


def test_named_shipped_queries(out):
    listing = invoke("query", out, "--named", "list")
    assert listing.exit_code == 0
    assert "top-baselines: Which methods are most often used as baselines?" in listing.output
    result = invoke("query", out, "-n", "top-baselines", "--format", "csv")
    assert result.output.splitlines() == ["method,label,papers", f"{B}method/sdxl,SDXL,2",
                                          f"{B}method/whisper,Whisper,1"]
    result = invoke("query", out, "-n", "no-such-query")
    assert result.exit_code == 2 and "no shipped query named 'no-such-query'" in result.output
    assert invoke("query", out, "-n", "top-baselines", "ASK {}").exit_code == 2


def test_a_bound_name_matches_labels_and_aliases_in_any_case(out, tmp_path):
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?name ?d WHERE { ?p kg:usesDataset ?d ; kg:usesMethod ?m . "
                     "?m skos:prefLabel ?name } ORDER BY ?d", encoding="utf-8")
    exact = invoke("query", out, "--file", query, "--bind", "name=SDXL", "--format", "csv")
    assert exact.exit_code == 0 and len(exact.output.split()) > 1
    for spelling in ("sdxl", "Stable diffusion XL", "sd-xl"):  # case and alias, as --focus
        result = invoke("query", out, "--file", query, "--bind", f"name={spelling}",
                        "--format", "csv")
        assert result.output == exact.output, spelling
    nobody = invoke("query", out, "--file", query, "--bind", "name=nothing-by-this-name",
                    "--format", "csv")
    assert nobody.output.split() == ["name,d"]


def test_malformed_query_error_is_one_short_line(out):
    result = invoke("query", out, "SELECT ?x WHERE { ?x ?y")
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert line.startswith("Error: malformed query: error at 1:") and len(line) < 220
    assert '?x ?y' in line  # where it stopped


def test_tables_fit_80_columns_without_squeezing():
    from rich.console import Console

    from kg.cli.rdf import layout_table

    sentence = "A long evidence sentence that goes on and on about methods and datasets. " * 3
    names = ["datasetName", "paper", "relation", "sentence", "confidence"]
    rows = [["ImageNet", "paper:some-long-paper-identifier-1234", "kg:usesDataset", sentence,
             "0.95"]]
    console = Console(width=80, record=True, file=io.StringIO())
    for part in layout_table(names, rows, 80):
        console.print(part)
    text = console.export_text()
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "datasetName" in text and "confidence" in text  # headers whole, not "data…"
    assert sentence.strip() in " ".join(text.split())  # the sentence whole, not cut
    short = layout_table(["method", "papers"], [["method:gpt-4", "3"]], 80)
    console = Console(width=80, record=True, file=io.StringIO())
    console.print(short[0])
    assert "method:gpt-4" in console.export_text()
