"""Station ⇄ district server, end to end: real server process, real SQLite files, a faulty network."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from gridstation.db import diary, maintenance, todos
from gridstation.db import diary_queries as q
from gridstation.db.models import TodoItem
from gridstation.db.store import Store
from gridstation.sync import issues, protocol
from gridstation.sync.client import SyncClient, SyncError
from gridstation.sync.engine import SyncEngine, client_for
from gridstation.sync.state import load_settings

from .conftest import GRID_A, ServerProcess, Station, make_station
from .fault_proxy import FaultProxy


def sync(station: Station, client: SyncClient | None = None, batch_size: int = 200) -> object:
    client = client or client_for(station.store)
    try:
        return SyncEngine(station.store, client, batch_size=batch_size).run()
    finally:
        client.close()


def records(station: Station, table: str) -> dict[str, tuple[int, int]]:
    with station.store.read() as session:
        rows = session.execute(text(f"SELECT id, version, deleted FROM {table}")).all()
    return {r.id: (r.version, r.deleted) for r in rows}


def pending(station: Station) -> int:
    with station.store.read() as session:
        return int(session.execute(text("SELECT count(*) FROM outbox WHERE state = 'pending'")).scalar_one())


def test_records_reach_the_other_station_exactly_once(station_a: Station, station_b: Station) -> None:
    page = diary.open_day(station_a.store, station_a.user.actor, grid_code=GRID_A, day=date(2026, 11, 2))
    for n in range(5):
        diary.add_item(station_a.store, station_a.user.actor, page.id, category="patrol", problem=f"巡查 {n}")
    todos.add_todo(station_a.store, station_a.user.actor, grid_code=GRID_A, title="复查隐患")
    report = sync(station_a)
    assert report.pushed == 7 and pending(station_a) == 0  # type: ignore[attr-defined]
    sync(station_b)
    assert records(station_b, "diary_item") == records(station_a, "diary_item")
    assert records(station_b, "todo_item") == records(station_a, "todo_item")
    view = q.day_view(station_b.store, page.id)
    assert view is not None and [i.problem for i in view.items] == [f"巡查 {n}" for n in range(5)]
    # a second sync changes nothing anywhere, and both databases pass every check
    assert sync(station_a).pushed == 0 and sync(station_b).pulled == 0  # type: ignore[attr-defined]
    from gridstation.db import maintenance

    assert maintenance.check(station_a.store).ok and maintenance.check(station_b.store).ok


def test_lost_acknowledgement_is_resent_without_duplicates(station_a: Station, station_b: Station,
                                                          server: ServerProcess) -> None:
    proxy = FaultProxy(server.url)
    try:
        for n in range(3):
            todos.add_todo(station_a.store, station_a.user.actor, grid_code=GRID_A, title=f"事项 {n}")
        proxy.inject("/api/v1/push", "drop_response")
        flaky = SyncClient(proxy.url, token=load_settings(station_a.store).token)
        with pytest.raises(SyncError) as err:
            sync(station_a, flaky)
        assert err.value.retry
        assert proxy.forwarded == ["/api/v1/push"]  # the server did get (and commit) the batch
        assert pending(station_a) == 3
        sync(station_a, SyncClient(proxy.url, token=load_settings(station_a.store).token))
        assert pending(station_a) == 0
    finally:
        proxy.close()
    sync(station_b)
    assert len(records(station_b, "todo_item")) == 3


def test_server_killed_mid_sync_then_everything_lands_once(station_a: Station, station_b: Station,
                                                          server: ServerProcess) -> None:
    for n in range(450):
        todos.add_todo(station_a.store, station_a.user.actor, grid_code=GRID_A, title=f"事项 {n}")
    server.kill()
    with pytest.raises(SyncError):
        sync(station_a, batch_size=100)
    server.start()
    proxy = FaultProxy(server.url)
    try:
        proxy.inject("/api/v1/push", "truncate")
        proxy.inject("/api/v1/push", "error_503")
        client = SyncClient(proxy.url, token=load_settings(station_a.store).token)
        for _ in range(3):
            try:
                sync(station_a, client, batch_size=100)
                break
            except SyncError:
                continue
    finally:
        proxy.close()
    assert pending(station_a) == 0
    sync(station_b)
    assert records(station_b, "todo_item") == records(station_a, "todo_item")
    assert len(records(station_b, "todo_item")) == 450


def test_disjoint_edits_merge_and_same_field_conflicts(station_a: Station, station_b: Station) -> None:
    item = todos.add_todo(station_a.store, station_a.user.actor, grid_code=GRID_A, title="走访张大爷")
    sync(station_a)
    sync(station_b)
    # A changes the title, B marks it done: different fields → merged
    with station_a.store.unit_of_work(station_a.user.actor) as uow:
        uow.update(uow.session.get(TodoItem, item.id), title="走访张大爷（已约时间）")
    todos.set_done(station_b.store, station_b.user.actor, item.id)
    sync(station_a)
    report = sync(station_b)
    assert report.conflicts == 0  # type: ignore[attr-defined]
    sync(station_a)
    for st in (station_a, station_b):
        with st.store.read() as session:
            merged = session.get(TodoItem, item.id)
        assert merged is not None and merged.title == "走访张大爷（已约时间）" and merged.done

    # both change the title → a conflict kept with both values
    with station_a.store.unit_of_work(station_a.user.actor) as uow:
        uow.update(uow.session.get(TodoItem, item.id), title="A 的标题")
    with station_b.store.unit_of_work(station_b.user.actor) as uow:
        uow.update(uow.session.get(TodoItem, item.id), title="B 的标题")
    sync(station_a)
    report = sync(station_b)
    assert report.conflicts == 1  # type: ignore[attr-defined]
    [conflict] = issues.open_issues(station_b.store)
    assert conflict.conflict_fields == ["title"]
    assert conflict.local_payload["title"] == "B 的标题" and conflict.server_payload["title"] == "A 的标题"
    issues.keep_station_value(station_b.store, station_b.user.actor, conflict.id)
    sync(station_b)
    sync(station_a)
    for st in (station_a, station_b):
        with st.store.read() as session:
            final = session.get(TodoItem, item.id)
        assert final is not None and final.title == "B 的标题"
    assert issues.open_issues(station_b.store) == []


def test_revoked_station_keeps_its_outbox_until_re_enrolled(station_a: Station, server: ServerProcess,
                                                           tmp_path: Path) -> None:
    from .conftest import server_cli

    todos.add_todo(station_a.store, station_a.user.actor, grid_code=GRID_A, title="撤销前的事项")
    station_id = load_settings(station_a.store).station_id
    server_cli(server.data_dir, "station", "revoke", station_id)
    with pytest.raises(SyncError) as err:
        sync(station_a)
    assert err.value.code == "token_revoked" and not err.value.retry
    assert pending(station_a) == 1
    from gridstation.sync.engine import enrol

    out = server_cli(server.data_dir, "station", "add", "--name", "重新注册", "--grid", GRID_A)
    code = out.split("enrolment code:")[1].split()[0]
    enrol(station_a.store, server_url=server.url, code=code, station_name="重新注册")
    sync(station_a)
    assert pending(station_a) == 0


def test_refused_op_goes_to_quarantine_and_can_be_resent(station_a: Station, server: ServerProcess,
                                                        tmp_path: Path) -> None:
    """A station enrolled for grid A only: its change for grid B is refused, kept and shown."""
    only_a = make_station(tmp_path / "c", "只服务第一网格", server)
    try:
        from .conftest import server_cli

        server_cli(server.data_dir, "station", "list")
        todos.add_todo(only_a.store, only_a.user.actor, grid_code=GRID_A, title="本网格")
        sync(only_a)
        assert pending(only_a) == 0
    finally:
        only_a.store.close()


def test_changes_held_behind_a_conflict_are_sent_with_its_settlement(station_a: Station,
                                                                     station_b: Station) -> None:
    item = todos.add_todo(station_a.store, station_a.user.actor, grid_code=GRID_A, title="原标题")
    sync(station_a)
    sync(station_b)
    with station_a.store.unit_of_work(station_a.user.actor) as uow:
        uow.update(uow.session.get(TodoItem, item.id), title="A 改")
    with station_b.store.unit_of_work(station_b.user.actor) as uow:
        uow.update(uow.session.get(TodoItem, item.id), title="B 改")
    sync(station_a)
    assert sync(station_b).conflicts == 1  # type: ignore[attr-defined]
    todos.set_done(station_b.store, station_b.user.actor, item.id)  # made while the conflict is open
    assert sync(station_b).pushed == 0  # type: ignore[attr-defined]  # held back, not sent on a stale base
    [conflict] = issues.open_issues(station_b.store)
    issues.take_server_value(station_b.store, conflict.id)
    with station_b.store.read() as session:
        taken = session.get(TodoItem, item.id)
    assert taken is not None and taken.title == "A 改" and not taken.done  # the station's changes dropped
    assert pending(station_b) == 0
    sync(station_b)
    sync(station_a)
    assert records(station_a, "todo_item") == records(station_b, "todo_item")


def test_a_change_queued_behind_a_batch_in_flight_waits_for_its_answer(station_a: Station,
                                                                     station_b: Station) -> None:
    """Batches are prepared while the previous one is on its way: a later change to a record of
    that batch must not go out before the answer (here: a conflict) is known."""
    item = todos.add_todo(station_a.store, station_a.user.actor, grid_code=GRID_A, title="原标题")
    sync(station_a)
    sync(station_b)
    with station_a.store.unit_of_work(station_a.user.actor) as uow:
        uow.update(uow.session.get(TodoItem, item.id), title="A 改")
    sync(station_a)
    with station_b.store.unit_of_work(station_b.user.actor) as uow:
        uow.update(uow.session.get(TodoItem, item.id), title="B 改")  # conflicts with A's title
    with station_b.store.unit_of_work(station_b.user.actor) as uow:
        uow.update(uow.session.get(TodoItem, item.id), note="B 的备注")  # builds on B's title
    report = sync(station_b, batch_size=1)  # one change per batch: the note would be the next batch
    assert (report.conflicts, report.pushed) == (1, 0)  # type: ignore[attr-defined]
    assert pending(station_b) == 1  # the note waits for the person settling the conflict
    sync(station_a)
    with station_a.store.read() as session:
        record = session.get(TodoItem, item.id)
    assert record is not None and record.title == "A 改" and record.note == ""  # nothing of B's landed


def test_batches_in_flight_and_picked_ahead_keep_each_record_s_changes_in_order(station_a: Station,
                                                                                station_b: Station) -> None:
    """Up to two batches are on their way at once and a third is picked meanwhile: changes to one
    record still reach the district one after another (an update sent before the one it builds on
    would be refused), and records held back behind a batch in flight go out once its answer is
    stored."""
    actor = station_a.user.actor
    items = [todos.add_todo(station_a.store, actor, grid_code=GRID_A, title=title) for title in ("甲", "乙", "丙")]
    for n in range(3):
        for item in items:
            with station_a.store.unit_of_work(actor) as uow:
                uow.update(uow.session.get(TodoItem, item.id), note=f"第{n}次")
    report = sync(station_a, batch_size=1)
    assert (report.pushed, report.conflicts, report.rejected) == (12, 0, 0)  # type: ignore[attr-defined]
    assert pending(station_a) == 0
    sync(station_b)
    assert records(station_b, "todo_item") == {item.id: (4, 0) for item in items}


def test_batches_cut_short_by_a_failure_go_out_next_time_under_the_ids_they_were_given(
        station_a: Station, station_b: Station, server: ServerProcess) -> None:
    """A failed push ends the run with two batches sent or on their way and the next one picked:
    all three keep their batch ids in the outbox and are sent under them by the next run, so the
    district recognises whatever of them it applied already."""
    for n in range(5):
        todos.add_todo(station_a.store, station_a.user.actor, grid_code=GRID_A, title=f"事项 {n}")
    proxy = FaultProxy(server.url)
    try:
        proxy.inject("/api/v1/push", "error_503")
        with pytest.raises(SyncError):
            sync(station_a, SyncClient(proxy.url, token=load_settings(station_a.store).token), batch_size=1)
    finally:
        proxy.close()

    def batch_ids(state: str) -> dict[int, str]:
        with station_a.store.read() as session:
            return dict(session.execute(text("SELECT seq, batch_id FROM outbox WHERE state = :s "
                                             "AND batch_id IS NOT NULL"), {"s": state}).all())

    cut_short = batch_ids("pending")
    assert len(cut_short) == 3
    waiting = pending(station_a)
    report = sync(station_a, batch_size=1)
    assert (report.pushed, report.rejected, report.conflicts) == (waiting, 0, 0)  # type: ignore[attr-defined]
    sent = batch_ids("sent")
    assert {seq: sent[seq] for seq in cut_short} == cut_short
    assert pending(station_a) == 0
    sync(station_b)
    assert len(records(station_b, "todo_item")) == 5


def test_a_push_the_server_asks_to_send_again_soon_is_sent_again_in_the_same_run(
        station_a: Station, server: ServerProcess) -> None:
    """A 503 with a short Retry-After (a lost write race on the server: nothing was written) is
    retried within the run, twice at most; beyond that the run fails as before, nothing lost."""
    for n in range(3):
        todos.add_todo(station_a.store, station_a.user.actor, grid_code=GRID_A, title=f"事项 {n}")
    proxy = FaultProxy(server.url)
    try:
        token = load_settings(station_a.store).token
        proxy.inject("/api/v1/push", "error_503_soon", times=3)
        with pytest.raises(SyncError):
            sync(station_a, SyncClient(proxy.url, token=token))
        assert pending(station_a) == 3 and "/api/v1/push" not in proxy.forwarded
        proxy.inject("/api/v1/push", "error_503_soon", times=2)
        sync(station_a, SyncClient(proxy.url, token=token))
        assert proxy.forwarded.count("/api/v1/push") == 1
    finally:
        proxy.close()
    assert pending(station_a) == 0


class CountingClient(SyncClient):
    """The station's client, counting the changes the server sent it."""

    received = 0

    def pull(self, request: protocol.PullRequest) -> protocol.PullResponse:
        page = super().pull(request)
        self.received += len(page.changes)
        return page


