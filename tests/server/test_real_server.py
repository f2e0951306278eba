"""The real thing: ``python -m gridstation.server serve`` on a free loopback port, set up with the
command line, spoken to over HTTP (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from gridstation.sync.protocol import PROTOCOL

REPO_ROOT = Path(__file__).resolve().parents[2]
GRID = "230204001003-001U"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _cli(database_url: str, *args: str) -> str:
    result = subprocess.run([sys.executable, "-m", "gridstation.server", *args, "--db", database_url],
                            cwd=REPO_ROOT, capture_output=True, text=True, timeout=60, env=_env())
    assert result.returncode == 0, result.stderr
    return result.stdout


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    return env


@pytest.fixture
def server(database_url: str, tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    log = (tmp_path / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "gridstation.server", "serve", "--db", database_url, "--port", str(port)],
        cwd=REPO_ROOT, env=_env(), stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, (tmp_path / "server.log").read_text()
            try:
                if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(15)
        log.close()


def test_enrol_push_pull_over_http(server: str, database_url: str) -> None:
    _cli(database_url, "district", "add-street", "230204001", "站前街道")
    _cli(database_url, "district", "add-community", "230204001003", "新兴社区")
    _cli(database_url, "district", "add-grid", GRID, "第一网格")
    code = re.search(r"enrolment code:\s+(\S+)", _cli(database_url, "station", "add", "--name", "新兴", "--grid",
                                                      GRID)).group(1)  # type: ignore[union-attr]
    envelope = {"protocol": PROTOCOL, "app_version": "0.1.0"}
    with httpx.Client(base_url=server, timeout=10) as client:
        enrolled = client.post("/api/v1/enrol", json={**envelope, "code": code, "station_name": "新兴"}).json()
        headers = {"Authorization": f"Bearer {enrolled['token']}"}
        payload = {"id": "r1", "grid_code": GRID, "author": "u1", "created_at": "t", "updated_at": "t",
                   "title": "巡查", "version": 1, "deleted": False}
        op = {"op_id": "o1", "kind": "todo", "record_id": "r1", "op": "create", "base_version": 0, "version": 1,
              "changed": ["title"], "payload": payload, "actor": "u1", "grid_code": GRID, "created_at": "t"}
        batch = {**envelope, "batch_id": "b1", "ops": [op]}
        first = client.post("/api/v1/push", json=batch, headers=headers)
        again = client.post("/api/v1/push", json=batch, headers=headers)
        assert first.status_code == 200 and again.content == first.content
        assert first.json()["results"][0]["status"] == "applied"
        page = client.post("/api/v1/pull", json={**envelope, "cursor": 0}, headers=headers).json()
        assert [c["record_id"] for c in page["changes"]] == ["r1"] and page["cursor"] == 1
        assert client.get("/openapi.json").status_code == 200
    listing = _cli(database_url, "station", "list")
    assert "enrolled" in listing and "0.1.0" in listing


def test_a_declared_100_mb_body_is_refused_without_being_sent(server: str) -> None:
    host, port = server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(b"POST /api/v1/push HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 104857600\r\n\r\n{\"protocol\": 1")
        answer = b""
        while b"\r\n\r\n" not in answer or b"}" not in answer:
            chunk = sock.recv(4096)
            if not chunk:
                break
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 413") and b"body_too_large" in answer
