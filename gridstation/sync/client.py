"""HTTP transport to the district server (requests). Turns every failure into a ``SyncError``
with plain words for the sync page; never logs the station token.

The failure's subclass says what happened (no answer, not TLS, an unverified certificate, a server
fault or refusal, an unreadable answer), so that enrolment can word it for itself; the template is
the background sync's wording."""

from __future__ import annotations

import ipaddress
import json
import logging
import ssl
import time
from collections.abc import Iterator
from typing import TypeVar
from urllib.parse import urlsplit

import requests
from pydantic import BaseModel, ValidationError

from gridstation import __version__
from gridstation.domain.errors import QT_TRANSLATE_NOOP, GridStationError
from gridstation.sync import protocol

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)
CONNECT_TIMEOUT_S = 10
READ_TIMEOUT_S = 60
# A push answered 503 with a Retry-After this short (another push wrote the same records at that
# moment; nothing of this one was written) is sent again within the run, up to this many times.
QUICK_RETRY_S = 5
QUICK_RETRIES = 2


class SyncError(GridStationError):
    """A sync step failed. ``retry``: worth retrying later (network, server busy); ``code``: the
    server's error code when it gave one (e.g. ``token_revoked``)."""

    def __init__(self, template: str, *, retry: bool, code: str = "", **params: object) -> None:
        self.retry = retry
        self.code = code
        super().__init__(template, **params)


class ServerUnreachable(SyncError):
    """No answer at the address: connection refused, name not found, timed out or dropped."""


class NotHttps(SyncError):
    """An https:// address whose server did not speak TLS (e.g. a plain-HTTP server)."""


class CertificateUnverified(SyncError):
    """The server's TLS certificate could not be verified against the configured CA."""


class ServerAnswer(SyncError):
    """An HTTP answer that was not what was asked for. ``status``: its HTTP status; ``ours``: it
    carried the district server's error body (or, for an unreadable answer, was JSON at all) --
    False suggests the address is some other web server."""

    def __init__(self, template: str, *, retry: bool, status: int, ours: bool, code: str = "",
                 **params: object) -> None:
        self.status = status
        self.ours = ours
        super().__init__(template, retry=retry, code=code, status=status, **params)


class ServerFault(ServerAnswer):
    """HTTP 5xx, 408 or 429: the server is busy or failed."""


class RequestRefused(ServerAnswer):
    """HTTP 4xx other than 408/429: the request was refused (``code``: the server's reason)."""


class UnreadableAnswer(ServerAnswer):
    """A success answer that does not fit the protocol model."""


def check_server_url(url: str) -> str:
    """HTTPS, or plain HTTP to a loopback address only (tests and demos)."""
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return url
    if parts.scheme == "http" and parts.hostname:
        host = parts.hostname
        try:
            loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
        if loopback:
            return url
        raise SyncError(
            QT_TRANSLATE_NOOP("Errors", "The server address must start with https:// (plain http only for this PC)."),
            retry=False,
        )
    raise SyncError(
        QT_TRANSLATE_NOOP("Errors", "“{url}” is not a server address like https://sync.example.gov.cn."),
        retry=False,
        url=url,
    )


def _unreachable() -> ServerUnreachable:
    return ServerUnreachable(
        QT_TRANSLATE_NOOP("Errors", "The district server cannot be reached. The data stays on this PC and "
                          "will be sent when the connection is back."),
        retry=True,
    )


