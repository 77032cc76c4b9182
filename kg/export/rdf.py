"""RDF export: the graph as N-Triples text, and as Turtle converted by pyoxigraph.

The pure half is :func:`generate_ntriples`, a deterministic stream of N-Triples
chunks (nodes in key order, each node's triples in a fixed order, a paper's
evidence nodes right after it), so the writers never hold one big in-memory graph
and the same input always gives byte-identical files; :func:`generate_triples` is
the same triples as ``pyoxigraph.Triple``. The text is made directly (a term object
per triple was most of the writers' cost) and is exactly what pyoxigraph's own
N-Triples serialiser writes for those triples (tested on every character).

What the triples say (see ``schemas/kg.ttl`` and the README, "RDF and SPARQL"):

- every node is ``<base + percent-encoded node key>`` typed with its class from
  the type table (:mod:`kg.schema`: ``kg:Paper``, ``kg:Method`` — also
  ``kg:MethodFamily`` —, ``kg:Dataset``, ``kg:Modality``, ``kg:Task``,
  ``kg:Metric``), with ``rdfs:label`` and ``skos:prefLabel``; aliases are
  ``skos:altLabel``;
- papers carry ``dcterms:title``, ``dcterms:abstract``, ``kg:listingDate``,
  ``kg:arxivId``, ``kg:sourceRecord``, ``kg:authorName`` and ``kg:url``;
- each link is the plain triple ``paper kg:usesDataset dataset``; each piece of
  its evidence is a ``kg:Evidence`` node pointing at ``kg:paper``,
  ``kg:relation`` and ``kg:entity`` and holding sentence, span, rule,
  confidence and extractor version (``prov:wasAttributedTo`` the extractor);
- each reported result is a ``kg:Result`` node (⊑ ``mls:ModelEvaluation``):
  ``paper kg:reportsResult r``, ``r kg:paper paper``, ``kg:withMetric``,
  ``kg:ofMethod`` and ``kg:onDataset`` when named, ``kg:value`` (``xsd:decimal``),
  ``kg:valueText``, ``kg:ownSystem`` (``xsd:boolean``), ``kg:unit``, and the same
  provenance as evidence; metrics carry ``kg:direction`` and ``kg:unit`` when known.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from functools import lru_cache, partial
from pathlib import Path
from urllib.parse import quote

import networkx as nx
import pyoxigraph as ox

from kg.errors import ExportError
from kg.schema import BASE_IRI, ENTITY_TYPES, KG_NS, PAPER, RELATIONS, node_types
from kg.vocab import PREFIXES, resource_prefixes

__all__ = [
    "node_iri",
    "result_iri",
    "generate_triples",
    "generate_ntriples",
    "write_turtle",
    "write_ntriples",
    "serialize_triples",
    "prefixes_for",
]

_KG = KG_NS
_RDF = PREFIXES["rdf"]
_RDFS = PREFIXES["rdfs"]
_SKOS = PREFIXES["skos"]
_DCT = PREFIXES["dcterms"]
_XSD = PREFIXES["xsd"]
_PROV = PREFIXES["prov"]


def _n(iri: str) -> str:
    """An IRI as an N-Triples term (``<iri>``)."""
    return f"<{iri}>"


TYPE = _n(_RDF + "type")
LABEL = _n(_RDFS + "label")
PREF_LABEL = _n(_SKOS + "prefLabel")
ALT_LABEL = _n(_SKOS + "altLabel")
IN_SCHEME = _n(_SKOS + "inScheme")
TITLE = _n(_DCT + "title")
ABSTRACT = _n(_DCT + "abstract")
ATTRIBUTED_TO = _n(_PROV + "wasAttributedTo")
XSD_INTEGER = _n(_XSD + "integer")
XSD_DECIMAL = _n(_XSD + "decimal")
XSD_DATE = _n(_XSD + "date")
XSD_GMONTHDAY = _n(_XSD + "gMonthDay")
XSD_GYEAR = _n(_XSD + "gYear")
XSD_BOOLEAN = _n(_XSD + "boolean")
DIRECTIONS = {"higher": "HigherIsBetter", "lower": "LowerIsBetter"}
SAME_AS = _n(PREFIXES["owl"] + "sameAs")


def kg(term: str) -> str:
    return _n(_KG + term)


EVIDENCE = kg("Evidence")
EV_PAPER, EV_RELATION, EV_ENTITY = kg("paper"), kg("relation"), kg("entity")
EV_FIELD, EV_START, EV_END = kg("inField"), kg("startOffset"), kg("endOffset")
EV_TEXT, EV_SENTENCE, EV_RULE = kg("matchedText"), kg("sentence"), kg("rule")
EV_CONFIDENCE = kg("confidence")
RESULT, REPORTS_RESULT = kg("Result"), kg("reportsResult")


def _classes() -> dict[str, str]:
    """Node type -> its class, read from the type table at call time."""
    return {name: kg(kind.rdf_class) for name, kind in node_types().items()}


def node_iri(node: str, base: str = BASE_IRI) -> str:
    """The IRI of a node key: every character outside ``[A-Za-z0-9_.~-]`` is percent-encoded.

    The ``type/`` prefix stays a path segment; the rest (an id or slug, which
    may hold any character) becomes one percent-encoded segment, so any title
    or name yields a valid, stable IRI.

    Examples
    --------
    >>> node_iri("method/gpt-4")
    'https://w3id.org/papers-kg/resource/method/gpt-4'
    >>> node_iri("method/pixart-σ")
    'https://w3id.org/papers-kg/resource/method/pixart-%CF%83'
    >>> node_iri('paper/a b/"c"#d', "http://x/")
    'http://x/paper/a%20b%2F%22c%22%23d'
    """
    kind, sep, rest = node.partition("/")
    try:
        if not sep:
            return base + quote(node, safe="")
        return f"{base}{quote(kind, safe='')}/{quote(rest, safe='')}"
    except UnicodeEncodeError as err:  # lone surrogates cannot be UTF-8 encoded
        raise ExportError(f"cannot make an IRI of node {node!r}: {err.reason}") from None


def _checked_iri(iri: str) -> str:
    """``<iri>`` once pyoxigraph accepts it as an IRI (a base IRI given by the user may not be)."""
    try:
        ox.NamedNode(iri)
    except (ValueError, TypeError) as err:
        raise ExportError(f"cannot write {iri!r} as an RDF IRI: {err}") from None
    return _n(iri)


# N-Triples escapes exactly as pyoxigraph's serialiser does (tests/test_rdf_export.py checks
# every code point): the C0 controls, DEL, U+FFFE and U+FFFF, the quote and the backslash.
_ESCAPES = {code: f"\\u{code:04X}" for code in (*range(0x20), 0x7F, 0xFFFE, 0xFFFF)}
_ESCAPES.update({ord("\b"): "\\b", ord("\t"): "\\t", ord("\n"): "\\n", ord("\f"): "\\f",
                 ord("\r"): "\\r", ord('"'): '\\"', ord("\\"): "\\\\"})
_NEEDS_ESCAPE = re.compile('[\x00-\x1f"\\\\\x7f\ufffe\uffff]')


def _quoted(text: str) -> str:
    """``text`` as an N-Triples string (quoted, escaped)."""
    if _NEEDS_ESCAPE.search(text):
        text = text.translate(_ESCAPES)
    return f'"{text}"'


def _literal(value, datatype: str | None = None) -> str:
    """A literal term; lone surrogates are caught when the text is encoded (:func:`_encode`)."""
    return f"{_quoted(str(value))}^^{datatype}" if datatype else _quoted(str(value))


def _encode(text: str) -> bytes:
    """N-Triples text as UTF-8; text that is not valid Unicode is an ``ExportError``."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as err:
        line_start = text.rfind("\n", 0, err.start) + 1
        value = text[line_start:text.find("\n", err.start)].split(" ", 2)[-1]
        raise ExportError(f"cannot write {value[:-2]!r} as an RDF literal: it is not valid "
                          f"Unicode text ({err.reason})") from None


