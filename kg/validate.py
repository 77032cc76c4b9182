"""Check an RDF export against the shipped SHACL shapes (``schemas/kg-shapes.ttl``).

The shapes are compiled into SPARQL queries (one per constraint of each property
shape, :func:`compile_shapes`) and run on pyoxigraph: the shapes file stays the
one source of truth, and a constraint kind the compiler does not know is an
error, never silently skipped. The reported violations are the ones pySHACL
reports on the same data (``tests/test_validate.py`` compares both on broken
graphs), in seconds instead of minutes on large builds.

The ontology (``schemas/kg.ttl``) and the modality scheme
(``schemas/modalities.ttl``) are mixed into the data graph, so class checks see
subclasses and the modality shape sees the closed concept scheme.

A build directory whose query store (``OUT/store``) holds exactly its ``graph.nt``
(:func:`kg.store.fresh_store` with ``verify``) is checked in a hard-linked copy of
that store (``Store.backup``: RocksDB's files are immutable, so the copy costs no
data and the build's store is never written), with the schemas mixed into the copy;
anything else is loaded from the file, as before.
"""

from __future__ import annotations

import functools
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import KgError, ValidationError
from kg.rdf_formats import find_export
from kg.resources import schema_path

__all__ = ["Violation", "ValidationReport", "Check", "compile_shapes", "load_export",
           "validate_store", "validate_export", "screen_counts", "record_counts",
           "store_fingerprint", "COUNTS_FILE", "SUPPORTED"]

SH = "http://www.w3.org/ns/shacl#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDFS_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
# Datatypes whose lexical form SPARQL can check with a cast (an ill-typed literal is a
# violation for pySHACL too).
_CASTABLE = {_XSD + t for t in ("integer", "decimal", "double", "float", "boolean", "date",
                                "dateTime", "gMonthDay", "gYear")}


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
    store: Path | None = None  # the build's query store the export was read from, if any
    recorded: bool = False  # the screens' counts were the ones the build recorded

    @property
    def conforms(self) -> bool:
        return not self.violations


@dataclass(frozen=True)
class Constraint:
    """One constraint of one property shape (``name`` is its parameter: ``minCount``, ...)."""

    shape: str  # the node shape's IRI
    path: str  # the property path IRI
    name: str
    message: str
    severity: str


@dataclass(frozen=True)
class Check:
    """One SELECT checking several constraints of a node shape at once.

    Each solution is a focus node ``?this`` that breaks at least one of them:
    ``flags`` maps a boolean variable of the solution (true where its constraint
    fails) to that constraint and to the variable holding the offending value
    (``None`` for count constraints, which report no value). A check with
    ``by_path`` instead gives the failing property in ``?path``.
    """

    query: str
    flags: dict = field(default_factory=dict)  # variable -> (Constraint, value variable | None)
    by_path: dict = field(default_factory=dict)  # property IRI -> Constraint
    # ((sign, query, variable), ...): the sum of sign x the variable over the queries
    # (each with one solution) is 0 only when the check would find nothing. The counts are
    # made by hash over whole scans, far cheaper than the checks, and shared between checks
    # (one query counts a property's triples and distinct subjects, for its sh:maxCount
    # and sh:minCount in every shape), so a check runs only on a graph that has something
    # to report.
    screen: tuple[tuple[int, str, str], ...] | None = None
    # (focus group, pattern about ?this) of an anti-join check (sh:minCount 1,
    # sh:hasValue): screened at run time with the other such checks whose pattern has as
    # many distinct subjects and that need it of the same focus groups, by one count of
    # the union of those focus nodes and subjects (see :func:`validate_store`).
    missing: tuple[str, str, str] | None = None  # (head, focus group, pattern)
    # the same check as a lookup per focus node (``FILTER NOT EXISTS``), cheaper than
    # counting the pattern's whole scan when the focus nodes are few (results among
    # evidence: the properties they share)
    probe: str | None = None
    # ``query`` with the test that ``?this`` is a focus node of the shape: ``query``
    # itself finds the failing values of the property whatever their subject, so the
    # checks of shapes that constrain a property alike share it; only when it finds any
    # does ``confirm`` keep those of this shape's focus nodes.
    confirm: str | None = None

    def failures(self, solution) -> Iterator[tuple[Constraint, object]]:
        """(constraint, offending value or None) for each constraint a solution breaks."""
        if self.by_path:
            yield self.by_path[solution["path"].value], None
            return
        for var, (constraint, value_var) in self.flags.items():
            flag = solution[var]
            if flag is not None and flag.value == "true":
                yield constraint, solution[value_var] if value_var else None


# ------------------------------------------------------------------ reading the shapes

class _Shapes:
    """The shapes graph, read with pyoxigraph (no rdflib import on the fast path)."""

    def __init__(self, path: Path):
        import pyoxigraph as ox

        self.ox = ox
        self.store = ox.Store()
        self.store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)

    def objects(self, subject, predicate: str) -> list:
        return [q.object for q in self.store.quads_for_pattern(
            subject, self.ox.NamedNode(predicate), None)]

    def value(self, subject, predicate: str):
        found = self.objects(subject, predicate)
        return found[0] if found else None

    def subjects(self, predicate: str, obj) -> list:
        return [q.subject for q in self.store.quads_for_pattern(
            None, self.ox.NamedNode(predicate), obj)]

    def items(self, head) -> list:
        """The members of an RDF list."""
        members, nil = [], _RDF + "nil"
        while head is not None and not (isinstance(head, self.ox.NamedNode) and head.value == nil):
            members.append(self.value(head, _RDF + "first"))
            head = self.value(head, _RDF + "rest")
        return members

    def properties(self, shape) -> set[str]:
        return {q.predicate.value for q in self.store.quads_for_pattern(shape, None, None)}


