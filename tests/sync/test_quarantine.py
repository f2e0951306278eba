"""A change the district refused: corrected on the station and sent again, through a real server."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
from sqlalchemy import text

from gridstation.db import station, todos
from gridstation.db.models import TodoItem
from gridstation.db.store import Store
from gridstation.domain.errors import ValidationError
from gridstation.sync import issues
from gridstation.sync.engine import client_for, enrol
from gridstation.sync.state import load_settings

from .conftest import GRID_A, GRID_B, PASSWORD, ServerProcess, Station, server_cli, sync


@pytest.fixture
def only_a(tmp_path: Path, server: ServerProcess) -> Station:
    """A station holding grids A and B locally, enrolled at the district for grid A only."""
    store = Store.open(tmp_path / "only-a")
    user = station.initialize_station(store, station.StationSetup(
        name="第一网格站", street_code="230204001", street_name="站前街道", community_code="230204001003",
        community_name="新兴社区", grids=[(GRID_A, "第一网格"), (GRID_B, "第二网格")], admin_username="admin",
        admin_display_name="刘晓梅", admin_password=PASSWORD))
    enrol(store, server_url=server.url, code=server.code_for("第一网格站", GRID_A), station_name="第一网格站")
    yield Station(store, user)
    store.close()


def server_todos(server: ServerProcess, target: Station) -> dict[str, dict[str, object]]:
    token = client_for(target.store).session.headers["Authorization"]
    answer = requests.post(server.url + "/api/v1/pull", json={"protocol": 2, "app_version": "t", "cursor": 0},
                           headers={"Authorization": token}, timeout=30).json()
    return {c["record_id"]: c for c in answer["changes"] if c["kind"] == "todo"}


def test_a_refused_create_is_corrected_and_lands_once_with_the_correction(only_a: Station,
                                                                          server: ServerProcess) -> None:
    item = todos.add_todo(only_a.store, only_a.user.actor, grid_code=GRID_B, title="代岗：楼道堆物")
    todos.set_done(only_a.store, only_a.user.actor, item.id)  # a later change, held behind the refusal
    assert sync(only_a).rejected == 2  # type: ignore[attr-defined]
    refused, _later = issues.open_issues(only_a.store)
    assert refused.reason == _later.reason == "grid not served"
    assert "title" in issues.editable_fields("todo") and "grid_code" not in issues.editable_fields("todo")

    issues.edit_and_resend(only_a.store, only_a.user.actor, refused.id, {"title": "代岗：三单元楼道堆物"})
    with only_a.store.read() as session:
        unsent = session.execute(text("SELECT op, base_version, version, state FROM outbox WHERE record_id = :r"),
                                 {"r": item.id}).all()
    assert [tuple(row) for row in unsent] == [("create", 0, 3, "pending")]  # one change, from the start
    assert issues.open_issues(only_a.store) == []  # both refusals answered by it
    assert sync(only_a).rejected == 1  # type: ignore[attr-defined]  # still not this station's grid

    station_id = load_settings(only_a.store).station_id
    assert "now also serves" in server_cli(server.data_dir, "station", "grant", station_id, "--grid", GRID_B)
    [again] = issues.open_issues(only_a.store)
    issues.resend(only_a.store, again.id)
    report = sync(only_a)
    assert (report.pushed, report.rejected) == (1, 0)  # type: ignore[attr-defined]
    landed = server_todos(server, only_a)[item.id]
    assert landed["version"] == 3 and landed["payload"]["title"] == "代岗：三单元楼道堆物"
    assert landed["payload"]["done"] is True
    assert issues.open_issues(only_a.store) == []


def test_a_correction_the_record_cannot_hold_is_refused_and_nothing_changes(only_a: Station) -> None:
    item = todos.add_todo(only_a.store, only_a.user.actor, grid_code=GRID_B, title="门禁损坏")
    sync(only_a)
    [refused] = issues.open_issues(only_a.store)
    with pytest.raises(ValidationError) as bad:
        issues.edit_and_resend(only_a.store, only_a.user.actor, refused.id, {"done": "不是真假值"})
    assert bad.value.field == "done"
    with only_a.store.read() as session:
        kept = session.get(TodoItem, item.id)
        states = session.execute(text("SELECT state FROM outbox WHERE record_id = :r"), {"r": item.id}).scalars()
        assert kept is not None and kept.version == 1 and list(states) == ["quarantined"]
    assert [i.id for i in issues.open_issues(only_a.store)] == [refused.id]
