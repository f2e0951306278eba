"""A task the district assigns to a grid (``task add``) reaches the stations serving that grid on
their next sync, and no other; done at a station, it shows done at the district and at the grid's
other stations. Real server process, real station SQLite files, the station code unchanged."""

from __future__ import annotations

import re
from pathlib import Path

from gridstation.db import maintenance, station, todos
from gridstation.db.models import TodoItem
from gridstation.db.store import Store
from gridstation.sync.engine import SyncEngine, client_for, enrol

from .conftest import GRID_A, GRID_B, PASSWORD, ServerProcess, Station, make_station, server_cli


def _sync(made: Station) -> None:
    client = client_for(made.store)
    try:
        SyncEngine(made.store, client).run()
    finally:
        client.close()


def _grid_b_station(path: Path, server: ServerProcess) -> Station:
    """A station of the second grid only."""
    name = "新兴社区第二网格服务站"
    store = Store.open(path)
    user = station.initialize_station(store, station.StationSetup(
        name=name, street_code="230204001", street_name="站前街道", community_code="230204001003",
        community_name="新兴社区", grids=[(GRID_B, "第二网格")], admin_username="admin",
        admin_display_name="李强", admin_password=PASSWORD,
    ))
    enrol(store, server_url=server.url, code=server.code_for(name, GRID_B), station_name=name)
    return Station(store, user)


def test_the_grid_stations_get_the_task_and_the_others_do_not(tmp_path: Path, server: ServerProcess) -> None:
    serving = make_station(tmp_path / "a", "新兴社区第一网格服务站", server)  # grids A and B
    other = _grid_b_station(tmp_path / "b", server)
    try:
        for made in (serving, other):
            _sync(made)  # both stations are up to date before the district assigns anything
        out = server_cli(server.data_dir, "task", "add", "--grid", GRID_A, "--title", "排查3号楼燃气管道",
                         "--due", "2099-06-30", "--note", "请于月底前反馈")
        task_id = re.search(r"task id:\s+(\S+)", out).group(1)  # type: ignore[union-attr]
        for made in (serving, other):
            _sync(made)

        [task] = todos.open_todos(serving.store, [GRID_A, GRID_B])
        assert (task.id, task.grid_code, task.title, task.note, str(task.due_date), task.version) == (
            task_id, GRID_A, "排查3号楼燃气管道", "请于月底前反馈", "2099-06-30", 1)
        assert todos.from_district(task)
        assert todos.open_todos(other.store, [GRID_A, GRID_B]) == []

        # Done at the station: an ordinary update, which the district's list then shows.
        todos.set_done(serving.store, serving.user.actor, task_id)
        _sync(serving)
        listed = server_cli(server.data_dir, "task", "list", "--grid", GRID_A)
        assert f"{task_id}\t{GRID_A}\t2099-06-30\tdone\t" in listed

        # The grid's second station, enrolled later, gets the task as it is now: done.
        late = make_station(tmp_path / "c", "新兴社区第一网格备用站", server)
        try:
            _sync(late)
            with late.store.read() as session:
                held = session.get(TodoItem, task_id)
            assert held is not None and held.done and held.version == 2 and todos.from_district(held)
            assert maintenance.check(late.store).ok
        finally:
            late.store.close()
        assert maintenance.check(serving.store).ok and maintenance.check(other.store).ok
    finally:
        serving.store.close()
        other.store.close()
