"""Push: idempotency by batch and op, field merges, conflicts, rejections (sync.md §3, §6)."""

from __future__ import annotations

import json

import sqlalchemy as sa

from gridstation.server.schema import conflict, record, station
from gridstation.sync import protocol
from gridstation.sync.protocol import PROTOCOL
from tests.server.harness import GRID_A, GRID_B, GRID_OTHER, Harness


def _stored(h: Harness, record_id: str) -> sa.Row:
    with h.engine.connect() as conn:
        return conn.execute(sa.select(record).where(record.c.record_id == record_id)).one()


def test_create_is_applied_and_a_resent_op_is_a_duplicate(harness: Harness) -> None:
    a = harness.enrol()
    op = harness.create(title="入户走访")
    assert harness.results(a, [op]) == [{"op_id": op["op_id"], "status": "applied", "reason": "",
                                         "server_version": None, "server_payload": None, "conflict_fields": []}]
    again = harness.results(a, [op])  # the same op in a new batch
    assert again[0]["status"] == "duplicate"
    row = _stored(harness, op["record_id"])
    assert (row.version, row.deleted, row.origin_station) == (1, False, a.id)
    assert json.loads(row.payload)["title"] == "入户走访"
    assert harness.sync_counts()["record"] == 1


def test_answers_leave_out_the_fields_that_hold_their_defaults(harness: Harness) -> None:
    """What is sent (and stored) for an op: only what differs from the protocol's defaults; a
    conflict still carries both sides."""
    a, b = harness.enrol("A"), harness.enrol("B")
    created = harness.create(title="一")
    response = harness.push(a, [created, harness.update(created, base=1, title="二")])
    assert response.json()["results"] == [{"op_id": created["op_id"], "status": "applied"},
                                          {"op_id": response.json()["results"][1]["op_id"], "status": "applied"}]
    clash = harness.push(b, [harness.update(created, base=1, title="三")]).json()["results"][0]
    assert clash["status"] == "conflict" and clash["conflict_fields"] == ["title"]
    assert clash["server_version"] == 2 and clash["server_payload"]["title"] == "二" and clash["reason"]


def test_repeated_batch_returns_the_stored_answer_byte_for_byte(harness: Harness) -> None:
    a = harness.enrol()
    created = harness.create()
    first = harness.push(a, [created, harness.update(created, base=1, title="改")], batch_id="b-1")
    counts = harness.sync_counts()
    second = harness.push(a, json.loads(first.request.content)["ops"], batch_id="b-1")
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert harness.sync_counts() == counts


def test_same_batch_id_with_other_content_is_refused_and_nothing_is_written(harness: Harness) -> None:
    a = harness.enrol()
    assert harness.push(a, [harness.create()], batch_id="b-1").status_code == 200
    counts = harness.sync_counts()
    response = harness.push(a, [harness.create()], batch_id="b-1")
    assert response.status_code == 409
    assert response.json()["error"] == "batch_reused"
    assert harness.sync_counts() == counts
    refusal = harness.last_refusal()
    assert refusal.station_id == a.id and "batch_reused" in refusal.detail


def test_batch_id_of_another_station_is_refused(harness: Harness) -> None:
    a, b = harness.enrol("A"), harness.enrol("B")
    ops = [harness.create()]
    assert harness.push(a, ops, batch_id="shared").status_code == 200
    assert harness.push(b, ops, batch_id="shared").status_code == 409


def test_create_of_an_existing_record(harness: Harness) -> None:
    a = harness.enrol()
    op = harness.create("rec-1", title="一")
    harness.results(a, [op])
    same = {**op, "op_id": "other-op"}
    assert harness.results(a, [same])[0]["status"] == "duplicate"
    different = {**op, "op_id": "third-op", "payload": {**op["payload"], "title": "二"}}
    result = harness.results(a, [different])[0]
    assert result["status"] == "conflict" and result["conflict_fields"] == ["title"]
    assert result["server_payload"]["title"] == "一"


def test_update_from_the_current_version_is_applied(harness: Harness) -> None:
    a = harness.enrol()
    created = harness.create()
    harness.results(a, [created])
    result = harness.results(a, [harness.update(created, base=1, done=True)])[0]
    assert result["status"] == "applied" and result["server_payload"] is None
    row = _stored(harness, created["record_id"])
    assert row.version == 2 and json.loads(row.payload)["done"] is True


