"""The district server's HTTP API: protocol 2 (``gridstation.sync.protocol``) on FastAPI.

``create_app()`` migrates the database and returns the app. Handlers are plain functions, which
FastAPI runs on its thread pool; all state lives in the database, so any number of processes may
serve one PostgreSQL database. OpenAPI is at ``/openapi.json`` (no docs pages: they would load
scripts from the internet); it names the station token as the ``StationToken`` Bearer scheme and
lists, for each endpoint, the error codes it may answer.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import Depends, FastAPI, Header, Request, Security
from fastapi.responses import Response, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

import gridstation
from gridstation.server import attachments, audit, body_json, clock, database, district, pull, push, stations
from gridstation.server.body_limit import BodyLimit
from gridstation.server.checks import backlog, check_request
from gridstation.server.errors import ApiError
from gridstation.server.kinds import KindRegistry, default_registry
from gridstation.server.push_groups import PushGroups
from gridstation.server.push_prepare import prepare as prepare_push
from gridstation.server.refusals import STATION_ID, Refusals
from gridstation.server.schema import community, grid, server_info
from gridstation.sync.protocol import (
    MAX_BODY_BYTES,
    MIN_PROTOCOL,
    PROTOCOL,
    AttachmentState,
    Catalogue,
    EnrolRequest,
    EnrolResponse,
    ErrorBody,
    GridName,
    Health,
    PullRequest,
    PullResponse,
    PushRequest,
    PushResponse,
    ReferenceRequest,
    ReferenceResponse,
)

# The server's settings live with its database code (the admin command line needs them without FastAPI).
APP_NAME, ENV_DB, ENV_DATA_DIR = database.APP_NAME, database.ENV_DB, database.ENV_DATA_DIR
default_data_dir, resolve_url = database.default_data_dir, database.resolve_url

# What each refusal status means (every refusal is an ``ErrorBody``: a stable ``error`` code and a message).
_STATUS_WORDS = {
    400: "Malformed or invalid request: `malformed_json`, `invalid_request` (``details`` names the fields).",
    401: "Not accepted: the station token (`token_invalid`, `token_revoked`) or, for enrolment, the code "
         "(`enrolment_code_invalid`, `enrolment_code_used`, `enrolment_code_expired`).",
    403: "`station_revoked`: the station of this enrolment code has been revoked.",
    404: "`not_found`: no such attachment for this station.",
    409: "`batch_reused` (push), `offset_mismatch` or `length_mismatch` (attachment upload).",
    413: "`body_too_large` (over 8 MiB), `chunk_too_large`, `attachment_too_large`.",
    416: "`range_not_satisfiable`: only `Range: bytes=N-` within the attachment is served.",
    422: "`attachment_corrupt`: the complete upload does not hash to its name; it was discarded.",
    426: "`protocol_unsupported`: the request's `protocol` is outside the server's `min_protocol`..`max_protocol`.",
    503: "`server_unavailable`: the database is busy or unreachable, or another request wrote the same records "
         "at that moment; send the same request again after `Retry-After` seconds.",
}


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for the refusals an endpoint may answer."""
    return {status: {"model": ErrorBody, "description": _STATUS_WORDS[status]} for status in (*statuses, 503)}


_AUTH = (401,)  # any endpoint that takes a station token
_BODY = (400, 413, 426)  # any endpoint that takes a JSON body

# The station token in the schema. Only declared here: ``auto_error=False`` leaves every refusal
# to ``stations.authenticate``, so the answers stay the protocol's ``ErrorBody`` (``token_invalid``).
_BEARER = HTTPBearer(
    scheme_name="StationToken", auto_error=False,
    description="The station token from `POST /api/v1/enrol` (`Authorization: Bearer <token>`). A request "
                "without one, or with an unknown token, is refused 401 `token_invalid`; a token of a revoked "
                "station, or one withdrawn by a new enrolment code, 401 `token_revoked`.")


def _authenticated(request: Request,
                   _declared: Annotated[HTTPAuthorizationCredentials | None, Security(_BEARER)]
                   ) -> stations.StationRef:
    """The calling station, from its Bearer token (refused with 401 when unknown or revoked).
    The header is read here rather than from ``_declared``, which exists for the schema."""
    with database.lookup(request.app.state.engine) as conn:
        station = stations.authenticate(conn, request.headers.get("authorization"))
    request.scope[STATION_ID] = station.id
    return station


Station = Annotated[stations.StationRef, Depends(_authenticated)]


@dataclass(frozen=True, slots=True)
class _Push:
    """A push waiting for its group: the batch, prepared, and the backlog its station reported."""

    batch: push.Batch
    backlog: int | None


