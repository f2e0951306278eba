"""Attachment content on the station: files named by their SHA-256 under ``attachments/`` in the
data directory, and the ``attachment`` records that point at them.

Content is written to a temporary file, flushed to disk and renamed into place, so a power cut
never leaves a half-written file under a SHA-256 name; a file already present (the same photo
attached twice) is not written again. Files are never deleted with their record: another record
may name the same content, and a withdrawn record stays as a tombstone. The sync engine uploads
content before the record that names it, and downloads content named by records from elsewhere.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import text
from sqlmodel import Session, select

from gridstation.db.models import Attachment
from gridstation.db.store import Store
from gridstation.db.unit_of_work import Actor
from gridstation.domain.attachments import SNIFF_BYTES, check_size, media_type
from gridstation.domain.errors import QT_TRANSLATE_NOOP, ValidationError

_BLOCK = 1024 * 1024


_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def is_content_name(sha256: str) -> bool:
    return bool(_SHA256.match(sha256))


def content_path(data_dir: Path, sha256: str) -> Path:
    """Where content named ``sha256`` lives; a name that is not 64 hex digits (a record from
    elsewhere could hold anything) is refused, so it can never point outside the directory."""
    if not is_content_name(sha256):
        raise ValueError(f"not a SHA-256 content name: {sha256[:80]!r}")
    return data_dir / "attachments" / sha256[:2] / sha256


def has_content(data_dir: Path, sha256: str) -> bool:
    return is_content_name(sha256) and content_path(data_dir, sha256).is_file()


def add(store: Store, actor: Actor, *, grid_code: str, source: Path, owner_kind: str, owner_id: str,
        caption: str = "") -> Attachment:
    """Attach the file ``source`` to the record ``owner_kind``/``owner_id``."""
    name = source.name
    try:
        size = source.stat().st_size
        with source.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        raise ValidationError("file", QT_TRANSLATE_NOOP("Errors", "“{name}” cannot be read."), name=name) from None
    check_size(size, file_name=name)
    kind = media_type(head, file_name=name)
    with source.open("rb") as handle:
        sha256 = store_content(store.data_dir, iter(lambda: handle.read(_BLOCK), b""))
    with store.unit_of_work(actor) as uow:
        return uow.create(Attachment, grid_code=grid_code, sha256=sha256, size=size, media_type=kind,
                          file_name=name[:200], caption=caption, owner_kind=owner_kind, owner_id=owner_id)


def store_content(data_dir: Path, chunks: Iterable[bytes], *, expected: str | None = None) -> str:
    """Write ``chunks`` as a content file; returns its SHA-256. With ``expected``, content hashing
    to anything else is thrown away and ``ValueError`` raised."""
    directory = data_dir / "attachments"
    directory.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    handle, temporary = tempfile.mkstemp(dir=directory, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            for chunk in chunks:
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        sha256 = digest.hexdigest()
        if expected is not None and sha256 != expected:
            raise ValueError(f"content hashes to {sha256}, not {expected}")
        target = content_path(data_dir, sha256)
        target.parent.mkdir(exist_ok=True)
        if target.exists():
            os.unlink(temporary)
        else:
            os.replace(temporary, target)
        return sha256
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def for_owner(session: Session, *, owner_kind: str, owner_id: str) -> list[Attachment]:
    query = (select(Attachment).where(Attachment.owner_kind == owner_kind, Attachment.owner_id == owner_id,
                                      Attachment.deleted == False)  # noqa: E712 - SQL comparison
             .order_by(Attachment.created_at))
    return list(session.exec(query))


def missing_contents(store: Store) -> list[tuple[str, int]]:
    """(sha256, size) of live attachment records whose content this station does not hold yet
    (records that arrived from the district server)."""
    with store.read() as session:
        rows = session.execute(text("SELECT DISTINCT sha256, size FROM attachment WHERE deleted = 0")).all()
    return [(row.sha256, int(row.size)) for row in rows
            if is_content_name(row.sha256) and not has_content(store.data_dir, row.sha256)]
