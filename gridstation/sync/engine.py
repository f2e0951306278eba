"""One sync run: push the outbox in batches, then pull the server's changes (sync.md §3–4).

Push: pending outbox entries are grouped into a batch whose id is written to the outbox *before*
sending, so after a lost answer, a killed app or a power cut the very same batch is sent again
and the server recognises it. Entries are marked sent only in the transaction that stores the
answer. Conflicts and refusals leave the queue for a person (``sync_issue``), never silently.

Pull: pages after the stored cursor, each applied in one transaction together with the new
cursor. A ``reset`` answer (the server does not know our cursor, e.g. it was restored from a
backup) puts every local change back in the queue and reloads from the start; nothing local is
lost, and the server's op ids make the re-sent changes harmless where it still had them.
"""

from __future__ import annotations

import json
import logging
import operator
import time
from collections import deque
from collections.abc import Callable, Collection
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text
from sqlmodel import Session
from uuid6 import uuid7

from gridstation import __version__
from gridstation.db.catalogue import catalogue_version
from gridstation.db.events import record_event
from gridstation.db.store import Store
from gridstation.sync import protocol
from gridstation.sync.apply import apply_page, apply_record
from gridstation.sync.batching import BatchSizer
from gridstation.sync.client import RequestRefused, SyncClient, SyncError
from gridstation.sync.contents import fetch_missing, upload_for
from gridstation.sync.reference import install_reference
from gridstation.sync.state import add_own_changes, keep_own_changes_after, load_settings, write_values

log = logging.getLogger(__name__)

# The largest batch, sent once the district's answers say it takes it (``PushResponse.max_ops``;
# protocol.BASE_OPS_PER_BATCH until then): ``batching`` starts smaller.
BATCH_SIZE = protocol.MAX_OPS_PER_BATCH
PULL_PAGE = 500
IN_FLIGHT = 2  # batches on their way at once: the district reads one while it writes the other
# The payloads of one batch at most, in bytes: half of what the district takes in one request, the
# rest is room for the ops' other fields. An entry whose payload is larger still goes alone.
MAX_BATCH_BYTES = protocol.MAX_BODY_BYTES // 2
# The refusal stored for an entry too large to be sent even alone (``ui.sync.texts.REASONS``).
TOO_LARGE = "record too large to send"

Progress = Callable[[str, int, int], None]  # (phase, done, total)


@dataclass
class SyncReport:
    pushed: int = 0
    pulled: int = 0
    conflicts: int = 0
    rejected: int = 0
    errors: list[str] = field(default_factory=list)
    cancelled: bool = False
    fetched: int = 0  # attachment contents downloaded

    @property
    def ok(self) -> bool:
        return not self.errors and not self.cancelled


def stored_message(exc: SyncError) -> str:
    """A failure as stored in the run history and ``last_error``: its English template, parameters
    and server code as JSON, so that each reader shows it in the language of the day."""
    return json.dumps({"template": exc.template, "params": {k: str(v) for k, v in exc.params.items()},
                       "code": exc.code}, ensure_ascii=False)


# json.dumps(text, ensure_ascii=False) for a str, without the encoder's checks (seven per op).
_text = json.encoder.encode_basestring
# The outbox columns a batch is picked with, in this order (``push_body`` unpacks its rows).
BATCH_COLUMNS = "seq, op_id, kind, record_id, op, base_version, version, changed, payload, actor, grid_code, created_at"

_SEQ = operator.itemgetter(0)  # an entry's seq, the first of BATCH_COLUMNS


def push_body(batch_id: str, *, backlog: int, entries: list[Any]) -> bytes:
    """The JSON of a ``protocol.PushRequest`` for outbox rows ``entries`` (``BATCH_COLUMNS``, in
    order), built directly: their ``payload`` and ``changed`` columns are JSON text already, so
    they are spliced in instead of parsed into models and serialised again (a third of the
    station's work per batch). The rows are unpacked as tuples (reading a row's columns by name
    cost as much again) and every piece is joined once. ``tests/sync/test_push_body.py`` checks it
    equals the model's own serialisation."""
    parts = [f'{{"protocol":{protocol.PROTOCOL},"app_version":{_text(__version__)},"batch_id":{_text(batch_id)},'
             f'"backlog":{int(backlog)},"ops":[']
    add = parts.extend
    for _seq, op_id, kind, record_id, op, base_version, version, changed, payload, actor, grid_code, created_at \
            in entries:
        add(('{"op_id":', _text(op_id), ',"kind":', _text(kind), ',"record_id":', _text(record_id), ',"op":',
             _text(op), ',"base_version":', str(int(base_version)), ',"version":', str(int(version)), ',"changed":',
             changed, ',"payload":', payload, ',"actor":', _text(actor), ',"grid_code":', _text(grid_code),
             ',"created_at":', _text(created_at), '},'))
    if entries:
        parts[-1] = "}"  # no comma after the last op
    parts.append("]}")
    return "".join(parts).encode()


