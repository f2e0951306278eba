"""Backups from the settings page: a consistent copy where the admin chooses, recorded and shown;
a refusal says why and leaves an existing file alone (that only an admin may back up is tested with
the settings page's other read-only controls, in test_admin_pages.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from gridstation.ui.backup_box import BackupBox
from gridstation.ui.context import Context

WAIT_MS = 10_000


def test_the_admin_backs_up_to_a_chosen_file_and_sees_the_last_backup(qtbot, context: Context,
                                                                        tmp_path: Path) -> None:
    box = BackupBox(context)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitUntil(lambda: box.last_label.text() != "", timeout=WAIT_MS)
    assert box.last_label.text() == "No backup has been made from this station yet."
    assert box.backup_button.isEnabled()

    target = tmp_path / "U盘" / "站点备份.sqlite3"
    box.back_up_to(target)
    qtbot.waitUntil(lambda: box.result_label.isVisible() and box.backup_button.isEnabled(), timeout=WAIT_MS)
    assert box.result_label.text() == f"Backed up to {target}."
    conn = sqlite3.connect(target)  # a whole station database, readable on its own
    assert conn.execute("SELECT name FROM station").fetchone()[0] == "新兴社区网格服务站"
    conn.close()
    qtbot.waitUntil(lambda: str(target) in box.last_label.text(), timeout=WAIT_MS)
    assert box.last_label.text().startswith("Last backup: ")

    before = target.read_bytes()
    box.back_up_to(target)  # the file is there already: refused, the file kept
    qtbot.waitUntil(lambda: "No backup was made" in box.result_label.text(), timeout=WAIT_MS)
    assert box.result_label.text() == f"No backup was made: {target} already exists."
    assert target.read_bytes() == before



def test_the_backup_operation_itself_refuses_anyone_but_an_admin(context: Context, tmp_path: Path) -> None:
    """A backup holds every record of the station: the operation checks the role, not only the button."""
    import pytest

    from gridstation.db import accounts
    from gridstation.db.errors import PermissionDenied
    from gridstation.ui.backup_box import back_up

    with context.store.write() as session:
        leader = accounts.create_user(session, actor=context.user.actor, at="2026-01-01T00:00:00.000+00:00",
                                      username="wangfang", display_name="王芳", role="grid_leader",
                                      password="Leader#2026x", grid_code="230204001003-001U")
    for user in (leader, None):
        with pytest.raises(PermissionDenied):
            back_up(context.store, user, tmp_path / "x.sqlite3")
    assert not (tmp_path / "x.sqlite3").exists()
    assert back_up(context.store, context.user, tmp_path / "y.sqlite3").exists()
