"""JSON-LD export: the same triples as the Turtle, compacted with ``schemas/context.jsonld``.

The context is embedded (not referenced by URL) so the file reads offline. Node
objects are written one at a time, in the order of
:func:`kg.export.rdf.generate_triples`, so output is deterministic and memory
stays flat however large the graph.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.errors import ExportError
from kg.export.rdf import generate_triples, prefixes_for
from kg.resources import schema_path

__all__ = ["load_context", "generate_jsonld", "write_jsonld", "write_jsonld_nodes", "join_jsonld",
           "jsonld_header", "JSONLD_FOOTER"]

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@cache
def load_context() -> dict:
    """The ``@context`` object shipped in ``schemas/context.jsonld``."""
    return json.loads(schema_path("context.jsonld").read_text(encoding="utf-8"))["@context"]


class _Compactor:
    """Maps IRIs to the context's terms and compact IRIs, and values to their JSON form."""

    def __init__(self, context: dict):
        self.prefixes = sorted(((v, k) for k, v in context.items()
                                if isinstance(v, str) and not v.startswith("@")
                                and v.endswith(("/", "#"))), key=lambda p: -len(p[0]))
        self.terms: dict[str, tuple[str, str | None]] = {}
        for term, definition in context.items():
            if isinstance(definition, str):
                iri, coerce = definition, None
            else:
                iri, coerce = definition["@id"], definition.get("@type")
            if term.startswith("@") or iri.startswith("@") or iri.endswith(("/", "#")):
                continue
            self.terms[self.expand(iri)] = (term, self.expand(coerce) if coerce else None)

    def expand(self, value: str) -> str:
        if value.startswith("@"):
            return value
        for iri, prefix in self.prefixes:
            if value.startswith(prefix + ":"):
                return iri + value[len(prefix) + 1:]
        return value

    def compact(self, iri: str) -> str:
        for full, prefix in self.prefixes:
            rest = iri[len(full):]
            if iri.startswith(full) and rest and not rest.startswith("//"):
                return f"{prefix}:{rest}"
        return iri

    def key(self, predicate: str) -> tuple[str, str | None]:
        return self.terms.get(predicate, (self.compact(predicate), None))

    def type_name(self, iri: str) -> str:
        term = self.terms.get(iri)
        return term[0] if term else self.compact(iri)

    def value(self, term: ox.NamedNode | ox.Literal, coerce: str | None):
        if isinstance(term, ox.NamedNode):
            iri = self.compact(term.value)
            return iri if coerce == "@id" else {"@id": iri}
        if not isinstance(term, ox.Literal):
            raise ExportError(f"cannot write {term} in JSON-LD: blank nodes are not produced")
        datatype = term.datatype.value
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if coerce == datatype:
            return term.value
        if datatype == _XSD_STRING and coerce is None:
            return term.value
        return {"@value": term.value, "@type": self.compact(datatype)}


def _node_objects(triples: Iterable[ox.Triple], compactor: _Compactor) -> Iterator[dict]:
    """One node object per run of triples with the same subject.

    The compact forms of IRIs, predicates and datatypes are looked up once each: the same
    few predicates and entities recur on every node, so this is a dict lookup per triple
    rather than a scan of the prefixes.
    """
    compacted: dict[str, str] = {}
    keys: dict[str, tuple[str, str | None]] = {}
    typed: dict[tuple[str, str | None], str | None] = {}  # -> the compact @type, or None

    def compact(iri: str) -> str:
        found = compacted.get(iri)
        if found is None:
            found = compacted[iri] = compactor.compact(iri)
        return found

    def finished(node: dict, types: list[str]) -> dict:
        if not types:
            return node
        return {"id": node["id"], "type": types[0] if len(types) == 1 else types,
                **{k: v for k, v in node.items() if k != "id"}}

    named, literal = ox.NamedNode, ox.Literal
    node: dict | None = None
    types: list[str] = []
    current = None
    for triple in triples:
        subject = triple.subject
        if subject != current:
            if node is not None:
                yield finished(node, types)
            current, node, types = subject, {"id": compact(subject.value)}, []
        predicate, term = triple.predicate.value, triple.object
        if predicate == _RDF_TYPE:
            types.append(compactor.type_name(term.value))
            continue
        key = keys.get(predicate)
        if key is None:
            key = keys[predicate] = compactor.key(predicate)
        key, coerce = key
        if type(term) is named:
            iri = compact(term.value)
            value = iri if coerce == "@id" else {"@id": iri}
        elif type(term) is literal:
            if term.language:
                value = {"@value": term.value, "@language": term.language}
            else:
                datatype = term.datatype.value
                if (datatype, coerce) not in typed:
                    typed[datatype, coerce] = (
                        None if coerce == datatype or (datatype == _XSD_STRING and coerce is None)
                        else compact(datatype))
                shown = typed[datatype, coerce]
                value = term.value if shown is None else {"@value": term.value, "@type": shown}
        else:
            value = compactor.value(term, coerce)  # a blank node: refused there
        if key not in node:
            node[key] = value
        elif isinstance(node[key], list):
            node[key].append(value)
        else:
            node[key] = [node[key], value]
    if node is not None:
        yield finished(node, types)


