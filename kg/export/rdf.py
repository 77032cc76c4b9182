"""RDF export (Turtle). A first version: papers, entities and plain link triples."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import networkx as nx
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS

KG = Namespace("https://w3id.org/papers-kg/ontology#")
CLASSES = {"paper": KG.Paper, "method": KG.Method, "dataset": KG.Dataset, "modality": KG.Modality}


def node_iri(G: nx.MultiDiGraph, node: str) -> URIRef:
    return URIRef(G.graph.get("base_iri", "") + quote(node, safe="/"))


def to_rdflib(G: nx.MultiDiGraph) -> Graph:
    graph = Graph()
    graph.bind("kg", KG)
    graph.bind("skos", SKOS)
    graph.bind("dcterms", DCTERMS)
    for node, data in G.nodes(data=True):
        iri = node_iri(G, node)
        graph.add((iri, RDF.type, CLASSES[data["type"]]))
        graph.add((iri, RDFS.label, Literal(data["label"])))
        if data["type"] == "paper":
            graph.add((iri, DCTERMS.title, Literal(data["title"])))
            graph.add((iri, DCTERMS.abstract, Literal(data["abstract"])))
        else:
            graph.add((iri, SKOS.prefLabel, Literal(data["label"])))
            for alias in data.get("aliases", ()):
                graph.add((iri, SKOS.altLabel, Literal(alias)))
    for source, target, key in G.edges(keys=True):
        graph.add((node_iri(G, source), KG[key], node_iri(G, target)))
    return graph


def write_turtle(G: nx.MultiDiGraph, path: str | Path) -> None:
    to_rdflib(G).serialize(destination=str(path), format="turtle")
