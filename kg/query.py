"""Read-only SPARQL 1.1 over an export, on pyoxigraph (embedded, no server).

:func:`open_store` loads a build directory's RDF (or any RDF file) into an
in-memory store, or into a persistent store on disk that is reused as long as
the export has not changed; :func:`run_query` answers one query, optionally in
a child process that is stopped when ``timeout`` runs out.

The export is the default graph. The ontology (``schemas/kg.ttl``) and the
modality scheme (``schemas/modalities.ttl``) are loaded as the named graphs
``<https://w3id.org/papers-kg/ontology>`` and
``<https://w3id.org/papers-kg/resource/modalities>``. The prefixes in
``kg.vocab.PREFIXES`` (plus ``paper:``, ``method:``, ``dataset:``,
``modality:``, ``evidence:``) are predeclared, so queries may omit them.
"""

from __future__ import annotations

import multiprocessing
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError, QueryError
from kg.rdf_formats import RdfFileFormat, find_export
from kg.resources import schema_path
from kg.vocab import MODALITY_SCHEME, ONTOLOGY_IRI, resource_prefixes

__all__ = ["QueryResult", "open_store", "run_query", "check_read_only", "query_prefixes",
           "parse_binding", "shipped_queries", "canonical_names"]

_META_GRAPH = ox.NamedNode("urn:papers-kg:store")
_META_SOURCE = ox.NamedNode("urn:papers-kg:store#loadedFrom")
RESULT_FORMATS = ("table", "csv", "tsv", "json")


def query_prefixes() -> dict[str, str]:
    """Prefixes every query may use without declaring them."""
    return resource_prefixes()


def shipped_queries() -> dict[str, tuple[Path, str]]:
    """The competency queries in ``schemas/queries``: name -> (path, question)."""
    queries = {}
    for path in sorted(schema_path("queries").glob("*.rq")):
        first = path.read_text(encoding="utf-8").partition("\n")[0]
        queries[path.stem] = (path, first.removeprefix("# Question: ").strip())
    return queries


# ------------------------------------------------------------------ loading

def _fingerprint(path: Path) -> str:
    stat = path.stat()
    return f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"


def _load(store: ox.Store, source: Path, fmt: RdfFileFormat) -> None:
    try:
        store.bulk_load(path=str(source), format=fmt.pyoxigraph_format())
        store.bulk_load(path=str(schema_path("kg.ttl")), format=ox.RdfFormat.TURTLE,
                        to_graph=ox.NamedNode(ONTOLOGY_IRI))
        store.bulk_load(path=str(schema_path("modalities.ttl")), format=ox.RdfFormat.TURTLE,
                        to_graph=ox.NamedNode(MODALITY_SCHEME))
    except SyntaxError as err:
        raise KgError(f"{source}: not valid {fmt.title}: {err}") from None


def open_store(source: str | Path, store_path: str | Path | None = None) -> ox.Store:
    """A pyoxigraph store holding the export at ``source`` (a build directory or an RDF file).

    With ``store_path`` the store lives on disk and is reloaded only when the
    export changed (size or modification time) since it was loaded.
    """
    path, fmt = find_export(source)
    if store_path is None:
        store = ox.Store()
        _load(store, path, fmt)
        return store
    try:
        store = ox.Store(str(store_path))
    except OSError as err:
        if "lock" in str(err).lower():
            raise KgError(f"{store_path}: the query store is in use by another process; "
                          "wait for it or use another --store") from None
        raise KgError(f"{store_path}: cannot open the query store: {err}") from None
    stamp = ox.Literal(_fingerprint(path))
    if ox.Quad(_META_GRAPH, _META_SOURCE, stamp, _META_GRAPH) in store:
        return store
    store.clear()
    _load(store, path, fmt)
    store.add(ox.Quad(_META_GRAPH, _META_SOURCE, stamp, _META_GRAPH))
    store.flush()
    return store


# ------------------------------------------------------------------ checking

_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD",
                 "WITH"}
# Comments, strings and IRIs are blanked out before looking for keywords.
_NOISE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|'
                    r"'(?:[^'\\\n]|\\.)*'|<[^<>\s]*>|#[^\n]*")

_SERVICE = re.compile(r"(?<![\w?$:])SERVICE(?![\w:])", re.IGNORECASE)


