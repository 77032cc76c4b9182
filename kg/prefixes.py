"""The namespace prefixes of the RDF outputs and of every query, without rdflib.

Kept apart from :mod:`kg.vocab` (an rdflib ``DefinedNamespace``) so that ``kg query``
and ``kg serve`` start without importing rdflib.
"""

from __future__ import annotations

from kg.schema import BASE_IRI, ONTOLOGY_IRI, resource_folders

__all__ = ["MODALITY_SCHEME", "PREFIXES", "resource_prefixes"]

MODALITY_SCHEME = BASE_IRI + "modalities"

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
