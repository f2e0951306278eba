"""Pull: pages after a server cursor, for the station's grids (sync.md §4, §9)."""

from __future__ import annotations

import json

import sqlalchemy as sa

from gridstation.server import database, pull, stations
from gridstation.server.schema import station
from gridstation.sync.protocol import PULL_PAGE_BYTES, PullRequest, PullResponse
from tests.server.harness import GRID_A, GRID_B, EnrolledStation, Harness


def test_pages_follow_the_cursor_until_no_more(harness: Harness) -> None:
    leader, backup = harness.enrol("A角", GRID_A), harness.enrol("B角", GRID_A, GRID_B)
    ops = [harness.create(f"r{i:02}") for i in range(7)]
    harness.results(leader, ops)
    seen: list[int] = []
    cursor, pages = 0, 0
    while True:
        page = harness.pull(backup, cursor, limit=3)
        pages += 1
        seen += [c["seq"] for c in page["changes"]]
        assert all(c["origin_station"] == leader.id and c["grid_code"] == GRID_A for c in page["changes"])
        cursor = page["cursor"]
        if not page["more"]:
            break
    assert pages == 3 and seen == list(range(1, 8)) and cursor == 7
    assert harness.pull(backup, cursor)["changes"] == []


def test_pages_of_large_records_stay_within_their_bytes(harness: Harness) -> None:
    """A page a poor connection can finish: as many records as fit in ``PULL_PAGE_BYTES`` of
    payloads, a record larger than that alone, and every record once, in order."""
    leader, backup = harness.enrol("A角", GRID_A), harness.enrol("B角", GRID_A)
    third = PULL_PAGE_BYTES // 9  # characters of 3 bytes: a third of a page, with the rest of its payload a bit more
    notes = [third, third, third, 4 * third, 10]  # the fourth alone is larger than a page
    harness.results(leader, [harness.create(f"r{i}", note="记" * n) for i, n in enumerate(notes)])
    pages: list[list[int]] = []
    cursor, more = 0, True
    while more:
        page = harness.pull(backup, cursor)
        size = sum(len(json.dumps(c["payload"], ensure_ascii=False).encode()) for c in page["changes"])
        assert size <= PULL_PAGE_BYTES or len(page["changes"]) == 1
        pages.append([c["seq"] for c in page["changes"]])
        cursor, more = page["cursor"], page["more"]
    assert pages == [[1, 2], [3], [4], [5]] and cursor == 5


def test_a_change_carries_the_latest_state_and_moves_to_the_end(harness: Harness) -> None:
    a = harness.enrol()
    first, second = harness.create("first"), harness.create("second")
    harness.results(a, [first, second])
    harness.results(a, [harness.update(first, base=1, title="改")])
    changes = harness.pull(a, 0)["changes"]
    assert [(c["record_id"], c["seq"], c["version"]) for c in changes] == [("second", 2, 1), ("first", 3, 2)]
    assert changes[1]["payload"]["title"] == "改"
    assert harness.pull(a, 2)["changes"][0]["record_id"] == "first"


def test_only_the_station_grids_and_the_cursor_skips_the_rest(harness: Harness) -> None:
    a, b = harness.enrol("A", GRID_A), harness.enrol("B", GRID_B)
    harness.results(a, [harness.create(grid=GRID_A) for _ in range(3)])
    harness.results(b, [harness.create(grid=GRID_B)])
    page = harness.pull(b, 0)
    assert [c["grid_code"] for c in page["changes"]] == [GRID_B]
    assert page["cursor"] == 4 and page["more"] is False
    empty = harness.pull(b, 4)
    assert (empty["changes"], empty["cursor"], empty["reset"]) == ([], 4, False)


def test_deletes_travel_as_tombstones(harness: Harness) -> None:
    a = harness.enrol()
    created = harness.create()
    harness.results(a, [created, harness.delete(created, base=1)])
    (change,) = harness.pull(a, 0)["changes"]
    assert change["deleted"] is True and change["version"] == 2


def test_a_cursor_ahead_of_the_server_asks_for_a_reset(harness: Harness) -> None:
    a = harness.enrol()
    harness.results(a, [harness.create()])
    page = harness.pull(a, 99)
    assert page == {"changes": [], "cursor": 0, "more": False, "reset": True}


def test_pull_records_the_station_versions(harness: Harness) -> None:
    a = harness.enrol()
    harness.client.post("/api/v1/pull", json={**harness.envelope(cursor=0), "app_version": "0.2.0", "backlog": 7},
                        headers=a.headers)
    with harness.engine.connect() as conn:
        row = conn.execute(sa.select(station).where(station.c.id == a.id)).one()
    assert (row.last_app_version, row.backlog) == ("0.2.0", 7)


ODD = 'tab\t nl\n cr\r quote" back\\ \\N \\. \x01 \u2028 网格 😀'


