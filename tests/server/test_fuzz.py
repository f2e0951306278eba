"""Fuzzing the API with hypothesis: no input makes the server answer 5xx (or crash: the
TestClient re-raises unhandled exceptions), and a refused request leaves no sync data behind."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gridstation.sync.protocol import EnrolRequest, Op, PullRequest, PushRequest
from tests.server.harness import GRID_A, GRID_B, GRID_OTHER, Harness

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)
# Model fields get text without NUL (which the server refuses whole) so that valid-looking requests
# get through to the apply paths; the raw JSON values keep NUL and everything else.
no_nul = st.characters(codec="utf-8", exclude_characters="\x00")
short_text = st.text(no_nul, min_size=1, max_size=20)
kinds = st.sampled_from(["todo", "diary_day", "diary_item", "no_such_kind"]) | short_text
grids = st.sampled_from([GRID_A, GRID_B, GRID_OTHER]) | st.text(no_nul, max_size=32)
record_ids = st.sampled_from(["r1", "r2", "r3"]) | short_text
payloads = st.fixed_dictionaries(
    {"id": record_ids, "grid_code": grids, "author": short_text, "created_at": short_text,
     "updated_at": short_text, "title": st.text(no_nul, max_size=20) | st.integers()},
    optional={"done": st.booleans() | json_values, "note": json_values, "deleted": st.booleans(),
              "version": st.integers(min_value=-2, max_value=10)},
)



@st.composite
def coherent_ops(draw: st.DrawFn) -> Op:
    """Ops that could have come from a station (right shapes, known kind), so that fuzzing also
    reaches the apply, merge and conflict paths rather than only the rejections."""
    record_id, grid = draw(st.sampled_from(["r1", "r2", "r3"])), draw(st.sampled_from([GRID_A, GRID_B, GRID_OTHER]))
    base = draw(st.integers(0, 4))
    version = base + 1
    payload = {"id": record_id, "grid_code": grid, "author": "u1", "created_at": "t", "updated_at": "t",
               "title": draw(st.sampled_from(["甲", "乙"])), "note": draw(st.text(no_nul, max_size=5)),
               "done": draw(st.booleans()), "version": version, "deleted": False}
    return Op(op_id=draw(st.uuids().map(str)), kind="todo", record_id=record_id,
              op=draw(st.sampled_from(["create", "update", "delete"])), base_version=base, version=version,
              changed=draw(st.lists(st.sampled_from(["title", "note", "done"]), unique=True)), payload=payload,
              actor="u1", grid_code=grid, created_at="t")


ops = coherent_ops() | st.builds(
    Op, op_id=st.sampled_from(["o1", "o2"]) | st.uuids().map(str), kind=kinds, record_id=record_ids,
    op=st.sampled_from(["create", "update", "delete"]), base_version=st.integers(0, 4), version=st.integers(1, 5),
    changed=st.lists(st.sampled_from(["title", "done", "note", "id", "grid_code", "version"]), max_size=4),
    payload=payloads, actor=st.text(no_nul, max_size=64), grid_code=grids,
    created_at=st.text(no_nul, max_size=40),
)
pushes = st.builds(PushRequest, protocol=st.sampled_from([1, 1, 1, 2]), app_version=st.text(no_nul, max_size=40),
                   batch_id=st.uuids().map(str) | st.uuids().map(str) | st.just("b1"), ops=st.lists(ops, max_size=4))
pulls = st.builds(PullRequest, protocol=st.integers(1, 2), app_version=st.text(no_nul, max_size=40),
                  cursor=st.integers(0, 2**70), limit=st.integers(1, 1000))
enrols = st.builds(EnrolRequest, protocol=st.integers(1, 3), app_version=st.text(no_nul, max_size=40),
                   code=st.text(no_nul, min_size=4, max_size=40),
                   station_name=st.text(no_nul, min_size=1, max_size=100))


def _dump(model: Any) -> Any:
    return model.model_dump(mode="json")


@st.composite
def requests(draw: st.DrawFn) -> tuple[str, bytes]:
    path = draw(st.sampled_from(["/api/v1/push", "/api/v1/pull", "/api/v1/enrol"]))
    model = {"/api/v1/push": pushes, "/api/v1/pull": pulls, "/api/v1/enrol": enrols}[path]
    body = draw(model.map(_dump) | json_values | model.map(_dump).flatmap(
        lambda valid: st.dictionaries(st.sampled_from(sorted(valid)), json_values).map(lambda bad: valid | bad)))
    raw = json.dumps(body).encode()
    if draw(st.integers(0, 9)) == 0:  # now and then, broken bytes
        raw = raw[: draw(st.integers(0, len(raw)))] + draw(st.binary(max_size=8))
    return path, raw


@pytest.fixture
def station_headers(harness: Harness) -> dict[str, str]:
    return {**harness.enrol("A", GRID_A, GRID_B).headers, "Content-Type": "application/json"}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(request=requests(), authenticated=st.booleans())
def test_no_input_crashes_the_server_or_leaves_a_trace_when_refused(
    harness: Harness, station_headers: dict[str, str], request: tuple[str, bytes], authenticated: bool
) -> None:
    path, raw = request
    headers = station_headers if authenticated else {"Content-Type": "application/json"}
    counts, refusals = harness.sync_counts(), len(harness.refusals())
    response = harness.client.post(path, content=raw, headers=headers)
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        body = response.json()
        assert isinstance(body["error"], str) and isinstance(body["message"], str)
        assert harness.sync_counts() == counts
        assert len(harness.refusals()) == refusals + 1
    elif path == "/api/v1/push":
        after = harness.sync_counts()
        assert after["batch"] in (counts["batch"], counts["batch"] + 1)


# -- protocol 2: reference data and attachments ----------------------------------------------------

REAL = b"\x89PNG\r\n\x1a\n a real photo"
REAL_SHA = __import__("hashlib").sha256(REAL).hexdigest()
names = st.sampled_from([REAL_SHA, "0" * 64]) | st.text(min_size=1, max_size=70).map(lambda t: quote(t, safe=""))
header_text = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=12)  # what HTTP carries
header_numbers = st.integers(-5, 2**65).map(str) | header_text


@st.composite
def attachment_requests(draw: st.DrawFn) -> tuple[str, str, dict[str, str], bytes]:
    name = draw(names)
    action = draw(st.sampled_from(["patch", "state", "download", "reference"]))
    if action == "reference":
        body = draw(st.fixed_dictionaries({"protocol": st.integers(1, 3), "app_version": st.text(max_size=8),
                                           "catalogue_version": st.integers(-3, 2**40) | json_values}))
        return "POST", "/api/v1/reference", {"Content-Type": "application/json"}, json.dumps(body).encode()
    if action == "state":
        return "GET", f"/api/v1/attachments/{name}/state", {}, b""
    if action == "download":
        headers = {"Range": draw(st.sampled_from(["bytes=0-", "bytes=5-", "bytes=999-", "items=1-2", "bytes=-3"])
                                 | header_text)} if draw(st.booleans()) else {}
        return "GET", f"/api/v1/attachments/{name}", headers, b""
    data = draw(st.sampled_from([REAL[:10], REAL[10:], REAL, b""]) | st.binary(max_size=40))
    headers = {"Upload-Offset": draw(st.sampled_from(["0", "10"]) | header_numbers),
               "Upload-Length": draw(st.just(str(len(REAL))) | header_numbers)}
    return "PATCH", f"/api/v1/attachments/{name}", headers, data


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(request=attachment_requests(), authenticated=st.booleans())
def test_no_attachment_or_reference_request_crashes_the_server(
    harness: Harness, station_headers: dict[str, str], request: tuple[str, str, dict[str, str], bytes],
    authenticated: bool,
) -> None:
    method, path, headers, body = request
    if authenticated:
        headers = {**headers, "Authorization": station_headers["Authorization"]}
    refusals = len(harness.refusals())
    response = harness.client.request(method, path, headers=headers, content=body)
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        answer = response.json()
        assert isinstance(answer["error"], str) and isinstance(answer["message"], str)
        assert len(harness.refusals()) == refusals + 1
    if method == "GET" and path.endswith(REAL_SHA) and response.status_code in (200, 206):
        assert REAL.endswith(response.content)  # whatever was stored is the real content or nothing