def _sparql_term(term) -> str:
    """A term as SPARQL text (pyoxigraph's ``str`` is N-Triples syntax, valid in SPARQL)."""
    return str(term)


# The constraint parameters the compiler turns into SPARQL; anything else in a shape is an
# error at compile time (so a new kind of constraint cannot be silently ignored).
_VALUE_PARAMS = {"datatype", "class", "nodeKind", "minLength", "maxLength", "in", "or",
                 "minInclusive", "maxInclusive", "minExclusive", "maxExclusive"}
_COUNT_PARAMS = {"minCount", "maxCount", "hasValue", "lessThanOrEquals"}
_ANNOTATIONS = {"path", "message", "severity", "name", "description", "order", "group",
                "deactivated"}
SUPPORTED = frozenset(_VALUE_PARAMS | _COUNT_PARAMS)
_NODE_KINDS = {
    "IRI": "isIRI({v})", "BlankNode": "isBlank({v})", "Literal": "isLiteral({v})",
    "BlankNodeOrIRI": "(isBlank({v}) || isIRI({v}))",
    "BlankNodeOrLiteral": "(isBlank({v}) || isLiteral({v}))",
    "IRIOrLiteral": "(isIRI({v}) || isLiteral({v}))",
}


def _slot(cls) -> str:
    """A variable-name-safe tag for a class."""
    return re.sub(r"\W", "_", cls.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1])


def _subclasses(cls, var: str) -> str:
    """A placeholder for ``VALUES ?var { cls and its subclasses }``, filled per data store
    (the ontology is mixed into the data): a VALUES list is much faster than a
    ``rdf:type/rdfs:subClassOf*`` path over every node."""
    return f"@SUBCLASSES({var} {_sparql_term(cls)})"


def _instances(cls, var: str) -> str:
    """A placeholder for the instances of ``cls`` and its subclasses in ``?var``, as a
    UNION of one type pattern per class (a scan each: joining ``?var a ?c`` with a
    VALUES list reads every typed node)."""
    return f"@INSTANCES({var} {_sparql_term(cls)})"


_PLACEHOLDER = re.compile(r"@(SUBCLASSES|INSTANCES)\((\w+) <([^>]+)>\)")


def _expand_subclasses(query: str, store, cache: dict) -> str:
    def values(match) -> str:
        kind, var, cls = match.groups()
        if cls not in cache:
            found = store.query(f"SELECT DISTINCT ?c WHERE {{ ?c <{_RDFS_SUBCLASS}>* <{cls}> }}")
            cache[cls] = sorted({str(s["c"]) for s in found} | {f"<{cls}>"})
        if kind == "INSTANCES":
            return " UNION ".join(f"{{ ?{var} a {c} }}" for c in cache[cls])
        return f"VALUES ?{var} {{ {' '.join(cache[cls])} }}"

    return _PLACEHOLDER.sub(values, query)


def _conforms(shapes: _Shapes, name: str, value, v: str) -> str:
    """A SPARQL expression true when the value ``v`` meets one value constraint."""
    if name == "datatype":
        dt = value.value
        if dt == _RDF + "langString":
            return f"(isLiteral({v}) && lang({v}) != \"\")"
        test = f"(isLiteral({v}) && datatype({v}) = <{dt}> && lang({v}) = \"\")"
        if dt in _CASTABLE:  # well-formed too: "abc"^^xsd:integer does not conform
            test = f"({test} && COALESCE(sameTerm(<{dt}>(str({v})), {v}) || "
            test += f"<{dt}>(str({v})) = {v}, false))"
        return test
    if name == "class":
        var = f"class_{_slot(value)}_{v.lstrip('?')}"
        return f"EXISTS {{ {v} a ?{var} . {_subclasses(value, var)} }}"
    if name == "nodeKind":
        return _NODE_KINDS[value.value.removeprefix(SH)].format(v=v)
    if name in ("minLength", "maxLength"):
        op = ">=" if name == "minLength" else "<="
        return f"(!isBlank({v}) && STRLEN(STR({v})) {op} {int(value.value)})"
    if name == "in":
        members = shapes.items(value)
        return "(" + " || ".join(f"sameTerm({v}, {_sparql_term(m)})" for m in members) + ")" \
            if members else "false"
    if name in ("minInclusive", "maxInclusive", "minExclusive", "maxExclusive"):
        op = {"minInclusive": ">=", "maxInclusive": "<=", "minExclusive": ">",
              "maxExclusive": "<"}[name]
        return f"COALESCE({v} {op} {_sparql_term(value)}, false)"
    if name == "or":
        alternatives = []
        for member in shapes.items(value):
            params = {p.removeprefix(SH) for p in shapes.properties(member) if p.startswith(SH)}
            unknown = params - _VALUE_PARAMS - _ANNOTATIONS
            if unknown:
                raise KgError(f"kg-shapes.ttl: sh:or member uses {', '.join(sorted(unknown))}, "
                              "which kg validate cannot compile")
            tests = [_conforms(shapes, p, shapes.value(member, SH + p), v)
                     for p in sorted(params & _VALUE_PARAMS)]
            alternatives.append("(" + " && ".join(tests or ["true"]) + ")")
        return "(" + " || ".join(alternatives or ["false"]) + ")"
    raise KgError(f"kg-shapes.ttl: cannot compile sh:{name}")