@lru_cache(maxsize=8192)
def _integer(value: int) -> str:
    """An xsd:integer (offsets and counts repeat: each literal is made once)."""
    return f'"{int(value)}"^^{XSD_INTEGER}'


# Field names and rules are a handful of strings repeated on every piece of evidence.
_word = lru_cache(maxsize=1024)(_literal)


@lru_cache(maxsize=4096)
def _decimal(value: float) -> str:
    """A canonical xsd:decimal for a confidence: ``0.9`` -> ``"0.9"``, ``1`` -> ``"1.0"``."""
    text = format(Decimal(repr(round(float(value), 6))).normalize(), "f")
    if "." not in text:
        text += ".0"
    return f'"{text}"^^{XSD_DECIMAL}'


def _date(value: str) -> str | None:
    """``2024-03-18`` -> xsd:date, ``--03-18`` -> xsd:gMonthDay, ``2024`` -> xsd:gYear;
    None for anything else (ingest drops such dates, with a warning, before they get here)."""
    from kg.ingest.records import is_valid_date

    if not is_valid_date(value):
        return None
    if value.startswith("--"):
        return _literal(value, XSD_GMONTHDAY)
    return _literal(value, XSD_GYEAR if len(value) == 4 else XSD_DATE)


# json.dumps(value, ensure_ascii=False) without making an encoder per call (one per
# evidence and result node).
_KEY_JSON = json.JSONEncoder(ensure_ascii=False).encode


def result_iri(base: str, paper: str, result: dict) -> str:
    """A stable IRI for one result: a hash of the paper, what it scores and where it was read."""
    evidence = result.get("evidence") or {}
    key = _KEY_JSON([paper, result.get("method"), result.get("dataset"), result.get("metric"),
                     result.get("value"), evidence.get("field"), evidence.get("start")])
    return f"{base}result/{hashlib.sha1(key.encode('utf-8')).hexdigest()[:20]}"


def _value_literal(result: dict) -> str:
    """The value as a canonical xsd:decimal ("2,364" -> 2364.0, "0.0" -> 0.0)."""
    try:
        number = Decimal(str(result.get("value", "")).replace(",", ""))
    except ArithmeticError:
        number = Decimal(repr(float(result["number"])))
    text = format(number.normalize(), "f") if number == number.to_integral() else format(
        number, "f")
    if "." not in text:
        text += ".0"
    return f'"{text}"^^{XSD_DECIMAL}'