@dataclass(frozen=True, slots=True)
class _Picked:
    """A batch picked from the outbox (its id stored there) and serialised, ready to send."""

    batch_id: str
    entries: list[Any]
    body: bytes


class _TooLarge(Exception):
    """The district (or a proxy in front of it) refused a push as too large (HTTP 413): it has
    written nothing of the batch."""


class _TooMany(Exception):
    """The district refused a batch of more than ``protocol.BASE_OPS_PER_BATCH`` ops as invalid
    (HTTP 400): a server of an older version, behind the same address as one that said it takes
    more. It has written nothing of the batch."""


@dataclass(frozen=True, slots=True)
class _Flying:
    picked: _Picked
    sending: Future[tuple[protocol.PushResponse, float]]


def _unpick(session: Session, batch_id: str) -> None:
    """The pending entries of ``batch_id``, which the district refused whole (having written
    nothing of it), go back to the queue: they are picked again into new batches."""
    session.execute(text("UPDATE outbox SET batch_id = NULL WHERE batch_id = :b AND state = 'pending'"),
                    {"b": batch_id})


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SyncEngine:
    def __init__(self, store: Store, client: SyncClient, *, batch_size: int = BATCH_SIZE,
                 progress: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> None:
        self.store = store
        self.client = client
        self.batch_size = batch_size  # the largest batch, to a district that takes it; the first are smaller
        self.sizer = BatchSizer(min(batch_size, protocol.BASE_OPS_PER_BATCH))
        self.batch_bytes = MAX_BATCH_BYTES  # smaller after a push refused as too large (``_too_large``)
        self.progress = progress or (lambda phase, done, total: None)
        self.cancelled = cancelled or (lambda: False)

    # -- the run ------------------------------------------------------------------------------------
    def run(self) -> SyncReport:
        report = SyncReport()
        with self.store.write() as session:
            run_id = int(session.execute(text("INSERT INTO sync_run (started_at) VALUES (:t) RETURNING id"),
                                         {"t": _now()}).scalar_one())
        try:
            self.push_all(report)
            if not report.cancelled:
                self.pull_all(report)
            if not report.cancelled:
                report.fetched = fetch_missing(self.store, self.client)
                self.pull_reference()
        except SyncError as exc:
            report.errors.append(str(exc))
            self._finish(run_id, report, outcome="error", message=stored_message(exc))
            raise
        self._finish(run_id, report, outcome="cancelled" if report.cancelled else "ok", message="")
        return report

    def _finish(self, run_id: int, report: SyncReport, *, outcome: str, message: str) -> None:
        with self.store.write() as session:
            session.execute(
                text("UPDATE sync_run SET finished_at = :t, pushed = :p, pulled = :l, conflicts = :c, "
                     "rejected = :r, outcome = :o, message = :m WHERE id = :id"),
                {"t": _now(), "p": report.pushed, "l": report.pulled, "c": report.conflicts, "r": report.rejected,
                 "o": outcome, "m": message, "id": run_id},
            )
            if outcome == "ok":
                write_values(session, last_success=_now(), last_error="")
            elif outcome == "error":
                write_values(session, last_error=message)

    # -- push ---------------------------------------------------------------------------------------
    def _next_batch(self, in_flight: Collection[str] = ()) -> tuple[str, list[Any]]:
        """The next batch: one cut short earlier (its id was stored), or a new one of the oldest
        pending entries. ``in_flight``: batches being sent meanwhile; the new batch leaves out
        their records, so that an answer still to come (a conflict, a merge) is settled before
        anything else about them is sent."""
        flying = json.dumps(list(in_flight))
        with self.store.write() as session:
            # From the index of entries in batches (a few batches' worth): by the index of states,
            # SQLite would walk every pending entry, each batch of a backlog of weeks.
            resumed = session.execute(text(
                "SELECT batch_id FROM outbox INDEXED BY ix_outbox_batch WHERE state = 'pending' "
                "AND batch_id IS NOT NULL AND batch_id NOT IN (SELECT value FROM json_each(:f)) ORDER BY seq LIMIT 1"
            ), {"f": flying}).scalar()
            if resumed is None:
                batch_id = str(uuid7())
                # Changes to a record with an unsettled conflict wait: they build on a value the
                # district did not accept, and the person settling it decides what is sent.
                picked = session.execute(
                    text("UPDATE outbox SET batch_id = :b WHERE seq IN (SELECT o.seq FROM outbox o "
                         "WHERE o.state = 'pending' AND o.batch_id IS NULL AND NOT EXISTS (SELECT 1 FROM sync_issue i "
                         "WHERE i.status = 'open' AND i.kind = o.kind AND i.record_id = o.record_id) "
                         # uncorrelated: SQLite builds the in-flight batches' id set once, from
                         # their index (without statistics it would walk every pending entry)
                         "AND o.record_id NOT IN (SELECT f.record_id FROM outbox f INDEXED BY ix_outbox_batch "
                         "WHERE f.state = 'pending' AND f.batch_id IN (SELECT value FROM json_each(:f))) "
                         f"ORDER BY o.seq LIMIT :n) RETURNING {BATCH_COLUMNS}"),
                    {"b": batch_id, "n": self.sizer.size, "f": flying},
                ).all()
                picked = sorted(picked, key=_SEQ)  # RETURNING has no order
                kept = picked[:protocol.first_within([entry.payload for entry in picked], self.batch_bytes)]
                if len(kept) < len(picked):  # the rest waits for the next batch
                    left = json.dumps([entry.seq for entry in picked[len(kept):]])
                    session.execute(text("UPDATE outbox SET batch_id = NULL WHERE seq IN "
                                         "(SELECT value FROM json_each(:s))"), {"s": left})
                return batch_id, kept
            entries = session.execute(
                text(f"SELECT {BATCH_COLUMNS} FROM outbox WHERE batch_id = :b AND state = 'pending' ORDER BY seq"),
                {"b": resumed}
            ).all()
        return resumed, list(entries)

    def pending_count(self) -> int:
        with self.store.read() as session:
            return int(session.execute(text("SELECT count(*) FROM outbox WHERE state = 'pending'")).scalar_one())

    def push_all(self, report: SyncReport) -> None:
        """Send every pending batch, in order, with up to ``IN_FLIGHT`` on their way at once, so the
        district always has the next batch at hand while it works on one. The batch after those is
        picked and serialised while they are on their way, and sent as soon as the oldest is
        answered, before that answer is stored: the district then never waits for the station's
        own work between two batches. A batch never holds a record of a batch in flight when it
        was picked, and answers are stored in the order the batches were sent, so the answer about
        a record is stored before the next change to it is picked."""
        total = self.pending_count()
        flight: deque[_Flying] = deque()
        ahead: _Picked | None = None  # the next batch, picked while the others are on their way
        with ThreadPoolExecutor(max_workers=IN_FLIGHT, thread_name_prefix="gridstation-push") as sender:

            def send(picked: _Picked) -> None:
                flight.append(_Flying(picked, sender.submit(self._send, picked.entries, picked.body)))

            try:
                while True:
                    while len(flight) < IN_FLIGHT and not report.cancelled:
                        if ahead is None:
                            if self.cancelled():
                                report.cancelled = True
                                break
                            ahead = self._pick(flight, total, report)
                            if ahead is None:
                                break
                        send(ahead)
                        ahead = None
                    if not flight:
                        return
                    if ahead is None and not report.cancelled and not self.cancelled():
                        ahead = self._pick(flight, total, report)
                    answered = self._oldest_answer(flight, report)
                    if answered is None:
                        continue
                    entries, answer, seconds = answered
                    if ahead is not None and not report.cancelled:  # on its way before the answer is stored
                        send(ahead)  # (picked while that batch was in flight: none of its records)
                        ahead = None
                    if answer.max_ops is not None:  # what the district takes (an older one does not say)
                        self.sizer.limit(min(self.batch_size, answer.max_ops))
                    self.sizer.answered(len(entries), seconds)
                    self._record_answer(entries, answer, report)
                    self.progress("push", report.pushed + report.conflicts + report.rejected, total)
            finally:
                for flying in flight:  # after a failure: what has not left yet stays queued
                    flying.sending.cancel()

    def _oldest_answer(self, flight: deque[_Flying], report: SyncReport
                       ) -> tuple[list[Any], protocol.PushResponse, float] | None:
        """The oldest batch in flight, taken out of it when answered: its entries, the answer and
        the seconds it took. None when the batch was refused whole and its entries go out again
        (``_too_large``, ``_too_many``); any other SyncError of the send is raised."""
        try:
            answer, seconds = flight[0].sending.result()
        except _TooLarge:
            self._too_large(flight.popleft().picked, report)
            return None
        except _TooMany:
            self._too_many(flight.popleft().picked)
            return None
        return flight.popleft().picked.entries, answer, seconds

    def _pick(self, flight: Collection[_Flying], total: int, report: SyncReport) -> _Picked | None:
        """The next batch, serialised (None when nothing is left to send): its entries leave out
        the records of the batches in ``flight``."""
        batch_id, entries = self._next_batch(in_flight=[flying.picked.batch_id for flying in flight])
        if not entries:
            return None
        waiting = total - report.pushed - sum(len(flying.picked.entries) for flying in flight) - len(entries)
        return _Picked(batch_id, entries, push_body(batch_id, backlog=max(0, waiting), entries=entries))

    def _send(self, entries: list[Any], body: bytes) -> tuple[protocol.PushResponse, float]:
        """The answer, and the seconds the district took to give it."""
        upload_for(entries, self.client, self.store.data_dir)
        sent = time.monotonic()
        try:
            answer = self.client.push_json(body)
        except RequestRefused as exc:
            if exc.status == 413:
                raise _TooLarge from exc
            if exc.status == 400 and exc.code == "invalid_request" and len(entries) > protocol.BASE_OPS_PER_BATCH:
                raise _TooMany from exc
            raise
        return answer, time.monotonic() - sent

    def _too_large(self, picked: _Picked, report: SyncReport) -> None:
        """The district refused ``picked`` as too large, having written nothing of it (its own
        limit is ``protocol.MAX_BODY_BYTES``; a proxy in front of it may take less). Its entries go
        out again in batches of half its payloads' size at most; an entry refused alone waits in
        quarantine (``TOO_LARGE``) until a person shortens the record, and later changes to that
        record wait with it."""
        with self.store.write() as session:
            if len(picked.entries) > 1:
                size = sum(len(entry.payload.encode()) for entry in picked.entries)
                self.batch_bytes = max(1, min(self.batch_bytes, size // 2))
                _unpick(session, picked.batch_id)
                log.warning("batch %s refused as too large: sending its %d entries in batches of at most %d "
                            "bytes", picked.batch_id, len(picked.entries), self.batch_bytes)
                return
            [entry] = picked.entries
            self._open_issue(session, entry, protocol.OpResult(op_id=entry.op_id, status="rejected",
                                                               reason=TOO_LARGE))
            report.rejected += 1

    def _too_many(self, picked: _Picked) -> None:
        """A district server that takes fewer ops in a batch than an earlier answer said (one of an
        older version behind the same address, during an upgrade) refused ``picked`` whole. Its
        entries go out again, and every batch of this run holds at most what every server takes."""
        self.batch_size = min(self.batch_size, protocol.BASE_OPS_PER_BATCH)
        self.sizer.limit(self.batch_size)
        with self.store.write() as session:
            _unpick(session, picked.batch_id)
        log.warning("batch %s of %d entries refused as invalid: sending batches of at most %d entries",
                    picked.batch_id, len(picked.entries), self.batch_size)

    def _record_answer(self, entries: list[Any], answer: protocol.PushResponse, report: SyncReport) -> None:
        results = {r.op_id: r for r in answer.results}
        sent: list[int] = []
        with self.store.write() as session:
            for entry in entries:
                result = results.get(entry.op_id)
                if result is None:  # not answered: send it again in a later batch
                    session.execute(text("UPDATE outbox SET batch_id = NULL WHERE seq = :s"), {"s": entry.seq})
                    continue
                if result.status in ("applied", "duplicate"):
                    sent.append(entry.seq)
                    report.pushed += 1
                    if (result.server_version is not None and result.server_payload is not None
                            and result.server_version != entry.version):
                        self._mark_sent(session, sent)
                        sent = []
                        apply_record(session, kind=entry.kind, record_id=entry.record_id,
                                     version=result.server_version, payload=result.server_payload)
                else:
                    self._open_issue(session, entry, result)
                    if result.status == "conflict":
                        report.conflicts += 1
                    else:
                        report.rejected += 1
            self._mark_sent(session, sent)
            if answer.first_seq is not None and answer.last_seq is not None:
                # What the batch wrote is what this station now holds: the next pull leaves it out.
                add_own_changes(session, answer.first_seq, answer.last_seq)

    @staticmethod
    def _mark_sent(session: Session, seqs: list[int]) -> None:
        for start in range(0, len(seqs), 500):
            chunk = seqs[start:start + 500]
            marks = ", ".join(str(int(seq)) for seq in chunk)
            session.execute(text(f"UPDATE outbox SET state = 'sent' WHERE seq IN ({marks})"))

    def _open_issue(self, session: Session, entry: Any, result: protocol.OpResult) -> None:
        session.execute(text("UPDATE outbox SET state = 'quarantined' WHERE seq = :s"), {"s": entry.seq})
        session.execute(
            text("INSERT INTO sync_issue (op_id, kind, record_id, issue, reason, conflict_fields, local_payload, "
                 "server_payload, server_version, created_at) "
                 "VALUES (:op, :k, :r, :i, :reason, :f, :lp, :sp, :sv, :t)"),
            {"op": entry.op_id, "k": entry.kind, "r": entry.record_id, "i": result.status, "reason": result.reason,
             "f": json.dumps(result.conflict_fields), "lp": entry.payload,
             "sp": json.dumps(result.server_payload, ensure_ascii=False) if result.server_payload else None,
             "sv": result.server_version, "t": _now()},
        )

    # -- pull ---------------------------------------------------------------------------------------
    def pull_all(self, report: SyncReport) -> None:
        cursor = load_settings(self.store).cursor
        # What still waits to be sent (0 after a complete push), so that the district's station
        # list shows it even when this run had nothing to push.
        waiting = self.pending_count()
        while True:
            if self.cancelled():
                report.cancelled = True
                return
            own = [pair for pair in load_settings(self.store).own_changes if pair[1] > cursor]
            page = self.client.pull(protocol.PullRequest(protocol=protocol.PROTOCOL, app_version=__version__,
                                                         cursor=cursor, limit=PULL_PAGE, own_changes=own,
                                                         backlog=waiting))
            if page.reset:
                log.warning("the server does not know cursor %s: re-sending local changes and reloading", cursor)
                self._reset()
                cursor = 0
                self.push_all(report)
                waiting = self.pending_count()
                continue
            with self.store.write() as session:
                report.pulled += apply_page(session, page.changes)
                write_values(session, cursor=page.cursor)
                keep_own_changes_after(session, page.cursor)
            cursor = page.cursor
            self.progress("pull", report.pulled, 0)
            if not page.more:
                return

    def pull_reference(self) -> None:
        """Reference data the district publishes: grid names and a newer service catalogue."""
        held = catalogue_version(self.store)
        try:
            answer = self.client.reference(protocol.ReferenceRequest(
                protocol=protocol.PROTOCOL, app_version=__version__, catalogue_version=held))
        except SyncError as exc:
            if exc.code != "not_found":
                raise
            log.info("the district server has no reference data (protocol 1); records synced all the same")
            return
        install_reference(self.store, answer)

    def _reset(self) -> None:
        with self.store.write() as session:
            session.execute(text("UPDATE outbox SET state = 'pending', batch_id = NULL WHERE state = 'sent'"))
            write_values(session, cursor=0, own_changes="[]")  # numbers of a server that forgot them


def enrol(store: Store, *, server_url: str, code: str, station_name: str, ca_bundle: str = "",
          actor: str = "system") -> str:
    """Exchange a one-time enrolment code for this station's token; returns the station id."""
    client = SyncClient(server_url, ca_bundle=ca_bundle)
    try:
        answer = client.enrol(protocol.EnrolRequest(protocol=protocol.PROTOCOL, app_version=__version__,
                                                    code=code.strip().upper(), station_name=station_name))
    finally:
        client.close()
    with store.write() as session:
        write_values(session, server_url=client.base, ca_bundle=ca_bundle, token=answer.token,
                     station_id=answer.station_id, cursor=0, own_changes="[]")
    record_event(store, actor=actor, action="sync.enrol", target=client.base, detail=answer.station_id)
    log.info("enrolled with %s as station %s", client.base, answer.station_id)
    return answer.station_id


def client_for(store: Store) -> SyncClient:
    settings = load_settings(store)
    return SyncClient(settings.server_url, token=settings.token, ca_bundle=settings.ca_bundle)
