"""Request bodies parsed with orjson, and what a body parsed that way is known not to hold.

orjson parses a push body several times faster than the standard library, and it refuses what
the storage could not hold anyway: unpaired surrogates, raw control characters, ``NaN`` and
``Infinity``. Where the two parsers read a body differently (integers beyond 64 bits, which orjson
turns into floats) or orjson would let through text the storage refuses (``\\u0000``), the body
goes to the standard library instead, so every request means what it meant before and is checked
as before. A body orjson parsed is *exact*: its text is storable and its numbers are finite
integers or floats, so the push can skip those checks and serialise with orjson too.

``JsonRoute`` is the route class of the app: FastAPI reads request bodies through ``Request.json``,
which this replaces; the handler finds the parsed document of an exact body in the request scope
(``EXACT_DOCUMENT``; absent when the body was not exact).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from typing import Any

import orjson
from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import Response

EXACT_DOCUMENT = "gridstation.exact_json"  # scope key: the parsed body, when it was exact (``loads``)
# What orjson would read differently from the standard library (integers of 19 digits or more
# may be beyond 64 bits), or let through unchecked (NUL). Digits are found by mapping every byte
# to "0" (a digit) or " ", which is twenty times faster than a regular expression.
_DIGITS = bytes(ord("0") if chr(byte).isdigit() and byte < 128 else ord(" ") for byte in range(256))
_LONG_NUMBER = b"0" * 19
_NUL = b"\\u0000"


def _exact(body: bytes) -> bool:
    # A body without a backslash (most: text is sent as it is, not escaped) is not searched for
    # NUL, which takes twice as long as finding that out.
    return (b"\\" not in body or _NUL not in body) and _LONG_NUMBER not in body.translate(_DIGITS)


def loads(body: bytes) -> tuple[Any, bool]:
    """(the parsed document, whether it is exact). Invalid JSON raises ``json.JSONDecodeError``,
    from the standard library, so the error a client sees has not changed."""
    if _exact(body):
        try:
            return orjson.loads(body), True
        except orjson.JSONDecodeError:
            pass  # NaN, a UTF-16 body, or invalid: the standard library decides
    return json.loads(body), False


def dumps_sorted(value: Any) -> str:
    """``value`` as compact JSON with sorted keys, non-ASCII text as it is: the same document as
    ``json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))``. Raises
    ``TypeError`` for integers beyond 64 bits; ``NaN`` and infinities become ``null``, so callers
    use it only for values from an exact body or already stored."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()


class _JsonRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            document, exact = loads(await self.body())
            if exact:
                self.scope[EXACT_DOCUMENT] = document
            self._json = document
        return self._json


class JsonRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            return await handler(_JsonRequest(request.scope, request.receive))

        return route
