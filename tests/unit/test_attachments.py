"""Attachment content on the station: recognised by content, capped, stored once by SHA-256."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import text

from gridstation.db import attachments, todos
from gridstation.db.accounts import SignedIn
from gridstation.db.store import Store
from gridstation.domain.attachments import MAX_ATTACHMENT_BYTES
from gridstation.domain.errors import ValidationError

from .conftest import OWN_GRID

JPEG = b"\xff\xd8\xff\xe0" + b"\x00\x10JFIF" + bytes(range(256)) * 8


def _owner(store: Store, admin: SignedIn) -> str:
    return todos.add_todo(store, admin.actor, grid_code=OWN_GRID, title="井盖缺失").id


def test_a_photo_is_stored_once_under_its_sha256(store: Store, admin: SignedIn, tmp_path: Path) -> None:
    source = tmp_path / "井盖.jpg"
    source.write_bytes(JPEG)
    owner = _owner(store, admin)
    first = attachments.add(store, admin.actor, grid_code=OWN_GRID, source=source, owner_kind="todo", owner_id=owner)
    second = attachments.add(store, admin.actor, grid_code=OWN_GRID, source=source, owner_kind="todo", owner_id=owner)
    assert first.sha256 == second.sha256 == hashlib.sha256(JPEG).hexdigest()
    assert first.media_type == "image/jpeg" and first.size == len(JPEG)
    assert attachments.content_path(store.data_dir, first.sha256).read_bytes() == JPEG
    files = [p for p in (store.data_dir / "attachments").rglob("*") if p.is_file()]
    assert files == [attachments.content_path(store.data_dir, first.sha256)]  # no leftovers, one copy
    with store.read() as session:
        assert len(attachments.for_owner(session, owner_kind="todo", owner_id=owner)) == 2
        pending = session.execute(text("SELECT count(*) FROM outbox WHERE kind = 'attachment'")).scalar_one()
    assert pending == 2  # both records sync


@pytest.mark.parametrize(("name", "data", "words"), [
    ("合同.docx", b"PK\x03\x04 a word file", "not a photo or scan"),
    ("空.png", b"", "is empty"),
])
def test_what_is_not_a_photo_or_scan_is_refused_by_name(store: Store, admin: SignedIn, tmp_path: Path, name: str,
                                                        data: bytes, words: str) -> None:
    source = tmp_path / name
    source.write_bytes(data)
    with pytest.raises(ValidationError, match=words) as refused:
        attachments.add(store, admin.actor, grid_code=OWN_GRID, source=source, owner_kind="todo",
                        owner_id=_owner(store, admin))
    assert name in str(refused.value)
    with store.read() as session:
        assert session.execute(text("SELECT count(*) FROM attachment")).scalar_one() == 0


def test_an_oversized_file_is_refused_without_reading_it(store: Store, admin: SignedIn, tmp_path: Path) -> None:
    source = tmp_path / "全景.jpg"
    with source.open("wb") as handle:
        handle.write(JPEG)
        handle.truncate(MAX_ATTACHMENT_BYTES + 1)  # sparse: 20 MB + 1 byte
    with pytest.raises(ValidationError, match="at most 20 MB"):
        attachments.add(store, admin.actor, grid_code=OWN_GRID, source=source, owner_kind="todo",
                        owner_id=_owner(store, admin))
    assert not (store.data_dir / "attachments").exists()


def test_content_not_matching_the_expected_hash_is_not_kept(store: Store) -> None:
    with pytest.raises(ValueError):
        attachments.store_content(store.data_dir, [b"abc"], expected="0" * 64)
    assert list((store.data_dir / "attachments").rglob("*")) == []


@pytest.mark.parametrize("name", ["../../etc/passwd", "AB" * 32, "0" * 63, ""])
def test_a_content_name_that_is_not_a_sha256_never_becomes_a_path(store: Store, name: str) -> None:
    with pytest.raises(ValueError):
        attachments.content_path(store.data_dir, name)
    assert not attachments.has_content(store.data_dir, name)
