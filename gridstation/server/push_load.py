"""How many ops the district server asks a station to put in its next batch.

A station that has the district to itself sends batches of ``MAX_OPS_PER_BATCH`` (fewest round
trips). When many stations push at once, each batch waits for the batches of all the others, so
a batch of 500 could take many seconds to be answered: the station's progress bar stands still,
a dropped connection throws that much work away, and a slow link reaches its timeout. So every
answer to a push carries ``GridStation-Batch-Size``: as many ops as this process can apply in
``TARGET_S``, shared among the pushes it has in hand; at most ``MAX_OPS_PER_BATCH``, at least
``SMALLEST``. Stations of this version follow it; older ones ignore the header.

The count is per server process: a station's connection stays with one process, and each
process applies its own pushes one at a time.
"""

from __future__ import annotations

from typing import Any

from gridstation.sync.protocol import MAX_OPS_PER_BATCH

TARGET_S = 0.5
SMALLEST = 25
_WEIGHT = 0.2  # of the newest push in the running rate: a few pushes settle it, one odd push does not

Scope = dict[str, Any]


class PushLoad:
    """The pushes this process has in hand, and how fast it applies ops."""

    def __init__(self, *, target_s: float = TARGET_S, smallest: int = SMALLEST,
                 largest: int = MAX_OPS_PER_BATCH) -> None:
        self.target_s = target_s
        self.smallest = smallest
        self.largest = largest
        self.in_hand = 0  # pushes received and not yet answered (this one included)
        self.ops_per_s: float | None = None

    def applied(self, ops: int, seconds: float) -> None:
        """A push of ``ops`` ops took ``seconds`` to apply (its turn at the push lock)."""
        if ops <= 0 or seconds <= 0:
            return
        rate = ops / max(seconds, 1e-6)  # a clock's tick at most: never an infinite rate
        self.ops_per_s = rate if self.ops_per_s is None else self.ops_per_s + _WEIGHT * (rate - self.ops_per_s)

    def batch_size(self) -> int:
        """The ops to ask of a station for its next batch."""
        if self.in_hand <= 1 or self.ops_per_s is None:
            return self.largest
        share = self.target_s * self.ops_per_s / self.in_hand
        return max(self.smallest, min(self.largest, int(min(share, self.largest))))


class CountPushes:
    """ASGI middleware: counts the pushes in hand from the moment a request arrives (also while
    it waits for a thread or the push lock) until its answer is sent."""

    def __init__(self, app: Any, *, load: PushLoad, path: str) -> None:
        self.app = app
        self.load = load
        self.path = path

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["path"] != self.path:
            await self.app(scope, receive, send)
            return
        self.load.in_hand += 1  # the event loop's thread only: no lock needed
        try:
            await self.app(scope, receive, send)
        finally:
            self.load.in_hand -= 1
