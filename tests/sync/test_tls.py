"""HTTPS as in production: the station verifies the district server against the certificate
authority configured in its settings, and refuses a server it cannot verify."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from gridstation.db import todos
from gridstation.sync.client import SyncClient, SyncError
from gridstation.sync.engine import SyncEngine, client_for, enrol
from gridstation.sync.state import load_settings

from .conftest import GRID_A, ServerProcess, Station, free_port, make_station, server_cli

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")


def _openssl(directory: Path, *args: str) -> None:
    subprocess.run(["openssl", *args], cwd=directory, check=True, capture_output=True, timeout=60)


@pytest.fixture
def tls_files(tmp_path: Path) -> dict[str, Path]:
    """A throw-away district CA and a server certificate it signed, for 127.0.0.1."""
    d = tmp_path / "tls"
    d.mkdir()
    _openssl(d, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
             "-subj", "/CN=Test District CA")
    _openssl(d, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
             "-subj", "/CN=127.0.0.1")
    (d / "ext.cnf").write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n")
    _openssl(d, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
             "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf")
    _openssl(d, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other.key", "-out", "other.pem",
             "-days", "2", "-subj", "/CN=Someone Else")
    return {name: d / f"{name}.pem" for name in ("ca", "server", "other")} | {"key": d / "server.key"}


@pytest.fixture
def https_server(server: ServerProcess, tls_files: dict[str, Path]) -> Iterator[str]:
    """The same district database served over HTTPS on loopback."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "gridstation.server", "serve", "--data-dir", str(server.data_dir),
                             "--port", str(port), "--ssl-certfile", str(tls_files["server"]),
                             "--ssl-keyfile", str(tls_files["key"])],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"https://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            requests.get(url + "/api/v1/health", timeout=1, verify=str(tls_files["ca"]))
            break
        except requests.RequestException:
            time.sleep(0.2)
    yield url
    proc.kill()
    proc.wait(timeout=30)


def test_a_station_syncs_over_https_verified_by_the_district_ca(tmp_path: Path, server: ServerProcess,
                                                                https_server: str,
                                                                tls_files: dict[str, Path]) -> None:
    target = make_station(tmp_path / "tls-station", "TLS站", server)
    try:
        # the same station, now over HTTPS: a new code for it (which withdraws the plain-HTTP token)
        code = server_cli(server.data_dir, "station", "code", load_settings(target.store).station_id)
        enrol(target.store, server_url=https_server, code=code.split("enrolment code:")[1].split()[0],
              station_name="TLS站", ca_bundle=str(tls_files["ca"]))
        todos.add_todo(target.store, target.user.actor, grid_code=GRID_A, title="经加密连接发送")
        client = client_for(target.store)
        assert client.session.verify == str(tls_files["ca"])
        report = SyncEngine(target.store, client).run()
        client.close()
        assert report.pushed == 1
    finally:
        target.store.close()


@pytest.mark.parametrize("ca", ["other", None])
def test_a_server_the_station_cannot_verify_is_refused(https_server: str, tls_files: dict[str, Path],
                                                      ca: str | None, station_a: Station) -> None:
    client = SyncClient(https_server, ca_bundle=str(tls_files[ca]) if ca else "")
    with pytest.raises(SyncError) as refused:
        client.attachment_state("0" * 64)
    assert "certificate could not be verified" in str(refused.value) and not refused.value.retry
    client.close()
