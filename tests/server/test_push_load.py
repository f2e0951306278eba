"""The batch size the server asks for (``push_load``): all of it for a station alone, a share of
what the process applies in half a second when many push at once, never outside its bounds; and
the pushes in hand are counted from arrival to answer."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gridstation.server.push_load import SMALLEST, TARGET_S, CountPushes, PushLoad
from gridstation.sync.protocol import MAX_OPS_PER_BATCH

_RATES = st.lists(st.tuples(st.integers(0, 500), st.floats(0, 30, allow_nan=False)), min_size=1, max_size=20)


@given(pushes=_RATES, in_hand=st.integers(0, 10_000))
def test_the_asked_size_stays_within_its_bounds(pushes: list[tuple[int, float]], in_hand: int) -> None:
    load = PushLoad()
    for ops, seconds in pushes:
        load.applied(ops, seconds)
    load.in_hand = in_hand
    assert SMALLEST <= load.batch_size() <= MAX_OPS_PER_BATCH


@given(pushes=_RATES, fewer=st.integers(0, 300), more=st.integers(0, 300))
def test_more_pushes_in_hand_never_ask_for_more(pushes: list[tuple[int, float]], fewer: int, more: int) -> None:
    load = PushLoad()
    for ops, seconds in pushes:
        load.applied(ops, seconds)
    load.in_hand = fewer
    before = load.batch_size()
    load.in_hand = fewer + more
    assert load.batch_size() <= before


def test_a_station_alone_or_a_process_not_yet_measured_gets_the_largest_batch() -> None:
    load = PushLoad()
    load.in_hand = 60
    assert load.batch_size() == MAX_OPS_PER_BATCH  # nothing measured yet
    load.applied(200, 0.02)  # 10,000 ops/s
    load.in_hand = 1
    assert load.batch_size() == MAX_OPS_PER_BATCH


def test_many_pushes_in_hand_share_what_half_a_second_applies() -> None:
    load = PushLoad()
    load.applied(200, 0.02)  # 10,000 ops/s
    load.in_hand = 50
    assert load.batch_size() == int(TARGET_S * 10_000 / 50) == 100
    load.in_hand = 1_000
    assert load.batch_size() == SMALLEST
    load.applied(0, 1.0)  # an empty push says nothing about the rate
    load.applied(10, 0.0)
    assert load.ops_per_s == 10_000


def _run(middleware: CountPushes, path: str) -> None:
    async def call() -> None:
        await middleware({"type": "http", "path": path}, None, None)
    asyncio.run(call())


def test_pushes_are_counted_from_arrival_to_answer_and_only_pushes() -> None:
    load = PushLoad()
    seen: list[int] = []

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        seen.append(load.in_hand)
        if scope["path"] == "/fail":
            raise RuntimeError("the app failed")

    middleware = CountPushes(app, load=load, path="/api/v1/push")
    _run(middleware, "/api/v1/push")
    _run(middleware, "/api/v1/pull")
    with pytest.raises(RuntimeError):
        asyncio.run(CountPushes(app, load=load, path="/fail")({"type": "http", "path": "/fail"}, None, None))
    assert seen == [1, 0, 1]
    assert load.in_hand == 0
