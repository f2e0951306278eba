"""Attachments by SHA-256 between stations and a real server process: resumable both ways,
checked by hash, readable only where the record that names them is."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
import requests

from gridstation.db import attachments, station, todos
from gridstation.db.models import Attachment
from gridstation.db.store import Store
from gridstation.sync import issues
from gridstation.sync.client import SyncClient, SyncError
from gridstation.sync.engine import client_for, enrol
from gridstation.sync.protocol import ATTACHMENT_CHUNK_BYTES

from .conftest import GRID_A, GRID_B, PASSWORD, ServerProcess, Station, sync
from .fault_proxy import FaultProxy


def photo(tmp_path: Path, size: int, name: str = "隐患照片.png") -> Path:
    path = tmp_path / name
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(size - 8))
    return path


def attach(target: Station, source: Path, grid: str = GRID_A) -> Attachment:
    owner = todos.add_todo(target.store, target.user.actor, grid_code=grid, title="楼道堆物")
    return attachments.add(target.store, target.user.actor, grid_code=grid, source=source, owner_kind="todo",
                           owner_id=owner.id, caption="三单元楼道")


def content(target: Station, sha256: str) -> bytes:
    return attachments.content_path(target.store.data_dir, sha256).read_bytes()


def test_a_photo_reaches_the_other_station_byte_for_byte(station_a: Station, station_b: Station,
                                                         tmp_path: Path) -> None:
    source = photo(tmp_path, 300_000)
    record = attach(station_a, source)
    assert record.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    sync(station_a)
    report = sync(station_b)
    assert report.fetched == 1  # type: ignore[attr-defined]
    assert content(station_b, record.sha256) == source.read_bytes()
    with station_b.store.read() as session:
        [arrived] = attachments.for_owner(session, owner_kind="todo", owner_id=record.owner_id)
    assert (arrived.caption, arrived.media_type, arrived.size) == ("三单元楼道", "image/png", 300_000)
    assert sync(station_b).fetched == 0  # type: ignore[attr-defined]


def test_an_upload_cut_twice_resumes_without_resending_what_arrived(station_a: Station, server: ServerProcess,
                                                                   tmp_path: Path) -> None:
    source = photo(tmp_path, 2 * ATTACHMENT_CHUNK_BYTES + 1000)  # three chunks
    record = attach(station_a, source)
    proxy = FaultProxy(server.url)
    path = f"/api/v1/attachments/{record.sha256}"
    try:
        proxy.inject(path, "drop_response")  # the first chunk is stored, its answer lost
        with pytest.raises(SyncError):
            sync(station_a, SyncClient(proxy.url, token=client_for(station_a.store).session.headers[
                "Authorization"].split()[1]))
        proxy.inject(path, "refuse")  # the second chunk never reaches the server
        token = client_for(station_a.store).session.headers["Authorization"].split()[1]
        with pytest.raises(SyncError):
            sync(station_a, SyncClient(proxy.url, token=token))
        sync(station_a, SyncClient(proxy.url, token=token))
    finally:
        proxy.close()
    assert proxy.forwarded.count(path) == 3  # each chunk reached the server exactly once
    assert proxy.forwarded.count("/api/v1/push") >= 1
    state = client_for(station_a.store).attachment_state(record.sha256)
    assert state.complete and state.length == source.stat().st_size


def test_a_cut_download_resumes_from_the_bytes_it_has(station_a: Station, station_b: Station, server: ServerProcess,
                                                     tmp_path: Path) -> None:
    source = photo(tmp_path, 3 * ATTACHMENT_CHUNK_BYTES)
    record = attach(station_a, source)
    sync(station_a)
    proxy = FaultProxy(server.url)
    token = client_for(station_b.store).session.headers["Authorization"].split()[1]
    try:
        proxy.inject(f"/api/v1/attachments/{record.sha256}", "truncate")
        with pytest.raises(SyncError):
            sync(station_b, SyncClient(proxy.url, token=token))
        partial = station_b.store.data_dir / "attachments" / f"{record.sha256}.download"
        assert 0 < partial.stat().st_size < source.stat().st_size
        assert not attachments.has_content(station_b.store.data_dir, record.sha256)
        assert sync(station_b, SyncClient(proxy.url, token=token)).fetched == 1  # type: ignore[attr-defined]
    finally:
        proxy.close()
    assert content(station_b, record.sha256) == source.read_bytes()
    assert not partial.exists()


def test_content_that_does_not_hash_to_its_name_is_discarded(station_a: Station) -> None:
    client = client_for(station_a.store)
    claimed = hashlib.sha256(b"the real photo").hexdigest()
    state = client.upload_chunk(claimed, offset=0, length=14, data=b"a forged photo")
    assert (state.complete, state.offset, state.length) == (False, 0, None)
    state = client.upload_chunk(claimed, offset=0, length=14, data=b"the real photo")
    assert state.complete
    # once complete, it is immutable: another upload under the name changes nothing
    assert client.upload_chunk(claimed, offset=0, length=14, data=b"xxxxxxxxxxxxxx").complete
    assert b"".join(client.download(claimed, start=0)) == b"the real photo"
    assert b"".join(client.download(claimed, start=9)) == b"photo"
    client.close()


def test_a_record_whose_content_never_arrived_is_refused_and_quarantined(station_a: Station,
                                                                          tmp_path: Path) -> None:
    record = attach(station_a, photo(tmp_path, 5000))
    attachments.content_path(station_a.store.data_dir, record.sha256).unlink()  # lost from this PC
    report = sync(station_a)
    assert report.rejected == 1  # type: ignore[attr-defined]
    [refused] = issues.open_issues(station_a.store)
    assert refused.kind == "attachment" and "not uploaded" in refused.reason


def test_a_station_of_another_grid_cannot_read_the_content(station_a: Station, server: ServerProcess,
                                                            tmp_path: Path) -> None:
    record = attach(station_a, photo(tmp_path, 5000))
    sync(station_a)
    store = Store.open(tmp_path / "c")
    try:
        station.initialize_station(store, station.StationSetup(
            name="第二网格站", street_code="230204001", street_name="站前街道", community_code="230204001003",
            community_name="新兴社区", grids=[(GRID_B, "第二网格")], admin_username="admin",
            admin_display_name="王强", admin_password=PASSWORD))
        enrol(store, server_url=server.url, code=server.code_for("第二网格站", GRID_B), station_name="第二网格站")
        client = client_for(store)
        with pytest.raises(SyncError) as refused:
            b"".join(client.download(record.sha256, start=0))
        assert refused.value.code == "not_found"
        client.close()
    finally:
        store.close()


def test_a_protocol_1_station_keeps_pushing(station_a: Station, server: ServerProcess) -> None:
    """An older app (protocol 1: no attachments, no reference data) is still served."""
    token = client_for(station_a.store).session.headers["Authorization"]
    item = todos.add_todo(station_a.store, station_a.user.actor, grid_code=GRID_A, title="旧版本")
    payload = item.model_dump(mode="json")
    body = {"protocol": 1, "app_version": "0.1.0", "batch_id": "old-client-batch", "ops": [{
        "op_id": "old-client-op", "kind": "todo", "record_id": item.id, "op": "create", "base_version": 0,
        "version": 1, "changed": ["title"], "payload": payload, "actor": "admin", "grid_code": GRID_A,
        "created_at": payload["created_at"]}]}
    answer = requests.post(server.url + "/api/v1/push", json=body, headers={"Authorization": token}, timeout=30)
    assert answer.status_code == 200 and answer.json()["results"][0]["status"] == "applied"
    pulled = requests.post(server.url + "/api/v1/pull", json={"protocol": 1, "app_version": "0.1.0", "cursor": 0},
                           headers={"Authorization": token}, timeout=30)
    assert pulled.status_code == 200 and any(c["record_id"] == item.id for c in pulled.json()["changes"])
