"""Mentions to entities: one id per real thing across the corpus, and evidenced links."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable

from kg.extract.lexicon import name_key
from kg.model import (
    COMPARES_WITH,
    HAS_MODALITY,
    PROPOSES,
    USES_DATASET,
    USES_METHOD,
    Entity,
    Evidence,
    Extraction,
    Link,
)

__all__ = ["resolve", "entity_slug", "USE_RELATION"]

USE_RELATION = {"method": USES_METHOD, "dataset": USES_DATASET, "modality": HAS_MODALITY}
ROLE_RELATION = {"baseline": COMPARES_WITH, "proposed": PROPOSES}
# What each role relation may point at (the ontology's ranges; SHACL checks them).
ROLE_TYPES = {"baseline": ("method",), "proposed": ("method", "dataset")}


def entity_slug(label: str) -> str:
    """A readable, stable id part: ``"GPT-4"`` -> ``"gpt-4"``, ``"PixArt-Σ"`` -> ``"pixart-σ"``."""
    text = unicodedata.normalize("NFKC", label).casefold()
    return re.sub(r"[\W_]+", "-", text).strip("-") or "x"


def resolve(extractions: Iterable[Extraction]) -> tuple[list[Entity], list[Link]]:
    """Group mentions into entities (by type and name key) and merge links per paper."""
    surfaces: dict[tuple[str, str], Counter] = defaultdict(Counter)
    labels: dict[tuple[str, str], Counter] = defaultdict(Counter)
    papers_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    families: set[tuple[str, str]] = set()
    evidence: dict[tuple[str, str, tuple[str, str]], list[Evidence]] = defaultdict(list)
    order: list[tuple[str, str, tuple[str, str]]] = []

    for extraction in extractions:
        for mention in extraction.mentions:
            key = (mention.type, name_key(mention.label))
            labels[key][mention.label] += 1
            surfaces[key][mention.evidence.text] += 1
            for alias in mention.aliases:
                surfaces[key][alias] += 1
            papers_of[key].add(extraction.paper_id)
            if mention.evidence.rule == "family":
                families.add(key)
            relations = [USE_RELATION[mention.type]]
            relations += [ROLE_RELATION[r] for r in mention.roles
                          if r in ROLE_RELATION and mention.type in ROLE_TYPES[r]]
            for relation in relations:
                link_key = (extraction.paper_id, relation, key)
                if link_key not in evidence:
                    order.append(link_key)
                evidence[link_key].append(mention.evidence)

    ids: dict[tuple[str, str], str] = {}
    taken: set[str] = set()
    entities = []
    for key in sorted(labels, key=lambda k: (k[0], k[1])):
        label = labels[key].most_common(1)[0][0]
        entity_id = f"{key[0]}/{entity_slug(label)}"
        suffix = 2
        while entity_id in taken:  # two names whose slugs collide stay two entities
            entity_id = f"{key[0]}/{entity_slug(label)}-{suffix}"
            suffix += 1
        taken.add(entity_id)
        ids[key] = entity_id
        aliases = sorted({s for s in surfaces[key] if s != label}, key=str.casefold)
        entities.append(Entity(
            id=entity_id,
            type=key[0],
            label=label,
            aliases=tuple(aliases),
            paper_count=len(papers_of[key]),
            family=key in families,
        ))
    links = [
        Link(paper_id=paper, relation=relation, entity_id=ids[key],
             evidence=tuple(dict.fromkeys(evidence[(paper, relation, key)])))
        for paper, relation, key in order
    ]
    return entities, links
