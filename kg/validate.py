"""Check an RDF export against the shipped SHACL shapes (``schemas/kg-shapes.ttl``) with pySHACL.

The ontology (``schemas/kg.ttl``) and the modality scheme
(``schemas/modalities.ttl``) are mixed into the data graph, so the shapes can
check that every modality is one of the closed list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import ValidationError
from kg.rdf_formats import find_export
from kg.resources import schema_path

__all__ = ["Violation", "ValidationReport", "read_export", "validate_graph", "validate_export"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str | None
    message: str
    value: str | None = None
    severity: str = "Violation"

    def __str__(self) -> str:
        where = f"{self.focus}" + (f" {self.path}" if self.path else "")
        value = f" (value: {self.value})" if self.value is not None else ""
        return f"{self.severity}: {where}: {self.message}{value}"


@dataclass
class ValidationReport:
    source: Path
    triples: int
    violations: list[Violation] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not self.violations


def _short(term, graph) -> str | None:
    if term is None:
        return None
    try:
        return term.n3(graph.namespace_manager)
    except Exception:  # noqa: BLE001 - paths can be blank-node lists; any readable form will do
        return str(term)


def validate_graph(data, source: Path | str = "<graph>") -> ValidationReport:
    """Validate an rdflib ``Graph`` against the shipped shapes."""
    import pyshacl
    from rdflib import Graph
    from rdflib.namespace import SH

    from kg.vocab import resource_prefixes

    shapes = Graph().parse(schema_path("kg-shapes.ttl"), format="turtle")
    triples = len(data)
    # Mixed in by hand (into a copy): the modality shape needs the closed concept scheme.
    mixed = Graph()
    for triple in data:
        mixed.add(triple)
    mixed.parse(schema_path("kg.ttl"), format="turtle")
    mixed.parse(schema_path("modalities.ttl"), format="turtle")
    _conforms, results, _text = pyshacl.validate(
        mixed, shacl_graph=shapes, inference="none", advanced=True,
        abort_on_first=False, allow_warnings=True,
    )
    for prefix, iri in resource_prefixes().items():
        results.bind(prefix, iri, override=True)
    violations = []
    for result in results.subjects(predicate=SH.resultSeverity):
        severity = results.value(result, SH.resultSeverity)
        violations.append(Violation(
            focus=_short(results.value(result, SH.focusNode), results) or "?",
            path=_short(results.value(result, SH.resultPath), results),
            message=str(results.value(result, SH.resultMessage) or "does not conform"),
            value=_short(results.value(result, SH.value), results),
            severity=str(severity).rsplit("#", 1)[-1],
        ))
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message, v.value or ""))
    return ValidationReport(Path(source), triples, violations)


def _to_rdflib(term):
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == _XSD_STRING:
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def read_export(path: str | Path):
    """Parse an export (fast, with pyoxigraph's line-and-column errors) into an rdflib Graph."""
    import pyoxigraph as ox
    from rdflib import Graph

    source, fmt = find_export(path)
    data = Graph()
    try:
        for quad in ox.parse(path=str(source), format=fmt.pyoxigraph_format()):
            data.add((_to_rdflib(quad.subject), _to_rdflib(quad.predicate),
                      _to_rdflib(quad.object)))
    except SyntaxError as err:
        raise ValidationError(f"{source}: not valid {fmt.title}: {err}") from None
    return source, data


def validate_export(path: str | Path) -> ValidationReport:
    """Validate ``path`` (a build directory or an RDF file) against the shipped shapes.

    Raises ``KgError`` when there is nothing to validate or it cannot be parsed;
    violations are returned in the report (``report.conforms`` is False).
    """
    source, data = read_export(path)
    return validate_graph(data, source)
