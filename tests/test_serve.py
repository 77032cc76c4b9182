"""`kg serve`: Oxigraph's server behind the checking front, driven by a real SPARQL client.

Everything listens on 127.0.0.1; the SERVICE test points at a local HTTP server that
must receive no request.
"""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from rdf_sample import sample_graph
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper

from kg.build import write_outputs
from kg.serve import SparqlServer

COUNT = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a kg:Paper }"


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("serve") / "out"
    write_outputs(sample_graph(), out, formats=["nt", "html", "graph-json"])
    return out


@pytest.fixture(scope="module")
def server(build_dir):
    with SparqlServer(build_dir, port=0, quiet=True) as running:
        yield running


def papers_in(G) -> int:
    return sum(1 for _, t in G.nodes(data="type") if t == "paper")


def client(server, query: str, fmt=JSON, method="GET") -> SPARQLWrapper:
    sparql = SPARQLWrapper(server.endpoint)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    sparql.setMethod(method)
    return sparql


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_select_over_get_and_post_in_json(server, method):
    answer = client(server, COUNT, JSON, method).queryAndConvert()
    assert int(answer["results"]["bindings"][0]["n"]["value"]) == papers_in(sample_graph())


def test_result_formats_follow_accept(server):
    query = ("SELECT ?label WHERE { ?m a kg:Method ; skos:prefLabel ?label } "
             "ORDER BY ?label")
    G = sample_graph()
    labels = sorted(str(d["label"]) for _, d in G.nodes(data=True) if d.get("type") == "method")
    rows = list(csv.reader(io.StringIO(client(server, query, CSV).queryAndConvert().decode())))
    assert rows[0] == ["label"] and sorted(r[0] for r in rows[1:]) == labels
    xml = client(server, query, XML).queryAndConvert()
    assert sorted(n.firstChild.data for n in xml.getElementsByTagName("literal")) == labels
    ask = client(server, "ASK { ?p kg:usesMethod ?m }").queryAndConvert()
    assert ask["boolean"] is True
    graph = client(server, "CONSTRUCT { ?p kg:usesMethod ?m } WHERE { ?p kg:usesMethod ?m }",
                   TURTLE).queryAndConvert()
    uses = sum(1 for _, _, k in G.edges(keys=True) if k == "usesMethod")
    assert graph.count(b"usesMethod") >= 1
    assert len(client(server, "SELECT * WHERE { ?p kg:usesMethod ?m }").queryAndConvert()[
        "results"]["bindings"]) == uses


def test_updates_are_refused_and_change_nothing(server):
    before = client(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").queryAndConvert()
    for statement in ("INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                      "DELETE WHERE { ?s ?p ?o }", "CLEAR DEFAULT"):
        sparql = client(server, statement, JSON, POST)
        with pytest.raises(urllib.error.HTTPError) as refused:
            sparql.query()
        assert refused.value.code == 403
        assert b"read-only" in refused.value.read()
    request = urllib.request.Request(server.endpoint, data=b"DROP ALL", method="POST",
                                     headers={"Content-Type": "application/sparql-update"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403
    after = client(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").queryAndConvert()
    assert after == before


def test_service_reaches_nothing(server, httpserver):
    httpserver.expect_request("/sparql").respond_with_data("{}")
    target = httpserver.url_for("/sparql")
    for query in (f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
                  f"select * {{ service silent <{target}> {{ ?s ?p ?o }} }}",
                  f"SELECT * {{ # a comment\n ?a ?b ?c . SeRvIcE\n<{target}> {{ ?s ?p ?o }} }}"):
        for method in ("GET", "POST"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                client(server, query, JSON, method).query()
            assert refused.value.code == 403
            assert b"SERVICE" in refused.value.read()
    time.sleep(0.3)
    assert httpserver.log == []


def test_malformed_query_is_a_client_error(server):
    with pytest.raises(Exception) as failed:
        client(server, "SELECT ?x WHERE { ?x ").query()
    assert "400" in str(failed.value) or "QueryBadFormed" in type(failed.value).__name__


def test_pages_and_query_form_are_served(server, build_dir):
    with urllib.request.urlopen(server.url, timeout=10) as answer:
        assert answer.read() == (build_dir / "index.html").read_bytes()
    with urllib.request.urlopen(server.url + "graph.html", timeout=10) as answer:
        assert answer.headers["Content-Type"].startswith("text/html")
    with urllib.request.urlopen(server.endpoint, timeout=10) as answer:
        assert b"<textarea" in answer.read()


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except FileNotFoundError:  # a thread that ended while we looked
            pass
    return found


def test_cli_serves_until_ctrl_c_and_stops_the_engine(build_dir):
    kg = Path(sys.executable).parent / "kg"
    # A suite started in the background (`make test &`) inherits SIGINT ignored; Ctrl-C
    # must reach kg serve here as it does in a terminal.
    proc = subprocess.Popen([str(kg), "serve", str(build_dir), "--port", "0", "-q"],
                            stderr=subprocess.PIPE, text=True, env={**os.environ},
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        lines = []
        while not any(line.startswith("SPARQL:") for line in lines):
            line = proc.stderr.readline()
            assert line, f"kg serve ended early: {''.join(lines)}"
            lines.append(line)
        endpoint = next(line.split()[1] for line in lines if line.startswith("SPARQL:"))
        assert endpoint.startswith("http://127.0.0.1:")
        answer = client(type("S", (), {"endpoint": endpoint})(), COUNT).queryAndConvert()
        assert int(answer["results"]["bindings"][0]["n"]["value"]) == papers_in(sample_graph())
        engines = _children(proc.pid)
        assert len(engines) == 1
        proc.send_signal(signal.SIGINT)
        assert proc.wait(20) == 0
        assert "stopped." in proc.stderr.read()
        assert not Path(f"/proc/{engines[0]}").exists() or \
            "zombie" in Path(f"/proc/{engines[0]}/status").read_text()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_missing_directory_is_one_line(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    result = CliRunner().invoke(main, ["serve", str(tmp_path / "nope")])
    assert result.exit_code == 2 and "does not exist" in result.output
