"""A real district server process on loopback, and stations on real SQLite files."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from gridstation.db import station
from gridstation.db.accounts import SignedIn
from gridstation.db.store import Store
from gridstation.sync.client import SyncClient
from gridstation.sync.engine import SyncEngine, SyncReport, client_for, enrol

GRID_A = "230204001003-001U"
GRID_B = "230204001003-002U"
PASSWORD = "Station#2026"


def sync(target: Station, client: SyncClient | None = None) -> SyncReport:
    """One sync run of ``target`` (through ``client``, e.g. one talking to a proxy; else its own)."""
    client = client or client_for(target.store)
    try:
        return SyncEngine(target.store, client).run()
    finally:
        client.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_cli(data_dir: Path, *args: str) -> str:
    result = subprocess.run([sys.executable, "-m", "gridstation.server", *args, "--data-dir", str(data_dir)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


@dataclass
class ServerProcess:
    data_dir: Path
    port: int
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gridstation.server", "serve", "--data-dir", str(self.data_dir),
             "--port", str(self.port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/api/v1/health", timeout=1).status_code == 200:
                    return
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError("the district server did not start")

    def kill(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait(timeout=30)
            self.proc = None

    def code_for(self, name: str, *grids: str) -> str:
        out = server_cli(self.data_dir, "station", "add", "--name", name, *[a for g in grids for a in ("--grid", g)])
        match = re.search(r"enrolment code:\s+(\S+)", out)
        assert match, out
        return match.group(1)

    def station_id_of(self, name: str) -> str:
        out = server_cli(self.data_dir, "station", "list")
        return out


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ServerProcess]:
    data_dir = tmp_path / "server"
    data_dir.mkdir()
    server_cli(data_dir, "migrate")
    server_cli(data_dir, "district", "add-street", "230204001", "站前街道")
    server_cli(data_dir, "district", "add-community", "230204001003", "新兴社区")
    server_cli(data_dir, "district", "add-grid", GRID_A, "第一网格")
    server_cli(data_dir, "district", "add-grid", GRID_B, "第二网格")
    process = ServerProcess(data_dir, free_port())
    process.start()
    yield process
    process.kill()


@dataclass
class Station:
    store: Store
    user: SignedIn


def make_station(path: Path, name: str, server: ServerProcess, url: str | None = None) -> Station:
    store = Store.open(path)
    user = station.initialize_station(store, station.StationSetup(
        name=name, street_code="230204001", street_name="站前街道", community_code="230204001003",
        community_name="新兴社区", grids=[(GRID_A, "第一网格"), (GRID_B, "第二网格")],
        admin_username="admin", admin_display_name="刘晓梅", admin_password=PASSWORD,
    ))
    enrol(store, server_url=url or server.url, code=server.code_for(name, GRID_A, GRID_B), station_name=name)
    return Station(store, user)


@pytest.fixture
def station_a(tmp_path: Path, server: ServerProcess) -> Iterator[Station]:
    made = make_station(tmp_path / "a", "新兴社区第一网格服务站", server)
    yield made
    made.store.close()


@pytest.fixture
def station_b(tmp_path: Path, server: ServerProcess) -> Iterator[Station]:
    made = make_station(tmp_path / "b", "新兴社区第二网格服务站", server)
    yield made
    made.store.close()
