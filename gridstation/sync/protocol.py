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

Batch size: every server takes batches of ``BASE_OPS_PER_BATCH`` ops. A server that takes more
says so in each push answer (``PushResponse.max_ops``); a station sends larger batches only once
an answer has said so, so an older server, which says nothing, never gets one it would refuse.

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
BASE_OPS_PER_BATCH = 500  # every district server takes batches of this many ops
# What this server takes in one batch, and the largest batch this station sends (to a server that
# says it takes it): a station catching up on a backlog of weeks does half the round trips and
# transactions of batches of 500 (a lone station's push was a tenth faster).
MAX_OPS_PER_BATCH = 1000
MAX_BODY_BYTES = 8 * 1024 * 1024
MAX_PULL_LIMIT = 1000
# The payloads of one pull page at most (the first record always goes): a page a poor connection
# can finish. A page is fetched whole or again from its start, so on a line that drops every few
# megabytes a page of 500 large records would never arrive. (500 everyday records, some 700 bytes
# each, stay under it by ``first_within``'s quick count, so they are not counted byte by byte.)
PULL_PAGE_BYTES = 2 * 1024 * 1024
MAX_OWN_RANGES = 100  # ranges of its own changes a station names in a pull (``PullRequest.own_changes``)
ATTACHMENT_CHUNK_BYTES = 1024 * 1024
SHA256_PATTERN = r"^[0-9a-f]{64}$"


def first_within(texts: list[str], limit: int) -> int:
    """How many of ``texts``, from the first, come to ``limit`` bytes of UTF-8 at most (the first
    always counts): how a push batch or a pull page is cut to size."""
    if sum(map(len, texts)) * 4 <= limit:  # 4 bytes a character at most: everyday records, nothing to count
        return len(texts)
    total = 0
    for count, item in enumerate(texts):
        total += len(item.encode())
        if total > limit and count:
            return count
    return len(texts)


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
    """Fields every request carries (sync.md §10)."""

    protocol: int = Field(ge=1, description="The sender's protocol version (this module's ``PROTOCOL``); the "
                          "server refuses one outside its range with 426 ``protocol_unsupported``.")
    app_version: str = Field(max_length=40, description="The station app's version, shown in ``station list``.")


class EnrolRequest(Versioned):
    """A one-time enrolment code, to be exchanged for a station token."""

    code: str = Field(min_length=4, max_length=40, description="The enrolment code from the district (e.g. "
                      "``K7QM-2XPD``; dashes, spaces and case are ignored).")
    station_name: str = Field(min_length=1, max_length=100, description="What the station calls itself (for the "
                              "server's audit log; the district's name for the station is kept).")


class EnrolResponse(_Message):
    """The station's identity and its long-lived token (shown only this once)."""

    station_id: str = Field(description="The district's id of the station.")
    token: str = Field(description="The station token, sent as ``Authorization: Bearer <token>`` from now on.")
    grids: list[str] = Field(description="The grid codes the station serves (may write and receives).")
    server_id: str = Field(description="The server's id, as in ``Health``.")


class Op(_Message):
    """One outbox entry: a change the station made to one record."""

    op_id: str = Field(min_length=1, max_length=64, description="The entry's id, unique for ever: an op "
                       "already applied answers ``duplicate``.")
    kind: str = Field(min_length=1, max_length=64, description="The record kind (e.g. ``todo``, ``diary_day``).")
    record_id: str = Field(min_length=1, max_length=64, description="The record's id, named by the station "
                           "(UUIDv7).")
    op: OpKind = Field(description="``create``, ``update`` or ``delete`` (a tombstone).")
    base_version: int = Field(ge=0, description="The record version the change was made from (0 for a create).")
    version: int = Field(ge=1, description="The record version after the change.")
    changed: list[str] = Field(default_factory=list, max_length=200, description="The fields the change set: "
                               "disjoint changes made elsewhere are merged, the same field is a conflict.")
    payload: JsonObject = Field(description="The whole record after the change (its kind's model checks it).")
    actor: str = Field(max_length=64, description="The local user who made the change.")
    grid_code: str = Field(max_length=32, description="The record's grid; the station must serve it.")
    created_at: str = Field(max_length=40, description="When the station made the change (its clock: for "
                            "display only, never for ordering).")


class PushRequest(Versioned):
    """One batch of outbox entries, applied in one transaction."""

    batch_id: str = Field(min_length=1, max_length=64, description="The batch's id: the same id again gets the "
                          "stored answer; with a different body it is refused 409 ``batch_reused``.")
    ops: list[Op] = Field(max_length=MAX_OPS_PER_BATCH, description=f"At most {MAX_OPS_PER_BATCH} entries, "
                          f"oldest first ({BASE_OPS_PER_BATCH} before an answer's ``max_ops`` said more).")
    backlog: int | None = Field(default=None, ge=0, description="Changes still waiting on the station after "
                                "this batch (shown in the district's ``station list``).")


