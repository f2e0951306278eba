"""Concurrent pushes: sequence numbers are distinct, increasing, and visible in commit order."""

from __future__ import annotations

import threading
import time
from typing import Any

from fastapi.testclient import TestClient

from gridstation.server import clock, database, pull, push, stations
from gridstation.server.kinds import default_registry
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