_TRUE, _FALSE = f'"true"^^{XSD_BOOLEAN}', f'"false"^^{XSD_BOOLEAN}'


def _result_lines(iri: str, paper: str, result: dict, node, agent: str) -> Iterator[str]:
    subject = _n(iri)
    yield f"{subject} {TYPE} {RESULT} .\n"
    yield f"{subject} {EV_PAPER} {paper} .\n"
    yield f"{subject} {kg('withMetric')} {node(result['metric'])} .\n"
    if result.get("method"):
        yield f"{subject} {kg('ofMethod')} {node(result['method'])} .\n"
    if result.get("dataset"):
        yield f"{subject} {kg('onDataset')} {node(result['dataset'])} .\n"
    yield f"{subject} {kg('value')} {_value_literal(result)} .\n"
    yield f"{subject} {kg('valueText')} {_literal(result.get('value', ''))} .\n"
    yield f"{subject} {kg('ownSystem')} {_TRUE if result.get('own') else _FALSE} .\n"
    if result.get("unit"):
        yield f"{subject} {kg('unit')} {_literal(result['unit'])} .\n"
    yield from _provenance(subject, result.get("evidence") or {}, agent)


# The evidence properties, in the order they are written: key, predicate, how to write it.
_EVIDENCE_FIELDS = (("field", EV_FIELD, _word), ("start", EV_START, _integer),
                    ("end", EV_END, _integer), ("text", EV_TEXT, _literal),
                    ("sentence", EV_SENTENCE, _literal), ("rule", EV_RULE, _word),
                    ("confidence", EV_CONFIDENCE, _decimal))


def _provenance(subject: str, evidence: dict, agent: str) -> Iterator[str]:
    """Field, span, text, sentence, rule, confidence and extractor of evidence or a result
    (the extractor version is the agent's, not repeated on every node)."""
    for key, predicate, term in _EVIDENCE_FIELDS:
        if (value := evidence.get(key)) is not None:
            yield f"{subject} {predicate} {term(value)} .\n"
    yield f"{subject} {ATTRIBUTED_TO} {agent} .\n"


def evidence_iri(base: str, source: str, relation: str, target: str, evidence: dict) -> str:
    """A stable IRI for one piece of evidence: a hash of the link and the span it came from."""
    key = _KEY_JSON([source, relation, target, evidence.get("field"), evidence.get("start"),
                     evidence.get("end"), evidence.get("rule"), evidence.get("text")])
    return f"{base}evidence/{hashlib.sha1(key.encode('utf-8')).hexdigest()[:20]}"


def extractor_version(G: nx.MultiDiGraph) -> str:
    """The extractor version the graph recorded when it was built (``build_graph``)."""
    version = G.graph.get("extractor_version")
    if not version:
        raise ExportError("the graph does not record which extractor found its links "
                          "(graph attribute 'extractor_version'); build it with kg.build")
    return str(version)


def extractor_iri(base: str, version: str) -> str:
    return f"{base}extractor/{quote(version, safe='')}"


def _labels(subject: str, label: str) -> Iterator[str]:
    text = _literal(label)
    yield f"{subject} {LABEL} {text} .\n"
    yield f"{subject} {PREF_LABEL} {text} .\n"


def _paper_lines(subject: str, data: dict) -> Iterator[str]:
    yield f"{subject} {TYPE} {kg(PAPER.rdf_class)} .\n"
    yield from _labels(subject, data.get("label") or data.get("title") or "")
    yield f"{subject} {TITLE} {_literal(data.get('title') or data.get('label') or '')} .\n"
    if data.get("abstract"):
        yield f"{subject} {ABSTRACT} {_literal(data['abstract'])} .\n"
    if data.get("date") and (date := _date(str(data["date"]))) is not None:
        yield f"{subject} {kg('listingDate')} {date} .\n"
    if data.get("arxiv_id"):
        yield f"{subject} {kg('arxivId')} {_literal(data['arxiv_id'])} .\n"
    for source in sorted(set(data.get("sources") or ())):
        yield f"{subject} {kg('sourceRecord')} {_literal(source)} .\n"
    for author in sorted(set(data.get("authors") or ())):
        yield f"{subject} {kg('authorName')} {_literal(author)} .\n"
    for url in sorted(set(data.get("urls") or ())):
        yield f"{subject} {kg('url')} {_literal(url)} .\n"


def _entity_lines(subject: str, rdf_class: str, scheme: str | None,
                  data: dict) -> Iterator[str]:
    yield f"{subject} {TYPE} {rdf_class} .\n"
    if data.get("family"):
        yield f"{subject} {TYPE} {kg('MethodFamily')} .\n"
    if scheme is not None:
        yield f"{subject} {IN_SCHEME} {scheme} .\n"
    label = data.get("label") or ""
    yield from _labels(subject, label)
    for alias in sorted({a for a in data.get("aliases") or () if a != label}):
        yield f"{subject} {ALT_LABEL} {_literal(alias)} .\n"
    if data.get("paper_count") is not None:
        yield f"{subject} {kg('paperCount')} {_integer(data['paper_count'])} .\n"
    if data.get("direction") in DIRECTIONS:
        yield f"{subject} {kg('direction')} {kg(DIRECTIONS[data['direction']])} .\n"
    if data.get("unit"):
        yield f"{subject} {kg('unit')} {_word(data['unit'])} .\n"