def check_read_only(query: str) -> None:
    """Refuse SPARQL updates and SERVICE calls (``kg query`` and ``kg serve`` never write
    nor go online). ``SERVICE`` counts as the keyword, not as a variable or prefixed name.

    Examples
    --------
    >>> check_read_only("SELECT * WHERE { ?s ?p ?o }")
    >>> check_read_only("PREFIX x: <http://x/> INSERT DATA { x:a x:b x:c }")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: read-only: INSERT is a SPARQL update and is refused
    >>> check_read_only("SELECT ?service WHERE { ?service a ex:SERVICE }")
    """
    words = re.findall(r"[A-Za-z_]+", _NOISE.sub(" ", query))
    index = 0
    while index < len(words) and words[index].upper() in {"PREFIX", "BASE"}:
        index += 2 if words[index].upper() == "PREFIX" else 1
    first = words[index].upper() if index < len(words) else ""
    if first in _UPDATE_WORDS:
        raise QueryError(f"read-only: {first} is a SPARQL update and is refused")
    if _SERVICE.search(_NOISE.sub(" ", query)):
        raise QueryError("SERVICE (federated query) is refused: papers-kg never queries "
                         "the network")


def parse_binding(text: str) -> tuple[str, ox.NamedNode | ox.Literal]:
    """``NAME=VALUE`` -> (variable, term): ``<iri>`` and known ``prefix:name`` are IRIs.

    Examples
    --------
    >>> parse_binding("method=method:gpt-4")
    ('method', <NamedNode value=https://w3id.org/papers-kg/resource/method/gpt-4>)
    >>> parse_binding("name=GPT-4")
    ('name', <Literal value=GPT-4 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>)
    """
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not re.fullmatch(r"\w+", name):
        raise QueryError(f"--bind {text!r}: expected NAME=VALUE (e.g. baselineName=GPT-4)")
    if value.startswith("<") and value.endswith(">"):
        try:
            return name, ox.NamedNode(value[1:-1])
        except ValueError as err:
            raise QueryError(f"--bind {text!r}: not a valid IRI: {err}") from None
    prefix, colon, local = value.partition(":")
    prefixes = query_prefixes()
    if colon and prefix in prefixes and not local.startswith("//"):
        return name, ox.NamedNode(prefixes[prefix] + local)
    return name, ox.Literal(value)


_NAME_LOOKUP = """
SELECT ?label (COUNT(?p) AS ?n) WHERE {
  ?e skos:prefLabel ?label .
  { ?e skos:prefLabel ?name } UNION { ?e skos:altLabel ?name }
  FILTER(LCASE(STR(?name)) = LCASE(STR(?wanted)))
  OPTIONAL { ?p ?r ?e }
} GROUP BY ?label ORDER BY DESC(?n) ?label LIMIT 1
"""


def canonical_names(store: ox.Store, bindings: dict) -> dict:
    """String bindings that name an entity in another case or by an alias become its label.

    ``--bind datasetName=imagenet`` then finds what ``--bind datasetName=ImageNet`` finds,
    as ``kg view --focus imagenet`` does; a string that is some entity's exact label, or
    nobody's name at all (a rule, a title word), stays as given.
    """
    resolved = {}
    for name, value in bindings.items():
        if isinstance(value, str):
            value = ox.Literal(value)
        if isinstance(value, ox.Literal) and value.datatype == ox.NamedNode(
                "http://www.w3.org/2001/XMLSchema#string"):
            exact = f"ASK {{ ?e skos:prefLabel {value} }}"  # str(Literal): N-Triples syntax
            if not store.query(exact, prefixes=query_prefixes()):
                query = _NAME_LOOKUP.replace("?wanted", str(value))
                for row in store.query(query, prefixes=query_prefixes()):
                    value = row["label"]
        resolved[name] = value
    return resolved


# ------------------------------------------------------------------ running

@dataclass
class QueryResult:
    """A query's answer, kept as SPARQL results JSON (SELECT/ASK) or N-Triples (CONSTRUCT)."""

    kind: str  # "select", "ask" or "graph"
    data: bytes

    def solutions(self) -> ox.QuerySolutions:
        return ox.parse_query_results(self.data, format=ox.QueryResultsFormat.JSON)

    @property
    def variables(self) -> list[str]:
        return [v.value for v in self.solutions().variables] if self.kind == "select" else []

    def rows(self) -> list[tuple]:
        """SELECT rows as tuples of pyoxigraph terms (``None`` when unbound)."""
        if self.kind != "select":
            raise QueryError(f"a {self.kind.upper()} query has no rows")
        solutions = self.solutions()
        names = solutions.variables
        return [tuple(s[v] for v in names) for s in solutions]

    def records(self) -> list[dict]:
        """SELECT rows as dicts of plain Python values (IRIs as str, numbers as int/float)."""
        names = self.variables
        return [{n: to_python(t) for n, t in zip(names, row, strict=True)} for row in self.rows()]

    @property
    def boolean(self) -> bool:
        if self.kind != "ask":
            raise QueryError(f"a {self.kind.upper()} query has no boolean answer")
        return bool(self.solutions())

    def triples(self) -> list[ox.Triple]:
        return list(ox.parse(self.data, format=ox.RdfFormat.N_TRIPLES))

    def serialize(self, fmt: str) -> str:
        """``csv``, ``tsv`` or ``json`` (SPARQL 1.1 results); CONSTRUCT gives N-Triples."""
        if self.kind == "graph":
            return self.data.decode("utf-8")
        target = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
                  "json": ox.QueryResultsFormat.JSON}[fmt]
        if self.kind == "ask" and fmt in ("csv", "tsv"):
            return "true\n" if self.boolean else "false\n"
        return self.solutions().serialize(format=target).decode("utf-8")


