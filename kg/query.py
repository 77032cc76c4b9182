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
import os
import re
import signal
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError, MalformedQueryError, QueryError
from kg.prefixes import MODALITY_SCHEME, resource_prefixes
from kg.rdf_formats import RdfFileFormat, find_export
from kg.resources import schema_path
from kg.schema import ONTOLOGY_IRI

__all__ = ["QueryResult", "open_store", "run_query", "query_export", "read_query_file",
           "check_read_only", "query_prefixes", "parse_binding", "shipped_queries",
           "canonical_names"]

_META_GRAPH = ox.NamedNode("urn:papers-kg:store")
_META_SOURCE = ox.NamedNode("urn:papers-kg:store#loadedFrom")
RESULT_FORMATS = ("table", "csv", "tsv", "json")


def query_prefixes() -> dict[str, str]:
    """Prefixes every query may use without declaring them."""
    return resource_prefixes()


def read_query_file(path: str | Path) -> str:
    """The text of a query file, or a one-line error naming the file (and line of a bad byte)."""
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise QueryError(f"{path}: cannot read: {err.strerror or err}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise QueryError(f"{path}:{line}: not UTF-8 text (byte 0x{data[err.start]:02x})") from None


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
    except SyntaxError as err:
        raise KgError(f"{source}: not valid {fmt.title}: {err}") from None
    load_schemas(store)


def load_schemas(store: ox.Store) -> None:
    """The ontology and the modality scheme, as the named graphs every query may use."""
    store.bulk_load(path=str(schema_path("kg.ttl")), format=ox.RdfFormat.TURTLE,
                    to_graph=ox.NamedNode(ONTOLOGY_IRI))
    store.bulk_load(path=str(schema_path("modalities.ttl")), format=ox.RdfFormat.TURTLE,
                    to_graph=ox.NamedNode(MODALITY_SCHEME))


def open_store(source: str | Path, store_path: str | Path | None = None) -> ox.Store:
    """A pyoxigraph store holding the export at ``source`` (a build directory or an RDF file).

    With ``store_path`` the store lives on disk and is reloaded only when the
    export changed (size or modification time) since it was loaded. Without it, a
    build directory's own store (``OUT/store``, written by ``kg build``) is opened
    read-only when it is fresh (:func:`kg.store.fresh_store`): nothing is loaded.
    """
    if store_path is None and Path(source).is_dir():
        from kg.store import fresh_store

        built = fresh_store(source)
        if built is not None:
            try:
                return ox.Store.read_only(str(built))
            except OSError:
                pass  # unreadable after all: load the export as before
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

MAX_QUERY_CHARS = 1_000_000
# rdflib's grammar recurses about 27 Python frames per bracket level: 8,000 frames allow
# about 280 levels, far beyond any real query, on a thread stack big enough for them.
_PARSE_RECURSION = 8_000
_PARSE_STACK = 128 * 2**20
_UPDATE_NAMES = {"InsertData": "INSERT DATA", "DeleteData": "DELETE DATA",
                 "DeleteWhere": "DELETE WHERE", "Modify": "INSERT/DELETE", "Load": "LOAD",
                 "Clear": "CLEAR", "Drop": "DROP", "Create": "CREATE", "Add": "ADD",
                 "Move": "MOVE", "Copy": "COPY"}


def _parse_sparql(query: str):
    """rdflib's SPARQL 1.1 parse tree of ``query``, on a thread with room for deep nesting."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    outcome: dict = {}

    def parse() -> None:
        old = sys.getrecursionlimit()
        sys.setrecursionlimit(max(old, _PARSE_RECURSION))
        try:
            outcome["tree"] = parseQuery(query)
        except ParseException as err:
            outcome["error"] = err
            try:
                outcome["update"] = parseUpdate(query)
            except (ParseException, RecursionError):
                pass
        except RecursionError:
            outcome["deep"] = True
        except Exception as err:  # noqa: BLE001 - e.g. a \U escape beyond U+10FFFF
            outcome["value"] = err
        finally:
            sys.setrecursionlimit(old)

    size = threading.stack_size()
    threading.stack_size(_PARSE_STACK)
    try:
        worker = threading.Thread(target=parse, name="kg-sparql-check")
        worker.start()
    finally:
        threading.stack_size(size)
    worker.join()
    if "tree" in outcome:
        return outcome["tree"]
    requests = [r for r in dict.get(outcome.get("update") or {}, "request") or () if r]
    if not query.strip() or "update" in outcome and not requests:
        raise MalformedQueryError("malformed query: the query is empty (or only a prologue or "
                                  "comments)")
    if "update" in outcome:
        operation = requests[0].name
        raise QueryError(f"read-only: {_UPDATE_NAMES.get(operation, operation)} "
                         "is a SPARQL update and is refused")
    if "deep" in outcome:
        raise MalformedQueryError("query nested too deeply: kg query accepts up to about 250 "
                                  "levels of brackets")
    if "value" in outcome:
        raise MalformedQueryError(f"malformed query: {outcome['value']}")
    err = outcome["error"]
    found = err.line[err.col - 1:err.col + 19].strip() if err.line else ""
    reason = f"{err.msg}" + (f", found {found!r}" if found else "")
    where = f"error at {err.lineno}:{err.col}: {reason} (SPARQL 1.1)"
    raise MalformedQueryError("malformed query: " + one_line(where, query))


def _has_service(tree) -> bool:
    """Whether the parse tree holds a SERVICE pattern anywhere (walked without recursion)."""
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            if item.name == "ServiceGraphPattern":
                return True
            stack.extend(item.values())
        elif isinstance(item, list | tuple) or type(item).__name__ == "ParseResults":
            stack.extend(item)
    return False


def check_read_only(query: str) -> None:
    """Refuse SPARQL updates and SERVICE calls (``kg query`` and ``kg serve`` never write
    nor go online).

    The decision is taken on the parsed query (rdflib's SPARQL 1.1 grammar), not
    on its text: a ``SERVICE`` pattern anywhere in it, however written, is
    refused; the word in a variable, string or IRI is fine. A query the grammar
    cannot read is refused as malformed.

    Examples
    --------
    >>> check_read_only("SELECT ?service WHERE { ?service ?p 'SERVICE' }")
    >>> check_read_only("PREFIX x: <http://x/> INSERT DATA { x:a x:b x:c }")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: read-only: INSERT DATA is a SPARQL update and is refused
    """
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long ({len(query):,} characters; at most "
                         f"{MAX_QUERY_CHARS:,})")
    if _has_service(_parse_sparql(query)):
        raise QueryError("SERVICE (federated query) is refused: papers-kg never queries "
                         "the network")


_SHALLOW = 200  # brackets: fewer cannot nest deeper than any parser here can follow


def _plainly_read_only(query: str) -> bool:
    """Whether ``query`` cannot hold a SERVICE pattern, read from its text alone.

    SPARQL keywords cannot be split, so a query without the letters ``service`` (in any
    case) and without ``\\u`` escapes (which may spell them) holds none; an update is
    refused by Oxigraph, which parses queries only. Such a query skips rdflib's parse
    (a third of a second to import) and goes to Oxigraph at once; when Oxigraph
    refuses it, :func:`check_read_only` names the reason as always.

    >>> _plainly_read_only("SELECT ?s WHERE { ?s ?p ?o }")
    True
    >>> _plainly_read_only("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }")
    False
    """
    lowered = query.lower()
    brackets = query.count("(") + query.count("{") + query.count("[")
    return ("service" not in lowered and "\\u" not in lowered and brackets < _SHALLOW
            and len(query) <= MAX_QUERY_CHARS)


def _check_first(query: str) -> bool:
    """Check ``query`` now (:func:`check_read_only`) unless its text shows it read-only;
    whether it was checked."""
    if _plainly_read_only(query):
        return False
    check_read_only(query)
    return True


def _answer(store: ox.Store, query: str, substitutions: dict, *, checked: bool) -> QueryResult:
    """Answer ``query`` on ``store``; one not ``checked`` before is checked when Oxigraph
    refuses it, so the error names rdflib's reason (an update, too deep), else Oxigraph's."""
    try:
        return _execute(store, query, substitutions)
    except MalformedQueryError:
        if not checked:
            check_read_only(query)
        raise


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
        raise MalformedQueryError(f"malformed query: {one_line(str(err), query)}") from None
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


def _cut_network() -> bool:
    """Move this (query child) process into a new, empty network namespace, where allowed.

    A second line of defence behind :func:`check_read_only`: in the new namespace
    no interface is up, so even a SERVICE call the check missed cannot connect.
    Needs Linux and either root or unprivileged user namespaces; else a no-op.
    """
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    clone_newnet, clone_newuser = 0x40000000, 0x10000000
    return any(libc.unshare(flags) == 0 for flags in (clone_newnet, clone_newnet | clone_newuser))


def _limit_memory(megabytes: int) -> None:
    """Cap this process's address space at what it uses now plus ``megabytes``."""
    import resource

    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            in_use = int(handle.read().split()[0]) * resource.getpagesize()
    except OSError:
        in_use = 0
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = in_use + megabytes * 2**20
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _child(connection, job, args, memory_limit) -> None:
    """The query process: no network, bounded memory, its own store; answers on ``connection``."""
    import faulthandler

    faulthandler.disable()  # a crash is reported by the parent, in one line
    _cut_network()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)  # a native "memory allocation failed" line is reported by the parent
    try:
        if memory_limit:
            _limit_memory(memory_limit)
        connection.send(("ok", job(*args)))
    except MemoryError:
        connection.send(("memory", None))
    except KgError as err:
        connection.send(("error", (err.exit_code, str(err))))
    except Exception as err:  # noqa: BLE001 - everything goes back to the parent as one line
        connection.send(("error", (1, f"query failed: {err}")))
    finally:
        connection.close()


def _run_in_child(job, args=(), *, timeout: float | None, memory_limit: int | None,
                  method: str = "fork"):
    """Run ``job(*args)`` in a child process that is stopped after ``timeout`` seconds."""
    for stream in (sys.stdout, sys.stderr):  # else a forked child prints their buffers again
        stream.flush()
    context = multiprocessing.get_context(method)
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, job, args, memory_limit), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise QueryError(f"query timed out after {timeout:g} s "
                             "(raise --timeout to wait longer)")
        status, payload = receiver.recv()
    except EOFError:
        child.join()
        status, payload = "died", child.exitcode
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    if status == "ok":
        return payload
    if status == "error":
        code, message = payload
        error = QueryError(message)
        error.exit_code = code
        raise error
    if status == "memory" or payload == -signal.SIGABRT:
        raise QueryError(f"query stopped: it needs more than {memory_limit} MB of memory "
                         "(raise --memory, or narrow the query)" if memory_limit else
                         "query stopped: out of memory")
    name = signal.Signals(-payload).name if payload and payload < 0 else f"exit {payload}"
    raise QueryError(f"query failed: the query process ended without an answer ({name})")


