"""``serve --workers N`` on Linux: N processes, each with a listening socket of its own on the port
(``SO_REUSEPORT``), so that stations' connections are spread over them; a worker that dies is
replaced; SIGTERM stops them all; a port another program holds is one clear error."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from gridstation.server import workers

REPO_ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not workers.available(), reason="SO_REUSEPORT balancing is Linux's")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    return env


def _serve(tmp_path: Path, port: int, worker_count: int) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "gridstation.server", "serve", "--data-dir", str(tmp_path),
                             "--port", str(port), "--workers", str(worker_count)],
                            cwd=REPO_ROOT, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _workers(parent: int) -> list[int]:
    """The worker processes of ``parent`` (spawned multiprocessing children that are not its
    resource tracker)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            command = Path(f"/proc/{entry}/cmdline").read_bytes()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent and b"spawn_main" in command:
            found.append(int(entry))
    return sorted(found)


def _established(pid: int, port: int) -> int:
    """Connections to ``port`` that process ``pid`` holds open."""
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    count = 0
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if int(fields[1].split(":")[1], 16) == port and fields[3] == "01" and fields[9] in inodes:
            count += 1
    return count


def _wait_for(condition, what: str, timeout: float = 30):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = condition()
        except (httpx.TransportError, OSError):
            value = None
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def two_workers(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], int]]:
    port = _free_port()
    process = _serve(tmp_path, port, 2)
    try:
        _wait_for(lambda: httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).status_code == 200,
                  "the server")
        _wait_for(lambda: len(_workers(process.pid)) == 2, "two workers")
        yield process, port
    finally:
        if process.poll() is None:
            process.terminate()  # the workers end with the supervisor
            process.wait(30)


def test_connections_are_spread_over_the_workers(two_workers: tuple[subprocess.Popen[str], int]) -> None:
    process, port = two_workers
    clients = [httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) for _ in range(40)]
    try:
        for client in clients:  # each keeps its connection open, as a syncing station does
            assert client.get("/api/v1/health").status_code == 200
        held = [_established(pid, port) for pid in _workers(process.pid)]
    finally:
        for client in clients:
            client.close()
    # With one shared socket a single process could take all 40; hashed over two sockets, fewer
    # than 8 on one side happens about once in 24,000 runs.
    assert sum(held) == 40 and min(held) >= 8, held


def test_a_dead_worker_is_replaced_and_sigterm_stops_them_all(two_workers: tuple[subprocess.Popen[str], int]) -> None:
    process, port = two_workers
    first, second = _workers(process.pid)
    os.kill(first, signal.SIGKILL)

    def replaced_workers() -> list[int] | None:
        pids = _workers(process.pid)
        return pids if len(pids) == 2 and first not in pids else None

    replaced = _wait_for(replaced_workers, "a new worker")
    assert second in replaced
    for _ in range(10):  # whichever process the kernel picks answers
        assert httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=5).status_code == 200
    process.send_signal(signal.SIGTERM)
    assert process.wait(30) == 0
    output = process.stdout.read() if process.stdout else ""
    assert "ended with code" in output  # the supervisor said what happened
    assert all(not Path(f"/proc/{pid}").exists() for pid in replaced)


def test_a_port_held_by_another_program_is_a_clear_error(tmp_path: Path) -> None:
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        process = _serve(tmp_path, port, 2)
        output, _ = process.communicate(timeout=60)
    assert process.returncode == 2
    assert f"Cannot listen on 127.0.0.1:{port}" in output and "Traceback" not in output


