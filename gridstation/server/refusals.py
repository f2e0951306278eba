"""Every refusal answers ``{"error": code, "message": words}`` with a fitting status and leaves
one entry in the server audit log (written in its own transaction: the refused work rolled back).

Statuses: 400 malformed or invalid request, 401 token or enrolment code not accepted, 403 revoked
station enrolling, 404/405 no such endpoint, 409 batch id reused, 413 body over the cap,
426 protocol outside ``MIN_PROTOCOL``–``PROTOCOL`` (distinct from 400, so a station does not
quarantine its data over a version mismatch), 503 database unavailable or no pooled connection
free in time (retry the same batch).

A database error is logged as its class and SQLSTATE only: its message may quote the values of the
statement or row that failed (PostgreSQL's DETAIL and CONTEXT), which are residents' data.
"""

from __future__ import annotations

import json
import logging
import traceback
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.types import Receive, Scope, Send

from gridstation.server import audit, database, stations
from gridstation.server.body_limit import RAW_BODY
from gridstation.server.checks import check_protocol
from gridstation.server.errors import ApiError

log = logging.getLogger(__name__)

_HTTP_CODES = {400: "malformed_json", 404: "not_found", 405: "method_not_allowed"}
STATION_ID = "gridstation.station_id"  # scope key the authentication sets, for the audit


class Refusals:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def install(self, app: FastAPI) -> None:
        app.add_exception_handler(ApiError, self._api_error)  # type: ignore[arg-type]
        app.add_exception_handler(RequestValidationError, self._validation_error)  # type: ignore[arg-type]
        app.add_exception_handler(HTTPException, self._http_error)  # type: ignore[arg-type]
        app.add_exception_handler(DBAPIError, self._database_error)  # type: ignore[arg-type]
        app.add_exception_handler(PoolTimeout, self._database_error)  # type: ignore[arg-type]

    async def answer(self, scope: Scope, error: ApiError) -> JSONResponse:
        try:
            await run_in_threadpool(self._audit, scope, error)
        except (DBAPIError, PoolTimeout) as exc:  # the refusal is still answered when the audit cannot be written
            log.error("could not audit a refused request (%s): %s", error.error, database_error_summary(exc))
        except Exception:
            log.exception("could not audit a refused request (%s)", error.error)
        return JSONResponse(error.body(), status_code=error.status)

    async def refuse_raw(self, scope: Scope, receive: Receive, send: Send, status: int, code: str,
                         message: str) -> None:
        """For the body-limit middleware, which answers before FastAPI sees the request."""
        response = await self.answer(scope, ApiError(status, code, message))
        await response(scope, receive, send)

    def _audit(self, scope: Scope, error: ApiError) -> None:
        station_id = error.station_id or scope.get(STATION_ID)
        if station_id is None:
            with database.read(self.engine) as conn:
                station_id = stations.identify(conn, _header(scope, b"authorization"))
        path = str(scope.get("path", ""))
        action = path.split("/")[3] if path.startswith("/api/v1/") else "http"  # the endpoint, not its arguments
        audit.record(self.engine, action=f"refused.{action}"[:64], station_id=station_id, success=False,
                     detail=f"{error.status} {error.error}: {error.message} [{scope.get('method')} {path[:200]}]")

    # -- handlers ------------------------------------------------------------------------------
    async def _api_error(self, request: Request, exc: ApiError) -> JSONResponse:
        return await self.answer(request.scope, exc)

    async def _validation_error(self, request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = list(exc.errors())
        raw = request.scope.get(RAW_BODY, b"")
        malformed = ApiError(400, "malformed_json", "The body is not valid JSON.")
        try:
            document = json.loads(raw) if raw else None
        except (ValueError, RecursionError):
            return await self.answer(request.scope, malformed)
        if isinstance(document, dict):
            try:  # a message from a newer protocol may not fit today's models: say so, not "invalid"
                check_protocol(document.get("protocol"))
            except ApiError as refusal:
                return await self.answer(request.scope, refusal)
        if any(e.get("type") == "json_invalid" for e in errors):
            return await self.answer(request.scope, malformed)
        details = [_describe(e) for e in errors[:10]]
        message = "The request does not match the sync protocol: " + "; ".join(details[:3])
        return await self.answer(request.scope, ApiError(400, "invalid_request", message, details=details))

    async def _http_error(self, request: Request, exc: HTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        message = "The body could not be read as JSON." if exc.status_code == 400 else str(exc.detail)
        return await self.answer(request.scope, ApiError(exc.status_code, code, message))

    async def _database_error(self, request: Request, exc: DBAPIError | PoolTimeout) -> JSONResponse:
        if isinstance(exc, IntegrityError) and _lost_race(exc):
            # Another push wrote the same record, op or batch a moment earlier (``push``): nothing
            # of this one was written, and sent again it finds what the other wrote.
            log.info("write race on %s, answered 503: %s", request.url.path, database_error_summary(exc))
            return JSONResponse({"error": "server_unavailable", "message": "Another request wrote the same records "
                                 "at the same moment; send the same request again."}, status_code=503,
                                headers={"Retry-After": "1"})
        log.error("database error on %s: %s", request.url.path, database_error_summary(exc))
        return JSONResponse({"error": "server_unavailable", "message": "The district server's database is busy "
                             "or unreachable; try the same request again later."}, status_code=503,
                            headers={"Retry-After": "30"})


def database_error_summary(exc: BaseException) -> str:
    """``exc`` without a word of its message: its class, the driver's class, SQLSTATE (PostgreSQL)
    or error name (SQLite), and where in the server it was raised."""
    orig = getattr(exc, "orig", None)
    parts = [type(exc).__name__]
    if orig is not None:
        parts.append(f"{type(orig).__module__}.{type(orig).__name__}")
        sqlstate = getattr(orig, "sqlstate", None) or getattr(getattr(orig, "diag", None), "sqlstate", None)
        code = sqlstate and f"SQLSTATE {sqlstate}" or getattr(orig, "sqlite_errorname", None)
        if code:
            parts.append(str(code))
    ours = [frame for frame in traceback.extract_tb(exc.__traceback__) if "gridstation" in frame.filename]
    if ours:
        parts.append(f"at {Path(ours[-1].filename).name}:{ours[-1].lineno} in {ours[-1].name}")
    return " ".join(parts)


def _lost_race(exc: IntegrityError) -> bool:
    """A PostgreSQL unique violation: what a push meets when another wrote the same key first
    (``push``). On SQLite, where write transactions run one at a time, it would be a bug."""
    return getattr(exc.orig, "sqlstate", None) == _UNIQUE_VIOLATION


_UNIQUE_VIOLATION = "23505"


def _describe(error: Any) -> str:
    where = ".".join(str(part) for part in error.get("loc", ()) if part != "body") or "body"
    return f"{where}: {error.get('msg', 'invalid')}"


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return bytes(value).decode("latin-1")
    return None