def _targets(shapes: _Shapes, shape) -> tuple[str, str] | None:
    """(a SPARQL group binding ``?this`` to each focus node of ``shape``, a clause keeping
    a bound ``?this`` that is one), or None when the shape has no target."""
    groups = []
    for cls in shapes.objects(shape, SH + "targetClass"):
        groups.append(f"{{ {_instances(cls, 'this')} }}")
    classes = len(groups)
    for node in shapes.objects(shape, SH + "targetNode"):
        groups.append(f"{{ BIND({_sparql_term(node)} AS ?this) }}")
    for prop in shapes.objects(shape, SH + "targetSubjectsOf"):
        groups.append(f"{{ SELECT DISTINCT ?this WHERE {{ ?this {_sparql_term(prop)} [] }} }}")
    for prop in shapes.objects(shape, SH + "targetObjectsOf"):
        groups.append(f"{{ SELECT DISTINCT ?this WHERE {{ [] {_sparql_term(prop)} ?this }} }}")
    for target in shapes.objects(shape, SH + "target"):
        select = shapes.value(target, SH + "select")
        if select is None:
            raise KgError(f"kg-shapes.ttl: {shape}: only SPARQL targets (sh:select) "
                          "are supported among custom targets")
        groups.append("{ " + select.value.strip() + " }")
        groups[-1] = "{ SELECT DISTINCT ?this WHERE " + groups[-1] + " }"
    if not groups:
        return None
    focus = "{ " + " UNION ".join(groups) + " }"
    if len(groups) == classes:  # a bound ?this is tested by lookups, not by a join
        tests = [f"{{ ?this a ?target . {_subclasses(cls, 'target')} }}"
                 for cls in shapes.objects(shape, SH + "targetClass")]
        return focus, f"FILTER EXISTS {{ {' UNION '.join(tests)} }}"
    return focus, f"{{ SELECT DISTINCT ?this WHERE {focus} }}"


def _prefixes(shapes: _Shapes, shape) -> str:
    lines = []
    for target in shapes.objects(shape, SH + "target"):
        for owner in shapes.objects(target, SH + "prefixes"):
            for decl in shapes.objects(owner, SH + "declare"):
                prefix = shapes.value(decl, SH + "prefix").value
                namespace = shapes.value(decl, SH + "namespace").value
                lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(set(lines)))


def compile_shapes(path: str | Path | None = None) -> list[Check]:
    """The shapes file as SPARQL checks, a few per property shape.

    Per property shape: one query tests all its value constraints on each distinct
    value of the property and joins the failing ones back to the focus nodes; one
    for ``sh:lessThanOrEquals``; one per count (``sh:minCount`` as an anti-join of the
    focus nodes, ``sh:maxCount`` grouped by node) and ``sh:hasValue``, each screened
    by counts (:attr:`Check.screen`). Every join is between whole scans (by hash) or
    over failing rows only (the few nodes of a SPARQL target are looked up). Raises
    ``KgError`` when a shape uses a constraint the compiler does not know (see
    :data:`SUPPORTED`), so every shape is either checked or refused.

    >>> checks = compile_shapes()
    >>> sorted({c.name for check in checks for c, _ in check.flags.values()})[:4]
    ['class', 'datatype', 'in', 'lessThanOrEquals']
    >>> sorted({c.name for check in checks for c in check.by_path.values()})
    ['hasValue', 'maxCount', 'minCount']
    """
    shapes = _Shapes(Path(path) if path else schema_path("kg-shapes.ttl"))
    node_shapes = {s.value: s for s in shapes.subjects(_RDF + "type",
                                                       shapes.ox.NamedNode(SH + "NodeShape"))}
    checks: list[Check] = []
    for name in sorted(node_shapes):
        shape = node_shapes[name]
        own = {p.removeprefix(SH) for p in shapes.properties(shape) if p.startswith(SH)}
        unknown = own - {"targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf",
                         "target", "property", "declare"} - _ANNOTATIONS
        if unknown:
            raise KgError(f"kg-shapes.ttl: node shape {name} uses "
                          f"{', '.join('sh:' + u for u in sorted(unknown))}, which kg validate "
                          "cannot compile")
        target = _targets(shapes, shape)
        if target is None:
            continue
        props = [_read_property(shapes, name, prop, shapes.value(shape, SH + "severity"))
                 for prop in shapes.objects(shape, SH + "property")]
        props = sorted((p for p in props if p is not None), key=lambda p: p[0])
        head = _prefixes(shapes, shape)
        checks.extend(_shape_checks(shapes, name, target, props, head + "\n" if head else ""))
    return checks