def to_python(term):
    """A pyoxigraph term as a plain value: IRI -> str, numbers -> int/float, else the lexical."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value.rsplit("#", 1)[-1]
        if datatype in {"integer", "int", "long", "nonNegativeInteger"}:
            return int(term.value)
        if datatype in {"decimal", "double", "float"}:
            return float(term.value)
        if datatype == "boolean":
            return term.value == "true"
        return term.value
    return term.value


def _execute(store: ox.Store, query: str, substitutions: dict) -> QueryResult:
    try:
        result = store.query(query, prefixes=query_prefixes(), substitutions=substitutions or None)
        if isinstance(result, ox.QueryBoolean):
            return QueryResult("ask", result.serialize(format=ox.QueryResultsFormat.JSON))
        if isinstance(result, ox.QuerySolutions):
            return QueryResult("select", result.serialize(format=ox.QueryResultsFormat.JSON))
        return QueryResult("graph", ox.serialize(result, format=ox.RdfFormat.N_TRIPLES))
    except SyntaxError as err:
        raise QueryError(f"malformed query: {one_line(str(err), query)}") from None
    except RuntimeError as err:
        if "SELECT projection" in str(err):
            raise QueryError(f"cannot bind a variable the query does not select: {err} "
                             "(add it to the SELECT clause)") from None
        raise QueryError(f"query failed: {err}") from None
    except OSError as err:
        raise QueryError(f"query failed: {err}") from None


def one_line(message: str, query: str = "", width: int = 150) -> str:
    """The parser's message on one line: position, the text there, a short list of what it expected.

    >>> one_line("error at 1:8: expected one of X\\n 1 | SELECT\\n   |   ^", "SELECT ?x {")
    'error at 1:8 (after "SELECT "): expected one of X'
    """
    lines = [line for line in message.splitlines() if line.strip()]
    text = " ".join(line.strip() for line in lines
                    if not re.match(r"\s*(\d+\s*)?\|", line)) or " ".join(lines[:1])
    where = re.match(r"error at (\d+):(\d+)", text)
    if where and query:
        row, column = int(where.group(1)), int(where.group(2))
        source = query.splitlines()[row - 1] if row <= len(query.splitlines()) else ""
        before = source[max(0, column - 1 - 20):column - 1]
        near = f" (after {before!r})" if before.strip() else " (at the start of a line)"
        near = near.replace("'", '"') if '"' not in before else near
        text = text[:where.end()] + near + text[where.end():]
    if len(text) > width:
        cut = text.rfind(", ", 0, width)
        text = text[:cut if cut > 0 else width] + ", …"
    return text


def _child(connection, store, query, substitutions) -> None:
    try:
        connection.send(("ok", _execute(store, query, substitutions)))
    except Exception as err:  # noqa: BLE001 - everything goes back to the parent as one line
        connection.send(("error", str(err)))
    finally:
        connection.close()


def run_query(store: ox.Store, query: str, *, bindings: dict | None = None,
              timeout: float | None = None) -> QueryResult:
    """Run one read-only SPARQL 1.1 query.

    ``bindings`` maps variable names to values (str -> literal, or pyoxigraph
    terms); they are substituted before evaluation (SEP-0007), so a query
    written for "every baseline" answers for one. With ``timeout`` (seconds),
    the query runs in a forked child that is stopped when time runs out.

    Examples
    --------
    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p"), ox.Literal("v")))
    >>> run_query(store, "SELECT ?o WHERE { ?s ?p ?o }").records()
    [{'o': 'v'}]
    """
    check_read_only(query)
    substitutions = {}
    for name, value in (bindings or {}).items():
        term = value if isinstance(value, ox.NamedNode | ox.Literal) else ox.Literal(str(value))
        substitutions[ox.Variable(name)] = term
    if not timeout or "fork" not in multiprocessing.get_all_start_methods():
        return _execute(store, query, substitutions)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, store, query, substitutions),
                            daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise QueryError(f"query timed out after {timeout:g} s "
                             "(raise --timeout to wait longer)")
        status, payload = receiver.recv()
    except EOFError:
        raise QueryError("query failed: the query process ended without an answer") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    if status == "error":
        raise QueryError(payload)
    return payload