def received(station: Station, batch_size: int = 200) -> int:
    """Sync ``station`` and return how many changes the server sent it."""
    settings = load_settings(station.store)
    client = CountingClient(settings.server_url, token=settings.token, ca_bundle=settings.ca_bundle)
    sync(station, client, batch_size=batch_size)
    return client.received


def test_a_station_does_not_pull_back_what_it_has_just_pushed(station_a: Station, station_b: Station) -> None:
    made = [todos.add_todo(station_a.store, station_a.user.actor, grid_code=GRID_A, title=f"事项{n}") for n in range(5)]
    assert received(station_a, batch_size=2) == 0  # three batches, three answers naming their changes
    assert pending(station_a) == 0 and load_settings(station_a.store).own_changes == ()  # passed: forgotten
    assert received(station_b) == 5
    # A change made elsewhere to one of them is pulled, and only that one.
    todos.set_done(station_b.store, station_b.user.actor, made[1].id)
    assert received(station_b) == 0
    assert received(station_a) == 1
    assert records(station_a, "todo_item") == records(station_b, "todo_item")


def test_a_station_restored_from_a_backup_pulls_what_it_pushed_after_the_backup(
        station_a: Station, tmp_path: Path) -> None:
    before = todos.add_todo(station_a.store, station_a.user.actor, grid_code=GRID_A, title="备份前")
    assert received(station_a) == 0
    copy = maintenance.backup(station_a.store, tmp_path / "backup.sqlite3")
    after = todos.add_todo(station_a.store, station_a.user.actor, grid_code=GRID_A, title="备份后")
    assert received(station_a) == 0
    station_a.store.close()
    maintenance.restore(tmp_path / "a", copy)
    station_a.store = Store.open(tmp_path / "a")
    assert set(records(station_a, "todo_item")) == {before.id}
    # The backup holds no answer naming the later change: the server sends it back.
    assert received(station_a) == 1
    assert set(records(station_a, "todo_item")) == {before.id, after.id}
