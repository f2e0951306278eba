"""The part of a push worked out from the request alone, before its transaction takes any lock
(``prepare``): the batch's digest, and each create's payload checked and in stored form; also
the helpers both phases share (the check of a payload, the JSON of an answer).
"""
from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from typing import Any

import orjson

from gridstation.server.body_json import dumps_sorted
from gridstation.server.kinds import NOT_FINITE, KindRegistry, payload_problem
from gridstation.sync.protocol import Op, OpResult, PushRequest

# Fields an op's ``changed`` list can never overwrite: identity, placement and the version itself.
PROTECTED = frozenset({"id", "grid_code", "version", "deleted"})


# What json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")) builds per call.
_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
_CANONICAL_FINITE = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


def dumps(value: Any) -> str:
    return _CANONICAL.encode(value)


def _stored_form(payload: dict[str, Any]) -> str | None:
    """The payload as stored (``dumps``), or None when a number in it is not finite."""
    try:
        return _CANONICAL_FINITE.encode(payload)
    except ValueError:
        return None


def _stored_form_exact(payload: dict[str, Any]) -> str | None:
    """``_stored_form`` for a payload made of an exact body's values (``body_json``) and stored
    ones, which are finite: the same document, serialised by orjson."""
    try:
        return dumps_sorted(payload)
    except TypeError:  # an integer beyond 64 bits, stored before
        return _stored_form(payload)


def body_digest(request: PushRequest) -> str:
    """SHA-256 of the batch's canonical content: its id and ops. The envelope (protocol,
    app_version, extra fields) is left out, so a station upgraded between two tries of the same
    batch is still recognised."""
    body = request.model_dump(mode="json", include={"batch_id", "ops"})  # {"batch_id": …, "ops": [op, …]}
    return hashlib.sha256(dumps(body).encode("utf-8")).hexdigest()


def exact_digest(document: dict[str, Any]) -> str:
    """``body_digest`` for an exact body (``body_json``), from the parsed document: its id and ops
    as sent, serialised by orjson. A batch is always tried with the same body, so it always gets
    the same kind of digest; a digest stored by an older server is ``body_digest``'s (``push``
    compares with that one when the first differs)."""
    content = {"batch_id": document.get("batch_id"), "ops": document.get("ops")}
    return hashlib.sha256(orjson.dumps(content, option=orjson.OPT_SORT_KEYS)).hexdigest()  # dumps_sorted's bytes


@dataclass(frozen=True, slots=True)
class Prepared:
    """What applying a batch needs that depends on the request alone, worked out before the lock
    is taken (``prepare``), so that pushes hold the lock only for what needs it: the digest, and
    for each create its checked payload in stored form, as ``check_payload`` answers."""

    digest: str
    creates: dict[int, CheckedCreate]  # by the op's index in the batch
    exact: bool = False  # the body was exact (``body_json``): payloads are serialised by orjson


@dataclass(slots=True)
class CheckedCreate:
    """A create op's record as it would be written, and the answer if it is (``push`` writes it as checked here)."""

    payload: dict[str, Any]
    problem: str
    text: str | None  # the stored form; None when the payload is refused (``problem`` says why)
    changed: tuple[str, ...]
    answer: str  # "applied", as JSON (``applied_answer``)


def answer_json(result: OpResult) -> str:
    """An op's answer as JSON, without the fields that hold their defaults (an empty reason, no
    server version or payload, no conflict fields): a station reads them back as the defaults, and
    most answers of a push are then a third of the size, to store, send and read."""
    return result.model_dump_json(exclude_defaults=True)


# answer_json(OpResult(op_id=…, status="applied")), after the op id: most answers of a push.
_APPLIED_REST = answer_json(OpResult(op_id="", status="applied")).removeprefix('{"op_id":""')


def applied_answer(op_id: str) -> str:
    """``answer_json(OpResult(op_id=op_id, status="applied"))``, without building the model."""
    return '{"op_id":' + dumps_sorted(op_id) + _APPLIED_REST


def prepare(request: PushRequest, kinds: KindRegistry, *, document: dict[str, Any] | None = None) -> Prepared:
    """``document``: the parsed body when it was exact (``body_json``), else None."""
    exact = document is not None
    creates: dict[int, CheckedCreate] = {}
    for index, op in enumerate(request.ops):
        model = kinds.get(op.kind)
        if op.op == "create" and op.base_version == 0 and model is not None:
            payload = with_state(op.payload, op.version, deleted=False)
            problem, text = check_payload(model, op, payload, exact=exact)
            creates[index] = CheckedCreate(payload, problem, text, created_fields(payload), applied_answer(op.op_id))
    digest = exact_digest(document) if document is not None else body_digest(request)
    return Prepared(digest, creates, exact)


def check_payload(model: Any, op: Op, payload: dict[str, Any], *, exact: bool) -> tuple[str, str | None]:
    """(why the payload is refused, "") or ("", its stored form): the payload is checked and
    serialised once (the serialisation is the check that its numbers are finite; in an exact
    body they are)."""
    problem = payload_problem(model, payload, record_id=op.record_id, grid_code=op.grid_code, check_finite=False)
    if problem:
        return problem, None
    text = _stored_form_exact(payload) if exact else _stored_form(payload)
    return ("", text) if text is not None else (NOT_FINITE, None)


def created_fields(payload: dict[str, Any]) -> tuple[str, ...]:
    """The fields a create sets: all but the protected ones, sorted (one tuple shared by every
    payload with the same keys)."""
    return _fields_of(tuple(payload))


@functools.lru_cache(maxsize=1024)  # the creates of a batch mostly share one set of keys
def _fields_of(keys: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(set(keys) - PROTECTED))


def with_state(payload: dict[str, Any], version: int, *, deleted: bool) -> dict[str, Any]:
    """The payload with ``version``/``deleted`` matching the record's columns: ``payload`` itself
    when they match already (as a station sends them; payloads are never changed in place)."""
    held_version, held_deleted = payload.get("version"), payload.get("deleted")
    if type(held_version) is int and held_version == version and held_deleted is deleted:
        return payload
    return {**payload, "version": version, "deleted": deleted}
