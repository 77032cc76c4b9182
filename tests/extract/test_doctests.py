"""The examples in the extraction modules' docstrings run."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["records", "rules", "shapes", "context", "pipeline", "lexicon", "phenomena", "cued"]


@pytest.mark.parametrize("module", MODULES)
def test_doctests(module):
    failures, tests = doctest.testmod(importlib.import_module(f"kg.extract.{module}"))
    assert tests and not failures
