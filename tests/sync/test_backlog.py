"""What the district sees of a station and what a station keeps when the district withdraws its
token: real server process, real SQLite files."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from sqlalchemy import text

from gridstation.db import todos
from gridstation.server import database
from gridstation.server.schema import station as station_table
from gridstation.sync.client import SyncError
from gridstation.sync.engine import enrol
from gridstation.sync.state import load_settings

from .conftest import GRID_A, ServerProcess, Station, server_cli, sync


def pending(target: Station) -> int:
    with target.store.read() as session:
        return int(session.execute(text("SELECT count(*) FROM outbox WHERE state = 'pending'")).scalar_one())


def listed_backlog(server: ServerProcess, station_id: str) -> str:
    for line in server_cli(server.data_dir, "station", "list").splitlines():
        columns = line.split("\t")
        if columns[0] == station_id:
            return columns[6]
    raise AssertionError(f"station {station_id} is not listed")


def test_a_sync_with_nothing_to_send_reports_backlog_0(station_a: Station, server: ServerProcess) -> None:
    station_id = load_settings(station_a.store).station_id
    sync(station_a)
    # Forget what the first run reported, as for a station that never had anything to push.
    engine = database.make_engine(database.default_url(server.data_dir))
    with engine.begin() as conn:
        conn.execute(sa.update(station_table).where(station_table.c.id == station_id).values(backlog=None))
    engine.dispose()
    assert listed_backlog(server, station_id) == "-"
    assert pending(station_a) == 0
    report = sync(station_a)
    assert report.pushed == 0 and report.ok  # type: ignore[attr-defined]
    assert listed_backlog(server, station_id) == "0"


def test_a_new_code_stops_the_old_token_and_the_outbox_waits_for_re_enrolment(
        station_a: Station, server: ServerProcess) -> None:
    sync(station_a)
    todos.add_todo(station_a.store, station_a.user.actor, grid_code=GRID_A, title="换电脑前的事项")
    station_id = load_settings(station_a.store).station_id
    out = server_cli(server.data_dir, "station", "code", station_id)  # the PC was stolen
    code = re.search(r"enrolment code:\s+(\S+)", out).group(1)  # type: ignore[union-attr]
    with pytest.raises(SyncError) as refused:
        sync(station_a)
    assert refused.value.code == "token_revoked" and not refused.value.retry
    assert pending(station_a) == 1  # nothing lost
    assert "waiting for enrolment" in server_cli(server.data_dir, "station", "list")
    assert enrol(station_a.store, server_url=server.url, code=code, station_name="新兴社区第一网格服务站") == station_id
    assert sync(station_a).pushed == 1  # type: ignore[attr-defined]
    assert pending(station_a) == 0
