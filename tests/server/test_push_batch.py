"""One batch that mixes every path of the apply loop: the set-based push (one lookup per table,
one INSERT per table) must answer each op exactly as the op-at-a-time push did, and leave the same
rows behind. The expected answers below were recorded from the op-at-a-time implementation."""

from __future__ import annotations

import json
from typing import Any

import pytest
import sqlalchemy as sa

from gridstation.server import database
from gridstation.server.schema import change_log, conflict, record, server_audit
from gridstation.sync import protocol
from tests.server.harness import GRID_B, Harness


def _ops(h: Harness) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The leader's earlier batch, and the backup's mixed batch."""
    merged = h.create("merge-me", title="旧标题", note="")
    clash = h.create("clash", title="旧")
    stale_delete = h.create("stale-delete")
    tomb = h.create("tomb")
    resolved = h.create("resolved", title="一")
    pending = h.create("pending", title="一")
    earlier = [merged, clash, stale_delete, tomb, resolved, pending,
               h.update(merged, base=1, title="新标题"), h.update(clash, base=1, title="A的"),
               h.update(stale_delete, base=1, done=True), h.delete(tomb, base=1),
               h.update(pending, base=1, title="二"), h.update(pending, base=2, title="三")]
    fresh = h.create("fresh", title="新建")
    chain = h.create("chain")
    duplicate_op = earlier[0]
    mixed = [
        fresh,                                                     # create → applied
        {**fresh, "op_id": "same-content"},                        # create of an existing record, same payload
        h.update(fresh, base=1, done=True),                        # update of a record created in this batch
        duplicate_op,                                              # an op applied before → duplicate
        h.update(merged, base=1, note="已处理"),                    # disjoint edits → merged, server_version 3
        h.update(clash, base=1, title="B的"),                      # same field → conflict
        h.update(clash, base=2, version=3, note="B的备注"),         # builds on the conflict → conflict
        h.delete(stale_delete, base=1),                            # delete against an edit → conflict
        h.delete(tomb, base=1),                                    # deleted on both sides → duplicate
        h.update(tomb, base=1, title="改"),                        # edit of a deleted record → conflict
        h.update(resolved, base=1, note="接受"),                    # applied: resolves the earlier batch's conflict
        h.update(pending, base=1, title="乙"),                      # conflict (the server is at 3)
        h.update(pending, base=3, version=4, note="采纳"),          # from the server's version: resolves it
        h.update(pending, base=1, title="丙"),                      # a new conflict stays open
        chain, h.update(chain, base=1, title="二"), h.update(chain, base=2, title="三"), h.delete(chain, base=3),
        h.update(h.create("ghost"), base=1, title="x"),            # record not on the server
        h.update(fresh, base=9, title="x"),                        # unknown base version
        h.create(grid=GRID_B),                                     # grid not served
        h.create(kind="spaceship"),                                # unknown kind
        h.create(title=123),                                       # invalid payload
        fresh,                                                     # the batch's own first op again → duplicate
    ]
    return earlier, mixed


def _summary(result: dict[str, Any]) -> tuple[Any, ...]:
    payload = result["server_payload"]
    shown = None if payload is None else (payload["version"], payload["deleted"], payload.get("title"),
                                          payload.get("note"), payload.get("done"))
    return (result["status"], result["reason"], result["server_version"], shown, result["conflict_fields"])


EXPECTED = [
    ("applied", "", None, None, []),
    ("duplicate", "record already exists", None, None, []),
    ("applied", "", None, None, []),
    ("duplicate", "op already applied", None, None, []),
    ("applied", "", 3, (3, False, "新标题", "已处理", False), []),
    ("conflict", "changed on the server too", 2, (2, False, "A的", "", False), ["title"]),
    ("conflict", "changed on the server too", 2, (2, False, "A的", "", False), ["title"]),
    ("conflict", "changed on the server too", 2, (2, False, "巡查", "", True), ["deleted"]),
    ("duplicate", "record already deleted", 2, (2, True, "巡查", "", False), []),
    ("conflict", "changed on the server too", 2, (2, True, "巡查", "", False), ["deleted"]),
    ("applied", "", None, None, []),
    ("conflict", "changed on the server too", 3, (3, False, "三", "", False), ["title"]),
    ("applied", "", 4, (4, False, "三", "采纳", False), []),
    ("conflict", "changed on the server too", 4, (4, False, "三", "采纳", False), ["title"]),
    ("applied", "", None, None, []),
    ("applied", "", None, None, []),
    ("applied", "", None, None, []),
    ("applied", "", 4, (4, True, "三", "", False), []),
    ("rejected", "record not on the server (its create was not applied)", None, None, []),
    ("rejected", "base version 9 unknown: the server has version 2", None, None, []),
    ("rejected", "grid not served", None, None, []),
    ("rejected", "unknown record kind", None, None, []),
    ("rejected", "invalid payload: title: Input should be a valid string", None, None, []),
    ("duplicate", "op already applied", None, None, []),
]


def test_a_mixed_batch_gets_the_same_answers_and_rows_as_op_at_a_time(harness: Harness) -> None:
    leader, backup = harness.enrol("A角"), harness.enrol("B角")
    earlier, mixed = _ops(harness)
    assert {r["status"] for r in harness.results(leader, earlier)} == {"applied"}
    clash_create = {**harness.create("resolved", title="二"), "op_id": "clash-create"}
    assert harness.results(backup, [clash_create])[0]["status"] == "conflict"
    first = harness.push(backup, mixed, batch_id="mixed")
    assert first.status_code == 200, first.text
    results = [r.model_dump() for r in protocol.PushResponse.model_validate_json(first.content).results]
    assert [r["op_id"] for r in results] == [op["op_id"] for op in mixed]
    assert [_summary(r) for r in results] == EXPECTED
    counts = harness.sync_counts()
    again = harness.push(backup, mixed, batch_id="mixed")
    assert again.content == first.content and harness.sync_counts() == counts

    with harness.engine.connect() as conn:
        log = conn.execute(sa.select(change_log.c.seq, change_log.c.record_id, change_log.c.version,
                                     change_log.c.changed, change_log.c.station_version)
                           .order_by(change_log.c.seq)).all()
        records = conn.execute(sa.select(record).order_by(record.c.last_seq)).all()
        conflicts = conn.execute(sa.select(conflict).order_by(conflict.c.id)).all()
        rejections = conn.execute(sa.select(server_audit.c.detail).where(server_audit.c.action == "push.rejected")
                                  .order_by(server_audit.c.id)).scalars().all()
    # Sequence numbers: the leader's 12 changes, then one per op the batch applied, in op order.
    assert [row.seq for row in log] == list(range(1, 22))
    assert [(row.record_id, row.version, json.loads(row.changed), row.station_version) for row in log[12:]] == [
        ("fresh", 1, ["author", "created_at", "done", "due_date", "note", "title", "updated_at"], 1),
        ("fresh", 2, ["done"], 2), ("merge-me", 3, ["note"], 2), ("resolved", 2, ["note"], 2),
        ("pending", 4, ["note"], 4),
        ("chain", 1, ["author", "created_at", "done", "due_date", "note", "title", "updated_at"], 1),
        ("chain", 2, ["title"], 2), ("chain", 3, ["title"], 3), ("chain", 4, ["deleted"], 4)]
    ours = backup.id
    assert [(r.record_id, r.last_seq, r.version, bool(r.deleted), r.origin_station == ours) for r in records] == [
        ("clash", 8, 2, False, False), ("stale-delete", 9, 2, False, False), ("tomb", 10, 2, True, False),
        ("fresh", 14, 2, False, True), ("merge-me", 15, 3, False, True), ("resolved", 16, 2, False, True),
        ("pending", 17, 4, False, True), ("chain", 21, 4, True, True)]
    by_id = {r.record_id: json.loads(r.payload) for r in records}
    assert (by_id["fresh"]["done"], by_id["merge-me"]["note"], by_id["pending"]["note"]) == (True, "已处理", "采纳")
    assert (by_id["chain"]["title"], by_id["chain"]["deleted"], by_id["chain"]["version"]) == ("三", True, 4)
    assert [(c.record_id, json.loads(c.fields), c.server_version, c.base_version, c.station_version,
             bool(c.resolved)) for c in conflicts] == [
        ("resolved", ["title"], 1, 0, 1, True),  # resolved by the applied update of the record
        ("clash", ["title"], 2, 1, 2, False), ("clash", ["title"], 2, 2, 3, False),
        ("stale-delete", ["deleted"], 2, 1, 2, False), ("tomb", ["deleted"], 2, 1, 2, False),
        ("pending", ["title"], 3, 1, 2, True),   # resolved later in the same batch
        ("pending", ["title"], 4, 1, 2, False)]  # a conflict after that stays open
    assert [d.rsplit(": ", 1)[-1] for d in rejections] == [
        "record not on the server (its create was not applied)", "the server has version 2",
        "grid not served", "unknown record kind", "Input should be a valid string"]


def test_rows_written_in_bulk_keep_odd_text_and_a_clash_is_a_database_error(harness: Harness) -> None:
    a = harness.enrol()
    odd = 'tab\t nl\n back\\ \\N \\. end-of-copy\n\\.\n 网格 😀'
    created = harness.create("odd\tid", title=odd, note="\\N", done=True)
    assert harness.results(a, [created])[0]["status"] == "applied"
    with harness.engine.connect() as conn:
        row = conn.execute(sa.select(record).where(record.c.record_id == "odd\tid")).one()
        logged = conn.execute(sa.select(change_log.c.op_id, change_log.c.record_id)).one()
    assert json.loads(row.payload) == {**created["payload"], "version": 1, "deleted": False}
    assert (row.deleted, row.version) == (False, 1)
    assert tuple(logged) == (created["op_id"], "odd\tid")
    rows = [{"seq": 100 + n, "kind": "todo", "record_id": f"r{n}", "version": 1, "changed": "[]", "station_id": a.id,
             "station_version": 1, "op_id": "same", "at": "t"} for n in range(2)]
    with pytest.raises(sa.exc.IntegrityError), database.write(harness.engine) as conn:  # op ids are unique
        database.insert_many(conn, change_log, rows)
    assert harness.sync_counts()["change_log"] == 1
