"""`kg query` as a hostile user would use it: no network, bounded memory, no crash, no markup."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request

import pytest
from click.testing import CliRunner
from rdf_sample import sample_graph

import kg.query
from kg.cli import main
from kg.errors import QueryError
from kg.export.rdf import write_ntriples
from kg.graph import build_graph
from kg.model import Paper, Source
from kg.query import check_read_only, query_export


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    directory = tmp_path_factory.mktemp("out")
    write_ntriples(sample_graph(), directory / "graph.nt")
    return directory


ENDPOINT = """
import http.server, sys
log = open(sys.argv[1], "a", buffering=1)
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        log.write(self.path + "\\n")
        body = (b'{"head":{"vars":["x"]},"results":{"bindings":'
                b'[{"x":{"type":"literal","value":"REMOTE"}}]}}')
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    do_POST = do_GET
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
"""


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    """A SPARQL endpoint on 127.0.0.1 that logs every request it gets (in its own process,
    so this one stays single-threaded and its query children are forked)."""
    log = tmp_path_factory.mktemp("endpoint") / "requests.log"
    log.touch()
    server = subprocess.Popen([sys.executable, "-c", ENDPOINT, str(log)],
                              stdout=subprocess.PIPE, text=True)
    port = int(server.stdout.readline())
    url = f"http://127.0.0.1:{port}/"
    with urllib.request.urlopen(url + "probe") as response:  # the endpoint does answer
        assert b"REMOTE" in response.read()
    yield url, lambda: [line for line in log.read_text().split() if line != "/probe"]
    server.terminate()
    server.wait()


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


SERVICE_QUERIES = [
    "SELECT * WHERE { SERVICE <{ep}> { ?s ?p ?o } }",
    "select * where { service <{ep}> { ?s ?p ?o } }",
    "SELECT * WHERE { SeRvIcE SILENT <{ep}> { ?s ?p ?o } }",
    # the escaped quote in a prefixed name that fooled the keyword scan
    "SELECT * WHERE { BIND(kg:a\\' AS ?x) SERVICE <{ep}> { ?s ?p ?o } }",
    "SELECT * WHERE { ?a ?b 'it\\'s' . SERVICE <{ep}> { ?s ?p ?o } }",
    "SELECT * WHERE { ?a ?b '''multi\n} # ''' . SERVICE <{ep}> { ?s ?p ?o } }",
    "SELECT * WHERE { ?a ?b \"q\\\"\" SERVICE <{ep}> { ?s ?p ?o } }",
    "PREFIX ep: <{ep}> SELECT * WHERE { SERVICE ep: { ?s ?p ?o } }",
    "BASE <{ep}> SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { VALUES ?ep { <{ep}> } SERVICE ?ep { ?s ?p ?o } }",
    "SELECT * WHERE { BIND(IRI('{ep}') AS ?ep) SERVICE ?ep { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE#comment\n<{ep}> { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <{ep}> { ?s ?p ?o } }",
    "SELECT * WHERE { OPTIONAL { SERVICE <{ep}> { ?s ?p ?o } } }",
    "SELECT * WHERE { { ?a ?b ?c } UNION { SERVICE <{ep}> { ?s ?p ?o } } }",
    "SELECT * WHERE { ?a ?b ?c MINUS { SERVICE <{ep}> { ?a ?b ?c } } }",
    "SELECT * WHERE { ?a ?b ?c FILTER EXISTS { SERVICE <{ep}> { ?a ?b ?c } } }",
    "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <{ep}> { ?s ?p ?o } } } }",
    "SELECT * WHERE { GRAPH ?g { SERVICE <{ep}> { ?s ?p ?o } } }",
    "ASK { SERVICE <{ep}> { ?s ?p ?o } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <{ep}> { ?s ?p ?o } }",
    "DESCRIBE ?s WHERE { SERVICE <{ep}> { ?s ?p ?o } }",
]


@pytest.mark.parametrize("template", SERVICE_QUERIES)
def test_no_way_of_writing_service_reaches_the_network(out, endpoint, template):
    url, requests = endpoint
    query = template.replace("{ep}", url)
    result = invoke("query", out, query, "--format", "csv")
    assert result.exit_code == 1, result.output
    assert "SERVICE" in result.output and "REMOTE" not in result.output
    assert requests() == []


def test_a_service_variable_given_by_bind_is_refused_too(out, endpoint):
    url, requests = endpoint
    result = invoke("query", out, "SELECT * WHERE { SERVICE ?ep { ?s ?p ?o } }",
                    "--bind", f"ep=<{url}>")
    assert result.exit_code == 1 and "SERVICE" in result.output
    assert requests() == []


def _can_cut_network() -> bool:
    pid = os.fork()
    if pid == 0:
        os._exit(0 if kg.query._cut_network() else 1)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0


def test_even_an_unchecked_service_call_cannot_connect(out, endpoint, monkeypatch):
    """Second line of defence: the query child has no network namespace to reach out of."""
    if not _can_cut_network():
        pytest.skip("this system allows no new network namespace")
    url, requests = endpoint
    monkeypatch.setattr(kg.query, "check_read_only", lambda query: None)
    monkeypatch.setattr(kg.query, "_single_threaded", lambda: True)  # fork keeps the patch
    result = query_export(out, f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?x ?y ?z }} }}")
    assert "REMOTE" not in str(result.records())
    assert requests() == []


@pytest.mark.parametrize("query", [
    "SELECT ?service WHERE { ?service ?p ?o } LIMIT 1",
    "SELECT * WHERE { ?s ?p 'SERVICE <http://x/> {}' } LIMIT 1",
    "SELECT * WHERE { ?s <http://x/SERVICE> ?o }",
    "PREFIX ex: <http://x/> SELECT * WHERE { ?s ex:service ?o } # SERVICE <http://x/> {}",
])
def test_the_word_service_elsewhere_is_fine(out, query):
    check_read_only(query)
    assert invoke("query", out, query, "--format", "csv").exit_code == 0


def test_a_query_needing_too_much_memory_stops_with_one_line(out):
    cross = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?f ?i"
    result = invoke("query", out, cross, "--memory", "150", "--timeout", "120")
    assert result.exit_code == 1
    assert "more than 150 MB of memory" in result.output
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("opener, closer", [("{", "}"), ("(", ")")])
def test_deep_nesting_is_refused_not_a_crash(out, opener, closer):
    inner = "?s ?p ?o" if opener == "{" else "1"
    body = opener * 3000 + inner + closer * 3000
    query = f"SELECT * WHERE {body}" if opener == "{" else f"SELECT * WHERE {{ FILTER{body} }}"
    result = invoke("query", out, query, "--timeout", "0")
    assert result.exit_code == 1, result.output
    assert "nested too deeply" in result.output


STORE_CHECK = """
import os, sys
import kg.query
from kg.query import query_export
log, export, store = sys.argv[1:]
real_open = kg.query.open_store