def _read_property(shapes: _Shapes, shape_name: str, prop, node_severity):
    """(path IRI, {parameter: value term}, message, severity) of a property shape."""
    path = shapes.value(prop, SH + "path")
    if path is None or not isinstance(path, shapes.ox.NamedNode):
        raise KgError(f"kg-shapes.ttl: {shape_name}: only property shapes with an IRI "
                      "sh:path can be compiled")
    names = {p.removeprefix(SH) for p in shapes.properties(prop) if p.startswith(SH)}
    unknown = names - SUPPORTED - _ANNOTATIONS
    if unknown:
        raise KgError(f"kg-shapes.ttl: {shape_name} {path.value}: "
                      f"{', '.join('sh:' + u for u in sorted(unknown))} cannot be compiled "
                      f"(supported: {', '.join(sorted(SUPPORTED))})")
    deactivated = shapes.value(prop, SH + "deactivated")
    if deactivated is not None and deactivated.value == "true":
        return None
    message = shapes.value(prop, SH + "message")
    message = message.value if message is not None else (
        f"does not conform to {shape_name.rsplit('#', 1)[-1]}: "
        + ", ".join(f"sh:{n} {v.value if hasattr(v, 'value') else v}"
                    for n, v in sorted(params_of(shapes, prop).items())))
    severity = shapes.value(prop, SH + "severity") or node_severity
    severity = severity.value.removeprefix(SH) if severity is not None else "Violation"
    return path.value, params_of(shapes, prop), message, severity


def params_of(shapes: _Shapes, prop) -> dict:
    """{constraint parameter: its value} of a property shape."""
    names = {p.removeprefix(SH) for p in shapes.properties(prop) if p.startswith(SH)}
    return {n: shapes.value(prop, SH + n) for n in sorted(names & SUPPORTED)}


def _value_test(shapes: _Shapes, name: str, value, v: str) -> str:
    """True where the value in ``v`` *fails* the value constraint ``name``."""
    if name == "lessThanOrEquals":  # pySHACL compares with every value of the other property
        return (f"EXISTS {{ ?this {_sparql_term(value)} ?other . "
                f"FILTER(!COALESCE({v} <= ?other, false)) }}")
    return f"COALESCE(!({_conforms(shapes, name, value, v)}), true)"


def _shape_checks(shapes: _Shapes, shape: str, target: tuple[str, str], props: list,
                  head: str) -> Iterator[Check]:
    """The checks of one node shape, each a scan of one property (or the focus nodes)
    joined by hash with what it needs: on a disk store a lookup per focus node and
    property (``OPTIONAL``, ``EXISTS``) costs far more than reading a whole property."""
    focus, member = target

    def constraint(path, name, message, severity) -> Constraint:
        return Constraint(shape, path, name, message, severity)

    def select(path, where: str) -> str:
        return head + f"SELECT DISTINCT ?this (\"{path}\" AS ?path) WHERE {{ {where} }}"

    def per_node(path, name, message, severity, where: str, *screen, missing=None,
                 probe=None) -> Check:
        return Check(select(path, where), by_path={path: constraint(path, name, message,
                                                                      severity)},
                     screen=screen,  # the counts name their IRIs in full: no prefixes
                     missing=missing, probe=probe)

    def count(what: str, where: str) -> str:
        return f"SELECT ({what} AS ?n) WHERE {{ {where} }}"

    def anti_join(path, name, message, severity, pattern: str) -> Check:
        """Focus nodes with no match of ``pattern`` (about ``?this``), screened by
        :func:`validate_store` with the pattern's distinct subjects."""
        return per_node(path, name, message, severity, f"{focus} MINUS {{ {pattern} }}",
                        (-1, _stats(pattern), "s"),
                        (0, head + count("COUNT(*)", focus), "n"),  # for the cost
                        missing=(head, focus, pattern),
                        probe=select(path, f"{focus} FILTER NOT EXISTS {{ {pattern} }}"))

    for path, params, message, severity in props:
        p = f"<{path}>"
        max_count = int(params["maxCount"].value) if "maxCount" in params else None
        min_count = int(params["minCount"].value) if "minCount" in params else 0
        # 1. Value constraints, tested once per distinct value of the property (the
        # values of a big build repeat: confidences, rules, entities, papers), then the
        # failing values joined back to the focus nodes that have them.
        tests = [n for n in sorted(_VALUE_PARAMS) if n in params]
        if tests:
            own = {f"f_{n}": (constraint(path, n, message, severity), "value") for n in tests}
            binds = " ".join(f"BIND({_value_test(shapes, n, params[n], '?value')} AS ?f_{n})"
                             for n in tests)
            flags = " ".join("?" + f for f in own)
            query = (head + f"SELECT ?this ?value {flags} WHERE {{ {{ SELECT ?value {flags} "
                     f"WHERE {{ {{ SELECT DISTINCT ?value WHERE {{ [] {p} ?value }} }} "
                     f"{binds} FILTER({' || '.join('?' + f for f in own)}) }} }} "
                     f"?this {p} ?value . ")
            yield Check(query + "}", own, confirm=query + member + " }")
        # 2. sh:lessThanOrEquals compares with every value of the other property.
        if "lessThanOrEquals" in params:
            other = _sparql_term(params["lessThanOrEquals"])
            own = {"f_lessThanOrEquals": (constraint(path, "lessThanOrEquals", message,
                                                     severity), "value")}
            query = (head + "SELECT ?this ?value ?f_lessThanOrEquals WHERE { { SELECT ?this "
                     f"?value WHERE {{ {{ SELECT ?this ?value WHERE {{ ?this {p} ?value }} }} "
                     f"{{ SELECT ?this ?other WHERE {{ ?this {other} ?other }} }} "
                     "FILTER(!COALESCE(?value <= ?other, false)) } } "
                     "BIND(true AS ?f_lessThanOrEquals) ")
            yield Check(query + "}", own, confirm=query + member + " }")
        # 3. Counts: focus nodes without the property (an anti-join), nodes with too many
        # values (grouped), fewer than a minimum above one.
        values = f"?this {p} []"
        if min_count == 1:
            yield anti_join(path, "minCount", message, severity, values)
        elif min_count > 1:  # screened by the focus nodes: any could have too few
            yield per_node(path, "minCount", message, severity,
                           f"{focus} OPTIONAL {{ {{ SELECT ?this (COUNT(DISTINCT ?x) AS ?n) "
                           f"WHERE {{ ?this {p} ?x }} GROUP BY ?this }} }} "
                           f"FILTER(COALESCE(?n, 0) < {min_count})",
                           (1, head + count("COUNT(*)", focus), "n"))
        if max_count is not None:
            # some node has two values only if the property has more triples than subjects
            more = ((1, _stats(values), "t"),) + (
                ((-1, _stats(values), "s"),) if max_count else ())
            if member.startswith("FILTER"):  # grouped over the property, then the focus
                where = (f"{{ SELECT ?this WHERE {{ ?this {p} ?x }} GROUP BY ?this "
                         f"HAVING (COUNT(DISTINCT ?x) > {max_count}) }} {member}")
            else:  # a SPARQL target selects few nodes: their values are looked up
                where = (f"{{ SELECT ?this WHERE {{ {member} OPTIONAL {{ ?this {p} ?x }} }} "
                         f"GROUP BY ?this HAVING (COUNT(DISTINCT ?x) > {max_count}) }}")
            yield per_node(path, "maxCount", message, severity, where, *more)
        if "hasValue" in params:
            pattern = f"?this {p} {_sparql_term(params['hasValue'])}"
            yield anti_join(path, "hasValue", message, severity, pattern)


