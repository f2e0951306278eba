"""A trivial ASGI app for the supervisor tests: it refuses to load while the file named by
``GRIDSTATION_TEST_BLOCK`` exists (a worker that cannot get ready, like one whose database is
down)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def app() -> Any:
    if Path(os.environ["GRIDSTATION_TEST_BLOCK"]).exists():
        raise RuntimeError("blocked by the test")

    async def answer(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]})
        await send({"type": "http.response.body", "body": b"ok"})

    return answer