def _evidence_lines(iri: str, paper: str, relation: str, entity: str, evidence: dict,
                    agent: str) -> list[str]:
    """One evidence node: 12 triples at most. The extractor version is the agent's
    (``prov:wasAttributedTo/kg:extractorVersion``), not repeated on every evidence."""
    subject = _n(iri)
    return [f"{subject} {TYPE} {EVIDENCE} .\n", f"{subject} {EV_PAPER} {paper} .\n",
            f"{subject} {EV_RELATION} {relation} .\n", f"{subject} {EV_ENTITY} {entity} .\n",
            *_provenance(subject, evidence, agent)]


def rdf_node_order(G: nx.MultiDiGraph) -> tuple[list[str], list[str]]:
    """(entity nodes, paper nodes), each in key order: the order of the RDF output.

    Entities come first (after the extractor), then each paper with its evidence, so the
    papers can be cut into contiguous shards whose concatenation is the whole file.
    """
    entities, papers = [], []
    for node, kind in G.nodes(data="type"):
        (papers if kind == PAPER.name else entities).append(node)
    return sorted(entities), sorted(papers)


class _LineMaker:
    """Makes the N-Triples lines of nodes of one graph (IRIs, classes and terms made once).

    The lines are written as text, not as pyoxigraph terms: making a term object per
    triple was most of the cost of writing the RDF; the text is what pyoxigraph's
    N-Triples serialiser writes for the same triples (the tests check both ways).
    """

    def __init__(self, G: nx.MultiDiGraph):
        self.G = G
        self.base = G.graph.get("base_iri") or BASE_IRI
        self.version = extractor_version(G)
        self.classes = _classes()
        # The concept schemes are shipped files (schemas/modalities.ttl) under the fixed base.
        self.schemes = {name: _n(f"{BASE_IRI}{kind.scheme}")
                        for name, kind in ENTITY_TYPES.items() if kind.scheme}
        self.relations = {name: kg(name) for name in RELATIONS}
        self.agent = _checked_iri(extractor_iri(self.base, self.version))
        _checked_iri(self.base + "evidence/0")  # evidence and result IRIs are base + a hash
        self.iris: dict[str, str] = {}

    def iri(self, node: str) -> str:
        found = self.iris.get(node)
        if found is None:
            found = self.iris[node] = _checked_iri(node_iri(node, self.base))
        return found

    def header(self) -> Iterator[str]:
        yield f"{self.agent} {TYPE} {kg('Extractor')} .\n"
        yield from _labels(self.agent, self.version)
        yield f"{self.agent} {kg('extractorVersion')} {_literal(self.version)} .\n"

    def node(self, node: str) -> Iterator[str]:
        G = self.G
        data = G.nodes[node]
        kind = data.get("type")
        if kind not in self.classes:
            raise ExportError(f"node {node!r} has type {kind!r}; expected one of "
                              f"{', '.join(self.classes)}")
        subject = self.iri(node)
        if kind != PAPER.name:
            yield from _entity_lines(subject, self.classes[kind], self.schemes.get(kind), data)
            return
        yield from _paper_lines(subject, data)
        evidence_nodes: dict[str, tuple] = {}
        for relation, target, attrs in sorted(
                (key, target, attrs) for target, keyed in G._succ[node].items()
                for key, attrs in keyed.items()):
            predicate = self.relations.get(relation)
            if predicate is None:
                raise ExportError(f"edge {node!r} -> {target!r} has relation {relation!r}; "
                                  f"expected one of {', '.join(RELATIONS)}")
            entity = self.iri(target)
            yield f"{subject} {predicate} {entity} .\n"
            for evidence in attrs.get("evidence") or ():
                ev_iri = evidence_iri(self.base, node, relation, target, evidence)
                if ev_iri not in evidence_nodes:
                    evidence_nodes[ev_iri] = (predicate, entity, evidence)
        for ev_iri in sorted(evidence_nodes):
            predicate, entity, evidence = evidence_nodes[ev_iri]
            yield from _evidence_lines(ev_iri, subject, predicate, entity, evidence, self.agent)
        result_nodes = {}
        for result in data.get("results") or ():
            for key in ("metric", "method", "dataset"):
                if result.get(key) is not None and result[key] not in G:
                    raise ExportError(f"a result of {node!r} names {result[key]!r}, which is "
                                      "not in the graph")
            result_nodes.setdefault(result_iri(self.base, node, result), result)
        for r_iri in sorted(result_nodes):
            yield f"{subject} {REPORTS_RESULT} {_n(r_iri)} .\n"
        for r_iri in sorted(result_nodes):
            yield from _result_lines(r_iri, subject, result_nodes[r_iri], self.iri, self.agent)

    def same_as(self) -> Iterator[str]:
        """``old owl:sameAs kept`` for the ids published earlier that now name another
        node (``G.graph["same_as"]``, kept by the build's id registry, :mod:`kg.ids`)."""
        for old, new in sorted((self.G.graph.get("same_as") or {}).items()):
            yield f"{self.iri(old)} {SAME_AS} {self.iri(new)} .\n"


