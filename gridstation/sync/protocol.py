"""The station ⇄ district server sync protocol, version 2 (pydantic models shared by both sides).

Every request carries ``protocol`` (this module's ``PROTOCOL``) and ``app_version``; the server
accepts any protocol from ``MIN_PROTOCOL`` up to its own and refuses newer ones with
``protocol_unsupported`` (sync.md §10: old clients keep uploading). Authenticated requests send
``Authorization: Bearer <station token>``.

``POST /api/v1/enrol``  EnrolRequest → EnrolResponse: a one-time enrolment code becomes a
    long-lived, revocable station token bound to the station (sync.md §11).
``POST /api/v1/push``   PushRequest → PushResponse: one batch of outbox entries. Idempotent by
    ``batch_id`` (a repeated batch returns the stored answer; the same id with a different body is
    refused) and by ``op_id`` (an op already applied answers ``duplicate``). The server applies
    the batch in one transaction together with the record of what it applied (sync.md §3); the
    answer names the sequence numbers its changes got (``first_seq``..``last_seq``).
``POST /api/v1/pull``   PullRequest → PullResponse: changes after ``cursor`` (a server sequence,
    never a clock) for the grids the station serves, a page at a time; ``reset`` tells a station
    whose cursor the server does not know (e.g. a server restored from backup) to re-send and
    reload (sync.md §9). ``own_changes`` names the sequence numbers of the station's own pushes
    whose answers it stored; records whose latest change is one of those are left out. Fields a
    peer does not know are kept and ignored, so an older server sends those records too, and an
    older station, which names none, gets them as before.
``POST /api/v1/reference``  ReferenceRequest → ReferenceResponse (protocol 2): reference data the
    district publishes — the service catalogue when a version newer than the station's exists, and
    the names of the station's grids.
``GET /api/v1/attachments/{sha256}/state`` → AttachmentState (protocol 2): how much of an
    attachment the server holds, so an interrupted upload resumes where it stopped.
``PATCH /api/v1/attachments/{sha256}``  raw bytes, headers ``Upload-Offset`` and ``Upload-Length``
    → AttachmentState: appends one chunk (at most ``ATTACHMENT_CHUNK_BYTES``) at the offset the
    server reports; another offset answers 409 ``offset_mismatch`` with the right one. When the
    last byte arrives the server hashes the content: a mismatch discards it (422
    ``attachment_corrupt``). An attachment already complete answers its state at once.
``GET /api/v1/attachments/{sha256}``  (``Range: bytes=N-`` to resume) → the content, for the
    station that uploaded it or a station serving a grid with an ``attachment`` record naming it.
``GET /api/v1/health``  → Health.

Version 1 clients (no attachments, no reference data) keep pushing and pulling unchanged.

Op answers: ``applied`` (``server_version``/``server_payload`` are set when the server merged the
change with disjoint edits made elsewhere: the station stores that merged record), ``duplicate``,
``conflict`` (the same field was changed on both sides, or edit versus delete; both values are
kept for a person to decide) or ``rejected`` (``reason`` says why; the station quarantines it).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidatorFunctionWrapHandler, WrapValidator

from gridstation.domain.attachments import MAX_ATTACHMENT_BYTES as MAX_ATTACHMENT_BYTES  # the cap both sides use

PROTOCOL = 2
MIN_PROTOCOL = 1
MAX_OPS_PER_BATCH = 500
MAX_BODY_BYTES = 8 * 1024 * 1024
MAX_PULL_LIMIT = 1000
MAX_OWN_RANGES = 100  # ranges of its own changes a station names in a pull (``PullRequest.own_changes``)
ATTACHMENT_CHUNK_BYTES = 1024 * 1024
SHA256_PATTERN = r"^[0-9a-f]{64}$"

OpKind = Literal["create", "update", "delete"]
OpStatus = Literal["applied", "duplicate", "conflict", "rejected"]


def _object_as_parsed(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """A parsed JSON object is taken as it is: checking each value as ``Any`` would only copy it
    (two fifths of the time of validating a push). Anything else gets the usual check and error."""
    return value if type(value) is dict else handler(value)


# A record's payload: a JSON object of any fields (its kind's model checks them on the server).
JsonObject = Annotated[dict[str, Any], WrapValidator(_object_as_parsed)]


class _Message(BaseModel):
    # Unknown fields from a newer peer are kept, not dropped (sync.md §10).
    model_config = ConfigDict(extra="allow")


class Versioned(_Message):
    protocol: int = Field(ge=1)
    app_version: str = Field(max_length=40)


class EnrolRequest(Versioned):
    code: str = Field(min_length=4, max_length=40)
    station_name: str = Field(min_length=1, max_length=100)


class EnrolResponse(_Message):
    station_id: str
    token: str
    grids: list[str]
    server_id: str


class Op(_Message):
    op_id: str = Field(min_length=1, max_length=64)
    kind: str = Field(min_length=1, max_length=64)
    record_id: str = Field(min_length=1, max_length=64)
    op: OpKind
    base_version: int = Field(ge=0)
    version: int = Field(ge=1)
    changed: list[str] = Field(default_factory=list, max_length=200)
    payload: JsonObject
    actor: str = Field(max_length=64)
    grid_code: str = Field(max_length=32)
    created_at: str = Field(max_length=40)


class PushRequest(Versioned):
    batch_id: str = Field(min_length=1, max_length=64)
    ops: list[Op] = Field(max_length=MAX_OPS_PER_BATCH)
    backlog: int | None = Field(default=None, ge=0)  # changes still waiting on the station (for the district)


class OpResult(_Message):
    op_id: str
    status: OpStatus
    reason: str = ""
    server_version: int | None = None
    server_payload: JsonObject | None = None
    conflict_fields: list[str] = Field(default_factory=list)


class PushResponse(_Message):
    batch_id: str
    results: list[OpResult]
    # The server sequence numbers the batch's changes got, all of first_seq..last_seq (absent when
    # it wrote none). A station that stores them with the answers names them when it pulls.
    first_seq: int | None = None
    last_seq: int | None = None


Seq = Annotated[int, Field(ge=1)]


class PullRequest(Versioned):
    cursor: int = Field(ge=0)
    limit: int = Field(default=500, ge=1, le=MAX_PULL_LIMIT)
    backlog: int | None = Field(default=None, ge=0)
    # (first_seq, last_seq) of pushes whose answers the station has stored: a record whose latest
    # change is the station's own change numbered in one of them is the version the station holds,
    # so the page leaves it out (a station does not download again what it has just uploaded).
    own_changes: list[tuple[Seq, Seq]] = Field(default_factory=list, max_length=MAX_OWN_RANGES)


class Change(_Message):
    seq: int
    kind: str
    record_id: str
    version: int
    grid_code: str
    deleted: bool
    payload: JsonObject
    origin_station: str


class PullResponse(_Message):
    changes: list[Change]
    cursor: int
    more: bool
    reset: bool = False


class ReferenceRequest(Versioned):
    catalogue_version: int = Field(default=0, ge=0)  # the version the station holds; 0 = none


class Catalogue(_Message):
    version: int
    published_at: str
    document: dict[str, Any] | list[Any]


class GridName(_Message):
    code: str
    name: str
    community: str


class ReferenceResponse(_Message):
    catalogue: Catalogue | None = None  # only when newer than the station's
    grids: list[GridName] = Field(default_factory=list)


class AttachmentState(_Message):
    sha256: str
    length: int | None  # None: the server holds nothing of it yet
    offset: int  # bytes received so far
    complete: bool


class Health(_Message):
    server_id: str
    min_protocol: int
    max_protocol: int


class ErrorBody(_Message):
    error: str  # a stable code, e.g. "protocol_unsupported", "batch_reused", "token_revoked"
    message: str  # plain words for the sync page