def test_a_tls_file_that_cannot_be_read_is_named_before_any_worker_starts(tmp_path: Path) -> None:
    missing = tmp_path / "missing.pem"
    process = subprocess.Popen([sys.executable, "-m", "gridstation.server", "serve", "--data-dir", str(tmp_path),
                                "--port", str(_free_port()), "--workers", "2", "--ssl-certfile", str(missing),
                                "--ssl-keyfile", str(missing)],
                               cwd=REPO_ROOT, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output, _ = process.communicate(timeout=60)
    assert process.returncode == 2
    assert f"Cannot use the TLS certificate {missing}" in output and "Traceback" not in output, output


def test_a_second_server_on_the_same_port_is_refused(two_workers: tuple[subprocess.Popen[str], int],
                                                     tmp_path: Path) -> None:
    """SO_REUSEPORT would let it share the port: stations would reach either server at random."""
    _, port = two_workers
    other = _serve(tmp_path / "other", port, 2)
    output, _ = other.communicate(timeout=60)
    assert other.returncode == 2
    assert f"Cannot listen on 127.0.0.1:{port}: a server is already listening there" in output, output


def test_workers_that_cannot_start_are_not_restarted_over_and_over() -> None:
    config = {"app": "gridstation.server.no_such_module:app", "factory": True, "log_config": None}
    started = time.monotonic()
    with pytest.raises(workers.WorkerFailed, match="ended with code [0-9]+ before it was ready"):
        workers.run(config, host="127.0.0.1", port=_free_port(), workers=2)
    assert time.monotonic() - started < 30


def test_workers_end_when_the_supervisor_is_killed(two_workers: tuple[subprocess.Popen[str], int]) -> None:
    process, port = two_workers
    pids = _workers(process.pid)
    process.kill()  # SIGKILL: the supervisor cannot stop them itself
    process.wait(15)
    _wait_for(lambda: not any(Path(f"/proc/{pid}").exists() and "Z" not in _state(pid) for pid in pids),
              "the workers to end")
    with pytest.raises(httpx.TransportError):
        httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


def test_replacements_that_cannot_get_ready_are_retried_with_growing_pauses(tmp_path: Path) -> None:
    """After the first start, a worker that cannot get ready does not stop the others: it is
    started again, each time a little later, until it can."""
    block = tmp_path / "block"
    port = _free_port()
    config = {"app": "tests.server.worker_app:app", "factory": True, "log_config": None}
    driver = subprocess.Popen(
        [sys.executable, "-c", "import sys; from gridstation.server import workers; "
         f"workers.run({config!r}, host='127.0.0.1', port={port}, workers=2)"],
        cwd=REPO_ROOT, env={**_env(), "GRIDSTATION_TEST_BLOCK": str(block)}, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True)
    try:
        _wait_for(lambda: len(_workers(driver.pid)) == 2 and httpx.get(f"http://127.0.0.1:{port}/").text == "ok",
                  "two ready workers")
        time.sleep(0.5)  # the supervisor sees them ready
        block.touch()
        first, second = _workers(driver.pid)
        os.kill(first, signal.SIGKILL)
        time.sleep(4)  # replacements fail: after 0.5 s, then 1 s, then 2 s
        assert driver.poll() is None  # still serving
        for _ in range(5):
            assert httpx.get(f"http://127.0.0.1:{port}/", timeout=5).text == "ok"
        block.unlink()
        _wait_for(lambda: len(_workers(driver.pid)) == 2 and second in _workers(driver.pid), "a ready replacement",
                  timeout=20)
        driver.send_signal(signal.SIGTERM)
        output, _ = driver.communicate(timeout=30)
    finally:
        if driver.poll() is None:
            driver.kill()
            driver.communicate()
    assert driver.returncode == 0, output
    assert "starting another in 0.5 s" in output and "starting another in 1 s" in output, output
    assert "blocked by the test" in output


def test_a_worker_that_cannot_even_be_spawned_is_reported_as_it_is(tmp_path: Path) -> None:
    """Spawning needs the working directory; gone, the supervisor must report that error (not
    trip over the worker it never started while cleaning up)."""
    gone = tmp_path / "gone"
    gone.mkdir()
    script = (
        "import os, sys\n"
        "from gridstation.server import workers\n"
        f"os.chdir({str(gone)!r}); os.rmdir({str(gone)!r})\n"
        "try:\n"
        f"    workers.run({{'app': 'x:y'}}, host='127.0.0.1', port={_free_port()}, workers=2)\n"
        "except Exception as exc:\n"
        "    print('raised', type(exc).__name__)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO_ROOT, env=_env(), capture_output=True, text=True,
                            timeout=60)
    assert "raised FileNotFoundError" in result.stdout, result.stdout + result.stderr