def test_disjoint_edits_of_two_stations_merge(harness: Harness) -> None:
    leader, backup = harness.enrol("A角"), harness.enrol("B角")  # both serve GRID_A
    created = harness.create(title="旧标题", note="")
    harness.results(leader, [created])
    harness.results(leader, [harness.update(created, base=1, title="新标题")])
    result = harness.results(backup, [harness.update(created, base=1, note="已处理")])[0]
    assert result["status"] == "applied"
    assert result["server_version"] == 3
    assert (result["server_payload"]["title"], result["server_payload"]["note"]) == ("新标题", "已处理")
    row = _stored(harness, created["record_id"])
    assert row.version == 3 and json.loads(row.payload) == result["server_payload"]


def test_the_same_field_changed_on_both_sides_is_a_conflict_with_both_values(harness: Harness) -> None:
    leader, backup = harness.enrol("A角"), harness.enrol("B角")
    created = harness.create(title="旧")
    harness.results(leader, [created, harness.update(created, base=1, title="A的")])
    mine = harness.update(created, base=1, title="B的")
    result = harness.results(backup, [mine])[0]
    assert result["status"] == "conflict"
    assert result["conflict_fields"] == ["title"]
    assert (result["server_version"], result["server_payload"]["title"]) == (2, "A的")
    assert json.loads(_stored(harness, created["record_id"]).payload)["title"] == "A的"  # nothing applied
    with harness.engine.connect() as conn:
        row = conn.execute(sa.select(conflict)).one()
    assert json.loads(row.station_payload)["title"] == "B的" and json.loads(row.server_payload)["title"] == "A的"
    assert (row.station_id, row.server_version, json.loads(row.fields)) == (backup.id, 2, ["title"])


def test_the_same_value_on_both_sides_is_not_a_conflict(harness: Harness) -> None:
    leader, backup = harness.enrol("A角"), harness.enrol("B角")
    created = harness.create()
    harness.results(leader, [created, harness.update(created, base=1, done=True)])
    assert harness.results(backup, [harness.update(created, base=1, done=True)])[0]["status"] == "applied"


def test_edit_versus_delete_is_a_conflict_both_ways(harness: Harness) -> None:
    leader, backup = harness.enrol("A角"), harness.enrol("B角")
    first, second = harness.create(), harness.create()
    harness.results(leader, [first, second, harness.delete(first, base=1), harness.update(second, base=1, done=True)])
    edit_of_deleted = harness.results(backup, [harness.update(first, base=1, title="改")])[0]
    assert edit_of_deleted["status"] == "conflict" and edit_of_deleted["conflict_fields"] == ["deleted"]
    delete_of_edited = harness.results(backup, [harness.delete(second, base=1)])[0]
    assert delete_of_edited["status"] == "conflict" and delete_of_edited["conflict_fields"] == ["deleted"]
    assert _stored(harness, first["record_id"]).deleted is True
    assert _stored(harness, second["record_id"]).deleted is False


def test_delete_is_a_tombstone_and_deleting_twice_is_harmless(harness: Harness) -> None:
    leader, backup = harness.enrol("A角"), harness.enrol("B角")
    created = harness.create()
    harness.results(leader, [created])
    assert harness.results(leader, [harness.delete(created, base=1)])[0]["status"] == "applied"
    both = harness.results(backup, [harness.delete(created, base=1)])[0]
    assert (both["status"], both["server_version"]) == ("duplicate", 2)  # the station adopts the tombstone
    row = _stored(harness, created["record_id"])
    assert (row.deleted, row.version, json.loads(row.payload)["deleted"]) == (True, 2, True)


def test_unknown_base_version_and_unknown_record_are_rejected(harness: Harness) -> None:
    a = harness.enrol()
    created = harness.create()
    harness.results(a, [created])
    ahead = harness.results(a, [harness.update(created, base=5, title="x")])[0]
    assert ahead["status"] == "rejected" and "base version 5 unknown" in ahead["reason"]
    missing = harness.results(a, [harness.update(harness.create(), base=1, title="x")])[0]
    assert missing["status"] == "rejected" and "not on the server" in missing["reason"]


