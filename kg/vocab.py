"""The ``kg:`` namespace as a closed vocabulary, plus the other namespaces the RDF uses.

``KG`` is an rdflib ``DefinedNamespace`` with ``_fail = True``: a misspelt term
raises instead of minting a new IRI. ``schemas/kg.ttl`` is the source of truth;
``tests/test_rdf_vocab.py`` checks that the two name the same terms.

Examples
--------
>>> str(KG.usesDataset)
'https://w3id.org/papers-kg/ontology#usesDataset'
>>> KG.usesDatasets
Traceback (most recent call last):
...
AttributeError: term 'usesDatasets' not in namespace 'https://w3id.org/papers-kg/ontology#'
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

from kg.schema import BASE_IRI, ONTOLOGY_IRI, resource_folders

__all__ = ["KG", "ONTOLOGY_IRI", "MODALITY_SCHEME", "PREFIXES", "resource_prefixes"]

MODALITY_SCHEME = BASE_IRI + "modalities"


class KG(DefinedNamespace):
    """papers-kg ontology terms (https://w3id.org/papers-kg/ontology#)."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # classes
    Paper: URIRef
    Method: URIRef
    MethodFamily: URIRef
    Dataset: URIRef
    Modality: URIRef
    Task: URIRef
    Metric: URIRef
    Evidence: URIRef
    Extractor: URIRef
    Result: URIRef
    MetricDirection: URIRef
    HigherIsBetter: URIRef
    LowerIsBetter: URIRef
    # paper -> entity links
    mentions: URIRef
    usesMethod: URIRef
    usesDataset: URIRef
    hasModality: URIRef
    comparesWith: URIRef
    proposes: URIRef
    worksOnTask: URIRef
    reportsMetric: URIRef
    # paper metadata
    listingDate: URIRef
    arxivId: URIRef
    sourceRecord: URIRef
    authorName: URIRef
    url: URIRef
    # entity metadata
    paperCount: URIRef
    # evidence
    paper: URIRef
    relation: URIRef
    entity: URIRef
    inField: URIRef
    startOffset: URIRef
    endOffset: URIRef
    matchedText: URIRef
    sentence: URIRef
    rule: URIRef
    confidence: URIRef
    extractorVersion: URIRef
    # results
    reportsResult: URIRef
    ofMethod: URIRef
    onDataset: URIRef
    withMetric: URIRef
    value: URIRef
    valueText: URIRef
    ownSystem: URIRef
    unit: URIRef
    direction: URIRef


# Prefixes bound in every Turtle output and in `kg query` (so queries may omit them).
PREFIXES: dict[str, str] = {
    "kg": ONTOLOGY_IRI + "#",
    "res": BASE_IRI,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "mls": "http://www.w3.org/ns/mls#",
}


def resource_prefixes(base: str = BASE_IRI) -> dict[str, str]:
    """:data:`PREFIXES` plus ``res:`` and one prefix per resource folder (``method:`` ...).

    A prefixed name cannot hold a bare ``/``, so resources read ``method:gpt-4``.

    >>> resource_prefixes()["dataset"]
    'https://w3id.org/papers-kg/resource/dataset/'
    """
    prefixes = dict(PREFIXES)
    prefixes["res"] = base
    for folder in resource_folders():
        prefixes[folder] = f"{base}{folder}/"
    return prefixes
