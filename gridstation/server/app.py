"""The district server's HTTP API: protocol 2 (``gridstation.sync.protocol``) on FastAPI.

``create_app()`` migrates the database and returns the app. Handlers are plain functions, which
FastAPI runs on its thread pool; all state lives in the database, so any number of processes may
serve one PostgreSQL database. OpenAPI is at ``/openapi.json`` (no docs pages: they would load
scripts from the internet).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import Depends, FastAPI, Header, Request
from fastapi.responses import Response, StreamingResponse
from platformdirs import user_data_dir
from starlette.concurrency import run_in_threadpool

import gridstation
from gridstation.server import attachments, audit, body_json, clock, database, district, pull, push, stations
from gridstation.server.body_limit import BodyLimit
from gridstation.server.checks import backlog, check_request
from gridstation.server.errors import ApiError
from gridstation.server.fifo_lock import FifoLock
from gridstation.server.kinds import KindRegistry, default_registry
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

APP_NAME = "GridStationServer"
ENV_DB = "GRIDSTATION_SERVER_DB"
ENV_DATA_DIR = "GRIDSTATION_SERVER_DATA_DIR"
_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody} for status in (400, 401, 403, 404, 409, 413, 416, 422, 426)
}


def _authenticated(request: Request) -> stations.StationRef:
    """The calling station, from its Bearer token (refused with 401 when unknown or revoked)."""
    with database.read(request.app.state.engine) as conn:
        station = stations.authenticate(conn, request.headers.get("authorization"))
    request.scope[STATION_ID] = station.id
    return station


Station = Annotated[stations.StationRef, Depends(_authenticated)]


def default_data_dir() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False))


def resolve_url(database_url: str | None, data_dir: Path | str | None) -> str:
    if database_url:
        return database.normalise_url(database_url)
    directory = Path(data_dir) if data_dir else default_data_dir()
    directory.mkdir(parents=True, exist_ok=True)
    return database.default_url(directory)


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

    # One push at a time in this process: a push is CPU work under the GIL, so a second thread
    # would only slow the first, and many stations pushing at once would each park a pooled
    # connection in the database's lock queues (the pool runs dry, and a request that waits 30 s
    # for a connection fails). Several worker processes push at the same time on PostgreSQL:
    # they wait for each other only for the rows of the same records and to number their changes
    # (``push``).
    push_gate = FifoLock()  # in arrival order: no push waits many turns while others overtake it

    app = FastAPI(title="GridStation district server", version=gridstation.__version__,
                  openapi_url="/openapi.json", docs_url=None, redoc_url=None)
    app.router.route_class = body_json.JsonRoute  # request bodies parsed by orjson
    app.state.engine = engine
    app.state.server_id = server_id
    refusals.install(app)
    app.add_middleware(BodyLimit, limit=MAX_BODY_BYTES, refuse=refusals.refuse_raw)

    @app.get("/api/v1/health", response_model=Health)
    def health() -> Health:
        return Health(server_id=server_id, min_protocol=MIN_PROTOCOL, max_protocol=PROTOCOL)

    @app.post("/api/v1/enrol", response_model=EnrolResponse, responses=_ERRORS)
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

    @app.post("/api/v1/push", response_model=PushResponse, responses=_ERRORS)
    def push_batch(body: PushRequest, station: Station, request: Request) -> Response:
        document = request.scope.get(body_json.EXACT_DOCUMENT)  # a push body is an object when valid
        exact = isinstance(document, dict)
        check_request(body, exact=exact)
        now = clock.now()
        reported = backlog(body)
        with push_gate:
            # outside the transaction, which holds the push lock
            prepared = prepare_push(body, registry, document=document if exact else None)
            with database.write(engine) as conn:
                answer = push.push(conn, station=station, request=body, kinds=registry, at=clock.iso(now),
                                   prepared=prepared)
                if stations.needs_touch(station, protocol=body.protocol, app_version=body.app_version,
                                        backlog=reported, now=now):
                    stations.touch(conn, station.id, protocol=body.protocol, app_version=body.app_version,
                                   backlog=reported, now=now)
        return Response(content=answer, media_type="application/json")

    @app.post("/api/v1/pull", response_model=PullResponse, responses=_ERRORS)
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

    @app.post("/api/v1/reference", response_model=ReferenceResponse, responses=_ERRORS)
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

    @app.get("/api/v1/attachments/{sha256}/state", response_model=AttachmentState, responses=_ERRORS)
    def attachment_state(sha256: str, station: Station) -> AttachmentState:
        with database.read(engine) as conn:
            return attachments.state(conn, attachments.check_name(sha256))

    @app.patch("/api/v1/attachments/{sha256}", response_model=AttachmentState, responses=_ERRORS)
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

    @app.get("/api/v1/attachments/{sha256}", responses=_ERRORS)
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

    return app


def _range_start(header: str | None) -> int:
    """The first byte asked for by ``Range: bytes=N-`` (the only form a resuming station sends)."""
    if not header:
        return 0
    unit, _, spec = header.partition("=")
    first, dash, last = spec.partition("-")
    if unit.strip() != "bytes" or not dash or last.strip() or not first.strip().isdigit():
        raise ApiError(416, "range_not_satisfiable", "Only ranges of the form bytes=N- are served.")
    return int(first)


def app_from_environment() -> FastAPI:
    """The uvicorn factory for ``serve`` (one per worker process); the CLI migrated already."""
    app = create_app(os.environ.get(ENV_DB) or None, data_dir=os.environ.get(ENV_DATA_DIR) or None, migrate=False)
    # Everything loaded so far (FastAPI, pydantic, SQLAlchemy: some 120,000 objects) lives as long
    # as the process: moved out of the garbage collector's sight, the full collections that a
    # push's many short-lived objects trigger walk only what requests made (they were pauses of
    # 50–70 ms, about a tenth of the time of a stream of pushes).
    gc.freeze()
    return app
