"""The type table (kg.schema) drives every layer and agrees with the ontology and shapes."""

from __future__ import annotations

import doctest
import json

import pytest
from rdflib import RDF, BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

import kg.schema as schema
from kg.export.papers import paper_records
from kg.export.rdf import generate_triples
from kg.graph import build_graph
from kg.model import Entity, Evidence, Extraction, Mention, Paper
from kg.query import query_prefixes
from kg.resolve import resolve
from kg.resources import schema_path
from kg.schema import BASE_IRI, KG_NS, NodeType, Relation, ontology_problems
from kg.views.page import view_data
from kg.views.select import whole_graph
from kg.vocab import KG


def shipped_graphs() -> tuple[Graph, Graph]:
    return (Graph().parse(schema_path("kg.ttl"), format="turtle"),
            Graph().parse(schema_path("kg-shapes.ttl"), format="turtle"))


def test_the_shipped_ontology_and_shapes_cover_the_table():
    assert ontology_problems(*shipped_graphs()) == []


def test_vocabulary_and_json_ld_context_name_every_class_and_relation():
    context = json.loads(schema_path("context.jsonld").read_text("utf-8"))["@context"]
    for kind in schema.node_types().values():
        assert str(KG[kind.rdf_class]) == KG_NS + kind.rdf_class
        assert context[kind.rdf_class] == f"kg:{kind.rdf_class}"
    for relation in schema.relations():
        assert str(KG[relation.name]) == KG_NS + relation.name
        assert context[relation.name] == {"@id": f"kg:{relation.name}", "@type": "@id"}


def test_every_relation_points_at_known_types_and_each_type_has_its_use_relation():
    for relation in schema.relations():
        assert relation.range and set(relation.range) <= set(schema.ENTITY_TYPES)
    for kind in schema.entity_types():
        assert schema.RELATIONS[kind.uses].range == (kind.name,)
        assert schema.RELATIONS[kind.uses].role is None
    fields = [r.field for r in schema.relations()]
    assert len(fields) == len(set(fields))


def test_doctests():
    failures, tests = doctest.testmod(schema)
    assert tests > 0 and failures == 0


# ------------------------------------------------------------- a throwaway type

WIDGET = NodeType("widget", "Widget", "Widget", "widgets", "#123456", "square",
                  uses="usesWidget")
USES_WIDGET = Relation("usesWidget", ("widget",), "widgets", "uses widget", "#654321")


@pytest.fixture
def with_widgets(monkeypatch):
    """The table with one more entity type and its relation, as a new row would add them."""
    monkeypatch.setitem(schema.ENTITY_TYPES, WIDGET.name, WIDGET)
    monkeypatch.setitem(schema.RELATIONS, USES_WIDGET.name, USES_WIDGET)


def widget_graph():
    evidence = Evidence("abstract", 4, 11, "Gizmo-9", "Use Gizmo-9.", "lexicon", 0.9)
    mention = Mention("Gizmo-9", "widget", evidence)
    entities, links = resolve([Extraction("p1", (mention,))])
    papers = [Paper("p1", "A paper about widgets", "Use Gizmo-9.")]
    return build_graph(papers, entities, links, extractor_version="test/1"), entities, links


def test_a_new_row_reaches_resolution_graph_rdf_papers_and_prefixes(with_widgets):
    G, entities, links = widget_graph()
    assert [(e.id, e.type) for e in entities] == [("widget/gizmo-9", "widget")]
    assert [(link.relation, link.entity_id) for link in links] == [("usesWidget", "widget/gizmo-9")]

    triples = {(t.subject.value, t.predicate.value, t.object.value) for t in generate_triples(G)}
    widget = BASE_IRI + "widget/gizmo-9"
    assert (widget, str(RDF.type), KG_NS + "Widget") in triples
    assert (BASE_IRI + "paper/p1", KG_NS + "usesWidget", widget) in triples

    [record] = paper_records(G)
    assert record["widgets"] == ["Gizmo-9"]
    assert query_prefixes()["widget"] == BASE_IRI + "widget/"


def test_a_new_row_reaches_the_views_and_frames(with_widgets):
    pytest.importorskip("pandas")
    from kg.frames import entities_frame, papers_frame

    G, _, _ = widget_graph()
    data = view_data(G, whole_graph(G), title="t")
    assert data["style"]["types"]["widget"]["color"] == "#123456"
    assert data["style"]["relations"]["usesWidget"]["name"] == "uses widget"
    assert {n["t"] for n in data["nodes"]} == {"paper", "widget"}

    assert papers_frame(G).loc["paper/p1", "widgets"] == ["Gizmo-9"]
    frame = entities_frame(G, type="widget")
    assert frame.label.tolist() == ["Gizmo-9"] and frame.usesWidget.tolist() == [1]


def test_the_shapes_check_says_what_a_new_row_still_needs(with_widgets):
    problems = ontology_problems(*shipped_graphs())
    assert any("kg:Widget" in p and p.startswith("kg.ttl") for p in problems)
    assert any("kg:usesWidget" in p and p.startswith("kg.ttl") for p in problems)
    assert any("kg:usesWidget" in p and p.startswith("kg-shapes.ttl") for p in problems)
    assert any("label shape targets kg:Widget" in p for p in problems)

    # Once the ontology and shapes have them, the check is satisfied.
    ontology, shapes = shipped_graphs()
    ontology.update(f"""
        PREFIX kg: <{KG_NS}> PREFIX owl: <http://www.w3.org/2002/07/owl#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        INSERT DATA {{ kg:Widget a owl:Class . kg:usesWidget a owl:ObjectProperty ;
                       rdfs:range kg:Widget . }}""")
    shapes.update(f"""
        PREFIX kg: <{KG_NS}> PREFIX sh: <http://www.w3.org/ns/shacl#>
        PREFIX kgsh: <https://w3id.org/papers-kg/shapes#>
        INSERT DATA {{ kgsh:Paper sh:property [ sh:path kg:usesWidget ; sh:class kg:Widget ] .
                       kgsh:Labelled sh:targetClass kg:Widget . }}""")
    [left] = ontology_problems(ontology, shapes)
    assert "evidence shape's kg:relation list lacks kg:usesWidget" in left
    in_list = BNode()
    Collection(shapes, in_list, [URIRef(KG_NS + r.name) for r in schema.relations()])
    shapes.add((BNode("ev"), SH.path, URIRef(KG_NS + "relation")))
    shapes.add((BNode("ev"), SH["in"], in_list))
    assert ontology_problems(ontology, shapes) == []


def test_an_unknown_entity_type_is_refused_by_the_graph():
    with pytest.raises(ValueError, match="has type 'gadget'"):
        build_graph([], [Entity("gadget/x", "gadget", "X")], [])
    assert URIRef(KG_NS + "Method") == KG.Method
