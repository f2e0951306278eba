"""Every record change writes its outbox entry in the same transaction — and nothing else can."""

from __future__ import annotations

import json
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from gridstation.db import todos
from gridstation.db.accounts import SignedIn
from gridstation.db.errors import PermissionDenied
from gridstation.db.models import OutboxEntry, TodoItem
from gridstation.db.store import Store, database_path
from gridstation.domain.errors import ValidationError

from .conftest import OTHER_GRID, OWN_GRID


def outbox(store: Store) -> list[OutboxEntry]:
    with store.read() as session:
        return list(session.exec(select(OutboxEntry).order_by(OutboxEntry.seq)))  # type: ignore[arg-type]


def test_create_update_delete_each_write_an_outbox_entry(store: Store, admin: SignedIn) -> None:
    item = todos.add_todo(store, admin.actor, grid_code=OWN_GRID, title="走访独居老人")
    todos.set_done(store, admin.actor, item.id)
    todos.delete_todo(store, admin.actor, item.id)

    entries = outbox(store)
    assert [(e.op, e.base_version, e.version) for e in entries] == [
        ("create", 0, 1), ("update", 1, 2), ("delete", 2, 3)
    ]
    assert {e.record_id for e in entries} == {item.id}
    assert all(e.kind == "todo" and e.grid_code == OWN_GRID and e.actor == admin.user_id for e in entries)
    assert json.loads(entries[1].changed) == ["done"]
    assert json.loads(entries[-1].payload)["deleted"] is True
    with store.read() as session:
        stored = session.get(TodoItem, item.id)
    assert stored is not None and stored.deleted and stored.version == 3  # a tombstone, not a removed row


def test_ids_are_uuid7_and_sort_by_creation(store: Store, admin: SignedIn) -> None:
    ids = [todos.add_todo(store, admin.actor, grid_code=OWN_GRID, title=f"事项{i}").id for i in range(5)]
    assert all(i[14] == "7" for i in ids)  # the UUID version nibble
    assert ids == sorted(ids)


def test_rollback_in_the_middle_leaves_neither_record_nor_outbox(store: Store, admin: SignedIn) -> None:
    todos.add_todo(store, admin.actor, grid_code=OWN_GRID, title="已保存的事项")
    before = outbox(store)

    class Crash(Exception):
        pass

    with pytest.raises(Crash), store.unit_of_work(admin.actor) as uow:
        first = uow.create(TodoItem, grid_code=OWN_GRID, title="第一条")
        uow.update(first, done=True)
        uow.create(TodoItem, grid_code=OTHER_GRID, title="第二条")
        raise Crash

    assert outbox(store) == before
    with store.read() as session:
        titles = [t.title for t in session.exec(select(TodoItem))]
    assert titles == ["已保存的事项"]


def test_raw_sql_write_without_outbox_is_refused(store: Store, admin: SignedIn) -> None:
    item = todos.add_todo(store, admin.actor, grid_code=OWN_GRID, title="原始")
    conn = sqlite3.connect(database_path(store.data_dir))
    try:
        with pytest.raises(sqlite3.IntegrityError, match="outbox entry missing"):
            conn.execute(
                "INSERT INTO todo_item (id, grid_code, author, created_at, updated_at, version, deleted, title) "
                "VALUES ('x', ?, 'a', 't', 't', 1, 0, 'sneaky')", (OWN_GRID,),
            )
        with pytest.raises(sqlite3.IntegrityError, match="outbox entry missing"):
            conn.execute("UPDATE todo_item SET title = 'changed', version = version + 1 WHERE id = ?", (item.id,))
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("UPDATE todo_item SET title = 'changed' WHERE id = ?", (item.id,))  # same version
        with pytest.raises(sqlite3.IntegrityError, match="tombstoned"):
            conn.execute("DELETE FROM todo_item WHERE id = ?", (item.id,))
    finally:
        conn.close()
    with store.read() as session:
        stored = session.get(TodoItem, item.id)
    assert stored is not None and stored.title == "原始" and stored.version == 1


def test_grid_not_served_and_empty_text_are_refused(store: Store, admin: SignedIn) -> None:
    with pytest.raises(PermissionDenied, match="does not serve grid"):
        todos.add_todo(store, admin.actor, grid_code="230204001004-001U", title="别处的网格")
    with pytest.raises(ValidationError) as err:
        todos.add_todo(store, admin.actor, grid_code=OWN_GRID, title="   ")
    assert err.value.field == "title"
    assert outbox(store) == []


operations = st.lists(
    st.tuples(st.sampled_from(["create", "done", "undone", "delete", "crash"]), st.integers(0, 20)),
    min_size=1, max_size=25,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=operations)
def test_outbox_always_matches_records(store: Store, admin: SignedIn, ops: list[tuple[str, int]]) -> None:
    """Property: after any mix of changes and rolled-back transactions, each record's current
    version is its latest outbox entry and every version 1..n is in the outbox exactly once."""
    for op, n in ops:
        with store.read() as session:
            items = list(session.exec(select(TodoItem).where(TodoItem.deleted == False)))  # noqa: E712
        target = items[n % len(items)] if items else None
        try:
            with store.unit_of_work(admin.actor) as uow:
                if op == "create" or target is None:
                    uow.create(TodoItem, grid_code=OWN_GRID, title=f"事项 {n}")
                elif op in {"done", "undone"}:
                    uow.update(uow.session.get(TodoItem, target.id), done=op == "done")
                elif op == "delete":
                    uow.delete(uow.session.get(TodoItem, target.id))
                if op == "crash":
                    raise RuntimeError("power cut")
        except RuntimeError:
            pass
    with store.read() as session:
        records = {r.id: r for r in session.exec(select(TodoItem))}
        entries = list(session.exec(select(OutboxEntry)))
    versions: dict[str, list[int]] = {}
    for entry in entries:
        versions.setdefault(entry.record_id, []).append(entry.version)
        assert json.loads(entry.payload)["version"] == entry.version
    assert set(versions) == set(records)
    for record_id, record in records.items():
        assert sorted(versions[record_id]) == list(range(1, record.version + 1))
