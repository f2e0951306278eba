"""An ASGI middleware that caps request bodies before anything parses them.

A declared ``Content-Length`` above the cap is refused at once, without reading a byte of the
body; a body without one (chunked) is read only until it passes the cap. So a 100 MB batch never
gets into memory. The body read is handed on to the app unchanged.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

Refuse = Callable[[Scope, Receive, Send, int, str, str], Awaitable[None]]
RAW_BODY = "gridstation.raw_body"


class BodyLimit:
    def __init__(self, app: ASGIApp, *, limit: int, refuse: Refuse) -> None:
        self.app = app
        self.limit = limit
        self.refuse = refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is None:
            await self.refuse(scope, receive, send, 400, "invalid_request", "Content-Length is not a number.")
            return
        if declared > self.limit:
            await self._too_large(scope, receive, send, declared)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return  # the client went away; nothing to answer
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await self._too_large(scope, receive, send, size)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        scope[RAW_BODY] = body
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send, size: int) -> None:
        await self.refuse(scope, receive, send, 413, "body_too_large",
                          f"The request body ({size} bytes or more) exceeds the limit of {self.limit} bytes; "
                          "send smaller batches.")


def _content_length(scope: Scope) -> int | None:
    """The declared length (0 when absent), or None when the header is not a number."""
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            text = value.decode("latin-1").strip()
            return int(text) if text.isdigit() else None
    return 0