# What one lookup of a node's property costs on a disk store, in rows of a scan counted
# by hash (measured: 7 us against 0.5-0.6 us a row).
LOOKUP_ROWS = 12


def _stats(pattern: str) -> str:
    """One scan counting the matches of ``pattern`` (``?t``) and their distinct ``?this``
    (``?s``): as cheap as counting the subjects alone."""
    return f"SELECT (COUNT(*) AS ?t) (COUNT(DISTINCT ?this) AS ?s) WHERE {{ {pattern} }}"


def _union_count(focuses, patterns) -> str:
    """The distinct nodes of the focus groups and of the patterns' subjects."""
    groups = sorted(focuses) + [f"{{ {pattern} }}" for pattern in sorted(patterns)]
    return f"SELECT (COUNT(DISTINCT ?this) AS ?n) WHERE {{ {' UNION '.join(groups)} }}"


# ------------------------------------------------------------------ running the checks

def load_export(path: str | Path):
    """(source file, pyoxigraph Store with the export, ontology and modality scheme mixed in)."""
    import pyoxigraph as ox

    source, fmt = find_export(path)
    store = ox.Store()
    try:
        store.bulk_load(path=str(source), format=fmt.pyoxigraph_format())
    except SyntaxError as err:
        raise ValidationError(f"{source}: not valid {fmt.title}: {err}") from None
    except OSError as err:
        raise ValidationError(f"{source}: cannot read: {err.strerror or err}") from None
    return source, store


def _default_triples(store) -> int:
    """The number of triples in the default graph (a build's store has named graphs too)."""
    return len(store) - sum(1 for graph in store.named_graphs()
                            for _ in store.quads_for_pattern(None, None, None, graph))


def _mix_in_schemas(store) -> None:
    """Add the ontology and modality scheme to the default graph."""
    import pyoxigraph as ox

    for name in ("kg.ttl", "modalities.ttl"):
        store.bulk_load(path=str(schema_path(name)), format=ox.RdfFormat.TURTLE)


def _shortener() -> Callable:
    import pyoxigraph as ox

    from kg.vocab import resource_prefixes

    prefixes = sorted(resource_prefixes().items(), key=lambda p: -len(p[1]))

    def short(term) -> str | None:
        if term is None:
            return None
        if isinstance(term, ox.NamedNode):
            for prefix, iri in prefixes:
                rest = term.value[len(iri):]
                if term.value.startswith(iri) and rest and "/" not in rest and "#" not in rest:
                    return f"{prefix}:{rest}"
            return f"<{term.value}>"
        if isinstance(term, ox.Literal):
            text = str(ox.Literal(term.value))  # quoted and escaped as N-Triples
            if term.language:
                return f"{text}@{term.language}"
            if term.datatype.value == _XSD + "string":
                return text
            return f"{text}^^{short(term.datatype)}"
        return str(term)

    return short