def recording_open(source, store_path=None):
    with open(log, "a", encoding="ascii") as handle:
        handle.write(f"{os.getpid()}\\n")
    return real_open(source, store_path)

kg.query.open_store = recording_open  # a fresh single-threaded process: the child is forked
for _ in range(2):  # create, then reopen
    assert query_export(export, "ASK { ?s ?p ?o }", store_path=store).boolean
print(os.getpid())
"""


def test_the_store_is_opened_in_the_query_child_only(tmp_path):
    """The parent never holds the store, so a fork cannot inherit its lock or its threads."""
    export = tmp_path / "graph.nt"
    write_ntriples(sample_graph(), export)
    log = tmp_path / "pids"
    result = subprocess.run([sys.executable, "-c", STORE_CHECK, str(log), str(export),
                             str(tmp_path / "store")], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    pids = log.read_text(encoding="ascii").split()
    assert len(pids) == 2 and result.stdout.strip() not in pids


def hostile_build(tmp_path):
    titles = ["Brackets [/] close nothing", "Markup [red]x[/red] and [bold]y",
              "Escape \x1b[31mred\x1b[0m and \x9b2J"]
    papers = [Paper(f"p{i}", title, "An abstract.", sources=(Source("f.txt", i),))
              for i, title in enumerate(titles)]
    G = build_graph(papers, [], [])
    G.graph["extractor_version"] = "test/1"  # no need to load the extractor
    write_ntriples(G, tmp_path / "graph.nt")
    return tmp_path


def test_titles_are_shown_as_data_never_as_markup(tmp_path):
    out = hostile_build(tmp_path)
    result = invoke("query", out, "SELECT ?t WHERE { ?p dcterms:title ?t } ORDER BY ?t")
    assert result.exit_code == 0, result.output
    assert "[/]" in result.output and "[red]x[/red]" in result.output
    assert "\x1b" not in result.output and "\x9b" not in result.output
    assert "\\x1b[31mred" in result.output


def test_query_file_not_utf8_is_one_line(out, tmp_path):
    path = tmp_path / "q.rq"
    path.write_bytes(b"SELECT * WHERE {\n ?s ?p '\xff' }")
    result = invoke("query", out, "--file", path)
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {path}:2: not UTF-8 text (byte 0xff)"


def test_malformed_and_oversized_queries_are_one_line(out):
    with pytest.raises(QueryError, match="error at 1:"):
        check_read_only("SELECT ?x WHERE { ?x ?y }")
    with pytest.raises(QueryError, match="too long"):
        check_read_only("ASK {}" + " " * 1_000_001)