def test_grid_not_served_and_unknown_kind_are_rejected_and_audited(harness: Harness) -> None:
    a = harness.enrol("A", GRID_A)
    results = harness.results(a, [harness.create(grid=GRID_B), harness.create(grid=GRID_OTHER),
                                  harness.create(kind="spaceship")])
    assert [(r["status"], r["reason"]) for r in results] == [
        ("rejected", "grid not served"), ("rejected", "grid not served"), ("rejected", "unknown record kind")]
    assert harness.sync_counts()["record"] == 0
    details = [row.detail for row in harness.refusals()]
    assert sum("grid not served" in d for d in details) == 2
    assert any("unknown record kind" in d for d in details)


def test_a_record_of_another_grid_cannot_be_reached_through_a_served_grid(harness: Harness) -> None:
    b_station, a_station = harness.enrol("B", GRID_B), harness.enrol("A", GRID_A)
    theirs = harness.create(grid=GRID_B)
    harness.results(b_station, [theirs])
    forged = {**harness.update(theirs, base=1, title="x"), "grid_code": GRID_A}
    forged["payload"]["grid_code"] = GRID_A
    assert harness.results(a_station, [forged])[0]["reason"] == "grid not served"


def test_invalid_payload_is_rejected(harness: Harness) -> None:
    a = harness.enrol()
    results = harness.results(a, [harness.create(title=123), harness.create(due_date="not a date"),
                                  {**harness.create(), "record_id": "other-id"}])
    assert [r["status"] for r in results] == ["rejected"] * 3
    assert all(r["reason"].startswith("invalid payload") for r in results)


def test_ops_for_one_record_apply_in_order_within_a_batch(harness: Harness) -> None:
    a = harness.enrol()
    created = harness.create()
    ops = [created, harness.update(created, base=1, title="二"), harness.update(created, base=2, title="三"),
           harness.delete(created, base=3)]
    assert [r["status"] for r in harness.results(a, ops)] == ["applied"] * 4
    row = _stored(harness, created["record_id"])
    assert (row.version, row.deleted, json.loads(row.payload)["title"]) == (4, True, "三")


def test_later_ops_building_on_a_conflict_in_the_same_batch_are_conflicts(harness: Harness) -> None:
    leader, backup = harness.enrol("A角"), harness.enrol("B角")
    created = harness.create()
    harness.results(leader, [created, harness.update(created, base=1, title="A")])
    # The backup's local v2 conflicts; its v3 builds on that v2, not on the server's v2.
    results = harness.results(backup, [harness.update(created, base=1, title="B"),
                                       harness.update(created, base=2, version=3, note="B的备注")])
    assert [r["status"] for r in results] == ["conflict", "conflict"]
    assert json.loads(_stored(harness, created["record_id"]).payload)["note"] == ""


def test_push_updates_the_station_last_sync_versions_and_backlog(harness: Harness) -> None:
    a = harness.enrol()
    harness.push(a, [harness.create()], backlog=42)
    with harness.engine.connect() as conn:
        row = conn.execute(sa.select(station).where(station.c.id == a.id)).one()
    assert (row.last_protocol, row.last_app_version, row.backlog) == (PROTOCOL, "0.1.0", 42)
    assert row.last_sync_at is not None


def test_a_batch_holds_up_to_the_most_ops_the_answers_name(harness: Harness) -> None:
    """The answer names the most ops a batch may hold (a station sends more than
    ``BASE_OPS_PER_BATCH`` only after it was told), and the server takes a batch of that many."""
    a = harness.enrol()
    full = [harness.create() for _ in range(protocol.MAX_OPS_PER_BATCH)]
    response = harness.push(a, full)
    assert response.status_code == 200, response.text
    answer = protocol.PushResponse.model_validate_json(response.content)
    assert answer.max_ops == protocol.MAX_OPS_PER_BATCH > protocol.BASE_OPS_PER_BATCH
    assert [r.status for r in answer.results] == ["applied"] * protocol.MAX_OPS_PER_BATCH
    before = harness.sync_counts()
    response = harness.push(a, [harness.create() for _ in range(protocol.MAX_OPS_PER_BATCH + 1)])
    assert response.status_code == 400 and response.json()["error"] == "invalid_request", response.text
    assert f"at most {protocol.MAX_OPS_PER_BATCH} items" in response.json()["message"]
    assert harness.sync_counts() == before  # nothing of it written
