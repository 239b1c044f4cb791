"""govreport.reading.gcpause.paused_gc: the collector is off inside, and back as it was afterwards."""

import gc

import pytest

from govreport.reading.gcpause import paused_gc


@pytest.fixture
def restore_gc():
    was = gc.isenabled()
    yield
    gc.enable() if was else gc.disable()


@pytest.mark.parametrize("enabled", [True, False])
def test_paused_and_restored(restore_gc, enabled):
    gc.enable() if enabled else gc.disable()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled() is enabled


def test_restored_when_the_block_raises(restore_gc):
    gc.enable()
    with pytest.raises(KeyError):
        with paused_gc():
            raise KeyError("x")
    assert gc.isenabled()


def test_nested_blocks(restore_gc):
    gc.enable()
    with paused_gc():
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer block still holds it off
    assert gc.isenabled()
