"""Run one extraction component alone on a short text, with records seeded by hand."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import pytest
from spacy.language import Language

from kg.extract.pipeline import blank_pipeline, make_doc
from kg.extract.records import Findings, findings_of
from kg.model import Paper


@cache
def _pipeline(name: str) -> Language:
    nlp = blank_pipeline()
    nlp.add_pipe(name)
    return nlp


Runner = Callable[..., Findings]


@pytest.fixture(scope="session")
def component() -> Callable[[str], Runner]:
    """``component("kg_title_names_v1")(abstract, title=..., seed=...)`` runs that
    component alone and returns the findings; ``seed(findings)`` adds the records
    earlier stages would have left."""

    def make(name: str) -> Runner:
        nlp = _pipeline(name)
        pipe = nlp.get_pipe(name)

        def run(abstract: str, title: str = "A Study of Things",
                seed: Callable[[Findings], None] | None = None) -> Findings:
            doc = make_doc(nlp, Paper("p", title, abstract))
            findings = findings_of(doc)
            if seed is not None:
                seed(findings)
            pipe(doc)
            return findings

        return run

    return make
