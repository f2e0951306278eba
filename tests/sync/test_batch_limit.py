"""Batches larger than every district server takes (``protocol.BASE_OPS_PER_BATCH``) go only to a
district whose answers say it takes them (``PushResponse.max_ops``): a backlog reaches the larger
batches against this server, never against one from before them, and when an older server behind
the same address refuses one the same run goes on in batches every server takes."""

from __future__ import annotations

from sqlalchemy import text

from gridstation.db.models import TodoItem
from gridstation.sync import protocol
from gridstation.sync.client import SyncClient
from gridstation.sync.engine import SyncEngine, SyncReport
from gridstation.sync.state import load_settings

from .conftest import GRID_A, ServerProcess, Station, sync
from .fault_proxy import FaultProxy

BACKLOG = 2400  # enough for the sizer to pass BASE_OPS_PER_BATCH: 50, 50, 50, 200, 800, 1000, …


def _backlog(station: Station) -> None:
    with station.store.unit_of_work(station.user.actor) as uow:
        for n in range(BACKLOG):
            uow.create(TodoItem, grid_code=GRID_A, title=f"入户走访 {n}")


def _through(station: Station, proxy: FaultProxy) -> SyncReport:
    client = SyncClient(proxy.url, token=load_settings(station.store).token)
    try:
        return SyncEngine(station.store, client).run()
    finally:
        client.close()


def _titles(station: Station) -> list[str]:
    with station.store.read() as session:
        return sorted(r.title for r in session.execute(text("SELECT title FROM todo_item")))


def test_a_backlog_goes_in_the_larger_batches_this_district_takes(station_a: Station, station_b: Station,
                                                                 server: ServerProcess) -> None:
    _backlog(station_a)
    proxy = FaultProxy(server.url)
    try:
        report = _through(station_a, proxy)
    finally:
        proxy.close()
    assert (report.pushed, report.rejected, report.errors) == (BACKLOG, 0, [])
    assert sum(proxy.push_sizes) == BACKLOG  # each entry sent once
    assert protocol.BASE_OPS_PER_BATCH < max(proxy.push_sizes) <= protocol.MAX_OPS_PER_BATCH, proxy.push_sizes
    sync(station_b)
    assert _titles(station_b) == _titles(station_a) and len(_titles(station_b)) == BACKLOG


def test_a_district_that_does_not_say_what_it_takes_never_gets_a_batch_larger_than_all_take(
        station_a: Station, server: ServerProcess) -> None:
    _backlog(station_a)
    proxy = FaultProxy(server.url)
    proxy.older_server = True  # its answers carry no max_ops
    try:
        report = _through(station_a, proxy)
    finally:
        proxy.close()
    assert (report.pushed, report.rejected, report.errors) == (BACKLOG, 0, [])
    assert sum(proxy.push_sizes) == BACKLOG
    assert max(proxy.push_sizes) == protocol.BASE_OPS_PER_BATCH, proxy.push_sizes  # reached, never passed


def test_a_batch_an_older_server_behind_the_same_address_refuses_goes_again_in_batches_all_take(
        station_a: Station, station_b: Station, server: ServerProcess) -> None:
    """During an upgrade of several district processes, the first answers come from a new one
    (``max_ops`` 1000) and the next batch, larger than 500, reaches an old one, which refuses it
    whole (400): nothing of it was written, and its entries go out again in batches of at most 500
    in the same run, each once."""
    _backlog(station_a)
    proxy = FaultProxy(server.url)
    proxy.older_server, proxy.older_after = True, 4  # the 50, 50, 50 and 200 go to the new server
    try:
        report = _through(station_a, proxy)
    finally:
        proxy.close()
    assert proxy.refused_sizes and min(proxy.refused_sizes) > protocol.BASE_OPS_PER_BATCH
    assert (report.pushed, report.rejected, report.errors) == (BACKLOG, 0, [])
    assert sum(proxy.push_sizes) == BACKLOG  # each entry forwarded once: the refused batch wrote nothing
    assert max(proxy.push_sizes[4:]) <= protocol.BASE_OPS_PER_BATCH, proxy.push_sizes
    sync(station_b)
    assert _titles(station_b) == _titles(station_a) and len(_titles(station_b)) == BACKLOG