def generate_ntriples(G: nx.MultiDiGraph, nodes: Iterable[str] | None = None, *,
                      header: bool | None = None, size: int = 64) -> Iterator[bytes]:
    """The graph's RDF as N-Triples, in chunks that end where a node's triples end.

    With ``nodes``, only the triples of those nodes (and the extractor's when
    ``header``): the writers cut the output into pieces this way. Without, the
    extractor, every node, then the ``owl:sameAs`` links of ids merged away. Nodes
    come in the order given, each node's triples in a fixed order (a paper's evidence
    and results right after it), so the same graph always gives the same bytes.
    """
    maker = _LineMaker(G)
    whole = nodes is None
    if whole:
        entities, papers = rdf_node_order(G)
        nodes, header = [*entities, *papers], True if header is None else header
    nodes = list(nodes)
    if header:
        yield _encode("".join(maker.header()))
    for start in range(0, len(nodes), size):
        yield _encode("".join(line for node in nodes[start:start + size]
                              for line in maker.node(node)))
    if whole and G.graph.get("same_as"):
        yield _encode("".join(maker.same_as()))


def _parsed(chunk: bytes) -> Iterator[ox.Triple]:
    # lenient: the IRIs were checked when they were made; the text is ours
    return ox.parse(chunk, format=ox.RdfFormat.N_TRIPLES, lenient=True)


def generate_triples(G: nx.MultiDiGraph, nodes: Iterable[str] | None = None, *,
                     header: bool | None = None) -> Iterator[ox.Triple]:
    """Every triple of the graph's RDF, in a deterministic order: the triples of
    :func:`generate_ntriples` (same arguments) as ``pyoxigraph.Triple``.

    Examples
    --------
    >>> from kg.model import Paper, Entity, Link, Evidence
    >>> from kg.graph import build_graph
    >>> ev = Evidence("abstract", 9, 17, "ImageNet", "We train ImageNet.", "lexicon", 0.9)
    >>> G = build_graph([Paper("p1", "A title", "We train ImageNet.")],
    ...                 [Entity("dataset/imagenet", "dataset", "ImageNet")],
    ...                 [Link("p1", "usesDataset", "dataset/imagenet", (ev,))])
    >>> G.graph["extractor_version"] = "test/1"
    >>> triples = list(generate_triples(G))
    >>> link = next(t for t in triples if t.predicate.value.endswith("#usesDataset"))
    >>> link.subject.value, link.object.value
    ('https://w3id.org/papers-kg/resource/paper/p1', 'https://w3id.org/papers-kg/resource/dataset/imagenet')
    """
    for chunk in generate_ntriples(G, nodes, header=header):
        yield from _parsed(chunk)


def prefixes_for(G: nx.MultiDiGraph) -> dict[str, str]:
    """The prefixes bound in Turtle output: ``res:`` is the graph's base IRI and each
    resource folder (``paper:``, ``method:``, ..., ``evidence:``) has its own."""
    return resource_prefixes(G.graph.get("base_iri") or BASE_IRI)


def serialize_triples(triples: Iterable[ox.Triple], path: str | Path, fmt: ox.RdfFormat,
                      prefixes: dict[str, str] | None = None, base_iri: str | None = None) -> None:
    try:
        ox.serialize(triples, str(path), format=fmt, prefixes=prefixes, base_iri=base_iri)
    except OSError as err:
        raise ExportError(f"{path}: cannot write: {err.strerror or err}") from None


def write_turtle(G: nx.MultiDiGraph, path: str | Path, **_options) -> None:
    """Write ``graph.ttl``: Turtle with the ``kg:`` and standard prefixes bound."""
    serialize_triples(generate_triples(G), path, ox.RdfFormat.TURTLE, prefixes_for(G))


def write_ntriples(G: nx.MultiDiGraph, path: str | Path, **_options) -> None:
    """Write ``graph.nt``: one triple per line, same triples and order as the Turtle."""
    try:
        with open(path, "wb") as handle:
            for chunk in generate_ntriples(G):
                handle.write(chunk)
    except OSError as err:
        raise ExportError(f"{path}: cannot write: {err.strerror or err}") from None


# ------------------------------------------------------------------ pieces, in parallel

SHARDS_DIR = "shards"
ENTITY_RUN = 2000  # entities per piece (a few triples each)
PAPER_RUN = 200  # papers per piece (with their evidence: ~100 triples each)
_FORMATS = ("nt", "ttl", "jsonld")


def _turtle_body_start(data: bytes) -> int:
    """Where the statements start after the ``@prefix`` lines of a Turtle document."""
    index = 0
    while data.startswith(b"@prefix ", index):
        index = data.index(b"\n", index) + 1
    return index


