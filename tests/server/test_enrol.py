"""Enrolment: a one-time code becomes a station token (sync.md §11)."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from gridstation.server import clock, stations
from gridstation.server.schema import station
from gridstation.sync.protocol import PROTOCOL
from tests.server.harness import GRID_A, GRID_B, Harness


def _enrol(h: Harness, code: str) -> tuple[int, dict[str, object]]:
    response = h.client.post("/api/v1/enrol", json=h.envelope(code=code, station_name="新兴社区网格服务站"))
    return response.status_code, response.json()


def test_a_code_enrols_once_and_the_token_is_stored_only_as_a_hash(harness: Harness) -> None:
    new = harness.add_station("新兴", GRID_A, GRID_B)
    status, body = _enrol(harness, new.code.lower().replace("-", ""))  # typed without the dash, lower case
    assert status == 200
    assert body["station_id"] == new.station_id and body["grids"] == [GRID_A, GRID_B]
    assert body["server_id"] == harness.client.get("/api/v1/health").json()["server_id"]
    with harness.engine.connect() as conn:
        row = conn.execute(sa.select(station).where(station.c.id == new.station_id)).one()
    assert row.token_hash == stations.sha256(str(body["token"])) and row.code_used
    assert (row.last_protocol, row.last_app_version) == (PROTOCOL, "0.1.0")
    status, body = _enrol(harness, new.code)
    assert (status, body["error"]) == (401, "enrolment_code_used")
    assert "enrolment_code_used" in harness.last_refusal().detail


def test_expired_unknown_and_revoked_codes_are_refused(harness: Harness) -> None:
    old = stations.add(harness.engine, name="旧", grids=[GRID_A], now=clock.now() - timedelta(days=8))
    assert _enrol(harness, old.code)[1]["error"] == "enrolment_code_expired"
    assert _enrol(harness, "ZZZZ-ZZZZ")[0] == 401
    assert _enrol(harness, "ZZZZ-ZZZZ")[1]["error"] == "enrolment_code_invalid"
    revoked = harness.add_station("撤销")
    stations.revoke(harness.engine, revoked.station_id)
    assert _enrol(harness, revoked.code)[0] == 403
    assert [r.detail.split(":")[0] for r in harness.refusals()] == [
        "401 enrolment_code_expired", "401 enrolment_code_invalid", "401 enrolment_code_invalid",
        "403 station_revoked"]
    assert "ZZZZ" not in " ".join(r.detail for r in harness.refusals())  # codes are never written down


def test_a_new_code_replaces_the_old_token(harness: Harness) -> None:
    first = harness.enrol()
    renewed = stations.new_code(harness.engine, first.id)
    status, body = _enrol(harness, renewed.code)
    assert status == 200 and body["station_id"] == first.id
    assert harness.pull(type(first)(first.id, str(body["token"])), 0)["reset"] is False
    old = harness.client.post("/api/v1/pull", json=harness.envelope(cursor=0), headers=first.headers)
    assert old.status_code == 401 and old.json()["error"] == "token_invalid"
