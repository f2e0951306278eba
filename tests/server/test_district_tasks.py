"""Tasks the district assigns to a grid (``task add``/``task list``): stored as a station's create
of a to-do would be, pulled by the grid's stations only, audited; bad input changes nothing."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from gridstation.db.models import TodoItem
from gridstation.db.todos import DISTRICT_AUTHOR
from gridstation.server import audit, tasks
from gridstation.server.cli import main
from gridstation.server.errors import AdminError
from gridstation.server.schema import batch, change_log, record, server_audit, sync_counter
from tests.server.harness import GRID_A, GRID_B, Harness


def _cli(capsys: pytest.CaptureFixture[str], url: str, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--db", url])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _counter(harness: Harness) -> int:
    with harness.engine.connect() as conn:
        return int(conn.execute(sa.select(sync_counter.c.last)).scalar_one())


def _task_audits(harness: Harness) -> list[str]:
    with harness.engine.connect() as conn:
        return list(conn.execute(sa.select(server_audit.c.detail).where(server_audit.c.action == "admin.task.add")
                                 .order_by(server_audit.c.id)).scalars())


def test_a_task_is_stored_as_a_todo_create_and_pulled_by_the_grid_stations_only(
    harness: Harness, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    leader = harness.enrol("新兴社区第一网格服务站", GRID_A)
    neighbour = harness.enrol("新兴社区第二网格服务站", GRID_B)
    harness.results(leader, [harness.create(grid=GRID_A, title="站内待办")])  # a station's own to-do: seq 1
    code, out, err = _cli(capsys, database_url, "task", "add", "--grid", GRID_A.lower(),
                          "--title", " 排查3号楼燃气管道 ", "--due", "2099-06-30",
                          "--note", "请于月底前反馈。\n联系人：区综治中心")
    assert code == 0, err
    task_id = out.split("task id:")[1].split()[0]
    assert f"grid:      {GRID_A} 第一网格" in out and "sequence:  2 (the 1 station(s) serving the grid" in out

    with harness.engine.connect() as conn:
        row = conn.execute(sa.select(record).where(record.c.kind == "todo", record.c.record_id == task_id)).one()
        log = conn.execute(sa.select(change_log).where(change_log.c.record_id == task_id)).one()
        stored_batch = conn.execute(sa.select(batch).where(batch.c.station_id == tasks.DISTRICT_ORIGIN)).one()
    assert (row.grid_code, row.version, row.deleted, row.last_seq, row.origin_station) == (
        GRID_A, 1, False, 2, tasks.DISTRICT_ORIGIN)
    assert (log.seq, log.version, log.station_id, log.station_version) == (2, 1, tasks.DISTRICT_ORIGIN, 1)
    assert '"first_seq":2' in stored_batch.response and _counter(harness) == 2
    # The payload is a TodoItem as a station would hold it: the station's model takes it whole.
    item = TodoItem.model_validate(harness.pull(leader, 1)["changes"][0]["payload"])
    assert (item.id, item.grid_code, item.author, item.title, item.due_date, item.done, item.deleted) == (
        task_id, GRID_A, DISTRICT_AUTHOR, "排查3号楼燃气管道", date(2099, 6, 30), False, False)
    assert item.note == "请于月底前反馈。\n联系人：区综治中心"

    page = harness.pull(leader, 0)
    assert [(c["seq"], c["kind"], c["origin_station"]) for c in page["changes"]][-1] == (
        2, "todo", tasks.DISTRICT_ORIGIN)
    assert harness.pull(neighbour, 0) == {"changes": [], "cursor": 2, "more": False, "reset": False}

    # Audited like the other admin commands, without the title or the note (they may name residents).
    [detail] = _task_audits(harness)
    assert task_id in detail and GRID_A in detail and "due 2099-06-30" in detail and "seq 2" in detail
    assert "燃气" not in detail and "联系人" not in detail
    assert all(entry.success for entry in audit.latest(harness.engine, 20))

    code, out, _ = _cli(capsys, database_url, "task", "list")
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0].split("\t") == ["id", "grid", "due", "state", "updated (UTC)", "title"]
    assert [line.split("\t")[:4] + line.split("\t")[5:] for line in lines[1:]] == [
        [task_id, GRID_A, "2099-06-30", "open", "排查3号楼燃气管道"]]  # not the station's own to-do


def test_a_station_marking_the_task_done_shows_in_the_list(harness: Harness, database_url: str,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    leader = harness.enrol("新兴社区第一网格服务站", GRID_A)
    first = tasks.add(harness.engine, grid_code=GRID_A, title="上报独居老人名册")
    second = tasks.add(harness.engine, grid_code=GRID_B, title="复查消防通道", due="2099-01-15")
    assert (first.seq, second.seq, first.stations, second.stations) == (1, 2, 1, 0)
    created = harness.pull(leader, 0)["changes"][0]
    results = harness.results(leader, [harness.update(
        {"kind": "todo", "record_id": first.id, "grid_code": GRID_A, "payload": created["payload"]},
        base=1, done=True)])
    assert results[0]["status"] == "applied"
    by_id = {task.id: task for task in tasks.listing(harness.engine)}
    assert (by_id[first.id].done, by_id[first.id].version, by_id[second.id].done) == (True, 2, False)
    assert [task.id for task in tasks.listing(harness.engine, GRID_B.lower())] == [second.id]
    code, out, _ = _cli(capsys, database_url, "task", "list", "--grid", GRID_A)
    assert code == 0 and f"{first.id}\t{GRID_A}\t-\tdone\t" in out and second.id not in out


@pytest.mark.parametrize(("args", "words"), [
    (["--grid", "230204001003-009U", "--title", "巡查"], ["Unknown grid 230204001003-009U", "district add-grid"]),
    (["--grid", "not-a-grid", "--title", "巡查"], ["Unknown grid NOT-A-GRID"]),
    (["--grid", GRID_A, "--title", "   "], ["needs a title"]),
    (["--grid", GRID_A, "--title", "巡" * 201], ["too long (201 characters, at most 200)"]),
    (["--grid", GRID_A, "--title", "第一行\n第二行"], ["must be one line"]),
    (["--grid", GRID_A, "--title", "巡查\x00"], ["NUL"]),
    (["--grid", GRID_A, "--title", "巡查", "--note", "注" * 1001],
     ["note is too long (1001 characters, at most 1000)"]),
    (["--grid", GRID_A, "--title", "巡查", "--due", "2099-02-30"], ["'2099-02-30' is not a valid date", "YYYY-MM-DD"]),
    (["--grid", GRID_A, "--title", "巡查", "--due", "30.06.2099"], ["'30.06.2099' is not a valid date"]),
    (["--grid", GRID_A, "--title", "巡查", "--due", "20990630"], ["'20990630' is not a valid date"]),
    (["--grid", GRID_A, "--title", "巡查", "--due", "2001-01-01"], ["Due date 2001-01-01 is in the past"]),
], ids=["unknown-grid", "malformed-grid", "empty-title", "long-title", "two-lines", "nul", "long-note", "no-such-day",
        "german-date", "no-dashes", "past"])
def test_bad_input_is_one_error_line_and_changes_nothing(harness: Harness, database_url: str,
                                                         capsys: pytest.CaptureFixture[str], args: list[str],
                                                         words: list[str]) -> None:
    before = harness.sync_counts()
    code, out, err = _cli(capsys, database_url, "task", "add", *args)
    assert code == 2 and out == "" and err.startswith("error: ") and err.count("\n") == 1, err
    for word in words:
        assert word in err, err
    assert harness.sync_counts() == before and _counter(harness) == 0 and _task_audits(harness) == []


def test_list_of_an_unknown_grid_is_refused(harness: Harness, database_url: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _cli(capsys, database_url, "task", "list", "--grid", "230204001003-009U")
    assert code == 2 and out == "" and err.startswith("error: Unknown grid 230204001003-009U")


def test_a_task_the_record_path_refuses_leaves_no_trace(harness: Harness) -> None:
    """The write is one transaction: a create the push path rejects (here: a server that does not
    know the kind) stores no record, sequence number, batch or audit entry, not even the refusal."""
    audits = len(audit.latest(harness.engine, 1000))
    with pytest.raises(AdminError, match="not stored: unknown record kind"):
        tasks.add(harness.engine, grid_code=GRID_A, title="巡查", kinds={})
    assert harness.sync_counts() == {"record": 0, "change_log": 0, "batch": 0, "conflict": 0}
    assert _counter(harness) == 0 and len(audit.latest(harness.engine, 1000)) == audits
