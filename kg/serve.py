"""``kg serve``: a build's pages and a read-only SPARQL 1.1 endpoint on 127.0.0.1.

The SPARQL engine and protocol are Oxigraph's own HTTP server (``oxigraph
serve-read-only`` from the PyPI package ``oxigraph``, the same engine and store
format as pyoxigraph), started on a private loopback port over the build's store.
In front of it a small standard-library HTTP server serves the build directory
(views, entity pages, report, RDF files) and forwards SPARQL requests made at
``/sparql`` after checking them: Oxigraph refuses updates on a read-only store, but
it follows ``SERVICE`` clauses over the network and has no switch to turn that off,
so the front refuses any query naming ``SERVICE`` before Oxigraph sees it.

>>> split_version("oxigraph 0.5.13\\n")
(0, 5)
"""

from __future__ import annotations

import contextlib
import functools
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

from kg.errors import KgError, MalformedQueryError, QueryError

__all__ = ["SparqlServer", "oxigraph_binary", "split_version", "serve_store", "ENDPOINT",
           "add_prefixes"]

ENDPOINT = "/sparql"
_FORM = "application/x-www-form-urlencoded"
_QUERY_TYPE = "application/sparql-query"
_UPDATE_TYPE = "application/sparql-update"


class ServeError(KgError):
    """The server cannot start (no oxigraph, port in use, no store)."""


def oxigraph_binary() -> Path:
    """The ``oxigraph`` command installed with papers-kg (beside this Python first)."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return beside
    found = shutil.which("oxigraph")
    if found is None:
        raise ServeError("the oxigraph server is not installed (it comes with papers-kg: "
                         "pip install oxigraph)")
    return Path(found)


def split_version(text: str) -> tuple[int, int]:
    """``(major, minor)`` from ``oxigraph --version`` output or a version string."""
    match = re.search(r"(\d+)\.(\d+)", text)
    if not match:
        raise ServeError(f"cannot read a version from {text.strip()!r}")
    return int(match.group(1)), int(match.group(2))


def _check_versions(binary: Path) -> None:
    """The server must read the store format pyoxigraph wrote: same major.minor release."""
    import pyoxigraph

    out = subprocess.run([str(binary), "--version"], capture_output=True, text=True,
                         timeout=30, check=False).stdout
    if split_version(out) != split_version(pyoxigraph.__version__):
        raise ServeError(f"{binary} is {out.strip()} but the store was written by pyoxigraph "
                         f"{pyoxigraph.__version__}; install matching releases "
                         f"(pip install 'oxigraph=={pyoxigraph.__version__}')")


def serve_store(build_dir: Path) -> Path:
    """The build's persistent store: the one ``kg build`` wrote when it is current
    (:func:`kg.store.fresh_store`), else loaded (or refreshed) from its RDF export and closed."""
    import gc

    from kg.query import open_store
    from kg.store import fresh_store

    built = fresh_store(build_dir)
    if built is not None:
        return built
    location = Path(build_dir) / "store"
    store = open_store(build_dir, location)
    del store
    gc.collect()  # release the store's lock before Oxigraph opens it
    return location


def _die_with_parent() -> None:
    """In the engine's process: on Linux, get SIGTERM when kg itself dies, even if killed."""
    import ctypes
    import signal

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def add_prefixes(query: str) -> str:
    """Declare the prefixes ``kg query`` predeclares, unless the query declares them itself.

    >>> add_prefixes("PREFIX kg: <urn:x#> SELECT * { ?s kg:p ?o }").count("PREFIX kg:")
    1
    >>> "PREFIX method: <https://w3id.org/papers-kg/resource/method/>" in add_prefixes("ASK {}")
    True
    """
    from kg.query import query_prefixes

    declared = {m.casefold() for m in re.findall(r"PREFIX\s+([\w.-]*):", query, re.IGNORECASE)}
    lines = [f"PREFIX {name}: <{iri}>" for name, iri in query_prefixes().items()
             if name.casefold() not in declared]
    return "\n".join([*lines, query])