def _compactor(G: nx.MultiDiGraph) -> tuple[dict, _Compactor]:
    context = dict(load_context())
    context["res"] = prefixes_for(G)["res"]
    return context, _Compactor(context)


def _header(context: dict) -> str:
    return '{\n"@context": ' + json.dumps(context, ensure_ascii=False, indent=1) + ',\n"@graph": ['


def jsonld_header(G: nx.MultiDiGraph) -> str:
    """What ``graph.jsonld`` starts with: the embedded context and the opening of ``@graph``."""
    return _header(_compactor(G)[0])


JSONLD_FOOTER = _FOOTER = "\n]\n}\n"


def generate_jsonld(G: nx.MultiDiGraph, triples: Iterable[ox.Triple] | None = None
                    ) -> Iterator[str]:
    """The JSON-LD document in chunks: the context, then one node object per line.

    ``triples`` (default: :func:`kg.export.rdf.generate_triples`) may be the graph's
    N-Triples read back by pyoxigraph, so the triples are not made twice.

    Examples
    --------
    >>> from kg.model import Paper, Entity, Link
    >>> from kg.graph import build_graph
    >>> G = build_graph([Paper("p1", "T", "A")], [Entity("method/bert", "method", "BERT")],
    ...                 [Link("p1", "usesMethod", "method/bert")])
    >>> G.graph["extractor_version"] = "test/1"
    >>> doc = json.loads("".join(generate_jsonld(G)))
    >>> [n for n in doc["@graph"] if n["id"] == "res:paper/p1"][0]["usesMethod"]
    'res:method/bert'
    """
    context, compactor = _compactor(G)
    yield _header(context)
    first = True
    for node in _node_objects(generate_triples(G) if triples is None else triples, compactor):
        yield ("\n" if first else ",\n") + json.dumps(node, ensure_ascii=False)
        first = False
    yield _FOOTER


def write_jsonld(G: nx.MultiDiGraph, path: str | Path, **_options) -> None:
    """Write ``graph.jsonld`` (compact JSON-LD with the shipped context embedded)."""
    try:
        with open(path, "w", encoding="utf-8") as handle:
            for chunk in generate_jsonld(G):
                handle.write(chunk)
    except OSError as err:
        raise ExportError(f"{path}: cannot write: {err.strerror or err}") from None


def write_jsonld_nodes(G: nx.MultiDiGraph, triples: Iterable[ox.Triple], path: Path) -> None:
    """One shard's node objects, each line starting with ``,`` (see :func:`join_jsonld`)."""
    _, compactor = _compactor(G)
    with open(path, "w", encoding="utf-8") as handle:
        for node in _node_objects(triples, compactor):
            handle.write(",\n" + json.dumps(node, ensure_ascii=False))


def join_jsonld(G: nx.MultiDiGraph, parts: list[Path], path: Path) -> None:
    """The shards' node objects in one document: same bytes as :func:`write_jsonld`."""
    context, _ = _compactor(G)
    first = True
    try:
        with open(path, "w", encoding="utf-8") as out:
            out.write(_header(context))
            for part in parts:
                with open(part, encoding="utf-8") as handle:
                    while chunk := handle.read(1 << 22):
                        if first:
                            chunk, first = "\n" + chunk[2:], False
                        out.write(chunk)
            out.write(_FOOTER)
    except OSError as err:
        raise ExportError(f"{path}: cannot write: {err.strerror or err}") from None
