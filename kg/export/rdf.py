"""RDF export: the graph as triples, written as Turtle or N-Triples by pyoxigraph.

The pure half is :func:`generate_triples`, a deterministic stream of
``pyoxigraph.Triple`` (nodes in key order, each node's triples in a fixed
order, a paper's evidence nodes right after it), so the writers never hold one
big in-memory graph and the same input always gives byte-identical files.

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


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


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


def kg(term: str) -> ox.NamedNode:
    return _n(_KG + term)


EVIDENCE = kg("Evidence")
EV_PAPER, EV_RELATION, EV_ENTITY = kg("paper"), kg("relation"), kg("entity")
EV_FIELD, EV_START, EV_END = kg("inField"), kg("startOffset"), kg("endOffset")
EV_TEXT, EV_SENTENCE, EV_RULE = kg("matchedText"), kg("sentence"), kg("rule")
EV_CONFIDENCE = kg("confidence")
RESULT, REPORTS_RESULT = kg("Result"), kg("reportsResult")


def _classes() -> dict[str, ox.NamedNode]:
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


def _literal(value, datatype: ox.NamedNode | None = None) -> ox.Literal:
    try:
        return ox.Literal(str(value), datatype=datatype) if datatype else ox.Literal(str(value))
    except (ValueError, TypeError) as err:  # e.g. lone surrogates in text
        raise ExportError(f"cannot write {value!r} as an RDF literal: it is not valid Unicode "
                          f"text ({err})") from None


@lru_cache(maxsize=8192)
def _integer(value: int) -> ox.Literal:
    """An xsd:integer (offsets and counts repeat: each literal is made once)."""
    return ox.Literal(str(int(value)), datatype=XSD_INTEGER)


# Field names and rules are a handful of strings repeated on every piece of evidence.
_word = lru_cache(maxsize=1024)(_literal)


@lru_cache(maxsize=4096)
def _decimal(value: float) -> ox.Literal:
    """A canonical xsd:decimal for a confidence: ``0.9`` -> ``"0.9"``, ``1`` -> ``"1.0"``."""
    text = format(Decimal(repr(round(float(value), 6))).normalize(), "f")
    if "." not in text:
        text += ".0"
    return ox.Literal(text, datatype=XSD_DECIMAL)


def _date(value: str) -> ox.Literal | None:
    """``2024-03-18`` -> xsd:date, ``--03-18`` -> xsd:gMonthDay, ``2024`` -> xsd:gYear;
    None for anything else (ingest drops such dates, with a warning, before they get here)."""
    from kg.ingest.records import is_valid_date

    if not is_valid_date(value):
        return None
    if value.startswith("--"):
        return ox.Literal(value, datatype=XSD_GMONTHDAY)
    return ox.Literal(value, datatype=XSD_GYEAR if len(value) == 4 else XSD_DATE)


def result_iri(base: str, paper: str, result: dict) -> str:
    """A stable IRI for one result: a hash of the paper, what it scores and where it was read."""
    evidence = result.get("evidence") or {}
    key = json.dumps([paper, result.get("method"), result.get("dataset"), result.get("metric"),
                      result.get("value"), evidence.get("field"), evidence.get("start")],
                     ensure_ascii=False)
    return f"{base}result/{hashlib.sha1(key.encode('utf-8')).hexdigest()[:20]}"


def _value_literal(result: dict) -> ox.Literal:
    """The value as a canonical xsd:decimal ("2,364" -> 2364.0, "0.0" -> 0.0)."""
    try:
        number = Decimal(str(result.get("value", "")).replace(",", ""))
    except ArithmeticError:
        number = Decimal(repr(float(result["number"])))
    text = format(number.normalize(), "f") if number == number.to_integral() else format(
        number, "f")
    if "." not in text:
        text += ".0"
    return ox.Literal(text, datatype=XSD_DECIMAL)


def _result_triples(iri: str, paper: ox.NamedNode, result: dict, node,
                    agent: ox.NamedNode) -> Iterator[ox.Triple]:
    subject = _n(iri)
    yield ox.Triple(subject, TYPE, RESULT)
    yield ox.Triple(subject, EV_PAPER, paper)
    yield ox.Triple(subject, kg("withMetric"), node(result["metric"]))
    if result.get("method"):
        yield ox.Triple(subject, kg("ofMethod"), node(result["method"]))
    if result.get("dataset"):
        yield ox.Triple(subject, kg("onDataset"), node(result["dataset"]))
    yield ox.Triple(subject, kg("value"), _value_literal(result))
    yield ox.Triple(subject, kg("valueText"), _literal(result.get("value", "")))
    yield ox.Triple(subject, kg("ownSystem"), ox.Literal(
        "true" if result.get("own") else "false", datatype=XSD_BOOLEAN))
    if result.get("unit"):
        yield ox.Triple(subject, kg("unit"), _literal(result["unit"]))
    yield from _provenance(subject, result.get("evidence") or {}, agent)


def _provenance(subject: ox.NamedNode, evidence: dict,
                agent: ox.NamedNode) -> Iterator[ox.Triple]:
    """Field, span, text, sentence, rule, confidence and extractor of evidence or a result
    (the extractor version is the agent's, not repeated on every node)."""
    if evidence.get("field") is not None:
        yield ox.Triple(subject, EV_FIELD, _word(evidence["field"]))
    if evidence.get("start") is not None:
        yield ox.Triple(subject, EV_START, _integer(evidence["start"]))
    if evidence.get("end") is not None:
        yield ox.Triple(subject, EV_END, _integer(evidence["end"]))
    if evidence.get("text") is not None:
        yield ox.Triple(subject, EV_TEXT, _literal(evidence["text"]))
    if evidence.get("sentence") is not None:
        yield ox.Triple(subject, EV_SENTENCE, _literal(evidence["sentence"]))
    if evidence.get("rule") is not None:
        yield ox.Triple(subject, EV_RULE, _word(evidence["rule"]))
    if evidence.get("confidence") is not None:
        yield ox.Triple(subject, EV_CONFIDENCE, _decimal(evidence["confidence"]))
    yield ox.Triple(subject, ATTRIBUTED_TO, agent)


def evidence_iri(base: str, source: str, relation: str, target: str, evidence: dict) -> str:
    """A stable IRI for one piece of evidence: a hash of the link and the span it came from."""
    key = json.dumps([source, relation, target, evidence.get("field"), evidence.get("start"),
                      evidence.get("end"), evidence.get("rule"), evidence.get("text")],
                     ensure_ascii=False)
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


def _labels(subject: ox.NamedNode, label: str) -> Iterator[ox.Triple]:
    text = _literal(label)
    yield ox.Triple(subject, LABEL, text)
    yield ox.Triple(subject, PREF_LABEL, text)


def _paper_triples(subject: ox.NamedNode, data: dict) -> Iterator[ox.Triple]:
    yield ox.Triple(subject, TYPE, kg(PAPER.rdf_class))
    yield from _labels(subject, data.get("label") or data.get("title") or "")
    yield ox.Triple(subject, TITLE, _literal(data.get("title") or data.get("label") or ""))
    if data.get("abstract"):
        yield ox.Triple(subject, ABSTRACT, _literal(data["abstract"]))
    if data.get("date") and (date := _date(str(data["date"]))) is not None:
        yield ox.Triple(subject, kg("listingDate"), date)
    if data.get("arxiv_id"):
        yield ox.Triple(subject, kg("arxivId"), _literal(data["arxiv_id"]))
    for source in sorted(set(data.get("sources") or ())):
        yield ox.Triple(subject, kg("sourceRecord"), _literal(source))
    for author in sorted(set(data.get("authors") or ())):
        yield ox.Triple(subject, kg("authorName"), _literal(author))
    for url in sorted(set(data.get("urls") or ())):
        yield ox.Triple(subject, kg("url"), _literal(url))


def _entity_triples(subject: ox.NamedNode, rdf_class: ox.NamedNode, scheme: ox.NamedNode | None,
                    data: dict) -> Iterator[ox.Triple]:
    yield ox.Triple(subject, TYPE, rdf_class)
    if data.get("family"):
        yield ox.Triple(subject, TYPE, kg("MethodFamily"))
    if scheme is not None:
        yield ox.Triple(subject, IN_SCHEME, scheme)
    label = data.get("label") or ""
    yield from _labels(subject, label)
    for alias in sorted({a for a in data.get("aliases") or () if a != label}):
        yield ox.Triple(subject, ALT_LABEL, _literal(alias))
    if data.get("paper_count") is not None:
        yield ox.Triple(subject, kg("paperCount"), _integer(data["paper_count"]))
    if data.get("direction") in DIRECTIONS:
        yield ox.Triple(subject, kg("direction"), kg(DIRECTIONS[data["direction"]]))
    if data.get("unit"):
        yield ox.Triple(subject, kg("unit"), _word(data["unit"]))


def _evidence_triples(iri: str, paper: ox.NamedNode, relation: ox.NamedNode,
                      entity: ox.NamedNode, evidence: dict, agent: ox.NamedNode
                      ) -> Iterator[ox.Triple]:
    """One evidence node: 12 triples at most. The extractor version is the agent's
    (``prov:wasAttributedTo/kg:extractorVersion``), not repeated on every evidence."""
    subject = _n(iri)
    yield ox.Triple(subject, TYPE, EVIDENCE)
    yield ox.Triple(subject, EV_PAPER, paper)
    yield ox.Triple(subject, EV_RELATION, relation)
    yield ox.Triple(subject, EV_ENTITY, entity)
    yield from _provenance(subject, evidence, agent)


def rdf_node_order(G: nx.MultiDiGraph) -> tuple[list[str], list[str]]:
    """(entity nodes, paper nodes), each in key order: the order of the RDF output.

    Entities come first (after the extractor), then each paper with its evidence, so the
    papers can be cut into contiguous shards whose concatenation is the whole file.
    """
    entities, papers = [], []
    for node, kind in G.nodes(data="type"):
        (papers if kind == PAPER.name else entities).append(node)
    return sorted(entities), sorted(papers)


class _TripleMaker:
    """Makes the triples of nodes of one graph (IRIs, classes and terms made once)."""

    def __init__(self, G: nx.MultiDiGraph):
        self.G = G
        self.base = G.graph.get("base_iri") or BASE_IRI
        self.version = extractor_version(G)
        self.classes = _classes()
        # The concept schemes are shipped files (schemas/modalities.ttl) under the fixed base.
        self.schemes = {name: _n(f"{BASE_IRI}{kind.scheme}")
                        for name, kind in ENTITY_TYPES.items() if kind.scheme}
        self.relations = {name: kg(name) for name in RELATIONS}
        self.agent = _n(extractor_iri(self.base, self.version))
        self.version_literal = _literal(self.version)
        self.iris: dict[str, ox.NamedNode] = {}

    def iri(self, node: str) -> ox.NamedNode:
        found = self.iris.get(node)
        if found is None:
            found = self.iris[node] = _n(node_iri(node, self.base))
        return found

    def header(self) -> Iterator[ox.Triple]:
        yield ox.Triple(self.agent, TYPE, kg("Extractor"))
        yield from _labels(self.agent, self.version)
        yield ox.Triple(self.agent, kg("extractorVersion"), self.version_literal)

    def node(self, node: str) -> Iterator[ox.Triple]:
        G = self.G
        data = G.nodes[node]
        kind = data.get("type")
        if kind not in self.classes:
            raise ExportError(f"node {node!r} has type {kind!r}; expected one of "
                              f"{', '.join(self.classes)}")
        subject = self.iri(node)
        if kind != PAPER.name:
            yield from _entity_triples(subject, self.classes[kind], self.schemes.get(kind), data)
            return
        yield from _paper_triples(subject, data)
        evidence_nodes: dict[str, Iterable[ox.Triple]] = {}
        for _, target, relation, attrs in sorted(G.out_edges(node, keys=True, data=True),
                                                 key=lambda e: (e[2], e[1])):
            predicate = self.relations.get(relation)
            if predicate is None:
                raise ExportError(f"edge {node!r} -> {target!r} has relation {relation!r}; "
                                  f"expected one of {', '.join(RELATIONS)}")
            entity = self.iri(target)
            yield ox.Triple(subject, predicate, entity)
            for evidence in attrs.get("evidence") or ():
                ev_iri = evidence_iri(self.base, node, relation, target, evidence)
                if ev_iri not in evidence_nodes:
                    evidence_nodes[ev_iri] = _evidence_triples(
                        ev_iri, subject, predicate, entity, evidence, self.agent)
        for ev_iri in sorted(evidence_nodes):
            yield from evidence_nodes[ev_iri]
        result_nodes = {}
        for result in data.get("results") or ():
            for key in ("metric", "method", "dataset"):
                if result.get(key) is not None and result[key] not in G:
                    raise ExportError(f"a result of {node!r} names {result[key]!r}, which is "
                                      "not in the graph")
            result_nodes.setdefault(result_iri(self.base, node, result), result)
        for r_iri in sorted(result_nodes):
            yield ox.Triple(subject, REPORTS_RESULT, _n(r_iri))
        for r_iri in sorted(result_nodes):
            yield from _result_triples(r_iri, subject, result_nodes[r_iri], self.iri, self.agent)


def generate_triples(G: nx.MultiDiGraph, nodes: Iterable[str] | None = None, *,
                     header: bool | None = None) -> Iterator[ox.Triple]:
    """Every triple of the graph's RDF, in a deterministic order.

    With ``nodes``, only the triples of those nodes (and the extractor's when
    ``header``): the writers cut the output into shards this way.

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
    maker = _TripleMaker(G)
    if nodes is None:
        entities, papers = rdf_node_order(G)
        nodes, header = [*entities, *papers], True if header is None else header
    if header:
        yield from maker.header()
    for node in nodes:
        yield from maker.node(node)


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
    serialize_triples(generate_triples(G), path, ox.RdfFormat.N_TRIPLES)


# ------------------------------------------------------------------ shards, in parallel

SHARDS_DIR = "shards"


def shard_plan(G: nx.MultiDiGraph, parts: int) -> list[tuple[str, bool, list[str]]]:
    """(shard name, has the extractor header?, nodes) for ``parts`` paper shards.

    The first shard holds the extractor and every entity; the papers (with their
    evidence) are cut into ``parts`` contiguous runs of about equal size. The
    shards in this order are the whole output.
    """
    entities, papers = rdf_node_order(G)
    parts = max(1, min(parts, len(papers) or 1))
    plan = [("entities", True, entities)]
    for i in range(parts):
        chunk = papers[len(papers) * i // parts: len(papers) * (i + 1) // parts]
        plan.append((f"papers-{i + 1:04d}", False, chunk))
    return plan


def _turtle_body_start(data: bytes) -> int:
    """Where the statements start after the ``@prefix`` lines of a Turtle document."""
    index = 0
    while data.startswith(b"@prefix ", index):
        index = data.index(b"\n", index) + 1
    return index


def _write_shard(G: nx.MultiDiGraph, name: str, header: bool, nodes: list[str], folder: Path,
                 turtle: bool, jsonld: bool) -> float:
    """Write one shard as N-Triples and Turtle from one pass over its triples (and JSON-LD
    from the N-Triples); returns the seconds it took."""
    import time

    started = time.perf_counter()
    nt = folder / f"{name}.nt"
    ttl = folder / f"{name}.ttl" if turtle else None
    _serialize_both(_triple_batches(G, nodes, header), nt, ttl, prefixes_for(G))
    if jsonld:
        from kg.export.jsonld import write_jsonld_nodes

        write_jsonld_nodes(G, ox.parse(path=str(nt), format=ox.RdfFormat.N_TRIPLES),
                           folder / f"{name}.jsonld-part")
    return time.perf_counter() - started


def _triple_batches(G: nx.MultiDiGraph, nodes: list[str], header: bool,
                    size: int = 64) -> Iterator[list[ox.Triple]]:
    """The triples of :func:`generate_triples`, in lists that end where a node's end."""
    maker = _TripleMaker(G)
    if header:
        yield list(maker.header())
    for start in range(0, len(nodes), size):
        yield [triple for node in nodes[start:start + size] for triple in maker.node(node)]


def _serialize_both(batches: Iterable[list[ox.Triple]], nt: Path, ttl: Path | None,
                    prefixes: dict[str, str]) -> None:
    """N-Triples into ``nt`` and Turtle into ``ttl`` from the same triple objects (made
    once: making them is most of the cost). A batch ends where a node's triples end, so
    each Turtle batch closes its last subject as one document would; the prefix lines
    every batch starts with are kept only the first time."""
    target = nt
    try:
        with open(nt, "wb") as nt_out, open(ttl or os.devnull, "wb") as ttl_out:
            first = True
            for batch in batches:
                if not batch:
                    continue
                nt_out.write(ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES))
                if ttl is not None:
                    target = ttl
                    chunk = ox.serialize(batch, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
                    ttl_out.write(chunk if first else memoryview(chunk)[
                        _turtle_body_start(chunk):])
                    target = nt
                first = False
    except OSError as err:
        raise ExportError(f"{target}: cannot write: {err.strerror or err}") from None


def _concatenate(parts: list[Path], target: Path, skip=lambda index, data: 0) -> None:
    try:
        with open(target, "wb") as out:
            for index, part in enumerate(parts):
                with open(part, "rb") as handle:
                    if index:
                        head = handle.read(1 << 16)
                        out.write(head[skip(index, head):])
                    while chunk := handle.read(1 << 22):
                        out.write(chunk)
    except OSError as err:
        raise ExportError(f"{target}: cannot write: {err.strerror or err}") from None


def write_rdf(G: nx.MultiDiGraph, folder: str | Path, *, jobs: int = 1, shards: int | None = None,
              turtle: bool = True, jsonld: bool = False, keep_shards: bool = False,
              also: Sequence[Callable[[], object]] = (), results: list | None = None
              ) -> dict[str, Path]:
    """Write ``graph.nt`` (and ``graph.ttl``, ``graph.jsonld``) into ``folder``, from one
    pass of triple generation: each shard is written as N-Triples, converted natively
    by pyoxigraph to the other formats, and the shards are joined (same bytes as one
    writer would give). ``jobs`` forked processes write the shards (and run the tasks
    in ``also``, the other writers, beside them); with ``keep_shards`` the N-Triples
    shards stay in ``folder/shards/`` (``entities.nt``, ``papers-0001.nt``, ...) for a
    server triple store's bulk loader. ``results`` (a list) receives what the tasks of
    ``also`` returned, then the seconds each shard took.
    """
    from kg.forked import run_forked
    from kg.rdf_formats import RDF_FORMATS

    folder = Path(folder)
    plan = shard_plan(G, shards or jobs)
    work = folder / SHARDS_DIR
    work.mkdir(exist_ok=True)
    tasks = [*also, *(partial(_write_shard, G, name, header, nodes, work, turtle, jsonld)
                      for name, header, nodes in plan)]
    done = run_forked(tasks, jobs)
    if results is not None:
        results.extend(done)
    names = [name for name, _, _ in plan]
    written = {}
    target = folder / RDF_FORMATS["nt"].build_file
    _concatenate([work / f"{n}.nt" for n in names], target)
    written["nt"] = target
    if turtle:
        target = folder / RDF_FORMATS["ttl"].build_file
        _concatenate([work / f"{n}.ttl" for n in names], target,
                     skip=lambda index, head: _turtle_body_start(head))
        written["ttl"] = target
    if jsonld:
        from kg.export.jsonld import join_jsonld

        target = folder / RDF_FORMATS["jsonld"].build_file
        join_jsonld(G, [work / f"{n}.jsonld-part" for n in names], target)
        written["jsonld"] = target
    for path in work.iterdir():
        if not (keep_shards and path.suffix == ".nt"):
            path.unlink()
    if not keep_shards:
        os.rmdir(work)
    return written
