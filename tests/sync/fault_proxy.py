"""A fault-injecting HTTP proxy between a station and the district server, on loopback.

Faults are queued per request path: ``drop_response`` forwards the request (the server commits)
and then closes the connection without answering — the classic lost acknowledgement;
``refuse`` closes the connection before forwarding; ``error_503`` answers 503 without forwarding
(``error_503_soon`` too, asking for the request again in a second, as the server does when it
lost a write race);
``truncate`` sends half of the server's answer and closes. ``max_body``, when set, refuses larger
request bodies with 413 and a page of HTML, without forwarding them, as a web server in front of
the district server does (nginx's ``client_max_body_size``). ``older_server``, when set, answers
pushes as a district server from before larger batches: it refuses one of more than
``protocol.BASE_OPS_PER_BATCH`` ops (400 ``invalid_request``, forwarding nothing) and its answers
carry no ``max_ops`` -- after the first ``older_after`` pushes, answered as this server (another
server behind the same address, of an older version). ``push_sizes`` holds the number of ops of
each push forwarded, ``refused_sizes`` that of each push ``older_server`` refused.
"""

from __future__ import annotations

import http.client
import json
import threading
from collections import defaultdict, deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from gridstation.sync import protocol

FAULTS = ("drop_response", "refuse", "error_503", "error_503_soon", "truncate")


class FaultProxy:
    def __init__(self, upstream: str) -> None:
        parts = urlsplit(upstream)
        self.upstream_host = parts.hostname or "127.0.0.1"
        self.upstream_port = parts.port or 80
        self._faults: dict[str, deque[str]] = defaultdict(deque)
        self._lock = threading.Lock()
        self.forwarded: list[str] = []
        self.max_body: int | None = None
        self.refused_large = 0  # requests refused by ``max_body``
        self.older_server = False
        self.older_after = 0
        self._pushes = 0
        self.push_sizes: list[int] = []
        self.refused_sizes: list[int] = []  # pushes refused by ``older_server`` as too many ops
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
                return

            def do_GET(self) -> None:  # noqa: N802
                proxy._handle(self)

            def do_POST(self) -> None:  # noqa: N802
                proxy._handle(self)

            def do_PATCH(self) -> None:  # noqa: N802
                proxy._handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def inject(self, path: str, fault: str, times: int = 1) -> None:
        assert fault in FAULTS
        with self._lock:
            self._faults[path].extend([fault] * times)

    def _next_fault(self, path: str) -> str | None:
        with self._lock:
            queue = self._faults.get(path)
            return queue.popleft() if queue else None

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        if self.max_body is not None and length > self.max_body:
            with self._lock:
                self.refused_large += 1
            _answer(handler, 413, b"<html><body><h1>413 Request Entity Too Large</h1></body></html>", "text/html")
            return
        older = False
        if handler.path == "/api/v1/push":
            with self._lock:
                self._pushes += 1
                older = self.older_server and self._pushes > self.older_after
            ops = len(json.loads(body)["ops"])
            if older and ops > protocol.BASE_OPS_PER_BATCH:
                with self._lock:
                    self.refused_sizes.append(ops)
                _answer(handler, 400, json.dumps({
                    "error": "invalid_request", "message": "The request does not match the sync protocol: ops: List "
                    f"should have at most {protocol.BASE_OPS_PER_BATCH} items after validation, not {ops}"}).encode())
                return
        fault = self._next_fault(handler.path)
        if fault == "refuse":
            handler.close_connection = True
            handler.connection.close()
            return
        if fault in ("error_503", "error_503_soon"):
            handler.send_response(503)
            if fault == "error_503_soon":
                handler.send_header("Retry-After", "1")
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        upstream = http.client.HTTPConnection(self.upstream_host, self.upstream_port, timeout=60)
        headers = {k: v for k, v in handler.headers.items() if k.lower() not in {"host", "connection"}}
        upstream.request(handler.command, handler.path, body=body, headers=headers)
        response = upstream.getresponse()
        data = response.read()
        upstream.close()
        self.forwarded.append(handler.path)
        if handler.path == "/api/v1/push":
            self.push_sizes.append(len(json.loads(body)["ops"]))
            if older and response.status == 200:
                answer = json.loads(data)
                answer.pop("max_ops", None)
                data = json.dumps(answer).encode()
        if fault == "drop_response":
            handler.close_connection = True
            handler.connection.close()
            return
        handler.send_response(response.status)
        for key, value in response.getheaders():
            if key.lower() not in {"content-length", "connection", "transfer-encoding"}:
                handler.send_header(key, value)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        if fault == "truncate":
            handler.wfile.write(data[: len(data) // 2])
            handler.close_connection = True
            handler.connection.close()
            return
        handler.wfile.write(data)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _answer(handler: BaseHTTPRequestHandler, status: int, body: bytes,
            content_type: str = "application/json") -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)