def _write_piece(G: nx.MultiDiGraph, name: str, part: str, nodes: list[str], folder: Path,
                 formats: tuple[str, ...]) -> tuple[float, dict[str, str]]:
    """Write one piece as N-Triples and Turtle from one pass over its triples (and JSON-LD
    from the N-Triples); ``part`` is ``head`` (the extractor), ``nodes`` or ``same-as``;
    returns the seconds it took and the SHA-256 of the bytes it adds to each of
    ``graph.nt`` and ``graph.ttl`` (for the manifest: :func:`kg.outdir.spliced`)."""
    import time

    started = time.perf_counter()
    nt = folder / f"{name}.nt"
    ttl = folder / f"{name}.ttl" if "ttl" in formats else None
    _serialize_both(_piece_chunks(G, part, nodes), nt, ttl, prefixes_for(G))
    if "jsonld" in formats:
        from kg.export.jsonld import write_jsonld_nodes

        write_jsonld_nodes(G, ox.parse(path=str(nt), format=ox.RdfFormat.N_TRIPLES),
                           folder / f"{name}.jsonld-part")
    hashes = {}
    for fmt in _SPLICED_FORMATS:
        if fmt in formats:
            with open(folder / f"{name}{_SUFFIX[fmt]}", "rb") as piece:
                size = os.fstat(piece.fileno()).st_size
                skip = _piece_skip(piece, size, fmt, part)
                piece.seek(skip)
                hashes[fmt] = hashlib.file_digest(piece, "sha256").hexdigest()
    return time.perf_counter() - started, hashes


def _piece_chunks(G: nx.MultiDiGraph, part: str, nodes: list[str],
                 size: int = 64) -> Iterator[bytes]:
    """The N-Triples of one piece, in chunks that end where a node's end."""
    maker = _LineMaker(G)
    if part == "head":
        yield _encode("".join(maker.header()))
    elif part == "same-as":
        yield _encode("".join(maker.same_as()))
    for start in range(0, len(nodes), size):
        yield _encode("".join(line for node in nodes[start:start + size]
                              for line in maker.node(node)))


def _serialize_both(chunks: Iterable[bytes], nt: Path, ttl: Path | None,
                    prefixes: dict[str, str]) -> None:
    """N-Triples into ``nt`` and, converted natively by pyoxigraph, Turtle into ``ttl``.
    A chunk ends where a node's triples end, so each Turtle chunk closes its last
    subject as one document would; the prefix lines every chunk starts with are kept
    only the first time."""
    target = nt
    try:
        with open(nt, "wb") as nt_out, open(ttl or os.devnull, "wb") as ttl_out:
            first = True
            for chunk in chunks:
                if not chunk:
                    continue
                nt_out.write(chunk)
                if ttl is not None:
                    target = ttl
                    turtle = ox.serialize(_parsed(chunk), format=ox.RdfFormat.TURTLE,
                                          prefixes=prefixes)
                    ttl_out.write(turtle if first else memoryview(turtle)[
                        _turtle_body_start(turtle):])
                    target = nt
                first = False
    except OSError as err:
        raise ExportError(f"{target}: cannot write: {err.strerror or err}") from None


def rdf_context(G: nx.MultiDiGraph, formats: tuple[str, ...]) -> str:
    """What every RDF piece depends on besides its nodes: the writers' code, the base IRI,
    the extractor version, the prefixes, the JSON-LD context and the formats written."""
    from kg.export.jsonld import load_context
    from kg.export.pieces import code_fingerprint

    base = G.graph.get("base_iri") or BASE_IRI
    return code_fingerprint("rdf", base, extractor_version(G), ",".join(formats),
                            json.dumps(prefixes_for(G), sort_keys=True),
                            json.dumps(load_context(), sort_keys=True))


