"""Batches of large records: a batch stays within what the district takes in one request, a batch
refused as too large (by the district or a web server in front of it) is sent again in smaller
ones, and a record too large even alone waits in quarantine while the rest is sent."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text

from gridstation.db import todos
from gridstation.db.models import TodoItem
from gridstation.sync import issues, protocol
from gridstation.sync.client import SyncClient
from gridstation.sync.engine import TOO_LARGE, SyncEngine, SyncReport
from gridstation.sync.state import load_settings

from .conftest import GRID_A, ServerProcess, Station, sync
from .fault_proxy import FaultProxy


def _todo_with_note(station: Station, title: str, note_chars: int) -> TodoItem:
    with station.store.unit_of_work(station.user.actor) as uow:
        return uow.create(TodoItem, grid_code=GRID_A, title=title, note="记" * note_chars)  # 3 bytes a character


def _through(station: Station, proxy: FaultProxy, batch_size: int = 500) -> SyncReport:
    client = SyncClient(proxy.url, token=load_settings(station.store).token)
    try:
        return SyncEngine(station.store, client, batch_size=batch_size).run()
    finally:
        client.close()


def _pending(station: Station) -> int:
    with station.store.read() as session:
        return int(session.execute(text("SELECT count(*) FROM outbox WHERE state = 'pending'")).scalar_one())


def _notes(station: Station) -> dict[str, tuple[str, bool]]:
    with station.store.read() as session:
        return {r.id: (r.note, bool(r.done)) for r in session.execute(text("SELECT id, note, done FROM todo_item"))}


def test_a_backlog_of_large_records_goes_in_batches_the_district_takes(station_a: Station, station_b: Station,
                                                                      server: ServerProcess) -> None:
    """50 records of 210 KB each (10 MB) would be the first batch by count (the sizer starts at 50
    entries): cut by size, no request exceeds what the district takes, and each arrives once."""
    for n in range(50):
        _todo_with_note(station_a, f"事项 {n}", 70_000)
    proxy = FaultProxy(server.url)
    proxy.max_body = protocol.MAX_BODY_BYTES  # the district's own limit, seen from in front of it
    try:
        report = _through(station_a, proxy)
    finally:
        proxy.close()
    assert proxy.refused_large == 0
    assert proxy.forwarded.count("/api/v1/push") >= 3
    assert (report.pushed, report.rejected, report.errors) == (50, 0, [])
    assert _pending(station_a) == 0
    sync(station_b)
    assert _notes(station_b) == _notes(station_a) and len(_notes(station_b)) == 50


def test_batches_refused_as_too_large_are_sent_again_smaller(station_a: Station, station_b: Station,
                                                           server: ServerProcess) -> None:
    """A web server in front of the district takes 40 KB a request: the first batches are refused
    (413, an HTML page), and the same run sends their entries again in batches that pass."""
    for n in range(12):
        _todo_with_note(station_a, f"事项 {n}", 3_000)  # 9 KB each, 108 KB in all
    proxy = FaultProxy(server.url)
    proxy.max_body = 40_000
    try:
        report = _through(station_a, proxy)
    finally:
        proxy.close()
    assert proxy.refused_large >= 1
    assert (report.pushed, report.rejected, report.errors) == (12, 0, [])
    assert _pending(station_a) == 0 and not issues.open_issues(station_a.store)
    sync(station_b)
    assert _notes(station_b) == _notes(station_a) and len(_notes(station_b)) == 12


def test_a_record_too_large_even_alone_waits_in_quarantine_while_the_rest_is_sent(
        station_a: Station, station_b: Station, server: ServerProcess) -> None:
    big = _todo_with_note(station_a, "长记录", 20_000)  # 60 KB
    for n in range(3):
        _todo_with_note(station_a, f"事项 {n}", 100)
    todos.set_done(station_a.store, station_a.user.actor, big.id)  # a later change to it waits with it
    proxy = FaultProxy(server.url)
    proxy.max_body = 30_000
    try:
        report = _through(station_a, proxy)
        assert (report.pushed, report.rejected, report.errors) == (3, 1, [])
        [issue] = issues.open_issues(station_a.store)
        assert (issue.issue, issue.reason, issue.record_id) == ("rejected", TOO_LARGE, big.id)
        assert _pending(station_a) == 1  # the change made after it, held back
        sync(station_b)
        assert big.id not in _notes(station_b) and len(_notes(station_b)) == 3

        proxy.max_body = None  # the district's web server was set to take more
        issues.resend(station_a.store, issue.id)
        report = _through(station_a, proxy)
    finally:
        proxy.close()
    assert (report.pushed, report.rejected) == (2, 0)
    assert _pending(station_a) == 0
    sync(station_b)
    assert _notes(station_b)[big.id] == ("记" * 20_000, True)


@given(payloads=st.lists(st.text(max_size=300), max_size=30), limit=st.integers(1, 3000))
def test_a_batch_is_the_longest_run_of_oldest_entries_within_its_bytes(payloads: list[str], limit: int) -> None:
    count = protocol.first_within(payloads, limit)
    assert count >= 1 or not payloads  # at least the oldest
    size = sum(len(payload.encode()) for payload in payloads[:count])
    assert size <= limit or count == 1
    if count < len(payloads):  # and no more than fit
        assert size + len(payloads[count].encode()) > limit
