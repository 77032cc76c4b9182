"""kg.quick_init: the quick __init__ makes the same frozen records as the dataclass's."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from kg.extract.records import Candidate, ModalityCue, RoleClaim, SpanHit
from kg.model import Evidence, Mention, ResultMention
from kg.quick_init import quick_init

EVIDENCE = dict(field="abstract", start=3, end=7, text="BERT", sentence="We use BERT.",
                rule="lexicon", confidence=0.9)
CASES = [
    (Candidate, (1, 5, "method", "BERT", "lexicon", 0.95), {"surface": "BERT"}),
    (Candidate, (1, 5, "method", "BERT", "lexicon", 0.95, None, True, ("b",), "bert"), {}),
    (SpanHit, (2, 9, "Accuracy", "metric-lexicon", 0.8), {}),
    (RoleClaim, (1, 5, "BERT", "baseline", "comparison", 0.7), {}),
    (ModalityCue, (0, 4, "text", "modality-cue", 0.9), {}),
    (Evidence, (), EVIDENCE),
    (Mention, ("BERT", "method", Evidence(**EVIDENCE)), {"roles": ("uses", "baseline")}),
    (ResultMention, (Mention("Accuracy", "metric", Evidence(**EVIDENCE)), "91.2", 91.2,
                     Evidence(**EVIDENCE)), {"own": True, "unit": "%"}),
]


@pytest.mark.parametrize(("cls", "args", "kwargs"), CASES)
def test_same_record_as_the_dataclass_init(cls, args, kwargs):
    quick = cls(*args, **kwargs)
    slow = object.__new__(cls)
    cls.__dataclass_init__(slow, *args, **kwargs)
    assert vars(quick) == vars(slow) and list(vars(quick)) == list(vars(slow))
    assert quick == slow and hash(quick) == hash(slow) and repr(quick) == repr(slow)
    assert pickle.loads(pickle.dumps(quick)) == quick
    assert dataclasses.replace(quick) == quick
    with pytest.raises(dataclasses.FrozenInstanceError):
        quick.rule = "other"  # type: ignore[misc]


def test_arguments_are_checked_as_the_dataclass_checks_them():
    with pytest.raises(TypeError):
        Candidate(1, 5, "method")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Candidate(1, 5, "method", "BERT", "lexicon", 0.95, nonsense=1)  # type: ignore[call-arg]


def test_only_plain_frozen_dataclasses():
    @dataclasses.dataclass
    class Mutable:
        x: int

    @dataclasses.dataclass(frozen=True)
    class Factory:
        xs: list = dataclasses.field(default_factory=list)

    for cls in (Mutable, Factory):
        with pytest.raises(TypeError):
            quick_init(cls)


def test_doctests():
    import doctest

    import kg.quick_init

    assert doctest.testmod(kg.quick_init).failed == 0
