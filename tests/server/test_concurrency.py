"""Concurrent pushes: sequence numbers are distinct, increasing, and visible in commit order."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from gridstation.server import clock, database, pull, push, push_apply, stations
from gridstation.server.kinds import default_registry
from gridstation.server.schema import change_log
from gridstation.sync.protocol import PullRequest, PushRequest
from tests.server.harness import EnrolledStation, Harness


def _push_in_thread(h: Harness, station: EnrolledStation, batches: list[list[dict[str, Any]]],
                    start: threading.Barrier, answers: list[int]) -> None:
    client = TestClient(h.app)  # one client per thread
    start.wait()
    for index, ops in enumerate(batches):
        body = h.envelope(batch_id=f"{station.id}-{index}", ops=ops)
        answers.append(client.post("/api/v1/push", json=body, headers=station.headers).status_code)


def test_two_stations_pushing_at_once_get_gapless_increasing_sequences(harness: Harness) -> None:
    a, b = harness.enrol("A"), harness.enrol("B")
    batches = {s: [[harness.create() for _ in range(10)] for _ in range(5)] for s in (a, b)}
    start, answers = threading.Barrier(2), list[int]()
    threads = [threading.Thread(target=_push_in_thread, args=(harness, s, batches[s], start, answers))
               for s in (a, b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert answers == [200] * 10
    changes = harness.pull(a, 0, limit=1000)["changes"]
    assert [c["seq"] for c in changes] == list(range(1, 101))
    seq_of = {c["record_id"]: c["seq"] for c in changes}
    for station_batches in batches.values():  # each batch got one contiguous block, in order
        blocks = [[seq_of[op["record_id"]] for op in ops] for ops in station_batches]
        assert all(block == list(range(block[0], block[0] + 10)) for block in blocks)
        assert [block[0] for block in blocks] == sorted(block[0] for block in blocks)


def test_a_push_waits_for_the_one_in_progress_and_pull_sees_neither_until_commit(harness: Harness) -> None:
    a, b = harness.enrol("A"), harness.enrol("B")
    with database.read(harness.engine) as conn:
        station_a = stations.authenticate(conn, f"Bearer {a.token}")
    first_ops = [harness.create() for _ in range(3)]
    holding, release = threading.Event(), threading.Event()

    def slow_first_push() -> None:
        request = PushRequest.model_validate(harness.envelope(batch_id="slow", ops=first_ops))
        with database.write(harness.engine) as conn:
            push.push(conn, station=station_a, request=request, kinds=default_registry(), at=clock.iso(clock.now()))
            holding.set()
            release.wait(30)

    answers: list[int] = []
    first = threading.Thread(target=slow_first_push)
    first.start()
    assert holding.wait(30)
    second = threading.Thread(target=_push_in_thread,
                              args=(harness, b, [[harness.create()]], threading.Barrier(1), answers))
    second.start()
    time.sleep(0.5)
    assert second.is_alive(), "the second push must wait for the first to commit"
    # Nothing uncommitted is visible. (Read directly: the pull endpoint also records the station's
    # last sync, a write that on SQLite queues behind the held push.)
    with database.read(harness.engine) as conn:
        page = pull.pull(conn, station=station_a, request=PullRequest.model_validate(harness.envelope(cursor=0)))
    assert (page.changes, page.cursor) == ([], 0)
    release.set()
    first.join(30)
    second.join(30)
    assert answers == [200]
    changes = harness.pull(a, 0)["changes"]
    assert [c["seq"] for c in changes] == [1, 2, 3, 4]
    assert [c["origin_station"] for c in changes] == [station_a.id] * 3 + [b.id]


def _held_push(h: Harness, station: EnrolledStation, ops: list[dict[str, Any]], batch_id: str,
               holding: threading.Event, release: threading.Event) -> None:
    """A push applied in a transaction that stays open (holding its locks) until ``release``."""
    with database.read(h.engine) as conn:
        ref = stations.authenticate(conn, f"Bearer {station.token}")
    request = PushRequest.model_validate(h.envelope(batch_id=batch_id, ops=ops))
    with database.write(h.engine) as conn:
        push.push(conn, station=ref, request=request, kinds=default_registry(), at=clock.iso(clock.now()))
        holding.set()
        release.wait(30)


def test_a_record_created_by_two_stations_at_once_is_stored_once_and_the_loser_retries(harness: Harness) -> None:
    """The second create finds no row to lock and goes ahead; the unique key stops its insert. On
    PostgreSQL that is a 503 (nothing written) and the retry gets the conflict; SQLite ran the
    pushes one after the other, so the conflict comes at once."""
    a, b = harness.enrol("A"), harness.enrol("B")
    from_a, from_b = harness.create("same", title="甲"), harness.create("same", title="乙")
    holding, release = threading.Event(), threading.Event()
    first = threading.Thread(target=_held_push, args=(harness, a, [from_a], "a-1", holding, release))
    first.start()
    assert holding.wait(30)
    answers: list[Any] = []
    second = threading.Thread(target=lambda: answers.append(harness.push(b, [from_b], batch_id="b-1")))
    second.start()
    time.sleep(0.5)
    assert second.is_alive(), "the second push waits for the first's counter (or SQLite write) lock"
    release.set()
    first.join(30)
    second.join(30)
    counts = harness.sync_counts()
    if harness.engine.dialect.name == "postgresql":
        assert (answers[0].status_code, answers[0].json()["error"], answers[0].headers["retry-after"]) == (
            503, "server_unavailable", "1")
        assert counts == {"record": 1, "change_log": 1, "batch": 1, "conflict": 0}
        answers = [harness.push(b, [from_b], batch_id="b-1")]
    assert answers[0].status_code == 200, answers[0].text
    assert [r["status"] for r in answers[0].json()["results"]] == ["conflict"]
    assert [c["payload"]["title"] for c in harness.pull(a, 0)["changes"]] == ["甲"]


def test_a_batch_sent_again_while_its_first_try_is_applied_is_answered_once(harness: Harness) -> None:
    """The second try waits for the first to number its changes; on PostgreSQL it then fails on
    the records' unique key (503, nothing written) and the next try gets the stored answer; on
    SQLite it ran after the first and gets the stored answer at once."""
    a = harness.enrol("A")
    ops = [harness.create() for _ in range(3)]
    holding, release = threading.Event(), threading.Event()
    first = threading.Thread(target=_held_push, args=(harness, a, ops, "again", holding, release))
    first.start()
    assert holding.wait(30)
    answers: list[Any] = []
    second = threading.Thread(target=lambda: answers.append(harness.push(a, ops, batch_id="again")))
    second.start()
    time.sleep(0.5)
    assert second.is_alive(), "the second try waits for the first's counter (or SQLite write) lock"
    release.set()
    first.join(30)
    second.join(30)
    stored = harness.push(a, ops, batch_id="again")
    if harness.engine.dialect.name == "postgresql":
        assert answers[0].status_code == 503
        assert harness.sync_counts() == {"record": 3, "change_log": 3, "batch": 1, "conflict": 0}
        answers = [stored]
    assert answers[0].status_code == 200 and answers[0].content == stored.content
    assert [r["status"] for r in stored.json()["results"]] == ["applied"] * 3
    assert harness.sync_counts() == {"record": 3, "change_log": 3, "batch": 1, "conflict": 0}


def test_a_push_deciding_holds_only_its_records_and_numbers_its_changes_at_the_end(
        harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL: while a push decides about its records it holds their rows, not the counter: a
    push about other records goes through meanwhile, one about the same record waits and then
    builds on what the first committed, and the first push's change is numbered after the one
    that overtook it. (SQLite runs write transactions one at a time.)"""
    if harness.engine.dialect.name != "postgresql":
        pytest.skip("SQLite runs write transactions one at a time")
    a, b = harness.enrol("A"), harness.enrol("B")
    shared = harness.create("shared")
    assert harness.results(a, [shared])[0]["status"] == "applied"
    deciding, release = threading.Event(), threading.Event()
    real_apply = push_apply.BatchApplier.apply

    def slow_apply(self: push_apply.BatchApplier, op: Any, checked: Any = None) -> str:
        if threading.current_thread().name == "deciding":
            deciding.set()
            release.wait(30)
        return real_apply(self, op, checked)

    monkeypatch.setattr(push_apply.BatchApplier, "apply", slow_apply)
    holder = threading.Thread(target=_held_push, name="deciding", args=(
        harness, a, [harness.update(shared, base=1, note="甲改")], "slow", threading.Event(), threading.Event()))
    holder.start()
    assert deciding.wait(30)
    answers: dict[str, Any] = {}
    other = threading.Thread(target=lambda: answers.update(other=harness.push(b, [harness.create("other")])))
    other.start()
    other.join(10)
    assert not other.is_alive(), "a push about another record must not wait for one that is deciding"
    assert answers["other"].json()["results"][0]["status"] == "applied"
    same = threading.Thread(target=lambda: answers.update(same=harness.push(
        b, [harness.update(shared, base=1, title="乙改")], batch_id="same")))
    same.start()
    time.sleep(0.5)
    assert same.is_alive(), "a push about the record being decided waits for it"
    release.set()
    holder.join(30)
    same.join(30)
    result = answers["same"].json()["results"][0]
    assert (result["status"], result["server_version"]) == ("applied", 3)  # merged onto the first's version 2
    assert (result["server_payload"]["note"], result["server_payload"]["title"]) == ("甲改", "乙改")
    with harness.engine.connect() as conn:
        log = conn.execute(sa.select(change_log.c.record_id, change_log.c.version).order_by(change_log.c.seq)).all()
    assert [tuple(row) for row in log] == [("shared", 1), ("other", 1), ("shared", 2), ("shared", 3)]