def _substitutions(bindings: dict | None) -> dict:
    substitutions = {}
    for name, value in (bindings or {}).items():
        term = value if isinstance(value, ox.NamedNode | ox.Literal) else ox.Literal(str(value))
        substitutions[ox.Variable(name)] = term
    return substitutions


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def run_query(store: ox.Store, query: str, *, bindings: dict | None = None,
              timeout: float | None = None, memory_limit: int | None = None) -> QueryResult:
    """Run one read-only SPARQL 1.1 query on an open store.

    ``bindings`` maps variable names to values (str -> literal, or pyoxigraph
    terms); they are substituted before evaluation (SEP-0007), so a query
    written for "every baseline" answers for one. With ``timeout`` (seconds) or
    ``memory_limit`` (MB), the query runs in a forked child that is stopped when
    time runs out or that fails when it needs more memory. Forking a process
    that holds an on-disk store deadlocks (its RocksDB threads do not survive
    the fork): for ``--store`` use :func:`query_export`, which opens the store
    in the child.

    Examples
    --------
    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p"), ox.Literal("v")))
    >>> run_query(store, "SELECT ?o WHERE { ?s ?p ?o }").records()
    [{'o': 'v'}]
    """
    def job() -> QueryResult:
        return _answer(store, query, _substitutions(bindings), checked=_check_first(query))

    if not (timeout or memory_limit) or not _can_fork():
        return job()
    return _run_in_child(job, timeout=timeout, memory_limit=memory_limit)


