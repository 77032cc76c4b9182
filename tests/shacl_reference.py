"""pySHACL on the shipped shapes: the reference that `kg validate`'s compiled SPARQL must equal.

This is how `kg validate` ran before the shapes were compiled to SPARQL (15 s on the
corpus, minutes on 10k papers); the tests run it on small graphs only.
"""

from __future__ import annotations

from pathlib import Path

from kg.resources import schema_path
from kg.validate import Violation


def _short(term, graph) -> str | None:
    if term is None:
        return None
    return term.n3(graph.namespace_manager)


def pyshacl_violations(path: str | Path) -> list[Violation]:
    """Every result pySHACL reports for the RDF file at ``path``, as kg's Violations."""
    import pyshacl
    from rdflib import Graph
    from rdflib.namespace import SH

    from kg.vocab import resource_prefixes

    fmt = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}[Path(path).suffix]
    data = Graph().parse(path, format=fmt)
    data.parse(schema_path("kg.ttl"), format="turtle")
    data.parse(schema_path("modalities.ttl"), format="turtle")
    shapes = Graph().parse(schema_path("kg-shapes.ttl"), format="turtle")
    _conforms, results, _text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True,
        abort_on_first=False, allow_warnings=True)
    for prefix, iri in resource_prefixes().items():
        results.bind(prefix, iri, override=True)
    violations = []
    for result in results.subjects(predicate=SH.resultSeverity):
        violations.append(Violation(
            focus=_short(results.value(result, SH.focusNode), results) or "?",
            path=_short(results.value(result, SH.resultPath), results),
            message=str(results.value(result, SH.resultMessage) or "does not conform"),
            value=_short(results.value(result, SH.value), results),
            severity=str(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]))
    return sorted(violations, key=lambda v: (v.focus, v.path or "", v.message, v.value or ""))
