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

from kg.prefixes import MODALITY_SCHEME, PREFIXES, resource_prefixes
from kg.schema import ONTOLOGY_IRI

__all__ = ["KG", "ONTOLOGY_IRI", "MODALITY_SCHEME", "PREFIXES", "resource_prefixes"]

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
