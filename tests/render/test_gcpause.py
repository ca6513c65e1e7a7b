"""The collector pause nests, survives errors and restores the collector's previous state."""

from __future__ import annotations

import gc

import pytest

from chartlsp.render.gcpause import gc_paused


def test_nested_pauses_restore_the_collector():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause is still running
    assert gc.isenabled()


def test_an_error_inside_still_restores():
    with pytest.raises(ValueError):
        with gc_paused():
            raise ValueError
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled():
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
