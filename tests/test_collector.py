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


def test_objects_are_left_to_the_exit_only_in_a_process_that_exits_fast(monkeypatch):
    import kg.collector

    monkeypatch.setattr(kg.collector, "_LEFT", [])
    monkeypatch.setattr(kg.collector, "_FAST_EXIT", [False])
    kg.collector.leave_to_exit([1, 2])
    assert kg.collector._LEFT == []  # a library call frees as usual
    kg.collector.exits_fast()
    records = [object()]
    kg.collector.leave_to_exit(records)
    assert kg.collector._LEFT == [(records,)]