def write_rdf(G: nx.MultiDiGraph, folder: str | Path, *, jobs: int = 1, shards: int | None = None,
              turtle: bool = True, jsonld: bool = False, keep_shards: bool = False,
              also: Sequence[Callable[[], object]] = (), results: list | None = None,
              previous=None, previous_dir: str | Path | None = None,
              digests: dict[str, str] | None = None,
              before_last_join: Callable[[], object] | None = None):
    """Write ``graph.nt`` (and ``graph.ttl``, ``graph.jsonld``) into ``folder`` from one
    pass of triple generation; returns ``({format: path}, PieceIndex)``.

    The triples are made in pieces (:mod:`kg.export.pieces`): the extractor, runs of
    entities, runs of papers with their evidence, the ``owl:sameAs`` links. ``jobs``
    forked processes write each piece as N-Triples, convert it natively (pyoxigraph)
    to Turtle and JSON-LD, and run the tasks in ``also`` (the other writers) beside
    them; the files are the pieces joined (the same bytes as one writer would give).
    With ``previous`` (the :class:`~kg.export.pieces.PieceIndex` of the files in
    ``previous_dir``) and the node digests of this graph (``digests``,
    :func:`kg.export.blocks.node_digests`), the runs are cut where they were and every
    unchanged piece is copied from the previous files instead of being made.
    ``keep_shards`` (``shards`` paper shards) leaves the N-Triples in ``folder/shards/``
    (``entities.nt``, ``papers-0001.nt``, ...) for a triple store's bulk loader.
    ``results`` (a list) receives what the tasks of ``also`` returned, then the seconds
    each piece took. ``before_last_join`` is called once the other files are complete,
    before ``graph.nt`` (the largest) is joined: the build hashes them meanwhile.
    """
    from kg.export.pieces import PieceIndex, cut_runs, run_digest
    from kg.forked import run_forked
    from kg.rdf_formats import RDF_FORMATS

    folder = Path(folder)
    formats = tuple(f for f, on in zip(_FORMATS, (True, turtle, jsonld), strict=True) if on)
    context = rdf_context(G, formats)
    reuse = (previous is not None and previous_dir is not None and digests is not None
             and previous.context == context
             and previous.formats == formats
             and all((Path(previous_dir) / RDF_FORMATS[f].build_file).is_file()
                     for f in formats))
    starts = previous.starts if previous is not None else {}
    entities, papers = rdf_node_order(G)
    runs = [("entities", run) for run in cut_runs(entities, starts.get("entities"),
                                                   ENTITY_RUN)]
    runs += [("papers", run) for run in cut_runs(papers, starts.get("papers"), PAPER_RUN,
                                                 at_least=max(jobs, shards or 1))]
    index = PieceIndex(context, formats, {
        kind: [run[0] for k, run in runs if k == kind] for kind in ("entities", "papers")})
    old = previous.places() if reuse else {}
    previous_ranges = {}  # file name -> {(offset, length): SHA-256} of its pieces
    if reuse:
        from kg.outdir import read_ranges

        for name, found in read_ranges(previous_dir).items():
            at, offsets = 0, {}
            for length, digest in found:
                offsets[at, length] = digest
                at += length
            previous_ranges[name] = offsets
    # (name, what, nodes, digest); the head and the sameAs links are always made (tiny)
    pieces = [("head", "head", [], "")]
    pieces += [(f"{kind}-{number:05d}", "nodes", run,
                run_digest(run, digests, context) if digests is not None else "")
               for number, (kind, run) in enumerate(runs)]
    if G.graph.get("same_as"):
        pieces.append(("same-as", "same-as", [], ""))
    work = folder / SHARDS_DIR
    work.mkdir(exist_ok=True)
    made = [piece for piece in pieces if piece[3] not in old]
    # The biggest pieces first, so the pool ends together.
    made.sort(key=lambda piece: -len(piece[2]) if piece[1] == "nodes" and
              piece[0].startswith("papers") else 0)
    tasks = [*also, *(partial(_write_piece, G, name, what, nodes, work, formats)
                      for name, what, nodes, _ in made)]
    done = run_forked(tasks, jobs)
    piece_hashes = {piece[0]: hashes for piece, (_, hashes) in zip(made, done[len(also):],
                                                                   strict=True)}
    if results is not None:
        results.extend([*done[:len(also)], *(took for took, _ in done[len(also):])])
    index.made = sum(1 for piece in made if piece[1] == "nodes")
    index.reused = sum(1 for piece in pieces if piece[1] == "nodes") - index.made

    places: list[dict[str, tuple[int, int]]] = [{} for _ in pieces]
    written = {}
    for fmt in sorted(formats, key=lambda f: f == "nt"):  # graph.nt last
        if fmt == "nt" and before_last_join is not None:
            before_last_join()
        target = folder / RDF_FORMATS[fmt].build_file
        source = Path(previous_dir) / RDF_FORMATS[fmt].build_file if reuse else None
        ranges = _join(G, fmt, pieces, old, work, target, source, places, piece_hashes,
                       previous_ranges.get(target.name, {}))
        if ranges is not None:
            from kg.outdir import spliced

            spliced(folder, target, ranges)
    written = {fmt: folder / RDF_FORMATS[fmt].build_file for fmt in formats}
    index.pieces = [(digest, where) for (_, _, _, digest), where in zip(pieces, places,
                                                                        strict=True)
                    if digest]
    index.tail = places[-1] if pieces[-1][1] == "same-as" else {}
    whole = hashlib.blake2b(context.encode(), digest_size=16)
    for digest, _ in index.pieces:
        whole.update(digest.encode())
    whole.update(json.dumps(sorted((G.graph.get("same_as") or {}).items())).encode())
    index.digest = whole.hexdigest()
    if keep_shards:
        _keep_shards(pieces, places, folder / RDF_FORMATS["nt"].build_file, work,
                     shards or 1)
    else:
        for path in work.iterdir():
            path.unlink()
        os.rmdir(work)
    return written, index


_SUFFIX = {"nt": ".nt", "ttl": ".ttl", "jsonld": ".jsonld-part"}
# The files the manifest hashes by pieces (the JSON-LD file has a head and tail of its own)
_SPLICED_FORMATS = ("nt", "ttl")


