"""The graph's node types and relations: one declarative table that every layer iterates.

Each entity type names its ontology class, its IRI folder, the relation a plain
mention of it becomes and how the views draw it; each relation names its range,
the ``kg extract`` field that lists its targets and how the views draw it. The
extractor, resolver, graph, RDF writers, query prefixes, validation, views,
frames, analysis, report and CLI read these tables at call time (never a copy
made at import), so adding a type is one row here plus its class and shapes in
``schemas/kg.ttl`` and ``schemas/kg-shapes.ttl``; :func:`ontology_problems`
(run by the tests) says what the ontology or the shapes still lack.

Examples
--------
>>> [t.name for t in entity_types()]
['method', 'dataset', 'modality', 'task', 'metric']
>>> ENTITY_TYPES["dataset"].uses, RELATIONS["comparesWith"].range
('usesDataset', ('method',))
>>> {r.field: r.name for r in relations()}["baselines"]
'comparesWith'
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "BASE_IRI",
    "ONTOLOGY_IRI",
    "KG_NS",
    "NodeType",
    "Relation",
    "PAPER",
    "ENTITY_TYPES",
    "RELATIONS",
    "USES_METHOD",
    "USES_DATASET",
    "HAS_MODALITY",
    "COMPARES_WITH",
    "PROPOSES",
    "WORKS_ON_TASK",
    "REPORTS_METRIC",
    "entity_types",
    "node_types",
    "relations",
    "relation_for_role",
    "relations_to",
    "extract_fields",
    "resource_folders",
    "ontology_problems",
]

# Every node IRI is BASE_IRI + its key ("method/gpt-4"); the ontology's terms live under KG_NS.
BASE_IRI = "https://w3id.org/papers-kg/resource/"
ONTOLOGY_IRI = "https://w3id.org/papers-kg/ontology"
KG_NS = ONTOLOGY_IRI + "#"


@dataclass(frozen=True)
class NodeType:
    """One kind of node: its ``type`` attribute, which is also its IRI folder."""

    name: str  # node "type" attribute and IRI folder ("method" -> resource/method/...)
    rdf_class: str  # local name of its class in the kg: ontology
    title: str  # singular, for people ("Method")
    plural: str  # plural, for people ("methods")
    color: str  # view style: fill colour
    shape: str  # view style: vis-network shape
    uses: str | None = None  # the relation a plain mention of this type becomes
    scheme: str | None = None  # a closed SKOS concept scheme every entity of the type is in


@dataclass(frozen=True)
class Relation:
    """One kind of edge, always from a paper to an entity; also its kg: property."""

    name: str  # edge key and local name of the kg: property
    range: tuple[str, ...]  # the entity types it may point at
    field: str  # the `kg extract` / papers.jsonl / papers_frame field listing its targets
    title: str  # for people ("compares with")
    color: str  # view style
    dashes: bool | tuple[int, ...] = False
    width: float = 1.5
    role: str | None = None  # the extractor role it records ("baseline"); None: a plain use
    inverse: str = ""  # seen from the entity, for people: "proposed in" (N papers)


PAPER = NodeType("paper", "Paper", "Paper", "papers", "#9e9e9e", "square")

ENTITY_TYPES: dict[str, NodeType] = {t.name: t for t in (
    NodeType("method", "Method", "Method", "methods", "#1f77b4", "dot", uses="usesMethod"),
    NodeType("dataset", "Dataset", "Dataset", "datasets", "#2ca02c", "diamond",
             uses="usesDataset"),
    NodeType("modality", "Modality", "Modality", "modalities", "#ff7f0e", "triangle",
             uses="hasModality", scheme="modalities"),
    NodeType("task", "Task", "Task", "tasks", "#17becf", "hexagon", uses="worksOnTask"),
    NodeType("metric", "Metric", "Metric", "metrics", "#bcbd22", "star", uses="reportsMetric"),
)}

# In the order of the `kg extract` fields.
RELATIONS: dict[str, Relation] = {r.name: r for r in (
    Relation("usesMethod", ("method",), "methods", "uses method", "#1f77b4",
             inverse="used in"),
    Relation("usesDataset", ("dataset",), "datasets", "uses dataset", "#2ca02c",
             inverse="used in"),
    Relation("comparesWith", ("method",), "baselines", "compares with", "#d62728",
             dashes=(8, 5), role="baseline", inverse="compared with (as a baseline) in"),
    Relation("hasModality", ("modality",), "modalities", "has modality", "#ff7f0e",
             dashes=(2, 4), inverse="found in"),
    Relation("proposes", ("method", "dataset"), "proposed", "proposes", "#9467bd", width=3,
             role="proposed", inverse="proposed in"),
    Relation("worksOnTask", ("task",), "tasks", "works on task", "#17becf", dashes=(4, 3),
             inverse="worked on in"),
    Relation("reportsMetric", ("metric",), "metrics", "reports metric", "#bcbd22",
             dashes=(1, 3), inverse="reported in"),
)}

# Names of the relations that code treats specially (the rest is iterated from the table).
USES_METHOD = "usesMethod"
USES_DATASET = "usesDataset"
HAS_MODALITY = "hasModality"
COMPARES_WITH = "comparesWith"
PROPOSES = "proposes"
WORKS_ON_TASK = "worksOnTask"
REPORTS_METRIC = "reportsMetric"


def entity_types() -> list[NodeType]:
    return list(ENTITY_TYPES.values())


def node_types() -> dict[str, NodeType]:
    """Paper first, then every entity type."""
    return {PAPER.name: PAPER, **ENTITY_TYPES}


def relations() -> list[Relation]:
    return list(RELATIONS.values())


def relation_for_role(role: str, entity_type: str) -> str | None:
    """The relation a mention's role becomes for an entity of ``entity_type``, or None.

    >>> relation_for_role("uses", "dataset"), relation_for_role("baseline", "method")
    ('usesDataset', 'comparesWith')
    >>> relation_for_role("baseline", "dataset") is None  # only methods are baselines
    True
    """
    if role == "uses":
        kind = ENTITY_TYPES.get(entity_type)
        return kind.uses if kind else None
    for relation in RELATIONS.values():
        if relation.role == role and entity_type in relation.range:
            return relation.name
    return None


def relations_to(entity_type: str) -> list[str]:
    """Every relation that may point at an entity of ``entity_type``.

    >>> relations_to("method")
    ['usesMethod', 'comparesWith', 'proposes']
    """
    return [r.name for r in RELATIONS.values() if entity_type in r.range]


def extract_fields() -> dict[str, str]:
    """``kg extract`` field -> relation, in field order."""
    return {r.field: r.name for r in RELATIONS.values()}


def resource_folders() -> tuple[str, ...]:
    """The IRI folders under ``BASE_IRI``: one per node type, plus evidence, extractor and
    result (a paper's reported results are n-ary nodes of their own in the RDF)."""
    return (*node_types(), "evidence", "extractor", "result")


def ontology_problems(ontology, shapes) -> list[str]:
    """What ``ontology`` (kg.ttl) and ``shapes`` (kg-shapes.ttl) lack for this table.

    Both are rdflib graphs. The ontology must declare each class and property with
    the table's range; the shapes must target each entity class for labels and check
    each relation's range and, on evidence, name every relation.
    """
    from rdflib import OWL, RDF, RDFS, URIRef
    from rdflib.collection import Collection
    from rdflib.namespace import SH

    def kg(term: str) -> URIRef:
        return URIRef(KG_NS + term)

    def classes_of(graph, node) -> set:
        """The class a range/sh:class names, or the classes of an owl:unionOf / sh:or."""
        if isinstance(node, URIRef):
            return {node}
        members = graph.value(node, OWL.unionOf) or graph.value(node, SH["or"])
        if members is None:
            return set()
        found = set()
        for member in Collection(graph, members):
            found |= {member} if isinstance(member, URIRef) else set(graph.objects(member,
                                                                                   SH["class"]))
        return found

    problems = []
    for kind in node_types().values():
        if (kg(kind.rdf_class), RDF.type, OWL.Class) not in ontology:
            problems.append(f"kg.ttl: no owl:Class kg:{kind.rdf_class} (type {kind.name!r})")
    for relation in relations():
        prop = kg(relation.name)
        if (prop, RDF.type, OWL.ObjectProperty) not in ontology:
            problems.append(f"kg.ttl: no owl:ObjectProperty kg:{relation.name}")
            continue
        want = {kg(ENTITY_TYPES[t].rdf_class) for t in relation.range if t in ENTITY_TYPES}
        got = set()
        for node in ontology.objects(prop, RDFS.range):
            got |= classes_of(ontology, node)
        if got != want:
            problems.append(f"kg.ttl: kg:{relation.name} has range "
                            f"{sorted(map(str, got))}, the table says {sorted(map(str, want))}")

    paper_shapes = list(shapes.subjects(SH.targetClass, kg(PAPER.rdf_class)))
    ranges: dict[str, set] = {}
    for shape in paper_shapes:
        for prop_shape in shapes.objects(shape, SH.property):
            path = shapes.value(prop_shape, SH.path)
            if isinstance(path, URIRef) and path.startswith(KG_NS):
                found = set(shapes.objects(prop_shape, SH["class"]))
                for node in shapes.objects(prop_shape, SH["or"]):
                    found |= {c for m in Collection(shapes, node)
                              for c in shapes.objects(m, SH["class"])}
                if found:
                    ranges[path[len(KG_NS):]] = found
    for relation in relations():
        want = {kg(ENTITY_TYPES[t].rdf_class) for t in relation.range if t in ENTITY_TYPES}
        if ranges.get(relation.name) != want:
            problems.append(f"kg-shapes.ttl: no paper property shape checking that "
                            f"kg:{relation.name} points at {sorted(map(str, want))}")
    labelled = {c for s in shapes.subjects(SH.property, None)
                for c in shapes.objects(s, SH.targetClass)
                if any(shapes.value(p, SH.path) == RDFS.label
                       for p in shapes.objects(s, SH.property))}
    for kind in node_types().values():
        if kg(kind.rdf_class) not in labelled:
            problems.append(f"kg-shapes.ttl: no label shape targets kg:{kind.rdf_class}")
    evidence_relations: set = set()
    for prop_shape in shapes.subjects(SH.path, kg("relation")):
        for node in shapes.objects(prop_shape, SH["in"]):
            evidence_relations |= set(Collection(shapes, node))
    missing = [r.name for r in relations() if kg(r.name) not in evidence_relations]
    if missing:
        problems.append("kg-shapes.ttl: the evidence shape's kg:relation list lacks "
                        + ", ".join(f"kg:{name}" for name in missing))
    return problems