def validate_store(store, source: Path | str = "<store>", *,
                   checks: list[Check] | None = None, jobs: int | None = None,
                   triples: Callable[[], int] | None = None,
                   counts: dict[str, dict[str, int]] | None = None) -> ValidationReport:
    """Validate the data in a pyoxigraph ``store`` (the ontology and modality scheme are
    added to it) against the shipped shapes, running ``jobs`` queries at a time (all
    cores by default: pyoxigraph evaluates a query without holding the GIL).
    ``triples`` counts the data's triples beside the checks (default: counted in
    ``store`` before the schemas are added). ``counts`` gives the screens' counts
    already known ({count query: {variable: number}}, :func:`screen_counts` of this
    very data), which are then not counted again."""
    from concurrent.futures import ThreadPoolExecutor

    if triples is None:
        triples = (lambda size: lambda: size)(_default_triples(store))
    _mix_in_schemas(store)
    short = _shortener()
    checks = checks if checks is not None else compile_shapes()
    classes: dict = {}

    def expand(query: str) -> str:
        return _expand_subclasses(query, store, classes)

    known = counts or {}

    def count(query: str) -> dict[str, int]:
        if query in known:
            return known[query]
        return _count(store, expand(query), query)

    def solutions(query: str) -> list:
        return list(store.query(expand(query)))

    for check in checks:  # the subclass lists, before the threads share the cache
        for query in (check.query, check.confirm or "", *(q for _, q, _ in check.screen or ())):
            expand(query)
    with ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 1) as pool:
        size = pool.submit(triples)
        # the unscreened checks run beside the screens; the others once these are counted
        screens = sorted({q for c in checks for _, q, _ in c.screen or ()})
        counts = {q: pool.submit(count, q) for q in screens}
        found_by: dict = {}  # shapes alike share one query

        def screened(check: Check, more: int = 0) -> bool:
            return sum(sign * counts[query].result()[var]
                       for sign, query, var in check.screen) + more > 0

        query_of = {id(c): c.query for c in checks}

        def run(needed: list[Check], ordered: bool = False) -> None:
            queries = [query_of[id(c)] for c in needed]
            for query in (dict.fromkeys(queries) if ordered else sorted(set(queries))):
                if query not in found_by:
                    found_by[query] = pool.submit(solutions, query)

        # the checks their counts alone screen start once those are in (the evidence-link
        # target, the largest query, runs beside the union counts; first of all when the
        # counts were known: the longest query last would leave a core idle at the end);
        # then the anti-joins
        needed = [c for c in checks if c.screen is None]
        passed = []
        if all(q in known for q in screens):
            passed = [c for c in checks if c.screen is not None and c.missing is None
                      and screened(c)]
            run(passed)
            # the largest first, by the properties' triples
            run(sorted(needed, key=lambda c: -_rows(c, known)), ordered=True)
        run(needed)
        needed += passed
        for check in checks:
            if (check.screen is not None and check.missing is None and not passed
                    and screened(check)):
                needed.append(check)
                run([check])
        unions = _missing_screens(checks, {q: f.result() for q, f in counts.items()})
        for check in checks:
            if check.missing is not None and unions[id(check)] is None:
                query_of[id(check)] = check.probe
                expand(check.probe)
        for query in sorted(set(unions.values()) - {None}):
            expand(query)
        union_counts = {q: pool.submit(count, q) for q in sorted(set(unions.values()) - {None})}
        missing = [c for c in checks if c.missing is not None and (
            unions[id(c)] is None or screened(c, union_counts[unions[id(c)]].result()["n"]))]
        needed += missing
        run(missing)
        found_by = {query: future.result() for query, future in found_by.items()}
        confirm = [c for c in needed if c.confirm is not None and found_by[query_of[id(c)]]]
        confirmed = dict(zip(map(id, confirm), pool.map(solutions, (c.confirm for c in confirm)),
                             strict=True))
    # One result per focus node, value and constraint, as pySHACL reports them.
    found: dict[tuple, Violation] = {}
    for check in needed:
        for solution in confirmed.get(id(check), found_by[query_of[id(check)]]):
            for constraint, term in check.failures(solution):
                focus, value = short(solution["this"]) or "?", short(term)
                path = short_path(short, constraint.path)
                found[(focus, path, constraint.shape, constraint.name, value)] = Violation(
                    focus=focus, path=path, message=constraint.message, value=value,
                    severity=constraint.severity)
    violations = list(found.values())
    ordered = sorted(violations, key=lambda v: (v.focus, v.path or "", v.message, v.value or ""))
    return ValidationReport(Path(source), size.result(), ordered)


def _rows(check: Check, counts: dict) -> int:
    """The triples of the properties a check reads, from known counts (0 unknown)."""
    paths = {c.path for c, _ in check.flags.values()} | set(check.by_path)
    return sum(counts.get(_stats(f"?this <{p}> []"), {}).get("t", 0) for p in paths)


def _count(store, expanded: str, query: str) -> dict[str, int]:
    row = next(iter(store.query(expanded)))
    return {name: int(row[name].value) for name in _variables(query)}