@dataclass
class _Answer:
    status: int
    content_type: str
    body: bytes


def _refusal(message: str, status: int = HTTPStatus.FORBIDDEN) -> _Answer:
    return _Answer(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


def _safe(text: str) -> str:
    """A request line fit for a terminal: control characters spelled as escapes."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class _Handler(SimpleHTTPRequestHandler):
    server: _Front
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's signature
        if not self.server.quiet:
            sys.stderr.write(f"{self.address_string()} {_safe(format % args)}\n")

    def end_headers(self) -> None:
        # The pages are local files meant to work offline: forbid anything from elsewhere.
        self.send_header("Content-Security-Policy", "default-src 'self' 'unsafe-inline' data: "
                         "blob:; connect-src 'self'")
        super().end_headers()

    def _send(self, answer: _Answer) -> None:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)

    def _is_endpoint(self) -> bool:
        return urlsplit(self.path).path.rstrip("/") in (ENDPOINT, "/query", "/update")

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if not self._is_endpoint():
            super().do_GET()
            return
        params = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        if "update" in params:
            self._send(_refusal("this endpoint is read-only: SPARQL updates are refused"))
        elif "query" not in params:
            self._send(_Answer(HTTPStatus.OK, "text/html; charset=utf-8", _query_page()))
        else:
            self._send(self.server.answer(params["query"][0], params, self.headers))

    def do_HEAD(self) -> None:  # noqa: N802
        if self._is_endpoint():
            self._send(_Answer(HTTPStatus.OK, "text/html; charset=utf-8", b""))
        else:
            super().do_HEAD()

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if not self._is_endpoint():
            self._send(_refusal("only the SPARQL endpoint at /sparql accepts POST",
                                HTTPStatus.METHOD_NOT_ALLOWED))
            return
        if urlsplit(self.path).path.rstrip("/") == "/update":
            self._send(_refusal("this endpoint is read-only: SPARQL updates are refused"))
            return
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        if content_type == _FORM:
            params.update(parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True))
            query = params.get("query", [None])[0]
            if "update" in params:
                self._send(_refusal("this endpoint is read-only: SPARQL updates are refused"))
                return
        elif content_type == _UPDATE_TYPE:
            self._send(_refusal("this endpoint is read-only: SPARQL updates are refused"))
            return
        elif content_type == _QUERY_TYPE:
            query = body.decode("utf-8", "replace")
        else:
            self._send(_refusal(f"POST a query as {_FORM} or {_QUERY_TYPE}",
                                HTTPStatus.UNSUPPORTED_MEDIA_TYPE))
            return
        if not query:
            self._send(_refusal("no query given (query=...)", HTTPStatus.BAD_REQUEST))
            return
        self._send(self.server.answer(query, params, self.headers))


class _Front(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, handler, engine_url: str, quiet: bool, timeout: float):
        super().__init__(address, handler)
        self.engine_url = engine_url
        self.quiet = quiet
        self.query_timeout = timeout
        import httpx

        # trust_env=False: never route through a proxy named in the environment.
        self.client = httpx.Client(trust_env=False, timeout=httpx.Timeout(timeout + 10))

    def answer(self, query: str, params: dict, headers) -> _Answer:
        from kg.query import check_read_only

        try:
            check_read_only(query)
        except MalformedQueryError as err:  # never forwarded: the engine might read it otherwise
            return _refusal(str(err), HTTPStatus.BAD_REQUEST)
        except QueryError as err:
            return _refusal(str(err))
        graphs = {k: v for k, v in params.items() if k in ("default-graph-uri",
                                                            "named-graph-uri")}
        url = self.engine_url + ("?" + urlencode(graphs, doseq=True) if graphs else "")
        accept = headers.get("Accept") or "application/sparql-results+json"
        try:
            reply = self.client.post(url, content=add_prefixes(query).encode("utf-8"),
                                     headers={"Content-Type": _QUERY_TYPE, "Accept": accept})
        except Exception as err:  # noqa: BLE001 - any engine failure is one 502 line
            return _refusal(f"the SPARQL engine did not answer: {err}", HTTPStatus.BAD_GATEWAY)
        return _Answer(reply.status_code, reply.headers.get("content-type", "text/plain"),
                       reply.content)


@functools.cache
def _query_page() -> bytes:
    from importlib import resources

    return resources.files("kg.site").joinpath("templates", "sparql.html").read_bytes()


class SparqlServer:
    """Oxigraph (read-only, private port) plus the checking front on ``host:port``.

    Use as a context manager; ``url`` is the front's base URL and ``endpoint`` the SPARQL
    endpoint. ``port=0`` picks a free port.
    """

    def __init__(self, build_dir: str | Path, *, host: str = "127.0.0.1", port: int = 7878,
                 timeout: float = 60.0, quiet: bool = False):
        self.build_dir = Path(build_dir)
        self.host, self.port, self.timeout, self.quiet = host, port, timeout, quiet
        self._engine: subprocess.Popen | None = None
        self._engine_log = None
        self._front: _Front | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    @property
    def endpoint(self) -> str:
        return f"http://{self.host}:{self.port}{ENDPOINT}"

    def start(self) -> SparqlServer:
        if not self.build_dir.is_dir():
            raise ServeError(f"{self.build_dir}: not a directory (give a kg build output)")
        binary = oxigraph_binary()
        _check_versions(binary)
        store = serve_store(self.build_dir)
        # A file, not a pipe: a pipe nobody reads would block a chatty engine.
        self._engine_log = tempfile.TemporaryFile()
        engine_port = _free_port("127.0.0.1")
        self._engine = subprocess.Popen(
            [str(binary), "serve-read-only", "--location", str(store),
             "--bind", f"127.0.0.1:{engine_port}", "--timeout-s", str(max(1, int(self.timeout)))],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self._engine_log,
            preexec_fn=_die_with_parent)
        engine_url = f"http://127.0.0.1:{engine_port}/query"
        try:
            self._wait_for_engine(engine_port)
            handler = functools.partial(_Handler, directory=str(self.build_dir.resolve()))
            try:
                self._front = _Front((self.host, self.port), handler, engine_url, self.quiet,
                                     self.timeout)
            except OSError as err:
                raise ServeError(f"cannot listen on {self.host}:{self.port} "
                                 f"({err.strerror}); choose another --port") from None
            self.port = self._front.server_address[1]
            self._thread = threading.Thread(target=self._front.serve_forever, daemon=True,
                                            name="kg-serve")
            self._thread.start()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_for_engine(self, port: int, limit: float = 60.0) -> None:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if self._engine.poll() is not None:
                self._engine_log.seek(0)
                message = self._engine_log.read().decode("utf-8", "replace")
                last = message.strip().splitlines()[-1:] or ["no message"]
                raise ServeError(f"the oxigraph server stopped at start: {last[0]}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                return
            time.sleep(0.05)
        raise ServeError(f"the oxigraph server did not start within {limit:g} s")

    def stop(self) -> None:
        """Stop the front and the engine (idempotent)."""
        if self._front is not None:
            if self._thread is not None:
                self._front.shutdown()
            self._front.client.close()
            self._front.server_close()
            self._front = None
        if self._engine is not None:
            if self._engine.poll() is None:
                self._engine.terminate()
                try:
                    self._engine.wait(10)
                except subprocess.TimeoutExpired:
                    self._engine.kill()
                    self._engine.wait()
            self._engine = None
        if self._engine_log is not None:
            self._engine_log.close()
            self._engine_log = None

    def wait(self) -> None:
        """Block until the front stops or the engine dies.

        Ctrl-C raises KeyboardInterrupt; so does SIGTERM while waiting (in the main thread),
        so ``kill`` stops the engine too.
        """
        import signal

        def interrupted(signum, frame):
            raise KeyboardInterrupt

        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, interrupted)
        while self._thread is not None and self._thread.is_alive():
            if self._engine is not None and self._engine.poll() is not None:
                raise ServeError("the oxigraph server stopped unexpectedly")
            self._thread.join(0.5)

    def __enter__(self) -> SparqlServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
