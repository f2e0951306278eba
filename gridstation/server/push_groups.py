"""The pushes waiting in one server process are applied together: group commit.

A push has a large fixed cost beside the cost of its ops: a pooled connection, a transaction, a
dozen statements and a commit that waits for the disk. When 125 stations push at once, each
batch waits for the ones before it, so that fixed cost, paid once per batch, made most of a
batch's latency. Here the pushes that arrived while one was being applied are applied next, all
in one transaction (``push.push_group``), exactly as if one came after the other.

One push at a time in this process: a push is CPU work under the GIL, so a second thread would
only slow the first, and many stations pushing at once would each park a pooled connection in
the database's lock queues (the pool runs dry, and a request that waits 30 s for a connection
fails). Several worker processes push at the same time on PostgreSQL: they wait for each other
only for the rows of the same records and to number their changes (``push``).

The pushes are taken in arrival order, so none waits many turns while others overtake it. The
thread whose push is first in line applies the group it heads (up to ``GROUP_OPS`` ops), then
hands over to the thread of the next push waiting; each request's thread returns its own answer,
or raises its own error. When a group fails in the database (a unique key taken by another
process meanwhile, a dropped connection), its pushes are applied again one by one, so that only
the one at fault is refused.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from gridstation.server.errors import ApiError

GROUP_OPS = 2000  # ops in one group at most: two full batches, and the transaction stays short

Item = TypeVar("Item")


@dataclass(eq=False)
class _Waiting(Generic[Item]):
    item: Item
    size: int
    ready: threading.Event = field(default_factory=threading.Event)
    leads: bool = False  # woken to apply the group it heads, not with its answer
    answer: str | None = None
    error: Exception | None = None


class PushGroups(Generic[Item]):
    """Runs ``apply`` on groups of the items handed to ``push``, in arrival order.

    ``apply(items)`` returns, for each item, its answer or the exception that refuses it alone;
    an exception it raises refuses the whole group (the items are then applied one by one)."""

    def __init__(self, apply: Callable[[list[Item]], list[str | Exception]], *, max_ops: int = GROUP_OPS) -> None:
        self._apply = apply
        self._max_ops = max_ops
        self._guard = threading.Lock()
        self._queue: deque[_Waiting[Item]] = deque()
        self._busy = False  # a thread is applying a group

    def push(self, item: Item, size: int) -> str:
        """``item``'s answer (``size``: its number of ops), or its error raised."""
        waiting = _Waiting(item, size)
        with self._guard:
            self._queue.append(waiting)
            leads = not self._busy
            self._busy = True
        if not leads:
            waiting.ready.wait()
        if waiting.leads or leads:
            self._lead()
        if waiting.error is not None:
            raise waiting.error
        assert waiting.answer is not None
        return waiting.answer

    def _lead(self) -> None:
        """Apply the group at the head of the queue (this thread's push is its first), then hand
        over to the next push waiting, or leave the queue idle."""
        with self._guard:
            group = [self._queue.popleft()]
            ops = group[0].size
            while self._queue and ops + self._queue[0].size <= self._max_ops:
                ops += self._queue[0].size
                group.append(self._queue.popleft())
        try:
            self._run(group)
        finally:
            for waiting in group[1:]:  # the leader was stopped (SystemExit…): the others try again later
                if waiting.answer is None and waiting.error is None:
                    waiting.error = ApiError(503, "server_unavailable", "The server stopped while applying this "
                                             "batch; send it again.")
            with self._guard:
                following = self._queue[0] if self._queue else None
                if following is None:
                    self._busy = False
                else:
                    following.leads = True
            for waiting in group[1:]:
                waiting.ready.set()
            if following is not None:
                following.ready.set()

    def _run(self, group: list[_Waiting[Item]]) -> None:
        try:
            answers = self._apply([waiting.item for waiting in group])
        except Exception as exc:  # handed to the request that made it; apart, each finds its own
            if len(group) == 1:
                group[0].error = exc
                return
            for waiting in group:
                self._run([waiting])
            return
        for waiting, answer in zip(group, answers, strict=True):
            if isinstance(answer, Exception):
                waiting.error = answer
            else:
                waiting.answer = answer
