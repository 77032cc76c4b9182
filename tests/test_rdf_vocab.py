"""The kg: DefinedNamespace, the ontology file and the modality scheme agree."""

from __future__ import annotations

import json

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from kg.resolve import entity_slug
from kg.resources import schema_path
from kg.vocab import KG, MODALITY_SCHEME, PREFIXES

CLOSED_MODALITIES = {"text", "image", "video", "audio", "speech", "music", "3d", "motion",
                     "molecule", "protein", "graph", "table", "time-series", "code"}


def ontology_terms() -> set[str]:
    graph = Graph().parse(schema_path("kg.ttl"), format="turtle")
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual}
    return {str(s)[len(str(KG._NS)):] for kind in kinds for s in graph.subjects(RDF.type, kind)
            if isinstance(s, URIRef) and str(s).startswith(str(KG._NS))}


def test_defined_namespace_names_exactly_the_ontology_terms():
    declared = set(KG.__annotations__)
    assert declared == ontology_terms()


def test_misspelt_term_raises():
    with pytest.raises(AttributeError):
        _ = KG.usesDatasets


def test_public_contract_terms_exist_and_are_mapped_to_shared_vocabularies():
    graph = Graph().parse(schema_path("kg.ttl"), format="turtle")
    for term in ("Paper", "Method", "Dataset", "Modality", "usesMethod", "usesDataset",
                 "hasModality", "comparesWith", "proposes"):
        assert (KG[term], RDFS.label, None) in graph
    schema = "https://schema.org/"
    assert (KG.Paper, RDFS.subClassOf, URIRef(schema + "ScholarlyArticle")) in graph
    assert (KG.Paper, RDFS.subClassOf, URIRef("http://purl.org/spar/fabio/ResearchPaper")) in graph
    assert (KG.Evidence, RDFS.subClassOf, URIRef(PREFIXES["prov"] + "Entity")) in graph
    assert (KG.Dataset, RDFS.subClassOf, URIRef("http://www.w3.org/ns/mls#Dataset")) in graph
    assert (KG.Method, RDFS.subClassOf, URIRef("http://www.w3.org/ns/mls#Algorithm")) in graph
    assert (KG.Modality, RDFS.subClassOf, SKOS.Concept) in graph
    assert (KG.paper, RDFS.subPropertyOf, URIRef(PREFIXES["prov"] + "wasDerivedFrom")) in graph


def scheme_labels() -> set[str]:
    graph = Graph().parse(schema_path("modalities.ttl"), format="turtle")
    concepts = set(graph.subjects(SKOS.topConceptOf, URIRef(MODALITY_SCHEME)))
    assert concepts == set(graph.objects(URIRef(MODALITY_SCHEME), SKOS.hasTopConcept))
    labels = set()
    for concept in concepts:
        label = str(graph.value(concept, SKOS.prefLabel))
        assert str(graph.value(concept, SKOS.notation)) == label
        assert str(concept) == PREFIXES["res"] + "modality/" + entity_slug(label)
        labels.add(label)
    return labels


def test_modality_scheme_is_the_closed_list():
    assert scheme_labels() == CLOSED_MODALITIES


def test_modality_lexicon_names_exactly_the_scheme():
    lexicon = schema_path("lexicons", "modalities.jsonl")
    if not lexicon.exists():
        pytest.skip("schemas/lexicons/modalities.jsonl is not on this branch yet")
    labels = {json.loads(line)["label"] for line in lexicon.read_text("utf-8").splitlines()
              if line.strip()}
    assert labels == scheme_labels()


@pytest.mark.parametrize("module", ["kg.vocab", "kg.export.rdf", "kg.export.jsonld", "kg.query"])
def test_docstring_examples_run(module):
    import doctest
    import importlib

    failures, tests = doctest.testmod(importlib.import_module(module))
    assert tests > 0 and failures == 0