def screen_counts(store, *, checks: list[Check] | None = None,
                  jobs: int | None = None) -> dict[str, dict[str, int]]:
    """Every count :func:`validate_store` screens its checks with on the data in
    ``store`` ({count query: {variable: number}}; the ontology and the modality scheme
    are added to ``store``, as for the checks): the property counts, the focus nodes'
    counts and the union counts those call for."""
    from concurrent.futures import ThreadPoolExecutor

    _mix_in_schemas(store)
    checks = checks if checks is not None else compile_shapes()
    classes: dict = {}
    queries = sorted({q for c in checks for _, q, _ in c.screen or ()})
    for query in queries:  # the subclass lists, before the threads share the cache
        _expand_subclasses(query, store, classes)

    def count(query: str) -> dict[str, int]:
        return _count(store, _expand_subclasses(query, store, classes), query)

    with ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 1) as pool:
        counts = dict(zip(queries, pool.map(count, queries), strict=True))
        unions = sorted(set(_missing_screens(checks, counts).values()) - {None})
        for query in unions:
            _expand_subclasses(query, store, classes)
        counts.update(zip(unions, pool.map(count, unions), strict=True))
    return counts


def _variables(query: str) -> list[str]:
    """The variables a count query projects (``(COUNT(...) AS ?v)``)."""
    return re.findall(r"\bAS \?(\w+)\)", query.split("WHERE", 1)[0])


def _missing_screens(checks: list[Check], counts: dict) -> dict[int, str]:
    """{id of an anti-join check: the union count screening it}.

    An anti-join check (focus nodes without a match of its pattern) finds nothing when
    its focus nodes are among the pattern's subjects. Patterns with as many distinct
    subjects that the same focus groups need are screened together: when the union of
    those focus nodes and those subjects has no more nodes than one pattern has
    subjects, each pattern's subjects are that whole union (a subset of it, as large),
    so every focus node has a match of every pattern. One count over the focus nodes
    and the patterns' scans instead of one per pattern (evidence needs seven
    properties: two counts). When the union is larger, each check of the group runs.
    """
    needs: dict[tuple, set] = {}  # (head, pattern) -> focus groups
    for check in checks:
        if check.missing:
            head, focus, pattern = check.missing
            needs.setdefault((head, pattern), set()).add(focus)
    groups: dict[tuple, set] = {}  # (head, distinct subjects, focus groups) -> patterns
    for (head, pattern), focuses in needs.items():
        subjects = counts[_stats(pattern)]["s"]
        groups.setdefault((head, subjects, frozenset(focuses)), set()).add(pattern)
    union = {}
    for (head, subjects, focuses), patterns in groups.items():
        nodes = sum(counts[head + _focus_count(focus)]["n"] for focus in focuses)
        probe = nodes * len(patterns) * LOOKUP_ROWS < nodes + subjects * len(patterns)
        for pattern in patterns:  # None: the checks look up their few focus nodes
            union[head, pattern] = None if probe else head + _union_count(focuses, patterns)
    return {id(c): union[c.missing[0], c.missing[2]] for c in checks if c.missing}


def _focus_count(focus: str) -> str:
    return f"SELECT (COUNT(*) AS ?n) WHERE {{ {focus} }}"


def short_path(short: Callable, path: str | None) -> str | None:
    import pyoxigraph as ox

    return short(ox.NamedNode(path)) if path else None


def validate_export(path: str | Path, *, jobs: int | None = None) -> ValidationReport:
    """Validate ``path`` (a build directory or an RDF file) against the shipped shapes,
    ``jobs`` queries at a time (all cores by default).

    A build directory is read from its query store when that holds exactly its
    ``graph.nt`` (see the module's docstring), else the export file is loaded.
    Raises ``KgError`` when there is nothing to validate or it cannot be parsed;
    violations are returned in the report (``report.conforms`` is False).
    """
    if Path(path).is_dir():
        source, _ = find_export(path)
        report = _validate_built_store(Path(path), source, jobs)
        if report is not None:
            return report
    source, store = load_export(path)
    return validate_store(store, source, jobs=jobs)


def _scratch_dir(store_dir: Path) -> str | None:
    """Where a hard-linked copy of ``store_dir`` can go: the temporary directory when it
    is on the same file system, else beside the build (None: the temporary directory,
    where RocksDB copies the files instead of linking them)."""
    device = os.stat(store_dir).st_dev
    for candidate in (tempfile.gettempdir(), str(store_dir.parent.parent)):
        try:
            if os.stat(candidate).st_dev == device and os.access(candidate, os.W_OK):
                return candidate
        except OSError:
            continue
    return None


