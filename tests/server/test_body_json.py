"""Bodies parsed by orjson (``body_json``) mean what the standard library reads, and the checks
and digests that an exact body lets the push skip or take faster give the same verdicts."""

from __future__ import annotations

import json
import math
from typing import Any

import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from gridstation.server import push
from gridstation.server.body_json import dumps_sorted, loads
from gridstation.server.checks import _nesting_problem, text_problem
from gridstation.server.schema import batch
from gridstation.sync.protocol import PROTOCOL, PushRequest
from tests.server.harness import Harness

text = st.text(max_size=8) | st.sampled_from(["\x00", "网格", "𠀀", "a\\u0000", "\u2028"])
numbers = st.integers() | st.floats() | st.sampled_from([2**63, 2**64, -(2**63) - 1, 10**19, 1e400, -0.0])
documents = st.recursive(
    st.none() | st.booleans() | numbers | text,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(text, children, max_size=3),
    max_leaves=25,
)


def _same(a: Any, b: Any) -> bool:
    """Equal, with NaN equal to NaN and an int never equal to a float."""
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return bool(a == b)


@settings(max_examples=400, deadline=None)
@given(documents, st.booleans())
def test_a_body_means_what_the_standard_library_reads(document: Any, ascii_only: bool) -> None:
    body = json.dumps(document, ensure_ascii=ascii_only).encode()
    parsed, exact = loads(body)
    assert _same(parsed, json.loads(body))
    if exact:  # nothing orjson would have read differently, nothing the storage refuses
        assert text_problem(parsed) in (None, "The request is nested more than 64 levels deep.")
        again = json.loads(dumps_sorted(parsed))
        assert _same(again, parsed)


def test_bodies_orjson_reads_differently_go_to_the_standard_library() -> None:
    for body in (b"[18446744073709551616]", b"[1234567890123456789]", b'["a\\u0000"]', b"[NaN]", b"[1e400]",
                 b'["\\ud800"]'):
        parsed, exact = loads(body)
        assert not exact and _same(parsed, json.loads(body)), body
    assert loads(b'{"n":123456789012345678,"t":"\xe7\xbd\x91"}') == ({"n": 123456789012345678, "t": "网"}, True)


payloads = st.dictionaries(st.sampled_from(["title", "note", "extra", "list"]), documents, max_size=3)


@settings(max_examples=200, deadline=None)
@given(st.lists(payloads, min_size=1, max_size=3), st.dictionaries(st.sampled_from(["x", "y"]), documents, max_size=1))
def test_the_nesting_check_of_an_exact_push_is_the_full_check(payload_list: list[dict[str, Any]],
                                                              extra: dict[str, Any]) -> None:
    ops = [{"op_id": f"o{n}", "kind": "todo", "record_id": f"r{n}", "op": "create", "base_version": 0, "version": 1,
            "changed": [], "payload": payload, "actor": "u", "grid_code": "G", "created_at": "t"}
           for n, payload in enumerate(payload_list)]
    request = PushRequest.model_validate({"protocol": PROTOCOL, "app_version": "t", "batch_id": "b", "ops": ops,
                                          **extra})
    if text_problem(request) is None or "nested" in (text_problem(request) or ""):
        assert _nesting_problem(request) == text_problem(request)


def test_a_batch_stored_with_an_older_digest_is_still_recognised(harness: Harness) -> None:
    """Batches stored before exact digests keep their digest: a station re-sending one after the
    server's upgrade gets the stored answer, and a changed body is still refused."""
    a = harness.enrol()
    ops = [harness.create(title="升级前")]
    first = harness.push(a, ops, batch_id="b-old")
    request = PushRequest.model_validate(json.loads(first.request.content))
    with harness.engine.begin() as conn:
        conn.execute(sa.update(batch).where(batch.c.batch_id == "b-old").values(body_sha256=push.body_digest(request)))
    counts = harness.sync_counts()
    again = harness.push(a, ops, batch_id="b-old")
    assert again.status_code == 200 and again.content == first.content
    assert harness.push(a, [harness.create()], batch_id="b-old").status_code == 409
    assert harness.sync_counts() == counts


def test_an_exact_batch_and_its_replay_agree_with_the_standard_path(harness: Harness) -> None:
    """A payload with a 19-digit number takes the standard library's path, one without takes
    orjson's: both are stored as the same canonical JSON and answered alike."""
    a = harness.enrol()
    plain, big = harness.create(note="普通"), harness.create(note="大数", extra_count=10**19)
    results = harness.results(a, [plain]) + harness.results(a, [big])
    assert [r["status"] for r in results] == ["applied", "applied"]
    with harness.engine.connect() as conn:
        stored = dict(conn.execute(sa.text("SELECT record_id, payload FROM record")).all())
    for op in (plain, big):
        expected = json.dumps({**op["payload"], "version": 1, "deleted": False}, ensure_ascii=False, sort_keys=True,
                              separators=(",", ":"))
        assert stored[op["record_id"]] == expected
