"""What an administrator's walkthrough found: a catalogue stations refuse, a new enrolment code
that left the old token working, a station added twice under one name, and an OpenAPI schema
without descriptions or the station token."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from gridstation.resources import resource_path
from gridstation.server import audit, district, stations
from gridstation.server.cli import main
from gridstation.server.errors import AdminError
from gridstation.server.schema import catalogue
from tests.server.harness import GRID_A, GRID_B, EnrolledStation, Harness


def _catalogue_rows(harness: Harness) -> int:
    with harness.engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(catalogue)).scalar_one())


def _bundled() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(resource_path("catalogue/catalogue.json").read_text(encoding="utf-8"))
    return document


# -- catalogue publish -------------------------------------------------------------------------------

@pytest.mark.parametrize(("document", "words"), [
    ({"items": "notalist"}, '"items" must be a non-empty list'),
    ([1, 2], "must hold a JSON object"),
    ({"version": 3, "items": []}, '"items" must be a non-empty list'),
    ({"items": [{"code": "X1"}]}, 'item 1 (X1): "time_limit"'),
])
def test_a_catalogue_stations_would_refuse_is_not_published(harness: Harness, document: Any, words: str) -> None:
    with pytest.raises(AdminError) as refused:
        district.publish_catalogue(harness.engine, document)
    assert words in str(refused.value)
    assert _catalogue_rows(harness) == 0  # nothing stored, no version number used up
    assert not any(entry.action == "admin.catalogue.publish" for entry in audit.latest(harness.engine, 50))
    good = {key: value for key, value in _bundled().items() if key != "version"}
    assert district.publish_catalogue(harness.engine, good) == 1


def test_the_command_line_names_the_problem_and_exits_2(database_url: str, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "catalogue.json"
    for document in ({"items": "notalist"}, [1, 2]):
        path.write_text(json.dumps(document), encoding="utf-8")
        assert main(["catalogue", "publish", str(path), "--db", database_url]) == 2
        captured = capsys.readouterr()
        assert captured.out == "" and captured.err.startswith("error: ")
    path.write_text(json.dumps(_bundled(), ensure_ascii=False), encoding="utf-8")
    assert main(["catalogue", "publish", str(path), "--db", database_url]) == 0
    assert f"catalogue version {_bundled()['version']} published" in capsys.readouterr().out


# -- station code / revoke -------------------------------------------------------------------------

def _pull(harness: Harness, station: EnrolledStation) -> Any:
    return harness.client.post("/api/v1/pull", json=harness.envelope(cursor=0), headers=station.headers)


def test_a_new_code_withdraws_the_old_token_at_once(harness: Harness) -> None:
    lost = harness.enrol("新兴")
    assert _pull(harness, lost).status_code == 200
    renewed = stations.new_code(harness.engine, lost.id)
    refused = _pull(harness, lost)  # before the new code is used
    assert refused.status_code == 401 and refused.json()["error"] == "token_revoked"
    assert "new enrolment code" in refused.json()["message"]
    assert harness.last_refusal().station_id == lost.id
    pushed = harness.push(lost, [harness.create()])
    assert pushed.status_code == 401 and harness.sync_counts()["record"] == 0
    [row] = stations.listing(harness.engine)
    assert not row.enrolled and not row.revoked  # 'station list': waiting for enrolment

    body = harness.client.post("/api/v1/enrol", json=harness.envelope(code=renewed.code, station_name="新兴")).json()
    replacement = EnrolledStation(str(body["station_id"]), str(body["token"]))
    assert replacement.id == lost.id and _pull(harness, replacement).status_code == 200
    assert _pull(harness, lost).json()["error"] == "token_invalid"
    assert stations.listing(harness.engine)[0].enrolled


def test_revoking_is_for_good(harness: Harness) -> None:
    revoked = harness.enrol("撤销")
    stations.revoke(harness.engine, revoked.id)
    assert _pull(harness, revoked).json()["error"] == "token_revoked"
    with pytest.raises(AdminError, match="is revoked; add a new station instead"):
        stations.new_code(harness.engine, revoked.id)


# -- station add -----------------------------------------------------------------------------------

def test_a_second_active_station_of_the_same_name_is_refused(harness: Harness) -> None:
    first = harness.add_station("新兴社区网格服务站", GRID_A)
    with pytest.raises(AdminError) as refused:
        stations.add(harness.engine, name=" 新兴社区网格服务站 ", grids=[GRID_A, GRID_B])
    assert first.station_id in str(refused.value) and f"station code {first.station_id}" in str(refused.value)
    assert len(stations.listing(harness.engine)) == 1
    stations.add(harness.engine, name="新兴社区第二网格服务站", grids=[GRID_B])  # another name is fine
    stations.revoke(harness.engine, first.station_id)
    again = stations.add(harness.engine, name="新兴社区网格服务站", grids=[GRID_A])  # the name of a revoked one
    assert again.station_id != first.station_id and len(stations.listing(harness.engine)) == 3


# -- OpenAPI ---------------------------------------------------------------------------------------

def test_openapi_describes_endpoints_models_errors_and_the_station_token(harness: Harness) -> None:
    schema = harness.client.get("/openapi.json").json()
    assert schema["components"]["securitySchemes"]["StationToken"]["scheme"] == "bearer"
    open_endpoints = {("get", "/api/v1/health"), ("post", "/api/v1/enrol")}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation.get("summary") and operation.get("description"), (method, path)
            secured = operation.get("security") == [{"StationToken": []}]
            assert secured == ((method, path) not in open_endpoints), (method, path)
            for status, answer in operation["responses"].items():
                if status != "200":
                    assert answer["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")
                    assert "`" in answer["description"]  # names its error codes
    push = schema["paths"]["/api/v1/push"]["post"]
    assert {"batch_reused", "token_revoked", "protocol_unsupported"} <= {
        word.strip("`") for word in push["description"].replace(",", " ").replace(";", " ").split()}
    enrol = schema["paths"]["/api/v1/enrol"]["post"]
    assert "enrolment_code_expired" in enrol["description"] and "403" in enrol["responses"]
    for name, model in schema["components"]["schemas"].items():
        assert model.get("description"), name
        for field, spec in model.get("properties", {}).items():
            assert spec.get("description"), f"{name}.{field}"


def test_the_bearer_scheme_changes_no_answer(harness: Harness) -> None:
    for headers in ({}, {"Authorization": "Basic abc"}, {"Authorization": "Bearer "},
                    {"Authorization": "Bearer not-a-token"}):
        response = harness.client.post("/api/v1/pull", json=harness.envelope(cursor=0), headers=headers)
        assert response.status_code == 401 and response.json()["error"] == "token_invalid", headers
