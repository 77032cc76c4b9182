import doctest
import gc

import pytest

import kg.collector
from kg.collector import without_cycle_collection


def test_the_collector_is_off_inside_and_restored_after_even_on_error():
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with without_cycle_collection():
            assert not gc.isenabled()
            raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    try:
        with without_cycle_collection():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_doctests():
    assert doctest.testmod(kg.collector).failed == 0
