"""Checks of a request's content beyond what the protocol models express, made before any write.

The protocol models say what shape a message has; the storage needs a little more: text that
both databases can hold (no NUL characters, no unpaired surrogates), payloads of sane depth, and
numbers that fit the columns. A request failing these is refused whole, like a malformed one.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from gridstation.server.errors import ApiError
from gridstation.sync.protocol import MIN_PROTOCOL, PROTOCOL, PushRequest, Versioned

MAX_DEPTH = 64
MAX_VERSION = 2**31 - 1


def check_protocol(protocol: object) -> None:
    if not isinstance(protocol, int) or isinstance(protocol, bool):
        return
    if protocol > PROTOCOL:
        raise ApiError(426, "protocol_unsupported", f"Protocol {protocol} is newer than this district server "
                       f"understands ({MIN_PROTOCOL}–{PROTOCOL}); the server needs an update.",
                       min_protocol=MIN_PROTOCOL, max_protocol=PROTOCOL)
    if protocol < MIN_PROTOCOL:
        raise ApiError(426, "protocol_unsupported", f"Protocol {protocol} is too old for this district server "
                       f"({MIN_PROTOCOL}–{PROTOCOL}); update the station app.",
                       min_protocol=MIN_PROTOCOL, max_protocol=PROTOCOL)


def check_request(body: Versioned, *, exact: bool = False) -> None:
    """``exact``: the body was parsed by orjson (``body_json``), so its text is storable."""
    check_protocol(body.protocol)
    problem = _nesting_problem(body) if exact and isinstance(body, PushRequest) else text_problem(body)
    if problem:
        raise ApiError(400, "invalid_request", problem)
    if isinstance(body, PushRequest):
        for index, op in enumerate(body.ops):
            if op.version > MAX_VERSION or op.base_version > MAX_VERSION:
                raise ApiError(400, "invalid_request", f"ops.{index}: version numbers must be below {MAX_VERSION}.")


def backlog(body: Versioned) -> int | None:
    """The outbox backlog a station reports in ``backlog`` (a declared field of push and pull
    requests; an extra field on any other message)."""
    value = getattr(body, "backlog", None)
    if value is None:
        value = (body.model_extra or {}).get("backlog")
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_VERSION:
        return value
    return None


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _nesting_problem(body: PushRequest) -> str | None:
    """``text_problem`` for a push whose text is known to be storable: only nesting can be wrong,
    and only where it can be deep, in payloads and in fields the model does not declare. Those
    parts are checked at the depth they have in the request (ops are two levels down)."""
    # ``__pydantic_extra__``: what ``model_extra`` returns, without a property call per op
    nested = [op for op in body.ops
              if op.__pydantic_extra__ or not _SCALARS.issuperset(map(type, op.payload.values()))]
    extra = list((body.model_extra or {}).values())
    return text_problem([nested, *extra]) if nested or extra else None


def text_problem(value: Any) -> str | None:
    """Why ``value`` (a model, or parsed JSON) cannot be stored, or None. Iterative, so a deeply
    nested payload cannot exhaust the stack."""
    if _storable_quick(value):
        return None
    return _first_problem(value)


_CONTAINERS = (BaseModel, dict, list, tuple)


def _storable_quick(value: Any) -> bool:
    """True when nothing in ``value`` is nested too deep or holds text that cannot be stored; the
    same verdict as ``_first_problem`` finding nothing, several times faster: scalars are not put
    on the stack one by one, and the text is checked all at once (a request has ~15,000 strings).
    When it says no, ``_first_problem`` finds the problem it would have named first."""
    texts: list[str] = []
    stack: list[tuple[Any, int]] = []
    if isinstance(value, str):
        texts.append(value)
    elif isinstance(value, _CONTAINERS):
        stack.append((value, 0))
    while stack:
        item, depth = stack.pop()
        children: Any
        if isinstance(item, BaseModel):
            children = [*vars(item).values(), *(item.model_extra or {}).values()]
        elif isinstance(item, dict):
            children = [*item, *item.values()]
        else:
            children = item
        if not children:
            continue
        if depth >= MAX_DEPTH:  # its children are deeper than allowed
            return False
        for child in children:
            if type(child) is str:
                texts.append(child)
            elif isinstance(child, _CONTAINERS):
                stack.append((child, depth + 1))
            elif isinstance(child, str):
                texts.append(child)
    return _storable("".join(texts))  # surrogates cannot pair up across strings: each stays unencodable


def _first_problem(value: Any) -> str | None:
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            return f"The request is nested more than {MAX_DEPTH} levels deep."
        if isinstance(item, str):
            if not _storable(item):
                return "Text must not contain NUL characters or unpaired surrogates."
        elif isinstance(item, BaseModel):
            stack.extend((v, depth + 1) for v in vars(item).values())
            stack.extend((v, depth + 1) for v in (item.model_extra or {}).values())
        elif isinstance(item, dict):
            for key, child in item.items():
                stack.append((key, depth + 1))
                stack.append((child, depth + 1))
        elif isinstance(item, list | tuple):
            stack.extend((v, depth + 1) for v in item)
    return None


def _storable(text: str) -> bool:
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
