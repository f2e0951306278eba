"""The client's failures are typed (no answer, not TLS, an unverified certificate, a server fault or
refusal, and whether the answer came from a district server at all), against real servers on
loopback: a closed port, some other web server, and our district server at a wrong address. The
messages keep the background sync's wording."""

# ruff: noqa: F811 - fixtures imported from the TLS tests are named as parameters

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from gridstation import __version__
from gridstation.sync import protocol
from gridstation.sync.client import (
    CertificateUnverified,
    NotHttps,
    RequestRefused,
    ServerFault,
    ServerUnreachable,
    SyncClient,
    SyncError,
)

from .conftest import ServerProcess, free_port
from .test_tls import https_server, tls_files  # noqa: F401

ENROL = protocol.EnrolRequest(protocol=protocol.PROTOCOL, app_version=__version__, code="ABCD-EFGH",
                              station_name="新兴社区第三网格服务站")


@pytest.fixture
def other_web_server() -> Iterator[Callable[[int], str]]:
    """Starts web servers that are not GridStation's: each answers every POST with the given HTTP
    status and an HTML page (as http.server itself answers 501 to a POST); returns its address."""
    started: list[ThreadingHTTPServer] = []

    def start(status: int) -> str:
        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                self.send_error(status)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's signature
                pass

        web = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=web.serve_forever, daemon=True).start()
        started.append(web)
        return f"http://127.0.0.1:{web.server_port}"

    yield start
    for web in started:
        web.shutdown()
        web.server_close()


def enrol_error(url: str, ca_bundle: str = "") -> SyncError:
    client = SyncClient(url, ca_bundle=ca_bundle)
    try:
        with pytest.raises(SyncError) as failed:
            client.enrol(ENROL)
    finally:
        client.close()
    return failed.value


def test_a_closed_port_is_unreachable_and_worth_retrying() -> None:
    error = enrol_error(f"http://127.0.0.1:{free_port()}")
    assert isinstance(error, ServerUnreachable) and error.retry
    assert str(error) == ("The district server cannot be reached. The data stays on this PC and will be sent when "
                          "the connection is back.")


@pytest.mark.parametrize(("status", "kind", "retry"), [(501, ServerFault, True), (404, RequestRefused, False)])
def test_another_web_server_is_told_apart_from_the_district_server(
        other_web_server: Callable[[int], str], status: int, kind: type[SyncError], retry: bool) -> None:
    error = enrol_error(other_web_server(status))
    assert isinstance(error, kind) and isinstance(error, RequestRefused | ServerFault)
    assert (error.status, error.ours, error.code, error.retry) == (status, False, "", retry)
    if status == 501:  # the background sync's wording is kept
        assert str(error) == "The district server is busy or has a problem (HTTP 501). Sync will try again."


def test_a_wrong_path_or_https_to_the_plain_http_district_server(server: ServerProcess) -> None:
    error = enrol_error(server.url + "/foo")
    assert isinstance(error, RequestRefused)
    assert (error.status, error.ours, error.code) == (404, True, "not_found")

    error = enrol_error(server.url.replace("http://", "https://"))
    assert isinstance(error, NotHttps) and not isinstance(error, CertificateUnverified) and not error.retry


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
def test_an_unverified_certificate_is_not_taken_for_plain_http(https_server: str,
                                                               tls_files: dict[str, Path]) -> None:
    error = enrol_error(https_server, ca_bundle=str(tls_files["other"]))
    assert isinstance(error, CertificateUnverified) and not isinstance(error, NotHttps)
    assert "certificate could not be verified" in str(error)