def _join(G: nx.MultiDiGraph, fmt: str, pieces: list, old: dict, work: Path, target: Path,
          source: Path | None, places: list[dict], hashes: dict | None = None,
          old_hashes: dict | None = None) -> list[tuple[int, str]] | None:
    """``target``: the pieces in order, from their new files or copied from ``source``
    (the previous build's file); records where each piece lies in ``places``. For
    N-Triples and Turtle, returns each piece's (length, SHA-256), from ``hashes`` (piece
    name -> format -> SHA-256 of what :func:`_write_piece` made) and ``old_hashes``
    (``(offset, length)`` in ``source`` -> SHA-256, from its manifest), else None."""
    from kg.export.pieces import copy_range

    hashes, old_hashes = hashes or {}, old_hashes or {}
    ranges: list[tuple[int, str]] | None = [] if fmt in _SPLICED_FORMATS else None

    try:
        out = os.open(target, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o666)
        previous = os.open(source, os.O_RDONLY) if source is not None else None
    except OSError as err:
        raise ExportError(f"{target}: cannot write: {err.strerror or err}") from None
    offset = 0

    def write(data: bytes) -> None:
        nonlocal offset
        view = memoryview(data)
        while view:
            view = view[os.write(out, view):]
        offset += len(data)

    try:
        if fmt == "jsonld":
            from kg.export.jsonld import jsonld_header

            write(jsonld_header(G).encode("utf-8"))
        for number, (name, what, _, digest) in enumerate(pieces):
            start = offset
            if digest in old:
                at, length = old[digest][fmt]
                copy_range(previous, out, at, length)
                offset += length
                if ranges is not None:
                    ranges.append((length, old_hashes.get((at, length))
                                   or _range_hash(previous, at, length)))
            else:
                _append_piece(work / f"{name}{_SUFFIX[fmt]}", fmt, what, out, write)
                offset = os.lseek(out, 0, os.SEEK_CUR)
                if ranges is not None:
                    made = hashes.get(name, {}).get(fmt)
                    ranges.append((offset - start, made or _range_hash(out, start,
                                                                        offset - start)))
            places[number][fmt] = (start, offset - start)
        if fmt == "jsonld":
            from kg.export.jsonld import JSONLD_FOOTER

            write(JSONLD_FOOTER.encode("utf-8"))
    except OSError as err:
        raise ExportError(f"{target}: cannot write: {err.strerror or err}") from None
    finally:
        os.close(out)
        if previous is not None:
            os.close(previous)
    return ranges


def _range_hash(fd: int, start: int, length: int) -> str:
    """The SHA-256 of ``length`` bytes of the file ``fd`` from ``start``."""
    digest = hashlib.sha256()
    while length:
        block = os.pread(fd, min(length, 1 << 20), start)
        if not block:
            raise OSError(f"a piece of {length} bytes more than the file holds")
        digest.update(block)
        start += len(block)
        length -= len(block)
    return digest.hexdigest()


def _piece_skip(piece, size: int, fmt: str, what: str) -> int:
    """How many bytes of the piece file ``piece`` (open, at its start) the joined file does
    not take: the prefix lines of a Turtle piece after the first, the "," before the
    first JSON-LD node object."""
    if fmt == "ttl" and what != "head":
        head = piece.read(1 << 16)
        while True:
            try:
                skip = _turtle_body_start(head)
            except ValueError:  # a prefix line cut by the read
                skip = len(head)
            if skip < len(head) or len(head) == size:
                return skip
            head += piece.read(1 << 16)  # more prefix lines than one read holds
    if fmt == "jsonld" and what == "head":
        return 2
    return 0


def _append_piece(path: Path, fmt: str, what: str, out: int, write) -> None:
    """Append the piece file ``path`` to ``out``, in the kernel (``copy_file_range``), less
    the prefix lines of a Turtle piece after the first and the "," before the first
    JSON-LD node object."""
    from kg.export.pieces import copy_range

    with open(path, "rb") as piece:
        size = os.fstat(piece.fileno()).st_size
        skip = _piece_skip(piece, size, fmt, what)
        if fmt == "jsonld" and what == "head":
            write(b"\n")  # the first node object follows no ","
        copy_range(piece.fileno(), out, skip, size - skip)


def _keep_shards(pieces: list, places: list[dict], nt: Path, work: Path, parts: int) -> None:
    """``work`` (``OUT/shards``) as ``entities.nt`` (the extractor and the entities) and
    ``parts`` paper shards of about equal size, cut between pieces, from ``nt``."""
    from kg.export.pieces import copy_range

    for path in work.iterdir():
        path.unlink()
    entity_end = max(n for n, (_, what, nodes, _) in enumerate(pieces)
                     if what == "head" or (nodes and pieces[n][0].startswith("entities")))
    papers = list(range(entity_end + 1, len(pieces)))
    groups: list[list[int] | None] = [[0, entity_end]]
    sizes = [len(pieces[n][2]) for n in papers]
    total, done, first = sum(sizes), 0, 0
    for number in range(parts):
        goal, last = total * (number + 1) / parts, first
        left = parts - number - 1  # shards still to fill after this one
        while last < len(papers) and len(papers) - last > left and (
                last == first or number == parts - 1 or done + sizes[last] <= goal):
            done += sizes[last]
            last += 1
        groups.append([papers[first], papers[last - 1]] if last > first else None)
        first = last
    source = os.open(nt, os.O_RDONLY)
    try:
        for number, group in enumerate(groups):
            name = "entities.nt" if number == 0 else f"papers-{number:04d}.nt"
            if group is None:
                continue
            start = places[group[0]]["nt"][0]
            end = sum(places[group[1]]["nt"])
            target = os.open(work / name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
            try:
                copy_range(source, target, start, end - start)
            finally:
                os.close(target)
    except OSError as err:
        raise ExportError(f"{work}: cannot write the shards: {err.strerror or err}") from None
    finally:
        os.close(source)