def _query_export_job(source, store_path, query, bindings) -> QueryResult:
    checked = _check_first(query)  # before any store is opened
    store = open_store(source, store_path)
    return _answer(store, query, _substitutions(canonical_names(store, bindings or {})),
                   checked=checked)


def query_export(source: str | Path, query: str, *, store_path: str | Path | None = None,
                 bindings: dict | None = None, timeout: float | None = 60.0,
                 memory_limit: int | None = 2048) -> QueryResult:
    """Open the export at ``source`` and answer ``query``, all inside a child process.

    This is what ``kg query`` runs; string ``bindings`` that name an entity in
    another case or by an alias become its label (:func:`canonical_names`).
    The child checks the query
    (:func:`check_read_only`), has no network (where Linux allows a new network
    namespace), at most ``memory_limit`` MB more memory and ``timeout``
    seconds, checking and loading included.

    The store is opened in the child only, and the child is forked only from
    a single-threaded process. An on-disk (RocksDB) store does not survive a
    ``fork``: its background threads are not copied, and a child that inherits
    their state waits forever for a lock they held or a flush they were to run
    (seen as ``--store`` queries hanging until the timeout). ``kg query`` never
    opens a store before forking; a process with threads (a notebook, or one
    that has opened a store) gets a fresh interpreter (``spawn``) instead.
    """
    args = (str(source), str(store_path) if store_path else None, query, bindings)
    if not _can_fork():
        return _query_export_job(*args)
    method = "fork" if _single_threaded() else "spawn"
    return _run_in_child(_query_export_job, args, timeout=timeout, memory_limit=memory_limit,
                         method=method)


def _single_threaded() -> bool:
    """Whether this process runs one thread only, native threads included (Linux)."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False