def _certificate_failure(exc: BaseException) -> bool:
    """Whether an ``SSLError`` from requests comes from verifying the certificate (rather than from a
    handshake with a server that does not speak TLS)."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, ssl.SSLCertVerificationError):
            return True
        # requests wraps urllib3's MaxRetryError (in args), which holds the ssl error as ``reason``.
        reason = getattr(current, "reason", None)
        todo += [current.__cause__, current.__context__, reason if isinstance(reason, BaseException) else None]
        todo += [arg for arg in current.args if isinstance(arg, BaseException)]
    return False


def _is_json(content: bytes) -> bool:
    try:
        json.loads(content)
    except ValueError:
        return False
    return True


def _soon_again(response: requests.Response) -> float | None:
    """The wait a 503 asks for in ``Retry-After`` (seconds), when it is at most ``QUICK_RETRY_S``."""
    if response.status_code != 503:
        return None
    value = response.headers.get("Retry-After", "").strip()
    if not value.isdigit() or int(value) > QUICK_RETRY_S:
        return None
    return float(value)


class SyncClient:
    def __init__(self, server_url: str, *, token: str = "", ca_bundle: str = "") -> None:
        self.base = check_server_url(server_url)
        self.session = requests.Session()
        self.session.verify = ca_bundle or True
        self.session.headers["User-Agent"] = f"GridStation/{__version__}"
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def close(self) -> None:
        self.session.close()

    def _post(self, path: str, body: BaseModel, answer: type[M]) -> M:
        data = body.model_dump_json().encode("utf-8")
        response = self._request("POST", path, data=data, headers={"Content-Type": "application/json"})
        return self._answer(response, answer)

    def _request(self, method: str, path: str, *, data: bytes | None = None, headers: dict[str, str] | None = None,
                 stream: bool = False) -> requests.Response:
        try:
            # ``verify`` per request: requests lets REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE override the
            # session's setting (psf/requests#3829), which would ignore the configured district CA.
            return self.session.request(method, self.base + path, data=data, headers=headers, stream=stream,
                                        verify=self.session.verify, timeout=(CONNECT_TIMEOUT_S, READ_TIMEOUT_S))
        except requests.exceptions.SSLError as exc:
            certificate = _certificate_failure(exc)
            log.warning("TLS failure talking to %s: %s (%s)", self.base, exc.__class__.__name__,
                        "certificate" if certificate else "handshake")
            # Sync words both alike (the address was accepted once); enrolment tells them apart.
            error_class = CertificateUnverified if certificate else NotHttps
            raise error_class(
                QT_TRANSLATE_NOOP("Errors", "The server's certificate could not be verified. Check the certificate "
                                  "authority file in the sync settings."),
                retry=False,
            ) from exc
        except requests.exceptions.RequestException as exc:
            log.info("cannot reach %s: %s", self.base, exc.__class__.__name__)
            raise _unreachable() from exc

    def _answer(self, response: requests.Response, answer: type[M]) -> M:
        status = response.status_code
        if status >= 400:
            error: protocol.ErrorBody | None = None
            try:
                error = protocol.ErrorBody.model_validate_json(response.content)
            except ValidationError:
                pass
            if status >= 500 or status in (408, 429):
                raise ServerFault(
                    QT_TRANSLATE_NOOP("Errors", "The district server is busy or has a problem (HTTP {status}). "
                                      "Sync will try again."),
                    retry=True, status=status, ours=error is not None,
                )
            raise RequestRefused(
                QT_TRANSLATE_NOOP("Errors", "The district server refused the request: {message}"),
                retry=False, status=status, ours=error is not None, code=error.error if error else "",
                message=(error.message if error else response.text[:200]) or str(status),
            )
        try:
            return answer.model_validate_json(response.content)
        except ValidationError as exc:
            raise UnreadableAnswer(
                QT_TRANSLATE_NOOP("Errors", "The district server sent an answer this version cannot read. "
                                  "An update of GridStation may be needed."),
                retry=False, status=status, ours=_is_json(response.content),
            ) from exc

    def reference(self, request: protocol.ReferenceRequest) -> protocol.ReferenceResponse:
        return self._post("/api/v1/reference", request, protocol.ReferenceResponse)

    # -- attachments (protocol 2) ----------------------------------------------------------------
    def attachment_state(self, sha256: str) -> protocol.AttachmentState:
        return self._answer(self._request("GET", f"/api/v1/attachments/{sha256}/state"), protocol.AttachmentState)

    def upload_chunk(self, sha256: str, *, offset: int, length: int, data: bytes) -> protocol.AttachmentState:
        """Append ``data`` at ``offset``. A 409 (the server holds another offset) or 422 (content
        discarded) answers the server's state instead of raising, for the caller to resume from."""
        response = self._request("PATCH", f"/api/v1/attachments/{sha256}", data=data, headers={
            "Content-Type": "application/offset+octet-stream", "Upload-Offset": str(offset),
            "Upload-Length": str(length)})
        if response.status_code in (409, 422):
            return self.attachment_state(sha256)
        return self._answer(response, protocol.AttachmentState)

    def download(self, sha256: str, *, start: int) -> Iterator[bytes]:
        """The content from byte ``start`` on, in chunks as they arrive."""
        headers = {"Range": f"bytes={start}-"} if start else {}
        response = self._request("GET", f"/api/v1/attachments/{sha256}", headers=headers, stream=True)
        if response.status_code not in (200, 206):
            self._answer(response, protocol.AttachmentState)  # raises the fitting SyncError
        try:
            yield from response.iter_content(chunk_size=64 * 1024)
        except requests.exceptions.RequestException as exc:
            raise _unreachable() from exc
        finally:
            response.close()

    def enrol(self, request: protocol.EnrolRequest) -> protocol.EnrolResponse:
        return self._post("/api/v1/enrol", request, protocol.EnrolResponse)

    def push(self, request: protocol.PushRequest) -> protocol.PushResponse:
        return self.push_json(request.model_dump_json().encode("utf-8"))

    def push_json(self, body: bytes) -> protocol.PushResponse:
        """``push`` of a request already serialised (``engine.push_body``). A push is idempotent
        (by batch id), so one the server asks to send again shortly is sent again here."""
        for attempt in range(QUICK_RETRIES + 1):
            response = self._request("POST", "/api/v1/push", data=body, headers={"Content-Type": "application/json"})
            wait = _soon_again(response)
            if wait is None or attempt == QUICK_RETRIES:
                break
            log.info("the district server asked to send the batch again in %s s", wait)
            time.sleep(wait)
        return self._answer(response, protocol.PushResponse)

    def pull(self, request: protocol.PullRequest) -> protocol.PullResponse:
        return self._post("/api/v1/pull", request, protocol.PullResponse)
