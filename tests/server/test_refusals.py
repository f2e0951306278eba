"""Refused requests: a clear {error, message}, a fitting status, nothing written, one audit entry."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from gridstation.server import stations
from gridstation.sync.protocol import MAX_BODY_BYTES, MIN_PROTOCOL, PROTOCOL
from tests.server.harness import EnrolledStation, Harness


def _refused(h: Harness, send: Callable[[], httpx.Response], status: int, error: str) -> dict[str, Any]:
    counts, audited = h.sync_counts(), len(h.refusals())
    response = send()
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert body["error"] == error and isinstance(body["message"], str) and body["message"]
    assert h.sync_counts() == counts
    refusals = h.refusals()
    assert len(refusals) == audited + 1 and refusals[-1].detail.startswith(f"{status} {error}")
    return body


def test_revoked_forged_and_missing_tokens(harness: Harness) -> None:
    a = harness.enrol()
    ops = [harness.create()]
    stations.revoke(harness.engine, a.id)
    _refused(harness, lambda: harness.push(a, ops), 401, "token_revoked")
    assert harness.last_refusal().station_id == a.id
    forged = EnrolledStation("x", a.token[:-2] + "zz")
    _refused(harness, lambda: harness.push(forged, ops), 401, "token_invalid")
    _refused(harness, lambda: harness.client.post("/api/v1/pull", json=harness.envelope(cursor=0)), 401,
             "token_invalid")
    assert a.token not in " ".join(r.detail for r in harness.refusals())


@pytest.mark.parametrize("content", [b"{not json", b"", b"[1, 2", b"{\"protocol\": 1,}"])
def test_malformed_json(harness: Harness, content: bytes) -> None:
    a = harness.enrol()
    headers = {**a.headers, "Content-Type": "application/json"}
    body = _refused(harness, lambda: harness.client.post("/api/v1/push", content=content, headers=headers), 400,
                    "malformed_json" if content else "invalid_request")
    assert "error" in body


@pytest.mark.parametrize("mutate", [
    lambda body: body | {"ops": "many"},
    lambda body: body | {"batch_id": 7},
    lambda body: body | {"ops": [body["ops"][0] | {"base_version": "one"}]},
    lambda body: body | {"ops": [body["ops"][0] | {"op": "upsert"}]},
    lambda body: body | {"ops": [body["ops"][0] | {"version": 0}]},
    lambda body: body | {"ops": [body["ops"][0] | {"payload": ["not", "an", "object"]}]},
    lambda body: {k: v for k, v in body.items() if k != "app_version"},
    lambda body: body | {"ops": [body["ops"][0] | {"version": 2**40}]},
    lambda body: body | {"ops": [body["ops"][0] | {"actor": "a\x00b"}]},
    lambda body: body | {"ops": [body["ops"][0] | {"payload": body["ops"][0]["payload"] | {"note": "\ud800"}}]},
])
def test_wrong_types_and_unstorable_values(harness: Harness, mutate: Callable[[dict[str, Any]], Any]) -> None:
    a = harness.enrol()
    # json.dumps escapes non-ASCII characters, so even a lone surrogate reaches the server intact.
    body = json.dumps(mutate(harness.envelope(batch_id="b", ops=[harness.create()])))
    headers = {**a.headers, "Content-Type": "application/json"}
    body_error = _refused(harness, lambda: harness.client.post("/api/v1/push", content=body, headers=headers), 400,
                          "invalid_request")
    assert body_error["message"]


def test_deeply_nested_payload_is_refused(harness: Harness) -> None:
    a = harness.enrol()
    op = harness.create()
    nested: Any = "leaf"
    for _ in range(500):
        nested = [nested]
    op["payload"]["note"] = nested
    _refused(harness, lambda: harness.push(a, [op]), 400, "invalid_request")


def test_oversize_body_is_refused_before_parsing(harness: Harness) -> None:
    a = harness.enrol()
    big = b'{"protocol": 1, "pad": "' + b"x" * (9 * 1024 * 1024) + b'"}'
    _refused(harness, lambda: harness.client.post("/api/v1/push", content=big, headers=a.headers), 413,
             "body_too_large")
    # A declared 100 MB body is refused on the header alone; the short body sent is never read.
    headers = {**a.headers, "Content-Length": str(100 * 1024 * 1024)}
    _refused(harness, lambda: harness.client.post("/api/v1/push", content=b"{}", headers=headers), 413,
             "body_too_large")
    assert harness.last_refusal().station_id == a.id


def test_a_body_just_under_the_cap_is_read(harness: Harness) -> None:
    a = harness.enrol()
    op = harness.create(note="x" * (MAX_BODY_BYTES - 2000))
    assert harness.results(a, [op])[0]["status"] == "applied"


def test_protocol_from_the_future_and_the_past(harness: Harness) -> None:
    a = harness.enrol()
    future = harness.envelope(batch_id="b", ops=[harness.create()]) | {"protocol": PROTOCOL + 1}
    body = _refused(harness, lambda: harness.client.post("/api/v1/push", json=future, headers=a.headers), 426,
                    "protocol_unsupported")
    assert (body["min_protocol"], body["max_protocol"]) == (MIN_PROTOCOL, PROTOCOL)
    # A newer protocol whose message no longer fits v1 is still told "unsupported", not "invalid".
    reshaped = {"protocol": PROTOCOL + 1, "changes_v2": []}
    _refused(harness, lambda: harness.client.post("/api/v1/pull", json=reshaped, headers=a.headers), 426,
             "protocol_unsupported")
    _refused(harness, lambda: harness.client.post("/api/v1/enrol", json={"protocol": 0}), 426,
             "protocol_unsupported")


def test_the_oldest_supported_protocol_is_accepted(harness: Harness) -> None:
    a = harness.enrol()
    response = harness.client.post("/api/v1/push", headers=a.headers, json=harness.envelope(
        batch_id="old", ops=[harness.create()]) | {"protocol": MIN_PROTOCOL, "field_from_v0": True})
    assert response.status_code == 200 and response.json()["results"][0]["status"] == "applied"


def test_unknown_paths_and_methods(harness: Harness) -> None:
    _refused(harness, lambda: harness.client.get("/api/v1/nothing"), 404, "not_found")
    _refused(harness, lambda: harness.client.get("/api/v1/push"), 405, "method_not_allowed")


def test_health_and_openapi(harness: Harness) -> None:
    health = harness.client.get("/api/v1/health").json()
    assert (health["min_protocol"], health["max_protocol"]) == (MIN_PROTOCOL, PROTOCOL)
    paths = harness.client.get("/openapi.json").json()["paths"]
    assert {"/api/v1/enrol", "/api/v1/push", "/api/v1/pull", "/api/v1/health"} <= set(paths)


def test_database_trouble_is_a_503_to_retry(harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    a = harness.enrol()

    def no_connection(*_args: Any, **_kwargs: Any) -> Any:
        raise sa.exc.TimeoutError("QueuePool limit of size 8 overflow 8 reached, connection timed out")

    monkeypatch.setattr(stations, "authenticate", no_connection)
    response = harness.push(a, [harness.create()])
    assert response.status_code == 503 and response.headers["Retry-After"] == "30"
    assert response.json()["error"] == "server_unavailable"
