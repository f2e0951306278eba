"""Garbage is collected on the GUI thread only: a worker thread making cyclic garbage past every
threshold never runs a collection, and the GUI thread's timer collects that garbage."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from gridstation.ui.gui_thread_gc import GuiThreadCollector


class _Cycle:
    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The ids of the threads in which collections started, while the test runs."""
    threads: list[int] = []

    def record(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            threads.append(threading.get_ident())

    gc.callbacks.append(record)
    yield threads
    gc.callbacks.remove(record)


def _make_garbage(count: int, last: list[weakref.ref[_Cycle]]) -> None:
    for _ in range(count):
        cycle = _Cycle()
    last.append(weakref.ref(cycle))


def test_a_worker_thread_never_collects_and_the_gui_thread_does(qtbot, collections: list[int]) -> None:
    # The autouse fixture already runs a collector; this one checks often so the test is short.
    collector = GuiThreadCollector(QApplication.instance(), interval_ms=10)
    assert not gc.isenabled()
    last: list[weakref.ref[_Cycle]] = []
    worker = threading.Thread(target=_make_garbage, args=(50 * gc.get_threshold()[0], last))
    worker.start()
    worker.join()
    assert collections == []  # without the collector, this garbage starts dozens of collections there
    assert gc.get_count()[0] > gc.get_threshold()[0]

    qtbot.waitUntil(lambda: last[0]() is None, timeout=5000)
    assert collections and set(collections) == {threading.get_ident()}
    collector.stop()


def test_check_collects_the_oldest_generation_due_and_nothing_when_none_is(qapp) -> None:
    collector = GuiThreadCollector(qapp, interval_ms=60_000)
    gc.collect()
    assert collector.check() is None
    _make_garbage(2 * gc.get_threshold()[0], [])
    assert collector.check() == 0
    for _ in range(gc.get_threshold()[1]):
        _make_garbage(2 * gc.get_threshold()[0], [])
        collector.check()
    assert gc.get_count()[1] > gc.get_threshold()[1]
    _make_garbage(2 * gc.get_threshold()[0], [])
    assert collector.check() == 1
    collector.stop()


def test_stop_gives_collection_back_as_it_was(qapp) -> None:
    gc.enable()
    try:
        collector = GuiThreadCollector(qapp)
        assert not gc.isenabled()
        collector.stop()
        assert gc.isenabled()
    finally:
        gc.disable()  # as the autouse collector of this test left it