class OpResult(_Message):
    """The answer about one op."""

    op_id: str = Field(description="The op answered.")
    status: OpStatus = Field(description="``applied``, ``duplicate`` (already applied), ``conflict`` (kept with "
                             "both values for a person to decide) or ``rejected`` (see ``reason``).")
    reason: str = Field(default="", description="Why the op was rejected (the station quarantines it).")
    server_version: int | None = Field(default=None, description="With ``applied``: the version of the record "
                                       "the server merged with disjoint edits made elsewhere; with ``conflict``: "
                                       "the server's version.")
    server_payload: JsonObject | None = Field(default=None, description="The server's record (the merged one, "
                                              "which the station stores, or the conflicting one).")
    conflict_fields: list[str] = Field(default_factory=list, description="The fields changed on both sides.")


class PushResponse(_Message):
    """The answers to one batch."""

    batch_id: str = Field(description="The batch answered.")
    results: list[OpResult] = Field(description="One answer per op; an op not answered is sent again later.")
    # A station that stores them with the answers names them when it pulls (``PullRequest.own_changes``).
    first_seq: int | None = Field(default=None, description="The first server sequence number the batch's "
                                  "changes got (absent when it wrote none); they got all of first_seq..last_seq.")
    last_seq: int | None = Field(default=None, description="The last server sequence number the batch's "
                                 "changes got.")
    max_ops: int | None = Field(default=None, ge=1, description="The most ops the server takes in one batch; "
                                f"absent from older servers, which take {BASE_OPS_PER_BATCH}.")


Seq = Annotated[int, Field(ge=1)]


class PullRequest(Versioned):
    """A request for the changes of the station's grids after ``cursor``."""

    cursor: int = Field(ge=0, description="The server sequence number of the last change applied (0: none).")
    limit: int = Field(default=500, ge=1, le=MAX_PULL_LIMIT, description="At most this many changes in the page.")
    backlog: int | None = Field(default=None, ge=0, description="Changes still waiting on the station (0 after a "
                                "complete push; shown in the district's ``station list``).")
    # A record whose latest change is the station's own change numbered in one of them is the version
    # the station holds, so the page leaves it out (a station does not download again what it uploaded).
    own_changes: list[tuple[Seq, Seq]] = Field(
        default_factory=list, max_length=MAX_OWN_RANGES,
        description="(first_seq, last_seq) of the station's pushes whose answers it has stored: records whose "
                    "latest change is one of those are left out of the page.")


class Change(_Message):
    """One change to a record of the station's grids."""

    seq: int = Field(description="The server sequence number of the change.")
    kind: str = Field(description="The record kind.")
    record_id: str = Field(description="The record's id.")
    version: int = Field(description="The record version after the change.")
    grid_code: str = Field(description="The record's grid.")
    deleted: bool = Field(description="True for a tombstone.")
    payload: JsonObject = Field(description="The whole record.")
    origin_station: str = Field(description="The id of the station that made the change.")


class PullResponse(_Message):
    """One page of changes."""

    changes: list[Change] = Field(description="Changes after the request's cursor, oldest first.")
    cursor: int = Field(description="The cursor to store with this page and send next.")
    more: bool = Field(description="Another page follows.")
    reset: bool = Field(default=False, description="The server does not know the request's cursor (e.g. it was "
                        "restored from a backup): re-send every local change and reload from cursor 0.")


class ReferenceRequest(Versioned):
    """A request for the reference data the district publishes."""

    catalogue_version: int = Field(default=0, ge=0, description="The catalogue version the station holds "
                                   "(0: none).")


class Catalogue(_Message):
    """A published service catalogue."""

    version: int = Field(description="The district's version number of the catalogue.")
    published_at: str = Field(description="When it was published (ISO 8601, UTC).")
    document: dict[str, Any] | list[Any] = Field(description="The catalogue (``{\"version\": N, \"items\": "
                                                 "[...]}``).")


class GridName(_Message):
    """The name of a grid the station serves."""

    code: str = Field(description="The grid code (e.g. ``230204001003-001U``).")
    name: str = Field(description="The grid's name.")
    community: str = Field(description="The name of its community or village.")


class ReferenceResponse(_Message):
    """Reference data for the station."""

    catalogue: Catalogue | None = Field(default=None, description="Only when newer than the station's.")
    grids: list[GridName] = Field(default_factory=list, description="The grids the station serves.")


class AttachmentState(_Message):
    """How much of an attachment the server holds."""

    sha256: str = Field(description="The attachment's name: the SHA-256 of its content.")
    length: int | None = Field(description="Its length in bytes; null when the server holds nothing of it yet.")
    offset: int = Field(description="Bytes received so far: where an upload resumes.")
    complete: bool = Field(description="All bytes arrived and their hash matched.")


class Health(_Message):
    """The server's identity and the protocols it serves."""

    server_id: str = Field(description="The server's id, the same for the life of its database.")
    min_protocol: int = Field(description="The oldest protocol the server accepts.")
    max_protocol: int = Field(description="The newest protocol the server accepts.")


class ErrorBody(_Message):
    """A refusal. Some carry more fields (``details`` for ``invalid_request``; ``min_protocol`` and
    ``max_protocol`` for ``protocol_unsupported``; ``offset`` for ``offset_mismatch``)."""

    error: str = Field(description="A stable code, e.g. ``protocol_unsupported``, ``batch_reused``, "
                       "``token_revoked``.")
    message: str = Field(description="Plain words for the sync page.")