def test_the_page_is_the_pull_response_document(harness: Harness) -> None:
    """The endpoint splices the stored payload text into the page instead of building a
    PullResponse: the document is the same, odd text and numbers included."""
    a = harness.enrol()
    odd = harness.create(title=ODD, note="\\N", extra={"nested": [1, 2.5, -0.0, 1e300, 10**20, None, True, ODD]})
    plain = harness.create()
    harness.results(a, [odd, plain, harness.delete(plain, base=1)])
    response = harness.client.post("/api/v1/pull", json=harness.envelope(cursor=0, limit=1), headers=a.headers)
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    with database.read(harness.engine) as conn:
        ref = stations.authenticate(conn, f"Bearer {a.token}")
        expected = pull.pull(conn, station=ref, request=PullRequest.model_validate(harness.envelope(cursor=0, limit=1)))
    assert PullResponse.model_validate_json(response.content) == expected
    assert response.json() == expected.model_dump(mode="json")
    (change,) = response.json()["changes"]
    assert change["payload"]["title"] == ODD and change["payload"]["extra"]["nested"][-1] == ODD
    rest = harness.pull(a, response.json()["cursor"])
    assert [(c["deleted"], c["version"]) for c in rest["changes"]] == [(True, 2)] and rest["more"] is False


def test_pull_writes_the_last_sync_time_only_when_a_minute_old_or_something_changed(harness: Harness) -> None:
    a = harness.enrol()

    def stored() -> sa.Row:
        with harness.engine.connect() as conn:
            return conn.execute(sa.select(station).where(station.c.id == a.id)).one()

    enrolled = stored().last_sync_at
    harness.pull(a, 0)
    assert stored().last_sync_at == enrolled  # within the minute, nothing changed: no write
    with harness.engine.begin() as conn:
        conn.execute(station.update().where(station.c.id == a.id).values(last_sync_at="2026-01-01T00:00:00.000000Z"))
    harness.pull(a, 0)
    assert stored().last_sync_at > enrolled
    harness.client.post("/api/v1/pull", json={**harness.envelope(cursor=0), "backlog": 3}, headers=a.headers)
    assert stored().backlog == 3


def test_a_push_answer_names_the_sequence_numbers_its_changes_got(harness: Harness) -> None:
    a = harness.enrol()
    harness.results(a, [harness.create("before")])
    created = harness.create("mine")
    ops = [created, harness.update(created, base=1, title="改"), harness.create("bad", grid="999999999999999")]
    response = harness.push(a, ops, batch_id="seqs")
    answer = response.json()
    assert (answer["first_seq"], answer["last_seq"]) == (2, 3)  # the rejected op got none
    assert harness.push(a, ops, batch_id="seqs").content == response.content  # a repeat: the same answer
    nothing = harness.push(a, [created]).json()  # a duplicate writes nothing
    assert "first_seq" not in nothing and "last_seq" not in nothing


def _pull_own(harness: Harness, station: EnrolledStation, cursor: int, own: list[list[int]]) -> list[str]:
    response = harness.client.post("/api/v1/pull", json=harness.envelope(cursor=cursor, own_changes=own),
                                   headers=station.headers)
    assert response.status_code == 200, response.text
    return [change["record_id"] for change in response.json()["changes"]]


def test_a_station_naming_its_own_changes_does_not_get_them_back(harness: Harness) -> None:
    a, b = harness.enrol("A"), harness.enrol("B")
    mine = [harness.create(f"a{i}") for i in range(3)]
    answer = harness.push(a, mine).json()
    own = [[answer["first_seq"], answer["last_seq"]]]
    harness.results(b, [harness.create("b0")])
    assert _pull_own(harness, a, 0, own) == ["b0"]
    assert _pull_own(harness, a, 0, []) == ["a0", "a1", "a2", "b0"]  # an older station names none
    # Another station changed a1 since: its latest state is not the one A holds.
    harness.results(b, [harness.update(mine[1], base=1, title="B改")])
    assert _pull_own(harness, a, 0, own) == ["b0", "a1"]
    # The ranges only ever leave out the station's own changes: B naming A's gets them.
    assert _pull_own(harness, b, 0, own) == ["a0", "a2", "b0", "a1"]
    # Numbers beyond what the database holds name nothing more (and break nothing).
    assert _pull_own(harness, a, 0, [[answer["first_seq"], 2**70], [2**70, 2**71]]) == ["b0", "a1"]


def test_own_changes_are_checked(harness: Harness) -> None:
    a = harness.enrol()
    for own, problem in (([[0, 3]], "own_changes.0.0: Input should be greater than or equal to 1"),
                         ([[1]], "own_changes.0.1: Field required"), ([[1, 2]] * 101, "at most 100 items")):
        response = harness.client.post("/api/v1/pull", json=harness.envelope(cursor=0, own_changes=own),
                                       headers=a.headers)
        assert response.status_code == 400 and problem in response.text, response.text