def create_app(database_url: str | None = None, *, data_dir: Path | str | None = None, migrate: bool = True,
               kinds: KindRegistry | None = None) -> FastAPI:
    engine = database.make_engine(resolve_url(database_url, data_dir))
    if migrate:
        database.migrate(engine)
    with database.read(engine) as conn:
        server_id = str(conn.execute(sa.select(server_info.c.value).where(server_info.c.key == "server_id"))
                        .scalar_one())
    registry = dict(kinds) if kinds is not None else default_registry()
    refusals = Refusals(engine)


    def apply_pushes(waiting: list[_Push]) -> list[str | Exception]:
        now = clock.now()
        with database.write(engine) as conn:
            answers: list[str | Exception] = list(push.push_group(conn, [p.batch for p in waiting], kinds=registry,
                                                                  at=clock.iso(now)))
            for p, answer in zip(waiting, answers, strict=True):
                station, request = p.batch.station, p.batch.request
                if isinstance(answer, str) and stations.needs_touch(
                        station, protocol=request.protocol, app_version=request.app_version, backlog=p.backlog,
                        now=now):
                    stations.touch(conn, station.id, protocol=request.protocol, app_version=request.app_version,
                                   backlog=p.backlog, now=now)
        return answers

    pushes = PushGroups(apply_pushes)  # one group at a time, in arrival order

    app = FastAPI(title="GridStation district server", version=gridstation.__version__,
                  openapi_url="/openapi.json", docs_url=None, redoc_url=None)
    app.router.route_class = body_json.JsonRoute  # request bodies parsed by orjson
    app.state.engine = engine
    app.state.server_id = server_id
    refusals.install(app)
    app.add_middleware(BodyLimit, limit=MAX_BODY_BYTES, refuse=refusals.refuse_raw)

    @app.get("/api/v1/health", response_model=Health, summary="Server identity and protocol range",
             description="Needs no token. `server_id` stays the same for the life of the database (a "
                         "station compares it to notice a different server); a station may use protocols "
                         "`min_protocol`..`max_protocol`.")
    def health() -> Health:
        return Health(server_id=server_id, min_protocol=MIN_PROTOCOL, max_protocol=PROTOCOL)

    @app.post("/api/v1/enrol", response_model=EnrolResponse, responses=_errors(*_BODY, 401, 403),
              summary="Exchange a one-time enrolment code for a station token",
              description="Needs no token. The code (from `station add` or `station code`, valid 7 days, "
                          "dashes and case ignored) works once; the answer holds the station's long-lived "
                          "token, shown only this once. A token the station held before stops working.\n\n"
                          "Errors: 400 `malformed_json`, `invalid_request`; 401 `enrolment_code_invalid`, "
                          "`enrolment_code_used`, `enrolment_code_expired`; 403 `station_revoked`; 413 "
                          "`body_too_large`; 426 `protocol_unsupported`; 503 `server_unavailable`.")
    def enrol(body: EnrolRequest) -> EnrolResponse:
        check_request(body)
        now = clock.now()
        with database.write(engine) as conn:
            station, token = stations.enrol(conn, code=body.code, now=now)
            stations.touch(conn, station.id, protocol=body.protocol, app_version=body.app_version, backlog=None,
                           now=now)
            audit.append(conn, action="enrol", station_id=station.id, success=True,
                         detail=f"enrolled; the station calls itself {body.station_name!r}, app {body.app_version}")
        return EnrolResponse(station_id=station.id, token=token, grids=sorted(station.grids), server_id=server_id)

    @app.post("/api/v1/push", response_model=PushResponse, responses=_errors(*_BODY, *_AUTH, 409),
              summary="Send one batch of outbox entries",
              description="Applies the batch in one transaction and answers each op `applied`, `duplicate`, "
                          "`conflict` or `rejected` (a refused op is an answer, not an error). Idempotent: the "
                          "same `batch_id` again returns the stored answer byte for byte. `backlog` (changes "
                          "still waiting on the station) is shown in `station list`.\n\n"
                          "Errors: 400 `malformed_json`, `invalid_request`; 401 `token_invalid`, "
                          "`token_revoked`; 409 `batch_reused` (the same `batch_id` with a different body); "
                          "413 `body_too_large`; 426 `protocol_unsupported`; 503 `server_unavailable` (send "
                          "the same batch again).")
    def push_batch(body: PushRequest, station: Station, request: Request) -> Response:
        document = request.scope.get(body_json.EXACT_DOCUMENT)  # a push body is an object when valid
        exact = isinstance(document, dict)
        check_request(body, exact=exact)
        # Prepared in the request's own thread while the push before it is applied: only what
        # needs the records' state waits in line for the group (a fifth of a push's time).
        prepared = prepare_push(body, registry, document=document if exact else None)
        answer = pushes.push(_Push(push.Batch(station, body, prepared), backlog(body)), len(body.ops))
        return Response(content=answer, media_type="application/json")

    @app.post("/api/v1/pull", response_model=PullResponse, responses=_errors(*_BODY, *_AUTH),
              summary="Fetch the changes of the station's grids after a cursor",
              description="One page of changes after `cursor` (a server sequence number), oldest first; "
                          "`more` says another page follows. `reset` asks a station whose cursor the server "
                          "does not know to re-send its changes and reload. `backlog` (changes still waiting "
                          "on the station) is shown in `station list`.\n\n"
                          "Errors: 400 `malformed_json`, `invalid_request`; 401 `token_invalid`, "
                          "`token_revoked`; 413 `body_too_large`; 426 `protocol_unsupported`; 503 "
                          "`server_unavailable`.")
    def pull_changes(body: PullRequest, station: Station) -> Response:
        check_request(body)
        now = clock.now()
        with database.read(engine) as conn:
            page = pull.pull_json(conn, station=station, request=body)
        reported = backlog(body)
        # A write transaction only when the bookkeeping changed: on SQLite it would queue behind pushes.
        if stations.needs_touch(station, protocol=body.protocol, app_version=body.app_version, backlog=reported,
                                now=now):
            with database.write(engine) as conn:
                stations.touch(conn, station.id, protocol=body.protocol, app_version=body.app_version,
                               backlog=reported, now=now)
        return Response(content=page, media_type="application/json")

    @app.post("/api/v1/reference", response_model=ReferenceResponse, responses=_errors(*_BODY, *_AUTH),
              summary="Reference data: the station's grid names and a newer service catalogue",
              description="Protocol 2. `catalogue` is present only when the district published a version "
                          "above the station's `catalogue_version`.\n\n"
                          "Errors: 400 `malformed_json`, `invalid_request`; 401 `token_invalid`, "
                          "`token_revoked`; 413 `body_too_large`; 426 `protocol_unsupported`; 503 "
                          "`server_unavailable`.")
    def reference(body: ReferenceRequest, station: Station) -> ReferenceResponse:
        check_request(body)
        with database.read(engine) as conn:
            rows = conn.execute(
                sa.select(grid.c.code, grid.c.name, community.c.name.label("community"))
                .join(community, community.c.code == grid.c.community_code)
                .where(grid.c.code.in_(sorted(station.grids))).order_by(grid.c.code)
            ).all()
            published = district.published_catalogue(conn, newer_than=body.catalogue_version)
        answer = ReferenceResponse(grids=[GridName(code=r.code, name=r.name, community=r.community) for r in rows])
        if published is not None:
            version, published_at, document = published
            answer.catalogue = Catalogue(version=version, published_at=published_at, document=document)
        return answer

    @app.get("/api/v1/attachments/{sha256}/state", response_model=AttachmentState,
             responses=_errors(400, *_AUTH),
             summary="How much of an attachment the server holds",
             description="Protocol 2. `offset` is where an interrupted upload resumes; `length` is null when "
                         "the server holds nothing of it.\n\n"
                         "Errors: 400 `invalid_request` (the name is not 64 lower-case hex digits); 401 "
                         "`token_invalid`, `token_revoked`; 503 `server_unavailable`.")
    def attachment_state(sha256: str, station: Station) -> AttachmentState:
        with database.read(engine) as conn:
            return attachments.state(conn, attachments.check_name(sha256))

    @app.patch("/api/v1/attachments/{sha256}", response_model=AttachmentState,
               responses=_errors(400, *_AUTH, 409, 413, 422),
               summary="Append one chunk of an attachment",
               openapi_extra={"requestBody": {"required": True, "content": {
                   "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}},
               description="Protocol 2. The body is raw bytes (at most 1 MiB) written at `Upload-Offset` of an "
                           "attachment of `Upload-Length` bytes. When the last byte arrives the content is "
                           "hashed; an attachment already complete answers its state at once.\n\n"
                           "Errors: 400 `invalid_request`; 401 `token_invalid`, `token_revoked`; 409 "
                           "`offset_mismatch` (with the server's offset), `length_mismatch`; 413 "
                           "`chunk_too_large`, `attachment_too_large`, `body_too_large`; 422 "
                           "`attachment_corrupt`; 503 `server_unavailable`.")
    async def attachment_upload(sha256: str, request: Request, station: Station,
                                upload_offset: Annotated[int, Header(ge=0)],
                                upload_length: Annotated[int, Header(ge=0)]) -> AttachmentState:
        attachments.check_name(sha256)
        data = await request.body()

        def store() -> tuple[AttachmentState, bool]:
            with database.write(engine) as conn:
                return attachments.append(conn, station_id=station.id, sha256=sha256, offset=upload_offset,
                                          length=upload_length, data=data, at=clock.iso(clock.now()))

        state, corrupt = await run_in_threadpool(store)
        if corrupt:
            raise attachments.corrupt_error()
        return state

    @app.get("/api/v1/attachments/{sha256}",
             responses={200: {"description": "The content (206 from the asked offset on).",
                              "content": {"application/octet-stream": {}}}, **_errors(400, *_AUTH, 404, 416)},
             summary="Download an attachment (resumable)",
             description="Protocol 2. For the station that uploaded it or one serving a grid with an "
                         "`attachment` record naming it. `Range: bytes=N-` resumes (answer 206).\n\n"
                         "Errors: 400 `invalid_request`; 401 `token_invalid`, `token_revoked`; 404 "
                         "`not_found`; 416 `range_not_satisfiable`; 503 `server_unavailable`.")
    def attachment_download(sha256: str, station: Station, range_: Annotated[str | None, Header(alias="range")] = None
                            ) -> StreamingResponse:
        attachments.check_name(sha256)
        start = _range_start(range_)
        with database.read(engine) as conn:
            state = attachments.state(conn, sha256)
            if not state.complete or not attachments.may_read(conn, station, sha256):
                raise ApiError(404, "not_found", "No such attachment for this station.")
        assert state.length is not None
        if start >= state.length and state.length:
            raise ApiError(416, "range_not_satisfiable", f"The attachment has {state.length} bytes.")

        def content() -> Iterator[bytes]:
            with database.read(engine) as conn:
                yield from attachments.read(conn, sha256, start=start)

        headers = {"Content-Length": str(state.length - start), "Accept-Ranges": "bytes"}
        if start:
            headers["Content-Range"] = f"bytes {start}-{state.length - 1}/{state.length}"
        return StreamingResponse(content(), status_code=206 if start else 200, headers=headers,
                                 media_type="application/octet-stream")

    _without_validation_422(app)
    return app


def _without_validation_422(app: FastAPI) -> None:
    """FastAPI lists a 422 ``HTTPValidationError`` answer for every endpoint with a body or
    parameters; this server answers those requests 400 ``invalid_request`` (``refusals``), so
    the schema leaves that 422 out (422 ``attachment_corrupt`` stays where it is declared)."""
    make = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = make()
            for path in schema.get("paths", {}).values():
                for operation in path.values():
                    answer = operation.get("responses", {}).get("422", {})
                    if "HTTPValidationError" in str(answer.get("content", "")):
                        del operation["responses"]["422"]
            schemas = schema.get("components", {}).get("schemas", {})
            for unused in ("HTTPValidationError", "ValidationError"):
                schemas.pop(unused, None)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _range_start(header: str | None) -> int:
    """The first byte asked for by ``Range: bytes=N-`` (the only form a resuming station sends)."""
    if not header:
        return 0
    unit, _, spec = header.partition("=")
    first, dash, last = spec.partition("-")
    if unit.strip() != "bytes" or not dash or last.strip() or not first.strip().isdigit():
        raise ApiError(416, "range_not_satisfiable", "Only ranges of the form bytes=N- are served.")
    return int(first)


YOUNG_GC_THRESHOLD = 20_000  # net allocations between two collections of the youngest generation


def app_from_environment() -> FastAPI:
    """The uvicorn factory for ``serve`` (one per worker process); the CLI migrated already."""
    app = create_app(os.environ.get(ENV_DB) or None, data_dir=os.environ.get(ENV_DATA_DIR) or None, migrate=False)
    # Everything loaded so far (FastAPI, pydantic, SQLAlchemy: some 120,000 objects) lives as long
    # as the process: moved out of the garbage collector's sight, the full collections that a
    # push's many short-lived objects trigger walk only what requests made (they were pauses of
    # 50–70 ms, about a tenth of the time of a stream of pushes).
    gc.freeze()
    # A push of 500 ops makes tens of thousands of objects that reference counting frees as soon as
    # the request is answered. Collected after every 700 net allocations (the default), they still
    # cost about a twelfth of the server's CPU in a stream of pushes, in young collections of
    # objects about to be freed anyway and full ones they set off. Young collections now wait for
    # many more, and still find the cycles that requests leave behind.
    gc.set_threshold(YOUNG_GC_THRESHOLD, *gc.get_threshold()[1:])
    return app
