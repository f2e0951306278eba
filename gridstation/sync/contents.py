"""Moving attachment content (protocol 2): uploaded before the records that name it, downloaded
after records from elsewhere arrive. Both resume where an interrupted transfer stopped: the upload
from the offset the server reports, the download from the bytes already in the ``.part`` file."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from gridstation.db import attachments
from gridstation.db.models import Attachment
from gridstation.db.store import Store
from gridstation.sync.client import SyncClient, SyncError
from gridstation.sync.protocol import ATTACHMENT_CHUNK_BYTES

log = logging.getLogger(__name__)
KIND = Attachment.sync_kind
_MAX_ROUNDS = 8  # answers that do not move the upload forward before giving up until the next run


def upload_for(entries: list[Any], client: SyncClient, data_dir: Path) -> None:
    """Upload the content of every attachment created in ``entries`` (outbox rows) that the
    server does not hold complete yet. Content missing on this PC is left to the server to refuse."""
    names = {json.loads(e.payload).get("sha256", "") for e in entries if e.kind == KIND and e.op == "create"}
    for sha256 in sorted(names):
        if not attachments.has_content(data_dir, sha256):
            log.error("attachment content %s is missing on this station", sha256)
            continue
        upload(client, sha256, attachments.content_path(data_dir, sha256))


def upload(client: SyncClient, sha256: str, path: Path) -> None:
    length = path.stat().st_size
    state = client.attachment_state(sha256)
    stalled = 0
    with path.open("rb") as handle:
        while not state.complete and stalled < _MAX_ROUNDS:
            offset = state.offset if state.length == length else 0
            handle.seek(offset)
            data = handle.read(ATTACHMENT_CHUNK_BYTES)
            before = state.offset
            state = client.upload_chunk(sha256, offset=offset, length=length, data=data)
            stalled = stalled + 1 if state.offset <= before and not state.complete else 0
    if not state.complete:
        log.warning("upload of %s did not complete; it resumes at the next sync", sha256)


def fetch_missing(store: Store, client: SyncClient) -> int:
    """Download the content of attachment records from elsewhere; returns how many arrived."""
    fetched = 0
    for sha256, size in attachments.missing_contents(store):
        part = store.data_dir / "attachments" / f"{sha256}.download"
        part.parent.mkdir(parents=True, exist_ok=True)
        start = part.stat().st_size if part.exists() else 0
        if start > size:
            part.unlink()
            start = 0
        try:
            with part.open("ab") as out:
                written = start
                for chunk in client.download(sha256, start=start):
                    written += len(chunk)
                    if written > size:  # more than the record says: not this content; never fill the disk
                        break
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
        except SyncError as exc:
            if exc.retry:
                raise  # the connection: the next run resumes from what arrived
            log.warning("the server has no content %s for this station (%s)", sha256, exc.code)
            continue
        try:
            attachments.store_content(store.data_dir, _read(part), expected=sha256)
            fetched += 1
        except ValueError:
            log.warning("downloaded content of %s did not match its SHA-256; it is fetched again next time", sha256)
        finally:
            part.unlink(missing_ok=True)
    return fetched


def _read(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        yield from iter(lambda: handle.read(1024 * 1024), b"")
