"""Attachment content by SHA-256: resumable chunked upload, checked download (protocol 2).

A station uploads a photo or scan before it pushes the ``attachment`` record naming it: it asks
for the state (how many bytes the server holds), then appends chunks from that offset. A chunk at
any other offset is refused with the right one (a chunk whose answer was lost is simply not
stored twice), so an upload cut at any byte resumes without sending what arrived. The last chunk
triggers the hash check; content that does not hash to its name is discarded, never kept under a
wrong name. A complete attachment is immutable, and uploading it again answers at once.

Reading is allowed to the station that uploaded the content and to stations serving a grid with
an ``attachment`` record that names it: a SHA-256 alone is no permission.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from gridstation.server.errors import ApiError
from gridstation.server.schema import attachment, attachment_chunk, record
from gridstation.server.stations import StationRef
from gridstation.sync.protocol import (
    ATTACHMENT_CHUNK_BYTES,
    MAX_ATTACHMENT_BYTES,
    SHA256_PATTERN,
    AttachmentState,
)

ATTACHMENT_KIND = "attachment"
_SHA256 = re.compile(SHA256_PATTERN)


def check_name(sha256: str) -> str:
    if not _SHA256.match(sha256):
        raise ApiError(400, "invalid_request", "An attachment is named by its SHA-256: 64 lower-case hex digits.")
    return sha256


def state(conn: Connection, sha256: str, *, lock: bool = False) -> AttachmentState:
    query = sa.select(attachment.c.length, attachment.c.received, attachment.c.complete).where(
        attachment.c.sha256 == sha256)
    row = conn.execute(query.with_for_update() if lock else query).first()
    if row is None:
        return AttachmentState(sha256=sha256, length=None, offset=0, complete=False)
    return AttachmentState(sha256=sha256, length=int(row.length), offset=int(row.received), complete=bool(row.complete))


def complete(conn: Connection, names: set[str]) -> set[str]:
    """Which of ``names`` the server holds complete."""
    if not names:
        return set()
    rows = conn.execute(sa.select(attachment.c.sha256).where(attachment.c.sha256.in_(sorted(names)),
                                                            attachment.c.complete))
    return set(rows.scalars())


def append(conn: Connection, *, station_id: str, sha256: str, offset: int, length: int, data: bytes,
           at: str) -> tuple[AttachmentState, bool]:
    """Store ``data`` at ``offset`` of the attachment ``sha256`` of ``length`` bytes; returns the new
    state and whether the content turned out corrupt (then it is discarded in this transaction:
    commit it, then refuse). Call inside a write transaction; raises ``ApiError`` (rolling it back)
    for anything out of place."""
    if not 0 < length <= MAX_ATTACHMENT_BYTES:
        raise ApiError(413, "attachment_too_large",
                       f"An attachment may hold 1 to {MAX_ATTACHMENT_BYTES} bytes; this one declares {length}.")
    if len(data) > ATTACHMENT_CHUNK_BYTES:
        raise ApiError(413, "chunk_too_large", f"Send chunks of at most {ATTACHMENT_CHUNK_BYTES} bytes.")
    _create(conn, sha256=sha256, length=length, station_id=station_id, at=at)
    current = state(conn, sha256, lock=True)
    if current.complete:
        return current, False
    if current.length != length:
        raise ApiError(409, "length_mismatch", f"This attachment was started with {current.length} bytes, "
                       f"not {length}.", offset=current.offset, length=current.length)
    if offset != current.offset:
        raise ApiError(409, "offset_mismatch", f"The server holds {current.offset} bytes of this attachment; "
                       f"continue from there.", offset=current.offset, length=current.length)
    if not data or offset + len(data) > length:
        raise ApiError(400, "invalid_request", "A chunk must hold at least one byte and end within the length.")
    conn.execute(attachment_chunk.insert().values(sha256=sha256, offset=offset, data=data))
    received = offset + len(data)
    if received < length:
        conn.execute(attachment.update().where(attachment.c.sha256 == sha256).values(received=received))
        return AttachmentState(sha256=sha256, length=length, offset=received, complete=False), False
    digest = hashlib.sha256()
    for chunk in read(conn, sha256, start=0):
        digest.update(chunk)
    if digest.hexdigest() != sha256:
        discard(conn, sha256)
        return AttachmentState(sha256=sha256, length=None, offset=0, complete=False), True
    conn.execute(attachment.update().where(attachment.c.sha256 == sha256).values(
        received=received, complete=True, completed_at=at))
    return AttachmentState(sha256=sha256, length=length, offset=received, complete=True), False


def corrupt_error() -> ApiError:
    return ApiError(422, "attachment_corrupt", "The uploaded content does not match its SHA-256; it was discarded "
                    "and must be sent again from the start.", offset=0)


def discard(conn: Connection, sha256: str) -> None:
    """Forget an incomplete upload (after a hash mismatch), so it starts again from byte 0."""
    conn.execute(attachment_chunk.delete().where(attachment_chunk.c.sha256 == sha256))
    conn.execute(attachment.delete().where(attachment.c.sha256 == sha256, sa.not_(attachment.c.complete)))


def _create(conn: Connection, *, sha256: str, length: int, station_id: str, at: str) -> None:
    values = {"sha256": sha256, "length": length, "received": 0, "complete": False, "station_id": station_id,
              "created_at": at}
    insert = (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(attachment)
    conn.execute(insert.values(**values).on_conflict_do_nothing(index_elements=["sha256"]))


def read(conn: Connection, sha256: str, *, start: int) -> Iterator[bytes]:
    """The content from byte ``start`` on, chunk by chunk."""
    rows = conn.execute(
        sa.select(attachment_chunk.c.offset, attachment_chunk.c.data)
        .where(attachment_chunk.c.sha256 == sha256).order_by(attachment_chunk.c.offset)
    )
    for offset, data in rows:
        end = int(offset) + len(data)
        if end <= start:
            continue
        yield bytes(data[max(0, start - int(offset)):])


def may_read(conn: Connection, station: StationRef, sha256: str) -> bool:
    uploader = conn.execute(sa.select(attachment.c.station_id).where(attachment.c.sha256 == sha256)).scalar()
    if uploader is None:
        return False
    if uploader == station.id:
        return True
    if not station.grids:
        return False
    # Payloads are stored in canonical JSON (sorted keys, no spaces), so the field reads exactly so.
    named = conn.execute(
        sa.select(sa.literal(1)).select_from(record)
        .where(record.c.kind == ATTACHMENT_KIND, record.c.grid_code.in_(sorted(station.grids)),
               record.c.payload.contains(f'"sha256":"{sha256}"'))
        .limit(1)
    ).first()
    return named is not None
