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
from collections.abc import Iterable, Iterator
from decimal import Decimal
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
XSD_BOOLEAN = _n(_XSD + "boolean")
DIRECTIONS = {"higher": "HigherIsBetter", "lower": "LowerIsBetter"}


def kg(term: str) -> ox.NamedNode:
    return _n(_KG + term)


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


def _decimal(value: float) -> ox.Literal:
    """A canonical xsd:decimal for a confidence: ``0.9`` -> ``"0.9"``, ``1`` -> ``"1.0"``."""
    text = format(Decimal(repr(round(float(value), 6))).normalize(), "f")
    if "." not in text:
        text += ".0"
    return ox.Literal(text, datatype=XSD_DECIMAL)


def _date(value: str) -> ox.Literal:
    if value.startswith("--"):
        return ox.Literal(value, datatype=XSD_GMONTHDAY)
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        return ox.Literal(value, datatype=XSD_DATE)
    return _literal(value)


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


def _result_triples(iri: str, paper: ox.NamedNode, result: dict, node, version: ox.Literal,
                    agent: ox.NamedNode) -> Iterator[ox.Triple]:
    subject = _n(iri)
    yield ox.Triple(subject, TYPE, kg("Result"))
    yield ox.Triple(subject, kg("paper"), paper)
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
    evidence = result.get("evidence") or {}
    yield from _provenance(subject, evidence, version, agent)


def _provenance(subject: ox.NamedNode, evidence: dict, version: ox.Literal,
                agent: ox.NamedNode) -> Iterator[ox.Triple]:
    """Field, span, text, sentence, rule, confidence and extractor of evidence or a result."""
    if evidence.get("field") is not None:
        yield ox.Triple(subject, kg("inField"), _literal(evidence["field"]))
    for key, term in (("start", "startOffset"), ("end", "endOffset")):
        if evidence.get(key) is not None:
            yield ox.Triple(subject, kg(term),
                            ox.Literal(str(int(evidence[key])), datatype=XSD_INTEGER))
    if evidence.get("text") is not None:
        yield ox.Triple(subject, kg("matchedText"), _literal(evidence["text"]))
    if evidence.get("sentence") is not None:
        yield ox.Triple(subject, kg("sentence"), _literal(evidence["sentence"]))
    if evidence.get("rule") is not None:
        yield ox.Triple(subject, kg("rule"), _literal(evidence["rule"]))
    if evidence.get("confidence") is not None:
        yield ox.Triple(subject, kg("confidence"), _decimal(evidence["confidence"]))
    yield ox.Triple(subject, kg("extractorVersion"), version)
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
    if data.get("date"):
        yield ox.Triple(subject, kg("listingDate"), _date(str(data["date"])))
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
        yield ox.Triple(subject, kg("paperCount"),
                        ox.Literal(str(int(data["paper_count"])), datatype=XSD_INTEGER))
    if data.get("direction") in DIRECTIONS:
        yield ox.Triple(subject, kg("direction"), kg(DIRECTIONS[data["direction"]]))
    if data.get("unit"):
        yield ox.Triple(subject, kg("unit"), _literal(data["unit"]))


def _evidence_triples(iri: str, paper: ox.NamedNode, relation: str, entity: ox.NamedNode,
                      evidence: dict, version: ox.Literal, agent: ox.NamedNode
                      ) -> Iterator[ox.Triple]:
    subject = _n(iri)
    yield ox.Triple(subject, TYPE, kg("Evidence"))
    yield ox.Triple(subject, kg("paper"), paper)
    yield ox.Triple(subject, kg("relation"), kg(relation))
    yield ox.Triple(subject, kg("entity"), entity)
    yield from _provenance(subject, evidence, version, agent)


def generate_triples(G: nx.MultiDiGraph) -> Iterator[ox.Triple]:
    """Every triple of the graph's RDF, in a deterministic order.

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
    base = G.graph.get("base_iri") or BASE_IRI
    version = extractor_version(G)
    classes = _classes()
    # The concept schemes are shipped files (schemas/modalities.ttl) under the fixed base IRI.
    schemes = {name: _n(f"{BASE_IRI}{kind.scheme}") for name, kind in ENTITY_TYPES.items()
               if kind.scheme}
    known_relations = set(RELATIONS)
    agent = _n(extractor_iri(base, version))
    version_literal = _literal(version)
    yield ox.Triple(agent, TYPE, kg("Extractor"))
    yield from _labels(agent, version)
    yield ox.Triple(agent, kg("extractorVersion"), version_literal)

    iris: dict[str, ox.NamedNode] = {}

    def iri(node: str) -> ox.NamedNode:
        if node not in iris:
            iris[node] = _n(node_iri(node, base))
        return iris[node]

    for node in sorted(G.nodes):
        data = G.nodes[node]
        kind = data.get("type")
        if kind not in classes:
            raise ExportError(f"node {node!r} has type {kind!r}; expected one of "
                              f"{', '.join(classes)}")
        subject = iri(node)
        if kind != PAPER.name:
            yield from _entity_triples(subject, classes[kind], schemes.get(kind), data)
            continue
        yield from _paper_triples(subject, data)
        evidence_nodes: dict[str, Iterable[ox.Triple]] = {}
        for _, target, relation, attrs in sorted(G.out_edges(node, keys=True, data=True),
                                                 key=lambda e: (e[2], e[1])):
            if relation not in known_relations:
                raise ExportError(f"edge {node!r} -> {target!r} has relation {relation!r}; "
                                  f"expected one of {', '.join(RELATIONS)}")
            yield ox.Triple(subject, kg(relation), iri(target))
            for evidence in attrs.get("evidence") or ():
                ev_iri = evidence_iri(base, node, relation, target, evidence)
                evidence_nodes.setdefault(ev_iri, _evidence_triples(
                    ev_iri, subject, relation, iri(target), evidence, version_literal, agent))
        for ev_iri in sorted(evidence_nodes):
            yield from evidence_nodes[ev_iri]
        result_nodes = {}
        for result in data.get("results") or ():
            for key in ("metric", "method", "dataset"):
                if result.get(key) is not None and result[key] not in G:
                    raise ExportError(f"a result of {node!r} names {result[key]!r}, which is "
                                      "not in the graph")
            r_iri = result_iri(base, node, result)
            result_nodes.setdefault(r_iri, result)
        for r_iri in sorted(result_nodes):
            yield ox.Triple(subject, kg("reportsResult"), _n(r_iri))
        for r_iri in sorted(result_nodes):
            yield from _result_triples(r_iri, subject, result_nodes[r_iri], iri,
                                       version_literal, agent)


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


def write_turtle(G: nx.MultiDiGraph, path: str | Path) -> None:
    """Write ``graph.ttl``: Turtle with the ``kg:`` and standard prefixes bound."""
    serialize_triples(generate_triples(G), path, ox.RdfFormat.TURTLE, prefixes_for(G))


def write_ntriples(G: nx.MultiDiGraph, path: str | Path) -> None:
    """Write ``graph.nt``: one triple per line, same triples and order as the Turtle."""
    serialize_triples(generate_triples(G), path, ox.RdfFormat.N_TRIPLES)
