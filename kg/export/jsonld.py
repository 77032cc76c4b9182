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
from itertools import groupby
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.errors import ExportError
from kg.export.blocks import Layout, Section, code_fingerprint, node_digests, write_layout
from kg.export.rdf import TripleMaker, prefixes_for
from kg.resources import schema_path

__all__ = ["load_context", "jsonld_layout", "generate_jsonld", "write_jsonld"]

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
    for subject, group in groupby(triples, key=lambda t: t.subject):
        node: dict = {"id": compactor.compact(subject.value)}
        types: list[str] = []
        for triple in group:
            if triple.predicate.value == _RDF_TYPE:
                types.append(compactor.type_name(triple.object.value))
                continue
            key, coerce = compactor.key(triple.predicate.value)
            value = compactor.value(triple.object, coerce)
            if key not in node:
                node[key] = value
            elif isinstance(node[key], list):
                node[key].append(value)
            else:
                node[key] = [node[key], value]
        if types:
            node = {"id": node["id"], "type": types[0] if len(types) == 1 else types,
                    **{k: v for k, v in node.items() if k != "id"}}
        yield node


def jsonld_layout(G: nx.MultiDiGraph) -> Layout:
    """``graph.jsonld`` as blocks: the context and the extractor, then one block per node
    (its node objects, each on a line after ``,``), then the closing brackets."""
    context = dict(load_context())
    context["res"] = prefixes_for(G)["res"]
    compactor = _Compactor(context)
    make = TripleMaker(G)

    def objects(triples: Iterable[ox.Triple]) -> bytes:
        return "".join(",\n" + json.dumps(node, ensure_ascii=False)
                       for node in _node_objects(triples, compactor)).encode("utf-8")

    head = ('{\n"@context": ' + json.dumps(context, ensure_ascii=False, indent=1)
            + ',\n"@graph": [').encode("utf-8")
    # The extractor's object always comes first, so every later one follows a ",\n".
    head += b"\n" + objects(make.header()).removeprefix(b",\n")
    return Layout([Section(head, sorted(G.nodes), lambda node: objects(make.node(node)))],
                  objects(make.same_as()) + b"\n]\n}\n",
                  code_fingerprint("jsonld", make.base, make.version,
                                   json.dumps(context, sort_keys=True)))


def generate_jsonld(G: nx.MultiDiGraph) -> Iterator[str]:
    """The JSON-LD document in chunks: the context, then one node object per line.

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
    layout = jsonld_layout(G)
    for section in layout.sections:
        yield section.head.decode("utf-8")
        for node in section.nodes:
            yield section.render(node).decode("utf-8")
    yield layout.tail.decode("utf-8")


def write_jsonld(G: nx.MultiDiGraph, path: str | Path) -> None:
    """Write ``graph.jsonld`` (compact JSON-LD with the shipped context embedded)."""
    write_layout(jsonld_layout(G), path, node_digests(G))
