"""The audit log is append-only and hash-chained: tampering with a past entry is detected."""

from __future__ import annotations

import sqlite3

import pytest

from gridstation.db import accounts, audit, todos
from gridstation.db.accounts import SignedIn
from gridstation.db.store import Store, database_path

from .conftest import ADMIN_PASSWORD, OWN_GRID


@pytest.fixture
def history(store: Store, admin: SignedIn) -> Store:
    accounts.authenticate(store, "admin", ADMIN_PASSWORD)
    with pytest.raises(accounts.LoginError):
        accounts.authenticate(store, "admin", "wrong")
    item = todos.add_todo(store, admin.actor, grid_code=OWN_GRID, title="巡查")
    todos.set_done(store, admin.actor, item.id)
    return store


def raw(store: Store) -> sqlite3.Connection:
    conn = sqlite3.connect(database_path(store.data_dir), isolation_level=None)
    conn.execute("DROP TRIGGER audit_log_no_update")  # what an attacker with the file could do
    conn.execute("DROP TRIGGER audit_log_no_delete")
    return conn


def problems(store: Store) -> list[str]:
    with store.read() as session:
        return [str(p) for p in audit.verify_chain(session)]


def test_logins_and_record_changes_are_logged(history: Store) -> None:
    with history.read() as session:
        entries = list(reversed(audit.list_entries(session)))
    actions = [(e.action, e.success) for e in entries]
    assert ("login", True) in actions and ("login", False) in actions
    assert ("record.create", True) in actions and ("record.update", True) in actions
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    assert problems(history) == []


def test_update_and_delete_are_refused_by_the_database(history: Store) -> None:
    conn = sqlite3.connect(database_path(history.data_dir))
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE audit_log SET detail = 'x' WHERE seq = 1")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM audit_log WHERE seq = 1")
    conn.close()


def test_edited_entry_is_detected(history: Store) -> None:
    conn = raw(history)
    conn.execute("UPDATE audit_log SET success = 1 WHERE action = 'login' AND success = 0")
    conn.close()
    found = problems(history)
    assert any("was changed" in p for p in found)


def test_deleted_middle_entry_is_detected(history: Store) -> None:
    conn = raw(history)
    conn.execute("DELETE FROM audit_log WHERE seq = 3")
    conn.close()
    found = problems(history)
    assert any("audit entry 3: missing" in p for p in found)


def test_removed_tail_is_detected(history: Store) -> None:
    conn = raw(history)
    last = conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
    conn.execute("DELETE FROM audit_log WHERE seq = ?", (last,))
    conn.close()
    assert any("recorded head" in p for p in problems(history))


def test_rehashed_forgery_is_detected_by_the_next_entry(history: Store) -> None:
    """Recomputing the hash of an edited entry still breaks the link to the next one."""
    conn = raw(history)
    row = conn.execute("SELECT seq, at, actor, action, target, prev_hash FROM audit_log WHERE seq = 2").fetchone()
    seq, at, actor, action, target, prev_hash = row
    forged = audit.entry_hash(seq=seq, at=at, actor=actor, action=action, target=target, detail="forged",
                              success=True, prev_hash=prev_hash)
    conn.execute("UPDATE audit_log SET detail = 'forged', success = 1, hash = ? WHERE seq = 2", (forged,))
    conn.close()
    assert any("audit entry 3: does not follow" in p for p in problems(history))
