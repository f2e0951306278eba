"""The command line's answers to a database it cannot use, bad ports and limits: one ``error:`` line
and exit code 2, never a traceback; what ``serve`` says when it starts, and where its workers log."""

from __future__ import annotations

import os
import re
import select
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory
from sqlalchemy.engine import make_url

from gridstation.server import database, workers
from tests.server.conftest import pg_base_url, pg_problem

REPO_ROOT = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("GRIDSTATION_SERVER_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    env["XDG_STATE_HOME"] = str(tmp_path / "state")  # the server's log directory, out of the user's
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    return env


def _cli(tmp_path: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gridstation.server", *args], cwd=REPO_ROOT, env=_env(tmp_path),
                          capture_output=True, text=True, timeout=timeout)


def _refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert "Traceback" not in output, output
    for word in words:
        assert word in result.stderr, result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _pg(database_name: str, **parts: str) -> str:
    return make_url(pg_base_url()).set(database=database_name, **parts).render_as_string(hide_password=False)


@pytest.mark.parametrize("command", [["station", "list"], ["serve", "--port", "0"]], ids=["station-list", "serve"])
def test_a_database_that_does_not_exist_is_named_with_what_to_do(tmp_path: Path, command: list[str]) -> None:
    if pg_problem():
        pytest.skip(pg_problem() or "")
    if command[0] == "serve":
        command = ["serve", "--port", str(_free_port())]
    url = _pg("nosuchdb_gridstation", password="s3cret")
    result = _cli(tmp_path, *command, "--db", url)
    _refused(result, "error: Cannot open database postgresql://", "/nosuchdb_gridstation: ",
              'database "nosuchdb_gridstation" does not exist (create it first: createdb ')
    assert "s3cret" not in result.stderr


@pytest.mark.parametrize(("url", "reason"), [
    ("postgresql://postgres:pw@127.0.0.1:{free_port}/x", "Connection refused"),
    ("postgresql://no_such_role_gs@127.0.0.1:5432/x", 'role "no_such_role_gs" does not exist'),
    ("mysql://x@y/z", "runs on SQLite or PostgreSQL, not mysql"),
    ("notaurl", "Could not parse"),
], ids=["refused-port", "unknown-role", "mysql", "not-a-url"])
def test_a_database_that_cannot_be_opened_is_one_error_line(tmp_path: Path, url: str, reason: str) -> None:
    if "5432" in url and pg_problem():
        pytest.skip(pg_problem() or "")
    url = url.format(free_port=_free_port())
    result = _cli(tmp_path, "station", "list", "--db", url)
    _refused(result, "error: Cannot open database ", reason)
    assert ":pw@" not in result.stderr


def test_a_data_directory_that_cannot_be_used_is_named(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    _refused(_cli(tmp_path, "station", "list", "--data-dir", str(blocked / "sub")),
             f"error: Cannot use the data directory {blocked / 'sub'}: ")
    not_a_database = tmp_path / "data-dir"
    not_a_database.mkdir()
    (not_a_database / database.DB_FILE).write_bytes(b"a spreadsheet, not a database" * 100)
    _refused(_cli(tmp_path, "station", "list", "--data-dir", str(not_a_database)),
             "error: Cannot open database sqlite:///", "file is not a database")
    _refused(_cli(tmp_path, "serve", "--port", str(_free_port()), "--data-dir", str(not_a_database)),
             "file is not a database")


def test_a_database_of_a_newer_server_is_refused(database_url: str, tmp_path: Path) -> None:
    engine = database.make_engine(database_url)
    database.migrate(engine)
    with database.write(engine) as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = 'r0099'"))
    engine.dispose()
    for command in (["station", "list"], ["migrate"], ["serve", "--port", str(_free_port())]):
        _refused(_cli(tmp_path, *command, "--db", database_url),
                 "error: the database was written by a newer GridStation server (revision r0099); "
                 "upgrade this server")


def test_head_revision_is_the_newest_migration() -> None:
    assert ScriptDirectory.from_config(database.alembic_config()).get_current_head() == database.HEAD_REVISION


def test_ports_and_limits_are_checked_by_the_parser(tmp_path: Path) -> None:
    for port in ("99999", "0", "-1", "http"):
        _refused(_cli(tmp_path, "serve", "--port", port, "--data-dir", str(tmp_path)),
                 "argument --port: ", "is not a port number (1 to 65535)")
    _refused(_cli(tmp_path, "serve", "--workers", "0", "--data-dir", str(tmp_path)), "argument --workers: ")
    _refused(_cli(tmp_path, "audit", "--limit", "0", "--data-dir", str(tmp_path)),
             "argument --limit: '0' is not a whole number of at least 1")
    result = _cli(tmp_path, "audit", "--limit", "1", "--data-dir", str(tmp_path))
    assert result.returncode == 0 and result.stdout == "", result.stderr  # an empty audit log


@pytest.mark.parametrize("worker_count", [1, 2])
def test_a_taken_port_is_refused_before_the_database_is_touched(tmp_path: Path, worker_count: int) -> None:
    data_dir = tmp_path / "data"
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        result = _cli(tmp_path, "serve", "--port", str(port), "--workers", str(worker_count),
                      "--data-dir", str(data_dir))
    _refused(result, f"error: Cannot listen on 127.0.0.1:{port}: ")
    assert not (data_dir / database.DB_FILE).exists()
    assert result.stdout == ""  # no "district server on …" line for a server that never started


def _start(tmp_path: Path, *args: str) -> tuple[subprocess.Popen[str], str]:
    """``serve`` with ``args``; its first line of output ("" when none came within 60 s)."""
    process = subprocess.Popen([sys.executable, "-m", "gridstation.server", "serve", *args], cwd=REPO_ROOT,
                               env=_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    if not select.select([process.stdout], [], [], 60)[0]:
        _stop(process)
        return process, ""
    return process, process.stdout.readline()


def _stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.terminate()
        process.wait(30)
    for stream in (process.stdout, process.stderr):
        if stream is not None:
            stream.close()


def test_serve_says_where_it_serves_its_database_and_its_log(database_url: str, tmp_path: Path) -> None:
    port = _free_port()
    url = make_url(database_url)
    with_password = url.set(password="s3cret").render_as_string(hide_password=False) if url.host else database_url
    process, line = _start(tmp_path, "--port", str(port), "--db", with_password)
    try:
        log_file = tmp_path / "state" / database.APP_NAME / "log" / "gridstation.log"
        assert line.startswith(f"GridStation district server on http://127.0.0.1:{port} "), line
        assert f"; log {log_file}" in line
        shown = re.search(r"; database (\S+);", line)
        assert shown is not None, line
        assert "s3cret" not in line and make_url(shown.group(1)).database == url.database
        assert process.stderr is not None
        assert not select.select([process.stderr], [], [], 0)[0]  # one worker: nothing to warn of
    finally:
        _stop(process)


def _wait_for_log(log_file: Path, pattern: str, count: int, timeout: float = 30) -> list[str]:
    deadline = time.monotonic() + timeout
    found: list[str] = []
    while time.monotonic() < deadline:
        found = re.findall(pattern, log_file.read_text(encoding="utf-8")) if log_file.exists() else []
        if len(found) >= count:
            return found
        time.sleep(0.2)
    raise AssertionError(f"{pattern!r} {count} times in {log_file}: {found}")


@pytest.mark.skipif(not workers.available(), reason="the supervisor's workers are Linux's")
def test_every_worker_logs_to_the_servers_log_file(tmp_path: Path) -> None:
    port = _free_port()
    process, line = _start(tmp_path, "--port", str(port), "--workers", "2", "--data-dir", str(tmp_path / "data"))
    try:
        log_file = tmp_path / "state" / database.APP_NAME / "log" / "gridstation.log"
        assert f"log {log_file}" in line
        pids = _wait_for_log(log_file, r"INFO uvicorn.error \[MainThread\] Started server process \[(\d+)\]", 2)
        assert str(process.pid) not in pids and len(set(pids)) == 2  # the two workers, not the supervisor
        assert process.stderr is not None
        assert select.select([process.stderr], [], [], 5)[0], "no warning on stderr"  # written before stdout's line
        warning = process.stderr.readline()
        assert warning.startswith("WARNING: 2 workers on SQLite write one transaction at a time"), warning
        assert "Serve SQLite with one worker, or a PostgreSQL database" in warning
    finally:
        _stop(process)


def test_a_worker_that_cannot_start_leaves_its_reason_in_the_log_file(tmp_path: Path) -> None:
    config = {"app": "gridstation.server.no_such_module:app", "factory": True, "log_config": None}
    log_dir = tmp_path / "log"
    with pytest.raises(workers.WorkerFailed, match=f"its reason is above and in {re.escape(str(log_dir))}"):
        workers.run(config, host="127.0.0.1", port=_free_port(), workers=2, log_dir=log_dir)
    assert "ERROR uvicorn.error [MainThread] Error loading ASGI app" in (log_dir / "gridstation.log").read_text()


def test_only_the_supervisor_rotates_the_log_file_the_workers_fill(tmp_path: Path) -> None:
    """A worker's handler appends and follows the file when it is rotated; the supervisor rotates it
    when the workers have filled it, though it logged nothing itself."""
    script = (
        "import logging, multiprocessing, sys, time\n"
        "from pathlib import Path\n"
        "from gridstation import log\n"
        "def worker(directory):\n"
        "    log.setup_logging(Path(directory), rotate=False)\n"
        "    for n in range(2500):\n"
        "        logging.getLogger('worker').info('line %d %s', n, 'x' * 1000)\n"
        # on a busy machine the supervisor may rotate only after the last of those lines
        "    deadline = time.monotonic() + 60\n"
        "    while not (Path(directory) / 'gridstation.log.1').exists() and time.monotonic() < deadline:\n"
        "        time.sleep(0.01)\n"
        "    logging.getLogger('worker').info('after the rotation')\n"
        "if __name__ == '__main__':\n"
        "    directory = Path(sys.argv[1])\n"
        "    log.setup_logging(directory)\n"
        "    process = multiprocessing.get_context('spawn').Process(target=worker, args=(str(directory),))\n"
        "    process.start()\n"
        "    while process.is_alive():\n"
        "        log.rotate_if_due()\n"
        "        process.join(0.01)\n"
        "    log.rotate_if_due()\n"
    )
    (tmp_path / "rotation.py").write_text(script)
    log_dir = tmp_path / "log"
    result = subprocess.run([sys.executable, str(tmp_path / "rotation.py"), str(log_dir)], cwd=REPO_ROOT,
                            env=_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    current = (log_dir / "gridstation.log").read_text(encoding="utf-8")
    rotated = (log_dir / "gridstation.log.1").read_text(encoding="utf-8")
    assert "after the rotation" in current and "line 0 " in rotated
    every = "".join((log_dir / name).read_text(encoding="utf-8") for name in ("gridstation.log", "gridstation.log.1"))
    assert all(f"line {n} " in every for n in range(2500))  # none lost to a file no longer read
    assert len(rotated.encode()) < 3_000_000  # 2 MB, and what the worker wrote before the next check


def test_admin_commands_import_neither_fastapi_nor_uvicorn_nor_alembic(tmp_path: Path) -> None:
    assert _cli(tmp_path, "migrate", "--data-dir", str(tmp_path)).returncode == 0
    probe = ("import sys; from gridstation.server.cli import main; "
             f"code = main(['station', 'list', '--data-dir', {str(tmp_path)!r}]); "
             "print(sorted(m for m in ('fastapi', 'uvicorn', 'alembic') if m in sys.modules), code)")
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO_ROOT, env=_env(tmp_path), capture_output=True,
                            text=True, timeout=60)
    assert result.stdout.splitlines()[-1] == "[] 0", result.stdout + result.stderr


def test_server_settings_have_one_home() -> None:
    from gridstation.server import app

    for name in ("APP_NAME", "ENV_DB", "ENV_DATA_DIR"):
        assert getattr(app, name) == getattr(database, name)