def _validate_built_store(out_dir: Path, source: Path, jobs: int | None
                          ) -> ValidationReport | None:
    """The report for ``source`` read from ``out_dir``'s query store, or None when that
    store is missing, stale or cannot be copied."""
    import pyoxigraph as ox

    from kg.store import STAMP_FILE, fresh_store, holds_export

    if source.name != "graph.nt" or (store_dir := fresh_store(out_dir, verify=True)) is None:
        return None
    try:
        digest = json.loads((out_dir / STAMP_FILE).read_text(encoding="utf-8"))["digest"]
        recorded = _recorded_counts(out_dir, store_dir, digest)
        with tempfile.TemporaryDirectory(prefix="kg-validate-",
                                         dir=_scratch_dir(store_dir)) as scratch:
            built = ox.Store.read_only(str(store_dir))
            built.backup(os.path.join(scratch, "store"))
            del built
            store = ox.Store(os.path.join(scratch, "store"))
            if not holds_export(store, digest):  # replaced between the check and the copy
                del store
                return None
            if recorded is not None:  # the build counted them: nothing to scan for those
                report = validate_store(store, source, jobs=jobs,
                                        triples=(lambda n: lambda: n)(recorded["triples"]),
                                        counts=recorded["counts"])
                del store
            else:  # the build's store (read-only, unchanged) is counted beside the checks
                original = ox.Store.read_only(str(store_dir))
                report = validate_store(store, source, jobs=jobs,
                                        triples=functools.partial(_default_triples, original))
                del store, original  # closed before the copy's directory goes
    except (OSError, KeyError, ValueError):
        return None
    report.store = store_dir
    report.recorded = recorded is not None
    return report


# ------------------------------------------------------------------ counts recorded by the build

COUNTS_FILE = "state/validate-counts.json"
# kg build records the counts when graph.nt is larger than this (about 370,000 triples):
# below, counting them takes validate a second or less.
RECORD_BYTES = 64 << 20
_COUNTS_FORMAT = 1


def store_fingerprint(store_dir: str | Path) -> str:
    """A digest of the names and sizes of a RocksDB store's files (its info log and lock
    aside): a write to the store adds to its write-ahead log or makes new table files,
    and RocksDB never rewrites a file in place, so a store written after the digest was
    taken has another one. Cheap (a directory listing), whatever the size."""
    import hashlib

    digest = hashlib.sha1(f"{_COUNTS_FORMAT}".encode())
    for entry in sorted(os.scandir(store_dir), key=lambda e: e.name):
        if entry.name != "LOCK" and not entry.name.startswith("LOG"):
            digest.update(f"{entry.name}\t{entry.stat().st_size}\n".encode())
    return digest.hexdigest()


def _schemas_digest() -> str:
    """A digest of what the counts depend on besides the data: the shapes, the ontology
    and the modality scheme mixed in."""
    import hashlib

    digest = hashlib.sha1(f"{_COUNTS_FORMAT}".encode())
    for name in ("kg-shapes.ttl", "kg.ttl", "modalities.ttl"):
        digest.update(schema_path(name).read_bytes())
    return digest.hexdigest()


def record_counts(out_dir: str | Path, digest: str, *, jobs: int | None = None,
                  min_bytes: int | None = None) -> bool:
    """Record in ``OUT/state/validate-counts.json`` the screens' counts
    (:func:`screen_counts`) and the number of triples of the export in ``OUT/store``
    (stamped ``digest``), with the store's fingerprint, for ``kg validate OUT`` to read
    instead of scanning the store. Only for a ``graph.nt`` above ``min_bytes``
    (:data:`RECORD_BYTES`); True when recorded (False too when the store cannot be
    copied or read: the build goes on without them). The store is not written (the counts
    are made in a hard-linked copy with the schemas mixed in)."""
    import pyoxigraph as ox

    from kg.store import STORE_DIR

    out_dir = Path(out_dir)
    store_dir = out_dir / STORE_DIR
    target = out_dir / COUNTS_FILE
    target.unlink(missing_ok=True)
    limit = RECORD_BYTES if min_bytes is None else min_bytes
    if (out_dir / "graph.nt").stat().st_size <= limit:
        return False
    from concurrent.futures import ThreadPoolExecutor

    try:  # best effort: without the counts, kg validate scans
        fingerprint = store_fingerprint(store_dir)
        with tempfile.TemporaryDirectory(prefix="kg-counts-",
                                         dir=_scratch_dir(store_dir)) as scratch:
            built = ox.Store.read_only(str(store_dir))
            built.backup(os.path.join(scratch, "store"))
            copy = ox.Store(os.path.join(scratch, "store"))
            with ThreadPoolExecutor(max_workers=1) as pool:
                triples = pool.submit(_default_triples, built)  # beside the counts
                counts = screen_counts(copy, jobs=jobs)
                triples = triples.result()
            del built, copy
    except (OSError, ValueError):
        return False
    if store_fingerprint(store_dir) != fingerprint:  # written meanwhile: not recorded
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(
        {"digest": digest, "store": fingerprint, "schemas": _schemas_digest(),
         "triples": triples, "counts": counts}, sort_keys=True) + "\n", encoding="utf-8")
    return True


def _recorded_counts(out_dir: Path, store_dir: Path, digest: str) -> dict | None:
    """The counts the build recorded for the store in ``store_dir``, or None when there
    are none or they may not be the store's: another export, other schemas, or a store
    written since (its fingerprint differs)."""
    try:
        recorded = json.loads((out_dir / COUNTS_FILE).read_text(encoding="utf-8"))
        if (recorded["digest"] != digest or recorded["schemas"] != _schemas_digest()
                or recorded["store"] != store_fingerprint(store_dir)):
            return None
        counts = {str(q): {str(k): int(n) for k, n in row.items()}
                  for q, row in recorded["counts"].items()}
        return {"triples": int(recorded["triples"]), "counts": counts}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
