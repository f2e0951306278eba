"""Applying one pushed batch (sync.md §3, §6): in one transaction, every op and the stored answer.

Locking (PostgreSQL; on SQLite ``BEGIN IMMEDIATE`` makes every write transaction wait for the
one before, which gives the same guarantees):

* First the rows of the records the batch touches are locked (``SELECT … FOR UPDATE``, ordered,
  so two pushes always lock in the same order and cannot deadlock). Every decision about a record
  that exists (versions, merges, conflicts) is taken under that lock, on its latest committed
  state; a push touching other records goes on at the same time.
* Then, once the ops are decided, the ``sync_counter`` row: one ``UPDATE … RETURNING`` hands the
  batch its sequence numbers and holds the row until commit, so they become visible in commit
  order (``pull`` relies on that), and every insert happens under it.
* What was not there to lock is kept unique by the database: a record created, an op applied or
  a batch stored by another push meanwhile makes this push's insert fail (a unique key), which
  answers 503 and nothing is written; the station sends the batch again and then finds it
  (``duplicate``, or the stored answer). Inserts happen only under the counter lock, so that
  wait cannot deadlock either.

How each op is decided, and the group's writes: ``push_apply``.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from gridstation.server import database
from gridstation.server.body_json import dumps_sorted
from gridstation.server.errors import ApiError
from gridstation.server.kinds import KindRegistry
from gridstation.server.push_apply import BatchApplier
from gridstation.server.push_prepare import (
    Prepared,
    body_digest,
    prepare,
)
from gridstation.server.schema import batch, sync_counter
from gridstation.server.stations import StationRef
from gridstation.sync.protocol import MAX_OPS_PER_BATCH, PushRequest

# The statements of every push, made once: building one costs more than running it.
_TAKE_SEQS = (sync_counter.update().where(sync_counter.c.id == 1)
              .values(last=sync_counter.c.last + sa.bindparam("count", type_=sa.BigInteger))
              .returning(sync_counter.c.last))


@functools.cache
def _stored_batches(dialect: str) -> sa.Select[Any]:
    return database.each(dialect, [batch.c.batch_id, batch.c.station_id, batch.c.body_sha256, batch.c.response],
                         batch.c.batch_id)


@dataclass(frozen=True, slots=True)
class Batch:
    """A batch to apply: who sent it, what it holds, and what ``prepare`` made of it."""

    station: StationRef
    request: PushRequest
    prepared: Prepared


def push(conn: Connection, *, station: StationRef, request: PushRequest, kinds: KindRegistry, at: str,
         prepared: Prepared | None = None) -> str:
    """Apply ``request`` and return the answer as JSON text (stored, so a repeat gets the same bytes).
    ``prepared`` is ``prepare(request, kinds)``, made before the transaction began (else here).
    Raises ApiError 409 when the batch id was used for a different body."""
    answer = push_group(conn, [Batch(station, request, prepared or prepare(request, kinds))], kinds=kinds, at=at)[0]
    if isinstance(answer, ApiError):
        raise answer
    return answer


def push_group(conn: Connection, batches: list[Batch], *, kinds: KindRegistry, at: str) -> list[str | ApiError]:
    """Apply ``batches`` (of one station or several) in the connection's transaction, in their
    order, exactly as if each had a transaction of its own one after the other, with a handful of
    statements for them all. The answer of each, in order: its response as JSON, or the ApiError
    (409 ``batch_reused``) that refuses it alone; the others are applied all the same."""
    answers, active, repeats = _sort_out(conn, batches)
    applier = BatchApplier(conn, kinds, at)
    ops = [op for index in active for op in batches[index].request.ops]
    applier.lock(ops)
    applier.load(ops)
    spans: list[tuple[int, int, int, list[str]]] = []  # index, first and last + 1 change of the batch, answers
    for index in active:
        item = batches[index]
        applier.start(item.station, item.request.batch_id, exact=item.prepared.exact)
        begin = applier.seq
        results = [applier.apply(op, item.prepared.creates.get(n)) for n, op in enumerate(item.request.ops)]
        spans.append((index, begin, applier.seq, results))
    # The group's sequence numbers, taken in one statement that locks the counter until commit
    # (also when no batch writes a change: their own rows are inserted under the lock too).
    last = conn.execute(_TAKE_SEQS, {"count": applier.seq}).scalar_one()
    first = last - applier.seq + 1
    applier.flush(first_seq=first)
    rows = []
    for index, begin, end, results in spans:
        item = batches[index]
        # PushResponse(batch_id=…, results=[…], first_seq=…, last_seq=…, max_ops=…) as JSON, from the
        # answers already in JSON; the sequence numbers are left out when the batch wrote no change.
        seqs = f',"first_seq":{first + begin},"last_seq":{first + end - 1}' if end > begin else ""
        response = (f'{{"batch_id":{dumps_sorted(item.request.batch_id)},"results":[{",".join(results)}]{seqs},'
                    f'"max_ops":{MAX_OPS_PER_BATCH}}}')
        answers[index] = response
        rows.append({"batch_id": item.request.batch_id, "station_id": item.station.id,
                     "body_sha256": item.prepared.digest, "response": response, "at": at})
    database.insert_many(conn, batch, rows)
    for index, repeated in repeats:
        answers[index] = answers[repeated]
    done = [answer for answer in answers if answer is not None]
    assert len(done) == len(batches), "every batch of the group has its answer"
    return done


def _sort_out(conn: Connection, batches: list[Batch]
              ) -> tuple[list[str | ApiError | None], list[int], list[tuple[int, int]]]:
    """Which batches of a group are new: the answers of those stored already (their stored answer,
    or 409 when the id came with another body), the indexes of the new ones, and (index, index of
    the new batch it repeats) for a batch sent again within the group."""
    answers: list[str | ApiError | None] = [None] * len(batches)
    # A batch stored by a push that commits from now on is caught by the batch's unique key.
    ids = sorted({b.request.batch_id for b in batches})
    stored = {row.batch_id: row for row in conn.execute(_stored_batches(conn.dialect.name),
                                                         {database.KEYS: database.key_list(conn, ids)})}
    first_of: dict[str, int] = {}  # batch id → the batch of this group that applies it
    repeats: list[tuple[int, int]] = []
    active: list[int] = []
    for index, item in enumerate(batches):
        batch_id = item.request.batch_id
        row = stored.get(batch_id)
        if row is not None:
            same = _same_batch(row.station_id, row.body_sha256, item)
            answers[index] = str(row.response) if same else _reused(item)
            continue
        if batch_id in first_of:  # sent again while the first was waiting (a station's retry)
            original = batches[first_of[batch_id]]
            if _same_batch(original.station.id, original.prepared.digest, item):
                repeats.append((index, first_of[batch_id]))
            else:
                answers[index] = _reused(item)
            continue
        first_of[batch_id] = index
        active.append(index)
    return answers, active, repeats


def _same_batch(station_id: str, digest: str, item: Batch) -> bool:
    """Whether ``item`` repeats the batch sent by ``station_id`` with the body ``digest``."""
    return station_id == item.station.id and (digest == item.prepared.digest or digest == body_digest(item.request))


def _reused(item: Batch) -> ApiError:
    return ApiError(409, "batch_reused", f"Batch {item.request.batch_id} was already received with different "
                    "content; a new batch needs a new batch_id.", station_id=item.station.id)
