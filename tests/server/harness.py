"""A small driver for the district server in tests: seed a district, enrol stations, build ops."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass
from typing import Any

import httpx
import sqlalchemy as sa
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from gridstation.server import district, stations
from gridstation.server.schema import SYNC_TABLES, server_audit
from gridstation.sync import protocol
from gridstation.sync.protocol import PROTOCOL

GRID_A = "230204001003-001U"
GRID_B = "230204001003-002U"
GRID_OTHER = "230204002201-001R"
APP_VERSION = "0.1.0"


@dataclass(frozen=True)
class EnrolledStation:
    id: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def seed_district(engine: Engine) -> None:
    district.add(engine, "street", "230204001", "站前街道")
    district.add(engine, "community", "230204001003", "新兴社区")
    district.add(engine, "grid", GRID_A, "第一网格")
    district.add(engine, "grid", GRID_B, "第二网格")
    district.add(engine, "street", "230204002", "南浦街道")
    district.add(engine, "community", "230204002201", "南浦村")
    district.add(engine, "grid", GRID_OTHER, "南浦村第一网格")


class Harness:
    def __init__(self, app: FastAPI, client: TestClient) -> None:
        self.app = app
        self.client = client
        self.engine: Engine = app.state.engine
        self._ids = itertools.count(1)
        seed_district(self.engine)

    # -- stations ------------------------------------------------------------------------------
    def add_station(self, name: str, *grids: str) -> stations.NewCode:
        return stations.add(self.engine, name=name, grids=grids or (GRID_A,))

    def enrol(self, name: str = "新兴社区网格服务站", *grids: str) -> EnrolledStation:
        new = self.add_station(name, *grids)
        response = self.client.post("/api/v1/enrol", json=self.envelope(code=new.code, station_name=name))
        assert response.status_code == 200, response.text
        body = response.json()
        return EnrolledStation(body["station_id"], body["token"])

    # -- requests ------------------------------------------------------------------------------
    @staticmethod
    def envelope(**fields: Any) -> dict[str, Any]:
        return {"protocol": PROTOCOL, "app_version": APP_VERSION, **fields}

    def push(self, station: EnrolledStation, ops: list[dict[str, Any]], batch_id: str | None = None,
             **extra: Any) -> httpx.Response:
        body = self.envelope(batch_id=batch_id or f"batch-{next(self._ids)}", ops=ops, **extra)
        return self.client.post("/api/v1/push", json=body, headers=station.headers)

    def results(self, station: EnrolledStation, ops: list[dict[str, Any]], **kwargs: Any) -> list[dict[str, Any]]:
        response = self.push(station, ops, **kwargs)
        assert response.status_code == 200, response.text
        # Read as a station reads it: fields left out hold their defaults.
        answer = protocol.PushResponse.model_validate_json(response.content)
        return [result.model_dump() for result in answer.results]

    def pull(self, station: EnrolledStation, cursor: int, limit: int = 500) -> dict[str, Any]:
        response = self.client.post("/api/v1/pull", json=self.envelope(cursor=cursor, limit=limit),
                                    headers=station.headers)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    # -- ops -----------------------------------------------------------------------------------
    def create(self, record_id: str | None = None, *, grid: str = GRID_A, kind: str = "todo",
               **fields: Any) -> dict[str, Any]:
        record_id = record_id or str(uuid.uuid4())
        payload = {"id": record_id, "grid_code": grid, "author": "u1", "created_at": "2026-05-01T08:00:00",
                   "updated_at": "2026-05-01T08:00:00", "version": 1, "deleted": False, "title": "巡查",
                   "note": "", "due_date": None, "done": False, **fields}
        return self._op("create", kind, record_id, grid, 0, 1, sorted(set(payload) - {"id", "grid_code"}), payload)

    def update(self, created: dict[str, Any], *, base: int, version: int | None = None,
               **changes: Any) -> dict[str, Any]:
        payload = {**created["payload"], **changes, "version": version or base + 1}
        return self._op("update", created["kind"], created["record_id"], created["grid_code"], base,
                        version or base + 1, sorted(changes), payload)

    def delete(self, created: dict[str, Any], *, base: int) -> dict[str, Any]:
        payload = {**created["payload"], "version": base + 1, "deleted": True}
        return self._op("delete", created["kind"], created["record_id"], created["grid_code"], base, base + 1,
                        ["deleted"], payload)

    def _op(self, op: str, kind: str, record_id: str, grid: str, base: int, version: int, changed: list[str],
            payload: dict[str, Any]) -> dict[str, Any]:
        return {"op_id": str(uuid.uuid4()), "kind": kind, "record_id": record_id, "op": op, "base_version": base,
                "version": version, "changed": changed, "payload": payload, "actor": "u1", "grid_code": grid,
                "created_at": "2026-05-01T08:00:00"}

    # -- database ------------------------------------------------------------------------------
    def sync_counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one() for t in SYNC_TABLES}

    def refusals(self) -> list[sa.Row[Any]]:
        with self.engine.connect() as conn:
            return list(conn.execute(sa.select(server_audit).where(server_audit.c.success.is_(False))
                                     .order_by(server_audit.c.id)))

    def last_refusal(self) -> sa.Row[Any]:
        rows = self.refusals()
        assert rows, "no refusal was audited"
        return rows[-1]
